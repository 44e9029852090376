#include "util/number.h"

#include "util/c_locale.h"

#include <focuslevel/portfolio.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* strtod on a copy that has a terminator. */
static double slow_strtod(const char *s, size_t len, bool *oom)
{
	char small[64];
	char *tmp = small;
	if (len >= sizeof(small)) {
		tmp = malloc(len + 1);
		if (tmp == NULL) {
			*oom = true;
			return 0;
		}
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	locale_t prev = fl_c_locale_enter();
	double v = strtod(tmp, NULL);
	fl_c_locale_leave(prev);
	if (tmp != small)
		free(tmp);
	return v;
}

/*
 * The common case of order lines and exports, "91.51", "-3.01", "0.4":
 * an optional '-', digits with at most one '.' among them, at most 15
 * digits in all.  Those digits make an integer below 10^15, exact in a
 * double, and 10^frac is exact too, so one division gives the correctly
 * rounded result (Clinger's fast path, as in parse_general), the double
 * strtod gives.  False for anything else, with *out untouched: the
 * general parser decides.  One loop of a few instructions a character:
 * about half the general path's instructions on "91.51" (82 against 161
 * with the call, docs/benchmark.md, "Order lines").
 */
static bool parse_plain(const char *s, size_t len, double *out)
{
	bool neg = len > 0 && s[0] == '-';
	size_t point = len;  /* the index of the '.', len when none */
	uint64_t mant = 0;   /* wraps past 19 digits: refused below */
	for (size_t i = neg; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d < 10)
			mant = mant * 10 + d;
		else if (d == (unsigned)('.' - '0') && point == len)
			point = i;
		else
			return false;
	}
	size_t frac = point < len ? len - point - 1 : 0;
	size_t digits = len - neg - (point < len);
	if (digits == 0 || digits > 15)
		return false;
	double v = (double)(int64_t)mant / pow10_exact[frac];
	*out = neg && mant != 0 ? -v : v;  /* -0 reads as 0 */
	return true;
}

/* Every other number: the whole grammar, strtod when the fast path
 * cannot round.  Out of line, so that the common case above saves no
 * registers for it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static fl_num_status parse_general(const char *s, size_t len, double *out)
{
	/*
	 * One pass checks the syntax and gathers the digits.  A number with at
	 * most 15 significant digits and a small decimal exponent is exactly
	 * mantissa * 10^e with both factors exact doubles, so one
	 * multiplication or division gives the correctly rounded result
	 * (Clinger's fast path), the same double strtod gives.  Anything else
	 * goes to strtod.
	 */
	size_t i = 0, digits = 0;
	bool neg = false;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	uint64_t mant = 0;
	int sig = 0, frac = 0;
	for (; i < len && is_digit(s[i]); i++, digits++) {
		if (mant != 0 || s[i] != '0') {
			mant = sig < 19 ? mant * 10 + (uint64_t)(s[i] - '0') : mant;
			sig++;
		}
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit(s[i]); i++, digits++) {
			if (mant != 0 || s[i] != '0') {
				mant = sig < 19 ? mant * 10 + (uint64_t)(s[i] - '0') : mant;
				sig++;
			}
			frac++;
		}
	}
	if (digits == 0)
		return FL_NUM_SYNTAX;
	long exp = 0;
	bool exp_big = false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool eneg = false;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		size_t ed = 0;
		for (; i < len && is_digit(s[i]); i++, ed++) {
			if (exp < 100000)
				exp = exp * 10 + (s[i] - '0');
			else
				exp_big = true;
		}
		if (ed == 0)
			return FL_NUM_SYNTAX;
		if (eneg)
			exp = -exp;
	}
	if (i != len)
		return FL_NUM_SYNTAX;

	double v;
	long e = exp - frac;
	if (mant == 0) {
		v = 0;
	} else if (sig <= 15 && !exp_big && e >= -22 && e <= 22) {
		v = (double)mant;
		v = e < 0 ? v / pow10_exact[-e] : v * pow10_exact[e];
	} else {
		bool oom = false;
		v = fabs(slow_strtod(s, len, &oom));
		if (oom)
			return FL_NUM_RANGE;
	}
	if (!isfinite(v))
		return FL_NUM_RANGE;
	*out = neg && v != 0 ? -v : v;  /* -0 reads as 0 */
	return FL_NUM_OK;
}

