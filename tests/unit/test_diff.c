/*
 * test_diff.c - the comparison of two runs (diff.c) and its writer
 * (report_diff.c): matching by id, every kind of change, the counts and
 * the migration matrix, duplicate ids, currencies, reading an assign JSON
 * output (detection, every field rule, paths, positions), and a round trip
 * through fl_assign_write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cJSON.h>

#include "plan_with.h"
#include <focuslevel/focuslevel.h>
#include <focuslevel/diff.h>

/* ---- hand-built sides ---------------------------------------------- */

#define E(id, lv, q) { id, id, 10.0, 100.0, 0, FL_LEVEL_##lv, FL_QUADRANT_##q }

static fl_diff_side side_of(fl_diff_entry *e, size_t n, const char *cur)
{
	fl_diff_side s;
	memset(&s, 0, sizeof(s));
	s.name = s.period = "";
	s.currency = cur;
	s.entries = e;
	s.count = n;
	for (size_t i = 0; i < n; i++)
		e[i].index = (uint32_t)i;
	return s;
}

static void test_change_names(void **state)
{
	(void)state;
	assert_string_equal(fl_change_name(FL_CHANGE_SAME), "same");
	assert_string_equal(fl_change_name(FL_CHANGE_UP), "up");
	assert_string_equal(fl_change_name(FL_CHANGE_DOWN), "down");
	assert_string_equal(fl_change_name(FL_CHANGE_NEW), "new");
	assert_string_equal(fl_change_name(FL_CHANGE_GONE), "gone");
	assert_null(fl_change_name((fl_change)5));
}

static void test_every_change(void **state)
{
	(void)state;
	fl_diff_entry o[] = {
		E("a", BASIC, DOG), E("b", PARTNERSHIP, STAR),
		E("c", REACTIVE, DOG), E("gone1", PROACTIVE, STAR),
		E("d", ACCOUNTABLE, CASH_COW), E("gone2", BASIC, DOG),
	};
	fl_diff_entry n[] = {
		E("new1", ACCOUNTABLE, QUESTION_MARK), E("d", ACCOUNTABLE, STAR),
		E("c", REACTIVE, DOG), E("b", REACTIVE, CASH_COW),
		E("a", PARTNERSHIP, STAR),
	};
	fl_diff_side so = side_of(o, 6, "EUR"), sn = side_of(n, 5, "EUR");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_OK);
	assert_int_equal(diags.count, 0);
	assert_false(d.currency_differs);
	/* NEW's order, then the gone ones in OLD's order. */
	assert_int_equal(d.count, 7);
	const char *ids[] = { "new1", "d", "c", "b", "a", "gone1", "gone2" };
	fl_change ch[] = { FL_CHANGE_NEW, FL_CHANGE_SAME, FL_CHANGE_SAME,
	                   FL_CHANGE_DOWN, FL_CHANGE_UP, FL_CHANGE_GONE,
	                   FL_CHANGE_GONE };
	int steps[] = { 0, 0, 0, -3, 4, 0, 0 };
	for (size_t i = 0; i < 7; i++) {
		const fl_diff_row *r = &d.rows[i];
		const fl_diff_entry *e = r->cur != NULL ? r->cur : r->old;
		assert_string_equal(e->id, ids[i]);
		assert_int_equal(r->change, ch[i]);
		assert_int_equal(r->steps, steps[i]);
		assert_true((r->old == NULL) == (ch[i] == FL_CHANGE_NEW));
		assert_true((r->cur == NULL) == (ch[i] == FL_CHANGE_GONE));
	}
	/* The row points at the entries themselves. */
	assert_ptr_equal(d.rows[3].old, &o[1]);
	assert_ptr_equal(d.rows[3].cur, &n[3]);
	assert_int_equal(d.up, 1);
	assert_int_equal(d.down, 1);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.gone, 2);
	assert_int_equal(d.same, 2);
	assert_true(fl_diff_changed(&d));
	size_t want[6][6] = { { 0 } };
	want[FL_DIFF_ABSENT][FL_LEVEL_ACCOUNTABLE] = 1;
	want[FL_LEVEL_ACCOUNTABLE][FL_LEVEL_ACCOUNTABLE] = 1;
	want[FL_LEVEL_REACTIVE][FL_LEVEL_REACTIVE] = 1;
	want[FL_LEVEL_PARTNERSHIP][FL_LEVEL_REACTIVE] = 1;
	want[FL_LEVEL_BASIC][FL_LEVEL_PARTNERSHIP] = 1;
	want[FL_LEVEL_PROACTIVE][FL_DIFF_ABSENT] = 1;
	want[FL_LEVEL_BASIC][FL_DIFF_ABSENT] = 1;
	assert_memory_equal(d.migration, want, sizeof(want));
	fl_diff_release(&d);
	assert_null(d.rows);
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

