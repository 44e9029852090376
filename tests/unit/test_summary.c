/*
 * test_summary.c - the aggregates of the service plan (summary.c): totals,
 * the grid, per level and per quadrant sums, the exception lists and
 * borderline detection with the level a customer would move to.
 *
 * The economics (affordability counts, changes from today's level, the
 * profit curve, customers per level per group) on a portfolio worked out
 * by hand.
 *
 * Every figure is recomputed here independently from the plan, and the
 * hand-built portfolios come from YAML through fl_portfolio_load_mem, as a
 * user's would.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan_with.h"
#include <focuslevel/focuslevel.h>

/* ---- helpers -------------------------------------------------------- */

static fl_portfolio *load_yaml(const char *doc)
{
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_load_options opts = { .format = FL_INPUT_YAML };
	fl_portfolio *p = NULL;
	fl_status st = fl_portfolio_load_mem(doc, strlen(doc), NULL, &opts, &p,
	                                     &d);
	if (st != FL_OK)
		fail_msg("load failed (%d): %s", (int)st,
		         d.count ? d.items[0].message : "?");
	assert_int_equal(d.errors, 0);
	fl_diags_release(&d);
	return p;
}

static fl_portfolio *load_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	fl_status st = fl_portfolio_load(fp, path, NULL, &p, &d);
	fclose(fp);
	assert_int_equal(st, FL_OK);
	assert_int_equal(d.errors, 0);
	fl_diags_release(&d);
	return p;
}

/* A portfolio, its plan, a policy and the summary, built in one go. */
struct world {
	fl_portfolio *p;
	fl_plan plan;
	fl_policy *pol;
	fl_summary s;
};

static void world_make(struct world *w, fl_portfolio *p,
                       const fl_threshold_spec *spec, fl_policy *pol,
                       double pct)
{
	memset(w, 0, sizeof(*w));
	w->p = p;
	w->pol = pol != NULL ? pol : fl_policy_default();
	assert_non_null(w->pol);
	fl_plan_spec ps;
	fl_plan_spec_init(&ps);
	if (spec != NULL)
		ps.thresholds = *spec;
	fl_policy_econ(w->pol, 1, &ps.econ);
	assert_int_equal(fl_plan_compute(p, &ps, &w->plan), FL_OK);
	assert_int_equal(fl_summary_compute(p, &w->plan, w->pol, pct, &w->s),
	                 FL_OK);
}

static void world_free(struct world *w)
{
	fl_summary_release(&w->s);
	fl_plan_release(&w->plan);
	fl_policy_free(w->pol);
	fl_portfolio_free(w->p);
}

/* Service costs per level (index 1..5), everything else default. */
static fl_policy *policy_with_costs(const double *costs,
                                    const double *contacts)
{
	fl_policy *pol = fl_policy_default();
	assert_non_null(pol);
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		pol->levels[l].cost = costs[l];
		if (contacts != NULL)
			pol->levels[l].contacts = contacts[l];
	}
	return pol;
}

static bool close_to(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

#define assert_close(a, b) \
	do { \
		double a_ = (a), b_ = (b); \
		if (!close_to(a_, b_)) \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); \
	} while (0)

/* Exactly equal doubles (0.0 and -0.0 count as equal). */
#define assert_double_eq(a, b) \
	do { \
		double a_ = (a), b_ = (b); \
		if (!(a_ == b_)) \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); \
	} while (0)

static void assert_list(const size_t *got, size_t n, const size_t *want,
                        size_t nwant, const char *what)
{
	if (n != nwant)
		fail_msg("%s: %zu entries, expected %zu", what, n, nwant);
	for (size_t i = 0; i < n; i++) {
		if (got[i] != want[i])
			fail_msg("%s[%zu] = %zu, expected %zu", what, i, got[i],
			         want[i]);
	}
}

/*
 * The level across a cut, defined independently of summary.c: a value just
 * below the cut if the customer is at or above it, else the cut itself
 * (which belongs to the upper side).
 */
static fl_level across(const fl_class *k, int axis, double x, double cut,
                       const fl_axis *a)
{
	double y = x >= cut ? nextafter(cut, -HUGE_VAL) : cut;
	fl_tier t = fl_tier_of(y, a->cut_low, a->cut_high);
	return axis == 0 ? fl_level_of(t, k->value_tier)
	                 : fl_level_of(k->margin_tier, t);
}

/*
 * Every aggregate of w->s against a recomputation from the plan: sums per
 * cell, level and quadrant (in input order, so exactly equal), the groups
 * adding up to the totals, shares adding up to 100, per-customer figures
 * times the customer count, and each exception list.
 */
