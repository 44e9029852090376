/*
 * clv.h - what a customer is worth from here on: the BG/NBD model of
 * repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers
 * the easy way"), the Gamma-Gamma model of spend (Fader, Hardie & Lee
 * 2005, "RFM and CLV"; Fader & Hardie, "The Gamma-Gamma model of monetary
 * value") and the lifetime value over a horizon (docs/model.md, "Customer
 * value: BG/NBD, Gamma-Gamma, lifetime value").
 *
 * Pure computations on an array the caller fills: the library does not
 * read a portfolio here.  Times are in days, the model's unit.
 */
#ifndef FOCUSLEVEL_CLV_H
#define FOCUSLEVEL_CLV_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One customer's history as of the as-of date. */
typedef struct fl_clv_customer {
	double x;     /* repeat transactions: transactions - 1, an integer >= 0 */
	double t_x;   /* days from the first to the last transaction (0 if x = 0) */
	double T;     /* days from the first transaction to the as-of date */
	double mbar;  /* mean value of the repeat transactions (the spend fit) */
} fl_clv_customer;

/* One month of a horizon in days, m = 365/12: the one definition that
 * E(horizon), the lifetime value's months and explain share. */
#define FL_MONTH_DAYS (365.0 / 12)

/* The bounds of the BG/NBD fit (r and a, alpha in days, b).  A fit that
 * ends on one of them has no interior maximum in that direction. */
#define FL_BGNBD_MIN 1e-4
#define FL_BGNBD_MAX 1e4
#define FL_BGNBD_ALPHA_MIN 1e-2
#define FL_BGNBD_ALPHA_MAX 1e8
#define FL_BGNBD_B_MAX 1e6

/* A fitted BG/NBD model. */
typedef struct fl_bgnbd {
	double r, alpha, a, b;   /* alpha in days */
	double log_likelihood;   /* at (r, alpha, a, b), summed over customers */
	size_t customers;        /* customers fitted */
	size_t groups;           /* distinct (x, t_x, T) among them */
	unsigned evaluations;    /* log-likelihood evaluations (a subsample's
	                          * included) */
	/* No customer visibly dropped out: the fit ran to b = FL_BGNBD_B_MAX
	 * or a = FL_BGNBD_MIN (the likelihood still rising as a -> 0,
	 * b -> inf); every figure is still finite. */
	bool no_dropout;
	bool at_bound;           /* any parameter ended on a bound */
} fl_bgnbd;

/*
 * Fit BG/NBD by maximum likelihood over c[0..n), customers with identical
 * (x, t_x, T) counted once with their number as weight (mbar is not
 * read).  Returns FL_OK with *m filled; FL_ERR_INPUT when n is 0 or a
 * customer breaks x integer >= 0, 0 <= t_x <= T finite (m->customers
 * then is the index of the first such customer, or 0); FL_ERR_NOMEM.
 */
fl_status fl_bgnbd_fit(const fl_clv_customer *c, size_t n, fl_bgnbd *m);

/*
 * The same fit, started at start's (r, alpha, a, b) (inside the bounds)
 * with Newton's steps; for a start near the maximum, a subsample's.  The
 * same maximum as fl_bgnbd_fit's (docs/model.md, "The fit"), whose
 * evaluations of a portfolio of more than 40 000 customers are those of
 * a subsample's fit and of this.
 */
fl_status fl_bgnbd_fit_from(const fl_clv_customer *c, size_t n,
                            const fl_bgnbd *start, fl_bgnbd *m);

/* The log-likelihood of m's (r, alpha, a, b) over c[0..n), customer by
 * customer (no grouping): a check of the fit. */
double fl_bgnbd_log_likelihood(const fl_bgnbd *m, const fl_clv_customer *c,
                               size_t n);

/* P(alive at T | x, t_x, T). */
double fl_bgnbd_p_alive(const fl_bgnbd *m, double x, double t_x, double T);

/* E(t): the expected number of purchases in the t days after T, given
 * (x, t_x, T).  t >= 0; NaN only if the hypergeometric series fails
 * (docs/model.md bounds its length). */
double fl_bgnbd_expected(const fl_bgnbd *m, double x, double t_x, double T,
                         double t);

/*
 * E(t[i] | alive) for i < n into out[i] (0 for t[i] <= 0): E(t) before
 * its factor p_alive, which depends on (x, T) alone.  fl_bgnbd_expected
 * is this times fl_bgnbd_p_alive, bit for bit.
 */
void fl_bgnbd_expected_alive_many(const fl_bgnbd *m, double x, double T,
                                  const double *t, size_t n, double *out);

/*
 * E(t[i]) for i < n into out[i], each the same bits as
 * fl_bgnbd_expected(m, x, t_x, T, t[i]) gives, in one pass: the points
 * share the coefficients of their series (and p_alive), so twelve months
 * cost little more than the longest of them.
 */
void fl_bgnbd_expected_many(const fl_bgnbd *m, double x, double t_x,
                            double T, const double *t, size_t n,
                            double *out);

/* The bounds of the Gamma-Gamma fit; gamma in units of the mean mbar of
 * the customers fitted. */
