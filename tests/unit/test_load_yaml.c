/*
 * test_load_yaml.c - the YAML loader and the field rules (schema.c), all
 * through fl_portfolio_load_mem / fl_portfolio_load.  Positions are checked
 * against columns found in the document text by the test itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "load_check.h"

#define Y FL_INPUT_YAML

/* A one-customer document with `field` spliced into a flow mapping. */
static char *one(const char *fields)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_addf(&b, "customers:\n  - {id: a, %s}\n", fields);
	return fl_buf_detach(&b);
}

/* ---- what a valid customer becomes ---------------------------------- */

static void test_aggregate_fields(void **state)
{
	(void)state;
	const char *doc =
		"portfolio: \"Helio\"\n"
		"currency: EUR\n"
		"period: 2026-Q3\n"
		"customers:\n"
		"  - id: C01\n"
		"    name: \"Nordstadt Hospital\"\n"
		"    segment: hospital\n"
		"    revenue: 116204.60\n"
		"    cost: 80181.20\n"
		"    orders: 14\n"
		"  - id: C12\n"
		"    revenue: 903.40\n"
		"    cost: 776.90\n";
	loaded r;
	expect_ok(&r, doc, Y);
	assert_string_equal(r.p->name, "Helio");
	assert_string_equal(r.p->currency, "EUR");
	assert_string_equal(r.p->period, "2026-Q3");
	assert_int_equal(r.p->count, 2);
	assert_int_equal(r.p->skipped, 0);
	const fl_customer *c = &r.p->customers[0];
	assert_string_equal(c->id, "C01");
	assert_string_equal(c->name, "Nordstadt Hospital");
	assert_string_equal(c->segment, "hospital");
	assert_string_equal(fl_customer_reason(c), "");
	assert_true(c->revenue == 116204.60);
	assert_true(c->cost == 80181.20);
	assert_int_equal(c->orders, 14);
	assert_int_equal(c->pin, FL_LEVEL_NONE);
	assert_int_equal(c->form, FL_FORM_AGGREGATE);
	assert_int_equal(c->line, 5);
	assert_int_equal(c->index, 0);
	c = &r.p->customers[1];
	/* Defaults: name is the id, segment and reason "", orders 1. */
	assert_string_equal(c->id, "C12");
	assert_string_equal(c->name, "C12");
	assert_string_equal(c->segment, "");
	assert_string_equal(fl_customer_reason(c), "");
	assert_int_equal(c->orders, 1);
	assert_int_equal(c->line, 11);
	assert_int_equal(c->index, 1);
	loaded_free(&r);
}

static void test_absent_top_level_texts(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n  - {id: a, revenue: 1, cost: 1}\n", Y);
	assert_string_equal(r.p->name, "");
	assert_string_equal(r.p->currency, "");
	assert_string_equal(r.p->period, "");
	loaded_free(&r);
	expect_ok(&r, "portfolio: ~\ncurrency:\ncustomers:\n"
	              "  - {id: a, revenue: 1, cost: 1}\n", Y);
	assert_string_equal(r.p->name, "");
	assert_string_equal(r.p->currency, "");
	loaded_free(&r);
	const char *doc = "portfolio: [a]\ncustomers: []\n";
	expect_error(doc, Y, 1, col_of(doc, 1, "["), "portfolio",
	             "expected text, found a sequence");
}

static void test_detailed_sums_in_input_order(void **state)
{
	(void)state;
	/* (0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1 in doubles: the order of
	 * the list decides the last bit. */
	const char *doc =
		"customers:\n"
		"  - id: up\n"
		"    orders:\n"
		"      - {value: 0.1, cost: 0.3, date: \"2026-07-01\"}\n"
		"      - value: 0.2\n"
		"        cost: 0.2\n"
		"        date: 2026-07-02\n"
		"      - {value: 0.3, cost: 0.1, date: 2026-07-03}\n"
		"  - id: down\n"
		"    orders: [{value: 0.3, cost: 0.1}, {value: 0.2, cost: 0.2},"
		" {value: 0.1, cost: 0.3}]\n"
		"  - id: none\n"
		"    orders: []\n";
	loaded r;
	expect_ok(&r, doc, Y);
	assert_int_equal(r.p->count, 3);
	const fl_customer *up = &r.p->customers[0], *down = &r.p->customers[1];
	double a = 0.0, b = 0.0;
	a += 0.1; a += 0.2; a += 0.3;
	b += 0.3; b += 0.2; b += 0.1;
	assert_true(a != b);  /* the premise of this test */
	assert_true(up->revenue == a);
	assert_true(up->cost == b);
	assert_true(down->revenue == b);
	assert_true(down->cost == a);
	assert_int_equal(up->orders, 3);
	assert_int_equal(up->form, FL_FORM_DETAILED);
	assert_int_equal(down->form, FL_FORM_DETAILED);
	/* An empty order list: no orders, no revenue. */
	const fl_customer *none = &r.p->customers[2];
	assert_int_equal(none->form, FL_FORM_DETAILED);
	assert_int_equal(none->orders, 0);
	assert_true(none->revenue == 0 && none->cost == 0);
	loaded_free(&r);
}

static void test_id_kept_as_written(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - {id: 007, revenue: 1, cost: 1}\n"
		"  - {id: 1.50, revenue: 1, cost: 1}\n"
		"  - {id: 0x10, revenue: 1, cost: 1}\n"
		"  - {id: 1e3, revenue: 1, cost: 1}\n"
		"  - {id: -0, revenue: 1, cost: 1}\n"
		"  - {id: \"  spaced \", revenue: 1, cost: 1}\n"
		"  - {id: '7', revenue: 1, cost: 1}\n"
		"  - {id: 1000, revenue: 1, cost: 1}\n"
		"  - {id: \"\xC3\xA9t\xC3\xA9\", revenue: 1, cost: 1}\n";
	loaded r;
	expect_ok(&r, doc, Y);
	static const char *const ids[] = { "007", "1.50", "0x10", "1e3", "-0",
		"  spaced ", "7", "1000", "\xC3\xA9t\xC3\xA9" };
	assert_int_equal(r.p->count, 9);
	for (size_t i = 0; i < 9; i++) {
		assert_string_equal(r.p->customers[i].id, ids[i]);
		/* name defaults to the id as written */
		assert_string_equal(r.p->customers[i].name, ids[i]);
	}
	loaded_free(&r);
}

static void test_id_errors(void **state)
{
	(void)state;
	const char *doc = "customers:\n  - revenue: 1\n    cost: 1\n";
	expect_error(doc, Y, 2, 5, "customers[0]", "missing id");

	struct { const char *id, *phrase; } bad[] = {
		{ "\"\"", "the id is empty" },
		{ "null", "found null" },
		{ "~", "found null" },
		{ "[a]", "found a sequence" },
		{ "{x: 1}", "found a mapping" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "customers:\n  - {id: %s, revenue: 1, cost: 1}\n",
		            bad[i].id);
		expect_error(b.buf, Y, 2, col_of(b.buf, 2, bad[i].id),
		             "customers[0].id", bad[i].phrase);
		fl_buf_release(&b);
	}
	/* An empty value is positioned where the value is missing. */
	doc = "customers:\n  - {id: , revenue: 1, cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "id: ") + 4, "customers[0].id",
	             "an empty value");
}

