/*
 * hashtab.h - the hash tables of the library: one keyed hash, and one
 * open-addressing table of slots that the id index of a portfolio, the set
 * of invalid customers' ids and the pool of segment names share.
 *
 * The hash is SipHash-1-3 under a key drawn once per process from the
 * kernel (getrandom), so a file cannot be made of ids that collide: with
 * an unkeyed hash (FNV-1a, before 2026-11-28) 200 000 ids chosen to
 * collide made loading quadratic (41 s against 0.94 s).
 *
 * A table holds uint64_t slots: 32 bits of the key's hash in the high
 * half, an entry index + 1 in the low one, 0 for an empty slot.  A probe
 * compares the hashes first and reads the entry's key (a cache miss in a
 * large table) only when they agree.  The caller keeps the entries; the
 * table only finds them.
 */
#ifndef FL_UTIL_HASHTAB_H
#define FL_UTIL_HASHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* The keyed 64-bit hash of s[0..len). */
uint64_t fl_hash(const char *s, size_t len);

/* SipHash-c-d of s[0..len) under `key` (fl_hash is SipHash-1-3 under the
 * process's key). */
uint64_t fl_siphash(const unsigned char key[16], const char *s, size_t len,
                    int c, int d);

/*
 * Use `key` (16 bytes) instead of a random one from now on, in this
 * process; NULL goes back to a random key.  For tests that need the same
 * table layout every run; never called by the library itself.
 */
void fl_hash_set_key(const unsigned char *key);

typedef struct fl_slots {
	uint64_t *slots;     /* NULL until the first entry */
	size_t cap;          /* a power of two, or 0 */
	size_t count;
	size_t probes;       /* slots looked at by every find (for tests) */
} fl_slots;

/* The key of entry k of the caller's entries: NUL-terminated. */
typedef const char *fl_slots_key_fn(const void *entries, size_t k);

/* The 32-bit tag of s[0..len) that a slot keeps. */
uint64_t fl_slots_tag(const char *s, size_t len);

/* Make room for one more entry (the table doubles from `first` slots once
 * half full).  False when out of memory. */
bool fl_slots_reserve(fl_slots *t, size_t first);
/* Room for n more entries at once (first: as above). */
bool fl_slots_reserve_n(fl_slots *t, size_t n, size_t first);

/*
 * The slot of s[0..len) (tag: fl_slots_tag of it; t->cap > 0): the one
 * whose entry has that key, or the empty one where it goes.
 */
size_t fl_slots_find(fl_slots *t, uint64_t tag, fl_slots_key_fn *key_of,
                     const void *entries, const char *s, size_t len);

/* The entry index a full slot holds. */
static inline size_t fl_slots_entry(uint64_t slot)
{
	return (size_t)(slot & 0xFFFFFFFFu) - 1;
}

/* Fill the empty slot j with entry k. */
static inline void fl_slots_put(fl_slots *t, size_t j, uint64_t tag,
                                size_t k)
{
	t->slots[j] = tag << 32 | (uint64_t)(k + 1);
	t->count++;
}

void fl_slots_release(fl_slots *t);

/*
 * A set of strings, each copied once into an arena with a position (a
 * line and an index), found through a table of slots: the ids of invalid
 * customers, and the names of segments.
 */
typedef struct fl_strent {
	uint32_t line;
	uint32_t index;
	char s[];
} fl_strent;

typedef struct fl_strset {
	fl_slots table;
	fl_strent **entries;
	size_t entries_cap;
} fl_strset;

/* The entry of s[0..len), or NULL. */
const fl_strent *fl_strset_get(fl_strset *set, const char *s, size_t len);

/*
 * Add s[0..len) with its position, copied into arena `a`.  Returns the new
 * entry (*added true), or the one that had the string already (*added
 * false); NULL when out of memory.
 */
const fl_strent *fl_strset_add(fl_strset *set, fl_arena *a, const char *s,
                               size_t len, uint32_t line, uint32_t index,
                               bool *added);

/*
 * The same with the key's tag given: fl_slots_tag(s, len), or a 32-bit tag
 * of the caller's own that is equal for equal keys (every call on one set
 * must use the same kind).  A caller that already has it saves the hash.
 */
const fl_strent *fl_strset_get_tag(fl_strset *set, uint64_t tag,
                                   const char *s, size_t len);
const fl_strent *fl_strset_add_tag(fl_strset *set, fl_arena *a,
                                   uint64_t tag, const char *s, size_t len,
                                   uint32_t line, uint32_t index,
                                   bool *added);

/* Room for n more entries, so that adding them moves no slot.  False when
 * out of memory. */
bool fl_strset_reserve(fl_strset *set, size_t n);

/*
 * A hint for many look-ups in a large set, whose slots and entries are
 * cache misses: for each key, call it with stage 0, some look-ups later
 * with 1, later with 2, and later look the key up.  Each stage asks the
 * processor to fetch what the next one reads (0 the key's first slot, 1
 * the entry it names, 2 that entry's key), so the misses of several keys
 * overlap instead of following one another.  A few look-ups between the
 * stages are enough (load/csv_threads.c takes eight); hundreds at once
 * are more than the processor keeps track of.  It changes nothing.
 */
void fl_strset_prefetch(const fl_strset *set, uint64_t tag, int stage);

/* Ask the processor to fetch the cache line at p (a hint, for the
 * look-ups above and their callers' own tables; nothing without GCC's
 * builtin). */
#if defined(__GNUC__)
#define FL_PREFETCH(p) __builtin_prefetch(p)
#else
#define FL_PREFETCH(p) ((void)(p))
#endif

size_t fl_strset_count(const fl_strset *set);

/* Empty the set, keeping its memory (the entries' arena is the caller's
 * to reset). */
void fl_strset_clear(fl_strset *set);

void fl_strset_release(fl_strset *set);

#endif
