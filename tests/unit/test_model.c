/*
 * test_model.c - metrics, quantiles, selection, tiers, quadrant, level and
 * the whole plan (model.c, select.c), checked against docs/model.md.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan_with.h"
#include <focuslevel/focuslevel.h>

#include "util/select.h"

/* ---- helpers -------------------------------------------------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

/*
 * The reference: type 7 straight from docs/model.md, on a sorted copy.
 * Written independently of model.c (sort, no selection).
 */
static double ref_quantile(const double *v, size_t n, double q)
{
	double *x = malloc(n * sizeof(*x));
	assert_non_null(x);
	memcpy(x, v, n * sizeof(*x));
	qsort(x, n, sizeof(*x), cmp_double);
	double h = (double)(n - 1) * q;
	double fh = floor(h);
	size_t k = (size_t)fh;
	double r = k >= n - 1 ? x[n - 1] : x[k] + (h - fh) * (x[k + 1] - x[k]);
	free(x);
	return r;
}

/* n values; with `ties` they come from a handful of distinct values. */
static void fill_values(double *v, size_t n, bool ties)
{
	static const double few[] = { -3.0, 0.0, 0.0, 2.5, 7.0, 7.0, 100.0 };
	for (size_t i = 0; i < n; i++) {
		if (ties)
			v[i] = few[rng() % (sizeof(few) / sizeof(few[0]))];
		else
			v[i] = ((double)(rng() % 2000001) - 1000000.0) / 97.0;
	}
}

/* Load a YAML document; fails the test on any error. */
static fl_portfolio *load_yaml(const char *doc)
{
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_load_options opts = { .format = FL_INPUT_YAML };
	fl_portfolio *p = NULL;
	fl_status st = fl_portfolio_load_mem(doc, strlen(doc), NULL, &opts, &p, &d);
	if (st != FL_OK)
		fail_msg("load failed (%d): %s", (int)st,
		         d.count ? d.items[0].message : "?");
	fl_diags_release(&d);
	return p;
}

static fl_portfolio *load_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	fl_status st = fl_portfolio_load(fp, path, NULL, &p, &d);
	fclose(fp);
	assert_int_equal(st, FL_OK);
	assert_int_equal(d.errors, 0);
	fl_diags_release(&d);
	return p;
}

/* ---- names ---------------------------------------------------------- */

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(fl_tier_name(FL_TIER_LOW), "low");
	assert_string_equal(fl_tier_name(FL_TIER_MEDIUM), "medium");
	assert_string_equal(fl_tier_name(FL_TIER_HIGH), "high");
	assert_null(fl_tier_name((fl_tier)3));
	assert_string_equal(fl_quadrant_name(FL_QUADRANT_DOG), "dog");
	assert_string_equal(fl_quadrant_name(FL_QUADRANT_QUESTION_MARK),
	                    "question-mark");
	assert_string_equal(fl_quadrant_name(FL_QUADRANT_CASH_COW), "cash-cow");
	assert_string_equal(fl_quadrant_name(FL_QUADRANT_STAR), "star");
	assert_null(fl_quadrant_name((fl_quadrant)4));
	static const char *const levels[] = { "basic", "reactive", "accountable",
		"proactive", "partnership" };
	for (int i = 1; i <= 5; i++) {
		assert_string_equal(fl_level_name((fl_level)i), levels[i - 1]);
		assert_non_null(fl_level_description((fl_level)i));
		assert_int_equal(fl_level_parse(levels[i - 1]), i);
	}
	assert_null(fl_level_name(FL_LEVEL_NONE));
	assert_null(fl_level_name((fl_level)6));
	assert_int_equal(fl_level_parse("Partnership"), FL_LEVEL_PARTNERSHIP);
	assert_int_equal(fl_level_parse("BASIC"), FL_LEVEL_BASIC);
	assert_int_equal(fl_level_parse("partner"), FL_LEVEL_NONE);
	assert_int_equal(fl_level_parse(""), FL_LEVEL_NONE);
}

/* ---- metrics -------------------------------------------------------- */

static fl_customer cust(double r, double c, uint64_t n)
{
	fl_customer k;
	memset(&k, 0, sizeof(k));
	k.id = k.name = "x";
	k.segment = "";
	k.revenue = r;
	k.cost = c;
	k.orders = n;
	return k;
}

