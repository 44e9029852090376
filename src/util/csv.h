/*
 * csv.h - a scanner of delimited text: RFC 4180 with a delimiter of the
 * caller's choice (',' ';' tab '|'), one record at a time, over a window
 * of bytes that the caller refills (util/reader.h).
 *
 * Why a scanner of its own rather than libcsv: docs/import.md.  In short,
 * every field knows its line and column, the strictness is ours (a quote
 * inside an unquoted field, text after a closing quote and an unterminated
 * quoted field are errors with their line), nothing is trimmed, unquoted
 * fields are found with memchr and point into the input (a copy is made
 * only for a quoted field with "" inside), and the only state between two
 * records is the line number: a file can be cut at any record boundary
 * and the pieces scanned apart.
 *
 * The rules: a record ends at '\n' (a "\r\n" counts as one end: the '\r'
 * is dropped); a field that starts with '"' is quoted and runs to the next
 * lone '"', may hold the delimiter, newlines and "" (one '"'), and must be
 * followed by the delimiter or the end of the record; any other field runs
 * to the delimiter or the end of the record and must not hold a '"'.
 * Blank lines (nothing, or a lone '\r') are skipped.  The last record
 * needs no '\n'.
 */
#ifndef FL_UTIL_CSV_H
#define FL_UTIL_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* One field of the record just scanned. */
typedef struct fl_csv_field {
	/* The text, s[0..len): into the caller's window, or, for a quoted
	 * field with "" inside, into the scanner's own copy.  Valid until
	 * the next fl_csv_next or until the window moves. */
	const char *s;
	size_t len;
	const char *at;          /* the field's first byte in the window */
	const char *line_start;  /* the first byte of the line `at` is on */
	unsigned long line;      /* that line, from 1 */
	bool quoted;
} fl_csv_field;

typedef enum fl_csv_status {
	FL_CSV_RECORD = 0,  /* a record: c->fields[0..c->count) */
	FL_CSV_MORE,        /* the record may go on past the window: refill
	                     * (keeping buf[*pos..]) and call again */
	FL_CSV_END,         /* no more records */
	FL_CSV_ERROR,       /* bad quoting: c->error and where */
	FL_CSV_NOMEM
} fl_csv_status;

typedef enum fl_csv_error {
	FL_CSV_ERR_NONE = 0,
	FL_CSV_ERR_QUOTE,         /* a '"' inside an unquoted field */
	FL_CSV_ERR_AFTER_QUOTE,   /* text after a quoted field's closing '"' */
	FL_CSV_ERR_UNTERMINATED   /* a quoted field without its closing '"' */
} fl_csv_error;

typedef struct fl_csv {
	char delim;
	unsigned long line;      /* the line the next record starts on */
	fl_csv_field *fields;
	size_t count;
	size_t cap;
	char *copy;              /* the unquoted text of fields with "" */
	size_t copy_len;
	size_t copy_cap;
	/* After FL_CSV_ERROR: what, and where (err_at in the window).  *pos
	 * is then at the start of the next line (QUOTE, AFTER_QUOTE: the
	 * caller may go on) or at the end of input (UNTERMINATED). */
	fl_csv_error error;
	unsigned long err_line;
	const char *err_at;
	const char *err_line_start;
} fl_csv;

/* An empty scanner with delimiter `delim`, whose first record starts on
 * line `first_line`. */
void fl_csv_init(fl_csv *c, char delim, unsigned long first_line);

/* Empty again, as fl_csv_init would make it, keeping its memory. */
void fl_csv_reset(fl_csv *c, char delim, unsigned long first_line);

/* Free the scanner's fields and copies; it may be initialised again. */
void fl_csv_release(fl_csv *c);

/*
 * Scan the record that starts at buf[*pos], in buf[0..len).  `eof` says
 * that no byte follows buf[len - 1].  On FL_CSV_RECORD *pos is past the
 * record; on FL_CSV_MORE it is unchanged: keep buf[*pos..], read more,
 * and call again with the same record start.
 */
fl_csv_status fl_csv_next(fl_csv *c, const char *buf, size_t len, size_t *pos,
                          bool eof);

/* The 1-based column of the byte `at` on the line that starts at
 * line_start: in characters of UTF-8 when utf8, else in bytes. */
unsigned long fl_csv_column(const char *line_start, const char *at, bool utf8);

/* What an error is, in a few words ("a quote inside an unquoted field"). */
const char *fl_csv_error_text(fl_csv_error e);

#endif
