/*
 * policy_load.c - reading a policy file, every field checked.
 *
 * Policies are configuration, so unlike portfolios every unknown key is an
 * error: a misspelt "cuts" must not silently fall back to a default.
 */
#include <focuslevel/policy.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/number.h"
#include "util/utf8.h"
#include "load/fields.h"
#include "model/portfolio_int.h"

/* ---- loading ---------------------------------------------------------- */

struct pl {
	fl_load_ctx *ctx;
	fl_policy *p;
	fl_buf path;
	fl_buf tmp;   /* for found() */
};

/* An error about the value at `at`, at the path of s. */
#define perr(s, at, ...) fl_field_error((s)->ctx, (at), (s)->path.buf, \
                                        __VA_ARGS__)

static void set_path(struct pl *s, const char *a, const char *b)
{
	fl_buf_reset(&s->path);
	fl_buf_adds(&s->path, a);
	if (b != NULL) {
		fl_buf_addc(&s->path, '.');
		fl_buf_adds(&s->path, b);
	}
}

/* "found ..." for a wrong value, in the words of the portfolio messages. */
static const char *found(const fl_node *n, fl_buf *tmp)
{
	fl_buf_reset(tmp);
	fl_field_describe(tmp, n);
	return tmp->buf;
}

/* Is n a mapping?  Its duplicate and unknown keys (not in the
 * NULL-terminated `keys`; NULL: any key) are reported. */
static bool check_map(struct pl *s, const fl_node *n, const char *what,
                      const char *const *keys, const char *allowed)
{
	if (n->kind != FL_NODE_MAP) {
		perr(s, n, "expected %s (a mapping), found %s", what,
		     found(n, &s->tmp));
		return false;
	}
	/* Report every unknown key, but go on checking the known ones. */
	bool oom;
	const fl_node *dup = fl_node_find_duplicate(n, &oom);
	if (oom)
		s->ctx->nomem = true;
	fl_buf k;
	fl_buf_init(&k);
	if (dup != NULL) {
		fl_field_quote(&k, dup->key, dup->key_len);
		perr(s, dup, "duplicate key %s", k.buf);
	}
	for (const fl_node *e = n->first; keys != NULL && e != NULL;
	     e = e->next) {
		if (fl_field_key_index(e, keys) < 0) {
			const char *near = fl_field_typo_of(e, n, keys);
			fl_buf_reset(&k);
			fl_field_quote(&k, e->key, e->key_len);
			perr(s, e, "unknown key %s (expected %s)%s%s%s", k.buf,
			     allowed, near != NULL ? ": did you mean '" : "",
			     near != NULL ? near : "", near != NULL ? "'?" : "");
		}
	}
	if (k.oom)
		s->ctx->nomem = true;
	fl_buf_release(&k);
	return true;
}

static bool get_num(struct pl *s, const fl_node *n, double lo, double hi,
                    const char *want, double *out)
{
	double v;
	if (fl_field_number(n, &v) != FL_NUM_OK || v < lo || v > hi) {
		perr(s, n, "expected %s, found %s", want, found(n, &s->tmp));
		return false;
	}
	*out = v;
	return true;
}

static const char *get_text(struct pl *s, const fl_node *n)
{
	size_t bad;
	switch (fl_field_text(n, &bad)) {
	case FL_TEXT_OK:
		break;
	case FL_TEXT_NULL:  /* `description: ~` must not become "~" */
	case FL_TEXT_NOT_SCALAR:
		perr(s, n, "expected text, found %s", found(n, &s->tmp));
		return NULL;
	case FL_TEXT_BAD_UTF8:
	case FL_TEXT_NUL:
		perr(s, n, "invalid UTF-8 or a NUL character in the text");
		return NULL;
	}
	char *t = fl_arena_strndup(s->p->arena, n->text, n->len);
	if (t == NULL)
		s->ctx->nomem = true;
	return t;
}