/*
 * Plain true and false are booleans in YAML (1.2 core schema), as true is
 * in JSON: an id refuses them in both formats alike, so `id: true` and
 * `id: "true"` cannot collide.  Quoted or tagged !!str, they are text.
 */
static void test_boolean_id_rejected(void **state)
{
	(void)state;
	static const char *const words[] = {
		"true", "false", "True", "False", "TRUE", "FALSE",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char doc[128], msg[128];
		snprintf(doc, sizeof(doc),
		         "customers:\n  - {id: %s, revenue: 1, cost: 1}\n", words[i]);
		snprintf(msg, sizeof(msg), "expected an id (text or a number), "
		         "found a boolean (%s); quote it to use it as text", words[i]);
		expect_error(doc, Y, 2, col_of(doc, 2, words[i]), "customers[0].id",
		             msg);
		snprintf(doc, sizeof(doc),
		         "customers:\n  - id: %s\n    revenue: 1\n    cost: 1\n",
		         words[i]);
		expect_error(doc, Y, 2, 9, "customers[0].id", msg);
	}
	/* The same words as text; and words that only look alike. */
	loaded r;
	expect_ok(&r, "customers:\n"
	              "  - {id: \"true\", revenue: 1, cost: 1}\n"
	              "  - {id: 'false', revenue: 1, cost: 1}\n"
	              "  - {id: !!str TRUE, revenue: 1, cost: 1}\n"
	              "  - {id: tRuE, revenue: 1, cost: 1}\n"
	              "  - {id: truest, revenue: 1, cost: 1}\n"
	              "  - {id: fals, revenue: 1, cost: 1}\n", Y);
	static const char *const ids[] = {
		"true", "false", "TRUE", "tRuE", "truest", "fals",
	};
	assert_int_equal(r.p->count, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(r.p->customers[i].id, ids[i]);
	loaded_free(&r);
	/* The JSON message is the same. */
	expect_error("{\"customers\": [{\"id\": true, \"revenue\": 1, "
	             "\"cost\": 1}]}", FL_INPUT_JSON, 0, 0, "customers[0].id",
	             "expected an id (text or a number), found a boolean (true); "
	             "quote it to use it as text");
	/* Plain nulls were never ids, and still are not. */
	expect_error("customers:\n  - {id: Null, revenue: 1, cost: 1}\n", Y, 2,
	             10, "customers[0].id", "found null (Null)");
}

static void test_duplicate_id(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - {id: a, revenue: 1, cost: 1}\n"
		"  - {id: b, revenue: 1, cost: 1}\n"
		"  - {id: a, revenue: 2, cost: 1}\n";
	expect_error(doc, Y, 4, col_of(doc, 4, "a,"), "customers[2].id",
	             "duplicate id \"a\" (first at line 2)");
	/* Ids are compared as written: 007 and 7 differ. */
	loaded r;
	expect_ok(&r, "customers:\n  - {id: 007, revenue: 1, cost: 1}\n"
	              "  - {id: 7, revenue: 1, cost: 1}\n", Y);
	assert_int_equal(r.p->count, 2);
	loaded_free(&r);
}

/* check_diag for an error, and the message word for word. */
static void check_exact(const loaded *r, size_t i, unsigned long line,
                        unsigned long col, const char *path, const char *msg)
{
	check_diag(r, i, FL_SEV_ERROR, line, col, path, msg);
	assert_string_equal(r->d.items[i].message, msg);
}

/* Every customer whose id is valid takes part in finding duplicate ids,
 * invalid customers too: every problem of a file is reported at once. */
static void test_duplicate_id_of_invalid(void **state)
{
	(void)state;
	/* The invalid copy first. */
	const char *doc =
		"customers:\n"
		"  - {id: A, revenue: -1, cost: 0}\n"
		"  - {id: A, revenue: 5, cost: 1}\n";
	loaded r;
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 2);
	check_exact(&r, 0, 2, col_of(doc, 2, "-1"), "customers[0].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	check_exact(&r, 1, 3, col_of(doc, 3, "A,"), "customers[1].id",
	            "duplicate id \"A\" (first at line 2)");
	loaded_free(&r);

	/* The valid copy first: the later one's messages by position, the
	 * id before the revenue. */
	doc = "customers:\n"
	      "  - {id: A, revenue: 5, cost: 1}\n"
	      "  - {id: A, revenue: -1, cost: 0}\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 2);
	check_exact(&r, 0, 3, col_of(doc, 3, "A,"), "customers[1].id",
	            "duplicate id \"A\" (first at line 2)");
	check_exact(&r, 1, 3, col_of(doc, 3, "-1"), "customers[1].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	loaded_free(&r);

	/* Both invalid, and a third, valid copy: each later one names the
	 * first.  The second has its id after the revenue, and its
	 * messages follow the file. */
	doc = "customers:\n"
	      "  - {id: A, cost: 0}\n"
	      "  - revenue: x\n"
	      "    id: A\n"
	      "    cost: 0\n"
	      "  - {id: A, revenue: 1, cost: 1}\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 0, 2, 5, "customers[0]", "customer \"A\": missing "
	            "revenue (give revenue and cost, or a list of orders)");
	check_exact(&r, 1, 3, col_of(doc, 3, "x"), "customers[1].revenue",
	            "customer \"A\": expected a number >= 0, found \"x\"");
	check_exact(&r, 2, 4, col_of(doc, 4, "A"), "customers[1].id",
	            "duplicate id \"A\" (first at line 2)");
	check_exact(&r, 3, 6, col_of(doc, 6, "A,"), "customers[2].id",
	            "duplicate id \"A\" (first at line 2)");
	loaded_free(&r);

	/* A customer whose id is itself invalid has no id to repeat. */
	doc = "customers:\n"
	      "  - {id: \"\", revenue: 1, cost: 1}\n"
	      "  - {id: \"\", revenue: 1, cost: 1}\n"
	      "  - {revenue: 1, cost: 1}\n"
	      "  - {revenue: 1, cost: 1}\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 1, 3, col_of(doc, 3, "\""), "customers[1].id",
	            "the id is empty");
	check_exact(&r, 3, 5, 5, "customers[3]", "missing id");
	loaded_free(&r);

	/* skip_invalid leaves out every copy but a valid first one. */
	doc = "customers:\n"
	      "  - {id: A, revenue: -1, cost: 0}\n"
	      "  - {id: B, revenue: 2, cost: 1}\n"
	      "  - {id: A, revenue: 5, cost: 1}\n"
	      "  - {id: B, revenue: 3}\n";
	load_len(&r, doc, strlen(doc), Y, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 1);
	assert_int_equal(r.p->skipped, 3);
	assert_string_equal(r.p->customers[0].id, "B");
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 0, 2, col_of(doc, 2, "-1"), "customers[0].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	check_exact(&r, 1, 4, col_of(doc, 4, "A,"), "customers[2].id",
	            "duplicate id \"A\" (first at line 2)");
	check_exact(&r, 2, 5, 5, "customers[3]",
	            "customer \"B\": missing cost (required with revenue)");
	check_exact(&r, 3, 5, col_of(doc, 5, "B,"), "customers[3].id",
	            "duplicate id \"B\" (first at line 3)");
	loaded_free(&r);
}

