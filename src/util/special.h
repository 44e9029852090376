/*
 * special.h - the special functions the customer-value models need:
 * digamma and the Gauss hypergeometric function 2F1 on [0, 1)
 * (docs/model.md, "Customer value").
 */
#ifndef FL_SPECIAL_H
#define FL_SPECIAL_H

/*
 * psi(x) = d/dx ln Gamma(x) for x > 0, to about 1e-15 relative: the
 * recurrence psi(x) = psi(x+1) - 1/x up to x >= 10, then the asymptotic
 * series to x^-12 (k = 1..6).  NaN for x <= 0.
 */
double fl_digamma(double x);

/*
 * psi'(x), the trigamma function, for x > 0, to about 1e-15 relative:
 * psi'(x) = psi'(x+1) + 1/x^2 up to x >= 10, then the asymptotic series
 * to x^-15.  NaN for x <= 0.  (The fits' Hessians.)
 */
double fl_trigamma(double x);

/*
 * ln Gamma(z + x) - ln Gamma(z) and psi(z + x) - psi(z) for z > 0, x >= 0,
 * accurate to about 1e-15 of the result even when z >> x, where the
 * difference of the two values loses their size (lgamma(3e5) is 3.5e6:
 * its rounding, 5e-10, is the difference's noise): for z >= 10 the
 * asymptotic series of both, differenced term by term.  (The BG/NBD
 * likelihood at b in the thousands, where the fit must tell 1e-12 apart.)
 */
double fl_lgamma_ratio(double z, double x);
double fl_digamma_diff(double z, double x);

/*
 * A hypergeometric series scaled against overflow: the sum of
 *     Q(a, b, c; z) = sum_{n>=0} (a+1)_n (b+1)_n / ((c+1)_n (n+1)!) z^n
 * is mant * exp(log_scale).  Q is the tail of 2F1 after its first term:
 *     2F1(a, b; c; z) = 1 + (a b / c) z Q(a, b, c; z).
 */
typedef struct fl_hyp_sum {
	double mant;
	double log_scale;
} fl_hyp_sum;

/*
 * Q(a, b, c; z) for 0 <= z < 1 and c > -1, summed term by term until the
 * rest is below 1e-17 of the sum (bounded by a geometric series once the
 * ratio of terms is below 1).  Returns 0 with *s filled, -1 when the
 * series needs more than FL_HYP_MAX_TERMS terms or an argument is out of
 * range (*s then NaN).
 */
#define FL_HYP_MAX_TERMS 20000000L
int fl_hyp_tail(double a, double b, double c, double z, fl_hyp_sum *s);

/*
 * 2F1(a, b; c; z) for 0 <= z < 1, c > 0; when a, b > 0 every term is
 * positive and the error a few ulps per term (tested against mpmath to
 * 1e-10 relative, tests/unit/test_clv_special.c).  It sums the
 * Maclaurin series, or, when a + b - c > 0 (the function grows like
 * (1-z)^(c-a-b) as z -> 1 and the plain terms grow like n^(a+b-c-1) z^n
 * before they fall), the series after Euler's transformation
 *     2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z),
 * whose terms fall like n^(c-a-b-1) z^n, when c-a and c-b are both
 * positive (so that its terms keep one sign too).  Either series converges
 * for every z < 1, in about (|a+b-c| + 40) / (1-z) terms at most.  May
 * return +inf when the value overflows a double; NaN outside the domain.
 */
double fl_hyp2f1(double a, double b, double c, double z);

#endif
