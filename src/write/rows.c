/*
 * rows.c - the renderers of row sources (rows.h).
 */
#include "write/rows.h"

#include <string.h>

#include "model/portfolio_int.h"
#include "util/par.h"
#include "write/escape.h"
#include "write/markup.h"
#include "write/text.h"

void fl_cells_set(fl_cells *cl, size_t c, const char *s)
{
	cl->cell[c] = s;
	cl->len[c] = s != NULL ? strlen(s) : 0;
}

static unsigned flags_of(const fl_rows *r, size_t c)
{
	return r->flags != NULL ? r->flags[c] : 0;
}

/* Fill row i; false when it is not shown. */
static bool fill(const fl_rows *r, size_t i, fl_cells *cl)
{
	cl->sgr = NULL;
	return r->fill(r->ctx, i, cl);
}

/* Write every shown row with `row` (n: its number among the shown);
 * stop as soon as the output fails. */
typedef void row_fn(fl_out *o, const fl_rows *r, const fl_cells *cl,
                    size_t n, const void *arg);

/* Rows a thread formats at a time, and blocks in memory at once per
 * thread. */
#define BLOCK_ROWS 2048
#define ROUND_BLOCKS 4

struct blocks {
	const fl_rows *r;
	row_fn *row;
	const void *arg;
	size_t first;                     /* the round's first row */
	fl_out *out[ROUND_BLOCKS * FL_PAR_MAX];
};

/* Block b of the round into its memory output. */
static void block_turn(void *p, size_t b, unsigned thread)
{
	struct blocks *w = p;
	(void)thread;
	const fl_rows *r = w->r;
	size_t from = w->first + b * BLOCK_ROWS;
	size_t to = from + BLOCK_ROWS < r->nrows ? from + BLOCK_ROWS : r->nrows;
	fl_cells cl;
	for (size_t i = from; i < to; i++) {
		/* Every row is shown (fl_rows.jobs): its number is i. */
		if (fill(r, i, &cl))
			w->row(w->out[b], r, &cl, i, w->arg);
	}
}

/* each_row on r->jobs threads: rounds of blocks formatted in parallel,
 * then written in order.  FL_ERR_NOMEM when the blocks' outputs cannot
 * be had. */
static fl_status each_block(fl_out *o, const fl_rows *r, row_fn *row,
                            const void *arg, size_t *shown)
{
	unsigned jobs = r->jobs < FL_PAR_MAX ? r->jobs : FL_PAR_MAX;
	size_t per_round = (size_t)ROUND_BLOCKS * jobs;
	struct blocks w = { .r = r, .row = row, .arg = arg };
	fl_status st = FL_OK;
	for (size_t b = 0; b < per_round; b++)
		if ((w.out[b] = fl_out_open_mem()) == NULL)
			st = FL_ERR_NOMEM;
	for (; st == FL_OK && w.first < r->nrows;
	     w.first += per_round * BLOCK_ROWS) {
		size_t left = r->nrows - w.first;
		size_t nb = (left + BLOCK_ROWS - 1) / BLOCK_ROWS;
		if (nb > per_round)
			nb = per_round;
		fl_par_for(jobs, nb, block_turn, &w);
		for (size_t b = 0; b < nb; b++)
			fl_out_append(o, w.out[b]);
		if (fl_out_failed(o))
			st = FL_ERR_IO;
	}
	for (size_t b = 0; b < per_round; b++)
		fl_out_abort(w.out[b]);
	if (shown != NULL)
		*shown = st == FL_OK ? r->nrows : 0;
	return st;
}

static fl_status each_row(fl_out *o, const fl_rows *r, row_fn *row,
                          const void *arg, size_t *shown)
{
	if (r->jobs > 1 && r->nrows > BLOCK_ROWS)
		return each_block(o, r, row, arg, shown);
	fl_cells cl;
	size_t n = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		if (!fill(r, i, &cl))
			continue;
		row(o, r, &cl, n++, arg);
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	if (shown != NULL)
		*shown = n;
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}

static void pad(fl_out *o, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		fl_out_write(o, spaces, k);
		n -= k;
	}
}

/* ---- text ---- */

/* A cell as the text form shows it: "-" when absent. */
static void text_cell(const fl_cells *cl, size_t c, const char **s,
                      size_t *len)
{
	*s = cl->cell[c] != NULL ? cl->cell[c] : "-";
	*len = cl->cell[c] != NULL ? cl->len[c] : 1;
}

struct text_args {
	const size_t *w;         /* column widths */
	int indent;
	bool color;
};

