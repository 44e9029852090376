/*
 * assign.c - the assignment: one row per customer in the order --sort
 * asks for, as a row source (rows.h) that every format renders.
 *
 * The table form has a header that says what was classified with which
 * thresholds; the JSON form wraps the rows in an object with the same
 * facts, its thresholds written in full (shortest round-trip form) so they
 * can be fed back exactly.  CSV and TSV are the rows alone.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/loyalty.h>

#include "model/columns.h"
#include "util/c_locale.h"
#include "write/assign.h"
#include "write/escape.h"
#include "write/rows.h"
#include "write/rows_xlsx.h"
#include "write/text.h"

/* Numeric columns: right-aligned, never formula-escaped, JSON numbers. */
static const unsigned char col_flags[FL_NCOLS] = {
	[FL_COL_ORDERS] = FL_RCOL_NUM, [FL_COL_REVENUE] = FL_RCOL_NUM,
	[FL_COL_COST] = FL_RCOL_NUM, [FL_COL_MARGIN] = FL_RCOL_NUM,
	[FL_COL_MARGIN_PCT] = FL_RCOL_NUM, [FL_COL_ORDER_VALUE] = FL_RCOL_NUM,
	[FL_COL_LEVEL] = FL_RCOL_LEVEL, [FL_COL_PINNED] = FL_RCOL_BOOL,
	[FL_COL_COST_TO_SERVE] = FL_RCOL_NUM,
	[FL_COL_CONTRIBUTION] = FL_RCOL_NUM, [FL_COL_LEVEL_COST] = FL_RCOL_NUM,
	[FL_COL_AFTER_SERVICE] = FL_RCOL_NUM,
	[FL_COL_UNPROFITABLE] = FL_RCOL_BOOL,
	[FL_COL_RECENCY] = FL_RCOL_NUM, [FL_COL_TENURE] = FL_RCOL_NUM,
	[FL_COL_REPEAT] = FL_RCOL_NUM, [FL_COL_P_ALIVE] = FL_RCOL_NUM,
	[FL_COL_EXPECTED_ORDERS] = FL_RCOL_NUM,
	[FL_COL_EXPECTED_ORDER_VALUE] = FL_RCOL_NUM, [FL_COL_CLV] = FL_RCOL_NUM,
	[FL_COL_POTENTIAL] = FL_RCOL_NUM, [FL_COL_WALLET_SHARE] = FL_RCOL_NUM,
};

/* Every column fits the options' list and a row of the rows driver: a
 * new column past either is a compile error, not an overflow (fuzz_pipeline
 * found --columns all writing past a list of 32 at the 33rd column). */
_Static_assert(FL_NCOLS <= FL_ASSIGN_COLUMNS_MAX,
               "FL_ASSIGN_COLUMNS_MAX is below the number of columns");
_Static_assert(FL_NCOLS <= FL_ROWS_MAX,
               "FL_ROWS_MAX is below the number of columns");

const char *fl_assign_columns_parse(const char *list, fl_assign_options *opts,
                                    size_t *bad_len)
{
	return fl_columns_parse(list, opts->columns, &opts->ncolumns, bad_len);
}

bool fl_assign_shows_value(const fl_assign_options *opts)
{
	for (size_t j = 0; j < opts->ncolumns; j++)
		if (opts->columns[j] >= FL_COL_P_ALIVE &&
		    opts->columns[j] <= FL_COL_CLV)
			return true;
	return false;
}

const char *fl_assign_column_name(size_t c)
{
	return c < FL_NCOLS ? fl_col_names[c] : NULL;
}

struct source {
	const fl_portfolio *p;
	const fl_plan *plan;
	const size_t *order;     /* row order, NULL: input order */
	/* Chosen columns (NULL: the default ones, filled in place), their
	 * names and flags, and the cells of every column to pick them
	 * from. */
	const unsigned char *columns;
	size_t ncolumns;
	bool economics;          /* a column of the economics is chosen */
	bool loyalty;            /* a column of the loyalty figures, or of
	                          * the customer value, is (the as-of date) */
	bool value;              /* a column of the customer value is */
	bool clv;                /* the clv column is */
	bool wallet;             /* a column of the share of wallet is */
	const char *names[FL_NCOLS];
	unsigned char flags[FL_NCOLS];
};

