/*
 * plan_tables.c - the content of the service plan's sections as tables
 * (plan_tables.h).
 */
#include <stdio.h>
#include <string.h>

#include "util/c_locale.h"
#include "util/number.h"
#include "write/plan_tables.h"

/* Formatted numbers for table cells; FL_MONEY_MAX each. */
struct nums {
	char v[16][FL_MONEY_MAX];
	int next;
};

static const char *money(struct nums *n, double v)
{
	char *s = n->v[n->next++ % 16];
	fl_fmt_money(s, v);
	return s;
}

static const char *count(struct nums *n, size_t v)
{
	char *s = n->v[n->next++ % 16];
	snprintf(s, FL_MONEY_MAX, "%zu", v);
	return s;
}

/* ---- the sections as tables ------------------------------------------- */

/* Column flags (rows.h): numbers, level names. */
#define N FL_RCOL_NUM
#define L FL_RCOL_LEVEL

static const char *const thr_cols[] = {
	"axis", "basis", "cut_low", "cut_high", "cuts_source", "split",
	"split_source",
};
static const unsigned char thr_num[] = { 0, 0, N, N, 0, N, 0 };

static void source_text(char *dst, fl_source s, double q1, double q2, int n)
{
	locale_t prev = fl_c_locale_enter();
	if (s == FL_SOURCE_GIVEN)
		snprintf(dst, 64, "given");
	else if (n == 2)
		snprintf(dst, 64, "quantiles %.4g, %.4g", q1, q2);
	else
		snprintf(dst, 64, "quantile %.4g", q1);
	fl_c_locale_leave(prev);
}

void fl_plan_thresholds_table(fl_table *t, const fl_thresholds *th)
{
	struct nums n = { .next = 0 };
	fl_table_init(t, "thresholds", 7, thr_cols, thr_num);
	const fl_axis *axes[2] = { &th->margin, &th->value };
	for (int i = 0; i < 2; i++) {
		const fl_axis *a = axes[i];
		char cs[64], ss[64];
		source_text(cs, a->cuts_source, a->q_low, a->q_high, 2);
		source_text(ss, a->split_source, a->q_split, 0, 1);
		const char *row[] = {
			i == 0 ? "margin" : "value", fl_basis_name(a->basis),
			money(&n, a->cut_low), money(&n, a->cut_high), cs,
			money(&n, a->split), ss,
		};
		fl_table_row(t, row);
	}
}

static const char *const grid_cols[] = {
	"margin_tier", "value_tier", "level", "customers", "revenue", "margin",
};
static const unsigned char grid_num[] = { 0, 0, L, N, N, N };

void fl_plan_grid_table(fl_table *t, const fl_summary *s)
{
	struct nums n = { .next = 0 };
	fl_table_init(t, "grid", 6, grid_cols, grid_num);
	for (int mt = 2; mt >= 0; mt--) {
		for (int vt = 0; vt < 3; vt++) {
			const fl_cell *c = &s->grid[mt][vt];
			const char *row[] = {
				fl_tier_name((fl_tier)mt), fl_tier_name((fl_tier)vt),
				fl_level_name(c->level), count(&n, c->customers),
				money(&n, c->revenue), money(&n, c->margin),
			};
			fl_table_row(t, row);
		}
	}
}

static const char *const level_cols[] = {
	"level", "customers", "share_pct", "revenue", "margin", "margin_pct",
	"contacts_per_year", "service_cost", "after_service",
};
static const unsigned char level_num[] = { L, N, N, N, N, N, N, N, N };

