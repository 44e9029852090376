/*
 * rows_xlsx.h - row sources as worksheets of an xlsx workbook
 * (libxlsxwriter).
 *
 * A workbook (fl_xlsx) gets one worksheet per row source: a bold header
 * row, frozen, with an autofilter over the table; numbers as numbers
 * with as many decimals shown as the text forms print (money "0.00",
 * counts "0"), booleans as TRUE/FALSE, every other cell as text (ids,
 * names and segments are never read as numbers or formulas), a level
 * cell filled with the level's colour, column widths from the content.
 *
 * libxlsxwriter writes a workbook to a file name; fl_xlsx gives it an
 * unlinked temporary file (through /dev/fd), so that nothing is left
 * behind whatever ends the program, and fl_xlsx_finish copies the bytes
 * to an fl_out: -o's atomic rules and standard output work as for every
 * other format.  The same rows give the same bytes: the document's
 * creation time is SOURCE_DATE_EPOCH when set (1 to 253402300799),
 * else 2000-01-01T00:00:00Z, and the zip entries carry libxlsxwriter's
 * fixed 1980-01-01 time.  Numbers are written in the "C" locale.
 */
#ifndef FL_WRITE_ROWS_XLSX_H
#define FL_WRITE_ROWS_XLSX_H

#include "write/rows.h"

/* The most rows of data a worksheet holds (Excel's 1048576, less the
 * header row); more is FL_ERR_LIMIT. */
#define FL_XLSX_ROWS_MAX 1048575u
/* The longest text cell, in characters (Excel's limit); longer is
 * FL_ERR_LIMIT. */
#define FL_XLSX_CELL_MAX 32767u

typedef struct fl_xlsx fl_xlsx;

/*
 * A new, empty workbook; free it with fl_xlsx_finish or fl_xlsx_free.
 * Returns NULL with *st FL_ERR_NOMEM, or FL_ERR_IO when the temporary
 * file cannot be made.
 */
fl_xlsx *fl_xlsx_new(fl_status *st);

/*
 * Add a worksheet named `name` (the name is made valid: at most 31
 * characters, none of []:*?/\, not starting or ending with ', unique
 * without regard to case) holding the rows of r; *shown (may be NULL)
 * is the number of rows written.  Returns FL_OK, FL_ERR_LIMIT (too many
 * rows, a cell too long), FL_ERR_NOMEM or FL_ERR_IO; after a failure the
 * workbook can only be freed.
 */
fl_status fl_xlsx_sheet(fl_xlsx *x, const char *name, const fl_rows *r,
                        size_t *shown);

/* Close the workbook and write its bytes to o; frees x whatever
 * happens.  Returns FL_OK, FL_ERR_NOMEM or FL_ERR_IO. */
fl_status fl_xlsx_finish(fl_xlsx *x, fl_out *o);

/* Discard the workbook (NULL: no-op). */
void fl_xlsx_free(fl_xlsx *x);

/* The renderer of rows.h: a workbook of one worksheet, named r->key. */
fl_status fl_rows_xlsx(fl_out *o, const fl_rows *r, size_t *shown);

#endif
