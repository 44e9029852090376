/*
 * model.c - the planning model: metrics, quantiles, tiers, quadrant, level.
 * Pure functions, no I/O.  docs/model.md explains each step.
 */
#include <focuslevel/model.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/select.h"

double fl_axis_value(fl_basis b, const fl_customer *c, const fl_metrics *m)
{
	switch (b) {
	case FL_BASIS_MARGIN: return m->margin;
	case FL_BASIS_ORDER_VALUE: return m->order_value;
	case FL_BASIS_REVENUE: return c->revenue;
	case FL_BASIS_MARGIN_PCT: break;
	}
	return m->margin_pct;
}

fl_metrics fl_metrics_of(const fl_customer *c)
{
	fl_metrics m;
	m.margin = c->revenue - c->cost;
	m.margin_pct = c->revenue == 0 ? 0.0 : 100.0 * m.margin / c->revenue;
	m.order_value = c->orders == 0 ? 0.0 : c->revenue / (double)c->orders;
	return m;
}

static double min_of(const double *v, size_t n)
{
	double m = v[0];
	for (size_t i = 1; i < n; i++) {
		if (v[i] < m)
			m = v[i];
	}
	return m;
}

double fl_quantile(double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	double fh = floor(h);
	size_t k = (size_t)fh;
	if (k >= n - 1) {
		fl_select(v, n, n - 1);
		return v[n - 1];
	}
	fl_select(v, n, k);
	double lo = v[k];
	/* After selection, the next order statistic is the least value above
	 * position k. */
	double hi = min_of(v + k + 1, n - k - 1);
	double f = h - fh;
	/* The formula as given, but for values so far apart that hi - lo
	 * overflows (margins near +-1e308), where it would give inf or
	 * 0 * inf = NaN: then the same point, computed without the
	 * difference. */
	if (f == 0)
		return lo;
	if (!isfinite(hi - lo))
		return lo * (1 - f) + hi * f;
	return lo + f * (hi - lo);
}

fl_tier fl_tier_of(double v, double cut_low, double cut_high)
{
	if (v < cut_low)
		return FL_TIER_LOW;
	if (v >= cut_high)
		return FL_TIER_HIGH;
	return FL_TIER_MEDIUM;
}

fl_level fl_level_of(fl_tier margin_tier, fl_tier value_tier)
{
	return (fl_level)(1 + (int)margin_tier + (int)value_tier);
}

fl_quadrant fl_quadrant_of(double m, double v, const fl_thresholds *t)
{
	bool high_v = v >= t->value.split;
	bool high_p = m >= t->margin.split;
	if (high_v)
		return high_p ? FL_QUADRANT_STAR : FL_QUADRANT_CASH_COW;
	return high_p ? FL_QUADRANT_QUESTION_MARK : FL_QUADRANT_DOG;
}

void fl_threshold_spec_init(fl_threshold_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->margin.q_low = spec->value.q_low = 1.0 / 3;
	spec->margin.q_high = spec->value.q_high = 2.0 / 3;
	spec->margin.q_split = spec->value.q_split = 0.5;
	spec->margin.basis = FL_BASIS_MARGIN_PCT;
	spec->value.basis = FL_BASIS_ORDER_VALUE;
}

static void axis_compute(double *vals, size_t n, const fl_axis_spec *s,
                         fl_axis *a)
{
	a->q_low = s->q_low;
	a->q_high = s->q_high;
	a->q_split = s->q_split;
	a->basis = s->basis;
	a->cuts_source = s->has_cuts ? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	a->split_source = s->has_split ? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	if (s->has_cuts) {
		a->cut_low = s->cut_low;
		a->cut_high = s->cut_high;
	} else {
		a->cut_low = n ? fl_quantile(vals, n, s->q_low) : 0.0;
		a->cut_high = n ? fl_quantile(vals, n, s->q_high) : 0.0;
	}
	a->split = s->has_split ? s->split
	                        : (n ? fl_quantile(vals, n, s->q_split) : 0.0);
}

fl_status fl_thresholds_compute(const fl_portfolio *p,
                                const fl_threshold_spec *spec,
                                fl_thresholds *out)
{
	size_t n = p->count;
	double *vals = n ? malloc(n * sizeof(*vals)) : NULL;
	if (n && vals == NULL)
		return FL_ERR_NOMEM;
	const fl_axis_spec *axes[2] = { &spec->margin, &spec->value };
	fl_axis *res[2] = { &out->margin, &out->value };
	for (int a = 0; a < 2; a++) {
		for (size_t i = 0; i < n; i++) {
			const fl_customer *c = &p->customers[i];
			fl_metrics m = fl_metrics_of(c);
			vals[i] = fl_axis_value(axes[a]->basis, c, &m);
		}
		axis_compute(vals, n, axes[a], res[a]);
	}
	free(vals);
	return FL_OK;
}

fl_status fl_plan_compute(const fl_portfolio *p, const fl_threshold_spec *spec,
                          fl_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	fl_status st = fl_thresholds_compute(p, spec, &plan->thresholds);
	if (st != FL_OK)
		return st;
	size_t n = p->count;
	if (n == 0)
		return FL_OK;
	plan->classes = malloc(n * sizeof(*plan->classes));
	if (plan->classes == NULL)
		return FL_ERR_NOMEM;
	plan->count = n;
	const fl_thresholds *t = &plan->thresholds;
	for (size_t i = 0; i < n; i++) {
		const fl_customer *c = &p->customers[i];
		fl_metrics m = fl_metrics_of(c);
		double xm = fl_axis_value(t->margin.basis, c, &m);
		double xv = fl_axis_value(t->value.basis, c, &m);
		fl_tier mt = fl_tier_of(xm, t->margin.cut_low, t->margin.cut_high);
		fl_tier vt = fl_tier_of(xv, t->value.cut_low, t->value.cut_high);
		fl_level lv = fl_level_of(mt, vt);
		fl_class *k = &plan->classes[i];
		k->margin_tier = (unsigned char)mt;
		k->value_tier = (unsigned char)vt;
		k->quadrant = (unsigned char)fl_quadrant_of(xm, xv, t);
		k->computed = (unsigned char)lv;
		k->level = (unsigned char)(c->pin != FL_LEVEL_NONE ? c->pin : lv);
	}
	return FL_OK;
}

void fl_plan_release(fl_plan *plan)
{
	free(plan->classes);
	plan->classes = NULL;
	plan->count = 0;
}
