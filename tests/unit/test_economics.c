/*
 * test_economics.c - affordable levels and the cap (economics.h), worked
 * by hand: costs per level 0, 100, 400, 1500, 6000 for a year, a quarter
 * of them (f = 0.25) for a quarter: 0, 25, 100, 375, 1500; and the
 * share of wallet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
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

/* Share of wallet: a quarter's revenue R against a yearly potential. */
static void test_wallet_share(void **state)
{
	(void)state;
	fl_customer_extra x = { "", NULL, 400000 };
	fl_customer c = { .revenue = 25000, .extra = &x };
	/* 25000 / 0.25 = 100000 a year, a quarter of 400000. */
	assert_float_equal(fl_wallet_share(&c, 0.25), 25.0, 1e-12);
	assert_float_equal(fl_untapped_potential(&c, 0.25), 300000.0, 1e-9);
	/* A year: R itself. */
	assert_float_equal(fl_wallet_share(&c, 1.0), 6.25, 1e-12);
	/* Above the potential: over 100 %, nothing untapped. */
	c.revenue = 150000;
	assert_float_equal(fl_wallet_share(&c, 0.25), 150.0, 1e-12);
	assert_float_equal(fl_untapped_potential(&c, 0.25), -200000.0, 1e-9);
	/* A potential of 0: no share, and nothing untapped. */
	x.potential = 0;
	assert_true(isnan(fl_wallet_share(&c, 0.25)));
	assert_float_equal(fl_untapped_potential(&c, 0.25), -600000.0, 1e-9);
	/* No potential: neither. */
	x.potential = NAN;
	assert_true(isnan(fl_wallet_share(&c, 0.25)));
	assert_true(isnan(fl_untapped_potential(&c, 0.25)));
	c.extra = NULL;
	assert_true(isnan(fl_wallet_share(&c, 0.25)));
	assert_true(isnan(fl_untapped_potential(&c, 0.25)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_cap_and_pins),
		cmocka_unit_test(test_wallet_share),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
