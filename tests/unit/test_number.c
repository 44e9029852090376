/*
 * test_number.c - the number syntax of portfolio files (fl_number_parse) and
 * the two printers (fl_fmt_money, fl_fmt_shortest).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/portfolio.h>

#include "util/number.h"

/* fl_number_parse on a NUL-terminated literal. */
static fl_num_status parse(const char *s, double *out)
{
	return fl_number_parse(s, strlen(s), out);
}

static void check_accept(const char *s, double want)
{
	double v = -12345.0;
	fl_num_status st = parse(s, &v);
	if (st != FL_NUM_OK || v != want)
		fail_msg("\"%s\": status %d value %.17g, expected %.17g", s,
		         (int)st, v, want);
}

static void check_reject(const char *s, fl_num_status want)
{
	double v = 42.0;
	fl_num_status st = parse(s, &v);
	if (st != want)
		fail_msg("\"%s\": status %d, expected %d", s, (int)st, (int)want);
	/* A rejected number must not touch the output. */
	if (v != 42.0)
		fail_msg("\"%s\": output changed to %.17g on rejection", s, v);
}

static void test_parse_accepts(void **state)
{
	(void)state;
	check_accept("12", 12.0);
	check_accept("-3", -3.0);
	check_accept("4.5", 4.5);
	check_accept("1e3", 1000.0);
	check_accept("1E3", 1000.0);
	check_accept("1e+3", 1000.0);
	check_accept("25e-1", 2.5);
	check_accept(".5", 0.5);
	check_accept("5.", 5.0);
	check_accept("+2", 2.0);
	check_accept("0", 0.0);
	check_accept("007", 7.0);
	check_accept("116204.60", 116204.60);
	check_accept("0.1", 0.1);
	check_accept("1.7976931348623157e308", 1.7976931348623157e308);
	check_accept("5e-324", 5e-324);
}

static void test_parse_negative_zero(void **state)
{
	(void)state;
	const char *zeros[] = { "-0", "-0.0", "-.0", "-0e5", "0", "+0" };
	for (size_t i = 0; i < sizeof(zeros) / sizeof(zeros[0]); i++) {
		double v = 1.0;
		assert_int_equal(parse(zeros[i], &v), FL_NUM_OK);
		assert_true(v == 0.0);
		if (signbit(v))
			fail_msg("\"%s\" read as -0", zeros[i]);
	}
}

