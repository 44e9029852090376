/*
 * plot_curve.c - the profit curve as SVG (plot.h, docs/plot.md "The
 * profit curve").
 *
 * The customers ranked by profit after service, highest first, across
 * (as a share of the customers); the running sum of their profit up, as a
 * percentage of the total.  The sums are taken in the order
 * fl_profit_curve_compute sorts the profits in, so the peak and the end
 * are the report's numbers to the bit.  At most SAMPLES points are drawn,
 * and the peak and the start of the loss tail exactly.
 */
#include <focuslevel/plot.h>
#include <focuslevel/format.h>
#include <focuslevel/profit.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/markup.h"
#include "write/plot_axis.h"
#include "write/svg.h"

enum { WIDTH = 960, HEIGHT = 560, SAMPLES = 1000 };
static const double FRAME_L = 84, FRAME_R = 920, FRAME_T = 74,
                    FRAME_B = 480;
static const char *const CURVE = "#0072B2", *const LOSS = "#D55E00";

struct curve {
	const fl_portfolio *p;
	fl_profit_curve c;
	double *profit;          /* sorted, highest first */
	size_t n;
	bool pct;                /* total > 0: percentages of it */
	size_t tail;             /* customers before the loss tail */
	fl_scale ys;
};

/* The y value of a running sum: a percentage of the total, or the
 * amount; the same formula as profit.c's. */
static double yv(const struct curve *k, double s)
{
	if (!k->pct)
		return s;
	double h = 100.0 * s;
	return isfinite(h) ? h / k->c.total : 100.0 * (s / k->c.total);
}

static double px_x(const struct curve *k, size_t rank)
{
	double share = k->n > 0 ? (double)rank / (double)k->n : 0;
	return FRAME_L + share * (FRAME_R - FRAME_L);
}

static double px_y(const struct curve *k, double s)
{
	return fl_scale_px(&k->ys, yv(k, s));
}

/* Calls `each` for every sampled rank (0, every step-th, the peak, the
 * start of the loss tail, the last) with the running sum there. */
static void walk(const struct curve *k,
                 void (*each)(const struct curve *, size_t, double, void *),
                 void *arg)
{
	size_t step = (k->n + SAMPLES - 1) / SAMPLES;
	if (step == 0)
		step = 1;
	double s = 0;
	each(k, 0, 0, arg);
	for (size_t r = 1; r <= k->n; r++) {
		s += k->profit[r - 1];
		if (r % step == 0 || r == k->n || r == k->c.peak_customers ||
		    r == k->tail)
			each(k, r, s, arg);
	}
}

struct range {
	double lo, hi;
};

static void widen(const struct curve *k, size_t r, double s, void *arg)
{
	struct range *g = arg;
	(void)r;
	double v = yv(k, s);
	if (v < g->lo) g->lo = v;
	if (v > g->hi) g->hi = v;
}

struct path {
	fl_out *o;
	bool first;
	size_t from;             /* only ranks >= from */
};

static void point(const struct curve *k, size_t r, double s, void *arg)
{
	struct path *pa = arg;
	if (r < pa->from)
		return;
	const double v[] = { px_x(k, r), px_y(k, s) };
	fl_svg_coords(pa->o, pa->first ? "M%0,%1" : "L%0,%1", v);
	pa->first = false;
}

/* A number with one decimal at most ("61.1", "100"). */
static const char *one_dec(char *b, double v)
{
	return fl_markup_num(b, v);
}

static void money(fl_out *o, const fl_portfolio *p, double v)
{
	char b[FL_MONEY_MAX];
	fl_fmt_money(b, v);
	fl_out_puts(o, b);
	if (p->currency[0] != '\0') {
		fl_out_putc(o, ' ');
		fl_markup_text(o, p->currency, 12);
	}
}

static void head(fl_out *o, const struct curve *k, bool fragment)
{
	const fl_portfolio *p = k->p;
	fl_svg_open(o, WIDTH, HEIGHT, fragment);
	fl_out_puts(o, "<title>Profit curve: ");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed)", 0);
	fl_out_puts(o, "</title>\n"
	            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
	            "<text x=\"20\" y=\"28\" font-size=\"17\" "
	            "font-weight=\"bold\">");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed portfolio)", 80);
	fl_out_puts(o, "</text>\n<text x=\"20\" y=\"48\" fill=\"#444444\">"
	            "Profit curve");
	if (p->period[0]) {
		fl_out_puts(o, ", ");
		fl_markup_text(o, p->period, 40);
	}
	fl_out_printf(o, ", %zu customer%s ranked by profit after service, "
	              "highest first</text>\n", k->n, k->n == 1 ? "" : "s");
}