static void check_all(const struct world *w)
{
	const fl_portfolio *p = w->p;
	const fl_plan *plan = &w->plan;
	const fl_summary *s = &w->s;
	const fl_policy *pol = w->pol;
	size_t n = p->count;
	assert_int_equal(s->customers, n);
	assert_int_equal(plan->count, n);
	/* The metrics again, from the customers (not from the plan). */
	fl_metrics *met = calloc(n + 1, sizeof(*met));
	assert_non_null(met);
	for (size_t i = 0; i < n; i++)
		met[i] = fl_metrics_of(&p->customers[i]);

	/* Totals. */
	double rev = 0, cost = 0, mar = 0, svc = 0;
	for (size_t i = 0; i < n; i++) {
		rev += p->customers[i].revenue;
		cost += p->customers[i].cost;
		mar += met[i].margin;
		svc += pol->levels[plan->classes[i].level].cost;
	}
	assert_double_eq(s->revenue, rev);
	assert_double_eq(s->cost, cost);
	assert_double_eq(s->margin, mar);
	assert_double_eq(s->service_cost, svc);
	assert_double_eq(s->margin_pct, fl_percent(mar, rev));
	assert_double_eq(s->after_service, s->margin - s->service_cost);

	/* The grid. */
	size_t gn = 0;
	double grev = 0, gmar = 0;
	for (int mt = 0; mt < 3; mt++) {
		for (int vt = 0; vt < 3; vt++) {
			const fl_cell *c = &s->grid[mt][vt];
			assert_int_equal(c->level, fl_level_of((fl_tier)mt, (fl_tier)vt));
			assert_int_equal(c->level, 1 + mt + vt);
			size_t cn = 0;
			double cr = 0, cm = 0;
			for (size_t i = 0; i < n; i++) {
				const fl_class *k = &plan->classes[i];
				if ((int)k->margin_tier == mt && (int)k->value_tier == vt) {
					cn++;
					cr += p->customers[i].revenue;
					cm += met[i].margin;
				}
			}
			assert_int_equal(c->customers, cn);
			assert_double_eq(c->revenue, cr);
			assert_double_eq(c->margin, cm);
			gn += c->customers;
			grev += c->revenue;
			gmar += c->margin;
		}
	}
	assert_int_equal(gn, n);
	assert_close(grev, s->revenue);
	assert_close(gmar, s->margin);

	/* Levels, by the final (pinned) level. */
	size_t ln = 0;
	double lrev = 0, lmar = 0, lsvc = 0, lafter = 0, share = 0;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_sum *ls = &s->levels[l];
		const fl_level_policy *lp = &pol->levels[l];
		size_t cn = 0;
		double cr = 0, cm = 0;
		for (size_t i = 0; i < n; i++) {
			if ((int)plan->classes[i].level == l) {
				cn++;
				cr += p->customers[i].revenue;
				cm += met[i].margin;
			}
		}
		assert_int_equal(ls->customers, cn);
		assert_double_eq(ls->revenue, cr);
		assert_double_eq(ls->margin, cm);
		assert_double_eq(ls->margin_pct, cr == 0 ? 0.0 : 100.0 * cm / cr);
		assert_double_eq(ls->share, n == 0 ? 0.0 : 100.0 * (double)cn / (double)n);
		assert_double_eq(ls->contacts, lp->contacts * (double)cn);
		assert_double_eq(ls->service_cost, lp->cost * (double)cn);
		assert_double_eq(ls->after_service, ls->margin - ls->service_cost);
		assert_false(isnan(ls->margin_pct) || isnan(ls->share));
		ln += ls->customers;
		lrev += ls->revenue;
		lmar += ls->margin;
		lsvc += ls->service_cost;
		lafter += ls->after_service;
		share += ls->share;
	}
	assert_int_equal(ln, n);
	assert_close(lrev, s->revenue);
	assert_close(lmar, s->margin);
	assert_close(lsvc, s->service_cost);
	assert_close(lafter, s->after_service);
	if (n > 0)
		assert_true(fabs(share - 100.0) <= 1e-9);
	else
		assert_double_eq(share, 0.0);

	/* Quadrants. */
	size_t qn = 0;
	double qrev = 0, qmar = 0;
	for (int q = 0; q < 4; q++) {
		const fl_quadrant_sum *qs = &s->quadrants[q];
		size_t cn = 0;
		double cr = 0, cm = 0;
		for (size_t i = 0; i < n; i++) {
			if ((int)plan->classes[i].quadrant == q) {
				cn++;
				cr += p->customers[i].revenue;
				cm += met[i].margin;
			}
		}
		assert_int_equal(qs->customers, cn);
		assert_double_eq(qs->revenue, cr);
		assert_double_eq(qs->margin, cm);
		assert_double_eq(qs->margin_pct, fl_percent(cm, cr));
		qn += qs->customers;
		qrev += qs->revenue;
		qmar += qs->margin;
	}
	assert_int_equal(qn, n);
	assert_close(qrev, s->revenue);
	assert_close(qmar, s->margin);

	/* Exceptions, in input order. */
	size_t *want = calloc(n + 1, sizeof(*want));
	assert_non_null(want);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (met[i].margin < 0)
			want[k++] = i;
	assert_list(s->loss, s->loss_count, want, k, "loss");
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (met[i].margin -
		    pol->levels[plan->classes[i].level].cost < 0)
			want[k++] = i;
	assert_list(s->over_served, s->over_served_count, want, k, "over_served");
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (p->customers[i].pin != FL_LEVEL_NONE &&
		    p->customers[i].pin != plan->classes[i].computed)
			want[k++] = i;
	assert_list(s->pin_differs, s->pin_differs_count, want, k, "pin_differs");
	free(want);

	/* Borderline: customer by customer, margin axis first, cut a then b. */
	size_t b = 0;
	double pct = s->borderline_pct;
	for (size_t i = 0; i < n; i++) {
		const fl_class *kc = &plan->classes[i];
		const fl_axis *axes[2] = { &plan->thresholds.margin,
		                           &plan->thresholds.value };
		for (int a = 0; a < 2; a++) {
			double x = fl_axis_value(axes[a]->basis, &p->customers[i],
			                         &met[i]);
			double cuts[2] = { axes[a]->cut_low, axes[a]->cut_high };
			int ncuts = cuts[0] == cuts[1] ? 1 : 2;
			for (int j = 0; j < ncuts; j++) {
				if (!(fabs(x - cuts[j]) <= pct / 100.0 * fabs(cuts[j])))
					continue;
				fl_level to = across(kc, a, x, cuts[j], axes[a]);
				assert_int_not_equal(to, kc->computed);
				if (b >= s->borderline_count)
					fail_msg("borderline: customer %zu axis %d cut %d "
					         "missing", i, a, j);
				const fl_borderline *e = &s->borderline[b++];
				assert_int_equal(e->customer, i);
				assert_int_equal(e->axis, a);
				assert_double_eq(fl_borderline_value(p, plan, e), x);
				assert_double_eq(fl_borderline_cut(plan, e), cuts[j]);
				assert_int_equal(e->moves_to, to);
			}
		}
	}
	assert_int_equal(s->borderline_count, b);
	free(met);
}

/* ---- the sample ------------------------------------------------------ */

