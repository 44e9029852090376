/*
 * plan_json.c - the service plan as one JSON object (plan_page.h): the
 * facts with their numbers unformatted (two decimals), the thresholds in
 * full, each section under its key, the exceptions by kind.
 */
#include <stdio.h>
#include <string.h>

#include "write/assign.h"
#include "write/escape.h"
#include "write/plan_page.h"

static void num(fl_out *o, const char *key, double v)
{
	char tmp[FL_MONEY_MAX];
	fl_fmt_money(tmp, v);
	fl_out_printf(o, "  \"%s\": %s,\n", key, tmp);
}

static void opt_string(fl_out *o, const char *key, const char *s)
{
	fl_out_printf(o, "  \"%s\": ", key);
	fl_json_opt_string(o, s);
	fl_out_puts(o, ",\n");
}

static void begin(fl_page *pg)
{
	fl_out *o = pg->o;
	const fl_portfolio *p = pg->d.p;
	const fl_summary *s = pg->d.s;
	fl_out_puts(o, "{\n");
	if (!pg->whole)
		return;
	const fl_plan *plan = pg->d.plan;
	char f[FL_SHORTEST_MAX];
	opt_string(o, "portfolio", p->name);
	fl_out_puts(o, "  \"period\": {\"label\": ");
	fl_json_opt_string(o, plan->period_label);
	fl_fmt_shortest(f, plan->econ.year_fraction);
	fl_out_printf(o, ", \"year_fraction\": %s, \"source\": \"%s\"},\n", f,
	              fl_period_source_name(plan->period_source));
	opt_string(o, "currency", p->currency);
	fl_out_printf(o, "  \"customers\": %zu,\n", s->customers);
	fl_out_printf(o, "  \"skipped\": %zu,\n", p->skipped);
	num(o, "revenue", s->revenue);
	num(o, "cost", s->cost);
	num(o, "margin", s->margin);
	num(o, "margin_pct", s->margin_pct);
	num(o, "cost_to_serve", s->cost_to_serve);
	num(o, "contribution", s->contribution);
	num(o, "service_cost", s->service_cost);
	num(o, "after_service", s->after_service);
	char pct[FL_SHORTEST_MAX];
	fl_fmt_shortest(pct, s->borderline_pct);
	fl_out_printf(o, "  \"borderline_pct\": %s,\n", pct);
	fl_out_puts(o, "  \"thresholds\": ");
	fl_json_thresholds(o, &pg->d.plan->thresholds);
	fl_out_puts(o, ",\n");
}

static void section(fl_page *pg, const char *key, const char *title,
                    bool parts)
{
	(void)title;
	fl_out_printf(pg->o, "%s  \"%s\": %s", pg->first ? "" : ",\n", key,
	              parts ? "{" : "");
	pg->first = false;
}

static void table(fl_page *pg, const fl_rows *r)
{
	fl_rows_json(pg->o, r, 2, NULL);
}

/* A key of the section's object: the comma before all but the first. */
static void key(fl_page *pg, const char *k)
{
	fl_out_printf(pg->o, "%s\n    \"%s\": ", pg->first_part ? "" : ",", k);
	pg->first_part = false;
}

/* Cell c of a row, valued as fl_rows_json values it. */
static void value(fl_page *pg, const fl_rows *r, const fl_cells *cl,
                  size_t c)
{
	unsigned f = r->flags != NULL ? r->flags[c] : 0;
	if (cl->cell[c] == NULL || ((f & FL_RCOL_NUM) && cl->len[c] == 0))
		fl_out_puts(pg->o, "null");
	else if (f & FL_RCOL_BOOL)
		fl_out_puts(pg->o, cl->cell[c][0] == 'y' ? "true" : "false");
	else if (f & FL_RCOL_NUM)
		fl_out_write(pg->o, cl->cell[c], cl->len[c]);
	else
		fl_json_string(pg->o, cl->cell[c], cl->len[c]);
}

/* Facts: each column of r's one row a key of the section's object. */
static void facts(fl_page *pg, const fl_rows *r)
{
	fl_cells cl;
	cl.sgr = NULL;
	if (r->nrows == 0 || !r->fill(r->ctx, 0, &cl))
		return;
	for (size_t c = 0; c < r->ncols; c++) {
		key(pg, r->cols[c]);
		value(pg, r, &cl, c);
	}
}

/* A part of one row as one object on a line; null without the row. */
static void object(fl_page *pg, const fl_rows *r)
{
	fl_cells cl;
	cl.sgr = NULL;
	if (r->nrows == 0 || !r->fill(r->ctx, 0, &cl)) {
		fl_out_puts(pg->o, "null");
		return;
	}
	fl_out_putc(pg->o, '{');
	for (size_t c = 0; c < r->ncols; c++) {
		/* Column names are the library's own: nothing to escape. */
		fl_out_printf(pg->o, "%s\"%s\": ", c > 0 ? ", " : "",
		              r->cols[c]);
		value(pg, r, &cl, c);
	}
	fl_out_putc(pg->o, '}');
}

static void part(fl_page *pg, const fl_plan_part *pt)
{
	if (pt->title == NULL) {
		facts(pg, &pt->rows);
		return;
	}
	key(pg, pt->key);
	if (pt->object)
		object(pg, &pt->rows);
	else if (pt->json != NULL)
		fl_out_puts(pg->o, pt->json);
	else
		fl_rows_json(pg->o, &pt->rows, 4, NULL);
}

static void section_end(fl_page *pg, bool parts)
{
	if (parts)
		fl_out_puts(pg->o, "\n  }");
}

static void end(fl_page *pg)
{
	fl_out_puts(pg->o, "\n}\n");
}

const fl_page_ops fl_page_json = {
	.totals = false, .exact = true, .begin = begin, .section = section, .table = table,
	.part = part, .section_end = section_end, .end = end,
};
