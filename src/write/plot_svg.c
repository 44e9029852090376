/*
 * plot_svg.c - the portfolio matrix as SVG (docs/plot.md).
 *
 * The picture is computed in passes over the customers: the first finds
 * the axis ranges, the counts and the marker sizes, the next ones draw.
 * Every number is written by fl_svg_num or the tick formatter, never by
 * a locale-dependent printf conversion, so the bytes depend on the input
 * alone.
 */
#include <focuslevel/plot.h>
#include <focuslevel/format.h>
#include <focuslevel/report.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/escape.h"
#include "write/markup.h"
#include "write/plot_axis.h"
#include "write/plot_labels.h"
#include "write/svg.h"

/* The canvas, in SVG user units (pixels at 100%). */
enum { WIDTH = 960, HEIGHT = 620 };
static const double FRAME_L = 78, FRAME_R = 752, FRAME_T = 66, FRAME_B = 548;
/* Width of the strip left of the log axis where zero values are drawn. */
static const double ZERO_W = 26;
/* Density mode: cells across the log axis and up the margin axis. */
enum { GX = 64, GY = 44, SHADES = 6 };
/* Marker radii: the radius of a circle of the marker's area.  Sized
 * markers run from R_MIN (so that the smallest customer stays visible)
 * to R_MAX; unsized ones are R_FIXED. */
static const double R_MIN = 3.5, R_MAX = 20, R_FIXED = 6;
/* Labels: font size and box height. */
static const double LABEL_FONT = 11, LABEL_H = 14;

/* The level colours are fl_level_colour's (escape.h); a marker shape per
 * level, so that the picture also reads in grey. */
/* The shapes at the area of a unit circle (pi), so that a marker of
 * radius r has the area pi r^2 whatever its shape: circle, square,
 * diamond, triangle, star. */
static const char *const shape_path[6] = {
	"",
	"M-1,0a1,1 0 1,0 2,0a1,1 0 1,0 -2,0z",
	"M-0.886,-0.886h1.772v1.772h-1.772z",
	"M0,-1.253L1.253,0L0,1.253L-1.253,0z",
	"M0,-1.429L1.316,0.959H-1.316z",
	("M0,-1.578L0.404,-0.55L1.505,-0.495L0.642,0.202L0.936,1.284L0,0.661"
	 "L-0.936,1.284L-0.642,0.202L-1.505,-0.495L-0.404,-0.55z"),
};
/* How far each shape reaches from its centre, in radii. */
static const double shape_reach[6] = { 1, 1, 1.26, 1.26, 1.43, 1.58 };

struct plot {
	const fl_portfolio *p;
	const fl_plan *plan;
	fl_basis xb, yb;
	fl_plot_size size;
	bool density;
	bool has_zero;
	/* Axis ranges: log10 across (or, with xsym, the symmetric-log
	 * scale xs); up a linear or symmetric-log scale. */
	bool xsym;
	fl_scale xs;
	double lx0, lx1;
	fl_tick xlo, xhi;             /* the 1-2-5 values at the ends */
	fl_scale ys;
	double L;                     /* left edge of the log area */
	double pad;                   /* room inside the frame around the
	                               * axes' ends, for large markers */
	size_t levels[6];             /* customers per final level */
	size_t quadrants[4];
	size_t zero_count;
	/* Marker sizes: the measure of customer i in measure[i] (NULL with
	 * FL_PLOT_SIZE_NONE, and in density mode), its largest magnitude
	 * over the markers drawn in size_max. */
	double *measure;
	double size_max;
	size_t negative;              /* markers drawn hollow: measure < 0 */
	size_t pinned;                /* pinned customers drawn */
	size_t capped;                /* customers marked capped */
	bool cap_mode;                /* the plan caps (else: marks customers
	                               * above their affordable level) */
	bool level_costs;             /* the policy gives level costs */
};

/* ---- geometry -------------------------------------------------------- */

static double px_x(const struct plot *pl, double v)
{
	if (pl->xsym)
		return fl_scale_px(&pl->xs, v);
	return pl->L + pl->pad + (log10(v) - pl->lx0) / (pl->lx1 - pl->lx0) *
	                         (FRAME_R - pl->L - 2 * pl->pad);
}

static double px_y(const struct plot *pl, double v)
{
	return fl_scale_px(&pl->ys, v);
}

static double zero_x(void)
{
	return FRAME_L + ZERO_W / 2;
}

/* The axis values of customer i; false when they cannot be drawn. */
static bool values_of(const struct plot *pl, size_t i, double *x, double *y)
{
	const fl_customer *c = &pl->p->customers[i];
	fl_metrics m = fl_metrics_of(c);
	*x = fl_plan_axis_value(pl->plan, pl->xb, i, c, &m);
	*y = fl_plan_axis_value(pl->plan, pl->yb, i, c, &m);
	return isfinite(*x) && isfinite(*y);
}

static bool point_of(const struct plot *pl, size_t i, double *px, double *py,
                     bool *zero)
{
	double x, y;
	if (!values_of(pl, i, &x, &y))
		return false;
	*zero = !pl->xsym && !(x > 0);
	*px = *zero ? zero_x() : px_x(pl, x);
	*py = px_y(pl, y);
	return true;
}

/* The size measure of customer i: NaN when it has none (a lifetime
 * value without dates). */
static double measure_of(const struct plot *pl, size_t i)
{
	const fl_customer *c = &pl->p->customers[i];
	switch (pl->size) {
	case FL_PLOT_SIZE_REVENUE:
		return c->revenue;
	case FL_PLOT_SIZE_MARGIN:
		return fl_metrics_of(c).margin;
	case FL_PLOT_SIZE_CLV: {
		if (pl->plan->clv != NULL)
			return pl->plan->clv[i];
		fl_customer_value v;
		return fl_plan_value_of(pl->plan, c, true, &v) ? v.clv : NAN;
	}
	case FL_PLOT_SIZE_NONE:
		break;
	}
	return NAN;
}

/* The radius of customer i's marker: the area proportional to the
 * magnitude of its measure (sqrt), within R_MIN..R_MAX. */
static double radius_of(const struct plot *pl, size_t i)
{
	if (pl->measure == NULL)
		return R_FIXED;
	double a = fabs(pl->measure[i]);
	if (!(a > 0) || !(pl->size_max > 0))
		return R_MIN;
	double r = R_MAX * sqrt(a / pl->size_max);
	return r < R_MIN ? R_MIN : r > R_MAX ? R_MAX : r;
}

/* Is customer i drawn with the cap mark (docs/plot.md, "Pins and
 * caps")? */
static bool capped(const struct plot *pl, size_t i)
{
	const fl_class *k = &pl->plan->classes[i];
	if (pl->cap_mode)
		return k->level < k->computed &&
		       pl->p->customers[i].pin == FL_LEVEL_NONE;
	return pl->level_costs && k->level > k->affordable;
}

