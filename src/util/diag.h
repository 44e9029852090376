/*
 * diag.h - the library's side of diagnostics: fl_diags_add with a va_list,
 * for the error wrappers of the loaders.
 */
#ifndef FL_UTIL_DIAG_H
#define FL_UTIL_DIAG_H

#include <stdarg.h>

#include <focuslevel/diag.h>

#include "util/buf.h"

/* Messages quote at most this many bytes of a value from the input. */
#define FL_QUOTE_MAX 40

/*
 * The one quoting function of every message that shows input: append
 * s[0..len) to b with every character that could act on a terminal, hide
 * itself or reorder the text around it escaped: "\n", "\t", "\r" for
 * line feed, tab, carriage return, "\xNN" for the other C0 controls, DEL
 * and each byte that is not valid UTF-8, "\xc2\xNN" for a C1 control (as
 * the table format writes it), "\uXXXX" for the characters fl_utf8_hidden
 * names (bidi controls, zero-width characters, line separators).
 *
 * With FL_QUOTE_MARKS the text is put between double quotes and '"' and
 * '\' are escaped too, so that the quoted text is unambiguous.  Without
 * it they are left as they are: that is the last line of defence applied
 * to whole messages, which must not change text that was quoted already
 * (its output is the same as its input for any text it produced).
 *
 * At most `max` bytes of s are shown, cut before the first character that
 * would pass the bound (never inside one); a cut is marked with "...".
 * SIZE_MAX: no bound.  On out of memory b->oom is set.
 */
void fl_quote_add(fl_buf *b, const char *s, size_t len, size_t max,
                  unsigned flags);

/* fl_diags_add with the arguments of fmt in ap. */
fl_status fl_diags_vadd(fl_diags *d, fl_severity sev, unsigned long line,
                        unsigned long column, const char *path,
                        const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 0)))
#endif
	;

/*
 * Move every diagnostic of src to the end of d, in order, as if each had
 * been added to d then: errors past d's limit are dropped (and counted),
 * and so are the errors src dropped itself (the caller makes sure those
 * would have been past d's limit too).  src is left empty.  For the
 * loaders' worker threads (load/chunks.c), each with a list of its own.
 * FL_ERR_NOMEM when d cannot grow (src is emptied all the same).
 */
fl_status fl_diags_take(fl_diags *d, fl_diags *src);

#endif
