/*
 * schema.c - the field rules of a portfolio, shared by every loader.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "load/fields.h"
#include "load/keys.h"
#include "load/order_days.h"
#include "util/number.h"
#include "model/columns.h"
#include "model/portfolio_int.h"

#include <focuslevel/economics.h>
#include <focuslevel/period.h>

/*
 * Where in a customer a message points: a chain of steps below
 * "customers[N]", each a key or an index in a sequence.  It is written out
 * only when a message needs it: building "customers[3].orders[1].value"
 * for every field of a million customers would cost more than checking
 * the fields.
 */
struct step {
	const struct step *up;
	const char *key;      /* NULL: an index */
	size_t key_len;
	size_t index;
};

/* The state of one customer while its fields are checked. */
struct cust {
	fl_load_ctx *ctx;
	size_t index;         /* customers[index] */
	const struct step *at;  /* the innermost step; NULL: the customer */
	struct step field;    /* the field being checked ("orders") */
	struct step order;    /* an order of the list ([1]) */
	struct step order_key;  /* a key of that order (".value") */
	const char *id;       /* for messages; NULL until known */
	size_t id_len;
	size_t errors;
	size_t diag_first;    /* its first message in ctx->diags */
};

static struct step key_step(const struct step *up, const char *key,
                            size_t len)
{
	return (struct step){ .up = up, .key = key, .key_len = len };
}

static struct step index_step(const struct step *up, size_t index)
{
	return (struct step){ .up = up, .index = index };
}

/* The path points at field `key` of the customer (NULL: the customer). */
static void path_key(struct cust *c, const char *key)
{
	c->field = key_step(NULL, key, key != NULL ? strlen(key) : 0);
	c->at = key != NULL ? &c->field : NULL;
}

static void add_steps(fl_buf *b, const struct step *s)
{
	if (s == NULL)
		return;
	add_steps(b, s->up);
	if (s->key != NULL) {
		fl_buf_addc(b, '.');
		fl_buf_add(b, s->key, s->key_len);
	} else {
		fl_buf_addc(b, '[');
		fl_buf_add_uint(b, s->index);
		fl_buf_addc(b, ']');
	}
}

/* Write the path out, into ctx->path (kept from message to message). */
static const char *path_of(struct cust *c)
{
	fl_buf *b = &c->ctx->path;
	fl_buf_reset(b);
	fl_buf_add(b, "customers[", 10);
	fl_buf_add_uint(b, c->index);
	fl_buf_addc(b, ']');
	add_steps(b, c->at);
	return b->buf;
}

