/*
 * fields.h - typed access to the fields of an fl_node tree, and the one
 * error wrapper of the loaders.  The portfolio rules (schema.c), the policy
 * reader (policy_load.c) and the assign-output reader (assign_output.c)
 * check values and word their messages through these, so that the same
 * mistake reads the same in every file.
 */
#ifndef FL_LOAD_FIELDS_H
#define FL_LOAD_FIELDS_H

#include <stdarg.h>
#include <string.h>

#include "load/load.h"
#include "util/diag.h"
#include "util/number.h"

/*
 * The one error wrapper: add an error at line:column (0: none) and path
 * (NULL: none), its message `prefix` (NULL: none) then fmt; out of memory
 * sets ctx->nomem.  It counts nothing: fl_load_error counts errors about
 * the document (ctx->fatal), schema.c those about one customer.
 */
void fl_load_verror(fl_load_ctx *ctx, unsigned long line, unsigned long col,
                    const char *path, const char *prefix, const char *fmt,
                    va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 0)))
#endif
	;

/* fl_load_error at the value n (JSON nodes have no line: the path tells). */
void fl_field_error(fl_load_ctx *ctx, const fl_node *n, const char *path,
                    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* A YAML plain null (~, null, nothing) or a JSON null.  (This and the
 * other checks of one value are inline: they run for every field of
 * every customer.) */
static inline bool fl_field_is_null(const fl_node *n)
{
	return n->kind == FL_NODE_SCALAR &&
	       (n->scalar == FL_SCALAR_NULL ||
	        (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_null(n->text, n->len)));
}

/* Where a message about the key of entry e points: at the key where the
 * loader knows its position (YAML), else where the value is. */
static inline void fl_field_key_at(const fl_node *e, unsigned long *line,
                                   unsigned long *col)
{
	bool at_key = e->key_line != 0;
	*line = at_key ? e->key_line : e->line;
	*col = at_key ? e->key_column : e->column;
}

/* "duplicate key \"K\"" for the second entry `dup` of a mapping whose
 * key repeats an earlier one, at line:column or path (as fl_load_error). */
void fl_field_duplicate_key(fl_load_ctx *ctx, const fl_node *dup,
                            unsigned long line, unsigned long col,
                            const char *path);

/* "a mapping", "a sequence", "a boolean", "null", "a number", "a string". */
const char *fl_field_kind(const fl_node *n);

/* Append s[0..len) double-quoted, escaped, and cut at a character boundary
 * after FL_QUOTE_MAX bytes: fl_quote_add with FL_QUOTE_MARKS. */
void fl_field_quote(fl_buf *b, const char *s, size_t len);

/*
 * Append what a value that was not what a field wanted is, for "expected
 * X, found Y": a number as written and without quotes, so that "found -5"
 * and "found \"-5\"" (a quoted string) can be told apart.
 */
void fl_field_describe(fl_buf *b, const fl_node *n);

/* The number a scalar holds: FL_NUM_SYNTAX for anything but a number,
 * FL_NUM_RANGE past a double's range. */
static inline fl_num_status fl_field_number(const fl_node *n, double *out)
{
	if (n->kind != FL_NODE_SCALAR)
		return FL_NUM_SYNTAX;
	switch (n->scalar) {
	case FL_SCALAR_PLAIN:
	case FL_SCALAR_STRING:
	case FL_SCALAR_NUMBER:
		return fl_number_parse(n->text, n->len, out);
	case FL_SCALAR_OVERFLOW:
		return FL_NUM_RANGE;
	case FL_SCALAR_BOOL:
	case FL_SCALAR_NULL:
		break;
	}
	return FL_NUM_SYNTAX;
}

/* What fl_field_text finds. */
typedef enum fl_text_check {
	FL_TEXT_OK,
	FL_TEXT_NULL,         /* null: no text */
	FL_TEXT_NOT_SCALAR,   /* a mapping or a sequence */
	FL_TEXT_BAD_UTF8,     /* *bad: the first invalid byte */
	FL_TEXT_NUL           /* a NUL character */
} fl_text_check;

/* Is n text: a scalar, not null, valid UTF-8 without NUL? */
static inline fl_text_check fl_field_text(const fl_node *n, size_t *bad)
{
	if (n->kind != FL_NODE_SCALAR)
		return FL_TEXT_NOT_SCALAR;
	if (fl_field_is_null(n))
		return FL_TEXT_NULL;
	if (!fl_utf8_valid(n->text, n->len, bad))
		return FL_TEXT_BAD_UTF8;
	if (memchr(n->text, '\0', n->len) != NULL)
		return FL_TEXT_NUL;
	return FL_TEXT_OK;
}

/* The index of entry e's key in the NULL-terminated keys, or -1. */
int fl_field_key_index(const fl_node *e, const char *const *keys);

/*
 * A likely misspelling of the key `want` in mapping m: the entry whose key
 * is none of the NULL-terminated `known` keys and is nearest to `want`,
 * ASCII case ignored, by the Damerau-Levenshtein distance (insertions,
 * deletions, substitutions and swaps of two neighbours, each 1; the
 * "optimal string alignment" variant).  Near means a distance of at most
 * 2, or at most 1 when `want` has 3 characters or fewer ("id": "ID",
 * "Id", "ids" are near, "xy" is not).  The first such entry of the file
 * on a tie; NULL when there is none.  Only asked once a key is missing.
 */
const fl_node *fl_field_typo(const fl_node *m, const char *want,
                             const char *const *known);

/* The other way round: the known key, absent from mapping m, that the
 * unknown key of entry e of m is a likely misspelling of (same rule);
 * NULL when none. */
const char *fl_field_typo_of(const fl_node *e, const fl_node *m,
                             const char *const *known);

/*
 * Fields are checked in a fixed order, not in the order of the file: put
 * the messages from d->items[first] on in the order of their place in the
 * file.  A stable insertion sort: messages are few, and JSON ones (no
 * line) keep theirs.
 */
void fl_field_sort_by_position(fl_diags *d, size_t first);

#endif
