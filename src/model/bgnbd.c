/*
 * bgnbd.c - the BG/NBD model of repeat purchases (clv.h; docs/model.md,
 * "Customer value").
 *
 * The likelihood of a customer depends on (x, t_x, T) only, so the fit
 * sums over the distinct triples with their counts as weights.  Within
 * one evaluation everything that depends on x alone (the lgamma and
 * digamma terms) is computed once per distinct x, and ln(alpha + T),
 * ln(alpha + t_x) once per distinct T and t_x: a group then costs one
 * exp and one log1p.  Dates give whole days, so a million customers make
 * a few hundred thousand groups over a few hundred distinct days.
 */
#include <focuslevel/clv.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/mle.h"
#include "util/special.h"

typedef struct key {
	double x, t_x, T;
} key;

typedef struct group {
	uint32_t ix, itx, iT;    /* indexes into the distinct values */
	double w;                /* customers with this (x, t_x, T) */
} group;

typedef struct bg_data {
	group *g;
	size_t ng;
	double *xs, *txs, *Ts;   /* distinct values, ascending */
	size_t nx, ntx, nT;
	/* Work tables, per distinct x: c1 (every term but those of T and
	 * t_x), c4 (ln a - ln(b+x-1)), dr, da, db (digamma parts of the
	 * gradient); per distinct T and t_x: the log and the reciprocal of
	 * alpha + value. */
	double *c1, *c4, *dr, *da, *db;
	double *hrr, *hab, *hbb;   /* trigamma parts of the Hessian, per x */
	double *lT, *iT, *ltx, *itx;
	double customers;        /* the sum of the weights */
} bg_data;

static int key_cmp(const void *pa, const void *pb)
{
	const key *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->t_x != b->t_x)
		return a->t_x < b->t_x ? -1 : 1;
	if (a->T != b->T)
		return a->T < b->T ? -1 : 1;
	return 0;
}

