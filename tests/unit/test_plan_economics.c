/*
 * test_plan_economics.c - the economics inside a plan (issue 13): the cost
 * to serve summed in the policy's order, loaded from a portfolio; the cap
 * against pins; groups by segment below and above min_group, and given
 * per-segment thresholds; the period's costs and today's level.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/focuslevel.h>

static const fl_activity rates[] = {
	{ "orders", 12.5 }, { "deliveries", 35 }, { "visits", 180 },
};

static fl_portfolio *load(const char *doc, const fl_activity *acts,
                          size_t nacts)
{
	fl_load_options o = { .format = FL_INPUT_YAML, .activities = acts,
	                      .activity_count = nacts };
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	fl_status st = fl_portfolio_load_mem(doc, strlen(doc), NULL, &o, &p, &d);
	if (st != FL_OK)
		fail_msg("load: %s", d.count ? d.items[0].message : "?");
	fl_diags_release(&d);
	return p;
}

/* The cost to serve: service_cost, then count * rate in the policy's
 * order, one addition at a time. */
static void test_cost_to_serve_order(void **state)
{
	(void)state;
	fl_portfolio *p = load("customers:\n"
	    "  - {id: A, revenue: 100, cost: 40, orders: 3, service_cost: 10,\n"
	    "     activities: {visits: 2, deliveries: 1}}\n"
	    "  - {id: B, revenue: 100, cost: 40}\n"
	    "  - {id: C, revenue: 100, cost: 40, service_cost: 1e16,\n"
	    "     orders: 2, activities: {deliveries: 2}}\n", rates, 3);
	fl_econ_params e = { .share = 1, .activities = rates,
	                     .activity_count = 3 };
	/* A: 10 + 3 * 12.5 + 1 * 35 + 2 * 180 = 442.5. */
	assert_true(fl_cost_to_serve(&p->customers[0], &e) == 442.5);
	/* B gave nothing but has its one order: 12.5. */
	assert_null(fl_customer_costing(&p->customers[1]));
	assert_true(fl_cost_to_serve(&p->customers[1], &e) == 12.5);
	/* C: ((1e16 + 2 * 12.5) + 2 * 35) + 0 * 180, each step rounded to a
	 * double (spacing 2 here): 10000000000000094; the terms summed
	 * first, 1e16 + 95, or in the other order, give ...096. */
	assert_true(fl_cost_to_serve(&p->customers[2], &e) ==
	            10000000000000094.0);
	volatile double terms = 25.0 + 70.0;
	assert_true(1e16 + terms == 10000000000000096.0);
	/* pi = M - CTS, after = pi - S of the level. */
	e.level_cost[FL_LEVEL_ACCOUNTABLE] = 7.5;
	fl_econ_figures f = fl_econ_of(&p->customers[0], FL_LEVEL_ACCOUNTABLE,
	                               &e);
	assert_true(f.contribution == 60 - 442.5);
	assert_true(f.after_service == 60 - 442.5 - 7.5);
	fl_portfolio_free(p);
}

/* Six customers, levels 1..5 by the grid under given cuts on P and V. */
static const char *const six =
	"period: 2026-Q3\n"
	"customers:\n"
	"  - {id: A, segment: s, revenue: 1000, cost: 100, current_level: basic}\n"
	"  - {id: B, segment: s, revenue: 1000, cost: 100, level: partnership,\n"
	"     current_level: partnership}\n"
	"  - {id: C, segment: s, revenue: 1000, cost: 990}\n"
	"  - {id: D, segment: t, revenue: 10, cost: 1, current_level: proactive}\n"
	"  - {id: E, revenue: 10, cost: 9}\n"
	"  - {id: F, segment: s, revenue: 500, cost: 250}\n";

static void spec_quarter(fl_plan_spec *s)
{
	fl_plan_spec_init(s);
	/* Yearly 0, 100, 400, 1500, 6000: a quarter of each. */
	static const double S[] = { 0, 0, 25, 100, 375, 1500 };
	memcpy(s->econ.level_cost, S, sizeof(S));
	s->econ.year_fraction = 0.25;
	s->thresholds.margin.has_cuts = s->thresholds.margin.has_split = true;
	s->thresholds.margin.cut_low = 20;
	s->thresholds.margin.cut_high = 60;
	s->thresholds.margin.split = 50;
	s->thresholds.value.has_cuts = s->thresholds.value.has_split = true;
	s->thresholds.value.cut_low = 100;
	s->thresholds.value.cut_high = 900;
	s->thresholds.value.split = 500;
}