static void test_sample(void **state)
{
	(void)state;
	struct world w;
	world_make(&w, load_file(FL_SOURCE_DIR "/data/sample.yaml"), NULL, NULL,
	           5);
	check_all(&w);
	const fl_summary *s = &w.s;
	/* The figures of docs/model.md and of `focuslevel report`. */
	assert_int_equal(s->customers, 12);
	assert_true(fabs(s->revenue - 223962.80) < 1e-6);
	assert_true(fabs(s->margin - 55258.25) < 1e-6);
	assert_double_eq(s->service_cost, 0);
	static const size_t grid_n[3][3] = { { 2, 1, 1 }, { 1, 2, 1 },
	                                     { 1, 1, 2 } };
	for (int mt = 0; mt < 3; mt++)
		for (int vt = 0; vt < 3; vt++)
			assert_int_equal(s->grid[mt][vt].customers, grid_n[mt][vt]);
	static const size_t level_n[] = { 0, 2, 2, 3, 2, 3 };
	for (int l = 1; l <= 5; l++)
		assert_int_equal(s->levels[l].customers, level_n[l]);
	assert_true(fabs(s->levels[FL_LEVEL_PARTNERSHIP].revenue - 184034.80) < 1e-6);
	assert_true(fabs(s->levels[FL_LEVEL_PARTNERSHIP].margin - 48186.45) < 1e-6);
	assert_double_eq(s->levels[FL_LEVEL_PARTNERSHIP].contacts, 72);
	assert_double_eq(s->levels[FL_LEVEL_PARTNERSHIP].share, 25);
	for (int q = 0; q < 4; q++)
		assert_int_equal(s->quadrants[q].customers, 3);
	assert_true(fabs(s->quadrants[FL_QUADRANT_DOG].margin - -46.85) < 1e-9);
	/* C06 loses money, C02 is pinned up, C05 is near the margin cut b. */
	static const size_t loss[] = { 5 }, pin[] = { 1 };
	assert_list(s->loss, s->loss_count, loss, 1, "loss");
	assert_list(s->over_served, s->over_served_count, loss, 1, "over");
	assert_list(s->pin_differs, s->pin_differs_count, pin, 1, "pin");
	assert_int_equal(s->borderline_count, 1);
	assert_int_equal(s->borderline[0].customer, 4);
	assert_int_equal(s->borderline[0].axis, 0);
	assert_int_equal(s->borderline[0].moves_to, FL_LEVEL_ACCOUNTABLE);
	assert_double_eq(fl_borderline_cut(&w.plan, &s->borderline[0]),
	                 w.plan.thresholds.margin.cut_high);
	assert_double_eq(s->borderline_pct, 5);
	world_free(&w);
}

static void test_sample_costs_and_distances(void **state)
{
	(void)state;
	static const double costs[] = { 0, 25, 60, 180, 900, 6000 };
	static const double contacts[] = { 0, 0.5, 1, 2, 6, 48 };
	static const double pcts[] = { 0, 1, 5, 12.5, 40, 100, 1000 };
	for (size_t i = 0; i < sizeof(pcts) / sizeof(pcts[0]); i++) {
		struct world w;
		world_make(&w, load_file(FL_SOURCE_DIR "/data/sample.json"), NULL,
		           policy_with_costs(costs, contacts), pcts[i]);
		check_all(&w);
		/* C02 (pinned to partnership) now costs more than it earns. */
		assert_true(w.s.over_served_count >= 2);
		world_free(&w);
	}
}

/* ---- a hand-built portfolio: every exception ------------------------ */

/* tests/cli/inputs/plan-exceptions.yaml, see the table there. */
static const char exceptions_doc[] =
	"customers:\n"
	"  - {id: A01, revenue: 20000, cost: 14000, orders: 5, level: partnership}\n"
	"  - {id: B02, revenue: 2300, cost: 1380, orders: 5}\n"
	"  - {id: C03, revenue: 1000, cost: 740, orders: 10}\n"
	"  - {id: D04, revenue: 1000, cost: 800}\n"
	"  - {id: E05, revenue: 1200, cost: 1044, orders: 3, level: partnership,\n"
	"     reason: showcase}\n"
	"  - {id: F06, revenue: 1200, cost: 1080, orders: 6}\n"
	"  - id: G07\n"
	"    orders:\n"
	"      - {value: 60, cost: 64}\n"
	"      - {value: 40, cost: 46}\n"
	"  - {id: Z08, revenue: 0, cost: 0, orders: 0}\n";

static void test_exceptions(void **state)
{
	(void)state;
	struct world w;
	world_make(&w, load_yaml(exceptions_doc), NULL, NULL, 5);
	check_all(&w);
	const fl_summary *s = &w.s;
	const fl_plan *plan = &w.plan;
	static const fl_level computed[] = {
		FL_LEVEL_PARTNERSHIP, FL_LEVEL_PARTNERSHIP, FL_LEVEL_ACCOUNTABLE,
		FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_REACTIVE,
		FL_LEVEL_BASIC, FL_LEVEL_BASIC,
	};
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(plan->classes[i].computed, computed[i]);
	/* G07 alone loses money; Z08 (no sales) has margin 0, not a loss. */
	static const size_t loss[] = { 6 };
	assert_list(s->loss, s->loss_count, loss, 1, "loss");
	/* Without service costs over-served is the loss-making list. */
	assert_list(s->over_served, s->over_served_count, loss, 1, "over");
	/* E05 is pinned up; A01 is pinned to its computed level. */
	static const size_t pin[] = { 4 };
	assert_list(s->pin_differs, s->pin_differs_count, pin, 1, "pin");
	/* B02 (V 460) is within 5% of the value cut b (440). */
	assert_int_equal(s->borderline_count, 1);
	assert_int_equal(s->borderline[0].customer, 1);
	assert_int_equal(s->borderline[0].axis, 1);
	assert_true(fabs(fl_borderline_cut(&w.plan, &s->borderline[0]) - 440) <
	            1e-9);
	assert_int_equal(s->borderline[0].moves_to, FL_LEVEL_PROACTIVE);
	world_free(&w);

	/* Within 10%: C03 and F06 on the margin axis, B02 and E05 on value. */
	world_make(&w, load_yaml(exceptions_doc), NULL, NULL, 10);
	check_all(&w);
	static const struct { size_t c; int axis; fl_level to; } b10[] = {
		{ 1, 1, FL_LEVEL_PROACTIVE }, { 2, 0, FL_LEVEL_REACTIVE },
		{ 4, 1, FL_LEVEL_PROACTIVE }, { 5, 0, FL_LEVEL_ACCOUNTABLE },
	};
	assert_int_equal(w.s.borderline_count, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(w.s.borderline[i].customer, b10[i].c);
		assert_int_equal(w.s.borderline[i].axis, b10[i].axis);
		assert_int_equal(w.s.borderline[i].moves_to, b10[i].to);
	}
	world_free(&w);

	/* 0%: nobody sits exactly on a cut. */
	world_make(&w, load_yaml(exceptions_doc), NULL, NULL, 0);
	check_all(&w);
	assert_int_equal(w.s.borderline_count, 0);
	assert_double_eq(w.s.borderline_pct, 0);
	world_free(&w);
}

