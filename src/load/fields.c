/*
 * fields.c - typed field access over fl_node and the one error wrapper,
 * shared by the portfolio, policy and assign-output readers.
 */
#include "load/fields.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"

void fl_load_verror(fl_load_ctx *ctx, unsigned long line, unsigned long col,
                    const char *path, const char *prefix, const char *fmt,
                    va_list ap)
{
	fl_status st;
	if (prefix == NULL) {
		st = fl_diags_vadd(ctx->diags, FL_SEV_ERROR, line, col, path, fmt,
		                   ap);
	} else {
		fl_buf msg;
		fl_buf_init(&msg);
		fl_buf_adds(&msg, prefix);
		fl_buf_vaddf(&msg, fmt, ap);
		st = msg.oom ? FL_ERR_NOMEM
		             : fl_diags_add(ctx->diags, FL_SEV_ERROR, line, col,
		                            path, "%s", msg.buf);
		fl_buf_release(&msg);
	}
	if (st != FL_OK)
		ctx->nomem = true;
}

void fl_load_error(fl_load_ctx *ctx, unsigned long line, unsigned long col,
                   const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ctx->fatal++;
	fl_load_verror(ctx, line, col, path, NULL, fmt, ap);
	va_end(ap);
}

void fl_field_error(fl_load_ctx *ctx, const fl_node *n, const char *path,
                    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ctx->fatal++;
	fl_load_verror(ctx, n->line, n->column, path, NULL, fmt, ap);
	va_end(ap);
}

const char *fl_field_kind(const fl_node *n)
{
	switch (n->kind) {
	case FL_NODE_MAP: return "a mapping";
	case FL_NODE_SEQ: return "a sequence";
	case FL_NODE_SCALAR: break;
	}
	switch (n->scalar) {
	case FL_SCALAR_BOOL: return "a boolean";
	case FL_SCALAR_NULL: return "null";
	case FL_SCALAR_NUMBER:
	case FL_SCALAR_OVERFLOW: return "a number";
	case FL_SCALAR_STRING:
	case FL_SCALAR_PLAIN: break;
	}
	return "a string";
}

void fl_field_quote(fl_buf *b, const char *s, size_t len)
{
	fl_quote_add(b, s, len, FL_QUOTE_MAX, FL_QUOTE_MARKS);
}

/* "WHAT (TEXT)": a null or boolean as written. */
static void add_as_written(fl_buf *b, const char *what, const fl_node *n)
{
	fl_buf_adds(b, what);
	fl_buf_adds(b, " (");
	fl_buf_add(b, n->text, n->len);
	fl_buf_addc(b, ')');
}

void fl_field_describe(fl_buf *b, const fl_node *n)
{
	if (n->kind == FL_NODE_SCALAR && n->scalar == FL_SCALAR_OVERFLOW) {
		fl_buf_adds(b, "a number too large for a double");
		return;
	}
	if (n->kind != FL_NODE_SCALAR || n->scalar == FL_SCALAR_NULL) {
		fl_buf_adds(b, fl_field_kind(n));
		return;
	}
	if (n->scalar == FL_SCALAR_BOOL) {
		add_as_written(b, "a boolean", n);
		return;
	}
	if (n->len == 0) {
		fl_buf_adds(b, "an empty value");
		return;
	}
	if (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_null(n->text, n->len)) {
		add_as_written(b, "null", n);
		return;
	}
	if (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_bool(n->text, n->len)) {
		add_as_written(b, "a boolean", n);
		return;
	}
	double v;
	if ((n->scalar == FL_SCALAR_PLAIN || n->scalar == FL_SCALAR_NUMBER) &&
	    n->len <= FL_QUOTE_MAX &&
	    fl_number_parse(n->text, n->len, &v) != FL_NUM_SYNTAX) {
		fl_buf_add(b, n->text, n->len);
		return;
	}
	fl_field_quote(b, n->text, n->len);
}

int fl_field_key_index(const fl_node *e, const char *const *keys)
{
	for (int i = 0; keys[i] != NULL; i++) {
		if (strlen(keys[i]) == e->key_len &&
		    memcmp(keys[i], e->key, e->key_len) == 0)
			return i;
	}
	return -1;
}

/* Keys past this length are never near a known key (all are short). */
#define TYPO_MAX 32

static unsigned char lower(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static size_t min2(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* The optimal-string-alignment distance of a and b, ASCII case ignored;
 * both at most TYPO_MAX bytes. */
static size_t typo_distance(const char *a, size_t alen, const char *b,
                            size_t blen)
{
	size_t d[TYPO_MAX + 1][TYPO_MAX + 1];
	for (size_t i = 0; i <= alen; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= blen; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= alen; i++) {
		for (size_t j = 1; j <= blen; j++) {
			size_t same = lower(a[i - 1]) == lower(b[j - 1]);
			size_t v = min2(min2(d[i - 1][j] + 1, d[i][j - 1] + 1),
			                d[i - 1][j - 1] + !same);
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]))
				v = min2(v, d[i - 2][j - 2] + 1);
			d[i][j] = v;
		}
	}
	return d[alen][blen];
}

/* How far key is from want when near (fl_field_typo's rule), else
 * SIZE_MAX. */
static size_t typo_near(const char *key, size_t len, const char *want)
{
	size_t wlen = strlen(want);
	size_t limit = wlen <= 3 ? 1 : 2;
	/* The length alone rules most keys out, and long ones always. */
	if (key == NULL || len > TYPO_MAX || wlen > TYPO_MAX ||
	    (len > wlen ? len - wlen : wlen - len) > limit)
		return SIZE_MAX;
	size_t dist = typo_distance(key, len, want, wlen);
	return dist <= limit ? dist : SIZE_MAX;
}

const fl_node *fl_field_typo(const fl_node *m, const char *want,
                             const char *const *known)
{
	if (m == NULL || m->kind != FL_NODE_MAP)
		return NULL;
	const fl_node *best = NULL;
	size_t best_d = SIZE_MAX;
	for (const fl_node *e = m->first; e != NULL; e = e->next) {
		size_t dist = typo_near(e->key, e->key_len, want);
		if (dist < best_d && fl_field_key_index(e, known) < 0) {
			best = e;
			best_d = dist;
		}
	}
	return best;
}

const char *fl_field_typo_of(const fl_node *e, const fl_node *m,
                             const char *const *known)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; known[i] != NULL; i++) {
		size_t dist = typo_near(e->key, e->key_len, known[i]);
		if (dist < best_d && fl_node_get(m, known[i]) == NULL) {
			best = known[i];
			best_d = dist;
		}
	}
	return best;
}

void fl_field_sort_by_position(fl_diags *d, size_t first)
{
	for (size_t i = first + 1; i < d->count; i++) {
		fl_diag g = d->items[i];
		size_t k = i;
		while (k > first && (d->items[k - 1].line > g.line ||
		                     (d->items[k - 1].line == g.line &&
		                      d->items[k - 1].column > g.column))) {
			d->items[k] = d->items[k - 1];
			k--;
		}
		d->items[k] = g;
	}
}

void fl_field_duplicate_key(fl_load_ctx *ctx, const fl_node *dup,
                            unsigned long line, unsigned long col,
                            const char *path)
{
	fl_buf k;
	fl_buf_init(&k);
	fl_field_quote(&k, dup->key, dup->key_len);
	fl_load_error(ctx, line, col, path, "duplicate key %s",
	              k.oom ? "?" : k.buf);
	if (k.oom)
		ctx->nomem = true;
	fl_buf_release(&k);
}