static void test_parse_rejects_syntax(void **state)
{
	(void)state;
	const char *bad[] = {
		"", " 1", "1 ", "\t1", "1\n", "NaN", "nan", "inf", "-inf",
		"Infinity", ".inf", "0x10", "1_000", "12k", "12,50", "1e", "e5",
		"-", "+", ".", "-.", "1e+", "1.2.3", "--1", "+-1", "1e5.5",
		"1,000", "١", "1 000", "0b101", "1.e", "\xEF\xBC\x91",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_reject(bad[i], FL_NUM_SYNTAX);
}

static void test_parse_rejects_range(void **state)
{
	(void)state;
	check_reject("1e309", FL_NUM_RANGE);
	check_reject("-1e309", FL_NUM_RANGE);
	check_reject("1.8e308", FL_NUM_RANGE);
	/* Just below the overflow threshold still rounds to DBL_MAX. */
	check_accept("1.7976931348623158e308", 1.7976931348623157e308);
}

static void test_parse_uses_length_not_nul(void **state)
{
	(void)state;
	double v = 0;
	/* Only the first two bytes count: "12". */
	assert_int_equal(fl_number_parse("12345", 2, &v), FL_NUM_OK);
	assert_true(v == 12.0);
	/* An embedded NUL is not the end of the number. */
	assert_int_equal(fl_number_parse("1\0" "2", 3, &v), FL_NUM_SYNTAX);
	/* A long number (more than any small stack buffer) still parses. */
	char longnum[400];
	memset(longnum, '0', sizeof(longnum));
	longnum[0] = '1';
	longnum[1] = '.';
	longnum[sizeof(longnum) - 1] = '5';
	assert_int_equal(fl_number_parse(longnum, sizeof(longnum), &v), FL_NUM_OK);
	assert_true(v == 1.0);
	char big[400];
	memset(big, '9', sizeof(big));
	assert_int_equal(fl_number_parse(big, sizeof(big), &v), FL_NUM_RANGE);
	assert_int_equal(fl_number_parse(big, 300, &v), FL_NUM_OK);
	assert_true(v > 9.9e299 && v < 1.1e300);
}

/* fl_number_parse must give exactly the double strtod gives (it has a fast
 * path of its own; the thresholds of docs/model.md depend on every bit). */
static void expect_like_strtod(const char *s)
{
	double v = -1;
	fl_num_status st = fl_number_parse(s, strlen(s), &v);
	double want = strtod(s, NULL);
	if (want == 0)
		want = 0.0;  /* -0 reads as 0 */
	if (st != FL_NUM_OK || memcmp(&v, &want, sizeof(v)) != 0)
		fail_msg("\"%s\": %.17g (status %d), strtod says %.17g", s, v,
		         (int)st, want);
}

static uint64_t rng(void);

static void test_parse_matches_strtod(void **state)
{
	(void)state;
	static const char *const hand[] = {
		"9007199254740993", "9007199254740992", "123456789012345",
		"1234567890123456", "12345678901234567890123", "0.1e23", "1e22",
		"1e23", "123456789012345e-22", "123456789012345e-23", "1e-22",
		"0.000000000000000000000001", "4.35", "116204.60", "80181.20",
		"0.3", "2.675", "1.005", "00000000000000000000000001.5",
		"1.00000000000000000000000001", "7e-1", "-7e-1", "8.41", "999999999999999.9",
		"2.2250738585072011e-308", "4.9406564584124654e-324", "1e-400",
		"0e99999999", "1.7976931348623157e308", "100e-2", "0.0000",
	};
	for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++)
		expect_like_strtod(hand[i]);
	char buf[64];
	for (int i = 0; i < 200000; i++) {
		uint64_t r = rng();
		int ndig = 1 + (int)(r % 19);
		int point = (int)((r >> 8) % (uint64_t)(ndig + 1));
		size_t k = 0;
		if ((r >> 16) & 1)
			buf[k++] = '-';
		for (int d = 0; d < ndig; d++) {
			if (d == point && d > 0)
				buf[k++] = '.';
			buf[k++] = (char)('0' + rng() % 10);
		}
		if ((r >> 20) % 3 == 0)
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "e%d",
			                      (int)((r >> 24) % 61) - 30);
		buf[k] = '\0';
		expect_like_strtod(buf);
	}
}

/*
 * The short plain decimals of exports ("91.51", "-3.01", "0.4", "5.",
 * ".5") have a fast path of their own: every count of digits from 1 to 17
 * (15 is the fast path's limit) on both sides of the point, with leading
 * and trailing zeros, gives exactly strtod's double.
 */
static void test_parse_plain_decimals_match_strtod(void **state)
{
	(void)state;
	static const char *const hand[] = {
		"91.51", "-3.01", "0.4", "-0.4", "0.1", "0.2", "0.3", "1.005",
		"2.675", "-0", "-0.", "-.0", "0.", ".0", "5.", ".5", "-5.", "-.5",
		"000000000000001", "0000000000000001", "0.00000000000001",
		"0.000000000000001", "0.0000000000000001", "999999999999999",
		"9999999999999999", "99999999999999.9", "9999999999999.99",
		"0.999999999999999", "-999999999999999", "123456789012345.",
		".123456789012345", "4503599627370497", "9007199254740993",
		"18446744073709551616", "184467440737095516160.5",
	};
	for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++)
		expect_like_strtod(hand[i]);
	char buf[64];
	for (int i = 0; i < 1000000; i++) {
		uint64_t r = rng();
		int whole = (int)(r % 18), frac = (int)((r >> 8) % 18);
		int point = (r >> 16) % 8 != 0 || whole == 0;
		if (whole == 0 && frac == 0)
			whole = 1;
		size_t k = 0;
		if ((r >> 20) & 1)
			buf[k++] = '-';
		int zeros = (int)((r >> 24) % 4);  /* leading zeros, sometimes */
		for (int d = 0; d < whole; d++)
			buf[k++] = (char)('0' + (d < zeros ? 0 : rng() % 10));
		if (point)
			buf[k++] = '.';
		for (int d = 0; point && d < frac; d++)
			buf[k++] = (char)('0' + rng() % 10);
		buf[k] = '\0';
		expect_like_strtod(buf);
	}
}

