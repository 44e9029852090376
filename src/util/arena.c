#include "util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Blocks grow geometrically up to this size, so a million short strings
 * cost a few dozen mallocs, while a small portfolio costs one. */
#define FL_ARENA_FIRST ((size_t)4096)
#define FL_ARENA_MAX ((size_t)1 << 20)

struct block {
	struct block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct fl_arena {
	struct block *head;  /* current block, newest first */
	size_t next_size;
	size_t footprint;
};

fl_arena *fl_arena_new(void)
{
	fl_arena *a = calloc(1, sizeof(*a));
	if (a != NULL)
		a->next_size = FL_ARENA_FIRST;
	return a;
}

void fl_arena_free(fl_arena *a)
{
	if (a == NULL)
		return;
	struct block *b = a->head;
	while (b != NULL) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void fl_arena_reset(fl_arena *a)
{
	struct block *b = a->head;
	if (b == NULL)
		return;
	/* Keep the newest block (blocks grow, so it is normally the largest):
	 * a scratch arena reset after every customer then stops calling
	 * malloc once it has grown to the size of the largest customer. */
	struct block *old = b->next;
	while (old != NULL) {
		struct block *next = old->next;
		a->footprint -= sizeof(*old) + old->size;
		free(old);
		old = next;
	}
	b->next = NULL;
	b->used = 0;
}

void *fl_arena_alloc(fl_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	struct block *b = a->head;
	/* Strings are packed without alignment, so align the start here. */
	if (b != NULL)
		b->used = b->used + align - 1 < b->size
		          ? (b->used + align - 1) & ~(align - 1) : b->size;
	if (b == NULL || b->size - b->used < n) {
		size_t size = a->next_size;
		if (size < n)
			size = n;
		if (size > SIZE_MAX - sizeof(*b))
			return NULL;
		struct block *nb = malloc(sizeof(*nb) + size);
		if (nb == NULL)
			return NULL;
		nb->size = size;
		nb->used = 0;
		nb->next = b;
		a->head = nb;
		a->footprint += sizeof(*nb) + size;
		if (a->next_size < FL_ARENA_MAX)
			a->next_size *= 2;
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

char *fl_arena_strndup(fl_arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	/* Strings need no alignment: pack them tightly. */
	struct block *b = a->head;
	char *p;
	if (b != NULL && b->size - b->used >= n + 1) {
		p = (char *)b->data + b->used;
		b->used += n + 1;
	} else {
		p = fl_arena_alloc(a, n + 1);
		if (p == NULL)
			return NULL;
	}
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void fl_arena_adopt(fl_arena *a, fl_arena *from)
{
	struct block *first = from->head;
	if (first == NULL)
		return;
	struct block *last = first;
	while (last->next != NULL)
		last = last->next;
	/* Behind a's newest block, which stays the one allocated from. */
	if (a->head == NULL) {
		a->head = first;
	} else {
		last->next = a->head->next;
		a->head->next = first;
	}
	a->footprint += from->footprint;
	from->head = NULL;
	from->footprint = 0;
}

size_t fl_arena_footprint(const fl_arena *a)
{
	return a->footprint;
}
