/*
 * test_load_json.c - the JSON loader and the field rules (schema.c) as JSON
 * input meets them.  Syntax errors carry line:column (1-based, characters);
 * field errors carry the path (customers[1].revenue) and no line.
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

#define J FL_INPUT_JSON

/* {"customers": [{"id": "a", FIELDS}]} */
static char *one(const char *fields)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_addf(&b, "{\"customers\": [{\"id\": \"a\", %s}]}", fields);
	return fl_buf_detach(&b);
}

/* A field error: no line, the path, the phrase. */
static void expect_field_error(const char *doc, const char *path,
                               const char *phrase)
{
	expect_error(doc, J, 0, 0, path, phrase);
}

/* ---- what a valid customer becomes ---------------------------------- */

static void test_fields(void **state)
{
	(void)state;
	const char *doc =
		"{\n"
		"  \"portfolio\": \"Helio\",\n"
		"  \"currency\": \"EUR\",\n"
		"  \"period\": \"2026-Q3\",\n"
		"  \"customers\": [\n"
		"    {\"id\": \"C01\", \"name\": \"Nordstadt\", \"segment\": \"hospital\",\n"
		"     \"revenue\": 116204.60, \"cost\": 80181.20, \"orders\": 14},\n"
		"    {\"id\": \"C12\", \"revenue\": 903.40, \"cost\": 776.90},\n"
		"    {\"id\": \"C02\", \"revenue\": 1, \"cost\": 1, \"level\": \"partnership\",\n"
		"     \"reason\": \"tender\", \"name\": null, \"segment\": null}\n"
		"  ]\n"
		"}\n";
	loaded r;
	expect_ok(&r, doc, J);
	assert_string_equal(r.p->name, "Helio");
	assert_string_equal(r.p->currency, "EUR");
	assert_string_equal(r.p->period, "2026-Q3");
	assert_int_equal(r.p->count, 3);
	const fl_customer *c = &r.p->customers[0];
	assert_string_equal(c->id, "C01");
	assert_string_equal(c->name, "Nordstadt");
	assert_string_equal(c->segment, "hospital");
	assert_string_equal(fl_customer_reason(c), "");
	assert_true(c->revenue == 116204.60);
	assert_true(c->cost == 80181.20);
	assert_int_equal(c->orders, 14);
	assert_int_equal(c->form, FL_FORM_AGGREGATE);
	assert_int_equal(c->pin, FL_LEVEL_NONE);
	assert_int_equal(c->index, 0);
	c = &r.p->customers[1];
	assert_string_equal(c->name, "C12");
	assert_string_equal(c->segment, "");
	assert_int_equal(c->orders, 1);
	assert_int_equal(c->index, 1);
	c = &r.p->customers[2];
	assert_int_equal(c->pin, FL_LEVEL_PARTNERSHIP);
	assert_string_equal(fl_customer_reason(c), "tender");
	assert_string_equal(c->name, "C02");
	assert_string_equal(c->segment, "");
	loaded_free(&r);
}

static void test_detailed_sums_in_input_order(void **state)
{
	(void)state;
	const char *doc =
		"{\"customers\": [\n"
		" {\"id\": \"up\", \"orders\": [{\"value\": 0.1, \"cost\": 0.3, \"date\": \"2026-07-01\"},"
		" {\"value\": 0.2, \"cost\": 0.2, \"date\": \"2026-07-02\"},"
		" {\"value\": 0.3, \"cost\": 0.1, \"date\": \"2026-07-03\"}]},\n"
		" {\"id\": \"down\", \"orders\": [{\"value\": 0.3, \"cost\": 0.1},"
		" {\"value\": 0.2, \"cost\": 0.2}, {\"value\": 0.1, \"cost\": 0.3}]},\n"
		" {\"id\": \"none\", \"orders\": []}\n"
		"]}";
	loaded r;
	expect_ok(&r, doc, J);
	double a = 0.0, b = 0.0;
	a += 0.1; a += 0.2; a += 0.3;
	b += 0.3; b += 0.2; b += 0.1;
	assert_true(a != b);
	assert_true(r.p->customers[0].revenue == a);
	assert_true(r.p->customers[0].cost == b);
	assert_true(r.p->customers[1].revenue == b);
	assert_true(r.p->customers[1].cost == a);
	assert_int_equal(r.p->customers[0].orders, 3);
	assert_int_equal(r.p->customers[0].form, FL_FORM_DETAILED);
	assert_int_equal(r.p->customers[2].orders, 0);
	assert_int_equal(r.p->customers[2].form, FL_FORM_DETAILED);
	loaded_free(&r);
}

static void test_id_kept_as_written(void **state)
{
	(void)state;
	/* Number ids keep their text: 12.50 is not 12.5, 1E3 is not 1000. */
	const char *doc =
		"{\"customers\": ["
		"{\"id\": \"007\", \"revenue\": 1, \"cost\": 1},"
		"{\"id\": 12.50, \"revenue\": 1, \"cost\": 1},"
		"{\"id\": 1E3, \"revenue\": 1, \"cost\": 1},"
		"{\"id\": 1000000, \"revenue\": 1, \"cost\": 1},"
		"{\"id\": -0, \"revenue\": 1, \"cost\": 1},"
		"{\"id\": \"  sp \", \"revenue\": 1, \"cost\": 1},"
		"{\"id\": \"\\u00e9t\\u00e9\", \"revenue\": 1, \"cost\": 1},"
		"{\"id\": \"q\\\"b\\\\s\", \"revenue\": 1, \"cost\": 1}"
		"]}";
	loaded r;
	expect_ok(&r, doc, J);
	static const char *const ids[] = { "007", "12.50", "1E3", "1000000", "-0",
		"  sp ", "\xC3\xA9t\xC3\xA9", "q\"b\\s" };
	assert_int_equal(r.p->count, 8);
	for (size_t i = 0; i < 8; i++) {
		assert_string_equal(r.p->customers[i].id, ids[i]);
		assert_string_equal(r.p->customers[i].name, ids[i]);
	}
	loaded_free(&r);
}

