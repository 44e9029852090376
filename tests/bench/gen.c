/*
 * gen.c - synthetic portfolios for the benchmark, streamed to stdout so
 * that ten million customers need no memory.
 *
 *   fl_bench_gen N SEED FORMAT FORM
 *     FORMAT: yaml, json or jsonl
 *     FORM:   aggregate, detailed or mixed (half of each)
 *
 * Order values are log-normal (median about 120, long tail), margins run
 * from about -20% to 85%, and one customer in fifty has no revenue.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next_u64(void)
{
	/* xorshift64*: fast, and the same stream for the same seed anywhere. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
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
	if (argc != 5) {
		fprintf(stderr, "usage: fl_bench_gen N SEED yaml|json|jsonl "
		        "aggregate|detailed|mixed\n");
		return 2;
	}
	unsigned long long n = strtoull(argv[1], NULL, 10);
	state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
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
				if (yaml)
					printf("      - {value: %.2f, cost: %.2f, "
					       "date: \"2026-%02u-%02u\"}\n",
					       v, c, 7 + k % 3, 1 + k * 3);
				else
					printf("%s{\"value\": %.2f, \"cost\": %.2f, "
					       "\"date\": \"2026-%02u-%02u\"}", k ? ", " : "",
					       v, c, 7 + k % 3, 1 + k * 3);
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
				printf("\"revenue\": %.2f, \"cost\": %.2f, \"orders\": %u}",
				       r, c, norders);
		}
		if (jsonl)
			putchar('\n');
	}
	if (!yaml && !jsonl)
		printf("\n]}\n");
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
