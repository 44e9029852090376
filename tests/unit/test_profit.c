/*
 * test_profit.c - the profit curve (profit.h), on small portfolios worked
 * out by hand from the definition in docs/model.md: rank by profit, highest
 * first, ties in input order; running sums S_k; the peak and its smallest
 * k; deciles at k = ceil(N j / 10).  All values are small integers, exact
 * in binary, so results are compared exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <focuslevel/profit.h>

static void test_curve(void **state)
{
	(void)state;
	/* Ranked: 30, 10, 10, -5, -20; S = 30, 40, 50, 45, 25. */
	double p[] = { 10, -5, 30, 10, -20 };
	fl_profit_curve c;
	fl_profit_curve_compute(p, 5, &c);
	assert_int_equal(c.customers, 5);
	assert_true(c.total == 25);
	assert_true(c.peak == 50);
	assert_int_equal(c.peak_customers, 3);
	assert_true(c.has_peak_pct);
	assert_true(c.peak_pct == 200);
	assert_true(c.losses == -25);
	assert_int_equal(c.loss_customers, 2);
	assert_true(c.has_deciles);
	/* k = 1, 1, 2, 2, 3, 3, 4, 4, 5, 5. */
	const double want[10] = { 120, 120, 160, 160, 200, 200, 180, 180, 100,
	                          100 };
	for (int j = 0; j < 10; j++)
		assert_true(c.deciles[j] == want[j]);
}

static void test_ties_and_plateau(void **state)
{
	(void)state;
	/* Ranked 5, 0, 0: S = 5, 5, 5; the peak is reached at k = 1. */
	double p[] = { 0, 5, 0 };
	fl_profit_curve c;
	fl_profit_curve_compute(p, 3, &c);
	assert_true(c.peak == 5);
	assert_int_equal(c.peak_customers, 1);
	assert_int_equal(c.loss_customers, 0);
	assert_true(c.losses == 0);
	/* Twenty customers: k = 2, 4, ..., 20. */
	double q[20];
	for (int i = 0; i < 20; i++)
		q[i] = 1;
	fl_profit_curve_compute(q, 20, &c);
	for (int j = 0; j < 10; j++)
		assert_true(c.deciles[j] == 10.0 * (j + 1));
	assert_int_equal(c.peak_customers, 20);
}

static void test_no_positive_total(void **state)
{
	(void)state;
	fl_profit_curve c;
	double neg[] = { -1, -2 };
	fl_profit_curve_compute(neg, 2, &c);
	assert_true(c.total == -3);
	assert_true(c.peak == -1);
	assert_int_equal(c.peak_customers, 1);
	assert_false(c.has_peak_pct);
	assert_false(c.has_deciles);
	assert_true(c.losses == -3);
	assert_int_equal(c.loss_customers, 2);
	double zero[] = { 5, -5 };
	fl_profit_curve_compute(zero, 2, &c);
	assert_true(c.total == 0);
	assert_true(c.peak == 5);
	assert_false(c.has_peak_pct);
	assert_false(c.has_deciles);
	fl_profit_curve_compute(NULL, 0, &c);
	assert_int_equal(c.customers, 0);
	assert_true(c.total == 0);
	assert_int_equal(c.peak_customers, 0);
	assert_false(c.has_deciles);
}

/* Profits near the largest double: 100 * S overflows, the percentage does
 * not.  Ranked 1.5e307, 1e307, -5e306: S = 1.5e307, 2.5e307 (the peak, at
 * k = 2), 2e307 (the total): 125 %; the deciles at k = ceil(3 j / 10) =
 * 1, 1, 1, 2, 2, 2, 3, 3, 3, 3: 75 % first, 100 % last. */
static void test_huge_profits(void **state)
{
	(void)state;
	double p[] = { 1e307, -5e306, 1.5e307 };
	fl_profit_curve c;
	fl_profit_curve_compute(p, 3, &c);
	assert_true(c.total == 2e307);
	assert_true(c.has_peak_pct);
	assert_true(c.peak_pct == 100.0 * (2.5e307 / 2e307));
	assert_int_equal(c.peak_customers, 2);
	assert_true(c.deciles[0] == 100.0 * (1.5e307 / 2e307));
	assert_true(c.deciles[9] == 100.0);
	/* Small profits keep the formula as written, 100 * S / total. */
	double q[] = { 0.1, 0.2 };
	fl_profit_curve_compute(q, 2, &c);
	assert_true(c.peak_pct == 100.0 * (0.1 + 0.2) / (0.1 + 0.2));
	assert_true(c.deciles[0] == 100.0 * 0.2 / (0.2 + 0.1));
}

/* The profits come back sorted, highest first, and the curve is the one
 * of a sort done by hand: 1000 values from a fixed LCG with many ties. */
static void test_sorted_in_place(void **state)
{
	(void)state;
	enum { N = 1000 };
	static double p[N], q[N];
	uint32_t x = 12345;
	for (size_t i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = q[i] = (double)((int)(x >> 16) % 201 - 100);
	}
	fl_profit_curve c;
	fl_profit_curve_compute(p, N, &c);
	for (size_t i = 1; i < N; i++)
		assert_true(p[i - 1] >= p[i]);
	/* Insertion sort of the copy, descending: the same sequence. */
	for (size_t i = 1; i < N; i++) {
		double v = q[i];
		size_t j = i;
		for (; j > 0 && q[j - 1] < v; j--)
			q[j] = q[j - 1];
		q[j] = v;
	}
	double s = 0, peak = q[0];
	size_t peak_k = 1;
	for (size_t k = 1; k <= N; k++) {
		assert_true(p[k - 1] == q[k - 1]);
		s += q[k - 1];
		if (s > peak) {
			peak = s;
			peak_k = k;
		}
	}
	assert_true(c.total == s);
	assert_true(c.peak == peak);
	assert_int_equal(c.peak_customers, peak_k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_curve),
		cmocka_unit_test(test_ties_and_plateau),
		cmocka_unit_test(test_no_positive_total),
		cmocka_unit_test(test_huge_profits),
		cmocka_unit_test(test_sorted_in_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