static void cust_error_at(struct cust *c, unsigned long line,
                          unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* An error about this customer, at line:column, through the one error
 * wrapper; it names the customer once the id is known. */
static void cust_error_at(struct cust *c, unsigned long line,
                          unsigned long column, const char *fmt, ...)
{
	fl_buf who;
	fl_buf_init(&who);
	if (c->id != NULL) {
		fl_buf_adds(&who, "customer ");
		fl_field_quote(&who, c->id, c->id_len);
		fl_buf_adds(&who, ": ");
	}
	c->errors++;
	const char *path = path_of(c);
	if (who.oom || c->ctx->path.oom) {
		c->ctx->nomem = true;
	} else {
		va_list ap;
		va_start(ap, fmt);
		fl_load_verror(c->ctx, line ? line : c->ctx->line, column, path,
		               c->id != NULL ? who.buf : NULL, fmt, ap);
		va_end(ap);
	}
	fl_buf_release(&who);
}

/* An error about the value at `at`. */
#define cust_error(c, at, ...) \
	cust_error_at((c), (at)->line, (at)->column, __VA_ARGS__)

/* An error about the key of entry `e`: a duplicate, or (with the keys
 * --strict allows) an unknown key.  At the key where the loader knows it
 * (YAML), else where the value is. */
static void key_error(struct cust *c, const fl_node *e, const char *allowed)
{
	fl_buf k;
	fl_buf_init(&k);
	fl_field_quote(&k, e->key, e->key_len);
	unsigned long line, col;
	fl_field_key_at(e, &line, &col);
	if (allowed != NULL)
		cust_error_at(c, line, col, "unknown key %s (--strict allows %s)",
		              k.buf, allowed);
	else
		cust_error_at(c, line, col, "duplicate key %s", k.buf);
	fl_buf_release(&k);
}

/* "expected EXPECTED, found <what n is>", at n. */
static void expected_found(struct cust *c, const fl_node *n,
                           const char *expected)
{
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	cust_error(c, n, "expected %s, found %s", expected, f.buf);
	fl_buf_release(&f);
}

/*
 * A required key is missing from mapping m: when a key of m looks like a
 * misspelling of it (fl_field_typo), "HEAD: did you mean 'KEY'? (found
 * "TYPO")" at the misspelt key, and true; else nothing, and false.  HEAD
 * starts the message as it reads without a suggestion ("missing cost"),
 * for those who grep for it.
 */
static bool missing_typo(struct cust *c, const fl_node *m, const char *key,
                         const char *const *known, const char *head)
{
	const fl_node *t = fl_field_typo(m, key, known);
	if (t == NULL)
		return false;
	fl_buf q;
	fl_buf_init(&q);
	fl_field_quote(&q, t->key, t->key_len);
	unsigned long line, col;
	fl_field_key_at(t, &line, &col);
	cust_error_at(c, line, col, "%s: did you mean '%s'? (found %s)", head,
	              key, q.buf);
	fl_buf_release(&q);
	return true;
}

enum num_rule { NUM_NONNEG, NUM_WHOLE };

/*
 * The largest whole number accepted: 2^53 - 1, the last one whose
 * neighbours a double also holds.  2^53 is exact, but 2^53 + 1 rounds to
 * it, so past 2^53 - 1 the number read may not be the number written.
 */
#define FL_MAX_WHOLE 9007199254740991.0
/*
 * Is the decimal number s[0..len) (fl_number_parse's syntax) a whole number as
 * written?  Its double cannot tell: 2.9999999999999999999 and 2^52 + 0.5
 * round to whole doubles, and 1e-400 to 0.  The written digits decide:
 * once the exponent has moved the point, every digit after it is 0.
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
	double v = 0;
	fl_num_status st = fl_field_number(n, &v);
	/* Whole as written, not as rounded: 2.9999999999999999999 and
	 * 4503599627370496.5 read as whole doubles, 1e-400 as 0. */
	bool whole = rule == NUM_WHOLE && st == FL_NUM_OK && v == floor(v) &&
	             text_is_whole(n->text, n->len);
	const char *range;
	if (st == FL_NUM_RANGE)
		range = " that fits a double";
	else if (whole && v > FL_MAX_WHOLE)
		range = " up to 9007199254740991 (2^53 - 1)";
	else if (st != FL_NUM_OK || v < 0 || (rule == NUM_WHOLE && !whole))
		range = NULL;
	else {
		*out = v;
		return true;
	}
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	cust_error(c, n, "%sexpected %s%s, found %s",
	           range != NULL ? "number out of range: " : "",
	           rule == NUM_WHOLE ? "a whole number >= 0" : "a number >= 0",
	           range != NULL ? range : "", f.buf);
	fl_buf_release(&f);
	return false;
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
	if (n == NULL)
		return true;
	size_t bad;
	switch (fl_field_text(n, &bad)) {
	case FL_TEXT_OK:
		*out = n->text;
		*len = n->len;
		return true;
	case FL_TEXT_NULL:
		return true;
	case FL_TEXT_NOT_SCALAR:
		cust_error(c, n, "expected text, found %s", fl_field_kind(n));
		break;
	case FL_TEXT_BAD_UTF8:
		cust_error(c, n, "invalid UTF-8 at byte %zu of the text", bad + 1);
		break;
	case FL_TEXT_NUL:
		cust_error(c, n, "text contains a NUL character");
		break;
	}
	return false;
}

/* The keys read are those the loaders keep (keys.h): one list. */
#define customer_keys fl_load_customer_keys
#define order_keys fl_load_order_keys

static void check_unknown(struct cust *c, const fl_node *m,
                          const char *const *keys, const char *allowed)
{
	if (!c->ctx->opts->strict)
		return;
	for (const fl_node *e = m->first; e != NULL; e = e->next) {
		if (fl_field_key_index(e, keys) < 0)
			key_error(c, e, allowed);
	}
}

/* Report the first duplicate key of every mapping in the tree at n; the
 * path names the mapping (customers[0].orders[1]), which c->at holds on
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
		if (dup != NULL)
			key_error(c, dup, NULL);
	}
	const struct step *up = c->at;
	size_t i = 0;
	for (const fl_node *e = n->first; e != NULL; e = e->next, i++) {
		if (e->kind == FL_NODE_SCALAR)
			continue;
		struct step s = n->kind == FL_NODE_MAP
		                ? key_step(up, e->key, e->key_len)
		                : index_step(up, i);
		c->at = &s;
		check_duplicates(c, e);
	}
	c->at = up;
}

/* The path points at key `key` of the current order. */
static void path_order_key(struct cust *c, const char *key)
{
	c->order_key = key_step(&c->order, key, strlen(key));
	c->at = &c->order_key;
}

/* The number of order o at `dotted`, the key after a dot (".value"),
 * which an order must have.  False after reporting an error. */
