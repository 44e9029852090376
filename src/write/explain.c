/*
 * explain.c - every step of the model for one customer
 * (`focuslevel explain`), with its numbers.
 *
 * The steps come in the order they are computed (docs/model.md): the
 * input and its period, margin and order value, the group whose
 * thresholds apply, each axis, the quadrant and the grid level; then the
 * economics: cost to serve term by term, contribution, the level costs of
 * the period and the affordable level, the cap and the final level,
 * today's level and the change, and the service at the final level;
 * last, when some customer of the portfolio has order dates, the
 * customer value (docs/model.md, "Customer value").  Amounts have two
 * decimals; f, rates and counts their shortest round-trip form; the
 * fitted parameters six significant digits, probabilities, expected
 * orders and ratios six decimals (as assign writes p_alive and
 * expected_orders).  Every comparison and every result shown is computed
 * on the unrounded values.
 */
#include <focuslevel/loyalty.h>
#include <focuslevel/report.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "write/text.h"

/* Text from the portfolio or the policy: one line, no control characters. */
static void text(fl_out *o, const char *s)
{
	fl_text_write(o, s, strlen(s));
}

static const char *money(char *buf, double v)
{
	fl_fmt_money(buf, v);
	return buf;
}

static const char *shortest(char *buf, double v)
{
	fl_fmt_shortest(buf, v);
	return buf;
}

/* Where the cuts of an axis came from; `group` names the group whose
 * quantiles they are, NULL for the whole portfolio. */
static void source(fl_out *o, fl_source s, double q, const char *group)
{
	if (s == FL_SOURCE_GIVEN) {
		fl_out_puts(o, "given");
		return;
	}
	fl_out_printf(o, "quantile %.4g of ", q);
	if (group == NULL) {
		fl_out_puts(o, "the portfolio");
	} else {
		fl_out_puts(o, "group ");
		text(o, group);
	}
}

static void explain_axis(fl_out *o, const char *title, const fl_axis *a,
                         double x, fl_tier tier, const char *group)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];
	fl_out_printf(o, "%s: %s = %s\n", title, fl_basis_symbol(a->basis),
	              money(b1, x));
	fl_out_printf(o, "  cuts: %s (", money(b1, a->cut_low));
	source(o, a->cuts_source, a->q_low, group);
	fl_out_printf(o, ") and %s (", money(b2, a->cut_high));
	source(o, a->cuts_source, a->q_high, group);
	fl_out_puts(o, ")\n");
	switch (tier) {
	case FL_TIER_LOW:
		fl_out_printf(o, "  %s < %s -> tier low (0)\n", money(b1, x),
		              money(b2, a->cut_low));
		break;
	case FL_TIER_MEDIUM:
		fl_out_printf(o, "  %s <= %s < %s -> tier medium (1)\n",
		              money(b1, a->cut_low), money(b2, x),
		              money(b3, a->cut_high));
		break;
	case FL_TIER_HIGH:
		fl_out_printf(o, "  %s >= %s -> tier high (2)\n", money(b1, x),
		              money(b2, a->cut_high));
		break;
	}
}

static void explain_split(fl_out *o, const char *title, double x,
                          const fl_axis *a, const char *group)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX];
	bool high = x >= a->split;
	fl_out_printf(o, "  %s %s %s split %s (", title, money(b1, x),
	              high ? ">=" : "<", money(b2, a->split));
	source(o, a->split_source, a->q_split, group);
	fl_out_printf(o, "): %s\n", high ? "high" : "low");
}

