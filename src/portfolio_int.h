/*
 * portfolio_int.h - portfolio internals shared by the loaders.
 */
#ifndef FL_PORTFOLIO_INT_H
#define FL_PORTFOLIO_INT_H

#include <focuslevel/portfolio.h>

#include "load.h"

/*
 * Append a copy of *c (whose strings already live in p's arena).  When the
 * id is taken, returns FL_ERR_INPUT and sets *first to the index of the
 * customer that has it; FL_ERR_NOMEM when out of memory.
 */
fl_status fl_portfolio_add(fl_portfolio *p, fl_idset *ids,
                           const fl_customer *c, size_t *first);

void fl_idset_release(fl_idset *s);

/* fl_level_parse on s[0..len). */
fl_level fl_level_parse_n(const char *s, size_t len);

#endif
