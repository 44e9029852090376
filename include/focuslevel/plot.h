/*
 * plot.h - the portfolio's pictures as SVG: the matrix and the profit
 * curve.
 *
 * The matrix: order value (or revenue, CLV) across on a logarithmic axis,
 * margin percent up on a linear one (the margin amount on a
 * symmetric-log one); the quadrant splits and tier cuts as lines; each
 * customer a marker whose colour and shape give its level and whose area
 * a measure (revenue by default); pinned customers ringed, capped ones
 * marked, the largest named.  Above a number of customers the picture
 * shows binned density instead, so that its size does not grow with the
 * portfolio.
 *
 * The profit curve ("whale curve"): customers ranked by profit after
 * service, highest first, across as a share of customers; the running
 * sum of their profit up, as a percentage of the total.  Sampled, so
 * that its size does not grow with the portfolio either.
 *
 * docs/plot.md describes both pictures.
 */
#ifndef FOCUSLEVEL_PLOT_H
#define FOCUSLEVEL_PLOT_H

#include <stddef.h>
#include <stdbool.h>

#include "portfolio.h"
#include "model.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The customer count above which fl_plot_write draws density cells. */
#define FL_PLOT_DENSITY_DEFAULT 2000

/* Which picture. */
typedef enum fl_plot_chart {
	FL_PLOT_MATRIX = 0,    /* the portfolio matrix */
	FL_PLOT_WHALE          /* the profit curve */
} fl_plot_chart;

/* What a matrix marker's area shows (docs/plot.md, "Marker size"). */
typedef enum fl_plot_size {
	FL_PLOT_SIZE_REVENUE = 0,  /* R */
	FL_PLOT_SIZE_MARGIN,       /* M = R - C */
	FL_PLOT_SIZE_CLV,          /* the lifetime value: the plan must have
	                            * the spend fitted (plan->spend) */
	FL_PLOT_SIZE_NONE          /* every marker the same */
} fl_plot_size;

/* "matrix", "whale"; "revenue", "margin", "clv", "none" (NULL when out of
 * range).  Parse: false on anything else. */
const char *fl_plot_chart_name(fl_plot_chart c);
bool fl_plot_chart_parse(const char *s, fl_plot_chart *out);
const char *fl_plot_size_name(fl_plot_size s);
bool fl_plot_size_parse(const char *s, fl_plot_size *out);

typedef struct fl_plot_options {
	fl_plot_chart chart;
	fl_plot_size size;     /* the matrix's marker area */
	size_t labels;         /* the matrix: name this many customers,
	                        * highest revenue first (ties: input order) */
	size_t density_above;  /* more customers than this: density cells */
	bool fragment;         /* no XML declaration, for inline use in HTML */
} fl_plot_options;

/* The matrix, sized by revenue, no labels, density above
 * FL_PLOT_DENSITY_DEFAULT, a whole document. */
void fl_plot_options_init(fl_plot_options *opts);

/*
 * Write the picture opts->chart of portfolio `p`, classified as `plan`,
 * as an SVG 1.1 document (UTF-8, no external resources, the same bytes
 * for the same input): the matrix, or the profit curve by
 * fl_plot_curve_write.  Writes nothing but to `o`.  Returns FL_OK,
 * FL_ERR_NOMEM, FL_ERR_USAGE for FL_PLOT_SIZE_CLV on a plan without the
 * spend fitted (nothing written), or FL_ERR_IO when the output failed.
 */
fl_status fl_plot_write(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const fl_plot_options *opts);

/*
 * Write the profit curve of portfolio `p`, classified as `plan`: each
 * customer's profit after service at its final level (fl_econ_of; the
 * margin when the policy gives no costs), ranked highest first; the peak,
 * total and losses are fl_profit_curve_compute's, the numbers of the
 * report's profit_curve section.  At most about 1000 points whatever
 * the portfolio's size.  opts->fragment as for fl_plot_write; the other
 * options do not apply.  For the HTML report: opts->fragment set.
 * Returns FL_OK, FL_ERR_NOMEM (it needs 8 bytes per customer), or
 * FL_ERR_IO.
 */
fl_status fl_plot_curve_write(fl_out *o, const fl_portfolio *p,
                              const fl_plan *plan,
                              const fl_plot_options *opts);

#ifdef __cplusplus
}
#endif
#endif
