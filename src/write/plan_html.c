/*
 * plan_html.c - the service plan as one HTML page (plan_page.h).  The page is one file: the style sheet and the SVG plot are
 * inline, there are no scripts and nothing is fetched, so it opens the
 * same from a mail attachment as from a web server, and prints well.
 */
#include <focuslevel/plot.h>

#include <stdio.h>
#include <string.h>

#include "util/number.h"
#include "write/assign.h"
#include "write/markup.h"
#include "write/plan_page.h"

/* The level colours are the plot's (Okabe-Ito). */
static const char style[] =
"body{font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;font-size:14px;"
"color:#1a1a1a;background:#fff;margin:24px auto;max-width:1200px;"
"padding:0 16px;line-height:1.4}\n"
"h1{font-size:22px;margin:0 0 10px}\n"
"h2{font-size:17px;margin:30px 0 10px;padding-bottom:3px;"
"border-bottom:2px solid #0072B2}\n"
"h3{font-size:14px;margin:16px 0 6px}\n"
"dl.facts{display:grid;grid-template-columns:max-content auto;"
"gap:2px 18px;margin:0}\n"
"dl.facts dt{color:#555}\n"
"dl.facts dd{margin:0;font-variant-numeric:tabular-nums}\n"
"nav.toc{margin:14px 0 0;padding:8px 12px;background:#f6f8fa;"
"border-left:3px solid #0072B2}\n"
"nav.toc ol{margin:4px 0 0;padding:0;list-style:none;columns:3 14em}\n"
"nav.toc a{color:#0b5a8c;text-decoration:none}\n"
"table{border-collapse:collapse;margin:4px 0 10px;font-size:13px;"
"max-width:100%}\n"
"th,td{border-bottom:1px solid #ddd;padding:3px 7px;text-align:left;"
"vertical-align:top;overflow-wrap:anywhere}\n"
"th{background:#f1f1f1;font-weight:bold;overflow-wrap:normal}\n"
".num{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
".lv{white-space:nowrap}\n"
".lv::before{content:\"\";display:inline-block;width:10px;height:10px;"
"border-radius:2px;margin-right:6px;vertical-align:-1px}\n"
".l1::before{background:#56B4E9}.l2::before{background:#009E73}"
".l3::before{background:#E69F00}.l4::before{background:#CC79A7}"
".l5::before{background:#0072B2}\n"
"table.matrix td{border:1px solid #ccc;padding:6px 12px;min-width:150px}\n"
"table.matrix th{border:1px solid #ccc}\n"
"table.matrix td.l1{background:#e6f4fc}table.matrix td.l2{background:#e0f3ed}"
"table.matrix td.l3{background:#fcf1dc}table.matrix td.l4{background:#f8ebf3}"
"table.matrix td.l5{background:#dcebf5}\n"
"table.matrix td::before{display:none}\n"
"table.matrix b{display:block}\n"
"table.customers{font-size:12px}\n"
"table.customers th,table.customers td{padding:2px 5px}\n"
"figure{margin:8px 0}\n"
"figure svg{width:100%;height:auto}\n"
"p.none{color:#666;font-style:italic;margin:2px 0 8px}\n"
"footer{margin-top:30px;color:#777;font-size:12px}\n"
"@media print{\n"
"body{margin:0;max-width:none;padding:0;font-size:11px}\n"
"nav.toc{display:none}\n"
"section{break-before:page;page-break-before:always}\n"
"h2{break-after:avoid;page-break-after:avoid}\n"
"h3{break-after:avoid;page-break-after:avoid}\n"
"figure,table.matrix,dl.facts{break-inside:avoid;page-break-inside:avoid}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"thead{display:table-header-group}\n"
"table{font-size:10px}\n"
"table.customers{font-size:8px}\n"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"}\n";

