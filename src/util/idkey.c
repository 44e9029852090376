#include "util/idkey.h"

#include <string.h>

int fl_idkey_cmp(const void *pa, const void *pb)
{
	const fl_idkey *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	if (c != 0)
		return c;
	return (a->index > b->index) - (a->index < b->index);
}
