/*
 * test_basis_clv.c - the value basis clv (model.h: FL_BASIS_CLV,
 * fl_plan.clv, fl_plan_axis_value, fl_plan_compute_diags): tiers and
 * quadrant on each customer's lifetime value.
 *
 * The portfolio is small and made by hand so that the ranking can be
 * reasoned about: every customer has the same margin ratio (cost = 60 %
 * of revenue, no cost to serve: c = 0.4), A and B have the same history
 * (12 orders of 100, t_x = 180 days) but B's ended a year and a half
 * before the as-of date, so BG/NBD gives B a lower P(alive) and fewer
 * expected orders: CLV(A) > CLV(B), although their order values V are
 * equal.  Z has no revenue, so c = 0 and CLV(Z) = 0.  The figures
 * themselves are the engine's (test_clv.c, clv-ref check them against
 * scipy/mpmath): here each customer's CLV on the axis must be exactly
 * fl_plan_value_of's, and the cuts, tiers and quadrants exactly what the
 * model's own functions (fl_quantile, fl_tier_of, fl_quadrant_of) give on
 * those values.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "load_check.h"

/* 2026-12-31, days since 1970-01-01 (Python: (date(2026, 12, 31) -
 * date(1970, 1, 1)).days). */
#define AS_OF 20818L

static const char portfolio[] =
	"customers:\n"
	"  - {id: A, segment: s1, revenue: 1200, cost: 720, orders: 12, "
	"first_order: 2026-06-01, last_order: 2026-11-28}\n"
	"  - {id: B, segment: s1, revenue: 1200, cost: 720, orders: 12, "
	"first_order: 2025-01-01, last_order: 2025-06-30}\n"
	"  - {id: C, segment: s1, revenue: 100, cost: 60, orders: 1, "
	"first_order: 2026-12-01, last_order: 2026-12-01}\n"
	"  - {id: D, segment: s2, revenue: 400, cost: 240, orders: 4, "
	"first_order: 2026-01-15, last_order: 2026-12-15}\n"
	"  - {id: E, segment: s2, revenue: 3000, cost: 1800, orders: 6, "
	"first_order: 2026-03-01, last_order: 2026-12-20}\n"
	"  - {id: Z, segment: s2, revenue: 0, cost: 0, orders: 2, "
	"first_order: 2026-05-01, last_order: 2026-09-01}\n";

static void spec_clv(fl_plan_spec *s)
{
	fl_plan_spec_init(s);
	s->as_of = AS_OF;
	s->thresholds.value.basis = FL_BASIS_CLV;
}

static void load_yaml(loaded *r, const char *doc)
{
	load_str(r, doc, FL_INPUT_YAML);
	assert_int_equal(r->st, FL_OK);
}

static size_t find(const fl_portfolio *p, const char *id)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->customers[i].id, id) == 0)
			return i;
	fail_msg("no customer %s", id);
	return 0;
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(fl_basis_name(FL_BASIS_CLV), "clv");
	assert_string_equal(fl_basis_label(FL_BASIS_CLV), "CLV");
	assert_string_equal(fl_basis_symbol(FL_BASIS_CLV), "lifetime value CLV");
	assert_null(fl_basis_label((fl_basis)5));
	/* The customer alone has no lifetime value: the plan has it. */
	fl_customer c;
	memset(&c, 0, sizeof(c));
	fl_metrics m = fl_metrics_of(&c);
	assert_true(isnan(fl_axis_value(FL_BASIS_CLV, &c, &m)));
}

/* Each customer's CLV on the axis is fl_plan_value_of's; the cuts are
 * its quantiles, the tiers and quadrants follow from them. */
