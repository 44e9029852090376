/*
 * ids.h - the hash sets of a load (ids.c).
 */
#ifndef FL_LOAD_IDS_H
#define FL_LOAD_IDS_H

#include <focuslevel/portfolio.h>

#include "util/arena.h"

/* The ids of valid customers.  Each set here is a table of slots
 * "32 bits of the hash << 32 | index + 1", 0 for an empty slot (ids.c). */
typedef struct fl_idset {
	uint64_t *slots;      /* id hash << 32 | customer index + 1; 0: empty */
	size_t cap;           /* a power of two */
	size_t count;
} fl_idset;

/* A set of strings, each stored once with a position (ids.c). */
struct fl_strent;
typedef struct fl_strset {
	uint64_t *slots;      /* as fl_idset's, of an index into entries */
	size_t cap;           /* a power of two */
	size_t count;
	struct fl_strent **entries;
	size_t entries_cap;
} fl_strset;

/*
 * The ids of the invalid customers, each with the position of the first
 * customer that had it: a later customer with the id is a duplicate too.
 * The ids of valid customers are in fl_idset, and no id is in both.
 * Nothing is allocated before the first invalid customer.
 */
typedef struct fl_badids {
	fl_strset set;
	fl_arena *arena;      /* the entries and their ids */
} fl_badids;

/* Distinct short strings shared by many customers (segments), stored in
 * the caller's arena. */
typedef fl_strset fl_strpool;

/*
 * Append a copy of *c (whose strings already live in p's arena).  When the
 * id is taken, returns FL_ERR_INPUT and sets *first to the index of the
 * customer that has it; FL_ERR_NOMEM when out of memory.
 */
fl_status fl_idset_add(fl_idset *ids, fl_portfolio *p, const fl_customer *c,
                       size_t *first);

/*
 * Is `id` taken by a customer of p?  Then sets *first to its index, as
 * fl_idset_add does, and returns true.  Changes nothing.
 */
bool fl_idset_find(const fl_idset *ids, const fl_portfolio *p, const char *id,
                   size_t *first);

void fl_idset_release(fl_idset *s);

/*
 * Record id[0..len) (no NUL bytes in it), the id of an invalid customer at
 * `line` and `index`, in s, which keeps a copy: FL_OK.  When the id is in s
 * already, records nothing, sets *first_line and *first_index to the
 * position recorded with it and returns FL_ERR_INPUT; FL_ERR_NOMEM when
 * out of memory.  Release s with fl_badids_release.
 */
fl_status fl_badids_add(fl_badids *s, const char *id, size_t len,
                        uint32_t line, uint32_t index, uint32_t *first_line,
                        uint32_t *first_index);

/* Like fl_badids_add, but only looks: true when the id is in s. */
bool fl_badids_find(const fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index);

void fl_badids_release(fl_badids *s);

/*
 * A copy of s[0..len) in arena `a`, shared with earlier equal strings of
 * the pool: a segment named by a million customers is stored once.  Past
 * FL_POOL_MAX distinct strings (then they are not segments) each call
 * makes a plain copy.  NULL when out of memory.
 */
#define FL_POOL_MAX 4096
const char *fl_strpool_get(fl_strpool *pool, fl_arena *a, const char *s,
                           size_t len);
void fl_strpool_release(fl_strpool *pool);


#endif