void fl_plan_levels_table(fl_table *t, const fl_summary *s, bool total)
{
	struct nums n = { .next = 0 };
	fl_table_init(t, "levels", 9, level_cols, level_num);
	double contacts = 0;
	for (int l = FL_LEVEL_PARTNERSHIP; l >= FL_LEVEL_BASIC; l--) {
		const fl_level_sum *ls = &s->levels[l];
		contacts += ls->contacts;
		const char *row[] = {
			fl_level_name((fl_level)l), count(&n, ls->customers),
			money(&n, ls->share), money(&n, ls->revenue),
			money(&n, ls->margin), money(&n, ls->margin_pct),
			money(&n, ls->contacts), money(&n, ls->service_cost),
			money(&n, ls->after_service),
		};
		fl_table_row(t, row);
	}
	if (total) {
		const char *row[] = {
			"total", count(&n, s->customers),
			money(&n, s->customers ? 100.0 : 0.0), money(&n, s->revenue),
			money(&n, s->margin), money(&n, s->margin_pct),
			money(&n, contacts), money(&n, s->service_cost),
			money(&n, s->after_service),
		};
		fl_table_row(t, row);
	}
}

static const char *const quad_cols[] = {
	"quadrant", "customers", "revenue", "margin", "margin_pct",
};
static const unsigned char quad_num[] = { 0, N, N, N, N };

void fl_plan_quadrants_table(fl_table *t, const fl_summary *s)
{
	static const fl_quadrant order[] = {
		FL_QUADRANT_STAR, FL_QUADRANT_CASH_COW, FL_QUADRANT_QUESTION_MARK,
		FL_QUADRANT_DOG,
	};
	struct nums n = { .next = 0 };
	fl_table_init(t, "quadrants", 5, quad_cols, quad_num);
	for (int i = 0; i < 4; i++) {
		const fl_quadrant_sum *q = &s->quadrants[order[i]];
		const char *row[] = {
			fl_quadrant_name(order[i]), count(&n, q->customers),
			money(&n, q->revenue), money(&n, q->margin),
			money(&n, q->margin_pct),
		};
		fl_table_row(t, row);
	}
}

/*
 * The exceptions, one table with a `kind` column so that CSV opens as one
 * sheet; the text forms show each kind with only its own columns.
 */
static const char *const exc_cols[] = {
	"kind", "id", "name", "level", "computed_level", "revenue", "margin",
	"margin_pct", "service_cost", "after_service", "axis", "axis_value",
	"cut", "moves_to", "reason",
};
static const unsigned char exc_num[] = {
	0, 0, 0, L, L, N, N, N, N, N, 0, N, N, L, 0,
};
enum { EX_KIND, EX_ID, EX_NAME, EX_LEVEL, EX_COMPUTED, EX_REVENUE, EX_MARGIN,
       EX_PCT, EX_SERVICE, EX_AFTER, EX_AXIS, EX_VALUE, EX_CUT, EX_MOVES,
       EX_REASON, EX_NCOLS };

/* The kinds in order, and each kind's customers in the summary. */
const fl_plan_kind fl_plan_kinds[FL_PLAN_KINDS] = {
	{ "loss", "Loss-making customers (margin < 0)", "loss" },
	{ "over-served", "Over-served customers (margin after service < 0)",
	  "over_served" },
	{ "pin", "Pinned to another level than computed", "pinned" },
	{ "borderline", "Borderline customers", "borderline" },
};

static size_t kind_count(const fl_summary *s, size_t k)
{
	switch (k) {
	case 0: return s->loss_count;
	case 1: return s->over_served_count;
	case 2: return s->pin_differs_count;
	default: return s->borderline_count;
	}
}

/* Customer j of kind k, and its borderline entry (or NULL). */
static size_t kind_customer(const fl_summary *s, size_t k, size_t j,
                            const fl_borderline **b)
{
	*b = NULL;
	switch (k) {
	case 0: return s->loss[j];
	case 1: return s->over_served[j];
	case 2: return s->pin_differs[j];
	default:
		*b = &s->borderline[j];
		return s->borderline[j].customer;
	}
}

