/*
 * table.h - a small table of text cells held in memory, for the report's
 * sections (a few rows each): built once, then written in every format
 * through the rows driver (rows.h), so the forms cannot disagree.
 */
#ifndef FL_WRITE_TABLE_H
#define FL_WRITE_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <focuslevel/out.h>

#include "write/rows.h"

typedef struct fl_table {
	const char *key;             /* section name: "levels", "loss", ... */
	size_t ncols;                /* at most FL_ROWS_MAX */
	const char *const *cols;     /* column names (static) */
	const unsigned char *flags;  /* FL_RCOL_* per column (static) */
	char **cells;                /* nrows * ncols, each malloc'd */
	size_t nrows;
	size_t cap;                  /* rows allocated */
	bool oom;
} fl_table;

void fl_table_init(fl_table *t, const char *key, size_t ncols,
                   const char *const *cols, const unsigned char *flags);
void fl_table_release(fl_table *t);

/* Append a row of ncols cells (copied; NULL as "").  Out of memory sets
 * t->oom. */
void fl_table_row(fl_table *t, const char *const *cells);

/* The table as a row source; t must outlive r. */
void fl_table_rows(const fl_table *t, fl_rows *r);

#endif
