/*
 * report.h - the writers: one plan, several formats.
 */
#ifndef FOCUSLEVEL_REPORT_H
#define FOCUSLEVEL_REPORT_H

#include <stddef.h>
#include <stdbool.h>

#include "format.h"
#include "portfolio.h"
#include "model.h"
#include "out.h"
#include "policy.h"
#include "summary.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* The most columns `assign` has. */
#define FL_ASSIGN_COLUMNS_MAX 48

typedef struct fl_assign_options {
	fl_format format;
	fl_sort sort;
	bool escape_formulas;  /* CSV/TSV: prefix cells like "=1+1" with ' */
	fl_csv_output csv;    /* CSV/TSV: delimiter, decimal mark, ... */
	bool color;            /* table: level names in colour (ANSI SGR) */
	/* The columns, as fl_assign_columns_parse gives them; ncolumns 0:
	 * the default ones. */
	unsigned char columns[FL_ASSIGN_COLUMNS_MAX];
	size_t ncolumns;
	/* Threads that format the rows (0 or 1: this one); the bytes are
	 * the same for any number. */
	unsigned jobs;
} fl_assign_options;

/*
 * Parse a --columns list into opts->columns: column names separated by
 * commas, "default" for the default columns, "all" for every one.
 * Returns NULL, or the first name that is unknown or repeats (pointing
 * into `list`; *bad_len its length).
 */
const char *fl_assign_columns_parse(const char *list, fl_assign_options *opts,
                                    size_t *bad_len);

/* Do opts' columns show the customer value (p_alive, expected_orders,
 * expected_order_value, clv), so that the plan must fit its models
 * (fl_plan_spec.value)? */
bool fl_assign_shows_value(const fl_assign_options *opts);

/* The name of column c (in table order, from 0), NULL past the last. */
const char *fl_assign_column_name(size_t c);

/*
 * Write the assignment (one row per customer) in the chosen format.
 * Returns FL_OK, FL_ERR_NOMEM, or FL_ERR_IO when the output failed.
 */
fl_status fl_assign_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_assign_options *opts);

/*
 * Write every step of the model for customer i of p (input, margin, order
 * value, each axis with its cuts and tier, quadrant, level, pin, the
 * economics, the level's service under `pol` and the margin after it,
 * and, when some customer of p has dates, its customer value: history,
 * fits, p_alive, E(horizon), order value and the lifetime value month by
 * month), as text.  Returns FL_OK, FL_ERR_NOMEM (the months of the
 * horizon), or FL_ERR_IO when the output failed.
 */
fl_status fl_explain_write(fl_out *o, const fl_portfolio *p,
                           const fl_plan *plan, const fl_policy *pol,
                           size_t i);

/* The sections of the service plan, for --section. */
typedef enum fl_section {
	FL_SECTION_ALL = 0,
	FL_SECTION_GRID,
	FL_SECTION_LEVELS,
	FL_SECTION_QUADRANTS,
	FL_SECTION_EXCEPTIONS,
	FL_SECTION_AFFORDABILITY,
	FL_SECTION_CHANGES,
	FL_SECTION_PROFIT_CURVE,
	FL_SECTION_SEGMENTS,
	FL_SECTION_CUSTOMER_VALUE,
	FL_SECTION_AT_RISK,
	FL_SECTION_GROWTH,
	FL_SECTION_SERVICE_PLAN
} fl_section;

/* "grid", "levels", "quadrants", "exceptions", "affordability",
 * "changes", "profit_curve", "segments", "customer_value", "at_risk",
 * "growth"; false otherwise. */
bool fl_section_parse(const char *s, fl_section *out);

typedef struct fl_report_options {
	fl_format format;      /* table, markdown, json, csv, tsv, html */
	fl_section section;    /* csv and tsv need one; others: ALL or one */
	bool escape_formulas;
	fl_csv_output csv;    /* CSV/TSV: delimiter, decimal mark, ... */
	bool color;            /* table: section headings in bold (ANSI SGR) */
} fl_report_options;

/*
 * Write the service plan: header, thresholds, grid, levels, quadrants,
 * exceptions, affordability, changes (when a customer has a current
 * level), profit curve, segments (with groups), customer value and at
 * risk (when a customer has order dates: the plan must then be valued,
 * fl_plan_spec.value), growth (when a customer has a potential);
 * docs/report.md shows each.  CSV and TSV write the one
 * section opts->section names.  Returns FL_OK, FL_ERR_NOMEM, FL_ERR_USAGE
 * (CSV/TSV without a section) or FL_ERR_IO.
 */
fl_status fl_report_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_policy *pol,
                          const fl_summary *s, const fl_report_options *opts);

#ifdef __cplusplus
}
#endif
#endif
