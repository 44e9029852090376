/*
 * gen.c - synthetic portfolios for the benchmark, streamed to stdout so
 * that ten million customers need no memory.
 *
 *   fl_bench_gen N SEED FORMAT FORM [dates]
 *     FORMAT: yaml, json or jsonl
 *     FORM:   aggregate, detailed or mixed (half of each)
 *     dates:  order dates over the two years up to the period's end,
 *             2024-10-01 to 2026-09-30, for the loyalty figures
 *
 * Order values are log-normal (median about 120, long tail), margins run
 * from about -20% to 85%, and one customer in fifty has no revenue.
 *
 * Without `dates` the output is what it always was (the detailed orders
 * carry dates in 2026-Q3 that no benchmark reads): the same bytes for the
 * same seed.  With it, a customer's first order falls on a uniform day
 * of the two years and its later ones on uniform days between that and
 * the end, listed out of date order, one in eight on the day of the order
 * before it; the aggregate form gets first_order and last_order (the same
 * day for one order, none for no order).  The dates draw from a stream
 * of their own, so the figures are those of the same seed without dates.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state, date_state;

/* xorshift64*: fast, and the same stream for the same seed anywhere. */
static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static uint64_t next_u64(void)
{
	return xorshift(&state);
}

/* The window of the dates: day 0 is 2024-10-01, the last 2026-09-30. */
#define DATE_DAYS 730
#define DATE_FIRST 19997   /* 2024-10-01, days since 1970-01-01 */

/* A uniform day of [lo, DATE_DAYS). */
static unsigned date_day(unsigned lo)
{
	return lo + (unsigned)(xorshift(&date_state) % (DATE_DAYS - lo));
}

/* Day d of the window as YYYY-MM-DD (the proleptic Gregorian calendar,
 * days since 1970-01-01 to a civil date). */
static const char *date_text(unsigned d, char buf[16])
{
	long z = (long)d + DATE_FIRST + 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long day = doy - (153 * mp + 2) / 5 + 1;
	long month = mp < 10 ? mp + 3 : mp - 9;
	long year = yoe + era * 400 + (month <= 2);
	snprintf(buf, 16, "%04d-%02d-%02d", (int)year % 10000, (int)month % 100,
	         (int)day % 100);
	return buf;
}

/* The days of a customer's n orders (n <= 8): the first order's day,
 * then the later ones, shuffled but for one in eight that repeats the day
 * of the order before it. */
static void order_days(unsigned n, unsigned *days)
{
	unsigned first = date_day(0);
	for (unsigned k = 0; k < n; k++)
		days[k] = k == 0 ? first : date_day(first);
	for (unsigned k = n; k > 1; k--) {
		unsigned j = (unsigned)(xorshift(&date_state) % k), t = days[k - 1];
		days[k - 1] = days[j];
		days[j] = t;
	}
	for (unsigned k = 1; k < n; k++)
		if (xorshift(&date_state) % 8 == 0)
			days[k] = days[k - 1];
}

static double uniform(void)
{
	return (double)(next_u64() >> 11) / 9007199254740992.0;
}

static double normal(void)
{
	double u = uniform(), v = uniform();
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Round to cents, as an export would. */
static double cents(double v)
{
	return round(v * 100.0) / 100.0;
}

static const char *const segments[] = {
	"hospital", "clinic", "practice", "laboratory", "pharmacy", "care",
	"retail", "wholesale",
};

int main(int argc, char **argv)
{
	if ((argc != 5 && argc != 6) ||
	    (argc == 6 && strcmp(argv[5], "dates") != 0)) {
		fprintf(stderr, "usage: fl_bench_gen N SEED yaml|json|jsonl "
		        "aggregate|detailed|mixed [dates]\n");
		return 2;
	}
	int dates = argc == 6;
	unsigned long long n = strtoull(argv[1], NULL, 10);
	state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	date_state = state ^ 0xD1B54A32D192ED03ULL;
	const char *fmt = argv[3], *form = argv[4];
	int yaml = strcmp(fmt, "yaml") == 0, jsonl = strcmp(fmt, "jsonl") == 0;
	if (!yaml && !jsonl && strcmp(fmt, "json") != 0)
		return 2;
	static char buf[1 << 20];
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));

	if (yaml)
		printf("portfolio: Synthetic %llu\ncurrency: EUR\nperiod: 2026-Q3\n"
		       "customers:\n", n);
	else if (!jsonl)
		printf("{\"portfolio\": \"Synthetic %llu\", \"currency\": \"EUR\", "
		       "\"period\": \"2026-Q3\",\n\"customers\": [\n", n);
	for (unsigned long long i = 1; i <= n; i++) {
		int detailed = strcmp(form, "detailed") == 0 ||
		               (strcmp(form, "mixed") == 0 && (next_u64() & 1));
		int zero = next_u64() % 50 == 0;
		double margin = -0.20 + 1.05 * uniform();
		unsigned norders = zero ? 0 : 1 + (unsigned)(next_u64() % 8);
		const char *seg = segments[next_u64() % 8];
		if (yaml)
			printf("  - id: C%08llu\n    name: Customer %llu\n"
			       "    segment: %s\n", i, i, seg);
		else
			printf("%s{\"id\": \"C%08llu\", \"name\": \"Customer %llu\", "
			       "\"segment\": \"%s\", ", jsonl || i == 1 ? "" : ",\n",
			       i, i, seg);
		unsigned days[8];
		char day[16];
		if (dates)
			order_days(norders, days);
		if (detailed) {
			if (yaml)
				printf(norders ? "    orders:\n" : "    orders: []\n");
			else
				printf("\"orders\": [");
			for (unsigned k = 0; k < norders; k++) {
				double v = cents(exp(4.8 + 1.2 * normal()));
				double c = cents(v * (1.0 - margin));
				if (c < 0)
					c = 0;
				if (dates)
					date_text(days[k], day);
				else
					snprintf(day, sizeof(day), "2026-%02u-%02u",
					         7 + k % 3, 1 + k * 3);
				if (yaml)
					printf("      - {value: %.2f, cost: %.2f, "
					       "date: \"%s\"}\n", v, c, day);
				else
					printf("%s{\"value\": %.2f, \"cost\": %.2f, "
					       "\"date\": \"%s\"}", k ? ", " : "", v, c,
					       day);
			}
			if (!yaml)
				printf("]}");
		} else {
			double r = 0;
			for (unsigned k = 0; k < norders; k++)
				r += exp(4.8 + 1.2 * normal());
			r = cents(r);
			double c = cents(r * (1.0 - margin));
			if (c < 0)
				c = 0;
			if (yaml)
				printf("    revenue: %.2f\n    cost: %.2f\n    orders: %u\n",
				       r, c, norders);
			else
				printf("\"revenue\": %.2f, \"cost\": %.2f, \"orders\": %u",
				       r, c, norders);
			if (dates && norders > 0) {
				/* The first and the last of the days drawn. */
				unsigned lo = days[0], hi = days[0];
				for (unsigned k = 1; k < norders; k++) {
					lo = days[k] < lo ? days[k] : lo;
					hi = days[k] > hi ? days[k] : hi;
				}
				char last[16];
				date_text(lo, day);
				date_text(hi, last);
				if (yaml)
					printf("    first_order: \"%s\"\n"
					       "    last_order: \"%s\"\n", day, last);
				else
					printf(", \"first_order\": \"%s\", "
					       "\"last_order\": \"%s\"", day, last);
			}
			if (!yaml)
				putchar('}');
		}
		if (jsonl)
			putchar('\n');
	}
	if (!yaml && !jsonl)
		printf("\n]}\n");
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