/* The symmetric-log scale's c over the customers' values across
 * (`across`) or up. */
static fl_status symlog_c(const struct plot *pl, bool across, double *c)
{
	size_t n = pl->plan->count;
	double *v = malloc((n ? n : 1) * sizeof(*v));
	if (v == NULL)
		return FL_ERR_NOMEM;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		double x, y;
		if (values_of(pl, i, &x, &y))
			v[m++] = across ? x : y;
	}
	*c = fl_symlog_c(v, m);
	free(v);
	return FL_OK;
}

/* Pass 1: ranges, counts and sizes. */
static fl_status measure(struct plot *pl)
{
	const fl_thresholds *th = &pl->plan->thresholds;
	double xlo = INFINITY, xhi = -INFINITY;
	/* The margin axis always shows zero: losses lie below that line. */
	double ylo = 0, yhi = 0;
	for (size_t i = 0; i < pl->plan->count; i++) {
		double x, y;
		const fl_class *k = &pl->plan->classes[i];
		pl->levels[k->level < 6 ? k->level : 0]++;
		pl->quadrants[k->quadrant & 3]++;
		if (!values_of(pl, i, &x, &y))
			continue;
		if (x > 0 || pl->xsym) {
			if (x < xlo) xlo = x;
			if (x > xhi) xhi = x;
		} else {
			pl->zero_count++;
		}
		if (y < ylo) ylo = y;
		if (y > yhi) yhi = y;
	}
	/* The threshold lines lie inside the picture. */
	const double xs[] = { th->value.cut_low, th->value.cut_high,
	                      th->value.split };
	const double ys[] = { th->margin.cut_low, th->margin.cut_high,
	                      th->margin.split };
	for (int i = 0; i < 3; i++) {
		if ((xs[i] > 0 || pl->xsym) && isfinite(xs[i])) {
			if (xs[i] < xlo) xlo = xs[i];
			if (xs[i] > xhi) xhi = xs[i];
		}
		if (isfinite(ys[i])) {
			if (ys[i] < ylo) ylo = ys[i];
			if (ys[i] > yhi) yhi = ys[i];
		}
	}
	if (!(xlo <= xhi)) {
		xlo = 1;
		xhi = 1000;
	}
	double xlo_all = xlo, xhi_all = xhi;
	if (pl->xsym) {
		/* The log scale below is only the fallback's; keep it valid. */
		xlo = xhi > 0 ? fmax(xhi / 1000, fmin(fmax(xlo, 0), xhi)) : 1;
		if (!(xlo > 0))
			xlo = xhi > 0 ? xhi / 1000 : 1;
		if (!(xhi >= xlo))
			xhi = xlo * 1000;
	}
	pl->xlo = fl_tick_nice(xlo, false);
	pl->xhi = fl_tick_nice(xhi, true);
	pl->lx0 = log10(fl_tick_value(pl->xlo));
	pl->lx1 = log10(fl_tick_value(pl->xhi));
	if (pl->lx1 - pl->lx0 < 0.5) {
		/* One value: give it a decade around it. */
		pl->lx0 -= 0.5;
		pl->lx1 += 0.5;
	}

	/* Sized markers reach up to R_MAX from their centre: the axes end a
	 * little inside the frame (and markers are clipped to it). */
	pl->pad = pl->size != FL_PLOT_SIZE_NONE && !pl->density ? R_MAX * 1.1
	                                                        : 0;
	/* Margin percent: linear, in about five 1-2-5 steps.  The margin
	 * amount spans orders of magnitude and both signs: symmetric-log. */
	if (pl->yb == FL_BASIS_MARGIN) {
		double c;
		fl_status st = symlog_c(pl, false, &c);
		if (st != FL_OK)
			return st;
		fl_scale_symlog(&pl->ys, ylo, yhi, c, FRAME_B - pl->pad,
		                FRAME_T + pl->pad);
	} else {
		fl_scale_linear(&pl->ys, ylo, yhi, 5,
		                pl->yb == FL_BASIS_MARGIN_PCT ? 2 : 200,
		                FRAME_B - pl->pad, FRAME_T + pl->pad);
	}

	pl->has_zero = pl->zero_count > 0;
	pl->L = FRAME_L + (pl->has_zero ? ZERO_W : 0);
	if (pl->xsym) {
		/* Revenue and lifetime value: zero and (for CLV) negative
		 * values on the axis itself, orders of magnitude beyond. */
		double c;
		fl_status st = symlog_c(pl, true, &c);
		if (st != FL_OK)
			return st;
		fl_scale_symlog(&pl->xs, fmin(xlo_all, 0), fmax(xhi_all, 0), c,
		                pl->L + pl->pad, FRAME_R - pl->pad);
	}

	for (int l = 1; l <= 5; l++)
		if (pl->plan->econ.level_cost[l] != 0)
			pl->level_costs = true;
	pl->cap_mode = pl->plan->econ.cap;
	return FL_OK;
}

/* The measure of every customer, and their largest magnitude (none in
 * density mode). */
static fl_status sizes(struct plot *pl)
{
	/* In density mode the named customers' markers keep one size: the
	 * cells show where the customers are, and a few large markers over
	 * them would hide it. */
	if (pl->size == FL_PLOT_SIZE_NONE || pl->plan->count == 0 ||
	    pl->density)
		return FL_OK;
	pl->measure = malloc(pl->plan->count * sizeof(*pl->measure));
	if (pl->measure == NULL)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < pl->plan->count; i++) {
		double v = measure_of(pl, i);
		pl->measure[i] = v;
		if (fabs(v) > pl->size_max && isfinite(v))
			pl->size_max = fabs(v);
	}
	return FL_OK;
}

static const char *axis_title(fl_basis b, bool across)
{
	switch (b) {
	case FL_BASIS_ORDER_VALUE: return "Average order value";
	case FL_BASIS_REVENUE: return "Revenue";
	case FL_BASIS_CLV: return "Customer lifetime value";
	case FL_BASIS_MARGIN: return "Margin";
	case FL_BASIS_MARGIN_PCT: break;
	}
	return across ? "Order value" : "Margin";
}

/* ---- the parts of the picture ------------------------------------------ */


/* ---- the parts of the picture ------------------------------------------ */

