/*
 * test_clv.c - the BG/NBD log-likelihood, p_alive and E(t), the
 * Gamma-Gamma log-likelihood and expected order value, and the CLV sum
 * (include/focuslevel/clv.h) against mpmath at 30 digits.  Every expected
 * value below was printed by
 *
 *   python3 tests/clv_ref/unit_values.py
 *
 * (Debian python3-mpmath 1.2.1), which computes them from the formulas of
 * issue 14 as written (mpmath.beta, gamma, hyp2f1), E(t) also as an
 * integral over the posterior of the dropout probability (mpmath.quad):
 * not from the C code's rearrangements.  Its docstring says which of the
 * two it prints for each parameter set.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <focuslevel/clv.h>

static double worst;   /* the largest relative error seen, for the log */

static void near(double got, double want, double rel, const char *what)
{
	double err = want == 0 ? fabs(got) : fabs(got - want) / fabs(want);
	if (err > worst)
		worst = err;
	if (!(err <= rel)) {
		print_error("%s: got %.17g want %.17g (rel err %.3g > %.3g)\n",
		            what, got, want, err, rel);
		fail();
	}
}

enum { CDNOW, A_IS_1, C_BELOW_A, NO_DROPOUT, LARGE_A, RIDGE };

/* The parameter sets of unit_values.py: CDNOW's estimates (Fader, Hardie
 * & Lee 2005) with alpha in days, a = 1 exactly (the E(t) is 0/0
 * there), a + b - 1 < r (fl_bgnbd_expected's other series), b at the fit's
 * upper bound, a large (z near 1 is slow for it), a and b in the
 * thousands (the fit of the benchmark's uniform dates: every customer
 * drops out with nearly the same probability). */
static const fl_bgnbd sets[] = {
	[CDNOW] = { .r = 0.243, .alpha = 30.898, .a = 0.793, .b = 2.426 },
	[A_IS_1] = { .r = 0.5, .alpha = 20.0, .a = 1.0, .b = 3.0 },
	[C_BELOW_A] = { .r = 5.0, .alpha = 40.0, .a = 0.5, .b = 0.8 },
	[NO_DROPOUT] = { .r = 0.8, .alpha = 15.0, .a = 0.01, .b = 1e6 },
	[LARGE_A] = { .r = 2.0, .alpha = 2.0, .a = 50.0, .b = 200.0 },
	[RIDGE] = { .r = 1.02, .alpha = 68.15, .a = 9999.5, .b = 349951.9 },
};

