/*
 * profit.h - the profit curve ("whale curve" of customer profitability
 * analysis, Kaplan and Cooper): customers ranked by profit, highest first,
 * and the running sum of their profit (docs/model.md, "Profit curve").
 */
#ifndef FOCUSLEVEL_PROFIT_H
#define FOCUSLEVEL_PROFIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fl_profit_curve {
	size_t customers;        /* N */
	double total;            /* S_N */
	double peak;             /* max S_k over k = 1..N (0 when N = 0) */
	size_t peak_customers;   /* the smallest k with S_k = peak */
	bool has_peak_pct;       /* total > 0 */
	double peak_pct;         /* 100 * peak / total */
	double losses;           /* the sum of the negative profits, <= 0 */
	size_t loss_customers;   /* how many are negative */
	bool has_deciles;        /* total > 0 */
	double deciles[10];      /* 100 * S_k / total at k = ceil(N * j / 10) */
} fl_profit_curve;

/*
 * The curve of the profits p[0..n) (in input order): ordered by profit,
 * highest first, ties in input order (equal profits give the same sums in
 * any order); S_k the running sum in that order.  p is sorted in place,
 * highest first; nothing is allocated.
 */
void fl_profit_curve_compute(double *p, size_t n, fl_profit_curve *out);

#ifdef __cplusplus
}
#endif
#endif
