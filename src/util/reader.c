/* madvise and MADV_DONTNEED (posix_madvise's POSIX_MADV_DONTNEED does
 * nothing on glibc). */
#define _DEFAULT_SOURCE 1

#include "util/reader.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FL_READ_CHUNK ((size_t)1 << 16)
/* A mapped file's window widens by this much a "read". */
#define FL_MAP_STEP ((size_t)1 << 18)
/* Pages behind the window are given back once this many have gathered. */
#define FL_MAP_GIVE ((size_t)1 << 20)

/* Map fp when it is a regular file, from its current offset on; false
 * (r unchanged) when it is not, or cannot be mapped. */
static bool map_file(fl_reader *r, FILE *fp)
{
	struct stat st;
	int fd = fileno(fp);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || (uintmax_t)st.st_size > SIZE_MAX)
		return false;
	off_t at = ftello(fp);
	if (at < 0 || at >= st.st_size)
		return false;
	size_t size = (size_t)st.st_size;
	void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return false;
	(void)madvise(m, size, MADV_SEQUENTIAL);
	r->map = m;
	r->map_len = size;
	r->buf = r->map + at;
	r->base = 0;
	return true;
}

void fl_reader_init_file(fl_reader *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	(void)map_file(r, fp);
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
	if (r->map != NULL)
		munmap(r->map, r->map_len);
	memset(r, 0, sizeof(*r));
}

/* Count what leaves the window, so positions stay right after a discard. */
static void account(fl_reader *r, size_t keep)
{
	fl_utf8_count(r->buf, keep, &r->lines_before, &r->col_before);
}

/* A mapped file: give back the pages before the window once enough
 * have gathered. */
static void map_give_back(fl_reader *r)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t behind = (size_t)(r->buf - r->map) / page * page;
	if (behind - r->map_kept >= FL_MAP_GIVE) {
		(void)madvise(r->map + r->map_kept, behind - r->map_kept,
		              MADV_DONTNEED);
		r->map_kept = behind;
	}
}

/* A mapped file: widen the window to `want` bytes, at least FL_MAP_STEP
 * (as a read fills a buffer), or to the end of the file. */
static void map_widen(fl_reader *r, size_t want)
{
	size_t left = r->map_len - (size_t)(r->buf - r->map);
	if (want < FL_MAP_STEP)
		want = FL_MAP_STEP;
	if (want < r->len)
		want = r->len;
	r->len = want < left ? want : left;
	if (r->len == left)
		r->eof = true;
}

static bool read_more(fl_reader *r)
{
	if (r->eof || r->fp == NULL)
		return true;
	if (r->map != NULL) {
		map_widen(r, r->len + 1);
		return true;
	}
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
		if (!r->lines_own)
			account(r, keep);
		if (r->map != NULL)
			r->buf += keep;
		else
			memmove(r->buf, r->buf + keep, r->len - keep);
		r->len -= keep;
		r->base += keep;
		if (r->map != NULL)
			map_give_back(r);
	} else if (r->fp == NULL) {
		return 0;  /* memory input: nothing to discard or read */
	}
	if (!read_more(r))
		return (size_t)-1;
	return keep;
}

bool fl_reader_peek(fl_reader *r, size_t want)
{
	if (r->map != NULL && r->len < want && !r->eof)
		map_widen(r, want);
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