static void test_metrics(void **state)
{
	(void)state;
	fl_customer c = cust(200.0, 150.0, 4);
	fl_metrics m = fl_metrics_of(&c);
	assert_true(m.margin == 50.0);
	assert_true(m.margin_pct == 25.0);
	assert_true(m.order_value == 50.0);

	/* Zero revenue: P = 0 (not NaN, not -inf), M still R - C. */
	c = cust(0.0, 10.0, 3);
	m = fl_metrics_of(&c);
	assert_true(m.margin == -10.0);
	assert_true(m.margin_pct == 0.0);
	assert_false(signbit(m.margin_pct));
	assert_true(m.order_value == 0.0);
	c = cust(0.0, 0.0, 0);
	m = fl_metrics_of(&c);
	assert_true(m.margin_pct == 0.0 && !isnan(m.margin_pct));
	assert_true(m.order_value == 0.0 && !isnan(m.order_value));

	/* No orders: V = 0. */
	c = cust(500.0, 100.0, 0);
	m = fl_metrics_of(&c);
	assert_true(m.order_value == 0.0);
	assert_true(m.margin_pct == 80.0);

	/* Negative margin (C06 of the sample). */
	c = cust(5841.70, 6093.25, 11);
	m = fl_metrics_of(&c);
	assert_true(m.margin == 5841.70 - 6093.25);
	assert_true(m.margin < 0);
	assert_true(m.margin_pct == 100.0 * (5841.70 - 6093.25) / 5841.70);
	assert_true(m.margin_pct < -4.306 && m.margin_pct > -4.307);
	assert_true(m.order_value == 5841.70 / 11.0);

	/* Cost above revenue by far: P far below -100. */
	c = cust(10.0, 1000.0, 1);
	m = fl_metrics_of(&c);
	assert_true(m.margin_pct == -9900.0);
}

/* ---- quantiles ------------------------------------------------------ */

static double quantile_of(const double *v, size_t n, double q)
{
	double *x = malloc(n * sizeof(*x));
	memcpy(x, v, n * sizeof(*x));
	double r = fl_quantile(x, n, q);
	free(x);
	return r;
}

static void test_quantile_hand_cases(void **state)
{
	(void)state;
	const double a[] = { 1, 2, 3, 4 };
	assert_true(quantile_of(a, 4, 1.0 / 3) == 2.0);
	assert_true(quantile_of(a, 4, 0.5) == 2.5);
	assert_true(quantile_of(a, 4, 2.0 / 3) == 3.0);
	assert_true(quantile_of(a, 4, 0.0) == 1.0);
	assert_true(quantile_of(a, 4, 1.0) == 4.0);
	assert_true(quantile_of(a, 4, 0.25) == 1.75);
	const double b[] = { 4, 1, 3, 2 };  /* order does not matter */
	assert_true(quantile_of(b, 4, 0.5) == 2.5);
	const double one[] = { -7.25 };
	assert_true(quantile_of(one, 1, 0.0) == -7.25);
	assert_true(quantile_of(one, 1, 1.0 / 3) == -7.25);
	assert_true(quantile_of(one, 1, 1.0) == -7.25);
	const double two[] = { 20, 10 };
	assert_true(quantile_of(two, 2, 0.25) == 12.5);
	assert_true(quantile_of(two, 2, 0.5) == 15.0);
	assert_true(quantile_of(two, 2, 1.0) == 20.0);
	const double three[] = { 3, 1, 2 };
	assert_true(quantile_of(three, 3, 0.5) == 2.0);
	assert_true(quantile_of(three, 3, 0.75) == 2.5);
	const double tie[] = { 5, 5, 5, 5, 5 };
	assert_true(quantile_of(tie, 5, 1.0 / 3) == 5.0);
	/* Ties around the interpolation point. */
	const double t2[] = { 0, 0, 0, 10, 10, 10 };
	assert_true(quantile_of(t2, 6, 0.5) == 5.0);
	assert_true(quantile_of(t2, 6, 1.0 / 3) == 0.0);
	assert_true(quantile_of(t2, 6, 0.4) == 0.0);
	assert_true(quantile_of(t2, 6, 0.6) == 10.0);
}

static void test_quantile_reorders_in_place(void **state)
{
	(void)state;
	double v[50], before[50];
	fill_values(v, 50, false);
	memcpy(before, v, sizeof(v));
	(void)fl_quantile(v, 50, 0.5);
	qsort(before, 50, sizeof(double), cmp_double);
	qsort(v, 50, sizeof(double), cmp_double);
	/* Same multiset of values: nothing lost or duplicated. */
	assert_memory_equal(v, before, sizeof(v));
}

static void test_quantile_against_reference(void **state)
{
	(void)state;
	static const double qs[] = { 0.0, 1.0 / 3, 0.5, 2.0 / 3, 1.0, 0.25,
		0.75, 0.1, 0.9, 0.999 };
	size_t sizes[80];
	size_t ns = 0;
	for (size_t n = 1; n <= 64; n++)
		sizes[ns++] = n;
	sizes[ns++] = 99;
	sizes[ns++] = 100;
	sizes[ns++] = 101;
	sizes[ns++] = 257;
	sizes[ns++] = 1000;
	sizes[ns++] = 4099;
	double *v = malloc(4099 * sizeof(*v));
	double *w = malloc(4099 * sizeof(*w));
	for (size_t s = 0; s < ns; s++) {
		size_t n = sizes[s];
		for (int rep = 0; rep < 6; rep++) {
			fill_values(v, n, rep % 2 == 1);
			for (size_t qi = 0; qi < sizeof(qs) / sizeof(qs[0]) + 1; qi++) {
				double q = qi < sizeof(qs) / sizeof(qs[0])
				           ? qs[qi] : (double)(rng() % 1001) / 1000.0;
				double want = ref_quantile(v, n, q);
				memcpy(w, v, n * sizeof(*w));
				double got = fl_quantile(w, n, q);
				if (got != want)
					fail_msg("n=%zu q=%.17g: %.17g, expected %.17g",
					         n, q, got, want);
			}
		}
	}
	free(v);
	free(w);
}

