/*
 * test_csv.c - the scanner of delimited text (util/csv.c): fields, quoting,
 * lines and columns, errors, and the same records whatever the window;
 * and the aggregation of order lines (fl_orderlines_load_mem).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/focuslevel.h>

#include "util/buf.h"
#include "util/csv.h"

/*
 * Scan s whole, the window growing by `step` bytes each time the scanner
 * asks for more (0: all at once), into "L<line>[a|b]" per record, or
 * "E<line>:<col>:<error>" per error.
 */
static char *scan(const char *s, char delim, size_t step)
{
	size_t n = strlen(s), len = step ? (step < n ? step : n) : n, pos = 0;
	fl_csv c;
	fl_csv_init(&c, delim, 1);
	fl_buf out;
	fl_buf_init(&out);
	for (;;) {
		fl_csv_status st = fl_csv_next(&c, s, len, &pos, len == n);
		if (st == FL_CSV_MORE) {
			assert_true(len < n);
			len = len + step < n ? len + step : n;
			continue;
		}
		if (st == FL_CSV_END)
			break;
		assert_int_not_equal(st, FL_CSV_NOMEM);
		if (st == FL_CSV_ERROR) {
			fl_buf_addf(&out, "E%lu:%lu:%d ", c.err_line,
			            fl_csv_column(c.err_line_start, c.err_at, true),
			            (int)c.error);
			continue;
		}
		fl_buf_addf(&out, "L%lu[", c.fields[0].line);
		for (size_t i = 0; i < c.count; i++) {
			fl_buf_add(&out, c.fields[i].s, c.fields[i].len);
			fl_buf_adds(&out, i + 1 < c.count ? "|" : "] ");
		}
	}
	fl_csv_release(&c);
	return fl_buf_detach(&out);
}

/* Every window size gives the same records. */
static void check(const char *in, char delim, const char *want)
{
	size_t n = strlen(in);
	for (size_t step = 0; step <= n + 1; step++) {
		char *got = scan(in, delim, step);
		if (strcmp(got, want) != 0)
			fail_msg("step %zu: %s\n  got  %s\n  want %s", step, in, got,
			         want);
		free(got);
	}
}

static void test_plain(void **state)
{
	(void)state;
	check("a,b,c\n1,2,3\n", ',', "L1[a|b|c] L2[1|2|3] ");
	check("a;b\r\n1;2\r\n", ';', "L1[a|b] L2[1|2] ");
	check("a\tb\n\n\r\n1\t\n", '\t', "L1[a|b] L4[1|] ");
	check("x|y", '|', "L1[x|y] ");
	check(" a , b \n", ',', "L1[ a | b ] ");  /* nothing trimmed */
	check(",\n", ',', "L1[|] ");
	check("", ',', "");
	check("\n\n", ',', "");
}

static void test_quoted(void **state)
{
	(void)state;
	check("\"a,b\",c\n", ',', "L1[a,b|c] ");
	check("\"5\"\" screen\",\"\"\"\",x\n", ',', "L1[5\" screen|\"|x] ");
	check("\"two\nlines\",x\ny,z\n", ',', "L1[two\nlines|x] L3[y|z] ");
	check("\"\",\"a\"\"\"\"b\"\r\n", ',', "L1[|a\"\"b] ");
	check("p,\"q\"", ',', "L1[p|q] ");
	check("\"a\"\"b\",\"c\"\"d\"\n", ',', "L1[a\"b|c\"d] ");
}

static void test_errors(void **state)
{
	(void)state;
	check("a,b\"c,d\ne,f\n", ',', "E1:4:1 L2[e|f] ");
	check("\"a\"b,c\ne,f\n", ',', "E1:4:2 L2[e|f] ");
	check("a,b\nc,\"d\ne\n", ',', "L1[a|b] E2:3:3 ");
	check("x\n\"\xc3\xa4\"z\n", ',', "L1[x] E2:4:2 ");  /* columns in characters */
}

static void test_dates(void **state)
{
	(void)state;
	fl_date d;
	assert_int_equal(fl_date_parse_format("%m/%d/%Y", "12/1/2010 8:26", 14,
	                                      &d), FL_DATE_OK);
	assert_int_equal(d.year, 2010);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 1);
	assert_int_equal(fl_date_parse_format("%d.%m.%y", "29.02.24", 8, &d),
	                 FL_DATE_OK);
	assert_int_equal(d.year, 2024);
	assert_int_equal(fl_date_parse_format("%d-%b-%Y", "05-mAr-1999", 11, &d),
	                 FL_DATE_OK);
	assert_int_equal(d.month, 3);
	assert_int_equal(fl_date_parse_format("%d.%m.%Y", "29.02.2023", 10, &d),
	                 FL_DATE_INVALID);
	assert_int_equal(fl_date_parse_format("%d.%m.%Y", "2023-02-01", 10, &d),
	                 FL_DATE_NO_FORM);
	assert_int_equal(fl_date_parse_format("%d.%m.%Y", "01.02.2023x", 11, &d),
	                 FL_DATE_NO_FORM);
	const char *why;
	assert_true(fl_date_format_valid("%Y%m%d", &why));
	assert_false(fl_date_format_valid("%Y-%m", &why));
	assert_false(fl_date_format_valid("%Y-%m-%d %H", &why));
}

/* Lines of one order summed in file order, orders in order of first
 * appearance, the earliest date, a credit note kept with its sign. */
static void test_orderlines(void **state)
{
	(void)state;
	static const char in[] =
		"Customer,Invoice,Date,Amount,Cost\n"
		"A,1,2024-01-05,10,4\n"
		"B,7,2024-01-01,3,1\n"
		"A,2,2024-02-01,5,2\n"
		"A,1,2024-01-03,2.5,1\n"
		"A,C1,,-4,-1\n";
	fl_load_options o;
	memset(&o, 0, sizeof(o));
	fl_diags d;
	fl_diags_init(&d, 20);
	fl_orderlines *ol;
	assert_int_equal(fl_orderlines_load_mem(in, sizeof(in) - 1, "x.csv", &o,
	                                        &ol, &d), FL_OK);
	assert_int_equal(ol->count, 2);
	const fl_line_customer *a = &ol->customers[0];
	assert_string_equal(a->id, "A");
	assert_string_equal(a->name, "A");
	assert_int_equal(a->count, 3);
	const fl_order *o1 = &ol->orders[a->first];
	assert_true(o1->value == 12.5 && o1->cost == 5);
	assert_int_equal(o1->day, 19725);  /* 2024-01-03 */
	const fl_order *o2 = &ol->orders[o1->next];
	assert_true(o2->value == 5);
	const fl_order *o3 = &ol->orders[o2->next];
	assert_true(o3->value == -4 && o3->day == FL_DAY_NONE);
	assert_int_equal(o3->next, FL_ORDER_END);
	assert_int_equal(o3->line, 6);
	fl_orderlines_free(ol);
	fl_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_orderlines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
