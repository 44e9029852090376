/*
 * order_days.c - the transactions of a customer's dated orders
 * (order_days.h).
 */
#include <stdlib.h>

#include "load/order_days.h"

void fl_order_days_init(fl_order_days *od)
{
	od->n = 0;
	od->sorted = true;
	od->key = od->key_stack;
	od->value = od->value_stack;
}

bool fl_order_days_add(fl_order_days *od, fl_arena *scratch, size_t count,
                       int32_t k, double v)
{
	if (od->n == 0) {
		if (count <= FL_ORDER_DAYS_STACK) {
			od->key = od->key_stack;
			od->value = od->value_stack;
		} else {
			/* Room for every order, in the customer's scratch. */
			od->key = fl_arena_alloc(scratch, count * sizeof(*od->key));
			od->value = fl_arena_alloc(scratch,
			                           count * sizeof(*od->value));
			if (od->key == NULL || od->value == NULL)
				return false;
		}
		od->first = od->last = k;
	}
	if (k < od->last)
		od->sorted = false;
	else
		od->last = k;
	if (k < od->first)
		od->first = k;
	od->key[od->n] = k;
	od->value[od->n++] = v;
	return true;
}

static int cmp_key(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Sort n keys (insertion sort: a customer has few orders; qsort for the
 * others). */
static void sort_keys(int32_t *k, size_t n)
{
	if (n > 32) {
		qsort(k, n, sizeof(*k), cmp_key);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		int32_t v = k[i];
		size_t j = i;
		for (; j > 0 && k[j - 1] > v; j--)
			k[j] = k[j - 1];
		k[j] = v;
	}
}

void fl_order_days_finish(fl_order_days *od, int32_t *first, int32_t *last,
                          uint32_t *x, double *mbar)
{
	double rest = 0;
	for (size_t i = 0; i < od->n; i++)
		if (od->key[i] != od->first)
			rest += od->value[i];
	if (!od->sorted)
		sort_keys(od->key, od->n);
	uint32_t days = 0;
	for (size_t i = 1; i < od->n; i++)
		days += od->key[i] != od->key[i - 1];
	*first = od->first;
	*last = od->last;
	*x = days;
	*mbar = days > 0 ? rest / days : 0;
}
