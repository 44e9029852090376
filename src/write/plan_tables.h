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
/* The service plan per level, partnership first: contacts and cost per
 * customer (a year, the period), the level's service cost and profit
 * after service, the policy's description and actions ("; " between). */
void fl_plan_service_table(fl_table *t, const fl_plan_data *d);
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
 * profit after service.  `input` marks a value taken from the input, which
 * each format escapes its own way; the others are plain ASCII.
 */
typedef struct fl_plan_fact {
	const char *label;
	const char *value;
	bool input;
} fl_plan_fact;

typedef struct fl_plan_facts {
	fl_plan_fact fact[12];
	size_t count;
	char buf[8][2 * FL_MONEY_MAX + 40];
} fl_plan_facts;

void fl_plan_facts_of(fl_plan_facts *f, const fl_plan_data *d);

/*
 * The sections made of parts (affordability, changes, profit_curve,
 * segments, customer_value, at_risk, growth): each part is a row source
 * with a key (its JSON key, and the `kind` of its rows when CSV stacks
 * the parts) and either a title
 * (a table under a heading, with its row count when `counted`) or none:
 * then its one row is a list of facts, "column: value" in the text forms
 * and keys of the section's object in JSON.  `json`, when set, is the
 * JSON form of the part (the deciles as an array of numbers).
 */
#define FL_PLAN_PARTS_MAX 5

typedef struct fl_plan_part {
	const char *key;
	const char *title;       /* NULL: facts */
	bool counted;
	/* A table of at most one row (a fit's parameters): JSON writes it as
	 * one object, null without a row. */
	bool object;
	const char *json;
	fl_rows rows;
} fl_plan_part;

/* A list of customers (indices into the portfolio, or the summary's
 * entries of at-risk or growth customers) as a row source. */
typedef struct fl_plan_list {
	const fl_plan_data *d;
	const size_t *idx;
	const fl_at_risk *risk;
	const fl_growth *growth;
	size_t n;
	int what;                /* which columns: plan_tables.c */
} fl_plan_list;

typedef struct fl_plan_parts {
	fl_plan_part part[FL_PLAN_PARTS_MAX];
	size_t count;
	fl_table table[FL_PLAN_PARTS_MAX];   /* the tables behind parts */
	size_t tables;
	fl_plan_list list[2];
	size_t lists;
	char title[FL_PLAN_PARTS_MAX][160];
	char json[12 * FL_MONEY_MAX];
	bool oom;
} fl_plan_parts;

/* Which column layout a section's tables take. */
typedef struct fl_plan_layout {
	bool total;              /* matrices end in a total row */
	bool exact;              /* for machines (JSON, CSV, TSV): thresholds
	                          * in shortest round-trip form, else two
	                          * decimals; undefined numbers empty, else
	                          * "-" */
} fl_plan_layout;

/* The parts of each section (x must stay put while its rows are used;
 * release with fl_plan_parts_release; out of memory sets x->oom). */
void fl_plan_affordability_parts(fl_plan_parts *x, const fl_plan_data *d,
                                 const fl_plan_layout *lay);
void fl_plan_changes_parts(fl_plan_parts *x, const fl_plan_data *d,
                           const fl_plan_layout *lay);
void fl_plan_curve_parts(fl_plan_parts *x, const fl_plan_data *d,
                         const fl_plan_layout *lay);
void fl_plan_segments_parts(fl_plan_parts *x, const fl_plan_data *d,
                            const fl_plan_layout *lay);
/* customer_value: the as-of date, horizon and discount rate, the fitted
 * BG/NBD and Gamma-Gamma parameters, the value per level. */
void fl_plan_value_parts(fl_plan_parts *x, const fl_plan_data *d,
                         const fl_plan_layout *lay);
/* at_risk: the policy's at_risk_below, the customers' total lifetime
 * value, and the customers by lifetime value. */
void fl_plan_at_risk_parts(fl_plan_parts *x, const fl_plan_data *d,
                           const fl_plan_layout *lay);
/* growth: the policy's share_below, the customers with a potential, the
 * total untapped potential, and the customers by untapped potential. */
void fl_plan_growth_parts(fl_plan_parts *x, const fl_plan_data *d,
                          const fl_plan_layout *lay);
void fl_plan_parts_release(fl_plan_parts *x);

/*
 * The parts stacked into one row source for CSV and TSV: a `kind` column
 * (the part's key), then every column of the parts in the order they
 * first appear; a part's rows leave the other parts' columns empty.
 * x and parts must outlive r.  False when the columns do not fit.
 */
typedef struct fl_plan_stack {
	const fl_plan_parts *parts;
	const char *cols[FL_ROWS_MAX];
	unsigned char flags[FL_ROWS_MAX];
	int map[FL_PLAN_PARTS_MAX][FL_ROWS_MAX];
	fl_cells tmp;
} fl_plan_stack;

bool fl_plan_stack_rows(fl_rows *r, fl_plan_stack *x,
                        const fl_plan_parts *parts);

#endif
