/*
 * test_clv_sim.c - the fits recover the parameters they were simulated
 * with (tests/unit/clv_sim.h: the BG/NBD and Gamma-Gamma processes, a
 * generator of our own, fixed seeds).
 *
 * Tolerance: each log-parameter within 4 standard errors of its true
 * value, the standard errors from the observed information (the Hessian
 * of the log-likelihood at the fit, by central differences; inverted).
 * Maximum likelihood is asymptotically normal with that covariance, so a
 * correct fit of a correct model misses by more than 4 s.e. with
 * probability 6e-5 per parameter; a wrong likelihood or an optimiser that
 * stops early misses by far more at these sample sizes (30 000
 * customers: s.e. between 1 % and 6 %).  The seeds are fixed, so the test
 * is deterministic; the log shows the errors in standard errors.
 *
 * Also: the fit is a maximum (no step of 1e-4 in any log-parameter
 * raises the log-likelihood, customer by customer), the grouped
 * log-likelihood equals the ungrouped sum, two fits are identical, and
 * data without dropout end on the documented bounds with finite figures;
 * above 40 000 customers, the fits from a subsample's start reach the
 * maximum that Newton finds from the true parameters.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/clv.h>

#include "clv_sim.h"

enum { N_BG = 30000, N_GG = 40000 };

/* The log-likelihood as a function of log-parameters. */
typedef double (*ll_fn)(const double *theta, const fl_clv_customer *c,
                        size_t n);

static double bg_ll(const double *th, const fl_clv_customer *c, size_t n)
{
	fl_bgnbd m = { .r = exp(th[0]), .alpha = exp(th[1]), .a = exp(th[2]),
	               .b = exp(th[3]) };
	return fl_bgnbd_log_likelihood(&m, c, n);
}

static double gg_ll(const double *th, const fl_clv_customer *c, size_t n)
{
	fl_gamma_gamma m = { .p = exp(th[0]), .q = exp(th[1]),
	                     .gamma = exp(th[2]) };
	return fl_gamma_gamma_log_likelihood(&m, c, n);
}

/* Standard errors of the log-parameters at th: the square roots of the
 * diagonal of the inverse of minus the Hessian (Gauss-Jordan). */
static void std_errors(ll_fn f, const double *th, int d,
                       const fl_clv_customer *c, size_t n, double *se)
{
	const double h = 1e-4;
	double H[4][8] = { { 0 } }, t[4];
	double f0 = f(th, c, n);
	for (int i = 0; i < d; i++)
		for (int j = i; j < d; j++) {
			double s[4] = { 0 };
			int sg[4][2] = { { 1, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } };
			for (int k = 0; k < 4; k++) {
				memcpy(t, th, sizeof(double) * (size_t)d);
				t[i] += sg[k][0] * h;
				t[j] += sg[k][1] * h;
				s[k] = f(t, c, n);
			}
			double v = (s[0] - s[1] - s[2] + s[3]) / (4 * h * h);
			if (i == j) {
				memcpy(t, th, sizeof(double) * (size_t)d);
				t[i] += h;
				double fp = f(t, c, n);
				t[i] -= 2 * h;
				double fm = f(t, c, n);
				v = (fp - 2 * f0 + fm) / (h * h);
			}
			H[i][j] = H[j][i] = -v;
		}
	for (int i = 0; i < d; i++)
		H[i][d + i] = 1;
	for (int i = 0; i < d; i++) {
		double p = H[i][i];
		assert_true(p > 0);
		for (int k = 0; k < 2 * d; k++)
			H[i][k] /= p;
		for (int r = 0; r < d; r++)
			if (r != i) {
				double q = H[r][i];
				for (int k = 0; k < 2 * d; k++)
					H[r][k] -= q * H[i][k];
			}
	}
	for (int i = 0; i < d; i++)
		se[i] = sqrt(H[i][d + i]);
}

static void check_recovered(const char *name, const double *fit,
                            const double *truth, const double *se, int d)
{
	static const char *names[2][4] = { { "r", "alpha", "a", "b" },
	                                   { "p", "q", "gamma", "" } };
	for (int i = 0; i < d; i++) {
		double z = (log(fit[i]) - log(truth[i])) / se[i];
		print_message("%s %s: fit %.6g true %.6g, s.e. %.3g %%, off by "
		              "%.2f s.e.\n", name, names[d == 3][i], fit[i],
		              truth[i], 100 * se[i], z);
		assert_true(fabs(z) <= 4);
	}
}

/* No step of 1e-4 in one log-parameter raises the log-likelihood. */
static void check_maximum(ll_fn f, const double *th, int d,
                          const fl_clv_customer *c, size_t n)
{
	double f0 = f(th, c, n), t[4];
	for (int i = 0; i < d; i++)
		for (int s = -1; s <= 1; s += 2) {
			memcpy(t, th, sizeof(double) * (size_t)d);
			t[i] += s * 1e-4;
			assert_true(f(t, c, n) <= f0 + 1e-9 * fabs(f0));
		}
}