static bool order_number(struct cust *c, const fl_node *o, const char *dotted,
                         double *out)
{
	path_order_key(c, dotted + 1);
	const fl_node *n = fl_node_get(o, dotted + 1);
	if (n == NULL) {
		char head[32];
		snprintf(head, sizeof(head), "order without %s", dotted + 1);
		if (!missing_typo(c, o, dotted + 1, order_keys, head))
			cust_error(c, o, "%s: expected a number >= 0", head);
		return false;
	}
	return get_number(c, n, NUM_NONNEG, out);
}

/* The fields of a customer mapping that schema.c reads, found in one pass
 * over its entries (the first of a repeated key, as fl_node_get finds
 * it; the repeat is reported by check_duplicates). */
struct fields {
	const fl_node *id, *name, *segment, *reason, *level, *current,
	              *revenue, *cost, *orders, *service_cost, *activities,
	              *first_order, *last_order, *potential;
};

/* The form every date message names. */
#define DATE_FORM "a date YYYY-MM-DD (a time may follow after T or a " \
                  "space: 2026-07-01T09:30)"

/* The error about a date at n that fl_date_parse refused with st. */
static void date_error(struct cust *c, const fl_node *n, fl_date_status st)
{
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	if (st == FL_DATE_INVALID)
		cust_error(c, n, "expected a date YYYY-MM-DD, found %s: no such "
		           "day", f.buf);
	else
		cust_error(c, n, "expected " DATE_FORM ", found %s", f.buf);
	fl_buf_release(&f);
}

/* The date of text[0..len) at n, as days since 1970-01-01, into *day;
 * false after an error. */
static bool get_date(struct cust *c, const fl_node *n, const char *text,
                     size_t len, int32_t *day)
{
	fl_date d;
	fl_date_status st = fl_date_parse(text, len, &d);
	if (st != FL_DATE_OK) {
		date_error(c, n, st);
		return false;
	}
	*day = (int32_t)fl_date_days(d);
	return true;
}

/* A date field of the customer (first_order, last_order) at n: *day
 * stays FL_DAY_NONE when absent or null.  False after an error. */
static bool get_date_field(struct cust *c, const fl_node *n, int32_t *day)
{
	const char *text;
	size_t len;
	*day = FL_DAY_NONE;
	if (!get_text(c, n, &text, &len))
		return false;
	return text == NULL || get_date(c, n, text, len, day);
}

/*
 * A date as a number that sorts as the date does, (year, month, day) in
 * bits: cheaper than its day count, which only the first and the last
 * order need.
 */
static inline int32_t date_key(fl_date d)
{
	return (int32_t)((d.year << 9) | (d.month << 5) | d.day);
}

static int32_t key_days(int32_t k)
{
	fl_date d = { k >> 9, (k >> 5) & 15, k & 31 };
	return (int32_t)fl_date_days(d);
}

/*
 * An order's `credit` (a credit note or a return, docs/model.md, "Order
 * lines"): true or false at n (NULL: false), into *out.  False after an
 * error.
 */
static bool get_credit(struct cust *c, const fl_node *n, bool *out)
{
	*out = false;
	if (n == NULL || fl_field_is_null(n))
		return true;
	if (n->kind == FL_NODE_SCALAR &&
	    (n->scalar == FL_SCALAR_BOOL || n->scalar == FL_SCALAR_PLAIN) &&
	    (n->len == 4 || n->len == 5) && fl_plain_is_bool(n->text, n->len)) {
		*out = n->len == 4;
		return true;
	}
	expected_found(c, n, "true or false");
	return false;
}

/* A credit note's value: a number <= 0. */
static bool credit_value(struct cust *c, const fl_node *o, double *out)
{
	path_order_key(c, "value");
	const fl_node *n = fl_node_get(o, "value");
	if (n == NULL) {
		cust_error(c, o, "credit note without value: expected a number "
		           "<= 0");
		return false;
	}
	double v = 0;
	fl_num_status st = fl_field_number(n, &v);
	if (st == FL_NUM_OK && v <= 0) {
		*out = v;
		return true;
	}
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	cust_error(c, n, "%sexpected a number <= 0 (the order is a credit "
	           "note), found %s",
	           st == FL_NUM_RANGE ? "number out of range: " : "", f.buf);
	fl_buf_release(&f);
	return false;
}

/* A credit note's cost: a number of any sign (a return may give back
 * more cost than it takes revenue, or none). */
static bool credit_cost(struct cust *c, const fl_node *o, double *out)
{
	path_order_key(c, "cost");
	const fl_node *n = fl_node_get(o, "cost");
	if (n == NULL) {
		cust_error(c, o, "credit note without cost: expected a number");
		return false;
	}
	fl_num_status st = fl_field_number(n, out);
	if (st == FL_NUM_OK)
		return true;
	fl_buf f;
	fl_buf_init(&f);
	fl_field_describe(&f, n);
	cust_error(c, n, "%sexpected a number%s, found %s",
	           st == FL_NUM_RANGE ? "number out of range: " : "",
	           st == FL_NUM_RANGE ? " that fits a double" : "", f.buf);
	fl_buf_release(&f);
	return false;
}