static void test_exceptions_costs(void **state)
{
	(void)state;
	/* tests/cli/inputs/policy-costs.yaml */
	static const double costs[] = { 0, 20, 50, 150, 400, 800 };
	static const double contacts[] = { 0, 0, 0, 1, 6, 24 };
	struct world w;
	world_make(&w, load_yaml(exceptions_doc), NULL,
	           policy_with_costs(costs, contacts), 5);
	check_all(&w);
	const fl_summary *s = &w.s;
	/* D04: 200 - 400; E05: 156 - 800 (the cost of its pinned level, not
	 * of its computed accountable); G07: -10 - 20; Z08: 0 - 20. */
	static const size_t over[] = { 3, 4, 6, 7 };
	assert_list(s->over_served, s->over_served_count, over, 4, "over");
	static const size_t loss[] = { 6 };
	assert_list(s->loss, s->loss_count, loss, 1, "loss");
	assert_double_eq(s->service_cost, 3040);
	assert_double_eq(s->after_service, 7646 - 3040);
	assert_double_eq(s->levels[FL_LEVEL_PARTNERSHIP].service_cost, 2400);
	assert_double_eq(s->levels[FL_LEVEL_PARTNERSHIP].after_service, 7076 - 2400);
	assert_double_eq(s->levels[FL_LEVEL_PROACTIVE].contacts, 6);
	assert_double_eq(s->levels[FL_LEVEL_PROACTIVE].after_service, -200);
	assert_double_eq(s->levels[FL_LEVEL_BASIC].service_cost, 40);
	assert_double_eq(s->levels[FL_LEVEL_BASIC].after_service, -50);
	assert_double_eq(s->levels[FL_LEVEL_PARTNERSHIP].share, 37.5);
	assert_double_eq(s->levels[FL_LEVEL_BASIC].share, 25);
	world_free(&w);
}

/* A margin exactly covering the service cost is not over-served, a zero
 * margin is not a loss. */
static void test_exceptions_edges(void **state)
{
	(void)state;
	static const double costs[] = { 0, 10, 10, 10, 10, 10 };
	struct world w;
	world_make(&w, load_yaml(
	    "customers:\n"
	    "  - {id: a, revenue: 100, cost: 90}\n"      /* margin 10 = cost */
	    "  - {id: b, revenue: 100, cost: 100}\n"     /* margin 0 */
	    "  - {id: c, revenue: 100, cost: 90.5}\n"    /* margin 9.5 < 10 */
	    "  - {id: d, revenue: 100, cost: 100.25}\n"  /* margin -0.25 */
	    "  - {id: e, revenue: 50, cost: 10, level: basic}\n"),
	    NULL, policy_with_costs(costs, NULL), 5);
	check_all(&w);
	static const size_t loss[] = { 3 }, over[] = { 1, 2, 3 };
	assert_list(w.s.loss, w.s.loss_count, loss, 1, "loss");
	assert_list(w.s.over_served, w.s.over_served_count, over, 3, "over");
	world_free(&w);
}

/* ---- borderline: the distance and the level across each cut --------- */

/*
 * Margin axis on the amount M with cuts 100 and 200, value axis on the
 * revenue R with cuts 1000 and 2000, so the axis values are the inputs
 * themselves.  At 5% the distances are 5, 10, 50 and 100, all exact.
 */
static void border_spec(fl_threshold_spec *spec, double m1, double m2)
{
	fl_threshold_spec_init(spec);
	spec->margin.basis = FL_BASIS_MARGIN;
	spec->value.basis = FL_BASIS_REVENUE;
	spec->margin.has_cuts = spec->value.has_cuts = true;
	spec->margin.has_split = spec->value.has_split = true;
	spec->margin.cut_low = m1;
	spec->margin.cut_high = m2;
	spec->margin.split = 150;
	spec->value.cut_low = 1000;
	spec->value.cut_high = 2000;
	spec->value.split = 1500;
}

struct bexp {
	const char *id;
	int axis;            /* -1: not borderline */
	double cut;
	fl_level computed;
	fl_level moves_to;
};

static void check_border(const char *doc, double m1, double m2,
                         const struct bexp *e, size_t n)
{
	fl_threshold_spec spec;
	border_spec(&spec, m1, m2);
	struct world w;
	world_make(&w, load_yaml(doc), &spec, NULL, 5);
	check_all(&w);
	assert_int_equal(w.p->count, n);
	size_t b = 0;
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(w.p->customers[i].id, e[i].id);
		assert_int_equal(w.plan.classes[i].computed, e[i].computed);
		if (e[i].axis < 0) {
			for (size_t k = 0; k < w.s.borderline_count; k++)
				if (w.s.borderline[k].customer == i)
					fail_msg("%s should not be borderline", e[i].id);
			continue;
		}
		if (b >= w.s.borderline_count)
			fail_msg("%s should be borderline", e[i].id);
		const fl_borderline *x = &w.s.borderline[b++];
		if (x->customer != i)
			fail_msg("%s: borderline entry for customer %zu", e[i].id,
			         x->customer);
		assert_int_equal(x->axis, e[i].axis);
		assert_double_eq(fl_borderline_cut(&w.plan, x), e[i].cut);
		if (x->moves_to != e[i].moves_to)
			fail_msg("%s moves to %s, expected %s", e[i].id,
			         fl_level_name((fl_level)x->moves_to),
			         fl_level_name(e[i].moves_to));
	}
	assert_int_equal(w.s.borderline_count, b);
	world_free(&w);
}