static void head(fl_out *o, const struct plot *pl, const fl_plot_options *opt)
{
	const fl_portfolio *p = pl->p;
	fl_svg_open(o, WIDTH, HEIGHT, opt->fragment);
	fl_out_puts(o, "<title>Portfolio matrix: ");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed)", 0);
	fl_out_puts(o, "</title>\n<defs>\n");
	for (int l = 1; l <= 5; l++)
		fl_out_printf(o, "<path id=\"fl-m%d\" d=\"%s\" "
		              "vector-effect=\"non-scaling-stroke\"/>\n", l,
		              shape_path[l]);
	const double fv[] = { FRAME_L, FRAME_T, FRAME_R - FRAME_L,
	                      FRAME_B - FRAME_T };
	fl_svg_coords(o, "<clipPath id=\"fl-frame\"><rect x=\"%0\" y=\"%1\" "
	              "width=\"%2\" height=\"%3\"/></clipPath>\n", fv);
	fl_out_puts(o, "</defs>\n"
	            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

	/* Title: the portfolio; below it period, customers, currency. */
	fl_svg_heading(o, p, "Portfolio matrix");
	fl_out_printf(o, ", %zu customer%s", pl->plan->count,
	              pl->plan->count == 1 ? "" : "s");
	if (pl->density)
		fl_out_puts(o, " (density)");
	fl_out_puts(o, "</text>\n");
}

/* Quadrant shading, so that the four quadrants show at a glance. */
static void quadrants(fl_out *o, const struct plot *pl)
{
	const fl_thresholds *th = &pl->plan->thresholds;
	double sx = th->value.split > 0 || pl->xsym
	            ? px_x(pl, th->value.split) : pl->L;
	double sy = px_y(pl, th->margin.split);
	if (sx < FRAME_L) sx = FRAME_L;
	if (sx > FRAME_R) sx = FRAME_R;
	if (sy < FRAME_T) sy = FRAME_T;
	if (sy > FRAME_B) sy = FRAME_B;
	/* question-mark (top left) and cash-cow (bottom right) tinted. */
	const double v[] = { FRAME_L, FRAME_T, sx - FRAME_L, sy - FRAME_T,
	                     sx, sy, FRAME_R - sx, FRAME_B - sy };
	fl_svg_coords(o, "<g fill=\"#f1f1f1\"><rect x=\"%0\" y=\"%1\" width=\"%2\" "
	       "height=\"%3\"/><rect x=\"%4\" y=\"%5\" width=\"%6\" "
	       "height=\"%7\"/></g>\n", v);
}

static void quadrant_labels(fl_out *o, const struct plot *pl)
{
	static const struct { int q; double x, y; const char *anchor; } at[] = {
		{ FL_QUADRANT_QUESTION_MARK, 0, 0, "start" },
		{ FL_QUADRANT_STAR, 1, 0, "end" },
		{ FL_QUADRANT_DOG, 0, 1, "start" },
		{ FL_QUADRANT_CASH_COW, 1, 1, "end" },
	};
	fl_out_puts(o, "<g font-size=\"15\" font-weight=\"bold\" "
	            "fill=\"#777777\">\n");
	for (int i = 0; i < 4; i++) {
		char t[64], attrs[32];
		snprintf(t, sizeof(t), "%s (%zu)",
		         fl_quadrant_name((fl_quadrant)at[i].q),
		         pl->quadrants[at[i].q]);
		snprintf(attrs, sizeof(attrs), "text-anchor=\"%s\"", at[i].anchor);
		double x = at[i].x == 0 ? pl->L + 8 : FRAME_R - 8;
		double y = at[i].y == 0 ? FRAME_T + 20 : FRAME_B - 10;
		fl_svg_text(o, x, y, attrs, t, 0);
	}
	fl_out_puts(o, "</g>\n");
}

/* Call `each` for every 1-2-5 tick of the log axis inside the frame. */
static void each_x_tick(fl_out *o, const struct plot *pl,
                        void (*each)(fl_out *, const struct plot *,
                                     fl_tick, const void *),
                        const void *arg)
{
	int d0 = (int)floor(pl->lx0) - 1, d1 = (int)ceil(pl->lx1) + 1;
	for (int d = d0; d <= d1; d++) {
		for (int m = 1; m <= 5; m += (m == 1 ? 1 : 3)) {
			fl_tick tk = { m, d };
			double lv = log10(fl_tick_value(tk));
			if (lv >= pl->lx0 - 1e-9 && lv <= pl->lx1 + 1e-9)
				each(o, pl, tk, arg);
		}
	}
}

static void x_grid_line(fl_out *o, const struct plot *pl, fl_tick tk,
                        const void *arg)
{
	(void)arg;
	const double v[] = { px_x(pl, fl_tick_value(tk)), FRAME_T, FRAME_B };
	fl_svg_coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
}

/* The label of a log-axis tick; *arg: label every that many decades
 * only (0: every tick). */
static void x_tick_label(fl_out *o, const struct plot *pl, fl_tick tk,
                         const void *arg)
{
	int every = *(const int *)arg;
	int d = tk.exp;
	if (every > 0 && (tk.mant != 1 || (d % every + every) % every != 0))
		return;
	/* Leave room for the zero strip's "0". */
	if (pl->has_zero && px_x(pl, fl_tick_value(tk)) < zero_x() + 24)
		return;
	char t[128];
	fl_tick_text(t, sizeof(t), tk, false);
	fl_svg_text(o, px_x(pl, fl_tick_value(tk)), FRAME_B + 16,
	        "text-anchor=\"middle\"", t, 0);
}

