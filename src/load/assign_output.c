/*
 * assign_output.c - reading an `assign -O json` output back as one side of
 * a diff, taken as classified.
 *
 * Read as a JSON portfolio is (json_scan.h): one top-level value or one
 * customer at a time, built as an fl_node tree in a scratch arena and
 * checked through the typed accessors of fields.h.  So a NUL or invalid
 * UTF-8 in a string, a number past a double's range, and every syntax
 * error are refused as in a portfolio, and memory follows the customers,
 * never the file.
 */
#include <focuslevel/diff.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/idkey.h"
#include "util/reader.h"
#include "model/columns.h"
#include "model/diff_int.h"
#include "load/fields.h"
#include "load/json_scan.h"
#include "load/load.h"

/* ---- is it an assign output? ---- */

/* Is key k the NUL-terminated string `word`? */
static bool is_key(const char *k, const char *word)
{
	return strcmp(k, word) == 0;
}

/*
 * Only the beginning of the input decides: a JSON object whose keys before
 * "customers" include "thresholds" (the writer, src/write/assign.c, puts
 * portfolio, currency, period, count, skipped and thresholds first), and
 * whose customers array is empty or starts with an object that has
 * "level" and "margin_pct".  The values before "customers" are skipped,
 * not built, and nothing after the first customer is read.
 */
static bool detect(fl_reader *rd)
{
	fl_diags quiet;   /* the reader's own messages are not wanted here */
	fl_diags_init(&quiet, 1);
	fl_load_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.diags = &quiet;
	ctx.json = true;
	ctx.scratch = fl_arena_new();
	fl_json_scan *js = ctx.scratch != NULL ? fl_json_scan_new(&ctx, rd) : NULL;
	bool yes = false, thresholds = false;
	if (js == NULL || fl_json_scan_next(js) != '{')
		goto out;
	fl_json_scan_step(js);
	for (;;) {
		if (fl_json_scan_next(js) != '"')
			goto out;
		const char *k = fl_json_scan_key(js, ctx.scratch);
		if (k == NULL || fl_json_scan_next(js) != ':')
			goto out;
		fl_json_scan_step(js);
		int c = fl_json_scan_next(js);
		if (is_key(k, FL_KEY_CUSTOMERS)) {
			if (!thresholds || c != '[')
				goto out;
			fl_json_scan_step(js);
			c = fl_json_scan_next(js);
			if (c == ']') {
				yes = true;
			} else if (c == '{') {
				const fl_node *first = fl_json_scan_value(js, 2);
				yes = first != NULL &&
				      fl_node_get(first, fl_col_names[FL_COL_LEVEL]) != NULL &&
				      fl_node_get(first, fl_col_names[FL_COL_MARGIN_PCT])
				      != NULL;
			}
			goto out;
		}
		if (is_key(k, FL_KEY_THRESHOLDS))
			thresholds = true;
		if (!fl_json_scan_skip(js, 1))
			goto out;
		fl_arena_reset(ctx.scratch);
		if (fl_json_scan_next(js) != ',')
			goto out;
		fl_json_scan_step(js);
	}
out:
	fl_json_scan_free(js);
	fl_arena_free(ctx.scratch);
	fl_diags_release(&quiet);
	return yes;
}

bool fl_diff_is_assign_output(const char *data, size_t len)
{
	size_t i;
	/* Most portfolios are YAML: not even a scanner for those. */
	if (fl_load_sniff(data, len, &i) != FL_INPUT_JSON || data[i] != '{')
		return false;
	fl_reader rd;
	fl_reader_init_mem(&rd, data, len);
	bool yes = detect(&rd);
	fl_reader_release(&rd);
	return yes;
}

bool fl_diff_is_assign_output_file(FILE *fp)
{
	fl_reader rd;
	fl_reader_init_file(&rd, fp);
	bool yes = false;
	size_t i;
	/* The sniffer's look at the first bytes, then the scanner's. */
	if (fl_reader_peek(&rd, 4096) &&
	    fl_load_sniff(rd.buf, rd.len, &i) == FL_INPUT_JSON &&
	    rd.buf[i] == '{')
		yes = detect(&rd);
	fl_reader_release(&rd);
	return yes;
}

/* ---- reading one ---- */

