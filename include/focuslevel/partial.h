/*
 * partial.h - exact thresholds from shards: what one shard contributes
 * (`thresholds --partial`), its file (.fltp, docs/scale.md has the exact
 * layout), and the merge of every shard's part into the thresholds one run
 * over the whole portfolio computes (`thresholds --merge`).
 *
 * A quantile by selection depends only on the multiset of the values, so
 * the values of the shards, put together, give the very cuts and splits of
 * one run; with --by segment the same holds per segment, and a segment
 * gets its own thresholds when its count over all shards reaches
 * min_group, as in one run.
 */
#ifndef FOCUSLEVEL_PARTIAL_H
#define FOCUSLEVEL_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "out.h"
#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the .fltp layout this library writes and reads. */
#define FL_PARTIAL_VERSION 1u

/* One group of a part: a segment's customers with --by segment, else all
 * of the shard's customers. */
typedef struct fl_partial_group {
	char *segment;           /* "" for the customers without a segment
	                          * (and for the one group without --by) */
	size_t count;            /* >= 1 */
	double *margin;          /* count values on the margin axis, in input
	                          * order; the group's one allocation */
	double *value;           /* count values on the value axis: margin +
	                          * count, not allocated apart */
} fl_partial_group;

/*
 * A shard's part.  The policy facts (spec, by, min_group) must be the
 * same in every part of one merge.  The part owns every group, its
 * segment and its values; release it with fl_partial_free.
 */
typedef struct fl_partial {
	fl_threshold_spec spec;  /* both axes: bases, quantiles, and the cuts
	                          * and splits given instead (0 when not) */
	fl_group_by by;
	size_t min_group;
	size_t count;            /* customers: the sum of the groups' counts */
	fl_partial_group *groups;  /* in segment order (byte order, "" last);
	                            * one group, or none without customers,
	                            * with FL_BY_NONE */
	size_t group_count;
} fl_partial;

/* Release a part.  NULL is a no-op. */
void fl_partial_free(fl_partial *p);

/*
 * The part of portfolio p under spec (its thresholds, by and min_group;
 * the rest is not used) into *out, the caller's to fl_partial_free.
 * Returns FL_OK; FL_ERR_USAGE when an axis is on FL_BASIS_CLV (its values
 * come from one fit over every customer, which no shard has), when spec
 * gives thresholds per segment (nothing left to compute) or when a segment
 * is longer than the layout's 4 GiB - 1 bytes; FL_ERR_NOMEM.
 * *out is NULL unless FL_OK.
 */
fl_status fl_partial_compute(const fl_portfolio *p, const fl_plan_spec *spec,
                             fl_partial **out);

/*
 * Do parts a and b have the same policy facts?  When not, `why` (of `len`
 * bytes, NUL-terminated, may be NULL) says which one first differs and
 * how, "by: segment here, none there" (a's value, then b's).
 */
bool fl_partial_same_policy(const fl_partial *a, const fl_partial *b,
                            char *why, size_t len);

/*
 * The thresholds of the union of parts[0..n) (n >= 1; the same policy
 * facts, fl_partial_same_policy) into *plan as fl_plan_compute would set
 * them on the whole portfolio: thresholds, by, min_group and, with
 * FL_BY_SEGMENT, groups (in segment order; their segment strings are the
 * parts': the parts must outlive the plan).  No classes: plan->count is 0.
 * Release with fl_plan_release.  Returns FL_OK, FL_ERR_USAGE (n = 0 or the
 * policies differ; plan empty) or FL_ERR_NOMEM (plan empty).
 */
fl_status fl_partial_merge(const fl_partial *const *parts, size_t n,
                           fl_plan *plan);

/*
 * Write part p in the .fltp layout (little-endian, a CRC-32 at the end).
 * The writer keeps no status: a failed write shows in fl_out_failed and at
 * the commit.
 */
void fl_partial_write(fl_out *o, const fl_partial *p);

/*
 * Read a .fltp file from fp into *out, the caller's to fl_partial_free.
 * On FL_ERR_INPUT one error in diags says what is wrong and at which byte
 * ("at byte 152: ..."; the caller names the file): not a partial file
 * (magic), another version, truncated, a value out of range, groups out
 * of order, a CRC that does not match, data after the end.  FL_ERR_IO when
 * fp fails, FL_ERR_NOMEM.  *out is NULL unless FL_OK.  Memory follows the
 * bytes read, never a count the file claims.
 */
fl_status fl_partial_load(FILE *fp, fl_partial **out, fl_diags *diags);
/* The same from memory. */
fl_status fl_partial_load_mem(const void *data, size_t len, fl_partial **out,
                              fl_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