static void axes(fl_out *o, const struct plot *pl)
{
	const fl_portfolio *p = pl->p;
	char t[128];
	/* Grid lines and ticks of the margin axis. */
	fl_tick yt[64];
	size_t nyt = fl_scale_ticks(&pl->ys, yt, 64, 16);
	fl_out_puts(o, "<g stroke=\"#dddddd\" stroke-width=\"1\">\n");
	for (size_t k = 0; k < nyt; k++) {
		double y = px_y(pl, fl_tick_value(yt[k]));
		const double v[] = { FRAME_L, y, FRAME_R };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n");
	/* Log axis ticks: 1-2-5 per decade when they fit, else decades. */
	double per_decade = (FRAME_R - pl->L) / (pl->lx1 - pl->lx0);
	int every = per_decade >= 110 ? 0 : per_decade >= 30 ? 1
	          : (int)ceil(30 / per_decade);
	fl_tick xt[64];
	size_t nxt = pl->xsym ? fl_scale_ticks(&pl->xs, xt, 64, 44) : 0;
	fl_out_puts(o, "<g stroke=\"#dddddd\" stroke-width=\"1\">\n");
	if (pl->xsym)
		for (size_t k = 0; k < nxt; k++)
			x_grid_line(o, pl, xt[k], NULL);
	else
		each_x_tick(o, pl, x_grid_line, NULL);
	fl_out_puts(o, "</g>\n");

	/* The frame, and the zero line of the margin axis. */
	const double fv[] = { FRAME_L, FRAME_T, FRAME_R - FRAME_L,
	                      FRAME_B - FRAME_T };
	fl_svg_coords(o, "<rect x=\"%0\" y=\"%1\" width=\"%2\" height=\"%3\" "
	       "fill=\"none\" stroke=\"#555555\"/>\n", fv);
	if (pl->ys.t0 < 0 && pl->ys.t1 > 0) {
		const double v[] = { FRAME_L, px_y(pl, 0), FRAME_R };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#555555\" "
		       "stroke-width=\"1.2\"/>\n", v);
	}
	if (pl->has_zero) {
		const double v[] = { pl->L, FRAME_T, FRAME_B };
		fl_svg_coords(o, "<path d=\"M%0,%1V%2\" stroke=\"#555555\" "
		       "stroke-dasharray=\"2,2\"/>\n", v);
	}

	/* Tick labels. */
	fl_out_puts(o, "<g fill=\"#333333\" font-size=\"11\">\n");
	for (size_t k = 0; k < nyt; k++) {
		fl_tick_text(t, sizeof(t), yt[k], pl->yb == FL_BASIS_MARGIN_PCT);
		fl_svg_text(o, FRAME_L - 6, px_y(pl, fl_tick_value(yt[k])) + 4,
		        "text-anchor=\"end\"", t, 0);
	}
	if (pl->xsym) {
		for (size_t k = 0; k < nxt; k++) {
			fl_tick_text(t, sizeof(t), xt[k], false);
			fl_svg_text(o, px_x(pl, fl_tick_value(xt[k])), FRAME_B + 16,
			            "text-anchor=\"middle\"", t, 0);
		}
	} else {
		each_x_tick(o, pl, x_tick_label, &every);
	}
	if (pl->has_zero)
		fl_svg_text(o, zero_x(), FRAME_B + 16, "text-anchor=\"middle\"", "0", 0);
	fl_out_puts(o, "</g>\n");

	/* Axis titles with units. */
	char title[160];
	const char *cur = p->currency[0] ? p->currency : NULL;
	fl_out_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	              "font-size=\"13\">", (int)((pl->L + FRAME_R) / 2),
	              (int)FRAME_B + 40);
	fl_out_puts(o, axis_title(pl->xb, true));
	if (cur) {
		fl_out_puts(o, " (");
		fl_markup_text(o, cur, 12);
		fl_out_puts(o, ")");
	}
	if (pl->xsym) {
		fl_tick_text(t, sizeof(t), fl_tick_nice(pl->xs.c, true), false);
		fl_out_printf(o, ", symmetric log scale (linear within "
		              "\xC2\xB1%s)</text>\n", t);
	} else {
		fl_out_puts(o, ", logarithmic scale</text>\n");
	}
	snprintf(title, sizeof(title), "%s", axis_title(pl->yb, false));
	fl_out_printf(o, "<text transform=\"translate(22,%d) rotate(-90)\" "
	              "text-anchor=\"middle\" font-size=\"13\">%s",
	              (int)((FRAME_T + FRAME_B) / 2), title);
	if (pl->yb == FL_BASIS_MARGIN_PCT) {
		fl_out_puts(o, " (%)");
	} else if (cur) {
		fl_out_puts(o, " (");
		fl_markup_text(o, cur, 12);
		fl_out_puts(o, ")");
	}
	if (pl->ys.kind == FL_SCALE_SYMLOG) {
		/* c is a power of ten: one tick text. */
		fl_tick_text(t, sizeof(t), fl_tick_nice(pl->ys.c, true), false);
		fl_out_printf(o, ", symmetric log scale (linear within "
		              "\xC2\xB1%s)", t);
	}
	fl_out_puts(o, "</text>\n");
}

