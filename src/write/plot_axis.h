/*
 * plot_axis.h - the axes of the pictures: 1-2-5 tick values written as
 * people write them, and the scales that map a value to a pixel: linear,
 * logarithmic and symmetric-log (docs/plot.md, "Axes").
 */
#ifndef FL_PLOT_AXIS_H
#define FL_PLOT_AXIS_H

#include <stdbool.h>
#include <stddef.h>

/* A value mant * 10^exp (mant in {1, 2, 5} for 1-2-5 values, any integer
 * for the steps of a linear axis). */
typedef struct fl_tick {
	long long mant;
	int exp;
} fl_tick;

double fl_tick_value(fl_tick t);

/* The text of a tick: "500", "2k", "1.5M", "0.02", "-10%" (pct: a "%"
 * and no k/M suffix); built from the integers, so no binary rounding
 * shows.  dst gets at most n bytes. */
void fl_tick_text(char *dst, size_t n, fl_tick t, bool pct);

/* The largest 1-2-5 value <= v (up false) or the smallest >= v; v > 0. */
fl_tick fl_tick_nice(double v, bool up);

/* The scale of one axis. */
typedef enum fl_scale_kind {
	FL_SCALE_LINEAR = 0,
	FL_SCALE_SYMLOG          /* linear within +-c, logarithmic beyond */
} fl_scale_kind;

typedef struct fl_scale {
	fl_scale_kind kind;
	double c;                /* FL_SCALE_SYMLOG: the linear half-width */
	double t0, t1;           /* the ends, transformed */
	double p0, p1;           /* their pixels */
	fl_tick step;            /* FL_SCALE_LINEAR: the tick step */
	long long k0, k1;        /* FL_SCALE_LINEAR: ticks k * step */
	fl_tick lo, hi;          /* FL_SCALE_SYMLOG: the ends (mant may be
	                          * negative or 0) */
} fl_scale;

/* A linear scale over [lo, hi] (lo <= hi) in about `steps` 1-2-5 steps,
 * widened to whole steps; `fallback` the step when lo == hi. */
void fl_scale_linear(fl_scale *s, double lo, double hi, int steps,
                     double fallback, double p0, double p1);

/*
 * A symmetric-log scale over [lo, hi] (lo <= 0 <= hi) with linear
 * half-width c, a power of ten: t(v) = v / c within +-c, sign(v) (1 +
 * log10(|v| / c)) beyond.  The ends are the 1-2-5 values just outside
 * lo and hi (or 0).
 */
void fl_scale_symlog(fl_scale *s, double lo, double hi, double c, double p0,
                     double p1);

/*
 * The c of a symmetric-log axis over the values v[0..n) (reordered): the
 * power of ten at or below the 10 % quantile of the nonzero |v|, at least
 * 1/1000 of the largest |v| (so that the linear zone is no sliver), 1
 * when every value is 0.  docs/plot.md gives the formula.
 */
double fl_symlog_c(double *v, size_t n);

/* The pixel of value v; the transformed value. */
double fl_scale_px(const fl_scale *s, double v);
double fl_scale_t(const fl_scale *s, double v);

/* The ticks of a linear or symmetric-log scale, in order, at most `max`,
 * none closer than min_px pixels; returns how many. */
size_t fl_scale_ticks(const fl_scale *s, fl_tick *out, size_t max,
                      double min_px);

#endif
