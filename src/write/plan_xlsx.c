/*
 * plan_xlsx.c - the service plan as an xlsx workbook (plan_page.h): one
 * worksheet per section, named by the section's title ("Levels",
 * "Profit curve"), holding the table that `report -O csv --section KEY`
 * writes: a section of parts stacked with a `kind` column, the exceptions
 * of every kind in one table.  No total rows: a table a spreadsheet
 * filters and sorts holds only rows of the same kind.
 */
#include "write/plan_page.h"
#include "write/rows_xlsx.h"

static void begin(fl_page *pg)
{
	pg->book = fl_xlsx_new(&pg->st);
}

static void section(fl_page *pg, const char *key, const char *title,
                    bool parts)
{
	(void)key;
	(void)parts;
	pg->sheet = title;
}

static void table(fl_page *pg, const fl_rows *r)
{
	if (pg->book == NULL || pg->st != FL_OK)
		return;
	pg->st = fl_xlsx_sheet(pg->book, pg->sheet, r, NULL);
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

/* Never called: the parts come stacked (.stacked). */
static void part(fl_page *pg, const fl_plan_part *pt)
{
	(void)pg;
	(void)pt;
}

static void section_end(fl_page *pg, bool parts)
{
	(void)pg;
	(void)parts;
}

/* The workbook's bytes to the output, unless something failed: then
 * nothing is written. */
static void end(fl_page *pg)
{
	if (pg->book == NULL)
		return;
	if (pg->st == FL_OK && !pg->oom)
		pg->st = fl_xlsx_finish(pg->book, pg->o);
	else
		fl_xlsx_free(pg->book);
	pg->book = NULL;
}

const fl_page_ops fl_page_xlsx = {
	.totals = false, .exact = true, .stacked = true, .begin = begin,
	.section = section, .table = table, .grid = grid, .part = part,
	.section_end = section_end, .end = end,
};
