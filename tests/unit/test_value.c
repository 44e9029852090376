/*
 * test_value.c - the customer value of a plan (model.h: fl_plan.valued,
 * fl_plan_value_of; src/model/value.c): the fits the plan keeps are the
 * engine's own fits (clv.h) over the histories the test builds from the
 * customers itself, and each customer's figures are the engine's
 * functions of them.  The engine is checked against scipy/mpmath
 * elsewhere (test_clv.c, clv-ref, clv-assign); here, the wiring.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "load_check.h"

/* 2026-12-31, days since 1970-01-01 (Python: (date(2026, 12, 31) -
 * date(1970, 1, 1)).days). */
#define AS_OF 20818L

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + *len, 1, cap - *len, f);
		if (got == 0)
			break;
		*len += got;
	}
	fclose(f);
	return buf;
}

static void load_value(loaded *r)
{
	size_t len;
	char *doc = read_all(FL_SOURCE_DIR "/tests/cli/inputs/value.json", &len);
	load_len(r, doc, len, FL_INPUT_JSON, false, false);
	free(doc);
	assert_int_equal(r->st, FL_OK);
	assert_int_equal(r->p->dated, 41);
}

static fl_status plan_of(const fl_portfolio *p, long as_of, unsigned months,
                         double d, fl_plan *plan)
{
	fl_plan_spec s;
	fl_plan_spec_init(&s);
	assert_int_equal(s.horizon_months, 12);
	assert_true(s.discount_rate == 0.10);
	s.as_of = as_of;
	s.horizon_months = months;
	s.discount_rate = d;
	s.value = true;
	return fl_plan_compute(p, &s, plan);
}

/* The histories of the dated customers, built here from the customers'
 * fields (x, last - first, as_of - first, mbar). */
static size_t histories(const fl_portfolio *p, fl_clv_customer *h)
{
	size_t n = 0;
	for (size_t i = 0; i < p->count; i++) {
		const fl_customer *c = &p->customers[i];
		if (!fl_customer_dated(c))
			continue;
		h[n].x = (double)fl_customer_repeat(c);
		h[n].t_x = (double)c->last_day - c->first_day;
		h[n].T = (double)(AS_OF - c->first_day);
		h[n].mbar = c->mbar;
		n++;
	}
	return n;
}

static void same(double a, double b, const char *what)
{
	if (!(a == b) && !(isnan(a) && isnan(b)))
		fail_msg("%s: %.17g, expected %.17g", what, a, b);
}

/* Month days as the engine's clv.c counts them. */
#define M (365.0 / 12)

