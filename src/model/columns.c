/*
 * columns.c - the column table (columns.h).
 */
#include "model/columns.h"

const char *const fl_col_names[FL_NCOLS] = {
	"id", "name", "segment", "orders", "revenue", "cost", "margin",
	"margin_pct", "order_value", "margin_tier", "value_tier", "quadrant",
	"level", "pinned",
};

const bool fl_col_numeric[FL_NCOLS] = {
	[FL_COL_ORDERS] = true, [FL_COL_REVENUE] = true, [FL_COL_COST] = true,
	[FL_COL_MARGIN] = true, [FL_COL_MARGIN_PCT] = true,
	[FL_COL_ORDER_VALUE] = true,
};
