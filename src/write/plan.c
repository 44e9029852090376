/*
 * report_plan.c - the service plan (`focuslevel report`).
 *
 * Every section is built once as an fl_table and then written in the
 * chosen format, so the table, Markdown, JSON, CSV and TSV forms cannot
 * disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "util/c_locale.h"
#include "write/plan_html.h"
#include "write/assign.h"
#include "write/escape.h"
#include "write/rows.h"
#include "write/table.h"
#include "write/text.h"

/* Formatted numbers for table cells; FL_FIXED2_MAX each. */
struct nums {
	char v[16][FL_FIXED2_MAX];
	int next;
};

static const char *money(struct nums *n, double v)
{
	char *s = n->v[n->next++ % 16];
	fl_fmt_fixed2(s, v);
	return s;
}

static const char *count(struct nums *n, size_t v)
{
	char *s = n->v[n->next++ % 16];
	snprintf(s, FL_FIXED2_MAX, "%zu", v);
	return s;
}

bool fl_section_parse(const char *s, fl_section *out)
{
	static const char *const names[] = {
		NULL, "grid", "levels", "quadrants", "exceptions",
	};
	for (int i = 1; i < 5; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (fl_section)i;
			return true;
		}
	}
	return false;
}

static const char *axis_label(const fl_axis *a)
{
	switch (a->basis) {
	case FL_BASIS_MARGIN: return "margin";
	case FL_BASIS_ORDER_VALUE: return "order value";
	case FL_BASIS_REVENUE: return "revenue";
	case FL_BASIS_MARGIN_PCT: break;
	}
	return "margin %";
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

static void thresholds_table(fl_table *t, const fl_thresholds *th)
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

static void grid_table(fl_table *t, const fl_summary *s)
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

static void levels_table(fl_table *t, const fl_summary *s, bool total)
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

static void quadrants_table(fl_table *t, const fl_summary *s)
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

static void exc_row(fl_table *t, const char *kind, const fl_portfolio *p,
                    const fl_plan *plan, const fl_policy *pol, size_t i,
                    const fl_borderline *b)
{
	struct nums n = { .next = 0 };
	const fl_customer *c = &p->customers[i];
	fl_metrics mm = fl_metrics_of(c);
	const fl_metrics *m = &mm;
	const fl_class *k = &plan->classes[i];
	double svc = pol->levels[k->level].cost;
	const char *row[EX_NCOLS] = {
		[EX_KIND] = kind, [EX_ID] = c->id, [EX_NAME] = c->name,
		[EX_LEVEL] = fl_level_name(k->level),
		[EX_COMPUTED] = fl_level_name(k->computed),
		[EX_REVENUE] = money(&n, c->revenue),
		[EX_MARGIN] = money(&n, m->margin),
		[EX_PCT] = money(&n, m->margin_pct),
		[EX_SERVICE] = money(&n, svc),
		[EX_AFTER] = money(&n, m->margin - svc),
		[EX_AXIS] = "", [EX_VALUE] = "", [EX_CUT] = "", [EX_MOVES] = "",
		[EX_REASON] = c->reason,
	};
	if (b != NULL) {
		row[EX_AXIS] = axis_label(b->axis == 0 ? &plan->thresholds.margin
		                                       : &plan->thresholds.value);
		row[EX_VALUE] = money(&n, b->value);
		row[EX_CUT] = money(&n, b->cut);
		row[EX_MOVES] = fl_level_name(b->moves_to);
	}
	fl_table_row(t, row);
}

static void exceptions_table(fl_table *t, const fl_portfolio *p,
                             const fl_plan *plan, const fl_policy *pol,
                             const fl_summary *s, const char *only)
{
	fl_table_init(t, "exceptions", EX_NCOLS, exc_cols, exc_num);
	if (only == NULL || strcmp(only, "loss") == 0)
		for (size_t i = 0; i < s->loss_count; i++)
			exc_row(t, "loss", p, plan, pol, s->loss[i], NULL);
	if (only == NULL || strcmp(only, "over-served") == 0)
		for (size_t i = 0; i < s->over_served_count; i++)
			exc_row(t, "over-served", p, plan, pol, s->over_served[i], NULL);
	if (only == NULL || strcmp(only, "pin") == 0)
		for (size_t i = 0; i < s->pin_differs_count; i++)
			exc_row(t, "pin", p, plan, pol, s->pin_differs[i], NULL);
	if (only == NULL || strcmp(only, "borderline") == 0)
		for (size_t i = 0; i < s->borderline_count; i++)
			exc_row(t, "borderline", p, plan, pol,
			        s->borderline[i].customer, &s->borderline[i]);
}

/* A view of some columns of a table (for the text forms of exceptions). */
static void project(fl_table *dst, const fl_table *src, const int *cols,
                    size_t ncols, const char *const *names,
                    const unsigned char *num)
{
	fl_table_init(dst, src->key, ncols, names, num);
	const char *row[EX_NCOLS];
	for (size_t r = 0; r < src->nrows; r++) {
		for (size_t c = 0; c < ncols; c++)
			row[c] = src->cells[r * src->ncols + (size_t)cols[c]];
		fl_table_row(dst, row);
	}
	if (src->oom)
		dst->oom = true;
}

struct exc_kind {
	const char *kind;
	const char *title;
	const char *json;
	int cols[8];
	size_t ncols;
};

static const struct exc_kind exc_kinds[] = {
	{ "loss", "Loss-making customers (margin < 0)", "loss",
	  { EX_ID, EX_NAME, EX_LEVEL, EX_REVENUE, EX_MARGIN, EX_PCT }, 6 },
	{ "over-served", "Over-served customers (margin after service < 0)",
	  "over_served",
	  { EX_ID, EX_NAME, EX_LEVEL, EX_MARGIN, EX_SERVICE, EX_AFTER }, 6 },
	{ "pin", "Pinned to another level than computed", "pinned",
	  { EX_ID, EX_NAME, EX_LEVEL, EX_COMPUTED, EX_REASON }, 5 },
	{ "borderline", "Borderline customers", "borderline",
	  { EX_ID, EX_NAME, EX_AXIS, EX_VALUE, EX_CUT, EX_COMPUTED, EX_MOVES }, 7 },
};

static void exc_kind_table(fl_table *dst, const fl_portfolio *p,
                           const fl_plan *plan, const fl_policy *pol,
                           const fl_summary *s, const struct exc_kind *k,
                           const char **names, unsigned char *num)
{
	fl_table all;
	exceptions_table(&all, p, plan, pol, s, k->kind);
	for (size_t c = 0; c < k->ncols; c++) {
		names[c] = exc_cols[k->cols[c]];
		num[c] = exc_num[k->cols[c]];
	}
	project(dst, &all, k->cols, k->ncols, names, num);
	fl_table_release(&all);
}

/* ---- writers ------------------------------------------------------------ */

/* A heading of the table format: `title` after `lead`, bold in colour. */
static void bold(fl_out *o, const char *lead, const char *title, bool color)
{
	fl_out_printf(o, "%s%s%s%s", lead, color ? "\033[1m" : "", title,
	              color ? FL_SGR_RESET : "");
}

static void text_header(fl_out *o, const fl_portfolio *p, const fl_summary *s,
                        bool md, bool color)
{
	struct nums n = { .next = 0 };
	const char *name = p->name[0] ? p->name : "(unnamed)";
	void (*text)(fl_out *, const char *, size_t) =
		md ? fl_text_write_markdown : fl_text_write;
	if (md) {
		fl_out_puts(o, "# Service plan: ");
	} else {
		bold(o, "", "SERVICE PLAN", color);
		fl_out_puts(o, "  ");
	}
	text(o, name, strlen(name));
	fl_out_puts(o, "\n\n");
	const char *b = md ? "- " : "  ";
	if (p->period[0]) {
		fl_out_printf(o, "%speriod: ", b);
		text(o, p->period, strlen(p->period));
		fl_out_putc(o, '\n');
	}
	if (p->currency[0]) {
		fl_out_printf(o, "%scurrency: ", b);
		text(o, p->currency, strlen(p->currency));
		fl_out_putc(o, '\n');
	}
	fl_out_printf(o, "%scustomers: %zu", b, s->customers);
	if (p->skipped > 0)
		fl_out_printf(o, " (%zu invalid skipped)", p->skipped);
	fl_out_printf(o, "\n%srevenue: %s\n", b, money(&n, s->revenue));
	fl_out_printf(o, "%smargin: %s (%s%%)\n", b, money(&n, s->margin),
	              money(&n, s->margin_pct));
	fl_out_printf(o, "%sservice cost: %s\n", b, money(&n, s->service_cost));
	fl_out_printf(o, "%smargin after service: %s\n", b,
	              money(&n, s->after_service));
}

/* The grid as a matrix: margin tiers down, value tiers across. */
static void text_grid(fl_out *o, const fl_plan *plan, const fl_summary *s,
                      bool md, const char *lead, bool color)
{
	struct nums n = { .next = 0 };
	const char *ml = axis_label(&plan->thresholds.margin);
	const char *vl = axis_label(&plan->thresholds.value);
	static const char *const cols[] = { "", "low", "medium", "high" };
	static const unsigned char num[] = { 0, 0, 0, 0 };
	fl_table t;
	fl_table_init(&t, "grid", 4, cols, num);
	for (int mt = 2; mt >= 0; mt--) {
		char cells[3][FL_FIXED2_MAX + 64];
		char label[64];
		snprintf(label, sizeof(label), "%s %s", ml, fl_tier_name((fl_tier)mt));
		for (int vt = 0; vt < 3; vt++) {
			const fl_cell *c = &s->grid[mt][vt];
			snprintf(cells[vt], sizeof(cells[vt]), "%s: %zu, %s",
			         fl_level_name(c->level), c->customers,
			         money(&n, c->margin));
		}
		const char *row[] = { label, cells[0], cells[1], cells[2] };
		fl_table_row(&t, row);
	}
	if (md) {
		fl_out_printf(o, "%s## Grid\n\nRows: %s tier; columns: %s tier. "
		              "Each cell: level: customers, margin.\n\n", lead, ml, vl);
		fl_table_write_markdown(o, &t);
	} else {
		bold(o, lead, "GRID", color);
		fl_out_printf(o, "  rows: %s tier; columns: %s tier; "
		              "cell: level: customers, margin\n", ml, vl);
		fl_table_write_text(o, &t, 2);
	}
	fl_table_release(&t);
}

static void text_section(fl_out *o, const char *title, const fl_table *t,
                         bool md, const char *lead, bool color)
{
	if (md) {
		fl_out_printf(o, "%s## %s\n\n", lead, title);
		fl_table_write_markdown(o, t);
	} else {
		bold(o, lead, title, color);
		fl_out_putc(o, '\n');
		fl_table_write_text(o, t, 2);
	}
}

static void upper(char *dst, const char *s, size_t n)
{
	size_t i = 0;
	for (; s[i] != '\0' && i + 1 < n; i++)
		dst[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	dst[i] = '\0';
}

static fl_status write_text(fl_out *o, const fl_portfolio *p,
                            const fl_plan *plan, const fl_policy *pol,
                            const fl_summary *s, fl_section only, bool md,
                            bool color)
{
	fl_table t;
	bool oom = false;
	char title[128];
	char pct[FL_SHORTEST_MAX];
	/* Sections are set apart by a blank line; one section alone starts
	 * the output without one. */
	const char *lead = only == FL_SECTION_ALL ? "\n" : "";
	fl_fmt_shortest(pct, s->borderline_pct);
	if (only == FL_SECTION_ALL) {
		text_header(o, p, s, md, color);
		thresholds_table(&t, &plan->thresholds);
		upper(title, "Thresholds", sizeof(title));
		text_section(o, md ? "Thresholds" : title, &t, md, lead, color);
		oom |= t.oom;
		fl_table_release(&t);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_GRID)
		text_grid(o, plan, s, md, lead, color);
	if (only == FL_SECTION_ALL || only == FL_SECTION_LEVELS) {
		levels_table(&t, s, true);
		text_section(o, md ? "Levels" : "LEVELS", &t, md, lead, color);
		oom |= t.oom;
		fl_table_release(&t);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_QUADRANTS) {
		quadrants_table(&t, s);
		text_section(o, md ? "Quadrants" : "QUADRANTS", &t, md, lead,
		             color);
		oom |= t.oom;
		fl_table_release(&t);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_EXCEPTIONS) {
		if (md)
			fl_out_printf(o, "%s## Exceptions\n", lead);
		else {
			bold(o, lead, "EXCEPTIONS", color);
			fl_out_putc(o, '\n');
		}
		for (size_t k = 0; k < 4; k++) {
			const char *names[8];
			unsigned char num[8];
			exc_kind_table(&t, p, plan, pol, s, &exc_kinds[k], names, num);
			if (k == 3)
				snprintf(title, sizeof(title), "%s (within %s%% of a cut)",
				         exc_kinds[k].title, pct);
			else
				snprintf(title, sizeof(title), "%s", exc_kinds[k].title);
			if (md)
				fl_out_printf(o, "\n### %s: %zu\n", title, t.nrows);
			else
				fl_out_printf(o, "\n  %s: %zu\n", title, t.nrows);
			if (t.nrows > 0) {
				fl_out_putc(o, '\n');
				if (md)
					fl_table_write_markdown(o, &t);
				else
					fl_table_write_text(o, &t, 4);
			}
			oom |= t.oom;
			fl_table_release(&t);
		}
	}
	return oom ? FL_ERR_NOMEM : FL_OK;
}

static void json_num(fl_out *o, const char *key, double v, bool last)
{
	char tmp[FL_FIXED2_MAX];
	fl_fmt_fixed2(tmp, v);
	fl_out_printf(o, "  \"%s\": %s%s\n", key, tmp, last ? "" : ",");
}

static void json_opt_string(fl_out *o, const char *key, const char *s)
{
	fl_out_printf(o, "  \"%s\": ", key);
	if (s[0] == '\0')
		fl_out_puts(o, "null");
	else
		fl_json_string(o, s, strlen(s));
	fl_out_puts(o, ",\n");
}

static fl_status write_json(fl_out *o, const fl_portfolio *p,
                            const fl_plan *plan, const fl_policy *pol,
                            const fl_summary *s, fl_section only)
{
	fl_table t;
	bool oom = false;
	fl_out_puts(o, "{\n");
	if (only == FL_SECTION_ALL) {
		json_opt_string(o, "portfolio", p->name);
		json_opt_string(o, "period", p->period);
		json_opt_string(o, "currency", p->currency);
		fl_out_printf(o, "  \"customers\": %zu,\n", s->customers);
		fl_out_printf(o, "  \"skipped\": %zu,\n", p->skipped);
		json_num(o, "revenue", s->revenue, false);
		json_num(o, "cost", s->cost, false);
		json_num(o, "margin", s->margin, false);
		json_num(o, "margin_pct", s->margin_pct, false);
		json_num(o, "service_cost", s->service_cost, false);
		json_num(o, "after_service", s->after_service, false);
		char pct[FL_SHORTEST_MAX];
		fl_fmt_shortest(pct, s->borderline_pct);
		fl_out_printf(o, "  \"borderline_pct\": %s,\n", pct);
		fl_out_puts(o, "  \"thresholds\": ");
		fl_json_thresholds(o, &plan->thresholds);
		fl_out_puts(o, ",\n");
	}
	bool first = true;
	if (only == FL_SECTION_ALL || only == FL_SECTION_GRID) {
		grid_table(&t, s);
		fl_out_puts(o, "  \"grid\": ");
		fl_table_write_json(o, &t, 2);
		oom |= t.oom;
		fl_table_release(&t);
		first = false;
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_LEVELS) {
		levels_table(&t, s, false);
		fl_out_puts(o, first ? "  \"levels\": " : ",\n  \"levels\": ");
		fl_table_write_json(o, &t, 2);
		oom |= t.oom;
		fl_table_release(&t);
		first = false;
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_QUADRANTS) {
		quadrants_table(&t, s);
		fl_out_puts(o, first ? "  \"quadrants\": " : ",\n  \"quadrants\": ");
		fl_table_write_json(o, &t, 2);
		oom |= t.oom;
		fl_table_release(&t);
		first = false;
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_EXCEPTIONS) {
		fl_out_puts(o, first ? "  \"exceptions\": {" : ",\n  \"exceptions\": {");
		for (size_t k = 0; k < 4; k++) {
			const char *names[8];
			unsigned char num[8];
			exc_kind_table(&t, p, plan, pol, s, &exc_kinds[k], names, num);
			fl_out_printf(o, "%s\n    \"%s\": ", k ? "," : "",
			              exc_kinds[k].json);
			fl_table_write_json(o, &t, 4);
			oom |= t.oom;
			fl_table_release(&t);
		}
		fl_out_puts(o, "\n  }");
	}
	fl_out_puts(o, "\n}\n");
	return oom ? FL_ERR_NOMEM : FL_OK;
}

static fl_status write_delim(fl_out *o, const fl_portfolio *p,
                             const fl_plan *plan, const fl_policy *pol,
                             const fl_summary *s, const fl_report_options *opt)
{
	fl_table t;
	switch (opt->section) {
	case FL_SECTION_GRID: grid_table(&t, s); break;
	case FL_SECTION_LEVELS: levels_table(&t, s, false); break;
	case FL_SECTION_QUADRANTS: quadrants_table(&t, s); break;
	case FL_SECTION_EXCEPTIONS:
		exceptions_table(&t, p, plan, pol, s, NULL);
		break;
	case FL_SECTION_ALL:
	default:
		return FL_ERR_USAGE;
	}
	fl_table_write_delim(o, &t, opt->format == FL_FORMAT_CSV ? ',' : '\t',
	                     opt->escape_formulas);
	bool oom = t.oom;
	fl_table_release(&t);
	return oom ? FL_ERR_NOMEM : FL_OK;
}

/* One self-contained page: the text form's sections as HTML tables, the
 * matrix plot, and (for the whole plan) every customer. */
static fl_status write_html(fl_out *o, const fl_portfolio *p,
                            const fl_plan *plan, const fl_policy *pol,
                            const fl_summary *s, fl_section only)
{
	struct nums n = { .next = 0 };
	fl_table t;
	bool oom = false;
	char title[128];
	char pct[FL_SHORTEST_MAX];
	fl_fmt_shortest(pct, s->borderline_pct);
	fl_html_begin(o, p);
	if (only == FL_SECTION_ALL) {
		fl_out_puts(o, "<header>\n<h1>Service plan: ");
		fl_html_text(o, p->name[0] ? p->name : "(unnamed)");
		fl_out_puts(o, "</h1>\n<dl class=\"facts\">\n");
		if (p->period[0]) {
			fl_out_puts(o, "<dt>period</dt><dd>");
			fl_html_text(o, p->period);
			fl_out_puts(o, "</dd>\n");
		}
		if (p->currency[0]) {
			fl_out_puts(o, "<dt>currency</dt><dd>");
			fl_html_text(o, p->currency);
			fl_out_puts(o, "</dd>\n");
		}
		fl_out_printf(o, "<dt>customers</dt><dd>%zu", s->customers);
		if (p->skipped > 0)
			fl_out_printf(o, " (%zu invalid skipped)", p->skipped);
		fl_out_printf(o, "</dd>\n<dt>revenue</dt><dd>%s</dd>\n",
		              money(&n, s->revenue));
		fl_out_printf(o, "<dt>margin</dt><dd>%s (%s%%)</dd>\n",
		              money(&n, s->margin), money(&n, s->margin_pct));
		fl_out_printf(o, "<dt>service cost</dt><dd>%s</dd>\n",
		              money(&n, s->service_cost));
		fl_out_printf(o, "<dt>margin after service</dt><dd>%s</dd>\n"
		              "</dl>\n</header>\n", money(&n, s->after_service));
		thresholds_table(&t, &plan->thresholds);
		fl_html_section(o, "thresholds", "Thresholds");
		fl_table_write_html(o, &t);
		fl_html_section_end(o);
		oom |= t.oom;
		fl_table_release(&t);
		fl_html_section(o, "matrix", "Portfolio matrix");
		if (fl_html_plot(o, p, plan) != FL_OK)
			oom = true;
		fl_html_section_end(o);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_GRID) {
		fl_html_section(o, "grid", "Grid");
		fl_html_grid(o, s, axis_label(&plan->thresholds.margin),
		             axis_label(&plan->thresholds.value));
		fl_html_section_end(o);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_LEVELS) {
		levels_table(&t, s, true);
		fl_html_section(o, "levels", "Levels");
		fl_table_write_html(o, &t);
		fl_html_section_end(o);
		oom |= t.oom;
		fl_table_release(&t);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_QUADRANTS) {
		quadrants_table(&t, s);
		fl_html_section(o, "quadrants", "Quadrants");
		fl_table_write_html(o, &t);
		fl_html_section_end(o);
		oom |= t.oom;
		fl_table_release(&t);
	}
	if (only == FL_SECTION_ALL || only == FL_SECTION_EXCEPTIONS) {
		fl_html_section(o, "exceptions", "Exceptions");
		for (size_t k = 0; k < 4; k++) {
			const char *names[8];
			unsigned char num[8];
			exc_kind_table(&t, p, plan, pol, s, &exc_kinds[k], names, num);
			if (k == 3)
				snprintf(title, sizeof(title), "%s (within %s%% of a cut)",
				         exc_kinds[k].title, pct);
			else
				snprintf(title, sizeof(title), "%s", exc_kinds[k].title);
			fl_out_puts(o, "<h3>");
			fl_html_text(o, title);
			fl_out_printf(o, ": %zu</h3>\n", t.nrows);
			if (t.nrows > 0)
				fl_table_write_html(o, &t);
			oom |= t.oom;
			fl_table_release(&t);
		}
		fl_html_section_end(o);
	}
	if (only == FL_SECTION_ALL) {
		fl_html_section(o, "customers", "Customers");
		fl_html_customers(o, p, plan);
		fl_html_section_end(o);
	}
	fl_html_end(o);
	return oom ? FL_ERR_NOMEM : FL_OK;
}

fl_status fl_report_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_policy *pol,
                          const fl_summary *s, const fl_report_options *opts)
{
	fl_status st;
	switch (opts->format) {
	case FL_FORMAT_CSV:
	case FL_FORMAT_TSV:
		st = write_delim(o, p, plan, pol, s, opts);
		break;
	case FL_FORMAT_JSON:
		st = write_json(o, p, plan, pol, s, opts->section);
		break;
	case FL_FORMAT_MARKDOWN:
		st = write_text(o, p, plan, pol, s, opts->section, true, false);
		break;
	case FL_FORMAT_HTML:
		st = write_html(o, p, plan, pol, s, opts->section);
		break;
	case FL_FORMAT_TABLE:
	case FL_FORMAT_NONE:
	default:
		st = write_text(o, p, plan, pol, s, opts->section, false,
		                opts->color);
		break;
	}
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