static void load_axis(struct pl *s, const fl_node *n, const char *name,
                      fl_axis_spec *a, bool margin)
{
	static const char *const keys[] = { "basis", "method", "cuts", "split",
	                                    NULL };
	set_path(s, name, NULL);
	if (!check_map(s, n, "an axis", keys, "basis, method, cuts, split"))
		return;
	const fl_node *e = fl_node_get(n, "basis");
	if (e != NULL) {
		set_path(s, name, "basis");
		const char *b1 = margin ? "percent" : "average-order";
		const char *b2 = margin ? "absolute" : "revenue";
		if (e->kind == FL_NODE_SCALAR && strcmp(e->text, b1) == 0)
			a->basis = margin ? FL_BASIS_MARGIN_PCT : FL_BASIS_ORDER_VALUE;
		else if (e->kind == FL_NODE_SCALAR && strcmp(e->text, b2) == 0)
			a->basis = margin ? FL_BASIS_MARGIN : FL_BASIS_REVENUE;
		else if (!margin && e->kind == FL_NODE_SCALAR &&
		         strcmp(e->text, "clv") == 0)
			a->basis = FL_BASIS_CLV;
		else if (margin) {
			perr(s, e, "expected %s or %s, found %s", b1, b2,
			     found(e, &s->tmp));
		} else {
			perr(s, e, "expected %s, %s or clv, found %s", b1, b2,
			     found(e, &s->tmp));
		}
	}
	bool absolute = false;
	e = fl_node_get(n, "method");
	if (e != NULL) {
		set_path(s, name, "method");
		if (e->kind == FL_NODE_SCALAR && strcmp(e->text, "absolute") == 0) {
			absolute = true;
		} else if (!(e->kind == FL_NODE_SCALAR &&
		             strcmp(e->text, "quantile") == 0)) {
			perr(s, e, "expected quantile or absolute, found %s",
			     found(e, &s->tmp));
			return;
		}
	}
	double lo = absolute ? -HUGE_VAL : 0, hi = absolute ? HUGE_VAL : 1;
	/* Values such as [15, 35] under the default method are the likely
	 * mistake here, so the message names the other method. */
	const char *want = absolute ? "a number"
	                            : "a fraction from 0 to 1 (a quantile; "
	                              "method: absolute takes values)";
	const fl_node *cuts = fl_node_get(n, "cuts");
	const fl_node *split = fl_node_get(n, "split");
	if (absolute && (cuts == NULL || split == NULL)) {
		set_path(s, name, NULL);
		/* Go on: what is given may be wrong too. */
		perr(s, n, "method absolute needs both cuts and split");
	}
	if (cuts != NULL) {
		set_path(s, name, "cuts");
		double c[2] = { 0, 0 };
		if (cuts->kind != FL_NODE_SEQ || cuts->count != 2) {
			char tmp[64];
			const char *what = tmp;
			if (cuts->kind == FL_NODE_SEQ)
				snprintf(tmp, sizeof(tmp), "a list of %zu value%s",
				         cuts->count, cuts->count == 1 ? "" : "s");
			else
				what = found(cuts, &s->tmp);
			perr(s, cuts, "expected two cuts [A, B], found %s", what);
		} else if (get_num(s, cuts->first, lo, hi, want, &c[0]) &&
		           get_num(s, cuts->last, lo, hi, want, &c[1])) {
			if (c[0] > c[1]) {
				perr(s, cuts, "the first cut must not exceed the second");
			} else if (absolute) {
				a->has_cuts = true;
				a->cut_low = c[0];
				a->cut_high = c[1];
			} else {
				a->q_low = c[0];
				a->q_high = c[1];
			}
		}
	}
	if (split != NULL) {
		set_path(s, name, "split");
		double v;
		if (get_num(s, split, lo, hi, want, &v)) {
			if (absolute) {
				a->has_split = true;
				a->split = v;
			} else {
				a->q_split = v;
			}
		}
	}
}

