/*
 * ids.h - the ids of the invalid customers of a load (ids.c).
 *
 * Valid customers are found by id in the portfolio itself
 * (fl_portfolio_find); an invalid one is not in the portfolio, but a later
 * customer with its id is a duplicate all the same.
 */
#ifndef FL_LOAD_IDS_H
#define FL_LOAD_IDS_H

#include <focuslevel/portfolio.h>

#include "util/hashtab.h"

/*
 * The ids of the invalid customers, each with the position of the first
 * customer that had it.  No id is both here and in the portfolio.
 * Nothing is allocated before the first invalid customer.
 */
typedef struct fl_badids {
	fl_strset set;
	fl_arena *arena;      /* the entries and their ids */
} fl_badids;

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
bool fl_badids_find(fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index);

void fl_badids_release(fl_badids *s);

#endif