/* Each kind's own columns: indices into exc_cols, their names and flags. */
static const struct {
	int cols[8];
	size_t ncols;
	const char *const names[8];
	const unsigned char flags[8];
} kind_cols[FL_PLAN_KINDS] = {
	{ { EX_ID, EX_NAME, EX_LEVEL, EX_REVENUE, EX_MARGIN, EX_PCT }, 6,
	  { "id", "name", "level", "revenue", "margin", "margin_pct" },
	  { 0, 0, L, N, N, N } },
	{ { EX_ID, EX_NAME, EX_LEVEL, EX_MARGIN, EX_SERVICE, EX_AFTER }, 6,
	  { "id", "name", "level", "margin", "service_cost", "after_service" },
	  { 0, 0, L, N, N, N } },
	{ { EX_ID, EX_NAME, EX_LEVEL, EX_COMPUTED, EX_REASON }, 5,
	  { "id", "name", "level", "computed_level", "reason" },
	  { 0, 0, L, L, 0 } },
	{ { EX_ID, EX_NAME, EX_AXIS, EX_VALUE, EX_CUT, EX_COMPUTED, EX_MOVES }, 7,
	  { "id", "name", "axis", "axis_value", "cut", "computed_level",
	    "moves_to" },
	  { 0, 0, 0, N, N, L, L } },
};

/* Set column `col` of the exceptions (EX_*) where x's map puts it. */
static void put(fl_cells *cl, const fl_plan_exceptions *x, int col,
                const char *s)
{
	if (x->map[col] >= 0)
		fl_cells_set(cl, (size_t)x->map[col], s);
}

/* An amount, formatted into cl->num[slot]. */
static void put_money(fl_cells *cl, const fl_plan_exceptions *x, int col,
                      int slot, double v)
{
	if (x->map[col] >= 0) {
		cl->len[x->map[col]] = fl_fmt_money(cl->num[slot], v);
		cl->cell[x->map[col]] = cl->num[slot];
	}
}

/* Exception j of kind k, into the columns x shows. */
static void exc_cells(const fl_plan_exceptions *x, size_t k, size_t j,
                      fl_cells *cl)
{
	const fl_plan_data *d = x->d;
	const fl_plan *plan = d->plan;
	const fl_borderline *b;
	size_t i = kind_customer(d->s, k, j, &b);
	const fl_customer *c = &d->p->customers[i];
	fl_metrics m = fl_metrics_of(c);
	const fl_class *cls = &plan->classes[i];
	fl_econ_figures e = fl_econ_of(c, (fl_level)cls->level, &plan->econ);
	put(cl, x, EX_KIND, fl_plan_kinds[k].kind);
	put(cl, x, EX_ID, c->id);
	put(cl, x, EX_NAME, c->name);
	put(cl, x, EX_LEVEL, fl_level_name((fl_level)cls->level));
	put(cl, x, EX_COMPUTED, fl_level_name((fl_level)cls->computed));
	put_money(cl, x, EX_REVENUE, 0, c->revenue);
	put_money(cl, x, EX_MARGIN, 1, m.margin);
	put_money(cl, x, EX_PCT, 2, m.margin_pct);
	put_money(cl, x, EX_SERVICE, 3, e.level_cost);
	put_money(cl, x, EX_AFTER, 4, e.after_service);
	put(cl, x, EX_REASON, c->reason);
	if (b == NULL) {
		put(cl, x, EX_AXIS, "");
		put(cl, x, EX_VALUE, "");
		put(cl, x, EX_CUT, "");
		put(cl, x, EX_MOVES, "");
		return;
	}
	put(cl, x, EX_AXIS, fl_basis_label(b->axis == 0
	                                   ? plan->thresholds.margin.basis
	                                   : plan->thresholds.value.basis));
	put_money(cl, x, EX_VALUE, 5, b->value);
	put_money(cl, x, EX_CUT, 6, b->cut);
	put(cl, x, EX_MOVES, fl_level_name(b->moves_to));
}

/* Row r: of every kind in turn, or of x's kind. */
static bool exc_fill(const void *ctx, size_t r, fl_cells *cl)
{
	const fl_plan_exceptions *x = ctx;
	size_t k = x->kind;
	if (k >= FL_PLAN_KINDS) {
		for (k = 0; r >= kind_count(x->d->s, k); k++)
			r -= kind_count(x->d->s, k);
	}
	exc_cells(x, k, r, cl);
	return true;
}

