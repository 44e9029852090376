/*
 * plan.c - the service plan (`focuslevel report`).
 *
 * The plan is a list of sections walked once, in order, for every format:
 * each section's content is built as tables (plan_tables.c) and handed to
 * the format's page operations (plan_page.h), so the table, Markdown,
 * JSON and HTML forms cannot disagree and a new section is one row here.
 * CSV and TSV hold one section's table alone.
 */
#include <stdio.h>
#include <string.h>

#include "write/plan_page.h"

/* The formats a section appears in (bits of 1 << fl_format). */
#define TEXTS ((1u << FL_FORMAT_TABLE) | (1u << FL_FORMAT_MARKDOWN))
#define HTML (1u << FL_FORMAT_HTML)
#define JSON (1u << FL_FORMAT_JSON)
#define XLSX (1u << FL_FORMAT_XLSX)
#define EVERY (TEXTS | HTML | JSON | XLSX)

/* Hand a built table to the page, and release it. */
static void table_body(fl_page *pg, fl_table *t)
{
	fl_rows r;
	fl_table_rows(t, &r);
	pg->ops->table(pg, &r);
	pg->oom |= t->oom;
	fl_table_release(t);
}

static void thresholds_body(fl_page *pg)
{
	fl_table t;
	fl_plan_thresholds_table(&t, &pg->d.plan->thresholds);
	table_body(pg, &t);
}

static void plot_body(fl_page *pg)
{
	pg->ops->plot(pg);
}

static void grid_body(fl_page *pg)
{
	pg->ops->grid(pg);
}

static void levels_body(fl_page *pg)
{
	fl_table t;
	fl_plan_levels_table(&t, pg->d.s, pg->ops->totals);
	table_body(pg, &t);
}

static void service_body(fl_page *pg)
{
	fl_table t;
	fl_plan_service_table(&t, &pg->d);
	table_body(pg, &t);
}

static void quadrants_body(fl_page *pg)
{
	fl_table t;
	fl_plan_quadrants_table(&t, pg->d.s);
	table_body(pg, &t);
}

static void exceptions_body(fl_page *pg)
{
	if (pg->ops->stacked) {
		fl_plan_exceptions x;
		fl_rows r;
		fl_plan_exceptions_rows(&r, &x, &pg->d, FL_PLAN_KINDS);
		pg->ops->table(pg, &r);
		return;
	}
	for (size_t k = 0; k < FL_PLAN_KINDS; k++) {
		fl_plan_exceptions x;
		char title[128];
		fl_plan_part pt = { .key = fl_plan_kinds[k].key, .title = title,
		                    .counted = true, .json = NULL };
		fl_plan_exceptions_rows(&pt.rows, &x, &pg->d, k);
		fl_plan_kind_title(&pg->d, k, title, sizeof(title));
		pg->ops->part(pg, &pt);
	}
}

typedef void parts_fn(fl_plan_parts *x, const fl_plan_data *d,
                      const fl_plan_layout *lay);

/* A section made of parts: each in turn to the page. */
static void parts_body(fl_page *pg, parts_fn *build)
{
	fl_plan_parts x;
	fl_plan_layout lay = { .total = pg->ops->totals,
	                       .exact = pg->ops->exact };
	build(&x, &pg->d, &lay);
	pg->oom |= x.oom;
	if (pg->ops->stacked) {
		fl_plan_stack stack;
		fl_rows r;
		if (!x.oom && fl_plan_stack_rows(&r, &stack, &x))
			pg->ops->table(pg, &r);
		else
			pg->oom = true;
	} else {
		for (size_t i = 0; i < x.count; i++)
			pg->ops->part(pg, &x.part[i]);
	}
	fl_plan_parts_release(&x);
}

static void affordability_body(fl_page *pg)
{
	parts_body(pg, fl_plan_affordability_parts);
}

static void changes_body(fl_page *pg)
{
	parts_body(pg, fl_plan_changes_parts);
}

static void curve_body(fl_page *pg)
{
	if (pg->ops->curve != NULL)
		pg->ops->curve(pg);
	parts_body(pg, fl_plan_curve_parts);
}

static void segments_body(fl_page *pg)
{
	parts_body(pg, fl_plan_segments_parts);
}

static void value_body(fl_page *pg)
{
	parts_body(pg, fl_plan_value_parts);
}

static void at_risk_body(fl_page *pg)
{
	parts_body(pg, fl_plan_at_risk_parts);
}