/* Many ids on either side: the sets grow and still find every copy. */
static void test_duplicate_id_of_invalid_many(void **state)
{
	(void)state;
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "customers:\n");
	for (int i = 0; i < 2000; i++) {
		fl_buf_addf(&b, "  - {id: v%d, revenue: 1, cost: 1}\n", i);
		fl_buf_addf(&b, "  - {id: b%d, revenue: -1, cost: 0}\n", i);
	}
	/* Customer 2i is at line 2i + 2, customer 2i + 1 at line 2i + 3. */
	fl_buf_adds(&b, "  - {id: b1500, revenue: 1, cost: 1}\n"
	                "  - {id: v1500, cost: 1}\n");
	loaded r;
	load_len(&r, b.buf, b.len, Y, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 2000);
	assert_int_equal(r.p->skipped, 2002);
	assert_int_equal(r.d.errors, 2003);
	check_exact(&r, 2000, 4002, 10, "customers[4000].id",
	            "duplicate id \"b1500\" (first at line 3003)");
	check_exact(&r, 2001, 4003, 5, "customers[4001]", "customer \"v1500\": "
	            "missing revenue (give revenue and cost, or a list of "
	            "orders)");
	check_exact(&r, 2002, 4003, 10, "customers[4001].id",
	            "duplicate id \"v1500\" (first at line 3002)");
	loaded_free(&r);
	fl_buf_release(&b);
}

static void test_text_fields(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - {id: a, name: , segment: ~, reason: null, revenue: 1, cost: 1}\n"
		"  - {id: b, name: 12, segment: \"s, t\", reason: \"why\", revenue: 1,"
		" cost: 1, level: Proactive}\n";
	loaded r;
	expect_ok(&r, doc, Y);
	/* null or empty text is absent: the defaults apply. */
	assert_string_equal(r.p->customers[0].name, "a");
	assert_string_equal(r.p->customers[0].segment, "");
	assert_string_equal(fl_customer_reason(&r.p->customers[0]), "");
	assert_string_equal(r.p->customers[1].name, "12");
	assert_string_equal(r.p->customers[1].segment, "s, t");
	assert_string_equal(fl_customer_reason(&r.p->customers[1]), "why");
	assert_int_equal(r.p->customers[1].pin, FL_LEVEL_PROACTIVE);
	loaded_free(&r);

	char *d = one("name: [x], revenue: 1, cost: 1");
	expect_error(d, Y, 2, col_of(d, 2, "[x]"), "customers[0].name",
	             "expected text, found a sequence");
	free(d);
	d = one("segment: {a: 1}, revenue: 1, cost: 1");
	expect_error(d, Y, 2, col_of(d, 2, "{a"), "customers[0].segment",
	             "expected text, found a mapping");
	free(d);
	d = one("revenue: 1, cost: 1, level: gold");
	expect_error(d, Y, 2, col_of(d, 2, "gold"), "customers[0].level",
	             "unknown level \"gold\"");
	free(d);
	d = one("revenue: 1, cost: 1, name: \"a\\0b\"");
	expect_error(d, Y, 2, col_of(d, 2, "\"a"), "customers[0].name",
	             "NUL");
	free(d);
}

/* ---- numbers -------------------------------------------------------- */

static void test_numbers_accepted(void **state)
{
	(void)state;
	struct { const char *text; double v; } ok[] = {
		{ "12", 12 }, { "4.5", 4.5 }, { "1e3", 1000 }, { ".5", 0.5 },
		{ "5.", 5 }, { "+2", 2 }, { "-0", 0 }, { "\"12.5\"", 12.5 },
		{ "'1e3'", 1000 }, { "!!str 7", 7 }, { "0", 0 },
		{ "\"0.10\"", 0.1 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "revenue: %s, cost: %s", ok[i].text, ok[i].text);
		char *d = one(b.buf);
		loaded r;
		expect_ok(&r, d, Y);
		if (r.p->customers[0].revenue != ok[i].v ||
		    r.p->customers[0].cost != ok[i].v)
			fail_msg("%s read as %g", ok[i].text,
			         r.p->customers[0].revenue);
		loaded_free(&r);
		free(d);
		fl_buf_release(&b);
	}
}

static void test_numbers_rejected(void **state)
{
	(void)state;
	/* The number grammar: anything but sign, digits, fraction, exponent. */
	static const char *const bad[] = {
		"NaN", "nan", ".nan", "inf", ".inf", "-.inf", "0x10", "1_000",
		"12k", "\"12,50\"", "1e", "e5", "\"-\"", "\" 1\"", "\"1 \"",
		"\"\"", "0o17", "\"1,5\"", "\"NaN\"", "'12 EUR'", "1/2",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "customers:\n  - {id: a, cost: 1, revenue: %s}\n",
		            bad[i]);
		expect_error(b.buf, Y, 2, col_of(b.buf, 2, bad[i]),
		             "customers[0].revenue", "expected a number >= 0");
		fl_buf_release(&b);
	}
	/* Too large for a double. */
	const char *doc = "customers:\n  - {id: a, cost: 1, revenue: 1e309}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "1e309"), "customers[0].revenue",
	             "number out of range");
	doc = "customers:\n  - {id: a, revenue: 1, cost: \"-1e400\"}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "\"-1e400"), "customers[0].cost",
	             "out of range");
}

static void test_negative_values(void **state)
{
	(void)state;
	const char *doc = "customers:\n  - {id: a, revenue: -1, cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "-1"), "customers[0].revenue",
	             "expected a number >= 0, found -1");
	doc = "customers:\n  - {id: a, revenue: 1, cost: -0.5}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "-0.5"), "customers[0].cost",
	             "expected a number >= 0");
	doc = "customers:\n  - {id: a, revenue: 1, cost: 1, orders: -1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "-1}"), "customers[0].orders",
	             "expected a whole number >= 0");
	doc = "customers:\n  - id: a\n    orders:\n      - {value: -5, cost: 1}\n";
	expect_error(doc, Y, 4, col_of(doc, 4, "-5"),
	             "customers[0].orders[0].value", "expected a number >= 0");
	/* The error names the customer. */
	doc = "customers:\n  - {id: Z9, revenue: -1, cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "-1"), "customers[0].revenue",
	             "customer \"Z9\": expected");
}

static void test_booleans_and_null(void **state)
{
	(void)state;
	struct { const char *v, *phrase; } bad[] = {
		{ "true", "found a boolean (true)" },
		{ "false", "found a boolean" },
		{ "yes", "found a boolean (yes)" },
		{ "off", "found a boolean" },
		{ "null", "found null" },
		{ "~", "found null" },
		{ "[1]", "found a sequence" },
		{ "{v: 1}", "found a mapping" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "customers:\n  - {id: a, cost: 1, revenue: %s}\n",
		            bad[i].v);
		expect_error(b.buf, Y, 2, col_of(b.buf, 2, bad[i].v),
		             "customers[0].revenue", bad[i].phrase);
		fl_buf_release(&b);
	}
	/* An empty value is positioned where the value is missing: just
	 * after the colon. */
	const char *doc = "customers:\n  - id: a\n    revenue:\n    cost: 1\n";
	expect_error(doc, Y, 3, 13, "customers[0].revenue", "an empty value");
	/* A quoted "true" is a string, and not a number either. */
	doc = "customers:\n  - {id: a, cost: 1, revenue: \"true\"}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "\"true"), "customers[0].revenue",
	             "expected a number >= 0");
}

