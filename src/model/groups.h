/*
 * groups.h - what the thresholds of one run and of merged shards share:
 * the values of an axis, and the order of the groups by segment
 * (model.c; model/partial.c computes and merges a shard's part with them,
 * so that both paths take one road).
 */
#ifndef FL_MODEL_GROUPS_H
#define FL_MODEL_GROUPS_H

#include <stdint.h>

#include <focuslevel/model.h>

/*
 * The values on an axis of basis b of the customers idx[0..n) of p (idx
 * NULL: the first n) into vals[0..n), as the thresholds take them
 * (fl_plan_axis_value; plan holds the values of a clv basis, and may be a
 * zeroed plan for the other bases).
 */
void fl_axis_values(const fl_portfolio *p, const fl_plan *plan,
                    const uint32_t *idx, size_t n, fl_basis b, double *vals);

/* The order of the groups: segments in byte order, the customers without
 * one ("") last.  Like strcmp, <0, 0 or >0. */
int fl_segment_cmp(const char *a, const char *b);

/* The indexes of p's customers sorted by segment (fl_segment_cmp), then
 * input order: a malloc'd array of p->count (yours to free), NULL when out
 * of memory. */
uint32_t *fl_segment_order(const fl_portfolio *p);

#endif
