/*
 * mle.c - maximum likelihood on a box of log-parameters (mle.h).
 *
 * Nelder-Mead finds the neighbourhood of the maximum from any start and
 * needs no derivative, but it creeps at the end: the simplex's values
 * agree to 1e-12 long before its vertices agree to 1e-8.  The Newton
 * steps that follow (analytic gradient and Hessian) converge
 * quadratically from there, which is what
 * makes two independent fits agree in their parameters and not only in
 * their log-likelihood.  Both stay in the box: Nelder-Mead projects every
 * trial point on it, Newton moves only the coordinates that are not held
 * at a bound by the gradient.
 */
#include "mle.h"

#include <math.h>
#include <string.h>

/* Nelder-Mead stops when the simplex's values agree to NM_FTOL relative
 * and its vertices to NM_XTOL (in log-parameters): near enough for Newton,
 * which converges from there in a few steps.  Should Newton fail (a
 * Hessian that is not negative definite even after damping, or no step
 * that raises the value), Nelder-Mead restarts from the best point with a
 * small simplex, and Newton again, until a restart gains less than
 * RESTART_GAIN relative. */
#define NM_FTOL 1e-10
#define NM_XTOL 1e-4
#define NM_MAX_EVALS 4000
#define RESTART_GAIN 1e-12
#define MAX_RESTARTS 12
/* Newton: the size of a step (largest coordinate) below which the
 * maximum is taken as reached; the size below which a step that the
 * rounding of the sum keeps from raising the value is the end too. */
#define NEWTON_XTOL 1e-10
#define NEWTON_ROUNDING 1e-6
#define NEWTON_MAX 60
/* Marquardt's damping levels, and the gain of a damped step (relative)
 * below which the maximum is taken as reached: four orders of magnitude
 * below the 1e-8. */
#define NEWTON_DAMP 6
#define NEWTON_FTOL 1e-12

typedef struct problem {
	int dim;
	const double *lo, *hi;
	fl_mle_fn f;
	void *ctx;
	unsigned evals;
} problem;

static double eval(problem *pb, double *th, double *grad, double *hess)
{
	for (int i = 0; i < pb->dim; i++)
		th[i] = fmin(fmax(th[i], pb->lo[i]), pb->hi[i]);
	pb->evals++;
	double v = pb->f(th, grad, hess, pb->ctx);
	return isnan(v) ? -INFINITY : v;
}

/* One Nelder-Mead run (maximising), simplex of theta and theta + step
 * e_i; theta receives the best vertex, the return value its value. */
static double nelder_mead(problem *pb, double *theta, double step)
{
	enum { N = FL_MLE_MAX_DIM + 1 };
	const int d = pb->dim;
	const size_t sz = sizeof(double) * (size_t)d;
	double x[N][FL_MLE_MAX_DIM], fx[N];
	for (int i = 0; i <= d; i++) {
		memcpy(x[i], theta, sizeof(double) * (size_t)d);
		if (i > 0) {
			/* Step inwards when the outward step leaves the box. */
			double s = theta[i - 1] + step > pb->hi[i - 1] ? -step : step;
			x[i][i - 1] += s;
		}
		fx[i] = eval(pb, x[i], NULL, NULL);
	}
	unsigned start = pb->evals;
	for (;;) {
		/* Order: best first (insertion sort, d+1 <= 5 vertices). */
		for (int i = 1; i <= d; i++)
			for (int j = i; j > 0 && fx[j] > fx[j - 1]; j--) {
				double t = fx[j]; fx[j] = fx[j - 1]; fx[j - 1] = t;
				for (int k = 0; k < d; k++) {
					t = x[j][k]; x[j][k] = x[j - 1][k]; x[j - 1][k] = t;
				}
			}
		double spread = 0;
		for (int i = 1; i <= d; i++)
			for (int k = 0; k < d; k++)
				spread = fmax(spread, fabs(x[i][k] - x[0][k]));
		if ((isfinite(fx[d]) &&
		     fx[0] - fx[d] <= NM_FTOL * fabs(fx[0]) && spread <= NM_XTOL) ||
		    spread == 0 || pb->evals - start > NM_MAX_EVALS)
			break;
		double c[FL_MLE_MAX_DIM] = { 0 }, xr[FL_MLE_MAX_DIM],
		       xe[FL_MLE_MAX_DIM], xc[FL_MLE_MAX_DIM];
		for (int i = 0; i < d; i++)
			for (int k = 0; k < d; k++)
				c[k] += x[i][k] / d;
		for (int k = 0; k < d; k++)
			xr[k] = c[k] + (c[k] - x[d][k]);
		double fr = eval(pb, xr, NULL, NULL);
		if (fr > fx[0]) {
			for (int k = 0; k < d; k++)
				xe[k] = c[k] + 2 * (c[k] - x[d][k]);
			double fe = eval(pb, xe, NULL, NULL);
			if (fe > fr) {
				memcpy(x[d], xe, sz);
				fx[d] = fe;
			} else {
				memcpy(x[d], xr, sz);
				fx[d] = fr;
			}
			continue;
		}
		if (fr > fx[d - 1]) {
			memcpy(x[d], xr, sz);
			fx[d] = fr;
			continue;
		}
		/* Contract towards the better of the worst and its reflection. */
		bool outside = fr > fx[d];
		for (int k = 0; k < d; k++)
			xc[k] = outside ? c[k] + 0.5 * (xr[k] - c[k])
			                : c[k] + 0.5 * (x[d][k] - c[k]);
		double fc = eval(pb, xc, NULL, NULL);
		if (fc > (outside ? fr : fx[d])) {
			memcpy(x[d], xc, sz);
			fx[d] = fc;
			continue;
		}
		for (int i = 1; i <= d; i++) {
			for (int k = 0; k < d; k++)
				x[i][k] = x[0][k] + 0.5 * (x[i][k] - x[0][k]);
			fx[i] = eval(pb, x[i], NULL, NULL);
		}
	}
	memcpy(theta, x[0], sizeof(double) * (size_t)d);
	return fx[0];
}

