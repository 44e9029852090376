/*
 * test_period.c - periods and their year fraction (period.h).
 *
 * Day counts were computed independently with Python's datetime
 * ((date(y, m, d) - date(1970, 1, 1)).days, proleptic Gregorian), and the
 * year fractions by hand from the rule of docs/model.md: months / 12 for
 * whole months, days / 365 otherwise.  Fractions are compared exactly:
 * each is one IEEE division of two small integers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <focuslevel/period.h>

static void test_days(void **state)
{
	(void)state;
	static const struct { fl_date d; long days; } cases[] = {
		{ { 1970, 1, 1 }, 0 },
		{ { 1969, 12, 31 }, -1 },
		{ { 2024, 2, 29 }, 19782 },
		{ { 2000, 3, 1 }, 11017 },
		{ { 1900, 3, 1 }, -25508 },
		{ { 1, 1, 1 }, -719162 },
		{ { 9999, 12, 31 }, 2932896 },
		{ { 2026, 9, 30 }, 20726 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(fl_date_days(cases[i].d), cases[i].days);
	assert_true(fl_date_valid((fl_date){ 2024, 2, 29 }));
	assert_false(fl_date_valid((fl_date){ 2023, 2, 29 }));
	assert_false(fl_date_valid((fl_date){ 1900, 2, 29 }));
	assert_true(fl_date_valid((fl_date){ 2000, 2, 29 }));
	assert_false(fl_date_valid((fl_date){ 2026, 4, 31 }));
	assert_false(fl_date_valid((fl_date){ 2026, 13, 1 }));
}

static void check(const char *s, long months, long days, double f,
                  fl_period_source source, fl_date first, fl_date last)
{
	fl_period p;
	assert_int_equal(fl_period_parse(s, &p), FL_PERIOD_OK);
	assert_int_equal(p.months, months);
	assert_int_equal(p.days, days);
	assert_true(p.year_fraction == f);
	assert_int_equal(p.source, source);
	assert_int_equal(p.first.year, first.year);
	assert_int_equal(p.first.month, first.month);
	assert_int_equal(p.first.day, first.day);
	assert_int_equal(p.last.year, last.year);
	assert_int_equal(p.last.month, last.month);
	assert_int_equal(p.last.day, last.day);
}

static void test_forms(void **state)
{
	(void)state;
	const fl_period_source M = FL_PERIOD_MONTHS, D = FL_PERIOD_DAYS;
	check("2026", 12, 365, 1.0, M, (fl_date){ 2026, 1, 1 },
	      (fl_date){ 2026, 12, 31 });
	check("2024", 12, 366, 1.0, M, (fl_date){ 2024, 1, 1 },
	      (fl_date){ 2024, 12, 31 });
	check("2026-H2", 6, 184, 0.5, M, (fl_date){ 2026, 7, 1 },
	      (fl_date){ 2026, 12, 31 });
	check("2026-Q3", 3, 92, 0.25, M, (fl_date){ 2026, 7, 1 },
	      (fl_date){ 2026, 9, 30 });
	check("2024-02", 1, 29, 1.0 / 12.0, M, (fl_date){ 2024, 2, 1 },
	      (fl_date){ 2024, 2, 29 });
	check("2023-02", 1, 28, 1.0 / 12.0, M, (fl_date){ 2023, 2, 1 },
	      (fl_date){ 2023, 2, 28 });
	check("2014-2017", 48, 1461, 4.0, M, (fl_date){ 2014, 1, 1 },
	      (fl_date){ 2017, 12, 31 });
	check("2014/2017", 48, 1461, 4.0, M, (fl_date){ 2014, 1, 1 },
	      (fl_date){ 2017, 12, 31 });
	check("2025-11/2026-04", 6, 181, 0.5, M, (fl_date){ 2025, 11, 1 },
	      (fl_date){ 2026, 4, 30 });
	/* A day interval of whole months counts months. */
	check("2024-02-01/2024-02-29", 1, 29, 1.0 / 12.0, M,
	      (fl_date){ 2024, 2, 1 }, (fl_date){ 2024, 2, 29 });
	check("2024-01-01/2024-12-31", 12, 366, 1.0, M,
	      (fl_date){ 2024, 1, 1 }, (fl_date){ 2024, 12, 31 });
	/* One that is not: days / 365, a leap year's day counted. */
	check("2024-01-15/2024-02-14", 0, 31, 31.0 / 365.0, D,
	      (fl_date){ 2024, 1, 15 }, (fl_date){ 2024, 2, 14 });
	check("2024-02-01/2024-02-28", 0, 28, 28.0 / 365.0, D,
	      (fl_date){ 2024, 2, 1 }, (fl_date){ 2024, 2, 28 });
	check("2026-03-07/2026-03-07", 0, 1, 1.0 / 365.0, D,
	      (fl_date){ 2026, 3, 7 }, (fl_date){ 2026, 3, 7 });
}

static void test_not_periods(void **state)
{
	(void)state;
	fl_period p;
	static const char *const labels[] = {
		"", "Q3 2026", "2026 Q3", "FY2026", "2026-q3", "26-Q3", "2026-",
		"2026-1", "2026-Q3 ", " 2026", "2026-W12", "2026.07",
		"2026-07-01/2026-09", "2026-07-01", "summer",
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		assert_int_equal(fl_period_parse(labels[i], &p), FL_PERIOD_NO_FORM);
	static const char *const invalid[] = {
		"0000", "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-00",
		"2017-2014", "2026-05/2026-04", "2023-02-29/2023-03-01",
		"2026-03-02/2026-03-01", "2026-04-31/2026-05-31",
	};
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		assert_int_equal(fl_period_parse(invalid[i], &p),
		                 FL_PERIOD_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_not_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
