/*
 * load.h - what the loaders share: the load context and the field rules.
 *
 * A loader (load_yaml.c, load_json.c) turns its syntax into fl_node trees,
 * one customer at a time, and hands each to schema.c, which checks every
 * field rule and appends the customer to the portfolio.  fl_load_sniff
 * picks the syntax of every input; fields.h has the typed field access
 * and the error wrapper that schema.c, policy_load.c and assign_output.c
 * share.
 */
#ifndef FL_LOAD_H
#define FL_LOAD_H

#include <focuslevel/portfolio.h>

#include "util/arena.h"
#include "util/buf.h"
#include "load/node.h"
#include "util/reader.h"
#include "load/ids.h"
#include "load/keys.h"
#include "util/utf8.h"

/* Deepest nesting accepted inside a document (YAML and JSON). */
#define FL_MAX_DEPTH 64

typedef struct fl_load_ctx {
	const fl_load_options *opts;
	const char *name;         /* file name for messages, may be NULL */
	fl_portfolio *p;
	fl_diags *diags;
	fl_arena *scratch;        /* reset after every customer */
	fl_badids bad_ids;
	fl_buf path;              /* scratch for the path of a customer */
	size_t index;             /* input position of the next customer */
	size_t fatal;             /* errors not about one customer */
	bool json;                /* positions are paths, not line:column */
	unsigned long line;       /* JSON Lines: the current customer's line */
	bool nomem;
	bool seen_customers;
} fl_load_ctx;

/* Record an error about the document itself (not one customer), counted
 * in ctx->fatal; through fields.c's one error wrapper. */
void fl_load_error(fl_load_ctx *ctx, unsigned long line, unsigned long col,
                   const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/*
 * The syntax of an input, from its first bytes: JSON when the first
 * character after a UTF-8 byte-order mark and white space is { or [, else
 * YAML.  The one sniffer of portfolios, policies and assign outputs.
 * *start, unless start is NULL, is set to the offset of that character.
 */
fl_input_format fl_load_sniff(const char *s, size_t len, size_t *start);

/*
 * The status of a load once its reader is done: FL_ERR_IO after a read
 * error (reported here), FL_ERR_NOMEM, FL_ERR_INPUT after an error about
 * the document, else FL_OK.
 */
fl_status fl_load_status(fl_load_ctx *ctx, const fl_reader *r);

/* A top-level entry other than `customers` (portfolio, currency, ...). */
void fl_schema_top(fl_load_ctx *ctx, const fl_node *entry);

/* One element of the customers list; advances ctx->index. */
void fl_schema_customer(fl_load_ctx *ctx, const fl_node *node);

/* The loaders, reading from r (whose window may already hold bytes). */
void fl_load_yaml(fl_load_ctx *ctx, fl_reader *r);
void fl_load_json(fl_load_ctx *ctx, fl_reader *r);
void fl_load_jsonl(fl_load_ctx *ctx, fl_reader *r);

/*
 * Order lines (load_csv.c), tab-separated by default when tsv: every
 * valid customer into ctx->p.  With keep, the customers and their orders
 * go there too (the caller owns them: fl_orderlines_free).
 */
struct fl_orderlines;
void fl_load_csv(fl_load_ctx *ctx, fl_reader *r, bool tsv,
                 struct fl_orderlines *keep);

/*
 * Parse one whole (small) document into a node tree in ctx->scratch, for
 * files such as policies.  NULL after an error, reported through ctx.
 */
fl_node *fl_yaml_tree(fl_load_ctx *ctx, fl_reader *r);
fl_node *fl_json_tree(fl_load_ctx *ctx, fl_reader *r);

#endif
