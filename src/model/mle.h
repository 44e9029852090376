/*
 * mle.h - the maximiser behind the customer-value fits (bgnbd.c,
 * gammagamma.c): Nelder-Mead on a box, then Newton steps on the analytic
 * gradient and Hessian; Nelder-Mead restarts from the best point only
 * when Newton fails (docs/model.md, "Customer value").  Deterministic: no random
 * start, no threads.
 */
#ifndef FL_MLE_H
#define FL_MLE_H

#include <stdbool.h>

#define FL_MLE_MAX_DIM 4

/*
 * The objective at theta (log-parameters): returns the log-likelihood and,
 * when grad is not NULL, fills its gradient d/d theta; when hess is not
 * NULL (grad then is not either), its Hessian, d2/d theta_i d theta_j at
 * hess[i * dim + j].  A value of -inf or NaN counts as "worse than
 * anything".
 */
typedef double (*fl_mle_fn)(const double *theta, double *grad, double *hess,
                            void *ctx);

typedef struct fl_mle_result {
	double value;            /* the maximum found */
	unsigned evaluations;    /* calls of the objective (with or without
	                          * gradient) */
	unsigned restarts;       /* Nelder-Mead runs after the first */
	unsigned newton_steps;   /* accepted Newton steps */
	bool at_bound[FL_MLE_MAX_DIM]; /* theta[i] ended within 1e-6 of lo[i]
	                                * or hi[i] */
} fl_mle_result;

/*
 * Maximise f over lo <= theta <= hi (dim <= FL_MLE_MAX_DIM), starting at
 * theta, which receives the maximiser.  Returns 0, or -1 when f is not
 * finite at the start.
 */
int fl_mle_maximize(int dim, double *theta, const double *lo,
                    const double *hi, fl_mle_fn f, void *ctx,
                    fl_mle_result *res);

/*
 * The same from a theta already near the maximum (a subsample's): Newton
 * first; Nelder-Mead (a simplex of 0.05) only where fl_mle_maximize would
 * restart it, when Newton fails.
 */
int fl_mle_refine(int dim, double *theta, const double *lo,
                  const double *hi, fl_mle_fn f, void *ctx,
                  fl_mle_result *res);

/*
 * The Hessian in log-parameters theta = ln(phi) of an objective whose
 * gradient in phi is gphi[0..dim) and whose Hessian in phi is H (its
 * upper triangle read, row i at H[i * dim]):
 *   d2/dtheta_i dtheta_j = phi_i phi_j H_ij + [i = j] phi_i gphi_i,
 * written to hess[i * dim + j], both triangles.
 */
void fl_mle_log_hessian(int dim, const double *phi, const double *gphi,
                        const double *H, double *hess);

#endif
