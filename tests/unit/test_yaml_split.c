/*
 * test_yaml_split.c - where -j cuts a YAML customers list
 * (load/yaml_split.h), and YAML loads with jobs against the one-thread
 * load, from memory and through a FILE (the CLI reads files only, so the
 * memory reader's path is checked here).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/yaml_split.h"
#include "util/buf.h"
#include "load_check.h"

static int item(const char *s, size_t indent)
{
	return fl_yaml_item_line(s, strlen(s), indent);
}

static void test_item_line(void **state)
{
	(void)state;
	assert_int_equal(item("  - id: a\n", 2), 1);
	assert_int_equal(item("  -\n", 2), 1);
	assert_int_equal(item("  -\r\n", 2), 1);
	assert_int_equal(item("- a\n", 0), 1);
	assert_int_equal(item("  -x\n", 2), 0);   /* a plain scalar */
	assert_int_equal(item("  ---\n", 2), 0);
	assert_int_equal(item("--- \n", 0), 0);  /* a document start */
	assert_int_equal(item(" - a\n", 2), 0);  /* less indented */
	assert_int_equal(item("    - a\n", 2), 0);  /* deeper */
	assert_int_equal(item("  # - a\n", 2), 0);
	assert_int_equal(item("\t- a\n", 1), 0);
	assert_int_equal(item("  -\rx", 2), 0);
	/* Too short to tell. */
	assert_int_equal(item("  ", 2), -1);
	assert_int_equal(item("  -", 2), -1);
	assert_int_equal(item("  -\r", 2), -1);
	assert_int_equal(item("", 0), -1);
}

/* Ten customers of 3 lines at column 2, with a comment like an item, an
 * item line with another first key (counted, but no cut), and a key at
 * column 0 after them. */
static const char list[] =
	"  - id: C0\n    name: a\n    orders: 1\n"
	"  - id: C1\n    name: a\n    orders: 1\n"
	"  # - id: not an item\n"
	"  - id: C2\n    name: a\n    orders: 1\n"
	"  - name: C3\n    id: C3\n    orders: 1\n"
	"  - id: C4\n    name: a\n    orders: 1\n"
	"\n"
	"  - id: C5\n    name: a\n    orders: 1\n"
	"  - id: C6\n    name: a\n    orders: 1\n"
	"  - id: C7\n    name: a\n    orders: 1\n"
	"currency: EUR\n"
	"  - id: C8\n    name: a\n    orders: 1\n";

static size_t offset_of(const char *needle)
{
	const char *p = strstr(list, needle);
	assert_non_null(p);
	return (size_t)(p - list);
}

static void test_cut(void **state)
{
	(void)state;
	fl_chunk ch[FL_JOBS_MAX];
	size_t len = strlen(list);
	/* One chunk: from the first item to the last cut before the key at
	 * column 0 (C7 stays for the one-thread path). */
	size_t n = fl_yaml_cut(list, 0, len, 2, 6, 1, 10, ch);
	assert_int_equal(n, 1);
	assert_int_equal(ch[0].start, 0);
	assert_int_equal(ch[0].end, offset_of("  - id: C7"));
	assert_int_equal(ch[0].index, 10);
	/* Up to three of about a third each: each at an item line starting
	 * "  - id" (so not at C3), the index counting every item line (C3's
	 * too) but not the comment; the third would start at C7. */
	n = fl_yaml_cut(list, 0, len, 2, 6, 3, 10, ch);
	assert_int_equal(n, 2);
	assert_int_equal(ch[1].start, offset_of("  - id: C4"));
	assert_int_equal(ch[1].index, 14);
	for (size_t i = 0; i < n; i++) {
		assert_memory_equal(list + ch[i].start, "  - id", 6);
		if (i > 0)
			assert_int_equal(ch[i].start, ch[i - 1].end);
	}
	assert_int_equal(ch[n - 1].end, offset_of("  - id: C7"));
	for (size_t i = 0; i < n; i++) {
		char want[16];
		snprintf(want, sizeof(want), "  - id: C%zu",
		         ch[i].index - 10);
		assert_int_equal(ch[i].start, offset_of(want));
	}
	/* No cut when the prefix is met nowhere else. */
	assert_int_equal(fl_yaml_cut(list, 0, len, 2, 10, 2, 0, ch), 0);
	/* The window ends inside C5's first line: the cuts end before. */
	n = fl_yaml_cut(list, 0, offset_of("  - id: C5") + 3, 2, 6, 1, 0, ch);
	assert_int_equal(n, 1);
	assert_int_equal(ch[0].end, offset_of("  - id: C4"));
}

