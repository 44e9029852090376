/*
 * recode.h - text of a single-byte encoding (ISO-8859-1, Windows-1252) to
 * UTF-8, through the C library's iconv.
 */
#ifndef FL_UTIL_RECODE_H
#define FL_UTIL_RECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct fl_recode {
	void *cd;            /* iconv_t, or NULL: nothing to convert */
} fl_recode;

/*
 * Open a conversion from `from` (an iconv name: "ISO-8859-1", "CP1252") to
 * UTF-8; from NULL: none (fl_recode_text copies).  False when the C
 * library cannot convert it.
 */
bool fl_recode_open(fl_recode *r, const char *from);

void fl_recode_close(fl_recode *r);

/*
 * Append s[0..len) converted to UTF-8 to out.  Returns true, or false when
 * a byte has no character in the encoding (Windows-1252 leaves five
 * undefined: 0x81 0x8D 0x8F 0x90 0x9D), with *bad its offset; out->oom
 * tells of a failed allocation.
 */
bool fl_recode_text(fl_recode *r, const char *s, size_t len, fl_buf *out,
                    size_t *bad);

#endif
