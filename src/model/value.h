/*
 * value.h - the customer-value fit of a plan (model.h, fl_plan.valued).
 */
#ifndef FL_MODEL_VALUE_H
#define FL_MODEL_VALUE_H

#include <focuslevel/model.h>

/*
 * When some customer of p has dates and plan->as_of is a day: fit BG/NBD
 * on every customer with dates and Gamma-Gamma on those with x >= 1 and
 * mbar > 0, into plan (valued, spend, bgnbd, gamma_gamma).  Otherwise
 * nothing changes.  Returns FL_OK or FL_ERR_NOMEM.
 */
fl_status fl_plan_value_fit(const fl_portfolio *p, fl_plan *plan);

#endif
