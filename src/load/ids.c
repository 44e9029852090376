/*
 * ids.c - the hash sets of a load: the ids of valid customers (to find
 * duplicates), the ids of invalid ones, and the pool of segment names.
 */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/ids.h"
#include "util/buf.h"
#include "model/portfolio_int.h"

/* FNV-1a: simple, and good enough for ids, which are short. */
static uint64_t hash_mem(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void fl_idset_release(fl_idset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

/*
 * Both id sets are open-addressing tables of uint64_t slots: 32 bits of
 * the id's hash in the high half, an index + 1 in the low one, 0 for an
 * empty slot.  A probe compares the hashes first and reads an id (a cache
 * miss in a large portfolio) only when they agree.
 */
static uint64_t id_tag(const char *id, size_t len)
{
	uint64_t h = hash_mem(id, len);
	return (h ^ (h >> 32)) & 0xFFFFFFFFu;
}

static size_t slot_index(uint64_t v)
{
	return (size_t)(v & 0xFFFFFFFFu) - 1;
}

/* Make room for one more entry: double the table (from `first` slots)
 * once it is half full, and place every slot again. */
static bool slots_reserve(uint64_t **slots, size_t *cap, size_t count,
                          size_t first)
{
	if ((count + 1) * 2 <= *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : first;
	uint64_t *t = calloc(ncap, sizeof(*t));
	if (t == NULL)
		return false;
	for (size_t i = 0; i < *cap; i++) {
		uint64_t v = (*slots)[i];
		if (v == 0)
			continue;
		size_t j = (size_t)(v >> 32) & (ncap - 1);
		while (t[j] != 0)
			j = (j + 1) & (ncap - 1);
		t[j] = v;
	}
	free(*slots);
	*slots = t;
	*cap = ncap;
	return true;
}

/* The id of entry k of a set; the sets keep their ids differently. */
typedef const char *id_of_fn(const void *set, size_t k);

/* The slot of id[0..len) (cap > 0): the one that holds it, or the empty
 * one where it goes. */
static size_t slots_find(const uint64_t *slots, size_t cap, uint64_t tag,
                         id_of_fn *id_of, const void *set, const char *id,
                         size_t len)
{
	size_t j = (size_t)tag & (cap - 1);
	for (; slots[j] != 0; j = (j + 1) & (cap - 1)) {
		const char *e;
		if ((slots[j] >> 32) == tag &&
		    strncmp(e = id_of(set, slot_index(slots[j])), id, len) == 0 &&
		    e[len] == '\0')
			break;
	}
	return j;
}

static const char *customer_id(const void *customers, size_t k)
{
	return ((const fl_customer *)customers)[k].id;
}

fl_status fl_idset_add(fl_idset *ids, fl_portfolio *p, const fl_customer *c,
                       size_t *first)
{
	if (!slots_reserve(&ids->slots, &ids->cap, ids->count, 1024))
		return FL_ERR_NOMEM;
	size_t len = strlen(c->id);
	uint64_t tag = id_tag(c->id, len);
	size_t j = slots_find(ids->slots, ids->cap, tag, customer_id,
	                      p->customers, c->id, len);
	if (ids->slots[j] != 0) {
		*first = slot_index(ids->slots[j]);
		return FL_ERR_INPUT;
	}
	fl_status st = fl_portfolio_append(p, c);
	if (st != FL_OK)
		return st;
	ids->slots[j] = tag << 32 | (uint64_t)p->count;
	ids->count++;
	return FL_OK;
}

bool fl_idset_find(const fl_idset *ids, const fl_portfolio *p, const char *id,
                   size_t *first)
{
	if (ids->count == 0)
		return false;
	size_t len = strlen(id);
	size_t j = slots_find(ids->slots, ids->cap, id_tag(id, len), customer_id,
	                      p->customers, id, len);
	if (ids->slots[j] == 0)
		return false;
	*first = slot_index(ids->slots[j]);
	return true;
}

/*
 * A set of strings, each copied once, with a position, into an arena:
 * the ids of invalid customers (which are not in the portfolio) and the
 * segment names.
 */
struct fl_strent {
	uint32_t line;
	uint32_t index;
	char s[];
};

static const char *strent_str(const void *entries, size_t k)
{
	return ((struct fl_strent *const *)entries)[k]->s;
}

/* The entry of s[0..len) (the set has slots), or NULL; *slot is where it
 * is or would go. */
static const struct fl_strent *strset_get(const fl_strset *set,
                                          const char *s, size_t len,
                                          uint64_t tag, size_t *slot)
{
	*slot = slots_find(set->slots, set->cap, tag, strent_str, set->entries,
	                   s, len);
	uint64_t v = set->slots[*slot];
	return v != 0 ? set->entries[slot_index(v)] : NULL;
}

/* Add s[0..len), copied into arena a, at the free `slot` strset_get
 * found.  NULL when out of memory. */
static const struct fl_strent *strset_add(fl_strset *set, fl_arena *a,
                                          const char *s, size_t len,
                                          uint64_t tag, size_t slot,
                                          uint32_t line, uint32_t index)
{
	if (set->count == set->entries_cap) {
		struct fl_strent **es = fl_grow(set->entries, &set->entries_cap,
		                                sizeof(*es), 64);
		if (es == NULL)
			return NULL;
		set->entries = es;
	}
	struct fl_strent *e = fl_arena_alloc(a, sizeof(*e) + len + 1);
	if (e == NULL)
		return NULL;
	e->line = line;
	e->index = index;
	memcpy(e->s, s, len);
	e->s[len] = '\0';
	set->entries[set->count++] = e;
	set->slots[slot] = tag << 32 | (uint64_t)set->count;
	return e;
}

static void strset_release(fl_strset *set)
{
	free(set->slots);
	free(set->entries);
	memset(set, 0, sizeof(*set));
}

bool fl_badids_find(const fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index)
{
	if (s->set.count == 0)
		return false;
	size_t j;
	const struct fl_strent *e = strset_get(&s->set, id, len,
	                                       id_tag(id, len), &j);
	if (e == NULL)
		return false;
	*first_line = e->line;
	*first_index = e->index;
	return true;
}

fl_status fl_badids_add(fl_badids *s, const char *id, size_t len,
                        uint32_t line, uint32_t index, uint32_t *first_line,
                        uint32_t *first_index)
{
	if (!slots_reserve(&s->set.slots, &s->set.cap, s->set.count, 64))
		return FL_ERR_NOMEM;
	uint64_t tag = id_tag(id, len);
	size_t j;
	const struct fl_strent *old = strset_get(&s->set, id, len, tag, &j);
	if (old != NULL) {
		*first_line = old->line;
		*first_index = old->index;
		return FL_ERR_INPUT;
	}
	if (s->arena == NULL && (s->arena = fl_arena_new()) == NULL)
		return FL_ERR_NOMEM;
	return strset_add(&s->set, s->arena, id, len, tag, j, line, index)
	       != NULL ? FL_OK : FL_ERR_NOMEM;
}

void fl_badids_release(fl_badids *s)
{
	strset_release(&s->set);
	fl_arena_free(s->arena);
	s->arena = NULL;
}

const char *fl_strpool_get(fl_strpool *pool, fl_arena *a, const char *s,
                           size_t len)
{
	if (pool->count >= FL_POOL_MAX)
		return fl_arena_strndup(a, s, len);
	if (!slots_reserve(&pool->slots, &pool->cap, pool->count, 64))
		return NULL;
	uint64_t tag = id_tag(s, len);
	size_t j;
	const struct fl_strent *e = strset_get(pool, s, len, tag, &j);
	if (e == NULL)
		e = strset_add(pool, a, s, len, tag, j, 0, 0);
	return e != NULL ? e->s : NULL;
}

void fl_strpool_release(fl_strpool *pool)
{
	strset_release(pool);
}