/* ---- selection ------------------------------------------------------ */

static void check_select(const double *v, size_t n, size_t k,
                         const double *sorted)
{
	double *w = malloc(n * sizeof(*w));
	memcpy(w, v, n * sizeof(*w));
	fl_select(w, n, k);
	if (w[k] != sorted[k])
		fail_msg("n=%zu k=%zu: %.17g, expected %.17g", n, k, w[k], sorted[k]);
	for (size_t i = 0; i < k; i++) {
		if (w[i] > w[k])
			fail_msg("n=%zu k=%zu: w[%zu]=%g > w[k]", n, k, i, w[i]);
	}
	for (size_t i = k + 1; i < n; i++) {
		if (w[i] < w[k])
			fail_msg("n=%zu k=%zu: w[%zu]=%g < w[k]", n, k, i, w[i]);
	}
	/* A permutation of the input. */
	qsort(w, n, sizeof(*w), cmp_double);
	assert_memory_equal(w, sorted, n * sizeof(*w));
	free(w);
}

static void test_select_random(void **state)
{
	(void)state;
	double v[300], sorted[300];
	for (size_t n = 1; n <= 300; n += (n < 40 ? 1 : 37)) {
		for (int rep = 0; rep < 4; rep++) {
			fill_values(v, n, rep >= 2);
			memcpy(sorted, v, n * sizeof(double));
			qsort(sorted, n, sizeof(double), cmp_double);
			for (size_t k = 0; k < n; k += (n < 40 ? 1 : 7))
				check_select(v, n, k, sorted);
			check_select(v, n, n - 1, sorted);
		}
	}
}

static void test_select_patterns(void **state)
{
	(void)state;
	enum { N = 20000 };
	double *v = malloc(N * sizeof(*v));
	double *sorted = malloc(N * sizeof(*sorted));
	for (int pat = 0; pat < 7; pat++) {
		for (size_t i = 0; i < N; i++) {
			switch (pat) {
			case 0: v[i] = (double)i; break;                 /* sorted */
			case 1: v[i] = (double)(N - i); break;           /* reversed */
			case 2: v[i] = 1.5; break;                       /* all equal */
			case 3: v[i] = (double)(i < N / 2 ? i : N - i); break; /* organ pipe */
			case 4: v[i] = (double)(i % 2); break;           /* two values */
			case 5: v[i] = (double)((i * 7919) % 13); break; /* few values */
			default: v[i] = i % 2 ? (double)i : -(double)i;  /* zigzag */
			}
		}
		memcpy(sorted, v, N * sizeof(*v));
		qsort(sorted, N, sizeof(*v), cmp_double);
		const size_t ks[] = { 0, 1, N / 3, N / 2, 2 * N / 3, N - 2, N - 1 };
		for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
			check_select(v, N, ks[i], sorted);
	}
	free(v);
	free(sorted);
}

/* ---- tiers, quadrant, level ---------------------------------------- */

static void test_tier_of(void **state)
{
	(void)state;
	assert_int_equal(fl_tier_of(0.99, 1.0, 2.0), FL_TIER_LOW);
	assert_int_equal(fl_tier_of(nextafter(1.0, 0), 1.0, 2.0), FL_TIER_LOW);
	assert_int_equal(fl_tier_of(1.0, 1.0, 2.0), FL_TIER_MEDIUM);   /* v == a */
	assert_int_equal(fl_tier_of(1.5, 1.0, 2.0), FL_TIER_MEDIUM);
	assert_int_equal(fl_tier_of(nextafter(2.0, 0), 1.0, 2.0), FL_TIER_MEDIUM);
	assert_int_equal(fl_tier_of(2.0, 1.0, 2.0), FL_TIER_HIGH);     /* v == b */
	assert_int_equal(fl_tier_of(1e9, 1.0, 2.0), FL_TIER_HIGH);
	assert_int_equal(fl_tier_of(-5.0, -4.0, -1.0), FL_TIER_LOW);
	/* a == b: medium is empty; the cut itself is high. */
	assert_int_equal(fl_tier_of(3.0, 3.0, 3.0), FL_TIER_HIGH);
	assert_int_equal(fl_tier_of(nextafter(3.0, 0), 3.0, 3.0), FL_TIER_LOW);
	assert_int_equal(fl_tier_of(nextafter(3.0, 4), 3.0, 3.0), FL_TIER_HIGH);
}

