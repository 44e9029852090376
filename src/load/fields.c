/*
 * fields.c - typed field access over fl_node and the one error wrapper,
 * shared by the portfolio, policy and assign-output readers.
 */
#include "load/fields.h"

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
