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

typedef enum fl_num_status {
	FL_NUM_OK = 0,
	FL_NUM_SYNTAX,   /* not a plain decimal number */
	FL_NUM_RANGE     /* overflows a double */
} fl_num_status;

/*
 * Parse s[0..len) as a plain decimal: an optional sign, digits with an
 * optional fraction (or a fraction alone, ".5"), an optional exponent.
 * Nothing else, not even surrounding spaces.  -0 reads as 0.
 */
fl_num_status fl_num_parse(const char *s, size_t len, double *out);

/* Room for any double printed with two decimals, and a NUL. */
#define FL_FIXED2_MAX 330
/* Room for the shortest round-trip form of any double, and a NUL. */
#define FL_SHORTEST_MAX 32

/*
 * v with exactly two decimals, rounded as printf's "%.2f" rounds the exact
 * binary value (so 2.675 gives 2.67), but never "-0.00".  Returns the length.
 */
size_t fl_fmt_fixed2(char *dst, double v);

/*
 * The fewest significant digits that read back as the same double, written
 * positionally for decimal exponents -6 to 20 ("0.1", "100", "0.000002")
 * and with an exponent outside them ("1e+300", "5e-324"), as JSON.stringify
 * does.  -0 prints as "0".  Returns the length.
 */
size_t fl_fmt_shortest(char *dst, double v);

#endif