static void test_orders_count(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "customers:\n"
	              "  - {id: a, revenue: 0, cost: 5, orders: 0}\n"
	              "  - {id: b, revenue: 1, cost: 1, orders: \"3\"}\n"
	              "  - {id: c, revenue: 1, cost: 1, orders: 1e2}\n"
	              "  - {id: d, revenue: 1, cost: 1, orders: ~}\n"
	              "  - {id: e, revenue: 1, cost: 1, orders: 9007199254740991}\n",
	          Y);
	assert_int_equal(r.p->customers[0].orders, 0);
	assert_true(r.p->customers[0].revenue == 0);
	assert_int_equal(r.p->customers[1].orders, 3);
	assert_int_equal(r.p->customers[2].orders, 100);
	assert_int_equal(r.p->customers[3].orders, 1);  /* null: the default */
	assert_int_equal(r.p->customers[4].orders, 9007199254740991ULL);
	loaded_free(&r);

	const char *doc = "customers:\n  - {id: a, revenue: 5, cost: 1, orders: 0}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "0}"), "customers[0].orders",
	             "orders is 0 but revenue is 5.00");
	doc = "customers:\n  - {id: a, revenue: 5, cost: 1, orders: 1.5}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "1.5"), "customers[0].orders",
	             "expected a whole number >= 0, found 1.5");
	doc = "customers:\n  - {id: a, revenue: 5, cost: 1, orders: 1e20}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "1e20"), "customers[0].orders",
	             "whole number");
	doc = "customers:\n  - id: a\n    revenue: 5\n    cost: 1\n"
	      "    orders: {value: 1, cost: 1}\n";
	expect_error(doc, Y, 5, col_of(doc, 5, "{"), "customers[0].orders",
	             "found a mapping");
}

/*
 * A whole number is whole as written, not as rounded: 2^53 + 1 reads as the
 * double 2^53, and from 2^52 on a half reads as a whole double.  So whole
 * numbers stop at 2^53 - 1, and near it the text decides.
 */
static void test_orders_near_2_53(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"9007199254740991", "9.007199254740991e15", "4503599627370497",
		"4503599627370496.0", "45035996273704970e-1", "4503599627370496.000",
		"0.4503599627370497e16", "000004503599627370497",
	};
	static const uint64_t want[] = {
		9007199254740991ULL, 9007199254740991ULL, 4503599627370497ULL,
		4503599627370496ULL, 4503599627370497ULL, 4503599627370496ULL,
		4503599627370497ULL, 4503599627370497ULL,
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char doc[128];
		snprintf(doc, sizeof(doc), "customers:\n"
		         "  - {id: a, revenue: 1, cost: 1, orders: %s}\n", ok[i]);
		loaded r;
		expect_ok(&r, doc, Y);
		if (r.p->customers[0].orders != want[i])
			fail_msg("%s read as %llu", ok[i],
			         (unsigned long long)r.p->customers[0].orders);
		loaded_free(&r);
	}
	static const char *const range[] = {
		"9007199254740992", "9007199254740993", "9.007199254740993e15",
		"1e16", "\"9007199254740993\"",
	};
	for (size_t i = 0; i < sizeof(range) / sizeof(range[0]); i++) {
		char doc[128], msg[160];
		snprintf(doc, sizeof(doc), "customers:\n"
		         "  - {id: a, revenue: 1, cost: 1, orders: %s}\n", range[i]);
		snprintf(msg, sizeof(msg), "customer \"a\": number out of range: "
		         "expected a whole number >= 0 up to 9007199254740991 "
		         "(2^53 - 1), found %s", range[i]);
		expect_error(doc, Y, 2, col_of(doc, 2, range[i]),
		             "customers[0].orders", msg);
	}
	static const char *const frac[] = {
		"4503599627370496.5", "4.5035996273704965e15", "9007199254740990.7",
		"45035996273704965e-1", "0.45035996273704965e16",
		"4503599627370496.5000",
	};
	for (size_t i = 0; i < sizeof(frac) / sizeof(frac[0]); i++) {
		char doc[128], msg[160];
		snprintf(doc, sizeof(doc), "customers:\n"
		         "  - {id: a, revenue: 1, cost: 1, orders: %s}\n", frac[i]);
		snprintf(msg, sizeof(msg), "customer \"a\": expected a whole "
		         "number >= 0, found %s", frac[i]);
		expect_error(doc, Y, 2, col_of(doc, 2, frac[i]),
		             "customers[0].orders", msg);
	}
}

static void test_revenue_with_order_list(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - id: a\n"
		"    revenue: 5\n"
		"    orders:\n"
		"      - {value: 5, cost: 1}\n";
	expect_error(doc, Y, 3, 14, "customers[0].revenue", "ambiguous");
	doc = "customers:\n"
	      "  - id: a\n"
	      "    orders:\n"
	      "      - {value: 5, cost: 1}\n"
	      "    cost: 1\n";
	expect_error(doc, Y, 5, 11, "customers[0].cost", "ambiguous");
}

static void test_missing_amounts(void **state)
{
	(void)state;
	const char *doc = "customers:\n  - {id: a, revenue: 1}\n";
	expect_error(doc, Y, 2, 5, "customers[0]", "missing cost");
	doc = "customers:\n  - {id: a, cost: 1}\n";
	expect_error(doc, Y, 2, 5, "customers[0]", "missing revenue");
	doc = "customers:\n  - id: a\n    name: x\n";
	expect_error(doc, Y, 2, 5, "customers[0]", "missing revenue");
}

static void test_order_list_errors(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - id: a\n"
		"    orders:\n"
		"      - 5\n"
		"      - {cost: 1}\n"
		"      - {value: 1}\n"
		"      - {value: x, cost: 1, date: [1]}\n";
	loaded r;
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 5);
	check_diag(&r, 0, FL_SEV_ERROR, 4, 9, "customers[0].orders[0]",
	           "expected an order mapping");
	check_diag(&r, 1, FL_SEV_ERROR, 5, 9, "customers[0].orders[1].value",
	           "order without value");
	check_diag(&r, 2, FL_SEV_ERROR, 6, 9, "customers[0].orders[2].cost",
	           "order without cost");
	check_diag(&r, 3, FL_SEV_ERROR, 7, col_of(doc, 7, "x,"),
	           "customers[0].orders[3].value", "expected a number >= 0");
	check_diag(&r, 4, FL_SEV_ERROR, 7, col_of(doc, 7, "[1]"),
	           "customers[0].orders[3].date", "expected text");
	loaded_free(&r);
}

static void test_errors_in_file_order(void **state)
{
	(void)state;
	/* Fields are checked id first, but messages follow the file. */
	const char *doc =
		"customers:\n"
		"  - cost: -1\n"
		"    revenue: x\n"
		"    id: a\n"
		"    level: gold\n";
	loaded r;
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 3);
	check_diag(&r, 0, FL_SEV_ERROR, 2, 11, "customers[0].cost", "-1");
	check_diag(&r, 1, FL_SEV_ERROR, 3, 14, "customers[0].revenue", "\"x\"");
	check_diag(&r, 2, FL_SEV_ERROR, 5, 12, "customers[0].level", "gold");
	loaded_free(&r);
}

