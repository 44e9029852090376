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
	struct fl_arena *arena;
} fl_policy;

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
 * Write computed thresholds as a policy file with absolute cuts and splits
 * (the `margin` and `value` keys only), so that shards of one portfolio can
 * be classified alike: `assign --thresholds FILE` reads it back exactly.
 */
void fl_thresholds_write(fl_out *o, const fl_thresholds *t);

#ifdef __cplusplus
}
#endif
#endif