static void growth_body(fl_page *pg)
{
	parts_body(pg, fl_plan_growth_parts);
}

/* Changes are shown when a customer has a current level, segments with
 * groups, the customer value and the customers at risk when a customer
 * has order dates, growth when one has a potential; asked for by
 * --section, a section is always written. */
static bool has_changes(const fl_plan_data *d)
{
	return d->s->with_current > 0;
}

static bool has_groups(const fl_plan_data *d)
{
	return d->plan->by == FL_BY_SEGMENT;
}

static bool has_dates(const fl_plan_data *d)
{
	return d->p->dated > 0;
}

static bool has_potential(const fl_plan_data *d)
{
	return d->s->with_potential > 0;
}

static void customers_body(fl_page *pg)
{
	pg->ops->customers(pg);
}

static const struct section {
	fl_section id;           /* FL_SECTION_ALL: only in the whole plan */
	const char *key;         /* JSON key, HTML id */
	const char *title;
	unsigned formats;
	bool parts;              /* a body of parts (JSON: an object) */
	void (*body)(fl_page *pg);
	parts_fn *build;         /* a body of parts: its builder (CSV) */
	bool (*shown)(const fl_plan_data *d);  /* NULL: always */
} sections[] = {
	/* JSON gives the thresholds among the facts, in full. */
	{ FL_SECTION_ALL, "thresholds", "Thresholds", TEXTS | HTML | XLSX, false,
	  thresholds_body, NULL, NULL },
	{ FL_SECTION_ALL, "matrix", "Portfolio matrix", HTML, false, plot_body,
	  NULL, NULL },
	{ FL_SECTION_GRID, "grid", "Grid", EVERY, false, grid_body, NULL,
	  NULL },
	{ FL_SECTION_LEVELS, "levels", "Levels", EVERY, false, levels_body,
	  NULL, NULL },
	{ FL_SECTION_SERVICE_PLAN, "service_plan", "Service plan per level",
	  EVERY, false, service_body, NULL,
	  NULL },
	{ FL_SECTION_QUADRANTS, "quadrants", "Quadrants", EVERY, false,
	  quadrants_body, NULL, NULL },
	{ FL_SECTION_EXCEPTIONS, "exceptions", "Exceptions", EVERY, true,
	  exceptions_body, NULL, NULL },
	{ FL_SECTION_AFFORDABILITY, "affordability", "Affordability", EVERY,
	  true, affordability_body, fl_plan_affordability_parts, NULL },
	{ FL_SECTION_CHANGES, "changes", "Changes", EVERY, true, changes_body,
	  fl_plan_changes_parts, has_changes },
	{ FL_SECTION_PROFIT_CURVE, "profit_curve", "Profit curve", EVERY, true,
	  curve_body, fl_plan_curve_parts, NULL },
	{ FL_SECTION_SEGMENTS, "segments", "Segments", EVERY, true,
	  segments_body, fl_plan_segments_parts, has_groups },
	{ FL_SECTION_CUSTOMER_VALUE, "customer_value", "Customer value", EVERY,
	  true, value_body, fl_plan_value_parts, has_dates },
	{ FL_SECTION_AT_RISK, "at_risk", "At risk", EVERY, true, at_risk_body,
	  fl_plan_at_risk_parts, has_dates },
	{ FL_SECTION_GROWTH, "growth", "Growth", EVERY, true, growth_body,
	  fl_plan_growth_parts, has_potential },
	{ FL_SECTION_ALL, "customers", "Customers", HTML, false,
	  customers_body, NULL, NULL },
};

/* Is sec on the page of opts? */
static bool shown(const struct section *sec, const fl_plan_data *d,
                  const fl_report_options *opts, bool whole)
{
	if (!(sec->formats & (1u << opts->format)))
		return false;
	if (!whole && sec->id != opts->section)
		return false;
	return !whole || sec->shown == NULL || sec->shown(d);
}