/* The period and how its year fraction f was found. */
static void explain_period(fl_out *o, const fl_plan *plan)
{
	char b[FL_SHORTEST_MAX];
	const char *label = plan->period_label;
	double f = plan->econ.year_fraction;
	fl_period per;
	fl_out_puts(o, "\nperiod\n  ");
	if (plan->period_source != FL_PERIOD_ASSUMED &&
	    fl_period_parse(label, &per) == FL_PERIOD_OK) {
		text(o, label);
		if (per.source == FL_PERIOD_MONTHS)
			fl_out_printf(o, ": %ld month%s, f = %ld / 12 = %s\n",
			              per.months, per.months == 1 ? "" : "s",
			              per.months, shortest(b, f));
		else
			fl_out_printf(o, ": %ld day%s, not whole months, "
			              "f = %ld / 365 = %s\n", per.days,
			              per.days == 1 ? "" : "s", per.days,
			              shortest(b, f));
		return;
	}
	if (label[0] == '\0') {
		fl_out_puts(o, "none given");
	} else {
		text(o, label);
		fl_out_puts(o, " is not a date range");
	}
	fl_out_printf(o, ": f = %s assumed (the margins are taken as one "
	              "year's)\n", shortest(b, f));
}

/*
 * With groups: which group customer i is in and whose thresholds it
 * takes.  Returns the name its quantiles are shown with, NULL for the
 * whole portfolio's.
 */
static const char *explain_group(fl_out *o, const fl_plan *plan,
                                 const fl_policy *pol, size_t i)
{
	const fl_group *g = fl_plan_group(plan, i);
	if (g == NULL)
		return NULL;
	const char *name = fl_group_name(g);
	fl_out_puts(o, "\ngroup: ");
	text(o, name);
	fl_out_puts(o, "\n  ");
	if (g->segment[0] != '\0') {
		fl_out_puts(o, "segment ");
		text(o, g->segment);
	} else {
		fl_out_puts(o, "no segment");
	}
	/* With segments given in the policy (a thresholds file) the groups
	 * are the listed ones, whatever their size. */
	if (pol->group_count > 0) {
		if (g->own)
			fl_out_puts(o, ": thresholds given in the policy's "
			            "segments\n");
		else
			fl_out_puts(o, " is not in the policy's segments: the "
			            "whole portfolio's thresholds\n");
	} else {
		fl_out_printf(o, ": %zu customer%s, %s min_group %zu: %s\n",
		              g->customers, g->customers == 1 ? "" : "s",
		              g->own ? "at least" : "fewer than", plan->min_group,
		              g->own ? "its own thresholds"
		                     : "the whole portfolio's thresholds");
	}
	return g->own ? name : NULL;
}

/* The cost to serve, term by term with its running sum, in the order
 * fl_cost_to_serve adds them. */
static void explain_cts(fl_out *o, const fl_customer *c,
                        const fl_econ_params *e, double cts)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX];
	char r[FL_SHORTEST_MAX], n[FL_SHORTEST_MAX];
	const double *k = fl_customer_costing(c);
	fl_out_puts(o, "\ncost to serve, in the policy's order\n");
	if (k == NULL && e->activity_count == 0) {
		fl_out_printf(o, "  no service cost, no activities in the "
		              "policy: CTS = %s\n", money(b1, cts));
		return;
	}
	double acc = k != NULL ? k[0] : 0;
	fl_out_printf(o, "  service cost = %s%s\n", money(b1, acc),
	              k != NULL ? "" : " (none given)");
	for (size_t j = 0; j < e->activity_count; j++) {
		const fl_activity *a = &e->activities[j];
		bool orders = strcmp(a->name, FL_ACTIVITY_ORDERS) == 0;
		double count = orders ? (double)c->orders
		               : k != NULL ? k[1 + j] : 0;
		double amount = count * a->rate;
		acc += amount;
		fl_out_puts(o, "  + ");
		text(o, a->name);
		fl_out_printf(o, ": %s%s x %s = %s -> %s\n", orders ? "n = " : "",
		              shortest(n, count), shortest(r, a->rate),
		              money(b1, amount), money(b2, acc));
	}
	fl_out_printf(o, "  CTS = %s\n", money(b1, cts));
}

