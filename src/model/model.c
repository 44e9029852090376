/*
 * model.c - the planning model: metrics, quantiles, tiers, quadrant, level.
 * Pure functions, no I/O.  docs/model.md explains each step.
 */
#include <focuslevel/model.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/groups.h"
#include "model/value.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/select.h"

double fl_axis_value(fl_basis b, const fl_customer *c, const fl_metrics *m)
{
	switch (b) {
	case FL_BASIS_MARGIN: return m->margin;
	case FL_BASIS_ORDER_VALUE: return m->order_value;
	case FL_BASIS_REVENUE: return c->revenue;
	case FL_BASIS_CLV: return NAN;
	case FL_BASIS_MARGIN_PCT: break;
	}
	return m->margin_pct;
}

double fl_plan_axis_value(const fl_plan *plan, fl_basis b, size_t i,
                          const fl_customer *c, const fl_metrics *m)
{
	if (b == FL_BASIS_CLV)
		return plan->clv != NULL && i < plan->count ? plan->clv[i] : NAN;
	return fl_axis_value(b, c, m);
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

void fl_axis_compute(double *vals, size_t n, const fl_axis_spec *s,
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

void fl_axis_values(const fl_portfolio *p, const fl_plan *plan,
                    const uint32_t *idx, size_t n, fl_basis b, double *vals)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = idx ? idx[i] : i;
		const fl_customer *c = &p->customers[k];
		fl_metrics m = fl_metrics_of(c);
		vals[i] = fl_plan_axis_value(plan, b, k, c, &m);
	}
}

/* The values on both axes of the customers idx[0..n) (NULL: all n of p)
 * into vals, and the axes computed from them.  plan holds the values of
 * a clv basis (fl_plan_axis_value). */
static void axes_compute(const fl_portfolio *p, const fl_plan *plan,
                         const uint32_t *idx, size_t n,
                         const fl_threshold_spec *spec, double *vals,
                         fl_thresholds *out)
{
	const fl_axis_spec *axes[2] = { &spec->margin, &spec->value };
	fl_axis *res[2] = { &out->margin, &out->value };
	for (int a = 0; a < 2; a++) {
		fl_axis_values(p, plan, idx, n, axes[a]->basis, vals);
		fl_axis_compute(vals, n, axes[a], res[a]);
	}
}

static fl_status thresholds_compute(const fl_portfolio *p,
                                    const fl_plan *plan,
                                    const fl_threshold_spec *spec,
                                    fl_thresholds *out)
{
	size_t n = p->count;
	double *vals = n ? malloc(n * sizeof(*vals)) : NULL;
	if (n && vals == NULL)
		return FL_ERR_NOMEM;
	axes_compute(p, plan, NULL, n, spec, vals, out);
	free(vals);
	return FL_OK;
}

fl_status fl_thresholds_compute(const fl_portfolio *p,
                                const fl_threshold_spec *spec,
                                fl_thresholds *out)
{
	if (spec->margin.basis == FL_BASIS_CLV ||
	    spec->value.basis == FL_BASIS_CLV)
		return FL_ERR_USAGE;
	fl_plan none;
	memset(&none, 0, sizeof(none));
	return thresholds_compute(p, &none, spec, out);
}

void fl_plan_spec_init(fl_plan_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	fl_threshold_spec_init(&spec->thresholds);
	spec->econ.share = 1;
	spec->econ.year_fraction = 1;
	spec->min_group = 20;
	spec->period_label = "";
	spec->period_source = FL_PERIOD_ASSUMED;
	spec->as_of = FL_DAY_NONE;
	spec->horizon_months = 12;
	spec->discount_rate = 0.10;
}

const char *fl_group_name(const fl_group *g)
{
	if (!g->own)
		return FL_GROUP_ALL;
	return g->segment[0] != '\0' ? g->segment : FL_GROUP_NONE;
}

const fl_group *fl_plan_group(const fl_plan *plan, size_t i)
{
	return plan->group_of != NULL ? &plan->groups[plan->group_of[i]] : NULL;
}

const fl_thresholds *fl_plan_thresholds_of(const fl_plan *plan, size_t i)
{
	const fl_group *g = fl_plan_group(plan, i);
	return g != NULL && g->own ? &g->thresholds : &plan->thresholds;
}

