/*
 * portfolio_int.h - what the loaders need of a portfolio beyond the public
 * record: making one, its arena, appending a customer.
 */
#ifndef FL_MODEL_PORTFOLIO_INT_H
#define FL_MODEL_PORTFOLIO_INT_H

#include <focuslevel/portfolio.h>

#include "util/arena.h"

/* The portfolio as allocated: the public record first. */
struct fl_portfolio_rec {
	fl_portfolio pub;
	size_t cap;            /* customers allocated */
	fl_arena *arena;       /* every string of the portfolio */
};

/* An empty portfolio (name, currency and period ""); NULL when out of
 * memory.  Release with fl_portfolio_free. */
fl_portfolio *fl_portfolio_new(void);

/* The arena that owns p's strings. */
fl_arena *fl_portfolio_arena(fl_portfolio *p);

/* Append a copy of *c, whose strings live in p's arena already.
 * FL_ERR_NOMEM when out of memory (or past 2^32 - 2 customers). */
fl_status fl_portfolio_append(fl_portfolio *p, const fl_customer *c);

/* fl_level_parse on s[0..len). */
fl_level fl_level_parse_n(const char *s, size_t len);

#endif
