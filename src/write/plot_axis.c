/*
 * plot_axis.c - ticks and scales of the pictures (plot_axis.h).
 */
#include "write/plot_axis.h"

#include <math.h>
#include <stdio.h>

#include <focuslevel/model.h>

double fl_tick_value(fl_tick t)
{
	return (double)t.mant * pow(10.0, t.exp);
}

void fl_tick_text(char *dst, size_t n, fl_tick t, bool pct)
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

fl_tick fl_tick_nice(double v, bool up)
{
	static const int ms[] = { 1, 2, 5 };
	int e = (int)floor(log10(v));
	/* log10 may land one off near powers of ten; scan a little wider. */
	if (up) {
		for (int ee = e - 1; ee <= e + 1; ee++)
			for (int i = 0; i < 3; i++) {
				fl_tick t = { ms[i], ee };
				if (fl_tick_value(t) >= v * (1 - 1e-12))
					return t;
			}
		return (fl_tick){ 1, e + 2 };
	}
	for (int ee = e + 1; ee >= e - 1; ee--)
		for (int i = 2; i >= 0; i--) {
			fl_tick t = { ms[i], ee };
			if (fl_tick_value(t) <= v * (1 + 1e-12))
				return t;
		}
	return (fl_tick){ 1, e - 2 };
}

void fl_scale_linear(fl_scale *s, double lo, double hi, int steps,
                     double fallback, double p0, double p1)
{
	s->kind = FL_SCALE_LINEAR;
	s->c = 0;
	double raw = hi / steps - lo / steps;
	if (!(raw > 0))
		raw = fallback;
	s->step = fl_tick_nice(raw, true);
	double step = fl_tick_value(s->step);
	s->k0 = (long long)floor(lo / step * (1 + 1e-12));
	s->k1 = (long long)ceil(hi / step * (1 - 1e-12));
	if (s->k1 <= s->k0)
		s->k1 = s->k0 + 1;
	s->t0 = (double)s->k0 * step;
	s->t1 = (double)s->k1 * step;
	s->p0 = p0;
	s->p1 = p1;
}

/* The 1-2-5 end at or beyond v, with v's sign (0 stays 0). */
static fl_tick end_of(double v)
{
	if (v == 0)
		return (fl_tick){ 0, 0 };
	fl_tick t = fl_tick_nice(fabs(v), true);
	if (v < 0)
		t.mant = -t.mant;
	return t;
}

double fl_scale_t(const fl_scale *s, double v)
{
	if (s->kind == FL_SCALE_LINEAR)
		return v;
	double a = fabs(v);
	if (a <= s->c)
		return v / s->c;
	double t = 1 + log10(a / s->c);
	return v < 0 ? -t : t;
}

void fl_scale_symlog(fl_scale *s, double lo, double hi, double c, double p0,
                     double p1)
{
	s->kind = FL_SCALE_SYMLOG;
	s->c = c;
	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	if (lo == 0 && hi == 0)
		hi = c;
	s->lo = end_of(lo);
	s->hi = end_of(hi);
	s->t0 = fl_scale_t(s, fl_tick_value(s->lo));
	s->t1 = fl_scale_t(s, fl_tick_value(s->hi));
	s->p0 = p0;
	s->p1 = p1;
}

double fl_symlog_c(double *v, size_t n)
{
	size_t m = 0;
	double top = 0;
	for (size_t i = 0; i < n; i++) {
		double a = fabs(v[i]);
		if (a > 0 && isfinite(a)) {
			v[m++] = a;
			if (a > top)
				top = a;
		}
	}
	if (m == 0)
		return 1;
	double q = fl_quantile(v, m, 0.1);
	if (q < top / 1000)
		q = top / 1000;
	return pow(10.0, floor(log10(q) + 1e-9));
}

double fl_scale_px(const fl_scale *s, double v)
{
	return s->p0 + (fl_scale_t(s, v) - s->t0) / (s->t1 - s->t0) *
	               (s->p1 - s->p0);
}

size_t fl_scale_ticks(const fl_scale *s, fl_tick *out, size_t max,
                      double min_px)
{
	size_t n = 0;
	if (s->kind == FL_SCALE_LINEAR) {
		for (long long k = s->k0; k <= s->k1 && n < max; k++)
			out[n++] = (fl_tick){ k * s->step.mant, s->step.exp };
		return n;
	}
	/*
	 * Symmetric-log: 0, then the powers of ten from c outward, then their
	 * 2 and 5 multiples, each kept when it is inside the axis and at
	 * least min_px from every tick kept before it.
	 */
	double lo = fl_tick_value(s->lo), hi = fl_tick_value(s->hi);
	double tol = 1e-9 * fmax(fabs(lo), fabs(hi));
	int e0 = (int)lround(log10(s->c));
	int e1 = (int)ceil(log10(fmax(fabs(lo), fabs(hi)))) + 1;
	static const int mult[] = { 1, 2, 5 };
	for (int pass = -1; pass < 3; pass++) {
		for (int e = e0; e <= e1 && pass >= 0; e++) {
			for (int sign = 1; sign >= -1; sign -= 2) {
				fl_tick t = { sign * mult[pass], e };
				double v = fl_tick_value(t);
				if (v < lo - tol || v > hi + tol)
					continue;
				double px = fl_scale_px(s, v);
				bool ok = n < max;
				for (size_t j = 0; ok && j < n; j++)
					ok = fabs(fl_scale_px(s, fl_tick_value(out[j])) - px) >=
					     min_px;
				if (ok)
					out[n++] = t;
			}
		}
		if (pass == -1 && n < max)
			out[n++] = (fl_tick){ 0, 0 };
	}
	/* In order of value (insertion sort: a few dozen ticks). */
	for (size_t i = 1; i < n; i++) {
		fl_tick t = out[i];
		double v = fl_tick_value(t);
		size_t j = i;
		for (; j > 0 && fl_tick_value(out[j - 1]) > v; j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return n;
}
