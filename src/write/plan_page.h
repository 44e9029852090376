/*
 * plan_page.h - what a format does with the parts of the service plan.
 *
 * plan.c walks the sections of the plan once, in order, and hands each
 * part to the format's operations: the page's beginning (with the plan's
 * facts when the whole plan is written), a section's heading, its table,
 * the grid, a part (an exception kind, a list of facts) with its table,
 * the section's end, the
 * page's end.  Text and Markdown are plan_text.c, JSON plan_json.c, HTML
 * plan_html.c, xlsx plan_xlsx.c; CSV and TSV write one section's table
 * alone (plan.c).
 */
#ifndef FL_WRITE_PLAN_PAGE_H
#define FL_WRITE_PLAN_PAGE_H

#include "write/plan_tables.h"

typedef struct fl_page fl_page;
struct fl_xlsx;

typedef struct fl_page_ops {
	bool totals;    /* the levels table ends in a total row */
	bool markdown;  /* the text operations write Markdown */
	bool exact;     /* thresholds in shortest round-trip form */
	/* A section of parts (and the exceptions) comes as one table, the
	 * parts stacked as CSV stacks them (fl_plan_stack_rows): `part` is
	 * never called. */
	bool stacked;
	void (*begin)(fl_page *pg);
	/* A section's heading; `parts`: its body is parts (JSON: an
	 * object). */
	void (*section)(fl_page *pg, const char *key, const char *title,
	                bool parts);
	void (*table)(fl_page *pg, const fl_rows *r);
	void (*grid)(fl_page *pg);
	/* A part of a section whose body is parts (plan_tables.h): a table
	 * under its title, or facts when it has none. */
	void (*part)(fl_page *pg, const fl_plan_part *pt);
	void (*section_end)(fl_page *pg, bool parts);
	void (*end)(fl_page *pg);
	/* HTML only (NULL elsewhere): the table of contents of the whole
	 * plan (the keys and titles of the sections shown, in page order),
	 * the matrix plot, the profit curve's picture, the customer list. */
	void (*toc)(fl_page *pg, const char *const *keys,
	            const char *const *titles, size_t n);
	void (*plot)(fl_page *pg);
	void (*curve)(fl_page *pg);
	void (*customers)(fl_page *pg);
} fl_page_ops;

struct fl_page {
	fl_out *o;
	fl_plan_data d;
	const fl_page_ops *ops;
	bool whole;       /* the whole plan, not one section */
	bool color;       /* text: headings in bold */
	bool first;       /* JSON: no section written yet */
	bool first_part;  /* no part of the section written yet */
	bool oom;         /* a table ran out of memory */
	fl_status st;     /* xlsx: the first failure of the workbook */
	struct fl_xlsx *book;      /* xlsx: the workbook being written */
	const char *sheet;         /* xlsx: the name of the next sheet */
};

extern const fl_page_ops fl_page_text;
extern const fl_page_ops fl_page_markdown;
extern const fl_page_ops fl_page_json;
extern const fl_page_ops fl_page_html;
extern const fl_page_ops fl_page_xlsx;

#endif