static void test_overflowing_arithmetic(void **state)
{
	(void)state;
	const char *doc = "customers:\n  - {id: a, revenue: 1e-300, cost: 1e300}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "1e300"), "customers[0].cost",
	             "the margin percent overflows a double");
	doc = "customers:\n  - id: a\n"
	      "    orders: [{value: 1e308, cost: 0}, {value: 1e308, cost: 0}]\n";
	expect_error(doc, Y, 3, col_of(doc, 3, "["), "customers[0].orders",
	             "the sum of the orders overflows a double");
	/* Large but finite is fine. */
	loaded r;
	expect_ok(&r, "customers:\n  - {id: a, revenue: 1e300, cost: 1e-300}\n", Y);
	assert_true(r.p->customers[0].revenue == 1e300);
	loaded_free(&r);
}

/* ---- keys ----------------------------------------------------------- */

static void test_duplicate_keys(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - id: a\n"
		"    revenue: 1\n"
		"    cost: 1\n"
		"    revenue: 2\n";
	loaded r;
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 1);
	assert_int_equal(r.d.items[0].line, 5);
	assert_string_equal(r.d.items[0].path, "customers[0]");
	assert_non_null(strstr(r.d.items[0].message, "duplicate key \"revenue\""));
	loaded_free(&r);

	doc = "customers:\n"
	      "  - id: b\n"
	      "    orders:\n"
	      "      - {value: 1, cost: 1}\n"
	      "      - {value: 1, cost: 1, value: 2}\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 1);
	assert_int_equal(r.d.items[0].line, 5);
	assert_string_equal(r.d.items[0].path, "customers[0].orders[1]");
	assert_non_null(strstr(r.d.items[0].message, "duplicate key \"value\""));
	loaded_free(&r);

	/* Inside the value of an unknown key, which is ignored unread, a
	 * repeated key is not looked at; the unknown key itself is. */
	doc = "customers:\n  - id: a\n    revenue: 1\n    cost: 1\n"
	      "    extra: {k: 1, k: 2}\n";
	expect_ok(&r, doc, Y);
	loaded_free(&r);
	doc = "customers:\n  - id: a\n    revenue: 1\n    cost: 1\n"
	      "    extra: {k: 1}\n    extra: 2\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 1);
	assert_int_equal(r.d.items[0].line, 6);
	assert_string_equal(r.d.items[0].path, "customers[0]");
	assert_non_null(strstr(r.d.items[0].message, "duplicate key \"extra\""));
	loaded_free(&r);

	doc = "portfolio: a\ncustomers: []\nportfolio: b\n";
	expect_error(doc, Y, 3, 1, "", "duplicate key \"portfolio\"");
	doc = "customers:\n  - {id: a, revenue: 1, cost: 1}\ncustomers: []\n";
	load_str(&r, doc, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, r.d.count - 1, FL_SEV_ERROR, 3, 1, "",
	           "duplicate key \"customers\"");
	loaded_free(&r);
}

static void test_unknown_keys(void **state)
{
	(void)state;
	const char *doc =
		"extra: 1\n"
		"customers:\n"
		"  - {id: a, revenue: 1, cost: 1, colour: red}\n"
		"  - id: b\n"
		"    orders: [{value: 1, cost: 1, qty: 2}]\n";
	/* Ignored by default. */
	loaded r;
	expect_ok(&r, doc, Y);
	assert_int_equal(r.p->count, 2);
	loaded_free(&r);
	/* Errors with --strict. */
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 3);
	assert_int_equal(r.d.items[0].line, 1);
	assert_string_equal(r.d.items[0].path, "");
	assert_non_null(strstr(r.d.items[0].message, "unknown key \"extra\""));
	assert_int_equal(r.d.items[1].line, 3);
	assert_string_equal(r.d.items[1].path, "customers[0]");
	assert_non_null(strstr(r.d.items[1].message, "unknown key \"colour\""));
	assert_non_null(strstr(r.d.items[1].message, "customer \"a\""));
	assert_int_equal(r.d.items[2].line, 5);
	assert_string_equal(r.d.items[2].path, "customers[1].orders[0]");
	assert_non_null(strstr(r.d.items[2].message, "unknown key \"qty\""));
	loaded_free(&r);
	/* --strict accepts every documented key. */
	doc = "portfolio: p\ncurrency: c\nperiod: q\ncustomers:\n"
	      "  - {id: a, name: n, segment: s, revenue: 1, cost: 1, orders: 1,"
	      " level: basic, reason: r}\n"
	      "  - {id: b, orders: [{value: 1, cost: 1, date: 2026-07-01}]}\n";
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.d.count, 0);
	loaded_free(&r);
}

/* ---- skip_invalid, empty portfolios --------------------------------- */

/*
 * Errors about a key (unknown with --strict, repeated) point at the key,
 * not at its value: in customers, orders, nested data and at the top
 * level alike, in flow and block style.
 */
static void test_key_errors_at_key(void **state)
{
	(void)state;
	const char *doc = "customers:\n  - {id: a, revenue: 1, cost: 1, colour: red}\n";
	loaded r;
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 2, col_of(doc, 2, "colour"),
	           "customers[0]", "unknown key \"colour\"");
	loaded_free(&r);
	/* The value on a later line than its key. */
	doc = "extra:\n  a: 1\ncustomers:\n  - id: a\n    revenue: 1\n"
	      "    cost: 1\n    colour:\n      - red\n"
	      "    orders_note:\n      x: 1\n";
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 3);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "unknown key \"extra\"");
	check_diag(&r, 1, FL_SEV_ERROR, 7, 5, "customers[0]",
	           "unknown key \"colour\"");
	check_diag(&r, 2, FL_SEV_ERROR, 9, 5, "customers[0]",
	           "unknown key \"orders_note\"");
	loaded_free(&r);
	doc = "customers:\n  - id: a\n    orders:\n"
	      "      - {value: 1, cost: 1, qty:   2}\n";
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 4, col_of(doc, 4, "qty"),
	           "customers[0].orders[0]", "unknown key \"qty\"");
	loaded_free(&r);

	doc = "customers:\n  - id: a\n    revenue: 1\n    cost: 1\n    revenue: 2\n";
	expect_error(doc, Y, 5, 5, "customers[0]", "duplicate key \"revenue\"");
	doc = "customers:\n  - {id: a, revenue: 1, cost: 1, revenue:   2}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "revenue:   2"), "customers[0]",
	             "duplicate key \"revenue\"");
	doc = "customers:\n  - id: a\n    orders:\n"
	      "      - {value: 1, cost: 1, value: 2}\n";
	expect_error(doc, Y, 4, col_of(doc, 4, "value: 2"),
	             "customers[0].orders[0]", "duplicate key \"value\"");
	doc = "customers:\n  - id: a\n    revenue: 1\n    cost: 1\n"
	      "    extra:\n      k: 1\n    extra:\n        - 2\n";
	expect_error(doc, Y, 7, 5, "customers[0]", "duplicate key \"extra\"");
	/* An empty value: the key is where it was, the value just after the
	 * colon; the top level is the same. */
	doc = "customers:\n  - id: a\n    revenue: 1\n    cost: 1\n    cost:\n";
	expect_error(doc, Y, 5, 5, "customers[0]", "duplicate key \"cost\"");
	doc = "portfolio: a\ncustomers: []\nportfolio:\n  b\n";
	expect_error(doc, Y, 3, 1, "", "duplicate key \"portfolio\"");
	doc = "portfolio:\n  - a\ncustomers: []\n";
	expect_error(doc, Y, 2, 3, "portfolio", "expected text, found a sequence");
	/* Several in one customer come in file order. */
	doc = "customers:\n  - {id: a, zz: 1, revenue: -1, cost: 1, revenue: 2}\n";
	load_len(&r, doc, strlen(doc), Y, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 3);
	check_diag(&r, 0, FL_SEV_ERROR, 2, col_of(doc, 2, "zz"), "customers[0]",
	           "unknown key \"zz\"");
	check_diag(&r, 1, FL_SEV_ERROR, 2, col_of(doc, 2, "-1"),
	           "customers[0].revenue", "found -1");
	check_diag(&r, 2, FL_SEV_ERROR, 2, col_of(doc, 2, "revenue: 2"),
	           "customers[0]", "duplicate key \"revenue\"");
	loaded_free(&r);
}

