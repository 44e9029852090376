/*
 * order_days.h - the transactions of a customer's dated orders
 * (docs/model.md, "Loyalty figures"), shared by the detailed form's rules
 * (schema.c) and the order-line loader (load_csv.c), so that the same
 * orders give the same first and last day, x and mbar, to the bit.
 *
 * An order's date is given as a key: any int32_t that sorts as the dates
 * do (schema.c packs year, month and day into bits; load_csv.c uses the
 * day count).  The caller turns the first and the last key back into days.
 */
#ifndef FL_LOAD_ORDER_DAYS_H
#define FL_LOAD_ORDER_DAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* Room for the orders of most customers, without an allocation. */
#define FL_ORDER_DAYS_STACK 32

typedef struct fl_order_days {
	int32_t *key;         /* per dated order, in input order */
	double *value;
	size_t n;             /* dated orders */
	bool sorted;          /* keys non-decreasing in input order */
	int32_t first, last;  /* the smallest and largest key */
	int32_t key_stack[FL_ORDER_DAYS_STACK];
	double value_stack[FL_ORDER_DAYS_STACK];
} fl_order_days;

/* No order yet. */
void fl_order_days_init(fl_order_days *od);

/*
 * Keep the date key k and the value v of one more dated order, of at most
 * `count` that the customer has (room for all of them is taken, in
 * `scratch`, at the first one past the stack).  False when out of memory.
 */
bool fl_order_days_add(fl_order_days *od, fl_arena *scratch, size_t count,
                       int32_t k, double v);

/*
 * The transactions (od->n > 0): one per order day, *x = days - 1, and
 * *mbar, the mean value of the transactions after the first day's, whose
 * values are summed as such, in input order, rather than subtracted from
 * R (R - the first day can round to a tiny amount where there is none).
 * *first and *last are the smallest and largest keys.  Sorts od's keys.
 */
void fl_order_days_finish(fl_order_days *od, int32_t *first, int32_t *last,
                          uint32_t *x, double *mbar);

#endif
