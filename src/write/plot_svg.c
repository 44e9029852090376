/*
 * plot_svg.c - the portfolio matrix as SVG (docs/plot.md).
 *
 * The picture is computed in two passes over the customers: the first
 * finds the axis ranges and the counts, the second draws.  Every number is
 * written by fl_markup_num or by the tick formatter below, never by a
 * locale-dependent printf conversion, so the bytes depend on the input
 * alone.
 */
#include <focuslevel/plot.h>
#include <focuslevel/report.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/escape.h"
#include "write/markup.h"

/* The canvas, in SVG user units (pixels at 100%). */
enum { WIDTH = 960, HEIGHT = 620 };
static const double FRAME_L = 78, FRAME_R = 752, FRAME_T = 66, FRAME_B = 548;
/* Width of the strip left of the log axis where zero values are drawn. */
static const double ZERO_W = 26;
/* Density mode: cells across the log axis and up the margin axis. */
enum { GX = 64, GY = 44, SHADES = 6 };

/* The level colours are fl_level_colour's (escape.h); a marker shape per
 * level, so that the picture also reads in grey. */
static const char *const shape_path[6] = {
	"",
	"M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0z",
	"M-5.4,-5.4h10.8v10.8h-10.8z",
	"M0,-7.6L7.6,0L0,7.6L-7.6,0z",
	"M0,-7.6L7,5.1H-7z",
	("M0,-8.6L2.2,-3L8.2,-2.7L3.5,1.1L5.1,7L0,3.6L-5.1,7L-3.5,1.1"
	 "L-8.2,-2.7L-2.2,-3z"),
};

/* A value m * 10^e with m in {1, 2, 5} (or any integer for linear ticks). */
struct tick {
	long long mant;
	int exp;
};

struct plot {
	const fl_portfolio *p;
	const fl_plan *plan;
	fl_basis xb, yb;
	bool density;
	bool has_zero;
	/* Axis ranges: log10 across, linear up. */
	double lx0, lx1, y0, y1;
	struct tick xlo, xhi;         /* the 1-2-5 values at the ends */
	struct tick ystep;
	long long yk0, yk1;           /* y ticks: k * ystep for k in [yk0, yk1] */
	double L;                     /* left edge of the log area */
	size_t levels[6];             /* customers per final level */
	size_t quadrants[4];
	size_t zero_count;
};

/* ---- numbers ----------------------------------------------------------- */

static double tick_value(struct tick t)
{
	return (double)t.mant * pow(10.0, t.exp);
}

/*
 * A tick as people write it: "500", "2k", "1.5M", "0.02", "-10%".  Built
 * from the integer mantissa and exponent, so no binary rounding shows.
 */
static void tick_text(char *dst, size_t n, struct tick t, bool pct)
{
	long long m = t.mant;
	int e = t.exp;
	if (m == 0) {
		snprintf(dst, n, pct ? "0%%" : "0");
		return;
	}
	bool neg = m < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)m
	                           : (unsigned long long)m;
	while (u % 10 == 0) {
		u /= 10;
		e++;
	}
	char digits[32];
	int nd = snprintf(digits, sizeof(digits), "%llu", u);
	int mag = nd - 1 + e;
	const char *suffix = "";
	if (mag >= 15 || mag < -4) {
		/* Out of the everyday range: d.ddde+X. */
		char mant[40];
		if (nd > 1)
			snprintf(mant, sizeof(mant), "%c.%s", digits[0], digits + 1);
		else
			snprintf(mant, sizeof(mant), "%c", digits[0]);
		snprintf(dst, n, "%s%se%+d%s", neg ? "-" : "", mant, mag,
		         pct ? "%" : "");
		return;
	}
	if (!pct && mag >= 3) {
		static const char *const sfx[] = { "k", "M", "B", "T" };
		int s = mag / 3;
		suffix = sfx[s - 1];
		e -= 3 * s;
	}
	char body[48];
	if (e >= 0) {
		snprintf(body, sizeof(body), "%s%.*s", digits, e, "000000000000000");
	} else if (nd > -e) {
		snprintf(body, sizeof(body), "%.*s.%s", nd + e, digits,
		         digits + nd + e);
	} else {
		snprintf(body, sizeof(body), "0.%.*s%s", -e - nd, "0000000000",
		         digits);
	}
	snprintf(dst, n, "%s%s%s%s", neg ? "-" : "", body, suffix,
	         pct ? "%" : "");
}