static void axes(fl_out *o, const struct curve *k)
{
	char t[64];
	fl_tick yt[64];
	size_t nyt = fl_scale_ticks(&k->ys, yt, 64, 16);
	fl_out_puts(o, "<g stroke=\"#dddddd\">\n");
	for (size_t j = 0; j < nyt; j++) {
		const double v[] = { FRAME_L, fl_scale_px(&k->ys,
		                                          fl_tick_value(yt[j])),
		                     FRAME_R };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
	}
	for (int j = 1; j < 10; j++) {
		const double v[] = { FRAME_L + j * (FRAME_R - FRAME_L) / 10, FRAME_T,
		                     FRAME_B };
		fl_svg_coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n");
	const double fv[] = { FRAME_L, FRAME_T, FRAME_R - FRAME_L,
	                      FRAME_B - FRAME_T };
	fl_svg_coords(o, "<rect x=\"%0\" y=\"%1\" width=\"%2\" height=\"%3\" "
	              "fill=\"none\" stroke=\"#555555\"/>\n", fv);
	if (k->ys.t0 < 0 && k->ys.t1 > 0) {
		const double v[] = { FRAME_L, fl_scale_px(&k->ys, 0), FRAME_R };
		fl_svg_coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#555555\" "
		              "stroke-width=\"1.2\"/>\n", v);
	}
	fl_out_puts(o, "<g fill=\"#333333\" font-size=\"11\">\n");
	for (size_t j = 0; j < nyt; j++) {
		fl_tick_text(t, sizeof(t), yt[j], k->pct);
		fl_svg_text(o, FRAME_L - 6,
		            fl_scale_px(&k->ys, fl_tick_value(yt[j])) + 4,
		            "text-anchor=\"end\"", t, 0);
	}
	for (int j = 0; j <= 10; j++) {
		snprintf(t, sizeof(t), "%d%%", 10 * j);
		fl_svg_text(o, FRAME_L + j * (FRAME_R - FRAME_L) / 10, FRAME_B + 16,
		            "text-anchor=\"middle\"", t, 0);
	}
	fl_out_puts(o, "</g>\n");
	fl_svg_text(o, (FRAME_L + FRAME_R) / 2, FRAME_B + 40,
	            "text-anchor=\"middle\" font-size=\"13\"",
	            "Share of customers, most profitable first", 0);
	fl_out_printf(o, "<text transform=\"translate(22,%d) rotate(-90)\" "
	              "text-anchor=\"middle\" font-size=\"13\">",
	              (int)((FRAME_T + FRAME_B) / 2));
	if (k->pct) {
		fl_out_puts(o, "Cumulative profit after service (% of total)");
	} else {
		fl_out_puts(o, "Cumulative profit after service");
		if (k->p->currency[0] != '\0') {
			fl_out_puts(o, " (");
			fl_markup_text(o, k->p->currency, 12);
			fl_out_puts(o, ")");
		}
	}
	fl_out_puts(o, "</text>\n");
}

/* The loss tail: a band over the customers who lose money, the area
 * between the peak and the curve there (the profit they destroy), and
 * what they lose, under the curve's end. */
static void tail(fl_out *o, const struct curve *k)
{
	if (k->c.loss_customers == 0)
		return;
	double x = px_x(k, k->tail), top = px_y(k, k->c.peak);
	const double band[] = { x, FRAME_T, px_x(k, k->n) - x,
	                        FRAME_B - FRAME_T };
	fl_out_printf(o, "<rect fill=\"%s\" fill-opacity=\"0.07\" ", LOSS);
	fl_svg_coords(o, "x=\"%0\" y=\"%1\" width=\"%2\" height=\"%3\"/>\n",
	              band);
	struct path pa = { o, false, k->tail };
	fl_out_printf(o, "<path fill=\"%s\" fill-opacity=\"0.35\" "
	              "stroke=\"none\" d=\"", LOSS);
	fl_svg_coords(o, "M%0,%1", (const double[]){ x, top });
	walk(k, point, &pa);
	fl_svg_coords(o, "L%0,%1z\"/>\n", (const double[]){ px_x(k, k->n), top });

	char b[FL_MARKUP_NUM_MAX];
	double low = px_y(k, k->c.total);
	double ty = low + 40 < FRAME_B - 8 ? low + 40 : FRAME_B - 8;
	fl_out_printf(o, "<g text-anchor=\"end\" fill=\"#8a3a00\">\n<text ");
	fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ FRAME_R - 8,
	                                                          ty });
	fl_out_printf(o, "loss tail: %zu customer%s (%s%%)",
	              k->c.loss_customers, k->c.loss_customers == 1 ? "" : "s",
	              one_dec(b, 100.0 * (double)k->c.loss_customers /
	                         (double)k->n));
	fl_out_puts(o, "</text>\n<text ");
	fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ FRAME_R - 8,
	                                                          ty + 15 });
	fl_out_puts(o, "lose ");
	money(o, k->p, -k->c.losses);
	fl_out_puts(o, " after service</text>\n</g>\n");
}