static void number(fl_out *o, double v)
{
	char tmp[FL_SHORTEST_MAX];
	fl_out_write(o, tmp, fl_fmt_shortest(tmp, v));
}

/* The economics' cells of customer i (class k) into r. */
static void fill_economics(const struct source *src, size_t i,
                           const fl_customer *c, const fl_class *k,
                           fl_cells *r)
{
	const fl_plan *plan = src->plan;
	fl_econ_figures e = fl_econ_of(c, (fl_level)k->level, &plan->econ);
	const double v[4] = { e.cost_to_serve, e.contribution, e.level_cost,
	                      e.after_service };
	for (int j = 0; j < 4; j++) {
		r->len[FL_COL_COST_TO_SERVE + j] = fl_fmt_money(r->num[6 + j], v[j]);
		r->cell[FL_COL_COST_TO_SERVE + j] = r->num[6 + j];
	}
	fl_cells_set(r, FL_COL_AFFORDABLE, fl_level_name(k->affordable));
	fl_cells_set(r, FL_COL_UNPROFITABLE, k->unprofitable ? "yes" : "no");
	fl_cells_set(r, FL_COL_COMPUTED, fl_level_name(k->computed));
	fl_cells_set(r, FL_COL_CURRENT, fl_level_name(c->current));
	const char *change = NULL;
	if (c->current != FL_LEVEL_NONE) {
		int d = (int)k->level - (int)c->current;
		char *b = r->num[10];
		if (d == 0)
			change = "same";
		else {
			snprintf(b, FL_MONEY_MAX, "%s %d", d > 0 ? "up" : "down",
			         d > 0 ? d : -d);
			change = b;
		}
	}
	fl_cells_set(r, FL_COL_CHANGE, change);
	const fl_group *g = fl_plan_group(plan, i);
	fl_cells_set(r, FL_COL_GROUP, g != NULL ? fl_group_name(g)
	                                        : FL_GROUP_ALL);
}

/* Digits of u, ending at end (exclusive); returns where they start.
 * snprintf is slow for a million rows. */
static char *digits(char *end, uint64_t u)
{
	char *p = end;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	return p;
}