static int dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* Sort v[0..n) and keep one of each value; returns the new count. */
static size_t unique(double *v, size_t n)
{
	qsort(v, n, sizeof *v, dbl_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

static uint32_t index_of(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static bool valid(const fl_clv_customer *c)
{
	return isfinite(c->x) && c->x >= 0 && c->x == floor(c->x) &&
	       c->x < 4e9 && isfinite(c->T) && c->T >= 0 &&
	       (c->x == 0 || (isfinite(c->t_x) && c->t_x >= 0 &&
	                      c->t_x <= c->T));
}

static void bg_data_free(bg_data *d)
{
	free(d->g);
	free(d->xs);
	free(d->txs);
	free(d->Ts);
	free(d->c1);
	free(d->lT);
	free(d->ltx);
}

/* Group c[0..n) by (x, t_x, T); t_x of a customer with x = 0 plays no
 * part and is taken as 0. */
static fl_status bg_data_build(const fl_clv_customer *c, size_t n,
                               bg_data *d)
{
	memset(d, 0, sizeof *d);
	key *k = malloc(n * sizeof *k);
	if (!k)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		k[i] = (key){ c[i].x, c[i].x > 0 ? c[i].t_x : 0, c[i].T };
	qsort(k, n, sizeof *k, key_cmp);
	size_t ng = 0;
	for (size_t i = 0; i < n; i++)
		if (ng == 0 || key_cmp(&k[i], &k[ng - 1]) != 0)
			k[ng++] = k[i];
	d->g = malloc(ng * sizeof *d->g);
	d->xs = malloc(ng * sizeof *d->xs);
	d->txs = malloc(ng * sizeof *d->txs);
	d->Ts = malloc(ng * sizeof *d->Ts);
	if (!d->g || !d->xs || !d->txs || !d->Ts)
		goto nomem;
	for (size_t i = 0; i < ng; i++) {
		d->xs[i] = k[i].x;
		d->txs[i] = k[i].t_x;
		d->Ts[i] = k[i].T;
	}
	d->nx = unique(d->xs, ng);
	d->ntx = unique(d->txs, ng);
	d->nT = unique(d->Ts, ng);
	for (size_t i = 0; i < ng; i++) {
		d->g[i] = (group){ index_of(d->xs, d->nx, k[i].x),
		                   index_of(d->txs, d->ntx, k[i].t_x),
		                   index_of(d->Ts, d->nT, k[i].T), 0 };
	}
	d->ng = ng;
	/* The weights: each customer finds its key among the distinct ones. */
	for (size_t i = 0; i < n; i++) {
		key ki = { c[i].x, c[i].x > 0 ? c[i].t_x : 0, c[i].T };
		/* Binary search over the distinct keys. */
		size_t lo = 0, hi = ng;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (key_cmp(&k[mid], &ki) <= 0)
				lo = mid;
			else
				hi = mid;
		}
		d->g[lo].w += 1;
	}
	free(k);
	k = NULL;
	d->customers = (double)n;
	d->c1 = malloc(8 * d->nx * sizeof *d->c1);
	d->lT = malloc(2 * d->nT * sizeof *d->lT);
	d->ltx = malloc(2 * d->ntx * sizeof *d->ltx);
	if (!d->c1 || !d->lT || !d->ltx)
		goto nomem;
	d->c4 = d->c1 + d->nx;
	d->dr = d->c4 + d->nx;
	d->da = d->dr + d->nx;
	d->db = d->da + d->nx;
	d->hrr = d->db + d->nx;
	d->hab = d->hrr + d->nx;
	d->hbb = d->hab + d->nx;
	d->iT = d->lT + d->nT;
	d->itx = d->ltx + d->ntx;
	return FL_OK;
nomem:
	free(k);
	bg_data_free(d);
	return FL_ERR_NOMEM;
}

/*
 * ln L of one customer, in the notation:
 *   ln L = c1 + ln(e^l3 + [x > 0] e^l4),
 *   c1 = ln G(r+x) - ln G(r) + r ln alpha + ln B(a, b+x) - ln B(a, b),
 *   l3 = -(r+x) ln(alpha+T),
 *   l4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x),
 * using B(a+1, b+x-1) = B(a, b+x) a / (b+x-1).  *w4 receives the share
 * of the second term, e^l4 / (e^l3 + e^l4).
 */
static double ll_one(double c1, double c4, double A, double lT, double ltx,
                     bool repeat, double *w4)
{
	double l3 = -A * lT;
	if (!repeat) {
		*w4 = 0;
		return c1 + l3;
	}
	double l4 = c4 - A * ltx;
	double hi = fmax(l3, l4), lo = fmin(l3, l4);
	double e = exp(lo - hi);
	*w4 = l4 >= l3 ? 1 / (1 + e) : e / (1 + e);
	return c1 + hi + log1p(e);
}

static double x_terms(double r, double alpha, double a, double b, double x,
                      double *c4)
{
	*c4 = x > 0 ? log(a) - log(b + x - 1) : 0;
	/* ln G(r+x) - ln G(r) + r ln alpha + ln G(a+b) + ln G(b+x) - ln G(b)
	 * - ln G(a+b+x), the differences taken without losing the size of
	 * lgamma (b in the thousands: the fit must see 1e-12 changes). */
	return fl_lgamma_ratio(r, x) + r * log(alpha) + fl_lgamma_ratio(b, x) -
	       fl_lgamma_ratio(a + b, x);
}

/* The objective of fl_mle_maximize: theta = ln(r, alpha, a, b).
 *
 * Per group, ln L = c1 + ln(e^l3 + e^l4) (docs/model.md); with w3, w4 the
 * shares of the two terms and d = grad l3 - grad l4, the Hessian in
 * (r, alpha, a, b) is that of c1 (trigamma terms, per distinct x) plus
 * w3 hess l3 + w4 hess l4 + w3 w4 d d^T, where
 *   d = (ln(al+t_x) - ln(al+T), A (1/(al+t_x) - 1/(al+T)), -1/a, 1/(b+x-1)),
 *   hess l3: d2/dr dal = -1/(al+T), d2/dal2 = A/(al+T)^2,
 *   hess l4: d2/dr dal = -1/(al+t_x), d2/dal2 = A/(al+t_x)^2,
 *            d2/da2 = -1/a^2, d2/db2 = 1/(b+x-1)^2,
 * and c1's: d2/dr2 = psi'(r+x) - psi'(r), d2/dr dal = 1/al,
 * d2/dal2 = -r/al^2, d2/da2 = d2/da db = psi'(a+b) - psi'(a+b+x),
 * d2/db2 = that + psi'(b+x) - psi'(b).  In theta = ln phi:
 * d2/dth_i dth_j = phi_i phi_j d2/dphi_i dphi_j + [i = j] phi_i d/dphi_i. */
static double bg_objective(const double *theta, double *grad, double *hess,
                           void *ctx)
{
	bg_data *d = ctx;
	const double r = exp(theta[0]), alpha = exp(theta[1]),
	             a = exp(theta[2]), b = exp(theta[3]);
	const double tr = hess ? fl_trigamma(r) : 0,
	             tab = hess ? fl_trigamma(a + b) : 0,
	             tb = hess ? fl_trigamma(b) : 0;
	for (size_t i = 0; i < d->nx; i++) {
		double x = d->xs[i];
		d->c1[i] = x_terms(r, alpha, a, b, x, &d->c4[i]);
		if (grad) {
			double dab = fl_digamma_diff(a + b, x);
			d->dr[i] = fl_digamma_diff(r, x) + log(alpha);
			d->da[i] = -dab;
			d->db[i] = fl_digamma_diff(b, x) - dab;
		}
		if (hess) {
			d->hrr[i] = fl_trigamma(r + x) - tr;
			d->hab[i] = tab - fl_trigamma(a + b + x);
			d->hbb[i] = d->hab[i] + fl_trigamma(b + x) - tb;
		}
	}
	for (size_t i = 0; i < d->nT; i++) {
		d->lT[i] = log(alpha + d->Ts[i]);
		d->iT[i] = 1 / (alpha + d->Ts[i]);
	}
	for (size_t i = 0; i < d->ntx; i++) {
		d->ltx[i] = log(alpha + d->txs[i]);
		d->itx[i] = 1 / (alpha + d->txs[i]);
	}
	double ll = 0, gr = 0, gal = 0, ga = 0, gb = 0;
	/* Hessian sums in (r, alpha, a, b): H[i][j], upper triangle. */
	double H[4][4] = { { 0 } };
	for (size_t k = 0; k < d->ng; k++) {
		const group *g = &d->g[k];
		double x = d->xs[g->ix], A = r + x, w4;
		double l = ll_one(d->c1[g->ix], d->c4[g->ix], A, d->lT[g->iT],
		                  d->ltx[g->itx], x > 0, &w4);
		ll += g->w * l;
		if (grad) {
			double w3 = 1 - w4;
			gr += g->w * (d->dr[g->ix] - w3 * d->lT[g->iT] -
			              w4 * d->ltx[g->itx]);
			gal += g->w * (r / alpha - A * (w3 * d->iT[g->iT] +
			                                w4 * d->itx[g->itx]));
			ga += g->w * (d->da[g->ix] + w4 / a);
			gb += g->w * (d->db[g->ix] - (x > 0 ? w4 / (b + x - 1) : 0));
		}
		if (hess) {
			const double w = g->w, w3 = 1 - w4;
			const double iT = d->iT[g->iT], itx = d->itx[g->itx];
			H[0][0] += w * d->hrr[g->ix];
			H[0][1] -= w * (w3 * iT + w4 * itx);
			H[1][1] += w * A * (w3 * iT * iT + w4 * itx * itx);
			H[2][2] += w * d->hab[g->ix];
			H[2][3] += w * d->hab[g->ix];
			H[3][3] += w * d->hbb[g->ix];
			if (x > 0) {
				const double ib = 1 / (b + x - 1);
				const double v = w * w3 * w4;
				const double dv[4] = { d->ltx[g->itx] - d->lT[g->iT],
				                       A * (itx - iT), -1 / a, ib };
				H[2][2] -= w * w4 / (a * a);
				H[3][3] += w * w4 * ib * ib;
				for (int i = 0; i < 4; i++)
					for (int j = i; j < 4; j++)
						H[i][j] += v * dv[i] * dv[j];
			}
		}
	}
	if (grad) {
		grad[0] = gr * r;
		grad[1] = gal * alpha;
		grad[2] = ga * a;
		grad[3] = gb * b;
	}
	if (hess) {
		const double n = d->customers, phi[4] = { r, alpha, a, b };
		const double gphi[4] = { gr, gal, ga, gb };
		/* c1's constant parts, once per customer. */
		H[0][1] += n / alpha;
		H[1][1] -= n * r / (alpha * alpha);
		fl_mle_log_hessian(4, phi, gphi, &H[0][0], hess);
	}
	return ll;
}

/* The model without dropout, a and b held at FL_BGNBD_MIN and
 * FL_BGNBD_B_MAX: theta = ln(r, alpha). */
static double nbd_objective(const double *theta, double *grad, double *hess,
                            void *ctx)
{
	const double full[4] = { theta[0], theta[1], log(FL_BGNBD_MIN),
	                         log(FL_BGNBD_B_MAX) };
	double g[4], h[16];
	double v = bg_objective(full, grad ? g : NULL, hess ? h : NULL, ctx);
	if (grad) {
		grad[0] = g[0];
		grad[1] = g[1];
	}
	if (hess) {
		hess[0] = h[0];
		hess[1] = h[1];
		hess[2] = h[4];
		hess[3] = h[5];
	}
	return v;
}

/* A fit whose log-likelihood is within this of the one without dropout
 * (relative) has found no dropout: the fit's own precision. */
#define NO_DROPOUT_GAIN 1e-8
#define NO_DROPOUT_MEAN 1e-3

/* Above 2 SUBSAMPLE customers the fit starts from a subsample's: every
 * k-th customer, k = n / SUBSAMPLE, from the first (between SUBSAMPLE and
 * 2 SUBSAMPLE of them), fitted as any portfolio, gives the start of
 * Newton's steps on all customers.  Nelder-Mead's few hundred
 * evaluations then run on the subsample; the whole portfolio needs a
 * few Newton steps of two or three evaluations each. */
#define SUBSAMPLE 20000

/* Every k-th of c[0..n), from the first, into a new array (*ns of them);
 * NULL when out of memory. */
static fl_clv_customer *subsample(const fl_clv_customer *c, size_t n,
                                  size_t *ns)
{
	size_t k = n / SUBSAMPLE;
	*ns = (n + k - 1) / k;
	fl_clv_customer *s = malloc(*ns * sizeof *s);
	if (s)
		for (size_t i = 0; i < *ns; i++)
			s[i] = c[i * k];
	return s;
}

/* The fit of c[0..n), all valid: from start (log-parameters) with
 * Nelder-Mead first, or when refine is set, with Newton first. */
static fl_status fit(const fl_clv_customer *c, size_t n,
                     const double *start, bool refine, fl_bgnbd *m)
{
	bg_data d;
	fl_status st = bg_data_build(c, n, &d);
	if (st != FL_OK)
		return st;
	const double lo[4] = { log(FL_BGNBD_MIN), log(FL_BGNBD_ALPHA_MIN),
	                       log(FL_BGNBD_MIN), log(FL_BGNBD_MIN) };
	const double hi[4] = { log(FL_BGNBD_MAX), log(FL_BGNBD_ALPHA_MAX),
	                       log(FL_BGNBD_MAX), log(FL_BGNBD_B_MAX) };
	double theta[4];
	memcpy(theta, start, sizeof theta);
	fl_mle_result res, res2;
	int rc = refine ? fl_mle_refine(4, theta, lo, hi, bg_objective, &d, &res)
	                : fl_mle_maximize(4, theta, lo, hi, bg_objective, &d,
	                                  &res);
	/* Without visible dropout the likelihood keeps rising as a -> 0,
	 * b -> inf and the fit wanders along a ridge that is flat to 1e-10.
	 * When the fit points that way (a mean dropout a/(a+b) below
	 * NO_DROPOUT_MEAN, a on its lower bound or b on its upper one), fit
	 * the limit (a and b on those bounds) as well, and keep it when the
	 * full model gains no more than the fit's precision.  The limit
	 * starts where the full fit did, or, refining, from the full fit's r
	 * and alpha.  (a on its upper bound is the other end: a dropout
	 * probability that hardly varies across customers.) */
	bool weak = rc == 0 && (theta[2] <= lo[2] + 1e-6 ||
	                        theta[3] >= hi[3] - 1e-6 ||
	                        exp(theta[2]) / (exp(theta[2]) + exp(theta[3]))
	                            < NO_DROPOUT_MEAN);
	double th2[2] = { refine ? theta[0] : start[0],
	                  refine ? theta[1] : start[1] };
	int rc2 = !weak ? -1
	          : refine ? fl_mle_refine(2, th2, lo, hi, nbd_objective, &d,
	                                   &res2)
	                   : fl_mle_maximize(2, th2, lo, hi, nbd_objective, &d,
	                                     &res2);
	m->groups = d.ng;
	bg_data_free(&d);
	if (rc != 0)
		return FL_ERR_INPUT;
	m->evaluations += res.evaluations;
	m->no_dropout = (res.at_bound[2] && theta[2] < 0) ||
	                (res.at_bound[3] && theta[3] > 0);
	if (rc2 == 0 && res2.value >= res.value -
	                              NO_DROPOUT_GAIN * fabs(res.value)) {
		theta[0] = th2[0];
		theta[1] = th2[1];
		theta[2] = lo[2];
		theta[3] = hi[3];
		res.value = res2.value;
		res.at_bound[0] = res2.at_bound[0];
		res.at_bound[1] = res2.at_bound[1];
		res.at_bound[2] = res.at_bound[3] = true;
		m->no_dropout = true;
	}
	if (rc2 == 0)
		m->evaluations += res2.evaluations;
	m->r = exp(theta[0]);
	m->alpha = exp(theta[1]);
	m->a = exp(theta[2]);
	m->b = exp(theta[3]);
	m->log_likelihood = res.value;
	m->customers = n;
	m->at_bound = res.at_bound[0] || res.at_bound[1] || res.at_bound[2] ||
	              res.at_bound[3];
	return FL_OK;
}

/* Check c[0..n) (m->customers = the first invalid one) and sum T. */
static fl_status check(const fl_clv_customer *c, size_t n, fl_bgnbd *m,
                       double *sum_T)
{
	memset(m, 0, sizeof *m);
	if (n == 0)
		return FL_ERR_INPUT;
	*sum_T = 0;
	for (size_t i = 0; i < n; i++) {
		if (!valid(&c[i])) {
			m->customers = i;
			return FL_ERR_INPUT;
		}
		*sum_T += c[i].T;
	}
	return FL_OK;
}

fl_status fl_bgnbd_fit_from(const fl_clv_customer *c, size_t n,
                            const fl_bgnbd *start, fl_bgnbd *m)
{
	double sum_T;
	fl_status st = check(c, n, m, &sum_T);
	if (st != FL_OK)
		return st;
	const double th[4] = { log(start->r), log(start->alpha), log(start->a),
	                       log(start->b) };
	return fit(c, n, th, true, m);
}

fl_status fl_bgnbd_fit(const fl_clv_customer *c, size_t n, fl_bgnbd *m)
{
	double sum_T;
	fl_status st = check(c, n, m, &sum_T);
	if (st != FL_OK)
		return st;
	if (n > 2 * SUBSAMPLE) {
		size_t ns;
		fl_clv_customer *s = subsample(c, n, &ns);
		if (!s)
			return FL_ERR_NOMEM;
		fl_bgnbd sm;
		st = fl_bgnbd_fit(s, ns, &sm);
		free(s);
		if (st != FL_OK)
			return st;
		st = fl_bgnbd_fit_from(c, n, &sm, m);
		m->evaluations += sm.evaluations;
		return st;
	}
	/* Start: r = a = b = 1 and alpha the mean T (so that the typical
	 * customer's ln(alpha + T) starts near its value). */
	const double start[4] = { 0, log(fmax(sum_T / (double)n, 1)), 0, 0 };
	return fit(c, n, start, false, m);
}

double fl_bgnbd_log_likelihood(const fl_bgnbd *m, const fl_clv_customer *c,
                               size_t n)
{
	double ll = 0;
	for (size_t i = 0; i < n; i++) {
		double c4, w4, x = c[i].x;
		double c1 = x_terms(m->r, m->alpha, m->a, m->b, x, &c4);
		ll += ll_one(c1, c4, m->r + x, log(m->alpha + c[i].T),
		             x > 0 ? log(m->alpha + c[i].t_x) : 0, x > 0, &w4);
	}
	return ll;
}

/* ln of a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x), the odds of having
 * dropped out after the last purchase. */
static double log_odds_dead(const fl_bgnbd *m, double x, double t_x,
                            double T)
{
	return log(m->a) - log(m->b + x - 1) +
	       (m->r + x) * (log(m->alpha + T) - log(m->alpha + t_x));
}

double fl_bgnbd_p_alive(const fl_bgnbd *m, double x, double t_x, double T)
{
	if (x <= 0)
		return 1;
	double lo = log_odds_dead(m, x, t_x, T);
	return lo > 0 ? exp(-lo) / (1 + exp(-lo)) : 1 / (1 + exp(lo));
}

/* The points of E(t) one pass evaluates together: fl_clv_value's months
 * come in batches of this many (every point is computed as it would be
 * alone, so the batch does not change a bit). */
#define BATCH 16
#define BIG 1e200
#define LOG_BIG 460.51701859880913680 /* ln 1e200 */

/* Per point of a batch: z = t/(alpha+T+t), L = ln(1-z) = -ln(1 + t/(alpha+T)). */
typedef struct point {
	double z, L;
} point;

/*
 * E(t | alive) by the series in z of
 *   E = (1-z)^A sum_{n>=1} (A)_n / n! H_n z^n,
 *   H_n = sum_{j<n} Q_j,  Q_0 = 1,  Q_{j+1} = Q_j (B+j) / (C+j+1),
 * with A = r+x, B = b+x, C = a+b+x-1 (docs/model.md derives it from
 * 1 - (1-z)^A 2F1 = (1-z)^A sum (A)_n/n! (1 - (B)_n/(C)_n) z^n).  Every
 * term is positive for every a, b > 0, and the coefficients do not
 * depend on z: the points of a batch share them.  Its terms fall like
 * n^(A-1) z^n, whatever a: the series for a large a, where the others
 * need about a z/(1-z) terms.
 */
static void alive_direct(double A, double B, double C, const point *pt,
                         size_t k, double *out)
{
	double term[BATCH], sum[BATCH], scale[BATCH];
	bool done[BATCH];
	size_t left = 0;
	for (size_t i = 0; i < k; i++) {
		term[i] = sum[i] = A * pt[i].z;
		scale[i] = 0;
		done[i] = false;
		left++;
	}
	double H = 1, Q = B / (C + 1);
	for (long n = 1; left > 0 && n < FL_HYP_MAX_TERMS; n++) {
		const double dn = (double)n;
		/* From term n on, the ratio of a term to the one before is
		 * z (A+m)/(m+1) (1 + Q_m/H_m) <= z grow: (A+m)/(m+1) moves
		 * monotonically towards 1, Q falls (a > 0) and H rises. */
		const double f = (A + dn) / (dn + 1);
		const double grow = fmax(f, 1) * (1 + Q / H);
		const double rc = f * ((H + Q) / H);
		for (size_t i = 0; i < k; i++) {
			if (done[i])
				continue;
			/* The rest is below term rb / (1 - rb) once rb < 1
			 * (multiplied out: no division per point and term). */
			double rb = pt[i].z * grow;
			if (term[i] == 0 ||
			    (rb < 1 && term[i] * rb <= 1e-17 * sum[i] * (1 - rb))) {
				double l = A * pt[i].L;
				out[i] = scale[i] == 0 && l > -600
				         ? exp(l) * sum[i]
				         : exp(l + scale[i] + log(sum[i]));
				done[i] = true;
				left--;
				continue;
			}
			term[i] *= rc * pt[i].z;
			sum[i] += term[i];
			if (sum[i] > BIG) {
				sum[i] /= BIG;
				term[i] /= BIG;
				scale[i] += LOG_BIG;
			}
		}
		H += Q;
		Q *= (B + dn) / (C + dn + 1);
	}
	for (size_t i = 0; i < k; i++)
		if (!done[i])
			out[i] = NAN;
}

/*
 * E(t | alive) = (a+b+x-1)/(a-1) [1 - (1-z)^A 2F1(A, b+x; C; z)],
 * A = r+x, C = a+b+x-1, z = t/(alpha+T+t), rewritten with Euler's
 * transformation 2F1(A, B; C; z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) and
 * C - B = a - 1 = eps into
 *   E = C g - e^(eps L) (C-A) z Q(C-A, eps, C; z),
 *   L = ln(1-z), g = (1 - e^(eps L)) / eps (-L at eps = 0),
 * which has no pole at a = 1 nor at C = 0 (docs/model.md derives it).
 * When C >= A the two terms are close for b >> r + x; written as
 *   E = A g + (C-A) e^(eps L) z sum_{m>=0} u_m D_m,
 *   u_m = (a)_m z^m / (m+1)!,  D_m = 1 - prod_{j<m} (C-A+1+j)/(C+1+j),
 * every term is positive and nothing cancels.  Both need about
 * a z/(1-z) terms: when a exceeds A + 1, alive_direct sums fewer.
 */
static void alive_euler(const fl_bgnbd *m, double A, double C,
                        const point *pt, size_t k, double *out)
{
	const double eps = m->a - 1;
	double gs[BATCH];
	for (size_t i = 0; i < k; i++) {
		double L = pt[i].L;
		gs[i] = eps == 0 ? -L : -expm1(eps * L) / eps;
	}
	if (C < A) {
		for (size_t i = 0; i < k; i++) {
			const double z = pt[i].z, L = pt[i].L;
			fl_hyp_sum q;
			if (fl_hyp_tail(C - A, eps, C, z, &q) != 0) {
				out[i] = NAN;
				continue;
			}
			double s = (C - A) * z * q.mant;
			out[i] = C * gs[i] -
			         (s == 0 ? 0 : copysign(exp(eps * L + q.log_scale +
			                                    log(fabs(s))), s));
		}
		return;
	}
	double um[BATCH], S[BATCH], scale[BATCH];
	bool done[BATCH];
	size_t left = 0;
	for (size_t i = 0; i < k; i++) {
		um[i] = 1;
		S[i] = scale[i] = 0;
		done[i] = false;
		left++;
	}
	double P = 1, D = 0;
	for (long n = 0; left > 0 && n < FL_HYP_MAX_TERMS; n++) {
		const double dk = (double)n;
		/* Next: u_{k+1}, D_{k+1} = D_k + P_k A/(C+1+k), P_{k+1}.  The
		 * rest is below sum_{j>k} u_j (D < 1), a geometric series of
		 * ratio at most z max((k+1+a)/(k+3), 1). */
		const double Dk = D, f = A / (C + 1 + dk);
		const double grow = fmax((dk + 1 + m->a) / (dk + 3), 1);
		D += P * f;
		P *= 1 - f;
		for (size_t i = 0; i < k; i++) {
			if (done[i])
				continue;
			const double z = pt[i].z;
			S[i] += um[i] * Dk;
			um[i] *= (m->a + dk) * z / (dk + 2);
			if (S[i] > BIG) {
				S[i] /= BIG;
				um[i] /= BIG;
				scale[i] += LOG_BIG;
			}
			double rb = z * grow;
			if (um[i] == 0 ||
			    (S[i] > 0 && rb < 1 && um[i] / (1 - rb) <= 1e-17 * S[i])) {
				double tail = S[i] == 0
				              ? 0
				              : exp(eps * pt[i].L + scale[i] +
				                    log(z * S[i]));
				out[i] = A * gs[i] + (C - A) * tail;
				done[i] = true;
				left--;
			}
		}
	}
	for (size_t i = 0; i < k; i++)
		if (!done[i])
			out[i] = NAN;
}

/* E(t[i] | alive) for i < k <= BATCH, t[i] > 0. */
static void expected_alive(const fl_bgnbd *m, double x, double T,
                           const double *t, size_t k, double *out)
{
	const double A = m->r + x, C = m->a + m->b + x - 1;
	point pt[BATCH];
	for (size_t i = 0; i < k; i++) {
		pt[i].z = t[i] / (m->alpha + T + t[i]);
		pt[i].L = -log1p(t[i] / (m->alpha + T));
	}
	if (m->a > A + 1)
		alive_direct(A, m->b + x, C, pt, k, out);
	else
		alive_euler(m, A, C, pt, k, out);
}

void fl_bgnbd_expected_alive_many(const fl_bgnbd *m, double x, double T,
                                  const double *t, size_t n, double *out)
{
	for (size_t i0 = 0; i0 < n; i0 += BATCH) {
		double tt[BATCH], e[BATCH];
		size_t ix[BATCH], k = 0, end = n - i0 < BATCH ? n : i0 + BATCH;
		for (size_t i = i0; i < end; i++) {
			if (t[i] > 0) {
				tt[k] = t[i];
				ix[k++] = i;
			} else {
				out[i] = 0;
			}
		}
		if (k > 0)
			expected_alive(m, x, T, tt, k, e);
		for (size_t j = 0; j < k; j++)
			out[ix[j]] = e[j];
	}
}

void fl_bgnbd_expected_many(const fl_bgnbd *m, double x, double t_x,
                            double T, const double *t, size_t n, double *out)
{
	const double pa = fl_bgnbd_p_alive(m, x, t_x, T);
	fl_bgnbd_expected_alive_many(m, x, T, t, n, out);
	/* E(0) = 0 stays 0 whatever p_alive is. */
	for (size_t i = 0; i < n; i++)
		if (t[i] > 0)
			out[i] *= pa;
}

double fl_bgnbd_expected(const fl_bgnbd *m, double x, double t_x, double T,
                         double t)
{
	double e;
	fl_bgnbd_expected_many(m, x, t_x, T, &t, 1, &e);
	return e;
}
