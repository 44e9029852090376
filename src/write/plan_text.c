/*
 * plan_text.c - the service plan as aligned text for a terminal, and as
 * Markdown (plan_page.h).  Every text from the input goes through text.h.
 */
#include <stdio.h>
#include <string.h>

#include "write/escape.h"
#include "write/plan_page.h"
#include "write/text.h"

/* Sections are set apart by a blank line; one section alone starts the
 * output without one. */
static const char *lead(const fl_page *pg)
{
	return pg->whole ? "\n" : "";
}

/* A heading of the table format: `title` after `lead`, bold in colour. */
static void bold(fl_out *o, const char *lead, const char *title, bool color)
{
	fl_out_printf(o, "%s%s%s%s", lead, color ? "\033[1m" : "", title,
	              color ? FL_SGR_RESET : "");
}

static void put_text(const fl_page *pg, const char *s)
{
	if (pg->ops->markdown)
		fl_text_write_markdown(pg->o, s, strlen(s));
	else
		fl_text_write(pg->o, s, strlen(s));
}

static void begin(fl_page *pg)
{
	if (!pg->whole)
		return;
	fl_out *o = pg->o;
	bool md = pg->ops->markdown;
	const char *name = pg->d.p->name[0] ? pg->d.p->name : "(unnamed)";
	if (md) {
		fl_out_puts(o, "# Service plan: ");
	} else {
		bold(o, "", "SERVICE PLAN", pg->color);
		fl_out_puts(o, "  ");
	}
	put_text(pg, name);
	fl_out_puts(o, "\n\n");
	fl_plan_facts f;
	fl_plan_facts_of(&f, &pg->d);
	for (size_t i = 0; i < f.count; i++) {
		fl_out_printf(o, "%s%s: ", md ? "- " : "  ", f.fact[i].label);
		if (f.fact[i].input)
			put_text(pg, f.fact[i].value);
		else
			fl_out_puts(o, f.fact[i].value);
		fl_out_putc(o, '\n');
	}
}

static void section(fl_page *pg, const char *key, const char *title,
                    bool parts)
{
	(void)key;
	if (pg->ops->markdown) {
		fl_out_printf(pg->o, "%s## %s\n", lead(pg), title);
		return;
	}
	char upper[64];
	size_t i = 0;
	for (; title[i] != '\0' && i + 1 < sizeof(upper); i++)
		upper[i] = (char)(title[i] >= 'a' && title[i] <= 'z'
		                  ? title[i] - 32 : title[i]);
	upper[i] = '\0';
	bold(pg->o, lead(pg), upper, pg->color);
	if (parts)
		fl_out_putc(pg->o, '\n');
}

static void table_at(fl_page *pg, const fl_rows *r, int indent)
{
	if (pg->ops->markdown)
		fl_rows_markdown(pg->o, r, NULL);
	else
		fl_rows_text(pg->o, r, indent, false, NULL);
}

static void table(fl_page *pg, const fl_rows *r)
{
	fl_out_putc(pg->o, '\n');
	table_at(pg, r, 2);
}

static void grid(fl_page *pg)
{
	const char *ml = fl_basis_label(pg->d.plan->thresholds.margin.basis);
	const char *vl = fl_basis_label(pg->d.plan->thresholds.value.basis);
	if (pg->ops->markdown)
		fl_out_printf(pg->o, "\nRows: %s tier; columns: %s tier. "
		              "Each cell: level: customers, margin.\n\n", ml, vl);
	else
		fl_out_printf(pg->o, "  rows: %s tier; columns: %s tier; "
		              "cell: level: customers, margin\n", ml, vl);
	fl_table t;
	fl_rows r;
	fl_plan_grid_matrix(&t, &pg->d);
	fl_table_rows(&t, &r);
	table_at(pg, &r, 2);
	pg->oom |= t.oom;
	fl_table_release(&t);
}

/* Facts: "column: value" lines (a Markdown list), from the one row of
 * r; an absent number is "-". */
static void facts(fl_page *pg, const fl_rows *r)
{
	fl_cells cl;
	bool md = pg->ops->markdown;
	if (md || !pg->first_part)
		fl_out_putc(pg->o, '\n');
	cl.sgr = NULL;
	if (r->nrows == 0 || !r->fill(r->ctx, 0, &cl))
		return;
	for (size_t c = 0; c < r->ncols; c++) {
		fl_out_printf(pg->o, "%s%s: ", md ? "- " : "  ", r->cols[c]);
		if (cl.cell[c] == NULL || cl.len[c] == 0)
			fl_out_puts(pg->o, "-");
		else if (md)
			fl_text_write_markdown(pg->o, cl.cell[c], cl.len[c]);
		else
			fl_text_write(pg->o, cl.cell[c], cl.len[c]);
		fl_out_putc(pg->o, '\n');
	}
}

static void part(fl_page *pg, const fl_plan_part *pt)
{
	const fl_rows *r = &pt->rows;
	if (pt->title == NULL) {
		facts(pg, r);
		pg->first_part = false;
		return;
	}
	bool md = pg->ops->markdown;
	fl_out_printf(pg->o, md ? "\n### %s" : "\n  %s", pt->title);
	if (pt->counted)
		fl_out_printf(pg->o, ": %zu", r->nrows);
	fl_out_putc(pg->o, '\n');
	if (r->nrows > 0) {
		fl_out_putc(pg->o, '\n');
		table_at(pg, r, 4);
	}
	pg->first_part = false;
}

static void section_end(fl_page *pg, bool parts)
{
	(void)pg;
	(void)parts;
}

static void end(fl_page *pg)
{
	(void)pg;
}

const fl_page_ops fl_page_text = {
	.totals = true, .markdown = false, .begin = begin, .section = section,
	.table = table, .grid = grid, .part = part, .section_end = section_end,
	.end = end,
};

const fl_page_ops fl_page_markdown = {
	.totals = true, .markdown = true, .begin = begin, .section = section,
	.table = table, .grid = grid, .part = part, .section_end = section_end,
	.end = end,
};
