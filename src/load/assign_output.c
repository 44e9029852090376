/*
 * assign_output.c - reading an `assign -O json` output back as one side of
 * a diff, taken as classified.
 */
#include <focuslevel/diff.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/idkey.h"
#include "util/utf8.h"
#include "model/columns.h"
#include "model/diff_int.h"
#include "load/load.h"

/* ---- reading an assign output ---- */

/* Does data[0..len) hold the NUL-terminated string `word`? */
static bool contains(const char *data, size_t len, const char *word)
{
	size_t n = strlen(word);
	const char *p = data, *end = data + len;
	while ((size_t)(end - p) >= n) {
		p = memchr(p, word[0], (size_t)(end - p) - n + 1);
		if (p == NULL)
			return false;
		if (memcmp(p, word, n) == 0)
			return true;
		p++;
	}
	return false;
}

bool fl_diff_is_assign_output(const char *data, size_t len)
{
	size_t i;
	/* Most portfolios are YAML, and a JSON portfolio has no "thresholds"
	 * key: no need to build a tree of a large file only to learn that. */
	if (fl_load_sniff(data, len, &i) != FL_INPUT_JSON || data[i] != '{' ||
	    !contains(data, len, "\"" FL_KEY_THRESHOLDS "\""))
		return false;
	cJSON *root = cJSON_ParseWithLength(data, len);
	if (root == NULL)
		return false;
	bool yes = false;
	const cJSON *cs = cJSON_GetObjectItemCaseSensitive(root, FL_KEY_CUSTOMERS);
	if (cJSON_IsObject(root) &&
	    cJSON_GetObjectItemCaseSensitive(root, FL_KEY_THRESHOLDS) != NULL &&
	    cJSON_IsArray(cs)) {
		const cJSON *first = cs->child;
		yes = first == NULL ||
		      (cJSON_IsObject(first) &&
		       cJSON_GetObjectItemCaseSensitive(first, fl_col_names[FL_COL_LEVEL])
		       != NULL &&
		       cJSON_GetObjectItemCaseSensitive(first,
		               fl_col_names[FL_COL_MARGIN_PCT]) != NULL);
	}
	cJSON_Delete(root);
	return yes;
}

struct rd {
	fl_load_ctx ctx;   /* for the diagnostics: fatal counts the errors */
	fl_buf path;
};

/* An error at a path (JSON has no lines here), through the one wrapper. */
#define rd_error(r, path, ...) fl_load_error(&(r)->ctx, 0, 0, (path), \
                                             __VA_ARGS__)

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

/* A required number at obj.key; false (reported) when missing or not one. */
static bool get_number(struct rd *r, const cJSON *obj, const char *prefix,
                       long index, const char *key, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (v == NULL) {
		rd_error(r, path_of(r, prefix, index, NULL), "missing \"%s\"", key);
		return false;
	}
	if (!cJSON_IsNumber(v)) {
		rd_error(r, path_of(r, prefix, index, key), "expected a number");
		return false;
	}
	*out = v->valuedouble;
	return true;
}

