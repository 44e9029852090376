/*
 * load_csv.c - order lines (CSV/TSV) into customers: the header mapped to
 * fields by their synonyms (or --map), every line checked, the lines of
 * one customer and order summed, then every customer checked and added to
 * the portfolio (docs/import.md; the rules in docs/model.md, "Order
 * lines").
 *
 * Lines are scanned in the reader's window (util/csv.h) and forgotten:
 * what stays is one entry per customer and one per order, so memory grows
 * with customers and orders, not with lines.
 *
 * With -j the lines are read on threads (csv_threads.c), over the state
 * and the functions csv_int.h shares; this file owns every state.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/orderlines.h>
#include <focuslevel/period.h>

#include "load/csv_int.h"
#include "load/fields.h"
#include "load/load.h"
#include "load/order_days.h"
#include "model/portfolio_int.h"
#include "util/csv.h"
#include "util/hashtab.h"
#include "util/recode.h"
#include "util/par.h"

/*
 * The synonyms of every field, compared after normalising (ASCII letters
 * folded to lower case, ASCII spaces and punctuation dropped): "Customer
 * ID", "customer_id" and "CustomerID" are one name.  The first synonym
 * that names a column wins.  docs/import.md has the same table.
 */
static const char *const syn_id[] = {
	"customer id", "customer_id", "customerid", "customer", "client id",
	"client", "account", "account id", "customer number", "customer no",
	"kunde", "kundennummer", NULL
};
static const char *const syn_order[] = {
	"order id", "order number", "order", "invoice", "invoiceno",
	"invoice number", "document", "document number", "belegnummer",
	"rechnungsnummer", NULL
};
static const char *const syn_date[] = {
	"order date", "date", "invoice date", "invoicedate", "document date",
	"datum", "belegdatum", NULL
};
static const char *const syn_value[] = {
	"sales", "revenue", "amount", "net sales", "line total", "net amount",
	"value", "umsatz", "betrag", NULL
};
static const char *const syn_quantity[] = { "quantity", "qty", "menge",
                                            NULL };
static const char *const syn_unit_price[] = { "unit price", "unitprice",
                                              "price", "preis", NULL };
static const char *const syn_cost[] = { "cost", "cogs", "cost of goods",
                                        "line cost", "kosten", NULL };
static const char *const syn_profit[] = { "profit", "gross profit", "margin",
                                          "deckungsbeitrag", NULL };
static const char *const syn_name[] = { "customer name", "name", "company",
                                        "company name", "client name",
                                        "firma", NULL };
static const char *const syn_segment[] = { "segment", "customer group",
                                           "customer segment", "industry",
                                           "branche", NULL };

static const char *const *const synonyms[FL_LINE_FIELDS] = {
	syn_id, syn_order, syn_date, syn_value, syn_quantity, syn_unit_price,
	syn_cost, syn_profit, syn_name, syn_segment,
};

/* What a message calls a field. */
static const char *const field_label[FL_LINE_FIELDS] = {
	"the customer id", "the order number", "the date", "the value",
	"the quantity", "the unit price", "the cost", "the profit",
	"the customer's name", "the segment",
};

/* ASCII case-folded, ASCII spaces and punctuation dropped, into out
 * (room for len bytes); returns its length. */
static size_t normalise(const char *s, size_t len, char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		         c >= 0x80)
			out[n++] = (char)c;
	}
	return n;
}

static bool same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *na = malloc(la + 1), *nb = malloc(lb + 1);
	bool same = false;
	if (na != NULL && nb != NULL) {
		size_t x = normalise(a, la, na), y = normalise(b, lb, nb);
		same = x == y && x > 0 && memcmp(na, nb, x) == 0;
	}
	free(na);
	free(nb);
	return same;
}

/*
 * a[0..n) == b[0..n), for the short ids, numbers, names and dates that
 * every line compares with the line before: two overlapping word loads
 * instead of a call to memcmp (a fifth of the loader's instructions went
 * to memcmp and strlen, docs/benchmark.md).
 */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
	if (n >= 8 && n <= 16) {
		uint64_t a0, b0, a1, b1;
		memcpy(&a0, a, 8);
		memcpy(&b0, b, 8);
		memcpy(&a1, a + n - 8, 8);
		memcpy(&b1, b + n - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n >= 4 && n < 8) {
		uint32_t a0, b0, a1, b1;
		memcpy(&a0, a, 4);
		memcpy(&b0, b, 4);
		memcpy(&a1, a + n - 4, 4);
		memcpy(&b1, b + n - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n < 4) {
		for (size_t i = 0; i < n; i++)
			if (a[i] != b[i])
				return false;
		return true;
	}
	return memcmp(a, b, n) == 0;
}

/* Whether s[0..n) is ASCII without NUL (bytes 1 to 127): valid UTF-8 as
 * it stands, eight bytes at a time. */
static inline bool plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	/* A byte 0 borrows into its high bit (the bytes below it, 1 to 127,
	 * borrow nothing); a byte >= 128 has it already. */
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (((x - ones) | x) & highs)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)(s[i] - 1) >= 127)
			return false;
	return true;
}

static unsigned long column_of(const struct csv_load *L, const fl_csv_field *f)
{
	return fl_csv_column(f->line_start, f->at, L->utf8);
}

