#include "util/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

/* The longest path a diagnostic keeps: a path holds keys as written,
 * and one key may be megabytes long. */
#define PATH_MAX_SHOWN 200

static void add_hex(fl_buf *b, unsigned c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[c >> 4 & 15], hex[c & 15] };
	fl_buf_add(b, e, sizeof(e));
}

void fl_quote_add(fl_buf *b, const char *s, size_t len, size_t max,
                  unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	bool marks = (flags & FL_QUOTE_MARKS) != 0;
	size_t i = 0, start = 0;
	if (marks)
		fl_buf_addc(b, '"');
	while (i < len) {
		unsigned c = u[i];
		/* Printable ASCII, the common case, goes out in runs. */
		if (c >= 0x20 && c < 0x7f && !(marks && (c == '"' || c == '\\'))) {
			if (i + 1 > max)
				break;
			i++;
			continue;
		}
		size_t w = 1;
		unsigned long cp = 0;
		bool hidden = false, bad = false;
		if (c >= 0x80) {
			const char *why;
			w = fl_utf8_char(u + i, len - i, &why);
			if (w == 0) {
				w = 1;
				bad = true;
			} else if (fl_utf8_may_hide((unsigned char)c)) {
				hidden = fl_utf8_hidden(u + i, len - i, &cp) != 0;
			}
			if (!bad && !hidden) {
				if (w > max || i > max - w)
					break;
				i += w;
				continue;
			}
		}
		if (w > max || i > max - w)
			break;
		fl_buf_add(b, s + start, i - start);
		if (hidden && cp < 0xA0) {
			add_hex(b, 0xC2);
			add_hex(b, (unsigned)cp);
		} else if (hidden) {
			fl_buf_addf(b, "\\u%04lx", cp);
		} else if (bad || c == 0x7f || (c < 0x20 && c != '\n' &&
		                                c != '\t' && c != '\r')) {
			add_hex(b, c);
		} else {
			fl_buf_addc(b, '\\');
			fl_buf_addc(b, c == '\n' ? 'n' : c == '\t' ? 't' :
			               c == '\r' ? 'r' : (char)c);
		}
		i += w;
		start = i;
	}
	fl_buf_add(b, s + start, i - start);
	if (i < len)
		fl_buf_adds(b, "...");
	if (marks)
		fl_buf_addc(b, '"');
}

char *fl_quote(const char *s, size_t len, size_t max, unsigned flags)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_quote_add(&b, s, len, max, flags);
	return fl_buf_detach(&b);
}

/* Does s need fl_quote_add at all?  Most messages are ASCII text. */
static bool needs_escape(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return true;
	return false;
}

/* s passed through fl_quote_add without marks, cut after max bytes, into
 * a malloc'd string (NULL when out of memory). */
static char *clean(const char *s, size_t max)
{
	if (!needs_escape(s) && strlen(s) <= max)
		return strdup(s);
	return fl_quote(s, strlen(s), max, 0);
}

void fl_diags_init(fl_diags *d, size_t limit)
{
	memset(d, 0, sizeof(*d));
	d->limit = limit;
}

void fl_diags_release(fl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	free(d->items);
	fl_diags_init(d, d->limit);
}

fl_status fl_diags_vadd(fl_diags *d, fl_severity sev, unsigned long line,
                        unsigned long column, const char *path,
                        const char *fmt, va_list ap)
{
	if (sev == FL_SEV_ERROR) {
		d->errors++;
		if (d->limit > 0 && d->errors > d->limit) {
			d->dropped++;
			return FL_OK;
		}
	}
	if (d->count == d->cap) {
		fl_diag *items = fl_grow(d->items, &d->cap, sizeof(*items), 8);
		if (items == NULL)
			return FL_ERR_NOMEM;
		d->items = items;
	}
	fl_buf msg;
	fl_buf_init(&msg);
	fl_buf_vaddf(&msg, fmt, ap);
	fl_diag *g = &d->items[d->count];
	g->severity = sev;
	g->line = line;
	g->column = column;
	/*
	 * The last line of defence: whatever input a message or a path holds
	 * raw (a key as written, a value a caller forgot to quote) reaches no
	 * terminal as a control, bidi or zero-width character.  Messages quote
	 * their values with fl_quote_add already, which this leaves as is.
	 */
	g->message = msg.oom ? NULL : clean(msg.buf, SIZE_MAX);
	fl_buf_release(&msg);
	g->path = clean(path != NULL ? path : "", PATH_MAX_SHOWN);
	if (g->message == NULL || g->path == NULL) {
		free(g->message);
		free(g->path);
		return FL_ERR_NOMEM;
	}
	d->count++;
	return FL_OK;
}

fl_status fl_diags_add(fl_diags *d, fl_severity sev, unsigned long line,
                       unsigned long column, const char *path,
                       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fl_status st = fl_diags_vadd(d, sev, line, column, path, fmt, ap);
	va_end(ap);
	return st;
}

fl_status fl_diags_take(fl_diags *d, fl_diags *src)
{
	fl_status st = FL_OK;
	for (size_t i = 0; i < src->count; i++) {
		fl_diag *g = &src->items[i];
		bool keep = true;
		if (g->severity == FL_SEV_ERROR) {
			d->errors++;
			if (d->limit > 0 && d->errors > d->limit) {
				d->dropped++;
				keep = false;
			}
		}
		if (keep && d->count == d->cap) {
			fl_diag *items = fl_grow(d->items, &d->cap, sizeof(*items), 8);
			if (items == NULL) {
				st = FL_ERR_NOMEM;
				keep = false;
			} else {
				d->items = items;
			}
		}
		if (keep) {
			d->items[d->count++] = *g;
		} else {
			free(g->path);
			free(g->message);
		}
	}
	d->errors += src->dropped;
	d->dropped += src->dropped;
	src->count = 0;
	free(src->items);
	fl_diags_init(src, src->limit);
	return st;
}
