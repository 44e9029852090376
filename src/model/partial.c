/*
 * partial.c - a shard's part of the thresholds and the merge of the parts
 * (partial.h).  Pure: the values come from model.c's fl_axis_values and
 * the cuts from fl_axis_compute, the very functions of one run, so a merge
 * cannot drift from it.
 */
#include <focuslevel/partial.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/groups.h"
#include "util/number.h"

void fl_partial_free(fl_partial *p)
{
	if (p == NULL)
		return;
	for (size_t g = 0; g < p->group_count; g++) {
		free(p->groups[g].segment);
		free(p->groups[g].margin);
	}
	free(p->groups);
	free(p);
}

/* The given values of an axis, 0 when not given: two shards of one policy
 * then have the same bytes whatever a policy left in the unused fields. */
static void axis_canonical(fl_axis_spec *a)
{
	if (!a->has_cuts)
		a->cut_low = a->cut_high = 0;
	if (!a->has_split)
		a->split = 0;
}

static char *dup_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* Group customers idx[i..j) (idx NULL: all) of p as group g of part pt. */
static fl_status group_fill(const fl_portfolio *p, const uint32_t *idx,
                            size_t i, size_t j, fl_partial *pt)
{
	static const fl_plan none;  /* no clv: fl_axis_values needs no plan */
	fl_partial_group *g = &pt->groups[pt->group_count];
	size_t n = j - i;
	const char *seg = p->customers[idx != NULL ? idx[i] : i].segment;
	if (idx == NULL)
		seg = "";
	if (strlen(seg) > UINT32_MAX)
		return FL_ERR_USAGE;
	g->segment = dup_string(seg);
	g->margin = malloc(2 * n * sizeof(double));
	if (g->segment == NULL || g->margin == NULL) {
		free(g->segment);
		free(g->margin);
		return FL_ERR_NOMEM;
	}
	g->count = n;
	g->value = g->margin + n;
	const uint32_t *from = idx != NULL ? idx + i : NULL;
	fl_axis_values(p, &none, from, n, pt->spec.margin.basis, g->margin);
	fl_axis_values(p, &none, from, n, pt->spec.value.basis, g->value);
	pt->group_count++;
	return FL_OK;
}

fl_status fl_partial_compute(const fl_portfolio *p, const fl_plan_spec *spec,
                             fl_partial **out)
{
	*out = NULL;
	const fl_threshold_spec *t = &spec->thresholds;
	if (t->margin.basis == FL_BASIS_CLV || t->value.basis == FL_BASIS_CLV)
		return FL_ERR_USAGE;
	if (spec->by == FL_BY_SEGMENT && spec->group_count > 0)
		return FL_ERR_USAGE;
	fl_partial *pt = calloc(1, sizeof(*pt));
	if (pt == NULL)
		return FL_ERR_NOMEM;
	pt->spec = *t;
	axis_canonical(&pt->spec.margin);
	axis_canonical(&pt->spec.value);
	pt->by = spec->by;
	pt->min_group = spec->min_group;
	pt->count = p->count;
	size_t n = p->count;
	if (n == 0) {
		*out = pt;
		return FL_OK;
	}
	uint32_t *idx = NULL;
	size_t groups = 1;
	if (spec->by == FL_BY_SEGMENT) {
		idx = fl_segment_order(p);
		if (idx == NULL)
			goto nomem;
		for (size_t i = 1; i < n; i++)
			if (fl_segment_cmp(p->customers[idx[i - 1]].segment,
			                   p->customers[idx[i]].segment) != 0)
				groups++;
	}
	pt->groups = calloc(groups, sizeof(*pt->groups));
	if (pt->groups == NULL)
		goto nomem;
	for (size_t i = 0; i < n;) {
		size_t j = n;
		if (idx != NULL) {
			const char *seg = p->customers[idx[i]].segment;
			for (j = i + 1; j < n &&
			     fl_segment_cmp(p->customers[idx[j]].segment, seg) == 0;
			     j++)
				;
		}
		fl_status st = group_fill(p, idx, i, j, pt);
		if (st != FL_OK) {
			free(idx);
			fl_partial_free(pt);
			return st;
		}
		i = j;
	}
	free(idx);
	*out = pt;
	return FL_OK;
nomem:
	free(idx);
	fl_partial_free(pt);
	return FL_ERR_NOMEM;
}

/* ---- the policy facts ------------------------------------------------- */

static bool same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* n numbers, comma-separated, into buf. */
static void numbers(char *buf, size_t len, const double *v, int n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && used + FL_SHORTEST_MAX + 2 < len; i++) {
		char tmp[FL_SHORTEST_MAX];
		fl_fmt_shortest(tmp, v[i]);
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		                         i > 0 ? ", " : "", tmp);
	}
}

/* Why axes x (here) and y (there) differ, into why; false when they do
 * not. */
