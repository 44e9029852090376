/*
 * schema.c - the field rules of a portfolio, shared by every loader.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "load/load.h"
#include "util/number.h"
#include "model/portfolio_int.h"

/* Values quoted in messages are cut to this many bytes. */
#define FL_QUOTE_MAX 40

void fl_load_error(fl_load_ctx *ctx, unsigned long line, unsigned long col,
                   const char *path, const char *fmt, ...)
{
	fl_buf msg;
	fl_buf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	fl_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ctx->fatal++;
	if (msg.oom || fl_diags_add(ctx->diags, FL_SEV_ERROR, line, col, path,
	                            "%s", msg.buf) != FL_OK)
		ctx->nomem = true;
	fl_buf_release(&msg);
}

/* Append s as a double-quoted, escaped, possibly shortened string. */
static void add_quoted(fl_buf *b, const char *s, size_t len)
{
	fl_buf_addc(b, '"');
	size_t n = len > FL_QUOTE_MAX ? FL_QUOTE_MAX : len;
	/* Do not cut a UTF-8 sequence in half. */
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fl_buf_adds(b, "\\\""); break;
		case '\\': fl_buf_adds(b, "\\\\"); break;
		case '\n': fl_buf_adds(b, "\\n"); break;
		case '\t': fl_buf_adds(b, "\\t"); break;
		case '\r': fl_buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fl_buf_addf(b, "\\x%02x", c);
			else
				fl_buf_addc(b, (char)c);
		}
	}
	if (n < len)
		fl_buf_adds(b, "...");
	fl_buf_addc(b, '"');
}

/* The state of one customer while its fields are checked. */
struct cust {
	fl_load_ctx *ctx;
	fl_buf path;          /* "customers[3]" */
	size_t path_base;     /* length of that prefix */
	const char *id;       /* for messages; NULL until known */
	size_t id_len;
	size_t errors;
	size_t diag_first;    /* its first message in ctx->diags */
};

static void path_key(struct cust *c, const char *key)
{
	c->path.len = c->path_base;
	c->path.buf[c->path.len] = '\0';
	if (key != NULL) {
		fl_buf_addc(&c->path, '.');
		fl_buf_adds(&c->path, key);
	}
}

static void cust_verror(struct cust *c, unsigned long line,
                        unsigned long column, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 0)))
#endif
	;

static void cust_verror(struct cust *c, unsigned long line,
                        unsigned long column, const char *fmt, va_list ap)
{
	fl_buf msg;
	fl_buf_init(&msg);
	if (c->id != NULL) {
		fl_buf_adds(&msg, "customer ");
		add_quoted(&msg, c->id, c->id_len);
		fl_buf_adds(&msg, ": ");
	}
	fl_buf_vaddf(&msg, fmt, ap);
	c->errors++;
	if (msg.oom || c->path.oom ||
	    fl_diags_add(c->ctx->diags, FL_SEV_ERROR,
	                 line ? line : c->ctx->line, column,
	                 c->path.buf, "%s", msg.buf) != FL_OK)
		c->ctx->nomem = true;
	fl_buf_release(&msg);
}