static void text_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                      size_t n, const void *arg)
{
	const struct text_args *a = arg;
	(void)n;
	pad(o, (size_t)a->indent);
	size_t last = r->ncols;
	while (last > 0 && (flags_of(r, last - 1) & FL_RCOL_JSON_ONLY))
		last--;
	bool first = true;
	for (size_t c = 0; c < last; c++) {
		unsigned f = flags_of(r, c);
		if (f & FL_RCOL_JSON_ONLY)
			continue;
		const char *s;
		size_t len;
		text_cell(cl, c, &s, &len);
		size_t cw = fl_text_width(s, len);
		if (!first)
			pad(o, 2);
		first = false;
		if (f & FL_RCOL_NUM)
			pad(o, a->w[c] - cw);
		/* Colour goes inside the padding, so columns stay aligned. */
		bool sgr = a->color && cl->sgr != NULL && cl->sgr[0] != '\0' &&
		           cl->sgr_col == c;
		if (sgr)
			fl_out_puts(o, cl->sgr);
		fl_text_write(o, s, len);
		if (sgr)
			fl_out_puts(o, FL_SGR_RESET);
		if (!(f & FL_RCOL_NUM) && c + 1 < last)
			pad(o, a->w[c] - cw);
	}
	fl_out_putc(o, '\n');
}

fl_status fl_rows_text(fl_out *o, const fl_rows *r, int indent, bool color,
                       size_t *shown)
{
	size_t w[FL_ROWS_MAX];
	fl_cells cl;
	for (size_t c = 0; c < r->ncols; c++) {
		w[c] = strlen(r->cols[c]);
		cl.cell[c] = r->cols[c];
		cl.len[c] = w[c];
	}
	cl.sgr = NULL;
	fl_cells head = cl;
	for (size_t i = 0; i < r->nrows; i++) {
		if (!fill(r, i, &cl))
			continue;
		for (size_t c = 0; c < r->ncols; c++) {
			const char *s;
			size_t len;
			text_cell(&cl, c, &s, &len);
			size_t cw = fl_text_width(s, len);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	struct text_args a = { w, indent, false };
	text_line(o, r, &head, 0, &a);
	a.color = color;
	return each_row(o, r, text_line, &a, shown);
}

/* ---- CSV and TSV ---- */

struct delim_args {
	char sep;                /* ',' ';' '|' or '\t' */
	bool csv;                /* CSV quoting; false: TSV escapes */
	bool decimal_comma;
	bool escape_formulas;
};

static void delim_text(fl_out *o, const struct delim_args *a, const char *s,
                       size_t len, bool guard)
{
	bool prefix = guard && a->escape_formulas && fl_cell_is_formula(s, len);
	if (a->csv)
		fl_csv_cell(o, a->sep, s, len, prefix);
	else
		fl_tsv_cell(o, s, len, prefix);
}

static void delim_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                       size_t n, const void *arg)
{
	const struct delim_args *a = arg;
	(void)n;
	bool first = true;
	for (size_t c = 0; c < r->ncols; c++) {
		unsigned f = flags_of(r, c);
		if (f & FL_RCOL_JSON_ONLY)
			continue;
		if (!first)
			fl_out_putc(o, a->sep);
		first = false;
		const char *s = cl->cell[c];
		if (s == NULL)
			continue;
		if (f & FL_RCOL_NUM)
			fl_number_cell(o, s, cl->len[c], a->decimal_comma, a->csv);
		else
			delim_text(o, a, s, cl->len[c], true);
	}
	fl_out_putc(o, '\n');
}

fl_status fl_rows_delim(fl_out *o, const fl_rows *r, fl_format format,
                        const fl_csv_output *d, bool escape_formulas,
                        size_t *shown)
{
	static const fl_csv_output plain = { 0 };
	if (d == NULL)
		d = &plain;
	bool csv = format == FL_FORMAT_CSV;
	struct delim_args a = {
		.sep = !csv ? '\t' : d->delimiter != 0 ? d->delimiter : ',',
		.csv = csv, .decimal_comma = d->decimal_comma,
		.escape_formulas = escape_formulas,
	};
	if (d->bom)
		fl_out_puts(o, "\xEF\xBB\xBF");
	if (!d->no_header) {
		bool first = true;
		for (size_t c = 0; c < r->ncols; c++) {
			if (flags_of(r, c) & FL_RCOL_JSON_ONLY)
				continue;
			if (!first)
				fl_out_putc(o, a.sep);
			first = false;
			/* The library's own names: escaped all the same, never
			 * guarded (none starts like a formula). */
			delim_text(o, &a, r->cols[c], strlen(r->cols[c]), false);
		}
		fl_out_putc(o, '\n');
	}
	return each_row(o, r, delim_line, &a, shown);
}

/* ---- JSON ---- */

/* One row as a JSON object, for JSON and JSON Lines alike. */
static void json_object(fl_out *o, const fl_rows *r, const fl_cells *cl)
{
	fl_out_putc(o, '{');
	for (size_t c = 0; c < r->ncols; c++) {
		unsigned f = flags_of(r, c);
		const char *s = cl->cell[c];
		if (c > 0)
			fl_out_puts(o, ", ");
		/* Column names are the library's own: nothing to escape. */
		fl_out_putc(o, '"');
		fl_out_puts(o, r->cols[c]);
		fl_out_puts(o, "\": ");
		if (s == NULL || ((f & FL_RCOL_NUM) && cl->len[c] == 0))
			fl_out_puts(o, "null");
		else if (f & FL_RCOL_BOOL)
			fl_out_puts(o, s[0] == 'y' ? "true" : "false");
		else if (f & FL_RCOL_NUM)
			fl_out_write(o, s, cl->len[c]);
		else
			fl_json_string(o, s, cl->len[c]);
	}
	fl_out_putc(o, '}');
}

static void json_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                      size_t n, const void *arg)
{
	const int *indent = arg;
	fl_out_puts(o, n > 0 ? ",\n" : "\n");
	pad(o, (size_t)*indent + 2);
	json_object(o, r, cl);
}