/* Tier cuts as light dashed lines, quadrant splits as dark solid ones. */
static void thresholds(fl_out *o, const struct plot *pl)
{
	const fl_thresholds *th = &pl->plan->thresholds;
	const double vc[] = { th->value.cut_low, th->value.cut_high };
	const double mc[] = { th->margin.cut_low, th->margin.cut_high };
	fl_out_puts(o, "<g stroke=\"#888888\" stroke-width=\"1.2\" "
	            "stroke-dasharray=\"6,4\" fill=\"none\">\n");
	for (int i = 0; i < 2; i++) {
		if ((vc[i] > 0 || pl->xsym) && isfinite(vc[i])) {
			const double v[] = { px_x(pl, vc[i]), FRAME_T, FRAME_B };
			fl_svg_coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
		}
		if (isfinite(mc[i])) {
			const double v[] = { FRAME_L, px_y(pl, mc[i]), FRAME_R };
			fl_svg_coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
		}
	}
	fl_out_puts(o, "</g>\n<g stroke=\"#222222\" stroke-width=\"2\" "
	            "fill=\"none\">\n");
	if ((th->value.split > 0 || pl->xsym) && isfinite(th->value.split)) {
		const double v[] = { px_x(pl, th->value.split), FRAME_T, FRAME_B };
		fl_svg_coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
	}
	if (isfinite(th->margin.split)) {
		const double v[] = { FRAME_L, px_y(pl, th->margin.split), FRAME_R };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n");
}

/*
 * One marker of radius r: a <use> of the level's shape scaled to r, with
 * the customer as tooltip when `who` is given (its measure too when the
 * markers are sized).
 */
static void marker(fl_out *o, const struct plot *pl, int level, double x,
                   double y, double r, const fl_customer *who, size_t i)
{
	const double v[] = { x, y, r };
	fl_out_printf(o, "<use xlink:href=\"#fl-m%d\" ", level);
	fl_svg_coords(o, "transform=\"translate(%0,%1) scale(%2)\"", v);
	if (who == NULL) {
		fl_out_puts(o, "/>\n");
		return;
	}
	fl_out_puts(o, "><title>");
	fl_markup_text(o, who->id, 60);
	fl_out_puts(o, ": ");
	fl_markup_text(o, who->name, 80);
	if (pl->measure != NULL && isfinite(pl->measure[i])) {
		char b[FL_MONEY_MAX];
		fl_fmt_money(b, pl->measure[i]);
		fl_out_printf(o, ", %s %s", fl_plot_size_name(pl->size), b);
	}
	if (who->pin != FL_LEVEL_NONE) {
		fl_out_puts(o, ", pinned");
		const char *why = fl_customer_reason(who);
		if (why[0] != '\0') {
			fl_out_puts(o, ": ");
			fl_markup_text(o, why, 80);
		}
	}
	fl_out_puts(o, "</title></use>\n");
}

/* The ring of a pinned customer and the cap mark, over its marker. */
static void marks(fl_out *o, const struct plot *pl, size_t i, double x,
                  double y, double r)
{
	int l = pl->plan->classes[i].level;
	double reach = r * shape_reach[l < 6 ? l : 0];
	if (pl->p->customers[i].pin != FL_LEVEL_NONE) {
		const double v[] = { x, y, reach + 3 };
		fl_svg_coords(o, "<circle cx=\"%0\" cy=\"%1\" r=\"%2\" fill=\"none\" "
		              "stroke=\"#222222\" stroke-width=\"1.3\"/>\n", v);
	}
	if (capped(pl, i)) {
		/* A lid just above the marker: the level is held down. */
		double w = reach < 5 ? 5 : reach;
		const double v[] = { x - w, y - reach - 3, 2 * w };
		fl_svg_coords(o, "<path d=\"M%0,%1h%2\" stroke=\"#222222\" "
		              "stroke-width=\"2.4\"/>\n", v);
	}
}

/* A customer to draw: where, how large, which level. */
struct dot {
	size_t i;
	double x, y, r;
	int level;
	bool zero;
	bool hollow;             /* on the zero strip, or a negative measure */
};

/* Level by level (the rarer, higher levels on top), filled before
 * hollow; within those the larger markers first, so that small ones lie
 * on top of them; then input order. */
static int by_drawing_order(const void *a, const void *b)
{
	const struct dot *x = a, *y = b;
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	if (x->hollow != y->hollow)
		return x->hollow ? 1 : -1;
	if (x->r != y->r)
		return x->r > y->r ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The dots of the customers drawn as markers: every customer that can be
 * drawn, or the n of `order` in density mode.  NULL when out of memory
 * (or when there are none: *count 0). */
static struct dot *dots_of(struct plot *pl, const size_t *order, size_t n,
                           size_t *count)
{
	size_t total = pl->density ? n : pl->plan->count;
	*count = 0;
	struct dot *d = malloc((total ? total : 1) * sizeof(*d));
	if (d == NULL)
		return NULL;
	for (size_t k = 0; k < total; k++) {
		size_t i = pl->density ? order[k] : k;
		struct dot t = { .i = i, .level = pl->plan->classes[i].level };
		if (!point_of(pl, i, &t.x, &t.y, &t.zero))
			continue;
		if (t.level < 1 || t.level > 5)
			continue;
		t.r = radius_of(pl, i);
		if (pl->p->customers[i].pin != FL_LEVEL_NONE)
			pl->pinned++;
		if (capped(pl, i))
			pl->capped++;
		if (pl->measure != NULL && pl->measure[i] < 0)
			pl->negative++;
		t.hollow = t.zero || (pl->measure != NULL && pl->measure[i] < 0);
		d[(*count)++] = t;
	}
	qsort(d, *count, sizeof(*d), by_drawing_order);
	return d;
}

/*
 * The markers: filled in the level's colour, hollow (the level's colour
 * as outline) when the measure is negative or the customer sits on the
 * zero strip; sized markers a little translucent, so that overlaps show.
 */
static void scatter(fl_out *o, const struct plot *pl, const struct dot *d,
                    size_t n)
{
	const char *opacity = pl->measure != NULL ? " fill-opacity=\"0.85\""
	                                          : "";
	int open = -1;   /* the group open: level * 2 + hollow */
	if (n == 0)
		return;
	fl_out_puts(o, "<g clip-path=\"url(#fl-frame)\">\n");
	for (size_t k = 0; k < n; k++) {
		const struct dot *t = &d[k];
		bool hollow = t->hollow;
		int g = t->level * 2 + hollow;
		if (g != open) {
			if (open >= 0)
				fl_out_puts(o, "</g>\n");
			if (hollow)
				fl_out_printf(o, "<g fill=\"#ffffff\" stroke=\"%s\" "
				              "stroke-width=\"1.6\">\n",
				              fl_level_colour((fl_level)t->level));
			else
				fl_out_printf(o, "<g fill=\"%s\"%s stroke=\"#ffffff\" "
				              "stroke-width=\"0.8\">\n",
				              fl_level_colour((fl_level)t->level),
				              opacity);
			open = g;
		}
		marker(o, pl, t->level, t->x, t->y, t->r, &pl->p->customers[t->i],
		       t->i);
	}
	if (open >= 0)
		fl_out_puts(o, "</g>\n");
	for (size_t k = 0; k < n; k++)
		marks(o, pl, d[k].i, d[k].x, d[k].y, d[k].r);
	fl_out_puts(o, "</g>\n");
}

static int shade_of(uint32_t count, uint32_t max)
{
	if (count == 0)
		return 0;
	if (max <= 1)
		return SHADES;
	int s = (int)ceil(SHADES * log1p((double)count) / log1p((double)max) -
	                  1e-9);
	return s < 1 ? 1 : s > SHADES ? SHADES : s;
}

/* The fill-opacity of shade s, from 0.22 to 1, as text. */
static const char *shade_opacity(int s)
{
	static const char *const op[SHADES + 1] = {
		"0", "0.22", "0.38", "0.53", "0.69", "0.84", "1",
	};
	return op[s];
}

/* The smallest count with shade >= s. */
static uint32_t shade_min(int s, uint32_t max)
{
	uint32_t c = 1;
	double guess = expm1((double)(s - 1) / SHADES * log1p((double)max));
	if (guess > 3)
		c = (uint32_t)guess - 2;
	while (c < max && shade_of(c, max) < s)
		c++;
	return c;
}

/*
 * Density: the plot area in GX x GY cells (and one column for the zero
 * strip), each filled with the colour of its most common level and shaded
 * by its customer count.  One path per colour and shade keeps the file
 * small whatever the portfolio's size.
 */
static fl_status density(fl_out *o, const struct plot *pl, uint32_t *max_out)
{
	/* Column 0 is the zero strip, columns 1..GX the log area. */
	size_t ncell = (size_t)(GX + 1) * GY;
	uint32_t (*cnt)[6] = calloc(ncell, sizeof(*cnt));
	unsigned char *best = calloc(ncell, 1);
	unsigned char *shade = calloc(ncell, 1);
	if (cnt == NULL || best == NULL || shade == NULL) {
		free(cnt);
		free(best);
		free(shade);
		return FL_ERR_NOMEM;
	}
	double cw = (FRAME_R - pl->L) / GX, ch = (FRAME_B - FRAME_T) / GY;
	for (size_t i = 0; i < pl->plan->count; i++) {
		double x, y;
		bool zero;
		if (!point_of(pl, i, &x, &y, &zero))
			continue;
		int cx = zero ? 0 : 1 + (int)floor((x - pl->L) / cw);
		int cy = (int)floor((y - FRAME_T) / ch);
		if (cx > GX) cx = GX;
		if (cx < 0) cx = 0;
		if (!zero && cx < 1) cx = 1;
		if (cy >= GY) cy = GY - 1;
		if (cy < 0) cy = 0;
		unsigned l = pl->plan->classes[i].level;
		cnt[(size_t)cy * (GX + 1) + (size_t)cx][l < 6 ? l : 0]++;
	}
	uint32_t max = 0;
	for (size_t c = 0; c < ncell; c++) {
		uint32_t total = 0, top = 0;
		for (int l = 1; l <= 5; l++) {
			total += cnt[c][l];
			/* Ties go to the higher level, which is the rarer one. */
			if (cnt[c][l] > 0 && cnt[c][l] >= top) {
				top = cnt[c][l];
				best[c] = (unsigned char)l;
			}
		}
		cnt[c][0] = total;
		if (total > max)
			max = total;
	}
	for (size_t c = 0; c < ncell; c++)
		shade[c] = (unsigned char)shade_of(cnt[c][0], max);
	for (int l = 1; l <= 5; l++) {
		for (int s = 1; s <= SHADES; s++) {
			bool open = false;
			for (size_t c = 0; c < ncell; c++) {
				if (best[c] != l || shade[c] != s)
					continue;
				if (!open) {
					fl_out_printf(o, "<path fill=\"%s\" "
					              "fill-opacity=\"%s\" d=\"",
					              fl_level_colour((fl_level)l),
					              shade_opacity(s));
					open = true;
				}
				size_t cx = c % (GX + 1), cy = c / (GX + 1);
				double x0 = cx == 0 ? FRAME_L + 3 : pl->L + (double)(cx - 1) * cw;
				double w = cx == 0 ? ZERO_W - 6 : cw;
				const double v[] = { x0, FRAME_T + (double)cy * ch, w, ch,
				                     -w };
				fl_svg_coords(o, "M%0,%1h%2v%3h%4z", v);
			}
			if (open)
				fl_out_puts(o, "\"/>\n");
		}
	}
	free(cnt);
	free(best);
	free(shade);
	*max_out = max;
	return FL_OK;
}

/* A placed label. */
struct placed {
	size_t i;
	fl_box box;
	bool moved;
	double x, y, reach;
};

/* The boxes of the quadrant names (15-unit bold text in the corners),
 * which labels must not cover. */
static bool block_quadrant_names(fl_labeler *lb, const struct plot *pl)
{
	static const int q[4] = { FL_QUADRANT_QUESTION_MARK, FL_QUADRANT_STAR,
	                          FL_QUADRANT_DOG, FL_QUADRANT_CASH_COW };
	for (int k = 0; k < 4; k++) {
		char t[64];
		snprintf(t, sizeof(t), "%s (%zu)", fl_quadrant_name((fl_quadrant)q[k]),
		         pl->quadrants[q[k]]);
		/* Bold runs about a tenth wider. */
		double w = fl_svg_text_width(t, 0, 15) * 1.1 + 4;
		double y = k < 2 ? FRAME_T + 20 : FRAME_B - 10;
		double x0 = k % 2 == 0 ? pl->L + 6 : FRAME_R - 10 - w;
		if (!fl_labeler_block(lb, (fl_box){ x0, y - 16, x0 + w + 4, y + 5 },
		                      true))
			return false;
	}
	return true;
}

/*
 * Name the n customers of `order` (highest revenue first): "ID name"
 * (cut at FL_SVG_LABEL_CP code points) in a white box, placed by
 * plot_labels.h clear of the other labels, the quadrant names and the
 * frame, and preferably of every marker; a leader line joins a label
 * placed away from its marker.  A label with no place is left out.
 */
static fl_status labels(fl_out *o, const struct plot *pl, const size_t *order,
                        size_t n, const struct dot *d, size_t nd)
{
	if (n == 0)
		return FL_OK;
	fl_labeler *lb = fl_labeler_new((fl_box){ FRAME_L + 1, FRAME_T + 1,
	                                          FRAME_R - 1, FRAME_B - 1 });
	struct placed *pd = malloc(n * sizeof(*pd));
	fl_status st = FL_ERR_NOMEM;
	size_t np = 0;
	if (lb == NULL || pd == NULL || !block_quadrant_names(lb, pl))
		goto out;
	for (size_t k = 0; k < nd; k++) {
		double reach = d[k].r * shape_reach[d[k].level];
		if (!fl_labeler_block(lb, (fl_box){ d[k].x - reach, d[k].y - reach,
		                                    d[k].x + reach, d[k].y + reach },
		                      false))
			goto out;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		double x, y;
		bool zero, oom;
		int l = pl->plan->classes[i].level;
		if (!point_of(pl, i, &x, &y, &zero) || l < 1 || l > 5)
			continue;
		double reach = radius_of(pl, i) * shape_reach[l];
		char text[FL_SVG_LABEL_MAX];
		const fl_customer *c = &pl->p->customers[i];
		fl_svg_label(text, c->id, c->name);
		double w = fl_svg_text_width(text, FL_SVG_LABEL_CP, LABEL_FONT) + 6;
		struct placed *q = &pd[np];
		if (fl_labeler_place(lb, x, y, reach, w, LABEL_H, &q->box, &q->moved,
		                     &oom)) {
			q->i = i;
			q->x = x;
			q->y = y;
			q->reach = reach;
			np++;
		} else if (oom) {
			goto out;
		}
	}
	/* Leader lines first, so that labels lie over them. */
	fl_out_puts(o, "<g stroke=\"#555555\" stroke-width=\"0.8\">\n");
	for (size_t k = 0; k < np; k++) {
		const struct placed *q = &pd[k];
		if (!q->moved)
			continue;
		double nx, ny;
		fl_box_nearest(&q->box, q->x, q->y, &nx, &ny);
		double dx = nx - q->x, dy = ny - q->y, len = hypot(dx, dy);
		const double v[] = { q->x + dx / len * q->reach,
		                     q->y + dy / len * q->reach, nx, ny };
		fl_svg_coords(o, "<path d=\"M%0,%1L%2,%3\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n<g font-size=\"11\" fill=\"#111111\">\n");
	for (size_t k = 0; k < np; k++) {
		const struct placed *q = &pd[k];
		const fl_customer *c = &pl->p->customers[q->i];
		char text[FL_SVG_LABEL_MAX];
		fl_svg_label(text, c->id, c->name);
		const double v[] = { q->box.x0, q->box.y0, q->box.x1 - q->box.x0,
		                     q->box.y1 - q->box.y0, q->box.x0 + 3,
		                     q->box.y0 + 10.5 };
		fl_svg_coords(o, "<rect class=\"fl-label\" x=\"%0\" y=\"%1\" "
		              "width=\"%2\" height=\"%3\" rx=\"2\" fill=\"#ffffff\" "
		              "fill-opacity=\"0.85\"/><text x=\"%4\" y=\"%5\">", v);
		fl_markup_text(o, text, FL_SVG_LABEL_CP);
		fl_out_puts(o, "</text>\n");
	}
	fl_out_puts(o, "</g>\n");
	st = FL_OK;
out:
	fl_labeler_free(lb);
	free(pd);
	return st;
}

/* One legend row: a sample drawn by the caller at (x + 6, y), text. */
static double legend_text(fl_out *o, double x, double y, const char *t)
{
	fl_svg_text(o, x + 20, y + 4, "", t, 0);
	return y + 20;
}

/* The size legend: nested circles of 1-2-5 values of the measure, their
 * values beside them.  Returns the y below it. */
static double size_legend(fl_out *o, const struct plot *pl, double x,
                          double y)
{
	const char *cur = pl->p->currency;
	char t[96];
	const char *what = pl->size == FL_PLOT_SIZE_REVENUE ? "revenue"
	                 : pl->size == FL_PLOT_SIZE_MARGIN ? "margin"
	                                                   : "lifetime value";
	snprintf(t, sizeof(t), "Area: %s", what);
	fl_out_puts(o, "<text ");
	fl_svg_coords(o, "x=\"%0\" y=\"%1\"", (const double[]){ x, y + 4 });
	fl_out_printf(o, " font-weight=\"bold\">%s", t);
	if (cur[0] != '\0') {
		fl_out_puts(o, " (");
		fl_markup_text(o, cur, 12);
		fl_out_puts(o, ")");
	}
	fl_out_puts(o, "</text>\n");
	y += 14;
	/* The largest 1-2-5 value under the largest measure, and two smaller
	 * ones, each shown only when its circle is larger than R_MIN (a
	 * smaller one would be drawn at R_MIN). */
	fl_tick v[3];
	v[0] = fl_tick_nice(pl->size_max, false);
	v[1] = fl_tick_nice(fl_tick_value(v[0]) / 4, false);
	v[2] = fl_tick_nice(fl_tick_value(v[0]) / 25, false);
	double rr[3];
	int nv = 0;
	for (int k = 0; k < 3; k++) {
		double r = R_MAX * sqrt(fl_tick_value(v[k]) / pl->size_max);
		if (r < R_MIN + 0.5)
			break;
		v[nv] = v[k];
		rr[nv++] = r;
	}
	double cx = x + R_MAX + 2, base = y + 2 * rr[0];
	fl_out_puts(o, "<g fill=\"none\" stroke=\"#555555\">\n");
	for (int k = 0; k < nv; k++) {
		const double c[] = { cx, base - rr[k], rr[k] };
		fl_svg_coords(o, "<circle cx=\"%0\" cy=\"%1\" r=\"%2\"/>\n", c);
	}
	fl_out_puts(o, "</g>\n<g stroke=\"#999999\" stroke-dasharray=\"2,2\">\n");
	double last = -1e9;
	double ty[3];
	for (int k = 0; k < nv; k++) {
		/* A dotted line from the circle's top to its value, the values
		 * at least 12 units apart. */
		double top = base - 2 * rr[k];
		ty[k] = top + 4 > last + 12 ? top + 4 : last + 12;
		last = ty[k];
		const double c[] = { cx, top, cx + R_MAX + 8, ty[k] - 4 };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2V%3\"/>\n", c);
	}
	fl_out_puts(o, "</g>\n");
	for (int k = 0; k < nv; k++) {
		fl_tick_text(t, sizeof(t), v[k], false);
		fl_svg_text(o, cx + R_MAX + 12, ty[k], "font-size=\"11\"", t, 0);
	}
	y = (base > last ? base : last) + 16;
	if (pl->negative > 0) {
		fl_out_puts(o, "<g fill=\"#ffffff\" stroke=\"#555555\" "
		            "stroke-width=\"1.6\">");
		marker(o, pl, 1, x + 6, y, R_FIXED, NULL, 0);
		fl_out_puts(o, "</g>\n");
		snprintf(t, sizeof(t), "hollow: %s < 0 (%zu)", what,
		         pl->negative);
		y = legend_text(o, x, y, t);
	}
	return y;
}

/*
 * The first PINS_NAMED pinned customers drawn (input order) with their
 * reasons, "ID: reason" cut to fit the legend's column, and how many
 * more.  Returns the y below them.
 */
enum { PINS_NAMED = 3 };
static double pinned_names(fl_out *o, const struct plot *pl,
                           const struct dot *d, size_t nd, double x, double y)
{
	size_t first[PINS_NAMED], nf = 0;
	/* The smallest indices among the drawn pinned ones, in order. */
	for (size_t k = 0; k < nd; k++) {
		size_t i = d[k].i;
		if (pl->p->customers[i].pin == FL_LEVEL_NONE)
			continue;
		size_t at = nf;
		while (at > 0 && first[at - 1] > i)
			at--;
		if (at >= PINS_NAMED)
			continue;
		if (nf < PINS_NAMED)
			nf++;
		for (size_t j = nf - 1; j > at; j--)
			first[j] = first[j - 1];
		first[at] = i;
	}
	for (size_t j = 0; j < nf; j++) {
		const fl_customer *c = &pl->p->customers[first[j]];
		const char *why = fl_customer_reason(c);
		fl_out_puts(o, "<text font-size=\"10\" fill=\"#444444\" ");
		fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ x, y });
		fl_markup_text(o, c->id, 12);
		size_t room = 30 - (fl_markup_width(c->id, 12) + 2);
		if (why[0] != '\0') {
			fl_out_puts(o, ": ");
			fl_markup_text(o, why, room);
		}
		fl_out_puts(o, "</text>\n");
		y += 13;
	}
	if (pl->pinned > nf) {
		char t[64];
		snprintf(t, sizeof(t), "and %zu more", pl->pinned - nf);
		fl_svg_text(o, x, y, "font-size=\"10\" fill=\"#444444\"", t, 0);
		y += 13;
	}
	return y + 4;
}

