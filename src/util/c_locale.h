/*
 * c_locale.h - printf and strtod in the "C" locale, whatever the program
 * has set.
 *
 * A program that links the library may call setlocale(LC_ALL, "") and run
 * in a locale whose decimal point is ','.  Every place in the library that
 * converts a double with the C library (printf's %f, %e, %g; strtod) runs
 * between fl_c_locale_enter and fl_c_locale_leave, which switch only the
 * calling thread (uselocale), so output and number parsing are the same
 * bytes in every locale.  Integer and string conversions need no switch.
 */
#ifndef FL_C_LOCALE_H
#define FL_C_LOCALE_H

#include <locale.h>

/*
 * Make the calling thread use the "C" locale; returns the locale to give
 * back to fl_c_locale_leave.  glibc's "C" locale object is static, so
 * this cannot fail there; where newlocale could fail the thread keeps its
 * locale and (locale_t)0 is returned.
 */
locale_t fl_c_locale_enter(void);

/* Give the thread back the locale fl_c_locale_enter returned. */
void fl_c_locale_leave(locale_t prev);

#endif