static void test_nothing_changed(void **state)
{
	(void)state;
	fl_diff_entry o[] = { E("x", BASIC, DOG), E("y", PROACTIVE, STAR) };
	/* Same levels in another order, other quadrant: not a change. */
	fl_diff_entry n[] = { E("y", PROACTIVE, CASH_COW), E("x", BASIC, DOG) };
	fl_diff_side so = side_of(o, 2, ""), sn = side_of(n, 2, "USD");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_OK);
	/* One side without a currency: nothing to compare. */
	assert_int_equal(diags.count, 0);
	assert_false(fl_diff_changed(&d));
	assert_int_equal(d.same, 2);
	assert_int_equal(d.migration[FL_LEVEL_PROACTIVE][FL_LEVEL_PROACTIVE], 1);
	fl_diff_release(&d);

	/* Both empty. */
	fl_diff_side e1 = side_of(NULL, 0, ""), e2 = side_of(NULL, 0, "");
	assert_int_equal(fl_diff_compute(&e1, &e2, &d, &diags), FL_OK);
	assert_int_equal(d.count, 0);
	assert_false(fl_diff_changed(&d));
	fl_diff_release(&d);

	/* Everyone new, then everyone gone. */
	assert_int_equal(fl_diff_compute(&e1, &sn, &d, &diags), FL_OK);
	assert_int_equal(d.added, 2);
	assert_true(fl_diff_changed(&d));
	fl_diff_release(&d);
	assert_int_equal(fl_diff_compute(&so, &e2, &d, &diags), FL_OK);
	assert_int_equal(d.gone, 2);
	assert_int_equal(d.rows[0].old, &o[0]);
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

static void test_ids_byte_for_byte(void **state)
{
	(void)state;
	/* "007" and "7", "a" and "A" are different customers. */
	fl_diff_entry o[] = { E("007", BASIC, DOG), E("a", BASIC, DOG) };
	fl_diff_entry n[] = { E("7", BASIC, DOG), E("A", BASIC, DOG) };
	fl_diff_side so = side_of(o, 2, ""), sn = side_of(n, 2, "");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_OK);
	assert_int_equal(d.added, 2);
	assert_int_equal(d.gone, 2);
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

static void test_duplicate_ids(void **state)
{
	(void)state;
	fl_diff_entry o[] = { E("a", BASIC, DOG), E("b", BASIC, DOG),
	                      E("a", BASIC, DOG), E("a", BASIC, DOG) };
	fl_diff_entry n[] = { E("z", BASIC, DOG), E("z", BASIC, DOG) };
	fl_diff_side so = side_of(o, 4, ""), sn = side_of(n, 2, "");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_ERR_INPUT);
	assert_null(d.rows);
	assert_int_equal(d.count, 0);
	assert_int_equal(diags.count, 3);
	assert_string_equal(diags.items[0].message,
	                    "duplicate id \"a\" in OLD (customers[0] and "
	                    "customers[2])");
	assert_string_equal(diags.items[1].message,
	                    "duplicate id \"a\" in OLD (customers[0] and "
	                    "customers[3])");
	assert_string_equal(diags.items[2].message,
	                    "duplicate id \"z\" in NEW (customers[0] and "
	                    "customers[1])");
	fl_diags_release(&diags);
}

static void test_currency_warning(void **state)
{
	(void)state;
	fl_diff_entry o[] = { E("a", BASIC, DOG) };
	fl_diff_entry n[] = { E("a", BASIC, DOG) };
	fl_diff_side so = side_of(o, 1, "EUR"), sn = side_of(n, 1, "USD");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_OK);
	assert_true(d.currency_differs);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].severity, FL_SEV_WARNING);
	assert_non_null(strstr(diags.items[0].message, "EUR"));
	assert_non_null(strstr(diags.items[0].message, "USD"));
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