static const struct {
	int set;
	double x, t_x, T, t;
	double ll, p_alive, e;
} bg_cases[] = {
		{ CDNOW, 0, 0, 200, 365,
		  -0.48874215723496217969, 1.0, 0.3197802996009143013 },
		{ CDNOW, 2, 30.43, 38.86, 365,
		  -10.106888619721972026, 0.76394607411045330884, 4.7629237476350140038 },
		{ CDNOW, 20, 300, 350, 30.416666666666668,
		  -82.014082993018964641, 0.61014287926369729469, 0.95892095956022731629 },
		{ CDNOW, 100, 700, 730, 1095,
		  -307.92856151998386614, 0.69401272830945858476, 68.486719763714730135 },
		{ CDNOW, 1, 0, 0, 365,
		  -4.845385292531446573, 0.75365020192606399805, 4.6012099305490337616 },
		{ A_IS_1, 0, 0, 200, 365,
		  -1.198947636399185272, 1.0, 0.65686370933261139217 },
		{ A_IS_1, 2, 30.43, 38.86, 365,
		  -9.1752453902192114179, 0.73103018580438263323, 4.9602236575623461487 },
		{ A_IS_1, 20, 300, 350, 30.416666666666668,
		  -80.869303020920908275, 0.52867132525232879557, 0.85966894499941313281 },
		{ A_IS_1, 100, 700, 730, 1095,
		  -306.02673936040763423, 0.6276999998957299896, 57.257415741055597703 },
		{ A_IS_1, 1, 0, 0, 365,
		  -3.6888794541139363029, 0.75, 5.7197501298955386218 },
		{ C_BELOW_A, 0, 0, 200, 365,
		  -8.9587973461402750041, 1.0, 3.4828709549358098871 },
		{ C_BELOW_A, 2, 30.43, 38.86, 365,
		  -8.9807194350591244576, 0.62000044346936131054, 8.5750060159392423583 },
		{ C_BELOW_A, 20, 300, 350, 30.416666666666668,
		  -80.297833072058591146, 0.5618813839514824443, 1.0706377190752842931 },
		{ C_BELOW_A, 100, 700, 730, 1095,
		  -302.6301373035675422, 0.75465232415049740513, 87.438627230800725784 },
		{ C_BELOW_A, 1, 0, 0, 365,
		  -2.0794415416798359283, 0.61538461538461539775, 9.6620683829986324188 },
		{ NO_DROPOUT, 0, 0, 200, 365,
		  -2.1300702616203623039, 1.0, 1.3581395141326457144 },
		{ NO_DROPOUT, 2, 30.43, 38.86, 365,
		  -8.6308033740980553684, 0.99999998389407497601, 18.975117934440965725 },
		{ NO_DROPOUT, 20, 300, 350, 30.416666666666668,
		  -78.970994192686954275, 0.99999978579790342125, 1.7333329463055833735 },
		{ NO_DROPOUT, 100, 700, 730, 1095,
		  -301.79720677975747686, 0.99999937011681779898, 148.15550055463082426 },
		{ NO_DROPOUT, 1, 0, 0, 365,
		  -2.9311937524164197663, 0.9999999900000001, 43.799984641279699989 },
		{ LARGE_A, 0, 0, 200, 365,
		  -9.2302410336825189018, 1.0, 2.3069760384435666796 },
		{ LARGE_A, 2, 30.43, 38.86, 365,
		  -11.621184309679692861, 0.61467611024216712602, 3.0892882796202879838 },
		{ LARGE_A, 20, 300, 350, 30.416666666666668,
		  -84.483067831444396156, 0.13085242664718888714, 0.20836925950622193686 },
		{ LARGE_A, 100, 700, 730, 1095,
		  -318.94306076318720146, 0.077273296941136956006, 0.55037509210213265916 },
		{ LARGE_A, 1, 0, 0, 365,
		  0.0, 0.8, 4.0815423124103439267 },
		{ RIDGE, 0, 0, 200, 365,
		  -1.3972320746321203913, 1.0, 1.3373210920332522347 },
		{ RIDGE, 2, 30.43, 38.86, 365,
		  -9.1035714983158948078, 0.96468387315157393673, 8.3068849373607029274 },
		{ RIDGE, 20, 300, 350, 30.416666666666668,
		  -80.375973207867929544, 0.70649533073381472204, 1.0565788605584975604 },
		{ RIDGE, 100, 700, 730, 1095,
		  -308.85077232547412111, 0.42197121046815353838, 14.847345344773817887 },
		{ RIDGE, 1, 0, 0, 365,
		  -4.2019085308463619735, 0.97221986079231807585, 8.5517513283950867465 },
};

static void test_bgnbd(void **state)
{
	(void)state;
	char what[128];
	for (size_t i = 0; i < sizeof bg_cases / sizeof bg_cases[0]; i++) {
		const fl_bgnbd *m = &sets[bg_cases[i].set];
		fl_clv_customer c = { bg_cases[i].x, bg_cases[i].t_x,
		                      bg_cases[i].T, 0 };
		snprintf(what, sizeof what, "set %d x=%g t_x=%g T=%g: ll",
		         bg_cases[i].set, c.x, c.t_x, c.T);
		/* lgamma(b + x) - lgamma(b) at b = 1e6 carries 1e-9 absolute
		 * (at b = 3.5e5, 3e-10). */
		near(fl_bgnbd_log_likelihood(m, &c, 1), bg_cases[i].ll,
		     bg_cases[i].set == NO_DROPOUT || bg_cases[i].set == RIDGE
		     ? 1e-8 : 1e-12, what);
		snprintf(what, sizeof what, "set %d x=%g t_x=%g T=%g: p_alive",
		         bg_cases[i].set, c.x, c.t_x, c.T);
		near(fl_bgnbd_p_alive(m, c.x, c.t_x, c.T), bg_cases[i].p_alive,
		     1e-13, what);
		snprintf(what, sizeof what, "set %d x=%g t_x=%g T=%g: E(%g)",
		         bg_cases[i].set, c.x, c.t_x, c.T, bg_cases[i].t);
		near(fl_bgnbd_expected(m, c.x, c.t_x, c.T, bg_cases[i].t),
		     bg_cases[i].e, 1e-10, what);
	}
	print_message("largest relative error: %.3g\n", worst);
	/* E(0) = 0, and E grows with t. */
	const fl_bgnbd *m = &sets[CDNOW];
	assert_true(fl_bgnbd_expected(m, 2, 30.43, 38.86, 0) == 0);
	assert_true(fl_bgnbd_expected(m, 2, 30.43, 38.86, 10) <
	            fl_bgnbd_expected(m, 2, 30.43, 38.86, 11));
}

/* E(t) of many points in one pass: the same bits as one at a time, in
 * every branch (the sets above reach each), t = 0 and negative t
 * included, over more points than one batch holds. */
