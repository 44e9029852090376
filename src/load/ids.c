/*
 * ids.c - the hash sets of a load: the ids of valid customers (to find
 * duplicates), the ids of invalid ones, and the pool of segment names.
 */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/ids.h"
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

const char *fl_strpool_get(fl_strpool *pool, fl_arena *a, const char *s,
                           size_t len)
{
	if (pool->count >= FL_POOL_MAX)
		return fl_arena_strndup(a, s, len);
	if (pool->cap == 0) {
		pool->slots = calloc(2 * FL_POOL_MAX, sizeof(*pool->slots));
		if (pool->slots == NULL)
			return NULL;
		pool->cap = 2 * FL_POOL_MAX;
	}
	size_t j = hash_mem(s, len) & (pool->cap - 1);
	for (; pool->slots[j] != NULL; j = (j + 1) & (pool->cap - 1)) {
		const char *t = pool->slots[j];
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return t;
	}
	char *copy = fl_arena_strndup(a, s, len);
	if (copy != NULL) {
		pool->slots[j] = copy;
		pool->count++;
	}
	return copy;
}

void fl_strpool_release(fl_strpool *pool)
{
	free(pool->slots);
	memset(pool, 0, sizeof(*pool));
}

void fl_idset_release(fl_idset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

/*
 * A slot holds the customer index + 1 in its low 32 bits and 32 bits of
 * the id's hash in the high ones: a probe compares the hash first and
 * reads the customer's id (a cache miss in a large portfolio) only when
 * the hashes agree.
 */
static bool idset_grow(fl_idset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	uint64_t *slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		uint64_t v = s->slots[i];
		if (v == 0)
			continue;
		size_t j = (size_t)(v >> 32) & (cap - 1);
		while (slots[j] != 0)
			j = (j + 1) & (cap - 1);
		slots[j] = v;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return true;
}

static uint64_t id_tag(const char *id)
{
	uint64_t h = hash_mem(id, strlen(id));
	return (h ^ (h >> 32)) & 0xFFFFFFFFu;
}

/* The slot of `id` in s (cap > 0): the one that holds it, or the empty one
 * where it goes. */
static size_t idset_slot(const fl_idset *s, const fl_customer *cs,
                         const char *id, uint64_t tag)
{
	size_t j = (size_t)tag & (s->cap - 1);
	while (s->slots[j] != 0) {
		uint64_t v = s->slots[j];
		size_t k = (size_t)(v & 0xFFFFFFFFu) - 1;
		if ((v >> 32) == tag && strcmp(cs[k].id, id) == 0)
			break;
		j = (j + 1) & (s->cap - 1);
	}
	return j;
}

fl_status fl_idset_add(fl_idset *ids, fl_portfolio *p, const fl_customer *c,
                       size_t *first)
{
	if ((ids->count + 1) * 2 > ids->cap && !idset_grow(ids))
		return FL_ERR_NOMEM;
	uint64_t tag = id_tag(c->id);
	size_t j = idset_slot(ids, p->customers, c->id, tag);
	if (ids->slots[j] != 0) {
		*first = (size_t)(ids->slots[j] & 0xFFFFFFFFu) - 1;
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
	size_t j = idset_slot(ids, p->customers, id, id_tag(id));
	if (ids->slots[j] == 0)
		return false;
	*first = (size_t)(ids->slots[j] & 0xFFFFFFFFu) - 1;
	return true;
}

/* Invalid customers are not in the portfolio: an entry keeps its own copy
 * of the id, in the set's arena, and a slot points to the entry. */
struct fl_badid {
	uint64_t hash;
	uint32_t line;
	uint32_t index;
	char id[];
};

/* The slot of s[0..len) in s (cap > 0): the one that holds it, or the
 * empty one where it goes. */
static size_t badids_slot(const fl_badids *s, const char *id, size_t len,
                          uint64_t h)
{
	size_t j = (size_t)h & (s->cap - 1);
	for (; s->slots[j] != NULL; j = (j + 1) & (s->cap - 1)) {
		const struct fl_badid *e = s->slots[j];
		if (e->hash == h && strncmp(e->id, id, len) == 0 &&
		    e->id[len] == '\0')
			break;
	}
	return j;
}

static bool badids_grow(fl_badids *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	struct fl_badid **slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		struct fl_badid *e = s->slots[i];
		if (e == NULL)
			continue;
		size_t j = (size_t)e->hash & (cap - 1);
		while (slots[j] != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = e;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return true;
}

bool fl_badids_find(const fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index)
{
	if (s->count == 0)
		return false;
	const struct fl_badid *e =
		s->slots[badids_slot(s, id, len, hash_mem(id, len))];
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
	if ((s->count + 1) * 2 > s->cap && !badids_grow(s))
		return FL_ERR_NOMEM;
	uint64_t h = hash_mem(id, len);
	size_t j = badids_slot(s, id, len, h);
	if (s->slots[j] != NULL) {
		*first_line = s->slots[j]->line;
		*first_index = s->slots[j]->index;
		return FL_ERR_INPUT;
	}
	if (s->arena == NULL && (s->arena = fl_arena_new()) == NULL)
		return FL_ERR_NOMEM;
	struct fl_badid *e = fl_arena_alloc(s->arena, sizeof(*e) + len + 1);
	if (e == NULL)
		return FL_ERR_NOMEM;
	e->hash = h;
	e->line = line;
	e->index = index;
	memcpy(e->id, id, len);
	e->id[len] = '\0';
	s->slots[j] = e;
	s->count++;
	return FL_OK;
}

void fl_badids_release(fl_badids *s)
{
	free(s->slots);
	fl_arena_free(s->arena);
	memset(s, 0, sizeof(*s));
}