static void csv_error(struct csv_load *L, struct ccust *c,
                      unsigned long line, unsigned long col, int field,
                      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/*
 * An error at line:col, about column `field` of the header (-1: none):
 * the customer c's (it becomes invalid), or, c NULL, the file's.
 */
static void csv_error(struct csv_load *L, struct ccust *c,
                      unsigned long line, unsigned long col, int field,
                      const char *fmt, ...)
{
	fl_buf pre;
	fl_buf_init(&pre);
	if (field >= 0) {
		const char *h = L->header[field];
		fl_buf_adds(&pre, "column ");
		fl_field_quote(&pre, h, strlen(h));
		fl_buf_adds(&pre, ": ");
	}
	if (c != NULL)
		c->errors++;
	else
		L->ctx->fatal++;
	if (L->spec) {
		L->failed = true;  /* the one-thread path reads it again */
	} else if (pre.oom) {
		L->ctx->nomem = true;
	} else {
		va_list ap;
		va_start(ap, fmt);
		fl_load_verror(L->ctx, line, col, NULL, pre.len ? pre.buf : NULL,
		               fmt, ap);
		va_end(ap);
	}
	fl_buf_release(&pre);
}

/* The quoted text of a field, for "found ..." (cut as fl_field_quote
 * cuts). */
static void quote_field(fl_buf *b, const fl_csv_field *f)
{
	if (f->len == 0)
		fl_buf_adds(b, "an empty field");
	else
		fl_field_quote(b, f->s, f->len);
}

/*
 * The text of field f (column j) as UTF-8 without NUL, into *s and *len
 * (into the window, or L->text[k] when converted).  False after an error
 * (c's, or the file's when c is NULL).
 */
static bool field_text(struct csv_load *L, struct ccust *c, int j, int k,
                       const fl_csv_field *f, const char **s, size_t *len)
{
	size_t bad;
	if (L->utf8 && plain_ascii(f->s, f->len)) {
		*s = f->s;
		*len = f->len;
		return true;
	}
	/* The column is counted only for a message: counting it for every
	 * field was a third of the loader's time. */
	if (memchr(f->s, '\0', f->len) != NULL) {
		csv_error(L, c, f->line, column_of(L, f), j, "text contains a NUL "
		          "character");
		return false;
	}
	if (L->utf8) {
		if (!fl_utf8_valid(f->s, f->len, &bad)) {
			csv_error(L, c, f->line, column_of(L, f), j, "invalid UTF-8 "
			          "at byte %zu of the field (for another encoding, "
			          "give --encoding latin1 or cp1252)", bad + 1);
			return false;
		}
		*s = f->s;
		*len = f->len;
		return true;
	}
	fl_buf *b = &L->text[k];
	fl_buf_reset(b);
	if (!fl_recode_text(&L->rec, f->s, f->len, b, &bad)) {
		csv_error(L, c, f->line, column_of(L, f), j, "byte 0x%02X at byte "
		          "%zu of the field has no character in %s",
		          (unsigned)(unsigned char)f->s[bad], bad + 1,
		          L->d->encoding == FL_ENCODING_CP1252 ? "cp1252"
		          : "latin1");
		return false;
	}
	if (b->oom) {
		L->ctx->nomem = true;
		return false;
	}
	*s = b->buf;
	*len = b->len;
	return true;
}

/* Drop the ASCII spaces around s[0..*len) (numbers and dates may be
 * padded in exports). */
static void trim_spaces(const char **s, size_t *len)
{
	while (*len > 0 && **s == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ')
		(*len)--;
}

/* field_number when the field is not a plain number: spaces, a decimal
 * comma, an error.  Out of line, so that the common case saves no
 * registers for it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool field_number_rest(struct csv_load *L, struct ccust *c, int j,
                              const fl_csv_field *f, double *out)
{
	const char *s = f->s;
	size_t len = f->len;
	trim_spaces(&s, &len);
	/* Without --decimal-comma a comma is no part of a number, so the
	 * parser alone decides; the separators are looked for only to say
	 * why a number was refused. */
	if (!L->d->decimal_comma && len > 0 &&
	    fl_number_parse(s, len, out) == FL_NUM_OK)
		return true;
	const char *hint = "";
	char tmp[80];
	bool comma = memchr(s, ',', len) != NULL;
	bool point = memchr(s, '.', len) != NULL;
	fl_num_status st = FL_NUM_SYNTAX;
	if (L->d->decimal_comma && point) {
		hint = comma ? " (grouping separators are not supported: write "
		               "1234,56, not 1.234,56)"
		             : " (with --decimal-comma the decimal separator is "
		               "a comma, and grouping separators are not "
		               "supported)";
	} else if (!L->d->decimal_comma && comma) {
		hint = point ? " (grouping separators are not supported: write "
		               "1234.56, not 1,234.56; --decimal-comma reads "
		               "1234,56)"
		             : " (use --decimal-comma for decimal commas; "
		               "grouping separators are not supported)";
	} else if (comma) {
		if (len < sizeof(tmp)) {
			memcpy(tmp, s, len);
			for (size_t i = 0; i < len; i++)
				if (tmp[i] == ',')
					tmp[i] = '.';
			st = fl_number_parse(tmp, len, out);
		}
	} else if (len > 0) {
		st = fl_number_parse(s, len, out);
	}
	if (st == FL_NUM_OK)
		return true;
	fl_buf q;
	fl_buf_init(&q);
	quote_field(&q, f);
	csv_error(L, c, f->line, column_of(L, f), j, "%sexpected a number%s, "
	          "found %s%s", st == FL_NUM_RANGE ? "number out of range: "
	          : "", st == FL_NUM_RANGE ? " that fits a double" : "", q.buf,
	          hint);
	fl_buf_release(&q);
	return false;
}

/* The number in field f (column j): ASCII spaces around it dropped, a
 * decimal comma with --decimal-comma.  False after an error. */
static inline bool field_number(struct csv_load *L, struct ccust *c, int j,
                                const fl_csv_field *f, double *out)
{
	const char *s = f->s;
	size_t len = f->len;
	if (len > 0 && s[0] != ' ' && s[len - 1] != ' ' &&
	    !L->d->decimal_comma && fl_number_parse(s, len, out) == FL_NUM_OK)
		return true;
	return field_number_rest(L, c, j, f, out);
}

/* The day of the date in field f (column j), days since 1970-01-01, or
 * FL_DAY_NONE for an empty field.  False after an error. */
static bool field_date(struct csv_load *L, struct ccust *c, int j,
                       const fl_csv_field *f, int32_t *day)
{
	const char *s = f->s;
	size_t len = f->len;
	/* The last date again (the text kept is trimmed and not empty, so a
	 * field equal to it needs no trimming). */
	if (len == L->date_len && len > 0 && same_bytes(s, L->date_text, len)) {
		*day = L->date_day;
		return true;
	}
	trim_spaces(&s, &len);
	*day = FL_DAY_NONE;
	if (len == 0)
		return true;
	fl_date d;
	const char *fmt = L->d->date_format;
	fl_date_status st = fmt != NULL ? fl_date_parse_format(fmt, s, len, &d)
	                                : fl_date_parse(s, len, &d);
	if (st == FL_DATE_OK) {
		*day = (int32_t)fl_date_days(d);
		if (len <= sizeof(L->date_text)) {
			memcpy(L->date_text, s, len);
			L->date_len = len;
			L->date_day = *day;
		}
		return true;
	}
	fl_buf q, want;
	fl_buf_init(&q);
	fl_buf_init(&want);
	quote_field(&q, f);
	if (fmt != NULL) {
		fl_buf_adds(&want, "a date ");
		fl_buf_adds(&want, fmt);
		fl_buf_adds(&want, " (--date-format)");
	} else {
		fl_buf_adds(&want, "a date YYYY-MM-DD (for another form give "
		            "--date-format, e.g. %d.%m.%Y)");
	}
	csv_error(L, c, f->line, column_of(L, f), j, "expected %s, found "
	          "%s%s", want.buf, q.buf, st == FL_DATE_INVALID
	          ? ": no such day" : "");
	fl_buf_release(&q);
	fl_buf_release(&want);
	return false;
}

/* Append the names of the header, quoted, comma-separated. */
static void add_header(fl_buf *b, const struct csv_load *L)
{
	for (size_t j = 0; j < L->ncols; j++) {
		if (j > 0)
			fl_buf_adds(b, ", ");
		fl_field_quote(b, L->header[j], strlen(L->header[j]));
	}
}

static void add_synonyms(fl_buf *b, fl_line_field f)
{
	for (const char *const *s = synonyms[f]; *s != NULL; s++) {
		if (s != synonyms[f])
			fl_buf_adds(b, ", ");
		fl_buf_adds(b, *s);
	}
}

/* The column --map names `want`: the same name, else the same name once
 * normalised; -1 when none. */
static int mapped_column(const struct csv_load *L, const char *want)
{
	for (size_t j = 0; j < L->ncols; j++)
		if (strcmp(L->header[j], want) == 0)
			return (int)j;
	for (size_t j = 0; j < L->ncols; j++)
		if (same_name(L->header[j], want))
			return (int)j;
	return -1;
}

/* "no column for FIELD: the header has ...; tried ... (--map)". */
static void missing(struct csv_load *L, unsigned long line, fl_line_field f,
                    bool product)
{
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_adds(&b, "no column for ");
	fl_buf_adds(&b, field_label[f]);
	fl_buf_adds(&b, ": the header has ");
	add_header(&b, L);
	fl_buf_adds(&b, "; tried ");
	add_synonyms(&b, f);
	if (product) {
		fl_buf_adds(&b, "; nor quantity (");
		add_synonyms(&b, FL_LINE_QUANTITY);
		fl_buf_adds(&b, ") and unit price (");
		add_synonyms(&b, FL_LINE_UNIT_PRICE);
		fl_buf_adds(&b, ")");
	}
	if (f == FL_LINE_COST) {
		fl_buf_adds(&b, "; nor profit (");
		add_synonyms(&b, FL_LINE_PROFIT);
		fl_buf_adds(&b, ")");
	}
	fl_buf_addf(&b, " (name the column with --map %s=HEADER)",
	            fl_line_field_name(f));
	if (b.oom)
		L->ctx->nomem = true;
	else
		csv_error(L, NULL, line, 0, -1, "%s", b.buf);
	fl_buf_release(&b);
}

/* The header record: every name as UTF-8, then each field's column.
 * False after an error. */
static bool read_header(struct csv_load *L)
{
	fl_csv *sc = &L->sc;
	unsigned long line = sc->count > 0 ? sc->fields[0].line : 1;
	L->ncols = sc->count;
	L->header = fl_arena_alloc(L->arena, L->ncols * sizeof(*L->header));
	if (L->header == NULL) {
		L->ctx->nomem = true;
		return false;
	}
	for (size_t j = 0; j < L->ncols; j++) {
		const char *s;
		size_t len;
		L->header[j] = "";
		if (!field_text(L, NULL, -1, FL_LINE_ID, &sc->fields[j], &s, &len))
			return false;
		L->header[j] = fl_arena_strndup(L->arena, s, len);
		if (L->header[j] == NULL) {
			L->ctx->nomem = true;
			return false;
		}
	}
	bool used[256] = { false };
	bool *taken = L->ncols <= 256 ? used : calloc(L->ncols, 1);
	if (taken == NULL) {
		L->ctx->nomem = true;
		return false;
	}
	bool ok = true;
	for (int f = 0; f < FL_LINE_FIELDS; f++) {
		L->col[f] = -1;
		const char *want = L->d->map[f];
		if (want == NULL)
			continue;
		int j = mapped_column(L, want);
		if (j < 0) {
			fl_buf b, q;
			fl_buf_init(&b);
			fl_buf_init(&q);
			fl_field_quote(&q, want, strlen(want));
			add_header(&b, L);
			csv_error(L, NULL, line, 0, -1, "--map %s=%s: no such column: "
			          "the header has %s", fl_line_field_name(f), q.buf,
			          b.buf);
			fl_buf_release(&b);
			fl_buf_release(&q);
			ok = false;
			continue;
		}
		L->col[f] = j;
		taken[j] = true;
	}
	for (int f = 0; f < FL_LINE_FIELDS; f++) {
		if (L->col[f] >= 0 || L->d->map[f] != NULL)
			continue;
		for (const char *const *s = synonyms[f];
		     *s != NULL && L->col[f] < 0; s++) {
			for (size_t j = 0; j < L->ncols; j++) {
				if (!taken[j] && same_name(L->header[j], *s)) {
					L->col[f] = (int)j;
					taken[j] = true;
					break;
				}
			}
		}
	}
	if (taken != used)
		free(taken);
	if (!ok)
		return false;
	if (L->col[FL_LINE_ID] < 0)
		missing(L, line, FL_LINE_ID, false);
	if (L->col[FL_LINE_ORDER] < 0)
		missing(L, line, FL_LINE_ORDER, false);
	if (L->col[FL_LINE_VALUE] < 0 && (L->col[FL_LINE_QUANTITY] < 0 ||
	                                  L->col[FL_LINE_UNIT_PRICE] < 0))
		missing(L, line, FL_LINE_VALUE, true);
	if (L->col[FL_LINE_COST] < 0 && L->col[FL_LINE_PROFIT] < 0)
		missing(L, line, FL_LINE_COST, false);
	return L->ctx->fatal == 0;
}

/* The customer with id s[0..len), whose fl_slots_tag is `tag`, added at
 * `line` when new; NULL when out of memory. */
static struct ccust *customer(struct csv_load *L, uint32_t tag,
                              const char *s, size_t len, unsigned long line)
{
	bool added = false;
	uint32_t ln = line < UINT32_MAX ? (uint32_t)line : UINT32_MAX;
	const fl_strent *e = fl_strset_add_tag(&L->cset, L->arena, tag, s, len,
	                                       ln, (uint32_t)L->ncs, &added);
	if (e == NULL)
		return NULL;
	if (!added)
		return &L->cs[e->index];
	if (L->ncs == L->cs_cap) {
		struct ccust *n = fl_grow(L->cs, &L->cs_cap, sizeof(*n), 64);
		if (n == NULL)
			return NULL;
		L->cs = n;
	}
	struct ccust *c = &L->cs[L->ncs++];
	memset(c, 0, sizeof(*c));
	c->pub.id = e->s;
	c->id_len = len;
	c->tag = tag;
	c->pub.name = "";
	c->pub.segment = "";
	c->pub.line = ln;
	c->pub.first = c->last = FL_ORDER_END;
	c->pub.valid = true;
	return c;
}

/*
 * In a block (spec): a new order for every run of lines of one order, with
 * no look-up, its number kept in the block's arena (L->run_num).  An order
 * whose lines lie apart in the block has several; the merge adds the later
 * ones to the first line by line, as it adds a block's lines to an order
 * seen before the block (csv_threads.c), so the sums are the same.  This
 * spares each block a hash set of its orders.  NULL when out of memory.
 */
static fl_order *run_order(struct csv_load *L, const char *num, size_t len,
                           unsigned long line)
{
	char *copy = fl_arena_strndup(L->arena, num, len);
	if (copy == NULL)
		return NULL;
	if (L->nos == L->os_cap) {
		fl_order *n = fl_grow(L->os, &L->os_cap, sizeof(*n), 256);
		if (n == NULL)
			return NULL;
		L->os = n;
	}
	fl_order *o = &L->os[L->nos++];
	o->value = o->cost = 0;
	o->day = FL_DAY_NONE;
	o->line = line < UINT32_MAX ? (uint32_t)line : UINT32_MAX;
	o->next = FL_ORDER_END;
	L->run_num = copy;
	return o;
}

/* The order `number` of customer c (nh: its number_tag), added at `line`
 * when new; NULL when out of memory. */
static fl_order *order(struct csv_load *L, struct ccust *c, const char *num,
                       size_t len, uint32_t nh, unsigned long line)
{
	/* The key "CUSTOMER:NUMBER", on the stack unless the number is long
	 * (fl_buf's calls were a tenth of a new order's cost). */
	char small[64], digits[24];
	char *d = digits + sizeof(digits);
	size_t ci = (size_t)(c - L->cs);
	do {
		*--d = (char)('0' + ci % 10);
		ci /= 10;
	} while (ci > 0);
	size_t nd = (size_t)(digits + sizeof(digits) - d);
	const char *key = small;
	size_t key_len = nd + 1 + len;
	if (key_len <= sizeof(small)) {
		memcpy(small, d, nd);
		small[nd] = ':';
		memcpy(small + nd + 1, num, len);
	} else {
		fl_buf *k = &L->key;
		fl_buf_reset(k);
		fl_buf_add(k, d, nd);
		fl_buf_addc(k, ':');
		fl_buf_add(k, num, len);
		if (k->oom)
			return NULL;
		key = k->buf;
	}
	bool added = false;
	uint32_t ln = line < UINT32_MAX ? (uint32_t)line : UINT32_MAX;
	const fl_strent *e = fl_strset_add_tag(&L->oset, L->arena,
	                                       order_tag(c->tag, nh), key,
	                                       key_len, ln, (uint32_t)L->nos,
	                                       &added);
	if (e == NULL)
		return NULL;
	if (!added)
		return &L->os[e->index];
	if (L->nos == L->os_cap) {
		fl_order *n = fl_grow(L->os, &L->os_cap, sizeof(*n), 256);
		if (n == NULL)
			return NULL;
		L->os = n;
	}
	uint32_t i = (uint32_t)L->nos++;
	fl_order *o = &L->os[i];
	o->value = o->cost = 0;
	o->day = FL_DAY_NONE;
	o->line = ln;
	o->next = FL_ORDER_END;
	if (c->last == FL_ORDER_END)
		c->pub.first = i;
	else
		L->os[c->last].next = i;
	c->last = i;
	c->pub.count++;
	return o;
}

/* Keep the first non-empty name or segment of a customer; count a later
 * one that differs. */
static void take_text(struct csv_load *L, struct ccust *c, int field,
                      const fl_csv_field *f, const char *s, size_t len,
                      const char **dst)
{
	if (len == 0)
		return;
	if ((*dst)[0] == '\0') {
		if (!first_text(L->arena, dst, field == FL_LINE_NAME ? &c->name_len
		                : &c->segment_len, s, len))
			L->ctx->nomem = true;
		return;
	}
	if ((field == FL_LINE_NAME ? c->name_len : c->segment_len) == len &&
	    memcmp(*dst, s, len) == 0)
		return;
	if (L->spec) {
		L->failed = true;  /* described on the one-thread path */
		return;
	}
	if (L->conflicts++ > 0)
		return;
	L->conflict_line = f->line;
	L->conflict_col = column_of(L, f);
	fl_buf *b = &L->conflict;
	fl_buf_adds(b, "column ");
	fl_field_quote(b, L->header[L->col[field]],
	               strlen(L->header[L->col[field]]));
	fl_buf_adds(b, ": customer ");
	fl_field_quote(b, c->pub.id, strlen(c->pub.id));
	fl_buf_adds(b, " has ");
	fl_field_quote(b, s, len);
	fl_buf_adds(b, " here but ");
	fl_field_quote(b, *dst, strlen(*dst));
	fl_buf_addf(b, " on line %lu; the first is kept", (unsigned long)
	            c->pub.line);
}

/* In a block: keep line (v, k) of order o, customer c, for the merge. */
static bool spec_keep(struct csv_load *L, const struct ccust *c,
                      const fl_order *o, double v, double k)
{
	size_t j = (size_t)(o - L->os);
	if (L->nso == L->so_cap) {
		struct spec_order *n = fl_grow(L->so, &L->so_cap, sizeof(*n), 256);
		if (n == NULL)
			return false;
		L->so = n;
	}
	if (L->nsl == L->sl_cap) {
		struct spec_line *n = fl_grow(L->sl, &L->sl_cap, sizeof(*n), 1024);
		if (n == NULL)
			return false;
		L->sl = n;
	}
	uint32_t i = (uint32_t)L->nsl++;
	L->sl[i] = (struct spec_line){ v, k, FL_ORDER_END };
	struct spec_order *s = &L->so[j];
	if (j == L->nso) {  /* orders are made in index order */
		L->nso++;
		s->owner = (uint32_t)(c - L->cs);
		s->head = i;
		s->nh = L->last_nh;  /* o is the line's order, new with it */
		s->num = L->last_num;
		s->num_len = L->last_num_len;
	} else {
		L->sl[s->tail].next = i;
	}
	s->tail = i;
	return true;
}

/* Field t (FL_LINE_NAME or FL_LINE_SEGMENT) of the line for customer c:
 * kept when the customer has none yet, counted when it differs. */
static inline void line_text(struct csv_load *L, struct ccust *c, int t)
{
	int j = L->col[t];
	if (j < 0 || L->sc.fields[j].len == 0)
		return;
	const fl_csv_field *ft = &L->sc.fields[j];
	bool name = t == FL_LINE_NAME;
	const char **dst = name ? &c->pub.name : &c->pub.segment;
	size_t have = name ? c->name_len : c->segment_len;
	/* The customer's own name or segment again (the usual case): its
	 * bytes were checked when it was first kept. */
	if (L->utf8 && have == ft->len && same_bytes(*dst, ft->s, ft->len))
		return;
	const char *s;
	size_t len;
	if (field_text(L, c, j, t, ft, &s, &len))
		take_text(L, c, t, ft, s, len, dst);
}

/* One order line. */
static void read_line(struct csv_load *L)
{
	const fl_csv_field *f = L->sc.fields;
	const int *col = L->col;
	unsigned long line = f[0].line;
	if (L->sc.count != L->ncols) {
		csv_error(L, NULL, line, 0, -1, "%zu field%s, but the header has "
		          "%zu", L->sc.count, L->sc.count == 1 ? "" : "s",
		          L->ncols);
		return;
	}
	const fl_csv_field *fid = &f[col[FL_LINE_ID]];
	const fl_csv_field *ford = &f[col[FL_LINE_ORDER]];
	const char *id, *num = NULL;
	size_t id_len, num_len = 0;
	if (fid->len == 0) {
		csv_error(L, NULL, line, column_of(L, fid), col[FL_LINE_ID],
		          "the customer id is empty");
		return;
	}
	struct ccust *c = NULL;
	fl_order *o = NULL;
	/* The same customer, and order, as the line before: no look-up (the
	 * bytes, equal to kept text, were checked when it was kept). */
	if (L->have_last && L->utf8) {
		struct ccust *lc = &L->cs[L->last_c];
		if (lc->id_len == fid->len &&
		    same_bytes(lc->pub.id, fid->s, fid->len)) {
			c = lc;
			if (L->last_num_len == ford->len &&
			    same_bytes(L->last_num, ford->s, ford->len))
				o = &L->os[L->last_o];
		}
	}
	if (c == NULL) {
		if (!field_text(L, NULL, col[FL_LINE_ID], FL_LINE_ID, fid, &id,
		                &id_len))
			return;
		c = customer(L, (uint32_t)fl_slots_tag(id, id_len), id, id_len,
		             line);
		if (c == NULL) {
			L->ctx->nomem = true;
			return;
		}
	}
	uint32_t errors = c->errors;
	if (o == NULL) {
		if (ford->len == 0)
			csv_error(L, c, line, column_of(L, ford), col[FL_LINE_ORDER],
			          "the order number is empty");
		else
			field_text(L, c, col[FL_LINE_ORDER], FL_LINE_ORDER, ford,
			           &num, &num_len);
	}
	double v = 0, k = 0;
	if (col[FL_LINE_VALUE] >= 0) {
		field_number(L, c, col[FL_LINE_VALUE], &f[col[FL_LINE_VALUE]], &v);
	} else {
		double q = 0, p = 0;
		bool ok = field_number(L, c, col[FL_LINE_QUANTITY],
		                       &f[col[FL_LINE_QUANTITY]], &q);
		ok = field_number(L, c, col[FL_LINE_UNIT_PRICE],
		                  &f[col[FL_LINE_UNIT_PRICE]], &p) && ok;
		v = q * p;
		if (ok && !isfinite(v))
			csv_error(L, c, line, 0, -1, "quantity x unit price "
			          "overflows a double");
	}
	if (col[FL_LINE_COST] >= 0) {
		field_number(L, c, col[FL_LINE_COST], &f[col[FL_LINE_COST]], &k);
	} else {
		double p = 0;
		if (field_number(L, c, col[FL_LINE_PROFIT],
		                 &f[col[FL_LINE_PROFIT]], &p))
			k = v - p;
	}
	int32_t day = FL_DAY_NONE;
	if (col[FL_LINE_DATE] >= 0)
		field_date(L, c, col[FL_LINE_DATE], &f[col[FL_LINE_DATE]], &day);
	line_text(L, c, FL_LINE_NAME);
	line_text(L, c, FL_LINE_SEGMENT);
	if (c->errors > errors)
		return;
	if (o == NULL) {
		uint32_t nh = number_tag(num, num_len);
		o = L->spec ? run_order(L, num, num_len, line)
		    : order(L, c, num, num_len, nh, line);
		if (o == NULL) {
			L->ctx->nomem = true;
			return;
		}
		L->last_nh = nh;
		L->last_c = (size_t)(c - L->cs);
		L->last_o = (size_t)(o - L->os);
		L->last_num = L->spec ? L->run_num : order_number(L, L->last_o);
		L->last_num_len = num_len;
		L->have_last = true;
	}
	o->value += v;
	o->cost += k;
	if (day != FL_DAY_NONE && (o->day == FL_DAY_NONE || day < o->day))
		o->day = day;
	if (L->spec && !spec_keep(L, c, o, v, k))
		L->ctx->nomem = true;
}

/* A customer's orders summed (docs/model.md, "Order lines"): what
 * finish_customer adds to the portfolio, and whether it has anything to
 * report first. */
struct csum {
	double r, k;              /* revenue and cost: every order's sum */
	uint64_t n;               /* orders of value > 0 */
	int32_t first, last;      /* order days, FL_DAY_NONE when undated */
	uint32_t x;
	double mbar;
	bool quiet;               /* nothing to report */
	bool nomem;
};

/*
 * Sum the orders of customer c into *s, with `scratch` (reset) for the
 * order days.  It reads L and writes nothing else, so that the customers
 * are summed on threads (finish_all).
 */
static void sum_customer(const struct csv_load *L, const struct ccust *c,
                         fl_arena *scratch, struct csum *s)
{
	memset(s, 0, sizeof(*s));
	s->first = s->last = FL_DAY_NONE;
	s->quiet = true;
	if (c->errors > 0)
		return;  /* invalid already: nothing is added */
	fl_arena_reset(scratch);
	fl_order_days od;
	fl_order_days_init(&od);
	bool undated = false;
	for (uint32_t i = c->pub.first; i != FL_ORDER_END; i = L->os[i].next) {
		const fl_order *o = &L->os[i];
		s->r += o->value;
		s->k += o->cost;
		if (o->value <= 0)
			continue;  /* a credit note */
		s->n++;
		if (o->cost < 0)
			s->quiet = false;
		if (o->day == FL_DAY_NONE)
			undated = true;
		else if (!fl_order_days_add(&od, scratch, c->pub.count, o->day,
		                            o->value))
			s->nomem = true;
	}
	double r = s->r, k = s->k;
	if ((od.n > 0 && undated) || !isfinite(r) || !isfinite(k) || r < 0 ||
	    k < 0 || (r > 0 && !isfinite(100.0 * (r - k) / r)))
		s->quiet = false;
	if (od.n > 0 && !s->nomem)
		fl_order_days_finish(&od, &s->first, &s->last, &s->x, &s->mbar);
}

/* The customer's id quoted for a message, in q (made once). */
static const char *quoted_id(fl_buf *q, const struct ccust *c)
{
	if (q->len == 0)
		fl_field_quote(q, c->pub.id, strlen(c->pub.id));
	return q->buf;
}

/* Report what is wrong with customer c, summed in s (not s->quiet). */
static void report_customer(struct csv_load *L, struct ccust *c,
                            const struct csum *s)
{
	size_t dated = 0, undated = 0;
	uint32_t undated_at = FL_ORDER_END;
	fl_buf q;  /* the quoted id, made for the first message */
	fl_buf_init(&q);
	for (uint32_t i = c->pub.first; i != FL_ORDER_END; i = L->os[i].next) {
		const fl_order *o = &L->os[i];
		if (o->value <= 0)
			continue;
		if (o->cost < 0) {
			fl_buf on;
			fl_buf_init(&on);
			const char *num = order_number(L, i);
			fl_field_quote(&on, num, strlen(num));
			char a[FL_MONEY_MAX];
			fl_fmt_money(a, o->cost);
			csv_error(L, c, o->line, 0, -1, "customer %s: order %s: its "
			          "lines' cost is %s: expected >= 0 for an order of "
			          "value > 0", quoted_id(&q, c), on.buf, a);
			fl_buf_release(&on);
		}
		if (o->day != FL_DAY_NONE)
			dated++;
		else if (undated++ == 0)
			undated_at = i;
	}
	if (dated > 0 && undated > 0) {
		const char *num = order_number(L, undated_at);
		fl_buf on;
		fl_buf_init(&on);
		fl_field_quote(&on, num, strlen(num));
		csv_error(L, c, L->os[undated_at].line, 0, -1, "customer %s: order "
		          "%s has no date, but %zu other order%s of the customer "
		          "ha%s one: give every order its date, or none", quoted_id(&q, c),
		          on.buf, dated, dated == 1 ? "" : "s", dated == 1 ? "s"
		          : "ve");
		fl_buf_release(&on);
	}
	double r = s->r, k = s->k;
	if (!isfinite(r) || !isfinite(k)) {
		csv_error(L, c, c->pub.line, 0, -1, "customer %s: the sum of the "
		          "lines overflows a double", quoted_id(&q, c));
	} else if ((r < 0 || k < 0) && c->errors == 0) {
		char a[FL_MONEY_MAX];
		fl_fmt_money(a, r < 0 ? r : k);
		csv_error(L, c, c->pub.line, 0, -1, "customer %s: its %s, the sum "
		          "of its lines, is %s: expected >= 0", quoted_id(&q, c), r < 0
		          ? "revenue" : "cost", a);
	} else if (r > 0 && !isfinite(100.0 * (r - k) / r)) {
		csv_error(L, c, c->pub.line, 0, -1, "customer %s: the margin "
		          "percent overflows a double: cost is too large for the "
		          "revenue", quoted_id(&q, c));
	}
	fl_buf_release(&q);
}

/*
 * Check customer c, whose lines are all valid and whose orders are summed
 * in s, and add it to the portfolio.  False when it is invalid
 * (reported).
 */
static bool finish_customer(struct csv_load *L, struct ccust *c, size_t index,
                            const struct csum *s)
{
	fl_load_ctx *ctx = L->ctx;
	if (s->nomem)
		ctx->nomem = true;
	if (!s->quiet)
		report_customer(L, c, s);
	if (c->errors > 0 || ctx->nomem)
		return false;

	fl_customer cu;
	memset(&cu, 0, sizeof(cu));
	cu.form = (unsigned char)FL_FORM_DETAILED;
	cu.revenue = s->r;
	cu.cost = s->k;
	cu.orders = s->n;
	cu.line = c->pub.line;
	cu.index = index < UINT32_MAX ? (uint32_t)index : UINT32_MAX;
	cu.first_day = s->first;
	cu.last_day = s->last;
	cu.repeat = s->x;
	cu.mbar = s->mbar;
	fl_arena *a = fl_portfolio_arena(ctx->p);
	cu.id = fl_arena_strndup(a, c->pub.id, c->id_len);
	cu.name = c->pub.name[0] != '\0'
	          ? fl_arena_strndup(a, c->pub.name, c->name_len) : cu.id;
	cu.segment = fl_portfolio_intern(ctx->p, c->pub.segment,
	                                 c->segment_len);
	size_t first;
	if (cu.id == NULL || cu.name == NULL || cu.segment == NULL ||
	    fl_portfolio_add(ctx->p, &cu, &first) != FL_OK)
		ctx->nomem = true;  /* ids are unique: only memory can fail */
	return !ctx->nomem;
}

/* Customers summed at a time (their struct csum), and per turn. */
#define FINISH_WINDOW ((size_t)1 << 14)
#define FINISH_TURN ((size_t)1 << 9)

/* A window of customers: [from, to), their sums. */
struct finish_window {
	size_t from, to;
	struct csum *sums;
};

struct finish_turns {
	struct csv_load *L;
	struct finish_window sum, add;  /* summed in this loop, added in it */
	fl_arena *scratch[FL_PAR_MAX];
};

/* Check and add the customers of window a, summed, in order. */
static void add_window(struct csv_load *L, const struct finish_window *a)
{
	fl_load_ctx *ctx = L->ctx;
	for (size_t i = a->from; i < a->to && !ctx->nomem; i++) {
		struct ccust *c = &L->cs[i];
		if (c->errors == 0 && finish_customer(L, c, i, &a->sums[i - a->from]))
			continue;
		c->pub.valid = false;
		ctx->p->skipped++;
	}
}

/* Turn 0 adds the window summed before; turn i sums the (i - 1)th
 * FINISH_TURN customers of this one.  The two windows' customers differ,
 * and summing reads nothing that adding writes. */
static void finish_turn(void *arg, size_t i, unsigned thread)
{
	struct finish_turns *f = arg;
	if (i == 0) {
		add_window(f->L, &f->add);
		return;
	}
	size_t a = f->sum.from + (i - 1) * FINISH_TURN;
	size_t b = a + FINISH_TURN < f->sum.to ? a + FINISH_TURN : f->sum.to;
	for (size_t c = a; c < b; c++)
		sum_customer(f->L, &f->L->cs[c], f->scratch[thread],
		             &f->sum.sums[c - f->sum.from]);
}

/*
 * Every customer, once every line is in, in the order of its first line:
 * summed on the threads (-j) a window at a time, and checked and added
 * in order by one of them while the others sum the next window.
 */
static void finish_all(struct csv_load *L)
{
	fl_load_ctx *ctx = L->ctx;
	struct finish_turns f = { .L = L };
	unsigned jobs = ctx->opts->jobs < FL_PAR_MAX ? ctx->opts->jobs
	                : FL_PAR_MAX;
	if (jobs == 0)
		jobs = 1;
	f.scratch[0] = ctx->scratch;
	for (unsigned t = 1; t < jobs; t++)
		if ((f.scratch[t] = fl_arena_new()) == NULL)
			jobs = t;  /* fewer threads */
	size_t window = L->ncs < FINISH_WINDOW ? L->ncs : FINISH_WINDOW;
	struct csum *sums = malloc(2 * (window ? window : 1) * sizeof(*sums));
	if (sums == NULL)
		ctx->nomem = true;
	for (size_t w = 0; !ctx->nomem; w += window) {
		f.add = f.sum;
		f.sum.from = w < L->ncs ? w : L->ncs;
		f.sum.to = w + window < L->ncs ? w + window : L->ncs;
		f.sum.sums = f.add.sums == sums ? sums + window : sums;
		size_t turns = (f.sum.to - f.sum.from + FINISH_TURN - 1) /
		               FINISH_TURN;
		if (turns == 0 && f.add.from == f.add.to)
			break;
		fl_par_for(jobs, 1 + turns, finish_turn, &f);
	}
	free(sums);
	for (unsigned t = 1; t < jobs; t++)
		fl_arena_free(f.scratch[t]);
}

/* The delimiter of a header line s[0..len): the one of , ; tab | seen
 * most often outside quotes (the first of them on a tie), ',' when none
 * is. */
static char detect_delimiter(const char *s, size_t len)
{
	static const char cands[] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0 };
	bool quoted = false;
	for (size_t i = 0; i < len && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		for (int k = 0; k < 4 && !quoted; k++)
			count[k] += s[i] == cands[k];
	}
	int best = 0;
	for (int k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return cands[best];
}

/* Scan records until the next one (FL_CSV_RECORD) or the end; refills the
 * window.  Returns the scanner's status. */
static fl_csv_status next_record(struct csv_load *L, size_t *pos)
{
	fl_reader *r = L->r;
	for (;;) {
		fl_csv_status st = fl_csv_next(&L->sc, r->buf, r->len, pos,
		                               r->eof);
		if (st != FL_CSV_MORE)
			return st;
		size_t shift = fl_reader_fill(r, *pos);
		if (shift == (size_t)-1)
			return FL_CSV_NOMEM;
		*pos -= shift;
		if (r->err != 0)
			return FL_CSV_END;
	}
}

static void release(struct csv_load *L)
{
	fl_csv_release(&L->sc);
	fl_recode_close(&L->rec);
	fl_strset_release(&L->cset);
	fl_strset_release(&L->oset);
	for (int f = 0; f < FL_LINE_FIELDS; f++)
		fl_buf_release(&L->text[f]);
	fl_buf_release(&L->key);
	fl_buf_release(&L->conflict);
	free(L->cs);
	free(L->os);
	free(L->so);
	free(L->sl);
	fl_arena_free(L->arena);
}

static bool state_init(struct csv_load *L, fl_load_ctx *ctx);

/* What csv_threads.c calls in this file (csv_int.h): every state made by
 * state_init points to it. */
static const struct fl_csvl_ops csvl_ops = {
	state_init, release, read_line, customer, order,
};

/* L empty, for ctx: its buffers, its arena and, for another encoding
 * than UTF-8, its converter.  False when out of memory (the arena) or
 * when iconv cannot convert (the arena is there). */
static bool state_init(struct csv_load *L, fl_load_ctx *ctx)
{
	memset(L, 0, sizeof(*L));
	L->ops = &csvl_ops;
	L->ctx = ctx;
	L->d = &ctx->opts->csv;
	L->utf8 = L->d->encoding == FL_ENCODING_UTF8;
	for (int f = 0; f < FL_LINE_FIELDS; f++)
		fl_buf_init(&L->text[f]);
	fl_buf_init(&L->key);
	fl_buf_init(&L->conflict);
	L->arena = fl_arena_new();
	if (L->arena == NULL)
		return false;
	return L->utf8 || fl_recode_open(&L->rec, L->d->encoding ==
	                                 FL_ENCODING_CP1252 ? "CP1252"
	                                 : "ISO-8859-1");
}

void fl_load_csv(fl_load_ctx *ctx, fl_reader *r, bool tsv,
                 fl_orderlines *keep)
{
	struct csv_load L;
	size_t first_diag = ctx->diags->count;
	bool init = state_init(&L, ctx);
	L.r = r;
	if (L.arena == NULL) {
		ctx->nomem = true;
		return;
	}
	if (!init) {
		fl_load_error(ctx, 0, 0, NULL, "the C library cannot convert "
		              "from %s (iconv)", L.d->encoding == FL_ENCODING_CP1252
		              ? "cp1252" : "latin1");
		release(&L);
		return;
	}

	/* The header line whole in the window, for the delimiter. */
	while (!r->eof && memchr(r->buf, '\n', r->len) == NULL)
		if (fl_reader_fill(r, 0) == (size_t)-1) {
			ctx->nomem = true;
			release(&L);
			return;
		}
	size_t pos = 0;
	size_t bom = r->base == 0 ? fl_utf8_bom(r->buf, r->len) : 0;
	if (bom > 0 && !L.utf8) {
		fl_load_error(ctx, 1, 1, NULL, "the file starts with a UTF-8 "
		              "byte-order mark, but --encoding %s was given",
		              L.d->encoding == FL_ENCODING_CP1252 ? "cp1252"
		              : "latin1");
		release(&L);
		return;
	}
	pos = bom;
	char delim = L.d->delimiter;
	if (delim == 0)
		delim = tsv ? '\t' : detect_delimiter(r->buf + pos, r->len - pos);
	fl_csv_init(&L.sc, delim, r->lines_before + 1);
	r->lines_own = true;  /* the scanner counts them */

	fl_csv_status st = next_record(&L, &pos);
	if (st == FL_CSV_END) {
		if (r->err == 0)
			fl_load_error(ctx, 0, 0, NULL, "no header line: order lines "
			              "need a header that names the columns "
			              "(docs/import.md)");
		release(&L);
		return;
	}
	bool header_ok = st == FL_CSV_RECORD && read_header(&L);
	size_t seq_until = ctx->opts->jobs > 1 ? 0 : SIZE_MAX;
	while (header_ok && !ctx->nomem) {
		if (r->base + pos >= seq_until) {
			fl_csvl_threads(&L, &pos, &seq_until);
			if (ctx->nomem)
				break;
			if (r->base + pos >= seq_until)
				continue;
		}
		st = next_record(&L, &pos);
		if (st == FL_CSV_END || st == FL_CSV_NOMEM)
			break;
		if (st == FL_CSV_RECORD)
			read_line(&L);
		else
			csv_error(&L, NULL, L.sc.err_line,
			          fl_csv_column(L.sc.err_line_start, L.sc.err_at,
			                        L.utf8), -1, "%s",
			          fl_csv_error_text(L.sc.error));
	}
	if (st == FL_CSV_ERROR && !header_ok)
		csv_error(&L, NULL, L.sc.err_line,
		          fl_csv_column(L.sc.err_line_start, L.sc.err_at, L.utf8),
		          -1, "%s", fl_csv_error_text(L.sc.error));
	if (st == FL_CSV_NOMEM)
		ctx->nomem = true;

	if (L.conflicts > 0 && !ctx->nomem) {
		if (L.conflicts > 1)
			fl_buf_addf(&L.conflict, " (%zu lines differ from their "
			            "customer's first name or segment)", L.conflicts);
		if (L.conflict.oom ||
		    fl_diags_add(ctx->diags, FL_SEV_WARNING, L.conflict_line,
		                 L.conflict_col, NULL, "%s", L.conflict.buf)
		    != FL_OK)
			ctx->nomem = true;
	}
	/* Every customer, once every line is in, in the order of its first
	 * line; none when the file has errors of its own. */
	if (ctx->fatal == 0 && header_ok)
		finish_all(&L);
	/* The customers' messages among the lines', by line. */
	if (ctx->diags->count > first_diag + 1)
		fl_field_sort_by_position(ctx->diags, first_diag);
	ctx->index = L.ncs;
	if (keep != NULL && !ctx->nomem) {
		keep->customers = malloc((L.ncs ? L.ncs : 1) *
		                         sizeof(*keep->customers));
		if (keep->customers == NULL) {
			ctx->nomem = true;
		} else {
			for (size_t i = 0; i < L.ncs; i++) {
				keep->customers[i] = L.cs[i].pub;
				if (keep->customers[i].name[0] == '\0')
					keep->customers[i].name = L.cs[i].pub.id;
			}
			keep->count = L.ncs;
			keep->orders = L.os;
			keep->order_count = L.nos;
			keep->arena = L.arena;
			L.os = NULL;
			L.arena = NULL;
		}
	}
	release(&L);
}