static void test_id_errors(void **state)
{
	(void)state;
	expect_field_error("{\"customers\": [{\"revenue\": 1, \"cost\": 1}]}",
	                   "customers[0]", "missing id");
	struct { const char *id, *phrase; } bad[] = {
		{ "\"\"", "the id is empty" },
		{ "null", "found null" },
		{ "true", "found a boolean (true); quote it to use it as text" },
		{ "false", "found a boolean (false); quote it to use it as text" },
		{ "[\"a\"]", "found a sequence" },
		{ "{\"x\": 1}", "found a mapping" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "{\"customers\": [{\"revenue\": 1, \"cost\": 1, "
		            "\"id\": %s}]}", bad[i].id);
		expect_field_error(b.buf, "customers[0].id", bad[i].phrase);
		fl_buf_release(&b);
	}
	/* Duplicates name the first by its index. */
	expect_field_error("{\"customers\": ["
	                   "{\"id\": \"a\", \"revenue\": 1, \"cost\": 1},"
	                   "{\"id\": \"b\", \"revenue\": 1, \"cost\": 1},"
	                   "{\"id\": \"a\", \"revenue\": 1, \"cost\": 1}]}",
	                   "customers[2].id",
	                   "duplicate id \"a\" (first at customers[0])");
	/* Ids compare as written: the number 7 and the string "7" collide,
	 * 7 and 7.0 do not. */
	expect_field_error("{\"customers\": ["
	                   "{\"id\": 7, \"revenue\": 1, \"cost\": 1},"
	                   "{\"id\": \"7\", \"revenue\": 1, \"cost\": 1}]}",
	                   "customers[1].id", "duplicate id \"7\"");
	loaded r;
	expect_ok(&r, "{\"customers\": [{\"id\": 7, \"revenue\": 1, \"cost\": 1},"
	              "{\"id\": 7.0, \"revenue\": 1, \"cost\": 1}]}", J);
	assert_int_equal(r.p->count, 2);
	loaded_free(&r);
}

/* check_diag for an error, and the message word for word. */
static void check_exact(const loaded *r, size_t i, unsigned long line,
                        const char *path, const char *msg)
{
	check_diag(r, i, FL_SEV_ERROR, line, 0, path, msg);
	assert_string_equal(r->d.items[i].message, msg);
}

/*
 * Every customer whose id is valid takes part in finding duplicate ids,
 * invalid customers too.  A customer's messages come in the order of the
 * checks, id first, as JSON has no lines to sort them by.
 */
static void test_duplicate_id_of_invalid(void **state)
{
	(void)state;
	/* The invalid copy first. */
	loaded r;
	load_str(&r, "{\"customers\": ["
	             "{\"id\": \"A\", \"revenue\": -1, \"cost\": 0},"
	             "{\"id\": \"A\", \"revenue\": 5, \"cost\": 1}]}", J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 2);
	check_exact(&r, 0, 0, "customers[0].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	check_exact(&r, 1, 0, "customers[1].id",
	            "duplicate id \"A\" (first at customers[0])");
	loaded_free(&r);

	/* The valid copy first. */
	load_str(&r, "{\"customers\": ["
	             "{\"id\": \"A\", \"revenue\": 5, \"cost\": 1},"
	             "{\"id\": \"A\", \"revenue\": -1, \"cost\": 0}]}", J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 2);
	check_exact(&r, 0, 0, "customers[1].id",
	            "duplicate id \"A\" (first at customers[0])");
	check_exact(&r, 1, 0, "customers[1].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	loaded_free(&r);

	/* Both invalid, then a valid copy; the number 7 and the string "7"
	 * are one id here too.  The id comes first even when written last. */
	load_str(&r, "{\"customers\": ["
	             "{\"id\": 7, \"cost\": 0},"
	             "{\"revenue\": \"x\", \"cost\": 0, \"id\": \"7\"},"
	             "{\"id\": \"7\", \"revenue\": 1, \"cost\": 1}]}", J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 0, 0, "customers[0]", "customer \"7\": missing revenue "
	            "(give revenue and cost, or a list of orders)");
	check_exact(&r, 1, 0, "customers[1].id",
	            "duplicate id \"7\" (first at customers[0])");
	check_exact(&r, 2, 0, "customers[1].revenue",
	            "customer \"7\": expected a number >= 0, found \"x\"");
	check_exact(&r, 3, 0, "customers[2].id",
	            "duplicate id \"7\" (first at customers[0])");
	loaded_free(&r);

	/* skip_invalid leaves out every copy but a valid first one. */
	const char *doc = "{\"customers\": ["
	                  "{\"id\": \"A\", \"revenue\": -1, \"cost\": 0},"
	                  "{\"id\": \"B\", \"revenue\": 2, \"cost\": 1},"
	                  "{\"id\": \"A\", \"revenue\": 5, \"cost\": 1},"
	                  "{\"id\": \"B\", \"revenue\": 3}]}";
	load_len(&r, doc, strlen(doc), J, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 1);
	assert_int_equal(r.p->skipped, 3);
	assert_string_equal(r.p->customers[0].id, "B");
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 0, 0, "customers[0].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	check_exact(&r, 1, 0, "customers[2].id",
	            "duplicate id \"A\" (first at customers[0])");
	check_exact(&r, 2, 0, "customers[3].id",
	            "duplicate id \"B\" (first at customers[1])");
	check_exact(&r, 3, 0, "customers[3]",
	            "customer \"B\": missing cost (required with revenue)");
	loaded_free(&r);
}

/* JSON Lines: the line of the customer, and the first named by index. */
static void test_duplicate_id_of_invalid_jsonl(void **state)
{
	(void)state;
	const char *doc = "{\"id\": \"A\", \"revenue\": -1, \"cost\": 0}\n"
	                  "{\"id\": \"B\", \"revenue\": 1, \"cost\": 1}\n"
	                  "\n"
	                  "{\"id\": \"A\", \"cost\": 1}\n"
	                  "{\"id\": \"A\", \"revenue\": 1, \"cost\": 1}\n";
	loaded r;
	load_len(&r, doc, strlen(doc), FL_INPUT_JSONL, false, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 4);
	check_exact(&r, 0, 1, "customers[0].revenue",
	            "customer \"A\": expected a number >= 0, found -1");
	check_exact(&r, 1, 4, "customers[2].id",
	            "duplicate id \"A\" (first at customers[0])");
	check_exact(&r, 2, 4, "customers[2]", "customer \"A\": missing revenue "
	            "(give revenue and cost, or a list of orders)");
	check_exact(&r, 3, 5, "customers[3].id",
	            "duplicate id \"A\" (first at customers[0])");
	loaded_free(&r);
	load_len(&r, doc, strlen(doc), FL_INPUT_JSONL, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 1);
	assert_int_equal(r.p->skipped, 3);
	assert_string_equal(r.p->customers[0].id, "B");
	assert_int_equal(r.d.errors, 4);
	loaded_free(&r);
}

static void test_text_fields(void **state)
{
	(void)state;
	char *d = one("\"revenue\": 1, \"cost\": 1, \"name\": [\"x\"]");
	expect_field_error(d, "customers[0].name", "expected text, found a sequence");
	free(d);
	d = one("\"revenue\": 1, \"cost\": 1, \"segment\": {}");
	expect_field_error(d, "customers[0].segment", "found a mapping");
	free(d);
	d = one("\"revenue\": 1, \"cost\": 1, \"level\": \"gold\"");
	expect_field_error(d, "customers[0].level", "unknown level \"gold\"");
	free(d);
	/* Level names are case-insensitive; a number name is text. */
	d = one("\"revenue\": 1, \"cost\": 1, \"level\": \"ACCOUNTABLE\", \"name\": 42");
	loaded r;
	expect_ok(&r, d, J);
	assert_int_equal(r.p->customers[0].pin, FL_LEVEL_ACCOUNTABLE);
	assert_string_equal(r.p->customers[0].name, "42");
	loaded_free(&r);
	free(d);
	/* A NUL character cannot be carried in text. */
	d = one("\"revenue\": 1, \"cost\": 1, \"name\": \"a\\u0000b\"");
	load_str(&r, d, J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 1);
	assert_non_null(strstr(r.d.items[0].message, "NUL"));
	assert_int_equal(r.d.items[0].line, 1);
	assert_int_equal(r.d.items[0].column, strstr(d, "\\u0000") - d + 1);
	loaded_free(&r);
	free(d);
}

