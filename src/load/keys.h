/*
 * keys.h - the keys of a portfolio that are read, so that the loaders can
 * skip the values that nothing reads.
 *
 * The value of a key that is not in the list of its mapping is ignored (an
 * error under --strict): the loaders check its syntax as they read it and
 * never build it, so memory follows the customers, not the bytes of what
 * is ignored.
 */
#ifndef FL_KEYS_H
#define FL_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Where a value stands. */
typedef enum fl_load_in {
	FL_IN_ANY = 0,      /* everything is built (policies, known fields) */
	FL_IN_TOP,          /* the top-level mapping of a portfolio */
	FL_IN_CUSTOMER,     /* a customer mapping */
	FL_IN_ORDERS,       /* a customer's orders list */
	FL_IN_ORDER         /* one order mapping */
} fl_load_in;

/*
 * The keys schema.c reads, NULL-terminated: of the top-level mapping
 * (besides customers), of a customer and of an order.  The value of any
 * other key is skipped unread: a key schema.c reads must be listed here.
 */
extern const char *const fl_load_top_keys[];
extern const char *const fl_load_customer_keys[];
extern const char *const fl_load_order_keys[];

/* Is key[0..len) one that schema.c reads, in a mapping that stands
 * `in` (FL_IN_TOP, FL_IN_CUSTOMER or FL_IN_ORDER)?  By length first, with
 * memcmp of constant sizes: this runs for every key of every customer.
 * test_keys checks it against the lists above. */
static inline bool fl_load_key_read(fl_load_in in, const char *k, size_t len)
{
#define FL_IS(w) (memcmp(k, w, sizeof(w) - 1) == 0)
	switch (in) {
	case FL_IN_TOP:
		/* thresholds: an assign output read as a portfolio is told by
		 * it (schema.c). */
		return (len == 9 && (FL_IS("portfolio") || FL_IS("customers"))) ||
		       (len == 8 && FL_IS("currency")) ||
		       (len == 6 && FL_IS("period")) ||
		       (len == 10 && FL_IS("thresholds"));
	case FL_IN_CUSTOMER:
		switch (len) {
		case 2: return FL_IS("id");
		case 4: return FL_IS("name") || FL_IS("cost");
		case 5: return FL_IS("level");
		case 6: return FL_IS("orders") || FL_IS("reason");
		case 7: return FL_IS("segment") || FL_IS("revenue");
		case 9: return FL_IS("potential");
		case 10: return FL_IS("activities") || FL_IS("last_order");
		case 11: return FL_IS("first_order");
		case 12: return FL_IS("service_cost");
		case 13: return FL_IS("current_level");
		default: return false;
		}
	case FL_IN_ORDER:
		return (len == 5 && FL_IS("value")) ||
		       (len == 4 && (FL_IS("cost") || FL_IS("date"))) ||
		       (len == 6 && FL_IS("credit"));
	default:
		return true;
	}
#undef FL_IS
}

/*
 * The value of key[0..len) in a mapping that stands `in`: true when it is
 * to be skipped (a key nothing reads, not `strict`); else sets *child to
 * where the value stands.  The items of a sequence that stands `in` stand
 * where a NULL key's value would.
 */
static inline bool fl_load_skip_key(bool strict, fl_load_in in,
                                    const char *key, size_t len,
                                    fl_load_in *child)
{
	*child = FL_IN_ANY;
	if (in == FL_IN_ORDERS) {
		*child = FL_IN_ORDER;
		return false;
	}
	if (in == FL_IN_CUSTOMER && len == 6 && memcmp(key, "orders", 6) == 0) {
		*child = FL_IN_ORDERS;
		return false;
	}
	return !strict && !fl_load_key_read(in, key, len);
}

#endif