static void html_begin(fl_out *o, const fl_portfolio *p)
{
	fl_out_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, "
	            "initial-scale=1\">\n<title>Service plan: ");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed)", 0);
	fl_out_puts(o, "</title>\n<style>\n");
	fl_out_puts(o, style);
	fl_out_puts(o, "</style>\n</head>\n<body>\n<main>\n");
}

static void html_end(fl_out *o)
{
	fl_out_puts(o, "</main>\n<footer>Written by focuslevel.</footer>\n"
	            "</body>\n</html>\n");
}

static void html_section(fl_out *o, const char *id, const char *title)
{
	fl_out_printf(o, "<section id=\"%s\">\n<h2>", id);
	fl_markup_text(o, title, 0);
	fl_out_puts(o, "</h2>\n");
}

static void html_section_end(fl_out *o)
{
	fl_out_puts(o, "</section>\n");
}

static void html_grid(fl_out *o, const fl_summary *s, const char *ml,
                         const char *vl)
{
	fl_out_puts(o, "<table class=\"matrix\">\n<thead><tr><th>");
	fl_markup_text(o, ml, 0);
	fl_out_puts(o, " tier \\ ");
	fl_markup_text(o, vl, 0);
	fl_out_puts(o, " tier</th>");
	for (int vt = 0; vt < 3; vt++)
		fl_out_printf(o, "<th>%s</th>", fl_tier_name((fl_tier)vt));
	fl_out_puts(o, "</tr></thead>\n<tbody>\n");
	for (int mt = 2; mt >= 0; mt--) {
		fl_out_printf(o, "<tr><th>%s</th>", fl_tier_name((fl_tier)mt));
		for (int vt = 0; vt < 3; vt++) {
			const fl_cell *c = &s->grid[mt][vt];
			char m[FL_MONEY_MAX];
			fl_fmt_money(m, c->margin);
			fl_out_printf(o, "<td class=\"lv l%d\"><b>%s</b>%zu customer%s,"
			              " margin <span class=\"num\">",
			              (int)c->level, fl_level_name(c->level), c->customers,
			              c->customers == 1 ? "" : "s");
			fl_markup_grouped(o, m, strlen(m));
			fl_out_puts(o, "</span></td>");
		}
		fl_out_puts(o, "</tr>\n");
	}
	fl_out_puts(o, "</tbody>\n</table>\n");
}

static fl_status html_plot(fl_out *o, const fl_portfolio *p, const fl_plan *plan)
{
	fl_plot_options po;
	fl_plot_options_init(&po);
	po.fragment = true;
	po.labels = 5;
	fl_out_puts(o, "<figure>\n");
	fl_status st = fl_plot_write(o, p, plan, &po);
	fl_out_puts(o, "</figure>\n");
	return st == FL_ERR_NOMEM ? FL_ERR_NOMEM : FL_OK;
}

static void html_customers(fl_out *o, const fl_portfolio *p, const fl_plan *plan)
{
	fl_assign_html(o, p, plan);
}

/* ---- the page operations ---- */

static void begin(fl_page *pg)
{
	fl_out *o = pg->o;
	const fl_portfolio *p = pg->d.p;
	html_begin(o, p);
	if (!pg->whole)
		return;
	fl_out_puts(o, "<header>\n<h1>Service plan: ");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed)", 0);
	fl_out_puts(o, "</h1>\n<dl class=\"facts\">\n");
	fl_plan_facts f;
	fl_plan_facts_of(&f, &pg->d);
	for (size_t i = 0; i < f.count; i++) {
		fl_out_printf(o, "<dt>%s</dt><dd>", f.fact[i].label);
		/* The amounts grouped; an input's text as it is. */
		if (f.fact[i].input)
			fl_markup_text(o, f.fact[i].value, 0);
		else
			fl_markup_grouped(o, f.fact[i].value,
			                  strlen(f.fact[i].value));
		fl_out_puts(o, "</dd>\n");
	}
	fl_out_puts(o, "</dl>\n</header>\n");
}

