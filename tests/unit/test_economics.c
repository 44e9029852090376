/*
 * test_economics.c - affordable levels and the cap (economics.h), worked
 * by hand: costs per level 0, 100, 400, 1500, 6000 for a year, a quarter
 * of them (f = 0.25) for a quarter: 0, 25, 100, 375, 1500.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <focuslevel/economics.h>

static fl_econ_params quarter(double share)
{
	fl_econ_params e = { .level_cost = { 0, 0, 25, 100, 375, 1500 },
	                     .share = share };
	return e;
}

static void test_boundaries(void **state)
{
	(void)state;
	fl_econ_params e = quarter(1);
	bool u;
	/* Exactly at a level's cost: that level (S_L <= s * pi). */
	assert_int_equal(fl_affordable_level(1500, &e, &u), FL_LEVEL_PARTNERSHIP);
	assert_false(u);
	assert_int_equal(fl_affordable_level(1499.99, &e, &u),
	                 FL_LEVEL_PROACTIVE);
	assert_int_equal(fl_affordable_level(25, &e, &u), FL_LEVEL_REACTIVE);
	assert_int_equal(fl_affordable_level(24.99, &e, &u), FL_LEVEL_BASIC);
	assert_false(u);
	/* Basic costs 0 here: a contribution of 0 carries it ... */
	assert_int_equal(fl_affordable_level(0, &e, &u), FL_LEVEL_BASIC);
	assert_false(u);
	/* ... a negative one does not. */
	assert_int_equal(fl_affordable_level(-0.01, &e, &u), FL_LEVEL_BASIC);
	assert_true(u);
	/* Half of the contribution for service: 3000 carries 1500. */
	e = quarter(0.5);
	assert_int_equal(fl_affordable_level(3000, &e, &u), FL_LEVEL_PARTNERSHIP);
	assert_int_equal(fl_affordable_level(2999, &e, &u), FL_LEVEL_PROACTIVE);
	/* A basic level that costs something: unprofitable below it. */
	e.level_cost[FL_LEVEL_BASIC] = 10;
	assert_int_equal(fl_affordable_level(19.99, &e, &u), FL_LEVEL_BASIC);
	assert_true(u);
	assert_int_equal(fl_affordable_level(20, &e, &u), FL_LEVEL_BASIC);
	assert_false(u);
}

static void test_cap_and_pins(void **state)
{
	(void)state;
	const fl_level N = FL_LEVEL_NONE;
	assert_int_equal(fl_capped_level(FL_LEVEL_PARTNERSHIP, N,
	                                 FL_LEVEL_REACTIVE, false),
	                 FL_LEVEL_PARTNERSHIP);
	assert_int_equal(fl_capped_level(FL_LEVEL_PARTNERSHIP, N,
	                                 FL_LEVEL_REACTIVE, true),
	                 FL_LEVEL_REACTIVE);
	/* The cap never raises a level. */
	assert_int_equal(fl_capped_level(FL_LEVEL_BASIC, N, FL_LEVEL_PROACTIVE,
	                                 true), FL_LEVEL_BASIC);
	/* Pins win over the cap. */
	assert_int_equal(fl_capped_level(FL_LEVEL_REACTIVE, FL_LEVEL_PARTNERSHIP,
	                                 FL_LEVEL_BASIC, true),
	                 FL_LEVEL_PARTNERSHIP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_cap_and_pins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