static void load_level(struct pl *s, const fl_node *n, fl_level l)
{
	static const char *const keys[] = { "description", "actions",
	                                    "contacts_per_year", "cost", NULL };
	const char *name = fl_level_name(l);
	fl_level_policy *lp = &s->p->levels[l];
	set_path(s, "levels", name);
	if (!check_map(s, n, "a level", keys,
	               "description, actions, contacts_per_year, cost"))
		return;
	const fl_node *e = fl_node_get(n, "description");
	if (e != NULL) {
		fl_buf_addf(&s->path, ".description");
		const char *t = get_text(s, e);
		if (t != NULL)
			lp->description = t;
	}
	e = fl_node_get(n, "actions");
	if (e != NULL) {
		set_path(s, "levels", name);
		fl_buf_adds(&s->path, ".actions");
		if (e->kind != FL_NODE_SEQ) {
			perr(s, e, "expected a list of actions, found %s",
			     found(e, &s->tmp));
		} else {
			const char **acts = fl_arena_alloc(s->p->arena,
			                                   (e->count + 1) * sizeof(*acts));
			if (acts == NULL) {
				s->ctx->nomem = true;
				return;
			}
			size_t i = 0, base = s->path.len, k = 0;
			for (const fl_node *a = e->first; a != NULL; a = a->next, k++) {
				s->path.len = base;
				fl_buf_addf(&s->path, "[%zu]", k);
				const char *t = get_text(s, a);
				if (t != NULL)
					acts[i++] = t;
			}
			acts[i] = NULL;
			lp->actions = acts;
			lp->action_count = i;
		}
	}
	e = fl_node_get(n, "contacts_per_year");
	if (e != NULL) {
		set_path(s, "levels", name);
		fl_buf_adds(&s->path, ".contacts_per_year");
		get_num(s, e, 0, HUGE_VAL, "a number >= 0", &lp->contacts);
	}
	e = fl_node_get(n, "cost");
	if (e != NULL) {
		set_path(s, "levels", name);
		fl_buf_adds(&s->path, ".cost");
		get_num(s, e, 0, HUGE_VAL, "a number >= 0", &lp->cost);
	}
}

/* A scalar that is one of names[] (NULL-terminated): its index, else -1
 * after an error that lists them. */
static int get_choice(struct pl *s, const fl_node *n,
                      const char *const *names, const char *expected)
{
	if (n->kind == FL_NODE_SCALAR)
		for (int i = 0; names[i] != NULL; i++)
			if (strcmp(n->text, names[i]) == 0)
				return i;
	perr(s, n, "expected %s, found %s", expected, found(n, &s->tmp));
	return -1;
}

/* activities: name -> cost per unit, in the file's order. */
static void load_activities(struct pl *s, const fl_node *n)
{
	set_path(s, "activities", NULL);
	if (n->kind != FL_NODE_MAP) {
		perr(s, n, "expected the activities (a mapping from an activity "
		     "to its cost per unit), found %s", found(n, &s->tmp));
		return;
	}
	check_map(s, n, "the activities", NULL, NULL);
	fl_activity *acts = fl_arena_alloc(s->p->arena,
	                                   (n->count + 1) * sizeof(*acts));
	if (acts == NULL) {
		s->ctx->nomem = true;
		return;
	}
	size_t k = 0;
	for (const fl_node *e = n->first; e != NULL; e = e->next) {
		set_path(s, "activities", NULL);
		fl_buf_add(&s->path, ".", 1);
		fl_buf_add(&s->path, e->key, e->key_len);
		size_t bad;
		if (e->key_len == 0 || memchr(e->key, '\0', e->key_len) != NULL ||
		    !fl_utf8_valid(e->key, e->key_len, &bad)) {
			perr(s, e, "an activity needs a name (valid UTF-8 text)");
			continue;
		}
		double rate;
		if (!get_num(s, e, 0, HUGE_VAL, "a cost per unit >= 0", &rate))
			continue;
		char *name = fl_arena_strndup(s->p->arena, e->key, e->key_len);
		if (name == NULL) {
			s->ctx->nomem = true;
			return;
		}
		acts[k++] = (fl_activity){ name, rate };
	}
	s->p->activities = acts;
	s->p->activity_count = k;
}

