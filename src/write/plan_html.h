/*
 * html.h - the pieces of the HTML service plan (report -O html) that are
 * not tables: page frame with its style sheet, the grid as a matrix, the
 * embedded plot, the per-customer table.  report_plan.c puts them
 * together with the section tables.
 */
#ifndef FL_HTML_H
#define FL_HTML_H

#include <focuslevel/report.h>

/* <!DOCTYPE html> to the opening <main>, titled with the portfolio. */
void fl_html_begin(fl_out *o, const fl_portfolio *p);
/* Close what fl_html_begin opened. */
void fl_html_end(fl_out *o);

/* s as HTML text, escaped. */
void fl_html_text(fl_out *o, const char *s);

/* <section id="ID"><h2>TITLE</h2>, and its end. */
void fl_html_section(fl_out *o, const char *id, const char *title);
void fl_html_section_end(fl_out *o);

/* The 3x3 grid: margin tiers down (labelled `ml`), value tiers across
 * (`vl`), each cell its level, customers and margin. */
void fl_html_grid(fl_out *o, const fl_summary *s, const char *ml,
                  const char *vl);

/* The matrix plot as inline SVG.  Returns FL_OK or FL_ERR_NOMEM. */
fl_status fl_html_plot(fl_out *o, const fl_portfolio *p, const fl_plan *plan);

/* One row per customer, in input order, the columns of `assign`. */
void fl_html_customers(fl_out *o, const fl_portfolio *p, const fl_plan *plan);

#endif
