/*
 * model.h - margin, order value, thresholds, tiers, quadrant and level.
 *
 * Pure functions over a loaded portfolio: no I/O.  All arithmetic is IEEE
 * double on unrounded values; sums are taken in input order.
 */
#ifndef FOCUSLEVEL_MODEL_H
#define FOCUSLEVEL_MODEL_H

#include <stddef.h>
#include <stdbool.h>

#include "clv.h"
#include "economics.h"
#include "period.h"
#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fl_tier {
	FL_TIER_LOW = 0,
	FL_TIER_MEDIUM = 1,
	FL_TIER_HIGH = 2
} fl_tier;

typedef enum fl_quadrant {
	FL_QUADRANT_DOG = 0,           /* low value, low margin */
	FL_QUADRANT_QUESTION_MARK,     /* low value, high margin */
	FL_QUADRANT_CASH_COW,          /* high value, low margin */
	FL_QUADRANT_STAR               /* high value, high margin */
} fl_quadrant;

const char *fl_tier_name(fl_tier t);
const char *fl_quadrant_name(fl_quadrant q);

/* The per-customer figures. */
typedef struct fl_metrics {
	double margin;        /* M = R - C */
	double margin_pct;    /* P = 100*M/R, 0 when R = 0 */
	double order_value;   /* V = R/n, 0 when n = 0 */
} fl_metrics;

/* Compute M, P and V for one customer. */
fl_metrics fl_metrics_of(const fl_customer *c);

/*
 * Quantile q (0 <= q <= 1) of n values by linear interpolation between
 * closest ranks (numpy's default, Hyndman-Fan type 7).  The values are
 * reordered in place (selection, O(n) expected).  n must be > 0.
 */
double fl_quantile(double *values, size_t n, double q);

/*
 * What an axis measures.  The margin axis is margin percent P (default) or
 * the margin amount M; the value axis is the average order value V
 * (default), the revenue R or the customer's lifetime value CLV over the
 * policy's horizon (docs/model.md, "Customer value"), which needs order
 * dates for every customer and the plan's fit.
 */
typedef enum fl_basis {
	FL_BASIS_MARGIN_PCT = 0,
	FL_BASIS_MARGIN,
	FL_BASIS_ORDER_VALUE,
	FL_BASIS_REVENUE,
	FL_BASIS_CLV
} fl_basis;

/* The policy-file name of a basis: "percent", "absolute", "average-order",
 * "revenue", "clv". */
const char *fl_basis_name(fl_basis b);

/* How the outputs name the measure of a basis: "margin %", "margin",
 * "order value", "revenue", "CLV"; and with its symbol, as `explain` shows
 * it: "margin percent P", "margin M", "order value V", "revenue R",
 * "lifetime value CLV".  NULL when out of range. */
const char *fl_basis_label(fl_basis b);
const char *fl_basis_symbol(fl_basis b);

/* The value of customer c (with metrics m) on an axis of basis b, for
 * the bases computed from the customer alone; NaN for FL_BASIS_CLV, which
 * is the plan's (fl_plan_axis_value). */
double fl_axis_value(fl_basis b, const fl_customer *c, const fl_metrics *m);

/* Where a threshold came from. */
typedef enum fl_source {
	FL_SOURCE_COMPUTED = 0,  /* a quantile of the portfolio */
	FL_SOURCE_GIVEN          /* set by the caller */
} fl_source;

/* The cuts and split of one axis. */
typedef struct fl_axis {
	double cut_low;          /* a: below it, tier low */
	double cut_high;         /* b: at or above it, tier high */
	double split;            /* s: at or above it, "high" for the quadrant */
	fl_source cuts_source;
	fl_source split_source;
	double q_low, q_high, q_split;  /* quantiles used when computed */
	fl_basis basis;
} fl_axis;

typedef struct fl_thresholds {
	fl_axis margin;          /* on margin percent P (or margin M) */
	fl_axis value;           /* on order value V (or revenue R) */
} fl_thresholds;

/*
 * Thresholds requested by the caller.  A `has_` flag set means the value
 * replaces the computed one.  Initialise with fl_threshold_spec_init.
 */
typedef struct fl_axis_spec {
	bool has_cuts;
	double cut_low, cut_high;
	bool has_split;
	double split;
	double q_low, q_high, q_split;
	fl_basis basis;
} fl_axis_spec;

typedef struct fl_threshold_spec {
	fl_axis_spec margin;
	fl_axis_spec value;
} fl_threshold_spec;

/* Set the default quantiles (1/3, 2/3, 1/2), the default bases (P and V)
 * and no given values. */
void fl_threshold_spec_init(fl_threshold_spec *spec);

/*
 * The classification of one customer, in seven bytes (a million customers
 * are planned in bounded memory): each field holds the enum named beside
 * it.
 */