/* Solve A y = g for the symmetric positive definite A (Cholesky); -1 when
 * A is not positive definite. */
static int solve_spd(int n, double A[][FL_MLE_MAX_DIM], const double *g,
                     double *y)
{
	double L[FL_MLE_MAX_DIM][FL_MLE_MAX_DIM] = { { 0 } };
	for (int i = 0; i < n; i++)
		for (int j = 0; j <= i; j++) {
			double s = A[i][j];
			for (int k = 0; k < j; k++)
				s -= L[i][k] * L[j][k];
			if (i == j) {
				if (!(s > 0))
					return -1;
				L[i][i] = sqrt(s);
			} else {
				L[i][j] = s / L[j][j];
			}
		}
	double z[FL_MLE_MAX_DIM];
	for (int i = 0; i < n; i++) {
		double s = g[i];
		for (int k = 0; k < i; k++)
			s -= L[i][k] * z[k];
		z[i] = s / L[i][i];
	}
	for (int i = n - 1; i >= 0; i--) {
		double s = z[i];
		for (int k = i + 1; k < n; k++)
			s -= L[k][i] * y[k];
		y[i] = s / L[i][i];
	}
	return 0;
}

/* Newton steps from theta (value *fv) on the coordinates that no bound
 * holds; each step is halved (six times at most) until the value does
 * not fall.  Returns true when it converged. */