/* ---- numbers -------------------------------------------------------- */

static void test_numbers_accepted(void **state)
{
	(void)state;
	struct { const char *text; double v; } ok[] = {
		{ "12", 12 }, { "4.5", 4.5 }, { "1e3", 1000 }, { "1E+3", 1000 },
		{ "25e-1", 2.5 }, { "-0", 0 }, { "0", 0 },
		/* quoted: the portfolio number grammar */
		{ "\"12.5\"", 12.5 }, { "\".5\"", 0.5 }, { "\"5.\"", 5 },
		{ "\"+2\"", 2 }, { "\"1e3\"", 1000 }, { "\"-0\"", 0 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "\"revenue\": %s, \"cost\": %s", ok[i].text,
		            ok[i].text);
		char *d = one(b.buf);
		loaded r;
		expect_ok(&r, d, J);
		if (r.p->customers[0].revenue != ok[i].v ||
		    r.p->customers[0].cost != ok[i].v)
			fail_msg("%s read as %g", ok[i].text, r.p->customers[0].revenue);
		loaded_free(&r);
		free(d);
		fl_buf_release(&b);
	}
}

static void test_quoted_numbers_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"NaN", "nan", "inf", ".inf", "Infinity", "0x10", "1_000", "12k",
		"12,50", "1e", "e5", "-", "", " 1", "1 ", "1.2.3", "12 EUR",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "\"cost\": 1, \"revenue\": \"%s\"", bad[i]);
		char *d = one(b.buf);
		fl_buf f;
		fl_buf_init(&f);
		if (bad[i][0] == '\0')
			fl_buf_adds(&f, "expected a number >= 0, found an empty value");
		else
			fl_buf_addf(&f, "expected a number >= 0, found \"%s\"", bad[i]);
		expect_field_error(d, "customers[0].revenue", f.buf);
		fl_buf_release(&f);
		free(d);
		fl_buf_release(&b);
	}
	char *d = one("\"cost\": 1, \"revenue\": \"1e309\"");
	expect_field_error(d, "customers[0].revenue", "number out of range");
	free(d);
}

static void test_bare_numbers_rejected(void **state)
{
	(void)state;
	/* Not JSON numbers: syntax errors at the offending character. */
	struct { const char *v; size_t at; const char *phrase; } bad[] = {
		{ "NaN", 0, "JSON syntax error" },
		{ "Infinity", 0, "JSON syntax error" },
		{ "-Infinity", 0, "JSON syntax error" },
		{ ".5", 0, "JSON syntax error" },
		{ "+1", 0, "JSON syntax error" },
		{ "0x10", 1, "after a number" },
		{ "12k", 2, "after a number" },
		{ "1_000", 1, "after a number" },
		{ "1e", 1, "JSON syntax error" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "{\"customers\": [\n  {\"id\": \"a\", \"cost\": 1, "
		            "\"revenue\": %s}\n]}", bad[i].v);
		unsigned long col = col_of(b.buf, 2, bad[i].v) + bad[i].at;
		expect_error(b.buf, J, 2, col, "", bad[i].phrase);
		fl_buf_release(&b);
	}
	/* A number too large for a double: a field error. */
	char *d = one("\"cost\": 1, \"revenue\": 1e400");
	expect_field_error(d, "customers[0].revenue",
	                   "number out of range: expected a number >= 0 that "
	                   "fits a double");
	free(d);
	d = one("\"cost\": 1, \"revenue\": -1e400");
	expect_field_error(d, "customers[0].revenue", "out of range");
	free(d);
}

/*
 * RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
 * cJSON reads more (01, 1., 1.e5, -.5); the loader does not.  The error is
 * at the byte the message is about.
 */
