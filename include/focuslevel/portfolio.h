/*
 * portfolio.h - a customer portfolio read from YAML, JSON or CSV/TSV order
 * lines.
 */
#ifndef FOCUSLEVEL_PORTFOLIO_H
#define FOCUSLEVEL_PORTFOLIO_H

#include <math.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The five levels of investment in a customer relationship (Kotler). */
typedef enum fl_level {
	FL_LEVEL_NONE = 0,
	FL_LEVEL_BASIC = 1,
	FL_LEVEL_REACTIVE = 2,
	FL_LEVEL_ACCOUNTABLE = 3,
	FL_LEVEL_PROACTIVE = 4,
	FL_LEVEL_PARTNERSHIP = 5
} fl_level;

/* Which input form a customer used. */
typedef enum fl_form {
	FL_FORM_AGGREGATE = 0, /* revenue, cost, orders (a count) */
	FL_FORM_DETAILED       /* orders as a list of {value, cost, date} */
} fl_form;

/* An activity of the cost to serve and its cost per unit (a policy's
 * `activities`). */
typedef struct fl_activity {
	const char *name;
	double rate;
} fl_activity;

/* The built-in activity whose count is the customer's order count. */
#define FL_ACTIVITY_ORDERS "orders"

/*
 * What few customers have, kept apart so that a million customers without
 * it cost no more than one pointer each: a pin's reason and the
 * cost-to-serve inputs, the potential.
 */
typedef struct fl_customer_extra {
	const char *reason;      /* "" when absent */
	/*
	 * NULL when the customer gave neither service_cost nor activities:
	 * [0] its service_cost, [1 + j] its count of activity j of the load
	 * options' activities (0 when not given, and for "orders", whose
	 * count is the customer's `orders`).
	 */
	const double *costing;
	/* The customer's yearly spend in our category with all suppliers
	 * (`potential`, >= 0); NAN when absent. */
	double potential;
} fl_customer_extra;

/* fl_customer.first_day and last_day of a customer without dates. */
#define FL_DAY_NONE INT32_MIN

/*
 * One customer.  Strings are NUL-terminated, valid UTF-8 without NUL bytes,
 * and live in the portfolio's arena: never free them.  name is the id when
 * the input gave none; segment is "" when absent.
 */
typedef struct fl_customer {
	const char *id;
	const char *name;
	const char *segment;
	/* The reason and the costing (in the portfolio's arena); NULL when
	 * the customer has neither: read them with fl_customer_reason and
	 * fl_customer_costing. */
	const fl_customer_extra *extra;
	double revenue;        /* R: sum in input order for the detailed form */
	double cost;           /* C */
	uint64_t orders;       /* n */
	uint32_t line;         /* where the customer starts (YAML), else 0 */
	uint32_t index;        /* position in the input's customer list */
	unsigned char pin;     /* fl_level; FL_LEVEL_NONE when not pinned */
	unsigned char form;    /* fl_form */
	unsigned char current; /* fl_level served today; FL_LEVEL_NONE: unknown */
	/*
	 * Order dates (docs/model.md, "Loyalty figures"), as days since
	 * 1970-01-01: the first and the last order day, FL_DAY_NONE (both)
	 * for a customer without dates.  A transaction is one order day.
	 */
	int32_t first_day;
	int32_t last_day;
	/* With dates, the detailed form's repeat transactions x (order days
	 * - 1; at most the days of the calendar); the aggregate form's x is
	 * orders - 1 and this is 0: read x with fl_customer_repeat. */
	uint32_t repeat;
	/* With dates, the mean transaction value after the first one, mbar:
	 * (R - the first day's orders) / x for the detailed form (0 when
	 * x = 0), R / n for the aggregate form; 0 without dates. */
	double mbar;
} fl_customer;

/* Does the customer have order dates? */
static inline bool fl_customer_dated(const fl_customer *c)
{
	return c->first_day != FL_DAY_NONE;
}