static void test_quadrant_of(void **state)
{
	(void)state;
	fl_thresholds t;
	memset(&t, 0, sizeof(t));
	t.margin.split = 20.0;
	t.value.split = 1000.0;
	assert_int_equal(fl_quadrant_of(20.0, 1000.0, &t), FL_QUADRANT_STAR);
	assert_int_equal(fl_quadrant_of(25.0, 999.99, &t),
	                 FL_QUADRANT_QUESTION_MARK);
	assert_int_equal(fl_quadrant_of(20.0, nextafter(1000.0, 0), &t),
	                 FL_QUADRANT_QUESTION_MARK);
	assert_int_equal(fl_quadrant_of(nextafter(20.0, 0), 1000.0, &t),
	                 FL_QUADRANT_CASH_COW);
	assert_int_equal(fl_quadrant_of(19.0, 5000.0, &t), FL_QUADRANT_CASH_COW);
	assert_int_equal(fl_quadrant_of(19.0, 10.0, &t), FL_QUADRANT_DOG);
	assert_int_equal(fl_quadrant_of(-50.0, 0.0, &t), FL_QUADRANT_DOG);
	/* The two axes are not swapped: high P alone is not a cash cow. */
	t.margin.split = 0.0;
	t.value.split = 0.0;
	assert_int_equal(fl_quadrant_of(0.0, -1.0, &t), FL_QUADRANT_QUESTION_MARK);
	assert_int_equal(fl_quadrant_of(-1.0, 0.0, &t), FL_QUADRANT_CASH_COW);
}

static void test_level_of_grid(void **state)
{
	(void)state;
	/* docs/model.md, "Levels": rows margin tier, columns value tier. */
	static const fl_level grid[3][3] = {
		/* margin low */
		{ FL_LEVEL_BASIC, FL_LEVEL_REACTIVE, FL_LEVEL_ACCOUNTABLE },
		/* margin medium */
		{ FL_LEVEL_REACTIVE, FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE },
		/* margin high */
		{ FL_LEVEL_ACCOUNTABLE, FL_LEVEL_PROACTIVE, FL_LEVEL_PARTNERSHIP },
	};
	for (int m = 0; m < 3; m++) {
		for (int v = 0; v < 3; v++) {
			fl_level got = fl_level_of((fl_tier)m, (fl_tier)v);
			if (got != grid[m][v])
				fail_msg("level_of(%d, %d) = %d, expected %d", m, v,
				         (int)got, (int)grid[m][v]);
		}
	}
}

/* ---- thresholds and plan -------------------------------------------- */

static void test_thresholds_empty(void **state)
{
	(void)state;
	fl_portfolio p;
	memset(&p, 0, sizeof(p));
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_thresholds t;
	memset(&t, 0x7F, sizeof(t));
	assert_int_equal(fl_thresholds_compute(&p, &spec, &t), FL_OK);
	assert_true(t.margin.cut_low == 0 && t.margin.cut_high == 0 &&
	            t.margin.split == 0);
	assert_true(t.value.cut_low == 0 && t.value.cut_high == 0 &&
	            t.value.split == 0);
	fl_plan plan;
	assert_int_equal(plan_with(&p, &spec, &plan), FL_OK);
	assert_int_equal(plan.count, 0);
	fl_plan_release(&plan);
	fl_plan_release(&plan);  /* twice is harmless */
}

static void test_spec_init(void **state)
{
	(void)state;
	fl_threshold_spec spec;
	memset(&spec, 0xFF, sizeof(spec));
	fl_threshold_spec_init(&spec);
	assert_false(spec.margin.has_cuts);
	assert_false(spec.margin.has_split);
	assert_false(spec.value.has_cuts);
	assert_false(spec.value.has_split);
	assert_true(spec.margin.q_low == 1.0 / 3 && spec.value.q_low == 1.0 / 3);
	assert_true(spec.margin.q_high == 2.0 / 3 && spec.value.q_high == 2.0 / 3);
	assert_true(spec.margin.q_split == 0.5 && spec.value.q_split == 0.5);
}