int fl_segment_cmp(const char *a, const char *b)
{
	if (a[0] == '\0' || b[0] == '\0')
		return (a[0] == '\0') - (b[0] == '\0');
	return strcmp(a, b);
}

/* A customer as grouping sorts it: by segment, then input order. */
struct seg_ix {
	const char *segment;
	uint32_t i;
};

static int by_segment(const void *x, const void *y)
{
	const struct seg_ix *a = x, *b = y;
	int c = fl_segment_cmp(a->segment, b->segment);
	return c != 0 ? c : (a->i > b->i) - (a->i < b->i);
}

uint32_t *fl_segment_order(const fl_portfolio *p)
{
	size_t n = p->count;
	struct seg_ix *order = malloc((n ? n : 1) * sizeof(*order));
	uint32_t *idx = malloc((n ? n : 1) * sizeof(*idx));
	if (order == NULL || idx == NULL) {
		free(order);
		free(idx);
		return NULL;
	}
	/* Segment names are shared strings (fl_portfolio_intern), but past
	 * its limit they are copies: sorted by their text. */
	for (size_t i = 0; i < n; i++)
		order[i] = (struct seg_ix){ p->customers[i].segment, (uint32_t)i };
	qsort(order, n, sizeof(*order), by_segment);
	for (size_t i = 0; i < n; i++)
		idx[i] = order[i].i;
	free(order);
	return idx;
}

/* The given thresholds of `segment`, or NULL. */
static const fl_group_spec *given_group(const fl_plan_spec *spec,
                                        const char *segment)
{
	for (size_t g = 0; g < spec->group_count; g++) {
		if (strcmp(spec->groups[g].segment, segment) == 0)
			return &spec->groups[g];
	}
	return NULL;
}

/*
 * Group the customers by segment: plan->groups in segment order, each
 * with its thresholds (its own: computed from its customers, or given;
 * else the whole portfolio's), plan->group_of.
 */
static fl_status groups_compute(const fl_portfolio *p,
                                const fl_plan_spec *spec, fl_plan *plan)
{
	size_t n = p->count;
	uint32_t *idx = fl_segment_order(p);
	double *vals = malloc(n * sizeof(*vals));
	plan->group_of = malloc(n * sizeof(*plan->group_of));
	if (idx == NULL || vals == NULL || plan->group_of == NULL)
		goto nomem;
	size_t cap = 0;
	for (size_t i = 0; i < n;) {
		const char *seg = p->customers[idx[i]].segment;
		size_t j = i + 1;
		while (j < n && fl_segment_cmp(p->customers[idx[j]].segment, seg) == 0)
			j++;
		if (plan->group_count == cap) {
			cap = cap ? 2 * cap : 16;
			fl_group *g = realloc(plan->groups, cap * sizeof(*g));
			if (g == NULL)
				goto nomem;
			plan->groups = g;
		}
		fl_group *g = &plan->groups[plan->group_count];
		g->segment = seg;
		g->customers = j - i;
		g->thresholds = plan->thresholds;
		if (spec->group_count > 0) {
			const fl_group_spec *gs = given_group(spec, seg);
			g->own = gs != NULL;
			if (gs != NULL)
				axes_compute(p, plan, idx + i, j - i,
				             &gs->thresholds, vals, &g->thresholds);
		} else {
			g->own = j - i >= spec->min_group;
			if (g->own)
				axes_compute(p, plan, idx + i, j - i,
				             &spec->thresholds, vals, &g->thresholds);
		}
		for (size_t k = i; k < j; k++)
			plan->group_of[idx[k]] = (uint32_t)plan->group_count;
		plan->group_count++;
		i = j;
	}
	free(idx);
	free(vals);
	return FL_OK;
nomem:
	free(idx);
	free(vals);
	return FL_ERR_NOMEM;
}

/* Does an axis of spec, the whole portfolio's or a given group's, measure
 * the lifetime value? */