struct rd {
	fl_load_ctx ctx;      /* the diagnostics: fatal counts the errors */
	fl_diags *diags;      /* the caller's */
	fl_diags pending;     /* the errors before "customers" (see flush) */
	fl_buf path;
	fl_buf quote;
	fl_json_scan *js;
	fl_diff_side *s;
	fl_diff_entry *entries;   /* malloc'd while reading; then the arena's */
	size_t count, cap;
	bool seen[7];         /* the top-level keys met (enum top) */
};

/* The top-level keys known; count and skipped are not read, the others
 * are skipped too. */
enum top { TOP_PORTFOLIO, TOP_CURRENCY, TOP_PERIOD, TOP_THRESHOLDS,
           TOP_CUSTOMERS, TOP_COUNT, TOP_SKIPPED };
static const char *const top_keys[] = {
	FL_KEY_PORTFOLIO, FL_KEY_CURRENCY, FL_KEY_PERIOD, FL_KEY_THRESHOLDS,
	FL_KEY_CUSTOMERS, FL_KEY_COUNT, FL_KEY_SKIPPED, NULL
};

/* An error at a path (JSON has no lines here), through the one wrapper. */
#define rd_error(r, path, ...) fl_load_error(&(r)->ctx, 0, 0, (path), \
                                             __VA_ARGS__)

/*
 * Without "customers" a file is no assign output, and only that is said:
 * the errors about the values before it wait in r->pending until the key
 * comes, and are dropped if it never does (syntax errors are always said).
 */
static void flush(struct rd *r)
{
	if (r->ctx.diags != &r->pending)
		return;
	r->ctx.diags = r->diags;
	for (size_t i = 0; i < r->pending.count; i++) {
		const fl_diag *d = &r->pending.items[i];
		if (fl_diags_add(r->diags, d->severity, d->line, d->column,
		                 d->path, "%s", d->message) != FL_OK)
			r->ctx.nomem = true;
	}
	r->diags->errors += r->pending.dropped;
	r->diags->dropped += r->pending.dropped;
	fl_diags_release(&r->pending);
}

/* The path "prefix.key" (or "prefix[i].key") in r->path. */
static const char *path_of(struct rd *r, const char *prefix, long index,
                           const char *key)
{
	fl_buf_reset(&r->path);
	fl_buf_adds(&r->path, prefix);
	if (index >= 0) {
		fl_buf_addc(&r->path, '[');
		fl_buf_add_uint(&r->path, (unsigned long long)index);
		fl_buf_addc(&r->path, ']');
	}
	if (key != NULL) {
		if (r->path.len > 0)
			fl_buf_addc(&r->path, '.');
		fl_buf_adds(&r->path, key);
	}
	if (r->path.oom)
		r->ctx.nomem = true;
	return r->path.buf;
}

/* s[0..len) quoted and escaped for a message (fl_field_quote). */
static const char *quoted(struct rd *r, const char *s, size_t len)
{
	fl_buf_reset(&r->quote);
	fl_field_quote(&r->quote, s, len);
	if (r->quote.oom)
		r->ctx.nomem = true;
	return r->quote.oom ? "\"\"" : r->quote.buf;
}

/* Report every repeated key of map m, at the map's path. */
static void check_duplicates(struct rd *r, const fl_node *m,
                             const char *prefix, long index, const char *key)
{
	bool oom;
	const fl_node *dup = fl_node_find_duplicate(m, &oom);
	if (oom)
		r->ctx.nomem = true;
	if (dup != NULL)
		rd_error(r, path_of(r, prefix, index, key), "duplicate key %s",
		         quoted(r, dup->key, dup->key_len));
}

/* A JSON number n: FL_NUM_SYNTAX for any other value (a string of digits
 * included), FL_NUM_RANGE past a double's range. */
static fl_num_status json_number(const fl_node *n, double *out)
{
	if (n->kind != FL_NODE_SCALAR || (n->scalar != FL_SCALAR_NUMBER &&
	                                  n->scalar != FL_SCALAR_OVERFLOW))
		return FL_NUM_SYNTAX;
	return fl_field_number(n, out);
}

/* The number n at path: false (reported) when not a finite number. */
static bool number_at(struct rd *r, const fl_node *n, const char *path,
                      double *out)
{
	double v;
	fl_num_status st = json_number(n, &v);
	if (st == FL_NUM_OK) {
		*out = v;
		return true;
	}
	if (st == FL_NUM_SYNTAX) {
		rd_error(r, path, "expected a number");
		return false;
	}
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	if (f.oom)
		r->ctx.nomem = true;
	rd_error(r, path, "number out of range: expected a number that fits a "
	         "double, found %s", f.oom ? "a number" : f.buf);
	fl_buf_release(&f);
	return false;
}

