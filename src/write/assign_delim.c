/*
 * report_delim.c - CSV (RFC 4180) and TSV, each with its own escaping.
 *
 * CSV quotes a field only when it holds a comma, a quote, CR or LF.  TSV
 * never quotes; it writes tab, newline, carriage return and backslash as
 * \t \n \r \\.  In both, a text cell that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
 */
#include <string.h>

#include "write/assign_int.h"

fl_status fl_write_delim(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                         const size_t *rows, char sep, bool escape_formulas)
{
	void (*cell)(fl_out *, const char *, size_t, bool) =
		sep == ',' ? fl_csv_cell : fl_tsv_cell;
	for (int i = 0; i < FL_NCOLS; i++) {
		if (i > 0)
			fl_out_putc(o, sep);
		fl_out_puts(o, fl_col_names[i]);
	}
	fl_out_putc(o, '\n');
	fl_row r;
	for (size_t n = 0; n < plan->count; n++) {
		size_t i = rows != NULL ? rows[n] : n;
		fl_row_fill(&r, &p->customers[i], &plan->classes[i]);
		for (int c = 0; c < FL_NCOLS; c++) {
			if (c > 0)
				fl_out_putc(o, sep);
			if (fl_col_numeric[c]) {
				fl_out_write(o, r.cell[c], r.len[c]);
				continue;
			}
			bool prefix = escape_formulas &&
			              fl_cell_is_formula(r.cell[c], r.len[c]);
			cell(o, r.cell[c], r.len[c], prefix);
		}
		fl_out_putc(o, '\n');
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	return FL_OK;
}
