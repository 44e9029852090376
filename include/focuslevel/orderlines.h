/*
 * orderlines.h - order lines (CSV/TSV exports: one row per order line)
 * aggregated into customers with their orders, as `import` writes them
 * (docs/import.md; the rules in docs/model.md, "Order lines").
 *
 * fl_portfolio_load reads the same files into a portfolio; this API keeps
 * the orders themselves, for writing the portfolio in the detailed form.
 */
#ifndef FOCUSLEVEL_ORDERLINES_H
#define FOCUSLEVEL_ORDERLINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "portfolio.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fl_order.next of a customer's last order. */
#define FL_ORDER_END UINT32_MAX

/*
 * One order: the lines with the same customer id and order number.  value
 * and cost are the sums of its lines in file order, day the earliest day
 * of its dated lines (days since 1970-01-01, FL_DAY_NONE when none has a
 * date).  An order whose value is <= 0 is a credit note: it adds to the
 * customer's revenue and cost but is not counted and has no transaction
 * day.
 */
typedef struct fl_order {
	double value;
	double cost;
	int32_t day;
	uint32_t line;       /* its first line in the file */
	uint32_t next;       /* the customer's next order, or FL_ORDER_END */
} fl_order;

/* One customer, in the order of its first line.  Strings live in the
 * fl_orderlines' arena: never free them.  name is the id when no line
 * gave one; segment is "" when none did. */
typedef struct fl_line_customer {
	const char *id;
	const char *name;
	const char *segment;
	uint32_t line;       /* its first line */
	uint32_t first;      /* its first order (index into orders) */
	uint32_t count;      /* its orders, credit notes included */
	/* false when the customer is invalid (left out with skip_invalid) */
	bool valid;
} fl_line_customer;

/* Order lines aggregated.  Owns everything it points to. */
typedef struct fl_orderlines {
	fl_line_customer *customers;
	size_t count;
	fl_order *orders;
	size_t order_count;
	struct fl_arena *arena;
} fl_orderlines;

/*
 * Read order lines from `fp` (a CSV or TSV file: FL_INPUT_CSV or
 * FL_INPUT_TSV from opts->format or name's extension; anything else is an
 * error), with the same checks as fl_portfolio_load.  On FL_OK *out holds
 * the customers (release them with fl_orderlines_free), the invalid ones
 * included with valid false when opts->skip_invalid; `diags` may hold
 * warnings.  On any other status *out is NULL and `diags` says why.
 */
fl_status fl_orderlines_load(FILE *fp, const char *name,
                             const fl_load_options *opts,
                             fl_orderlines **out, fl_diags *diags);

/* Like fl_orderlines_load, from memory. */
fl_status fl_orderlines_load_mem(const char *data, size_t len,
                                 const char *name,
                                 const fl_load_options *opts,
                                 fl_orderlines **out, fl_diags *diags);

/*
 * Write the valid customers as a portfolio in the detailed form (YAML, or
 * JSON when json), each order {value, cost, date} with two decimals, a
 * credit note (value <= 0) with credit: true.  A write error shows in o
 * (fl_out_failed).
 */
struct fl_out;
void fl_orderlines_write(struct fl_out *o, const fl_orderlines *ol,
                         bool json);

/* Release order lines and everything they own.  NULL is a no-op. */
void fl_orderlines_free(fl_orderlines *o);

#ifdef __cplusplus
}
#endif
#endif