/*
 * Any short string of number characters: accepted exactly when strtod
 * reads all of it, with strtod's double (FL_NUM_RANGE where it
 * overflows), else FL_NUM_SYNTAX with the output untouched; the fast path
 * must never accept what the grammar refuses.
 */
static void expect_status_like_strtod(const char *buf, size_t n)
{
	char *end;
	double want = strtod(buf, &end);
	bool ok = n > 0 && end == buf + n;
	double v = 42.0;
	fl_num_status st = fl_number_parse(buf, n, &v);
	fl_num_status want_st = !ok ? FL_NUM_SYNTAX
	                        : isinf(want) ? FL_NUM_RANGE : FL_NUM_OK;
	if (want == 0)
		want = 0.0;  /* -0 reads as 0 */
	if (st != want_st || (st == FL_NUM_OK &&
	                      memcmp(&v, &want, sizeof(v)) != 0) ||
	    (st != FL_NUM_OK && v != 42.0))
		fail_msg("\"%s\" (%zu bytes): status %d value %.17g, expected "
		         "status %d value %.17g", buf, n, (int)st, v,
		         (int)want_st, want_st == FL_NUM_OK ? want : 42.0);
}

static void test_parse_short_strings_like_strtod(void **state)
{
	(void)state;
	static const char alphabet[] = "0123456789012345678901234.-+eE.-";
	char buf[16];
	for (int i = 0; i < 1000000; i++) {
		uint64_t r = rng();
		size_t n = (size_t)(r % 11);
		for (size_t k = 0; k < n; k++)
			buf[k] = alphabet[rng() % (sizeof(alphabet) - 1)];
		buf[n] = '\0';
		expect_status_like_strtod(buf, n);
	}
	/* Every string of up to six of these bytes (the digits' neighbours
	 * '/' and ':', a byte >= 128, a NUL: strtod stops there, so any of
	 * them is a syntax error). */
	static const char some[] = { '0', '9', '.', '-', '+', 'e', '/', ':',
	                             '\xB0', '\0' };
	const size_t ns = sizeof(some);
	for (size_t n = 0; n <= 6; n++) {
		size_t total = 1;
		for (size_t k = 0; k < n; k++)
			total *= ns;
		for (size_t code = 0; code < total; code++) {
			size_t c = code;
			for (size_t k = 0; k < n; k++, c /= ns)
				buf[k] = some[c % ns];
			buf[n] = '\0';
			expect_status_like_strtod(buf, n);
		}
	}
}

static void test_public_number_parse(void **state)
{
	(void)state;
	double v = 0;
	assert_int_equal(fl_number_parse("2.5", 3, &v), FL_NUM_OK);
	assert_true(v == 2.5);
	assert_int_not_equal(fl_number_parse("2.5x", 4, &v), FL_NUM_OK);
	assert_int_not_equal(fl_number_parse("1e309", 5, &v), FL_NUM_OK);
}

/* ---- fl_fmt_money ------------------------------------------------- */

/* What fl_fmt_money promises: printf's "%.2f", but "0.00" for "-0.00". */
static void expect_fixed2(double v)
{
	char want[FL_MONEY_MAX], got[FL_MONEY_MAX];
	snprintf(want, sizeof(want), "%.2f", v);
	if (strcmp(want, "-0.00") == 0)
		strcpy(want, "0.00");
	memset(got, 'X', sizeof(got));
	size_t n = fl_fmt_money(got, v);
	if (strcmp(got, want) != 0 || n != strlen(want))
		fail_msg("fixed2(%.17g) = \"%s\" (len %zu), expected \"%s\"", v,
		         got, n, want);
}