static void cust_error(struct cust *c, const fl_node *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* An error about the value at `at`. */
static void cust_error(struct cust *c, const fl_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cust_verror(c, at->line, at->column, fmt, ap);
	va_end(ap);
}

static void key_error(struct cust *c, const fl_node *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* An error about the key of entry `e` (unknown, repeated): at the key
 * where the loader knows it (YAML), else where the value is. */
static void key_error(struct cust *c, const fl_node *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (e->key_line != 0)
		cust_verror(c, e->key_line, e->key_column, fmt, ap);
	else
		cust_verror(c, e->line, e->column, fmt, ap);
	va_end(ap);
}

static const char *kind_name(const fl_node *n)
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

static bool is_null(const fl_node *n)
{
	if (n->kind != FL_NODE_SCALAR)
		return false;
	return n->scalar == FL_SCALAR_NULL ||
	       (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_null(n->text, n->len));
}

/* Describe a value that was not what a field wanted: "found ...".  A
 * number is shown as written, without quotes, so that "found -5" and
 * "found \"-5\"" (a quoted string) can be told apart. */
static void describe(fl_buf *b, const fl_node *n)
{
	if (n->kind == FL_NODE_SCALAR && n->scalar == FL_SCALAR_OVERFLOW) {
		fl_buf_adds(b, "a number too large for a double");
		return;
	}
	if (n->kind != FL_NODE_SCALAR || n->scalar == FL_SCALAR_NULL ||
	    n->scalar == FL_SCALAR_BOOL) {
		fl_buf_adds(b, kind_name(n));
		if (n->scalar == FL_SCALAR_BOOL && n->kind == FL_NODE_SCALAR)
			fl_buf_addf(b, " (%s)", n->text);
		return;
	}
	if (n->len == 0) {
		fl_buf_adds(b, "an empty value");
		return;
	}
	if (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_null(n->text, n->len)) {
		fl_buf_adds(b, "null (");
		fl_buf_add(b, n->text, n->len);
		fl_buf_adds(b, ")");
		return;
	}
	if (n->scalar == FL_SCALAR_PLAIN && fl_plain_is_bool(n->text, n->len)) {
		fl_buf_adds(b, "a boolean (");
		fl_buf_add(b, n->text, n->len);
		fl_buf_adds(b, ")");
		return;
	}
	double v;
	if ((n->scalar == FL_SCALAR_PLAIN || n->scalar == FL_SCALAR_NUMBER) &&
	    n->len <= FL_QUOTE_MAX &&
	    fl_num_parse(n->text, n->len, &v) != FL_NUM_SYNTAX) {
		fl_buf_add(b, n->text, n->len);
		return;
	}
	add_quoted(b, n->text, n->len);
}

/* "expected EXPECTED, found <what n is>", at n. */
static void expected_found(struct cust *c, const fl_node *n,
                           const char *expected)
{
	fl_buf f;
	fl_buf_init(&f);
	describe(&f, n);
	cust_error(c, n, "expected %s, found %s", expected, f.buf);
	fl_buf_release(&f);
}

enum num_rule { NUM_NONNEG, NUM_WHOLE };

/*
 * The largest whole number accepted: 2^53 - 1, the last one whose
 * neighbours a double also holds.  2^53 is exact, but 2^53 + 1 rounds to
 * it, so past 2^53 - 1 the number read may not be the number written.
 */
#define FL_MAX_WHOLE 9007199254740991.0
/* From 2^52 on, doubles are 1 or more apart: 2^52 + 0.5 reads as a whole
 * double, so there the text decides whether a number is whole. */
#define FL_MIN_INEXACT_FRACTION 4503599627370496.0

/*
 * Is the decimal number s[0..len) (fl_num_parse's syntax) a whole number as
 * written?  Only asked near 2^53, where its double can no longer tell.
 */
static bool text_is_whole(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	size_t int_start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t int_end = i, frac_start = i, frac_end = i;
	if (i < len && s[i] == '.') {
		frac_start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		frac_end = i;
	}
	/* The exponent moves the decimal point: digits that end up after
	 * it must all be zero.  It stops growing once past len, which cannot
	 * change the answer: the point is then beyond every digit. */
	long exp = 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool neg = i < len && s[i] == '-';
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (exp <= (long)len)
				exp = exp * 10 + (s[i] - '0');
		}
		if (neg)
			exp = -exp;
	}
	/* Digit k of int digits then fraction digits (0-based) stands before
	 * the point when k < int digits + exp. */
	long point = (long)(int_end - int_start) + exp;
	long k = 0;
	for (size_t p = int_start; p < int_end; p++, k++) {
		if (k >= point && s[p] != '0')
			return false;
	}
	for (size_t p = frac_start; p < frac_end; p++, k++) {
		if (k >= point && s[p] != '0')
			return false;
	}
	return true;
}