static void test_non_json_numbers_rejected(void **state)
{
	(void)state;
	struct { const char *v; size_t at; const char *msg; } bad[] = {
		{ "01", 0, "in the number 01: JSON numbers cannot have leading "
		  "zeros" },
		{ "00", 0, "cannot have leading zeros" },
		{ "-01", 1, "in the number -01: JSON numbers cannot have leading "
		  "zeros" },
		{ "007.5", 0, "cannot have leading zeros" },
		{ "1.", 1, "in the number 1.: a digit must follow the decimal "
		  "point" },
		{ "0.", 1, "a digit must follow the decimal point" },
		{ "1.e5", 1, "in the number 1.e5: a digit must follow the decimal "
		  "point" },
		{ ".5", 0, "in the number .5: a digit must come before the "
		  "decimal point" },
		{ "-.5", 1, "a digit must come before the decimal point" },
		{ "+1", 0, "in the number +1: JSON numbers cannot start with '+'" },
		{ "-", 0, "in the number -: a digit must follow the minus sign" },
		{ "-+1", 0, "a digit must follow the minus sign" },
		{ "1e", 1, "in the number 1e: a digit must follow the exponent" },
		{ "1E+", 1, "a digit must follow the exponent" },
		{ "2e-x", 1, "a digit must follow the exponent" },
		{ "1.5.5", 3, "in the number 1.5.5: unexpected '.' after 1.5" },
		{ "1-2", 1, "unexpected '-' after 1" },
		{ "1e5e5", 3, "unexpected 'e' after 1e5" },
		{ "10+", 2, "unexpected '+' after 10" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "{\"customers\": [\n  {\"id\": \"a\", \"cost\": 0, "
		            "\"revenue\": %s}\n]}", bad[i].v);
		unsigned long col = col_of(b.buf, 2, bad[i].v) + bad[i].at;
		expect_error(b.buf, J, 2, col, "", "JSON syntax error");
		expect_error(b.buf, J, 2, col, "", bad[i].msg);
		fl_buf_release(&b);
	}
	/* Wherever a number stands: in an order, a nested value, an id, a
	 * top-level entry, JSON Lines. */
	const char *doc = "{\"customers\": [{\"id\": \"a\", \"orders\": "
	                  "[{\"value\": 1, \"cost\": 02}]}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "02"), "", "leading zeros");
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": 1, \"cost\": 1, "
	      "\"x\": {\"y\": [3, 4.]}}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ".]"), "", "decimal point");
	doc = "{\"customers\": [{\"id\": 0012, \"revenue\": 1, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "0012"), "", "leading zeros");
	doc = "{\"portfolio\": 01, \"customers\": []}";
	expect_error(doc, J, 1, col_of(doc, 1, "01"), "", "leading zeros");
	doc = "[{\"id\": \"a\", \"revenue\": 1., \"cost\": 1}]";
	expect_error(doc, J, 1, col_of(doc, 1, "."), "", "decimal point");
	doc = "{\"id\": \"a\", \"revenue\": 1, \"cost\": 1}\n"
	      "{\"id\": \"b\", \"revenue\": 1, \"cost\": -01}\n";
	loaded r;
	load_len(&r, doc, strlen(doc), FL_INPUT_JSONL, false, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 2, col_of(doc, 2, "01"), "",
	           "leading zeros");
	loaded_free(&r);

	/* The first error in the document is the one reported. */
	doc = "{\"customers\": [{\"id\": \"a\",, \"cost\": 01}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ",,") + 1, "",
	             "expected a key in double quotes, found ','");
	doc = "{\"customers\": [{\"id\": \"a\", \"cost\": 01,, \"revenue\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "01"), "", "leading zeros");
	doc = "{\"customers\": [{\"id\": \"a\", \"cost\": 01, \"name\": \"x\n"
	      "\"}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "01"), "", "leading zeros");
	doc = "{\"customers\": [{\"id\": \"a\", \"cost\": 1.e, \"revenue\": 01}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ".e"), "", "decimal point");
	/* Long numbers are cut short in the message. */
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "{\"customers\": [{\"id\": \"a\", \"cost\": 1, \"revenue\": 0");
	for (int i = 0; i < 100; i++)
		fl_buf_addc(&b, '9');
	fl_buf_adds(&b, "}]}");
	expect_error(b.buf, J, 1, col_of(b.buf, 1, "099"), "",
	             "in the number 0999999999999999999999999999999999999999...: "
	             "JSON numbers cannot have leading zeros");
	fl_buf_release(&b);

	/* What the grammar allows. */
	static const char *const good[] = {
		"0", "-0", "0.5", "-0.0", "10", "1e5", "1E+5", "1e-05", "0e0",
		"-0.0e-0", "123.456e+7",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		fl_buf_init(&b);
		fl_buf_addf(&b, "{\"portfolio\": %s, \"customers\": [{\"id\": %s, "
		            "\"cost\": 0, \"revenue\": [%s]}]}", good[i], good[i],
		            good[i]);
		load_str(&r, b.buf, J);
		/* revenue is a list: a field error, not a syntax error. */
		if (r.st != FL_ERR_INPUT || r.d.count != 1 || r.d.items[0].line != 0)
			fail_msg("%s: status %d, %zu diagnostics", good[i], (int)r.st,
			         r.d.count);
		check_diag(&r, 0, FL_SEV_ERROR, 0, 0, "customers[0].revenue",
		           "found a sequence");
		loaded_free(&r);
		fl_buf_release(&b);
	}
}

static void test_negative_values(void **state)
{
	(void)state;
	char *d = one("\"revenue\": -1, \"cost\": 1");
	expect_field_error(d, "customers[0].revenue",
	                   "customer \"a\": expected a number >= 0, found -1");
	free(d);
	d = one("\"revenue\": 1, \"cost\": \"-0.5\"");
	expect_field_error(d, "customers[0].cost", "found \"-0.5\"");
	free(d);
	d = one("\"revenue\": 1, \"cost\": 1, \"orders\": -2");
	expect_field_error(d, "customers[0].orders", "expected a whole number >= 0");
	free(d);
	d = one("\"orders\": [{\"value\": 1, \"cost\": 1}, {\"value\": 2, \"cost\": -3}]");
	expect_field_error(d, "customers[0].orders[1].cost", "found -3");
	free(d);
}

static void test_booleans_and_null(void **state)
{
	(void)state;
	struct { const char *v, *phrase; } bad[] = {
		{ "true", "found a boolean (true)" },
		{ "false", "found a boolean (false)" },
		{ "null", "found null" },
		{ "[1]", "found a sequence" },
		{ "{\"v\": 1}", "found a mapping" },
		{ "\"true\"", "found \"true\"" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_buf b;
		fl_buf_init(&b);
		fl_buf_addf(&b, "\"cost\": 1, \"revenue\": %s", bad[i].v);
		char *d = one(b.buf);
		expect_field_error(d, "customers[0].revenue", bad[i].phrase);
		free(d);
		fl_buf_release(&b);
	}
}

static void test_orders(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "{\"customers\": ["
	              "{\"id\": \"a\", \"revenue\": 0, \"cost\": 5, \"orders\": 0},"
	              "{\"id\": \"b\", \"revenue\": 1, \"cost\": 1, \"orders\": \"3\"},"
	              "{\"id\": \"c\", \"revenue\": 1, \"cost\": 1, \"orders\": 1e2},"
	              "{\"id\": \"d\", \"revenue\": 1, \"cost\": 1, \"orders\": null}]}",
	          J);
	assert_int_equal(r.p->customers[0].orders, 0);
	assert_int_equal(r.p->customers[1].orders, 3);
	assert_int_equal(r.p->customers[2].orders, 100);
	assert_int_equal(r.p->customers[3].orders, 1);
	loaded_free(&r);
	char *d = one("\"revenue\": 5, \"cost\": 1, \"orders\": 0");
	expect_field_error(d, "customers[0].orders",
	                   "orders is 0 but revenue is 5.00");
	free(d);
	d = one("\"revenue\": 5, \"cost\": 1, \"orders\": 2.5");
	expect_field_error(d, "customers[0].orders", "whole number");
	free(d);
	d = one("\"revenue\": 5, \"cost\": 1, \"orders\": true");
	expect_field_error(d, "customers[0].orders", "found a boolean");
	free(d);
	/* Whole numbers up to 2^53 - 1: 2^53 + 1 would read as 2^53. */
	d = one("\"revenue\": 5, \"cost\": 1, \"orders\": 9007199254740991");
	expect_ok(&r, d, J);
	assert_int_equal(r.p->customers[0].orders, 9007199254740991ULL);
	loaded_free(&r);
	free(d);
	d = one("\"revenue\": 5, \"cost\": 1, \"orders\": 9007199254740993");
	expect_field_error(d, "customers[0].orders", "number out of range: "
	                   "expected a whole number >= 0 up to 9007199254740991 "
	                   "(2^53 - 1), found 9007199254740993");
	free(d);
	d = one("\"revenue\": 5, \"cost\": 1, \"orders\": 4503599627370496.5");
	expect_field_error(d, "customers[0].orders", "expected a whole number "
	                   ">= 0, found 4503599627370496.5");
	free(d);
	d = one("\"revenue\": 5, \"orders\": [{\"value\": 5, \"cost\": 1}]");
	expect_field_error(d, "customers[0].revenue", "ambiguous");
	free(d);
	d = one("\"orders\": [{\"value\": 5, \"cost\": 1}], \"cost\": 1");
	expect_field_error(d, "customers[0].cost", "ambiguous");
	free(d);
	d = one("\"revenue\": 5");
	expect_field_error(d, "customers[0]", "missing cost");
	free(d);
	d = one("\"cost\": 5");
	expect_field_error(d, "customers[0]", "missing revenue");
	free(d);
	d = one("\"orders\": [5, {\"cost\": 1}, {\"value\": 1}, "
	        "{\"value\": \"x\", \"cost\": 1, \"date\": 3}]");
	load_str(&r, d, J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 5);
	check_diag(&r, 0, FL_SEV_ERROR, 0, 0, "customers[0].orders[0]",
	           "expected an order mapping");
	check_diag(&r, 1, FL_SEV_ERROR, 0, 0, "customers[0].orders[1].value",
	           "order without value");
	check_diag(&r, 2, FL_SEV_ERROR, 0, 0, "customers[0].orders[2].cost",
	           "order without cost");
	check_diag(&r, 3, FL_SEV_ERROR, 0, 0, "customers[0].orders[3].value",
	           "found \"x\"");
	check_diag(&r, 4, FL_SEV_ERROR, 0, 0, "customers[0].orders[3].date",
	           "expected a date YYYY-MM-DD");
	loaded_free(&r);
	free(d);
	/* A date given as a number is not a date, even one that reads as
	 * the digits of one. */
	d = one("\"orders\": [{\"value\": 1, \"cost\": 1, \"date\": 20260101}]");
	expect_field_error(d, "customers[0].orders[0].date", "expected a date "
	                   "YYYY-MM-DD (a time may follow after T or a space: "
	                   "2026-07-01T09:30), found 20260101");
	free(d);
}

