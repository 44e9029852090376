/*
 * csv.c - the scanner of delimited text (csv.h).
 *
 * A record whose first line holds no '"' (nearly every record of an
 * export) takes the fast path: memchr finds the end of the line, memchr
 * checks it for a quote, and memchr splits it at the delimiters; each
 * field points into the window.  Any other record goes through the
 * byte-by-byte path, which knows quoted fields, "" and newlines inside
 * quotes.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"
#include "util/utf8.h"

void fl_csv_init(fl_csv *c, char delim, unsigned long first_line)
{
	memset(c, 0, sizeof(*c));
	c->delim = delim;
	c->line = first_line;
}

void fl_csv_reset(fl_csv *c, char delim, unsigned long first_line)
{
	fl_csv_field *fields = c->fields;
	char *copy = c->copy;
	size_t cap = c->cap, copy_cap = c->copy_cap;
	fl_csv_init(c, delim, first_line);
	c->fields = fields;
	c->cap = cap;
	c->copy = copy;
	c->copy_cap = copy_cap;
}

void fl_csv_release(fl_csv *c)
{
	free(c->fields);
	free(c->copy);
	memset(c, 0, sizeof(*c));
}

/* Append a field; its text is s[0..len), or, when s is NULL, the next
 * len bytes of the copy (pointed at once the record is complete, as the
 * copy may move while it grows).  False when out of memory. */
static bool push(fl_csv *c, const char *s, size_t len, const char *at,
                 const char *line_start, unsigned long line, bool quoted)
{
	if (c->count == c->cap) {
		fl_csv_field *f = fl_grow(c->fields, &c->cap, sizeof(*f), 16);
		if (f == NULL)
			return false;
		c->fields = f;
	}
	c->fields[c->count++] = (fl_csv_field){ s, len, at, line_start, line,
	                                        quoted };
	return true;
}

static bool copy_add(fl_csv *c, const char *s, size_t n)
{
	if (c->copy_cap - c->copy_len < n) {
		size_t cap = c->copy_cap ? c->copy_cap : 256;
		while (cap - c->copy_len < n)
			cap *= 2;
		char *p = realloc(c->copy, cap);
		if (p == NULL)
			return false;
		c->copy = p;
		c->copy_cap = cap;
	}
	memcpy(c->copy + c->copy_len, s, n);
	c->copy_len += n;
	return true;
}

/* Point the copied fields at their text, now that the copy is whole. */
static void fix_copies(fl_csv *c)
{
	size_t off = 0;
	for (size_t i = 0; i < c->count; i++) {
		fl_csv_field *f = &c->fields[i];
		if (f->s == NULL) {
			f->s = c->copy + off;
			off += f->len;
		}
	}
}

/* Count the newlines of [p, q) into *line, and where the last line
 * starts into *ls. */
static void count_lines(const char *p, const char *q, unsigned long *line,
                        const char **ls)
{
	const char *n;
	while (p < q && (n = memchr(p, '\n', (size_t)(q - p))) != NULL) {
		(*line)++;
		p = n + 1;
		*ls = p;
	}
}

/* An error at `at`: *pos goes past the end of its line when there is
 * one, else (unterminated) to the end of input. */
static fl_csv_status fail(fl_csv *c, fl_csv_error e, const char *at,
                          const char *ls, unsigned long line,
                          const char *buf, size_t len, size_t *pos, bool eof)
{
	const char *end = buf + len;
	const char *nl = e == FL_CSV_ERR_UNTERMINATED ? NULL
	                 : memchr(at, '\n', (size_t)(end - at));
	if (nl == NULL && !eof && e != FL_CSV_ERR_UNTERMINATED)
		return FL_CSV_MORE;
	c->error = e;
	c->err_at = at;
	c->err_line = line;
	c->err_line_start = ls;
	c->count = 0;
	*pos = nl != NULL ? (size_t)(nl + 1 - buf) : len;
	c->line = line + 1;
	return FL_CSV_ERROR;
}