static bool scan(const char *s, size_t *items)
{
	return fl_yaml_chunk_scan(s, strlen(s), 2, items);
}

static void test_chunk_scan(void **state)
{
	(void)state;
	size_t items = 99;
	assert_true(scan(list, &items));
	assert_int_equal(items, 9);  /* C8 too: counting is not parsing */
	assert_true(scan("  - id: a\r\n    name: \xc3\xa9 \xe2\x82\xac "
	                 "\xe2\x80\x93\r\n  -\r\n", &items));
	assert_int_equal(items, 2);
	assert_false(scan("  - id: a\n    name: \"a\tb\"\n", &items));
	assert_false(scan("  - id: a\r    name: b\n", &items));
	assert_false(scan("  - id: a\n    name: a\xc2\x85" "b\n", &items));
	assert_false(scan("  - id: a\n    name: a\xe2\x80\xa8" "b\n", &items));
	assert_false(scan("  - id: a\n    name: a\xe2\x80\xa9" "b\n", &items));
	assert_false(scan("  - id: a\n    name: a\r", &items));
}

/* A load with `jobs` threads, from memory or through a temporary file. */
static void load_jobs(loaded *r, const char *doc, unsigned jobs, bool file,
                      bool skip)
{
	fl_load_options o = { .format = FL_INPUT_YAML, .jobs = jobs,
	                      .skip_invalid = skip };
	fl_diags_init(&r->d, 20);
	r->p = NULL;
	if (file) {
		FILE *fp = tmpfile();
		assert_non_null(fp);
		size_t len = strlen(doc);
		assert_int_equal(fwrite(doc, 1, len, fp), len);
		rewind(fp);
		r->st = fl_portfolio_load(fp, NULL, &o, &r->p, &r->d);
		fclose(fp);
	} else {
		r->st = fl_portfolio_load_mem(doc, strlen(doc), NULL, &o, &r->p,
		                              &r->d);
	}
}

/* 400 customers with what a cut must see through every few (a name
 * quoted over lines, one like an item; a block scalar; a comment like an
 * item; an anchor), some invalid (more than 20 errors), some
 * duplicates. */
static char *tricky_doc(void)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_addf(&b, "portfolio: Split\ncurrency: EUR\ncustomers:\n");
	for (int i = 0; i < 400; i++) {
		if (i % 97 == 50)
			fl_buf_addf(&b, "  - id: C%d\n", i - 40);
		else
			fl_buf_addf(&b, "  - id: C%d\n", i);
		if (i % 41 == 7)
			fl_buf_addf(&b, "    name: \"over\n  - id: FAKE\n"
			            "      lines\"\n");
		else if (i % 37 == 3)
			fl_buf_addf(&b, "    name: |-\n      - id: NOT\n");
		else if (i % 53 == 9)
			fl_buf_addf(&b, "    name: &a anchored\n");
		else
			fl_buf_addf(&b, "    name: Customer %d\n", i);
		fl_buf_addf(&b, "    revenue: %s%d\n    cost: %d\n    orders: %d\n",
		            i % 13 == 5 ? "-" : "", 100 + i * 7 % 900,
		            10 + i % 50, 1 + i % 4);
		if (i % 29 == 11)
			fl_buf_addf(&b, "  # - id: COMMENT\n# - id: C1\n");
	}
	fl_buf_addf(&b, "period: 2026-Q3\n");
	return fl_buf_detach(&b);
}

static void test_jobs_same(void **state)
{
	(void)state;
	char *doc = tricky_doc();
	for (int skip = 0; skip < 2; skip++) {
		loaded one;
		load_jobs(&one, doc, 1, false, skip);
		assert_true(one.d.errors > 20);
		unsigned jobs[] = { 2, 3, 8 };
		for (size_t k = 0; k < 3; k++) {
			for (int file = 0; file < 2; file++) {
				loaded r;
				load_jobs(&r, doc, jobs[k], file, skip);
				assert_same_load(&one, &r);
				assert_int_equal(one.d.dropped, r.d.dropped);
				loaded_free(&r);
			}
		}
		loaded_free(&one);
	}
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_line),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_chunk_scan),
		cmocka_unit_test(test_jobs_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