/* An axis of a segment's thresholds: only absolute values. */
static void load_group_axis(struct pl *s, const fl_node *n, const char *seg,
                            const char *axis, fl_axis_spec *a, bool margin)
{
	fl_buf name;
	fl_buf_init(&name);
	fl_buf_addf(&name, "segments.%s.%s", seg, axis);
	if (name.oom) {
		s->ctx->nomem = true;
		return;
	}
	load_axis(s, n, name.buf, a, margin);
	const fl_axis_spec *whole = margin ? &s->p->thresholds.margin
	                                   : &s->p->thresholds.value;
	if (a->basis != whole->basis) {
		set_path(s, name.buf, "basis");
		perr(s, n, "the basis of a segment's %s axis is the policy's "
		     "(%s), found %s", axis, fl_basis_name(whole->basis),
		     fl_basis_name(a->basis));
	}
	if (!a->has_cuts || !a->has_split) {
		set_path(s, name.buf, NULL);
		perr(s, n, "a segment's thresholds are absolute values "
		     "(method: absolute, cuts and split), as 'thresholds --by "
		     "segment' writes them");
	}
	fl_buf_release(&name);
}

/* segments: a segment's name ("(none)": no segment) -> {margin, value}
 * with absolute thresholds, as `thresholds --by segment` writes them. */
static void load_segments(struct pl *s, const fl_node *n)
{
	set_path(s, "segments", NULL);
	if (n->kind != FL_NODE_MAP) {
		perr(s, n, "expected the thresholds per segment (a mapping), "
		     "found %s", found(n, &s->tmp));
		return;
	}
	check_map(s, n, "the segments", NULL, NULL);
	fl_group_spec *g = fl_arena_alloc(s->p->arena,
	                                  (n->count + 1) * sizeof(*g));
	if (g == NULL) {
		s->ctx->nomem = true;
		return;
	}
	size_t k = 0;
	for (const fl_node *e = n->first; e != NULL; e = e->next) {
		static const char *const keys[] = { "margin", "value", NULL };
		char *seg = fl_arena_strndup(s->p->arena, e->key, e->key_len);
		if (seg == NULL) {
			s->ctx->nomem = true;
			return;
		}
		set_path(s, "segments", seg);
		if (!check_map(s, e, "a segment's thresholds", keys,
		               "margin, value"))
			continue;
		fl_group_spec *gs = &g[k++];
		gs->segment = strcmp(seg, FL_GROUP_NONE) == 0 ? "" : seg;
		fl_threshold_spec_init(&gs->thresholds);
		const fl_node *ax[2] = { fl_node_get(e, "margin"),
		                         fl_node_get(e, "value") };
		for (int a = 0; a < 2; a++) {
			if (ax[a] == NULL) {
				set_path(s, "segments", seg);
				perr(s, e, "missing %s", keys[a]);
				continue;
			}
			load_group_axis(s, ax[a], seg, keys[a],
			                a == 0 ? &gs->thresholds.margin
			                       : &gs->thresholds.value, a == 0);
		}
	}
	s->p->groups = g;
	s->p->group_count = k;
}

/* columns: {FIELD: HEADER, ...}, the header of each field of order lines
 * (docs/import.md). */
static void load_columns(struct pl *s, const fl_node *n)
{
	set_path(s, "columns", NULL);
	if (!check_map(s, n, "the columns of order lines", NULL, NULL))
		return;
	for (const fl_node *e = n->first; e != NULL; e = e->next) {
		set_path(s, "columns", e->key);
		fl_line_field f;
		if (!fl_line_field_parse(e->key, e->key_len, &f)) {
			unsigned long line, col;
			fl_field_key_at(e, &line, &col);
			fl_buf q;
			fl_buf_init(&q);
			fl_field_quote(&q, e->key, e->key_len);
			fl_load_error(s->ctx, line, col, s->path.buf, "unknown field "
			              "%s (id, order, date, value, quantity, "
			              "unit_price, cost, profit, name, segment)", q.buf);
			fl_buf_release(&q);
			continue;
		}
		const char *t = get_text(s, e);
		if (t != NULL)
			s->p->columns[f] = t;
	}
}

