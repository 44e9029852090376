/*
 * row.c - one customer's row of the `assign` columns, formatted.
 */
#include <inttypes.h>
#include <string.h>

#include "write/assign_int.h"

void fl_row_fill(fl_row *r, const fl_customer *c, const fl_class *k)
{
	fl_metrics mm = fl_metrics_of(c);
	const fl_metrics *m = &mm;
	r->cell[FL_COL_ID] = c->id;
	r->cell[FL_COL_NAME] = c->name;
	r->cell[FL_COL_SEGMENT] = c->segment;
	/* Digits by hand: snprintf is slow for a million rows. */
	char *end = r->num[0] + 24, *p = end;
	uint64_t u = c->orders;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	r->cell[FL_COL_ORDERS] = p;
	r->len[FL_COL_ORDERS] = (size_t)(end - p);
	const double v[5] = { c->revenue, c->cost, m->margin, m->margin_pct,
	                      m->order_value };
	for (int i = 0; i < 5; i++) {
		r->len[FL_COL_REVENUE + i] = fl_fmt_fixed2(r->num[i + 1], v[i]);
		r->cell[FL_COL_REVENUE + i] = r->num[i + 1];
	}
	r->cell[FL_COL_MARGIN_TIER] = fl_tier_name(k->margin_tier);
	r->cell[FL_COL_VALUE_TIER] = fl_tier_name(k->value_tier);
	r->cell[FL_COL_QUADRANT] = fl_quadrant_name(k->quadrant);
	r->cell[FL_COL_LEVEL] = fl_level_name(k->level);
	r->cell[FL_COL_PINNED] = c->pin != FL_LEVEL_NONE ? "yes" : "no";
	static const int text[] = {
		FL_COL_ID, FL_COL_NAME, FL_COL_SEGMENT, FL_COL_MARGIN_TIER,
		FL_COL_VALUE_TIER, FL_COL_QUADRANT, FL_COL_LEVEL, FL_COL_PINNED,
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		r->len[text[i]] = strlen(r->cell[text[i]]);
}