static void section(fl_page *pg, const char *key, const char *title,
                    bool parts)
{
	(void)parts;
	html_section(pg->o, key, title);
}

/* A table: its headers break after '_' and its text wraps, so that it
 * fits the page's width instead of scrolling (docs/report.md, "HTML"). */
static void table(fl_page *pg, const fl_rows *r)
{
	fl_rows_html(pg->o, r, NULL);
}

static void toc(fl_page *pg, const char *const *keys,
                const char *const *titles, size_t n)
{
	fl_out_puts(pg->o, "<nav class=\"toc\"><b>Contents</b>\n<ol>\n");
	for (size_t i = 0; i < n; i++) {
		fl_out_printf(pg->o, "<li><a href=\"#%s\">", keys[i]);
		fl_markup_text(pg->o, titles[i], 0);
		fl_out_puts(pg->o, "</a></li>\n");
	}
	fl_out_puts(pg->o, "</ol>\n</nav>\n");
}

static void grid(fl_page *pg)
{
	const fl_thresholds *t = &pg->d.plan->thresholds;
	html_grid(pg->o, pg->d.s, fl_basis_label(t->margin.basis),
	          fl_basis_label(t->value.basis));
}

/* Facts: the columns of r's one row as a list of terms; an absent
 * number is "-". */
static void facts(fl_page *pg, const fl_rows *r)
{
	fl_cells cl;
	cl.sgr = NULL;
	if (r->nrows == 0 || !r->fill(r->ctx, 0, &cl))
		return;
	fl_out_puts(pg->o, "<dl class=\"facts\">\n");
	for (size_t c = 0; c < r->ncols; c++) {
		fl_out_puts(pg->o, "<dt>");
		fl_markup_text(pg->o, r->cols[c], 0);
		fl_out_puts(pg->o, "</dt><dd>");
		if (cl.cell[c] == NULL || cl.len[c] == 0)
			fl_out_puts(pg->o, "-");
		else if (r->flags != NULL && (r->flags[c] & FL_RCOL_NUM))
			fl_markup_grouped(pg->o, cl.cell[c], cl.len[c]);
		else
			fl_markup_text(pg->o, cl.cell[c], 0);
		fl_out_puts(pg->o, "</dd>\n");
	}
	fl_out_puts(pg->o, "</dl>\n");
}

static void part(fl_page *pg, const fl_plan_part *pt)
{
	const fl_rows *r = &pt->rows;
	if (pt->title == NULL) {
		facts(pg, r);
		return;
	}
	fl_out_puts(pg->o, "<h3>");
	fl_markup_text(pg->o, pt->title, 0);
	if (pt->counted)
		fl_out_printf(pg->o, ": %zu", r->nrows);
	fl_out_puts(pg->o, "</h3>\n");
	if (r->nrows > 0)
		table(pg, r);
}

static void section_end(fl_page *pg, bool parts)
{
	(void)parts;
	html_section_end(pg->o);
}

static void end(fl_page *pg)
{
	html_end(pg->o);
}

static void plot(fl_page *pg)
{
	if (html_plot(pg->o, pg->d.p, pg->d.plan) != FL_OK)
		pg->oom = true;
}

static void curve(fl_page *pg)
{
	fl_plot_options po;
	fl_plot_options_init(&po);
	po.fragment = true;
	fl_out_puts(pg->o, "<figure>\n");
	if (fl_plot_curve_write(pg->o, pg->d.p, pg->d.plan, &po) ==
	    FL_ERR_NOMEM)
		pg->oom = true;
	fl_out_puts(pg->o, "</figure>\n");
}

static void customers(fl_page *pg)
{
	html_customers(pg->o, pg->d.p, pg->d.plan);
}

const fl_page_ops fl_page_html = {
	.totals = true, .begin = begin, .section = section, .table = table,
	.grid = grid, .part = part, .section_end = section_end, .end = end,
	.toc = toc, .plot = plot, .curve = curve, .customers = customers,
};
