/*
 * svg.c - the pieces the SVG pictures share (svg.h).
 */
#include "write/svg.h"

#include <string.h>

#include "write/markup.h"

void fl_svg_open(fl_out *o, int width, int height, bool fragment)
{
	if (!fragment)
		fl_out_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fl_out_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	              "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	              "version=\"1.1\" width=\"%d\" height=\"%d\" "
	              "viewBox=\"0 0 %d %d\" font-family=\"" FL_SVG_FONT "\" "
	              "font-size=\"12\">\n", width, height, width, height);
}

void fl_svg_num(fl_out *o, double v)
{
	char b[FL_MARKUP_NUM_MAX];
	fl_out_puts(o, fl_markup_num(b, v));
}

void fl_svg_coords(fl_out *o, const char *fmt, const double *v)
{
	for (const char *s = fmt; *s != '\0'; s++) {
		if (s[0] == '%' && s[1] >= '0' && s[1] <= '9') {
			fl_svg_num(o, v[s[1] - '0']);
			s++;
		} else {
			fl_out_putc(o, *s);
		}
	}
}

void fl_svg_text(fl_out *o, double x, double y, const char *attrs,
                 const char *s, size_t max_cp)
{
	const double v[] = { x, y };
	fl_svg_coords(o, "<text x=\"%0\" y=\"%1\"", v);
	if (attrs[0] != '\0') {
		fl_out_putc(o, ' ');
		fl_out_puts(o, attrs);
	}
	fl_out_putc(o, '>');
	fl_markup_text(o, s, max_cp);
	fl_out_puts(o, "</text>\n");
}

/* DejaVu Sans' advance widths of ' ' to '~' in thousandths of an em. */
static const unsigned short ascii_em[95] = {
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361,
	318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337,
	838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
	295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
	685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615,
	352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
	392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
};

/* The code point at u (valid UTF-8) and its length in *n. */
static unsigned long decode(const unsigned char *u, size_t *n)
{
	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*n = 2;
		return ((unsigned long)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (u[0] < 0xF0) {
		*n = 3;
		return ((unsigned long)(u[0] & 0x0F) << 12) |
		       ((unsigned long)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	*n = 4;
	return ((unsigned long)(u[0] & 0x07) << 18) |
	       ((unsigned long)(u[1] & 0x3F) << 12) |
	       ((unsigned long)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

/* East Asian wide and fullwidth ranges, roughly: one em each. */
static bool wide(unsigned long cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x1F300;
}

static unsigned em_of(unsigned long cp)
{
	if (cp >= 0x20 && cp <= 0x7E)
		return ascii_em[cp - 0x20];
	if (wide(cp))
		return 1000;
	return 700;
}

double fl_svg_text_width(const char *s, size_t max_cp, double font_size)
{
	size_t total = fl_markup_width(s, 0);
	size_t keep = max_cp != 0 && total > max_cp ? max_cp - 1 : total;
	unsigned long em = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t cp = 0; cp < keep && *u != '\0'; cp++) {
		size_t n;
		em += em_of(decode(u, &n));
		u += n;
	}
	if (keep < total)
		em += 1000;  /* the ellipsis */
	return (double)em / 1000.0 * font_size * 1.04;
}

/* Copy at most *room code points of s to *d, whole. */
static void copy_cp(char **d, const char *s, size_t *room)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u != '\0' && *room > 0) {
		size_t n;
		(void)decode(u, &n);
		memcpy(*d, u, n);
		*d += n;
		u += n;
		(*room)--;
	}
}

char *fl_svg_label(char *dst, const char *id, const char *name)
{
	char *d = dst;
	size_t room = FL_SVG_LABEL_CP + 1;
	copy_cp(&d, id, &room);
	if (strcmp(id, name) != 0 && room > 0) {
		*d++ = ' ';
		room--;
		copy_cp(&d, name, &room);
	}
	*d = '\0';
	return dst;
}
