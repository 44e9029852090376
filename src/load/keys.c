/*
 * keys.c - the keys of a portfolio that are read (see keys.h).
 */
#include "load/keys.h"

#include <string.h>

const char *const fl_load_top_keys[] = { "portfolio", "currency", "period",
                                         NULL };
const char *const fl_load_customer_keys[] = {
	"id", "name", "segment", "revenue", "cost", "orders", "level", "reason",
	NULL
};
const char *const fl_load_order_keys[] = { "value", "cost", "date", NULL };

static bool key_in(const char *const *keys, const char *key, size_t len)
{
	for (; *keys != NULL; keys++) {
		if (strlen(*keys) == len && memcmp(*keys, key, len) == 0)
			return true;
	}
	return false;
}

bool fl_load_skip_key(bool strict, fl_load_in in, const char *key,
                      size_t len, fl_load_in *child)
{
	*child = FL_IN_ANY;
	switch (in) {
	case FL_IN_ANY:
		return false;
	case FL_IN_ORDERS:
		*child = FL_IN_ORDER;
		return false;
	case FL_IN_TOP:
		if (len == 9 && memcmp(key, "customers", 9) == 0)
			return false;
		return !strict && !key_in(fl_load_top_keys, key, len);
	case FL_IN_CUSTOMER:
		if (len == 6 && memcmp(key, "orders", 6) == 0) {
			*child = FL_IN_ORDERS;
			return false;
		}
		return !strict && !key_in(fl_load_customer_keys, key, len);
	case FL_IN_ORDER:
		return !strict && !key_in(fl_load_order_keys, key, len);
	}
	return false;
}