/* ---- sides from portfolios and from assign outputs ------------------ */

static const char portfolio_yaml[] =
	"portfolio: P\ncurrency: EUR\nperiod: Q1\ncustomers:\n"
	"  - {id: A1, name: Alpha, revenue: 1000, cost: 900, orders: 1}\n"
	"  - {id: A2, revenue: 3000, cost: 2000, orders: 3}\n"
	"  - {id: A3, name: \"=x\", revenue: 400, cost: 300, orders: 1,"
	" level: partnership}\n";

static fl_portfolio *load(const char *text)
{
	fl_load_options lo = { .format = FL_INPUT_YAML };
	fl_portfolio *p = NULL;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_portfolio_load_mem(text, strlen(text), NULL, &lo,
	                                       &p, &diags), FL_OK);
	fl_diags_release(&diags);
	return p;
}

static void fixed_spec(fl_threshold_spec *spec)
{
	fl_threshold_spec_init(spec);
	spec->margin.has_cuts = spec->margin.has_split = true;
	spec->margin.cut_low = 15;
	spec->margin.cut_high = 30;
	spec->margin.split = 20;
	spec->value.has_cuts = spec->value.has_split = true;
	spec->value.cut_low = 500;
	spec->value.cut_high = 2000;
	spec->value.split = 1000;
}

static void test_side_from_plan(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio_yaml);
	fl_threshold_spec spec;
	fixed_spec(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	fl_diff_side *s;
	assert_int_equal(fl_diff_side_from_plan(p, &plan, &s), FL_OK);
	fl_plan_release(&plan);
	fl_portfolio_free(p);    /* the side keeps its own copies */
	assert_int_equal(s->source, FL_DIFF_PORTFOLIO);
	assert_string_equal(s->name, "P");
	assert_string_equal(s->currency, "EUR");
	assert_string_equal(s->period, "Q1");
	assert_int_equal(s->count, 3);
	assert_true(s->thresholds.margin.cut_low == 15);
	/* A1: P 10 low, V 1000 medium: reactive, cash-cow. */
	assert_string_equal(s->entries[0].id, "A1");
	assert_string_equal(s->entries[0].name, "Alpha");
	assert_int_equal(s->entries[0].level, FL_LEVEL_REACTIVE);
	assert_int_equal(s->entries[0].quadrant, FL_QUADRANT_CASH_COW);
	assert_true(s->entries[0].margin_pct == 10);
	assert_true(s->entries[0].order_value == 1000);
	/* A2: P 33.33 high, V 1000 medium: proactive, star; name = id. */
	assert_string_equal(s->entries[1].name, "A2");
	assert_int_equal(s->entries[1].level, FL_LEVEL_PROACTIVE);
	assert_int_equal(s->entries[1].quadrant, FL_QUADRANT_STAR);
	/* A3 pinned: the pin is its level. */
	assert_int_equal(s->entries[2].level, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(s->entries[2].index, 2);
	fl_diff_side_free(s);
	fl_diff_side_free(NULL);
}

/* fl_assign_write's JSON for `text` classified with fixed thresholds. */
static char *assign_json(const char *text, size_t *len)
{
	fl_portfolio *p = load(text);
	fl_threshold_spec spec;
	fixed_spec(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fl_out *o = fl_out_open_fd(fileno(tmp));
	fl_assign_options ao = { .format = FL_FORMAT_JSON };
	assert_int_equal(fl_assign_write(o, p, &plan, &ao), FL_OK);
	assert_int_equal(fl_out_commit(o), 0);
	long n = ftell(tmp);
	if (n <= 0) {
		fseek(tmp, 0, SEEK_END);
		n = ftell(tmp);
	}
	rewind(tmp);
	char *buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, tmp), (size_t)n);
	buf[n] = '\0';
	fclose(tmp);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
	*len = (size_t)n;
	return buf;
}