static void test_plan_one_customer(void **state)
{
	(void)state;
	fl_portfolio *p = load_yaml(
		"customers:\n"
		"  - id: solo\n"
		"    revenue: 100\n"
		"    cost: 60\n"
		"    orders: 2\n");
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	assert_int_equal(plan.count, 1);
	const fl_thresholds *t = &plan.thresholds;
	/* Every quantile of one value is that value. */
	assert_true(t->margin.cut_low == 40.0 && t->margin.cut_high == 40.0 &&
	            t->margin.split == 40.0);
	assert_true(t->value.cut_low == 50.0 && t->value.cut_high == 50.0 &&
	            t->value.split == 50.0);
	assert_int_equal(t->margin.cuts_source, FL_SOURCE_COMPUTED);
	assert_int_equal(t->value.split_source, FL_SOURCE_COMPUTED);
	assert_true(fl_metrics_of(&p->customers[0]).margin == 40.0);
	assert_true(fl_metrics_of(&p->customers[0]).margin_pct == 40.0);
	assert_true(fl_metrics_of(&p->customers[0]).order_value == 50.0);
	/* v == a == b: high tier; v == split: high side. */
	assert_int_equal(plan.classes[0].margin_tier, FL_TIER_HIGH);
	assert_int_equal(plan.classes[0].value_tier, FL_TIER_HIGH);
	assert_int_equal(plan.classes[0].quadrant, FL_QUADRANT_STAR);
	assert_int_equal(plan.classes[0].computed, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(plan.classes[0].level, FL_LEVEL_PARTNERSHIP);
	fl_plan_release(&plan);
	assert_null(plan.classes);
	fl_portfolio_free(p);
}

static void test_plan_all_equal(void **state)
{
	(void)state;
	fl_portfolio *p = load_yaml(
		"customers:\n"
		"  - {id: a, revenue: 300, cost: 240, orders: 3}\n"
		"  - {id: b, revenue: 300, cost: 240, orders: 3}\n"
		"  - {id: c, revenue: 300, cost: 240, orders: 3}\n"
		"  - {id: d, revenue: 300, cost: 240, orders: 3}\n");
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	assert_int_equal(plan.count, 4);
	assert_true(plan.thresholds.margin.cut_low == 20.0);
	assert_true(plan.thresholds.value.split == 100.0);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(plan.classes[i].margin_tier, FL_TIER_HIGH);
		assert_int_equal(plan.classes[i].value_tier, FL_TIER_HIGH);
		assert_int_equal(plan.classes[i].quadrant, FL_QUADRANT_STAR);
		assert_int_equal(plan.classes[i].level, FL_LEVEL_PARTNERSHIP);
	}
	fl_plan_release(&plan);
	fl_portfolio_free(p);
}

/* Six customers with P = 0, 10, ..., 50 and V = 100, 200, ..., 600. */
static const char six[] =
	"customers:\n"
	"  - {id: c0, revenue: 100, cost: 100, orders: 1}\n"
	"  - {id: c1, revenue: 200, cost: 180, orders: 1}\n"
	"  - {id: c2, revenue: 300, cost: 240, orders: 1}\n"
	"  - {id: c3, revenue: 400, cost: 280, orders: 1}\n"
	"  - {id: c4, revenue: 500, cost: 300, orders: 1}\n"
	"  - {id: c5, revenue: 600, cost: 300, orders: 1, level: basic,"
	" reason: why}\n";

static void test_plan_given_thresholds(void **state)
{
	(void)state;
	fl_portfolio *p = load_yaml(six);
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan base;
	assert_int_equal(plan_with(p, &spec, &base), FL_OK);
	/* Computed: P cuts at h = 5/3 and 10/3 of 0..50. */
	assert_true(base.thresholds.margin.cut_low == ref_quantile(
		(const double[]){ 0, 10, 20, 30, 40, 50 }, 6, 1.0 / 3));
	assert_true(base.thresholds.margin.split == 25.0);
	assert_true(base.thresholds.value.split == 350.0);

	/* Given margin cuts replace only the margin cuts. */
	spec.margin.has_cuts = true;
	spec.margin.cut_low = 5.0;
	spec.margin.cut_high = 45.0;
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	const fl_thresholds *t = &plan.thresholds;
	assert_true(t->margin.cut_low == 5.0 && t->margin.cut_high == 45.0);
	assert_int_equal(t->margin.cuts_source, FL_SOURCE_GIVEN);
	assert_int_equal(t->margin.split_source, FL_SOURCE_COMPUTED);
	assert_true(t->margin.split == 25.0);
	assert_int_equal(t->value.cuts_source, FL_SOURCE_COMPUTED);
	assert_int_equal(t->value.split_source, FL_SOURCE_COMPUTED);
	assert_true(t->value.cut_low == base.thresholds.value.cut_low);
	assert_true(t->value.cut_high == base.thresholds.value.cut_high);
	/* P = 0 < 5: low; 10..40 medium; 50 >= 45 high. */
	assert_int_equal(plan.classes[0].margin_tier, FL_TIER_LOW);
	for (int i = 1; i <= 4; i++)
		assert_int_equal(plan.classes[i].margin_tier, FL_TIER_MEDIUM);
	assert_int_equal(plan.classes[5].margin_tier, FL_TIER_HIGH);
	fl_plan_release(&plan);

	/* Given splits on both axes, given value cuts equal to values. */
	fl_threshold_spec_init(&spec);
	spec.margin.has_split = true;
	spec.margin.split = 40.0;
	spec.value.has_split = true;
	spec.value.split = 200.0;
	spec.value.has_cuts = true;
	spec.value.cut_low = 200.0;
	spec.value.cut_high = 500.0;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	t = &plan.thresholds;
	assert_int_equal(t->margin.split_source, FL_SOURCE_GIVEN);
	assert_int_equal(t->margin.cuts_source, FL_SOURCE_COMPUTED);
	assert_int_equal(t->value.split_source, FL_SOURCE_GIVEN);
	assert_int_equal(t->value.cuts_source, FL_SOURCE_GIVEN);
	assert_true(t->margin.cut_low == base.thresholds.margin.cut_low);
	assert_true(t->value.split == 200.0);
	/* The quantiles used when computed are still recorded. */
	assert_true(t->margin.q_low == 1.0 / 3 && t->margin.q_split == 0.5);
	static const fl_quadrant quad[6] = {
		FL_QUADRANT_DOG,        /* P 0, V 100 */
		FL_QUADRANT_CASH_COW,   /* P 10, V 200 (== split) */
		FL_QUADRANT_CASH_COW,
		FL_QUADRANT_CASH_COW,   /* P 30 < 40 */
		FL_QUADRANT_STAR,       /* P 40 == split */
		FL_QUADRANT_STAR,
	};
	static const fl_tier vt[6] = { FL_TIER_LOW, FL_TIER_MEDIUM,
		FL_TIER_MEDIUM, FL_TIER_MEDIUM, FL_TIER_HIGH, FL_TIER_HIGH };
	for (int i = 0; i < 6; i++) {
		assert_int_equal(plan.classes[i].quadrant, quad[i]);
		assert_int_equal(plan.classes[i].value_tier, vt[i]);
	}
	fl_plan_release(&plan);
	fl_plan_release(&base);
	fl_portfolio_free(p);
}