/* A required number at obj.key; false (reported) when missing or not one. */
static bool get_number(struct rd *r, const fl_node *obj, const char *prefix,
                       long index, const char *key, double *out)
{
	const fl_node *v = fl_node_get(obj, key);
	if (v == NULL) {
		rd_error(r, path_of(r, prefix, index, NULL), "missing \"%s\"", key);
		return false;
	}
	return number_at(r, v, path_of(r, prefix, index, key), out);
}

/*
 * The string v at path (*len its length): NULL when null, or not text
 * (reported).  A string, not a number: an id of 7 is not the id "7".
 */
static const char *string_at(struct rd *r, const fl_node *v,
                             const char *path, size_t *len)
{
	size_t bad;
	switch (fl_field_text(v, &bad)) {
	case FL_TEXT_NULL:
		return NULL;
	case FL_TEXT_OK:
		if (v->scalar == FL_SCALAR_STRING) {
			*len = v->len;
			return v->text;
		}
		/* fall through */
	case FL_TEXT_NOT_SCALAR:
		rd_error(r, path, "expected a string");
		break;
	case FL_TEXT_BAD_UTF8:
		rd_error(r, path, "invalid UTF-8 at byte %zu of the text", bad + 1);
		break;
	case FL_TEXT_NUL:
		rd_error(r, path, "text contains a NUL character");
		break;
	}
	return NULL;
}

/* A string at obj.key: NULL when absent or null (fine unless required),
 * or not text (reported). */
static const char *get_string(struct rd *r, const fl_node *obj,
                              const char *prefix, long index, const char *key,
                              bool required, size_t *len)
{
	const fl_node *v = fl_node_get(obj, key);
	if (v == NULL || fl_field_is_null(v)) {
		if (required)
			rd_error(r, path_of(r, prefix, index, NULL),
			         "missing \"%s\"", key);
		return NULL;
	}
	return string_at(r, v, path_of(r, prefix, index, key), len);
}

static void read_axis(struct rd *r, const fl_node *t, const char *key,
                      fl_axis *a)
{
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "%s.%s", FL_KEY_THRESHOLDS, key);
	const fl_node *ax = fl_node_get(t, key);
	if (ax == NULL || ax->kind != FL_NODE_MAP) {
		if (ax == NULL)
			rd_error(r, FL_KEY_THRESHOLDS, "missing \"%s\"", key);
		else
			rd_error(r, prefix, "expected an object");
		return;
	}
	check_duplicates(r, ax, prefix, -1, NULL);
	const fl_node *cuts = fl_node_get(ax, FL_KEY_CUTS);
	double v[2];
	if (cuts == NULL || cuts->kind != FL_NODE_SEQ || cuts->count != 2 ||
	    json_number(cuts->first, &v[0]) == FL_NUM_SYNTAX ||
	    json_number(cuts->last, &v[1]) == FL_NUM_SYNTAX) {
		rd_error(r, path_of(r, prefix, -1, FL_KEY_CUTS),
		         "expected two numbers");
	} else {
		char at[80];
		snprintf(at, sizeof(at), "%s.%s", prefix, FL_KEY_CUTS);
		/* One after the other: both paths are in r->path. */
		bool low = number_at(r, cuts->first, path_of(r, at, 0, NULL),
		                     &v[0]);
		bool high = number_at(r, cuts->last, path_of(r, at, 1, NULL),
		                      &v[1]);
		if (low && high) {
			a->cut_low = v[0];
			a->cut_high = v[1];
		}
	}
	get_number(r, ax, prefix, -1, FL_KEY_SPLIT, &a->split);
	size_t len;
	const char *basis = get_string(r, ax, prefix, -1, FL_KEY_BASIS, false,
	                               &len);
	if (basis != NULL) {
		bool known = false;
		for (int b = FL_BASIS_MARGIN_PCT; b <= FL_BASIS_CLV; b++) {
			if (strcmp(basis, fl_basis_name((fl_basis)b)) == 0) {
				a->basis = (fl_basis)b;
				known = true;
			}
		}
		if (!known)
			rd_error(r, path_of(r, prefix, -1, FL_KEY_BASIS),
			         "unknown basis %s", quoted(r, basis, len));
	}
	const char *cs = get_string(r, ax, prefix, -1, FL_KEY_CUTS_SOURCE,
	                            false, &len);
	a->cuts_source = cs != NULL && strcmp(cs, "given") == 0
		? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	const char *ss = get_string(r, ax, prefix, -1, FL_KEY_SPLIT_SOURCE,
	                            false, &len);
	a->split_source = ss != NULL && strcmp(ss, "given") == 0
		? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	/* The quantiles are optional (not shown by diff): kept when they are
	 * three finite numbers. */
	const fl_node *q = fl_node_get(ax, FL_KEY_QUANTILES);
	double qv[3];
	if (q != NULL && q->kind == FL_NODE_SEQ && q->count == 3 &&
	    json_number(q->first, &qv[0]) == FL_NUM_OK &&
	    json_number(q->first->next, &qv[1]) == FL_NUM_OK &&
	    json_number(q->last, &qv[2]) == FL_NUM_OK) {
		a->q_low = qv[0];
		a->q_high = qv[1];
		a->q_split = qv[2];
	}
}

