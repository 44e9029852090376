/*
 * markup.h - text for SVG and HTML: escaping, and numbers formatted the
 * same way everywhere (fixed '.', no locale).
 */
#ifndef FL_MARKUP_H
#define FL_MARKUP_H

#include <stddef.h>

#include <focuslevel/out.h>

/*
 * Write s as XML/HTML character data or attribute text: & < > " ' as
 * references, characters XML 1.0 forbids (C0 controls but tab, LF, CR;
 * U+FFFE, U+FFFF) as U+FFFD.  At most max_cp code points (0: no limit);
 * a longer text ends in an ellipsis.  s is valid UTF-8 (a portfolio
 * string).
 */
void fl_markup_text(fl_out *o, const char *s, size_t max_cp);

/* Code points of s, at most max_cp with a cut marked by one more for the
 * ellipsis (as fl_markup_text writes it); 0: no limit. */
size_t fl_markup_width(const char *s, size_t max_cp);

/* U+202F NARROW NO-BREAK SPACE, the digit group separator of the pages
 * for people (ISO 80000-1: neither '.' nor ',', so it reads the same in
 * every locale). */
#define FL_MARKUP_GROUP "\xE2\x80\xAF"

/*
 * Write s[0..len) as fl_markup_text does, with the integer part of the
 * number it starts with ("-6588744.45 ...") in groups of three digits
 * separated by FL_MARKUP_GROUP when it has four digits or more
 * ("-6 588 744.45").  For HTML only: machine formats never group.
 */
void fl_markup_grouped(fl_out *o, const char *s, size_t len);

/* Room for fl_markup_num's output. */
#define FL_MARKUP_NUM_MAX 32

/* v rounded to one decimal, without a trailing ".0" ("12", "-3.5"); for
 * coordinates, so |v| is small.  Returns dst. */
char *fl_markup_num(char *dst, double v);

#endif