static void assert_axis_equal(const fl_axis *a, const fl_axis *b)
{
	assert_true(a->cut_low == b->cut_low);
	assert_true(a->cut_high == b->cut_high);
	assert_true(a->split == b->split);
	assert_int_equal(a->cuts_source, b->cuts_source);
	assert_int_equal(a->split_source, b->split_source);
	assert_int_equal(a->basis, b->basis);
}

static void test_plan_pins(void **state)
{
	(void)state;
	fl_portfolio *p = load_yaml(six);
	assert_int_equal(p->customers[5].pin, FL_LEVEL_BASIC);
	assert_string_equal(fl_customer_reason(&p->customers[5]), "why");
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	/* c5 computes to partnership (top of both axes); the pin replaces
	 * only the level. */
	assert_int_equal(plan.classes[5].computed, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(plan.classes[5].level, FL_LEVEL_BASIC);
	assert_int_equal(plan.classes[5].margin_tier, FL_TIER_HIGH);
	assert_int_equal(plan.classes[5].value_tier, FL_TIER_HIGH);
	assert_int_equal(plan.classes[5].quadrant, FL_QUADRANT_STAR);
	assert_true(fl_metrics_of(&p->customers[5]).margin_pct == 50.0);
	/* Unpinned customers: level == computed. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(plan.classes[i].level, plan.classes[i].computed);
	assert_int_equal(plan.classes[0].level, FL_LEVEL_BASIC);

	/* The pinned customer still counts in every quantile: the same
	 * portfolio without the pin has the same thresholds. */
	fl_portfolio *q = load_yaml(
		"customers:\n"
		"  - {id: c0, revenue: 100, cost: 100, orders: 1}\n"
		"  - {id: c1, revenue: 200, cost: 180, orders: 1}\n"
		"  - {id: c2, revenue: 300, cost: 240, orders: 1}\n"
		"  - {id: c3, revenue: 400, cost: 280, orders: 1}\n"
		"  - {id: c4, revenue: 500, cost: 300, orders: 1}\n"
		"  - {id: c5, revenue: 600, cost: 300, orders: 1}\n");
	fl_plan plan2;
	assert_int_equal(plan_with(q, &spec, &plan2), FL_OK);
	assert_axis_equal(&plan.thresholds.margin, &plan2.thresholds.margin);
	assert_axis_equal(&plan.thresholds.value, &plan2.thresholds.value);
	assert_int_equal(plan2.classes[5].level, FL_LEVEL_PARTNERSHIP);
	/* And it differs from the thresholds of the other five alone. */
	fl_portfolio five = *q;
	five.count = 5;
	fl_thresholds t5;
	assert_int_equal(fl_thresholds_compute(&five, &spec, &t5), FL_OK);
	assert_true(t5.margin.split != plan.thresholds.margin.split);
	fl_plan_release(&plan2);
	fl_plan_release(&plan);
	fl_portfolio_free(q);
	fl_portfolio_free(p);
}

static void test_basis(void **state)
{
	(void)state;
	assert_string_equal(fl_basis_name(FL_BASIS_MARGIN_PCT), "percent");
	assert_string_equal(fl_basis_name(FL_BASIS_MARGIN), "absolute");
	assert_string_equal(fl_basis_name(FL_BASIS_ORDER_VALUE), "average-order");
	assert_string_equal(fl_basis_name(FL_BASIS_REVENUE), "revenue");
	assert_null(fl_basis_name((fl_basis)5));
	fl_customer c = cust(400.0, 300.0, 8);
	fl_metrics m = fl_metrics_of(&c);
	assert_true(fl_axis_value(FL_BASIS_MARGIN_PCT, &c, &m) == 25.0);
	assert_true(fl_axis_value(FL_BASIS_MARGIN, &c, &m) == 100.0);
	assert_true(fl_axis_value(FL_BASIS_ORDER_VALUE, &c, &m) == 50.0);
	assert_true(fl_axis_value(FL_BASIS_REVENUE, &c, &m) == 400.0);
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	assert_int_equal(spec.margin.basis, FL_BASIS_MARGIN_PCT);
	assert_int_equal(spec.value.basis, FL_BASIS_ORDER_VALUE);
}

static void test_plan_other_bases(void **state)
{
	(void)state;
	/* Margin percent and margin amount order these customers in
	 * opposite ways, and so do order value and revenue. */
	fl_portfolio *p = load_yaml(
		"customers:\n"
		"  - {id: small, revenue: 100, cost: 50, orders: 1}\n"    /* P 50 M 50 V 100 */
		"  - {id: mid, revenue: 1000, cost: 800, orders: 20}\n"   /* P 20 M 200 V 50 */
		"  - {id: big, revenue: 10000, cost: 9500, orders: 400}\n"); /* P 5 M 500 V 25 */
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	assert_int_equal(plan.thresholds.margin.basis, FL_BASIS_MARGIN_PCT);
	assert_true(plan.thresholds.margin.split == 20.0);
	assert_true(plan.thresholds.value.split == 50.0);
	assert_int_equal(plan.classes[0].level, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(plan.classes[2].level, FL_LEVEL_BASIC);
	fl_plan_release(&plan);

	spec.margin.basis = FL_BASIS_MARGIN;
	spec.value.basis = FL_BASIS_REVENUE;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	assert_int_equal(plan.thresholds.margin.basis, FL_BASIS_MARGIN);
	assert_int_equal(plan.thresholds.value.basis, FL_BASIS_REVENUE);
	assert_true(plan.thresholds.margin.split == 200.0);
	assert_true(plan.thresholds.value.split == 1000.0);
	assert_int_equal(plan.classes[0].level, FL_LEVEL_BASIC);
	assert_int_equal(plan.classes[0].quadrant, FL_QUADRANT_DOG);
	assert_int_equal(plan.classes[1].quadrant, FL_QUADRANT_STAR);
	assert_int_equal(plan.classes[2].level, FL_LEVEL_PARTNERSHIP);
	/* The metrics are the same whatever the basis. */
	assert_true(fl_metrics_of(&p->customers[0]).margin_pct == 50.0);
	assert_true(fl_metrics_of(&p->customers[0]).order_value == 100.0);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
}

/* ---- the worked example of docs/model.md ---------------------------- */

static void check_sample_thresholds(const fl_thresholds *t)
{
	/* The doubles of docs/model.md ("Summary"), to the last bit. */
	assert_true(t->margin.cut_low == 16.00081898000907);
	assert_true(t->margin.cut_high == 26.994913939224414);
	assert_true(t->margin.split == 21.505753124562673);
	assert_true(t->value.cut_low == 828.8208333333333);
	assert_true(t->value.cut_high == 2368.5166666666664);
	assert_true(t->value.split == 1377.1983333333333);
}

static void test_sample_thresholds(void **state)
{
	(void)state;
	fl_portfolio *p = load_file(FL_SOURCE_DIR "/data/sample.yaml");
	assert_int_equal(p->count, 12);
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_thresholds t;
	assert_int_equal(fl_thresholds_compute(p, &spec, &t), FL_OK);
	check_sample_thresholds(&t);
	/* Metrics of the worked example ("1. Metrics"), C04 and C06. */
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	check_sample_thresholds(&plan.thresholds);
	assert_string_equal(p->customers[3].id, "C04");
	assert_true(p->customers[3].revenue == (389.90 + 455.20) + 418.75);
	assert_true(p->customers[3].cost == (259.40 + 297.10) + 277.95);
	assert_int_equal(p->customers[3].orders, 3);
	assert_true(fabs(fl_metrics_of(&p->customers[3]).margin_pct - 33.975551) < 1e-6);
	assert_true(fabs(fl_metrics_of(&p->customers[3]).order_value - 421.283333) < 1e-6);
	assert_string_equal(p->customers[5].id, "C06");
	assert_true(fabs(fl_metrics_of(&p->customers[5]).margin - -251.55) < 1e-9);
	assert_true(fabs(fl_metrics_of(&p->customers[5]).margin_pct - -4.306110) < 1e-6);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
}

struct expected_row {
	char id[16];
	char level[16];
	char quadrant[16];
};

/* Read the table under "## Expected output" of docs/model.md. */
static size_t read_expected(struct expected_row *rows, size_t max)
{
	FILE *fp = fopen(FL_SOURCE_DIR "/docs/model.md", "r");
	if (fp == NULL)
		fail_msg("cannot open docs/model.md");
	char line[512];
	bool in = false;
	size_t n = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "## ", 3) == 0) {
			in = strncmp(line, "## Expected output", 18) == 0;
			continue;
		}
		if (!in || line[0] != '|')
			continue;
		struct expected_row r;
		if (sscanf(line, "| %15s | %15s | %15s |", r.id, r.level,
		           r.quadrant) != 3)
			continue;
		if (strcmp(r.id, "id") == 0 || strncmp(r.id, "---", 3) == 0)
			continue;
		assert_true(n < max);
		rows[n++] = r;
	}
	fclose(fp);
	return n;
}

