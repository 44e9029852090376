/*
 * reader.h - input bytes from a FILE or from memory, through one window.
 *
 * The window buf[0..len) holds the bytes not yet discarded; `base` is the
 * offset of buf[0] in the input.  fl_reader_fill discards everything before
 * `keep`, reads more, and returns how far the window moved, so a scanner
 * that keeps indexes into buf subtracts that.  Memory input is never copied.
 *
 * A regular file is mapped (mmap), not read: the window is then a view of
 * the mapping that "reading" widens and a discard moves on, and the pages
 * behind it are given back (madvise), so what a run keeps resident is the
 * window, as with fread.  Nothing is copied, so threads can read blocks of
 * the window while the calling thread goes on.  A pipe, or a file that
 * cannot be mapped, is read with fread into a buffer of the reader's own.
 * A mapped file that shrinks while it is read ends the process with
 * SIGBUS, as with any reader of a mapping (docs/architecture.md).
 */
#ifndef FL_READER_H
#define FL_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct fl_reader {
	FILE *fp;            /* NULL for memory input */
	char *buf;
	size_t len;
	size_t cap;
	size_t base;         /* input offset of buf[0] */
	bool eof;
	int err;             /* errno of a read error, or 0 */
	bool owned;          /* buf was malloc'd by the reader */
	char *map;           /* a mapped file: the mapping, or NULL */
	size_t map_len;      /* its bytes (from the file's offset at init) */
	size_t map_kept;     /* map[0..map_kept) given back to the system */
	/* Line accounting for what has been discarded, for error positions. */
	unsigned long lines_before;    /* newlines before buf[0] */
	unsigned long col_before;      /* characters since the last of them */
	/* Set by a caller that counts lines itself: a discard then leaves
	 * lines_before and col_before as they are (fl_reader_position is
	 * then wrong), saving a pass over every byte. */
	bool lines_own;
} fl_reader;

void fl_reader_init_file(fl_reader *r, FILE *fp);
void fl_reader_init_mem(fl_reader *r, const char *data, size_t len);
void fl_reader_release(fl_reader *r);

/*
 * Discard buf[0..keep), then read at least one more byte unless at end of
 * input or on error (r->err).  Returns the shift (== keep).  Returns
 * (size_t)-1 when out of memory.
 */
size_t fl_reader_fill(fl_reader *r, size_t keep);

/* Make sure at least `want` bytes are in the window (fewer at end of input);
 * does not discard anything.  Returns false on read error or out of memory. */
bool fl_reader_peek(fl_reader *r, size_t want);

/* 1-based line and column (in characters) of buf[pos]. */
void fl_reader_position(const fl_reader *r, size_t pos, unsigned long *line,
                        unsigned long *col);

#endif
