/*
 * out.h - buffered output that is never half-written.
 *
 * An fl_out writes to a file descriptor through a large buffer.  Opened
 * with fl_out_open_atomic it writes to a temporary file beside the target
 * and only fl_out_commit renames it into place; fl_out_abort (or a failed
 * commit) removes the temporary file and leaves any existing target alone.
 */
#ifndef FOCUSLEVEL_OUT_H
#define FOCUSLEVEL_OUT_H

#include <stddef.h>
#include <stdbool.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fl_out fl_out;

/* Write to an open descriptor (not closed by fl_out_commit/abort).
 * Returns NULL when out of memory. */
fl_out *fl_out_open_fd(int fd);

/*
 * Write to `path` atomically.  A path that names a device, FIFO or socket
 * (/dev/null, /dev/full, a named pipe) is written to directly instead,
 * since it cannot be replaced.  Returns NULL and sets errno when the
 * temporary file (or the device) cannot be opened.
 */
fl_out *fl_out_open_atomic(const char *path);

/* Append bytes.  Errors are sticky: after one, writes do nothing and
 * fl_out_failed returns true. */
void fl_out_write(fl_out *o, const char *s, size_t n);
void fl_out_puts(fl_out *o, const char *s);
void fl_out_putc(fl_out *o, char c);
void fl_out_printf(fl_out *o, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The temporary file of an atomic output (owned by o), or NULL: a program
 * may remove it from a signal handler if it is killed mid-write. */
const char *fl_out_temp_path(const fl_out *o);

/* True once a write has failed; errno of the failure in fl_out_errno. */
bool fl_out_failed(const fl_out *o);
int fl_out_errno(const fl_out *o);

/*
 * Flush everything; for an atomic output also fsync, close and rename into
 * place.  Frees `o` whatever happens.  Returns 0, or the errno of the
 * failure (the temporary file is then removed).
 */
int fl_out_commit(fl_out *o);

/* Discard: remove the temporary file of an atomic output, free `o`.
 * NULL is a no-op. */
void fl_out_abort(fl_out *o);

#ifdef __cplusplus
}
#endif
#endif
