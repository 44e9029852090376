#include "write/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* The C1 controls in UTF-8: 0xC2 followed by 0x80-0x9F. */
static bool is_c1(const char *s, size_t len, size_t i)
{
	return (unsigned char)s[i] == 0xC2 && i + 1 < len &&
	       (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F;
}

static bool is_c0(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* Bytes written as they are, the common case: printable ASCII but the
 * backslash, and UTF-8 other than the lead bytes of a C1 control or of a
 * character that hides itself (fl_utf8_hidden). */
static bool is_plain(unsigned char c)
{
	if ((unsigned)c - 0x20u < 0x5fu)  /* printable ASCII */
		return c != '\\';
	return c >= 0x80 && !fl_utf8_may_hide(c);
}

/* The length of a bidi, zero-width or line-separator character at s[i]
 * (not a C1 control: those are written as bytes), or 0. */
static size_t hidden_at(const char *s, size_t len, size_t i, unsigned long *cp)
{
	size_t n = fl_utf8_hidden((const unsigned char *)s + i, len - i, cp);
	return n > 0 && *cp >= 0xA0 ? n : 0;
}

/* A space that ends the text: shown as "\x20", else "abc " and "abc"
 * would look the same in a padded column or at the end of a line. */
static bool trailing_space(const char *s, size_t len, size_t i)
{
	return s[i] == ' ' && i + 1 == len;
}

static void put_hex(fl_out *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
	fl_out_write(o, e, sizeof(e));
}

/* Write s[*start..i) as it is, then the hidden character of h bytes at i
 * (code point cp) as "\uXXXX"; both indexes move past it. */
static void put_hidden(fl_out *o, const char *s, size_t *start, size_t *i,
                       size_t h, unsigned long cp)
{
	char e[16];
	fl_out_write(o, s + *start, *i - *start);
	int n = snprintf(e, sizeof(e), "\\u%04lx", cp);
	fl_out_write(o, e, (size_t)n);
	*i += h - 1;
	*start = *i + 1;
}

void fl_text_write(fl_out *o, const char *s, size_t len)
{
	size_t start = 0;
	/* The last byte is checked after the loop: a trailing space. */
	size_t end = len > 0 && s[len - 1] == ' ' ? len - 1 : len;
	for (size_t i = 0; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_plain(c))
			continue;
		bool c1 = is_c1(s, len, i);
		unsigned long cp;
		size_t h = c1 || c < 0x80 ? 0 : hidden_at(s, len, i, &cp);
		if (h > 0) {
			put_hidden(o, s, &start, &i, h, cp);
			continue;
		}
		if (!is_c0(c) && c != '\\' && !c1)
			continue;
		fl_out_write(o, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '\n': fl_out_write(o, "\\n", 2); break;
		case '\t': fl_out_write(o, "\\t", 2); break;
		case '\r': fl_out_write(o, "\\r", 2); break;
		case '\\': fl_out_write(o, "\\\\", 2); break;
		default:
			put_hex(o, c);
			if (c1) {
				put_hex(o, (unsigned char)s[i + 1]);
				start = ++i + 1;
			}
			break;
		}
	}
	fl_out_write(o, s + start, end - start);
	if (end < len)
		fl_out_write(o, "\\x20", 4);
}

size_t fl_text_width(const char *s, size_t len)
{
	size_t w = 0;
	unsigned long cp;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((unsigned)c - 0x20u < 0x5fu && c != '\\') {
			/* printable ASCII, the common case */
			w += trailing_space(s, len, i) ? 4 : 1;
		} else if (is_plain(c)) {
			w += (c & 0xC0) != 0x80;
		} else if (c == '\n' || c == '\t' || c == '\r' || c == '\\') {
			w += 2;
		} else if (is_c0(c)) {
			w += 4;
		} else if (is_c1(s, len, i)) {
			w += 8;
			i++;
		} else if (c >= 0x80 && hidden_at(s, len, i, &cp) > 0) {
			w += 6;
		} else if ((c & 0xC0) != 0x80) {
			w++;
		}
	}
	return w;
}

void fl_text_write_markdown(fl_out *o, const char *s, size_t len)
{
	static const char special[] = "\\`*_[]<>&|~";
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool c1 = is_c1(s, len, i);
		bool sp = c != '\0' && strchr(special, c) != NULL;
		unsigned long cp;
		size_t h = c >= 0x80 && !c1 ? hidden_at(s, len, i, &cp) : 0;
		if (h > 0) {
			put_hidden(o, s, &start, &i, h, cp);
			continue;
		}
		if (!is_c0(c) && !sp && !c1)
			continue;
		fl_out_write(o, s + start, i - start);
		start = i + 1;
		if (sp) {
			char e[2] = { '\\', (char)c };
			fl_out_write(o, e, 2);
		} else if (c == '\n' || c == '\r' || c == '\t') {
			fl_out_putc(o, ' ');
		} else {
			put_hex(o, c);
			if (c1) {
				put_hex(o, (unsigned char)s[i + 1]);
				start = ++i + 1;
			}
		}
	}
	fl_out_write(o, s + start, len - start);
}