static void test_classify_on_clv(void **state)
{
	(void)state;
	loaded r;
	load_yaml(&r, portfolio);
	const fl_portfolio *p = r.p;
	fl_plan_spec s;
	spec_clv(&s);
	assert_false(s.value);  /* the basis forces the fit by itself */
	fl_plan plan;
	fl_diags d;
	fl_diags_init(&d, 0);
	assert_int_equal(fl_plan_compute_diags(p, &s, &plan, &d), FL_OK);
	assert_int_equal(d.count, 0);
	assert_true(plan.valued);
	assert_true(plan.spend);
	assert_non_null(plan.clv);
	assert_int_equal(plan.thresholds.value.basis, FL_BASIS_CLV);
	double v[6];
	for (size_t i = 0; i < p->count; i++) {
		const fl_customer *c = &p->customers[i];
		fl_customer_value cv;
		assert_true(fl_plan_value_of(&plan, c, true, &cv));
		assert_true(isfinite(cv.clv));
		if (!(plan.clv[i] == cv.clv))
			fail_msg("%s: clv %.17g, fl_plan_value_of %.17g", c->id,
			         plan.clv[i], cv.clv);
		fl_metrics m = fl_metrics_of(c);
		assert_true(fl_plan_axis_value(&plan, FL_BASIS_CLV, i, c, &m) ==
		            cv.clv);
		/* The other bases read the customer, as before. */
		assert_true(fl_plan_axis_value(&plan, FL_BASIS_ORDER_VALUE, i, c,
		                               &m) == m.order_value);
		v[i] = cv.clv;
	}
	size_t a = find(p, "A"), b = find(p, "B"), z = find(p, "Z");
	/* The ranking the model implies (see the top of the file). */
	assert_true(v[a] > v[b]);
	assert_true(v[z] == 0);
	assert_true(fl_metrics_of(&p->customers[a]).order_value ==
	            fl_metrics_of(&p->customers[b]).order_value);
	/* The cuts: quantiles of the CLVs. */
	double q[6];
	memcpy(q, v, sizeof(q));
	const fl_axis *ax = &plan.thresholds.value;
	assert_true(ax->cut_low == fl_quantile(q, 6, 1.0 / 3));
	memcpy(q, v, sizeof(q));
	assert_true(ax->cut_high == fl_quantile(q, 6, 2.0 / 3));
	memcpy(q, v, sizeof(q));
	assert_true(ax->split == fl_quantile(q, 6, 0.5));
	int high = 0;
	for (size_t i = 0; i < p->count; i++) {
		const fl_class *k = &plan.classes[i];
		fl_metrics m = fl_metrics_of(&p->customers[i]);
		fl_tier t = fl_tier_of(v[i], ax->cut_low, ax->cut_high);
		assert_int_equal(k->value_tier, t);
		assert_int_equal(k->quadrant,
		                 fl_quadrant_of(m.margin_pct, v[i],
		                                &plan.thresholds));
		high += t == FL_TIER_HIGH;
	}
	/* Six distinct values: two at or above the 2/3 quantile. */
	assert_int_equal(high, 2);
	/* A and B: the same order value, not the same tier on CLV. */
	assert_true(plan.classes[a].value_tier > plan.classes[b].value_tier);
	fl_plan_release(&plan);
	assert_null(plan.clv);
	fl_diags_release(&d);
	loaded_free(&r);
}

/* Groups by segment take their quantiles over their own customers'
 * CLVs. */
static void test_by_segment(void **state)
{
	(void)state;
	loaded r;
	load_yaml(&r, portfolio);
	fl_plan_spec s;
	spec_clv(&s);
	s.by = FL_BY_SEGMENT;
	s.min_group = 3;
	fl_plan plan;
	assert_int_equal(fl_plan_compute(r.p, &s, &plan), FL_OK);
	assert_int_equal(plan.group_count, 2);
	for (size_t g = 0; g < 2; g++) {
		const fl_group *gr = &plan.groups[g];
		assert_true(gr->own);
		double q[3];
		size_t n = 0;
		for (size_t i = 0; i < r.p->count; i++)
			if (strcmp(r.p->customers[i].segment, gr->segment) == 0)
				q[n++] = plan.clv[i];
		assert_int_equal(n, 3);
		assert_int_equal(gr->thresholds.value.basis, FL_BASIS_CLV);
		double lo = fl_quantile(q, 3, 1.0 / 3);
		double hi = fl_quantile(q, 3, 2.0 / 3);
		assert_true(gr->thresholds.value.cut_low == lo);
		assert_true(gr->thresholds.value.cut_high == hi);
	}
	fl_plan_release(&plan);
	loaded_free(&r);
}

/* Without the clv basis nothing is kept, and the fit follows
 * spec.value alone. */
static void test_other_bases(void **state)
{
	(void)state;
	loaded r;
	load_yaml(&r, portfolio);
	fl_plan_spec s;
	fl_plan_spec_init(&s);
	s.as_of = AS_OF;
	fl_plan plan;
	assert_int_equal(fl_plan_compute(r.p, &s, &plan), FL_OK);
	assert_null(plan.clv);
	assert_false(plan.valued);
	fl_plan_release(&plan);
	/* Thresholds alone cannot be taken on clv: only a plan has it. */
	fl_threshold_spec t;
	fl_threshold_spec_init(&t);
	t.value.basis = FL_BASIS_CLV;
	fl_thresholds out;
	assert_int_equal(fl_thresholds_compute(r.p, &t, &out), FL_ERR_USAGE);
	loaded_free(&r);
}