static void test_detect_assign_output(void **state)
{
	(void)state;
	size_t len;
	char *json = assign_json(portfolio_yaml, &len);
	assert_true(fl_diff_is_assign_output(json, len));
	free(json);
	static const struct { const char *text; bool yes; } cases[] = {
		{ "{\"thresholds\": {}, \"customers\": []}", true },
		{ "  \n{\"thresholds\": 1, \"customers\": [{\"level\": \"basic\","
		  " \"margin_pct\": 1}]}", true },
		/* A portfolio. */
		{ "{\"customers\": [{\"id\": \"a\", \"revenue\": 1, \"cost\": 0}]}",
		  false },
		{ "{\"thresholds\": {}, \"customers\": [{\"id\": \"a\","
		  " \"revenue\": 1, \"level\": \"basic\"}]}", false },
		{ "customers:\n  - {id: a, revenue: 1, cost: 0}\n", false },
		/* The word alone is not the key. */
		{ "{\"customers\": [{\"id\": \"thresholds\", \"level\": \"basic\","
		  " \"margin_pct\": 1}]}", false },
		{ "{\"customers\": [], \"x\": \"thresholds\"}", false },
		{ "{\"customers\": [], \"thresholds", false },
		{ "[{\"thresholds\": {}, \"customers\": []}]", false },
		{ "{\"thresholds\": {}, \"customers\": {}}", false },
		{ "{\"thresholds\": {}, \"customers\": [", false },
		{ "", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(fl_diff_is_assign_output(cases[i].text,
		                                          strlen(cases[i].text)),
		                 cases[i].yes);
}

static void test_read_assign_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *json = assign_json(portfolio_yaml, &len);
	fl_diags diags;
	fl_diags_init(&diags, 0);
	fl_diff_side *s;
	assert_int_equal(fl_diff_side_read_assign(json, len, &s, &diags), FL_OK);
	assert_int_equal(diags.count, 0);
	assert_int_equal(s->source, FL_DIFF_ASSIGN);
	assert_string_equal(s->name, "P");
	assert_string_equal(s->currency, "EUR");
	assert_string_equal(s->period, "Q1");
	assert_int_equal(s->count, 3);
	assert_string_equal(s->entries[2].name, "=x");
	assert_int_equal(s->entries[2].level, FL_LEVEL_PARTNERSHIP);
	assert_int_equal(s->entries[1].level, FL_LEVEL_PROACTIVE);
	assert_int_equal(s->entries[1].quadrant, FL_QUADRANT_STAR);
	/* Figures as written: two decimals. */
	assert_true(s->entries[1].margin_pct == 33.33);
	assert_true(s->entries[1].order_value == 1000);
	const fl_axis *m = &s->thresholds.margin, *v = &s->thresholds.value;
	assert_true(m->cut_low == 15 && m->cut_high == 30 && m->split == 20);
	assert_true(v->cut_low == 500 && v->cut_high == 2000 && v->split == 1000);
	assert_int_equal(m->cuts_source, FL_SOURCE_GIVEN);
	assert_int_equal(v->basis, FL_BASIS_ORDER_VALUE);

	/* Compared with the portfolio it came from: nothing changed. */
	fl_portfolio *p = load(portfolio_yaml);
	fl_threshold_spec spec;
	fixed_spec(&spec);
	fl_plan plan;
	assert_int_equal(plan_with(p, &spec, &plan), FL_OK);
	fl_diff_side *s2;
	assert_int_equal(fl_diff_side_from_plan(p, &plan, &s2), FL_OK);
	fl_diff d;
	assert_int_equal(fl_diff_compute(s, s2, &d, &diags), FL_OK);
	assert_false(fl_diff_changed(&d));
	assert_int_equal(d.same, 3);
	fl_diff_release(&d);
	fl_diff_side_free(s2);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
	fl_diff_side_free(s);
	fl_diags_release(&diags);
	free(json);
}

static const char thresholds_json[] =
	"\"thresholds\": {\"margin\": {\"cuts\": [1, 2], \"split\": 1},"
	" \"value\": {\"cuts\": [1, 2], \"split\": 1}}";

/* Read `customers` (the array's text) with valid thresholds; return the
 * status and leave the messages in diags. */
static fl_status read_with(const char *customers, fl_diags *diags)
{
	char text[2048];
	snprintf(text, sizeof(text), "{%s, \"customers\": %s}", thresholds_json,
	         customers);
	fl_diff_side *s = NULL;
	fl_status st = fl_diff_side_read_assign(text, strlen(text), &s, diags);
	assert_true((st == FL_OK) == (s != NULL));
	fl_diff_side_free(s);
	return st;
}

static void test_read_assign_errors(void **state)
{
	(void)state;
	static const struct {
		const char *customers, *path, *message;
	} cases[] = {
		{ "[{\"level\": \"basic\", \"quadrant\": \"dog\", \"margin_pct\": 1,"
		  " \"order_value\": 1}]", "customers[0]", "missing \"id\"" },
		{ "[{\"id\": 7, \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": 1}]", "customers[0].id",
		  "expected a string" },
		{ "[{\"id\": \"a\", \"level\": \"gold\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": 1}]", "customers[0].level",
		  "unknown level \"gold\" (basic, reactive, accountable, proactive,"
		  " partnership)" },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"cat\","
		  " \"margin_pct\": 1, \"order_value\": 1}]",
		  "customers[0].quadrant", "unknown quadrant \"cat\" (dog,"
		  " question-mark, cash-cow, star)" },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": \"1\", \"order_value\": 1}]",
		  "customers[0].margin_pct", "expected a number" },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1}]", "customers[0]",
		  "missing \"order_value\"" },
		{ "[1]", "customers[0]", "expected a customer object" },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": 1}, {\"id\": \"b\","
		  " \"level\": \"basic\", \"quadrant\": \"dog\", \"margin_pct\": 1,"
		  " \"order_value\": 1}, {\"id\": \"a\", \"level\": \"basic\","
		  " \"quadrant\": \"dog\", \"margin_pct\": 1, \"order_value\": 1}]",
		  "customers[2].id", "duplicate id \"a\" (first at customers[0])" },
		{ "{}", "customers", "expected an array" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fl_diags diags;
		fl_diags_init(&diags, 0);
		assert_int_equal(read_with(cases[i].customers, &diags),
		                 FL_ERR_INPUT);
		assert_int_equal(diags.count, 1);
		assert_string_equal(diags.items[0].path, cases[i].path);
		assert_string_equal(diags.items[0].message, cases[i].message);
		fl_diags_release(&diags);
	}
	/* A level name in any case, as the portfolio's pins. */
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(read_with("[{\"id\": \"a\", \"level\": \"Basic\","
	                           " \"quadrant\": \"dog\", \"margin_pct\": 1,"
	                           " \"order_value\": 1, \"name\": null}]",
	                           &diags), FL_OK);
	/* Every problem is reported, not only the first. */
	assert_int_equal(read_with("[{\"id\": \"a\"}, {\"id\": \"b\","
	                           " \"level\": 1}]", &diags), FL_ERR_INPUT);
	assert_int_equal(diags.count, 8);
	assert_string_equal(diags.items[4].path, "customers[1].level");
	fl_diags_release(&diags);
}

