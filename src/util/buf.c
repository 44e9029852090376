#include "util/buf.h"

#include "util/c_locale.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char fl_buf_empty[1];

void fl_buf_init(fl_buf *b)
{
	b->buf = fl_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->oom = false;
}

void fl_buf_release(fl_buf *b)
{
	if (b->cap > 0)
		free(b->buf);
	fl_buf_init(b);
}

void fl_buf_reset(fl_buf *b)
{
	b->len = 0;
	/* The shared empty string is never written: buffers of several
	 * threads (-j) point to it. */
	if (b->cap > 0)
		b->buf[0] = '\0';
}

static bool grow(fl_buf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (extra >= SIZE_MAX / 2 - b->len) {
		b->oom = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->cap > 0 ? b->buf : NULL, cap);
	if (p == NULL) {
		b->oom = true;
		return false;
	}
	if (b->cap == 0)
		p[0] = '\0';
	b->buf = p;
	b->cap = cap;
	return true;
}

char *fl_buf_detach(fl_buf *b)
{
	char *s = b->cap > 0 ? b->buf : calloc(1, 1);
	if (b->oom) {
		free(b->cap > 0 ? b->buf : s);
		s = NULL;
	}
	fl_buf_init(b);
	return s;
}

void fl_buf_add(fl_buf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void fl_buf_adds(fl_buf *b, const char *s)
{
	fl_buf_add(b, s, strlen(s));
}

void fl_buf_addc(fl_buf *b, char c)
{
	fl_buf_add(b, &c, 1);
}

void fl_buf_add_uint(fl_buf *b, unsigned long long u)
{
	char tmp[24];
	size_t n = sizeof(tmp);
	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	fl_buf_add(b, tmp + n, sizeof(tmp) - n);
}

void fl_buf_vaddf(fl_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	locale_t prev = fl_c_locale_enter();
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n >= 0 && grow(b, (size_t)n)) {
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	fl_c_locale_leave(prev);
}

void fl_buf_addf(fl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fl_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void *fl_grow(void *items, size_t *cap, size_t size, size_t first)
{
	return fl_grow_to(items, cap, size, 0, first);
}

void *fl_grow_to(void *items, size_t *cap, size_t size, size_t want,
                 size_t first)
{
	size_t n = *cap ? *cap * 2 : first;
	if (n < want)
		n = want;
	if (n < *cap || n > SIZE_MAX / size)
		return NULL;
	void *p = realloc(items, n * size);
	if (p != NULL)
		*cap = n;
	return p;
}
