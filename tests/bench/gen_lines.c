/*
 * gen_lines.c - synthetic order lines for the benchmark, shaped like a US
 * retail export (a "Superstore" sample), streamed to stdout.
 *
 *   fl_bench_lines N SEED
 *
 * N lines with the header
 *   Row ID,Order ID,Order Date,Ship Date,Customer ID,Customer Name,
 *   Segment,Region,Product ID,Sales,Quantity,Discount,Profit
 * of which `assign` reads Order ID, Order Date, Customer ID, Customer
 * Name, Segment, Sales and Profit; Row ID, Ship Date, Region, Product ID,
 * Quantity and Discount are there to be skipped.  About 10 lines per
 * order (1 to 19, uniform) and 5 orders per customer on average: an
 * order's customer is drawn uniformly from N / 50 customers, so 10 million
 * lines make 200 000 customers and about a million orders.  An order's
 * lines are listed together, as exports do; a customer's orders are not.
 * Sales are log-normal (median about 60), profit from -20 % to 45 % of
 * the sales.  One order in forty is a credit note (order number
 * C-..., one line, negative sales and profit) that gives back a part of
 * what the customer bought before, never more than half, so that every
 * customer stays valid (revenue and cost >= 0).
 * Dates are ISO, over 2024-10-01 .. 2026-09-30.  The same seed gives the
 * same bytes anywhere (xorshift64*, no libm formatting of randoms beyond
 * printf of values rounded to cents).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint64_t next_u64(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

/* Uniform in [0, 1). */
static double uniform(void)
{
	return (double)(next_u64() >> 11) * (1.0 / 9007199254740992.0);
}

/* Standard normal (Box-Muller, one of the pair). */
static double normal(void)
{
	double u = uniform(), v = uniform();
	return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(6.283185307179586 * v);
}

/* Day d since 1970-01-01 as YYYY-MM-DD. */
static void date_text(long d, char buf[64])
{
	long z = d + 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, 64, "%04ld-%02ld-%02ld", y + (m <= 2), m, day);
}

static const char *const first[] = {
	"Claire", "Darrin", "Sean", "Brosina", "Andrew", "Irene", "Harold",
	"Pete", "Alejandro", "Zuschuss", "Ken", "Sandra", "Emily", "Eric",
	"Tracy", "Matt", "Gene", "Steve", "Linda", "Ruben",
};
static const char *const last[] = {
	"Gute", "Van Huff", "O'Donnell", "Hoffman", "Allen", "Maddox",
	"Pawlan", "Kriz", "Grove", "Carroll", "Brown", "Flathers", "Phan",
	"Hoffmann", "Blumstein", "Abelman", "Hale", "Nowak", "Weiss", "Ausman",
};
static const char *const segments[] = { "Consumer", "Corporate",
                                        "Home Office" };
static const char *const regions[] = { "South", "West", "Central", "East" };

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fl_bench_lines N SEED\n");
		return 2;
	}
	unsigned long long n = strtoull(argv[1], NULL, 10);
	state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	unsigned long long customers = n / 50 > 0 ? n / 50 : 1;
	static char obuf[1 << 16];
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	printf("Row ID,Order ID,Order Date,Ship Date,Customer ID,Customer Name,"
	       "Segment,Region,Product ID,Sales,Quantity,Discount,Profit\n");
	/* Each customer's sales and cost so far, for the credit notes. */
	double *rev = calloc(customers, sizeof(*rev));
	double *cost = calloc(customers, sizeof(*cost));
	if (rev == NULL || cost == NULL)
		return 1;
	unsigned long long row = 0, order = 0;
	while (row < n) {
		unsigned long long c = next_u64() % customers;
		/* The customer's name and segment follow from its number, so
		 * every order of it agrees. */
		const char *fn = first[c % 20], *ln = last[(c / 20) % 20];
		const char *seg = segments[(c * 7) % 3];
		long day = 19997 + (long)(next_u64() % 730);
		char od[64], sd[64];
		date_text(day, od);
		date_text(day + 2 + (long)(next_u64() % 5), sd);
		unsigned lines = 1 + (unsigned)(next_u64() % 19);
		const char *region = regions[next_u64() % 4];
		order++;
		if (next_u64() % 40 == 0) {
			/* A credit note: a share of at most half of the
			 * customer's sales and cost so far, to the cent. */
			if (rev[c] < 2 || cost[c] < 2)
				continue;
			double f = 0.05 + 0.45 * uniform();
			double s = floor(f * rev[c] * 100 + 0.5) / 100;
			double k = floor(f * cost[c] * 100 + 0.5) / 100;
			rev[c] -= s;
			cost[c] -= k;
			row++;
			printf("%llu,C-%llu,%s,%s,C-%06llu,%s %s,%s,%s,"
			       "OFF-%08llu,%.2f,%u,%.1f,%.2f\n", row, 100000 + order,
			       od, sd, c, fn, ln, seg, region,
			       next_u64() % 100000000ULL, -s, 1u, 0.0, -(s - k));
			continue;
		}
		for (unsigned i = 0; i < lines && row < n; i++) {
			row++;
			double sales = floor(60.0 * exp(1.1 * normal()) * 100 + 0.5)
			               / 100;
			double profit = floor(sales * (uniform() * 0.65 - 0.2) * 100
			                      + 0.5) / 100;
			unsigned q = 1 + (unsigned)(next_u64() % 9);
			rev[c] += sales;
			cost[c] += sales - profit;
			printf("%llu,US-%llu,%s,%s,C-%06llu,%s %s,%s,%s,"
			       "OFF-%08llu,%.2f,%u,%.1f,%.2f\n", row, 100000 + order,
			       od, sd, c, fn, ln, seg, region,
			       next_u64() % 100000000ULL, sales, q,
			       (double)(next_u64() % 5) / 10, profit);
		}
	}
	free(rev);
	free(cost);
	return fflush(stdout) == 0 ? 0 : 1;
}