/* The largest 1-2-5 value <= v (down) or smallest >= v (up); v > 0. */
static struct tick nice_bound(double v, bool up)
{
	static const int ms[] = { 1, 2, 5 };
	int e = (int)floor(log10(v));
	/* log10 may land one off near powers of ten; scan a little wider. */
	if (up) {
		for (int ee = e - 1; ee <= e + 1; ee++)
			for (int i = 0; i < 3; i++) {
				struct tick t = { ms[i], ee };
				if (tick_value(t) >= v * (1 - 1e-12))
					return t;
			}
		return (struct tick){ 1, e + 2 };
	}
	for (int ee = e + 1; ee >= e - 1; ee--)
		for (int i = 2; i >= 0; i--) {
			struct tick t = { ms[i], ee };
			if (tick_value(t) <= v * (1 + 1e-12))
				return t;
		}
	return (struct tick){ 1, e - 2 };
}

/* ---- geometry -------------------------------------------------------- */

static double px_x(const struct plot *pl, double v)
{
	return pl->L + (log10(v) - pl->lx0) / (pl->lx1 - pl->lx0) *
	               (FRAME_R - pl->L);
}

static double px_y(const struct plot *pl, double v)
{
	return FRAME_B - (v - pl->y0) / (pl->y1 - pl->y0) * (FRAME_B - FRAME_T);
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
	*zero = !(x > 0);
	*px = *zero ? zero_x() : px_x(pl, x);
	*py = px_y(pl, y);
	return true;
}

