/*
 * test_quote.c - the one quoting function of messages (fl_quote_add in
 * src/util/diag.c): each class of character escaped, the cut at a
 * character boundary, and the last line of defence that every diagnostic
 * passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/diag.h"

static void check(const char *in, size_t len, size_t max, unsigned flags,
                  const char *want)
{
	char *got = fl_quote(in, len, max, flags);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("quote of %zu bytes (max %zu, flags %u): got [%s], "
		         "want [%s]", len, max, flags, got, want);
	/* Without marks, the output of the function is a fixed point: a
	 * message quoted already passes the last line of defence unchanged. */
	char *again = fl_quote(got, strlen(got), SIZE_MAX, 0);
	assert_non_null(again);
	assert_string_equal(again, got);
	free(again);
	free(got);
}

#define Q(in, want) check(in, sizeof(in) - 1, SIZE_MAX, FL_QUOTE_MARKS, want)
#define BARE(in, want) check(in, sizeof(in) - 1, SIZE_MAX, 0, want)

static void test_classes(void **state)
{
	(void)state;
	Q("plain ASCII 12.50 (x)", "\"plain ASCII 12.50 (x)\"");
	Q("", "\"\"");
	/* C escapes for line feed, tab, carriage return, quote, backslash. */
	Q("a\nb\tc\rd\"e\\f", "\"a\\nb\\tc\\rd\\\"e\\\\f\"");
	/* Every other C0 control, DEL and NUL as \xNN. */
	check("\0\001\033\037\177", 5, SIZE_MAX, FL_QUOTE_MARKS,
	      "\"\\x00\\x01\\x1b\\x1f\\x7f\"");
	/* C1 controls as their two bytes, like the table format. */
	Q("\xc2\x80\xc2\x9b\xc2\x9f", "\"\\xc2\\x80\\xc2\\x9b\\xc2\\x9f\"");
	/* The next character after the C1 range is shown: U+00A0, U+00E9. */
	Q("\xc2\xa0\xc3\xa9", "\"\xc2\xa0\xc3\xa9\"");
	/* Bidi: the overrides and embeddings, the isolates, the marks. */
	Q("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae",
	  "\"\\u202a\\u202b\\u202c\\u202d\\u202e\"");
	Q("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	  "\"\\u2066\\u2067\\u2068\\u2069\"");
	Q("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\"\\u200e\\u200f\\u061c\"");
	/* Zero-width characters, the word joiner, the BOM, line separators. */
	Q("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf",
	  "\"\\u200b\\u200c\\u200d\\u2060\\ufeff\"");
	Q("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"");
	/* Neighbours that are visible stay as they are: U+2010 (hyphen),
	 * U+2030 (per mille), U+20AC (euro), U+FEFE, U+0600. */
	Q("\xe2\x80\x90\xe2\x80\xb0\xe2\x82\xac\xef\xbb\xbe\xd8\x80",
	  "\"\xe2\x80\x90\xe2\x80\xb0\xe2\x82\xac\xef\xbb\xbe\xd8\x80\"");
	/* Bytes that are not UTF-8: a stray continuation byte, a lead byte
	 * cut short, an overlong form, a surrogate. */
	Q("a\x80z", "\"a\\x80z\"");
	Q("a\xe2\x80", "\"a\\xe2\\x80\"");
	Q("\xc0\xaf", "\"\\xc0\\xaf\"");
	Q("\xed\xa0\x80", "\"\\xed\\xa0\\x80\"");
}

static void test_bare(void **state)
{
	(void)state;
	/* Without marks quotes and backslashes stay; the rest as above. */
	BARE("say \"hi\" \\ ok", "say \"hi\" \\ ok");
	BARE("a\033[2Jb\xe2\x80\xae", "a\\x1b[2Jb\\u202e");
	BARE("line\nbreak", "line\\nbreak");
}

static void test_cut(void **state)
{
	(void)state;
	/* Exactly max bytes: no cut. */
	check("abcd", 4, 4, FL_QUOTE_MARKS, "\"abcd\"");
	check("abcde", 5, 4, FL_QUOTE_MARKS, "\"abcd...\"");
	/* A euro sign (3 bytes) across the bound is left out whole. */
	check("ab\xe2\x82\xac", 5, 4, FL_QUOTE_MARKS, "\"ab...\"");
	check("ab\xe2\x82\xac", 5, 5, FL_QUOTE_MARKS, "\"ab\xe2\x82\xac\"");
	/* The bound counts input bytes, not escapes. */
	check("\033\033\033", 3, 2, FL_QUOTE_MARKS, "\"\\x1b\\x1b...\"");
	check("a\xe2\x80\xae", 4, 3, 0, "a...");
	check("a\xe2\x80\xae", 4, 4, 0, "a\\u202e");
	/* max 0: nothing shown but the mark. */
	check("x", 1, 0, FL_QUOTE_MARKS, "\"...\"");
	/* The 40-byte bound of values in messages. */
	char big[100];
	memset(big, 'x', sizeof(big));
	char *got = fl_quote(big, sizeof(big), FL_QUOTE_MAX, FL_QUOTE_MARKS);
	assert_non_null(got);
	assert_int_equal(strlen(got), 1 + FL_QUOTE_MAX + 3 + 1);
	free(got);
}

/* Every diagnostic passes the function: a raw key in a message or a
 * path is stored escaped, and a long path is cut. */
static void test_diags(void **state)
{
	(void)state;
	fl_diags d;
	fl_diags_init(&d, 0);
	assert_int_equal(fl_diags_add(&d, FL_SEV_ERROR, 1, 1,
	                              "customers[0].k\033[2J",
	                              "duplicate key \"%s\"", "q\xe2\x81\xa6"),
	                 FL_OK);
	assert_string_equal(d.items[0].path, "customers[0].k\\x1b[2J");
	assert_string_equal(d.items[0].message, "duplicate key \"q\\u2066\"");
	char path[1000];
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(fl_diags_add(&d, FL_SEV_WARNING, 0, 0, path, "m"),
	                 FL_OK);
	assert_true(strlen(d.items[1].path) < 300);
	assert_string_equal(d.items[1].path + strlen(d.items[1].path) - 3,
	                    "...");
	fl_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_bare),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_diags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
