/*
 * utf8.c - the UTF-8 rules and position counting every reader shares.
 */
#include "util/utf8.h"

#include <string.h>

size_t fl_utf8_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t fl_utf8_char(const unsigned char *s, size_t avail, const char **why)
{
	unsigned c = s[0];
	size_t width = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
	               (c & 0xF8) == 0xF0 ? 4 : 0;
	if (width == 0) {
		*why = "invalid leading UTF-8 octet";
		return 0;
	}
	unsigned long cp = c & (width == 2 ? 0x1Fu : width == 3 ? 0x0Fu : 0x07u);
	for (size_t k = 1; k < width; k++) {
		if (k >= avail) {
			*why = "incomplete UTF-8 octet sequence";
			return 0;
		}
		if ((s[k] & 0xC0) != 0x80) {
			*why = "invalid trailing UTF-8 octet";
			return 0;
		}
		cp = cp << 6 | (unsigned long)(s[k] & 0x3F);
	}
	if ((width == 2 && cp < 0x80) || (width == 3 && cp < 0x800) ||
	    (width == 4 && cp < 0x10000)) {
		*why = "invalid length of a UTF-8 sequence";
		return 0;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
		*why = "invalid Unicode character";
		return 0;
	}
	return width;
}

size_t fl_utf8_hidden(const unsigned char *s, size_t avail, unsigned long *cp)
{
	if (avail >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*cp = s[1];
		return 2;
	}
	if (avail >= 2 && s[0] == 0xD8 && s[1] == 0x9C) {
		*cp = 0x061C;
		return 2;
	}
	if (avail < 3 || (s[2] & 0xC0) != 0x80)
		return 0;
	unsigned long c = 0;
	if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
		c = 0x2000 | (unsigned long)(s[1] & 0x3F) << 6 | (s[2] & 0x3Fu);
	else if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		c = 0xFEFF;
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
	    (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF) {
		*cp = c;
		return 3;
	}
	return 0;
}

bool fl_utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Most text is ASCII: only the other bytes pay for a call. */
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		const char *why;
		size_t n = fl_utf8_char(u + i, len - i, &why);
		if (n == 0) {
			*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

void fl_utf8_count(const char *s, size_t len, unsigned long *lines,
                   unsigned long *col)
{
	/* memchr finds the newlines fast; characters are counted only after
	 * the last of them. */
	const char *p = s, *end = s + len, *nl;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		++*lines;
		*col = 0;
		p = nl + 1;
	}
	for (; p < end; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80)
			++*col;
	}
}

void fl_utf8_position(const char *s, size_t off, unsigned long *line,
                      unsigned long *col)
{
	unsigned long l = 0, c = 0;
	fl_utf8_count(s, off, &l, &c);
	*line = l + 1;
	*col = c + 1;
}