/* Pass 1: ranges and counts. */
static void measure(struct plot *pl)
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
		if (x > 0) {
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
		if (xs[i] > 0 && isfinite(xs[i])) {
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
	pl->xlo = nice_bound(xlo, false);
	pl->xhi = nice_bound(xhi, true);
	pl->lx0 = log10(tick_value(pl->xlo));
	pl->lx1 = log10(tick_value(pl->xhi));
	if (pl->lx1 - pl->lx0 < 0.5) {
		/* One value: give it a decade around it. */
		pl->lx0 -= 0.5;
		pl->lx1 += 0.5;
	}

	/* Linear margin axis in 1-2-5 steps, about five of them. */
	double raw = yhi / 5 - ylo / 5;
	if (!(raw > 0))
		raw = pl->yb == FL_BASIS_MARGIN_PCT ? 2 : 200;
	pl->ystep = nice_bound(raw, true);
	double step = tick_value(pl->ystep);
	pl->yk0 = (long long)floor(ylo / step * (1 + 1e-12));
	pl->yk1 = (long long)ceil(yhi / step * (1 - 1e-12));
	if (pl->yk1 <= pl->yk0)
		pl->yk1 = pl->yk0 + 1;
	pl->y0 = (double)pl->yk0 * step;
	pl->y1 = (double)pl->yk1 * step;

	pl->has_zero = pl->zero_count > 0;
	pl->L = FRAME_L + (pl->has_zero ? ZERO_W : 0);
}

/* ---- output helpers ------------------------------------------------------ */

static void num(fl_out *o, double v)
{
	char b[FL_MARKUP_NUM_MAX];
	fl_out_puts(o, fl_markup_num(b, v));
}

/* Write `fmt` with each %N (N a digit) replaced by the coordinate v[N]. */
static void coords(fl_out *o, const char *fmt, const double *v)
{
	for (const char *s = fmt; *s != '\0'; s++) {
		if (s[0] == '%' && s[1] >= '0' && s[1] <= '9') {
			num(o, v[s[1] - '0']);
			s++;
		} else {
			fl_out_putc(o, *s);
		}
	}
}

static void text_at(fl_out *o, double x, double y, const char *attrs,
                    const char *s)
{
	const double v[] = { x, y };
	coords(o, "<text x=\"%0\" y=\"%1\"", v);
	if (attrs[0] != '\0') {
		fl_out_putc(o, ' ');
		fl_out_puts(o, attrs);
	}
	fl_out_putc(o, '>');
	fl_markup_text(o, s, 0);
	fl_out_puts(o, "</text>\n");
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

static void head(fl_out *o, const struct plot *pl, const fl_plot_options *opt)
{
	const fl_portfolio *p = pl->p;
	if (!opt->fragment)
		fl_out_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fl_out_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	              "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	              "version=\"1.1\" width=\"%d\" height=\"%d\" "
	              "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Verdana, "
	              "Arial, sans-serif\" font-size=\"12\">\n",
	              WIDTH, HEIGHT, WIDTH, HEIGHT);
	fl_out_puts(o, "<title>Portfolio matrix: ");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed)", 0);
	fl_out_puts(o, "</title>\n<defs>\n");
	for (int l = 1; l <= 5; l++)
		fl_out_printf(o, "<path id=\"fl-m%d\" d=\"%s\"/>\n", l,
		              shape_path[l]);
	fl_out_puts(o, "</defs>\n"
	            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

	/* Title: the portfolio; below it period, customers, currency. */
	fl_out_puts(o, "<text x=\"20\" y=\"28\" font-size=\"17\" "
	            "font-weight=\"bold\">");
	fl_markup_text(o, p->name[0] ? p->name : "(unnamed portfolio)", 80);
	fl_out_puts(o, "</text>\n<text x=\"20\" y=\"48\" fill=\"#444444\">"
	            "Portfolio matrix");
	if (p->period[0]) {
		fl_out_puts(o, ", ");
		fl_markup_text(o, p->period, 40);
	}
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
	double sx = th->value.split > 0 ? px_x(pl, th->value.split) : pl->L;
	double sy = px_y(pl, th->margin.split);
	if (sx < FRAME_L) sx = FRAME_L;
	if (sx > FRAME_R) sx = FRAME_R;
	if (sy < FRAME_T) sy = FRAME_T;
	if (sy > FRAME_B) sy = FRAME_B;
	/* question-mark (top left) and cash-cow (bottom right) tinted. */
	const double v[] = { FRAME_L, FRAME_T, sx - FRAME_L, sy - FRAME_T,
	                     sx, sy, FRAME_R - sx, FRAME_B - sy };
	coords(o, "<g fill=\"#f1f1f1\"><rect x=\"%0\" y=\"%1\" width=\"%2\" "
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
		text_at(o, x, y, attrs, t);
	}
	fl_out_puts(o, "</g>\n");
}

/* Call `each` for every 1-2-5 tick of the log axis inside the frame. */
static void each_x_tick(fl_out *o, const struct plot *pl,
                        void (*each)(fl_out *, const struct plot *,
                                     struct tick, const void *),
                        const void *arg)
{
	int d0 = (int)floor(pl->lx0) - 1, d1 = (int)ceil(pl->lx1) + 1;
	for (int d = d0; d <= d1; d++) {
		for (int m = 1; m <= 5; m += (m == 1 ? 1 : 3)) {
			struct tick tk = { m, d };
			double lv = log10(tick_value(tk));
			if (lv >= pl->lx0 - 1e-9 && lv <= pl->lx1 + 1e-9)
				each(o, pl, tk, arg);
		}
	}
}

static void x_grid_line(fl_out *o, const struct plot *pl, struct tick tk,
                        const void *arg)
{
	(void)arg;
	const double v[] = { px_x(pl, tick_value(tk)), FRAME_T, FRAME_B };
	coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
}

/* The label of a log-axis tick; *arg: label every that many decades
 * only (0: every tick). */
static void x_tick_label(fl_out *o, const struct plot *pl, struct tick tk,
                         const void *arg)
{
	int every = *(const int *)arg;
	int d = tk.exp;
	if (every > 0 && (tk.mant != 1 || (d % every + every) % every != 0))
		return;
	/* Leave room for the zero strip's "0". */
	if (pl->has_zero && px_x(pl, tick_value(tk)) < zero_x() + 24)
		return;
	char t[128];
	tick_text(t, sizeof(t), tk, false);
	text_at(o, px_x(pl, tick_value(tk)), FRAME_B + 16,
	        "text-anchor=\"middle\"", t);
}

static void axes(fl_out *o, const struct plot *pl)
{
	const fl_portfolio *p = pl->p;
	char t[128];
	/* Grid lines and ticks of the margin axis. */
	fl_out_puts(o, "<g stroke=\"#dddddd\" stroke-width=\"1\">\n");
	for (long long k = pl->yk0; k <= pl->yk1; k++) {
		double y = px_y(pl, (double)k * tick_value(pl->ystep));
		const double v[] = { FRAME_L, y, FRAME_R };
		coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n");
	/* Log axis ticks: 1-2-5 per decade when they fit, else decades. */
	double per_decade = (FRAME_R - pl->L) / (pl->lx1 - pl->lx0);
	int every = per_decade >= 110 ? 0 : per_decade >= 30 ? 1
	          : (int)ceil(30 / per_decade);
	fl_out_puts(o, "<g stroke=\"#dddddd\" stroke-width=\"1\">\n");
	each_x_tick(o, pl, x_grid_line, NULL);
	fl_out_puts(o, "</g>\n");

	/* The frame, and the zero line of the margin axis. */
	const double fv[] = { FRAME_L, FRAME_T, FRAME_R - FRAME_L,
	                      FRAME_B - FRAME_T };
	coords(o, "<rect x=\"%0\" y=\"%1\" width=\"%2\" height=\"%3\" "
	       "fill=\"none\" stroke=\"#555555\"/>\n", fv);
	if (pl->y0 < 0 && pl->y1 > 0) {
		const double v[] = { FRAME_L, px_y(pl, 0), FRAME_R };
		coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#555555\" "
		       "stroke-width=\"1.2\"/>\n", v);
	}
	if (pl->has_zero) {
		const double v[] = { pl->L, FRAME_T, FRAME_B };
		coords(o, "<path d=\"M%0,%1V%2\" stroke=\"#555555\" "
		       "stroke-dasharray=\"2,2\"/>\n", v);
	}

	/* Tick labels. */
	fl_out_puts(o, "<g fill=\"#333333\" font-size=\"11\">\n");
	for (long long k = pl->yk0; k <= pl->yk1; k++) {
		struct tick tk = { k * pl->ystep.mant, pl->ystep.exp };
		tick_text(t, sizeof(t), tk, pl->yb == FL_BASIS_MARGIN_PCT);
		text_at(o, FRAME_L - 6, px_y(pl, tick_value(tk)) + 4,
		        "text-anchor=\"end\"", t);
	}
	each_x_tick(o, pl, x_tick_label, &every);
	if (pl->has_zero)
		text_at(o, zero_x(), FRAME_B + 16, "text-anchor=\"middle\"", "0");
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
	fl_out_puts(o, ", logarithmic scale</text>\n");
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
		if (vc[i] > 0 && isfinite(vc[i])) {
			const double v[] = { px_x(pl, vc[i]), FRAME_T, FRAME_B };
			coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
		}
		if (isfinite(mc[i])) {
			const double v[] = { FRAME_L, px_y(pl, mc[i]), FRAME_R };
			coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
		}
	}
	fl_out_puts(o, "</g>\n<g stroke=\"#222222\" stroke-width=\"2\" "
	            "fill=\"none\">\n");
	if (th->value.split > 0 && isfinite(th->value.split)) {
		const double v[] = { px_x(pl, th->value.split), FRAME_T, FRAME_B };
		coords(o, "<path d=\"M%0,%1V%2\"/>\n", v);
	}
	if (isfinite(th->margin.split)) {
		const double v[] = { FRAME_L, px_y(pl, th->margin.split), FRAME_R };
		coords(o, "<path d=\"M%0,%1H%2\"/>\n", v);
	}
	fl_out_puts(o, "</g>\n");
}