static void test_borderline_margin_axis(void **state)
{
	(void)state;
	/* The premise: the allowed distances are exact doubles. */
	assert_double_eq(5 / 100.0 * 100, 5);
	assert_double_eq(5 / 100.0 * 200, 10);
	assert_double_eq(5 / 100.0 * 1000, 50);
	assert_double_eq(5 / 100.0 * 2000, 100);
	/* R = 5000 keeps the value tier high and far from its cuts; the
	 * costs set M exactly.  4905.000000000931322574615478515625 is
	 * 4905 + 2^-30, so M = 95 - 2^-30: just beyond the distance. */
	static const char doc[] =
		"customers:\n"
		"  - {id: up-a, revenue: 5000, cost: 4905}\n"       /* M 95 */
		"  - {id: up-a-beyond, revenue: 5000, "
		"cost: 4905.000000000931322574615478515625}\n"
		"  - {id: at-a, revenue: 5000, cost: 4900}\n"       /* M 100 */
		"  - {id: down-a, revenue: 5000, cost: 4895}\n"     /* M 105 */
		"  - {id: down-a-beyond, revenue: 5000, "
		"cost: 4894.999999999068677425384521484375}\n"
		"  - {id: up-b, revenue: 5000, cost: 4810}\n"       /* M 190 */
		"  - {id: up-b-beyond, revenue: 5000, cost: 4810.0078125}\n"
		"  - {id: down-b, revenue: 5000, cost: 4790}\n"     /* M 210 */
		"  - {id: down-b-beyond, revenue: 5000, cost: 4789.9921875}\n"
		"  - {id: middle, revenue: 5000, cost: 4850}\n";    /* M 150 */
	static const struct bexp e[] = {
		{ "up-a", 0, 100, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE },
		{ "up-a-beyond", -1, 0, FL_LEVEL_ACCOUNTABLE, 0 },
		{ "at-a", 0, 100, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "down-a", 0, 100, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "down-a-beyond", -1, 0, FL_LEVEL_PROACTIVE, 0 },
		{ "up-b", 0, 200, FL_LEVEL_PROACTIVE, FL_LEVEL_PARTNERSHIP },
		{ "up-b-beyond", -1, 0, FL_LEVEL_PROACTIVE, 0 },
		{ "down-b", 0, 200, FL_LEVEL_PARTNERSHIP, FL_LEVEL_PROACTIVE },
		{ "down-b-beyond", -1, 0, FL_LEVEL_PARTNERSHIP, 0 },
		{ "middle", -1, 0, FL_LEVEL_PROACTIVE, 0 },
	};
	check_border(doc, 100, 200, e, sizeof(e) / sizeof(e[0]));
}

static void test_borderline_value_axis(void **state)
{
	(void)state;
	/* M = 150 keeps the margin tier medium and far from its cuts. */
	static const char doc[] =
		"customers:\n"
		"  - {id: up-a, revenue: 950, cost: 800}\n"
		"  - {id: up-a-beyond, revenue: 949.9375, cost: 799.9375}\n"
		"  - {id: down-a, revenue: 1050, cost: 900}\n"
		"  - {id: down-a-beyond, revenue: 1050.0625, cost: 900.0625}\n"
		"  - {id: up-b, revenue: 1900, cost: 1750}\n"
		"  - {id: up-b-beyond, revenue: 1899.875, cost: 1749.875}\n"
		"  - {id: at-b, revenue: 2000, cost: 1850}\n"
		"  - {id: down-b, revenue: 2100, cost: 1950}\n"
		"  - {id: down-b-beyond, revenue: 2100.125, cost: 1950.125}\n";
	static const struct bexp e[] = {
		{ "up-a", 1, 1000, FL_LEVEL_REACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "up-a-beyond", -1, 0, FL_LEVEL_REACTIVE, 0 },
		{ "down-a", 1, 1000, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_REACTIVE },
		{ "down-a-beyond", -1, 0, FL_LEVEL_ACCOUNTABLE, 0 },
		{ "up-b", 1, 2000, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE },
		{ "up-b-beyond", -1, 0, FL_LEVEL_ACCOUNTABLE, 0 },
		{ "at-b", 1, 2000, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "down-b", 1, 2000, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "down-b-beyond", -1, 0, FL_LEVEL_PROACTIVE, 0 },
	};
	check_border(doc, 100, 200, e, sizeof(e) / sizeof(e[0]));
}

/* Near a cut on both axes: two entries, margin first. */
static void test_borderline_both_axes(void **state)
{
	(void)state;
	fl_threshold_spec spec;
	border_spec(&spec, 100, 200);
	struct world w;
	/* M = 1960 - 1765 = 195 (near b = 200), R = 1960 (near b = 2000). */
	world_make(&w, load_yaml("customers:\n"
	                         "  - {id: x, revenue: 1960, cost: 1765}\n"),
	           &spec, NULL, 5);
	check_all(&w);
	assert_int_equal(w.plan.classes[0].computed, FL_LEVEL_ACCOUNTABLE);
	assert_int_equal(w.s.borderline_count, 2);
	assert_int_equal(w.s.borderline[0].axis, 0);
	assert_int_equal(w.s.borderline[0].moves_to, FL_LEVEL_PROACTIVE);
	assert_int_equal(w.s.borderline[1].axis, 1);
	assert_int_equal(w.s.borderline[1].moves_to, FL_LEVEL_PROACTIVE);
	assert_double_eq(fl_borderline_value(w.p, &w.plan, &w.s.borderline[1]),
	                 1960);
	world_free(&w);
}

/* Equal cuts make two tiers: reported once, low <-> high. */
static void test_borderline_equal_cuts(void **state)
{
	(void)state;
	static const char doc[] =
		"customers:\n"
		"  - {id: below, revenue: 5000, cost: 4903}\n"    /* M 97 */
		"  - {id: above, revenue: 5000, cost: 4897}\n"    /* M 103 */
		"  - {id: \"on\", revenue: 5000, cost: 4900}\n";      /* M 100 */
	static const struct bexp e[] = {
		{ "below", 0, 100, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PARTNERSHIP },
		{ "above", 0, 100, FL_LEVEL_PARTNERSHIP, FL_LEVEL_ACCOUNTABLE },
		{ "on", 0, 100, FL_LEVEL_PARTNERSHIP, FL_LEVEL_ACCOUNTABLE },
	};
	check_border(doc, 100, 100, e, sizeof(e) / sizeof(e[0]));
}

/* A cut at 0 allows no distance; a negative cut counts by its size. */
static void test_borderline_zero_and_negative_cuts(void **state)
{
	(void)state;
	static const char doc0[] =
		"customers:\n"
		"  - {id: zero, revenue: 5000, cost: 5000}\n"              /* M 0 */
		"  - {id: tiny, revenue: 5000, cost: 4999.9990234375}\n";  /* M 2^-10 */
	static const struct bexp e0[] = {
		{ "zero", 0, 0, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "tiny", -1, 0, FL_LEVEL_PROACTIVE, 0 },
	};
	check_border(doc0, 0, 200, e0, 2);

	static const char docn[] =
		"customers:\n"
		"  - {id: mid, revenue: 5000, cost: 5005}\n"    /* M -5 */
		"  - {id: near, revenue: 5000, cost: 5096}\n"   /* M -96 */
		"  - {id: below, revenue: 5000, cost: 5105}\n"  /* M -105 */
		"  - {id: far, revenue: 5000, cost: 5106}\n";   /* M -106 */
	static const struct bexp en[] = {
		{ "mid", -1, 0, FL_LEVEL_PROACTIVE, 0 },
		{ "near", 0, -100, FL_LEVEL_PROACTIVE, FL_LEVEL_ACCOUNTABLE },
		{ "below", 0, -100, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE },
		{ "far", -1, 0, FL_LEVEL_ACCOUNTABLE, 0 },
	};
	check_border(docn, -100, 200, en, 4);
}

