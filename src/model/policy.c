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