/* ---- keys ----------------------------------------------------------- */

static void test_duplicate_keys(void **state)
{
	(void)state;
	char *d = one("\"revenue\": 1, \"cost\": 1, \"revenue\": 2");
	expect_field_error(d, "customers[0]", "duplicate key \"revenue\"");
	free(d);
	d = one("\"orders\": [{\"value\": 1, \"cost\": 1, \"cost\": 2}]");
	expect_field_error(d, "customers[0].orders[0]", "duplicate key \"cost\"");
	free(d);
	/* The value of an unknown key is ignored unread: what repeats inside
	 * it is not looked at (its key still is, above). */
	d = one("\"revenue\": 1, \"cost\": 1, \"x\": {\"k\": 1, \"k\": 2}");
	loaded r;
	expect_ok(&r, d, J);
	loaded_free(&r);
	free(d);
	d = one("\"revenue\": 1, \"cost\": 1, \"x\": 1, \"x\": 2");
	expect_field_error(d, "customers[0]", "duplicate key \"x\"");
	free(d);
	expect_field_error("{\"portfolio\": \"a\", \"customers\": [], "
	                   "\"portfolio\": \"b\"}", "portfolio",
	                   "duplicate key \"portfolio\"");
}

/*
 * Where a key should be, cJSON's error points one past the byte it
 * refused; the loader shows that byte.
 */
static void test_bad_key_column(void **state)
{
	(void)state;
	const char *doc = "{\"customers\": [{\"id\": \"a\", 5: 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "5:"), "",
	             "JSON syntax error: expected a key in double quotes, "
	             "found '5'");
	doc = "{\"customers\": [{\"id\": \"a\",, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ",,") + 1, "",
	             "expected a key in double quotes, found ','");
	doc = "{\"customers\": [{, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "{,") + 1, "",
	             "expected a key in double quotes, found ','");
	doc = "{\"customers\": [\n  {\"id\": \"a\",\n   x: 1}]}";
	expect_error(doc, J, 3, 4, "", "expected a key in double quotes, "
	             "found 'x'");
	/* In a nested object, and in a top-level entry. */
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": [{\"k\": 1, true: 2}]}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "true"), "",
	             "expected a key in double quotes, found 't'");
	doc = "{\"portfolio\": {\"a\": 1, 2: 3}, \"customers\": []}";
	expect_error(doc, J, 1, col_of(doc, 1, "2:"), "",
	             "expected a key in double quotes, found '2'");
	/* A decimal comma: the digits after it stand where a key must. */
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": 12,50, \"cost\": 0}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "50,"), "",
	             "expected a key in double quotes, found '5'");
	/* A trailing comma in a nested object names the comma. */
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": {\"k\": 1,}, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ",}"), "",
	             "trailing comma before '}'");
	/* An empty object is no refused key: the error after it stays. */
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": {}z, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "z,"), "",
	             "JSON syntax error: expected ',' or '}', found 'z'");
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": [1 2]}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "2]"), "",
	             "JSON syntax error: expected ',' or ']', found '2'");
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": [1,,2]}]}";
	expect_error(doc, J, 1, col_of(doc, 1, ",,") + 1, "",
	             "JSON syntax error: expected a value (a string, number, "
	             "object, array, true, false or null), found ','");
	doc = "{\"customers\": [{\"id\": \"a\", \"x\" 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, " 1}") + 1, "",
	             "JSON syntax error: expected ':' after a key, found '1'");
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": }]}";
	expect_error(doc, J, 1, col_of(doc, 1, "}]"), "",
	             "expected a value (a string, number, object, array, true, "
	             "false or null), found '}'");
	doc = "{\"customers\": [{\"id\": \"a\", \"x\": 'b'}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "'b'"), "",
	             "expected a value (a string, number, object, array, true, "
	             "false or null), found '''");
	/* Infinity and NaN, which some JSON writers produce. */
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": Infinity}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "Inf"), "",
	             "JSON syntax error: expected a value, found 'I' (JSON has "
	             "no Infinity or NaN)");
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": [nan]}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "nan"), "",
	             "JSON has no Infinity or NaN");
	/* Escapes are checked while the string is scanned. */
	doc = "{\"customers\": [{\"id\": \"a\", \"name\": \"x\\qy\"}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\\q"), "",
	             "JSON syntax error: invalid escape: 'q' after a backslash");
	doc = "{\"customers\": [{\"id\": \"a\", \"name\": \"x\\u12G4\"}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\\u"), "",
	             "\\u must be followed by four hex digits");
	doc = "{\"customers\": [{\"id\": \"a\", \"name\": \"x\\uDC00\"}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\\u"), "",
	             "half of a UTF-16 surrogate pair");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	const char *doc =
		"{\"extra\": 1, \"customers\": ["
		"{\"id\": \"a\", \"revenue\": 1, \"cost\": 1, \"colour\": \"red\"},"
		"{\"id\": \"b\", \"orders\": [{\"value\": 1, \"cost\": 1, \"qty\": 2}]}]}";
	loaded r;
	expect_ok(&r, doc, J);
	assert_int_equal(r.p->count, 2);
	loaded_free(&r);
	load_len(&r, doc, strlen(doc), J, true, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.errors, 3);
	/* JSON has no lines: the path names the key, as for a duplicate. */
	check_diag(&r, 0, FL_SEV_ERROR, 0, 0, "extra", "unknown key \"extra\"");
	check_diag(&r, 1, FL_SEV_ERROR, 0, 0, "customers[0]",
	           "unknown key \"colour\"");
	check_diag(&r, 2, FL_SEV_ERROR, 0, 0, "customers[1].orders[0]",
	           "unknown key \"qty\"");
	loaded_free(&r);
}