/* S_L of every level against s * pi, and the affordable level. */
static void explain_affordable(fl_out *o, const fl_policy *pol,
                               const fl_econ_params *e, double pi,
                               const fl_class *k)
{
	char yearly[FL_LEVEL_PARTNERSHIP + 1][FL_MONEY_MAX];
	char period[FL_LEVEL_PARTNERSHIP + 1][FL_MONEY_MAX];
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX];
	char s[FL_SHORTEST_MAX], f[FL_SHORTEST_MAX];
	double room = e->share * pi;
	int wy = 0, wp = 0;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		int ny = (int)fl_fmt_money(yearly[l], pol->levels[l].cost);
		int np = (int)fl_fmt_money(period[l], e->level_cost[l]);
		wy = ny > wy ? ny : wy;
		wp = np > wp ? np : wp;
	}
	shortest(f, e->year_fraction);
	fl_out_puts(o, "\naffordable level\n");
	fl_out_printf(o, "  s * pi = %s * %s = %s (s: the share of pi the "
	              "service may take)\n", shortest(s, e->share),
	              money(b1, pi), money(b2, room));
	fl_out_printf(o, "  S_L = yearly cost x f, for the period:\n");
	money(b1, room);
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		double cost = e->level_cost[l];
		fl_out_printf(o, "    %-12s %*s x %s = %*s %s %s%s\n",
		              fl_level_name((fl_level)l), wy, yearly[l], f, wp,
		              period[l], cost <= room ? "<=" : "> ", b1,
		              cost == room ? " (equal: it fits)" : "");
	}
	if (k->unprofitable)
		fl_out_puts(o, "  -> basic, unprofitable: not even basic fits\n");
	else
		fl_out_printf(o, "  -> %s: the highest level with S_L <= s * pi\n",
		              fl_level_name((fl_level)k->affordable));
}

/* How the grid level, a pin and the cap give the final level. */
static void explain_final(fl_out *o, const fl_customer *c,
                          const fl_econ_params *e, const fl_class *k)
{
	const char *grid = fl_level_name((fl_level)k->computed);
	const char *afford = fl_level_name((fl_level)k->affordable);
	const char *final = fl_level_name((fl_level)k->level);
	fl_out_printf(o, "\nfinal level\n  grid %s, affordable %s, cap %s\n",
	              grid, afford, fl_cap_name(e->cap));
	if (c->pin != FL_LEVEL_NONE)
		fl_out_printf(o, "  pinned: %s (a pin wins over the grid%s)\n",
		              final, e->cap ? " and the cap" : "");
	else if (!e->cap)
		fl_out_printf(o, "  -> %s, the grid level\n", final);
	else if (k->level < k->computed)
		fl_out_printf(o, "  -> min(%s, %s) = %s: the cap lowered it "
		              "from %s\n", grid, afford, final, grid);
	else
		fl_out_printf(o, "  -> min(%s, %s) = %s: the cap did not lower "
		              "it\n", grid, afford, final);
}

/* Today's level, the change and its cost for the period. */
static void explain_today(fl_out *o, const fl_customer *c,
                          const fl_econ_params *e, const fl_class *k)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];
	fl_out_puts(o, "\ntoday\n");
	if (c->current == FL_LEVEL_NONE) {
		fl_out_puts(o, "  no current level given: no change\n");
		return;
	}
	const char *now = fl_level_name((fl_level)c->current);
	const char *final = fl_level_name((fl_level)k->level);
	int d = (int)k->level - (int)c->current;
	fl_out_printf(o, "  served at %s, planned %s: ", now, final);
	if (d == 0)
		fl_out_puts(o, "same\n");
	else
		fl_out_printf(o, "%s %d\n", d > 0 ? "up" : "down", d > 0 ? d : -d);
	double s_new = e->level_cost[k->level];
	double s_now = e->level_cost[c->current];
	fl_out_printf(o, "  cost delta = S_%s - S_%s = %s - %s = %s\n", final,
	              now, money(b1, s_new), money(b2, s_now),
	              money(b3, s_new - s_now));
}

/* A day as YYYY-MM-DD. */
static const char *day(char *buf, long d)
{
	fl_date_format(buf, fl_date_of_days(d));
	return buf;
}