/* A small deterministic generator (xorshift64*), so failures repeat. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static double rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static void test_fixed2_hand_cases(void **state)
{
	(void)state;
	char b[FL_MONEY_MAX];
	assert_int_equal(fl_fmt_money(b, 0.0), 4);
	assert_string_equal(b, "0.00");
	fl_fmt_money(b, -0.0);
	assert_string_equal(b, "0.00");
	fl_fmt_money(b, -0.001);
	assert_string_equal(b, "0.00");
	fl_fmt_money(b, -0.004999);
	assert_string_equal(b, "0.00");
	fl_fmt_money(b, -0.006);
	assert_string_equal(b, "-0.01");
	fl_fmt_money(b, -251.55);
	assert_string_equal(b, "-251.55");
	fl_fmt_money(b, 116204.6);
	assert_string_equal(b, "116204.60");
	/* Exact binary value decides: 2.675 is 2.67499999..., 1.005 is
	 * 1.00499999..., 0.125 is an exact tie (round half to even). */
	fl_fmt_money(b, 2.675);
	assert_string_equal(b, "2.67");
	fl_fmt_money(b, 1.005);
	assert_string_equal(b, "1.00");
	fl_fmt_money(b, 0.125);
	assert_string_equal(b, "0.12");
	fl_fmt_money(b, 0.375);
	assert_string_equal(b, "0.38");
	fl_fmt_money(b, 1e15);
	assert_string_equal(b, "1000000000000000.00");
	fl_fmt_money(b, 9999999999.995);
	expect_fixed2(9999999999.995);
	fl_fmt_money(b, 1.7976931348623157e308);
	assert_int_equal(strlen(b), 309 + 3);
	expect_fixed2(-1.7976931348623157e308);
	expect_fixed2(5e-324);
	expect_fixed2(-5e-324);
}

static void test_fixed2_half_cent_ties(void **state)
{
	(void)state;
	/* Every k/200 for k up to 20000 is within a hair of a half cent
	 * (or exactly on it); negatives too. */
	for (int k = 0; k <= 20000; k++) {
		double v = k / 200.0;
		expect_fixed2(v);
		expect_fixed2(-v);
		/* The neighbouring doubles sit on either side of the tie. */
		expect_fixed2(nextafter(v, 0));
		expect_fixed2(nextafter(v, INFINITY));
	}
	const double ties[] = { 2.675, 0.125, 1.005, 0.005, 0.015, 1.115,
		2.345, 8.325, 10.005, 1234567.125, 99999999.995, 0.045 };
	for (size_t i = 0; i < sizeof(ties) / sizeof(ties[0]); i++) {
		expect_fixed2(ties[i]);
		expect_fixed2(-ties[i]);
	}
}

static void test_fixed2_random_sample(void **state)
{
	(void)state;
	/* Magnitudes from 1e-3 to 1e15, both signs, uniformly in log scale. */
	for (int i = 0; i < 60000; i++) {
		double e = -3.0 + 18.0 * rng_unit();
		double v = pow(10.0, e) * (rng() & 1 ? -1 : 1);
		expect_fixed2(v);
	}
	/* Money-like values: whole cents and cents +- a little. */
	for (int i = 0; i < 30000; i++) {
		double cents = (double)(rng() % 100000000000ULL);
		double v = cents / 100.0;
		double jitter = (double)((int)(rng() % 2001) - 1000) * 1e-6;
		expect_fixed2(v);
		expect_fixed2(v + jitter);
		expect_fixed2(-(v + 0.005));
	}
	/* Raw bit patterns: any finite double (huge ones print slowly). */
	for (int i = 0; i < 3000; i++) {
		uint64_t bits = rng();
		double v;
		memcpy(&v, &bits, sizeof(v));
		if (isfinite(v))
			expect_fixed2(v);
	}
}

/* ---- fl_fmt_shortest ----------------------------------------------- */

static void expect_roundtrip(double v)
{
	char b[FL_SHORTEST_MAX];
	size_t n = fl_fmt_shortest(b, v);
	if (n != strlen(b) || n >= FL_SHORTEST_MAX)
		fail_msg("shortest(%.17g): length %zu for \"%s\"", v, n, b);
	double back = strtod(b, NULL);
	if (back != v)
		fail_msg("shortest(%.17g) = \"%s\" reads back as %.17g", v, b, back);
	/* Every output must also be valid input to the portfolio grammar,
	 * because the JSON loader feeds it to fl_number_parse. */
	double again;
	if (fl_number_parse(b, n, &again) != FL_NUM_OK || again != v)
		fail_msg("shortest(%.17g) = \"%s\" is not a portfolio number", v,
		         b);
}

/* Significant digits of a printed number (mantissa digits without the
 * leading zeros and without trailing zeros of the fraction). */