static void legend(fl_out *o, const struct plot *pl, const struct dot *d,
                   size_t nd, uint32_t max)
{
	double x = FRAME_R + 22, y = FRAME_T + 6;
	fl_svg_text(o, x, y + 4, "font-weight=\"bold\" font-size=\"13\"", "Level",
	            0);
	y += 24;
	for (int l = 5; l >= 1; l--) {
		char t[96];
		snprintf(t, sizeof(t), "%s (%zu)", fl_level_name((fl_level)l),
		         pl->levels[l]);
		if (pl->density) {
			const double v[] = { x, y - 6, 12 };
			fl_out_printf(o, "<rect fill=\"%s\" ",
			              fl_level_colour((fl_level)l));
			fl_svg_coords(o, "x=\"%0\" y=\"%1\" width=\"%2\" "
			              "height=\"%2\"/>\n", v);
		} else {
			fl_out_printf(o, "<g fill=\"%s\">", fl_level_colour((fl_level)l));
			marker(o, pl, l, x + 6, y, R_FIXED, NULL, 0);
			fl_out_puts(o, "</g>\n");
		}
		fl_svg_text(o, x + 20, y + 4, "", t, 0);
		y += 22;
	}
	y += 8;
	const double v1[] = { x, y, x + 26 };
	fl_svg_coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#222222\" "
	              "stroke-width=\"2\"/>\n", v1);
	fl_svg_text(o, x + 32, y + 4, "", "quadrant split", 0);
	y += 20;
	const double v2[] = { x, y, x + 26 };
	fl_svg_coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#888888\" "
	              "stroke-width=\"1.2\" stroke-dasharray=\"6,4\"/>\n", v2);
	fl_svg_text(o, x + 32, y + 4, "", "tier cut", 0);
	y += 20;
	if (pl->has_zero && !pl->density) {
		fl_out_printf(o, "<g fill=\"#ffffff\" stroke=\"#555555\" "
		              "stroke-width=\"1.6\">");
		marker(o, pl, 1, x + 6, y, R_FIXED, NULL, 0);
		fl_out_puts(o, "</g>\n");
		char t[64];
		/* Only the order value has the strip (revenue and CLV are
		 * on a symmetric-log axis). */
		snprintf(t, sizeof(t), "order value 0 (%zu)", pl->zero_count);
		y = legend_text(o, x, y, t);
	}
	if (pl->pinned > 0) {
		char t[64];
		const double v[] = { x + 6, y, R_FIXED + 3 };
		fl_svg_coords(o, "<circle cx=\"%0\" cy=\"%1\" r=\"%2\" fill=\"none\" "
		              "stroke=\"#222222\" stroke-width=\"1.3\"/>\n", v);
		snprintf(t, sizeof(t), "ringed: pinned level (%zu)", pl->pinned);
		y = legend_text(o, x, y, t) - 4;
		y = pinned_names(o, pl, d, nd, x + 20, y);
	}
	if (pl->capped > 0) {
		char t[64];
		const double v[] = { x + 1, y - 2, 10 };
		fl_svg_coords(o, "<path d=\"M%0,%1h%2\" stroke=\"#222222\" "
		              "stroke-width=\"2.4\"/>\n", v);
		snprintf(t, sizeof(t), pl->cap_mode ? "capped to affordable (%zu)"
		         : "above affordable level (%zu)", pl->capped);
		y = legend_text(o, x, y, t);
	}
	if (pl->measure != NULL && pl->size_max > 0) {
		y += 8;
		y = size_legend(o, pl, x, y);
	}
	if (!pl->density)
		return;
	y += 10;
	fl_svg_text(o, x, y, "font-weight=\"bold\"", "Customers per cell", 0);
	y += 8;
	for (int s = SHADES; s >= 1; s--) {
		char t[64];
		uint32_t lo = shade_min(s, max);
		uint32_t hi = s == SHADES ? max : shade_min(s + 1, max) - 1;
		if (max == 0 || lo > hi)
			continue;
		if (lo == hi)
			snprintf(t, sizeof(t), "%lu", (unsigned long)lo);
		else
			snprintf(t, sizeof(t), "%lu-%lu", (unsigned long)lo,
			         (unsigned long)hi);
		const double v[] = { x, y, 12 };
		fl_out_printf(o, "<rect fill=\"#333333\" fill-opacity=\"%s\" ",
		              shade_opacity(s));
		fl_svg_coords(o, "x=\"%0\" y=\"%1\" width=\"%2\" height=\"%2\"/>\n",
		              v);
		fl_svg_text(o, x + 20, y + 10, "", t, 0);
		y += 18;
	}
	y += 6;
	fl_svg_text(o, x, y + 4, "font-size=\"10\" fill=\"#444444\"",
	            "colour: most common level", 0);
}

