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
#include <string.h>

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

/* fl_date_parse on a NUL-terminated s. */
static fl_date_status parse(const char *s, fl_date *d)
{
	return fl_date_parse(s, strlen(s), d);
}

static void test_date_parse(void **state)
{
	(void)state;
	fl_date d;
	assert_int_equal(parse("2024-02-29", &d), FL_DATE_OK);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_int_equal(parse("2023-02-29", &d), FL_DATE_INVALID);
	assert_int_equal(parse("1900-02-29", &d), FL_DATE_INVALID);
	assert_int_equal(parse("2000-02-29", &d), FL_DATE_OK);
	assert_int_equal(parse("2026-04-31", &d), FL_DATE_INVALID);
	assert_int_equal(parse("2026-13-01", &d), FL_DATE_INVALID);
	assert_int_equal(parse("2026-00-10", &d), FL_DATE_INVALID);
	assert_int_equal(parse("2026-01-00", &d), FL_DATE_INVALID);
	assert_int_equal(parse("0000-01-01", &d), FL_DATE_INVALID);
	assert_int_equal(parse("0001-01-01", &d), FL_DATE_OK);
	assert_int_equal(parse("9999-12-31", &d), FL_DATE_OK);
	/* A time after T or one space, from HH:MM on; the rest is not
	 * looked at, and the day is the one written whatever the zone. */
	static const char *const timed[] = {
		"2026-07-01T09:30", "2026-07-01 09:30", "2026-07-01T23:59:59",
		"2026-07-01T00:00:00.123456Z", "2026-07-01T09:30:00+02:00",
		"2026-07-01 24:00", "2026-07-01T09:30-05:00",
	};
	for (size_t i = 0; i < sizeof(timed) / sizeof(timed[0]); i++) {
		assert_int_equal(parse(timed[i], &d), FL_DATE_OK);
		assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20260701);
	}
	assert_int_equal(parse("2023-02-29T10:00", &d), FL_DATE_INVALID);
	static const char *const not_dates[] = {
		"", "2026", "2026-07", "2026-7-1", "2026-07-1", "26-07-01",
		"2026/07/01", "01.07.2026", "20260701", "2026-07-01T",
		"2026-07-01 ", "2026-07-01  09:30", "2026-07-01t09:30",
		"2026-07-01T9:30", "2026-07-01T0930", "2026-07-01T25:00",
		"2026-07-01T24:01", "2026-07-01T09:60", "2026-07-01x",
		" 2026-07-01", "+2026-07-01", "2026-07-01/2026-07-02",
		"2026-W27-3", "2026-182", "d",
	};
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(not_dates[0]); i++)
		assert_int_equal(parse(not_dates[i], &d), FL_DATE_NO_FORM);
	/* Only len bytes are read: the date may be followed by anything. */
	assert_int_equal(fl_date_parse("2026-07-01junk", 10, &d), FL_DATE_OK);
}

/* Days and back, and the text of a date; day counts from Python as
 * above. */
static void test_date_days_back(void **state)
{
	(void)state;
	static const struct { const char *s; long days; } cases[] = {
		{ "2024-02-29", 19782 }, { "0001-01-01", -719162 },
		{ "9999-12-31", 2932896 }, { "1969-12-31", -1 },
		{ "1970-01-01", 0 }, { "2000-03-01", 11017 },
		{ "2026-09-30", 20726 }, { "1600-02-29", -135081 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fl_date d;
		assert_int_equal(parse(cases[i].s, &d), FL_DATE_OK);
		assert_int_equal(fl_date_days(d), cases[i].days);
		fl_date b = fl_date_of_days(cases[i].days);
		char text[FL_DATE_MAX];
		assert_int_equal(fl_date_format(text, b), 10);
		assert_string_equal(text, cases[i].s);
	}
	/* Every day of 1999 to 2101 (leap years 2000, 2004 ... 2096, not
	 * 2100) goes there and back. */
	fl_date first = { 1999, 1, 1 }, last = { 2101, 12, 31 };
	for (long n = fl_date_days(first); n <= fl_date_days(last); n++) {
		fl_date d = fl_date_of_days(n);
		assert_true(fl_date_valid(d));
		assert_int_equal(fl_date_days(d), n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_days_back),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_not_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