static void test_bgnbd_recovers(void **state)
{
	(void)state;
	const fl_bgnbd truth = { .r = 0.5, .alpha = 20, .a = 0.8, .b = 2.5 };
	fl_clv_customer *c = malloc(N_BG * sizeof *c);
	assert_non_null(c);
	sim_rng g;
	sim_seed(&g, 20260114);
	/* Customers first seen over two years before the as-of date, each
	 * observed for T uniform in [180, 720] days. */
	for (size_t i = 0; i < N_BG; i++)
		c[i] = sim_customer(&g, &truth, NULL, 180 + 540 * sim_unif(&g));
	fl_bgnbd m, m2;
	assert_int_equal(fl_bgnbd_fit(c, N_BG, &m), FL_OK);
	assert_false(m.no_dropout);
	assert_false(m.at_bound);
	assert_int_equal(m.customers, N_BG);
	/* The grouped sum is the plain one. */
	double ll = fl_bgnbd_log_likelihood(&m, c, N_BG);
	assert_true(fabs(ll - m.log_likelihood) <= 1e-11 * fabs(ll));
	const double th[4] = { log(m.r), log(m.alpha), log(m.a), log(m.b) };
	const double tr[4] = { truth.r, truth.alpha, truth.a, truth.b };
	const double fit[4] = { m.r, m.alpha, m.a, m.b };
	double se[4];
	std_errors(bg_ll, th, 4, c, N_BG, se);
	check_recovered("BG/NBD", fit, tr, se, 4);
	check_maximum(bg_ll, th, 4, c, N_BG);
	print_message("BG/NBD: %zu groups, %u evaluations, ll %.17g\n",
	              m.groups, m.evaluations, m.log_likelihood);
	/* Deterministic. */
	assert_int_equal(fl_bgnbd_fit(c, N_BG, &m2), FL_OK);
	assert_memory_equal(&m, &m2, sizeof m);
	free(c);
}

static void test_bgnbd_no_dropout(void **state)
{
	(void)state;
	/* Nobody drops out: p ~ Beta(1e-9, 1e9) is 0 in doubles. */
	const fl_bgnbd truth = { .r = 0.5, .alpha = 20, .a = 1e-9, .b = 1e9 };
	enum { N = 5000 };
	fl_clv_customer *c = malloc(N * sizeof *c);
	assert_non_null(c);
	sim_rng g;
	sim_seed(&g, 7);
	for (size_t i = 0; i < N; i++)
		c[i] = sim_customer(&g, &truth, NULL, 180 + 540 * sim_unif(&g));
	fl_bgnbd m;
	assert_int_equal(fl_bgnbd_fit(c, N, &m), FL_OK);
	print_message("no dropout: r %.6g alpha %.6g a %.6g b %.6g ll %.17g\n",
	              m.r, m.alpha, m.a, m.b, m.log_likelihood);
	assert_true(m.no_dropout);
	assert_true(m.at_bound);
	assert_true(isfinite(m.log_likelihood));
	/* r and alpha still found: within 10 % (1 000s of customers). */
	assert_true(fabs(m.r / truth.r - 1) < 0.1);
	assert_true(fabs(m.alpha / truth.alpha - 1) < 0.1);
	for (size_t i = 0; i < N; i += 97) {
		double pa = fl_bgnbd_p_alive(&m, c[i].x, c[i].t_x, c[i].T);
		double e = fl_bgnbd_expected(&m, c[i].x, c[i].t_x, c[i].T, 365);
		assert_true(isfinite(pa) && pa > 0.999 && pa <= 1);
		assert_true(isfinite(e) && e >= 0);
	}
	free(c);
}

static void test_gamma_gamma_recovers(void **state)
{
	(void)state;
	/* CDNOW's estimates (Fader, Hardie & Lee 2005). */
	const fl_gamma_gamma truth = { .p = 6.25, .q = 3.74, .gamma = 15.44 };
	const fl_bgnbd bg = { .r = 0.5, .alpha = 20, .a = 0.8, .b = 2.5 };
	fl_clv_customer *c = malloc(N_GG * sizeof *c);
	assert_non_null(c);
	sim_rng g;
	sim_seed(&g, 99);
	for (size_t i = 0; i < N_GG; i++)
		c[i] = sim_customer(&g, &bg, &truth, 180 + 540 * sim_unif(&g));
	fl_gamma_gamma m;
	assert_int_equal(fl_gamma_gamma_fit(c, N_GG, &m), FL_OK);
	assert_false(m.at_bound);
	assert_false(m.mean_infinite);
	double ll = fl_gamma_gamma_log_likelihood(&m, c, N_GG);
	assert_true(fabs(ll - m.log_likelihood) <= 1e-11 * fabs(ll));
	const double th[3] = { log(m.p), log(m.q), log(m.gamma) };
	const double tr[3] = { truth.p, truth.q, truth.gamma };
	const double fit[3] = { m.p, m.q, m.gamma };
	double se[3];
	std_errors(gg_ll, th, 3, c, N_GG, se);
	print_message("Gamma-Gamma: %zu customers fitted\n", m.customers);
	check_recovered("Gamma-Gamma", fit, tr, se, 3);
	check_maximum(gg_ll, th, 3, c, N_GG);
	free(c);
}

