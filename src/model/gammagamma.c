/*
 * gammagamma.c - the Gamma-Gamma model of spend (clv.h; docs/model.md,
 * "Customer value").
 *
 * A customer's transaction values are Gamma(p, nu) (shape p, rate nu),
 * nu ~ Gamma(q, gamma) across customers; a customer with x transactions
 * of mean mbar contributes
 *   ln L = ln G(p x + q) - ln G(p x) - ln G(q) + q ln gamma
 *          + (p x - 1) ln mbar + p x ln x - (p x + q) ln(x mbar + gamma).
 * The fit runs on mbar / s, s the mean mbar of the customers fitted, so
 * that gamma's bounds do not depend on the currency; scaling every mbar
 * by s scales gamma by s and shifts ln L by -ln s per customer.
 */
#include <focuslevel/clv.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/mle.h"
#include "util/special.h"

typedef struct gg_item {
	double x, lx, m, lm;     /* x, ln x, mbar / s, ln(mbar / s) */
} gg_item;

typedef struct gg_data {
	gg_item *it;
	size_t n;
	/* Distinct x (ascending) and, per evaluation, the lgamma part and
	 * the digamma parts of each. */
	double *xs, *lg, *dp, *dq;
	double *hpp, *hpq, *hqq;   /* trigamma parts of the Hessian */
	size_t nx;
	size_t *ix;              /* item -> its x's index */
} gg_data;

static bool qualifies(const fl_clv_customer *c)
{
	return c->x >= 1 && isfinite(c->x) && c->mbar > 0 && isfinite(c->mbar);
}

/* The objective of fl_mle_maximize: theta = ln(p, q, gamma).  Second
 * derivatives in (p, q, gamma) of one customer's ln L, den = x m + gamma:
 *   d2/dp2 = x^2 (psi'(px+q) - psi'(px)),  d2/dp dq = x psi'(px+q),
 *   d2/dq2 = psi'(px+q) - psi'(q),  d2/dp dgamma = -x/den,
 *   d2/dq dgamma = 1/gamma - 1/den,
 *   d2/dgamma2 = -q/gamma^2 + (px+q)/den^2. */
static double gg_objective(const double *theta, double *grad, double *hess,
                           void *ctx)
{
	gg_data *d = ctx;
	const double p = exp(theta[0]), q = exp(theta[1]), gm = exp(theta[2]);
	const double lgq = lgamma(q);
	const double tq = hess ? fl_trigamma(q) : 0;
	for (size_t i = 0; i < d->nx; i++) {
		double px = p * d->xs[i];
		/* ln G(px+q) - ln G(px) - ln G(q) and the digamma differences,
		 * without losing lgamma's size (q runs to 1e6 when spend is
		 * alike across customers). */
		d->lg[i] = px < q ? fl_lgamma_ratio(q, px) - lgamma(px)
		                  : fl_lgamma_ratio(px, q) - lgq;
		if (grad) {
			d->dp[i] = fl_digamma_diff(px, q);
			d->dq[i] = fl_digamma_diff(q, px);
		}
		if (hess) {
			double tpxq = fl_trigamma(px + q), x = d->xs[i];
			d->hpp[i] = x * x * (tpxq - fl_trigamma(px));
			d->hpq[i] = x * tpxq;
			d->hqq[i] = tpxq - tq;
		}
	}
	const double lgm = log(gm);
	double ll = 0, gp = 0, gq = 0, gg = 0;
	double H[3][3] = { { 0 } };
	for (size_t k = 0; k < d->n; k++) {
		const gg_item *t = &d->it[k];
		double px = p * t->x, den = t->x * t->m + gm, lden = log(den);
		ll += d->lg[d->ix[k]] + q * lgm + (px - 1) * t->lm + px * t->lx -
		      (px + q) * lden;
		if (grad) {
			gp += t->x * (d->dp[d->ix[k]] + t->lm + t->lx - lden);
			gq += d->dq[d->ix[k]] + lgm - lden;
			gg += q / gm - (px + q) / den;
		}
		if (hess) {
			double iden = 1 / den;
			H[0][0] += d->hpp[d->ix[k]];
			H[0][1] += d->hpq[d->ix[k]];
			H[1][1] += d->hqq[d->ix[k]];
			H[0][2] -= t->x * iden;
			H[1][2] -= iden;
			H[2][2] += (px + q) * iden * iden;
		}
	}
	if (grad) {
		grad[0] = gp * p;
		grad[1] = gq * q;
		grad[2] = gg * gm;
	}
	if (hess) {
		const double n = (double)d->n, phi[3] = { p, q, gm };
		const double gphi[3] = { gp, gq, gg };
		H[1][2] += n / gm;
		H[2][2] -= n * q / (gm * gm);
		fl_mle_log_hessian(3, phi, gphi, &H[0][0], hess);
	}
	return ll;
}

static int dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* The fit of the qualifying customers of c[0..n), from the start of
 * fl_gamma_gamma_fit with Nelder-Mead first, or from start's parameters
 * with Newton first. */
