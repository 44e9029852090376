/*
 * table.h - a small table of text cells with one renderer per format, so
 * that every section of the service plan is built once and written as
 * aligned text, Markdown, CSV, TSV or JSON.
 */
#ifndef FL_TABLE_H
#define FL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <focuslevel/out.h>

typedef struct fl_table {
	const char *key;            /* section name: "levels", "loss", ... */
	size_t ncols;
	const char *const *cols;    /* column names (static) */
	const bool *numeric;        /* per column: right-aligned, JSON number */
	char **cells;               /* nrows * ncols, each malloc'd */
	size_t nrows;
	size_t cap;                 /* rows allocated */
	bool oom;
} fl_table;

void fl_table_init(fl_table *t, const char *key, size_t ncols,
                   const char *const *cols, const bool *numeric);
void fl_table_release(fl_table *t);

/* Append a row of ncols cells (copied).  Out of memory sets t->oom. */
void fl_table_row(fl_table *t, const char *const *cells);

/* Aligned text, every line indented by `indent` spaces. */
void fl_table_write_text(fl_out *o, const fl_table *t, int indent);
/* A GitHub-flavoured Markdown table. */
void fl_table_write_markdown(fl_out *o, const fl_table *t);
/* CSV (sep ',') or TSV (sep '\t') with a header row. */
void fl_table_write_delim(fl_out *o, const fl_table *t, char sep,
                          bool escape_formulas);
/* An HTML <table> (class: the key), every cell escaped; numeric cells
 * right-aligned, level names marked for colour. */
void fl_table_write_html(fl_out *o, const fl_table *t);
/* A JSON array of objects, one per row; numeric cells as numbers. */
void fl_table_write_json(fl_out *o, const fl_table *t, int indent);

#endif