typedef struct fl_class {
	unsigned char margin_tier;   /* fl_tier */
	unsigned char value_tier;    /* fl_tier */
	unsigned char quadrant;      /* fl_quadrant */
	unsigned char computed;      /* fl_level, from the grid */
	unsigned char level;         /* fl_level: the pin if any, else
	                              * computed, capped when the plan caps */
	unsigned char affordable;    /* fl_level the contribution carries */
	unsigned char unprofitable;  /* 1: not even basic is affordable */
} fl_class;

/* How customers are grouped for their thresholds. */
typedef enum fl_group_by {
	FL_BY_NONE = 0,          /* one group: the whole portfolio */
	FL_BY_SEGMENT            /* one group per segment */
} fl_group_by;

/* "none", "segment"; NULL when out of range.  Parse: false on anything
 * else. */
const char *fl_group_by_name(fl_group_by b);
bool fl_group_by_parse(const char *s, fl_group_by *out);

/* The thresholds of one segment, given (from a thresholds file). */
typedef struct fl_group_spec {
	const char *segment;     /* "" for the customers without one */
	fl_threshold_spec thresholds;
} fl_group_spec;

/* What classifies a portfolio. */
typedef struct fl_plan_spec {
	fl_threshold_spec thresholds;  /* the whole portfolio's */
	fl_econ_params econ;
	fl_group_by by;
	size_t min_group;        /* smaller groups take the whole portfolio's */
	/* With FL_BY_SEGMENT: thresholds given per segment (group_count > 0)
	 * replace the computed ones, and min_group does not apply: a
	 * segment not listed takes the whole portfolio's.  Not owned. */
	const fl_group_spec *groups;
	size_t group_count;
	/* The period, as the plan reports it (not owned; NULL or "": the
	 * portfolio's). */
	const char *period_label;
	fl_period_source period_source;
	/* The as-of day of the loyalty figures (days since 1970-01-01), or
	 * FL_DAY_NONE: no customer has dates and none was given. */
	long as_of;
	/* The lifetime value's horizon K in months (>= 1) and yearly
	 * discount rate d (>= 0): the policy's horizon_months and
	 * discount_rate. */
	unsigned horizon_months;
	double discount_rate;
	/* Fit the customer-value models (BG/NBD, Gamma-Gamma) over the
	 * customers with dates: seconds on a million customers, so only
	 * when the output shows them (false by fl_plan_spec_init). */
	bool value;
} fl_plan_spec;

/* Initialise: default thresholds, no service costs, share 1, no cap, no
 * groups, min_group 20, f = 1 assumed, no as-of day, a horizon of 12
 * months at 10 % a year. */
void fl_plan_spec_init(fl_plan_spec *spec);

/* A group of customers with --by segment. */
typedef struct fl_group {
	const char *segment;     /* "" for the customers without a segment */
	size_t customers;
	bool own;                /* its own thresholds; false: it took the
	                          * whole portfolio's */
	fl_thresholds thresholds;  /* the ones its customers were classified
	                            * by */
} fl_group;

/* How the outputs name a group: the segment, "(none)" for the customers
 * without one, "(all)" when it took the whole portfolio's thresholds. */
const char *fl_group_name(const fl_group *g);

/* The name of the group whose thresholds applied to a customer: "(all)"
 * without groups. */
#define FL_GROUP_ALL "(all)"
#define FL_GROUP_NONE "(none)"

/*
 * The whole plan: the class of every customer, in input order.  The
 * metrics are not kept: fl_metrics_of gives them again, exactly, for less
 * than it costs to store them (fl_econ_of does the same for the cost to
 * serve).
 */
typedef struct fl_plan {
	size_t count;
	fl_class *classes;
	fl_thresholds thresholds;  /* the whole portfolio's */
	fl_econ_params econ;
	const char *period_label;  /* --period's or the portfolio's; "" when
	                            * there is none */
	fl_period_source period_source;
	long as_of;              /* the spec's: FL_DAY_NONE or a day */
	fl_group_by by;
	size_t min_group;
	fl_group *groups;        /* by segment name (byte order), "" last */
	size_t group_count;
	uint32_t *group_of;      /* customer -> groups[]; NULL without groups */
	/*
	 * Customer value (docs/model.md, "Customer value"): when a customer
	 * has dates and there is an as-of day, BG/NBD fitted on every
	 * customer with dates (x, t_x, T as of as_of) and Gamma-Gamma on
	 * those with x >= 1 and mbar > 0.  fl_plan_value_of computes a
	 * customer's figures on demand (through the memo `cache` below);
	 * only a value axis on clv keeps them per customer (`clv`).
	 */
	bool valued;             /* bgnbd is fitted */
	bool spend;              /* gamma_gamma is fitted (some customer has
	                          * x >= 1 and mbar > 0) */
	fl_bgnbd bgnbd;
	fl_gamma_gamma gamma_gamma;
	unsigned horizon_months; /* the spec's */
	double discount_rate;
	/*
	 * With a value axis on FL_BASIS_CLV only (NULL otherwise): every
	 * customer's lifetime value, in input order, 8 bytes per customer.
	 * Its K values of E(t) make it the costly figure, so it is computed
	 * once, before the thresholds, and every reader of the axis takes it
	 * from here (fl_plan_axis_value).
	 */
	double *clv;
	/* With the spend fitted: the lifetime values' memo of E(t | alive)
	 * by (x, T) (clv.h; at most 9 MB), which fl_plan_value_of
	 * fills as it goes; NULL when out of memory.  So a plan is not for
	 * two threads at once. */
	fl_clv_cache *cache;
} fl_plan;