/* A whole number into cell c, formatted in r->num[slot]. */
static void cell_long(fl_cells *r, size_t c, int slot, long v)
{
	char *end = r->num[slot] + 24;
	char *p = digits(end, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	r->cell[c] = p;
	r->len[c] = (size_t)(end - p);
}

/* The loyalty figures' cells of customer c: absent without dates. */
static void fill_loyalty(const struct source *src, const fl_customer *c,
                         fl_cells *r)
{
	fl_loyalty l;
	if (!fl_loyalty_of(c, src->plan->as_of, &l)) {
		for (int j = FL_COL_FIRST_ORDER; j <= FL_COL_REPEAT; j++)
			fl_cells_set(r, (size_t)j, NULL);
		return;
	}
	r->len[FL_COL_FIRST_ORDER] = fl_date_format(r->num[11],
	                                            fl_date_of_days(l.first));
	r->cell[FL_COL_FIRST_ORDER] = r->num[11];
	r->len[FL_COL_LAST_ORDER] = fl_date_format(r->num[12],
	                                           fl_date_of_days(l.last));
	r->cell[FL_COL_LAST_ORDER] = r->num[12];
	cell_long(r, FL_COL_RECENCY, 13, l.recency);
	cell_long(r, FL_COL_TENURE, 14, l.tenure);
	char *end = r->num[15] + 24;
	r->cell[FL_COL_REPEAT] = digits(end, l.x);
	r->len[FL_COL_REPEAT] = (size_t)(end - r->cell[FL_COL_REPEAT]);
}

/* v with six decimals into cell c, formatted in r->num[slot] (never
 * "-0.000000"); absent when v is not finite. */
static void cell_fixed6(fl_cells *r, size_t c, int slot, double v)
{
	if (!isfinite(v)) {
		fl_cells_set(r, c, NULL);
		return;
	}
	if (v < 0 && v > -0.0000005)
		v = 0;
	locale_t prev = fl_c_locale_enter();
	int n = snprintf(r->num[slot], FL_MONEY_MAX, "%.6f", v);
	fl_c_locale_leave(prev);
	r->cell[c] = r->num[slot];
	r->len[c] = n > 0 ? (size_t)n : 0;
}

/* v with two decimals into cell c (absent when not finite). */
static void cell_money(fl_cells *r, size_t c, int slot, double v)
{
	if (!isfinite(v)) {
		fl_cells_set(r, c, NULL);
		return;
	}
	r->len[c] = fl_fmt_money(r->num[slot], v);
	r->cell[c] = r->num[slot];
}

/* The customer value's cells of customer c (row i of the portfolio):
 * absent without dates (or without a fit); the expected order value and
 * clv absent without the spend fit. */
static void fill_value(const struct source *src, size_t i,
                       const fl_customer *c, fl_cells *r)
{
	/* On a clv value axis the plan has every lifetime value already. */
	const double *kept = src->plan->clv;
	fl_customer_value v;
	if (!fl_plan_value_of(src->plan, c, src->clv && kept == NULL, &v)) {
		for (int j = FL_COL_P_ALIVE; j <= FL_COL_CLV; j++)
			fl_cells_set(r, (size_t)j, NULL);
		return;
	}
	cell_fixed6(r, FL_COL_P_ALIVE, 16, v.p_alive);
	cell_fixed6(r, FL_COL_EXPECTED_ORDERS, 17, v.expected_orders);
	cell_money(r, FL_COL_EXPECTED_ORDER_VALUE, 18, v.expected_order_value);
	cell_money(r, FL_COL_CLV, 19,
	           kept != NULL && src->clv ? kept[i] : v.clv);
}

/* The share of wallet's cells of customer c: absent without a
 * potential (the share also when it is 0). */
static void fill_wallet(const struct source *src, const fl_customer *c,
                        fl_cells *r)
{
	double f = src->plan->econ.year_fraction;
	cell_money(r, FL_COL_POTENTIAL, 20, fl_customer_potential(c));
	cell_money(r, FL_COL_WALLET_SHARE, 21, fl_wallet_share(c, f));
}

/* Every cell of customer row n, by FL_COL_* (the economics', the loyalty
 * figures', the customer value's and the share of wallet's only when
 * chosen). */
static void fill_all(const struct source *src, size_t n, fl_cells *r)
{
	size_t i = src->order != NULL ? src->order[n] : n;
	const fl_customer *c = &src->p->customers[i];
	const fl_class *k = &src->plan->classes[i];
	fl_metrics m = fl_metrics_of(c);
	r->cell[FL_COL_ID] = c->id;
	r->cell[FL_COL_NAME] = c->name;
	r->cell[FL_COL_SEGMENT] = c->segment;
	char *end = r->num[0] + 24, *p = digits(end, c->orders);
	r->cell[FL_COL_ORDERS] = p;
	r->len[FL_COL_ORDERS] = (size_t)(end - p);
	const double v[5] = { c->revenue, c->cost, m.margin, m.margin_pct,
	                      m.order_value };
	for (int j = 0; j < 5; j++) {
		r->len[FL_COL_REVENUE + j] = fl_fmt_money(r->num[j + 1], v[j]);
		r->cell[FL_COL_REVENUE + j] = r->num[j + 1];
	}
	r->cell[FL_COL_MARGIN_TIER] = fl_tier_name(k->margin_tier);
	r->cell[FL_COL_VALUE_TIER] = fl_tier_name(k->value_tier);
	r->cell[FL_COL_QUADRANT] = fl_quadrant_name(k->quadrant);
	r->cell[FL_COL_LEVEL] = fl_level_name(k->level);
	r->cell[FL_COL_PINNED] = c->pin != FL_LEVEL_NONE ? "yes" : "no";
	static const int text[] = {
		FL_COL_ID, FL_COL_NAME, FL_COL_SEGMENT, FL_COL_MARGIN_TIER,
		FL_COL_VALUE_TIER, FL_COL_QUADRANT, FL_COL_LEVEL, FL_COL_PINNED,
	};
	for (size_t j = 0; j < sizeof(text) / sizeof(text[0]); j++)
		r->len[text[j]] = strlen(r->cell[text[j]]);
	if (src->economics)
		fill_economics(src, i, c, k, r);
	if (src->loyalty)
		fill_loyalty(src, c, r);
	if (src->value)
		fill_value(src, i, c, r);
	if (src->wallet)
		fill_wallet(src, c, r);
}

static bool fill(const void *ctx, size_t n, fl_cells *r)
{
	const struct source *src = ctx;
	const fl_class *k = &src->plan->classes[src->order != NULL
	                                        ? src->order[n] : n];
	/* Every cell by FL_COL_*, then the chosen ones picked in place (the
	 * numbers stay in r->num): no state shared between rows, so rows
	 * may be filled on several threads at once. */
	fill_all(src, n, r);
	r->sgr = fl_level_sgr((fl_level)k->level);
	r->sgr_col = FL_COL_LEVEL;
	if (src->columns != NULL) {
		const char *cell[FL_NCOLS];
		size_t len[FL_NCOLS];
		memcpy(cell, r->cell, sizeof(cell));
		memcpy(len, r->len, sizeof(len));
		r->sgr = NULL;
		for (size_t j = 0; j < src->ncolumns; j++) {
			r->cell[j] = cell[src->columns[j]];
			r->len[j] = len[src->columns[j]];
			if (src->columns[j] == FL_COL_LEVEL) {
				r->sgr = fl_level_sgr((fl_level)k->level);
				r->sgr_col = j;
			}
		}
	}
	return true;
}

static void rows_of(fl_rows *r, struct source *src, const fl_portfolio *p,
                    const fl_plan *plan, const size_t *order,
                    const fl_assign_options *opts)
{
	*src = (struct source){ .p = p, .plan = plan, .order = order };
	*r = (fl_rows){ .key = "customers", .ncols = FL_NCOLS_DEFAULT,
	                .cols = fl_col_names, .flags = col_flags,
	                .nrows = plan->count, .fill = fill, .ctx = src,
	                .jobs = opts != NULL ? opts->jobs : 1 };
	if (opts == NULL || opts->ncolumns == 0)
		return;
	src->columns = opts->columns;
	src->ncolumns = opts->ncolumns;
	for (size_t j = 0; j < opts->ncolumns; j++) {
		int c = opts->columns[j];
		src->names[j] = fl_col_names[c];
		src->flags[j] = col_flags[c];
		if (c >= FL_COL_POTENTIAL)
			src->wallet = true;
		else if (c >= FL_COL_P_ALIVE)
			src->value = true;
		if (c == FL_COL_CLV)
			src->clv = true;
		if (c >= FL_COL_FIRST_ORDER && c <= FL_COL_CLV)
			src->loyalty = true;
		else if (c >= FL_NCOLS_DEFAULT && c < FL_COL_FIRST_ORDER)
			src->economics = true;
	}
	r->ncols = opts->ncolumns;
	r->cols = src->names;
	r->flags = src->flags;
	/* A lifetime value computed row by row goes through the plan's
	 * cache (fl_plan_value_of), which it writes: one thread then. */
	if (src->clv && plan->clv == NULL)
		r->jobs = 1;
}

fl_status fl_assign_html(fl_out *o, const fl_portfolio *p,
                         const fl_plan *plan)
{
	/* The level next to the name, where a reader looks for it; the
	 * tiers are the grid's, the cost is revenue - margin. */
	static const unsigned char columns[] = {
		FL_COL_ID, FL_COL_NAME, FL_COL_LEVEL, FL_COL_SEGMENT,
		FL_COL_ORDERS, FL_COL_REVENUE, FL_COL_MARGIN, FL_COL_MARGIN_PCT,
		FL_COL_ORDER_VALUE, FL_COL_QUADRANT, FL_COL_PINNED,
	};
	fl_assign_options opts = { .ncolumns = sizeof(columns) };
	memcpy(opts.columns, columns, sizeof(columns));
	struct source src;
	fl_rows r;
	rows_of(&r, &src, p, plan, NULL, &opts);
	return fl_rows_html(o, &r, NULL);
}

static void describe_axis(fl_out *o, const fl_axis *a)
{
	char label[32];
	snprintf(label, sizeof(label), "%s:", fl_basis_label(a->basis));
	char lo[FL_MONEY_MAX], hi[FL_MONEY_MAX], sp[FL_MONEY_MAX];
	fl_fmt_money(lo, a->cut_low);
	fl_fmt_money(hi, a->cut_high);
	fl_fmt_money(sp, a->split);
	fl_out_printf(o, "%-13scuts %s, %s ", label, lo, hi);
	if (a->cuts_source == FL_SOURCE_GIVEN)
		fl_out_puts(o, "(given)");
	else
		fl_out_printf(o, "(computed: quantiles %.4g, %.4g)", a->q_low,
		              a->q_high);
	fl_out_printf(o, "; split %s ", sp);
	if (a->split_source == FL_SOURCE_GIVEN)
		fl_out_puts(o, "(given)\n");
	else
		fl_out_printf(o, "(computed: quantile %.4g)\n", a->q_split);
}

static void text_fact(fl_out *o, const char *label, const char *s)
{
	fl_out_puts(o, label);
	fl_text_write(o, s, strlen(s));
	fl_out_putc(o, '\n');
}

/* The as-of date as text into buf (FL_DATE_MAX); NULL when none. */
static const char *as_of_text(char *buf, const fl_plan *plan)
{
	if (plan->as_of == FL_DAY_NONE)
		return NULL;
	fl_date_format(buf, fl_date_of_days(plan->as_of));
	return buf;
}

static void text_header(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        bool loyalty)
{
	text_fact(o, "portfolio:   ", p->name[0] ? p->name : "(unnamed)");
	if (plan->period_label[0])
		text_fact(o, "period:      ", plan->period_label);
	char day[FL_DATE_MAX];
	/* What recency and tenure count to, when they are shown. */
	if (loyalty && p->dated > 0 && as_of_text(day, plan) != NULL)
		text_fact(o, "as of:       ", day);
	if (p->currency[0])
		text_fact(o, "currency:    ", p->currency);
	fl_out_printf(o, "customers:   %zu", plan->count);
	if (p->skipped > 0)
		fl_out_printf(o, " (%zu invalid skipped)", p->skipped);
	fl_out_putc(o, '\n');
	const fl_thresholds *t = &plan->thresholds;
	describe_axis(o, &t->margin);
	describe_axis(o, &t->value);
	fl_out_putc(o, '\n');
}


static const char *source_name(fl_source s)
{
	return s == FL_SOURCE_GIVEN ? "given" : "computed";
}

static void json_axis(fl_out *o, const char *name, const fl_axis *a)
{
	fl_out_printf(o, "    \"%s\": {\"" FL_KEY_BASIS "\": \"%s\", \""
	              FL_KEY_CUTS "\": [", name, fl_basis_name(a->basis));
	number(o, a->cut_low);
	fl_out_puts(o, ", ");
	number(o, a->cut_high);
	fl_out_printf(o, "], \"" FL_KEY_CUTS_SOURCE "\": \"%s\", \""
	              FL_KEY_SPLIT "\": ", source_name(a->cuts_source));
	number(o, a->split);
	fl_out_printf(o, ", \"" FL_KEY_SPLIT_SOURCE "\": \"%s\", \""
	              FL_KEY_QUANTILES "\": [", source_name(a->split_source));
	number(o, a->q_low);
	fl_out_puts(o, ", ");
	number(o, a->q_high);
	fl_out_puts(o, ", ");
	number(o, a->q_split);
	fl_out_puts(o, "]}");
}

void fl_json_thresholds(fl_out *o, const fl_thresholds *t)
{
	fl_out_puts(o, "{\n");
	json_axis(o, FL_KEY_AXIS_MARGIN, &t->margin);
	fl_out_puts(o, ",\n");
	json_axis(o, FL_KEY_AXIS_VALUE, &t->value);
	fl_out_puts(o, "\n  }");
}

static fl_status write_json(fl_out *o, const fl_portfolio *p,
                            const fl_plan *plan, const fl_rows *r,
                            bool economics, bool loyalty)
{
	fl_out_puts(o, "{\n  \"" FL_KEY_PORTFOLIO "\": ");
	fl_json_opt_string(o, p->name);
	fl_out_puts(o, ",\n  \"" FL_KEY_CURRENCY "\": ");
	fl_json_opt_string(o, p->currency);
	fl_out_puts(o, ",\n  \"" FL_KEY_PERIOD "\": ");
	fl_json_opt_string(o, plan->period_label);
	if (economics) {
		/* What the economics' and the share of wallet's columns
		 * were computed with. */
		fl_out_puts(o, ",\n  \"" FL_KEY_YEAR_FRACTION "\": ");
		number(o, plan->econ.year_fraction);
		fl_out_printf(o, ",\n  \"" FL_KEY_PERIOD_SOURCE "\": \"%s\"",
		              fl_period_source_name(plan->period_source));
	}
	if (loyalty) {
		/* What recency and tenure count to; null without dates. */
		char day[FL_DATE_MAX];
		fl_out_puts(o, ",\n  \"" FL_KEY_AS_OF "\": ");
		fl_json_opt_string(o, p->dated > 0 && as_of_text(day, plan) != NULL
		                      ? day : "");
	}
	fl_out_printf(o, ",\n  \"" FL_KEY_COUNT "\": %zu,\n  \"" FL_KEY_SKIPPED
	              "\": %zu,\n  \"" FL_KEY_THRESHOLDS "\": ", plan->count,
	              p->skipped);
	fl_json_thresholds(o, &plan->thresholds);
	fl_out_puts(o, ",\n  \"" FL_KEY_CUSTOMERS "\": ");
	fl_status st = fl_rows_json(o, r, 2, NULL);
	fl_out_puts(o, "\n}\n");
	return st;
}

fl_status fl_assign_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_assign_options *opts)
{
	/* Input order needs no index. */
	size_t *order = NULL;
	if (opts->sort != FL_SORT_INPUT) {
		order = fl_sort_rows(p, plan, opts->sort);
		if (order == NULL && plan->count > 0)
			return FL_ERR_NOMEM;
	}
	struct source src;
	fl_rows r;
	rows_of(&r, &src, p, plan, order, opts);
	fl_status st;
	switch (opts->format) {
	case FL_FORMAT_CSV:
	case FL_FORMAT_TSV:
		st = fl_rows_delim(o, &r, opts->format, &opts->csv,
		                   opts->escape_formulas, NULL);
		break;
	case FL_FORMAT_XLSX:
		st = fl_rows_xlsx(o, &r, NULL);
		break;
	case FL_FORMAT_JSON:
		st = write_json(o, p, plan, &r, src.economics || src.wallet,
		                src.loyalty);
		break;
	case FL_FORMAT_JSONL:
		st = fl_rows_jsonl(o, &r, NULL);
		break;
	case FL_FORMAT_TABLE:
	case FL_FORMAT_NONE:
	default:
		text_header(o, p, plan, src.loyalty);
		st = fl_rows_text(o, &r, 0, opts->color, NULL);
		break;
	}
	free(order);
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