static fl_status fit(const fl_clv_customer *c, size_t n,
                     const fl_gamma_gamma *start, fl_gamma_gamma *m)
{
	memset(m, 0, sizeof *m);
	size_t k = 0;
	double sum_m = 0, sum_xm = 0, sum_x = 0;
	for (size_t i = 0; i < n; i++)
		if (qualifies(&c[i])) {
			k++;
			sum_m += c[i].mbar;
			sum_xm += c[i].x * c[i].mbar;
			sum_x += c[i].x;
		}
	if (k == 0)
		return FL_ERR_INPUT;
	const double s = sum_m / (double)k;
	fl_status st = FL_ERR_NOMEM;
	gg_data d = { 0 };
	d.it = malloc(k * sizeof *d.it);
	d.ix = malloc(k * sizeof *d.ix);
	d.xs = malloc(k * sizeof *d.xs);
	if (!d.it || !d.ix || !d.xs)
		goto out;
	d.n = k;
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (qualifies(&c[i])) {
			double mm = c[i].mbar / s;
			d.it[k] = (gg_item){ c[i].x, log(c[i].x), mm, log(mm) };
			d.xs[k++] = c[i].x;
		}
	qsort(d.xs, d.n, sizeof *d.xs, dbl_cmp);
	for (size_t i = 0; i < d.n; i++)
		if (d.nx == 0 || d.xs[i] != d.xs[d.nx - 1])
			d.xs[d.nx++] = d.xs[i];
	for (size_t i = 0; i < d.n; i++) {
		size_t lo = 0, hi = d.nx;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (d.xs[mid] <= d.it[i].x)
				lo = mid;
			else
				hi = mid;
		}
		d.ix[i] = lo;
	}
	d.lg = malloc(6 * d.nx * sizeof *d.lg);
	if (!d.lg)
		goto out;
	d.dp = d.lg + d.nx;
	d.dq = d.dp + d.nx;
	d.hpp = d.dq + d.nx;
	d.hpq = d.hpp + d.nx;
	d.hqq = d.hpq + d.nx;
	/* Start p = q = 2 and gamma = 1 (mean spend p gamma/(q-1) = 2 in
	 * units of the mean mbar: the right order). */
	const double lo[3] = { log(FL_GG_MIN), log(FL_GG_MIN), log(FL_GG_MIN) };
	const double hi[3] = { log(FL_GG_MAX), log(FL_GG_MAX), log(FL_GG_MAX) };
	double theta[3] = { log(2), log(2), 0 };
	if (start) {
		theta[0] = log(start->p);
		theta[1] = log(start->q);
		theta[2] = log(start->gamma / s);
	}
	fl_mle_result res;
	if ((start ? fl_mle_refine(3, theta, lo, hi, gg_objective, &d, &res)
	           : fl_mle_maximize(3, theta, lo, hi, gg_objective, &d, &res))
	    != 0) {
		st = FL_ERR_INPUT;
		goto out;
	}
	m->p = exp(theta[0]);
	m->q = exp(theta[1]);
	m->gamma = exp(theta[2]) * s;
	m->log_likelihood = res.value - (double)d.n * log(s);
	m->customers = d.n;
	m->evaluations = res.evaluations;
	m->at_bound = res.at_bound[0] || res.at_bound[1] || res.at_bound[2];
	m->mean_infinite = !(m->q > 1);
	m->mean_value = m->mean_infinite ? sum_xm / sum_x
	                                 : m->gamma * m->p / (m->q - 1);
	st = FL_OK;
out:
	free(d.it);
	free(d.ix);
	free(d.xs);
	free(d.lg);
	return st;
}

fl_status fl_gamma_gamma_fit_from(const fl_clv_customer *c, size_t n,
                                  const fl_gamma_gamma *start,
                                  fl_gamma_gamma *m)
{
	return fit(c, n, start, m);
}

/* Above 2 SUBSAMPLE customers, the fit starts from the fit of every k-th
 * customer, k = n / SUBSAMPLE (as BG/NBD's, bgnbd.c). */
#define SUBSAMPLE 20000

fl_status fl_gamma_gamma_fit(const fl_clv_customer *c, size_t n,
                             fl_gamma_gamma *m)
{
	if (n <= 2 * SUBSAMPLE)
		return fit(c, n, NULL, m);
	size_t k = n / SUBSAMPLE, ns = (n + k - 1) / k;
	fl_clv_customer *sub = malloc(ns * sizeof *sub);
	if (!sub)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < ns; i++)
		sub[i] = c[i * k];
	fl_gamma_gamma sm;
	fl_status st = fit(sub, ns, NULL, &sm);
	free(sub);
	if (st == FL_ERR_NOMEM)
		return st;
	/* No customer of the subsample qualifies: the plain fit. */
	st = st == FL_OK ? fit(c, n, &sm, m) : fit(c, n, NULL, m);
	if (st == FL_OK)
		m->evaluations += sm.evaluations;
	return st;
}

double fl_gamma_gamma_log_likelihood(const fl_gamma_gamma *m,
                                     const fl_clv_customer *c, size_t n)
{
	double ll = 0;
	const double p = m->p, q = m->q, gm = m->gamma;
	for (size_t i = 0; i < n; i++) {
		if (!qualifies(&c[i]))
			continue;
		double x = c[i].x, mb = c[i].mbar, px = p * x;
		ll += lgamma(px + q) - lgamma(px) - lgamma(q) + q * log(gm) +
		      (px - 1) * log(mb) + px * log(x) - (px + q) * log(x * mb + gm);
	}
	return ll;
}

double fl_gamma_gamma_expected(const fl_gamma_gamma *m, double x,
                               double mbar)
{
	if (!(x >= 1) || !(mbar > 0))
		return m->mean_value;
	double den = m->p * x + m->q - 1;
	if (!(den > 0))
		return mbar;
	return (m->gamma + mbar * x) * m->p / den;
}
