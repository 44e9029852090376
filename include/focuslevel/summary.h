/*
 * summary.h - the service plan's aggregates: totals, the 3x3 grid, per
 * level and per quadrant figures, and the exceptions a planner must see.
 * Pure computation over a classified portfolio; no I/O.
 */
#ifndef FOCUSLEVEL_SUMMARY_H
#define FOCUSLEVEL_SUMMARY_H

#include <stddef.h>

#include "model.h"
#include "policy.h"
#include "profit.h"
#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fl_cell {
	fl_level level;          /* the grid's level for this cell */
	size_t customers;
	double revenue;
	double margin;
} fl_cell;

typedef struct fl_level_sum {
	size_t customers;
	double share;            /* percent of all customers */
	double revenue;
	double margin;
	double margin_pct;       /* 100*margin/revenue, 0 without revenue */
	double contacts;         /* per year, all customers of the level */
	double contacts_period;  /* in the period: contacts_per_year * f */
	double cost_to_serve;    /* the customers' CTS */
	double contribution;     /* margin - cost_to_serve */
	double service_cost;     /* S_L * customers: the level's service for
	                          * the period */
	double after_service;    /* contribution - service_cost */
} fl_level_sum;

typedef struct fl_quadrant_sum {
	size_t customers;
	double revenue;
	double margin;
	double margin_pct;
} fl_quadrant_sum;

/* A customer near a tier cut: 16 bytes, since with a wide --borderline
 * every customer can be near two cuts; its value on the axis and the cut
 * come from the plan (fl_borderline_value, fl_borderline_cut). */
typedef struct fl_borderline {
	size_t customer;         /* index into the portfolio */
	unsigned char axis;      /* 0 margin axis, 1 value axis */
	unsigned char high;      /* 0: near the low cut, 1: the high one */
	unsigned char moves_to;  /* fl_level: the grid level on the other side */
} fl_borderline;

/* Customer value of a level (or of all levels), over its customers with
 * dates (docs/model.md, "Customer value"). */
typedef struct fl_value_sum {
	size_t customers;        /* customers with dates */
	double p_alive;          /* their mean p_alive; NAN when none */
	double clv;              /* their total lifetime value; NAN without
	                          * the spend fit */
} fl_value_sum;

/* A customer at risk: its figures, so that the writers need not compute
 * its lifetime value again. */
typedef struct fl_at_risk {
	size_t customer;         /* index into the portfolio */
	double p_alive;
	double expected_orders;  /* E(horizon) */
	double clv;              /* NAN without the spend fit */
} fl_at_risk;

/* A customer with room to grow in its wallet. */
typedef struct fl_growth {
	size_t customer;         /* index into the portfolio */
	double wallet_share;     /* percent */
	double untapped;         /* potential - R/f */
} fl_growth;

typedef struct fl_summary {
	size_t customers;
	double revenue, cost, margin, margin_pct;
	double cost_to_serve;    /* sum of the customers' CTS */
	double contribution;     /* margin - cost_to_serve, summed */
	double service_cost;     /* the levels' service for the period */
	double after_service;    /* contribution - service_cost */
	fl_cell grid[3][3];      /* [margin tier][value tier] */
	fl_level_sum levels[FL_LEVEL_PARTNERSHIP + 1];   /* [0] unused */
	fl_quadrant_sum quadrants[4];                    /* by fl_quadrant */
	/* Exceptions: indices into the portfolio, in input order. */
	size_t *loss;            /* margin < 0 */
	size_t loss_count;
	size_t *over_served;     /* after service < 0 */
	size_t over_served_count;
	size_t *pin_differs;     /* pinned to another level than computed */
	size_t pin_differs_count;
	fl_borderline *borderline;
	size_t borderline_count;
	double borderline_pct;   /* the distance used, percent of the cut */
	/* Affordability: customers by [grid level][affordable level], and
	 * the unprofitable ones (not even basic affordable), input order. */
	size_t afford[FL_LEVEL_PARTNERSHIP + 1][FL_LEVEL_PARTNERSHIP + 1];
	size_t *unprofitable;
	size_t unprofitable_count;
	/* Changes from today's level (customers with a current level): the
	 * ones served more (final level above today's) and less, in input
	 * order, with the sums in input order of their cost deltas
	 * S_level - S_current, and their net (more + less). */
	size_t with_current;     /* customers with a current level */
	size_t *serve_more;
	size_t serve_more_count;
	size_t *serve_less;
	size_t serve_less_count;
	size_t same;             /* current level = final level */
	double serve_more_delta; /* >= 0 */
	double serve_less_delta; /* <= 0 */
	double net_delta;
	/* The profit curve of p = after service of each customer. */
	fl_profit_curve curve;
	/* With groups (plan->group_count > 0): customers per final level of
	 * each group, [group][level], [0] unused; NULL without groups. */
	size_t (*group_levels)[FL_LEVEL_PARTNERSHIP + 1];
	size_t group_count;
	/* Customer value (when the plan is valued: fl_plan.valued), per
	 * final level ([0] unused) and over all levels.  Each customer's
	 * lifetime value is computed once, here. */
	fl_value_sum value[FL_LEVEL_PARTNERSHIP + 1];
	fl_value_sum value_total;
	/* At risk: customers at proactive or partnership (final level) with
	 * p_alive < pol->at_risk_below, by lifetime value descending (ties:
	 * input order; a NAN value last), and the sum of their values. */
	fl_at_risk *at_risk;
	size_t at_risk_count;
	double at_risk_clv;      /* NAN without the spend fit */
	/* Growth: customers with a potential (with_potential counts them,
	 * a potential of 0 too) whose wallet share is below
	 * pol->share_below percent, by untapped potential descending (ties:
	 * input order), and the sum of their untapped potential. */
	size_t with_potential;
	fl_growth *growth;
	size_t growth_count;
	double growth_untapped;
	/* When fl_summary_compute returns FL_ERR_INPUT: which figure is not
	 * finite, e.g. "the total revenue of the portfolio overflows a
	 * double"; else "". */
	char overflow[128];
} fl_summary;

/*
 * Compute the summary of a classified portfolio under policy `pol`
 * (service costs and contacts).  A customer is borderline when its value on
 * an axis is within borderline_pct percent of a cut's value (|x - cut| <=
 * pct/100 * |cut|).  Every sum and every figure derived from sums (the
 * totals, each grid cell, level and quadrant, the service costs, contacts
 * and percentages) is checked: when one is not finite (each customer's
 * figures are finite, but a sum of them can overflow a double) it returns
 * FL_ERR_INPUT with out->overflow naming the first such figure, and the
 * summary must not be printed.  Returns FL_OK, FL_ERR_INPUT or
 * FL_ERR_NOMEM; release with fl_summary_release in every case.
 */
fl_status fl_summary_compute(const fl_portfolio *p, const fl_plan *plan,
                             const fl_policy *pol, double borderline_pct,
                             fl_summary *out);

/* The customer's value on b's axis (fl_plan_axis_value) and the cut it
 * is near, of its thresholds (its group's with --by segment). */
double fl_borderline_value(const fl_portfolio *p, const fl_plan *plan,
                           const fl_borderline *b);
double fl_borderline_cut(const fl_plan *plan, const fl_borderline *b);

/* Release what fl_summary_compute allocated; safe on a zeroed summary. */
void fl_summary_release(fl_summary *s);

/* 100*part/whole, 0 when whole is 0. */
double fl_percent(double part, double whole);

#ifdef __cplusplus
}
#endif
#endif
