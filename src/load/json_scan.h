/*
 * json_scan.h - load_json.c's scanner for the other JSON readers of the
 * load layer (assign_output.c), so that they read with the portfolio's
 * rules and streaming: strings checked as portfolio strings are (no NUL,
 * valid UTF-8, no control characters), numbers kept as written, the same
 * syntax messages at the same line:column, and one value at a time, so
 * that memory follows the largest value, never the file.
 *
 * A cursor over a reader: fl_json_scan_next skips white space and marks
 * the position (nothing from the mark on is discarded from the window);
 * fl_json_scan_value then scans the value there and builds it as an
 * fl_node tree in ctx->scratch, for the typed accessors of fields.h.
 * After an error (reported through ctx, at line:column) every call fails.
 */
#ifndef FL_LOAD_JSON_SCAN_H
#define FL_LOAD_JSON_SCAN_H

#include <stdbool.h>

#include "load/load.h"

typedef struct fl_json_scan fl_json_scan;

/* A scanner of r, reporting through ctx (ctx->scratch holds the trees);
 * a UTF-8 byte-order mark is skipped.  NULL when out of memory. */
fl_json_scan *fl_json_scan_new(fl_load_ctx *ctx, fl_reader *r);

/* Release s; NULL is a no-op. */
void fl_json_scan_free(fl_json_scan *s);

/* Skip white space and mark there: the byte there, or -1 at the end of
 * the input (or after an error). */
int fl_json_scan_next(fl_json_scan *s);

/* Step past the byte that fl_json_scan_next returned. */
void fl_json_scan_step(fl_json_scan *s);

/* Has an error been reported, or memory run out? */
bool fl_json_scan_failed(const fl_json_scan *s);

/* Report "JSON syntax error: expected EXPECTED, found <the byte>" at the
 * position. */
void fl_json_scan_unexpected(fl_json_scan *s, const char *expected);

/* Report the message at the position. */
void fl_json_scan_error(fl_json_scan *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The key at the position (its opening quote), decoded, in arena a; NULL
 * after an error (reported). */
const char *fl_json_scan_key(fl_json_scan *s, fl_arena *a);

/*
 * The value at the position as a tree in ctx->scratch (strings copied,
 * numbers as written; the caller resets the arena); `depth` is the
 * nesting level of its container (1: the value of a top-level key, 2: an
 * element of a top-level array).  NULL after an error (reported).
 */
fl_node *fl_json_scan_value(fl_json_scan *s, int depth);

/* Step past the value at the position without building it; false after
 * an error (reported). */
bool fl_json_scan_skip(fl_json_scan *s, int depth);

#endif