/* A pinned customer's borderline entry is about its computed level. */
static void test_borderline_pinned(void **state)
{
	(void)state;
	static const char doc[] =
		"customers:\n"
		"  - {id: p, revenue: 5000, cost: 4905, level: basic}\n";
	static const struct bexp e[] = {
		{ "p", 0, 100, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE },
	};
	check_border(doc, 100, 200, e, 1);
}

/* ---- random portfolios: every invariant ------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static void test_random_portfolios(void **state)
{
	(void)state;
	static const char *const levels[] = { "basic", "reactive", "accountable",
	                                      "proactive", "partnership" };
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + rng() % 60;
		size_t cap = 64 + n * 128;
		char *doc = malloc(cap);
		assert_non_null(doc);
		size_t len = (size_t)snprintf(doc, cap, "customers:\n");
		for (size_t i = 0; i < n; i++) {
			/* Few distinct values now and then, so that ties and
			 * values exactly on a cut happen. */
			bool ties = round % 3 == 0;
			unsigned long r = ties ? 1000 * (rng() % 4)
			                       : (unsigned long)(rng() % 2000000);
			unsigned long c = ties ? 250 * (rng() % 6)
			                       : (unsigned long)(rng() % 2400000);
			unsigned long o = r == 0 ? rng() % 2 : 1 + rng() % 12;
			len += (size_t)snprintf(doc + len, cap - len,
			                        "  - {id: c%zu, revenue: %lu.%02lu, "
			                        "cost: %lu.%02lu, orders: %lu",
			                        i, r / 100, r % 100, c / 100, c % 100, o);
			if (rng() % 5 == 0)
				len += (size_t)snprintf(doc + len, cap - len,
				                        ", level: %s", levels[rng() % 5]);
			len += (size_t)snprintf(doc + len, cap - len, "}\n");
			assert_true(len < cap);
		}
		double costs[6], contacts[6];
		for (int l = 0; l < 6; l++) {
			costs[l] = (double)(rng() % 500000) / 100.0;
			contacts[l] = (double)(rng() % 50);
		}
		fl_threshold_spec spec;
		fl_threshold_spec_init(&spec);
		if (round % 4 == 1) {
			spec.margin.basis = FL_BASIS_MARGIN;
			spec.value.basis = FL_BASIS_REVENUE;
		}
		if (round % 5 == 2) {
			spec.value.has_cuts = true;
			spec.value.cut_low = spec.value.cut_high = 1000;
		}
		double pct = (double)(rng() % 30);
		struct world w;
		world_make(&w, load_yaml(doc), &spec,
		           policy_with_costs(costs, contacts), pct);
		check_all(&w);
		world_free(&w);
		free(doc);
	}
}

/* ---- an empty portfolio and the small helpers ------------------------ */

static void test_empty(void **state)
{
	(void)state;
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	const char doc[] = "customers: []\n";
	assert_int_equal(fl_portfolio_load_mem(doc, strlen(doc), "e.yaml", NULL,
	                                       &p, &d), FL_OK);
	fl_diags_release(&d);
	static const double costs[] = { 0, 1, 2, 3, 4, 5 };
	struct world w;
	world_make(&w, p, NULL, policy_with_costs(costs, NULL), 5);
	check_all(&w);
	assert_int_equal(w.s.customers, 0);
	assert_double_eq(w.s.margin_pct, 0);
	assert_double_eq(w.s.service_cost, 0);
	for (int l = 1; l <= 5; l++) {
		assert_double_eq(w.s.levels[l].share, 0);
		assert_double_eq(w.s.levels[l].margin_pct, 0);
	}
	assert_null(w.s.loss);
	assert_null(w.s.borderline);
	world_free(&w);
}

static void test_percent_and_release(void **state)
{
	(void)state;
	assert_double_eq(fl_percent(1, 4), 25);
	assert_double_eq(fl_percent(-1, 4), -25);
	assert_double_eq(fl_percent(5, 0), 0);
	assert_double_eq(fl_percent(0, 0), 0);
	fl_summary s;
	memset(&s, 0, sizeof(s));
	fl_summary_release(&s);
	fl_summary_release(&s);   /* released twice: still safe */
	assert_int_equal(s.loss_count, 0);
}

/* Many exceptions: the lists grow past their first allocations. */
static void test_many_exceptions(void **state)
{
	(void)state;
	size_t n = 1000, cap = 64 + n * 64;
	char *doc = malloc(cap);
	assert_non_null(doc);
	size_t len = (size_t)snprintf(doc, cap, "customers:\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(doc + len, cap - len,
		                        "  - {id: x%zu, revenue: 100, cost: %zu, "
		                        "level: %s}\n", i, 101 + i % 7,
		                        i % 2 ? "partnership" : "basic");
	struct world w;
	world_make(&w, load_yaml(doc), NULL, NULL, 100);
	check_all(&w);
	assert_int_equal(w.s.loss_count, n);
	assert_int_equal(w.s.over_served_count, n);
	assert_true(w.s.pin_differs_count > 0);
	world_free(&w);
	free(doc);
}

/* A sum that overflows: FL_ERR_INPUT naming the figure, never an
 * infinity to print.  Each customer's figures are finite. */
static fl_status overflow_of(const char *doc, fl_policy *pol, char *what,
                             size_t size)
{
	fl_portfolio *p = load_yaml(doc);
	if (pol == NULL)
		pol = fl_policy_default();
	assert_non_null(pol);
	fl_plan_spec ps;
	fl_plan_spec_init(&ps);
	fl_policy_econ(pol, 1, &ps.econ);
	fl_plan plan;
	assert_int_equal(fl_plan_compute(p, &ps, &plan), FL_OK);
	fl_summary s;
	fl_status st = fl_summary_compute(p, &plan, pol, 5.0, &s);
	snprintf(what, size, "%s", s.overflow);
	if (st == FL_ERR_INPUT) {
		/* Released: nothing is left to print by mistake. */
		assert_null(s.loss);
		assert_int_equal(s.customers, 0);
	}
	fl_summary_release(&s);
	fl_plan_release(&plan);
	fl_policy_free(pol);
	fl_portfolio_free(p);
	return st;
}