static void test_skip_invalid(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - {id: a, revenue: 1, cost: 1}\n"
		"  - {id: b, revenue: x, cost: 1}\n"
		"  - {id: c, revenue: 2, cost: 1}\n"
		"  - {id: a, revenue: 3, cost: 1}\n"
		"  - 42\n";
	loaded r;
	load_len(&r, doc, strlen(doc), Y, false, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	loaded_free(&r);
	load_len(&r, doc, strlen(doc), Y, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 2);
	assert_int_equal(r.p->skipped, 3);
	assert_string_equal(r.p->customers[0].id, "a");
	assert_string_equal(r.p->customers[1].id, "c");
	/* index is the position in the input, skipped ones included */
	assert_int_equal(r.p->customers[1].index, 2);
	assert_true(r.p->customers[1].revenue == 2);
	assert_int_equal(r.d.errors, 3);
	check_diag(&r, 0, FL_SEV_ERROR, 3, col_of(doc, 3, "x,"),
	           "customers[1].revenue", "expected a number");
	check_diag(&r, 1, FL_SEV_ERROR, 5, col_of(doc, 5, "a,"),
	           "customers[3].id", "duplicate id \"a\"");
	check_diag(&r, 2, FL_SEV_ERROR, 6, 5, "customers[4]",
	           "expected a customer mapping");
	loaded_free(&r);
	/* Every customer invalid: refused, not an empty plan that a cron job
	 * would not notice; the last error says why. */
	doc = "customers:\n  - {id: a}\n";
	load_len(&r, doc, strlen(doc), Y, false, true);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_null(r.p);
	assert_int_equal(r.d.errors, 2);
	check_diag(&r, 1, FL_SEV_ERROR, 0, 0, "",
	           "no valid customer left: all 1 customer is invalid");
	loaded_free(&r);
}

/* Load doc with skip_invalid and the --max-invalid given (percent: PCT%),
 * keeping at most `limit` errors; returns the status. */
static fl_status load_max(loaded *r, const char *doc, bool percent,
                          double max, size_t limit)
{
	fl_load_options o = { .format = Y, .skip_invalid = true,
	                      .max_invalid_set = true,
	                      .max_invalid_percent = percent,
	                      .max_invalid = max };
	fl_diags_init(&r->d, limit);
	r->p = NULL;
	r->st = fl_portfolio_load_mem(doc, strlen(doc), NULL, &o, &r->p, &r->d);
	assert_true((r->st == FL_OK) == (r->p != NULL));
	return r->st;
}

static void test_max_invalid(void **state)
{
	(void)state;
	/* 2 of 5 customers invalid: 40%. */
	const char *doc =
		"customers:\n"
		"  - {id: a, revenue: 1, cost: 1}\n"
		"  - {id: b, revenue: x, cost: 1}\n"
		"  - {id: c, revenue: 2, cost: 1}\n"
		"  - {id: d, revenue: -1, cost: 1}\n"
		"  - {id: e, revenue: 2, cost: 1}\n";
	loaded r;
	/* Up to the limit: kept; "more than" is strict. */
	assert_int_equal(load_max(&r, doc, false, 2, 0), FL_OK);
	assert_int_equal(r.p->count, 3);
	loaded_free(&r);
	assert_int_equal(load_max(&r, doc, true, 40, 0), FL_OK);
	loaded_free(&r);
	/* Past it: refused, with the numbers. */
	assert_int_equal(load_max(&r, doc, false, 1, 0), FL_ERR_INPUT);
	check_diag(&r, 2, FL_SEV_ERROR, 0, 0, "", "too many invalid customers: "
	           "2 of 5, more than --max-invalid 1 allows");
	loaded_free(&r);
	assert_int_equal(load_max(&r, doc, true, 39.9, 0), FL_ERR_INPUT);
	check_diag(&r, 2, FL_SEV_ERROR, 0, 0, "", "too many invalid customers: "
	           "2 of 5 (40.00%), more than --max-invalid 39.9% allows");
	loaded_free(&r);
	/* The reason is kept when the list is full of customers' errors. */
	assert_int_equal(load_max(&r, doc, false, 0, 1), FL_ERR_INPUT);
	assert_int_equal(r.d.count, 2);
	assert_int_equal(r.d.dropped, 1);
	check_diag(&r, 1, FL_SEV_ERROR, 0, 0, "", "too many invalid customers");
	loaded_free(&r);
}

static void test_empty_customers_warning(void **state)
{
	(void)state;
	loaded r;
	load_str(&r, "portfolio: P\ncustomers: []\n", Y);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 0);
	assert_string_equal(r.p->name, "P");
	assert_int_equal(r.d.errors, 0);
	assert_int_equal(r.d.count, 1);
	assert_int_equal(r.d.items[0].severity, FL_SEV_WARNING);
	assert_non_null(strstr(r.d.items[0].message, "no customers"));
	loaded_free(&r);
}

/* ---- the document as a whole ---------------------------------------- */

