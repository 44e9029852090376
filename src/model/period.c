/*
 * period.c - periods and their year fraction (period.h).
 */
#include <focuslevel/period.h>

#include <string.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	                            31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool fl_date_valid(fl_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
	       d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

/*
 * Days since 1970-01-01: the count of a calendar that starts its year on
 * 1 March, so that the leap day is the last of the year; eras of 400
 * years (146097 days) make the arithmetic exact for every year.
 */
long fl_date_days(fl_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                               /* 0..399 */
	long mp = (d.month + 9) % 12;                           /* March 0 */
	long doy = (153 * mp + 2) / 5 + d.day - 1;              /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* 0..146096 */
	return era * 146097 + doe - 719468;
}

/* n digits at s as a number; -1 unless all n are digits. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

fl_date fl_date_of_days(long days)
{
	/* fl_date_days backwards (the same March-based eras). */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;                              /* 0..146096 */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);       /* 0..365 */
	long mp = (5 * doy + 2) / 153;                            /* March 0 */
	fl_date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

size_t fl_date_format(char *buf, fl_date d)
{
	int v[3] = { d.year, d.month, d.day };
	int width[3] = { 4, 2, 2 };
	char *p = buf;
	for (int i = 0; i < 3; i++) {
		if (i > 0)
			*p++ = '-';
		for (int k = width[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
			p[k] = (char)('0' + x % 10);
		p += width[i];
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* A period of whole months, from (y0, m0) to (y1, m1) inclusive. */
static fl_period_status months(int y0, int m0, int y1, int m1, fl_period *out)
{
	fl_date first = { y0, m0, 1 };
	fl_date last = { y1, m1, 1 };
	if (!fl_date_valid(first) || !fl_date_valid(last))
		return FL_PERIOD_INVALID;
	last.day = days_in_month(y1, m1);
	long n = ((long)y1 * 12 + m1) - ((long)y0 * 12 + m0) + 1;
	if (n < 1)
		return FL_PERIOD_INVALID;
	out->first = first;
	out->last = last;
	out->months = n;
	out->days = fl_date_days(last) - fl_date_days(first) + 1;
	out->year_fraction = (double)n / 12.0;
	out->source = FL_PERIOD_MONTHS;
	return FL_PERIOD_OK;
}

/* YYYY-MM-DD at s (10 bytes); false unless the form is there. */
static bool date_at(const char *s, fl_date *d)
{
	if (s[4] != '-' || s[7] != '-')
		return false;
	d->year = digits(s, 4);
	d->month = digits(s + 5, 2);
	d->day = digits(s + 8, 2);
	return d->year >= 0 && d->month >= 0 && d->day >= 0;
}

/* s[i] as a digit's value; more than 9 when it is not one. */
static inline unsigned digit_at(const char *s, int i)
{
	return (unsigned)(unsigned char)s[i] - '0';
}

/*
 * This runs for every order of every customer: the digits are read at
 * once rather than through digits(), and the calendar is checked without
 * fl_date_valid's calls.
 */
fl_date_status fl_date_parse(const char *s, size_t len, fl_date *out)
{
	if (len < 10 || s[4] != '-' || s[7] != '-')
		return FL_DATE_NO_FORM;
	unsigned y0 = digit_at(s, 0), y1 = digit_at(s, 1), y2 = digit_at(s, 2);
	unsigned y3 = digit_at(s, 3), m0 = digit_at(s, 5), m1 = digit_at(s, 6);
	unsigned d0 = digit_at(s, 8), d1 = digit_at(s, 9);
	if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 ||
	    d0 > 9 || d1 > 9)
		return FL_DATE_NO_FORM;
	if (len > 10) {
		/* A time: HH:MM, then anything (seconds, fraction, zone). */
		if ((s[10] != 'T' && s[10] != ' ') || len < 16 || s[13] != ':')
			return FL_DATE_NO_FORM;
		int h = digits(s + 11, 2), m = digits(s + 14, 2);
		if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
			return FL_DATE_NO_FORM;
	}
	int y = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
	int m = (int)(m0 * 10 + m1), d = (int)(d0 * 10 + d1);
	static const unsigned char dim[13] = { 0, 31, 29, 31, 30, 31, 30, 31,
	                                       31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > dim[m] ||
	    (m == 2 && d == 29 && !is_leap(y)))
		return FL_DATE_INVALID;
	out->year = y;
	out->month = m;
	out->day = d;
	return FL_DATE_OK;
}

bool fl_date_format_valid(const char *fmt, const char **why)
{
	int y = 0, m = 0, d = 0;
	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		switch (*++p) {
		case 'Y': case 'y': y++; break;
		case 'm': case 'b': m++; break;
		case 'd': d++; break;
		case '%': break;
		default:
			*why = "only %Y %y %m %b %d and %% are known";
			return false;
		}
	}
	if (y != 1 || m != 1 || d != 1) {
		*why = "it needs one year (%Y or %y), one month (%m or %b) and "
		       "one day (%d)";
		return false;
	}
	return true;
}

/* One or two digits (max 2) or exactly n digits, at s[*i..len). */
static int number_at(const char *s, size_t len, size_t *i, int min, int max)
{
	int v = 0, n = 0;
	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n >= min ? v : -1;
}

static int month_abbr(const char *s, size_t len, size_t *i)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	if (len - *i < 3)
		return -1;
	char a[3];
	for (int k = 0; k < 3; k++) {
		char c = s[*i + (size_t)k];
		a[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	for (int k = 0; k < 12; k++) {
		if (memcmp(names + 3 * k, a, 3) == 0) {
			*i += 3;
			return k + 1;
		}
	}
	return -1;
}

fl_date_status fl_date_parse_format(const char *fmt, const char *s,
                                    size_t len, fl_date *out)
{
	size_t i = 0;
	int y = -1, m = -1, d = -1;
	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '%') {
			p += *p == '%';
			if (i >= len || s[i] != *p)
				return FL_DATE_NO_FORM;
			i++;
			continue;
		}
		switch (*++p) {
		case 'Y': y = number_at(s, len, &i, 4, 4); break;
		case 'y':
			y = number_at(s, len, &i, 2, 2);
			if (y >= 0)
				y += y >= 69 ? 1900 : 2000;
			break;
		case 'm': m = number_at(s, len, &i, 1, 2); break;
		case 'b': m = month_abbr(s, len, &i); break;
		case 'd': d = number_at(s, len, &i, 1, 2); break;
		default: return FL_DATE_NO_FORM;
		}
		if (y == -1 && (*p == 'Y' || *p == 'y'))
			return FL_DATE_NO_FORM;
		if ((m == -1 && (*p == 'm' || *p == 'b')) || (d == -1 && *p == 'd'))
			return FL_DATE_NO_FORM;
	}
	if (i < len) {
		/* A time: H:MM or HH:MM, then anything. */
		if (s[i] != 'T' && s[i] != ' ')
			return FL_DATE_NO_FORM;
		i++;
		int h = number_at(s, len, &i, 1, 2);
		if (h < 0 || i >= len || s[i] != ':')
			return FL_DATE_NO_FORM;
		i++;
		int mi = number_at(s, len, &i, 2, 2);
		if (mi < 0 || mi > 59 || h > 24 || (h == 24 && mi != 0))
			return FL_DATE_NO_FORM;
	}
	fl_date r = { y, m, d };
	if (y < 1 || !fl_date_valid(r))
		return FL_DATE_INVALID;
	*out = r;
	return FL_DATE_OK;
}

static fl_period_status day_interval(const char *s, fl_period *out)
{
	fl_date a, b;
	if (s[10] != '/' || !date_at(s, &a) || !date_at(s + 11, &b))
		return FL_PERIOD_NO_FORM;
	if (!fl_date_valid(a) || !fl_date_valid(b))
		return FL_PERIOD_INVALID;
	long days = fl_date_days(b) - fl_date_days(a) + 1;
	if (days < 1)
		return FL_PERIOD_INVALID;
	/* From the first of a month to the last of a month: whole months. */
	if (a.day == 1 && b.day == days_in_month(b.year, b.month))
		return months(a.year, a.month, b.year, b.month, out);
	out->first = a;
	out->last = b;
	out->months = 0;
	out->days = days;
	out->year_fraction = (double)days / 365.0;
	out->source = FL_PERIOD_DAYS;
	return FL_PERIOD_OK;
}

fl_period_status fl_period_parse(const char *s, fl_period *out)
{
	size_t len = strlen(s);
	int y = len >= 4 ? digits(s, 4) : -1;
	if (y < 0)
		return FL_PERIOD_NO_FORM;
	if (y == 0)
		return FL_PERIOD_INVALID;
	switch (len) {
	case 4:
		return months(y, 1, y, 12, out);
	case 7: {
		if (s[4] != '-')
			break;
		int n = digits(s + 6, 1);
		if (s[5] == 'H')
			return n == 1 || n == 2 ? months(y, 6 * n - 5, y, 6 * n, out)
			                        : FL_PERIOD_INVALID;
		if (s[5] == 'Q')
			return n >= 1 && n <= 4
			       ? months(y, 3 * n - 2, y, 3 * n, out)
			       : FL_PERIOD_INVALID;
		int m = digits(s + 5, 2);
		if (m < 0)
			break;
		return months(y, m, y, m, out);
	}
	case 9: {
		int y1 = digits(s + 5, 4);
		if ((s[4] != '-' && s[4] != '/') || y1 < 0)
			break;
		return months(y, 1, y1, 12, out);
	}
	case 15: {
		int m0 = digits(s + 5, 2), y1 = digits(s + 8, 4);
		int m1 = digits(s + 13, 2);
		if (s[4] != '-' || s[7] != '/' || s[12] != '-' || m0 < 0 ||
		    y1 < 0 || m1 < 0)
			break;
		return months(y, m0, y1, m1, out);
	}
	case 21:
		return day_interval(s, out);
	default:
		break;
	}
	return FL_PERIOD_NO_FORM;
}
