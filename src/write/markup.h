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

/* Room for fl_markup_num's output. */
#define FL_MARKUP_NUM_MAX 32

/* v rounded to one decimal, without a trailing ".0" ("12", "-3.5"); for
 * coordinates, so |v| is small.  Returns dst. */
char *fl_markup_num(char *dst, double v);

#endif
