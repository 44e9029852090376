/*
 * sort.c - the row orders of --sort.
 */
#include <stdlib.h>

#include <focuslevel/report.h>

#include "util/idkey.h"

/* Sort keys: 16 bytes a customer, so that sorting a million stays small. */
struct numkey {
	double key;          /* ascending; negated for "highest first" */
	size_t index;        /* input position: ties keep input order */
};

static int cmp_num(const void *pa, const void *pb)
{
	const struct numkey *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static double sort_key(const fl_customer *c, const fl_class *k, fl_sort sort)
{
	fl_metrics m = fl_metrics_of(c);
	switch (sort) {
	case FL_SORT_LEVEL: return -(double)k->level;
	case FL_SORT_MARGIN: return -m.margin;
	case FL_SORT_VALUE: return -m.order_value;
	case FL_SORT_REVENUE: return -c->revenue;
	case FL_SORT_ID:
	case FL_SORT_INPUT: break;
	}
	return 0;
}

size_t *fl_sort_rows(const fl_portfolio *p, const fl_plan *plan, fl_sort sort)
{
	size_t n = plan->count;
	if (n == 0)
		return NULL;
	size_t *rows = malloc(n * sizeof(*rows));
	if (rows == NULL)
		return NULL;
	if (sort == FL_SORT_INPUT) {
		for (size_t i = 0; i < n; i++)
			rows[i] = i;
		return rows;
	}
	/* Ids sort as fl_idkey (the order diff matches by), the rest by a
	 * number; either key is 16 bytes. */
	bool by_id = sort == FL_SORT_ID;
	fl_idkey *ids = by_id ? malloc(n * sizeof(*ids)) : NULL;
	struct numkey *nums = by_id ? NULL : malloc(n * sizeof(*nums));
	if (ids == NULL && nums == NULL) {
		free(rows);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (by_id)
			ids[i] = (fl_idkey){ .id = p->customers[i].id, .index = i };
		else
			nums[i] = (struct numkey){ .index = i,
				.key = sort_key(&p->customers[i], &plan->classes[i],
				                sort) };
	}
	if (by_id)
		qsort(ids, n, sizeof(*ids), fl_idkey_cmp);
	else
		qsort(nums, n, sizeof(*nums), cmp_num);
	for (size_t i = 0; i < n; i++)
		rows[i] = by_id ? ids[i].index : nums[i].index;
	free(ids);
	free(nums);
	return rows;
}

