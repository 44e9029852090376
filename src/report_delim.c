/*
 * report_delim.c - CSV (RFC 4180) and TSV, each with its own escaping.
 *
 * CSV quotes a field only when it holds a comma, a quote, CR or LF.  TSV
 * never quotes; it writes tab, newline, carriage return and backslash as
 * \t \n \r \\.  In both, a text cell that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
 */
#include <string.h>

#include "report_int.h"

void fl_csv_cell(fl_out *o, const char *s, size_t len, bool prefix)
{
	bool quote = false;
	for (size_t i = 0; i < len && !quote; i++) {
		char c = s[i];
		quote = c == ',' || c == '"' || c == '\n' || c == '\r';
	}
	if (!quote) {
		if (prefix)
			fl_out_putc(o, '\'');
		fl_out_write(o, s, len);
		return;
	}
	fl_out_putc(o, '"');
	if (prefix)
		fl_out_putc(o, '\'');
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') {
			fl_out_write(o, s + start, i + 1 - start);
			fl_out_putc(o, '"');
			start = i + 1;
		}
	}
	fl_out_write(o, s + start, len - start);
	fl_out_putc(o, '"');
}

void fl_tsv_cell(fl_out *o, const char *s, size_t len, bool prefix)
{
	if (prefix)
		fl_out_putc(o, '\'');
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *esc;
		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		fl_out_write(o, s + start, i - start);
		fl_out_write(o, esc, 2);
		start = i + 1;
	}
	fl_out_write(o, s + start, len - start);
}

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
