#include "util/reader.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define FL_READ_CHUNK ((size_t)1 << 16)

void fl_reader_init_file(fl_reader *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
}

void fl_reader_init_mem(fl_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	/* The window is read-only for memory input; the cast only lets one
	 * struct serve both kinds. */
	r->buf = (char *)(size_t)data;
	r->len = len;
	r->cap = len;
	r->eof = true;
}

void fl_reader_release(fl_reader *r)
{
	if (r->owned)
		free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Count what leaves the window, so positions stay right after a discard. */
static void account(fl_reader *r, size_t keep)
{
	fl_utf8_count(r->buf, keep, &r->lines_before, &r->col_before);
}

static bool read_more(fl_reader *r)
{
	if (r->eof || r->fp == NULL)
		return true;
	if (r->cap - r->len < FL_READ_CHUNK) {
		size_t cap = r->cap ? r->cap : FL_READ_CHUNK * 4;
		while (cap - r->len < FL_READ_CHUNK)
			cap *= 2;
		char *b = realloc(r->owned ? r->buf : NULL, cap);
		if (b == NULL)
			return false;
		r->buf = b;
		r->cap = cap;
		r->owned = true;
	}
	size_t n = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
	r->len += n;
	if (n == 0) {
		if (ferror(r->fp))
			r->err = errno ? errno : EIO;
		r->eof = true;
	}
	return true;
}

size_t fl_reader_fill(fl_reader *r, size_t keep)
{
	if (r->fp != NULL && keep > 0) {
		account(r, keep);
		memmove(r->buf, r->buf + keep, r->len - keep);
		r->len -= keep;
		r->base += keep;
	} else if (r->fp == NULL) {
		return 0;  /* memory input: nothing to discard or read */
	}
	if (!read_more(r))
		return (size_t)-1;
	return keep;
}

bool fl_reader_peek(fl_reader *r, size_t want)
{
	while (r->len < want && !r->eof) {
		if (!read_more(r))
			return false;
	}
	return r->err == 0;
}

void fl_reader_position(const fl_reader *r, size_t pos, unsigned long *line,
                        unsigned long *col)
{
	unsigned long l = r->lines_before, c = r->col_before;
	fl_utf8_count(r->buf, pos < r->len ? pos : r->len, &l, &c);
	*line = l + 1;
	*col = c + 1;
}
