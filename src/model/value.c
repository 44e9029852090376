/*
 * value.c - a plan's customer value: the fits over the customers with
 * dates, and each customer's figures on demand (model.h, value.h;
 * docs/model.md, "Customer value").
 */
#include "model/value.h"

#include <focuslevel/loyalty.h>

#include <math.h>
#include <stdlib.h>


/* Customer c's history as of the plan's as-of day; false without dates. */
static bool history_of(const fl_customer *c, long as_of, fl_clv_customer *h)
{
	fl_loyalty l;
	if (!fl_loyalty_of(c, as_of, &l))
		return false;
	h->x = (double)l.x;
	h->t_x = (double)l.t_x;
	h->T = (double)l.tenure;
	h->mbar = c->mbar;
	return true;
}

fl_status fl_plan_value_fit(const fl_portfolio *p, fl_plan *plan)
{
	plan->valued = plan->spend = false;
	if (p->dated == 0 || plan->as_of == FL_DAY_NONE)
		return FL_OK;
	fl_clv_customer *h = malloc(p->dated * sizeof(*h));
	if (h == NULL)
		return FL_ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < p->count && n < p->dated; i++)
		if (history_of(&p->customers[i], plan->as_of, &h[n]))
			n++;
	fl_status st = n > 0 ? fl_bgnbd_fit(h, n, &plan->bgnbd) : FL_ERR_INPUT;
	if (st == FL_OK) {
		plan->valued = true;
		st = fl_gamma_gamma_fit(h, n, &plan->gamma_gamma);
		if (st == FL_OK) {
			plan->spend = true;
			/* No cache (out of memory) only costs time. */
			fl_clv_cache_free(plan->cache);
			plan->cache = fl_clv_cache_new(&plan->bgnbd,
			                                plan->horizon_months);
		}
	}
	free(h);
	/* FL_ERR_INPUT: nothing to fit (no customer with a repeat purchase
	 * of positive value, for the spend); the figures it gives are then
	 * absent. */
	return st == FL_ERR_NOMEM ? FL_ERR_NOMEM : FL_OK;
}

bool fl_plan_value_of(const fl_plan *plan, const fl_customer *c, bool clv,
                      fl_customer_value *out)
{
	fl_clv_customer h;
	if (!plan->valued || !history_of(c, plan->as_of, &h))
		return false;
	const fl_bgnbd *bg = &plan->bgnbd;
	out->history = h;
	out->p_alive = fl_bgnbd_p_alive(bg, h.x, h.t_x, h.T);
	out->expected_order_value = NAN;
	out->clv = NAN;
	/* With the clv, E(horizon) is its last month's E(t): the same bits,
	 * computed once. */
	if (!plan->spend || !clv)
		out->expected_orders = fl_bgnbd_expected(bg, h.x, h.t_x, h.T,
		                                         plan->horizon_months *
		                                         FL_MONTH_DAYS);
	if (!plan->spend)
		return true;
	out->expected_order_value = fl_gamma_gamma_expected(&plan->gamma_gamma,
	                                                    h.x, h.mbar);
	if (clv) {
		fl_econ_figures e = fl_econ_of(c, FL_LEVEL_BASIC, &plan->econ);
		fl_clv_terms terms = {
			.months = plan->horizon_months,
			.discount_rate = plan->discount_rate,
			.margin_ratio = c->revenue != 0
			                ? e.contribution / c->revenue : 0,
		};
		out->clv = fl_clv_value_cached(bg, &plan->gamma_gamma, &h, &terms,
		                               plan->cache, &out->expected_orders);
	}
	return true;
}
