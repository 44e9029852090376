/*
 * test_locale.c - the library's bytes do not depend on the C locale.
 *
 * A program that links the library may call setlocale(LC_ALL, "") and run
 * in a locale whose decimal point is ','.  This test renders everything the
 * library writes (assign in every format, report in every format, explain,
 * policy, thresholds, plot) from data/sample.yaml and a policy with
 * fractional numbers, first in the "C" locale and then in de_DE.UTF-8, and
 * wants the same bytes; it also checks the number parser and printers on
 * inputs that take their slow (C library) paths.
 *
 * ctest generates de_DE.UTF-8 into the build tree with localedef and points
 * LOCPATH at it (tests/unit/CMakeLists.txt).  A missing locale fails the
 * test: it would otherwise pass without testing anything.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture.h"

#include "plan_with.h"
#include <focuslevel/focuslevel.h>

#include "util/number.h"

#define COMMA_LOCALE "de_DE.UTF-8"

static const char policy_doc[] =
	"margin:\n  cuts: [0.125, 0.375]\n  split: 0.3\n"
	"value:\n  cuts: [0.2, 0.8]\n  split: 0.55\n"
	"levels:\n"
	"  proactive:\n    contacts_per_year: 2.5\n    cost: 12.345\n"
	"  partnership:\n    contacts_per_year: 26\n    cost: 1234.5678\n";

/* Read a whole file into a NUL-terminated buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + n, 1, 4096, fp);
		n += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Load a sample portfolio (data/NAME) and the policy, classify, and write every
 * output into one anonymous file; return its bytes.
 */
static char *render_all(const char *name, size_t *len)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s/data/%s", FL_SOURCE_DIR, name);
	size_t doc_len;
	char *doc = slurp(src, &doc_len);

	fl_diags d;
	fl_diags_init(&d, 0);
	fl_load_options lo = { .format = FL_INPUT_AUTO };
	fl_portfolio *p = NULL;
	assert_int_equal(fl_portfolio_load_mem(doc, doc_len, name, &lo, &p, &d),
	                 FL_OK);
	fl_policy *pol = NULL;
	assert_int_equal(fl_policy_load_mem(policy_doc, strlen(policy_doc),
	                                    "policy.yaml", &pol, &d), FL_OK);
	fl_diags_release(&d);
	free(doc);

	fl_plan plan = { 0 };
	assert_int_equal(plan_with(p, &pol->thresholds, &plan), FL_OK);
	fl_summary sum = { 0 };
	assert_int_equal(fl_summary_compute(p, &plan, pol, 5.0, &sum), FL_OK);

	int fd;
	fl_out *o = capture_begin(&fd);

	static const fl_format assign_formats[] = {
		FL_FORMAT_TABLE, FL_FORMAT_CSV, FL_FORMAT_TSV, FL_FORMAT_JSON,
	};
	for (size_t i = 0; i < sizeof(assign_formats) / sizeof(*assign_formats);
	     i++) {
		fl_assign_options ao = { .format = assign_formats[i] };
		assert_int_equal(fl_assign_write(o, p, &plan, &ao), FL_OK);
	}
	static const fl_format report_formats[] = {
		FL_FORMAT_TABLE, FL_FORMAT_MARKDOWN, FL_FORMAT_JSON, FL_FORMAT_HTML,
	};
	for (size_t i = 0; i < sizeof(report_formats) / sizeof(*report_formats);
	     i++) {
		fl_report_options ro = { .format = report_formats[i] };
		assert_int_equal(fl_report_write(o, p, &plan, pol, &sum, &ro),
		                 FL_OK);
	}
	static const fl_section sections[] = {
		FL_SECTION_GRID, FL_SECTION_LEVELS, FL_SECTION_QUADRANTS,
		FL_SECTION_EXCEPTIONS, FL_SECTION_SERVICE_PLAN,
	};
	for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++) {
		fl_report_options ro = { .format = FL_FORMAT_CSV,
		                         .section = sections[i] };
		assert_int_equal(fl_report_write(o, p, &plan, pol, &sum, &ro),
		                 FL_OK);
	}
	assert_int_equal(fl_explain_write(o, p, &plan, pol, 0), FL_OK);
	fl_policy_write(o, pol);
	fl_thresholds_write(o, &plan);
	fl_plot_options po;
	fl_plot_options_init(&po);
	po.labels = 3;
	assert_int_equal(fl_plot_write(o, p, &plan, &po), FL_OK);
	assert_false(fl_out_failed(o));
	char *buf = capture_end(o, fd, len);
	assert_true(*len > 0);

	fl_summary_release(&sum);
	fl_plan_release(&plan);
	fl_policy_free(pol);
	fl_portfolio_free(p);
	return buf;
}

/* Switch the whole program to the comma locale; fail if it is missing. */
static void enter_comma_locale(void)
{
	if (setlocale(LC_ALL, COMMA_LOCALE) == NULL)
		fail_msg("locale %s is missing (LOCPATH=%s): ctest generates it "
		         "with localedef", COMMA_LOCALE,
		         getenv("LOCPATH") ? getenv("LOCPATH") : "unset");
	assert_string_equal(localeconv()->decimal_point, ",");
}

static void check_same_bytes(const char *name)
{
	setlocale(LC_ALL, "C");
	size_t c_len;
	char *c_out = render_all(name, &c_len);
	assert_non_null(strstr(c_out, "1234.57"));

	enter_comma_locale();
	size_t de_len;
	char *de_out = render_all(name, &de_len);
	setlocale(LC_ALL, "C");

	if (c_len != de_len || memcmp(c_out, de_out, c_len) != 0) {
		size_t i = 0;
		while (i < c_len && i < de_len && c_out[i] == de_out[i])
			i++;
		size_t from = i > 40 ? i - 40 : 0;
		fail_msg("%s: outputs differ at byte %zu:\n  C:     %.80s\n"
		         "  de_DE: %.80s", name, i, c_out + from, de_out + from);
	}
	free(c_out);
	free(de_out);
}

static void test_outputs_same_bytes(void **state)
{
	(void)state;
	check_same_bytes("sample.yaml");
	check_same_bytes("sample.json");
	check_same_bytes("sample.jsonl");
}

static void test_numbers_slow_paths(void **state)
{
	(void)state;
	enter_comma_locale();
	char buf[FL_MONEY_MAX];

	/* A half cent goes to printf ("%.2f"); so does a huge value. */
	fl_fmt_money(buf, 2.675);
	assert_string_equal(buf, "2.67");
	fl_fmt_money(buf, 1e15 + 0.5);
	assert_string_equal(buf, "1000000000000000.50");
	/* The shortest form goes through "%.*e" and strtod. */
	fl_fmt_shortest(buf, 0.1);
	assert_string_equal(buf, "0.1");
	fl_fmt_shortest(buf, 1e300);
	assert_string_equal(buf, "1e+300");
	fl_fmt_shortest(buf, 1234.5678);
	assert_string_equal(buf, "1234.5678");

	/* More than 15 significant digits go to strtod. */
	double v = 0;
	const char *s = "0.12345678901234567891";
	assert_int_equal(fl_number_parse(s, strlen(s), &v), FL_NUM_OK);
	assert_true(v == 0.12345678901234568);
	s = "1.5e300";
	assert_int_equal(fl_number_parse(s, strlen(s), &v), FL_NUM_OK);
	assert_true(v == 1.5e300);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs_same_bytes),
		cmocka_unit_test(test_numbers_slow_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
