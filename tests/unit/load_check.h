/*
 * load_check.h - what test_load_yaml.c and test_load_json.c share: load a
 * document from memory or through a FILE, look at the diagnostics, and
 * compare two loads.  Include after <cmocka.h>.
 */
#ifndef FL_TEST_LOAD_CHECK_H
#define FL_TEST_LOAD_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/focuslevel.h>

typedef struct loaded {
	fl_status st;
	fl_portfolio *p;
	fl_diags d;
} loaded;

static inline void load_len(loaded *r, const char *doc, size_t len,
                            fl_input_format fmt, bool strict, bool skip)
{
	fl_load_options o = { .format = fmt, .strict = strict,
	                      .skip_invalid = skip };
	fl_diags_init(&r->d, 0);
	r->p = NULL;
	r->st = fl_portfolio_load_mem(doc, len, NULL, &o, &r->p, &r->d);
	/* The contract of fl_portfolio_load: a portfolio exactly on FL_OK. */
	if ((r->st == FL_OK) != (r->p != NULL))
		fail_msg("status %d with portfolio %p", (int)r->st, (void *)r->p);
}

static inline void load_str(loaded *r, const char *doc, fl_input_format fmt)
{
	load_len(r, doc, strlen(doc), fmt, false, false);
}

/* The same through a FILE (fmemopen when `tmp` is false, else a real
 * temporary file). */
static inline void load_file_len(loaded *r, const char *doc, size_t len,
                                 fl_input_format fmt, bool strict, bool skip,
                                 bool tmp)
{
	FILE *fp;
	if (tmp) {
		fp = tmpfile();
		assert_non_null(fp);
		assert_int_equal(fwrite(doc, 1, len, fp), len);
		rewind(fp);
	} else {
		fp = fmemopen((void *)(size_t)doc, len, "r");
		assert_non_null(fp);
	}
	fl_load_options o = { .format = fmt, .strict = strict,
	                      .skip_invalid = skip };
	fl_diags_init(&r->d, 0);
	r->p = NULL;
	r->st = fl_portfolio_load(fp, NULL, &o, &r->p, &r->d);
	fclose(fp);
	if ((r->st == FL_OK) != (r->p != NULL))
		fail_msg("status %d with portfolio %p", (int)r->st, (void *)r->p);
}

static inline void loaded_free(loaded *r)
{
	fl_portfolio_free(r->p);
	fl_diags_release(&r->d);
	r->p = NULL;
}

/* 1-based column (in characters) of the first `needle` on 1-based `line`
 * of doc: computed independently of the loaders. */
static inline unsigned long col_of(const char *doc, unsigned long line,
                                   const char *needle)
{
	const char *s = doc;
	for (unsigned long l = 1; l < line; l++) {
		s = strchr(s, '\n');
		if (s == NULL)
			fail_msg("no line %lu", line);
		s++;
	}
	const char *end = strchr(s, '\n');
	const char *hit = strstr(s, needle);
	if (hit == NULL || (end != NULL && hit >= end))
		fail_msg("\"%s\" not on line %lu", needle, line);
	unsigned long col = 1;
	for (const char *p = s; p < hit; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80)
			col++;
	}
	return col;
}

static inline void dump_diags(const loaded *r)
{
	for (size_t i = 0; i < r->d.count; i++) {
		const fl_diag *g = &r->d.items[i];
		print_message("  diag %zu: %s %lu:%lu [%s] %s\n", i,
		              g->severity == FL_SEV_ERROR ? "error" : "warning",
		              g->line, g->column, g->path, g->message);
	}
}

/*
 * Check one diagnostic.  line 0 means "no line" (JSON); `phrase` must occur
 * in the message; path must match exactly.
 */
static inline void check_diag(const loaded *r, size_t i, fl_severity sev,
                              unsigned long line, unsigned long col,
                              const char *path, const char *phrase)
{
	if (i >= r->d.count) {
		dump_diags(r);
		fail_msg("no diagnostic %zu (there are %zu)", i, r->d.count);
	}
	const fl_diag *g = &r->d.items[i];
	if (g->severity != sev || g->line != line || g->column != col ||
	    strcmp(g->path, path) != 0 || strstr(g->message, phrase) == NULL) {
		dump_diags(r);
		fail_msg("diag %zu: expected %s %lu:%lu [%s] \"...%s...\"", i,
		         sev == FL_SEV_ERROR ? "error" : "warning", line, col, path,
		         phrase);
	}
}

/* Load doc, expect FL_ERR_INPUT with exactly one error, and check it. */
static inline void expect_error(const char *doc, fl_input_format fmt,
                                unsigned long line, unsigned long col,
                                const char *path, const char *phrase)
{
	loaded r;
	load_str(&r, doc, fmt);
	if (r.st != FL_ERR_INPUT || r.d.errors != 1 || r.d.count != 1) {
		dump_diags(&r);
		fail_msg("status %d with %zu errors, expected one input error for:\n%s",
		         (int)r.st, r.d.errors, doc);
	}
	check_diag(&r, 0, FL_SEV_ERROR, line, col, path, phrase);
	loaded_free(&r);
}

/* Load doc, expect FL_OK without any diagnostic; the caller frees. */
static inline void expect_ok(loaded *r, const char *doc, fl_input_format fmt)
{
	load_str(r, doc, fmt);
	if (r->st != FL_OK || r->d.count != 0) {
		dump_diags(r);
		fail_msg("status %d, %zu diagnostics for:\n%s", (int)r->st,
		         r->d.count, doc);
	}
}

/* Two loads agree: status, every customer field, every diagnostic. */
static inline void assert_same_load(const loaded *a, const loaded *b)
{
	assert_int_equal(a->st, b->st);
	assert_int_equal(a->d.count, b->d.count);
	assert_int_equal(a->d.errors, b->d.errors);
	for (size_t i = 0; i < a->d.count; i++) {
		const fl_diag *x = &a->d.items[i], *y = &b->d.items[i];
		assert_int_equal(x->severity, y->severity);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->column, y->column);
		assert_string_equal(x->path, y->path);
		assert_string_equal(x->message, y->message);
	}
	if (a->p == NULL)
		return;
	assert_string_equal(a->p->name, b->p->name);
	assert_string_equal(a->p->currency, b->p->currency);
	assert_string_equal(a->p->period, b->p->period);
	assert_int_equal(a->p->count, b->p->count);
	assert_int_equal(a->p->skipped, b->p->skipped);
	for (size_t i = 0; i < a->p->count; i++) {
		const fl_customer *x = &a->p->customers[i], *y = &b->p->customers[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->name, y->name);
		assert_string_equal(x->segment, y->segment);
		assert_string_equal(fl_customer_reason(x), fl_customer_reason(y));
		assert_true(x->revenue == y->revenue);
		assert_true(x->cost == y->cost);
		assert_int_equal(x->orders, y->orders);
		assert_int_equal(x->pin, y->pin);
		assert_int_equal(x->form, y->form);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->index, y->index);
		assert_int_equal(x->first_day, y->first_day);
		assert_int_equal(x->last_day, y->last_day);
		assert_int_equal(x->repeat, y->repeat);
		assert_true(x->mbar == y->mbar);
	}
	assert_int_equal(a->p->dated, b->p->dated);
	assert_int_equal(a->p->last_day, b->p->last_day);
}

#endif