static void read_thresholds(struct rd *r, const fl_node *t)
{
	if (t->kind != FL_NODE_MAP) {
		rd_error(r, FL_KEY_THRESHOLDS, "expected an object");
		return;
	}
	check_duplicates(r, t, FL_KEY_THRESHOLDS, -1, NULL);
	read_axis(r, t, FL_KEY_AXIS_MARGIN, &r->s->thresholds.margin);
	read_axis(r, t, FL_KEY_AXIS_VALUE, &r->s->thresholds.value);
}

static void read_customer(struct rd *r, const fl_node *c, long i)
{
	fl_diff_side *s = r->s;
	if (c->kind != FL_NODE_MAP) {
		rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i, NULL),
		         "expected a customer object");
		return;
	}
	check_duplicates(r, c, FL_KEY_CUSTOMERS, i, NULL);
	fl_diff_entry e;
	memset(&e, 0, sizeof(e));
	const char *const *col = fl_col_names;
	size_t id_len, name_len, level_len, quad_len;
	const char *id = get_string(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_ID],
	                            true, &id_len);
	const char *name = get_string(r, c, FL_KEY_CUSTOMERS, i,
	                              col[FL_COL_NAME], false, &name_len);
	const char *level = get_string(r, c, FL_KEY_CUSTOMERS, i,
	                               col[FL_COL_LEVEL], true, &level_len);
	const char *quad = get_string(r, c, FL_KEY_CUSTOMERS, i,
	                              col[FL_COL_QUADRANT], true, &quad_len);
	/* A bad number is reported (and counted); the side is refused then. */
	get_number(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_MARGIN_PCT],
	           &e.margin_pct);
	get_number(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_ORDER_VALUE],
	           &e.order_value);
	if (level != NULL) {
		e.level = (unsigned char)fl_level_parse(level);
		if (e.level == FL_LEVEL_NONE)
			rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i, col[FL_COL_LEVEL]),
			         "unknown level %s (basic, reactive, accountable, "
			         "proactive, partnership)",
			         quoted(r, level, level_len));
	}
	if (quad != NULL) {
		bool known = false;
		for (int q = FL_QUADRANT_DOG; q <= FL_QUADRANT_STAR; q++) {
			if (strcmp(quad, fl_quadrant_name((fl_quadrant)q)) == 0) {
				e.quadrant = (unsigned char)q;
				known = true;
			}
		}
		if (!known)
			rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i,
			                    col[FL_COL_QUADRANT]),
			         "unknown quadrant %s (dog, question-mark, cash-cow, "
			         "star)", quoted(r, quad, quad_len));
	}
	/* A customer with an id takes part in the duplicate check even when
	 * another field is wrong (the side is then refused anyway), so that
	 * every problem is reported at once. */
	if (id == NULL)
		return;
	if (r->count == r->cap) {
		fl_diff_entry *more = fl_grow(r->entries, &r->cap,
		                              sizeof(*more), 64);
		if (more == NULL) {
			r->ctx.nomem = true;
			return;
		}
		r->entries = more;
	}
	e.id = fl_diff_side_copy(s, id, &r->ctx.nomem);
	e.name = fl_diff_side_copy(s, name != NULL ? name : id, &r->ctx.nomem);
	e.index = (uint32_t)i;
	r->entries[r->count++] = e;
}