static bool get_number(struct cust *c, const fl_node *n, enum num_rule rule,
                       double *out)
{
	const char *want = rule == NUM_WHOLE ? "a whole number >= 0"
	                                     : "a number >= 0";
	if (n->kind == FL_NODE_SCALAR && n->scalar == FL_SCALAR_OVERFLOW) {
		cust_error(c, n, "number out of range: expected %s that fits a "
		           "double, found a number too large for a double", want);
		return false;
	}
	bool textual = n->kind == FL_NODE_SCALAR &&
	               (n->scalar == FL_SCALAR_PLAIN ||
	                n->scalar == FL_SCALAR_STRING ||
	                n->scalar == FL_SCALAR_NUMBER);
	double v = 0;
	fl_num_status st = textual ? fl_num_parse(n->text, n->len, &v)
	                           : FL_NUM_SYNTAX;
	if (st == FL_NUM_RANGE) {
		fl_buf f;
		fl_buf_init(&f);
		describe(&f, n);
		cust_error(c, n, "number out of range: expected %s that fits a "
		           "double, found %s", want, f.buf);
		fl_buf_release(&f);
		return false;
	}
	/* Whole as written, not as rounded: 9007199254740993 and
	 * 4503599627370496.5 both read as whole doubles. */
	bool whole = rule == NUM_WHOLE && v == floor(v) &&
	             (v < FL_MIN_INEXACT_FRACTION || !textual ||
	              text_is_whole(n->text, n->len));
	if (st == FL_NUM_OK && whole && v > FL_MAX_WHOLE) {
		fl_buf f;
		fl_buf_init(&f);
		describe(&f, n);
		cust_error(c, n, "number out of range: expected %s up to "
		           "9007199254740991 (2^53 - 1), found %s", want, f.buf);
		fl_buf_release(&f);
		return false;
	}
	if (st != FL_NUM_OK || v < 0 || (rule == NUM_WHOLE && !whole)) {
		fl_buf f;
		fl_buf_init(&f);
		describe(&f, n);
		cust_error(c, n, "expected %s, found %s", want, f.buf);
		fl_buf_release(&f);
		return false;
	}
	*out = v;
	return true;
}

/*
 * A text field: any scalar; null means absent (*out stays NULL).  Returns
 * false after reporting an error.
 */
static bool get_text(struct cust *c, const fl_node *n, const char **out,
                     size_t *len)
{
	*out = NULL;
	*len = 0;
	if (n == NULL || is_null(n))
		return true;
	if (n->kind != FL_NODE_SCALAR) {
		cust_error(c, n, "expected text, found %s", kind_name(n));
		return false;
	}
	size_t bad;
	if (!fl_utf8_valid(n->text, n->len, &bad)) {
		cust_error(c, n, "invalid UTF-8 at byte %zu of the text", bad + 1);
		return false;
	}
	if (memchr(n->text, '\0', n->len) != NULL) {
		cust_error(c, n, "text contains a NUL character");
		return false;
	}
	*out = n->text;
	*len = n->len;
	return true;
}

static const char *const customer_keys[] = {
	"id", "name", "segment", "revenue", "cost", "orders", "level", "reason",
};
static const char *const order_keys[] = { "value", "cost", "date" };

static bool known_key(const fl_node *e, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(keys[i]) == e->key_len &&
		    memcmp(keys[i], e->key, e->key_len) == 0)
			return true;
	}
	return false;
}

static void check_unknown(struct cust *c, const fl_node *m,
                          const char *const *keys, size_t nkeys,
                          const char *allowed)
{
	if (!c->ctx->opts->strict)
		return;
	for (const fl_node *e = m->first; e != NULL; e = e->next) {
		if (known_key(e, keys, nkeys))
			continue;
		fl_buf k;
		fl_buf_init(&k);
		add_quoted(&k, e->key, e->key_len);
		key_error(c, e, "unknown key %s (--strict allows %s)", k.buf,
		          allowed);
		fl_buf_release(&k);
	}
}

/* Report the first duplicate key of every mapping in the tree at n; the
 * path names the mapping (customers[0].orders[1]), which c->path holds on
 * entry and holds again on return. */