/* One marker: a <use> of the level's shape, with the customer as tooltip
 * when `who` is given. */
static void marker(fl_out *o, int level, double x, double y,
                   const fl_customer *who)
{
	const double v[] = { x, y };
	fl_out_printf(o, "<use xlink:href=\"#fl-m%d\" ", level);
	coords(o, "x=\"%0\" y=\"%1\"", v);
	if (who == NULL) {
		fl_out_puts(o, "/>\n");
		return;
	}
	fl_out_puts(o, "><title>");
	fl_markup_text(o, who->id, 60);
	fl_out_puts(o, ": ");
	fl_markup_text(o, who->name, 80);
	fl_out_puts(o, "</title></use>\n");
}

/* Scatter: one marker per customer, level by level so that the rarer,
 * higher levels lie on top. */
static void scatter(fl_out *o, const struct plot *pl)
{
	for (int l = 1; l <= 5; l++) {
		if (pl->levels[l] == 0)
			continue;
		fl_out_printf(o, "<g fill=\"%s\" stroke=\"#ffffff\" "
		              "stroke-width=\"0.8\">\n", fl_level_colour(l));
		for (size_t i = 0; i < pl->plan->count; i++) {
			double x, y;
			bool zero;
			if (pl->plan->classes[i].level != l ||
			    !point_of(pl, i, &x, &y, &zero) || zero)
				continue;
			marker(o, l, x, y, &pl->p->customers[i]);
		}
		fl_out_puts(o, "</g>\n");
	}
	if (!pl->has_zero)
		return;
	/* Zero values: the same shape, hollow, on the zero strip. */
	for (int l = 1; l <= 5; l++) {
		bool open = false;
		for (size_t i = 0; i < pl->plan->count; i++) {
			double x, y;
			bool zero;
			if (pl->plan->classes[i].level != l ||
			    !point_of(pl, i, &x, &y, &zero) || !zero)
				continue;
			if (!open)
				fl_out_printf(o, "<g fill=\"#ffffff\" stroke=\"%s\" "
				              "stroke-width=\"1.6\">\n", fl_level_colour(l));
			open = true;
			marker(o, l, x, y, &pl->p->customers[i]);
		}
		if (open)
			fl_out_puts(o, "</g>\n");
	}
}