void fl_plot_options_init(fl_plot_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->chart = FL_PLOT_MATRIX;
	opts->size = FL_PLOT_SIZE_REVENUE;
	opts->density_above = FL_PLOT_DENSITY_DEFAULT;
}

static fl_status matrix(fl_out *o, struct plot *pl, const fl_plot_options *opts)
{
	const fl_plan *plan = pl->plan;
	size_t n = opts->labels < plan->count ? opts->labels : plan->count;
	size_t *order = NULL, nd = 0;
	struct dot *d = NULL;
	fl_status st = measure(pl);
	if (st != FL_OK)
		return st;
	if (n > 0) {
		order = fl_sort_rows(pl->p, plan, FL_SORT_REVENUE);
		if (order == NULL)
			return FL_ERR_NOMEM;
	}
	st = sizes(pl);
	if (st == FL_OK && (plan->count > 0 && (!pl->density || n > 0))) {
		d = dots_of(pl, order, n, &nd);
		if (d == NULL)
			st = FL_ERR_NOMEM;
	}
	if (st != FL_OK)
		goto out;

	head(o, pl, opts);
	quadrants(o, pl);
	axes(o, pl);
	/* The lines over the density cells but under the markers. */
	uint32_t max = 0;
	if (pl->density)
		st = density(o, pl, &max);
	thresholds(o, pl);
	quadrant_labels(o, pl);
	scatter(o, pl, d, nd);
	if (st == FL_OK)
		st = labels(o, pl, order, n, d, nd);
	if (plan->count == 0)
		fl_svg_text(o, (pl->L + FRAME_R) / 2, (FRAME_T + FRAME_B) / 2,
		            "text-anchor=\"middle\" fill=\"#777777\"", "no customers",
		            0);
	legend(o, pl, d, nd, max);
	fl_out_puts(o, "</svg>\n");
out:
	free(order);
	free(d);
	free(pl->measure);
	return st;
}

fl_status fl_plot_write(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const fl_plot_options *opts)
{
	if (opts->chart == FL_PLOT_WHALE)
		return fl_plot_curve_write(o, p, plan, opts);
	if (opts->size == FL_PLOT_SIZE_CLV && !plan->spend)
		return FL_ERR_USAGE;
	struct plot pl;
	memset(&pl, 0, sizeof(pl));
	pl.p = p;
	pl.plan = plan;
	pl.xb = plan->thresholds.value.basis;
	/* Revenue and the lifetime value span orders of magnitude from 0
	 * (CLV below it): symmetric-log; the order value stays logarithmic,
	 * its zeros (no orders) on a strip of their own. */
	pl.xsym = pl.xb == FL_BASIS_REVENUE || pl.xb == FL_BASIS_CLV;
	pl.yb = plan->thresholds.margin.basis;
	pl.size = opts->size;
	pl.density = plan->count > opts->density_above;
	fl_status st = matrix(o, &pl, opts);
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
