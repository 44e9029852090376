/*
 * markup.c - escaping and coordinates for the SVG and HTML writers.
 */
#include "write/markup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD";

/* Length of the UTF-8 sequence that starts with byte c. */
static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

size_t fl_markup_width(const char *s, size_t max_cp)
{
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u != '\0';
	     u++)
		if ((*u & 0xC0) != 0x80)
			n++;
	return max_cp != 0 && n > max_cp ? max_cp : n;
}

/* The code point of n bytes at u as character data. */
static void put_cp(fl_out *o, const unsigned char *u, size_t n)
{
	switch (*u) {
	case '&': fl_out_puts(o, "&amp;"); break;
	case '<': fl_out_puts(o, "&lt;"); break;
	case '>': fl_out_puts(o, "&gt;"); break;
	case '"': fl_out_puts(o, "&quot;"); break;
	case '\'': fl_out_puts(o, "&#39;"); break;
	default:
		if ((*u < 0x20 && *u != '\t' && *u != '\n' && *u != '\r') ||
		    *u == 0x7F)
			fl_out_puts(o, replacement);
		else if (n == 3 && u[0] == 0xEF && u[1] == 0xBF &&
		         (u[2] == 0xBE || u[2] == 0xBF))
			fl_out_puts(o, replacement);
		else
			fl_out_write(o, (const char *)u, n);
	}
}

void fl_markup_text(fl_out *o, const char *s, size_t max_cp)
{
	size_t total = fl_markup_width(s, 0);
	/* A cut text keeps max_cp - 1 code points and the ellipsis. */
	size_t keep = max_cp != 0 && total > max_cp ? max_cp - 1 : total;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t cp = 0; cp < keep && *u != '\0'; cp++) {
		size_t n = seq_len(*u);
		put_cp(o, u, n);
		u += n;
	}
	if (keep < total)
		fl_out_puts(o, "\xE2\x80\xA6");
}

void fl_markup_grouped(fl_out *o, const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	if (i < len && s[i] == '-')
		fl_out_putc(o, s[i++]);
	while (i + digits < len && s[i + digits] >= '0' && s[i + digits] <= '9')
		digits++;
	for (size_t k = 0; k < digits; k++) {
		if (digits >= 4 && k > 0 && (digits - k) % 3 == 0)
			fl_out_puts(o, FL_MARKUP_GROUP);
		fl_out_putc(o, s[i + k]);
	}
	const unsigned char *u = (const unsigned char *)s + i + digits;
	const unsigned char *end = (const unsigned char *)s + len;
	while (u < end) {
		size_t n = seq_len(*u);
		if (n > (size_t)(end - u))
			n = (size_t)(end - u);
		put_cp(o, u, n);
		u += n;
	}
}

char *fl_markup_num(char *dst, double v)
{
	long long t = llround(v * 10.0);
	const char *sign = t < 0 ? "-" : "";
	if (t < 0)
		t = -t;
	if (t % 10 == 0)
		snprintf(dst, FL_MARKUP_NUM_MAX, "%s%lld", sign, t / 10);
	else
		snprintf(dst, FL_MARKUP_NUM_MAX, "%s%lld.%lld", sign, t / 10,
		         t % 10);
	return dst;
}