static void test_read_assign_document_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *path, *message;
		unsigned long line, column;
	} cases[] = {
		{ "{\"customers\": []}", "", "missing \"thresholds\"", 0, 0 },
		{ "{\"thresholds\": []}", "", "missing \"customers\"", 0, 0 },
		{ "[]", "", "expected an object (an 'assign -O json' output)", 0, 0 },
		{ "{\"thresholds\": 1, \"customers\": []}", "thresholds",
		  "expected an object", 0, 0 },
		{ "{\"thresholds\": {\"margin\": {\"cuts\": [1], \"split\": 1},"
		  " \"value\": {\"cuts\": [1, 2], \"split\": 1}},"
		  " \"customers\": []}", "thresholds.margin.cuts",
		  "expected two numbers", 0, 0 },
		{ "{\"thresholds\": {\"margin\": {\"cuts\": [1, 2], \"split\": 1,"
		  " \"basis\": \"gold\"}, \"value\": {\"cuts\": [1, 2],"
		  " \"split\": 1}}, \"customers\": []}", "thresholds.margin.basis",
		  "unknown basis \"gold\"", 0, 0 },
		{ "{\"thresholds\": {\"margin\": {\"cuts\": [1, 2], \"split\": 1}},"
		  " \"customers\": []}", "thresholds", "missing \"value\"", 0, 0 },
		{ "{\"portfolio\": 3, \"thresholds\": {\"margin\": {\"cuts\": [1, 2],"
		  " \"split\": 1}, \"value\": {\"cuts\": [1, 2], \"split\": 1}},"
		  " \"customers\": []}", "portfolio", "expected a string", 0, 0 },
		/* Syntax errors: where, not a path, in the words of the JSON
		 * portfolio reader (which reads assign outputs too). */
		{ "{\n  \"thresholds\": {,\n}", "", "JSON syntax error: expected a "
		  "key in double quotes, found ','", 2, 18 },
		{ "", "", "the input is empty: expected an 'assign -O json' output",
		  0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fl_diags diags;
		fl_diags_init(&diags, 0);
		fl_diff_side *s = (fl_diff_side *)&diags;
		assert_int_equal(fl_diff_side_read_assign(cases[i].text,
		                                          strlen(cases[i].text), &s,
		                                          &diags), FL_ERR_INPUT);
		assert_null(s);
		assert_int_equal(diags.count, 1);
		assert_string_equal(diags.items[0].path, cases[i].path);
		assert_string_equal(diags.items[0].message, cases[i].message);
		assert_int_equal(diags.items[0].line, cases[i].line);
		assert_int_equal(diags.items[0].column, cases[i].column);
		fl_diags_release(&diags);
	}
}

