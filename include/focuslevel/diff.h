/*
 * diff.h - compare two classified portfolios: who moved up or down a
 * level, who is new, who is gone.
 *
 * A side of the comparison (fl_diff_side) is a classified portfolio, made
 * either from a portfolio and its plan or from an earlier `assign -O json`
 * output, taken as classified.  fl_diff_compute matches the two sides by
 * customer id; fl_diff_write prints the result.  No I/O but through fl_out.
 */
#ifndef FOCUSLEVEL_DIFF_H
#define FOCUSLEVEL_DIFF_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "out.h"
#include "portfolio.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One classified customer as the diff sees it. */
typedef struct fl_diff_entry {
	const char *id;
	const char *name;
	double margin_pct;       /* P, or the value written in the file */
	double order_value;      /* V, or the value written in the file */
	uint32_t index;          /* position in the side's customer list */
	unsigned char level;     /* fl_level */
	unsigned char quadrant;  /* fl_quadrant */
} fl_diff_entry;

/* Where a side came from. */
typedef enum fl_diff_source {
	FL_DIFF_PORTFOLIO = 0,   /* a portfolio classified here */
	FL_DIFF_ASSIGN           /* an assign JSON output, as classified */
} fl_diff_source;

/*
 * A classified portfolio.  Owns every string and entry (one arena):
 * release with fl_diff_side_free.  name, currency and period are "" when
 * absent.
 */
typedef struct fl_diff_side {
	const char *name;
	const char *currency;
	const char *period;
	fl_diff_source source;
	fl_thresholds thresholds;
	fl_diff_entry *entries;
	size_t count;
	struct fl_arena *arena;
} fl_diff_side;

/*
 * A side from portfolio `p` and its plan (strings are copied: `p` may be
 * freed afterwards).  Returns FL_OK with *out set, or FL_ERR_NOMEM.
 */
fl_status fl_diff_side_from_plan(const fl_portfolio *p, const fl_plan *plan,
                                 fl_diff_side **out);

/*
 * Does data[0..len) look like an `assign -O json` output?  Only its
 * beginning is read: a JSON object whose keys before "customers" include
 * "thresholds" (the writer puts portfolio, currency, period, count,
 * skipped and thresholds first), and whose "customers" array is empty or
 * starts with an object that has "level" and "margin_pct".  The values
 * before "customers" are skipped, not built, and nothing after the first
 * customer is looked at: a large portfolio costs nothing to rule out.
 */
bool fl_diff_is_assign_output(const char *data, size_t len);

/* The same, reading the beginning of fp (a regular file: rewind it
 * before reading it again).  False on a read error. */
bool fl_diff_is_assign_output_file(FILE *fp);

/*
 * Read an `assign -O json` output, with the rules of a JSON portfolio
 * and one customer at a time (memory follows the customers, not the
 * file).  Each customer needs "id" (a string), "level", "quadrant"
 * (names), "margin_pct" and "order_value" (finite numbers); "name" may be
 * a string, null or absent; other keys are ignored.  Duplicate ids and
 * duplicate keys are errors.  On FL_OK *out is the side (free it with
 * fl_diff_side_free); on FL_ERR_INPUT *out is NULL and `diags` holds every
 * problem with its JSON path ("customers[3].level"), or the line and
 * column of a syntax error (which stops the reading), in the words of the
 * portfolio reader: a NUL character or invalid UTF-8 in a string, a number
 * past a double's range.  A file without "customers" gets only that said.
 */
fl_status fl_diff_side_read_assign(const char *data, size_t len,
                                   fl_diff_side **out, fl_diags *diags);

/* The same from fp; FL_ERR_IO (reported) on a read error. */
fl_status fl_diff_side_read_assign_file(FILE *fp, fl_diff_side **out,
                                        fl_diags *diags);

/* Release a side.  NULL is a no-op. */
void fl_diff_side_free(fl_diff_side *s);

/* What happened to one customer between OLD and NEW. */
typedef enum fl_change {
	FL_CHANGE_SAME = 0,      /* same level (quadrant or figures may differ) */
	FL_CHANGE_UP,            /* a higher level */
	FL_CHANGE_DOWN,          /* a lower level */
	FL_CHANGE_NEW,           /* only in NEW */
	FL_CHANGE_GONE           /* only in OLD */
} fl_change;

/* "same", "up", "down", "new", "gone"; NULL when out of range. */
const char *fl_change_name(fl_change c);

/* One row: the customer on each side (NULL where absent). */
typedef struct fl_diff_row {
	const fl_diff_entry *old;
	const fl_diff_entry *cur;
	fl_change change;
	int steps;               /* levels moved, new - old; 0 unless up/down */
} fl_diff_row;

/* The migration matrix's index for "absent": the row of new customers,
 * the column of gone ones.  Indices 1..5 are the levels. */
#define FL_DIFF_ABSENT 0

/*
 * The comparison.  Rows come in NEW's order, then the gone customers in
 * OLD's order.  migration[a][b] counts the customers at level a in OLD and
 * b in NEW (FL_DIFF_ABSENT for a new or gone customer).  Rows point into
 * the sides, which must outlive the diff.
 */
typedef struct fl_diff {
	fl_diff_row *rows;
	size_t count;
	size_t up, down, added, gone, same;
	size_t migration[6][6];
	bool currency_differs;   /* both sides name a currency, not the same */
} fl_diff;

/*
 * Match `old` and `cur` by id (byte-for-byte) and classify every change.
 * Returns FL_OK; FL_ERR_INPUT when a side repeats an id (an error in
 * `diags` names it, its side and both positions); FL_ERR_NOMEM.  Different
 * currencies add a warning naming both.  Release with fl_diff_release.
 */
fl_status fl_diff_compute(const fl_diff_side *old, const fl_diff_side *cur,
                          fl_diff *out, fl_diags *diags);

/* Release the rows; safe on a zeroed diff. */
void fl_diff_release(fl_diff *d);

/* Did anything change: a customer up, down, new or gone? */
bool fl_diff_changed(const fl_diff *d);

/* How the thresholds of the two sides were chosen (for the header). */
typedef enum fl_diff_mode {
	FL_DIFF_OWN = 0,         /* each portfolio classified with its own */
	FL_DIFF_FIXED,           /* the same given thresholds for both */
	FL_DIFF_PARTLY_FIXED     /* some values given, the rest each its own */
} fl_diff_mode;

typedef struct fl_diff_options {
	fl_format format;        /* table, csv, tsv or json */
	bool all;                /* every customer, not only the changed */
	bool escape_formulas;    /* CSV/TSV: prefix cells like "=1+1" with ' */
	fl_csv_output csv;      /* CSV/TSV: delimiter, decimal mark, ... */
	bool color;              /* table: up/down/new/gone in colour */
	const char *old_label;   /* the OLD file as shown, e.g. "old.yaml" */
	const char *new_label;
	fl_diff_mode mode;
	const char *fixed_by;    /* what fixed them ("--thresholds t.yaml"), or NULL */
} fl_diff_options;

/*
 * Write the diff: the table format has a header (the two sides and their
 * thresholds), the rows, the counts and the migration matrix; JSON holds
 * the same; CSV and TSV hold the rows only.  Returns FL_OK, FL_ERR_NOMEM
 * or FL_ERR_IO.
 */
fl_status fl_diff_write(fl_out *o, const fl_diff_side *old,
                        const fl_diff_side *cur, const fl_diff *d,
                        const fl_diff_options *opts);

#ifdef __cplusplus
}
#endif
#endif
