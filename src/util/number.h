/*
 * number.h - the one number syntax of focuslevel, and exact formatting.
 *
 * Parsing and printing never depend on the C locale: the grammar is checked
 * here, and the C library's conversions (strtod, printf) run in the "C"
 * locale (c_locale.h), whatever locale the program has set.
 */
#ifndef FL_NUMBER_H
#define FL_NUMBER_H

#include <stddef.h>

#include <focuslevel/format.h>
#include <focuslevel/portfolio.h>

/* fl_number_parse (portfolio.h) is the parser. */

/* Room for the shortest round-trip form of any double, and a NUL. */
#define FL_SHORTEST_MAX 32

/*
 * Two decimals: fl_fmt_money and FL_MONEY_MAX (public, format.h), v
 * rounded as printf's "%.2f" rounds the exact binary value (so 2.675 gives
 * 2.67), but never "-0.00".
 */

/*
 * The fewest significant digits that read back as the same double, written
 * positionally for decimal exponents -6 to 20 ("0.1", "100", "0.000002")
 * and with an exponent outside them ("1e+300", "5e-324"), as JSON.stringify
 * does.  -0 prints as "0".  Returns the length.
 */
size_t fl_fmt_shortest(char *dst, double v);

#endif
