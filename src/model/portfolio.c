/*
 * portfolio.c - the portfolio value: its records, and appending to it.
 */
#include <stdlib.h>
#include <string.h>

#include "model/portfolio_int.h"

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
	return &r->pub;
}

fl_arena *fl_portfolio_arena(fl_portfolio *p)
{
	return ((struct fl_portfolio_rec *)p)->arena;
}

fl_status fl_portfolio_append(fl_portfolio *p, const fl_customer *c)
{
	struct fl_portfolio_rec *r = (struct fl_portfolio_rec *)p;
	if (p->count >= UINT32_MAX - 1)
		return FL_ERR_NOMEM;
	if (p->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		fl_customer *cs = realloc(p->customers, cap * sizeof(*cs));
		if (cs == NULL)
			return FL_ERR_NOMEM;
		p->customers = cs;
		r->cap = cap;
	}
	p->customers[p->count] = *c;
	p->count++;
	return FL_OK;
}

void fl_portfolio_free(fl_portfolio *p)
{
	if (p == NULL)
		return;
	free(p->customers);
	fl_arena_free(((struct fl_portfolio_rec *)p)->arena);
	free(p);
}