static bool axis_differs(const char *name, const fl_axis_spec *x,
                         const fl_axis_spec *y, char *why, size_t len)
{
	char a[128], b[128];
	if (x->basis != y->basis) {
		snprintf(why, len, "the %s axis's basis: %s here, %s there", name,
		         fl_basis_name(x->basis), fl_basis_name(y->basis));
		return true;
	}
	if (x->has_cuts != y->has_cuts || x->has_split != y->has_split) {
		bool cuts = x->has_cuts != y->has_cuts;
		bool given = cuts ? x->has_cuts : x->has_split;
		snprintf(why, len, "the %s axis's %s: %s here, %s there", name,
		         cuts ? "cuts" : "split", given ? "given" : "quantiles",
		         given ? "quantiles" : "given");
		return true;
	}
	const double qx[3] = { x->q_low, x->q_high, x->q_split };
	const double qy[3] = { y->q_low, y->q_high, y->q_split };
	const double gx[3] = { x->cut_low, x->cut_high, x->split };
	const double gy[3] = { y->cut_low, y->cut_high, y->split };
	for (int k = 0; k < 3; k++) {
		if (!same_double(qx[k], qy[k])) {
			numbers(a, sizeof(a), qx, 3);
			numbers(b, sizeof(b), qy, 3);
			snprintf(why, len, "the %s axis's quantiles: %s here, %s "
			         "there", name, a, b);
			return true;
		}
	}
	for (int k = 0; k < 3; k++) {
		if (!same_double(gx[k], gy[k])) {
			numbers(a, sizeof(a), gx, 3);
			numbers(b, sizeof(b), gy, 3);
			snprintf(why, len, "the %s axis's given cuts and split: %s "
			         "here, %s there", name, a, b);
			return true;
		}
	}
	return false;
}

bool fl_partial_same_policy(const fl_partial *a, const fl_partial *b,
                            char *why, size_t len)
{
	char tmp[8];
	if (why == NULL) {
		why = tmp;
		len = sizeof(tmp);
	}
	why[0] = '\0';
	if (axis_differs("margin", &a->spec.margin, &b->spec.margin, why, len) ||
	    axis_differs("value", &a->spec.value, &b->spec.value, why, len))
		return false;
	if (a->by != b->by) {
		snprintf(why, len, "by: %s here, %s there", fl_group_by_name(a->by),
		         fl_group_by_name(b->by));
		return false;
	}
	if (a->min_group != b->min_group) {
		snprintf(why, len, "min_group: %zu here, %zu there", a->min_group,
		         b->min_group);
		return false;
	}
	return true;
}

/* ---- the merge -------------------------------------------------------- */

/* A group of one part, as the merge sorts them: by segment, then part. */
struct entry {
	const fl_partial_group *g;
	size_t part;
};

static int by_segment(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int c = fl_segment_cmp(a->g->segment, b->g->segment);
	return c != 0 ? c : (a->part > b->part) - (a->part < b->part);
}

/* Both axes of the groups e[0..n) into t: their values put together in
 * vals, then the one computation of a run. */
static void axes_of(const struct entry *e, size_t n,
                    const fl_threshold_spec *spec, double *vals,
                    fl_thresholds *t)
{
	for (int a = 0; a < 2; a++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			const fl_partial_group *g = e[i].g;
			memcpy(vals + k, a == 0 ? g->margin : g->value,
			       g->count * sizeof(double));
			k += g->count;
		}
		fl_axis_compute(vals, k, a == 0 ? &spec->margin : &spec->value,
		                a == 0 ? &t->margin : &t->value);
	}
}

fl_status fl_partial_merge(const fl_partial *const *parts, size_t n,
                           fl_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->period_label = "";
	plan->as_of = FL_DAY_NONE;
	if (n == 0)
		return FL_ERR_USAGE;
	for (size_t k = 1; k < n; k++)
		if (!fl_partial_same_policy(parts[0], parts[k], NULL, 0))
			return FL_ERR_USAGE;
	const fl_partial *first = parts[0];
	plan->by = first->by;
	plan->min_group = first->min_group;
	size_t total = 0, groups = 0;
	for (size_t k = 0; k < n; k++) {
		if (parts[k]->count > SIZE_MAX / sizeof(double) - total)
			return FL_ERR_NOMEM;
		total += parts[k]->count;
		groups += parts[k]->group_count;
	}
	struct entry *e = malloc((groups ? groups : 1) * sizeof(*e));
	double *vals = malloc((total ? total : 1) * sizeof(*vals));
	if (e == NULL || vals == NULL)
		goto nomem;
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t g = 0; g < parts[k]->group_count; g++)
			e[m++] = (struct entry){ &parts[k]->groups[g], k };
	/* The whole portfolio's: every value, in shard order. */
	axes_of(e, m, &first->spec, vals, &plan->thresholds);
	if (first->by == FL_BY_SEGMENT && m > 0) {
		qsort(e, m, sizeof(*e), by_segment);
		/* At most one group per entry. */
		plan->groups = malloc(m * sizeof(*plan->groups));
		if (plan->groups == NULL)
			goto nomem;
		for (size_t i = 0; i < m;) {
			size_t j = i + 1;
			while (j < m && fl_segment_cmp(e[j].g->segment,
			                               e[i].g->segment) == 0)
				j++;
			fl_group *gr = &plan->groups[plan->group_count++];
			gr->segment = e[i].g->segment;
			gr->customers = 0;
			for (size_t k = i; k < j; k++)
				gr->customers += e[k].g->count;
			gr->own = gr->customers >= first->min_group;
			gr->thresholds = plan->thresholds;
			if (gr->own)
				axes_of(e + i, j - i, &first->spec, vals,
				        &gr->thresholds);
			i = j;
		}
	}
	free(e);
	free(vals);
	return FL_OK;
nomem:
	free(e);
	free(vals);
	fl_plan_release(plan);
	return FL_ERR_NOMEM;
}
