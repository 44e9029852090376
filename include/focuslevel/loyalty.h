/*
 * loyalty.h - a customer's order dates seen from an as-of date: first and
 * last order, recency, tenure and repeat purchases (docs/model.md,
 * "Loyalty figures").
 *
 * A transaction is one order day of a customer (the orders of one day are
 * one transaction, as the `lifetimes` package aggregates them).  Days are
 * counted from 1970-01-01 (fl_date_days).
 */
#ifndef FOCUSLEVEL_LOYALTY_H
#define FOCUSLEVEL_LOYALTY_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The loyalty figures of one customer, in days. */
typedef struct fl_loyalty {
	long first;              /* first order day */
	long last;               /* last order day */
	long recency;            /* as_of - last */
	long tenure;             /* T = as_of - first */
	long t_x;                /* last - first */
	uint64_t x;              /* repeat purchases: transactions - 1 (the
	                          * aggregate form: orders - 1) */
} fl_loyalty;

/*
 * The figures of customer c at the as-of day `as_of`.  Returns false
 * (*out untouched) when c has no order dates or as_of is FL_DAY_NONE.
 * fl_loyalty_check has made sure that no order is after as_of.
 */
bool fl_loyalty_of(const fl_customer *c, long as_of, fl_loyalty *out);

/*
 * Check that no customer of p has an order after `as_of`: one error per
 * customer that has, naming it and its last order date, at the line where
 * the customer starts (YAML) and its path (customers[N].orders, or
 * .last_order for the aggregate form).  Returns FL_OK, FL_ERR_INPUT
 * (see d) or FL_ERR_NOMEM.  Nothing to check when as_of is FL_DAY_NONE.
 */
fl_status fl_loyalty_check(const fl_portfolio *p, long as_of, fl_diags *d);

#ifdef __cplusplus
}
#endif
#endif