/* ---- skip_invalid, empty portfolios --------------------------------- */

static void test_skip_invalid(void **state)
{
	(void)state;
	const char *doc =
		"{\"customers\": ["
		"{\"id\": \"a\", \"revenue\": 1, \"cost\": 1},"
		"{\"id\": \"b\"},"
		"{\"id\": \"c\", \"revenue\": 2, \"cost\": 1},"
		"\"oops\"]}";
	loaded r;
	load_len(&r, doc, strlen(doc), J, false, true);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 2);
	assert_int_equal(r.p->skipped, 2);
	assert_string_equal(r.p->customers[1].id, "c");
	assert_int_equal(r.p->customers[1].index, 2);
	assert_int_equal(r.d.errors, 2);
	check_diag(&r, 0, FL_SEV_ERROR, 0, 0, "customers[1]", "missing revenue");
	check_diag(&r, 1, FL_SEV_ERROR, 0, 0, "customers[3]",
	           "expected a customer mapping");
	loaded_free(&r);
	/* A syntax error is fatal even with skip_invalid. */
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": 1, \"cost\": 1},"
	      " {\"id\": \"b\",}]}";
	load_len(&r, doc, strlen(doc), J, false, true);
	assert_int_equal(r.st, FL_ERR_INPUT);
	loaded_free(&r);
}

static void test_empty_customers_warning(void **state)
{
	(void)state;
	loaded r;
	load_str(&r, "{\"portfolio\": \"P\", \"customers\": [ ]}", J);
	assert_int_equal(r.st, FL_OK);
	assert_int_equal(r.p->count, 0);
	assert_string_equal(r.p->name, "P");
	assert_int_equal(r.d.errors, 0);
	assert_int_equal(r.d.count, 1);
	check_diag(&r, 0, FL_SEV_WARNING, 0, 0, "", "no customers");
	loaded_free(&r);
	load_str(&r, "[]", J);
	assert_int_equal(r.st, FL_OK);
	check_diag(&r, 0, FL_SEV_WARNING, 0, 0, "", "no customers");
	loaded_free(&r);
}

/* ---- the document as a whole ---------------------------------------- */

static void test_document_errors(void **state)
{
	(void)state;
	expect_error("", J, 0, 0, "", "the input is empty");
	expect_error(" \n\t\n", J, 0, 0, "", "the input is empty");
	expect_error("{\"portfolio\": \"x\"}", J, 1, 1, "", "no customers");
	expect_error("{}", J, 1, 1, "", "no customers");
	expect_error("\"hello\"", J, 1, 1, "", "found a string");
	expect_error("  42", J, 1, 3, "", "found a number");
	expect_error("{\"customers\": {}}", J, 1, 15, "",
	             "customers must be an array of customers, found an object");
	expect_error("{\"customers\": null}", J, 1, 15, "",
	             "customers must be an array");
	expect_error("{\"customers\": []} x", J, 1, 19, "",
	             "after the end of the JSON document");
	expect_error("{\"customers\": []}{}", J, 1, 18, "",
	             "after the end of the JSON document");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	const char *doc = "{\"customers\": [\n  {\"id\": \"a\", \"revenue\": 1, \"cost\": 1,}\n]}";
	expect_error(doc, J, 2, col_of(doc, 2, ",}"), "", "trailing comma");
	doc = "{\"customers\": [\n  {\"id\": \"a\", \"revenue\": 1, \"cost\": 1},\n]}";
	expect_error(doc, J, 3, 1, "", "trailing comma before ']'");
	doc = "{\"customers\": [\n  {\"id\": \"a\" \"revenue\": 1}\n]}";
	expect_error(doc, J, 2, col_of(doc, 2, "\"revenue"), "", "JSON syntax error");
	doc = "{\"customers\": [\n  {\"id\": \"a\", \"revenue\": 1, \"cost\": 1}\n";
	expect_error(doc, J, 3, 1, "", "expected ',' or ']' after a customer");
	/* The string "a, " ends early; the next one runs to the end. */
	doc = "{\"customers\": [\n  {\"id\": \"a, \"revenue\": 1}]}";
	expect_error(doc, J, 2, col_of(doc, 2, "\": 1"), "", "unterminated string");
	doc = "{\"customers\": [{\"id\": \"abc}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\"abc"), "", "unterminated string");
	doc = "{\"customers\": [{\"id\": \"abc}]}\n";
	expect_error(doc, J, 1, col_of(doc, 1, "}]}") + 3, "",
	             "unterminated string: expected '\"' before the end of the line");
	doc = "{\"customers\": [ // none\n]}";
	expect_error(doc, J, 1, col_of(doc, 1, "//"), "", "comments");
	doc = "{\"customers\": [\n  {\"id\": \"a\", /* c */ \"revenue\": 1}]}";
	expect_error(doc, J, 2, col_of(doc, 2, "/*"), "", "comments");
	doc = "{\"portfolio\": \"a\" \"customers\": []}";
	expect_error(doc, J, 1, col_of(doc, 1, "\"customers"), "",
	             "expected ',' or '}'");
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": 1, \"cost\": 1} {\"id\": \"b\"}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "{\"id\": \"b"), "",
	             "expected ',' or ']' after a customer");
	doc = "{\"customers\": [{\"id\": \"a\", \"revenue\": tru}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "tru"), "", "JSON syntax error");
	doc = "{customers: []}";
	expect_error(doc, J, 1, 2, "", "a key in double quotes");
	/* A raw control character inside a string. */
	doc = "{\"customers\": [{\"id\": \"a\tb\", \"revenue\": 1, \"cost\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\tb"), "", "control character");
	/* Columns count characters, not bytes; CRLF ends a line. */
	doc = "{\"customers\": [{\"name\": \"\xC3\xBC\xC3\xBC\", \"id\": \"a\" \"x\": 1}]}";
	expect_error(doc, J, 1, col_of(doc, 1, "\"x\""), "", "JSON syntax error");
	assert_int_equal(col_of(doc, 1, "\"x\""), 41);  /* 43 in bytes */
	doc = "{\"customers\": [\r\n  {\"id\": \"a\",\r\n  \"revenue\": 1 \"cost\": 1}]}";
	expect_error(doc, J, 3, col_of(doc, 3, "\"cost"), "", "JSON syntax error");
	/* Nesting is bounded. */
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "{\"customers\": [{\"id\": \"a\", \"x\": ");
	for (int i = 0; i < 70; i++)
		fl_buf_addc(&b, '[');
	for (int i = 0; i < 70; i++)
		fl_buf_addc(&b, ']');
	fl_buf_adds(&b, "}]}");
	loaded r;
	load_str(&r, b.buf, J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.count, 1);
	assert_non_null(strstr(r.d.items[0].message, "nesting deeper than 64"));
	assert_int_equal(r.d.items[0].line, 1);
	loaded_free(&r);
	/* A top-level value counts as the customers list does: the top
	 * object is level 1, the value's first bracket level 2, so 63
	 * brackets make 64 levels and pass; the 64th is refused. */
	for (int n = 63; n <= 64; n++) {
		fl_buf_reset(&b);
		fl_buf_adds(&b, "{\"customers\": [], \"x\": ");
		for (int i = 0; i < n; i++)
			fl_buf_addc(&b, '[');
		for (int i = 0; i < n; i++)
			fl_buf_addc(&b, ']');
		fl_buf_adds(&b, "}");
		load_str(&r, b.buf, J);
		if (n == 63) {
			assert_int_equal(r.st, FL_OK);
			assert_int_equal(r.d.errors, 0);
		} else {
			check_diag(&r, 0, FL_SEV_ERROR, 1, 23 + 64, "",
			           "nesting deeper than 64 levels");
		}
		loaded_free(&r);
	}
	fl_buf_release(&b);
}