static bool spec_on_clv(const fl_plan_spec *spec)
{
	const fl_threshold_spec *t = &spec->thresholds;
	if (t->margin.basis == FL_BASIS_CLV || t->value.basis == FL_BASIS_CLV)
		return true;
	for (size_t g = 0; spec->by == FL_BY_SEGMENT && g < spec->group_count;
	     g++) {
		t = &spec->groups[g].thresholds;
		if (t->margin.basis == FL_BASIS_CLV ||
		    t->value.basis == FL_BASIS_CLV)
			return true;
	}
	return false;
}

/* How many ids an error of the clv basis names. */
#define CLV_IDS_SHOWN 5

/* FL_ERR_INPUT with the message in d (when given), or FL_ERR_NOMEM. */
static fl_status clv_error(fl_diags *d, const char *path, unsigned long line,
                           const char *msg)
{
	if (d != NULL && fl_diags_add(d, FL_SEV_ERROR, line, 0, path, "%s",
	                              msg) != FL_OK)
		return FL_ERR_NOMEM;
	return FL_ERR_INPUT;
}

/* Every customer needs dates: else an error that counts the ones without
 * and names the first CLV_IDS_SHOWN of them. */
static fl_status clv_check_dates(const fl_portfolio *p, fl_diags *d)
{
	size_t undated = p->count - p->dated;
	if (undated == 0)
		return FL_OK;
	fl_buf msg;
	fl_buf_init(&msg);
	fl_buf_addf(&msg, "the value basis clv (the lifetime value) needs "
	            "order dates for every customer: %zu of %zu customer%s "
	            "%s none (", undated, p->count, p->count == 1 ? "" : "s",
	            undated == 1 ? "has" : "have");
	size_t shown = 0;
	for (size_t i = 0; i < p->count && shown < CLV_IDS_SHOWN; i++) {
		const fl_customer *c = &p->customers[i];
		if (fl_customer_dated(c))
			continue;
		if (shown > 0)
			fl_buf_adds(&msg, ", ");
		fl_quote_add(&msg, c->id, strlen(c->id), FL_QUOTE_MAX,
		             FL_QUOTE_MARKS);
		shown++;
	}
	if (undated > shown)
		fl_buf_addf(&msg, " and %zu more", undated - shown);
	fl_buf_adds(&msg, "): give them dates (a date on each order, or "
	            "first_order and last_order), or choose another value "
	            "basis");
	fl_status st = msg.oom ? FL_ERR_NOMEM : clv_error(d, "", 0, msg.buf);
	fl_buf_release(&msg);
	return st;
}

/*
 * The clv basis: check the dates, fit the customer-value models and keep
 * every customer's lifetime value in plan->clv, once (its K values of
 * E(t) are the costly part).
 */
static fl_status clv_compute(const fl_portfolio *p, fl_plan *plan,
                             fl_diags *d)
{
	fl_status st = clv_check_dates(p, d);
	if (st != FL_OK)
		return st;
	if (plan->as_of == FL_DAY_NONE)
		return clv_error(d, "", 0, "the value basis clv (the lifetime "
		                 "value) needs an as-of date");
	st = fl_plan_value_fit(p, plan);
	if (st != FL_OK)
		return st;
	if (!plan->valued)
		return clv_error(d, "", 0, "the value basis clv (the lifetime "
		                 "value) needs the BG/NBD model of repeat "
		                 "purchases, which could not be fitted to the "
		                 "order dates");
	if (!plan->spend)
		return clv_error(d, "", 0, "the value basis clv (the lifetime "
		                 "value) needs the spend model (Gamma-Gamma), "
		                 "which cannot be fitted: no customer has a "
		                 "repeat purchase (x >= 1) of positive value");
	plan->clv = malloc(p->count * sizeof(*plan->clv));
	if (plan->clv == NULL)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < p->count; i++) {
		const fl_customer *c = &p->customers[i];
		fl_customer_value v;
		if (fl_plan_value_of(plan, c, true, &v) && isfinite(v.clv)) {
			plan->clv[i] = v.clv;
			continue;
		}
		fl_buf msg;
		fl_buf_init(&msg);
		fl_buf_adds(&msg, "customer ");
		fl_quote_add(&msg, c->id, strlen(c->id), FL_QUOTE_MAX,
		             FL_QUOTE_MARKS);
		fl_buf_adds(&msg, ": the lifetime value (value basis clv) is "
		            "not a finite number");
		st = msg.oom ? FL_ERR_NOMEM : clv_error(d, "", c->line, msg.buf);
		fl_buf_release(&msg);
		return st;
	}
	return FL_OK;
}

