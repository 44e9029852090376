/*
 * idkey.h - sorting customers by id, ties in input order.
 *
 * `--sort id` (model/sort.c) and the matching of old and new ids (diff.c)
 * both sort an array of (id, position) pairs with fl_idkey_cmp: byte order
 * of the ids (strcmp), equal ids by position, so the order is total and the
 * same on every machine.
 */
#ifndef FL_IDKEY_H
#define FL_IDKEY_H

#include <stddef.h>

typedef struct fl_idkey {
	const char *id;   /* borrowed from the portfolio or diff side */
	size_t index;     /* position in the input */
} fl_idkey;

/* qsort comparator for fl_idkey. */
int fl_idkey_cmp(const void *a, const void *b);

#endif
