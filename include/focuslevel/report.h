/*
 * report.h - the writers: one plan, several formats.
 */
#ifndef FOCUSLEVEL_REPORT_H
#define FOCUSLEVEL_REPORT_H

#include <stddef.h>
#include <stdbool.h>

#include "portfolio.h"
#include "model.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fl_format {
	FL_FORMAT_NONE = 0,
	FL_FORMAT_TABLE,
	FL_FORMAT_CSV,
	FL_FORMAT_TSV,
	FL_FORMAT_JSON
} fl_format;

/* "table", "csv", "tsv", "json"; false on anything else. */
bool fl_format_parse(const char *s, fl_format *out);
/* The format an output file name's extension asks for; NONE if unknown. */
fl_format fl_format_from_name(const char *path);

typedef enum fl_sort {
	FL_SORT_INPUT = 0,
	FL_SORT_ID,        /* byte order of the id, ascending */
	FL_SORT_LEVEL,     /* partnership first */
	FL_SORT_MARGIN,    /* margin amount, highest first */
	FL_SORT_VALUE,     /* order value, highest first */
	FL_SORT_REVENUE    /* revenue, highest first */
} fl_sort;

/* "input", "id", "level", "margin", "value", "revenue"; false otherwise. */
bool fl_sort_parse(const char *s, fl_sort *out);

/*
 * The row order for `sort`: a new array of plan->count indices that the
 * caller frees with free(3); ties keep input order.  NULL when out of
 * memory (or when count is 0, which is not an error).
 */
size_t *fl_sort_rows(const fl_portfolio *p, const fl_plan *plan, fl_sort sort);

typedef struct fl_assign_options {
	fl_format format;
	fl_sort sort;
	bool escape_formulas;  /* CSV/TSV: prefix cells like "=1+1" with ' */
} fl_assign_options;

/*
 * Write the assignment (one row per customer) in the chosen format.
 * Returns FL_OK, FL_ERR_NOMEM, or FL_ERR_IO when the output failed.
 */
fl_status fl_assign_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_assign_options *opts);

#ifdef __cplusplus
}
#endif
#endif
