/*
 * test_keys.c - the keys the loaders read (load/keys.h): the fast lookup
 * fl_load_key_read agrees with the lists, and fl_load_skip_key skips
 * exactly the values of the other keys, unless --strict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "load/keys.h"

static bool read_key(fl_load_in in, const char *k)
{
	return fl_load_key_read(in, k, strlen(k));
}

/* Every listed key is read; a few near misses (a prefix, another case, a
 * longer word, a key of another mapping) are not. */
static void test_lists_agree(void **state)
{
	(void)state;
	const struct {
		fl_load_in in;
		const char *const *keys;
	} lists[] = {
		{ FL_IN_TOP, fl_load_top_keys },
		{ FL_IN_CUSTOMER, fl_load_customer_keys },
		{ FL_IN_ORDER, fl_load_order_keys },
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		for (const char *const *k = lists[i].keys; *k != NULL; k++) {
			assert_true(read_key(lists[i].in, *k));
			char longer[32];
			snprintf(longer, sizeof(longer), "%sx", *k);
			assert_false(read_key(lists[i].in, longer));
			assert_false(fl_load_key_read(lists[i].in, *k,
			                              strlen(*k) - 1));
		}
	}
	assert_true(read_key(FL_IN_TOP, "customers"));
	assert_false(read_key(FL_IN_TOP, "id"));
	assert_false(read_key(FL_IN_CUSTOMER, "Revenue"));
	assert_false(read_key(FL_IN_CUSTOMER, "value"));
	assert_false(read_key(FL_IN_CUSTOMER, "portfolio"));
	assert_false(read_key(FL_IN_ORDER, "revenue"));
	assert_false(read_key(FL_IN_ORDER, ""));
	/* A key with a NUL inside is not the key before the NUL. */
	assert_false(fl_load_key_read(FL_IN_CUSTOMER, "id\0x", 4));
}

static void test_skip(void **state)
{
	(void)state;
	fl_load_in child;
	assert_true(fl_load_skip_key(false, FL_IN_CUSTOMER, "notes", 5, &child));
	assert_false(fl_load_skip_key(true, FL_IN_CUSTOMER, "notes", 5, &child));
	assert_int_equal(child, FL_IN_ANY);
	assert_false(fl_load_skip_key(false, FL_IN_CUSTOMER, "orders", 6,
	                              &child));
	assert_int_equal(child, FL_IN_ORDERS);
	assert_false(fl_load_skip_key(false, FL_IN_ORDERS, NULL, 0, &child));
	assert_int_equal(child, FL_IN_ORDER);
	assert_true(fl_load_skip_key(false, FL_IN_ORDER, "qty", 3, &child));
	assert_false(fl_load_skip_key(false, FL_IN_ORDER, "date", 4, &child));
	assert_true(fl_load_skip_key(false, FL_IN_TOP, "meta", 4, &child));
	assert_false(fl_load_skip_key(false, FL_IN_TOP, "customers", 9, &child));
	assert_false(fl_load_skip_key(false, FL_IN_ANY, "anything", 8, &child));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_agree),
		cmocka_unit_test(test_skip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
