/*
 * diff_int.h - what making a diff side and reading one share (diff.c,
 * load/assign_output.c).
 */
#ifndef FL_MODEL_DIFF_INT_H
#define FL_MODEL_DIFF_INT_H

#include <stdbool.h>

#include <focuslevel/diff.h>

#include "util/idkey.h"

/* A side with room for `count` entries (count stays 0), name, currency
 * and period "".  NULL when out of memory. */
fl_diff_side *fl_diff_side_new(size_t count);

/* A copy of str in s's arena; "" and *oom set when out of memory. */
const char *fl_diff_side_copy(fl_diff_side *s, const char *str, bool *oom);

/* The entries' ids, sorted (ties by position); NULL when out of memory
 * or empty.  Free with free(3). */
fl_idkey *fl_diff_sorted_ids(const fl_diff_side *s);

/*
 * Report every repeated id of `s` (k: fl_diff_sorted_ids): with `side`
 * NULL at the repeat's path ("customers[3].id"), else naming the side and
 * both positions.  Returns FL_OK, FL_ERR_INPUT or FL_ERR_NOMEM.
 */
fl_status fl_diff_check_ids(const fl_diff_side *s, const fl_idkey *k,
                            const char *side, fl_diags *diags);

#endif