/* Sum an order list into revenue and cost, in input order, and take
 * its dates.  A credit note (credit: true) adds its value and cost but
 * is not one of the orders counted and has no transaction day. */
static bool sum_orders(struct cust *c, const fl_node *list, fl_customer *cu)
{
	bool ok = true;
	size_t i = 0;
	double r = 0, k = 0;
	fl_order_days od;
	fl_order_days_init(&od);
	size_t undated = 0, undated_at = 0, credits = 0;
	for (const fl_node *o = list->first; o != NULL; o = o->next, i++) {
		path_key(c, "orders");
		c->order = index_step(&c->field, i);
		c->at = &c->order;
		if (o->kind != FL_NODE_MAP) {
			expected_found(c, o, "an order mapping {value, cost, date}");
			ok = false;
			continue;
		}
		check_unknown(c, o, order_keys, "value, cost, date, credit");
		bool credit = false;
		const fl_node *cn = fl_node_get(o, "credit");
		if (cn != NULL) {
			path_order_key(c, "credit");
			if (!get_credit(c, cn, &credit))
				ok = false;
		}
		credits += credit;
		double v = 0, oc = 0;
		if (credit ? !credit_value(c, o, &v)
		           : !order_number(c, o, ".value", &v))
			ok = false;
		if (credit ? !credit_cost(c, o, &oc)
		           : !order_number(c, o, ".cost", &oc))
			ok = false;
		path_order_key(c, "date");
		const fl_node *dn = fl_node_get(o, "date");
		const char *date;
		size_t dlen;
		fl_date d;
		fl_date_status st;
		bool dated = false;
		if (dn != NULL && dn->kind == FL_NODE_SCALAR && dn->len == 10 &&
		    fl_date_parse(dn->text, 10, &d) == FL_DATE_OK) {
			/* The usual date: ten ASCII bytes, so valid text
			 * without get_text's checks. */
			dated = true;
		} else if (!get_text(c, dn, &date, &dlen)) {
			ok = false;
		} else if (date == NULL) {
			if (!credit && undated++ == 0)
				undated_at = i;
		} else if ((st = fl_date_parse(date, dlen, &d)) != FL_DATE_OK) {
			date_error(c, dn, st);
			ok = false;
		} else {
			dated = true;
		}
		/* A credit note's date is checked, not used. */
		if (dated && !credit &&
		    !fl_order_days_add(&od, c->ctx->scratch, list->count,
		                       date_key(d), v)) {
			c->ctx->nomem = true;
			return false;
		}
		r += v;
		k += oc;
	}
	path_key(c, "orders");
	if (od.n > 0 && undated > 0) {
		/* Transactions need every order's day. */
		c->order = index_step(&c->field, undated_at);
		c->at = &c->order;
		const fl_node *o = list->first;
		for (size_t j = 0; j < undated_at; j++)
			o = o->next;
		cust_error(c, o, "order without date, but %zu other order%s of "
		           "the customer ha%s one: give every order its date, or "
		           "none", od.n, od.n == 1 ? "" : "s",
		           od.n == 1 ? "s" : "ve");
		path_key(c, "orders");
		ok = false;
	}
	if (ok && (!isfinite(r) || !isfinite(k))) {
		cust_error(c, list, "the sum of the orders overflows a double");
		ok = false;
	}
	cu->revenue = r;
	cu->cost = k;
	cu->orders = list->count - credits;
	if (ok && (r < 0 || k < 0)) {
		char a[FL_MONEY_MAX];
		fl_fmt_money(a, r < 0 ? r : k);
		cust_error(c, list, "the %s of the orders is %s, below 0: the "
		           "credit notes take more than the orders gave",
		           r < 0 ? "revenue" : "cost", a);
		ok = false;
	}
	if (ok && od.n > 0) {
		int32_t first, last;
		fl_order_days_finish(&od, &first, &last, &cu->repeat, &cu->mbar);
		cu->first_day = key_days(first);
		cu->last_day = key_days(last);
	}
	return ok;
}

/*
 * The aggregate form's first_order and last_order: both or neither, the
 * first not after the last, and at least one order (one order has one
 * day).  x = orders - 1 and mbar = R / n (docs/model.md, "Loyalty
 * figures").
 */
