/*
 * buf.h - a growable string buffer (after git's strbuf).
 *
 * `buf` is never NULL and always NUL-terminated, so it can be printed right
 * after fl_buf_init.  Release with fl_buf_release, or take the string with
 * fl_buf_detach (then it is yours to free(3)).
 */
#ifndef FL_BUF_H
#define FL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct fl_buf {
	char *buf;
	size_t len;
	size_t cap;   /* 0 while buf points at the shared empty string */
	bool oom;     /* an allocation failed; contents are truncated */
} fl_buf;

void fl_buf_init(fl_buf *b);
void fl_buf_release(fl_buf *b);
void fl_buf_reset(fl_buf *b);
/* The string, malloc'd (never NULL unless out of memory); b is reset. */
char *fl_buf_detach(fl_buf *b);
void fl_buf_add(fl_buf *b, const char *s, size_t n);
void fl_buf_adds(fl_buf *b, const char *s);
void fl_buf_addc(fl_buf *b, char c);
/* The decimal digits of u (no printf: paths are built per customer). */
void fl_buf_add_uint(fl_buf *b, unsigned long long u);
void fl_buf_addf(fl_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void fl_buf_vaddf(fl_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;

/*
 * One more element for a growable array of `size`-byte elements that has
 * *cap of them: the array realloc'd to twice the capacity (`first` when
 * empty), *cap updated.  NULL when out of memory; `items` is then kept.
 */
void *fl_grow(void *items, size_t *cap, size_t size, size_t first);

/* The same, for room for at least `want` elements: twice the capacity
 * (`first` when empty), or `want` when that is more. */
void *fl_grow_to(void *items, size_t *cap, size_t size, size_t want,
                 size_t first);

#endif