/* x, t_x and T of a customer with dates, from its order days. */
static void explain_history(fl_out *o, const fl_customer *c,
                            const fl_loyalty *l, long as_of)
{
	char d1[FL_DATE_MAX], d2[FL_DATE_MAX];
	if (c->form == FL_FORM_AGGREGATE)
		fl_out_printf(o, "  x   = n - 1 = %llu - 1 = %llu repeat "
		              "purchase%s\n", (unsigned long long)c->orders,
		              (unsigned long long)l->x, l->x == 1 ? "" : "s");
	else
		fl_out_printf(o, "  x   = order days - 1 = %llu - 1 = %llu "
		              "repeat purchase%s\n",
		              (unsigned long long)l->x + 1,
		              (unsigned long long)l->x, l->x == 1 ? "" : "s");
	fl_out_printf(o, "  t_x = last - first = %s - %s = %ld day%s\n",
	              day(d1, l->last), day(d2, l->first), l->t_x,
	              l->t_x == 1 ? "" : "s");
	fl_out_printf(o, "  T   = as of - first = %s - %s = %ld day%s\n",
	              day(d1, as_of), day(d2, l->first), l->tenure,
	              l->tenure == 1 ? "" : "s");
}

/* The fitted models, with what the fit said about their bounds. */
static void explain_fits(fl_out *o, const fl_plan *plan)
{
	const fl_bgnbd *bg = &plan->bgnbd;
	fl_out_printf(o, "  BG/NBD fitted on the %zu customer%s with dates: "
	              "r = %.6g, alpha = %.6g days, a = %.6g, b = %.6g\n",
	              bg->customers, bg->customers == 1 ? "" : "s", bg->r,
	              bg->alpha, bg->a, bg->b);
	if (bg->no_dropout)
		fl_out_puts(o, "    no dropout was detected: the likelihood "
		            "still rises as a -> 0 and b -> infinity, so the "
		            "fit stopped on the bounds of a and b\n");
	else if (bg->at_bound)
		fl_out_puts(o, "    a parameter ended on a bound of the fit: "
		            "the likelihood has no interior maximum there\n");
	if (!plan->spend)
		return;
	const fl_gamma_gamma *gg = &plan->gamma_gamma;
	fl_out_printf(o, "  Gamma-Gamma fitted on the %zu customer%s with "
	              "x >= 1 and mbar > 0: p = %.6g, q = %.6g, gamma = %.6g\n",
	              gg->customers, gg->customers == 1 ? "" : "s", gg->p,
	              gg->q, gg->gamma);
	if (gg->at_bound)
		fl_out_puts(o, "    a parameter ended on a bound of the fit: "
		            "the likelihood has no interior maximum there\n");
}

/* p_alive and E(horizon), their formulas filled in. */
static void explain_orders(fl_out *o, const fl_plan *plan,
                           const fl_customer_value *v)
{
	const fl_bgnbd *bg = &plan->bgnbd;
	const fl_clv_customer *h = &v->history;
	fl_out_puts(o, "  p_alive = 1 / (1 + [x > 0] a/(b+x-1) "
	            "((alpha+T)/(alpha+t_x))^(r+x))\n");
	if (h->x == 0)
		fl_out_printf(o, "          = 1 (x = 0: no repeat purchase, no "
		              "sign of dropping out) = %.6f\n", v->p_alive);
	else
		fl_out_printf(o, "          = 1 / (1 + %.6g/(%.6g+%.0f-1) "
		              "((%.6g+%.0f)/(%.6g+%.0f))^(%.6g+%.0f)) = %.6f\n",
		              bg->a, bg->b, h->x, bg->alpha, h->T, bg->alpha,
		              h->t_x, bg->r, h->x, v->p_alive);
	double t = plan->horizon_months * FL_MONTH_DAYS;
	fl_out_puts(o, "  E(t) = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))"
	            "^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] p_alive\n");
	fl_out_printf(o, "  expected orders in %u month%s, t = %u x 365/12 = "
	              "%.6g days: E(%.6g) = %.6f\n", plan->horizon_months,
	              plan->horizon_months == 1 ? "" : "s",
	              plan->horizon_months, t, t, v->expected_orders);
}

