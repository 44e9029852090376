/*
 * plan_tables.c - the content of the service plan's sections as tables
 * (plan_tables.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <math.h>

#include <focuslevel/economics.h>
#include <focuslevel/loyalty.h>

#include "util/buf.h"
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
#define B FL_RCOL_BOOL

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
	"contacts_per_year", "contacts_period", "cost_to_serve",
	"contribution", "service_cost", "after_service",
};
static const unsigned char level_num[] = { L, N, N, N, N, N, N, N, N, N, N,
                                           N };

void fl_plan_levels_table(fl_table *t, const fl_summary *s, bool total)
{
	struct nums n = { .next = 0 };
	fl_table_init(t, "levels", 12, level_cols, level_num);
	double contacts = 0, contacts_period = 0;
	for (int l = FL_LEVEL_PARTNERSHIP; l >= FL_LEVEL_BASIC; l--) {
		const fl_level_sum *ls = &s->levels[l];
		contacts += ls->contacts;
		contacts_period += ls->contacts_period;
		const char *row[] = {
			fl_level_name((fl_level)l), count(&n, ls->customers),
			money(&n, ls->share), money(&n, ls->revenue),
			money(&n, ls->margin), money(&n, ls->margin_pct),
			money(&n, ls->contacts), money(&n, ls->contacts_period),
			money(&n, ls->cost_to_serve), money(&n, ls->contribution),
			money(&n, ls->service_cost), money(&n, ls->after_service),
		};
		fl_table_row(t, row);
	}
	if (total) {
		const char *row[] = {
			"total", count(&n, s->customers),
			money(&n, s->customers ? 100.0 : 0.0), money(&n, s->revenue),
			money(&n, s->margin), money(&n, s->margin_pct),
			money(&n, contacts), money(&n, contacts_period),
			money(&n, s->cost_to_serve), money(&n, s->contribution),
			money(&n, s->service_cost), money(&n, s->after_service),
		};
		fl_table_row(t, row);
	}
}

/* The service plan per level: what the team does and what it costs. */
static const char *const service_cols[] = {
	"level", "customers", "customer_contacts_year",
	"customer_contacts_period", "customer_cost_year",
	"customer_cost_period", "service_cost", "after_service", "description",
	"actions",
};
static const unsigned char service_num[] = { L, N, N, N, N, N, N, N, 0, 0 };

void fl_plan_service_table(fl_table *t, const fl_plan_data *d)
{
	struct nums n = { .next = 0 };
	fl_buf acts;
	fl_buf_init(&acts);
	fl_table_init(t, "service_plan", 10, service_cols, service_num);
	double f = d->plan->econ.year_fraction;
	for (int l = FL_LEVEL_PARTNERSHIP; l >= FL_LEVEL_BASIC; l--) {
		const fl_level_policy *lp = &d->pol->levels[l];
		const fl_level_sum *ls = &d->s->levels[l];
		fl_buf_reset(&acts);
		for (size_t a = 0; a < lp->action_count; a++) {
			if (a > 0)
				fl_buf_adds(&acts, "; ");
			fl_buf_adds(&acts, lp->actions[a]);
		}
		if (acts.oom)
			t->oom = true;
		const char *row[] = {
			fl_level_name((fl_level)l), count(&n, ls->customers),
			money(&n, lp->contacts), money(&n, lp->contacts * f),
			money(&n, lp->cost), money(&n, d->plan->econ.level_cost[l]),
			money(&n, ls->service_cost), money(&n, ls->after_service),
			lp->description != NULL ? lp->description : "",
			acts.oom || acts.buf == NULL ? "" : acts.buf,
		};
		fl_table_row(t, row);
	}
	fl_buf_release(&acts);
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
	"margin_pct", "cost_to_serve", "contribution", "service_cost",
	"after_service", "axis", "axis_value", "cut", "moves_to", "reason",
};
static const unsigned char exc_num[] = {
	0, 0, 0, L, L, N, N, N, N, N, N, N, 0, N, N, L, 0,
};
enum { EX_KIND, EX_ID, EX_NAME, EX_LEVEL, EX_COMPUTED, EX_REVENUE, EX_MARGIN,
       EX_PCT, EX_CTS, EX_CONTRIB, EX_SERVICE, EX_AFTER, EX_AXIS, EX_VALUE,
       EX_CUT, EX_MOVES, EX_REASON, EX_NCOLS };