/* A string at obj.key: NULL when absent or null (fine unless required). */
static const char *get_string(struct rd *r, const cJSON *obj,
                              const char *prefix, long index, const char *key,
                              bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (v == NULL || cJSON_IsNull(v)) {
		if (required)
			rd_error(r, path_of(r, prefix, index, NULL),
			         "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		rd_error(r, path_of(r, prefix, index, key), "expected a string");
		return NULL;
	}
	return v->valuestring;
}

static void read_axis(struct rd *r, const cJSON *t, const char *key,
                      fl_axis *a)
{
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "%s.%s", FL_KEY_THRESHOLDS, key);
	const cJSON *ax = cJSON_GetObjectItemCaseSensitive(t, key);
	if (!cJSON_IsObject(ax)) {
		if (ax == NULL)
			rd_error(r, FL_KEY_THRESHOLDS, "missing \"%s\"", key);
		else
			rd_error(r, prefix, "expected an object");
		return;
	}
	const cJSON *cuts = cJSON_GetObjectItemCaseSensitive(ax, FL_KEY_CUTS);
	if (!cJSON_IsArray(cuts) || cJSON_GetArraySize(cuts) != 2 ||
	    !cJSON_IsNumber(cuts->child) || !cJSON_IsNumber(cuts->child->next))
		rd_error(r, path_of(r, prefix, -1, FL_KEY_CUTS),
		         "expected two numbers");
	else {
		a->cut_low = cuts->child->valuedouble;
		a->cut_high = cuts->child->next->valuedouble;
	}
	get_number(r, ax, prefix, -1, FL_KEY_SPLIT, &a->split);
	const char *basis = get_string(r, ax, prefix, -1, FL_KEY_BASIS, false);
	if (basis != NULL) {
		bool known = false;
		for (int b = FL_BASIS_MARGIN_PCT; b <= FL_BASIS_REVENUE; b++) {
			if (strcmp(basis, fl_basis_name((fl_basis)b)) == 0) {
				a->basis = (fl_basis)b;
				known = true;
			}
		}
		if (!known)
			rd_error(r, path_of(r, prefix, -1, FL_KEY_BASIS),
			         "unknown basis \"%s\"", basis);
	}
	const char *cs = get_string(r, ax, prefix, -1, FL_KEY_CUTS_SOURCE,
	                            false);
	a->cuts_source = cs != NULL && strcmp(cs, "given") == 0
		? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	const char *ss = get_string(r, ax, prefix, -1, FL_KEY_SPLIT_SOURCE,
	                            false);
	a->split_source = ss != NULL && strcmp(ss, "given") == 0
		? FL_SOURCE_GIVEN : FL_SOURCE_COMPUTED;
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(ax, FL_KEY_QUANTILES);
	if (cJSON_GetArraySize(q) == 3 && cJSON_IsNumber(q->child) &&
	    cJSON_IsNumber(q->child->next) &&
	    cJSON_IsNumber(q->child->next->next)) {
		a->q_low = q->child->valuedouble;
		a->q_high = q->child->next->valuedouble;
		a->q_split = q->child->next->next->valuedouble;
	}
}

static void read_customer(struct rd *r, fl_diff_side *s, const cJSON *c,
                          long i)
{
	if (!cJSON_IsObject(c)) {
		rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i, NULL),
		         "expected a customer object");
		return;
	}
	fl_diff_entry *e = &s->entries[s->count];
	memset(e, 0, sizeof(*e));
	const char *const *col = fl_col_names;
	const char *id = get_string(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_ID], true);
	const char *name = get_string(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_NAME], false);
	const char *level = get_string(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_LEVEL], true);
	const char *quad = get_string(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_QUADRANT], true);
	/* A bad number is reported (and counted); the side is refused then. */
	get_number(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_MARGIN_PCT], &e->margin_pct);
	get_number(r, c, FL_KEY_CUSTOMERS, i, col[FL_COL_ORDER_VALUE], &e->order_value);
	if (level != NULL) {
		e->level = (unsigned char)fl_level_parse(level);
		if (e->level == FL_LEVEL_NONE)
			rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i, col[FL_COL_LEVEL]),
			         "unknown level \"%s\" (basic, reactive, accountable, "
			         "proactive, partnership)", level);
	}
	if (quad != NULL) {
		bool known = false;
		for (int q = FL_QUADRANT_DOG; q <= FL_QUADRANT_STAR; q++) {
			if (strcmp(quad, fl_quadrant_name((fl_quadrant)q)) == 0) {
				e->quadrant = (unsigned char)q;
				known = true;
			}
		}
		if (!known)
			rd_error(r, path_of(r, FL_KEY_CUSTOMERS, i, col[FL_COL_QUADRANT]),
			         "unknown quadrant \"%s\" (dog, question-mark, "
			         "cash-cow, star)", quad);
	}
	/* A customer with an id takes part in the duplicate check even when
	 * another field is wrong (the side is then refused anyway), so that
	 * every problem is reported at once. */
	if (id == NULL)
		return;
	e->id = fl_diff_side_copy(s, id, &r->ctx.nomem);
	e->name = fl_diff_side_copy(s, name != NULL ? name : id, &r->ctx.nomem);
	e->index = (uint32_t)i;
	s->count++;
}

