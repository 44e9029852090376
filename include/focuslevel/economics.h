/*
 * economics.h - what serving a customer costs and which level it can
 * carry (docs/model.md, "Cost to serve" and "Affordable level").
 *
 * A policy gives each level a yearly cost; over a period that is a
 * fraction f of a year it costs S_L = cost_L * f.  A customer's
 * contribution is its margin after its cost to serve, pi = M - CTS, and
 * the level it can carry is the highest whose cost fits in the share s of
 * it that service may take.
 */
#ifndef FOCUSLEVEL_ECONOMICS_H
#define FOCUSLEVEL_ECONOMICS_H

#include <stdbool.h>

#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fl_econ_params {
	double level_cost[FL_LEVEL_PARTNERSHIP + 1];  /* S_L; [0] unused */
	double share;            /* s, 0 < s <= 1 */
	bool cap;                /* levels capped at the affordable one */
	double year_fraction;    /* f, what turned the yearly costs into S_L */
	/* The policy's activities with their rates, in the policy's order
	 * (the order CTS is summed in); not owned. */
	const fl_activity *activities;
	size_t activity_count;
} fl_econ_params;

/* The cap as policies and options write it: "none" (false) or
 * "affordable" (true).  Parse: false on anything else. */
const char *fl_cap_name(bool cap);
bool fl_cap_parse(const char *s, bool *cap);

/*
 * The cost to serve of customer c in the period: its service_cost, then
 * count * rate of each activity in e's order added one at a time (the
 * count of the built-in activity "orders" is c's order count n; absent
 * counts are 0).  The customer's counts must be laid out by the same
 * activities (portfolio.h, fl_customer.costing).
 */
double fl_cost_to_serve(const fl_customer *c, const fl_econ_params *e);

/* The figures of one customer at level `level`. */
typedef struct fl_econ_figures {
	double cost_to_serve;    /* CTS */
	double contribution;     /* pi = M - CTS */
	double level_cost;       /* S of the level */
	double after_service;    /* pi - S */
} fl_econ_figures;

fl_econ_figures fl_econ_of(const fl_customer *c, fl_level level,
                           const fl_econ_params *e);

/*
 * Share of wallet (docs/model.md, "Share of wallet"): the customer's
 * revenue over a year, R / f, against its potential (its yearly spend in
 * our category with all suppliers).  fl_wallet_share is
 * 100 * (R / f) / potential, fl_untapped_potential potential - R / f; both
 * NAN when the customer has no potential, the share also when it is 0.
 */
double fl_wallet_share(const fl_customer *c, double year_fraction);
double fl_untapped_potential(const fl_customer *c, double year_fraction);

/*
 * The affordable level of a contribution pi: the highest level L with
 * S_L <= s * pi.  When not even basic qualifies, FL_LEVEL_BASIC and
 * *unprofitable set (else cleared).  The costs must not decrease from
 * basic to partnership (a policy rule), so the levels that qualify are
 * the lowest ones.
 */
fl_level fl_affordable_level(double pi, const fl_econ_params *e,
                             bool *unprofitable);

/* The final level of a customer: the pin if any, else the grid level,
 * capped at the affordable one when `cap` is set. */
fl_level fl_capped_level(fl_level grid, fl_level pin, fl_level affordable,
                         bool cap);

#ifdef __cplusplus
}
#endif
#endif
