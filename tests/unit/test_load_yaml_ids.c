/*
 * test_load_yaml_ids.c - YAML ids that YAML readers disagree about.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load_check.h"

#define Y FL_INPUT_YAML

/*
 * The YAML 1.1 booleans (yes, no, on, off, in three cases) are booleans to
 * many YAML readers, so an id written that way means "true" to one tool and
 * "on" to another: the loader refuses them as ids, as it refuses plain
 * true/false, and asks for quotes.
 */
static void test_yaml11_boolean_id_rejected(void **state)
{
	(void)state;
	static const char *const words[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char doc[128], msg[128];
		snprintf(doc, sizeof(doc),
		         "customers:\n  - {id: %s, revenue: 1, cost: 1}\n", words[i]);
		snprintf(msg, sizeof(msg), "expected an id (text or a number), "
		         "found a boolean (%s); quote it to use it as text", words[i]);
		expect_error(doc, Y, 2, col_of(doc, 2, words[i]), "customers[0].id",
		             msg);
	}
	/* Quoted, they are text. */
	loaded r;
	expect_ok(&r, "customers:\n  - {id: \"on\", revenue: 1, cost: 1}\n"
	              "  - {id: 'NO', revenue: 1, cost: 1}\n", Y);
	assert_string_equal(r.p->customers[0].id, "on");
	assert_string_equal(r.p->customers[1].id, "NO");
	loaded_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml11_boolean_id_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