static void aggregate_dates(struct cust *c, const struct fields *fs,
                            const fl_node *node, fl_customer *cu,
                            bool orders_ok)
{
	int32_t first, last;
	if (fs->first_order == NULL && fs->last_order == NULL)
		return;
	path_key(c, "first_order");
	bool ok = get_date_field(c, fs->first_order, &first);
	path_key(c, "last_order");
	ok = get_date_field(c, fs->last_order, &last) && ok;
	if (!ok || (first == FL_DAY_NONE && last == FL_DAY_NONE))
		return;
	char a[FL_DATE_MAX], b[FL_DATE_MAX];
	if (first == FL_DAY_NONE || last == FL_DAY_NONE) {
		bool has_first = first != FL_DAY_NONE;
		path_key(c, has_first ? "first_order" : "last_order");
		cust_error(c, has_first ? fs->first_order : fs->last_order,
		           "%s without %s: give both, or neither",
		           has_first ? "first_order" : "last_order",
		           has_first ? "last_order" : "first_order");
		return;
	}
	if (!orders_ok)
		return;
	fl_date_format(a, fl_date_of_days(first));
	fl_date_format(b, fl_date_of_days(last));
	if (first > last) {
		path_key(c, "last_order");
		cust_error(c, fs->last_order, "last_order %s is before "
		           "first_order %s", b, a);
		return;
	}
	if (cu->orders == 0) {
		path_key(c, "orders");
		cust_error(c, fs->orders != NULL ? fs->orders : node,
		           "orders is 0 but first_order and last_order are "
		           "given: a customer without orders has no order dates");
		return;
	}
	if (cu->orders == 1 && first != last) {
		path_key(c, "last_order");
		cust_error(c, fs->last_order, "first_order %s and last_order %s "
		           "differ, but the customer has 1 order (give orders, "
		           "the number of orders)", a, b);
		return;
	}
	cu->first_day = first;
	cu->last_day = last;
	cu->mbar = cu->revenue / (double)cu->orders;
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
	fl_field_quote(&q, c->id, c->id_len);
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
	if (fl_portfolio_find(ctx->p, c->id, c->id_len, &k)) {
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


static void find_fields(const fl_node *m, struct fields *f)
{
	memset(f, 0, sizeof(*f));
	for (const fl_node *e = m->first; e != NULL; e = e->next) {
		const char *k = e->key;
		const fl_node **slot = NULL;
#define IS(w) (memcmp(k, w, sizeof(w) - 1) == 0)
		switch (e->key_len) {
		case 2: slot = IS("id") ? &f->id : NULL; break;
		case 4: slot = IS("name") ? &f->name : IS("cost") ? &f->cost
		                                                  : NULL; break;
		case 5: slot = IS("level") ? &f->level : NULL; break;
		case 6: slot = IS("orders") ? &f->orders : IS("reason")
		               ? &f->reason : NULL; break;
		case 7: slot = IS("segment") ? &f->segment : IS("revenue")
		               ? &f->revenue : NULL; break;
		case 9: slot = IS("potential") ? &f->potential : NULL; break;
		case 10: slot = IS("activities") ? &f->activities
		               : IS("last_order") ? &f->last_order : NULL; break;
		case 11: slot = IS("first_order") ? &f->first_order : NULL;
		         break;
		case 12: slot = IS("service_cost") ? &f->service_cost : NULL;
		         break;
		case 13: slot = IS("current_level") ? &f->current : NULL; break;
		default: break;
		}
#undef IS
		if (slot != NULL && *slot == NULL)
			*slot = e;
	}
}

/* A level name at n, into *out (FL_LEVEL_NONE when absent).  False
 * after an error. */
static bool get_level(struct cust *c, const fl_node *n, unsigned char *out)
{
	const char *lvl;
	size_t len;
	*out = FL_LEVEL_NONE;
	if (!get_text(c, n, &lvl, &len) || lvl == NULL)
		return lvl == NULL;
	*out = (unsigned char)fl_level_parse_n(lvl, len);
	if (*out != FL_LEVEL_NONE)
		return true;
	fl_buf f;
	fl_buf_init(&f);
	fl_field_quote(&f, lvl, len);
	cust_error(c, n, "unknown level %s: expected basic, reactive, "
	           "accountable, proactive or partnership", f.buf);
	fl_buf_release(&f);
	return false;
}

/* The index of activity key[0..len) among the load options' activities,
 * or -1. */
static long activity_index(const fl_load_options *o, const char *key,
                           size_t len)
{
	for (size_t j = 0; j < o->activity_count; j++) {
		const char *a = o->activities[j].name;
		if (strlen(a) == len && memcmp(a, key, len) == 0)
			return (long)j;
	}
	return -1;
}

/* "the policy has rates for A, B" or that it has none. */
static void activity_names(fl_buf *b, const fl_load_options *o)
{
	size_t shown = 0;
	for (size_t j = 0; j < o->activity_count; j++) {
		const char *a = o->activities[j].name;
		if (strcmp(a, FL_ACTIVITY_ORDERS) == 0)
			continue;
		fl_buf_adds(b, shown++ ? ", " : "the policy has rates for ");
		fl_field_quote(b, a, strlen(a));
	}
	if (shown == 0)
		fl_buf_adds(b, "the policy has no activities besides orders "
		            "(give their cost per unit under 'activities' in a "
		            "policy file)");
}

/*
 * The cost-to-serve inputs: service_cost and the activity counts, laid
 * out as fl_customer.costing says, in ctx->scratch (*out NULL when the
 * customer gave neither).  False after an error.
 */
static bool get_costing(struct cust *c, const struct fields *fs,
                        double **out)
{
	const fl_load_options *o = c->ctx->opts;
	const fl_node *sc = fs->service_cost;
	const fl_node *acts = fs->activities;
	*out = NULL;
	if ((sc == NULL || fl_field_is_null(sc)) &&
	    (acts == NULL || fl_field_is_null(acts)))
		return true;
	double *k = fl_arena_alloc(c->ctx->scratch,
	                           (1 + o->activity_count) * sizeof(*k));
	if (k == NULL) {
		c->ctx->nomem = true;
		return false;
	}
	memset(k, 0, (1 + o->activity_count) * sizeof(*k));
	bool ok = true;
	if (sc != NULL && !fl_field_is_null(sc)) {
		path_key(c, "service_cost");
		ok = get_number(c, sc, NUM_NONNEG, &k[0]);
	}
	if (acts != NULL && !fl_field_is_null(acts)) {
		path_key(c, "activities");
		if (acts->kind != FL_NODE_MAP) {
			expected_found(c, acts, "a mapping from an activity to its "
			               "count ({deliveries: 14, visits: 3})");
			return false;
		}
		for (const fl_node *e = acts->first; e != NULL; e = e->next) {
			c->order_key = key_step(&c->field, e->key, e->key_len);
			c->at = &c->order_key;
			fl_buf q;
			fl_buf_init(&q);
			fl_field_quote(&q, e->key, e->key_len);
			long j = activity_index(o, e->key, e->key_len);
			unsigned long line, col;
			fl_field_key_at(e, &line, &col);
			if (e->key_len == strlen(FL_ACTIVITY_ORDERS) &&
			    memcmp(e->key, FL_ACTIVITY_ORDERS, e->key_len) == 0) {
				cust_error_at(c, line, col, "activity 'orders' is "
				              "built in: its count is the customer's "
				              "number of orders; leave it out");
				ok = false;
			} else if (j < 0) {
				fl_buf names;
				fl_buf_init(&names);
				activity_names(&names, o);
				cust_error_at(c, line, col, "unknown activity %s: %s",
				              q.buf, names.buf);
				fl_buf_release(&names);
				ok = false;
			} else if (!get_number(c, e, NUM_NONNEG, &k[1 + j])) {
				ok = false;
			}
			fl_buf_release(&q);
		}
	}
	*out = k;
	return ok;
}

void fl_schema_customer(fl_load_ctx *ctx, const fl_node *node)
{
	struct cust c = { .ctx = ctx, .index = ctx->index,
	                  .diag_first = ctx->diags->count };
	ctx->index++;

	if (node->kind != FL_NODE_MAP) {
		expected_found(&c, node, "a customer mapping (id, revenue, "
		               "cost, ...)");
		goto out;
	}

	/* The id first, so that every later message can name the customer. */
	struct fields fs;
	find_fields(node, &fs);
	const fl_node *idn = fs.id;
	path_key(&c, "id");
	if (idn == NULL) {
		path_key(&c, NULL);
		if (!missing_typo(&c, node, "id", customer_keys, "missing id"))
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
		fl_field_describe(&f, idn);
		cust_error(&c, idn, "expected an id (text or a number), found %s; "
		           "quote it to use it as text", f.buf);
		fl_buf_release(&f);
	} else if (idn->kind != FL_NODE_SCALAR || fl_field_is_null(idn)) {
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
	check_unknown(&c, node, customer_keys,
	              "id, name, segment, revenue, cost, orders, level, reason, "
	              "current_level, service_cost, activities, first_order, "
	              "last_order, potential");

	fl_customer cu;
	memset(&cu, 0, sizeof(cu));
	cu.first_day = cu.last_day = FL_DAY_NONE;
	/* Four billion lines or customers is far past any real file; the
	 * position is only quoted in messages, so it saturates. */
	cu.line = node->line < UINT32_MAX ? (uint32_t)node->line : UINT32_MAX;
	cu.index = ctx->index - 1 < UINT32_MAX ? (uint32_t)(ctx->index - 1)
	                                       : UINT32_MAX;

	const char *name = NULL, *segment = NULL, *reason = NULL;
	size_t name_len = 0, segment_len = 0, reason_len = 0;
	path_key(&c, "name");
	get_text(&c, fs.name, &name, &name_len);
	path_key(&c, "segment");
	get_text(&c, fs.segment, &segment, &segment_len);
	path_key(&c, "reason");
	get_text(&c, fs.reason, &reason, &reason_len);
	path_key(&c, "level");
	get_level(&c, fs.level, &cu.pin);
	path_key(&c, "current_level");
	get_level(&c, fs.current, &cu.current);
	double *costing = NULL;
	get_costing(&c, &fs, &costing);
	double potential = NAN;
	if (fs.potential != NULL && !fl_field_is_null(fs.potential)) {
		path_key(&c, "potential");
		get_number(&c, fs.potential, NUM_NONNEG, &potential);
	}

	const fl_node *rev = fs.revenue;
	const fl_node *cost = fs.cost;
	const fl_node *ord = fs.orders;
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
		static const char *const dated[] = { "first_order",
		                                     "last_order" };
		const fl_node *dn[] = { fs.first_order, fs.last_order };
		for (int j = 0; j < 2; j++) {
			if (dn[j] == NULL)
				continue;
			path_key(&c, dated[j]);
			cust_error(&c, dn[j], "%s together with an orders list is "
			           "ambiguous: the dates of the orders give it",
			           dated[j]);
		}
		sum_orders(&c, ord, &cu);
	} else {
		cu.form = (unsigned char)FL_FORM_AGGREGATE;
		path_key(&c, "revenue");
		bool have_rev = false;
		if (rev == NULL) {
			/* orders: {value, cost} is a list gone wrong: that is
			 * the one mistake to report, not a missing revenue. */
			path_key(&c, NULL);
			if ((ord == NULL || ord->kind != FL_NODE_MAP) &&
			    !missing_typo(&c, node, "revenue", customer_keys,
			                  "missing revenue") &&
			    (ord != NULL ||
			     !missing_typo(&c, node, "orders", customer_keys,
			                   "missing revenue (give revenue and "
			                   "cost, or a list of orders)")))
				cust_error(&c, node, "missing revenue (give revenue "
				           "and cost, or a list of orders)");
		} else {
			have_rev = get_number(&c, rev, NUM_NONNEG, &cu.revenue);
		}
		path_key(&c, "cost");
		if (cost == NULL) {
			if (rev != NULL) {
				path_key(&c, NULL);
				if (!missing_typo(&c, node, "cost", customer_keys,
				                  "missing cost"))
					cust_error(&c, node, "missing cost (required "
					           "with revenue)");
			}
		} else {
			get_number(&c, cost, NUM_NONNEG, &cu.cost);
		}
		path_key(&c, "orders");
		cu.orders = 1;
		size_t errors = c.errors;
		if (ord != NULL && !fl_field_is_null(ord)) {
			double n = 0;
			if (ord->kind == FL_NODE_MAP) {
				cust_error(&c, ord, "expected a number of orders or "
				           "a list of orders, found a mapping (one "
				           "order is a list too: - {value, cost})");
			} else if (get_number(&c, ord, NUM_WHOLE, &n)) {
				cu.orders = (uint64_t)n;
				if (n == 0 && have_rev && cu.revenue != 0) {
					char r[FL_MONEY_MAX];
					fl_fmt_money(r, cu.revenue);
					cust_error(&c, ord, "orders is 0 but revenue is "
					           "%s: a customer without orders has "
					           "no revenue", r);
				}
			}
		}
		aggregate_dates(&c, &fs, node, &cu, c.errors == errors);
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
	if (c.errors == 0 && (costing != NULL || ctx->opts->activity_count > 0)) {
		/* Each figure is finite, but their products and sums may not
		 * be. */
		fl_customer_extra x = { "", costing, NAN };
		cu.extra = &x;
		fl_econ_params e = { .activities = ctx->opts->activities,
		                     .activity_count = ctx->opts->activity_count };
		double cts = fl_cost_to_serve(&cu, &e);
		cu.extra = NULL;
		double pi = cu.revenue - cu.cost - cts;
		if (!isfinite(cts) || !isfinite(pi)) {
			path_key(&c, costing != NULL ? "activities" : NULL);
			cust_error(&c, node, "the %s overflows a double",
			           isfinite(cts) ? "margin after the cost to serve"
			                         : "cost to serve");
		}
	}
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
	if (fl_strset_count(&ctx->bad_ids.set) > 0 &&
	    fl_badids_find(&ctx->bad_ids, c.id, c.id_len, &bad_line,
	                   &bad_index)) {
		dup_error(&c, idn, bad_line, bad_index);
		goto out;
	}

	fl_arena *a = fl_portfolio_arena(ctx->p);
	cu.id = fl_arena_strndup(a, c.id, c.id_len);
	cu.name = name != NULL ? fl_arena_strndup(a, name, name_len) : cu.id;
	cu.segment = segment != NULL
	             ? fl_portfolio_intern(ctx->p, segment, segment_len) : "";
	/* The reason, the costing and the potential only for the customers
	 * that have them. */
	bool extra_oom = false;
	if (reason != NULL || costing != NULL || !isnan(potential)) {
		fl_customer_extra *x = fl_arena_alloc(a, sizeof(*x));
		size_t size = (1 + ctx->opts->activity_count) * sizeof(*costing);
		double *k = costing != NULL ? fl_arena_alloc(a, size) : NULL;
		const char *r = reason != NULL
		                ? fl_arena_strndup(a, reason, reason_len) : "";
		extra_oom = x == NULL || (costing != NULL && k == NULL) ||
		            r == NULL;
		if (!extra_oom) {
			if (k != NULL)
				memcpy(k, costing, size);
			x->reason = r;
			x->costing = k;
			x->potential = potential;
			cu.extra = x;
		}
	}
	if (cu.id == NULL || cu.name == NULL || cu.segment == NULL ||
	    extra_oom) {
		ctx->nomem = true;
		goto out;
	}
	size_t first;
	switch (fl_portfolio_add(ctx->p, &cu, &first)) {
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
	/* The fields are checked in a fixed order (id first), not in the
	 * order of the file. */
	if (ctx->diags->count > c.diag_first + 1)
		fl_field_sort_by_position(ctx->diags, c.diag_first);
	if (c.errors > 0)
		ctx->p->skipped++;
}

static void top_text(fl_load_ctx *ctx, const fl_node *e, const char **dst)
{
	size_t bad;
	switch (fl_field_text(e, &bad)) {
	case FL_TEXT_OK:
		*dst = fl_arena_strndup(fl_portfolio_arena(ctx->p), e->text, e->len);
		if (*dst == NULL)
			ctx->nomem = true;
		break;
	case FL_TEXT_NULL:
		break;
	case FL_TEXT_NOT_SCALAR:
		fl_field_error(ctx, e, e->key, "expected text, found %s",
		               fl_field_kind(e));
		break;
	case FL_TEXT_BAD_UTF8:
	case FL_TEXT_NUL:
		fl_field_error(ctx, e, e->key, "invalid UTF-8 or a NUL character "
		               "in the text");
		break;
	}
}

/*
 * Is top-level entry e the thresholds of an `assign -O json` output?  Its
 * customers read as a portfolio would pin every one of them to the level
 * it had, silently: the output is refused instead.  A portfolio has no
 * `thresholds`; the mark of assign's is an axis with `cuts_source`, which
 * nobody writes by hand (and diff's reader of assign outputs requires).
 */
static bool is_assign_thresholds(const fl_node *e)
{
	if (e->kind != FL_NODE_MAP ||
	    e->key_len != strlen(FL_KEY_THRESHOLDS) ||
	    memcmp(e->key, FL_KEY_THRESHOLDS, e->key_len) != 0)
		return false;
	static const char *const axes[] = { FL_KEY_AXIS_MARGIN,
	                                    FL_KEY_AXIS_VALUE };
	for (size_t i = 0; i < sizeof(axes) / sizeof(axes[0]); i++) {
		const fl_node *ax = fl_node_get(e, axes[i]);
		if (ax != NULL && ax->kind == FL_NODE_MAP &&
		    fl_node_get(ax, FL_KEY_CUTS_SOURCE) != NULL)
			return true;
	}
	return false;
}

void fl_schema_top(fl_load_ctx *ctx, const fl_node *e)
{
	static const char *const keys[] = { "portfolio", "currency", "period",
	                                    NULL };
	const char **dst[] = { &ctx->p->name, &ctx->p->currency,
	                       &ctx->p->period };
	int i = fl_field_key_index(e, keys);
	if (i >= 0) {
		top_text(ctx, e, dst[i]);
		return;
	}
	if (is_assign_thresholds(e)) {
		fl_load_error(ctx, 0, 0, NULL, "this is an 'assign -O json' "
		              "output, not a portfolio: pass the portfolio it was "
		              "made from (diff reads assign outputs)");
		return;
	}
	if (ctx->opts->strict) {
		/* At the key, as a duplicate top-level key is: by line and
		 * column in YAML, by path (the key) in JSON, which has no
		 * lines. */
		fl_buf k;
		fl_buf_init(&k);
		fl_field_quote(&k, e->key, e->key_len);
		unsigned long line, col;
		fl_field_key_at(e, &line, &col);
		fl_load_error(ctx, line, col, ctx->json ? e->key : NULL,
		              "unknown key %s (--strict allows portfolio, "
		              "currency, period, customers)", k.buf);
		fl_buf_release(&k);
	}
}