static bool newton(problem *pb, double *theta, double *fv, unsigned *steps)
{
	const int d = pb->dim;
	const size_t sz = sizeof(double) * (size_t)d;
	for (int it = 0; it < NEWTON_MAX; it++) {
		double g[FL_MLE_MAX_DIM], hs[FL_MLE_MAX_DIM * FL_MLE_MAX_DIM];
		eval(pb, theta, g, hs);
		/* Free coordinates: inside the box, or on a bound with the
		 * gradient pointing inwards. */
		int free_ix[FL_MLE_MAX_DIM], nf = 0;
		for (int i = 0; i < d; i++) {
			bool held = (theta[i] <= pb->lo[i] && g[i] <= 0) ||
			            (theta[i] >= pb->hi[i] && g[i] >= 0);
			if (!held)
				free_ix[nf++] = i;
		}
		if (nf == 0)
			return true;
		/* The negative Hessian on the free coordinates. */
		double H[FL_MLE_MAX_DIM][FL_MLE_MAX_DIM];
		double gf[FL_MLE_MAX_DIM], dx[FL_MLE_MAX_DIM];
		for (int i = 0; i < nf; i++) {
			gf[i] = g[free_ix[i]];
			for (int j = 0; j < nf; j++)
				H[i][j] = -hs[free_ix[i] * d + free_ix[j]];
		}
		/* Not negative definite (far from the maximum, or flat along
		 * a bound): Levenberg's damping until it is. */
		double lambda = 0;
		for (int k = 0; solve_spd(nf, H, gf, dx) != 0; k++) {
			if (k > 60)
				return false;
			double add = lambda == 0 ? 1e-8 : lambda * 9;
			double scale = 0;
			for (int i = 0; i < nf; i++)
				scale = fmax(scale, fabs(H[i][i]));
			for (int i = 0; i < nf; i++)
				H[i][i] += (add - lambda) * fmax(scale, 1);
			lambda = add;
		}
		double size = 0;
		for (int i = 0; i < nf; i++)
			size = fmax(size, fabs(dx[i]));
		/* The step, halved (six times at most) until the value does not
		 * fall.  When none is taken, Marquardt's damping: the negative
		 * Hessian's diagonal times 1 + mu, mu = 1e-3, 1e-2, ... 100,
		 * each step tried whole and halved once.  Along a ridge that is
		 * nearly flat (a and b large with a/(a+b) fixed: no curvature
		 * to speak of) the plain step runs far along it and falls;
		 * damping takes that direction out and the others converge. */
		double H0[FL_MLE_MAX_DIM];
		for (int i = 0; i < nf; i++)
			H0[i] = H[i][i];
		bool accepted = false;
		double gain = 0;
		int damp = 0;
		for (; damp <= NEWTON_DAMP && !accepted; damp++) {
			if (damp > 0) {
				double mu = 1e-3 * pow(10, damp - 1);
				for (int i = 0; i < nf; i++)
					H[i][i] = H0[i] * (1 + mu);
				if (solve_spd(nf, H, gf, dx) != 0)
					break;
			}
			/* A step that leaves the box is shortened to end on its
			 * boundary, in the same direction: clamping it would turn
			 * it, off a ridge that leans on a bound (the next step then
			 * holds that coordinate). */
			double t0 = 1;
			for (int i = 0; i < nf; i++) {
				double th = theta[free_ix[i]];
				double room = dx[i] > 0 ? pb->hi[free_ix[i]] - th
				              : dx[i] < 0 ? pb->lo[free_ix[i]] - th : 0;
				if (dx[i] != 0 && room / dx[i] < t0 && room / dx[i] > 0)
					t0 = room / dx[i];
			}
			double tmin = damp == 0 ? t0 / 64 : t0 / 2;
			for (double t = t0; t >= tmin; t *= 0.5) {
				double tn[FL_MLE_MAX_DIM];
				memcpy(tn, theta, sz);
				for (int i = 0; i < nf; i++)
					tn[free_ix[i]] += t * dx[i];
				double fn = eval(pb, tn, NULL, NULL);
				if (fn >= *fv) {
					gain = fn - *fv;
					memcpy(theta, tn, sz);
					*fv = fn;
					accepted = true;
					(*steps)++;
					break;
				}
			}
		}
		if (size <= NEWTON_XTOL || (!accepted && size <= NEWTON_ROUNDING))
			return true;
		if (!accepted)
			return false;
		/* Only a damped step gained, and less than NEWTON_FTOL: what
		 * is left is the flat direction, worth less than that. */
		if (damp > 1 && gain <= NEWTON_FTOL * fabs(*fv))
			return true;
	}
	return false;
}

/* Nelder-Mead from theta (unless refine), then Newton; Nelder-Mead
 * again, from the best point, while Newton fails. */
static int maximize(int dim, double *theta, const double *lo,
                    const double *hi, fl_mle_fn f, void *ctx,
                    fl_mle_result *res, bool refine)
{
	problem pb = { dim, lo, hi, f, ctx, 0 };
	const size_t sz = sizeof(double) * (size_t)dim;
	memset(res, 0, sizeof *res);
	double fv = eval(&pb, theta, NULL, NULL);
	if (!isfinite(fv))
		return -1;
	if (!refine)
		fv = nelder_mead(&pb, theta, 0.5);
	for (;;) {
		if (newton(&pb, theta, &fv, &res->newton_steps) ||
		    res->restarts == MAX_RESTARTS)
			break;
		double t[FL_MLE_MAX_DIM];
		memcpy(t, theta, sz);
		double fn = nelder_mead(&pb, t, 0.05);
		res->restarts++;
		if (!(fn > fv))
			break;
		bool small = fn - fv <= RESTART_GAIN * fabs(fv);
		memcpy(theta, t, sz);
		fv = fn;
		if (small)
			break;
	}
	res->value = fv;
	res->evaluations = pb.evals;
	/* On a bound: within 1e-6 of it in the log-parameter (the simplex
	 * may stop a hair inside a bound it leans on). */
	for (int i = 0; i < dim; i++)
		res->at_bound[i] = theta[i] <= lo[i] + 1e-6 ||
		                   theta[i] >= hi[i] - 1e-6;
	return 0;
}

int fl_mle_maximize(int dim, double *theta, const double *lo,
                    const double *hi, fl_mle_fn f, void *ctx,
                    fl_mle_result *res)
{
	return maximize(dim, theta, lo, hi, f, ctx, res, false);
}

int fl_mle_refine(int dim, double *theta, const double *lo,
                  const double *hi, fl_mle_fn f, void *ctx,
                  fl_mle_result *res)
{
	return maximize(dim, theta, lo, hi, f, ctx, res, true);
}

void fl_mle_log_hessian(int dim, const double *phi, const double *gphi,
                        const double *H, double *hess)
{
	for (int i = 0; i < dim; i++)
		for (int j = i; j < dim; j++) {
			double h = phi[i] * phi[j] * H[i * dim + j] +
			           (i == j ? phi[i] * gphi[i] : 0);
			hess[i * dim + j] = hess[j * dim + i] = h;
		}
}
