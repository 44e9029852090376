/*
 * test_load_yaml_pending.c - YAML loader bugs that are not fixed yet (see
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

#define Y FL_INPUT_YAML

/*
 * Plain `true` and `false` are booleans in YAML (1.2 core schema), and
 * schema.c rejects a boolean id from JSON ("expected an id (text or a
 * number), found a boolean (true)").  From YAML the same id is accepted as
 * the text "true", so the two formats disagree and `id: true` and
 * `id: "true"` collide as duplicates.
 */
static void test_boolean_id_rejected(void **state)
{
	(void)state;
	static const char *const words[] = { "true", "false", "True", "FALSE" };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char doc[128];
		snprintf(doc, sizeof(doc),
		         "customers:\n  - {id: %s, revenue: 1, cost: 1}\n", words[i]);
		expect_error(doc, Y, 2, col_of(doc, 2, words[i]), "customers[0].id",
		             "found a boolean");
	}
	/* Quoted, it is text. */
	loaded r;
	expect_ok(&r, "customers:\n  - {id: \"true\", revenue: 1, cost: 1}\n", Y);
	assert_string_equal(r.p->customers[0].id, "true");
	loaded_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boolean_id_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