static void check_duplicates(struct cust *c, const fl_node *n)
{
	if (n->kind == FL_NODE_SCALAR)
		return;
	if (n->kind == FL_NODE_MAP) {
		bool oom;
		const fl_node *dup = fl_node_find_duplicate(n, &oom);
		if (oom)
			c->ctx->nomem = true;
		if (dup != NULL) {
			fl_buf k;
			fl_buf_init(&k);
			add_quoted(&k, dup->key, dup->key_len);
			key_error(c, dup, "duplicate key %s", k.buf);
			fl_buf_release(&k);
		}
	}
	size_t len = c->path.len, i = 0;
	for (const fl_node *e = n->first; e != NULL; e = e->next, i++) {
		if (e->kind == FL_NODE_SCALAR)
			continue;
		if (n->kind == FL_NODE_MAP) {
			fl_buf_addc(&c->path, '.');
			fl_buf_add(&c->path, e->key, e->key_len);
		} else {
			fl_buf_addc(&c->path, '[');
			fl_buf_add_uint(&c->path, i);
			fl_buf_addc(&c->path, ']');
		}
		check_duplicates(c, e);
		if (!c->path.oom) {
			c->path.len = len;
			c->path.buf[len] = '\0';
		}
	}
}

/* Sum an order list into revenue and cost, in input order. */
static bool sum_orders(struct cust *c, const fl_node *list, double *rev,
                       double *cost)
{
	bool ok = true;
	size_t i = 0;
	double r = 0, k = 0;
	for (const fl_node *o = list->first; o != NULL; o = o->next, i++) {
		c->path.len = c->path_base;
		fl_buf_add(&c->path, ".orders[", 8);
		fl_buf_add_uint(&c->path, i);
		fl_buf_addc(&c->path, ']');
		size_t base = c->path.len;
		if (o->kind != FL_NODE_MAP) {
			expected_found(c, o, "an order mapping {value, cost, date}");
			ok = false;
			continue;
		}
		check_unknown(c, o, order_keys, 3, "value, cost, date");
		double v = 0, oc = 0;
		const fl_node *n = fl_node_get(o, "value");
		fl_buf_adds(&c->path, ".value");
		if (n == NULL) {
			cust_error(c, o, "order without value: expected a number "
			           ">= 0");
			ok = false;
		} else if (!get_number(c, n, NUM_NONNEG, &v)) {
			ok = false;
		}
		c->path.len = base;
		fl_buf_adds(&c->path, ".cost");
		n = fl_node_get(o, "cost");
		if (n == NULL) {
			cust_error(c, o, "order without cost: expected a number "
			           ">= 0");
			ok = false;
		} else if (!get_number(c, n, NUM_NONNEG, &oc)) {
			ok = false;
		}
		c->path.len = base;
		fl_buf_adds(&c->path, ".date");
		const char *date;
		size_t dlen;
		if (!get_text(c, fl_node_get(o, "date"), &date, &dlen))
			ok = false;
		r += v;
		k += oc;
	}
	path_key(c, "orders");
	if (ok && (!isfinite(r) || !isfinite(k))) {
		cust_error(c, list, "the sum of the orders overflows a double");
		ok = false;
	}
	*rev = r;
	*cost = k;
	return ok;
}

/*
 * Put the messages about one customer, from diags->items[first] on, in
 * the order of their place in the file: the fields are checked in a fixed
 * order (id first), not in the order the file has them.  A stable insertion
 * sort: a customer has few messages, and JSON ones (no line) keep theirs.
 */
static void sort_by_position(fl_diags *d, size_t first)
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

/*
 * "duplicate id" at the id of c, naming the first customer with the id: by
 * its line in YAML, by its index in JSON.
 */
static void dup_error(struct cust *c, const fl_node *idn, uint32_t line,
                      uint32_t index)
{
	fl_load_ctx *ctx = c->ctx;
	fl_diags *d = ctx->diags;
	size_t at = d->count;
	fl_buf q;
	fl_buf_init(&q);
	add_quoted(&q, c->id, c->id_len);
	if (q.oom)
		ctx->nomem = true;
	c->id = NULL;  /* the message names it already */
	path_key(c, "id");
	if (ctx->json)
		cust_error(c, idn, "duplicate id %s (first at customers[%zu])",
		           q.buf, (size_t)index);
	else
		cust_error(c, idn, "duplicate id %s (first at line %lu)", q.buf,
		           (unsigned long)line);
	fl_buf_release(&q);
	/* JSON messages have no line for sort_by_position: they stay in the
	 * order of the checks, id first.  A duplicate is only looked for at
	 * the end, once the customer is known valid or not, so its message
	 * moves to the front of the customer's. */
	if (ctx->json && d->count > at && at > c->diag_first) {
		fl_diag g = d->items[at];
		memmove(&d->items[c->diag_first + 1], &d->items[c->diag_first],
		        (at - c->diag_first) * sizeof(g));
		d->items[c->diag_first] = g;
	}
}

