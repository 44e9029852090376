/*
 * summary.c - aggregates of a classified portfolio (see summary.h).
 * Sums are taken in input order, like every other sum in focuslevel.
 */
#include <focuslevel/summary.h>

#include <focuslevel/economics.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double fl_percent(double part, double whole)
{
	if (whole == 0)
		return 0.0;
	/* 100 * part can overflow where the percentage itself is finite (a
	 * total margin of 2e306 on a revenue of 2e306); then divide first. */
	double r = 100.0 * part / whole;
	return isfinite(r) ? r : part / whole * 100.0;
}

/* Append v to a growing index list; false when out of memory. */
static bool push(size_t **list, size_t *count, size_t v)
{
	/* Capacity doubles at powers of two, so it need not be stored. */
	size_t n = *count;
	if ((n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 4;
		size_t *l = realloc(*list, cap * sizeof(**list));
		if (l == NULL)
			return false;
		*list = l;
	}
	(*list)[n] = v;
	*count = n + 1;
	return true;
}

static bool push_border(fl_summary *s, const fl_borderline *b)
{
	size_t n = s->borderline_count;
	if ((n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 4;
		fl_borderline *l = realloc(s->borderline, cap * sizeof(*l));
		if (l == NULL)
			return false;
		s->borderline = l;
	}
	s->borderline[n] = *b;
	s->borderline_count = n + 1;
	return true;
}

static bool near(double x, double cut, double pct)
{
	return fabs(x - cut) <= pct / 100.0 * fabs(cut);
}

/* Customers within the distance of a cut, with the level across it. */
static bool borderline(fl_summary *s, const fl_plan *plan, size_t i,
                       const fl_customer *c, const fl_metrics *m,
                       const fl_class *k, double pct)
{
	const fl_thresholds *t = fl_plan_thresholds_of(plan, i);
	const fl_axis *axes[2] = { &t->margin, &t->value };
	for (int a = 0; a < 2; a++) {
		double x = fl_plan_axis_value(plan, axes[a]->basis, i, c, m);
		double cuts[2] = { axes[a]->cut_low, axes[a]->cut_high };
		for (int j = 0; j < 2; j++) {
			if (!near(x, cuts[j], pct))
				continue;
			if (j == 1 && cuts[1] == cuts[0])
				break;  /* one cut, already reported */
			/* Crossing the cut moves the tier by one: down from at or
			 * above it, up from below it. */
			fl_tier mt = k->margin_tier, vt = k->value_tier;
			fl_tier *tier = a == 0 ? &mt : &vt;
			if (x >= cuts[j])
				*tier = (fl_tier)(j == 0 ? FL_TIER_LOW : FL_TIER_MEDIUM);
			else
				*tier = (fl_tier)(j == 0 ? FL_TIER_MEDIUM : FL_TIER_HIGH);
			if (cuts[0] == cuts[1] && x < cuts[j])
				*tier = FL_TIER_HIGH;
			fl_borderline b = { i, (unsigned char)a, (unsigned char)j,
			                    (unsigned char)fl_level_of(mt, vt) };
			if (b.moves_to != k->computed && !push_border(s, &b))
				return false;
		}
	}
	return true;
}

double fl_borderline_value(const fl_portfolio *p, const fl_plan *plan,
                           const fl_borderline *b)
{
	const fl_thresholds *t = fl_plan_thresholds_of(plan, b->customer);
	const fl_customer *c = &p->customers[b->customer];
	fl_metrics m = fl_metrics_of(c);
	return fl_plan_axis_value(plan, b->axis == 0 ? t->margin.basis
	                                             : t->value.basis,
	                          b->customer, c, &m);
}

double fl_borderline_cut(const fl_plan *plan, const fl_borderline *b)
{
	const fl_thresholds *t = fl_plan_thresholds_of(plan, b->customer);
	const fl_axis *a = b->axis == 0 ? &t->margin : &t->value;
	return b->high ? a->cut_high : a->cut_low;
}

/* Is v finite?  Else name it in s->overflow (the first one only). */
static bool finite_or_name(fl_summary *s, double v, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static bool finite_or_name(fl_summary *s, double v, const char *fmt, ...)
{
	if (isfinite(v))
		return true;
	if (s->overflow[0] == '\0') {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(s->overflow, sizeof(s->overflow), fmt, ap);
		va_end(ap);
	}
	return false;
}

#define OVER " overflows a double"

/*
 * Every figure of the summary that is a sum, or derived from one, must be
 * finite: each customer's numbers are (the loaders see to that), but a
 * few hundred revenues near 1e306 add up to infinity, and a policy's
 * service cost times a level's customers can too.  An infinity would be
 * printed as "inf" (invalid JSON) and turn percentages into NaN.
 */
static bool all_finite(fl_summary *s)
{
	static const char *const fig[] = { "revenue", "margin" };
	/* The portfolio's figures, in the order a message names the
	 * first that overflows. */
	const struct {
		double v;
		const char *what;
	} totals[] = {
		{ s->revenue, "the total revenue of the portfolio" },
		{ s->cost, "the total cost of the portfolio" },
		{ s->margin, "the total margin of the portfolio" },
		{ s->margin_pct, "the margin percent of the portfolio" },
		{ s->cost_to_serve, "the total cost to serve of the portfolio" },
		{ s->contribution, "the total contribution of the portfolio" },
		{ s->service_cost, "the total service cost of the portfolio" },
		{ s->after_service, "the total profit after service of the "
		                    "portfolio" },
		{ s->serve_more_delta, "the cost delta of the customers served "
		                       "more" },
		{ s->serve_less_delta, "the cost delta of the customers served "
		                       "less" },
		{ s->net_delta, "the net cost delta of the changes" },
		{ s->curve.total, "the total of the profit curve" },
		{ s->curve.peak, "the peak of the profit curve" },
		{ s->curve.losses, "the losses of the profit curve" },
	};
	bool ok = true;
	for (size_t t = 0; ok && t < sizeof(totals) / sizeof(totals[0]); t++)
		ok = finite_or_name(s, totals[t].v, "%s" OVER, totals[t].what);
	for (int j = 0; ok && s->curve.has_deciles && j < 10; j++)
		ok = finite_or_name(s, s->curve.deciles[j], "decile %d of the "
		                    "profit curve" OVER, j + 1);
	if (ok && s->curve.has_peak_pct)
		ok = finite_or_name(s, s->curve.peak_pct, "the peak percent of "
		                    "the profit curve" OVER);
	for (int mt = 0; ok && mt < 3; mt++) {
		for (int vt = 0; ok && vt < 3; vt++) {
			const fl_cell *c = &s->grid[mt][vt];
			const double v[2] = { c->revenue, c->margin };
			for (int f = 0; ok && f < 2; f++)
				ok = finite_or_name(s, v[f], "the %s of grid cell margin %s, "
				                    "value %s" OVER, fig[f],
				                    fl_tier_name((fl_tier)mt),
				                    fl_tier_name((fl_tier)vt));
		}
	}
	for (int l = FL_LEVEL_BASIC; ok && l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_sum *ls = &s->levels[l];
		static const char *const what[] = {
			"share", "revenue", "margin", "margin percent", "contacts",
			"contacts in the period", "cost to serve", "contribution",
			"service cost", "profit after service"
		};
		const double v[] = { ls->share, ls->revenue, ls->margin,
		                     ls->margin_pct, ls->contacts,
		                     ls->contacts_period, ls->cost_to_serve,
		                     ls->contribution, ls->service_cost,
		                     ls->after_service };
		for (size_t f = 0; ok && f < sizeof(v) / sizeof(v[0]); f++)
			ok = finite_or_name(s, v[f], "the %s of level %s" OVER,
			                    what[f], fl_level_name((fl_level)l));
	}
	for (int q = 0; ok && q < 4; q++) {
		const fl_quadrant_sum *qs = &s->quadrants[q];
		static const char *const what[] = { "revenue", "margin",
		                                    "margin percent" };
		const double v[] = { qs->revenue, qs->margin, qs->margin_pct };
		for (size_t f = 0; ok && f < 3; f++)
			ok = finite_or_name(s, v[f], "the %s of quadrant %s" OVER,
			                    what[f], fl_quadrant_name((fl_quadrant)q));
	}
	return ok;
}

/* Append *e to a growing array of `size` bytes per element (the
 * capacity doubles at powers of two, as push's). */
static bool push_item(void **list, size_t *count, const void *e,
                      size_t size)
{
	size_t n = *count;
	if ((n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 4;
		void *l = realloc(*list, cap * size);
		if (l == NULL)
			return false;
		*list = l;
	}
	memcpy((char *)*list + n * size, e, size);
	*count = n + 1;
	return true;
}

/* The customer value of customer i, at final level `level`, into the
 * level's sums and the portfolio's, and into the at-risk list: its
 * lifetime value is computed here once (12 values of E(t) at the default
 * horizon), or read from the plan when the value axis is on it.  False
 * when out of memory. */
static bool value_add(fl_summary *s, const fl_plan *plan,
                      const fl_policy *pol, size_t i, const fl_customer *c,
                      fl_level level)
{
	fl_customer_value v;
	if (!fl_plan_value_of(plan, c, plan->spend && plan->clv == NULL, &v))
		return true;
	if (plan->clv != NULL)
		v.clv = plan->clv[i];
	fl_value_sum *sums[2] = { &s->value[level], &s->value_total };
	for (int j = 0; j < 2; j++) {
		sums[j]->customers++;
		sums[j]->p_alive += v.p_alive;
		sums[j]->clv += v.clv;
	}
	if (level < FL_LEVEL_PROACTIVE || !(v.p_alive < pol->at_risk_below))
		return true;
	fl_at_risk r = { i, v.p_alive, v.expected_orders, v.clv };
	s->at_risk_clv += v.clv;
	return push_item((void **)&s->at_risk, &s->at_risk_count, &r,
	                 sizeof(r));
}

/* A customer with a potential, into the growth list when its wallet
 * share is below the policy's share_below.  False when out of memory. */
static bool growth_add(fl_summary *s, const fl_policy *pol, size_t i,
                       const fl_customer *c, double f)
{
	if (isnan(fl_customer_potential(c)))
		return true;
	s->with_potential++;
	fl_growth g = { i, fl_wallet_share(c, f), fl_untapped_potential(c, f) };
	/* A potential of 0 has no share (NAN): never below. */
	if (!(g.wallet_share < pol->share_below))
		return true;
	s->growth_untapped += g.untapped;
	return push_item((void **)&s->growth, &s->growth_count, &g,
	                 sizeof(g));
}

/* Highest first, NAN last, then input order: a total order, so the
 * lists come out the same from every qsort. */
static int by_key(double a, double b, size_t ia, size_t ib)
{
	bool na = isnan(a), nb = isnan(b);
	if (na != nb)
		return na ? 1 : -1;
	if (!na && a != b)
		return a > b ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

static int by_clv(const void *pa, const void *pb)
{
	const fl_at_risk *a = pa, *b = pb;
	return by_key(a->clv, b->clv, a->customer, b->customer);
}

static int by_untapped(const void *pa, const void *pb)
{
	const fl_growth *a = pa, *b = pb;
	return by_key(a->untapped, b->untapped, a->customer, b->customer);
}

/* The sums of value_add into means, and NAN where they are not
 * defined. */
static void value_done(fl_value_sum *v, bool spend)
{
	v->p_alive = v->customers > 0 ? v->p_alive / (double)v->customers
	                              : NAN;
	if (!spend)
		v->clv = NAN;
}

/* The customer value's totals must be finite too: a lifetime value is
 * NAN only when E(t) fails, and a sum of large ones can overflow. */
static bool value_finite(fl_summary *s, bool spend)
{
	if (!spend)
		return true;
	bool ok = true;
	for (int l = FL_LEVEL_BASIC; ok && l <= FL_LEVEL_PARTNERSHIP; l++)
		ok = finite_or_name(s, s->value[l].clv, "the lifetime value of "
		                    "level %s is not a finite number",
		                    fl_level_name((fl_level)l));
	if (ok)
		ok = finite_or_name(s, s->value_total.clv, "the lifetime value "
		                    "of the portfolio is not a finite number");
	if (ok)
		ok = finite_or_name(s, s->at_risk_clv, "the lifetime value of "
		                    "the customers at risk is not a finite "
		                    "number");
	return ok;
}

/* Where customer i stands against today's level (summary.h). */
static bool change(fl_summary *s, size_t i, const fl_customer *c,
                   const fl_class *k, const fl_econ_params *e)
{
	if (c->current == FL_LEVEL_NONE)
		return true;
	s->with_current++;
	double delta = e->level_cost[k->level] - e->level_cost[c->current];
	if (k->level > c->current) {
		s->serve_more_delta += delta;
		return push(&s->serve_more, &s->serve_more_count, i);
	}
	if (k->level < c->current) {
		s->serve_less_delta += delta;
		return push(&s->serve_less, &s->serve_less_count, i);
	}
	s->same++;
	return true;
}

fl_status fl_summary_compute(const fl_portfolio *p, const fl_plan *plan,
                             const fl_policy *pol, double borderline_pct,
                             fl_summary *s)
{
	memset(s, 0, sizeof(*s));
	/* The profits of the curve, in input order. */
	double *profit = NULL;
	if (plan->count > 0) {
		profit = malloc(plan->count * sizeof(*profit));
		if (profit == NULL)
			return FL_ERR_NOMEM;
	}
	if (plan->group_count > 0) {
		s->group_levels = calloc(plan->group_count,
		                         sizeof(*s->group_levels));
		if (s->group_levels == NULL) {
			free(profit);
			return FL_ERR_NOMEM;
		}
		s->group_count = plan->group_count;
	}
	s->borderline_pct = borderline_pct;
	for (int mt = 0; mt < 3; mt++) {
		for (int vt = 0; vt < 3; vt++)
			s->grid[mt][vt].level = fl_level_of((fl_tier)mt, (fl_tier)vt);
	}
	s->customers = plan->count;
	for (size_t i = 0; i < plan->count; i++) {
		const fl_customer *c = &p->customers[i];
		fl_metrics mm = fl_metrics_of(c);
		const fl_metrics *m = &mm;
		const fl_class *k = &plan->classes[i];
		fl_econ_figures e = fl_econ_of(c, (fl_level)k->level,
		                               &plan->econ);
		s->revenue += c->revenue;
		s->cost += c->cost;
		s->margin += m->margin;
		s->cost_to_serve += e.cost_to_serve;
		s->contribution += e.contribution;
		s->service_cost += e.level_cost;
		profit[i] = e.after_service;
		s->afford[k->computed][k->affordable]++;
		if (plan->group_of != NULL)
			s->group_levels[plan->group_of[i]][k->level]++;

		fl_cell *cell = &s->grid[k->margin_tier][k->value_tier];
		cell->customers++;
		cell->revenue += c->revenue;
		cell->margin += m->margin;

		fl_level_sum *ls = &s->levels[k->level];
		ls->customers++;
		ls->revenue += c->revenue;
		ls->margin += m->margin;
		ls->cost_to_serve += e.cost_to_serve;
		ls->contribution += e.contribution;

		fl_quadrant_sum *qs = &s->quadrants[k->quadrant];
		qs->customers++;
		qs->revenue += c->revenue;
		qs->margin += m->margin;

		bool ok = true;
		if (m->margin < 0)
			ok = push(&s->loss, &s->loss_count, i);
		if (ok && e.after_service < 0)
			ok = push(&s->over_served, &s->over_served_count, i);
		if (ok && c->pin != FL_LEVEL_NONE && c->pin != k->computed)
			ok = push(&s->pin_differs, &s->pin_differs_count, i);
		if (ok && k->unprofitable)
			ok = push(&s->unprofitable, &s->unprofitable_count, i);
		if (ok)
			ok = change(s, i, c, k, &plan->econ);
		if (ok && plan->valued)
			ok = value_add(s, plan, pol, i, c, (fl_level)k->level);
		if (ok)
			ok = growth_add(s, pol, i, c, plan->econ.year_fraction);
		if (ok)
			ok = borderline(s, plan, i, c, m, k, borderline_pct);
		if (!ok) {
			free(profit);
			fl_summary_release(s);
			return FL_ERR_NOMEM;
		}
	}
	fl_profit_curve_compute(profit, plan->count, &s->curve);
	free(profit);
	s->net_delta = s->serve_more_delta + s->serve_less_delta;
	s->margin_pct = fl_percent(s->margin, s->revenue);
	s->after_service = s->contribution - s->service_cost;
	double f = plan->econ.year_fraction;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		fl_level_sum *ls = &s->levels[l];
		const fl_level_policy *lp = &pol->levels[l];
		double n = (double)ls->customers;
		ls->share = fl_percent(n, (double)s->customers);
		ls->margin_pct = fl_percent(ls->margin, ls->revenue);
		ls->contacts = lp->contacts * n;
		ls->contacts_period = lp->contacts * f * n;
		ls->service_cost = plan->econ.level_cost[l] * n;
		ls->after_service = ls->contribution - ls->service_cost;
	}
	for (int q = 0; q < 4; q++)
		s->quadrants[q].margin_pct = fl_percent(s->quadrants[q].margin,
		                                        s->quadrants[q].revenue);
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		value_done(&s->value[l], plan->spend);
	value_done(&s->value_total, plan->spend);
	if (!plan->spend)
		s->at_risk_clv = NAN;
	if (s->at_risk_count > 1)
		qsort(s->at_risk, s->at_risk_count, sizeof(*s->at_risk),
		      by_clv);
	if (s->growth_count > 1)
		qsort(s->growth, s->growth_count, sizeof(*s->growth),
		      by_untapped);
	if (!all_finite(s) || !value_finite(s, plan->spend) ||
	    !finite_or_name(s, s->growth_untapped, "the untapped potential of "
	                    "the customers with room to grow" OVER)) {
		/* Keep the name of the figure for the caller's message. */
		char what[sizeof(s->overflow)];
		memcpy(what, s->overflow, sizeof(what));
		fl_summary_release(s);
		memcpy(s->overflow, what, sizeof(what));
		return FL_ERR_INPUT;
	}
	return FL_OK;
}

void fl_summary_release(fl_summary *s)
{
	free(s->loss);
	free(s->over_served);
	free(s->pin_differs);
	free(s->borderline);
	free(s->unprofitable);
	free(s->serve_more);
	free(s->serve_less);
	free(s->group_levels);
	free(s->at_risk);
	free(s->growth);
	memset(s, 0, sizeof(*s));
}