static void test_document_errors(void **state)
{
	(void)state;
	expect_error("", Y, 0, 0, "", "the input is empty");
	expect_error("\n\n   \n", Y, 0, 0, "", "the input is empty");
	expect_error("# only a comment\n", Y, 0, 0, "", "the input is empty");
	expect_error("portfolio: x\ncurrency: EUR\n", Y, 1, 1, "",
	             "no customers");
	expect_error("hello\n", Y, 1, 1, "", "found a scalar");
	expect_error("customers:\n", Y, 1, 11, "",
	             "customers must be a sequence");
	expect_error("customers: {a: 1}\n", Y, 1, 12, "",
	             "customers must be a sequence of customers, found a mapping");
	expect_error("customers: []\n---\ncustomers: []\n", Y, 2, 1, "",
	             "more than one YAML document");
	const char *doc = "customers:\n  - &c {id: a, revenue: 1, cost: 1}\n"
	                  "  - *c\n";
	expect_error(doc, Y, 3, 5, "", "aliases are not supported");
	doc = "customers:\n  - {id: a, revenue: &r 1, cost: *r}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "*r"), "",
	             "aliases are not supported");
	/* Explicit document markers around one document are fine. */
	loaded r;
	expect_ok(&r, "---\ncustomers:\n  - {id: a, revenue: 1, cost: 1}\n...\n", Y);
	assert_int_equal(r.p->customers[0].line, 3);
	loaded_free(&r);
	expect_error("--- \ncustomers: []\n...\n---\n", Y, 4, 1, "",
	             "more than one YAML document");
	/* Nesting is bounded. */
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "customers:\n  - {id: a, revenue: 1, cost: 1, x: ");
	for (int i = 0; i < 70; i++)
		fl_buf_addc(&b, '[');
	fl_buf_addc(&b, '1');
	for (int i = 0; i < 70; i++)
		fl_buf_addc(&b, ']');
	fl_buf_adds(&b, "}\n");
	load_str(&r, b.buf, Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	/* Top mapping 1, customers 2, the customer 3: the 62nd '[' is the
	 * 65th level. */
	check_diag(&r, 0, FL_SEV_ERROR, 2, col_of(b.buf, 2, "[") + 61, "",
	           "nesting deeper than 64 levels");
	loaded_free(&r);
	fl_buf_release(&b);
	doc = "customers:\n  - {[a]: 1, id: a, revenue: 1, cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "[a]"), "",
	             "mapping key must be a plain text");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("customers:\n  - {id: a, revenue: 1, cost: 1\n", Y, 3, 1,
	             "", "YAML syntax error");
	expect_error("customers:\n\t- {id: a, revenue: 1, cost: 1}\n", Y, 2, 1,
	             "", "a tab");
	/* A bad indent: the customer parsed so far is checked too; the
	 * syntax error comes last, at the stray key. */
	loaded r;
	load_str(&r, "customers:\n  - id: a\n   revenue: 1\n", Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, r.d.count - 1, FL_SEV_ERROR, 3, 4, "",
	           "YAML syntax error");
	loaded_free(&r);
}

static void test_top_level_sequence(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "- {id: a, revenue: 1, cost: 1}\n"
	              "- id: b\n  revenue: 2\n  cost: 1\n", Y);
	assert_int_equal(r.p->count, 2);
	assert_string_equal(r.p->customers[1].id, "b");
	assert_int_equal(r.p->customers[1].line, 2);
	assert_string_equal(r.p->name, "");
	loaded_free(&r);
	/* Errors in it have the same paths. */
	const char *doc = "- {id: a, revenue: 1, cost: 1}\n"
	                  "- {id: b, revenue: -2, cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "-2"), "customers[1].revenue",
	             "expected a number >= 0");
}

static void test_encodings(void **state)
{
	(void)state;
	loaded r;
	/* A UTF-8 byte-order mark is skipped; lines still count from it. */
	expect_ok(&r, "\xEF\xBB\xBF" "customers:\n  - {id: a, revenue: 1, cost: 1}\n",
	          Y);
	assert_int_equal(r.p->count, 1);
	assert_string_equal(r.p->customers[0].id, "a");
	assert_int_equal(r.p->customers[0].line, 2);
	loaded_free(&r);
	/* UTF-16 (either byte order, with or without a mark) is refused. */
	static const char le[] = "\xFF\xFE" "c\0u\0s\0t\0";
	static const char be[] = "\xFE\xFF" "\0c\0u\0s\0t";
	static const char nobom[] = "c\0u\0s\0t\0o\0m\0";
	const char *docs[] = { le, be, nobom };
	size_t lens[] = { sizeof(le) - 1, sizeof(be) - 1, sizeof(nobom) - 1 };
	for (int i = 0; i < 3; i++) {
		load_len(&r, docs[i], lens[i], Y, false, false);
		assert_int_equal(r.st, FL_ERR_INPUT);
		check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "UTF-16");
		loaded_free(&r);
	}
	/* Invalid UTF-8 is an input error, placed at the bad byte
	 * ("  - {id: \"a" is 11 characters). */
	load_str(&r, "customers:\n  - {id: \"a\xFF\", revenue: 1, cost: 1}\n", Y);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 1);
	check_diag(&r, 0, FL_SEV_ERROR, 2, 12, "", "UTF-8");
	loaded_free(&r);
	/* Columns count characters, not bytes. */
	const char *doc = "customers:\n  - {name: \"\xC3\xBC\xC3\xBC\", id: a, revenue: x,"
	                  " cost: 1}\n";
	expect_error(doc, Y, 2, col_of(doc, 2, "x,"), "customers[0].revenue",
	             "expected a number");
	assert_int_equal(col_of(doc, 2, "x,"), 34);  /* 36 in bytes */
	/* CRLF line ends. */
	doc = "customers:\r\n  - id: a\r\n    revenue: x\r\n    cost: 1\r\n";
	expect_error(doc, Y, 3, 14, "customers[0].revenue", "expected a number");
}

static void test_diag_limit(void **state)
{
	(void)state;
	const char *doc =
		"customers:\n"
		"  - {id: a, revenue: x, cost: 1}\n"
		"  - {id: b, revenue: x, cost: 1}\n"
		"  - {id: c, revenue: x, cost: 1}\n"
		"  - {id: d, revenue: x, cost: 1}\n";
	fl_diags d;
	fl_diags_init(&d, 2);
	fl_portfolio *p = NULL;
	fl_load_options o = { .format = Y };
	assert_int_equal(fl_portfolio_load_mem(doc, strlen(doc), NULL, &o, &p, &d),
	                 FL_ERR_INPUT);
	assert_null(p);
	assert_int_equal(d.errors, 4);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.dropped, 2);
	assert_string_equal(d.items[1].path, "customers[1].revenue");
	fl_diags_release(&d);
}

static void test_format_detection(void **state)
{
	(void)state;
	assert_int_equal(fl_input_format_from_name("a.yaml"), FL_INPUT_YAML);
	assert_int_equal(fl_input_format_from_name("a.YML"), FL_INPUT_YAML);
	assert_int_equal(fl_input_format_from_name("dir/a.json"), FL_INPUT_JSON);
	assert_int_equal(fl_input_format_from_name("a.txt"), FL_INPUT_AUTO);
	assert_int_equal(fl_input_format_from_name("x.json/a"), FL_INPUT_AUTO);
	assert_int_equal(fl_input_format_from_name(NULL), FL_INPUT_AUTO);
	fl_input_format f;
	assert_true(fl_input_format_parse("yaml", &f));
	assert_int_equal(f, FL_INPUT_YAML);
	assert_false(fl_input_format_parse("YAML", &f));
	/* AUTO without a name: YAML unless it starts with { or [. */
	const char *doc = "customers:\n  - {id: a, revenue: -1, cost: 1}\n";
	loaded r;
	load_len(&r, doc, strlen(doc), FL_INPUT_AUTO, false, false);
	check_diag(&r, 0, FL_SEV_ERROR, 2, 22, "customers[0].revenue", "");
	loaded_free(&r);
	/* The name's extension wins over the content. */
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	fl_load_options o = { .format = FL_INPUT_AUTO };
	const char *json = "{\"customers\": [{\"id\": \"a\", \"revenue\": -1, \"cost\": 1}]}";
	assert_int_equal(fl_portfolio_load_mem(json, strlen(json), "x.json", &o,
	                                       &p, &d), FL_ERR_INPUT);
	assert_int_equal(d.items[0].line, 0);  /* JSON: a path, no line */
	assert_string_equal(d.items[0].path, "customers[0].revenue");
	fl_diags_release(&d);
}