/* The population's mean spend per order, and where it comes from. */
static void explain_mean_value(fl_out *o, const fl_gamma_gamma *gg)
{
	char b1[FL_MONEY_MAX];
	if (gg->mean_infinite)
		fl_out_printf(o, "    q <= 1, the model's mean spend does not "
		              "exist: the observed mean of the repeat "
		              "transactions, sum(x mbar) / sum(x) = %s\n",
		              money(b1, gg->mean_value));
	else
		fl_out_printf(o, "    = gamma p / (q - 1) = %.6g * %.6g / (%.6g - "
		              "1) = %s\n", gg->gamma, gg->p, gg->q,
		              money(b1, gg->mean_value));
}

/* The expected value of an order, as fl_gamma_gamma_expected chooses it. */
static void explain_order_value(fl_out *o, const fl_customer *c,
                                const fl_gamma_gamma *gg,
                                const fl_customer_value *v)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX];
	const fl_clv_customer *h = &v->history;
	fl_out_puts(o, "  mbar = ");
	if (c->form == FL_FORM_AGGREGATE)
		fl_out_printf(o, "R / n = %s / %llu = %s\n", money(b1, c->revenue),
		              (unsigned long long)c->orders, money(b2, h->mbar));
	else if (h->x == 0)
		fl_out_puts(o, "0 (no repeat transaction)\n");
	else
		fl_out_printf(o, "the mean value of the %.0f order days after "
		              "the first = %s\n", h->x, money(b1, h->mbar));
	fl_out_puts(o, "  expected order value");
	if (h->x == 0 || !(h->mbar > 0)) {
		fl_out_printf(o, ": %s, the population mean\n",
		              h->x == 0 ? "x = 0"
		                        : "mbar <= 0 (not in the spend fit)");
		explain_mean_value(o, gg);
		return;
	}
	double den = gg->p * h->x + gg->q - 1;
	if (!(den > 0)) {
		fl_out_printf(o, ": p x + q - 1 = %.6g <= 0, the posterior mean "
		              "does not exist: mbar = %s\n", den,
		              money(b1, v->expected_order_value));
		return;
	}
	fl_out_printf(o, " = (gamma + mbar x) p / (p x + q - 1)\n"
	              "    = (%.6g + %s * %.0f) * %.6g / (%.6g * %.0f + %.6g - "
	              "1) = %s\n", gg->gamma, money(b1, h->mbar), h->x, gg->p,
	              gg->p, h->x, gg->q, money(b2, v->expected_order_value));
}

/* The lifetime value month by month, with its running sum. */
static fl_status explain_clv(fl_out *o, const fl_plan *plan,
                             const fl_customer *c, double contribution,
                             const fl_customer_value *v)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];
	char d[FL_SHORTEST_MAX], num[64];
	unsigned K = plan->horizon_months;
	fl_clv_terms terms = {
		.months = K,
		.discount_rate = plan->discount_rate,
		.margin_ratio = c->revenue != 0 ? contribution / c->revenue : 0,
	};
	fl_clv_month *m = malloc(K * sizeof(*m));
	if (m == NULL)
		return FL_ERR_NOMEM;
	double clv = fl_clv_value(&plan->bgnbd, &plan->gamma_gamma, &v->history,
	                          &terms, m);
	fl_out_printf(o, "  lifetime value over %u month%s, d = %s a year\n", K,
	              K == 1 ? "" : "s", shortest(d, terms.discount_rate));
	if (c->revenue != 0)
		fl_out_printf(o, "  c = pi / R = %s / %s = %.6f\n",
		              money(b1, contribution), money(b2, c->revenue),
		              terms.margin_ratio);
	else
		fl_out_puts(o, "  c = 0 (no revenue)\n");
	fl_out_puts(o, "  month k: (E(k m) - E((k-1) m)) x order value x c / "
	            "(1 + d)^(k/12), m = 365/12 days -> running sum\n");
	/* Align the columns: the widest of each over the horizon. */
	int wk = snprintf(num, sizeof(num), "%u", K);
	int wo = 0, wf = 0, wv = 0, ws = 0;
	double yearly = log1p(terms.discount_rate), sum = 0;
	for (unsigned k = 1; k <= K; k++) {
		int n = snprintf(num, sizeof(num), "%.6f", m[k - 1].orders);
		wo = n > wo ? n : wo;
		n = snprintf(num, sizeof(num), "%.6f", exp(yearly * k / 12.0));
		wf = n > wf ? n : wf;
		n = (int)fl_fmt_money(b1, m[k - 1].value);
		wv = n > wv ? n : wv;
		sum += m[k - 1].value;
		n = (int)fl_fmt_money(b1, sum);
		ws = n > ws ? n : ws;
	}
	money(b2, v->expected_order_value);
	sum = 0;
	for (unsigned k = 1; k <= K; k++) {
		sum += m[k - 1].value;
		fl_out_printf(o, "    month %*u: %*.6f x %s x %.6f / %*.6f = %*s "
		              "-> %*s\n", wk, k, wo, m[k - 1].orders, b2,
		              terms.margin_ratio, wf, exp(yearly * k / 12.0), wv,
		              money(b1, m[k - 1].value), ws, money(b3, sum));
	}
	fl_out_printf(o, "  clv = %s (the months' orders add up to E(%.6g) = "
	              "%.6f)\n", money(b1, clv), K * FL_MONTH_DAYS,
	              v->expected_orders);
	free(m);
	return FL_OK;
}

