/*
 * policy.h - everything the model assumes, in one file a team can keep
 * under version control: thresholds per axis, and per level a description,
 * service actions, contacts per year and the annual cost of serving one
 * customer.
 */
#ifndef FOCUSLEVEL_POLICY_H
#define FOCUSLEVEL_POLICY_H

#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fl_level_policy {
	const char *description;
	const char *const *actions;
	size_t action_count;
	double contacts;      /* contacts per year with one customer */
	double cost;          /* annual cost of serving one customer */
} fl_level_policy;

struct fl_arena;

/*
 * A policy.  `thresholds` holds either quantiles (has_cuts/has_split
 * false) or absolute values (has_cuts/has_split true) per axis, and each
 * axis's basis.  levels[] is indexed by fl_level; levels[0] is unused.
 * The policy owns every string it points to.
 */
typedef struct fl_policy {
	fl_threshold_spec thresholds;
	fl_level_policy levels[FL_LEVEL_PARTNERSHIP + 1];
	double service_share;    /* s: what service may take of pi; 1 */
	bool cap;                /* cap: affordable (true) or none */
	fl_group_by by;          /* by: none or segment */
	size_t min_group;        /* 20 */
	fl_activity *activities; /* rate per unit, in the file's order */
	size_t activity_count;
	/* segments: thresholds per segment, as `thresholds --by segment`
	 * writes them (absolute values) */
	fl_group_spec *groups;
	size_t group_count;
	/* Customer value (docs/model.md, "Lifetime value"): the horizon K of
	 * the lifetime value in months, a whole number >= 1 (12), and the
	 * yearly discount rate d >= 0 (0.10). */
	unsigned horizon_months;
	double discount_rate;
	/* The report (docs/report.md): at_risk lists the customers at
	 * proactive or partnership with p_alive below at_risk_below, in
	 * (0, 1] (0.5); growth the customers whose wallet share is below
	 * share_below percent, > 0 (25). */
	double at_risk_below;
	double share_below;
	/* columns: the header of each field of order lines (docs/import.md),
	 * NULL when not given. */
	const char *columns[FL_LINE_FIELDS];
	struct fl_arena *arena;
} fl_policy;

/*
 * The economics of policy p over a period that is the fraction f of a
 * year: S_L = cost_L * f, its share, cap and activities (which still
 * point into p).
 */
void fl_policy_econ(const fl_policy *p, double f, fl_econ_params *out);

/*
 * Take the thresholds of t, a thresholds file (`thresholds` writes it):
 * its axes, and with `by: segment` its segments' thresholds (copied) and
 * the grouping.  Returns FL_OK or FL_ERR_NOMEM.
 */
fl_status fl_policy_take_thresholds(fl_policy *p, const fl_policy *t);

/*
 * Does the run need the year fraction: any nonzero level cost or
 * activity rate in p, or a customer of `portfolio` (may be NULL) with a
 * nonzero service cost or potential (its share of wallet)?
 */
bool fl_policy_needs_period(const fl_policy *p, const fl_portfolio *portfolio);

/* The built-in policy: reproduces `assign` exactly, service costs 0.
 * NULL when out of memory.  Release with fl_policy_free. */
fl_policy *fl_policy_default(void);

/*
 * Read a policy (YAML or JSON; by the name's extension, else the content)
 * from fp.  Keys left out keep their default; unknown keys are errors.  On
 * FL_OK *out is the policy; otherwise *out is NULL and diags says why.
 */
fl_status fl_policy_load(FILE *fp, const char *name, fl_policy **out,
                         fl_diags *diags);
fl_status fl_policy_load_mem(const char *data, size_t len, const char *name,
                             fl_policy **out, fl_diags *diags);

/* Release a policy.  NULL is a no-op. */
void fl_policy_free(fl_policy *p);

/*
 * Write the policy as commented YAML that fl_policy_load reads back to the
 * same policy (numbers in shortest round-trip form).
 */
void fl_policy_write(fl_out *o, const fl_policy *p);

/*
 * Write a plan's thresholds as a policy file with absolute cuts and
 * splits (the `margin` and `value` keys; with groups also `by: segment`
 * and `segments`, the groups that had their own), so that shards of one
 * portfolio can be classified alike: `assign --thresholds FILE` reads it
 * back exactly.
 */
void fl_thresholds_write(fl_out *o, const fl_plan *plan);

#ifdef __cplusplus
}
#endif
#endif