void fl_plan_exceptions_rows(fl_rows *r, fl_plan_exceptions *x,
                             const fl_plan_data *d, size_t kind)
{
	x->d = d;
	x->kind = kind;
	bool all = kind >= FL_PLAN_KINDS;
	for (int c = 0; c < EX_NCOLS; c++)
		x->map[c] = all ? c : -1;
	size_t n = 0;
	for (size_t k = 0; k < FL_PLAN_KINDS; k++)
		if (all || k == kind)
			n += kind_count(d->s, k);
	if (!all)
		for (size_t c = 0; c < kind_cols[kind].ncols; c++)
			x->map[kind_cols[kind].cols[c]] = (int)c;
	*r = (fl_rows){
		.key = "exceptions",
		.ncols = all ? EX_NCOLS : kind_cols[kind].ncols,
		.cols = all ? exc_cols : kind_cols[kind].names,
		.flags = all ? exc_num : kind_cols[kind].flags,
		.nrows = n, .fill = exc_fill, .ctx = x,
	};
}

void fl_plan_kind_title(const fl_plan_data *d, size_t k, char *title,
                        size_t size)
{
	if (k == 3) {
		char pct[FL_SHORTEST_MAX];
		fl_fmt_shortest(pct, d->s->borderline_pct);
		snprintf(title, size, "%s (within %s%% of a cut)",
		         fl_plan_kinds[k].title, pct);
	} else {
		snprintf(title, size, "%s", fl_plan_kinds[k].title);
	}
}

void fl_plan_grid_matrix(fl_table *t, const fl_plan_data *d)
{
	struct nums n = { .next = 0 };
	const char *ml = fl_basis_label(d->plan->thresholds.margin.basis);
	static const char *const cols[] = { "", "low", "medium", "high" };
	static const unsigned char flags[] = { 0, 0, 0, 0 };
	fl_table_init(t, "grid", 4, cols, flags);
	for (int mt = 2; mt >= 0; mt--) {
		char cells[3][FL_MONEY_MAX + 64];
		char label[64];
		snprintf(label, sizeof(label), "%s %s", ml, fl_tier_name((fl_tier)mt));
		for (int vt = 0; vt < 3; vt++) {
			const fl_cell *c = &d->s->grid[mt][vt];
			snprintf(cells[vt], sizeof(cells[vt]), "%s: %zu, %s",
			         fl_level_name(c->level), c->customers,
			         money(&n, c->margin));
		}
		const char *row[] = { label, cells[0], cells[1], cells[2] };
		fl_table_row(t, row);
	}
}

static void fact(fl_plan_facts *f, const char *label, const char *value,
                 bool input)
{
	f->fact[f->count].label = label;
	f->fact[f->count].value = value;
	f->fact[f->count].input = input;
	f->count++;
}

void fl_plan_facts_of(fl_plan_facts *f, const fl_plan_data *d)
{
	const fl_portfolio *p = d->p;
	const fl_summary *s = d->s;
	char a[FL_MONEY_MAX], b[FL_MONEY_MAX];
	f->count = 0;
	if (p->period[0])
		fact(f, "period", p->period, true);
	if (p->currency[0])
		fact(f, "currency", p->currency, true);
	if (p->skipped > 0)
		snprintf(f->buf[0], sizeof(f->buf[0]), "%zu (%zu invalid skipped)",
		         s->customers, p->skipped);
	else
		snprintf(f->buf[0], sizeof(f->buf[0]), "%zu", s->customers);
	fact(f, "customers", f->buf[0], false);
	fl_fmt_money(f->buf[1], s->revenue);
	fact(f, "revenue", f->buf[1], false);
	fl_fmt_money(a, s->margin);
	fl_fmt_money(b, s->margin_pct);
	snprintf(f->buf[2], sizeof(f->buf[2]), "%s (%s%%)", a, b);
	fact(f, "margin", f->buf[2], false);
	fl_fmt_money(f->buf[3], s->service_cost);
	fact(f, "service cost", f->buf[3], false);
	fl_fmt_money(f->buf[4], s->after_service);
	fact(f, "margin after service", f->buf[4], false);
}