/*
 * The valid id of an invalid customer takes part in finding duplicates
 * too, so that every problem of a file is reported at once: two customers
 * A, either of them invalid, are a duplicate now, not once the other error
 * is fixed.  The first customer with an id has it in ctx->ids when valid,
 * else in ctx->bad_ids; later ones are in neither.
 */
static void check_invalid_id(struct cust *c, const fl_node *idn,
                             const fl_customer *cu)
{
	fl_load_ctx *ctx = c->ctx;
	size_t k;
	if (fl_idset_find(&ctx->ids, ctx->p, c->id, &k)) {
		const fl_customer *f = &ctx->p->customers[k];
		dup_error(c, idn, f->line, f->index);
		return;
	}
	uint32_t line, index;
	switch (fl_badids_add(&ctx->bad_ids, c->id, c->id_len, cu->line,
	                      cu->index, &line, &index)) {
	case FL_OK:
		break;
	case FL_ERR_INPUT:
		dup_error(c, idn, line, index);
		break;
	default:
		ctx->nomem = true;
		break;
	}
}

void fl_schema_customer(fl_load_ctx *ctx, const fl_node *node)
{
	struct cust c = { .ctx = ctx, .diag_first = ctx->diags->count };
	/* The path buffer is reused from customer to customer, and written
	 * without printf: this runs a million times. */
	c.path = ctx->path;
	fl_buf_reset(&c.path);
	fl_buf_add(&c.path, "customers[", 10);
	fl_buf_add_uint(&c.path, ctx->index);
	fl_buf_addc(&c.path, ']');
	c.path_base = c.path.len;
	ctx->index++;

	if (node->kind != FL_NODE_MAP) {
		expected_found(&c, node, "a customer mapping (id, revenue, "
		               "cost, ...)");
		goto out;
	}

	/* The id first, so that every later message can name the customer. */
	const fl_node *idn = fl_node_get(node, "id");
	path_key(&c, "id");
	if (idn == NULL) {
		path_key(&c, NULL);
		cust_error(&c, node, "missing id");
	} else if (idn->scalar == FL_SCALAR_BOOL ||
	           (idn->kind == FL_NODE_SCALAR &&
	            idn->scalar == FL_SCALAR_PLAIN &&
	            fl_plain_is_bool(idn->text, idn->len))) {
		/* A YAML plain true is a boolean, as JSON's true is: both
		 * formats refuse it alike, and `id: true` cannot collide with
		 * `id: "true"`. */
		fl_buf f;
		fl_buf_init(&f);
		describe(&f, idn);
		cust_error(&c, idn, "expected an id (text or a number), found %s; "
		           "quote it to use it as text", f.buf);
		fl_buf_release(&f);
	} else if (idn->kind != FL_NODE_SCALAR || is_null(idn)) {
		expected_found(&c, idn, "an id (text or a number)");
	} else if (idn->len == 0) {
		cust_error(&c, idn, "the id is empty");
	} else {
		const char *id;
		size_t len;
		if (get_text(&c, idn, &id, &len)) {
			c.id = id;
			c.id_len = len;
		}
	}

	path_key(&c, NULL);
	check_duplicates(&c, node);
	check_unknown(&c, node, customer_keys, 8,
	              "id, name, segment, revenue, cost, orders, level, reason");

	fl_customer cu;
	memset(&cu, 0, sizeof(cu));
	/* Four billion lines or customers is far past any real file; the
	 * position is only quoted in messages, so it saturates. */
	cu.line = node->line < UINT32_MAX ? (uint32_t)node->line : UINT32_MAX;
	cu.index = ctx->index - 1 < UINT32_MAX ? (uint32_t)(ctx->index - 1)
	                                       : UINT32_MAX;

	const char *name = NULL, *segment = NULL, *reason = NULL, *lvl = NULL;
	size_t name_len = 0, segment_len = 0, reason_len = 0, lvl_len = 0;
	path_key(&c, "name");
	get_text(&c, fl_node_get(node, "name"), &name, &name_len);
	path_key(&c, "segment");
	get_text(&c, fl_node_get(node, "segment"), &segment, &segment_len);
	path_key(&c, "reason");
	get_text(&c, fl_node_get(node, "reason"), &reason, &reason_len);
	path_key(&c, "level");
	const fl_node *ln = fl_node_get(node, "level");
	if (get_text(&c, ln, &lvl, &lvl_len) && lvl != NULL) {
		cu.pin = (unsigned char)fl_level_parse_n(lvl, lvl_len);
		if (cu.pin == FL_LEVEL_NONE) {
			fl_buf f;
			fl_buf_init(&f);
			add_quoted(&f, lvl, lvl_len);
			cust_error(&c, ln, "unknown level %s: expected basic, "
			           "reactive, accountable, proactive or "
			           "partnership", f.buf);
			fl_buf_release(&f);
		}
	}

	const fl_node *rev = fl_node_get(node, "revenue");
	const fl_node *cost = fl_node_get(node, "cost");
	const fl_node *ord = fl_node_get(node, "orders");
	if (ord != NULL && ord->kind == FL_NODE_SEQ) {
		cu.form = (unsigned char)FL_FORM_DETAILED;
		if (rev != NULL) {
			path_key(&c, "revenue");
			cust_error(&c, rev, "revenue together with an orders list "
			           "is ambiguous: give either revenue and cost, or "
			           "the list of orders");
		}
		if (cost != NULL) {
			path_key(&c, "cost");
			cust_error(&c, cost, "cost together with an orders list "
			           "is ambiguous: give either revenue and cost, or "
			           "the list of orders");
		}
		sum_orders(&c, ord, &cu.revenue, &cu.cost);
		cu.orders = ord->count;
	} else {
		cu.form = (unsigned char)FL_FORM_AGGREGATE;
		path_key(&c, "revenue");
		bool have_rev = false;
		if (rev == NULL) {
			/* orders: {value, cost} is a list gone wrong: that is
			 * the one mistake to report, not a missing revenue. */
			path_key(&c, NULL);
			if (ord == NULL || ord->kind != FL_NODE_MAP)
				cust_error(&c, node, "missing revenue (give revenue "
				           "and cost, or a list of orders)");
		} else {
			have_rev = get_number(&c, rev, NUM_NONNEG, &cu.revenue);
		}
		path_key(&c, "cost");
		if (cost == NULL) {
			if (rev != NULL) {
				path_key(&c, NULL);
				cust_error(&c, node, "missing cost (required with "
				           "revenue)");
			}
		} else {
			get_number(&c, cost, NUM_NONNEG, &cu.cost);
		}
		path_key(&c, "orders");
		cu.orders = 1;
		if (ord != NULL && !is_null(ord)) {
			double n = 0;
			if (ord->kind == FL_NODE_MAP) {
				cust_error(&c, ord, "expected a number of orders or "
				           "a list of orders, found a mapping (one "
				           "order is a list too: - {value, cost})");
			} else if (get_number(&c, ord, NUM_WHOLE, &n)) {
				cu.orders = (uint64_t)n;
				if (n == 0 && have_rev && cu.revenue != 0) {
					char r[FL_FIXED2_MAX];
					fl_fmt_fixed2(r, cu.revenue);
					cust_error(&c, ord, "orders is 0 but revenue is "
					           "%s: a customer without orders has "
					           "no revenue", r);
				}
			}
		}
	}

	if (c.errors == 0 && cu.revenue > 0) {
		/* 100 * M / R overflows when the cost dwarfs a tiny revenue, or
		 * when M itself is near the largest double. */
		double p = 100.0 * (cu.revenue - cu.cost) / cu.revenue;
		if (!isfinite(p)) {
			bool by_cost = cu.cost > cu.revenue;
			bool detailed = cu.form == FL_FORM_DETAILED;
			path_key(&c, detailed ? "orders" : by_cost ? "cost"
			                                           : "revenue");
			const fl_node *at = detailed ? ord : by_cost ? cost : rev;
			cust_error(&c, at != NULL ? at : node,
			           "the margin percent overflows a double: %s",
			           by_cost ? "cost is too large for the revenue"
			                   : "revenue is too large (at most about "
			                     "1e306)");
		}
	}
	if (c.path.oom)
		ctx->nomem = true;
	if (ctx->nomem)
		goto out;
	if (c.errors > 0) {
		if (c.id != NULL)
			check_invalid_id(&c, idn, &cu);
		goto out;
	}
	/* An earlier invalid customer may have the id: checked before the
	 * strings are copied, and only when there was one. */
	uint32_t bad_line, bad_index;
	if (ctx->bad_ids.count > 0 &&
	    fl_badids_find(&ctx->bad_ids, c.id, c.id_len, &bad_line,
	                   &bad_index)) {
		dup_error(&c, idn, bad_line, bad_index);
		goto out;
	}

	fl_arena *a = fl_portfolio_arena(ctx->p);
	cu.id = fl_arena_strndup(a, c.id, c.id_len);
	cu.name = name != NULL ? fl_arena_strndup(a, name, name_len) : cu.id;
	cu.segment = segment != NULL
	             ? fl_strpool_get(&ctx->segments, a, segment, segment_len) : "";
	cu.reason = reason != NULL ? fl_arena_strndup(a, reason, reason_len)
	                           : "";
	if (cu.id == NULL || cu.name == NULL || cu.segment == NULL ||
	    cu.reason == NULL) {
		ctx->nomem = true;
		goto out;
	}
	size_t first;
	switch (fl_idset_add(&ctx->ids, ctx->p, &cu, &first)) {
	case FL_OK:
		break;
	case FL_ERR_INPUT: {
		const fl_customer *f = &ctx->p->customers[first];
		dup_error(&c, idn, f->line, f->index);
		break;
	}
	default:
		ctx->nomem = true;
		break;
	}
out:
	sort_by_position(ctx->diags, c.diag_first);
	if (c.errors > 0)
		ctx->p->skipped++;
	ctx->path = c.path;
}

