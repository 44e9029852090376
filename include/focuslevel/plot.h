/*
 * plot.h - the portfolio matrix as an SVG picture.
 *
 * Order value (or revenue) across on a logarithmic axis, margin percent
 * (or margin) up on a linear one; the quadrant splits and tier cuts as
 * lines; each customer a marker whose colour and shape give its level.
 * Above a number of customers the picture shows binned density instead,
 * so that its size does not grow with the portfolio.  docs/plot.md
 * describes the picture.
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

typedef struct fl_plot_options {
	size_t labels;         /* name this many customers, highest revenue
	                        * first (ties: input order) */
	size_t density_above;  /* more customers than this: density cells */
	bool fragment;         /* no XML declaration, for inline use in HTML */
} fl_plot_options;

/* No labels, density above FL_PLOT_DENSITY_DEFAULT, a whole document. */
void fl_plot_options_init(fl_plot_options *opts);

/*
 * Write the matrix of portfolio `p`, classified as `plan`, as an SVG 1.1
 * document (UTF-8, no external resources, the same bytes for the same
 * input).  Writes nothing but to `o`.  Returns FL_OK, FL_ERR_NOMEM, or
 * FL_ERR_IO when the output failed.
 */
fl_status fl_plot_write(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const fl_plot_options *opts);

#ifdef __cplusplus
}
#endif
#endif