fl_num_status fl_number_parse(const char *s, size_t len, double *out)
{
	if (parse_plain(s, len, out))
		return FL_NUM_OK;
	return parse_general(s, len, out);
}

/* Write the decimal digits of u (at least `min` of them) ending at *end. */
static char *put_uint(char *end, uint64_t u, int min)
{
	int n = 0;
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
		n++;
	} while (u > 0 || n < min);
	return end;
}

size_t fl_fmt_money(char *dst, double v)
{
	/*
	 * The fast path scales by 100 and rounds.  The product carries a
	 * rounding error of half an ulp, far below 1e-3 for |v| < 1e10, so it
	 * is exact unless the scaled value lies near a half cent; those rare
	 * ties, and huge values, go to printf, which rounds the exact binary
	 * value.
	 */
	double r = v * 100.0;
	double fl = floor(r);
	double frac = r - fl;
	if (fabs(v) < 1e10 && fabs(frac - 0.5) > 1e-3) {
		double cents = frac > 0.5 ? fl + 1 : fl;
		bool neg = cents < 0;
		uint64_t u = (uint64_t)(neg ? -cents : cents);
		char tmp[32];
		char *end = tmp + sizeof(tmp);
		char *p = put_uint(end, u % 100, 2);
		*--p = '.';
		p = put_uint(p, u / 100, 1);
		if (neg && u != 0)
			*--p = '-';
		size_t n = (size_t)(end - p);
		memcpy(dst, p, n);
		dst[n] = '\0';
		return n;
	}
	locale_t prev = fl_c_locale_enter();
	int n = snprintf(dst, FL_MONEY_MAX, "%.2f", v);
	fl_c_locale_leave(prev);
	if (strcmp(dst, "-0.00") == 0) {
		memcpy(dst, "0.00", 5);
		n = 4;
	}
	return (size_t)n;
}

size_t fl_fmt_shortest(char *dst, double v)
{
	if (v == 0 || !isfinite(v)) {
		/* -0 prints as 0; inf and nan never reach here from a portfolio. */
		int n = v == 0 ? snprintf(dst, FL_SHORTEST_MAX, "0")
		               : snprintf(dst, FL_SHORTEST_MAX, "%g", v);
		return (size_t)n;
	}
	/* The fewest significant digits that read back as v. */
	char e[FL_SHORTEST_MAX];
	locale_t prev = fl_c_locale_enter();
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	fl_c_locale_leave(prev);
	/*
	 * Written like JSON.stringify writes numbers: positional notation for
	 * decimal exponents from -6 to 20, so that a JSON id such as 1000000
	 * stays "1000000" rather than "1e+06"; otherwise the exponent form
	 * ("1e+300", "5e-324").
	 */
	const char *p = e;
	bool neg = *p == '-';
	if (neg)
		p++;
	char digits[20];
	size_t nd = 0;
	for (; *p != 'e'; p++) {
		if (*p != '.')
			digits[nd++] = *p;
	}
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	long x = strtol(p + 1, NULL, 10);
	if (x < -6 || x > 20) {
		size_t n = strlen(e);
		memcpy(dst, e, n + 1);
		return n;
	}
	char *d = dst;
	if (neg)
		*d++ = '-';
	if (x < 0) {
		*d++ = '0';
		*d++ = '.';
		for (long i = -1; i > x; i--)
			*d++ = '0';
		memcpy(d, digits, nd);
		d += nd;
	} else {
		size_t whole = (size_t)x + 1;
		for (size_t i = 0; i < whole; i++)
			*d++ = i < nd ? digits[i] : '0';
		if (nd > whole) {
			*d++ = '.';
			memcpy(d, digits + whole, nd - whole);
			d += nd - whole;
		}
	}
	*d = '\0';
	return (size_t)(d - dst);
}