static void test_top_level_array(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "[{\"id\": \"a\", \"revenue\": 1, \"cost\": 1},\n"
	              " {\"id\": \"b\", \"revenue\": 2, \"cost\": 1}]", J);
	assert_int_equal(r.p->count, 2);
	assert_string_equal(r.p->customers[1].id, "b");
	assert_string_equal(r.p->name, "");
	loaded_free(&r);
	expect_field_error("[{\"id\": \"a\", \"revenue\": 1, \"cost\": 1},"
	                   " {\"id\": \"b\", \"revenue\": -2, \"cost\": 1}]",
	                   "customers[1].revenue", "found -2");
}

static void test_encodings(void **state)
{
	(void)state;
	loaded r;
	expect_ok(&r, "\xEF\xBB\xBF{\"customers\": [{\"id\": \"a\", \"revenue\": 1,"
	              " \"cost\": 1}]}", J);
	assert_int_equal(r.p->count, 1);
	loaded_free(&r);
	/* With a BOM, columns on line 1 still count from the first character
	 * after it. */
	const char *doc = "\xEF\xBB\xBF{\"customers\": [} ";
	load_str(&r, doc, J);
	assert_int_equal(r.st, FL_ERR_INPUT);
	assert_int_equal(r.d.items[0].line, 1);
	loaded_free(&r);
	static const char le[] = "\xFF\xFE{\0\"\0c\0";
	static const char nobom[] = "{\0\"\0c\0u\0";
	load_len(&r, le, sizeof(le) - 1, J, false, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "UTF-16");
	loaded_free(&r);
	load_len(&r, nobom, sizeof(nobom) - 1, J, false, false);
	assert_int_equal(r.st, FL_ERR_INPUT);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "UTF-16");
	loaded_free(&r);
	/* UTF-32 is told apart from UTF-16, by its BOM or its NULs. */
	static const char le32[] = "\xFF\xFE\0\0{\0\0\0";
	static const char be32[] = "\0\0\0{\0\0\0\"";
	load_len(&r, le32, sizeof(le32) - 1, J, false, false);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "the input looks like UTF-32: "
	           "focuslevel reads UTF-8 (convert with iconv -f UTF-32 -t "
	           "UTF-8)");
	loaded_free(&r);
	load_len(&r, be32, sizeof(be32) - 1, J, false, false);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "iconv -f UTF-32 ");
	loaded_free(&r);
	load_len(&r, le, sizeof(le) - 1, J, false, false);
	check_diag(&r, 0, FL_SEV_ERROR, 1, 1, "", "iconv -f UTF-16 ");
	loaded_free(&r);
	/* Invalid UTF-8 anywhere in a string (a value the schema reads, a
	 * key, the value of a key it ignores, a top-level entry) is refused
	 * at its first byte, as the YAML loader does: the rules are
	 * fl_utf8_valid's, the words libyaml's. */
	static const struct {
		const char *doc;
		const char *at;     /* the bad character starts here */
		const char *why;
	} bad[] = {
		{ "{\"customers\": [{\"id\": \"a\", \"name\": \"a\xC3\"}]}", "\xC3",
		  "invalid trailing UTF-8 octet" },
		{ "{\"customers\": [{\"id\": \"a\", \"n\xFFme\": 1}]}", "\xFF",
		  "invalid leading UTF-8 octet" },
		{ "{\"customers\": [{\"id\": \"a\", \"note\": [\"caf\xE9\"]}]}",
		  "\xE9", "invalid trailing UTF-8 octet" },
		{ "{\"x\xE9\": 1, \"customers\": []}", "\xE9",
		  "invalid trailing UTF-8 octet" },
		{ "{\"x\": {\"k\": \"\x80\"}, \"customers\": []}", "\x80",
		  "invalid leading UTF-8 octet" },
		{ "{\"customers\": [{\"id\": \"\xC0\xAF\"}]}", "\xC0",
		  "invalid length of a UTF-8 sequence" },
		{ "{\"customers\": [{\"id\": \"\xE0\x80\xAF\"}]}", "\xE0",
		  "invalid length of a UTF-8 sequence" },
		{ "{\"customers\": [{\"id\": \"\xF0\x80\x80\xAF\"}]}", "\xF0",
		  "invalid length of a UTF-8 sequence" },
		{ "{\"customers\": [{\"id\": \"x\xED\xA0\x80\"}]}", "\xED",
		  "invalid Unicode character" },
		{ "{\"customers\": [{\"id\": \"x\xF4\x90\x80\x80\"}]}", "\xF4",
		  "invalid Unicode character" },
		{ "{\"customers\": [{\"id\": \"x\xF8\x88\x80\x80\x80\"}]}",
		  "\xF8", "invalid leading UTF-8 octet" },
		{ "{\"customers\": [{\"id\": \"\xE2\x82", "\xE2",
		  "incomplete UTF-8 octet sequence" },
		{ "{\"customers\": [\n{\"id\": \"\xC3\xBC\xFF\"}]}", "\xFF",
		  "invalid leading UTF-8 octet" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *d = bad[i].doc;
		size_t off = (size_t)(strstr(d, bad[i].at) - d);
		unsigned long line = memchr(d, '\n', off) != NULL ? 2 : 1;
		char want[128];
		snprintf(want, sizeof(want), "the input is not valid UTF-8: %s "
		         "(byte %zu)", bad[i].why, off + 1);
		expect_error(d, J, line, col_of(d, line, bad[i].at), "", want);
	}
	/* Valid UTF-8 of every length passes, in keys and values. */
	expect_ok(&r, "{\"customers\": [{\"id\": \"\xC3\xBC\xE2\x82\xAC"
	              "\xF0\x9F\x93\x9E\xF4\x8F\xBF\xBF\", \"n\xC3\xBC\": \"\xEF\xBF\xBF\","
	              " \"revenue\": 1, \"cost\": 1}]}", J);
	assert_string_equal(r.p->customers[0].id,
	                    "\xC3\xBC\xE2\x82\xAC\xF0\x9F\x93\x9E\xF4\x8F\xBF\xBF");
	loaded_free(&r);
}