/* The repeat transactions x of a customer with dates. */
static inline uint64_t fl_customer_repeat(const fl_customer *c)
{
	return c->form == FL_FORM_AGGREGATE ? c->orders - 1 : c->repeat;
}

/* The reason of a pin, "" when none was given. */
static inline const char *fl_customer_reason(const fl_customer *c)
{
	return c->extra != NULL ? c->extra->reason : "";
}

/* The cost-to-serve inputs (fl_customer_extra.costing), or NULL. */
static inline const double *fl_customer_costing(const fl_customer *c)
{
	return c->extra != NULL ? c->extra->costing : NULL;
}

/* The customer's potential (fl_customer_extra.potential), NAN when
 * absent. */
static inline double fl_customer_potential(const fl_customer *c)
{
	return c->extra != NULL ? c->extra->potential : NAN;
}

/* A loaded portfolio.  Owns every string it points to (in an arena of
 * its own, released by fl_portfolio_free). */
typedef struct fl_portfolio {
	const char *name;      /* "" when absent */
	const char *currency;  /* "" when absent */
	const char *period;    /* "" when absent */
	fl_customer *customers;
	size_t count;
	size_t skipped;        /* invalid customers left out (skip_invalid) */
	size_t dated;          /* customers with order dates */
	int32_t last_day;      /* the latest order day of them (days since
	                        * 1970-01-01), FL_DAY_NONE when none */
} fl_portfolio;

typedef enum fl_input_format {
	FL_INPUT_AUTO = 0,     /* from the file name's extension, else the content */
	FL_INPUT_YAML,
	FL_INPUT_JSON,
	FL_INPUT_JSONL,        /* JSON Lines: one customer object per line */
	FL_INPUT_CSV,          /* order lines, delimited (docs/import.md) */
	FL_INPUT_TSV           /* the same, tab-separated by default */
} fl_input_format;

/* The fields of an order line (docs/import.md), each found in the header
 * by a list of synonyms or named with --map FIELD=HEADER. */
typedef enum fl_line_field {
	FL_LINE_ID = 0,        /* id: the customer id */
	FL_LINE_ORDER,         /* order: the order (invoice) number */
	FL_LINE_DATE,          /* date */
	FL_LINE_VALUE,         /* value: the line's sales */
	FL_LINE_QUANTITY,      /* quantity: value = quantity x unit_price */
	FL_LINE_UNIT_PRICE,    /* unit_price */
	FL_LINE_COST,          /* cost */
	FL_LINE_PROFIT,        /* profit: cost = value - profit */
	FL_LINE_NAME,          /* name: the customer's name */
	FL_LINE_SEGMENT,       /* segment */
	FL_LINE_FIELDS
} fl_line_field;

/* The name of a field as --map and a policy's `columns` write it ("id",
 * "unit_price"); NULL when out of range. */
const char *fl_line_field_name(fl_line_field f);

/* The field named s[0..len); false when none is. */
bool fl_line_field_parse(const char *s, size_t len, fl_line_field *out);

/* The encoding of a CSV input. */
typedef enum fl_encoding {
	FL_ENCODING_UTF8 = 0,  /* a UTF-8 byte-order mark is skipped */
	FL_ENCODING_LATIN1,    /* ISO-8859-1 */
	FL_ENCODING_CP1252     /* Windows-1252 */
} fl_encoding;

/* Parse "utf-8", "latin1" or "cp1252" (and the spellings docs/import.md
 * lists), ASCII case-insensitively; false on anything else. */
bool fl_encoding_parse(const char *s, fl_encoding *out);

/* The CSV dialect of a run (docs/import.md).  Nothing is owned. */
typedef struct fl_csv_dialect {
	char delimiter;          /* ',' ';' '\t' '|', or 0: from the header
	                          * line (tab for .tsv) */
	bool decimal_comma;      /* numbers are written 1234,56 */
	const char *date_format; /* fl_date_parse_format's; NULL: ISO dates */
	fl_encoding encoding;
	/* The header of each field, NULL: found by its synonyms. */
	const char *map[FL_LINE_FIELDS];
} fl_csv_dialect;

