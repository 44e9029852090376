/*
 * rows.h - the one driver of every row-shaped output.
 *
 * A row source (fl_rows) names its columns, says per column how a cell is
 * written (number, boolean, level name, JSON only), and fills one row's
 * cells on demand.  A renderer per format walks the source: aligned text,
 * CSV/TSV, JSON, Markdown, HTML.  The assignment, the report's sections,
 * the diff and the HTML customer table are each one source, so a new
 * format is one new renderer here, not one per command.
 *
 * Rows are filled one at a time into an fl_cells on the stack: a million
 * rows never need a million formatted strings.  The text renderer walks
 * the source twice (column widths first), so a fill must give the same
 * cells for the same row every time.
 */
#ifndef FL_WRITE_ROWS_H
#define FL_WRITE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include <focuslevel/diag.h>
#include <focuslevel/format.h>
#include <focuslevel/out.h>

#include "util/number.h"

/* The most columns a source has. */
#define FL_ROWS_MAX 40

/* How the cells of a column are written (fl_rows.flags). */
enum {
	FL_RCOL_NUM = 1,        /* a number: right-aligned, never formula-
	                         * escaped, a JSON number ("" is null) */
	FL_RCOL_BOOL = 2,       /* "yes"/"no": JSON true/false */
	FL_RCOL_LEVEL = 4,      /* a level name: coloured in HTML */
	FL_RCOL_JSON_ONLY = 8   /* only in JSON (e.g. diff's "steps") */
};

/*
 * One row's cells.  cell[c] NULL means absent: "-" in text, an empty CSV
 * field, null in JSON.  len[c] is the length of a non-NULL cell.  A fill
 * may colour one cell per row for terminals (sgr_col, sgr); the driver
 * clears sgr before each fill.  num[] is scratch for formatted numbers.
 */
typedef struct fl_cells {
	const char *cell[FL_ROWS_MAX];
	size_t len[FL_ROWS_MAX];
	const char *sgr;
	size_t sgr_col;
	char num[22][FL_MONEY_MAX];
} fl_cells;

/* Set cell c to the NUL-terminated s (NULL: absent). */
void fl_cells_set(fl_cells *cl, size_t c, const char *s);

typedef struct fl_rows {
	const char *key;              /* what the rows are: "levels", ... */
	size_t ncols;                 /* at most FL_ROWS_MAX */
	const char *const *cols;      /* column names: plain ASCII, static */
	const unsigned char *flags;   /* FL_RCOL_* per column; NULL: all 0 */
	size_t nrows;
	/* Fill row r (0 <= r < nrows); false: the row is not shown. */
	bool (*fill)(const void *ctx, size_t r, fl_cells *out);
	const void *ctx;
	/* More than 1: fill may run on that many threads at once and shows
	 * every row, so the renderers fill and format blocks of rows on
	 * that many threads, written in order: the same bytes.  (The text
	 * renderer's pass for the column widths stays on one.) */
	unsigned jobs;
} fl_rows;

/*
 * The renderers.  Each returns FL_OK, or FL_ERR_IO as soon as the output
 * has failed (a million rows to a full disk stop at once), and sets
 * *shown (may be NULL) to the number of rows written.
 *
 * text: aligned columns (numbers right), each line indented by `indent`
 * spaces, every cell through fl_text_write; with `color` the fill's sgr
 * colours its cell inside the padding.  A header row of column names.
 */
fl_status fl_rows_text(fl_out *o, const fl_rows *r, int indent, bool color,
                       size_t *shown);
/*
 * CSV or TSV (`format`), in the dialect `d` (NULL: the plain one): its
 * byte order mark, delimiter (CSV only), decimal mark and header row; text
 * cells formula-escaped when escape_formulas is set.  A CSV or TSV output
 * is one call, so the mark is written here.
 */
fl_status fl_rows_delim(fl_out *o, const fl_rows *r, fl_format format,
                        const fl_csv_output *d, bool escape_formulas,
                        size_t *shown);
/* A JSON array of objects, one per row: "[", each row on a line of its
 * own indented by indent + 2, "]" indented by `indent` ("[]" when empty). */
fl_status fl_rows_json(fl_out *o, const fl_rows *r, int indent,
                       size_t *shown);
/* JSON Lines: each row a JSON object (the objects of fl_rows_json, byte
 * for byte) on a line of its own, nothing else: the outputs of shards
 * concatenate to the output of one run. */
fl_status fl_rows_jsonl(fl_out *o, const fl_rows *r, size_t *shown);
/* A GitHub-flavoured Markdown table. */
fl_status fl_rows_markdown(fl_out *o, const fl_rows *r, size_t *shown);
/* An HTML <table> (class: the key), every cell escaped, numbers
 * right-aligned, level names marked for colour. */
fl_status fl_rows_html(fl_out *o, const fl_rows *r, size_t *shown);

#endif