static int sig_digits(const char *s)
{
	char m[64];
	size_t k = 0;
	for (const char *p = s; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (*p >= '0' && *p <= '9' && k < sizeof(m) - 1)
			m[k++] = *p;
	}
	m[k] = '\0';
	size_t a = 0;
	while (m[a] == '0')
		a++;
	while (k > a && m[k - 1] == '0')
		k--;
	return (int)(k - a);
}

static void test_shortest_hand_cases(void **state)
{
	(void)state;
	char b[FL_SHORTEST_MAX];
	struct { double v; const char *want; } cases[] = {
		{ 0.1, "0.1" },
		{ 1.5, "1.5" },
		{ 100, "100" },
		{ 1e300, "1e+300" },
		{ 5e-324, "5e-324" },
		{ 0.0, "0" },
		{ -0.0, "0" },
		{ -2.5, "-2.5" },
		{ 1.0 / 3, "0.3333333333333333" },
		{ 2.0 / 3, "0.6666666666666666" },
		{ 16.00081898000907, "16.00081898000907" },
		{ 2368.5166666666664, "2368.5166666666664" },
		{ 828.8208333333333, "828.8208333333333" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = fl_fmt_shortest(b, cases[i].v);
		if (strcmp(b, cases[i].want) != 0)
			fail_msg("shortest(%.17g) = \"%s\", expected \"%s\"",
			         cases[i].v, b, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
}

static void test_shortest_whole_numbers_not_exponent(void **state)
{
	(void)state;
	/* Whole numbers up to 1e20 print as digits (as JSON.stringify does):
	 * a JSON id 1000000 must stay "1000000", not "1e+06". */
	char b[FL_SHORTEST_MAX], want[64];
	const double vals[] = { 10, 100, 1000, 100000, 1000000, 12000000,
		123456789, 9007199254740992.0, 1e20, 2e-6, 0.000001 };
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		fl_fmt_shortest(b, vals[i]);
		if (vals[i] >= 1)
			snprintf(want, sizeof(want), "%.0f", vals[i]);
		else
			snprintf(want, sizeof(want), "%.6f", vals[i]);
		if (strcmp(b, want) != 0)
			fail_msg("shortest(%.17g) = \"%s\", expected \"%s\"", vals[i],
			         b, want);
	}
	fl_fmt_shortest(b, 1e21);
	assert_string_equal(b, "1e+21");
	fl_fmt_shortest(b, 1e-7);
	assert_string_equal(b, "1e-07");
}

static void test_shortest_random_roundtrip(void **state)
{
	(void)state;
	char b[FL_SHORTEST_MAX], fewer[64];
	for (int i = 0; i < 10000; i++) {
		uint64_t bits = rng();
		double v;
		memcpy(&v, &bits, sizeof(v));
		if (!isfinite(v))
			continue;
		expect_roundtrip(v);
		/* Minimal: one significant digit fewer does not read back. */
		fl_fmt_shortest(b, v);
		int d = sig_digits(b);
		if (d > 1) {
			snprintf(fewer, sizeof(fewer), "%.*e", d - 2, v);
			if (strtod(fewer, NULL) == v)
				fail_msg("shortest(%.17g) = \"%s\" but \"%s\" also "
				         "reads back", v, b, fewer);
		}
	}
	for (int i = 0; i < 20000; i++) {
		double v = (double)(rng() % 10000000) / 100.0;
		expect_roundtrip(v);
		expect_roundtrip(-v);
	}
	expect_roundtrip(1.7976931348623157e308);
	expect_roundtrip(2.2250738585072014e-308);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_negative_zero),
		cmocka_unit_test(test_parse_rejects_syntax),
		cmocka_unit_test(test_parse_rejects_range),
		cmocka_unit_test(test_parse_uses_length_not_nul),
		cmocka_unit_test(test_parse_matches_strtod),
		cmocka_unit_test(test_parse_plain_decimals_match_strtod),
		cmocka_unit_test(test_parse_short_strings_like_strtod),
		cmocka_unit_test(test_public_number_parse),
		cmocka_unit_test(test_fixed2_hand_cases),
		cmocka_unit_test(test_fixed2_half_cent_ties),
		cmocka_unit_test(test_fixed2_random_sample),
		cmocka_unit_test(test_shortest_hand_cases),
		cmocka_unit_test(test_shortest_whole_numbers_not_exponent),
		cmocka_unit_test(test_shortest_random_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
