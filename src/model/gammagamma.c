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
	size_t nx;
	size_t *ix;              /* item -> its x's index */
} gg_data;

static bool qualifies(const fl_clv_customer *c)
{
	return c->x >= 1 && isfinite(c->x) && c->mbar > 0 && isfinite(c->mbar);
}

static double gg_objective(const double *theta, double *grad, void *ctx)
{
	gg_data *d = ctx;
	const double p = exp(theta[0]), q = exp(theta[1]), gm = exp(theta[2]);
	const double lgq = lgamma(q), pq = grad ? fl_digamma(q) : 0;
	for (size_t i = 0; i < d->nx; i++) {
		double px = p * d->xs[i];
		d->lg[i] = lgamma(px + q) - lgamma(px) - lgq;
		if (grad) {
			double ppxq = fl_digamma(px + q);
			d->dp[i] = ppxq - fl_digamma(px);
			d->dq[i] = ppxq - pq;
		}
	}
	const double lgm = log(gm);
	double ll = 0, gp = 0, gq = 0, gg = 0;
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
	}
	if (grad) {
		grad[0] = gp * p;
		grad[1] = gq * q;
		grad[2] = gg * gm;
	}
	return ll;
}

static int dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

fl_status fl_gamma_gamma_fit(const fl_clv_customer *c, size_t n,
                             fl_gamma_gamma *m)
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
	d.lg = malloc(3 * d.nx * sizeof *d.lg);
	if (!d.lg)
		goto out;
	d.dp = d.lg + d.nx;
	d.dq = d.dp + d.nx;
	/* Start p = q = 2 and gamma = 1 (mean spend p gamma/(q-1) = 2 in
	 * units of the mean mbar: the right order). */
	const double lo[3] = { log(FL_GG_MIN), log(FL_GG_MIN), log(FL_GG_MIN) };
	const double hi[3] = { log(FL_GG_MAX), log(FL_GG_MAX), log(FL_GG_MAX) };
	double theta[3] = { log(2), log(2), 0 };
	fl_mle_result res;
	if (fl_mle_maximize(3, theta, lo, hi, gg_objective, &d, &res) != 0) {
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
