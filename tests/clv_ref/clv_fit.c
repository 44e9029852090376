/*
 * clv_fit.c - the C side of the comparison with scripts/clv_ref.py
 * (tests/clv_ref/test_clv_ref.py), and the timing of the fit on a
 * million customers (docs/model.md).
 *
 *   clv_fit sim N SEED [days]   simulated customers as CSV x,t_x,T,mbar
 *                               (tests/unit/clv_sim.h; "days": t_x and T
 *                               whole days, as dates give them)
 *   clv_fit fit FILE.csv K D C  fit both models, print JSON: parameters,
 *                               log-likelihoods and, per customer,
 *                               p_alive, E(30), E(365), expected order
 *                               value, CLV over K months at yearly rate D
 *                               and margin ratio C
 *   clv_fit time N              simulate N customers in whole days and
 *                               time the two fits and the CLV
 *   clv_fit timefile FILE.csv   the same on the customers of a file
 *   clv_fit one FILE.csv I K D C   as fit, for customer I (from 0) alone,
 *                               with its CLV month by month (the worked
 *                               customer of docs/model.md)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <focuslevel/clv.h>

#include "../unit/clv_sim.h"

static const fl_bgnbd sim_bg = { .r = 0.5, .alpha = 20, .a = 0.8, .b = 2.5 };
static const fl_gamma_gamma sim_gg = { .p = 6.25, .q = 3.74, .gamma = 15.44 };

static fl_clv_customer *simulate(size_t n, uint64_t seed, int days)
{
	fl_clv_customer *c = malloc(n * sizeof *c);
	if (!c)
		return NULL;
	sim_rng g;
	sim_seed(&g, seed);
	for (size_t i = 0; i < n; i++) {
		double T = 180 + 540 * sim_unif(&g);
		if (days)
			T = floor(T);
		c[i] = sim_customer(&g, &sim_bg, &sim_gg, T);
		if (days)
			c[i].t_x = floor(c[i].t_x);
	}
	return c;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The customers of a CSV file x,t_x,T,mbar (with a header line) into *c;
 * returns their number, or 0 on error. */
static size_t read_csv(const char *path, fl_clv_customer **out)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 0;
	}
	size_t n = 0, cap = 1024;
	fl_clv_customer *c = malloc(cap * sizeof *c);
	char line[256];
	if (!c || !fgets(line, sizeof line, f)) /* header */
		goto fail;
	while (fgets(line, sizeof line, f)) {
		if (n == cap) {
			cap *= 2;
			fl_clv_customer *nc = realloc(c, cap * sizeof *c);
			if (!nc)
				goto fail;
			c = nc;
		}
		fl_clv_customer *k = &c[n];
		if (sscanf(line, "%lf,%lf,%lf,%lf", &k->x, &k->t_x, &k->T,
		           &k->mbar) != 4)
			goto fail;
		n++;
	}
	fclose(f);
	*out = c;
	return n;
fail:
	fclose(f);
	free(c);
	return 0;
}

static int cmd_fit(const char *path, long one, unsigned K, double d,
                   double cm)
{
	fl_clv_customer *c;
	size_t n = read_csv(path, &c);
	if (n == 0)
		return 1;
	fl_bgnbd bg;
	fl_gamma_gamma gg;
	if (fl_bgnbd_fit(c, n, &bg) != FL_OK ||
	    fl_gamma_gamma_fit(c, n, &gg) != FL_OK)
		return 1;
	printf("{\"bgnbd\": {\"r\": %.17g, \"alpha\": %.17g, \"a\": %.17g, "
	       "\"b\": %.17g, \"log_likelihood\": %.17g, \"no_dropout\": %s, "
	       "\"customers\": %zu, \"groups\": %zu, \"evaluations\": %u},\n",
	       bg.r, bg.alpha, bg.a, bg.b, bg.log_likelihood,
	       bg.no_dropout ? "true" : "false", bg.customers, bg.groups,
	       bg.evaluations);
	printf(" \"gamma_gamma\": {\"p\": %.17g, \"q\": %.17g, \"gamma\": %.17g, "
	       "\"log_likelihood\": %.17g, \"customers\": %zu, "
	       "\"mean_value\": %.17g},\n",
	       gg.p, gg.q, gg.gamma, gg.log_likelihood, gg.customers,
	       gg.mean_value);
	fl_clv_terms terms = { K, d, cm };
	if (one >= 0 && (size_t)one < n) {
		const fl_clv_customer *k = &c[one];
		fl_clv_month *mo = calloc(K + 1, sizeof *mo);
		if (!mo)
			return 1;
		printf(" \"customer\": {\"x\": %.17g, \"t_x\": %.17g, \"T\": %.17g, "
		       "\"mbar\": %.17g, \"p_alive\": %.17g, \"E365\": %.17g, "
		       "\"order_value\": %.17g, \"clv\": %.17g,\n  \"months\": [",
		       k->x, k->t_x, k->T, k->mbar,
		       fl_bgnbd_p_alive(&bg, k->x, k->t_x, k->T),
		       fl_bgnbd_expected(&bg, k->x, k->t_x, k->T, 365),
		       fl_gamma_gamma_expected(&gg, k->x, k->mbar),
		       fl_clv_value(&bg, &gg, k, &terms, mo));
		for (unsigned i = 0; i < K; i++)
			printf("%s[%.17g, %.17g]", i ? ", " : "", mo[i].orders,
			       mo[i].value);
		printf("]}}\n");
		free(mo);
		free(c);
		return 0;
	}
	printf(" \"customers\": [\n");
	for (size_t i = 0; i < n; i++) {
		const fl_clv_customer *k = &c[i];
		printf("  [%.17g, %.17g, %.17g, %.17g, %.17g]%s\n",
		       fl_bgnbd_p_alive(&bg, k->x, k->t_x, k->T),
		       fl_bgnbd_expected(&bg, k->x, k->t_x, k->T, 30),
		       fl_bgnbd_expected(&bg, k->x, k->t_x, k->T, 365),
		       fl_gamma_gamma_expected(&gg, k->x, k->mbar),
		       fl_clv_value(&bg, &gg, k, &terms, NULL),
		       i + 1 < n ? "," : "");
	}
	printf(" ]}\n");
	free(c);
	return 0;
}

