#include "write/rows.h"

#include <stdlib.h>
#include <string.h>

#include "write/markup.h"
#include "write/assign_int.h"
#include "write/text.h"

void fl_table_init(fl_table *t, const char *key, size_t ncols,
                   const char *const *cols, const bool *numeric)
{
	memset(t, 0, sizeof(*t));
	t->key = key;
	t->ncols = ncols;
	t->cols = cols;
	t->numeric = numeric;
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

static const char *cell(const fl_table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

static size_t width(const char *s)
{
	return fl_text_width(s, strlen(s));
}

static void text_cell(fl_out *o, const char *s)
{
	fl_text_write(o, s, strlen(s));
}

static void spaces(fl_out *o, size_t n)
{
	while (n-- > 0)
		fl_out_putc(o, ' ');
}

static void text_row(fl_out *o, const fl_table *t, const size_t *w,
                     const char *const *cells, int indent)
{
	spaces(o, (size_t)indent);
	for (size_t c = 0; c < t->ncols; c++) {
		size_t cw = width(cells[c]);
		if (c > 0)
			spaces(o, 2);
		if (t->numeric[c])
			spaces(o, w[c] - cw);
		text_cell(o, cells[c]);
		if (!t->numeric[c] && c + 1 < t->ncols)
			spaces(o, w[c] - cw);
	}
	fl_out_putc(o, '\n');
}

void fl_table_write_text(fl_out *o, const fl_table *t, int indent)
{
	size_t *w = calloc(t->ncols, sizeof(*w));
	if (w == NULL)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = width(t->cols[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = width(cell(t, r, c));
			if (cw > w[c])
				w[c] = cw;
		}
	}
	text_row(o, t, w, t->cols, indent);
	for (size_t r = 0; r < t->nrows; r++)
		text_row(o, t, w, (const char *const *)(t->cells + r * t->ncols),
		         indent);
	free(w);
}

static void md_cell(fl_out *o, const char *s)
{
	fl_text_write_markdown(o, s, strlen(s));
}

void fl_table_write_markdown(fl_out *o, const fl_table *t)
{
	fl_out_putc(o, '|');
	for (size_t c = 0; c < t->ncols; c++) {
		/* Column names are the library's own: no markup in them. */
		fl_out_putc(o, ' ');
		fl_out_puts(o, t->cols[c]);
		fl_out_puts(o, " |");
	}
	fl_out_puts(o, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		fl_out_puts(o, t->numeric[c] ? " ---: |" : " --- |");
	fl_out_putc(o, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		fl_out_putc(o, '|');
		for (size_t c = 0; c < t->ncols; c++) {
			fl_out_putc(o, ' ');
			md_cell(o, cell(t, r, c));
			fl_out_puts(o, " |");
		}
		fl_out_putc(o, '\n');
	}
}

void fl_table_write_delim(fl_out *o, const fl_table *t, char sep,
                          bool escape_formulas)
{
	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0)
			fl_out_putc(o, sep);
		fl_out_puts(o, t->cols[c]);
	}
	fl_out_putc(o, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);
			size_t len = strlen(s);
			if (c > 0)
				fl_out_putc(o, sep);
			if (t->numeric[c]) {
				fl_out_write(o, s, len);
				continue;
			}
			bool prefix = escape_formulas && fl_cell_is_formula(s, len);
			if (sep == ',')
				fl_csv_cell(o, s, len, prefix);
			else
				fl_tsv_cell(o, s, len, prefix);
		}
		fl_out_putc(o, '\n');
	}
}

void fl_table_write_json(fl_out *o, const fl_table *t, int indent)
{
	fl_out_putc(o, '[');
	for (size_t r = 0; r < t->nrows; r++) {
		fl_out_puts(o, r == 0 ? "\n" : ",\n");
		spaces(o, (size_t)indent + 2);
		fl_out_putc(o, '{');
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);
			if (c > 0)
				fl_out_puts(o, ", ");
			fl_json_string(o, t->cols[c], strlen(t->cols[c]));
			fl_out_puts(o, ": ");
			if (t->numeric[c])
				fl_out_puts(o, s[0] != '\0' ? s : "null");
			else
				fl_json_string(o, s, strlen(s));
		}
		fl_out_putc(o, '}');
	}
	if (t->nrows > 0) {
		fl_out_putc(o, '\n');
		spaces(o, (size_t)indent);
	}
	fl_out_putc(o, ']');
}

/* Columns whose cells are level names, shown with the level's colour. */
static bool is_level_column(const char *name)
{
	return strcmp(name, "level") == 0 || strcmp(name, "computed_level") == 0 ||
	       strcmp(name, "moves_to") == 0;
}

void fl_table_write_html(fl_out *o, const fl_table *t)
{
	fl_out_puts(o, "<table class=\"");
	fl_markup_text(o, t->key, 0);
	fl_out_puts(o, "\">\n<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		fl_out_puts(o, t->numeric[c] ? "<th class=\"num\">" : "<th>");
		fl_markup_text(o, t->cols[c], 0);
		fl_out_puts(o, "</th>");
	}
	fl_out_puts(o, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		fl_out_puts(o, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);
			fl_level l = is_level_column(t->cols[c]) ? fl_level_parse(s)
			                                         : FL_LEVEL_NONE;
			if (t->numeric[c])
				fl_out_puts(o, "<td class=\"num\">");
			else if (l != FL_LEVEL_NONE)
				fl_out_printf(o, "<td class=\"lv l%d\">", (int)l);
			else
				fl_out_puts(o, "<td>");
			fl_markup_text(o, s, 0);
			fl_out_puts(o, "</td>");
		}
		fl_out_puts(o, "</tr>\n");
	}
	fl_out_puts(o, "</tbody>\n</table>\n");
}