static fl_status write_page(fl_out *o, const fl_plan_data *d,
                            const fl_report_options *opts,
                            const fl_page_ops *ops)
{
	fl_page pg = {
		.o = o, .d = *d, .ops = ops,
		.whole = opts->section == FL_SECTION_ALL,
		.color = opts->color, .first = true, .oom = false, .st = FL_OK,
	};
	ops->begin(&pg);
	enum { NSECTIONS = sizeof(sections) / sizeof(sections[0]) };
	const char *keys[NSECTIONS], *titles[NSECTIONS];
	size_t n = 0;
	for (size_t i = 0; i < NSECTIONS; i++)
		if (shown(&sections[i], d, opts, pg.whole)) {
			keys[n] = sections[i].key;
			titles[n++] = sections[i].title;
		}
	if (pg.whole && ops->toc != NULL)
		ops->toc(&pg, keys, titles, n);
	for (size_t i = 0; i < NSECTIONS; i++) {
		const struct section *sec = &sections[i];
		if (!shown(sec, d, opts, pg.whole))
			continue;
		pg.first_part = true;
		ops->section(&pg, sec->key, sec->title, sec->parts);
		sec->body(&pg);
		ops->section_end(&pg, sec->parts);
	}
	ops->end(&pg);
	return pg.oom ? FL_ERR_NOMEM : pg.st;
}

/* A section of parts as one sheet: the parts stacked (plan_tables.h). */
static fl_status write_parts(fl_out *o, const fl_plan_data *d,
                             const fl_report_options *opts, parts_fn *build)
{
	fl_plan_parts x;
	fl_plan_layout lay = { .total = false, .exact = true };
	fl_plan_stack stack;
	fl_rows r;
	build(&x, d, &lay);
	fl_status st = FL_ERR_NOMEM;
	if (!x.oom && fl_plan_stack_rows(&r, &stack, &x))
		st = fl_rows_delim(o, &r, opts->format, &opts->csv,
		                   opts->escape_formulas, NULL);
	fl_plan_parts_release(&x);
	return st;
}

static fl_status write_delim(fl_out *o, const fl_plan_data *d,
                             const fl_report_options *opts)
{
	if (opts->section == FL_SECTION_EXCEPTIONS) {
		fl_plan_exceptions x;
		fl_rows r;
		fl_plan_exceptions_rows(&r, &x, d, FL_PLAN_KINDS);
		return fl_rows_delim(o, &r, opts->format, &opts->csv,
		                     opts->escape_formulas, NULL);
	}
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		const struct section *sec = &sections[i];
		if (sec->id == opts->section && sec->build != NULL)
			return write_parts(o, d, opts, sec->build);
	}
	fl_table t;
	switch (opts->section) {
	case FL_SECTION_GRID: fl_plan_grid_table(&t, d->s); break;
	case FL_SECTION_LEVELS: fl_plan_levels_table(&t, d->s, false); break;
	case FL_SECTION_QUADRANTS: fl_plan_quadrants_table(&t, d->s); break;
	case FL_SECTION_SERVICE_PLAN: fl_plan_service_table(&t, d); break;
	case FL_SECTION_EXCEPTIONS:
	case FL_SECTION_AFFORDABILITY:
	case FL_SECTION_CHANGES:
	case FL_SECTION_PROFIT_CURVE:
	case FL_SECTION_SEGMENTS:
	case FL_SECTION_CUSTOMER_VALUE:
	case FL_SECTION_AT_RISK:
	case FL_SECTION_GROWTH:
	case FL_SECTION_ALL:
	default:
		return FL_ERR_USAGE;
	}
	fl_rows r;
	fl_table_rows(&t, &r);
	fl_status st = fl_rows_delim(o, &r, opts->format, &opts->csv,
	                             opts->escape_formulas, NULL);
	if (t.oom)
		st = FL_ERR_NOMEM;
	fl_table_release(&t);
	return st;
}

fl_status fl_report_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_policy *pol,
                          const fl_summary *s, const fl_report_options *opts)
{
	const fl_plan_data d = { .p = p, .plan = plan, .pol = pol, .s = s };
	fl_status st;
	switch (opts->format) {
	case FL_FORMAT_CSV:
	case FL_FORMAT_TSV:
		st = write_delim(o, &d, opts);
		break;
	case FL_FORMAT_JSON:
		st = write_page(o, &d, opts, &fl_page_json);
		break;
	case FL_FORMAT_MARKDOWN:
		st = write_page(o, &d, opts, &fl_page_markdown);
		break;
	case FL_FORMAT_HTML:
		st = write_page(o, &d, opts, &fl_page_html);
		break;
	case FL_FORMAT_XLSX:
		st = write_page(o, &d, opts, &fl_page_xlsx);
		break;
	case FL_FORMAT_TABLE:
	case FL_FORMAT_NONE:
	default: {
		fl_report_options text = *opts;
		text.format = FL_FORMAT_TABLE;
		st = write_page(o, &d, &text, &fl_page_text);
		break;
	}
	}
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