static void load_tree(struct pl *s, const fl_node *root)
{
	static const char *const keys[] = { "margin", "value", "levels",
	                                    "service_share", "cap",
	                                    "activities", "by", "min_group",
	                                    "segments", "horizon_months",
	                                    "discount_rate", "at_risk_below",
	                                    "share_below", "columns", NULL };
	static const char *const allowed = "margin, value, levels, "
	                                   "service_share, cap, activities, "
	                                   "by, min_group, segments, "
	                                   "horizon_months, discount_rate, "
	                                   "at_risk_below, share_below, "
	                                   "columns";
	set_path(s, "", NULL);
	if (!check_map(s, root, "a policy", keys, allowed))
		return;
	const fl_node *e = fl_node_get(root, "margin");
	if (e != NULL)
		load_axis(s, e, "margin", &s->p->thresholds.margin, true);
	e = fl_node_get(root, "value");
	if (e != NULL)
		load_axis(s, e, "value", &s->p->thresholds.value, false);
	e = fl_node_get(root, "service_share");
	if (e != NULL) {
		set_path(s, "service_share", NULL);
		double v;
		if (get_num(s, e, 0, 1, "a share above 0 and at most 1", &v)) {
			if (v > 0)
				s->p->service_share = v;
			else
				perr(s, e, "expected a share above 0 and at most "
				     "1, found 0");
		}
	}
	e = fl_node_get(root, "cap");
	if (e != NULL) {
		set_path(s, "cap", NULL);
		int i = get_choice(s, e, (const char *const[]){ "none",
		                   "affordable", NULL }, "none or affordable");
		if (i >= 0)
			s->p->cap = i == 1;
	}
	e = fl_node_get(root, "by");
	if (e != NULL) {
		set_path(s, "by", NULL);
		int i = get_choice(s, e, (const char *const[]){ "none",
		                   "segment", NULL }, "none or segment");
		if (i >= 0)
			s->p->by = i == 1 ? FL_BY_SEGMENT : FL_BY_NONE;
	}
	e = fl_node_get(root, "min_group");
	if (e != NULL) {
		set_path(s, "min_group", NULL);
		double v;
		if (get_num(s, e, 1, 4294967295.0, "a whole number >= 1", &v)) {
			if (v == floor(v))
				s->p->min_group = (size_t)v;
			else
				perr(s, e, "expected a whole number >= 1, found %s",
				     found(e, &s->tmp));
		}
	}
	e = fl_node_get(root, "horizon_months");
	if (e != NULL) {
		set_path(s, "horizon_months", NULL);
		/* At most 100 years: each month costs one E(t) per customer. */
		const char *want = "a whole number of months from 1 to 1200";
		double v;
		if (get_num(s, e, 1, 1200, want, &v)) {
			if (v == floor(v))
				s->p->horizon_months = (unsigned)v;
			else
				perr(s, e, "expected %s, found %s", want,
				     found(e, &s->tmp));
		}
	}
	e = fl_node_get(root, "discount_rate");
	if (e != NULL) {
		set_path(s, "discount_rate", NULL);
		get_num(s, e, 0, HUGE_VAL, "a yearly rate >= 0 (0.10 is 10 %)",
		        &s->p->discount_rate);
	}
	e = fl_node_get(root, "at_risk_below");
	if (e != NULL) {
		set_path(s, "at_risk_below", NULL);
		const char *want = "a probability above 0 and at most 1";
		double v;
		if (get_num(s, e, 0, 1, want, &v)) {
			if (v > 0)
				s->p->at_risk_below = v;
			else
				perr(s, e, "expected %s, found 0", want);
		}
	}
	e = fl_node_get(root, "share_below");
	if (e != NULL) {
		set_path(s, "share_below", NULL);
		const char *want = "a percentage above 0 (25 is 25 %)";
		double v;
		if (get_num(s, e, 0, HUGE_VAL, want, &v)) {
			if (v > 0)
				s->p->share_below = v;
			else
				perr(s, e, "expected %s, found 0", want);
		}
	}
	e = fl_node_get(root, "activities");
	if (e != NULL)
		load_activities(s, e);
	e = fl_node_get(root, "levels");
	if (e != NULL) {
		set_path(s, "levels", NULL);
		if (check_map(s, e, "the levels", (const char *const[]){
		              "basic", "reactive", "accountable", "proactive",
		              "partnership", NULL },
		              "basic, reactive, accountable, proactive, "
		              "partnership")) {
			for (const fl_node *l = e->first; l != NULL; l = l->next) {
				fl_level lv = fl_level_parse_n(l->key, l->key_len);
				if (lv != FL_LEVEL_NONE)
					load_level(s, l, lv);
			}
		}
	}
	/* Levels cost more the more they give: the affordable level is
	 * the highest whose cost fits, so the cheaper ones must fit too. */
	for (int l = FL_LEVEL_REACTIVE; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_policy *lp = &s->p->levels[l];
		const fl_level_policy *below = &s->p->levels[l - 1];
		if (lp->cost < below->cost) {
			set_path(s, "levels", fl_level_name((fl_level)l));
			fl_buf_adds(&s->path, ".cost");
			char a[FL_SHORTEST_MAX], b[FL_SHORTEST_MAX];
			fl_fmt_shortest(a, lp->cost);
			fl_fmt_shortest(b, below->cost);
			const fl_node *at = e != NULL ? fl_node_get(e,
			                    fl_level_name((fl_level)l)) : NULL;
			at = at != NULL && at->kind == FL_NODE_MAP
			     ? fl_node_get(at, "cost") : NULL;
			perr(s, at != NULL ? at : root, "the cost of %s (%s) is "
			     "below the cost of %s (%s): level costs must not "
			     "decrease from basic to partnership",
			     fl_level_name((fl_level)l), a,
			     fl_level_name((fl_level)(l - 1)), b);
		}
	}
	e = fl_node_get(root, "segments");
	if (e != NULL)
		load_segments(s, e);
	e = fl_node_get(root, "columns");
	if (e != NULL)
		load_columns(s, e);
}

