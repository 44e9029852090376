/*
 * test_clv_special.c - digamma and 2F1 (src/util/special.h) against
 * mpmath at 30 digits.  Each expected value was printed by
 *
 *   python3 -c 'import mpmath as mp; mp.mp.dps = 30;
 *               print(mp.nstr(mp.hyp2f1(A, B, C, Z), 20))'
 *
 * (Debian python3-mpmath 1.2.1; mpmath reads each Python float exactly, so
 * it sees the same doubles as the C code), and likewise mp.digamma(X)
 * and mp.psi(1, X).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "util/special.h"

static void near(double got, double want, double rel, const char *what)
{
	double err = fabs(got - want) / fabs(want);
	if (!(err <= rel)) {
		print_error("%s: got %.17g want %.17g (rel err %.3g > %.3g)\n",
		            what, got, want, err, rel);
		fail();
	}
}

static void test_hyp2f1(void **state)
{
	(void)state;
	static const struct {
		double a, b, c, z, want;
	} cases[] = {
		/* small parameters, z from 0.3 to 0.999 (z near 1: the
		 * Euler-transformed series when a + b > c) */
		{ 0.5, 2.3, 1.7, 0.3, 1.2818102559585485158 },
		{ 2.0, 3.0, 4.5, 0.9, 12.862862523589223149 },
		{ 1.2434, 3.4, 3.9, 0.99, 68.328114729038969893 },
		{ 0.7, 0.9, 1.3, 0.999, 14.20357245385361647 },
		{ 10.3, 12.5, 11.2, 0.95, 1116029401849326.5156 },
		/* CDNOW-like BG/NBD arguments: r+x, b+x, a+b+x-1 */
		{ 0.243, 2.426, 2.219, 0.5, 1.2070970070440423133 },
		/* parameters in the thousands and the millions */
		{ 1000.243, 1002.426, 1002.219, 0.05, 1.9337940774792603465e+22 },
		{ 50.5, 52.1, 51.3, 0.8, 7.1251285510274196315e+35 },
		{ 3.2, 1500.0, 1502.5, 0.4, 5.1094798647074050723 },
		{ 0.25, 1e6, 1e6 + 0.3, 0.2, 1.0573712436148629054 },
	};
	char what[96];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "2F1(%g, %g; %g; %g)", cases[i].a,
		         cases[i].b, cases[i].c, cases[i].z);
		near(fl_hyp2f1(cases[i].a, cases[i].b, cases[i].c, cases[i].z),
		     cases[i].want, 1e-10, what);
	}
	/* z = 0: 1; outside the domain: NaN. */
	assert_true(fl_hyp2f1(2, 3, 4, 0) == 1);
	assert_true(isnan(fl_hyp2f1(2, 3, 4, 1)));
	assert_true(isnan(fl_hyp2f1(2, 3, -4, 0.5)));
}

static void test_digamma(void **state)
{
	(void)state;
	static const struct {
		double x, want;
	} cases[] = {
		{ 0.1, -10.423754940411076232 },
		{ 1, -0.57721566490153286061 },
		{ 2.5, 0.70315664064524318723 },
		{ 9.99, 2.250700372831201122 },
		{ 10, 2.2517525890667211076 },
		{ 123.4, 4.8113737751162774191 },
		{ 1e6, 13.815510057964190771 },
	};
	char what[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "psi(%g)", cases[i].x);
		near(fl_digamma(cases[i].x), cases[i].want, 1e-14, what);
	}
	assert_true(isnan(fl_digamma(0)));
}

/* mp.psi(1, X) at 30 digits. */
static void test_trigamma(void **state)
{
	(void)state;
	static const struct {
		double x, want;
	} cases[] = {
		{ 0.1, 101.4332991507927477 },
		{ 1, 1.6449340668482264365 },
		{ 2.5, 0.49035775610023486497 },
		{ 9.99, 0.10527695014824178439 },
		{ 10, 0.10516633568168574612 },
		{ 123.4, 0.0081366516108652633096 },
		{ 1e6, 1.0000005000001666667e-6 },
	};
	char what[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "trigamma(%g)", cases[i].x);
		near(fl_trigamma(cases[i].x), cases[i].want, 1e-14, what);
	}
	assert_true(isnan(fl_trigamma(0)));
}

/* mp.loggamma(Z + X) - mp.loggamma(Z) and mp.digamma(Z + X) -
 * mp.digamma(Z) at 40 digits: to 1e-14 of the difference itself, where
 * lgamma(z + x) - lgamma(z) loses up to 1e-9 absolute. */
static void test_differences(void **state)
{
	(void)state;
	static const struct {
		double z, x, lg, psi;
	} cases[] = {
		{ 10, 1, 2.302585092994045684, 0.1 },
		{ 10, 100, 392.82046868106341958, 2.4441754351848145253 },
		{ 123.4, 5, 24.157225144826007075, 0.039877480551086752079 },
		{ 3e5, 5, 63.057722101358358459, 0.000016666555556666654321 },
		{ 349951.9, 100, 1276.5692430056603283, 0.00028571314480513118435 },
		{ 1e6, 1, 13.815510557964274104, 1.0e-6 },
		{ 1e6, 3e6, 43991708.425225141728, 1.3862947361199687438 },
		{ 12.5, 0.5, 1.2528669837254404479, 0.040799362034233301921 },
	};
	char what[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "lgamma ratio(%g, %g)", cases[i].z,
		         cases[i].x);
		near(fl_lgamma_ratio(cases[i].z, cases[i].x), cases[i].lg, 1e-14,
		     what);
		snprintf(what, sizeof what, "digamma diff(%g, %g)", cases[i].z,
		         cases[i].x);
		near(fl_digamma_diff(cases[i].z, cases[i].x), cases[i].psi, 1e-14,
		     what);
	}
	assert_true(fl_lgamma_ratio(5, 0) == 0 && fl_digamma_diff(5e5, 0) == 0);
	/* Below z = 10, the plain differences. */
	assert_true(fl_lgamma_ratio(2.5, 3) == lgamma(5.5) - lgamma(2.5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyp2f1),
		cmocka_unit_test(test_digamma),
		cmocka_unit_test(test_trigamma),
		cmocka_unit_test(test_differences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
