/*
 * test_loyalty.c - order dates at load (transactions by day, the
 * aggregate form's first_order/last_order), the loyalty figures and the
 * as-of check (loyalty.h), and what they cost per customer.
 *
 * Day counts were computed independently with Python's datetime:
 * (date.fromisoformat(s) - date(1970, 1, 1)).days.  The transactions and
 * mbar were worked out by hand from the rule of docs/model.md ("Loyalty
 * figures"): the orders of one day are one transaction, x = transactions
 * - 1, mbar = the later days' values / x.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "load_check.h"
#include "util/buf.h"

#define J FL_INPUT_JSON
#define Y FL_INPUT_YAML

enum {
	D20251201 = 20423, D20260110 = 20463, D20260201 = 20485,
	D20260305 = 20517, D20260331 = 20543,
};

/* The new state costs 16 bytes: 72 before the dates, 88 with them. */
static void test_size(void **state)
{
	(void)state;
	assert_int_equal(sizeof(fl_customer), 88);
}

/*
 * Out of date order, two orders on 2026-01-10 (5 + 1.5) and two on
 * 2026-03-05 (10 + 20, one of them with a time and a zone), one on
 * 2026-02-01 (7): three transactions, x = 2, mbar = (7 + 30) / 2.
 */
static void check_out_of_order(const loaded *r)
{
	const fl_customer *c = &r->p->customers[0];
	assert_int_equal(c->form, FL_FORM_DETAILED);
	assert_int_equal(c->orders, 5);
	assert_true(c->revenue == 10.0 + 5.0 + 20.0 + 7.0 + 1.5);
	assert_int_equal(c->first_day, D20260110);
	assert_int_equal(c->last_day, D20260305);
	assert_int_equal(c->repeat, 2);
	assert_int_equal(fl_customer_repeat(c), 2);
	assert_true(c->mbar == 18.5);
	assert_int_equal(r->p->dated, 1);
	assert_int_equal(r->p->last_day, D20260305);
}

static void test_by_day_out_of_order(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	          "  - id: A\n"
	          "    orders:\n"
	          "      - {value: 10, cost: 1, date: 2026-03-05}\n"
	          "      - {value: 5, cost: 1, date: \"2026-01-10\"}\n"
	          "      - {value: 20, cost: 1, date: \"2026-03-05T23:30:00-05:00\"}\n"
	          "      - {value: 7, cost: 1, date: 2026-02-01 08:15}\n"
	          "      - {value: 1.5, cost: 1, date: 2026-01-10}\n", Y);
	check_out_of_order(&r);
	loaded_free(&r);
	expect_ok(&r, "{\"customers\": [{\"id\": \"A\", \"orders\": ["
	          "{\"value\": 10, \"cost\": 1, \"date\": \"2026-03-05\"},"
	          "{\"value\": 5, \"cost\": 1, \"date\": \"2026-01-10\"},"
	          "{\"value\": 20, \"cost\": 1, \"date\": \"2026-03-05 09:00\"},"
	          "{\"value\": 7, \"cost\": 1, \"date\": \"2026-02-01\"},"
	          "{\"value\": 1.5, \"cost\": 1, \"date\": \"2026-01-10\"}]}]}",
	          J);
	check_out_of_order(&r);
	loaded_free(&r);
}

/* In date order (no sort); every order on one day (x = 0, mbar 0); one
 * order; an empty list (no dates). */
static void test_by_day_simple(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	          "  - {id: S, orders: [{value: 1, cost: 0, date: 2025-12-01},"
	          " {value: 2, cost: 0, date: 2026-01-10},"
	          " {value: 4, cost: 0, date: 2026-01-10},"
	          " {value: 8, cost: 0, date: 2026-03-31}]}\n"
	          "  - {id: O, orders: [{value: 3, cost: 0, date: 2026-02-01},"
	          " {value: 4, cost: 0, date: 2026-02-01T10:00}]}\n"
	          "  - {id: N, orders: [{value: 3, cost: 0, date: 2026-03-05}]}\n"
	          "  - {id: E, orders: []}\n"
	          "  - {id: U, orders: [{value: 3, cost: 0}]}\n", Y);
	const fl_customer *c = r.p->customers;
	assert_int_equal(c[0].first_day, D20251201);
	assert_int_equal(c[0].last_day, D20260331);
	assert_int_equal(c[0].repeat, 2);
	assert_true(c[0].mbar == (2.0 + 4.0 + 8.0) / 2.0);
	assert_int_equal(c[1].first_day, D20260201);
	assert_int_equal(c[1].last_day, D20260201);
	assert_int_equal(c[1].repeat, 0);
	assert_true(c[1].mbar == 0);
	assert_int_equal(c[2].first_day, D20260305);
	assert_int_equal(c[2].repeat, 0);
	for (int i = 3; i < 5; i++) {
		assert_false(fl_customer_dated(&c[i]));
		assert_int_equal(c[i].first_day, FL_DAY_NONE);
		assert_int_equal(c[i].last_day, FL_DAY_NONE);
	}
	assert_int_equal(r.p->dated, 3);
	assert_int_equal(r.p->last_day, D20260331);
	loaded_free(&r);
}