static void test_sample_matches_yaml(void **state)
{
	(void)state;
	FILE *fp = fopen(FL_SOURCE_DIR "/data/sample.json", "rb");
	assert_non_null(fp);
	loaded j, y;
	fl_diags_init(&j.d, 0);
	j.st = fl_portfolio_load(fp, "sample.json", NULL, &j.p, &j.d);
	fclose(fp);
	fp = fopen(FL_SOURCE_DIR "/data/sample.yaml", "rb");
	assert_non_null(fp);
	fl_diags_init(&y.d, 0);
	y.st = fl_portfolio_load(fp, "sample.yaml", NULL, &y.p, &y.d);
	fclose(fp);
	assert_int_equal(j.st, FL_OK);
	assert_int_equal(y.st, FL_OK);
	assert_int_equal(j.p->count, 12);
	assert_int_equal(j.p->count, y.p->count);
	for (size_t i = 0; i < j.p->count; i++) {
		const fl_customer *a = &j.p->customers[i], *b = &y.p->customers[i];
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->name, b->name);
		assert_string_equal(a->segment, b->segment);
		assert_string_equal(fl_customer_reason(a), fl_customer_reason(b));
		assert_true(a->revenue == b->revenue);
		assert_true(a->cost == b->cost);
		assert_int_equal(a->orders, b->orders);
		assert_int_equal(a->pin, b->pin);
		assert_int_equal(a->form, b->form);
		assert_int_equal(a->line, 0);   /* JSON has no lines */
	}
	assert_string_equal(j.p->name, y.p->name);
	assert_string_equal(j.p->currency, y.p->currency);
	assert_string_equal(j.p->period, y.p->period);
	loaded_free(&j);
	loaded_free(&y);
}

/* ---- through a FILE, and larger than the read window ---------------- */

static char *big_doc(size_t *len, bool error_at_end)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "{\n  \"portfolio\": \"big\",\n  \"customers\": [\n");
	for (int i = 0; i < 20000; i++) {
		unsigned r = (unsigned)i * 2654435761u % 10000000u;
		if (i > 0)
			fl_buf_adds(&b, ",\n");
		if (i % 3 == 0) {
			fl_buf_addf(&b, "    {\"id\": \"c%05d\", \"name\": \"Customer %d, "
			            "\\\"quoted\\\" [x] {y}\", \"segment\": \"seg%d\", "
			            "\"revenue\": %u.%02u, \"cost\": %u.%02u, \"orders\": %d}",
			            i, i, i % 7, r, i % 100, r / 2, (i * 7) % 100,
			            1 + i % 50);
		} else {
			fl_buf_addf(&b, "    {\"id\": %d.50, \"orders\": [\n"
			            "      {\"value\": %u.%02u, \"cost\": %u.5, \"date\": "
			            "\"2026-01-01\"},\n      {\"value\": 1.25, \"cost\": 0.75, "
			            "\"date\": \"2026-01-02\"}]",
			            i, r, i % 100, r / 3);
			if (i == 10000) {
				/* A string longer than the reader's first window. */
				fl_buf_adds(&b, ", \"reason\": \"");
				for (int k = 0; k < 400000; k++)
					fl_buf_addc(&b, (char)('a' + k % 26));
				fl_buf_adds(&b, "\"");
			}
			fl_buf_adds(&b, "}");
		}
	}
	if (error_at_end)
		fl_buf_adds(&b, ",\n    {\"id\": \"bad\", \"revenue\": 1,, \"cost\": 1}");
	fl_buf_adds(&b, "\n  ]\n}\n");
	assert_false(b.oom);
	*len = b.len;
	return fl_buf_detach(&b);
}

static void test_file_equals_mem(void **state)
{
	(void)state;
	size_t len;
	char *doc = big_doc(&len, false);
	assert_true(len > (size_t)2 << 20);
	loaded a, b;
	load_len(&a, doc, len, J, false, false);
	if (a.st != FL_OK)
		dump_diags(&a);
	assert_int_equal(a.st, FL_OK);
	assert_int_equal(a.p->count, 20000);
	assert_string_equal(a.p->customers[1].id, "1.50");
	assert_string_equal(a.p->customers[3].name, "Customer 3, \"quoted\" [x] {y}");
	assert_int_equal(strlen(fl_customer_reason(&a.p->customers[10000])), 400000);
	/* fmemopen here, a real temporary file for the error case below. */
	load_file_len(&b, doc, len, J, false, false, false);
	assert_same_load(&a, &b);
	loaded_free(&a);
	loaded_free(&b);
	free(doc);

	/* A syntax error after 2.5 MB: the same line and column. */
	doc = big_doc(&len, true);
	load_len(&a, doc, len, J, false, false);
	load_file_len(&b, doc, len, J, false, false, true);
	assert_int_equal(a.st, FL_ERR_INPUT);
	unsigned long lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += doc[i] == '\n';
	/* The error is on the third line from the end. */
	assert_int_equal(a.d.count, 1);
	assert_int_equal(a.d.items[0].line, lines - 2);
	assert_same_load(&a, &b);
	loaded_free(&a);
	loaded_free(&b);
	free(doc);

	/* Small documents too, valid and not. */
	const char *docs[] = {
		"{\"customers\": [{\"id\": \"a\", \"revenue\": 1, \"cost\": 1}]}",
		"{\"customers\": [{\"id\": \"a\", \"revenue\": -1, \"cost\": 1}]}",
		"{\"customers\": [\n{\"id\": \"a\" \"revenue\": 1}]}",
		"",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		load_len(&a, docs[i], strlen(docs[i]), J, false, false);
		load_file_len(&b, docs[i], strlen(docs[i]), J, false, false, false);
		assert_same_load(&a, &b);
		loaded_free(&a);
		loaded_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_detailed_sums_in_input_order),
		cmocka_unit_test(test_id_kept_as_written),
		cmocka_unit_test(test_id_errors),
		cmocka_unit_test(test_duplicate_id_of_invalid),
		cmocka_unit_test(test_duplicate_id_of_invalid_jsonl),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_numbers_accepted),
		cmocka_unit_test(test_quoted_numbers_rejected),
		cmocka_unit_test(test_bare_numbers_rejected),
		cmocka_unit_test(test_non_json_numbers_rejected),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_booleans_and_null),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_bad_key_column),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_skip_invalid),
		cmocka_unit_test(test_empty_customers_warning),
		cmocka_unit_test(test_document_errors),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_top_level_array),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_sample_matches_yaml),
		cmocka_unit_test(test_file_equals_mem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
