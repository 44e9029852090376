/*
 * table.c - the in-memory table of the report's sections (table.h).
 */
#include "write/table.h"

#include <stdlib.h>
#include <string.h>

void fl_table_init(fl_table *t, const char *key, size_t ncols,
                   const char *const *cols, const unsigned char *flags)
{
	memset(t, 0, sizeof(*t));
	t->key = key;
	t->ncols = ncols;
	t->cols = cols;
	t->flags = flags;
}

void fl_table_release(fl_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

void fl_table_row(fl_table *t, const char *const *cells)
{
	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		char **c = realloc(t->cells, cap * t->ncols * sizeof(*c));
		if (c == NULL) {
			t->oom = true;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	char **row = t->cells + t->nrows * t->ncols;
	for (size_t i = 0; i < t->ncols; i++) {
		row[i] = strdup(cells[i] != NULL ? cells[i] : "");
		if (row[i] == NULL) {
			while (i-- > 0)
				free(row[i]);
			t->oom = true;
			return;
		}
	}
	t->nrows++;
}

static bool fill(const void *ctx, size_t r, fl_cells *out)
{
	const fl_table *t = ctx;
	for (size_t c = 0; c < t->ncols; c++)
		fl_cells_set(out, c, t->cells[r * t->ncols + c]);
	return true;
}

void fl_table_rows(const fl_table *t, fl_rows *r)
{
	r->key = t->key;
	r->ncols = t->ncols;
	r->cols = t->cols;
	r->flags = t->flags;
	r->nrows = t->nrows;
	r->fill = fill;
	r->ctx = t;
	r->jobs = 1;
}