/* Hostile values are refused as in a JSON portfolio: by the scanner at
 * line:column (a NUL, invalid UTF-8), or at their path (a number past a
 * double's range, a repeated key). */
static void test_read_assign_hostile(void **state)
{
	(void)state;
	static const struct {
		const char *customers, *path, *message;
		unsigned long line, column;
	} cases[] = {
		/* Not "A", which it would match. */
		{ "[{\"id\": \"A\\u0000evil\", \"level\": \"basic\", \"quadrant\":"
		  " \"dog\", \"margin_pct\": 1, \"order_value\": 1}]", "",
		  "\\u0000 (a NUL character) is not allowed in text", 1, 120 },
		{ "[{\"id\": \"A\xff\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": 1}]", "",
		  "the input is not valid UTF-8: invalid leading UTF-8 octet "
		  "(byte 120)", 1, 120 },
		{ "[{\"id\": \"a\", \"name\": \"x\xc3\", \"level\": \"basic\","
		  " \"quadrant\": \"dog\", \"margin_pct\": 1, \"order_value\": 1}]",
		  "", "the input is not valid UTF-8: invalid trailing UTF-8 "
		  "octet (byte 133)", 1, 133 },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1e999, \"order_value\": 1}]",
		  "customers[0].margin_pct", "number out of range: expected a "
		  "number that fits a double, found 1e999", 0, 0 },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": -1e400}]",
		  "customers[0].order_value", "number out of range: expected a "
		  "number that fits a double, found -1e400", 0, 0 },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": 1, \"id\": \"b\"}]",
		  "customers[0]", "duplicate key \"id\"", 0, 0 },
		{ "[{\"id\": \"a\", \"level\": \"basic\", \"quadrant\": \"dog\","
		  " \"margin_pct\": 1, \"order_value\": Infinity}]", "",
		  "JSON syntax error: expected a value, found 'I' (JSON has no "
		  "Infinity or NaN)", 1, 192 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fl_diags diags;
		fl_diags_init(&diags, 0);
		assert_int_equal(read_with(cases[i].customers, &diags),
		                 FL_ERR_INPUT);
		assert_int_equal(diags.count, 1);
		assert_string_equal(diags.items[0].path, cases[i].path);
		assert_string_equal(diags.items[0].message, cases[i].message);
		assert_int_equal(diags.items[0].line, cases[i].line);
		assert_int_equal(diags.items[0].column, cases[i].column);
		fl_diags_release(&diags);
	}
	/* A number that is not JSON in a value that is skipped (count): a
	 * syntax error at its place (fuzz_diff found it read at a stale
	 * offset). */
	static const char skipped[] =
		"{\"count\": 1e1E+3, \"thresholds\": {}, \"customers\": []}";
	fl_diags d2;
	fl_diags_init(&d2, 0);
	fl_diff_side *s2 = NULL;
	assert_int_equal(fl_diff_side_read_assign(skipped, strlen(skipped), &s2,
	                                          &d2), FL_ERR_INPUT);
	assert_int_equal(d2.count, 1);
	assert_string_equal(d2.items[0].message, "JSON syntax error in the "
	                    "number 1e1E+3: unexpected 'E' after 1e1");
	assert_int_equal(d2.items[0].line, 1);
	assert_int_equal(d2.items[0].column, 14);
	fl_diags_release(&d2);
	/* A threshold past a double's range, at its path. */
	static const char cut[] =
		"{\"thresholds\": {\"margin\": {\"cuts\": [1, 1e999], \"split\": 1},"
		" \"value\": {\"cuts\": [1, 2], \"split\": 1}}, \"customers\": []}";
	fl_diags diags;
	fl_diags_init(&diags, 0);
	fl_diff_side *s = NULL;
	assert_int_equal(fl_diff_side_read_assign(cut, strlen(cut), &s, &diags),
	                 FL_ERR_INPUT);
	assert_null(s);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].path, "thresholds.margin.cuts[1]");
	fl_diags_release(&diags);
}

