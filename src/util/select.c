#include "util/select.h"

#include <stdlib.h>

static void swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

void fl_select(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	/* Quickselect on a median-of-three pivot; after a generous number of
	 * rounds without converging (adversarial input), sort what is left so
	 * the worst case stays O(n log n). */
	int budget = 64;
	while (hi > lo) {
		if (budget-- == 0) {
			qsort(v + lo, hi - lo + 1, sizeof(*v), cmp_double);
			return;
		}
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < v[lo])
			swap(&v[mid], &v[lo]);
		if (v[hi] < v[lo])
			swap(&v[hi], &v[lo]);
		if (v[hi] < v[mid])
			swap(&v[hi], &v[mid]);
		double pivot = v[mid];
		/* Hoare partition: equal keys split evenly, so many ties (common:
		 * margins of exactly 0) do not degrade it. */
		size_t i = lo, j = hi;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			swap(&v[i], &v[j]);
			i++;
			j--;
		}
		/* Now v[lo..j] <= pivot <= v[j+1..hi]. */
		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
}
