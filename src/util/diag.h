/*
 * diag.h - the library's side of diagnostics: fl_diags_add with a va_list,
 * for the error wrappers of the loaders.
 */
#ifndef FL_UTIL_DIAG_H
#define FL_UTIL_DIAG_H

#include <stdarg.h>

#include <focuslevel/diag.h>

/* fl_diags_add with the arguments of fmt in ap. */
fl_status fl_diags_vadd(fl_diags *d, fl_severity sev, unsigned long line,
                        unsigned long column, const char *path,
                        const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 0)))
#endif
	;

#endif