static void test_bgnbd_many(void **state)
{
	(void)state;
	double t[40], e[40];
	for (int k = 0; k < 40; k++)
		t[k] = k == 7 ? -3 : k * 365.0 / 12;
	for (size_t i = 0; i < sizeof bg_cases / sizeof bg_cases[0]; i++) {
		const fl_bgnbd *m = &sets[bg_cases[i].set];
		double x = bg_cases[i].x, t_x = bg_cases[i].t_x, T = bg_cases[i].T;
		fl_bgnbd_expected_many(m, x, t_x, T, t, 40, e);
		for (int k = 0; k < 40; k++)
			assert_true(e[k] == fl_bgnbd_expected(m, x, t_x, T, t[k]));
		assert_true(e[0] == 0 && e[7] == 0 && e[1] > 0 && e[39] > e[38]);
	}
}

static void test_gamma_gamma(void **state)
{
	(void)state;
	/* The CDNOW spend estimates of Fader, Hardie & Lee (2005). */
	fl_gamma_gamma m = { .p = 6.25, .q = 3.74, .gamma = 15.44 };
	m.mean_value = m.gamma * m.p / (m.q - 1);
	static const struct {
		double x, mbar, ll, value;
	} cases[] = {
		{ 1, 20.0, -3.5941964929491958075, 24.638487208008897846 },
		{ 5, 35.5, -4.0644026548446051837, 35.47734627831715179 },
		{ 40, 12.25, -4.112716405770774085, 12.499010841180659944 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fl_clv_customer c = { cases[i].x, 0, 100, cases[i].mbar };
		near(fl_gamma_gamma_log_likelihood(&m, &c, 1), cases[i].ll, 1e-13,
		     "Gamma-Gamma ll");
		near(fl_gamma_gamma_expected(&m, c.x, c.mbar), cases[i].value,
		     1e-14, "expected order value");
	}
	/* x = 0 and mbar <= 0: the population mean, gamma p / (q - 1). */
	near(m.mean_value, 35.218978102189777147, 1e-14, "population mean");
	assert_true(fl_gamma_gamma_expected(&m, 0, 0) == m.mean_value);
	assert_true(fl_gamma_gamma_expected(&m, 3, 0) == m.mean_value);
	assert_true(fl_gamma_gamma_expected(&m, 3, -5) == m.mean_value);
	/* p x + q <= 1: no posterior mean; the customer's own mbar. */
	fl_gamma_gamma heavy = { .p = 0.2, .q = 0.5, .gamma = 10,
	                         .mean_infinite = true, .mean_value = 42 };
	assert_true(fl_gamma_gamma_expected(&heavy, 2, 17.5) == 17.5);
	assert_true(fl_gamma_gamma_expected(&heavy, 0, 0) == 42);
	/* Customers with x = 0 or mbar <= 0 add nothing to the likelihood. */
	fl_clv_customer out[] = { { 0, 0, 10, 5 }, { 2, 1, 10, 0 } };
	assert_true(fl_gamma_gamma_log_likelihood(&m, out, 2) == 0);
}

static void test_clv(void **state)
{
	(void)state;
	/* CDNOW's BG/NBD and Gamma-Gamma, the customer x = 2, t_x = 30.43,
	 * T = 38.86, mbar = 35.5; 12 months, d = 10 %, c = 0.4. */
	fl_gamma_gamma gg = { .p = 6.25, .q = 3.74, .gamma = 15.44 };
	gg.mean_value = gg.gamma * gg.p / (gg.q - 1);
	fl_clv_customer c = { 2, 30.43, 38.86, 35.5 };
	fl_clv_terms terms = { 12, 0.10, 0.4 };
	fl_clv_month months[12];
	double v = fl_clv_value(&sets[CDNOW], &gg, &c, &terms, months);
	near(v, 64.697401370003157007, 1e-10, "clv");
	/* The months add up to it, and their orders to E(365). */
	double sum = 0, orders = 0;
	for (int k = 0; k < 12; k++) {
		sum += months[k].value;
		orders += months[k].orders;
	}
	near(sum, v, 1e-15, "sum of the months");
	near(orders, fl_bgnbd_expected(&sets[CDNOW], 2, 30.43, 38.86, 365),
	     1e-13, "orders of the months");
	/* fl_clv_value_orders: the same value, and E(365) to the bit. */
	double e365;
	assert_true(fl_clv_value_orders(&sets[CDNOW], &gg, &c, &terms, NULL,
	                                &e365) == v);
	assert_true(e365 == fl_bgnbd_expected(&sets[CDNOW], 2, 30.43, 38.86,
	                                      12 * (365.0 / 12)));
	/* 40 months (more than one pass), on the set RIDGE too: the months'
	 * orders are E(k m) - E((k-1) m) to the bit. */
	fl_clv_month m40[40];
	fl_clv_terms t40 = { 40, 0.10, 0.4 };
	for (int s = 0; s < 2; s++) {
		const fl_bgnbd *bg = &sets[s == 0 ? CDNOW : RIDGE];
		double e40, prev = 0;
		fl_clv_value_orders(bg, &gg, &c, &t40, m40, &e40);
		for (int k = 1; k <= 40; k++) {
			double ek = fl_bgnbd_expected(bg, 2, 30.43, 38.86,
			                              k * (365.0 / 12));
			assert_true(m40[k - 1].orders == ek - prev);
			prev = ek;
		}
		assert_true(e40 == prev);
	}
	/* No months: 0; no margin: 0. */
	terms.months = 0;
	assert_true(fl_clv_value(&sets[CDNOW], &gg, &c, &terms, NULL) == 0);
	assert_true(fl_clv_value_orders(&sets[CDNOW], &gg, &c, &terms, NULL,
	                                &e365) == 0 && e365 == 0);
	terms = (fl_clv_terms){ 12, 0.10, 0 };
	assert_true(fl_clv_value(&sets[CDNOW], &gg, &c, &terms, NULL) == 0);
}

/* The cache of E(k m | alive) by (x, T): the same bits as without it, for
 * customers that share (x, T) but not t_x or mbar (their p_alive and order
 * value differ), for many histories that fight over the slots, for 12 and
 * 40 months (more than one pass), and a cache made for other months or
 * another model is not read. */
static void test_clv_cache(void **state)
{
	(void)state;
	fl_gamma_gamma gg = { .p = 6.25, .q = 3.74, .gamma = 15.44 };
	gg.mean_value = gg.gamma * gg.p / (gg.q - 1);
	const unsigned horizons[] = { 12, 40 };
	for (int s = 0; s < 2; s++) {
		const fl_bgnbd *bg = &sets[s == 0 ? CDNOW : RIDGE];
		for (int h = 0; h < 2; h++) {
			fl_clv_terms terms = { horizons[h], 0.10, 0.4 };
			fl_clv_cache *cache = fl_clv_cache_new(bg, horizons[h]);
			assert_non_null(cache);
			/* 2 passes over 10 000 histories with some
			 * 10 000 distinct (x, T) in 16 384 or 65 536
			 * slots: hundreds of them share a slot, so hits,
			 * misses and replacements all happen. */
			for (int pass = 0; pass < 2; pass++)
				for (int i = 0; i < 70000; i += 7) {
					fl_clv_customer c = {
						(double)(i % 11), 0, 30.0 + i % 6000,
						20.0 + i % 13,
					};
					c.t_x = c.x > 0 ? (double)(i % 17) : 0;
					double e1, e2;
					double v1 = fl_clv_value_orders(bg, &gg, &c,
					                                &terms, NULL,
					                                &e1);
					double v2 = fl_clv_value_cached(bg, &gg, &c,
					                                &terms, cache,
					                                &e2);
					assert_true(v1 == v2 && e1 == e2);
				}
			/* Made for other months: computed, not read. */
			fl_clv_terms other = { horizons[1 - h], 0.10, 0.4 };
			fl_clv_customer c = { 3, 10, 200, 25 };
			double e1, e2;
			assert_true(fl_clv_value_orders(bg, &gg, &c, &other, NULL,
			                                &e1) ==
			            fl_clv_value_cached(bg, &gg, &c, &other, cache,
			                                &e2) && e1 == e2);
			/* Filled for one model, asked under another: not
			 * read (the other model's value, not the memo's). */
			const fl_bgnbd *o = &sets[s == 0 ? RIDGE : CDNOW];
			fl_clv_customer d = { 4, 100, 300, 30 };
			fl_clv_value_cached(bg, &gg, &d, &terms, cache, &e1);
			assert_true(fl_clv_value_orders(o, &gg, &d, &terms, NULL,
			                                &e1) ==
			            fl_clv_value_cached(o, &gg, &d, &terms, cache,
			                                &e2) && e1 == e2);
			fl_clv_cache_free(cache);
		}
	}
	/* No months or too many: no cache; freeing NULL is a no-op. */
	assert_null(fl_clv_cache_new(&sets[CDNOW], 0));
	assert_null(fl_clv_cache_new(&sets[CDNOW], (1u << 20) + 1));
	fl_clv_cache_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bgnbd),
		cmocka_unit_test(test_bgnbd_many),
		cmocka_unit_test(test_gamma_gamma),
		cmocka_unit_test(test_clv),
		cmocka_unit_test(test_clv_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