typedef struct fl_load_options {
	fl_input_format format;
	bool strict;           /* unknown keys are errors */
	bool skip_invalid;     /* report invalid customers and keep the rest */
	/*
	 * With skip_invalid, the load fails (FL_ERR_INPUT) when every
	 * customer is invalid, and, with max_invalid_set, when more customers
	 * were left out than max_invalid: a count, or with
	 * max_invalid_percent a percentage of all customers, valid and
	 * invalid.  Without skip_invalid any invalid customer fails anyway.
	 */
	bool max_invalid_set;
	bool max_invalid_percent;
	double max_invalid;
	/*
	 * The activities a customer's `activities` may count (a policy's,
	 * with their rates), not owned: any other name is an error.  The
	 * rates are used to check that the cost to serve is finite.
	 */
	const fl_activity *activities;
	size_t activity_count;
	/* How order lines are read (FL_INPUT_CSV, FL_INPUT_TSV). */
	fl_csv_dialect csv;
	/*
	 * Threads that read customers (JSON and JSON Lines; capped at 8):
	 * 0 or 1 reads on the calling thread.  The result is the same, byte
	 * for byte, for every value (docs/architecture.md, "Threads").
	 */
	unsigned jobs;
} fl_load_options;

/*
 * Read a portfolio from `fp`.  `name` is the file name used for format
 * detection by extension (may be NULL, e.g. for standard input).
 *
 * On FL_OK *out holds the portfolio (release it with fl_portfolio_free) and
 * `diags` may hold warnings (an empty portfolio) or, with skip_invalid, the
 * errors of the customers that were left out.  On any other status *out is
 * NULL and `diags` says what was wrong (FL_ERR_INPUT, FL_ERR_IO).
 */
fl_status fl_portfolio_load(FILE *fp, const char *name,
                            const fl_load_options *opts,
                            fl_portfolio **out, fl_diags *diags);

/* Like fl_portfolio_load, from a memory buffer (used by tests and fuzzers). */
fl_status fl_portfolio_load_mem(const char *data, size_t len, const char *name,
                                const fl_load_options *opts,
                                fl_portfolio **out, fl_diags *diags);

/* Release a portfolio and everything it owns.  NULL is a no-op. */
void fl_portfolio_free(fl_portfolio *p);

/* Guess the input format from a file name's extension; FL_INPUT_AUTO when
 * the extension says nothing. */
fl_input_format fl_input_format_from_name(const char *name);

/* Parse "yaml", "json", "jsonl", "csv" or "tsv"; returns false on anything
 * else. */
bool fl_input_format_parse(const char *s, fl_input_format *out);

typedef enum fl_num_status {
	FL_NUM_OK = 0,
	FL_NUM_SYNTAX,   /* not a plain decimal number */
	FL_NUM_RANGE     /* overflows a double */
} fl_num_status;

/*
 * Parse s[0..len) with the one number syntax of focuslevel (portfolio
 * files, policies, options): an optional sign, digits with an optional
 * fraction (or a fraction alone, ".5"), an optional exponent; nothing
 * else, not even surrounding spaces.  -0 reads as 0.  The same in every
 * locale.
 */
fl_num_status fl_number_parse(const char *s, size_t len, double *out);

/* Level names ("basic" ... "partnership") and their one-line description.
 * Return NULL for FL_LEVEL_NONE or out-of-range values. */
const char *fl_level_name(fl_level level);
const char *fl_level_description(fl_level level);

/* Parse a level name, ASCII case-insensitively; FL_LEVEL_NONE when unknown. */
fl_level fl_level_parse(const char *s);

#ifdef __cplusplus
}
#endif
#endif