static void top_text(fl_load_ctx *ctx, const fl_node *e, const char **dst)
{
	if (e->kind == FL_NODE_SCALAR && !(e->scalar == FL_SCALAR_NULL ||
	    (e->scalar == FL_SCALAR_PLAIN && fl_plain_is_null(e->text, e->len)))) {
		size_t bad;
		if (!fl_utf8_valid(e->text, e->len, &bad) ||
		    memchr(e->text, '\0', e->len) != NULL) {
			fl_load_error(ctx, e->line, e->column, e->key,
			              "invalid UTF-8 or a NUL character in the text");
			return;
		}
		*dst = fl_arena_strndup(fl_portfolio_arena(ctx->p), e->text, e->len);
		if (*dst == NULL)
			ctx->nomem = true;
		return;
	}
	if (e->kind != FL_NODE_SCALAR)
		fl_load_error(ctx, e->line, e->column, e->key,
		              "expected text, found %s", kind_name(e));
}

void fl_schema_top(fl_load_ctx *ctx, const fl_node *e)
{
	static const char *const keys[] = { "portfolio", "currency", "period" };
	const char **dst[] = { &ctx->p->name, &ctx->p->currency,
	                       &ctx->p->period };
	for (size_t i = 0; i < 3; i++) {
		if (strlen(keys[i]) == e->key_len &&
		    memcmp(keys[i], e->key, e->key_len) == 0) {
			top_text(ctx, e, dst[i]);
			return;
		}
	}
	if (ctx->opts->strict) {
		/* At the key, as a duplicate top-level key is: by line and
		 * column in YAML, by path (the key) in JSON, which has no
		 * lines. */
		fl_buf k;
		fl_buf_init(&k);
		add_quoted(&k, e->key, e->key_len);
		bool at_key = e->key_line != 0;
		fl_load_error(ctx, at_key ? e->key_line : e->line,
		              at_key ? e->key_column : e->column,
		              ctx->json ? e->key : NULL,
		              "unknown key %s (--strict allows portfolio, "
		              "currency, period, customers)", k.buf);
		fl_buf_release(&k);
	}
}
