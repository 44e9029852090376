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

/*
 * The value of key[0..len) in a mapping that stands `in`: true when it is
 * to be skipped (an unknown key, not `strict`); else sets *child to where
 * the value stands.  The items of a sequence that stands `in` stand where
 * a NULL key's value would.
 */
bool fl_load_skip_key(bool strict, fl_load_in in, const char *key,
                      size_t len, fl_load_in *child);

#endif
