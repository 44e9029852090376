/*
 * columns.h - the names of the per-customer fields of the outputs, in one
 * table that the writers (write/columns.c, write/assign_json.c) and the
 * reader of `assign -O json` outputs (load/assign_output.c) share: a
 * renamed column is renamed on both sides.
 */
#ifndef FL_MODEL_COLUMNS_H
#define FL_MODEL_COLUMNS_H

#include <stdbool.h>

/* The columns of `assign`, in output order. */
enum {
	FL_COL_ID, FL_COL_NAME, FL_COL_SEGMENT, FL_COL_ORDERS, FL_COL_REVENUE,
	FL_COL_COST, FL_COL_MARGIN, FL_COL_MARGIN_PCT, FL_COL_ORDER_VALUE,
	FL_COL_MARGIN_TIER, FL_COL_VALUE_TIER, FL_COL_QUADRANT, FL_COL_LEVEL,
	FL_COL_PINNED, FL_NCOLS
};

extern const char *const fl_col_names[FL_NCOLS];
/* Numeric columns: never formula-escaped, numbers in JSON. */
extern const bool fl_col_numeric[FL_NCOLS];

/*
 * The keys of the JSON outputs around the columns: the top-level object of
 * `assign -O json` and its "thresholds" object (one per axis).
 */
#define FL_KEY_PORTFOLIO "portfolio"
#define FL_KEY_CURRENCY "currency"
#define FL_KEY_PERIOD "period"
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