/* The one error of a failed plan, its message. */
static void expect_plan_error(const fl_portfolio *p, const fl_plan_spec *s,
                         const char *message)
{
	fl_plan plan;
	fl_diags d;
	fl_diags_init(&d, 20);
	assert_int_equal(fl_plan_compute_diags(p, s, &plan, &d), FL_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, message);
	/* The plan is empty, as on any failure. */
	assert_int_equal(plan.count, 0);
	assert_null(plan.classes);
	assert_null(plan.clv);
	assert_false(plan.valued);
	fl_plan_release(&plan);
	fl_diags_release(&d);
	/* Without a list, the status alone. */
	assert_int_equal(fl_plan_compute(p, s, &plan), FL_ERR_INPUT);
	fl_plan_release(&plan);
}

/* Customers without dates: counted, the first five named, quoted. */
static void test_undated(void **state)
{
	(void)state;
	loaded r;
	load_yaml(&r, "customers:\n"
	          "  - {id: A, revenue: 1200, cost: 720, orders: 12, "
	          "first_order: 2026-06-01, last_order: 2026-11-28}\n"
	          "  - {id: u1, revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: \"u\\e2\", revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: u3, revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: u4, revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: u5, revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: u6, revenue: 1, cost: 0, orders: 1}\n"
	          "  - {id: u7, revenue: 1, cost: 0, orders: 1}\n");
	fl_plan_spec s;
	spec_clv(&s);
	expect_plan_error(r.p, &s, "the value basis clv (the lifetime value) needs "
	             "order dates for every customer: 7 of 8 customers have "
	             "none (\"u1\", \"u\\x1b2\", \"u3\", \"u4\", \"u5\" and 2 "
	             "more): give them dates (a date on each order, or "
	             "first_order and last_order), or choose another value "
	             "basis");
	loaded_free(&r);
	load_yaml(&r, "customers:\n"
	          "  - {id: A, revenue: 1200, cost: 720, orders: 12, "
	          "first_order: 2026-06-01, last_order: 2026-11-28}\n"
	          "  - {id: u1, revenue: 1, cost: 0, orders: 1}\n");
	expect_plan_error(r.p, &s, "the value basis clv (the lifetime value) needs "
	             "order dates for every customer: 1 of 2 customers has "
	             "none (\"u1\"): give them dates (a date on each order, or "
	             "first_order and last_order), or choose another value "
	             "basis");
	loaded_free(&r);
}

/* Dates but no as-of day, no repeat purchase to fit the spend on. */
static void test_no_fit(void **state)
{
	(void)state;
	loaded r;
	load_yaml(&r, portfolio);
	fl_plan_spec s;
	spec_clv(&s);
	s.as_of = FL_DAY_NONE;
	expect_plan_error(r.p, &s, "the value basis clv (the lifetime value) needs "
	             "an as-of date");
	loaded_free(&r);
	load_yaml(&r, "customers:\n"
	          "  - {id: A, revenue: 10, cost: 5, orders: 1, "
	          "first_order: 2026-03-01, last_order: 2026-03-01}\n"
	          "  - {id: B, revenue: 20, cost: 5, orders: 1, "
	          "first_order: 2026-06-01, last_order: 2026-06-01}\n");
	spec_clv(&s);
	expect_plan_error(r.p, &s, "the value basis clv (the lifetime value) needs "
	             "the spend model (Gamma-Gamma), which cannot be fitted: "
	             "no customer has a repeat purchase (x >= 1) of positive "
	             "value");
	loaded_free(&r);
	/* No customer at all: nothing to date, nothing to fit. */
	load_yaml(&r, "customers: []\n");
	fl_plan plan;
	assert_int_equal(fl_plan_compute(r.p, &s, &plan), FL_OK);
	assert_null(plan.clv);
	fl_plan_release(&plan);
	loaded_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_classify_on_clv),
		cmocka_unit_test(test_by_segment),
		cmocka_unit_test(test_other_bases),
		cmocka_unit_test(test_undated),
		cmocka_unit_test(test_no_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
