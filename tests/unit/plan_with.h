/*
 * plan_with.h - classify with thresholds alone (the economics at their
 * defaults: no service costs, no cap, no groups), for the tests of what
 * came before them.
 */
#ifndef TEST_PLAN_WITH_H
#define TEST_PLAN_WITH_H

#include <focuslevel/model.h>

static inline fl_status plan_with(const fl_portfolio *p,
                                  const fl_threshold_spec *t, fl_plan *plan)
{
	fl_plan_spec s;
	fl_plan_spec_init(&s);
	s.thresholds = *t;
	return fl_plan_compute(p, &s, plan);
}

#endif
