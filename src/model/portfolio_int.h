/*
 * portfolio_int.h - what the loaders need of a portfolio beyond the public
 * record: making one, its arena, appending a customer.
 */
#ifndef FL_MODEL_PORTFOLIO_INT_H
#define FL_MODEL_PORTFOLIO_INT_H

#include <focuslevel/portfolio.h>

#include "util/arena.h"
#include "util/hashtab.h"

/* The portfolio as allocated: the public record first. */
struct fl_portfolio_rec {
	fl_portfolio pub;
	size_t cap;            /* customers allocated */
	fl_arena *arena;       /* every string of the portfolio */
	bool lent;             /* arena is the caller's (fl_portfolio_new_in) */
	fl_slots ids;          /* the customers by id, while loading */
	fl_strset segments;    /* distinct segment names, while loading */
};

/* An empty portfolio (name, currency and period ""); NULL when out of
 * memory.  Release with fl_portfolio_free. */
fl_portfolio *fl_portfolio_new(void);

/* An empty portfolio whose strings go to `strings`, which stays the
 * caller's: the caller keeps it at least as long as the portfolio and
 * wherever its customers are moved (fl_portfolio_append leaves it).  NULL
 * when out of memory. */
fl_portfolio *fl_portfolio_new_in(fl_arena *strings);

/* The arena that owns p's strings. */
fl_arena *fl_portfolio_arena(fl_portfolio *p);

/*
 * Add a copy of *c, whose strings live in p's arena already.  When a
 * customer has the id, returns FL_ERR_INPUT and sets *first to its index;
 * FL_ERR_NOMEM when out of memory (or past 2^32 - 2 customers).
 */
fl_status fl_portfolio_add(fl_portfolio *p, const fl_customer *c,
                           size_t *first);

/*
 * Move the customers of q, a portfolio loaded apart (a thread's chunk of
 * the input), to the end of p in their order: their index moved on by
 * index_base, their line (where not 0) by line_base, the strings of q's
 * arena handed over to p's (unless it is lent: fl_portfolio_new_in).  q is left without customers (free it as
 * usual).  When a customer of q has the id of one of p, nothing moves and
 * the result is FL_ERR_INPUT; FL_ERR_NOMEM when out of memory (p as it
 * was).  Segment names stay q's copies: they compare as text.
 */
fl_status fl_portfolio_append(fl_portfolio *p, fl_portfolio *q,
                              size_t index_base, unsigned long line_base);

/* Is id[0..len) the id of a customer of p?  Then sets *first to its index
 * and returns true. */
bool fl_portfolio_find(fl_portfolio *p, const char *id, size_t len,
                       size_t *first);

/*
 * A copy of s[0..len) in p's arena, shared with earlier equal strings: a
 * segment named by a million customers is stored once.  Past
 * FL_INTERN_MAX distinct strings (then they are not segments) each call
 * makes a plain copy.  NULL when out of memory.
 */
#define FL_INTERN_MAX 4096
const char *fl_portfolio_intern(fl_portfolio *p, const char *s, size_t len);

/* Loading is over: release the id index and the segment pool (the
 * portfolio keeps its strings), and shrink the customer array to its
 * customers. */
void fl_portfolio_seal(fl_portfolio *p);

/* fl_level_parse on s[0..len). */
fl_level fl_level_parse_n(const char *s, size_t len);

#endif