/* More orders than the insertion sort takes (qsort): 40 orders over the
 * days 1..10 of January 2026 in a scrambled order, value k on day
 * 1 + (7k mod 10); ten transactions, the first day's values (k with
 * 7k mod 10 = 0: 0, 10, 20, 30) left out of mbar. */
static void test_by_day_many(void **state)
{
	(void)state;
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "{\"customers\": [{\"id\": \"M\", \"orders\": [");
	double rest = 0;
	for (int k = 0; k < 40; k++) {
		int day = 1 + (7 * k) % 10;
		fl_buf_addf(&b, "%s{\"value\": %d, \"cost\": 0, \"date\": "
		            "\"2026-01-%02d\"}", k ? "," : "", k, day);
		if (day != 1)
			rest += k;
	}
	fl_buf_adds(&b, "]}]}");
	loaded r;
	expect_ok(&r, b.buf, J);
	const fl_customer *c = &r.p->customers[0];
	assert_int_equal(c->first_day, D20260110 - 9);
	assert_int_equal(c->last_day, D20260110);
	assert_int_equal(c->repeat, 9);
	assert_true(c->mbar == rest / 9);
	loaded_free(&r);
	fl_buf_release(&b);
}

/* The aggregate form: x = n - 1, mbar = R / n. */
static void test_aggregate(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	          "  - {id: A, revenue: 100, cost: 60, orders: 5,"
	          " first_order: 2025-12-01, last_order: \"2026-03-31\"}\n"
	          "  - {id: B, revenue: 9, cost: 6, first_order: 2026-02-01,"
	          " last_order: 2026-02-01T17:00}\n"
	          "  - {id: C, revenue: 9, cost: 6, orders: 3,"
	          " first_order: null, last_order: null}\n", Y);
	const fl_customer *c = r.p->customers;
	assert_int_equal(c[0].first_day, D20251201);
	assert_int_equal(c[0].last_day, D20260331);
	assert_int_equal(fl_customer_repeat(&c[0]), 4);
	assert_true(c[0].mbar == 20.0);
	/* orders absent: one order. */
	assert_int_equal(c[1].first_day, D20260201);
	assert_int_equal(fl_customer_repeat(&c[1]), 0);
	assert_true(c[1].mbar == 9.0);
	assert_false(fl_customer_dated(&c[2]));
	assert_int_equal(r.p->dated, 2);
	loaded_free(&r);
}