/* The 100 % line (the total), and the peak with its value and share. */
static void marks(fl_out *o, const struct curve *k)
{
	char b[FL_MARKUP_NUM_MAX], b2[FL_MARKUP_NUM_MAX];
	double ty = px_y(k, k->c.total);
	const double v[] = { FRAME_L, ty, FRAME_R };
	fl_svg_coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#222222\" "
	              "stroke-width=\"1.2\" stroke-dasharray=\"6,4\"/>\n", v);
	/* The total's words at the left, above its line, where the curve
	 * still climbs (below it when the line is at the top). */
	fl_out_puts(o, "<text fill=\"#222222\" ");
	double ly = ty - 14 > FRAME_T ? ty - 6 : ty + 16;
	fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ FRAME_L + 8,
	                                                          ly });
	fl_out_puts(o, k->pct ? "100% = total profit after service, "
	                      : "total profit after service, ");
	money(o, k->p, k->c.total);
	if (!k->pct)
		fl_out_puts(o, " (not positive: amounts, no percentages)");
	fl_out_puts(o, "</text>\n");

	if (k->n == 0)
		return;
	double px = px_x(k, k->c.peak_customers), py = px_y(k, k->c.peak);
	const double pv[] = { px, py };
	fl_svg_coords(o, "<circle cx=\"%0\" cy=\"%1\" r=\"5\" fill=\"#ffffff\" "
	              "stroke=\"#222222\" stroke-width=\"2\"/>\n", pv);
	const char *anchor = px > FRAME_L + 0.6 * (FRAME_R - FRAME_L) ? "end"
	                                                               : "start";
	double tx = anchor[0] == 'e' ? px - 10 : px + 10;
	double ty1 = py - 24 > FRAME_T + 14 ? py - 24 : py + 22;
	fl_out_printf(o, "<g font-weight=\"bold\" text-anchor=\"%s\">\n",
	              anchor);
	fl_out_puts(o, "<text ");
	fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ tx, ty1 });
	fl_out_puts(o, "peak ");
	if (k->pct)
		fl_out_printf(o, "%s%% of the total, ", one_dec(b, k->c.peak_pct));
	money(o, k->p, k->c.peak);
	fl_out_puts(o, "</text>\n<text font-weight=\"normal\" ");
	fl_svg_coords(o, "x=\"%0\" y=\"%1\">", (const double[]){ tx, ty1 + 15 });
	fl_out_printf(o, "from the best %s%% of customers (%zu of %zu)",
	              one_dec(b2, 100.0 * (double)k->c.peak_customers /
	                          (double)k->n),
	              k->c.peak_customers, k->n);
	fl_out_puts(o, "</text>\n</g>\n");
}

fl_status fl_plot_curve_write(fl_out *o, const fl_portfolio *p,
                              const fl_plan *plan,
                              const fl_plot_options *opts)
{
	struct curve k;
	memset(&k, 0, sizeof(k));
	k.p = p;
	k.n = plan->count;
	k.profit = malloc((k.n ? k.n : 1) * sizeof(*k.profit));
	if (k.profit == NULL)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < k.n; i++)
		k.profit[i] = fl_econ_of(&p->customers[i],
		                         (fl_level)plan->classes[i].level,
		                         &plan->econ).after_service;
	fl_profit_curve_compute(k.profit, k.n, &k.c);
	k.pct = k.c.total > 0;
	k.tail = k.n - k.c.loss_customers;

	struct range g = { 0, k.pct ? 100 : 0 };
	walk(&k, widen, &g);
	fl_scale_linear(&k.ys, g.lo, g.hi * 1.04, 6, k.pct ? 20 : 100, FRAME_B,
	                FRAME_T);

	head(o, &k, opts->fragment);
	axes(o, &k);
	tail(o, &k);
	marks(o, &k);
	if (k.n > 0) {
		struct path pa = { o, true, 0 };
		fl_out_printf(o, "<path fill=\"none\" stroke=\"%s\" "
		              "stroke-width=\"2.2\" stroke-linejoin=\"round\" d=\"",
		              CURVE);
		walk(&k, point, &pa);
		fl_out_puts(o, "\"/>\n");
	} else {
		fl_svg_text(o, (FRAME_L + FRAME_R) / 2, (FRAME_T + FRAME_B) / 2,
		            "text-anchor=\"middle\" fill=\"#777777\"",
		            "no customers", 0);
	}
	fl_out_puts(o, "</svg>\n");
	free(k.profit);
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}