/* Detection reads the beginning only: what follows the first customer is
 * never looked at, and "thresholds" after "customers" is not the key. */
static void test_detect_reads_the_beginning(void **state)
{
	(void)state;
	static const char head[] =
		"{\"portfolio\": \"P\", \"thresholds\": {\"margin\": {}},"
		" \"customers\": [{\"id\": \"a\", \"level\": \"basic\","
		" \"margin_pct\": 1}, \x01\x02 not JSON at all";
	assert_true(fl_diff_is_assign_output(head, sizeof(head) - 1));
	/* Cut right after the first customer. */
	const char *end = strstr(head, "}, \x01");
	assert_true(fl_diff_is_assign_output(head, (size_t)(end - head) + 1));
	static const char *const no[] = {
		"{\"customers\": [{\"id\": \"a\", \"level\": \"basic\","
		" \"margin_pct\": 1}], \"thresholds\": {}}",
		"{\"portfolio\": \"thresholds\", \"customers\": [{\"id\": \"a\","
		" \"name\": \"thresholds\", \"level\": \"basic\","
		" \"margin_pct\": 1}]}",
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(fl_diff_is_assign_output(no[i], strlen(no[i])));
	/* From a stream too. */
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(head, 1, sizeof(head) - 1, fp), sizeof(head) - 1);
	rewind(fp);
	assert_true(fl_diff_is_assign_output_file(fp));
	fclose(fp);
}

/* A side read from a stream is the side read from memory. */
static void test_read_assign_file(void **state)
{
	(void)state;
	size_t len;
	char *json = assign_json(portfolio_yaml, &len);
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(json, 1, len, fp), len);
	rewind(fp);
	fl_diags diags;
	fl_diags_init(&diags, 0);
	fl_diff_side *s = NULL;
	assert_int_equal(fl_diff_side_read_assign_file(fp, &s, &diags), FL_OK);
	assert_int_equal(s->count, 3);
	assert_string_equal(s->entries[0].id, "A1");
	assert_string_equal(s->entries[0].name, "Alpha");
	assert_true(s->entries[1].margin_pct == 33.33);
	assert_true(s->thresholds.value.split == 1000);
	fl_diff_side_free(s);
	fclose(fp);
	fl_diags_release(&diags);
	free(json);
}

/* ---- the writer ---------------------------------------------------- */

static char *render(const fl_diff_side *o, const fl_diff_side *n,
                    const fl_diff *d, const fl_diff_options *opts)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fl_out *out = fl_out_open_fd(fileno(tmp));
	assert_int_equal(fl_diff_write(out, o, n, d, opts), FL_OK);
	assert_int_equal(fl_out_commit(out), 0);
	fseek(tmp, 0, SEEK_END);
	long len = ftell(tmp);
	rewind(tmp);
	char *buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, tmp), (size_t)len);
	buf[len] = '\0';
	fclose(tmp);
	return buf;
}

