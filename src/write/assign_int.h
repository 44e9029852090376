/*
 * assign_int.h - what the writers share: one row's cells, the escaping
 * rules, the writers of assign.
 */
#ifndef FL_REPORT_INT_H
#define FL_REPORT_INT_H

#include <focuslevel/report.h>

#include "util/number.h"
#include "model/columns.h"

/* One row, formatted: cell[i] points into `num` or at customer strings. */
typedef struct fl_row {
	const char *cell[FL_NCOLS];
	size_t len[FL_NCOLS];
	char num[6][FL_FIXED2_MAX];
} fl_row;

void fl_row_fill(fl_row *r, const fl_customer *c, const fl_class *k);

/* Does a text cell need a leading ' to stop a spreadsheet running it? */
bool fl_cell_is_formula(const char *s, size_t len);

/* One CSV / TSV text cell, with a leading ' when prefix is set. */
void fl_csv_cell(fl_out *o, const char *s, size_t len, bool prefix);
void fl_tsv_cell(fl_out *o, const char *s, size_t len, bool prefix);

/* The "thresholds" object of the JSON outputs (indent: of its keys). */
void fl_json_thresholds(fl_out *o, const fl_thresholds *t);

/* JSON string literal of s[0..len), quotes included. */
void fl_json_string(fl_out *o, const char *s, size_t len);

/* The writers take `rows`, the row order from fl_sort_rows, or NULL for
 * input order. */
fl_status fl_write_table(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                         const size_t *rows, bool color);

/* The SGR sequence that colours a level's name in a table ("" for basic),
 * and the one that ends it. */
const char *fl_level_sgr(fl_level level);
#define FL_SGR_RESET "\033[0m"
fl_status fl_write_delim(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                         const size_t *rows, char sep, bool escape_formulas);
fl_status fl_write_json(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const size_t *rows);

#endif
