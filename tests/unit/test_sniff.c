/*
 * test_sniff.c - the one format sniffer of every input (fl_load_sniff) and
 * the UTF-8 helpers under it: a UTF-8 byte-order mark must change neither
 * the format found nor the positions in messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/diff.h>
#include <focuslevel/policy.h>
#include <focuslevel/portfolio.h>

#include "load/load.h"
#include "util/utf8.h"

#define BOM "\xEF\xBB\xBF"

static fl_input_format sniff(const char *s, size_t *start)
{
	return fl_load_sniff(s, strlen(s), start);
}

static void test_sniff_formats(void **state)
{
	(void)state;
	size_t at = 99;
	assert_int_equal(sniff("{\"a\": 1}", &at), FL_INPUT_JSON);
	assert_int_equal(at, 0);
	assert_int_equal(sniff(" \t\r\n[1]", &at), FL_INPUT_JSON);
	assert_int_equal(at, 4);
	assert_int_equal(sniff("customers: []", &at), FL_INPUT_YAML);
	assert_int_equal(sniff("", &at), FL_INPUT_YAML);
	assert_int_equal(at, 0);
	assert_int_equal(sniff("   ", NULL), FL_INPUT_YAML);
	assert_int_equal(sniff("# {\n", NULL), FL_INPUT_YAML);
}

/* The bug this sniffer fixed: the policy reader had its own, which took a
 * JSON file with a BOM for YAML. */
static void test_sniff_bom(void **state)
{
	(void)state;
	size_t at = 0;
	assert_int_equal(sniff(BOM "{\"margin\": {}}", &at), FL_INPUT_JSON);
	assert_int_equal(at, 3);
	assert_int_equal(sniff(BOM "\n  [", &at), FL_INPUT_JSON);
	assert_int_equal(at, 6);
	assert_int_equal(sniff(BOM "customers:", &at), FL_INPUT_YAML);
	assert_int_equal(at, 3);
	/* A cut-short mark is no mark. */
	assert_int_equal(sniff("\xEF\xBB{", &at), FL_INPUT_YAML);
	assert_int_equal(at, 0);
}

/* The same invalid JSON (a trailing comma) is refused alike with a BOM
 * and without, when the name does not say the format.  The BOM counts as
 * one column, as for portfolios (cli case hostile-json-bom-twice). */
static void test_policy_bom(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"{\"margin\":{\"cuts\":[0.2,0.8],}}",
		BOM "{\"margin\":{\"cuts\":[0.2,0.8],}}",
	};
	for (size_t i = 0; i < 2; i++) {
		fl_diags d;
		fl_diags_init(&d, 0);
		fl_policy *p = NULL;
		fl_status st = fl_policy_load_mem(docs[i], strlen(docs[i]),
		                                  "policy.conf", &p, &d);
		assert_int_equal(st, FL_ERR_INPUT);
		assert_null(p);
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].line, 1);
		assert_int_equal(d.items[0].column, 28 + i);
		assert_non_null(strstr(d.items[0].message, "trailing comma"));
		fl_diags_release(&d);
	}
}

static void test_assign_output_bom(void **state)
{
	(void)state;
	const char *doc = BOM "{\"thresholds\": {}, \"customers\": []}";
	assert_true(fl_diff_is_assign_output(doc, strlen(doc)));
	assert_true(fl_diff_is_assign_output(doc + 3, strlen(doc) - 3));
	doc = BOM "customers: []\nthresholds: {}\n";
	assert_false(fl_diff_is_assign_output(doc, strlen(doc)));
}

static void test_utf8(void **state)
{
	(void)state;
	size_t bad = 0;
	const char *why = NULL;
	assert_true(fl_utf8_valid("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10,
	                          &bad));
	/* Overlong, surrogate, past U+10FFFF, cut short, a lone trail byte. */
	assert_false(fl_utf8_valid("ab\xC0\xAF", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(fl_utf8_valid("\xED\xA0\x80", 3, &bad));
	assert_int_equal(bad, 0);
	assert_false(fl_utf8_valid("x\xF4\x90\x80\x80", 5, &bad));
	assert_int_equal(bad, 1);
	assert_false(fl_utf8_valid("x\xE2\x82", 3, &bad));
	assert_int_equal(bad, 1);
	assert_false(fl_utf8_valid("\x80", 1, &bad));
	assert_int_equal(fl_utf8_char((const unsigned char *)"\xE2\x82\xAC", 3,
	                              &why), 3);
	assert_int_equal(fl_utf8_char((const unsigned char *)"\xE2\x82", 2,
	                              &why), 0);
	assert_string_equal(why, "incomplete UTF-8 octet sequence");
	assert_int_equal(fl_utf8_char((const unsigned char *)"\xE2\x41\x41", 3,
	                              &why), 0);
	assert_string_equal(why, "invalid trailing UTF-8 octet");
	assert_int_equal(fl_utf8_char((const unsigned char *)"\xC1\xBF", 2,
	                              &why), 0);
	assert_string_equal(why, "invalid length of a UTF-8 sequence");
	assert_int_equal(fl_utf8_bom(BOM, 3), 3);
	assert_int_equal(fl_utf8_bom(BOM, 2), 0);

	unsigned long line, col;
	const char *s = "ab\n\xC3\xA9x\ny";
	fl_utf8_position(s, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	fl_utf8_position(s, 5, &line, &col);  /* the x after é */
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff_formats),
		cmocka_unit_test(test_sniff_bom),
		cmocka_unit_test(test_policy_bom),
		cmocka_unit_test(test_assign_output_bom),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
