/*
 * profit.c - the profit curve (profit.h).
 */
#include <focuslevel/profit.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * v[0..n) in descending order, in place and without memory of its own
 * (heapsort: a million profits sorted by qsort took 16 MB more at the
 * report's peak).  Ties need no order: equal profits add up to the same
 * running sums whichever comes first, so the curve is that of "ties in
 * input order".
 */
static void sift_down(double *v, size_t root, size_t n)
{
	double x = v[root];
	for (;;) {
		size_t c = 2 * root + 1;
		if (c >= n)
			break;
		/* A min-heap: the smallest goes to the end, last first. */
		if (c + 1 < n && v[c + 1] < v[c])
			c++;
		if (!(v[c] < x))
			break;
		v[root] = v[c];
		root = c;
	}
	v[root] = x;
}

static void sort_descending(double *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end-- > 1;) {
		double t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

/* 100 * x / total, as written; but 100 * x overflows for profits near
 * the largest double where the percentage is finite: then 100 * (x /
 * total). */
static double percent(double x, double total)
{
	double h = 100.0 * x;
	return isfinite(h) ? h / total : 100.0 * (x / total);
}

void fl_profit_curve_compute(double *p, size_t n, fl_profit_curve *out)
{
	memset(out, 0, sizeof(*out));
	out->customers = n;
	if (n == 0)
		return;
	/* The losses in input order, before the sort moves them. */
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0) {
			out->losses += p[i];
			out->loss_customers++;
		}
	}
	sort_descending(p, n);
	/* S at k = ceil(n * j / 10), j = 1..10, in the order of the ranks. */
	double at[10];
	size_t j = 0;
	double s = 0;
	for (size_t k = 1; k <= n; k++) {
		s += p[k - 1];
		if (k == 1 || s > out->peak) {
			out->peak = s;
			out->peak_customers = k;
		}
		while (j < 10 && k == (n * (j + 1) + 9) / 10)
			at[j++] = s;
	}
	out->total = s;
	if (s > 0) {
		out->has_peak_pct = true;
		out->peak_pct = percent(out->peak, s);
		out->has_deciles = true;
		for (j = 0; j < 10; j++)
			out->deciles[j] = percent(at[j], s);
	}
}