/* The customers array; the scanner is on its '['. */
static void read_customers(struct rd *r)
{
	fl_json_scan *js = r->js;
	fl_json_scan_step(js);
	int c = fl_json_scan_next(js);
	if (c == ']') {
		fl_json_scan_step(js);
		return;
	}
	for (long i = 0; c >= 0; i++) {
		if (c == ']') {
			fl_json_scan_error(js, "JSON syntax error: trailing comma "
			                   "before ']'");
			return;
		}
		const fl_node *n = fl_json_scan_value(js, 2);
		if (n == NULL)
			return;
		read_customer(r, n, i);
		fl_arena_reset(r->ctx.scratch);
		if (r->ctx.nomem)
			return;
		c = fl_json_scan_next(js);
		if (c == ']') {
			fl_json_scan_step(js);
			return;
		}
		if (c != ',') {
			if (!fl_json_scan_failed(js))
				fl_json_scan_unexpected(js, "',' or ']' after a customer");
			return;
		}
		fl_json_scan_step(js);
		c = fl_json_scan_next(js);
	}
}

/* A top-level value other than the customers: the scanner is on it. */
static void read_top(struct rd *r, int k)
{
	fl_json_scan *js = r->js;
	if (k != TOP_PORTFOLIO && k != TOP_CURRENCY && k != TOP_PERIOD &&
	    k != TOP_THRESHOLDS) {
		fl_json_scan_skip(js, 1);
		return;
	}
	const fl_node *n = fl_json_scan_value(js, 1);
	if (n == NULL)
		return;
	if (k == TOP_THRESHOLDS) {
		read_thresholds(r, n);
		return;
	}
	const char **dst[] = { &r->s->name, &r->s->currency, &r->s->period };
	size_t len;
	const char *v = string_at(r, n, top_keys[k], &len);
	if (v != NULL)
		*dst[k] = fl_diff_side_copy(r->s, v, &r->ctx.nomem);
}

/* The top-level object; the scanner is on its '{'. */
static void read_object(struct rd *r)
{
	fl_json_scan *js = r->js;
	fl_json_scan_step(js);
	int c = fl_json_scan_next(js);
	if (c == '}') {
		fl_json_scan_step(js);
		return;
	}
	for (;;) {
		if (c == '}') {
			fl_json_scan_error(js, "JSON syntax error: trailing comma "
			                   "before '}'");
			return;
		}
		const char *key = fl_json_scan_key(js, r->ctx.scratch);
		if (key == NULL)
			return;
		int k = -1;
		for (int t = 0; top_keys[t] != NULL; t++) {
			if (is_key(key, top_keys[t]))
				k = t;
		}
		if (fl_json_scan_next(js) != ':') {
			if (!fl_json_scan_failed(js))
				fl_json_scan_unexpected(js, "':' after a key");
			return;
		}
		fl_json_scan_step(js);
		c = fl_json_scan_next(js);
		if (k >= 0 && r->seen[k]) {
			/* Once is read; a repeat is an error, and skipped. */
			rd_error(r, top_keys[k], "duplicate key \"%s\"", top_keys[k]);
			if (!fl_json_scan_skip(js, 1))
				return;
		} else if (k == TOP_CUSTOMERS) {
			r->seen[k] = true;
			flush(r);
			if (c == '[') {
				read_customers(r);
			} else {
				/* At the end of the input, the scanner says so. */
				if (c >= 0)
					rd_error(r, FL_KEY_CUSTOMERS, "expected an array");
				fl_json_scan_skip(js, 1);
			}
		} else {
			if (k >= 0)
				r->seen[k] = true;
			read_top(r, k);
		}
		fl_arena_reset(r->ctx.scratch);
		if (fl_json_scan_failed(js) || r->ctx.nomem)
			return;
		c = fl_json_scan_next(js);
		if (c == '}') {
			fl_json_scan_step(js);
			return;
		}
		if (c != ',') {
			if (!fl_json_scan_failed(js))
				fl_json_scan_unexpected(js, "',' or '}'");
			return;
		}
		fl_json_scan_step(js);
		c = fl_json_scan_next(js);
	}
}