static void test_overflow(void **state)
{
	(void)state;
	char what[128];
	/* The case: revenue and cost of 1e308 twice. */
	assert_int_equal(overflow_of("customers:\n"
	    "  - {id: A, revenue: 1e308, cost: 1e308, orders: 1}\n"
	    "  - {id: B, revenue: 1e308, cost: 1e308, orders: 1}\n",
	    NULL, what, sizeof(what)), FL_ERR_INPUT);
	assert_string_equal(what, "the total revenue of the portfolio overflows "
	                    "a double");
	/* The revenue fits (1.78e308), the costs do not (1.81e308); each
	 * customer's margin percent stays finite (-1.6e308). */
	assert_int_equal(overflow_of("customers:\n"
	    "  - {id: A, revenue: 8.9e307, cost: 9.05e307, orders: 1}\n"
	    "  - {id: B, revenue: 8.9e307, cost: 9.05e307, orders: 1}\n",
	    NULL, what, sizeof(what)), FL_ERR_INPUT);
	assert_string_equal(what, "the total cost of the portfolio overflows "
	                    "a double");
	/* 100 * margin overflows, the percentage does not: 100.00. */
	assert_int_equal(overflow_of("customers:\n"
	    "  - {id: A, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: B, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: C, revenue: 1e306, cost: 0, orders: 1}\n",
	    NULL, what, sizeof(what)), FL_OK);
	/* A policy's service cost times a level's customers. */
	double costs[] = { 0, 1e308, 1e308, 1e308, 1e308, 1e308 };
	assert_int_equal(overflow_of("customers:\n"
	    "  - {id: A, revenue: 10, cost: 5, orders: 1}\n"
	    "  - {id: B, revenue: 10, cost: 5, orders: 1}\n",
	    policy_with_costs(costs, NULL), what, sizeof(what)), FL_ERR_INPUT);
	assert_string_equal(what, "the total service cost of the portfolio "
	                    "overflows a double");
	/* Large but finite: FL_OK, and no name. */
	assert_int_equal(overflow_of("customers:\n"
	    "  - {id: A, revenue: 1e307, cost: 1e307, orders: 1}\n"
	    "  - {id: B, revenue: 1e307, cost: 1e307, orders: 1}\n",
	    NULL, what, sizeof(what)), FL_OK);
	assert_string_equal(what, "");
}

/* ---- the economics: affordability, changes, profit curve, groups ---- */

/*
 * Six customers whose final levels are pinned, so that every figure can be
 * worked out by hand (f = 0.5: the yearly costs 0, 100, 400, 800, 2000
 * are S = 0, 50, 200, 400, 1000 for the period; share 1, no CTS, so
 * pi = M):
 *
 *   id  M     pin          current      affordable            after
 *   A   3000  partnership  proactive    partnership           2000
 *   B    400  reactive     accountable  proactive (400 <= 400)  350
 *   C     50  basic        partnership  reactive (50 <= 50)      50
 *   D    -10  basic        basic        basic, unprofitable     -10
 *   E    900  accountable  -            proactive               700
 *   F      0  reactive     reactive     basic (0 <= 0)          -50
 *
 * Changes: A up 1 (1000 - 400 = 600); B down 1 (50 - 200 = -150), C down
 * 4 (0 - 1000 = -1000); D and F the same; E has no current level.
 * Profit curve: 2000, 700, 350, 50, -10, -50 -> S = 2000, 2700, 3050,
 * 3100, 3090, 3040; the deciles take k = 1, 2, 2, 3, 3, 4, 5, 5, 6, 6.
 */
static const char econ_doc[] =
"customers:\n"
"  - {id: A, segment: hospital, revenue: 10000, cost: 7000, orders: 1,"
" level: partnership, current_level: proactive}\n"
"  - {id: B, segment: hospital, revenue: 1000, cost: 600, orders: 1,"
" level: reactive, current_level: accountable}\n"
"  - {id: C, segment: practice, revenue: 100, cost: 50, orders: 1,"
" level: basic, current_level: partnership}\n"
"  - {id: D, segment: practice, revenue: 100, cost: 110, orders: 1,"
" level: basic, current_level: basic}\n"
"  - {id: E, segment: practice, revenue: 2000, cost: 1100, orders: 1,"
" level: accountable}\n"
"  - {id: F, segment: practice, revenue: 100, cost: 100, orders: 1,"
" level: reactive, current_level: reactive}\n";

static void econ_world(struct world *w, fl_group_by by)
{
	static const double costs[] = { 0, 0, 100, 400, 800, 2000 };
	memset(w, 0, sizeof(*w));
	w->p = load_yaml(econ_doc);
	w->pol = policy_with_costs(costs, NULL);
	fl_plan_spec ps;
	fl_plan_spec_init(&ps);
	fl_policy_econ(w->pol, 0.5, &ps.econ);
	ps.by = by;
	ps.min_group = 2;
	assert_int_equal(fl_plan_compute(w->p, &ps, &w->plan), FL_OK);
	assert_int_equal(fl_summary_compute(w->p, &w->plan, w->pol, 5, &w->s),
	                 FL_OK);
}

static void test_econ_affordability(void **state)
{
	(void)state;
	struct world w;
	econ_world(&w, FL_BY_NONE);
	static const fl_level want[] = {
		FL_LEVEL_PARTNERSHIP, FL_LEVEL_PROACTIVE, FL_LEVEL_REACTIVE,
		FL_LEVEL_BASIC, FL_LEVEL_PROACTIVE, FL_LEVEL_BASIC,
	};
	size_t afford[6][6] = { { 0 } };
	for (size_t i = 0; i < 6; i++) {
		const fl_class *k = &w.plan.classes[i];
		assert_int_equal(k->affordable, want[i]);
		assert_int_equal(k->unprofitable, i == 3);
		afford[k->computed][k->affordable]++;
	}
	/* The counts by grid level and affordable level, all 25 cells. */
	for (int g = 0; g < 6; g++)
		for (int a = 0; a < 6; a++)
			assert_int_equal(w.s.afford[g][a], afford[g][a]);
	const size_t unprof[] = { 3 };
	assert_list(w.s.unprofitable, w.s.unprofitable_count, unprof, 1,
	            "unprofitable");
	world_free(&w);
}