static void check_sample_levels(const char *path)
{
	struct expected_row rows[32];
	size_t n = read_expected(rows, 32);
	assert_int_equal(n, 12);
	fl_portfolio *p = load_file(path);
	assert_int_equal(p->count, n);
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	check_sample_thresholds(&plan.thresholds);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(p->customers[i].id, rows[i].id);
		const char *lv = fl_level_name(plan.classes[i].level);
		const char *qd = fl_quadrant_name(plan.classes[i].quadrant);
		if (strcmp(lv, rows[i].level) != 0 ||
		    strcmp(qd, rows[i].quadrant) != 0)
			fail_msg("%s %s: %s/%s, docs say %s/%s", path, rows[i].id,
			         lv, qd, rows[i].level, rows[i].quadrant);
	}
	/* C02: pinned to partnership, computes to accountable. */
	assert_string_equal(p->customers[1].id, "C02");
	assert_int_equal(plan.classes[1].computed, FL_LEVEL_ACCOUNTABLE);
	assert_int_equal(plan.classes[1].level, FL_LEVEL_PARTNERSHIP);
	/* The computed levels cover all five levels; 3 per quadrant. */
	int levels[6] = { 0 }, quads[4] = { 0 };
	for (size_t i = 0; i < n; i++) {
		levels[plan.classes[i].computed]++;
		quads[plan.classes[i].quadrant]++;
	}
	for (int l = 1; l <= 5; l++)
		assert_true(levels[l] > 0);
	for (int q = 0; q < 4; q++)
		assert_int_equal(quads[q], 3);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
}

