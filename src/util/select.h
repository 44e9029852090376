/*
 * select.h - order statistics without sorting.
 */
#ifndef FL_SELECT_H
#define FL_SELECT_H

#include <stddef.h>

/*
 * Rearrange v[0..n) so that v[k] holds the value it would hold if v were
 * sorted ascending, everything before it is <= v[k] and everything after is
 * >= v[k] (introselect: expected O(n), O(n log n) at worst).  k < n.
 */
void fl_select(double *v, size_t n, size_t k);

#endif