static void test_econ_changes(void **state)
{
	(void)state;
	struct world w;
	econ_world(&w, FL_BY_NONE);
	assert_int_equal(w.s.with_current, 5);
	assert_int_equal(w.s.same, 2);
	const size_t more[] = { 0 }, less[] = { 1, 2 };
	assert_list(w.s.serve_more, w.s.serve_more_count, more, 1, "more");
	assert_list(w.s.serve_less, w.s.serve_less_count, less, 2, "less");
	assert_double_eq(w.s.serve_more_delta, 600);
	assert_double_eq(w.s.serve_less_delta, -150.0 + -1000.0);
	assert_double_eq(w.s.net_delta, -550);
	/* The totals: service for the period, and after it. */
	assert_double_eq(w.s.service_cost, 1000 + 50 + 0 + 0 + 200 + 50);
	assert_double_eq(w.s.after_service, 3040);
	world_free(&w);

	/* Without current levels: no changes at all. */
	memset(&w, 0, sizeof(w));
	world_make(&w, load_yaml("customers:\n"
	    "  - {id: A, revenue: 10, cost: 5, orders: 1}\n"), NULL, NULL, 5);
	assert_int_equal(w.s.with_current, 0);
	assert_int_equal(w.s.serve_more_count + w.s.serve_less_count, 0);
	assert_double_eq(w.s.net_delta, 0);
	world_free(&w);
}

static void test_econ_profit_curve(void **state)
{
	(void)state;
	struct world w;
	econ_world(&w, FL_BY_NONE);
	const fl_profit_curve *c = &w.s.curve;
	assert_int_equal(c->customers, 6);
	assert_double_eq(c->total, 3040);
	assert_double_eq(c->peak, 3100);
	assert_int_equal(c->peak_customers, 4);
	assert_true(c->has_peak_pct);
	assert_close(c->peak_pct, 100.0 * 3100 / 3040);
	assert_double_eq(c->losses, -60);
	assert_int_equal(c->loss_customers, 2);
	assert_true(c->has_deciles);
	static const double at[10] = { 2000, 2700, 2700, 3050, 3050, 3100, 3090,
	                               3090, 3040, 3040 };
	for (int j = 0; j < 10; j++)
		assert_close(c->deciles[j], 100.0 * at[j] / 3040);
	world_free(&w);

	/* Every customer loses: a total <= 0 has no percentages. */
	memset(&w, 0, sizeof(w));
	world_make(&w, load_yaml("customers:\n"
	    "  - {id: A, revenue: 10, cost: 15, orders: 1}\n"
	    "  - {id: B, revenue: 10, cost: 12, orders: 1}\n"), NULL, NULL, 5);
	assert_double_eq(w.s.curve.total, -7);
	assert_double_eq(w.s.curve.peak, -2);
	assert_int_equal(w.s.curve.peak_customers, 1);
	assert_false(w.s.curve.has_peak_pct);
	assert_false(w.s.curve.has_deciles);
	assert_double_eq(w.s.curve.losses, -7);
	world_free(&w);
}

/* Percentages of profits near the largest doubles: 100 * S overflows,
 * the percentage does not, and the summary still gives it. */
static void test_econ_profit_curve_huge(void **state)
{
	(void)state;
	struct world w;
	world_make(&w, load_yaml("customers:\n"
	    "  - {id: A, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: B, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: C, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: D, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: E, revenue: 1e306, cost: 0, orders: 1}\n"
	    "  - {id: F, revenue: 1e306, cost: 1.5e306, orders: 1}\n"),
	    NULL, NULL, 5);
	const fl_profit_curve *c = &w.s.curve;
	assert_close(c->total, 4.5e306);
	assert_close(c->peak, 5e306);
	assert_int_equal(c->peak_customers, 5);
	assert_close(c->peak_pct, 100.0 * (5.0 / 4.5));
	assert_close(c->deciles[0], 100.0 * (1.0 / 4.5));
	assert_close(c->deciles[9], 100);
	assert_close(c->losses, -0.5e306);
	world_free(&w);
}

static void test_econ_groups(void **state)
{
	(void)state;
	struct world w;
	econ_world(&w, FL_BY_SEGMENT);
	/* Groups in byte order of the segment: hospital, practice. */
	assert_int_equal(w.s.group_count, 2);
	assert_int_equal(w.plan.group_count, 2);
	assert_string_equal(w.plan.groups[0].segment, "hospital");
	const size_t (*gl)[FL_LEVEL_PARTNERSHIP + 1] =
		(const size_t (*)[FL_LEVEL_PARTNERSHIP + 1])w.s.group_levels;
	assert_int_equal(gl[0][FL_LEVEL_PARTNERSHIP], 1);
	assert_int_equal(gl[0][FL_LEVEL_REACTIVE], 1);
	assert_int_equal(gl[1][FL_LEVEL_BASIC], 2);
	assert_int_equal(gl[1][FL_LEVEL_ACCOUNTABLE], 1);
	assert_int_equal(gl[1][FL_LEVEL_REACTIVE], 1);
	size_t sum = 0;
	for (size_t g = 0; g < 2; g++)
		for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
			sum += gl[g][l];
	assert_int_equal(sum, 6);
	world_free(&w);
	/* Without groups there is no table. */
	econ_world(&w, FL_BY_NONE);
	assert_null(w.s.group_levels);
	assert_int_equal(w.s.group_count, 0);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_sample_costs_and_distances),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_exceptions_costs),
		cmocka_unit_test(test_exceptions_edges),
		cmocka_unit_test(test_borderline_margin_axis),
		cmocka_unit_test(test_borderline_value_axis),
		cmocka_unit_test(test_borderline_both_axes),
		cmocka_unit_test(test_borderline_equal_cuts),
		cmocka_unit_test(test_borderline_zero_and_negative_cuts),
		cmocka_unit_test(test_borderline_pinned),
		cmocka_unit_test(test_random_portfolios),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_percent_and_release),
		cmocka_unit_test(test_many_exceptions),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_econ_affordability),
		cmocka_unit_test(test_econ_changes),
		cmocka_unit_test(test_econ_profit_curve),
		cmocka_unit_test(test_econ_profit_curve_huge),
		cmocka_unit_test(test_econ_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