/* Density cell shade (1..SHADES) of a count, logarithmic in the count. */
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
					fl_out_printf(o, "<path fill=\"%s\" fill-opacity=\"%s\" "
					              "d=\"", fl_level_colour(l), shade_opacity(s));
					open = true;
				}
				size_t cx = c % (GX + 1), cy = c / (GX + 1);
				double x0 = cx == 0 ? FRAME_L + 3 : pl->L + (double)(cx - 1) * cw;
				double w = cx == 0 ? ZERO_W - 6 : cw;
				const double v[] = { x0, FRAME_T + (double)cy * ch, w, ch,
				                     -w };
				coords(o, "M%0,%1h%2v%3h%4z", v);
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

struct box {
	double x0, y0, x1, y1;
};

static bool overlap(const struct box *a, const struct box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/*
 * Name the customers with the highest revenue.  Each label takes the first
 * of eight places around its marker that stays inside the plot and clear
 * of the labels already placed and of the quadrant names; a place that
 * also covers no marker is preferred.  A label with no free place is left
 * out.
 */
static fl_status labels(fl_out *o, const struct plot *pl, size_t n)
{
	if (n == 0 || pl->plan->count == 0)
		return FL_OK;
	size_t *order = fl_sort_rows(pl->p, pl->plan, FL_SORT_REVENUE);
	if (order == NULL)
		return FL_ERR_NOMEM;
	if (n > pl->plan->count)
		n = pl->plan->count;
	/* Markers to keep clear of: all of them in scatter mode, else the
	 * labelled ones. */
	size_t nmark = pl->density ? n : pl->plan->count;
	struct box *marks = malloc((nmark ? nmark : 1) * sizeof(*marks));
	struct box *placed = malloc((n + 4) * sizeof(*placed));
	if (marks == NULL || placed == NULL) {
		free(order);
		free(marks);
		free(placed);
		return FL_ERR_NOMEM;
	}
	size_t nm = 0;
	for (size_t k = 0; k < nmark; k++) {
		double x, y;
		bool zero;
		size_t i = pl->density ? order[k] : k;
		if (point_of(pl, i, &x, &y, &zero))
			marks[nm++] = (struct box){ x - 7, y - 7, x + 7, y + 7 };
	}
	/* The quadrant names, in the corners. */
	size_t np = 0;
	placed[np++] = (struct box){ pl->L, FRAME_T, pl->L + 150, FRAME_T + 28 };
	placed[np++] = (struct box){ FRAME_R - 150, FRAME_T, FRAME_R, FRAME_T + 28 };
	placed[np++] = (struct box){ pl->L, FRAME_B - 28, pl->L + 150, FRAME_B };
	placed[np++] = (struct box){ FRAME_R - 150, FRAME_B - 28, FRAME_R, FRAME_B };

	if (pl->density) {
		/* The named customers as markers over the cells. */
		fl_out_puts(o, "<g stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
		for (size_t k = 0; k < n; k++) {
			double x, y;
			bool zero;
			size_t i = order[k];
			if (!point_of(pl, i, &x, &y, &zero))
				continue;
			int l = pl->plan->classes[i].level;
			fl_out_printf(o, "<g fill=\"%s\">", fl_level_colour(l));
			marker(o, l, x, y, &pl->p->customers[i]);
			fl_out_puts(o, "</g>\n");
		}
		fl_out_puts(o, "</g>\n");
	}

	fl_out_puts(o, "<g font-size=\"11\" fill=\"#111111\">\n");
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		double x, y;
		bool zero;
		if (!point_of(pl, i, &x, &y, &zero))
			continue;
		const char *name = pl->p->customers[i].name;
		double w = 6.2 * (double)fl_markup_width(name, 28) + 6, h = 15;
		const double cand[8][2] = {
			{ x + 9, y - h / 2 }, { x - 9 - w, y - h / 2 },
			{ x - w / 2, y - 10 - h }, { x - w / 2, y + 10 },
			{ x + 6, y - 6 - h }, { x + 6, y + 6 },
			{ x - 6 - w, y - 6 - h }, { x - 6 - w, y + 6 },
		};
		int pick = -1;
		for (int pass = 0; pass < 2 && pick < 0; pass++) {
			for (int c = 0; c < 8 && pick < 0; c++) {
				struct box b = { cand[c][0], cand[c][1], cand[c][0] + w,
				                 cand[c][1] + h };
				bool ok = b.x0 >= FRAME_L && b.x1 <= FRAME_R &&
				          b.y0 >= FRAME_T && b.y1 <= FRAME_B;
				for (size_t j = 0; ok && j < np; j++)
					ok = !overlap(&b, &placed[j]);
				/* First pass: also clear of every other marker. */
				for (size_t j = 0; ok && pass == 0 && j < nm; j++) {
					struct box mk = marks[j];
					bool own = mk.x0 == x - 7 && mk.y0 == y - 7;
					ok = own || !overlap(&b, &mk);
				}
				if (ok)
					pick = c;
			}
		}
		if (pick < 0)
			continue;
		struct box b = { cand[pick][0], cand[pick][1], cand[pick][0] + w,
		                 cand[pick][1] + h };
		placed[np++] = b;
		const double v[] = { b.x0, b.y0, w, h, b.x0 + 3, b.y0 + 11.5 };
		coords(o, "<rect x=\"%0\" y=\"%1\" width=\"%2\" height=\"%3\" "
		       "rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
		       "<text x=\"%4\" y=\"%5\">", v);
		fl_markup_text(o, name, 28);
		fl_out_puts(o, "</text>\n");
	}
	fl_out_puts(o, "</g>\n");
	free(order);
	free(marks);
	free(placed);
	return FL_OK;
}

static void legend(fl_out *o, const struct plot *pl, uint32_t max)
{
	double x = FRAME_R + 22, y = FRAME_T + 6;
	text_at(o, x, y + 4, "font-weight=\"bold\" font-size=\"13\"", "Level");
	y += 24;
	for (int l = 5; l >= 1; l--) {
		char t[96];
		snprintf(t, sizeof(t), "%s (%zu)", fl_level_name((fl_level)l),
		         pl->levels[l]);
		if (pl->density) {
			const double v[] = { x, y - 6, 12 };
			fl_out_printf(o, "<rect fill=\"%s\" ", fl_level_colour(l));
			coords(o, "x=\"%0\" y=\"%1\" width=\"%2\" height=\"%2\"/>\n", v);
		} else {
			fl_out_printf(o, "<g fill=\"%s\">", fl_level_colour(l));
			marker(o, l, x + 6, y, NULL);
			fl_out_puts(o, "</g>\n");
		}
		text_at(o, x + 20, y + 4, "", t);
		y += 22;
	}
	y += 8;
	const double v1[] = { x, y, x + 26 };
	coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#222222\" "
	       "stroke-width=\"2\"/>\n", v1);
	text_at(o, x + 32, y + 4, "", "quadrant split");
	y += 20;
	const double v2[] = { x, y, x + 26 };
	coords(o, "<path d=\"M%0,%1H%2\" stroke=\"#888888\" stroke-width=\"1.2\" "
	       "stroke-dasharray=\"6,4\"/>\n", v2);
	text_at(o, x + 32, y + 4, "", "tier cut");
	y += 20;
	if (pl->has_zero && !pl->density) {
		fl_out_printf(o, "<g fill=\"#ffffff\" stroke=\"#555555\" "
		              "stroke-width=\"1.6\">");
		marker(o, 1, x + 6, y, NULL);
		fl_out_puts(o, "</g>\n");
		char t[64];
		/* A lifetime value can be negative (a loss-making customer):
		 * the column holds those too. */
		snprintf(t, sizeof(t), "%s (%zu)",
		         pl->xb == FL_BASIS_REVENUE ? "revenue 0"
		         : pl->xb == FL_BASIS_CLV ? "CLV 0 or less"
		                                  : "order value 0",
		         pl->zero_count);
		text_at(o, x + 20, y + 4, "", t);
		y += 20;
	}
	if (!pl->density)
		return;
	y += 10;
	text_at(o, x, y, "font-weight=\"bold\"", "Customers per cell");
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
		coords(o, "x=\"%0\" y=\"%1\" width=\"%2\" height=\"%2\"/>\n", v);
		text_at(o, x + 20, y + 10, "", t);
		y += 18;
	}
	y += 6;
	text_at(o, x, y + 4, "font-size=\"10\" fill=\"#444444\"",
	        "colour: most common level");
}

void fl_plot_options_init(fl_plot_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->density_above = FL_PLOT_DENSITY_DEFAULT;
}

fl_status fl_plot_write(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const fl_plot_options *opts)
{
	struct plot pl;
	memset(&pl, 0, sizeof(pl));
	pl.p = p;
	pl.plan = plan;
	pl.xb = plan->thresholds.value.basis;
	pl.yb = plan->thresholds.margin.basis;
	pl.density = plan->count > opts->density_above;
	measure(&pl);

	head(o, &pl, opts);
	quadrants(o, &pl);
	axes(o, &pl);
	/* The lines over the density cells but under the markers. */
	uint32_t max = 0;
	fl_status st = FL_OK;
	if (pl.density)
		st = density(o, &pl, &max);
	thresholds(o, &pl);
	quadrant_labels(o, &pl);
	if (!pl.density)
		scatter(o, &pl);
	if (st == FL_OK)
		st = labels(o, &pl, opts->labels);
	if (plan->count == 0)
		text_at(o, (pl.L + FRAME_R) / 2, (FRAME_T + FRAME_B) / 2,
		        "text-anchor=\"middle\" fill=\"#777777\"", "no customers");
	legend(o, &pl, max);
	fl_out_puts(o, "</svg>\n");
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