/* Time the two fits and the 12-month CLV of c[0..n) (freed). */
static int time_fits(fl_clv_customer *c, size_t n)
{
	fl_bgnbd bg;
	fl_gamma_gamma gg;
	double t0 = seconds();
	if (fl_bgnbd_fit(c, n, &bg) != FL_OK)
		return 1;
	double t1 = seconds();
	if (fl_gamma_gamma_fit(c, n, &gg) != FL_OK)
		return 1;
	double t2 = seconds();
	fl_clv_terms terms = { 12, 0.10, 0.3 };
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += fl_clv_value(&bg, &gg, &c[i], &terms, NULL);
	double t3 = seconds();
	printf("%zu customers, %zu groups\n", n, bg.groups);
	printf("BG/NBD: %.3f s, %u evaluations: r %.6g alpha %.6g a %.6g "
	       "b %.6g ln L %.17g%s\n", t1 - t0, bg.evaluations, bg.r, bg.alpha,
	       bg.a, bg.b, bg.log_likelihood, bg.no_dropout ? " no dropout" : "");
	printf("Gamma-Gamma: %.3f s on %zu customers, %u evaluations: p %.6g "
	       "q %.6g gamma %.6g ln L %.17g\n", t2 - t1, gg.customers,
	       gg.evaluations, gg.p, gg.q, gg.gamma, gg.log_likelihood);
	printf("CLV over 12 months of every customer: %.3f s (total %.6g)\n",
	       t3 - t2, sum);
	free(c);
	return 0;
}

static int cmd_time(size_t n)
{
	fl_clv_customer *c = simulate(n, 1, 1);
	return c ? time_fits(c, n) : 1;
}

static int cmd_time_file(const char *path)
{
	fl_clv_customer *c;
	size_t n = read_csv(path, &c);
	return n ? time_fits(c, n) : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "sim") == 0) {
		size_t n = strtoul(argv[2], NULL, 10);
		fl_clv_customer *c = simulate(n, strtoull(argv[3], NULL, 10),
		                              argc > 4 && !strcmp(argv[4], "days"));
		if (!c)
			return 1;
		printf("x,t_x,T,mbar\n");
		for (size_t i = 0; i < n; i++)
			printf("%.17g,%.17g,%.17g,%.17g\n", c[i].x, c[i].t_x, c[i].T,
			       c[i].mbar);
		free(c);
		return 0;
	}
	if (argc == 6 && strcmp(argv[1], "fit") == 0)
		return cmd_fit(argv[2], -1, (unsigned)strtoul(argv[3], NULL, 10),
		               strtod(argv[4], NULL), strtod(argv[5], NULL));
	if (argc == 7 && strcmp(argv[1], "one") == 0)
		return cmd_fit(argv[2], strtol(argv[3], NULL, 10),
		               (unsigned)strtoul(argv[4], NULL, 10),
		               strtod(argv[5], NULL), strtod(argv[6], NULL));
	if (argc == 3 && strcmp(argv[1], "time") == 0)
		return cmd_time(strtoul(argv[2], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "timefile") == 0)
		return cmd_time_file(argv[2]);
	fprintf(stderr, "usage: clv_fit sim N SEED [days] | fit FILE K D C | "
	        "one FILE I K D C | time N | timefile FILE\n");
	return 2;
}
