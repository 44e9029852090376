/*
 * test_markup.c - write/markup.c: the digit grouping of the HTML page
 * (fl_markup_grouped) and the escaping it shares with fl_markup_text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "write/markup.h"

#define G FL_MARKUP_GROUP

static char *grouped(const char *s, size_t len)
{
	int fd;
	fl_out *o = capture_begin(&fd);
	fl_markup_grouped(o, s, len);
	return capture_end(o, fd, NULL);
}

static void check(const char *in, const char *want)
{
	char *got = grouped(in, strlen(in));
	assert_string_equal(got, want);
	free(got);
}

static void test_groups(void **state)
{
	(void)state;
	check("6588744.45", "6" G "588" G "744.45");
	check("-1234", "-1" G "234");
	check("1000", "1" G "000");
	check("999.99", "999.99");
	check("100000.00", "100" G "000.00");
	check("0.25", "0.25");
	check("-0.50", "-0.50");
	check("", "");
	/* Only the integer part: the fraction stays as it is. */
	check("12.34567", "12.34567");
	check("1234.5678", "1" G "234.5678");
}

static void test_rest_escaped(void **state)
{
	(void)state;
	check("82921.25 (23.90%)", "82" G "921.25 (23.90%)");
	check("1234 <b>&", "1" G "234 &lt;b&gt;&amp;");
	/* Not a number: written as text. */
	check("abc1234", "abc1234");
	check("\x01", "\xEF\xBF\xBD");
}

static void test_length_bound(void **state)
{
	(void)state;
	/* A cell is s[0..len): nothing past it is read. */
	char *got = grouped("12345XYZ", 5);
	assert_string_equal(got, "12" G "345");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_rest_escaped),
		cmocka_unit_test(test_length_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