static void test_cap_and_pins(void **state)
{
	(void)state;
	fl_portfolio *p = load(six, NULL, 0);
	fl_plan_spec s;
	spec_quarter(&s);
	fl_plan plan;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	/* A: P 90, V 1000: partnership by the grid; pi 900 carries
	 * proactive (375), not partnership (1500). */
	const fl_class *a = &plan.classes[0];
	assert_int_equal(a->computed, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(a->affordable, FL_LEVEL_PROACTIVE);
	assert_int_equal(a->level, FL_LEVEL_PARTNERSHIP);  /* no cap */
	/* C: pi 10 carries reactive (25 > 10: basic). */
	assert_int_equal(plan.classes[2].affordable, FL_LEVEL_BASIC);
	assert_false(plan.classes[2].unprofitable);
	fl_plan_release(&plan);

	s.econ.cap = true;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	assert_int_equal(plan.classes[0].level, FL_LEVEL_PROACTIVE);
	/* B is pinned to partnership: the pin wins over the cap. */
	assert_int_equal(plan.classes[1].level, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(plan.classes[1].affordable, FL_LEVEL_PROACTIVE);
	/* The cap never raises: D's grid level stays. */
	assert_true(plan.classes[3].level <= plan.classes[3].computed);
	assert_string_equal(plan.period_label, "2026-Q3");
	fl_plan_release(&plan);
	fl_portfolio_free(p);
}

static void test_groups(void **state)
{
	(void)state;
	fl_portfolio *p = load(six, NULL, 0);
	fl_plan_spec s;
	fl_plan_spec_init(&s);
	s.by = FL_BY_SEGMENT;
	s.min_group = 2;
	fl_plan plan;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	/* Groups in byte order, the customers without a segment last. */
	assert_int_equal(plan.group_count, 3);
	assert_string_equal(plan.groups[0].segment, "s");
	assert_int_equal(plan.groups[0].customers, 4);
	assert_true(plan.groups[0].own);
	assert_string_equal(fl_group_name(&plan.groups[0]), "s");
	assert_string_equal(plan.groups[1].segment, "t");
	assert_false(plan.groups[1].own);          /* 1 < min_group */
	assert_string_equal(fl_group_name(&plan.groups[1]), FL_GROUP_ALL);
	assert_string_equal(plan.groups[2].segment, "");
	assert_false(plan.groups[2].own);
	/* Group s's thresholds are those of its four customers alone. */
	fl_portfolio *q = load("customers:\n"
	    "  - {id: A, revenue: 1000, cost: 100}\n"
	    "  - {id: B, revenue: 1000, cost: 100}\n"
	    "  - {id: C, revenue: 1000, cost: 990}\n"
	    "  - {id: F, revenue: 500, cost: 250}\n", NULL, 0);
	fl_thresholds t;
	assert_int_equal(fl_thresholds_compute(q, &s.thresholds, &t), FL_OK);
	const fl_thresholds *g = fl_plan_thresholds_of(&plan, 0);
	assert_true(g->margin.cut_low == t.margin.cut_low);
	assert_true(g->margin.cut_high == t.margin.cut_high);
	assert_true(g->value.split == t.value.split);
	/* D fell back: the whole portfolio's. */
	assert_ptr_equal(fl_plan_thresholds_of(&plan, 3), &plan.thresholds);
	fl_plan_release(&plan);

	/* min_group 1: "(none)" has thresholds of its own. */
	s.min_group = 1;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	assert_true(plan.groups[2].own);
	assert_string_equal(fl_group_name(&plan.groups[2]), FL_GROUP_NONE);
	fl_plan_release(&plan);

	/* Given thresholds for segment t only: s and (none) take the whole
	 * portfolio's, whatever their size. */
	fl_group_spec given;
	given.segment = "t";
	fl_threshold_spec_init(&given.thresholds);
	given.thresholds.margin.has_cuts = given.thresholds.margin.has_split =
		given.thresholds.value.has_cuts =
		given.thresholds.value.has_split = true;
	given.thresholds.margin.cut_low = 1;
	given.thresholds.margin.cut_high = 2;
	given.thresholds.margin.split = 1.5;
	given.thresholds.value.cut_low = 1;
	given.thresholds.value.cut_high = 2;
	given.thresholds.value.split = 1.5;
	s.groups = &given;
	s.group_count = 1;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	assert_false(plan.groups[0].own);
	assert_true(plan.groups[1].own);
	/* D: P 90 >= 2, V 10 >= 2: partnership by t's cuts. */
	assert_int_equal(plan.classes[3].computed, FL_LEVEL_PARTNERSHIP);
	assert_true(fl_plan_thresholds_of(&plan, 3)->margin.cut_high == 2);
	fl_plan_release(&plan);

	/* Without grouping there are no groups. */
	s.by = FL_BY_NONE;
	assert_int_equal(fl_plan_compute(p, &s, &plan), FL_OK);
	assert_null(fl_plan_group(&plan, 0));
	fl_plan_release(&plan);
	fl_portfolio_free(q);
	fl_portfolio_free(p);
}

static void test_current_level_loaded(void **state)
{
	(void)state;
	fl_portfolio *p = load(six, NULL, 0);
	assert_int_equal(p->customers[0].current, FL_LEVEL_BASIC);
	assert_int_equal(p->customers[2].current, FL_LEVEL_NONE);
	assert_int_equal(p->customers[3].current, FL_LEVEL_PROACTIVE);
	fl_portfolio_free(p);
}

/* The policy's economics: S_L = cost * f, and whether f is needed. */
static void test_policy_econ(void **state)
{
	(void)state;
	fl_policy *pol = fl_policy_default();
	assert_non_null(pol);
	assert_false(fl_policy_needs_period(pol, NULL));
	pol->levels[FL_LEVEL_PARTNERSHIP].cost = 6000;
	assert_true(fl_policy_needs_period(pol, NULL));
	fl_econ_params e;
	fl_policy_econ(pol, 0.25, &e);
	assert_true(e.level_cost[FL_LEVEL_PARTNERSHIP] == 1500);
	assert_true(e.year_fraction == 0.25);
	pol->levels[FL_LEVEL_PARTNERSHIP].cost = 0;
	/* A customer's service cost needs it too. */
	fl_portfolio *p = load("customers:\n"
	    "  - {id: A, revenue: 1, cost: 0, service_cost: 3}\n", NULL, 0);
	assert_true(fl_policy_needs_period(pol, p));
	fl_portfolio_free(p);
	fl_policy_free(pol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cost_to_serve_order),
		cmocka_unit_test(test_cap_and_pins),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_current_level_loaded),
		cmocka_unit_test(test_policy_econ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