/* The figures of customer value of one customer. */
typedef struct fl_customer_value {
	fl_clv_customer history; /* x, t_x, T (days) and mbar */
	double p_alive;          /* P(alive at as_of) */
	double expected_orders;  /* E(horizon_months * 365/12 days) */
	double expected_order_value;  /* NaN without the spend fit */
	/* The lifetime value over the horizon, margin ratio c = contribution
	 * / revenue (0 when revenue is 0); NaN without the spend fit, or when
	 * it was not asked for (its K values of E(t) are the costly part). */
	double clv;
} fl_customer_value;

/*
 * The customer value of customer c of the plan's portfolio, with its clv
 * when `clv` is set.  False (*out untouched) when the plan has no fit or c
 * has no dates.  The plan is const to the caller, but the clv fills its
 * memo (plan->cache): not for two threads on one plan at once.
 */
bool fl_plan_value_of(const fl_plan *plan, const fl_customer *c, bool clv,
                      fl_customer_value *out);

/*
 * The value of customer i of the plan's portfolio (c, with metrics m) on
 * an axis of basis b: the plan's clv[i] for FL_BASIS_CLV (NaN when the
 * plan has none), else fl_axis_value.  Every reader of an axis value
 * (thresholds, classes, borderline, explain, plot) goes through it.
 */
double fl_plan_axis_value(const fl_plan *plan, fl_basis b, size_t i,
                          const fl_customer *c, const fl_metrics *m);

/* The group of customer i, or NULL without groups. */
const fl_group *fl_plan_group(const fl_plan *plan, size_t i);

/* The thresholds customer i was classified by. */
const fl_thresholds *fl_plan_thresholds_of(const fl_plan *plan, size_t i);

fl_tier fl_tier_of(double v, double cut_low, double cut_high);
fl_level fl_level_of(fl_tier margin_tier, fl_tier value_tier);
/* The quadrant of a customer whose axis values are m (margin axis) and v
 * (value axis). */
fl_quadrant fl_quadrant_of(double m, double v, const fl_thresholds *t);

/*
 * The cuts and split of one axis from the values vals[0..n) of its
 * customers on the axis's basis: the quantiles s asks for (fl_quantile;
 * vals is reordered), or the values s gives.  With n = 0 every computed
 * value is 0.  A result depends only on the multiset of the values, not
 * on their order (up to the sign of a zero result, which every output
 * prints as 0): this is what lets shards merge (partial.h).  One run and a
 * merge both come here.
 */
void fl_axis_compute(double *vals, size_t n, const fl_axis_spec *s,
                     fl_axis *a);

/*
 * Compute the thresholds of a portfolio from `spec` (values given there
 * replace the quantiles).  With no customers every computed value is 0.
 * Returns FL_ERR_NOMEM or FL_OK; FL_ERR_USAGE for an axis on FL_BASIS_CLV,
 * whose values only a plan has (fl_plan_compute).
 */
fl_status fl_thresholds_compute(const fl_portfolio *p,
                                const fl_threshold_spec *spec,
                                fl_thresholds *out);

/*
 * Classify every customer of `p`: thresholds (per group with
 * FL_BY_SEGMENT), grid level, affordable level, final level.  On FL_OK
 * `plan` owns its arrays; release them with fl_plan_release.  Returns
 * FL_ERR_NOMEM on allocation failure (plan is then empty).
 *
 * A value axis on FL_BASIS_CLV fits the customer-value models whatever
 * spec->value says, and fills plan->clv.  It returns FL_ERR_INPUT (plan
 * empty; fl_plan_compute_diags says why) when some customer has no dates
 * or there is no as-of day, when BG/NBD cannot be fitted, or when the
 * spend model cannot (no customer with x >= 1 and mbar > 0).
 */
fl_status fl_plan_compute(const fl_portfolio *p, const fl_plan_spec *spec,
                          fl_plan *plan);

/* fl_plan_compute, with the reason of an FL_ERR_INPUT as one error in d
 * (NULL: none kept). */
fl_status fl_plan_compute_diags(const fl_portfolio *p,
                                const fl_plan_spec *spec, fl_plan *plan,
                                fl_diags *d);

/* Release what fl_plan_compute allocated; safe on a zeroed plan. */
void fl_plan_release(fl_plan *plan);

#ifdef __cplusplus
}
#endif
#endif
