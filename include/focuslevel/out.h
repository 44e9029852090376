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
 * Write to `path` atomically: to a temporary file beside the target,
 * renamed over it by fl_out_commit.  What the target is decides the rest:
 *
 * - one of the process's descriptors (/dev/stdin, /dev/stdout,
 *   /dev/stderr, /dev/fd/N, /proc/self/fd/N): a duplicate of that
 *   descriptor is written to, whatever it is open on; it is never replaced;
 * - a symbolic link: the link's final target is written (the temporary
 *   file beside that target, the link stays a link); what follows applies
 *   to that target;
 * - a regular file: the new file keeps its permission bits (never the
 *   set-user-id, set-group-id and sticky bits) and, where the process may
 *   give them, its owner and group (see fl_out_owner_errno);
 * - a FIFO or character device (/dev/null, /dev/full, a named pipe):
 *   written to directly, since it cannot be replaced;
 * - a directory: refused, errno EISDIR; a block device or a socket:
 *   refused, errno ENOTSUP;
 * - nothing: a new file with the mode a plain open would give it.
 *
 * The temporary file is ".NAME.XXXXXX", or ".flXXXXXX" when the target's
 * name is too long for that.  Returns NULL and sets errno when the
 * temporary file (or the device) cannot be opened.
 */
fl_out *fl_out_open_atomic(const char *path);

/*
 * Would fl_out_open_atomic write to `path` as it is (one of the process's
 * descriptors, or, through links, a FIFO or a character device) instead
 * of writing a file?  Such an output has no extension to go by.
 */
bool fl_out_is_stream(const char *path);

/*
 * Write to memory: what is written stays in o (growing as needed) until
 * fl_out_append moves it to another output; threads format blocks of
 * rows into such outputs, written in order.  Release with fl_out_abort.
 * NULL when out of memory.
 */
fl_out *fl_out_open_mem(void);

/* Write the bytes held by memory output `from` to o and empty `from`; a
 * failure of `from` (out of memory) becomes o's. */
void fl_out_append(fl_out *o, fl_out *from);

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

/* 0, or the errno (EPERM) of fchown when the file an atomic output
 * replaces had an owner or group the process may not give the new file;
 * the new file then belongs to the process (and keeps the group when it
 * may).  The output is still written: it is for the caller to warn. */
int fl_out_owner_errno(const fl_out *o);

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
