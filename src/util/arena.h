/*
 * arena.h - one allocation for many small strings.
 *
 * Everything allocated from an arena is released at once by fl_arena_free
 * (or fl_arena_reset, which keeps the newest block for reuse).
 */
#ifndef FL_ARENA_H
#define FL_ARENA_H

#include <stddef.h>

typedef struct fl_arena fl_arena;

/* A new, empty arena; NULL when out of memory. */
fl_arena *fl_arena_new(void);

/* Release every block.  NULL is a no-op. */
void fl_arena_free(fl_arena *a);

/* Forget every allocation but keep the newest block for reuse. */
void fl_arena_reset(fl_arena *a);

/* n bytes aligned for any object; NULL when out of memory. */
void *fl_arena_alloc(fl_arena *a, size_t n);

/* A NUL-terminated copy of s[0..n); NULL when out of memory. */
char *fl_arena_strndup(fl_arena *a, const char *s, size_t n);

/* Move every allocation of `from` into a: they live until a is freed (or
 * reset: then all but a's newest block go).  `from` is left empty, still
 * to be freed. */
void fl_arena_adopt(fl_arena *a, fl_arena *from);

/* Bytes obtained from malloc by this arena (for the benchmark). */
size_t fl_arena_footprint(const fl_arena *a);

#endif
