/*
 * economics.c - affordable levels and the cap (economics.h).
 */
#include <focuslevel/economics.h>

#include <math.h>
#include <string.h>

fl_level fl_affordable_level(double pi, const fl_econ_params *e,
                             bool *unprofitable)
{
	double room = e->share * pi;
	fl_level a = FL_LEVEL_NONE;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		if (e->level_cost[l] <= room)
			a = (fl_level)l;
	*unprofitable = a == FL_LEVEL_NONE;
	return a == FL_LEVEL_NONE ? FL_LEVEL_BASIC : a;
}

fl_level fl_capped_level(fl_level grid, fl_level pin, fl_level affordable,
                         bool cap)
{
	if (pin != FL_LEVEL_NONE)
		return pin;
	return cap && affordable < grid ? affordable : grid;
}

double fl_cost_to_serve(const fl_customer *c, const fl_econ_params *e)
{
	const double *k = fl_customer_costing(c);
	double cts = k != NULL ? k[0] : 0;
	for (size_t j = 0; j < e->activity_count; j++) {
		const fl_activity *a = &e->activities[j];
		double count = strcmp(a->name, FL_ACTIVITY_ORDERS) == 0
		               ? (double)c->orders : k != NULL ? k[1 + j] : 0;
		cts += count * a->rate;
	}
	return cts;
}

double fl_wallet_share(const fl_customer *c, double year_fraction)
{
	double potential = fl_customer_potential(c);
	if (isnan(potential) || potential == 0)
		return NAN;
	return 100.0 * (c->revenue / year_fraction) / potential;
}

double fl_untapped_potential(const fl_customer *c, double year_fraction)
{
	return fl_customer_potential(c) - c->revenue / year_fraction;
}

fl_econ_figures fl_econ_of(const fl_customer *c, fl_level level,
                           const fl_econ_params *e)
{
	fl_econ_figures f;
	f.cost_to_serve = fl_cost_to_serve(c, e);
	/* M = R - C, as fl_metrics_of has it. */
	f.contribution = (c->revenue - c->cost) - f.cost_to_serve;
	f.level_cost = e->level_cost[level];
	f.after_service = f.contribution - f.level_cost;
	return f;
}