/* The kinds in order, and each kind's customers in the summary. */
const fl_plan_kind fl_plan_kinds[FL_PLAN_KINDS] = {
	{ "loss", "Loss-making customers (margin < 0)", "loss" },
	{ "over-served", "Over-served customers (profit after service < 0)",
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
	{ { EX_ID, EX_NAME, EX_LEVEL, EX_MARGIN, EX_CTS, EX_CONTRIB, EX_SERVICE,
	    EX_AFTER }, 8,
	  { "id", "name", "level", "margin", "cost_to_serve", "contribution",
	    "service_cost", "after_service" },
	  { 0, 0, L, N, N, N, N, N } },
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
	put_money(cl, x, EX_CTS, 7, e.cost_to_serve);
	put_money(cl, x, EX_CONTRIB, 8, e.contribution);
	put_money(cl, x, EX_SERVICE, 3, e.level_cost);
	put_money(cl, x, EX_AFTER, 4, e.after_service);
	put(cl, x, EX_REASON, fl_customer_reason(c));
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
	put_money(cl, x, EX_VALUE, 5, fl_borderline_value(d->p, plan, b));
	put_money(cl, x, EX_CUT, 6, fl_borderline_cut(plan, b));
	put(cl, x, EX_MOVES, fl_level_name((fl_level)b->moves_to));
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
	const fl_plan *plan = d->plan;
	const fl_summary *s = d->s;
	char a[FL_MONEY_MAX], b[FL_MONEY_MAX];
	f->count = 0;
	if (plan->period_label[0])
		fact(f, "period", plan->period_label, true);
	fl_fmt_shortest(a, plan->econ.year_fraction);
	snprintf(f->buf[5], sizeof(f->buf[5]), "%s (%s)", a,
	         fl_period_source_name(plan->period_source));
	fact(f, "year fraction", f->buf[5], false);
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
	fl_fmt_money(f->buf[6], s->cost_to_serve);
	fact(f, "cost to serve", f->buf[6], false);
	fl_fmt_money(f->buf[7], s->contribution);
	fact(f, "contribution", f->buf[7], false);
	fl_fmt_money(f->buf[3], s->service_cost);
	fact(f, "service cost", f->buf[3], false);
	fl_fmt_money(f->buf[4], s->after_service);
	fact(f, "profit after service", f->buf[4], false);
}

/* ---- the sections made of parts ---------------------------------------- */

/* A new table of x behind a new part; NULL when x is full. */
static fl_table *part_table(fl_plan_parts *x, const char *key,
                            const char *title, bool counted, size_t ncols,
                            const char *const *cols,
                            const unsigned char *flags)
{
	fl_table *t = &x->table[x->tables++];
	fl_plan_part *pt = &x->part[x->count++];
	fl_table_init(t, key, ncols, cols, flags);
	pt->key = key;
	pt->title = title;
	pt->counted = counted;
	pt->object = false;
	pt->json = NULL;
	return t;
}

/* Point each table-backed part at its table, once the tables are built
 * (the rows count is taken then). */
static void parts_done(fl_plan_parts *x)
{
	size_t t = 0;
	for (size_t i = 0; i < x->count; i++) {
		fl_plan_part *pt = &x->part[i];
		if (pt->rows.fill == NULL) {
			fl_table_rows(&x->table[t], &pt->rows);
			x->oom |= x->table[t].oom;
			t++;
		}
	}
}

static void parts_init(fl_plan_parts *x)
{
	memset(x, 0, sizeof(*x));
}

void fl_plan_parts_release(fl_plan_parts *x)
{
	for (size_t i = 0; i < x->tables; i++)
		fl_table_release(&x->table[i]);
	x->tables = 0;
	x->count = 0;
}

/* The customer lists: which columns each shows. */
enum { LIST_UNPROFITABLE, LIST_CHANGES, LIST_AT_RISK, LIST_GROWTH };

static const char *const unprof_cols[] = {
	"id", "name", "computed_level", "level", "margin", "cost_to_serve",
	"contribution", "after_service",
};
static const unsigned char unprof_flags[] = { 0, 0, L, L, N, N, N, N };

static const char *const change_cols[] = {
	"id", "name", "current_level", "level", "change", "cost_delta",
};
static const unsigned char change_flags[] = { 0, 0, L, L, 0, N };

static const char *const risk_cols[] = {
	"id", "name", "level", "p_alive", "expected_orders", "clv",
	"recency_days",
};
static const unsigned char risk_flags[] = { 0, 0, L, N, N, N, N };

static const char *const growth_cols[] = {
	"id", "name", "level", "revenue", "potential", "wallet_share",
	"untapped",
};
static const unsigned char growth_flags[] = { 0, 0, L, N, N, N, N };

static const struct {
	size_t ncols;
	const char *const *cols;
	const unsigned char *flags;
} list_cols[] = {
	[LIST_UNPROFITABLE] = { 8, unprof_cols, unprof_flags },
	[LIST_CHANGES] = { 6, change_cols, change_flags },
	[LIST_AT_RISK] = { 7, risk_cols, risk_flags },
	[LIST_GROWTH] = { 7, growth_cols, growth_flags },
};

/* v with `decimals` (2 or 6) into cell c, in cl->num[slot] (never a
 * negative zero); absent when not finite. */
static void cell_fixed(fl_cells *cl, size_t c, int slot, double v,
                       int decimals)
{
	if (!isfinite(v)) {
		fl_cells_set(cl, c, NULL);
		return;
	}
	if (decimals == 2) {
		cl->len[c] = fl_fmt_money(cl->num[slot], v);
	} else {
		if (v < 0 && v > -0.0000005)
			v = 0;
		locale_t prev = fl_c_locale_enter();
		int n = snprintf(cl->num[slot], FL_MONEY_MAX, "%.6f", v);
		fl_c_locale_leave(prev);
		cl->len[c] = n > 0 ? (size_t)n : 0;
	}
	cl->cell[c] = cl->num[slot];
}

/* The at-risk and growth rows: their figures come from the summary. */
static void value_list_fill(const fl_plan_list *l, size_t r, fl_cells *cl)
{
	const fl_plan *plan = l->d->plan;
	size_t i = l->what == LIST_AT_RISK ? l->risk[r].customer
	                                   : l->growth[r].customer;
	const fl_customer *c = &l->d->p->customers[i];
	fl_cells_set(cl, 0, c->id);
	fl_cells_set(cl, 1, c->name);
	fl_cells_set(cl, 2, fl_level_name((fl_level)plan->classes[i].level));
	if (l->what == LIST_AT_RISK) {
		const fl_at_risk *a = &l->risk[r];
		fl_loyalty y;
		cell_fixed(cl, 3, 0, a->p_alive, 6);
		cell_fixed(cl, 4, 1, a->expected_orders, 6);
		cell_fixed(cl, 5, 2, a->clv, 2);
		if (fl_loyalty_of(c, plan->as_of, &y)) {
			snprintf(cl->num[3], FL_MONEY_MAX, "%ld", y.recency);
			fl_cells_set(cl, 6, cl->num[3]);
		} else {
			fl_cells_set(cl, 6, NULL);
		}
		return;
	}
	const fl_growth *g = &l->growth[r];
	cell_fixed(cl, 3, 0, c->revenue, 2);
	cell_fixed(cl, 4, 1, fl_customer_potential(c), 2);
	cell_fixed(cl, 5, 2, g->wallet_share, 2);
	cell_fixed(cl, 6, 3, g->untapped, 2);
}

static bool list_fill(const void *ctx, size_t r, fl_cells *cl)
{
	const fl_plan_list *l = ctx;
	if (l->what == LIST_AT_RISK || l->what == LIST_GROWTH) {
		value_list_fill(l, r, cl);
		return true;
	}
	const fl_plan *plan = l->d->plan;
	size_t i = l->idx[r];
	const fl_customer *c = &l->d->p->customers[i];
	const fl_class *k = &plan->classes[i];
	fl_cells_set(cl, 0, c->id);
	fl_cells_set(cl, 1, c->name);
	if (l->what == LIST_UNPROFITABLE) {
		fl_econ_figures e = fl_econ_of(c, (fl_level)k->level, &plan->econ);
		fl_metrics m = fl_metrics_of(c);
		const double v[] = { m.margin, e.cost_to_serve, e.contribution,
		                     e.after_service };
		fl_cells_set(cl, 2, fl_level_name((fl_level)k->computed));
		fl_cells_set(cl, 3, fl_level_name((fl_level)k->level));
		for (int j = 0; j < 4; j++) {
			cl->len[4 + j] = fl_fmt_money(cl->num[j], v[j]);
			cl->cell[4 + j] = cl->num[j];
		}
		return true;
	}
	int steps = (int)k->level - (int)c->current;
	fl_cells_set(cl, 2, fl_level_name((fl_level)c->current));
	fl_cells_set(cl, 3, fl_level_name((fl_level)k->level));
	snprintf(cl->num[0], FL_MONEY_MAX, "%s %d", steps > 0 ? "up" : "down",
	         steps > 0 ? steps : -steps);
	fl_cells_set(cl, 4, cl->num[0]);
	double delta = plan->econ.level_cost[k->level] -
	               plan->econ.level_cost[c->current];
	cl->len[5] = fl_fmt_money(cl->num[1], delta);
	cl->cell[5] = cl->num[1];
	return true;
}

static void part_list(fl_plan_parts *x, const fl_plan_data *d,
                      const char *key, const char *title, int what,
                      const size_t *idx, size_t n)
{
	fl_plan_list *l = &x->list[x->lists++];
	*l = (fl_plan_list){ .d = d, .idx = idx, .n = n, .what = what };
	fl_plan_part *pt = &x->part[x->count++];
	pt->key = key;
	pt->title = title;
	pt->counted = true;
	pt->object = false;
	pt->json = NULL;
	pt->rows = (fl_rows){
		.key = key, .ncols = list_cols[what].ncols,
		.cols = list_cols[what].cols, .flags = list_cols[what].flags,
		.nrows = n, .fill = list_fill, .ctx = l,
	};
}

static const char *shortest(struct nums *n, double v)
{
	char *s = n->v[n->next++ % 16];
	fl_fmt_shortest(s, v);
	return s;
}

void fl_plan_affordability_parts(fl_plan_parts *x, const fl_plan_data *d,
                                 const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = { "service_share", "cap" };
	static const unsigned char fact_flags[] = { N, 0 };
	static const char *const mat_cols[] = {
		"computed_level", "basic", "reactive", "accountable", "proactive",
		"partnership", "total",
	};
	static const unsigned char mat_flags[] = { L, N, N, N, N, N, N };
	const fl_summary *s = d->s;
	struct nums n = { .next = 0 };
	parts_init(x);
	fl_table *t = part_table(x, "policy", NULL, false, 2, fact_cols,
	                         fact_flags);
	const char *facts[] = { shortest(&n, d->plan->econ.share),
	                        fl_cap_name(d->plan->econ.cap) };
	fl_table_row(t, facts);
	t = part_table(x, "counts", "Customers by grid level (rows) and "
	               "affordable level (columns)", false,
	               lay->total ? 7 : 6, mat_cols, mat_flags);
	size_t col[6] = { 0 };
	for (int g = FL_LEVEL_PARTNERSHIP; g >= FL_LEVEL_BASIC; g--) {
		const char *row[7];
		size_t sum = 0;
		row[0] = fl_level_name((fl_level)g);
		for (int a = FL_LEVEL_BASIC; a <= FL_LEVEL_PARTNERSHIP; a++) {
			row[a] = count(&n, s->afford[g][a]);
			sum += s->afford[g][a];
			col[a] += s->afford[g][a];
		}
		row[6] = count(&n, sum);
		fl_table_row(t, row);
	}
	if (lay->total) {
		const char *row[7] = { "total" };
		for (int a = FL_LEVEL_BASIC; a <= FL_LEVEL_PARTNERSHIP; a++)
			row[a] = count(&n, col[a]);
		row[6] = count(&n, s->customers);
		fl_table_row(t, row);
	}
	part_list(x, d, "unprofitable", "Unprofitable customers (not even "
	          "basic is affordable)", LIST_UNPROFITABLE, s->unprofitable,
	          s->unprofitable_count);
	parts_done(x);
}

void fl_plan_changes_parts(fl_plan_parts *x, const fl_plan_data *d,
                           const fl_plan_layout *lay)
{
	static const char *const count_cols[] = { "with_current_level",
	                                          "same" };
	static const unsigned char count_flags[] = { N, N };
	static const char *const total_cols[] = {
		"serve_more_cost_delta", "serve_less_cost_delta", "net_cost_delta",
	};
	static const unsigned char total_flags[] = { N, N, N };
	const fl_summary *s = d->s;
	struct nums n = { .next = 0 };
	(void)lay;
	parts_init(x);
	fl_table *t = part_table(x, "customers", NULL, false, 2, count_cols,
	                         count_flags);
	const char *counts[] = { count(&n, s->with_current),
	                         count(&n, s->same) };
	fl_table_row(t, counts);
	part_list(x, d, "serve_more", "Serve more (a higher level than "
	          "today)", LIST_CHANGES, s->serve_more, s->serve_more_count);
	part_list(x, d, "serve_less", "Serve less (a lower level than today)",
	          LIST_CHANGES, s->serve_less, s->serve_less_count);
	t = part_table(x, "totals", NULL, false, 3, total_cols, total_flags);
	const char *totals[] = { money(&n, s->serve_more_delta),
	                         money(&n, s->serve_less_delta),
	                         money(&n, s->net_delta) };
	fl_table_row(t, totals);
	parts_done(x);
}

void fl_plan_curve_parts(fl_plan_parts *x, const fl_plan_data *d,
                         const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = {
		"total", "peak", "peak_pct", "peak_customers", "losses",
		"loss_customers",
	};
	static const unsigned char fact_flags[] = { N, N, N, N, N, N };
	static const char *const dec_cols[] = { "customers_pct", "customers",
	                                        "profit_pct" };
	static const unsigned char dec_flags[] = { N, N, N };
	const fl_profit_curve *c = &d->s->curve;
	struct nums n = { .next = 0 };
	/* A percentage of a total <= 0 is not defined: empty (null) for
	 * machines, "-" for readers. */
	const char *undefined = lay->exact ? "" : "-";
	parts_init(x);
	fl_table *t = part_table(x, "curve", NULL, false, 6, fact_cols,
	                         fact_flags);
	const char *facts[] = {
		money(&n, c->total), money(&n, c->peak),
		c->has_peak_pct ? money(&n, c->peak_pct) : "",
		count(&n, c->peak_customers), money(&n, c->losses),
		count(&n, c->loss_customers),
	};
	fl_table_row(t, facts);
	t = part_table(x, "deciles", "Share of the total profit earned by the "
	               "best customers (deciles)", false, 3, dec_cols,
	               dec_flags);
	/* JSON: an array of the ten percentages, each null when not
	 * defined (the array keeps its shape). */
	char *j = x->json;
	for (size_t k = 1; k <= 10; k++) {
		char pct[8];
		snprintf(pct, sizeof(pct), "%zu", k * 10);
		const char *row[] = {
			pct, count(&n, (c->customers * k + 9) / 10),
			c->has_deciles ? money(&n, c->deciles[k - 1]) : undefined,
		};
		fl_table_row(t, row);
		j += sprintf(j, "%s%s", k == 1 ? "[" : ", ",
		             c->has_deciles ? row[2] : "null");
	}
	sprintf(j, "]");
	x->part[x->count - 1].json = x->json;
	parts_done(x);
}

void fl_plan_segments_parts(fl_plan_parts *x, const fl_plan_data *d,
                            const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = { "min_group" };
	static const unsigned char fact_flags[] = { N };
	static const char *const group_cols[] = {
		"group", "customers", "thresholds", "margin_cut_low",
		"margin_cut_high", "margin_split", "value_cut_low",
		"value_cut_high", "value_split", "basic", "reactive",
		"accountable", "proactive", "partnership",
	};
	static const unsigned char group_flags[] = {
		0, N, 0, N, N, N, N, N, N, N, N, N, N, N,
	};
	static const char *const fb_cols[] = { "group", "customers" };
	static const unsigned char fb_flags[] = { 0, N };
	const fl_plan *plan = d->plan;
	struct nums n = { .next = 0 };
	parts_init(x);
	fl_table *t = part_table(x, "grouping", NULL, false, 1, fact_cols,
	                         fact_flags);
	const char *facts[] = { count(&n, plan->min_group) };
	fl_table_row(t, facts);
	fl_table *gt = part_table(x, "groups", "Thresholds and levels per "
	                          "group", false, 14, group_cols, group_flags);
	fl_table *ft = part_table(x, "fallback", "Groups on the whole "
	                          "portfolio's thresholds", true, 2, fb_cols,
	                          fb_flags);
	for (size_t i = 0; i < plan->group_count; i++) {
		const fl_group *g = &plan->groups[i];
		const fl_thresholds *th = &g->thresholds;
		const double cut[6] = {
			th->margin.cut_low, th->margin.cut_high, th->margin.split,
			th->value.cut_low, th->value.cut_high, th->value.split,
		};
		const char *name = g->segment[0] ? g->segment : FL_GROUP_NONE;
		const char *row[14] = {
			name, count(&n, g->customers),
			g->own ? "own" : "portfolio",
		};
		for (int k = 0; k < 6; k++)
			row[3 + k] = lay->exact ? shortest(&n, cut[k])
			                        : money(&n, cut[k]);
		/* 7 numbers so far: the 16 buffers of n hold them, the 5
		 * counts below, and row[1] for the fallback row. */
		for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
			row[8 + l] = count(&n, d->s->group_levels != NULL
			                   ? d->s->group_levels[i][l] : 0);
		fl_table_row(gt, row);
		if (!g->own) {
			const char *fb[] = { name, row[1] };
			fl_table_row(ft, fb);
		}
	}
	parts_done(x);
}

/* v with six decimals (p_alive, expected orders), never "-0.000000";
 * `undefined` when v is not finite. */
static const char *fixed6(struct nums *n, double v, const char *undefined)
{
	if (!isfinite(v))
		return undefined;
	if (v < 0 && v > -0.0000005)
		v = 0;
	char *s = n->v[n->next++ % 16];
	locale_t prev = fl_c_locale_enter();
	snprintf(s, FL_MONEY_MAX, "%.6f", v);
	fl_c_locale_leave(prev);
	return s;
}

/* An amount with two decimals, `undefined` when not finite. */
static const char *money_or(struct nums *n, double v, const char *undefined)
{
	return isfinite(v) ? money(n, v) : undefined;
}

/* A fitted parameter: shortest round-trip form for machines, six
 * significant digits for readers. */
static const char *param(struct nums *n, double v, bool exact)
{
	if (exact)
		return shortest(n, v);
	char *s = n->v[n->next++ % 16];
	locale_t prev = fl_c_locale_enter();
	snprintf(s, FL_MONEY_MAX, "%.6g", v);
	fl_c_locale_leave(prev);
	return s;
}

void fl_plan_value_parts(fl_plan_parts *x, const fl_plan_data *d,
                         const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = {
		"as_of", "customers_with_dates", "horizon_months",
		"discount_rate", "note",
	};
	static const unsigned char fact_flags[] = { 0, N, N, N, 0 };
	static const char *const bg_cols[] = {
		"r", "alpha", "a", "b", "log_likelihood", "customers",
		"no_dropout", "at_bound",
	};
	static const unsigned char bg_flags[] = { N, N, N, N, N, N, B, B };
	static const char *const gg_cols[] = {
		"p", "q", "gamma", "log_likelihood", "customers", "at_bound",
	};
	static const unsigned char gg_flags[] = { N, N, N, N, N, B };
	static const char *const lv_cols[] = {
		"level", "customers", "mean_p_alive", "clv",
	};
	static const unsigned char lv_flags[] = { L, N, N, N };
	const fl_plan *plan = d->plan;
	const fl_summary *s = d->s;
	const char *undefined = lay->exact ? "" : "-";
	struct nums n = { .next = 0 };
	char day[FL_DATE_MAX] = "";
	if (plan->as_of != FL_DAY_NONE)
		fl_date_format(day, fl_date_of_days(plan->as_of));
	parts_init(x);
	/* Readers are told in words when the fit found no dropout; the
	 * machines read no_dropout and at_bound. */
	const char *note = NULL;
	if (!lay->exact && plan->valued && plan->bgnbd.no_dropout)
		note = "no dropout detected (the BG/NBD fit stopped at its "
		       "bounds)";
	else if (!lay->exact && plan->valued && plan->bgnbd.at_bound)
		note = "the BG/NBD fit ended on a bound of its parameters";
	fl_table *t = part_table(x, "customer_value", NULL, false,
	                         note != NULL ? 5 : 4, fact_cols, fact_flags);
	char rate[FL_SHORTEST_MAX];
	fl_fmt_shortest(rate, plan->discount_rate);
	const char *facts[] = {
		day, count(&n, s->value_total.customers),
		count(&n, plan->horizon_months), rate, note,
	};
	fl_table_row(t, facts);
	t = part_table(x, "bgnbd", "BG/NBD: repeat purchases (alpha in days)",
	               false, 8, bg_cols, bg_flags);
	x->part[x->count - 1].object = true;
	bool ex = lay->exact;
	if (plan->valued) {
		const fl_bgnbd *bg = &plan->bgnbd;
		const char *row[] = {
			param(&n, bg->r, ex), param(&n, bg->alpha, ex),
			param(&n, bg->a, ex), param(&n, bg->b, ex),
			param(&n, bg->log_likelihood, ex),
			count(&n, bg->customers), bg->no_dropout ? "yes" : "no",
			bg->at_bound ? "yes" : "no",
		};
		fl_table_row(t, row);
	}
	t = part_table(x, "gamma_gamma", "Gamma-Gamma: spend per order", false,
	               6, gg_cols, gg_flags);
	x->part[x->count - 1].object = true;
	if (plan->spend) {
		const fl_gamma_gamma *gg = &plan->gamma_gamma;
		const char *row[] = {
			param(&n, gg->p, ex), param(&n, gg->q, ex),
			param(&n, gg->gamma, ex),
			param(&n, gg->log_likelihood, ex),
			count(&n, gg->customers), gg->at_bound ? "yes" : "no",
		};
		fl_table_row(t, row);
	}
	t = part_table(x, "levels", "Customers with dates per level: mean "
	               "p_alive and total lifetime value", false, 4, lv_cols,
	               lv_flags);
	for (int l = FL_LEVEL_PARTNERSHIP; l >= FL_LEVEL_BASIC; l--) {
		const fl_value_sum *v = &s->value[l];
		const char *row[] = {
			fl_level_name((fl_level)l), count(&n, v->customers),
			fixed6(&n, v->p_alive, undefined),
			money_or(&n, v->clv, undefined),
		};
		fl_table_row(t, row);
	}
	if (lay->total) {
		const fl_value_sum *v = &s->value_total;
		const char *row[] = {
			"total", count(&n, v->customers),
			fixed6(&n, v->p_alive, undefined),
			money_or(&n, v->clv, undefined),
		};
		fl_table_row(t, row);
	}
	parts_done(x);
}

void fl_plan_at_risk_parts(fl_plan_parts *x, const fl_plan_data *d,
                           const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = { "at_risk_below",
	                                          "clv_at_risk" };
	static const unsigned char fact_flags[] = { N, N };
	const fl_summary *s = d->s;
	struct nums n = { .next = 0 };
	char below[FL_SHORTEST_MAX];
	fl_fmt_shortest(below, d->pol->at_risk_below);
	parts_init(x);
	fl_table *t = part_table(x, "at_risk", NULL, false, 2, fact_cols,
	                         fact_flags);
	const char *facts[] = {
		below, money_or(&n, s->at_risk_clv, lay->exact ? "" : "-"),
	};
	fl_table_row(t, facts);
	snprintf(x->title[0], sizeof(x->title[0]), "Proactive and partnership "
	         "customers with p_alive below %s, by lifetime value", below);
	part_list(x, d, "customers", x->title[0], LIST_AT_RISK, NULL,
	          s->at_risk_count);
	x->list[x->lists - 1].risk = s->at_risk;
	parts_done(x);
}

void fl_plan_growth_parts(fl_plan_parts *x, const fl_plan_data *d,
                          const fl_plan_layout *lay)
{
	static const char *const fact_cols[] = {
		"share_below", "customers_with_potential", "untapped_total",
	};
	static const unsigned char fact_flags[] = { N, N, N };
	const fl_summary *s = d->s;
	struct nums n = { .next = 0 };
	char below[FL_SHORTEST_MAX];
	(void)lay;
	fl_fmt_shortest(below, d->pol->share_below);
	parts_init(x);
	fl_table *t = part_table(x, "growth", NULL, false, 3, fact_cols,
	                         fact_flags);
	const char *facts[] = {
		below, count(&n, s->with_potential),
		money(&n, s->growth_untapped),
	};
	fl_table_row(t, facts);
	snprintf(x->title[0], sizeof(x->title[0]), "Customers with a wallet "
	         "share below %s %%, by untapped potential", below);
	part_list(x, d, "customers", x->title[0], LIST_GROWTH, NULL,
	          s->growth_count);
	x->list[x->lists - 1].growth = s->growth;
	parts_done(x);
}

static bool stack_fill(const void *ctx, size_t r, fl_cells *out)
{
	/* The scratch cells are the stack's own: the caller made it
	 * writable (fl_plan_stack_rows takes it so). */
	fl_plan_stack *x = (fl_plan_stack *)(uintptr_t)ctx;
	size_t p = 0;
	while (r >= x->parts->part[p].rows.nrows)
		r -= x->parts->part[p++].rows.nrows;
	const fl_rows *pr = &x->parts->part[p].rows;
	x->tmp.sgr = NULL;
	if (!pr->fill(pr->ctx, r, &x->tmp))
		return false;
	for (size_t c = 0; c < FL_ROWS_MAX; c++)
		out->cell[c] = NULL;
	fl_cells_set(out, 0, x->parts->part[p].key);
	for (size_t c = 0; c < pr->ncols; c++) {
		int to = x->map[p][c];
		out->cell[to] = x->tmp.cell[c];
		out->len[to] = x->tmp.len[c];
	}
	return true;
}

bool fl_plan_stack_rows(fl_rows *r, fl_plan_stack *x,
                        const fl_plan_parts *parts)
{
	size_t ncols = 1, nrows = 0;
	x->parts = parts;
	x->cols[0] = "kind";
	x->flags[0] = 0;
	for (size_t p = 0; p < parts->count; p++) {
		const fl_rows *pr = &parts->part[p].rows;
		nrows += pr->nrows;
		for (size_t c = 0; c < pr->ncols; c++) {
			size_t k = 1;
			while (k < ncols && strcmp(x->cols[k], pr->cols[c]) != 0)
				k++;
			if (k == ncols) {
				if (ncols == FL_ROWS_MAX)
					return false;
				x->cols[ncols] = pr->cols[c];
				x->flags[ncols++] = pr->flags != NULL ? pr->flags[c] : 0;
			}
			x->map[p][c] = (int)k;
		}
	}
	*r = (fl_rows){
		.key = parts->count > 0 ? parts->part[0].rows.key : "",
		.ncols = ncols, .cols = x->cols, .flags = x->flags,
		.nrows = nrows, .fill = stack_fill, .ctx = x,
	};
	return true;
}
