/*
 * columns.c - the column table (columns.h).
 */
#include "model/columns.h"

#include <string.h>

const char *const fl_col_names[FL_NCOLS] = {
	"id", "name", "segment", "orders", "revenue", "cost", "margin",
	"margin_pct", "order_value", "margin_tier", "value_tier", "quadrant",
	"level", "pinned",
	"cost_to_serve", "contribution", "level_cost", "after_service",
	"affordable_level", "unprofitable", "computed_level", "current_level",
	"change", "group", "first_order", "last_order", "recency_days",
	"tenure_days", "repeat_purchases", "p_alive", "expected_orders",
	"expected_order_value", "clv", "potential", "wallet_share",
};

const bool fl_col_numeric[FL_NCOLS] = {
	[FL_COL_ORDERS] = true, [FL_COL_REVENUE] = true, [FL_COL_COST] = true,
	[FL_COL_MARGIN] = true, [FL_COL_MARGIN_PCT] = true,
	[FL_COL_ORDER_VALUE] = true, [FL_COL_COST_TO_SERVE] = true,
	[FL_COL_CONTRIBUTION] = true, [FL_COL_LEVEL_COST] = true,
	[FL_COL_AFTER_SERVICE] = true, [FL_COL_RECENCY] = true,
	[FL_COL_TENURE] = true, [FL_COL_REPEAT] = true,
	[FL_COL_P_ALIVE] = true, [FL_COL_EXPECTED_ORDERS] = true,
	[FL_COL_EXPECTED_ORDER_VALUE] = true, [FL_COL_CLV] = true,
	[FL_COL_POTENTIAL] = true, [FL_COL_WALLET_SHARE] = true,
};

/* Add columns first..last (exclusive) to out; false when one repeats. */
static bool add_range(unsigned char *out, size_t *n, int first, int last)
{
	for (int c = first; c < last; c++) {
		for (size_t k = 0; k < *n; k++)
			if (out[k] == c)
				return false;
		out[(*n)++] = (unsigned char)c;
	}
	return true;
}

const char *fl_columns_parse(const char *list, unsigned char *out, size_t *n,
                             size_t *bad_len)
{
	*n = 0;
	const char *s = list;
	for (;;) {
		const char *end = strchr(s, ',');
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
		int first = -1, last = -1;
		if (len == 7 && memcmp(s, "default", 7) == 0) {
			first = 0;
			last = FL_NCOLS_DEFAULT;
		} else if (len == 3 && memcmp(s, "all", 3) == 0) {
			first = 0;
			last = FL_NCOLS;
		} else {
			for (int c = 0; c < FL_NCOLS; c++)
				if (strlen(fl_col_names[c]) == len &&
				    memcmp(fl_col_names[c], s, len) == 0)
					first = c, last = c + 1;
		}
		if (first < 0 || *n + (size_t)(last - first) > FL_NCOLS ||
		    !add_range(out, n, first, last)) {
			*bad_len = len;
			return s;
		}
		if (end == NULL)
			return NULL;
		s = end + 1;
	}
}