static void jsonl_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                       size_t n, const void *arg)
{
	(void)n;
	(void)arg;
	json_object(o, r, cl);
	fl_out_putc(o, '\n');
}

fl_status fl_rows_jsonl(fl_out *o, const fl_rows *r, size_t *shown)
{
	return each_row(o, r, jsonl_line, NULL, shown);
}

fl_status fl_rows_json(fl_out *o, const fl_rows *r, int indent, size_t *shown)
{
	size_t n = 0;
	fl_out_putc(o, '[');
	fl_status st = each_row(o, r, json_line, &indent, &n);
	if (n > 0) {
		fl_out_putc(o, '\n');
		pad(o, (size_t)indent);
	}
	fl_out_putc(o, ']');
	if (shown != NULL)
		*shown = n;
	return st;
}

/* ---- Markdown ---- */

static void markdown_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                          size_t n, const void *arg)
{
	(void)n;
	(void)arg;
	fl_out_putc(o, '|');
	for (size_t c = 0; c < r->ncols; c++) {
		if (flags_of(r, c) & FL_RCOL_JSON_ONLY)
			continue;
		fl_out_putc(o, ' ');
		if (cl->cell[c] != NULL)
			fl_text_write_markdown(o, cl->cell[c], cl->len[c]);
		fl_out_puts(o, " |");
	}
	fl_out_putc(o, '\n');
}

fl_status fl_rows_markdown(fl_out *o, const fl_rows *r, size_t *shown)
{
	fl_out_putc(o, '|');
	for (size_t c = 0; c < r->ncols; c++) {
		if (flags_of(r, c) & FL_RCOL_JSON_ONLY)
			continue;
		/* Column names are the library's own: no markup in them. */
		fl_out_putc(o, ' ');
		fl_out_puts(o, r->cols[c]);
		fl_out_puts(o, " |");
	}
	fl_out_puts(o, "\n|");
	for (size_t c = 0; c < r->ncols; c++) {
		unsigned f = flags_of(r, c);
		if (!(f & FL_RCOL_JSON_ONLY))
			fl_out_puts(o, (f & FL_RCOL_NUM) ? " ---: |" : " --- |");
	}
	fl_out_putc(o, '\n');
	return each_row(o, r, markdown_line, NULL, shown);
}

/* ---- HTML ---- */

static void html_line(fl_out *o, const fl_rows *r, const fl_cells *cl,
                      size_t n, const void *arg)
{
	(void)n;
	(void)arg;
	fl_out_puts(o, "<tr>");
	for (size_t c = 0; c < r->ncols; c++) {
		unsigned f = flags_of(r, c);
		if (f & FL_RCOL_JSON_ONLY)
			continue;
		const char *s = cl->cell[c];
		fl_level l = FL_LEVEL_NONE;
		if ((f & FL_RCOL_LEVEL) && s != NULL)
			l = fl_level_parse_n(s, cl->len[c]);
		if (f & FL_RCOL_NUM)
			fl_out_puts(o, "<td class=\"num\">");
		else if (l != FL_LEVEL_NONE)
			fl_out_printf(o, "<td class=\"lv l%d\">", (int)l);
		else
			fl_out_puts(o, "<td>");
		/* Numbers for people: digits grouped (markup.h). */
		if (s != NULL && (f & FL_RCOL_NUM))
			fl_markup_grouped(o, s, cl->len[c]);
		else if (s != NULL)
			fl_markup_text(o, s, 0);
		fl_out_puts(o, "</td>");
	}
	fl_out_puts(o, "</tr>\n");
}

fl_status fl_rows_html(fl_out *o, const fl_rows *r, size_t *shown)
{
	fl_out_puts(o, "<table class=\"");
	fl_markup_text(o, r->key, 0);
	fl_out_puts(o, "\">\n<thead><tr>");
	for (size_t c = 0; c < r->ncols; c++) {
		unsigned f = flags_of(r, c);
		if (f & FL_RCOL_JSON_ONLY)
			continue;
		fl_out_puts(o, (f & FL_RCOL_NUM) ? "<th class=\"num\">" : "<th>");
		/* A long name ("customer_contacts_period") may break after
		 * each '_' (column names are ASCII words). */
		for (const char *s = r->cols[c]; *s != '\0'; s++) {
			fl_out_putc(o, *s);
			if (*s == '_' && s[1] != '\0')
				fl_out_puts(o, "<wbr>");
		}
		fl_out_puts(o, "</th>");
	}
	fl_out_puts(o, "</tr></thead>\n<tbody>\n");
	fl_status st = each_row(o, r, html_line, NULL, shown);
	fl_out_puts(o, "</tbody>\n</table>\n");
	return st;
}
