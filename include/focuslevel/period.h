/*
 * period.h - the period a portfolio's figures cover, and its year
 * fraction: the share of a year that turns a policy's yearly costs and
 * contacts into the period's (docs/model.md, "Period").
 */
#ifndef FOCUSLEVEL_PERIOD_H
#define FOCUSLEVEL_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar date (proleptic Gregorian). */
typedef struct fl_date {
	int year;
	int month;               /* 1-12 */
	int day;                 /* 1-31 */
} fl_date;

/* How the year fraction was found. */
typedef enum fl_period_source {
	FL_PERIOD_MONTHS = 0,    /* whole months: months / 12 */
	FL_PERIOD_DAYS,          /* a day interval: days / 365 */
	FL_PERIOD_ASSUMED        /* no date range: one year assumed, f = 1 */
} fl_period_source;

/* "months", "days", "assumed"; NULL when out of range. */
const char *fl_period_source_name(fl_period_source s);

typedef struct fl_period {
	fl_date first;           /* the first day of the period */
	fl_date last;            /* the last day, inclusive */
	long months;             /* whole months, or 0 for FL_PERIOD_DAYS */
	long days;               /* days, first and last included */
	double year_fraction;    /* f */
	fl_period_source source;
} fl_period;

typedef enum fl_period_status {
	FL_PERIOD_OK = 0,
	FL_PERIOD_NO_FORM,       /* none of the forms: the period is a label */
	FL_PERIOD_INVALID        /* a form, but no such date, or it ends
	                          * before it starts */
} fl_period_status;

/*
 * Parse a period: YYYY (12 months), YYYY-Hn (n = 1, 2; 6 months), YYYY-Qn
 * (n = 1..4; 3 months), YYYY-MM (1 month), YYYY-YYYY or YYYY/YYYY (whole
 * years, both included), YYYY-MM/YYYY-MM (months, both included),
 * YYYY-MM-DD/YYYY-MM-DD (days, both included).  Years 1 to 9999.
 *
 * The year fraction is months / 12 for the month forms, and for a day
 * interval from the first day of a month to the last day of a month;
 * otherwise days / 365.  Returns FL_PERIOD_OK with *out set, or why not.
 */
fl_period_status fl_period_parse(const char *s, fl_period *out);

/* Days from 1970-01-01 to d (negative before); d must be a valid date. */
long fl_date_days(fl_date d);

/* Is d a date of the calendar? */
bool fl_date_valid(fl_date d);

typedef enum fl_date_status {
	FL_DATE_OK = 0,
	FL_DATE_NO_FORM,         /* not YYYY-MM-DD[(T| )HH:MM...] */
	FL_DATE_INVALID          /* the form, but no such day (2023-02-29) */
} fl_date_status;

/*
 * Parse an order date, s[0..len) (not NUL-terminated): an ISO 8601
 * calendar date YYYY-MM-DD (years 1 to 9999), alone or followed by 'T' or
 * one space and a time that starts with HH:MM (00:00 to 23:59, or 24:00);
 * what follows the minutes (seconds, a fraction, a zone) is not checked.
 * The time is ignored, and so is the zone: the day is the one written.
 * Returns FL_DATE_OK with *out set, or why not.
 */
fl_date_status fl_date_parse(const char *s, size_t len, fl_date *out);

/*
 * Is fmt a date format of fl_date_parse_format: literal characters and the
 * conversions %Y (four digits), %y (two: 69-99 are 1969-1999, 00-68 are
 * 2000-2068), %m (the month, one or two digits), %b (Jan ... Dec, ASCII
 * case ignored), %d (the day, one or two digits) and %%; one year, one
 * month and one day.  On false *why says what is wrong.
 */
bool fl_date_format_valid(const char *fmt, const char **why);

/*
 * Parse s[0..len) by fmt (fl_date_format_valid), into *out.  As with
 * fl_date_parse, a time may follow the date after one space or 'T':
 * H:MM or HH:MM, then anything (seconds, a zone); it is ignored.
 */
fl_date_status fl_date_parse_format(const char *fmt, const char *s,
                                    size_t len, fl_date *out);

/* The date `days` days after 1970-01-01 (fl_date_days's inverse); days
 * must be between fl_date_days of 0001-01-01 and of 9999-12-31. */
fl_date fl_date_of_days(long days);

/* Write d as YYYY-MM-DD and a NUL into buf (FL_DATE_MAX bytes); returns
 * 10.  d must be valid. */
#define FL_DATE_MAX 11
size_t fl_date_format(char *buf, fl_date d);

#ifdef __cplusplus
}
#endif
#endif
