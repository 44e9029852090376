/*
 * portfolio.c - the portfolio value: its records, adding a customer (the
 * id index finds duplicates), finding one by id, shared segment names.
 */
#include <stdlib.h>
#include <string.h>

#include "model/portfolio_int.h"
#include "util/buf.h"

fl_portfolio *fl_portfolio_new(void)
{
	struct fl_portfolio_rec *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	if ((r->arena = fl_arena_new()) == NULL) {
		free(r);
		return NULL;
	}
	r->pub.name = r->pub.currency = r->pub.period = "";
	r->pub.last_day = FL_DAY_NONE;
	return &r->pub;
}

fl_portfolio *fl_portfolio_new_in(fl_arena *strings)
{
	struct fl_portfolio_rec *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->arena = strings;
	r->lent = true;
	r->pub.name = r->pub.currency = r->pub.period = "";
	r->pub.last_day = FL_DAY_NONE;
	return &r->pub;
}

fl_arena *fl_portfolio_arena(fl_portfolio *p)
{
	return ((struct fl_portfolio_rec *)p)->arena;
}

static struct fl_portfolio_rec *rec(fl_portfolio *p)
{
	return (struct fl_portfolio_rec *)p;
}

static const char *customer_id(const void *customers, size_t k)
{
	return ((const fl_customer *)customers)[k].id;
}

fl_status fl_portfolio_add(fl_portfolio *p, const fl_customer *c,
                           size_t *first)
{
	struct fl_portfolio_rec *r = rec(p);
	if (p->count >= UINT32_MAX - 1 || !fl_slots_reserve(&r->ids, 1024))
		return FL_ERR_NOMEM;
	size_t len = strlen(c->id);
	uint64_t tag = fl_slots_tag(c->id, len);
	size_t j = fl_slots_find(&r->ids, tag, customer_id, p->customers, c->id,
	                         len);
	if (r->ids.slots[j] != 0) {
		*first = fl_slots_entry(r->ids.slots[j]);
		return FL_ERR_INPUT;
	}
	if (p->count == r->cap) {
		fl_customer *cs = fl_grow(p->customers, &r->cap, sizeof(*cs), 64);
		if (cs == NULL)
			return FL_ERR_NOMEM;
		p->customers = cs;
	}
	p->customers[p->count] = *c;
	fl_slots_put(&r->ids, j, tag, p->count);
	p->count++;
	if (fl_customer_dated(c)) {
		p->dated++;
		if (p->last_day == FL_DAY_NONE || c->last_day > p->last_day)
			p->last_day = c->last_day;
	}
	return FL_OK;
}

/* Ask for the slot where tag's probe starts (a cache miss in a large
 * table) a few ids ahead. */
static void prefetch_slot(const fl_slots *t, uint64_t v)
{
	if (v != 0)
		FL_PREFETCH(&t->slots[(size_t)(v >> 32) & (t->cap - 1)]);
}

