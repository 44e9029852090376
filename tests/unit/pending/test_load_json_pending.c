/*
 * test_load_json_pending.c - JSON loader bugs that are not fixed yet (see
 * README.md).  Move to tests/unit/ once they pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load_check.h"

#define J FL_INPUT_JSON

/*
 * With --strict, an unknown top-level key in JSON is reported with path ""
 * and line 0 (schema.c fl_schema_top passes "" as the path), so the user is
 * told "unknown key "extra"" with no location at all.  Duplicate top-level
 * keys do carry the key as path ("portfolio"); this should too.
 */
static void test_strict_top_level_key_has_path(void **state)
{
	(void)state;
	const char *doc = "{\"extra\": 1, \"customers\": []}";
	loaded r;
	load_len(&r, doc, strlen(doc), J, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 0, 0, "extra", "unknown key \"extra\"");
	loaded_free(&r);
}

/*
 * RFC 8259 section 6: no leading zeros, and a decimal point needs digits
 * after it.  cJSON is lenient and the loader keeps its answer, so 01, 00,
 * 1. and 1.e5 are read as numbers.  They should be syntax errors, like
 * .5, +1 and 0x10 already are.
 */
static void test_non_json_numbers_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = { "01", "00", "1.", "0.", "1.e5" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char doc[128];
		snprintf(doc, sizeof(doc), "{\"customers\": [{\"id\": \"a\", "
		         "\"cost\": 0, \"revenue\": %s}]}", bad[i]);
		loaded r;
		load_str(&r, doc, J);
		if (r.st != FL_ERR_INPUT || r.d.count == 0 ||
		    r.d.items[0].line != 1 ||
		    strstr(r.d.items[0].message, "JSON syntax error") == NULL)
			fail_msg("revenue %s: status %d, expected a JSON syntax "
			         "error", bad[i], (int)r.st);
		loaded_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strict_top_level_key_has_path),
		cmocka_unit_test(test_non_json_numbers_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