static void test_gamma_gamma_alike(void **state)
{
	(void)state;
	/* Everyone spends exactly 50 per order: no spread across customers,
	 * q and gamma run to their bounds; every figure stays finite. */
	fl_clv_customer c[200];
	for (int i = 0; i < 200; i++)
		c[i] = (fl_clv_customer){ 1 + i % 7, 10, 100, 50 };
	fl_gamma_gamma m;
	assert_int_equal(fl_gamma_gamma_fit(c, 200, &m), FL_OK);
	print_message("alike: p %.6g q %.6g gamma %.6g\n", m.p, m.q, m.gamma);
	assert_true(m.at_bound);
	assert_true(isfinite(m.log_likelihood));
	assert_true(fabs(m.mean_value / 50 - 1) < 1e-3);
	assert_true(fabs(fl_gamma_gamma_expected(&m, 3, 50) / 50 - 1) < 1e-3);
	/* Nobody qualifies: an error, not a model. */
	fl_clv_customer none[2] = { { 0, 0, 10, 0 }, { 3, 2, 10, 0 } };
	assert_int_equal(fl_gamma_gamma_fit(none, 2, &m), FL_ERR_INPUT);
}

/* Above 40 000 customers the fits start from a subsample's (every k-th
 * customer) and refine on all: the maximum is the one Newton finds from
 * the true parameters (fl_*_fit_from), to 1e-12 in ln L, and no step of
 * 1e-4 raises it. */
static void test_subsample_start(void **state)
{
	(void)state;
	enum { N = 50000 };
	const fl_bgnbd truth = { .r = 0.5, .alpha = 20, .a = 0.8, .b = 2.5 };
	const fl_gamma_gamma gtruth = { .p = 6.25, .q = 3.74, .gamma = 15.44 };
	fl_clv_customer *c = malloc(N * sizeof *c);
	assert_non_null(c);
	sim_rng g;
	sim_seed(&g, 4242);
	for (size_t i = 0; i < N; i++)
		c[i] = sim_customer(&g, &truth, &gtruth,
		                    floor(180 + 540 * sim_unif(&g)));
	fl_bgnbd m, m2, m3;
	assert_int_equal(fl_bgnbd_fit(c, N, &m), FL_OK);
	assert_int_equal(fl_bgnbd_fit_from(c, N, &truth, &m2), FL_OK);
	print_message("BG/NBD from a subsample: ll %.17g, %u evaluations; from "
	              "the truth: ll %.17g, %u\n", m.log_likelihood,
	              m.evaluations, m2.log_likelihood, m2.evaluations);
	assert_true(fabs(m.log_likelihood - m2.log_likelihood) <=
	            1e-12 * fabs(m2.log_likelihood));
	const double th[4] = { log(m.r), log(m.alpha), log(m.a), log(m.b) };
	check_maximum(bg_ll, th, 4, c, N);
	assert_int_equal(fl_bgnbd_fit(c, N, &m3), FL_OK);
	assert_memory_equal(&m, &m3, sizeof m);
	fl_gamma_gamma q, q2;
	assert_int_equal(fl_gamma_gamma_fit(c, N, &q), FL_OK);
	assert_int_equal(fl_gamma_gamma_fit_from(c, N, &gtruth, &q2), FL_OK);
	print_message("Gamma-Gamma from a subsample: ll %.17g, %u evaluations; "
	              "from the truth: ll %.17g, %u\n", q.log_likelihood,
	              q.evaluations, q2.log_likelihood, q2.evaluations);
	assert_true(fabs(q.log_likelihood - q2.log_likelihood) <=
	            1e-12 * fabs(q2.log_likelihood));
	const double tg[3] = { log(q.p), log(q.q), log(q.gamma) };
	check_maximum(gg_ll, tg, 3, c, N);
	free(c);
}

static void test_bad_input(void **state)
{
	(void)state;
	fl_bgnbd m;
	fl_clv_customer c[] = { { 1, 5, 10, 0 }, { 1.5, 5, 10, 0 } };
	assert_int_equal(fl_bgnbd_fit(c, 0, &m), FL_ERR_INPUT);
	assert_int_equal(fl_bgnbd_fit(c, 2, &m), FL_ERR_INPUT);
	assert_int_equal(m.customers, 1);
	c[1] = (fl_clv_customer){ 2, 11, 10, 0 };   /* t_x > T */
	assert_int_equal(fl_bgnbd_fit(c, 2, &m), FL_ERR_INPUT);
	c[1] = (fl_clv_customer){ 2, 1, NAN, 0 };
	assert_int_equal(fl_bgnbd_fit(c, 2, &m), FL_ERR_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bgnbd_recovers),
		cmocka_unit_test(test_bgnbd_no_dropout),
		cmocka_unit_test(test_gamma_gamma_recovers),
		cmocka_unit_test(test_gamma_gamma_alike),
		cmocka_unit_test(test_subsample_start),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