fl_status fl_portfolio_append(fl_portfolio *p, fl_portfolio *q,
                              size_t index_base, unsigned long line_base)
{
	struct fl_portfolio_rec *r = rec(p), *rq = rec(q);
	size_t n = q->count;
	if (n == 0)
		return FL_OK;
	if (p->count + n >= UINT32_MAX - 1)
		return FL_ERR_NOMEM;
	if (p->count + n > r->cap) {
		size_t cap = r->cap ? r->cap : 64;
		while (cap < p->count + n)
			cap *= 2;
		fl_customer *cs = realloc(p->customers, cap * sizeof(*cs));
		if (cs == NULL)
			return FL_ERR_NOMEM;
		p->customers = cs;
		r->cap = cap;
	}
	/* The index grows before anything is put in it: no slot moves
	 * while q's ids go in, so a clash can take them out again. */
	size_t *placed = malloc(n * sizeof(*placed));
	if (placed == NULL || !fl_slots_reserve_n(&r->ids, n, 1024)) {
		free(placed);
		return FL_ERR_NOMEM;
	}
	size_t base = p->count;
	fl_customer *to = p->customers + base;
	memcpy(to, q->customers, n * sizeof(*to));
	/* q's id index has every id's tag (the probe is the tag's): no id
	 * is hashed again.  In the order of q's slots: the index finds the
	 * same whatever the order of its entries. */
	const fl_slots *qt = &rq->ids;
	enum { AHEAD = 8 };
	size_t done = 0;
	for (size_t s = 0; s < qt->cap && s < AHEAD; s++)
		prefetch_slot(&r->ids, qt->slots[s]);
	for (size_t s = 0; s < qt->cap; s++) {
		if (s + AHEAD < qt->cap)
			prefetch_slot(&r->ids, qt->slots[s + AHEAD]);
		uint64_t v = qt->slots[s];
		if (v == 0)
			continue;
		size_t k = fl_slots_entry(v);
		size_t j = fl_slots_find(&r->ids, v >> 32, customer_id, p->customers,
		                         to[k].id, strlen(to[k].id));
		if (r->ids.slots[j] != 0) {
			/* A clash: out again, newest first, which leaves every
			 * other slot where it was (linear probing). */
			while (done > 0) {
				r->ids.slots[placed[--done]] = 0;
				r->ids.count--;
			}
			free(placed);
			return FL_ERR_INPUT;
		}
		fl_slots_put(&r->ids, j, v >> 32, base + k);
		placed[done++] = j;
	}
	free(placed);
	for (size_t k = 0; k < n; k++) {
		to[k].index += (uint32_t)index_base;
		if (to[k].line != 0)
			to[k].line += (uint32_t)line_base;
	}
	p->count += n;
	p->dated += q->dated;
	if (q->last_day != FL_DAY_NONE &&
	    (p->last_day == FL_DAY_NONE || q->last_day > p->last_day))
		p->last_day = q->last_day;
	if (!rq->lent)
		fl_arena_adopt(r->arena, rq->arena);
	q->count = 0;
	q->dated = 0;
	q->last_day = FL_DAY_NONE;
	return FL_OK;
}

bool fl_portfolio_find(fl_portfolio *p, const char *id, size_t len,
                       size_t *first)
{
	struct fl_portfolio_rec *r = rec(p);
	if (r->ids.count == 0)
		return false;
	size_t j = fl_slots_find(&r->ids, fl_slots_tag(id, len), customer_id,
	                         p->customers, id, len);
	if (r->ids.slots[j] == 0)
		return false;
	*first = fl_slots_entry(r->ids.slots[j]);
	return true;
}

const char *fl_portfolio_intern(fl_portfolio *p, const char *s, size_t len)
{
	struct fl_portfolio_rec *r = rec(p);
	if (fl_strset_count(&r->segments) >= FL_INTERN_MAX)
		return fl_arena_strndup(r->arena, s, len);
	bool added;
	const fl_strent *e = fl_strset_add(&r->segments, r->arena, s, len, 0, 0,
	                                   &added);
	return e != NULL ? e->s : NULL;
}

void fl_portfolio_seal(fl_portfolio *p)
{
	struct fl_portfolio_rec *r = rec(p);
	fl_slots_release(&r->ids);
	fl_strset_release(&r->segments);
	/* The array grew by doubling: give back what is not used (a large
	 * block shrinks in place). */
	if (r->cap > p->count && p->count > 0) {
		fl_customer *cs = realloc(p->customers,
		                          p->count * sizeof(*cs));
		if (cs != NULL) {
			p->customers = cs;
			r->cap = p->count;
		}
	}
}

void fl_portfolio_free(fl_portfolio *p)
{
	if (p == NULL)
		return;
	struct fl_portfolio_rec *r = rec(p);
	fl_slots_release(&r->ids);
	fl_strset_release(&r->segments);
	free(p->customers);
	if (!r->lent)
		fl_arena_free(r->arena);
	free(p);
}