static fl_status load(fl_reader *r, const char *name, fl_policy **out,
                      fl_diags *diags)
{
	size_t first = diags->count;
	*out = NULL;
	fl_policy *p = fl_policy_default();
	fl_load_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	fl_buf_init(&ctx.path);
	ctx.diags = diags;
	ctx.scratch = fl_arena_new();
	if (p == NULL || ctx.scratch == NULL) {
		fl_policy_free(p);
		fl_arena_free(ctx.scratch);
		return FL_ERR_NOMEM;
	}
	fl_input_format fmt = fl_input_format_from_name(name);
	if (fmt == FL_INPUT_AUTO) {
		fl_reader_peek(r, 4096);
		fmt = fl_load_sniff(r->buf, r->len, NULL);
	}
	ctx.json = fmt == FL_INPUT_JSON;
	fl_node *root = ctx.json ? fl_json_tree(&ctx, r) : fl_yaml_tree(&ctx, r);
	struct pl s = { .ctx = &ctx, .p = p };
	fl_buf_init(&s.path);
	fl_buf_init(&s.tmp);
	if (root != NULL)
		load_tree(&s, root);
	/* Unknown keys of a mapping are reported before its known ones. */
	fl_field_sort_by_position(diags, first);
	fl_buf_release(&s.path);
	fl_buf_release(&s.tmp);
	fl_arena_free(ctx.scratch);
	fl_status st = fl_load_status(&ctx, r);
	if (st == FL_OK && root == NULL)
		st = FL_ERR_INPUT;
	if (st != FL_OK) {
		fl_policy_free(p);
		return st;
	}
	*out = p;
	return FL_OK;
}

fl_status fl_policy_load(FILE *fp, const char *name, fl_policy **out,
                         fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_file(&r, fp);
	fl_status st = load(&r, name, out, diags);
	fl_reader_release(&r);
	return st;
}

fl_status fl_policy_load_mem(const char *data, size_t len, const char *name,
                             fl_policy **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_mem(&r, data, len);
	return load(&r, name, out, diags);
}

