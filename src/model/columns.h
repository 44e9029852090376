/*
 * columns.h - the names of the per-customer fields of the outputs, in one
 * table that the writers (write/columns.c, write/assign_json.c) and the
 * reader of `assign -O json` outputs (load/assign_output.c) share: a
 * renamed column is renamed on both sides.
 */
#ifndef FL_MODEL_COLUMNS_H
#define FL_MODEL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

/* The columns of `assign`: the default ones in output order (the first
 * FL_NCOLS_DEFAULT), then the economics', the loyalty figures' (from
 * FL_COL_FIRST_ORDER), the customer value's (FL_COL_P_ALIVE to FL_COL_CLV)
 * and the share of wallet's (from FL_COL_POTENTIAL; --columns). */
enum {
	FL_COL_ID, FL_COL_NAME, FL_COL_SEGMENT, FL_COL_ORDERS, FL_COL_REVENUE,
	FL_COL_COST, FL_COL_MARGIN, FL_COL_MARGIN_PCT, FL_COL_ORDER_VALUE,
	FL_COL_MARGIN_TIER, FL_COL_VALUE_TIER, FL_COL_QUADRANT, FL_COL_LEVEL,
	FL_COL_PINNED,
	FL_COL_COST_TO_SERVE, FL_COL_CONTRIBUTION, FL_COL_LEVEL_COST,
	FL_COL_AFTER_SERVICE, FL_COL_AFFORDABLE, FL_COL_UNPROFITABLE,
	FL_COL_COMPUTED, FL_COL_CURRENT, FL_COL_CHANGE, FL_COL_GROUP,
	FL_COL_FIRST_ORDER, FL_COL_LAST_ORDER, FL_COL_RECENCY, FL_COL_TENURE,
	FL_COL_REPEAT, FL_COL_P_ALIVE, FL_COL_EXPECTED_ORDERS,
	FL_COL_EXPECTED_ORDER_VALUE, FL_COL_CLV, FL_COL_POTENTIAL,
	FL_COL_WALLET_SHARE,
	FL_NCOLS
};
#define FL_NCOLS_DEFAULT (FL_COL_PINNED + 1)

extern const char *const fl_col_names[FL_NCOLS];
/* Numeric columns: never formula-escaped, numbers in JSON. */
extern const bool fl_col_numeric[FL_NCOLS];

/*
 * Parse a --columns list: comma-separated column names, where "default"
 * stands for the default columns and "all" for every column, in table
 * order.  Sets out[0..*n) (room for FL_NCOLS) and returns NULL; else
 * returns the first name that is unknown or repeats (a pointer into
 * `list`, ending at the next comma) and sets *bad_len to its length.
 */
const char *fl_columns_parse(const char *list, unsigned char *out, size_t *n,
                             size_t *bad_len);

/*
 * The keys of the JSON outputs around the columns: the top-level object of
 * `assign -O json` and its "thresholds" object (one per axis).
 */
#define FL_KEY_PORTFOLIO "portfolio"
#define FL_KEY_CURRENCY "currency"
#define FL_KEY_PERIOD "period"
#define FL_KEY_YEAR_FRACTION "year_fraction"
#define FL_KEY_PERIOD_SOURCE "period_source"
#define FL_KEY_AS_OF "as_of"
#define FL_KEY_COUNT "count"
#define FL_KEY_SKIPPED "skipped"
#define FL_KEY_CUSTOMERS "customers"
#define FL_KEY_THRESHOLDS "thresholds"
#define FL_KEY_AXIS_MARGIN "margin"
#define FL_KEY_AXIS_VALUE "value"
#define FL_KEY_BASIS "basis"
#define FL_KEY_CUTS "cuts"
#define FL_KEY_CUTS_SOURCE "cuts_source"
#define FL_KEY_SPLIT "split"
#define FL_KEY_SPLIT_SOURCE "split_source"
#define FL_KEY_QUANTILES "quantiles"

#endif