static void check_plan(const fl_portfolio *p, unsigned months, double d)
{
	fl_plan plan;
	assert_int_equal(plan_of(p, AS_OF, months, d, &plan), FL_OK);
	assert_true(plan.valued);
	assert_true(plan.spend);
	fl_clv_customer h[64];
	size_t n = histories(p, h);
	assert_int_equal(n, 41);
	fl_bgnbd bg;
	fl_gamma_gamma gg;
	assert_int_equal(fl_bgnbd_fit(h, n, &bg), FL_OK);
	assert_int_equal(fl_gamma_gamma_fit(h, n, &gg), FL_OK);
	/* The same fits, bit for bit (the fit is deterministic). */
	same(plan.bgnbd.r, bg.r, "r");
	same(plan.bgnbd.alpha, bg.alpha, "alpha");
	same(plan.bgnbd.a, bg.a, "a");
	same(plan.bgnbd.b, bg.b, "b");
	same(plan.bgnbd.log_likelihood, bg.log_likelihood, "ll");
	assert_int_equal(plan.bgnbd.customers, 41);
	same(plan.gamma_gamma.p, gg.p, "p");
	same(plan.gamma_gamma.q, gg.q, "q");
	same(plan.gamma_gamma.gamma, gg.gamma, "gamma");
	/* The customers with x >= 1 and mbar > 0, as the engine counts
	 * them. */
	assert_int_equal(plan.gamma_gamma.customers, gg.customers);
	size_t k = 0;
	for (size_t i = 0; i < p->count; i++) {
		const fl_customer *c = &p->customers[i];
		fl_customer_value v;
		if (!fl_customer_dated(c)) {
			assert_false(fl_plan_value_of(&plan, c, true, &v));
			continue;
		}
		assert_true(fl_plan_value_of(&plan, c, true, &v));
		const fl_clv_customer *e = &h[k++];
		same(v.history.x, e->x, "x");
		same(v.history.t_x, e->t_x, "t_x");
		same(v.history.T, e->T, "T");
		same(v.history.mbar, e->mbar, "mbar");
		same(v.p_alive, fl_bgnbd_p_alive(&bg, e->x, e->t_x, e->T),
		     "p_alive");
		same(v.expected_orders,
		     fl_bgnbd_expected(&bg, e->x, e->t_x, e->T, months * M),
		     "expected_orders");
		same(v.expected_order_value,
		     fl_gamma_gamma_expected(&gg, e->x, e->mbar), "value");
		/* c = contribution / revenue; no cost to serve here. */
		double ratio = c->revenue != 0
		               ? (c->revenue - c->cost) / c->revenue : 0;
		fl_clv_terms t = { months, d, ratio };
		same(v.clv, fl_clv_value(&bg, &gg, e, &t, NULL), "clv");
		assert_true(isfinite(v.clv));
		if (c->revenue == 0)
			same(v.clv, 0, "clv without revenue");
		/* Without clv asked: NaN, the rest the same. */
		fl_customer_value w;
		assert_true(fl_plan_value_of(&plan, c, false, &w));
		assert_true(isnan(w.clv));
		same(w.p_alive, v.p_alive, "p_alive again");
	}
	fl_plan_release(&plan);
	assert_false(plan.valued);
}

static void test_fit_and_figures(void **state)
{
	(void)state;
	loaded r;
	load_value(&r);
	check_plan(r.p, 12, 0.10);
	check_plan(r.p, 24, 0);
	check_plan(r.p, 1, 0.5);
	loaded_free(&r);
}

/* No as-of day, or no dates: nothing fitted, no figures. */
static void test_no_fit(void **state)
{
	(void)state;
	loaded r;
	load_value(&r);
	fl_plan plan;
	assert_int_equal(plan_of(r.p, FL_DAY_NONE, 12, 0.1, &plan), FL_OK);
	assert_false(plan.valued);
	fl_customer_value v;
	assert_false(fl_plan_value_of(&plan, &r.p->customers[0], true, &v));
	fl_plan_release(&plan);
	loaded_free(&r);

	expect_ok(&r, "customers:\n  - {id: A, revenue: 10, cost: 5, "
	          "orders: 2}\n", FL_INPUT_YAML);
	assert_int_equal(plan_of(r.p, AS_OF, 12, 0.1, &plan), FL_OK);
	assert_false(plan.valued);
	assert_false(fl_plan_value_of(&plan, &r.p->customers[0], true, &v));
	fl_plan_release(&plan);
	loaded_free(&r);
}

/* No repeat purchase anywhere: BG/NBD still fitted, no spend fit, the
 * order value and clv NaN (absent in the outputs). */
static void test_no_spend(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	          "  - {id: A, revenue: 10, cost: 5, orders: 1, "
	          "first_order: 2026-03-01, last_order: 2026-03-01}\n"
	          "  - {id: B, revenue: 20, cost: 5, orders: 1, "
	          "first_order: 2026-06-01, last_order: 2026-06-01}\n",
	          FL_INPUT_YAML);
	fl_plan plan;
	assert_int_equal(plan_of(r.p, AS_OF, 12, 0.1, &plan), FL_OK);
	assert_true(plan.valued);
	assert_false(plan.spend);
	fl_customer_value v;
	assert_true(fl_plan_value_of(&plan, &r.p->customers[1], true, &v));
	same(v.p_alive, 1, "p_alive x = 0");
	assert_true(isfinite(v.expected_orders));
	assert_true(isnan(v.expected_order_value));
	assert_true(isnan(v.clv));
	fl_plan_release(&plan);
	loaded_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_and_figures),
		cmocka_unit_test(test_no_fit),
		cmocka_unit_test(test_no_spend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
