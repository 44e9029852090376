/*
 * policy.c - the policy's values: the built-in defaults, and releasing a
 * policy.  Loading is load/policy_load.c, writing write/policy_yaml.c.
 */
#include <focuslevel/policy.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

static const char *const default_actions[][3] = {
	[FL_LEVEL_BASIC] = { "no follow-up after the sale" },
	[FL_LEVEL_REACTIVE] = {
		"invite the customer to call with questions or problems",
	},
	[FL_LEVEL_ACCOUNTABLE] = {
		"call within two weeks of delivery: does the product meet "
		"expectations?",
		"ask what could be better",
	},
	[FL_LEVEL_PROACTIVE] = {
		"contact the customer regularly with tips for getting more from "
		"the product",
	},
	[FL_LEVEL_PARTNERSHIP] = {
		"work continuously with the customer as a consultant",
		"a technician on site a few days a month",
	},
};

static const double default_contacts[] = { 0, 0, 0, 1, 4, 24 };

fl_policy *fl_policy_default(void)
{
	fl_policy *p = calloc(1, sizeof(*p));
	if (p == NULL || (p->arena = fl_arena_new()) == NULL) {
		free(p);
		return NULL;
	}
	fl_threshold_spec_init(&p->thresholds);
	p->service_share = 1;
	p->min_group = 20;
	p->horizon_months = 12;
	p->discount_rate = 0.10;
	p->at_risk_below = 0.5;
	p->share_below = 25;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		fl_level_policy *lp = &p->levels[l];
		lp->description = fl_level_description((fl_level)l);
		size_t n = 0;
		while (n < 3 && default_actions[l][n] != NULL)
			n++;
		lp->actions = default_actions[l];
		lp->action_count = n;
		lp->contacts = default_contacts[l];
		lp->cost = 0;
	}
	return p;
}

void fl_policy_free(fl_policy *p)
{
	if (p == NULL)
		return;
	fl_arena_free(p->arena);
	free(p);
}


void fl_policy_econ(const fl_policy *p, double f, fl_econ_params *out)
{
	memset(out, 0, sizeof(*out));
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		out->level_cost[l] = p->levels[l].cost * f;
	out->share = p->service_share;
	out->cap = p->cap;
	out->year_fraction = f;
	out->activities = p->activities;
	out->activity_count = p->activity_count;
}

bool fl_policy_needs_period(const fl_policy *p, const fl_portfolio *portfolio)
{
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		if (p->levels[l].cost != 0)
			return true;
	for (size_t j = 0; j < p->activity_count; j++)
		if (p->activities[j].rate != 0)
			return true;
	if (portfolio != NULL)
		for (size_t i = 0; i < portfolio->count; i++) {
			const fl_customer *c = &portfolio->customers[i];
			const double *k = fl_customer_costing(c);
			double potential = fl_customer_potential(c);
			if ((k != NULL && k[0] != 0) ||
			    (!isnan(potential) && potential != 0))
				return true;
		}
	return false;
}

fl_status fl_policy_take_thresholds(fl_policy *p, const fl_policy *t)
{
	p->thresholds = t->thresholds;
	if (t->by != FL_BY_SEGMENT)
		return FL_OK;
	fl_group_spec *g = fl_arena_alloc(p->arena,
	                                  (t->group_count + 1) * sizeof(*g));
	if (g == NULL)
		return FL_ERR_NOMEM;
	for (size_t i = 0; i < t->group_count; i++) {
		g[i] = t->groups[i];
		g[i].segment = fl_arena_strndup(p->arena, t->groups[i].segment,
		                                 strlen(t->groups[i].segment));
		if (g[i].segment == NULL)
			return FL_ERR_NOMEM;
	}
	p->by = FL_BY_SEGMENT;
	p->groups = g;
	p->group_count = t->group_count;
	return FL_OK;
}
