/*
 * plan_tables.h - the content of the service plan's sections, as tables
 * (table.h) that every format writes: thresholds, grid, levels, quadrants,
 * exceptions.  What the formats do with them is plan_page.h.
 */
#ifndef FL_WRITE_PLAN_TABLES_H
#define FL_WRITE_PLAN_TABLES_H

#include <focuslevel/report.h>

#include "util/number.h"
#include "write/table.h"

/* What a plan is written from; every pointer is borrowed. */
typedef struct fl_plan_data {
	const fl_portfolio *p;
	const fl_plan *plan;
	const fl_policy *pol;
	const fl_summary *s;
} fl_plan_data;

/* Each builder initialises t (release it with fl_table_release); out of
 * memory sets t->oom. */
void fl_plan_thresholds_table(fl_table *t, const fl_thresholds *th);
/* The grid as nine rows (margin tier, value tier, level, figures). */
void fl_plan_grid_table(fl_table *t, const fl_summary *s);
/* The grid as a matrix: margin tiers down, value tiers across, each cell
 * "level: customers, margin". */
void fl_plan_grid_matrix(fl_table *t, const fl_plan_data *d);
/* The levels, partnership first, with a total row when `total`. */
void fl_plan_levels_table(fl_table *t, const fl_summary *s, bool total);
void fl_plan_quadrants_table(fl_table *t, const fl_summary *s);
/* The kinds of exception, as the text forms show them apart. */
#define FL_PLAN_KINDS 4
typedef struct fl_plan_kind {
	const char *kind;        /* the `kind` cell: "loss", ... */
	const char *title;       /* "Loss-making customers (margin < 0)" */
	const char *key;         /* the JSON key: "loss", "over_served", ... */
} fl_plan_kind;
extern const fl_plan_kind fl_plan_kinds[FL_PLAN_KINDS];

/*
 * The exceptions as a row source over the summary's lists, so that a
 * million exceptions cost no copies: `kind` FL_PLAN_KINDS gives every kind
 * in turn with every column and a `kind` column (CSV opens it as one
 * sheet), a kind below it that kind's own columns.  x is the source's
 * state; it and d must outlive r.
 */
typedef struct fl_plan_exceptions {
	const fl_plan_data *d;
	size_t kind;
	int map[FL_ROWS_MAX];    /* each column's place in the rows, or -1 */
} fl_plan_exceptions;

void fl_plan_exceptions_rows(fl_rows *r, fl_plan_exceptions *x,
                             const fl_plan_data *d, size_t kind);

/* The title of kind k, with the borderline distance where it has one. */
void fl_plan_kind_title(const fl_plan_data *d, size_t k, char *title,
                        size_t size);

/*
 * The facts at the head of the whole plan (text, Markdown, HTML): period
 * and currency when given, customers, revenue, margin, service cost and
 * margin after service.  `input` marks a value taken from the input, which
 * each format escapes its own way; the others are plain ASCII.
 */
typedef struct fl_plan_fact {
	const char *label;
	const char *value;
	bool input;
} fl_plan_fact;

typedef struct fl_plan_facts {
	fl_plan_fact fact[8];
	size_t count;
	char buf[5][2 * FL_MONEY_MAX + 40];
} fl_plan_facts;

void fl_plan_facts_of(fl_plan_facts *f, const fl_plan_data *d);

#endif