/*
 * Customer value (docs/model.md, "Customer value"), shown only when some
 * customer of the portfolio has dates: x, t_x, T, the fitted models,
 * p_alive, E(horizon), the expected order value and the lifetime value.
 */
static fl_status explain_value(fl_out *o, const fl_portfolio *p,
                               const fl_plan *plan, const fl_customer *c,
                               double contribution)
{
	char d1[FL_DATE_MAX];
	fl_loyalty l;
	fl_customer_value v;
	if (p->dated == 0)
		return FL_OK;
	fl_out_printf(o, "\ncustomer value, as of %s\n", day(d1, plan->as_of));
	if (!fl_loyalty_of(c, plan->as_of, &l)) {
		fl_out_puts(o, "  no order dates: no customer value\n");
		return FL_OK;
	}
	if (!fl_plan_value_of(plan, c, false, &v)) {
		/* A plan made without fl_plan_spec.value (the CLI always asks
		 * for it). */
		fl_out_puts(o, "  the plan has no customer-value fit: no "
		            "customer value\n");
		return FL_OK;
	}
	explain_history(o, c, &l, plan->as_of);
	explain_fits(o, plan);
	explain_orders(o, plan, &v);
	if (!plan->spend) {
		fl_out_puts(o, "  no customer has a repeat purchase of positive "
		            "value: no spend model, no expected order value, no "
		            "lifetime value\n");
		return FL_OK;
	}
	explain_order_value(o, c, &plan->gamma_gamma, &v);
	return explain_clv(o, plan, c, contribution, &v);
}

