/*
 * svg.h - what the SVG pictures (plot_svg.c, plot_curve.c) share: the
 * document's start, numbers and coordinates written the same way
 * everywhere (fixed '.', no locale), text, and the width a text is
 * estimated to take (docs/plot.md, "Labels").
 */
#ifndef FL_SVG_H
#define FL_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include <focuslevel/out.h>

/* The font every picture names (nothing is embedded). */
#define FL_SVG_FONT "DejaVu Sans, Verdana, Arial, sans-serif"

/* The XML declaration (unless `fragment`: inline in HTML) and the <svg>
 * element, width x height user units, 12-unit text. */
void fl_svg_open(fl_out *o, int width, int height, bool fragment);

/* v rounded to one decimal (fl_markup_num). */
void fl_svg_num(fl_out *o, double v);

/* Write `fmt` with each %N (N a digit) replaced by v[N] (fl_svg_num). */
void fl_svg_coords(fl_out *o, const char *fmt, const double *v);

/* <text x y attrs>s</text>: s escaped (it may come from the input), cut
 * at max_cp code points with an ellipsis (0: no limit). */
void fl_svg_text(fl_out *o, double x, double y, const char *attrs,
                 const char *s, size_t max_cp);

/*
 * The width of s in user units at `font_size`, as fl_markup_text(s,
 * max_cp) writes it, estimated from DejaVu Sans' advance widths (ASCII
 * one by one, other letters 0.7 em, East Asian wide characters 1 em) and
 * 4 % more for the fonts that stand in for it.  Labels are placed by this
 * estimate; tests/plot/label_overlap.py computes the same.
 */
double fl_svg_text_width(const char *s, size_t max_cp, double font_size);

/* The code points of a customer's label, "ID name" (the id alone when
 * the name is the id), before the cut. */
#define FL_SVG_LABEL_CP 30
#define FL_SVG_LABEL_MAX (4 * (FL_SVG_LABEL_CP + 1) + 1)

/*
 * The label of a customer in dst (FL_SVG_LABEL_MAX bytes): "ID name", at
 * most FL_SVG_LABEL_CP + 1 code points copied whole, so that
 * fl_markup_text(dst, FL_SVG_LABEL_CP) cuts it with an ellipsis exactly
 * when the whole text is longer.  Returns dst.
 */
char *fl_svg_label(char *dst, const char *id, const char *name);

#endif