fl_status fl_plan_compute(const fl_portfolio *p, const fl_plan_spec *spec,
                          fl_plan *plan)
{
	return fl_plan_compute_diags(p, spec, plan, NULL);
}

fl_status fl_plan_compute_diags(const fl_portfolio *p,
                                const fl_plan_spec *spec, fl_plan *plan,
                                fl_diags *d)
{
	memset(plan, 0, sizeof(*plan));
	plan->econ = spec->econ;
	/* Without a label of its own, the portfolio's. */
	plan->period_label = spec->period_label != NULL &&
	                     spec->period_label[0] != '\0' ? spec->period_label
	                                                   : p->period;
	plan->period_source = spec->period_source;
	plan->as_of = spec->as_of;
	plan->horizon_months = spec->horizon_months;
	plan->discount_rate = spec->discount_rate;
	plan->by = spec->by;
	plan->min_group = spec->min_group;
	size_t n = p->count;
	/* The lifetime value comes first: the thresholds are taken on it. */
	bool clv = spec_on_clv(spec);
	fl_status st = FL_OK;
	if (clv && n > 0) {
		plan->count = n;
		st = clv_compute(p, plan, d);
		if (st != FL_OK) {
			fl_plan_release(plan);
			return st;
		}
	}
	st = thresholds_compute(p, plan, &spec->thresholds, &plan->thresholds);
	if (st != FL_OK || n == 0) {
		if (st != FL_OK)
			fl_plan_release(plan);
		return st;
	}
	plan->classes = malloc(n * sizeof(*plan->classes));
	if (plan->classes == NULL) {
		fl_plan_release(plan);
		return FL_ERR_NOMEM;
	}
	plan->count = n;
	if (spec->by == FL_BY_SEGMENT &&
	    groups_compute(p, spec, plan) != FL_OK) {
		fl_plan_release(plan);
		return FL_ERR_NOMEM;
	}
	const fl_econ_params *e = &plan->econ;
	for (size_t i = 0; i < n; i++) {
		const fl_customer *c = &p->customers[i];
		const fl_thresholds *t = fl_plan_thresholds_of(plan, i);
		fl_metrics m = fl_metrics_of(c);
		double xm = fl_plan_axis_value(plan, t->margin.basis, i, c, &m);
		double xv = fl_plan_axis_value(plan, t->value.basis, i, c, &m);
		fl_tier mt = fl_tier_of(xm, t->margin.cut_low, t->margin.cut_high);
		fl_tier vt = fl_tier_of(xv, t->value.cut_low, t->value.cut_high);
		fl_level lv = fl_level_of(mt, vt);
		bool unprofitable;
		fl_level a = fl_affordable_level(m.margin - fl_cost_to_serve(c, e),
		                                 e, &unprofitable);
		fl_class *k = &plan->classes[i];
		k->margin_tier = (unsigned char)mt;
		k->value_tier = (unsigned char)vt;
		k->quadrant = (unsigned char)fl_quadrant_of(xm, xv, t);
		k->computed = (unsigned char)lv;
		k->affordable = (unsigned char)a;
		k->unprofitable = unprofitable;
		k->level = (unsigned char)fl_capped_level(lv, (fl_level)c->pin, a,
		                                          e->cap);
	}
	/* A clv basis has fitted them already. */
	if (spec->value && !clv && fl_plan_value_fit(p, plan) != FL_OK) {
		fl_plan_release(plan);
		return FL_ERR_NOMEM;
	}
	return FL_OK;
}

void fl_plan_release(fl_plan *plan)
{
	free(plan->classes);
	free(plan->groups);
	free(plan->group_of);
	free(plan->clv);
	plan->clv = NULL;
	fl_clv_cache_free(plan->cache);
	plan->cache = NULL;
	plan->classes = NULL;
	plan->groups = NULL;
	plan->group_of = NULL;
	plan->count = 0;
	plan->group_count = 0;
	plan->valued = false;
	plan->spend = false;
}