/* The side's entries, from r->entries into its arena. */
static void keep_entries(struct rd *r)
{
	fl_diff_side *s = r->s;
	if (r->count == 0)
		return;
	s->entries = fl_arena_alloc(s->arena, r->count * sizeof(*s->entries));
	if (s->entries == NULL) {
		r->ctx.nomem = true;
		return;
	}
	memcpy(s->entries, r->entries, r->count * sizeof(*s->entries));
	s->count = r->count;
}

static fl_status read_assign(fl_reader *rdr, fl_diff_side **out,
                             fl_diags *diags)
{
	struct rd r;
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	fl_diags_init(&r.pending, diags->limit);
	r.ctx.diags = &r.pending;
	r.ctx.json = true;
	fl_buf_init(&r.path);
	fl_buf_init(&r.quote);
	r.ctx.scratch = fl_arena_new();
	r.s = fl_diff_side_new(0);
	r.js = r.ctx.scratch != NULL ? fl_json_scan_new(&r.ctx, rdr) : NULL;
	fl_status st = FL_OK;
	if (r.s == NULL || r.js == NULL) {
		st = FL_ERR_NOMEM;
		goto out;
	}
	r.s->source = FL_DIFF_ASSIGN;
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	r.s->thresholds.margin.basis = spec.margin.basis;
	r.s->thresholds.value.basis = spec.value.basis;

	int c = fl_json_scan_next(r.js);
	if (c == '{') {
		read_object(&r);
		if (!fl_json_scan_failed(r.js) && !r.ctx.nomem &&
		    fl_json_scan_next(r.js) >= 0)
			fl_json_scan_unexpected(r.js, "the end of the JSON document");
		if (!fl_json_scan_failed(r.js) && !r.ctx.nomem &&
		    !r.seen[TOP_CUSTOMERS]) {
			/* Only this is said (see flush). */
			fl_diags_release(&r.pending);
			r.ctx.diags = diags;
			rd_error(&r, NULL, "missing \"%s\"", FL_KEY_CUSTOMERS);
		} else if (!fl_json_scan_failed(r.js) && !r.ctx.nomem &&
		           !r.seen[TOP_THRESHOLDS]) {
			rd_error(&r, NULL, "missing \"%s\"", FL_KEY_THRESHOLDS);
		}
	} else if (!fl_json_scan_failed(r.js)) {
		flush(&r);
		if (c < 0)
			rd_error(&r, NULL, "the input is empty: expected an "
			         "'assign -O json' output");
		else
			rd_error(&r, NULL, "expected an object (an 'assign -O json' "
			         "output)");
	}
	flush(&r);
	if (rdr->err != 0) {
		st = fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL, "read error: %s",
		                  strerror(rdr->err)) == FL_OK ? FL_ERR_IO
		                                               : FL_ERR_NOMEM;
		goto out;
	}
	/* Duplicate ids are said along with the other errors, but not after
	 * a syntax error, which stops the reading. */
	if (!r.ctx.nomem && !fl_json_scan_failed(r.js)) {
		keep_entries(&r);
		fl_idkey *k = fl_diff_sorted_ids(r.s);
		if (k == NULL && r.s->count > 0)
			r.ctx.nomem = true;
		else if (fl_diff_check_ids(r.s, k, NULL, diags) != FL_OK)
			r.ctx.fatal++;
		free(k);
	}
	if (r.ctx.nomem)
		st = FL_ERR_NOMEM;
	else if (r.ctx.fatal > 0)
		st = FL_ERR_INPUT;
out:
	if (st != FL_OK) {
		fl_diff_side_free(r.s);
		r.s = NULL;
	}
	fl_diags_release(&r.pending);
	fl_json_scan_free(r.js);
	fl_arena_free(r.ctx.scratch);
	fl_buf_release(&r.path);
	fl_buf_release(&r.quote);
	free(r.entries);
	*out = r.s;
	return st;
}

fl_status fl_diff_side_read_assign(const char *data, size_t len,
                                   fl_diff_side **out, fl_diags *diags)
{
	fl_reader rd;
	fl_reader_init_mem(&rd, data, len);
	fl_status st = read_assign(&rd, out, diags);
	fl_reader_release(&rd);
	return st;
}

fl_status fl_diff_side_read_assign_file(FILE *fp, fl_diff_side **out,
                                        fl_diags *diags)
{
	fl_reader rd;
	fl_reader_init_file(&rd, fp);
	fl_status st = read_assign(&rd, out, diags);
	fl_reader_release(&rd);
	return st;
}