#define FL_GG_MIN 1e-4
#define FL_GG_MAX 1e6

/* A fitted Gamma-Gamma model. */
typedef struct fl_gamma_gamma {
	double p, q, gamma;      /* gamma in the currency of mbar */
	double log_likelihood;
	size_t customers;        /* customers fitted: x >= 1, mbar > 0 */
	unsigned evaluations;    /* a subsample's included */
	bool at_bound;           /* a parameter ended on a bound: no interior
	                          * maximum (spend alike across customers) */
	/* q <= 1: the model's mean spend gamma p / (q - 1) does not exist;
	 * mean_value is then the observed mean of the repeat transactions,
	 * sum(x mbar) / sum(x), over the customers fitted. */
	bool mean_infinite;
	double mean_value;       /* what a customer without history is expected
	                          * to spend per order */
} fl_gamma_gamma;

/*
 * Fit Gamma-Gamma by maximum likelihood over the customers of c[0..n)
 * with x >= 1 and mbar > 0 (the others are left out).  Returns FL_OK;
 * FL_ERR_INPUT when none qualifies; FL_ERR_NOMEM.
 */
fl_status fl_gamma_gamma_fit(const fl_clv_customer *c, size_t n,
                             fl_gamma_gamma *m);

/*
 * The same fit, started at start's (p, q, gamma) (inside the bounds)
 * with Newton's steps (fl_bgnbd_fit_from); fl_gamma_gamma_fit starts a
 * portfolio of more than 40 000 customers from a subsample's fit.
 */
fl_status fl_gamma_gamma_fit_from(const fl_clv_customer *c, size_t n,
                                  const fl_gamma_gamma *start,
                                  fl_gamma_gamma *m);

/* The log-likelihood of m's (p, q, gamma) over the qualifying customers of
 * c[0..n). */
double fl_gamma_gamma_log_likelihood(const fl_gamma_gamma *m,
                                     const fl_clv_customer *c, size_t n);

/*
 * The expected value of a customer's future order: (gamma + mbar x) p /
 * (p x + q - 1) for x >= 1 and mbar > 0, m->mean_value for x = 0 or
 * mbar <= 0.  Where p x + q <= 1 the posterior mean does not exist and
 * the customer's own mbar is returned.
 */
double fl_gamma_gamma_expected(const fl_gamma_gamma *m, double x,
                               double mbar);

/* What turns expected orders into lifetime value. */
typedef struct fl_clv_terms {
	unsigned months;         /* K, the horizon */
	double discount_rate;    /* d, yearly; each month k is discounted by
	                          * (1 + d)^(k/12) */
	double margin_ratio;     /* c = contribution / revenue */
} fl_clv_terms;

/* One month of the horizon (explain). */
typedef struct fl_clv_month {
	double orders;           /* E(k m) - E((k-1) m), m = 365/12 days */
	double value;            /* orders * expected order value * c /
	                          * (1 + d)^(k/12) */
} fl_clv_month;

/*
 * The customer's lifetime value over the horizon:
 *   sum_{k=1..K} (E(k m) - E((k-1) m)) * order_value * c / (1+d)^(k/12),
 * with order_value = fl_gamma_gamma_expected(gg, x, mbar).  When months is
 * not NULL it receives the K terms.  NaN only if E(t) is NaN.
 */
double fl_clv_value(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                    const fl_clv_customer *c, const fl_clv_terms *terms,
                    fl_clv_month *months);

/*
 * A memo of E(k m | alive), k = 1..K, for the lifetime values under one
 * fitted model bg: customers with the same (x, T) share them (a million
 * customers have far fewer distinct histories).  Direct-mapped: a slot
 * holds the last (x, T) that fell into it, so inputs can make it miss but
 * never grow; at most 8 MB of values and 1 MB of keys.  The results are
 * the same bits with or without it.  Not for two threads at once.
 *
 * fl_clv_cache_new copies bg's parameters; it returns NULL for 0 months,
 * for more than 2^20 months, or out of memory (the values are then
 * computed each time).  The caller frees it with fl_clv_cache_free
 * (NULL: nothing).
 */
typedef struct fl_clv_cache fl_clv_cache;

fl_clv_cache *fl_clv_cache_new(const fl_bgnbd *bg, unsigned months);
void fl_clv_cache_free(fl_clv_cache *cache);

/*
 * fl_clv_value, and when orders is not NULL, *orders = E(K m), the
 * expected orders over the horizon (the same bits as fl_bgnbd_expected
 * gives for K m days; 0 for K = 0), at no extra cost.
 */
double fl_clv_value_orders(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                           const fl_clv_customer *c,
                           const fl_clv_terms *terms, fl_clv_month *months,
                           double *orders);

/* fl_clv_value_orders through a cache (NULL: none), the same bits; a
 * cache made for another model or another number of months is not
 * read. */
double fl_clv_value_cached(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                           const fl_clv_customer *c,
                           const fl_clv_terms *terms, fl_clv_cache *cache,
                           double *orders);

#ifdef __cplusplus
}
#endif
#endif