static void test_date_errors(void **state)
{
	(void)state;
	expect_error("customers:\n  - {id: A, orders: [{value: 1, cost: 1,"
	             " date: 2026-7-1}]}\n", Y, 2, 48,
	             "customers[0].orders[0].date", "customer \"A\": expected "
	             "a date YYYY-MM-DD (a time may follow after T or a space: "
	             "2026-07-01T09:30), found \"2026-7-1\"");
	expect_error("customers:\n  - {id: A, orders: [{value: 1, cost: 1,"
	             " date: 2023-02-29}]}\n", Y, 2, 48,
	             "customers[0].orders[0].date", "expected a date "
	             "YYYY-MM-DD, found \"2023-02-29\": no such day");
	expect_error("{\"customers\": [{\"id\": \"A\", \"orders\": [{\"value\": 1,"
	             " \"cost\": 1, \"date\": \"01/07/2026\"}]}]}", J, 0, 0,
	             "customers[0].orders[0].date", "customer \"A\": expected "
	             "a date YYYY-MM-DD");
	/* Every order a date, or none. */
	expect_error("customers:\n  - id: A\n    orders:\n"
	             "      - {value: 1, cost: 1, date: 2026-01-10}\n"
	             "      - {value: 1, cost: 1}\n"
	             "      - {value: 1, cost: 1, date: 2026-01-11}\n", Y, 5, 9,
	             "customers[0].orders[1]", "order without date, but 2 "
	             "other orders of the customer have one");
	expect_error("customers:\n  - {id: A, revenue: 1, cost: 1, orders: 2,"
	             " first_order: 2026-01-10}\n", Y, 2, 58,
	             "customers[0].first_order", "first_order without "
	             "last_order: give both, or neither");
	expect_error("customers:\n  - {id: A, revenue: 1, cost: 1, orders: 2,"
	             " last_order: 2026-01-10}\n", Y, 2, 57,
	             "customers[0].last_order", "last_order without "
	             "first_order");
	expect_error("customers:\n  - {id: A, revenue: 1, cost: 1, orders: 2,"
	             " first_order: 2026-02-01, last_order: 2026-01-10}\n", Y, 2,
	             82, "customers[0].last_order", "last_order 2026-01-10 is "
	             "before first_order 2026-02-01");
	expect_error("customers:\n  - {id: A, revenue: 0, cost: 0, orders: 0,"
	             " first_order: 2026-01-10, last_order: 2026-01-10}\n", Y, 2,
	             42, "customers[0].orders", "orders is 0 but first_order "
	             "and last_order are given");
	expect_error("customers:\n  - {id: A, revenue: 1, cost: 1,"
	             " first_order: 2026-01-10, last_order: 2026-02-01}\n", Y, 2,
	             71, "customers[0].last_order", "first_order 2026-01-10 and "
	             "last_order 2026-02-01 differ, but the customer has 1 "
	             "order");
	expect_error("customers:\n  - {id: A, first_order: 2026-01-10,"
	             " orders: [{value: 1, cost: 1, date: 2026-01-10}]}\n", Y, 2,
	             26, "customers[0].first_order", "first_order together "
	             "with an orders list is ambiguous");
	expect_error("customers:\n  - {id: A, revenue: 1, cost: 1, orders: 2,"
	             " first_order: 2026-01-10, last_order: 2026-02-30}\n", Y, 2,
	             82, "customers[0].last_order", "no such day");
}

static void test_figures_and_as_of(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	          "  - {id: A, revenue: 100, cost: 60, orders: 5,"
	          " first_order: 2025-12-01, last_order: 2026-03-05}\n"
	          "  - id: B\n"
	          "    orders:\n"
	          "      - {value: 5, cost: 1, date: 2026-01-10}\n"
	          "      - {value: 5, cost: 1, date: 2026-03-31}\n"
	          "  - {id: C, revenue: 1, cost: 1}\n", Y);
	fl_loyalty l;
	assert_true(fl_loyalty_of(&r.p->customers[0], D20260331, &l));
	assert_int_equal(l.first, D20251201);
	assert_int_equal(l.last, D20260305);
	assert_int_equal(l.recency, 26);        /* 2026-03-05 .. 03-31 */
	assert_int_equal(l.tenure, 120);        /* 2025-12-01 .. 03-31 */
	assert_int_equal(l.t_x, 94);
	assert_int_equal(l.x, 4);
	assert_true(fl_loyalty_of(&r.p->customers[1], D20260331, &l));
	assert_int_equal(l.recency, 0);
	assert_int_equal(l.x, 1);
	assert_false(fl_loyalty_of(&r.p->customers[2], D20260331, &l));
	assert_false(fl_loyalty_of(&r.p->customers[0], FL_DAY_NONE, &l));

	fl_diags d;
	fl_diags_init(&d, 0);
	assert_int_equal(fl_loyalty_check(r.p, D20260331, &d), FL_OK);
	assert_int_equal(fl_loyalty_check(r.p, FL_DAY_NONE, &d), FL_OK);
	assert_int_equal(d.count, 0);
	/* The day before B's last order: B only; before A's, both. */
	assert_int_equal(fl_loyalty_check(r.p, D20260331 - 1, &d),
	                 FL_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].path, "customers[1].orders");
	assert_string_equal(d.items[0].message, "customer \"B\": an order dated "
	                    "2026-03-31 is after the as-of date 2026-03-30");
	fl_diags_release(&d);
	assert_int_equal(fl_loyalty_check(r.p, D20260305 - 1, &d),
	                 FL_ERR_INPUT);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].path, "customers[0].last_order");
	assert_string_equal(d.items[0].message, "customer \"A\": last_order "
	                    "2026-03-05 is after the as-of date 2026-03-04");
	fl_diags_release(&d);
	loaded_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_by_day_out_of_order),
		cmocka_unit_test(test_by_day_simple),
		cmocka_unit_test(test_by_day_many),
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_date_errors),
		cmocka_unit_test(test_figures_and_as_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