/* The byte-by-byte path: a record with a quote on its first line. */
static fl_csv_status slow(fl_csv *c, const char *buf, size_t len, size_t *pos,
                          bool eof)
{
	const char *p = buf + *pos, *end = buf + len, *ls = p;
	unsigned long line = c->line;
	const char delim = c->delim;
	c->count = 0;
	c->copy_len = 0;
	for (;;) {
		const char *at = p, *fls = ls;
		unsigned long fline = line;
		if (p < end && *p == '"') {
			const char *start = ++p;
			size_t copy_start = c->copy_len;
			bool copied = false;
			for (;;) {
				const char *q = memchr(p, '"', (size_t)(end - p));
				if (q == NULL) {
					if (!eof)
						return FL_CSV_MORE;
					return fail(c, FL_CSV_ERR_UNTERMINATED, at, fls,
					            fline, buf, len, pos, eof);
				}
				count_lines(p, q, &line, &ls);
				if (q + 1 == end && !eof)
					return FL_CSV_MORE;  /* "" or the end? */
				if (q + 1 < end && q[1] == '"') {
					/* "" is one quote: the text is copied from
					 * here on. */
					if (!copied && !copy_add(c, start,
					                         (size_t)(q + 1 - start)))
						return FL_CSV_NOMEM;
					if (copied && !copy_add(c, p, (size_t)(q + 1 - p)))
						return FL_CSV_NOMEM;
					copied = true;
					p = q + 2;
					continue;
				}
				if (copied && !copy_add(c, p, (size_t)(q - p)))
					return FL_CSV_NOMEM;
				size_t n = copied ? c->copy_len - copy_start
				                  : (size_t)(q - start);
				if (!push(c, copied ? NULL : start, n, at, fls, fline,
				          true))
					return FL_CSV_NOMEM;
				p = q + 1;
				break;
			}
			if (p == end)
				break;
			if (*p == delim) {
				p++;
				continue;
			}
			if (*p == '\n') {
				p++;
				line++;
				break;
			}
			if (*p == '\r' && (p + 1 == end || p[1] == '\n')) {
				if (p + 1 == end && !eof)
					return FL_CSV_MORE;
				p += p + 1 == end ? 1 : 2;
				line++;
				break;
			}
			return fail(c, FL_CSV_ERR_AFTER_QUOTE, p, ls, line, buf, len,
			            pos, eof);
		}
		while (p < end && *p != delim && *p != '\n') {
			if (*p == '"')
				return fail(c, FL_CSV_ERR_QUOTE, p, ls, line, buf, len,
				            pos, eof);
			p++;
		}
		if (p == end && !eof)
			return FL_CSV_MORE;
		const char *fe = p;
		if ((p == end || *p == '\n') && fe > at && fe[-1] == '\r')
			fe--;
		if (!push(c, at, (size_t)(fe - at), at, fls, fline, false))
			return FL_CSV_NOMEM;
		if (p == end)
			break;
		if (*p++ == '\n') {
			line++;
			break;
		}
	}
	fix_copies(c);
	*pos = (size_t)(p - buf);
	c->line = line;
	return FL_CSV_RECORD;
}

fl_csv_status fl_csv_next(fl_csv *c, const char *buf, size_t len, size_t *pos,
                          bool eof)
{
	const char *p = buf + *pos, *end = buf + len;
	c->error = FL_CSV_ERR_NONE;
	/* Blank lines. */
	for (;;) {
		if (p == end) {
			*pos = len;
			return eof ? FL_CSV_END : FL_CSV_MORE;
		}
		if (*p == '\n') {
			p++;
			c->line++;
		} else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
			p += 2;
			c->line++;
		} else if (*p == '\r' && p + 1 == end) {
			if (!eof) {
				*pos = (size_t)(p - buf);
				return FL_CSV_MORE;
			}
			p++;
		} else {
			break;
		}
	}
	*pos = (size_t)(p - buf);
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL && !eof)
		return FL_CSV_MORE;
	const char *le = nl != NULL ? nl : end;
	if (memchr(p, '"', (size_t)(le - p)) != NULL)
		return slow(c, buf, len, pos, eof);

	const char *e = le[-1] == '\r' ? le - 1 : le;
	const char delim = c->delim;
	c->count = 0;
	for (const char *f = p;;) {
		const char *d = memchr(f, delim, (size_t)(e - f));
		const char *fe = d != NULL ? d : e;
		if (!push(c, f, (size_t)(fe - f), f, p, c->line, false))
			return FL_CSV_NOMEM;
		if (d == NULL)
			break;
		f = d + 1;
	}
	*pos = (size_t)((nl != NULL ? nl + 1 : end) - buf);
	c->line++;
	return FL_CSV_RECORD;
}

unsigned long fl_csv_column(const char *line_start, const char *at, bool utf8)
{
	if (!utf8)
		return (unsigned long)(at - line_start) + 1;
	unsigned long lines = 0, col = 0;
	fl_utf8_count(line_start, (size_t)(at - line_start), &lines, &col);
	return col + 1;
}

const char *fl_csv_error_text(fl_csv_error e)
{
	switch (e) {
	case FL_CSV_ERR_QUOTE:
		return "a quote inside an unquoted field (quote the whole "
		       "field and double the quote: \"5\"\" screen\")";
	case FL_CSV_ERR_AFTER_QUOTE:
		return "text after the closing quote of a quoted field "
		       "(expected the delimiter or the end of the line)";
	case FL_CSV_ERR_UNTERMINATED:
		return "a quoted field without its closing quote";
	case FL_CSV_ERR_NONE:
		break;
	}
	return "no error";
}