/* The entries' ids, sorted (ties by position); NULL when out of memory
 * or empty. */
fl_status fl_diff_side_read_assign(const char *data, size_t len,
                                   fl_diff_side **out, fl_diags *diags)
{
	*out = NULL;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
	if (root == NULL) {
		unsigned long line, col;
		size_t off = end != NULL && end >= data ? (size_t)(end - data) : 0;
		if (off > len)
			off = len;
		fl_utf8_position(data, off, &line, &col);
		if (fl_diags_add(diags, FL_SEV_ERROR, line, col, NULL,
		                 "invalid JSON") != FL_OK)
			return FL_ERR_NOMEM;
		return FL_ERR_INPUT;
	}
	struct rd r;
	memset(&r, 0, sizeof(r));
	r.ctx.diags = diags;
	fl_buf_init(&r.path);
	fl_diff_side *s = NULL;
	fl_status st = FL_OK;
	if (!cJSON_IsObject(root)) {
		rd_error(&r, NULL, "expected an object (an 'assign -O json' output)");
		goto out;
	}
	const cJSON *cs = cJSON_GetObjectItemCaseSensitive(root, FL_KEY_CUSTOMERS);
	if (!cJSON_IsArray(cs)) {
		if (cs == NULL)
			rd_error(&r, NULL, "missing \"%s\"", FL_KEY_CUSTOMERS);
		else
			rd_error(&r, FL_KEY_CUSTOMERS, "expected an array");
		goto out;
	}
	size_t n = 0;
	for (const cJSON *c = cs->child; c != NULL; c = c->next)
		n++;
	s = fl_diff_side_new(n);
	if (s == NULL) {
		st = FL_ERR_NOMEM;
		goto out;
	}
	s->source = FL_DIFF_ASSIGN;
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	s->thresholds.margin.basis = spec.margin.basis;
	s->thresholds.value.basis = spec.value.basis;
	const char *keys[] = { FL_KEY_PORTFOLIO, FL_KEY_CURRENCY, FL_KEY_PERIOD };
	const char **dst[] = { &s->name, &s->currency, &s->period };
	for (int k = 0; k < 3; k++) {
		const char *v = get_string(&r, root, "", -1, keys[k], false);
		if (v != NULL)
			*dst[k] = fl_diff_side_copy(s, v, &r.ctx.nomem);
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, FL_KEY_THRESHOLDS);
	if (!cJSON_IsObject(t))
		if (t == NULL)
			rd_error(&r, NULL, "missing \"%s\"", FL_KEY_THRESHOLDS);
		else
			rd_error(&r, FL_KEY_THRESHOLDS, "expected an object");
	else {
		read_axis(&r, t, FL_KEY_AXIS_MARGIN, &s->thresholds.margin);
		read_axis(&r, t, FL_KEY_AXIS_VALUE, &s->thresholds.value);
	}
	long i = 0;
	for (const cJSON *c = cs->child; c != NULL && !r.ctx.nomem; c = c->next, i++)
		read_customer(&r, s, c, i);
	if (!r.ctx.nomem) {
		fl_idkey *k = fl_diff_sorted_ids(s);
		if (k == NULL && s->count > 0)
			r.ctx.nomem = true;
		else if (fl_diff_check_ids(s, k, NULL, diags) != FL_OK)
			r.ctx.fatal++;
		free(k);
	}
out:
	if (r.ctx.nomem)
		st = FL_ERR_NOMEM;
	else if (r.ctx.fatal > 0)
		st = FL_ERR_INPUT;
	if (st != FL_OK) {
		fl_diff_side_free(s);
		s = NULL;
	}
	fl_buf_release(&r.path);
	cJSON_Delete(root);
	*out = s;
	return st;
}