/* ---- through a FILE, and larger than the read window ---------------- */

static void test_file_equals_mem_small(void **state)
{
	(void)state;
	FILE *fp = fopen(FL_SOURCE_DIR "/data/sample.yaml", "rb");
	assert_non_null(fp);
	char *buf = malloc(1 << 20);
	size_t len = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	loaded a, b, c;
	load_len(&a, buf, len, Y, false, false);
	assert_int_equal(a.st, FL_OK);
	assert_int_equal(a.p->count, 12);
	load_file_len(&b, buf, len, Y, false, false, false);
	load_file_len(&c, buf, len, Y, false, false, true);
	assert_same_load(&a, &b);
	assert_same_load(&a, &c);
	loaded_free(&a);
	loaded_free(&b);
	loaded_free(&c);
	free(buf);
	/* And an error document. */
	const char *doc = "customers:\n  - {id: a, revenue: x, cost: 1}\n";
	load_len(&a, doc, strlen(doc), Y, false, false);
	load_file_len(&b, doc, strlen(doc), Y, false, false, false);
	assert_int_equal(a.st, FL_ERR_INPUT);
	assert_same_load(&a, &b);
	loaded_free(&a);
	loaded_free(&b);
}

/* 20000 customers (about 2.5 MB), both forms, one very long name, and
 * optionally an error at the very end. */
static char *big_doc(size_t *len, bool error_at_end)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "portfolio: big\ncurrency: EUR\ncustomers:\n");
	for (int i = 0; i < 20000; i++) {
		unsigned r = (unsigned)i * 2654435761u % 10000000u;
		if (i % 3 == 0) {
			fl_buf_addf(&b, "  - id: c%05d\n    name: \"Customer %d, with a "
			            "name\"\n    segment: seg%d\n    revenue: %u.%02u\n"
			            "    cost: %u.%02u\n    orders: %d\n", i, i, i % 7,
			            r, i % 100, r / 2, (i * 7) % 100, 1 + i % 50);
		} else {
			fl_buf_addf(&b, "  - id: c%05d\n    orders:\n      - {value: %u.%02u,"
			            " cost: %u.5, date: \"2026-01-01\"}\n"
			            "      - value: 1.25\n        cost: 0.75\n"
			            "        date: \"2026-01-02\"\n", i, r,
			            i % 100, r / 3);
		}
		if (i == 10000) {
			/* A name longer than the reader's first window. */
			fl_buf_adds(&b, "    reason: \"");
			for (int k = 0; k < 400000; k++)
				fl_buf_addc(&b, (char)('a' + k % 26));
			fl_buf_adds(&b, "\"\n");
		}
	}
	if (error_at_end)
		fl_buf_adds(&b, "  - id: bad\n    revenue: 1\n    cost: oops\n");
	assert_false(b.oom);
	*len = b.len;
	return fl_buf_detach(&b);
}

static void test_file_equals_mem_large(void **state)
{
	(void)state;
	size_t len;
	char *doc = big_doc(&len, false);
	assert_true(len > (size_t)2 << 20);
	loaded a, b;
	load_len(&a, doc, len, Y, false, false);
	assert_int_equal(a.st, FL_OK);
	assert_int_equal(a.p->count, 20000);
	assert_string_equal(a.p->customers[19999].id, "c19999");
	assert_int_equal(strlen(fl_customer_reason(&a.p->customers[10000])), 400000);
	char first[32];
	snprintf(first, sizeof(first), "%u.02", 2 * 2654435761u % 10000000u);
	assert_true(a.p->customers[2].revenue ==
	            (0.0 + strtod(first, NULL)) + 1.25);
	snprintf(first, sizeof(first), "%u.5", 2 * 2654435761u % 10000000u / 3);
	assert_true(a.p->customers[2].cost == (0.0 + strtod(first, NULL)) + 0.75);
	/* fmemopen here, a real temporary file for the error case below. */
	load_file_len(&b, doc, len, Y, false, false, false);
	assert_same_load(&a, &b);
	loaded_free(&a);
	loaded_free(&b);
	free(doc);

	/* An error after 2.5 MB: the same line and column either way. */
	doc = big_doc(&len, true);
	load_len(&a, doc, len, Y, false, false);
	load_file_len(&b, doc, len, Y, false, false, true);
	assert_int_equal(a.st, FL_ERR_INPUT);
	assert_int_equal(a.d.count, 1);
	unsigned long lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += doc[i] == '\n';
	check_diag(&a, 0, FL_SEV_ERROR, lines, 11, "customers[20000].cost",
	           "found \"oops\"");
	assert_same_load(&a, &b);
	loaded_free(&a);
	loaded_free(&b);
	free(doc);
}

/* A diagnostics list reused for a second load: the errors of the first do
 * not fail the second. */
static void test_diags_reused(void **state)
{
	(void)state;
	fl_diags d;
	fl_diags_init(&d, 20);
	fl_portfolio *p = NULL;
	const char *bad = "customers:\n  - {id: a, revenue: -1, cost: 0}\n";
	const char *good = "customers:\n  - {id: a, revenue: 1, cost: 0}\n";
	assert_int_equal(fl_portfolio_load_mem(bad, strlen(bad), NULL, NULL, &p,
	                                       &d), FL_ERR_INPUT);
	assert_null(p);
	assert_int_equal(fl_portfolio_load_mem(good, strlen(good), NULL, NULL,
	                                       &p, &d), FL_OK);
	assert_non_null(p);
	assert_int_equal(p->count, 1);
	fl_portfolio_free(p);
	fl_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate_fields),
		cmocka_unit_test(test_absent_top_level_texts),
		cmocka_unit_test(test_detailed_sums_in_input_order),
		cmocka_unit_test(test_id_kept_as_written),
		cmocka_unit_test(test_id_errors),
		cmocka_unit_test(test_boolean_id_rejected),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_duplicate_id_of_invalid),
		cmocka_unit_test(test_duplicate_id_of_invalid_many),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_numbers_accepted),
		cmocka_unit_test(test_numbers_rejected),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_booleans_and_null),
		cmocka_unit_test(test_orders_count),
		cmocka_unit_test(test_orders_near_2_53),
		cmocka_unit_test(test_revenue_with_order_list),
		cmocka_unit_test(test_missing_amounts),
		cmocka_unit_test(test_order_list_errors),
		cmocka_unit_test(test_errors_in_file_order),
		cmocka_unit_test(test_overflowing_arithmetic),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_key_errors_at_key),
		cmocka_unit_test(test_skip_invalid),
		cmocka_unit_test(test_max_invalid),
		cmocka_unit_test(test_empty_customers_warning),
		cmocka_unit_test(test_document_errors),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_top_level_sequence),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_diag_limit),
		cmocka_unit_test(test_format_detection),
		cmocka_unit_test(test_file_equals_mem_small),
		cmocka_unit_test(test_file_equals_mem_large),
		cmocka_unit_test(test_diags_reused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
