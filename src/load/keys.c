/*
 * keys.c - the keys of a portfolio that are read (see keys.h).
 */
#include "load/keys.h"

#include <string.h>

const char *const fl_load_top_keys[] = { "portfolio", "currency", "period",
                                         "thresholds",
                                         NULL };
const char *const fl_load_customer_keys[] = {
	"id", "name", "segment", "revenue", "cost", "orders", "level", "reason",
	"current_level", "service_cost", "activities", "first_order",
	"last_order", "potential",
	NULL
};
const char *const fl_load_order_keys[] = { "value", "cost", "date", "credit",
                                           NULL };
