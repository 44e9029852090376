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
	opt_string(o, "portfolio", p->name);
	opt_string(o, "period", p->period);
	opt_string(o, "currency", p->currency);
	fl_out_printf(o, "  \"customers\": %zu,\n", s->customers);
	fl_out_printf(o, "  \"skipped\": %zu,\n", p->skipped);
	num(o, "revenue", s->revenue);
	num(o, "cost", s->cost);
	num(o, "margin", s->margin);
	num(o, "margin_pct", s->margin_pct);
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
                    bool kinds)
{
	(void)title;
	fl_out_printf(pg->o, "%s  \"%s\": %s", pg->first ? "" : ",\n", key,
	              kinds ? "{" : "");
	pg->first = false;
}

static void table(fl_page *pg, const fl_rows *r)
{
	fl_rows_json(pg->o, r, 2, NULL);
}

static void grid(fl_page *pg)
{
	fl_table t;
	fl_rows r;
	fl_plan_grid_table(&t, pg->d.s);
	fl_table_rows(&t, &r);
	table(pg, &r);
	pg->oom |= t.oom;
	fl_table_release(&t);
}

static void kind(fl_page *pg, size_t k, const char *title, const fl_rows *r)
{
	(void)title;
	fl_out_printf(pg->o, "%s\n    \"%s\": ", k > 0 ? "," : "",
	              fl_plan_kinds[k].key);
	fl_rows_json(pg->o, r, 4, NULL);
}

static void section_end(fl_page *pg, bool kinds)
{
	if (kinds)
		fl_out_puts(pg->o, "\n  }");
}

static void end(fl_page *pg)
{
	fl_out_puts(pg->o, "\n}\n");
}

const fl_page_ops fl_page_json = {
	.totals = false, .begin = begin, .section = section, .table = table,
	.grid = grid, .kind = kind, .section_end = section_end, .end = end,
};