fl_status fl_explain_write(fl_out *o, const fl_portfolio *p,
                           const fl_plan *plan, const fl_policy *pol,
                           size_t i)
{
	const fl_customer *c = &p->customers[i];
	fl_metrics mtv = fl_metrics_of(c);
	const fl_metrics *mt = &mtv;
	const fl_class *k = &plan->classes[i];
	const fl_thresholds *t = fl_plan_thresholds_of(plan, i);
	const fl_econ_params *e = &plan->econ;
	fl_econ_figures ec = fl_econ_of(c, (fl_level)k->level, e);
	const char *final = fl_level_name((fl_level)k->level);
	const fl_level_policy *lp = &pol->levels[k->level];
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];
	char f[FL_SHORTEST_MAX];

	fl_out_puts(o, "customer ");
	text(o, c->id);
	fl_out_puts(o, ": ");
	text(o, c->name);
	if (c->segment[0]) {
		fl_out_puts(o, " (segment ");
		text(o, c->segment);
		fl_out_putc(o, ')');
	}
	fl_out_putc(o, '\n');
	if (c->form == FL_FORM_DETAILED)
		fl_out_printf(o, "input: a list of %llu order%s\n",
		              (unsigned long long)c->orders, c->orders == 1 ? "" : "s");
	else
		fl_out_puts(o, "input: revenue, cost and an order count\n");
	fl_out_printf(o, "  revenue R = %s%s\n", money(b1, c->revenue),
	              c->form == FL_FORM_DETAILED ? " (sum of the order values)" : "");
	fl_out_printf(o, "  cost    C = %s%s\n", money(b1, c->cost),
	              c->form == FL_FORM_DETAILED ? " (sum of the order costs)" : "");
	fl_out_printf(o, "  orders  n = %llu\n", (unsigned long long)c->orders);
	explain_period(o, plan);
	fl_out_puts(o, "\nmargin\n");
	fl_out_printf(o, "  M = R - C = %s - %s = %s\n", money(b1, c->revenue),
	              money(b2, c->cost), money(b3, mt->margin));
	if (c->revenue == 0)
		fl_out_puts(o, "  P = 0 (no revenue)\n");
	else
		fl_out_printf(o, "  P = 100 * M / R = %s %%\n",
		              money(b1, mt->margin_pct));
	fl_out_puts(o, "\norder value\n");
	if (c->orders == 0)
		fl_out_puts(o, "  V = 0 (no orders)\n");
	else
		fl_out_printf(o, "  V = R / n = %s / %llu = %s\n",
		              money(b1, c->revenue), (unsigned long long)c->orders,
		              money(b2, mt->order_value));
	const char *group = explain_group(o, plan, pol, i);
	fl_out_putc(o, '\n');
	double xm = fl_plan_axis_value(plan, t->margin.basis, i, c, mt);
	double xv = fl_plan_axis_value(plan, t->value.basis, i, c, mt);
	explain_axis(o, "margin axis", &t->margin, xm, k->margin_tier, group);
	fl_out_putc(o, '\n');
	explain_axis(o, "value axis", &t->value, xv, k->value_tier, group);
	fl_out_puts(o, "\nquadrant\n");
	explain_split(o, "margin", xm, &t->margin, group);
	explain_split(o, "value ", xv, &t->value, group);
	fl_out_printf(o, "  -> %s\n", fl_quadrant_name(k->quadrant));
	fl_out_puts(o, "\nlevel\n");
	fl_out_printf(o, "  1 + margin tier %d + value tier %d = %d -> %s\n",
	              (int)k->margin_tier, (int)k->value_tier, (int)k->computed,
	              fl_level_name(k->computed));
	if (c->pin != FL_LEVEL_NONE) {
		fl_out_printf(o, "  pinned to %s", fl_level_name(c->pin));
		if (fl_customer_reason(c)[0]) {
			fl_out_puts(o, ": ");
			text(o, fl_customer_reason(c));
		}
		fl_out_putc(o, '\n');
	}
	explain_cts(o, c, e, ec.cost_to_serve);
	fl_out_puts(o, "\ncontribution\n");
	fl_out_printf(o, "  pi = M - CTS = %s - %s = %s\n", money(b1, mt->margin),
	              money(b2, ec.cost_to_serve), money(b3, ec.contribution));
	explain_affordable(o, pol, e, ec.contribution, k);
	explain_final(o, c, e, k);
	explain_today(o, c, e, k);
	fl_out_printf(o, "\nservice at %s: ", final);
	text(o, lp->description);
	fl_out_putc(o, '\n');
	for (size_t a = 0; a < lp->action_count; a++) {
		fl_out_puts(o, "  - ");
		text(o, lp->actions[a]);
		fl_out_putc(o, '\n');
	}
	shortest(f, e->year_fraction);
	fl_out_printf(o, "  contacts per year: %s\n", money(b1, lp->contacts));
	fl_out_printf(o, "  contacts in the period: %s x %s = %s\n",
	              money(b1, lp->contacts), f,
	              money(b2, lp->contacts * e->year_fraction));
	fl_out_printf(o, "  service cost for the period: S_%s = %s x %s = %s\n",
	              final, money(b1, lp->cost), f, money(b2, ec.level_cost));
	fl_out_printf(o, "  after service = pi - S_%s = %s - %s = %s\n", final,
	              money(b1, ec.contribution), money(b2, ec.level_cost),
	              money(b3, ec.after_service));
	fl_status st = explain_value(o, p, plan, c, ec.contribution);
	if (st != FL_OK)
		return st;
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}
