/*
 * diag.h - errors and warnings as values.
 *
 * The library never prints and never exits.  A function that can fail on
 * user input fills an fl_diags list; the caller decides how to show it.
 */
#ifndef FOCUSLEVEL_DIAG_H
#define FOCUSLEVEL_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return status of every fallible library call. */
typedef enum fl_status {
	FL_OK = 0,
	FL_ERR_INPUT,   /* the input is invalid: see the diagnostics */
	FL_ERR_IO,      /* a file could not be read or written */
	FL_ERR_NOMEM,   /* out of memory */
	FL_ERR_USAGE,   /* the caller passed an invalid option value */
	FL_ERR_LIMIT    /* the output format cannot hold the data (an xlsx
	                 * sheet's rows, a cell's length): nothing written */
} fl_status;

typedef enum fl_severity {
	FL_SEV_ERROR = 0,
	FL_SEV_WARNING
} fl_severity;

/*
 * One diagnostic.  line and column count from 1; 0 means unknown (JSON
 * input reports a path instead).  path is a JSON-style path such as
 * "customers[12].revenue", or "" when the problem is not inside the data.
 * All strings are owned by the list.
 */
typedef struct fl_diag {
	fl_severity severity;
	unsigned long line;
	unsigned long column;
	char *path;
	char *message;
} fl_diag;

/*
 * A bounded list of diagnostics.  At most `limit` errors are stored (0 means
 * no limit); later ones only increase `dropped`.  Warnings are always kept.
 */
typedef struct fl_diags {
	fl_diag *items;
	size_t count;
	size_t cap;
	size_t errors;   /* errors reported, stored or not */
	size_t dropped;  /* errors not stored because of the limit */
	size_t limit;
} fl_diags;

/* Initialise an empty list that keeps at most `limit` errors (0: all). */
void fl_diags_init(fl_diags *d, size_t limit);

/* Release every diagnostic; the list is empty and reusable afterwards. */
void fl_diags_release(fl_diags *d);

/*
 * Append a diagnostic; the message is printf-formatted and copied, path may
 * be NULL.  Returns FL_ERR_NOMEM if the copy could not be made.
 */
fl_status fl_diags_add(fl_diags *d, fl_severity sev, unsigned long line,
                       unsigned long column, const char *path,
                       const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* fl_quote flag: between double quotes, with '"' and '\\' escaped too. */
#define FL_QUOTE_MARKS 1u

/*
 * Input text made safe to print in a message, as a malloc'd string (yours
 * to free(3); NULL when out of memory): control characters, bidi controls
 * and zero-width characters escaped ("\x1b", "\xc2\x9b", "\u202e"),
 * invalid UTF-8 bytes as "\xNN", cut at a character boundary after `max`
 * bytes of s (SIZE_MAX: never) with "..." marking the cut.  Every
 * diagnostic the library makes has already been passed through it (without
 * FL_QUOTE_MARKS), and the values it quotes with it.  See fl_quote_add in
 * src/util/diag.h for the exact escapes.
 */
char *fl_quote(const char *s, size_t len, size_t max, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
