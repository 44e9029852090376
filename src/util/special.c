/*
 * special.c - digamma and the hypergeometric series of the customer-value
 * models (special.h).  Everything here is a plain series: the parameters
 * that occur are positive and the arguments lie in [0, 1), where a series
 * of positive terms is accurate to a few ulps per term and needs no
 * case analysis.
 */
#include "special.h"

#include <math.h>

double fl_digamma(double x)
{
	if (!(x > 0))
		return NAN;
	double psi = 0;
	while (x < 10) {
		psi -= 1 / x;
		x += 1;
	}
	/* ln x - 1/(2x) - sum B_2k / (2k x^2k), k = 1..6; the next term,
	 * 1/(12 x^14), is below 1e-15 at x = 10. */
	double x2 = 1 / (x * x);
	double series = x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 * (1.0 / 252 -
	                x2 * (1.0 / 240 - x2 * (1.0 / 132 -
	                x2 * (691.0 / 32760))))));
	return psi + log(x) - 0.5 / x - series;
}

double fl_trigamma(double x)
{
	if (!(x > 0))
		return NAN;
	double t = 0;
	while (x < 10) {
		t += 1 / (x * x);
		x += 1;
	}
	/* 1/x + 1/(2x^2) + sum B_2k / x^(2k+1), k = 1..7; the next term,
	 * 3617/(510 x^17), is below 1e-15 of the value at x = 10. */
	double x2 = 1 / (x * x);
	double series = x2 * (1.0 / 6 - x2 * (1.0 / 30 - x2 * (1.0 / 42 -
	                x2 * (1.0 / 30 - x2 * (5.0 / 66 -
	                x2 * (691.0 / 2730 - x2 * (7.0 / 6)))))));
	return t + (1 + 0.5 / x + series) / x;
}

/* Stirling's series of ln Gamma(z) - ((z - 1/2) ln z - z + ln(2 pi)/2),
 * z >= 10: to z^-13, the next term below 1e-17 at z = 10. */
static double stirling_rest(double z)
{
	double z2 = 1 / (z * z);
	return (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 -
	        z2 * (1.0 / 1680 - z2 * (1.0 / 1188 - z2 * (691.0 / 360360 -
	        z2 * (1.0 / 156))))))) / z;
}

double fl_lgamma_ratio(double z, double x)
{
	if (x == 0)
		return 0;
	if (z < 10)
		return lgamma(z + x) - lgamma(z);
	/* (z+x-1/2) ln(z+x) - (z-1/2) ln z - x + rest(z+x) - rest(z),
	 * its large parts gathered so that nothing cancels. */
	return (z - 0.5) * log1p(x / z) + x * log(z + x) - x +
	       (stirling_rest(z + x) - stirling_rest(z));
}

double fl_digamma_diff(double z, double x)
{
	if (x == 0)
		return 0;
	if (z < 10)
		return fl_digamma(z + x) - fl_digamma(z);
	/* psi(z) = ln z - 1/(2z) - sum B_2k / (2k z^2k), differenced term
	 * by term. */
	double w = z + x;
	double z2 = 1 / (z * z), w2 = 1 / (w * w);
	double sz = z2 * (1.0 / 12 - z2 * (1.0 / 120 - z2 * (1.0 / 252 -
	            z2 * (1.0 / 240 - z2 * (1.0 / 132 - z2 * (691.0 / 32760))))));
	double sw = w2 * (1.0 / 12 - w2 * (1.0 / 120 - w2 * (1.0 / 252 -
	            w2 * (1.0 / 240 - w2 * (1.0 / 132 - w2 * (691.0 / 32760))))));
	return log1p(x / z) + 0.5 * x / (z * w) - (sw - sz);
}

/* Rescale a running sum and its last term when they grow past 1e200, so
 * that a series whose terms climb for a long while (large parameters, z
 * near 1) does not overflow before they fall. */
#define BIG 1e200
#define LOG_BIG 460.51701859880913680 /* ln 1e200 */

int fl_hyp_tail(double a, double b, double c, double z, fl_hyp_sum *s)
{
	s->mant = NAN;
	s->log_scale = 0;
	if (!(z >= 0 && z < 1) || !(c > -1) || !isfinite(a) || !isfinite(b) ||
	    !isfinite(c))
		return -1;
	/* Term n is (a+1)_n (b+1)_n / ((c+1)_n (n+1)!) z^n; the ratio of
	 * term n+1 to term n is (p+n)(q+n) z / ((r+n)(n+2)). */
	const double p = a + 1, q = b + 1, r = c + 1;
	double term = 1, sum = 1, scale = 0;
	for (long n = 0; n < FL_HYP_MAX_TERMS; n++) {
		double dn = (double)n;
		term *= (p + dn) * (q + dn) / ((r + dn) * (dn + 2)) * z;
		sum += term;
		if (term == 0)
			break;
		if (fabs(sum) > BIG || fabs(term) > BIG) {
			sum /= BIG;
			term /= BIG;
			scale += LOG_BIG;
		}
		/* From the next index m = n+1 on, once every factor is
		 * positive, each ratio is at most z * max((m+p)/(m+r), 1) *
		 * max((m+q)/(m+2), 1) (each fraction moves monotonically
		 * towards 1): when that bound rb is below 1, the rest of the
		 * series is below |term| rb / (1 - rb). */
		double m = dn + 1;
		if (m + p <= 0 || m + q <= 0 || m + r <= 0)
			continue;
		double rb = z * fmax((m + p) / (m + r), 1) *
		            fmax((m + q) / (m + 2), 1);
		if (rb < 1 && fabs(term) * rb / (1 - rb) <= 1e-17 * fabs(sum)) {
			s->mant = sum;
			s->log_scale = scale;
			return 0;
		}
	}
	if (term == 0) {
		s->mant = sum;
		s->log_scale = scale;
		return 0;
	}
	return -1;
}

/* exp(log_pre) * 2F1(a, b; c; z), 2F1 = 1 + (a b / c) z Q, the scales
 * of the prefactor and of Q carried in logs to the end, so that a value
 * that fits in a double is found even when its parts would not. */
static double series(double a, double b, double c, double z, double log_pre)
{
	fl_hyp_sum q;
	if (fl_hyp_tail(a, b, c, z, &q) != 0)
		return NAN;
	double first = a * b / c * z * q.mant;
	if (first == 0)
		return exp(log_pre);
	double lt = log(fabs(first)) + q.log_scale;
	if (first > 0)   /* ln(1 + e^lt), without overflow */
		return exp(log_pre + (lt > 0 ? lt + log1p(exp(-lt))
		                             : log1p(exp(lt))));
	return exp(log_pre) * -expm1(lt);
}

double fl_hyp2f1(double a, double b, double c, double z)
{
	if (!(z >= 0 && z < 1) || !(c > 0))
		return NAN;
	if (a + b - c > 0 && c - a > 0 && c - b > 0)
		return series(c - a, c - b, c, z, (c - a - b) * log1p(-z));
	return series(a, b, c, z, 0);
}