static void test_write_formats(void **state)
{
	(void)state;
	fl_diff_entry o[] = { E("=a", BASIC, DOG), E("b", REACTIVE, DOG),
	                      E("c", BASIC, DOG) };
	fl_diff_entry n[] = { E("=a", PROACTIVE, STAR), E("b", REACTIVE, DOG),
	                      E("n", BASIC, DOG) };
	fl_diff_side so = side_of(o, 3, ""), sn = side_of(n, 3, "");
	fl_diff d;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	assert_int_equal(fl_diff_compute(&so, &sn, &d, &diags), FL_OK);
	fl_diff_options opts = { .format = FL_FORMAT_CSV, .escape_formulas = true,
	                         .old_label = "o", .new_label = "n" };
	char *csv = render(&so, &sn, &d, &opts);
	assert_string_equal(csv,
		"id,name,old_level,new_level,change,old_quadrant,new_quadrant,"
		"old_margin_pct,new_margin_pct,old_order_value,new_order_value\n"
		"'=a,'=a,basic,proactive,up 3,dog,star,10.00,10.00,100.00,100.00\n"
		"n,n,,basic,new,,dog,,10.00,,100.00\n"
		"c,c,basic,,gone,dog,,10.00,,100.00,\n");
	free(csv);
	opts.all = true;
	opts.escape_formulas = false;
	opts.format = FL_FORMAT_TSV;
	char *tsv = render(&so, &sn, &d, &opts);
	assert_non_null(strstr(tsv, "\nb\tb\treactive\treactive\tsame\t"));
	assert_non_null(strstr(tsv, "\n=a\t=a\t"));
	free(tsv);

	opts.format = FL_FORMAT_JSON;
	opts.all = false;
	char *json = render(&so, &sn, &d, &opts);
	cJSON *root = cJSON_Parse(json);
	assert_non_null(root);
	const cJSON *sum = cJSON_GetObjectItem(root, "summary");
	assert_int_equal(cJSON_GetObjectItem(sum, "up")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(sum, "new")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(sum, "gone")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(sum, "unchanged")->valueint, 1);
	const cJSON *cs = cJSON_GetObjectItem(root, "customers");
	assert_int_equal(cJSON_GetArraySize(cs), 3);
	const cJSON *first = cJSON_GetArrayItem(cs, 0);
	assert_string_equal(cJSON_GetObjectItem(first, "id")->valuestring, "=a");
	assert_int_equal(cJSON_GetObjectItem(first, "steps")->valueint, 3);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(cs, 1),
	                                             "old_level")));
	const cJSON *mig = cJSON_GetObjectItem(root, "migration");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(mig, "basic"),
	                                     "gone")->valueint, 1);
	assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(mig, "new"), "gone"));
	/* A diff output is not an assign output. */
	assert_false(fl_diff_is_assign_output(json, strlen(json)));
	cJSON_Delete(root);
	free(json);

	/* Colour only where asked, only in the table. */
	opts.format = FL_FORMAT_TABLE;
	char *plain = render(&so, &sn, &d, &opts);
	assert_null(strchr(plain, '\033'));
	free(plain);
	opts.color = true;
	char *color = render(&so, &sn, &d, &opts);
	assert_non_null(strstr(color, "\033[32mup 3\033[0m"));
	assert_non_null(strstr(color, "\033[36mnew\033[0m"));
	assert_non_null(strstr(color, "\033[33mgone\033[0m"));
	free(color);
	opts.format = FL_FORMAT_CSV;
	char *csv2 = render(&so, &sn, &d, &opts);
	assert_null(strchr(csv2, '\033'));
	free(csv2);
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_change_names),
		cmocka_unit_test(test_every_change),
		cmocka_unit_test(test_nothing_changed),
		cmocka_unit_test(test_ids_byte_for_byte),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_currency_warning),
		cmocka_unit_test(test_side_from_plan),
		cmocka_unit_test(test_detect_assign_output),
		cmocka_unit_test(test_read_assign_round_trip),
		cmocka_unit_test(test_read_assign_errors),
		cmocka_unit_test(test_read_assign_document_errors),
		cmocka_unit_test(test_read_assign_hostile),
		cmocka_unit_test(test_detect_reads_the_beginning),
		cmocka_unit_test(test_read_assign_file),
		cmocka_unit_test(test_write_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
