/*
 * profit.c - the profit curve (profit.h).
 */
#include <focuslevel/profit.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ranked {
	double p;
	size_t index;            /* input position: ties keep input order */
};

static int by_profit(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* 100 * x / total, as written; but 100 * x overflows for profits near
 * the largest double where the percentage is finite: then 100 * (x /
 * total). */
static double percent(double x, double total)
{
	double h = 100.0 * x;
	return isfinite(h) ? h / total : 100.0 * (x / total);
}

fl_status fl_profit_curve_compute(const double *p, size_t n,
                                  fl_profit_curve *out)
{
	memset(out, 0, sizeof(*out));
	out->customers = n;
	if (n == 0)
		return FL_OK;
	struct ranked *r = malloc(n * sizeof(*r));
	if (r == NULL)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		r[i].p = p[i];
		r[i].index = i;
		if (p[i] < 0) {
			out->losses += p[i];
			out->loss_customers++;
		}
	}
	qsort(r, n, sizeof(*r), by_profit);
	/* S at k = ceil(n * j / 10), j = 1..10, in the order of the ranks. */
	double at[10];
	size_t j = 0;
	double s = 0;
	for (size_t k = 1; k <= n; k++) {
		s += r[k - 1].p;
		if (k == 1 || s > out->peak) {
			out->peak = s;
			out->peak_customers = k;
		}
		while (j < 10 && k == (n * (j + 1) + 9) / 10)
			at[j++] = s;
	}
	free(r);
	out->total = s;
	if (s > 0) {
		out->has_peak_pct = true;
		out->peak_pct = percent(out->peak, s);
		out->has_deciles = true;
		for (j = 0; j < 10; j++)
			out->deciles[j] = percent(at[j], s);
	}
	return FL_OK;
}