static void test_sample_levels_yaml(void **state)
{
	(void)state;
	check_sample_levels(FL_SOURCE_DIR "/data/sample.yaml");
}

static void test_sample_levels_json(void **state)
{
	(void)state;
	check_sample_levels(FL_SOURCE_DIR "/data/sample.json");
}

/* Values so far apart that their difference overflows: the quantile is
 * still the point between them, never inf or NaN. */
static void test_quantile_extreme_values(void **state)
{
	(void)state;
	double v[2] = { 1e308, -1e308 };
	assert_true(fl_quantile(v, 2, 0.0) == -1e308);
	v[0] = 1e308;
	v[1] = -1e308;
	assert_true(fl_quantile(v, 2, 1.0) == 1e308);
	v[0] = 1e308;
	v[1] = -1e308;
	double m = fl_quantile(v, 2, 0.5);
	assert_true(isfinite(m));
	assert_true(m == 0.0);
	double w[3] = { -1.5e308, 0, 1.5e308 };
	double q = fl_quantile(w, 3, 1.0 / 3);
	assert_true(isfinite(q));
	assert_true(q < 0 && q > -1.5e308);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_quantile_hand_cases),
		cmocka_unit_test(test_quantile_reorders_in_place),
		cmocka_unit_test(test_quantile_against_reference),
		cmocka_unit_test(test_select_random),
		cmocka_unit_test(test_select_patterns),
		cmocka_unit_test(test_tier_of),
		cmocka_unit_test(test_quadrant_of),
		cmocka_unit_test(test_level_of_grid),
		cmocka_unit_test(test_thresholds_empty),
		cmocka_unit_test(test_spec_init),
		cmocka_unit_test(test_plan_one_customer),
		cmocka_unit_test(test_plan_all_equal),
		cmocka_unit_test(test_plan_given_thresholds),
		cmocka_unit_test(test_plan_pins),
		cmocka_unit_test(test_basis),
		cmocka_unit_test(test_plan_other_bases),
		cmocka_unit_test(test_sample_thresholds),
		cmocka_unit_test(test_sample_levels_yaml),
		cmocka_unit_test(test_sample_levels_json),
		cmocka_unit_test(test_quantile_extreme_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
