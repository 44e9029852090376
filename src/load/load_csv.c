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
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/orderlines.h>
#include <focuslevel/period.h>

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

/* Bytes of input a block holds (-j; "Threads" below).  The fuzz
 * build makes it tiny, so that its small inputs are cut into blocks. */
#ifdef FL_CSV_BLOCK_BYTES
#define BLOCK_BYTES ((size_t)FL_CSV_BLOCK_BYTES)
#else
#define BLOCK_BYTES ((size_t)1 << 18)
#endif

/* A customer while the lines are read. */
struct ccust {
	fl_line_customer pub;
	uint32_t last;       /* its last order, to append the next */
	uint32_t errors;     /* errors in its lines */
	uint32_t tag;        /* fl_slots_tag of pub.id, its key in cset */
	/* strlen of pub.id, pub.name and pub.segment (set by customer() and
	 * take_text, their only writers): every line compares them. */
	size_t id_len, name_len, segment_len;
};

struct csv_load {
	fl_load_ctx *ctx;
	fl_reader *r;
	const fl_csv_dialect *d;
	fl_csv sc;
	bool utf8;
	fl_recode rec;
	int col[FL_LINE_FIELDS];  /* the column of each field, or -1 */
	size_t ncols;
	const char **header;      /* the header's names, as UTF-8 */
	fl_arena *arena;          /* ids, names, segments, order keys */
	struct ccust *cs;
	size_t ncs, cs_cap;
	fl_strset cset;           /* ids: index = the customer */
	fl_order *os;
	size_t nos, os_cap;
	fl_strset oset;           /* "CUSTOMER:NUMBER": index = the order */
	fl_buf text[FL_LINE_FIELDS];  /* converted text of a line's fields */
	fl_buf key;
	/* The last line's customer and order, for the next line of the same
	 * order (most exports list an order's lines together). */
	size_t last_c, last_o;
	bool have_last;
	const char *last_num;     /* the order number of last_o, in oset */
	size_t last_num_len;
	uint32_t last_nh;         /* number_tag of it */
	/* The last date parsed and its day: an order's lines repeat it. */
	char date_text[32];
	size_t date_len;
	int32_t date_day;
	/* Name and segment conflicts: counted, the first one described. */
	size_t conflicts;
	unsigned long conflict_line, conflict_col;
	fl_buf conflict;
	/* A block read on a worker thread (-j; "Threads" below): no message
	 * is written, an error or a conflict only marks it failed, and each
	 * order keeps its lines' values for the merge. */
	bool spec;
	bool failed;
	struct spec_order *so;    /* per order: its customer, its lines */
	size_t nso, so_cap;
	struct spec_line *sl;     /* the lines, in file order */
	size_t nsl, sl_cap;
};

/* A block's order: its customer (index into cs) and its lines, a chain
 * through spec_line.next. */
struct spec_order {
	uint32_t owner;
	uint32_t head, tail;
	uint32_t nh;              /* number_tag of its number */
};

struct spec_line {
	double value, cost;
	uint32_t next;
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
 * The tag of an order number in oset (fl_strset_add_tag): the key is
 * "CUSTOMER:NUMBER" with the customer's index, which a block read on a
 * thread does not know, so the tag is made of the id's tag and the
 * number's (number_tag), which it does: the merge hashes nothing.
 */
static inline uint32_t number_tag(const char *num, size_t len)
{
	return (uint32_t)fl_slots_tag(num, len);
}

static inline uint32_t order_tag(uint32_t id_tag, uint32_t nh)
{
	uint64_t h = ((uint64_t)id_tag << 32 | nh) * 0x9E3779B97F4A7C15u;
	return (uint32_t)(h >> 32);
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

/* A customer's first name or segment, s[0..len): a copy in `a` at *dst,
 * its length at *dst_len.  False when out of memory (*dst unchanged). */
static bool first_text(fl_arena *a, const char **dst, size_t *dst_len,
                       const char *s, size_t len)
{
	char *t = fl_arena_strndup(a, s, len);
	if (t == NULL)
		return false;
	*dst = t;
	*dst_len = len;
	return true;
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
	} else {
		L->sl[s->tail].next = i;
	}
	s->tail = i;
	return true;
}

/* The number of order o (after "CUSTOMER:"). */
static const char *order_number(const struct csv_load *L, size_t o)
{
	return strchr(L->oset.entries[o]->s, ':') + 1;
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
		o = order(L, c, num, num_len, nh, line);
		if (o == NULL) {
			L->ctx->nomem = true;
			return;
		}
		L->last_nh = nh;
		L->last_c = (size_t)(c - L->cs);
		L->last_o = (size_t)(o - L->os);
		L->last_num = order_number(L, L->last_o);
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

struct finish_turns {
	const struct csv_load *L;
	struct csum *sums;
	size_t from, to;
	fl_arena *scratch[FL_PAR_MAX];
};

static void finish_turn(void *arg, size_t i, unsigned thread)
{
	struct finish_turns *f = arg;
	size_t a = f->from + i * FINISH_TURN;
	size_t b = a + FINISH_TURN < f->to ? a + FINISH_TURN : f->to;
	for (size_t c = a; c < b; c++)
		sum_customer(f->L, &f->L->cs[c], f->scratch[thread],
		             &f->sums[c - f->from]);
}

/*
 * Every customer, once every line is in, in the order of its first line:
 * summed on the threads (-j) a window at a time, then checked and added
 * on this one.
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
	f.sums = malloc((window ? window : 1) * sizeof(*f.sums));
	if (f.sums == NULL)
		ctx->nomem = true;
	for (size_t w = 0; w < L->ncs && !ctx->nomem; w += window) {
		f.from = w;
		f.to = w + window < L->ncs ? w + window : L->ncs;
		fl_par_for(jobs, (f.to - f.from + FINISH_TURN - 1) / FINISH_TURN,
		           finish_turn, &f);
		for (size_t i = f.from; i < f.to && !ctx->nomem; i++) {
			struct ccust *c = &L->cs[i];
			if (c->errors == 0 &&
			    finish_customer(L, c, i, &f.sums[i - f.from]))
				continue;
			c->pub.valid = false;
			ctx->p->skipped++;
		}
	}
	free(f.sums);
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

/* L empty, for ctx: its buffers, its arena and, for another encoding
 * than UTF-8, its converter.  False when out of memory (the arena) or
 * when iconv cannot convert (the arena is there). */
static bool state_init(struct csv_load *L, fl_load_ctx *ctx)
{
	memset(L, 0, sizeof(*L));
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

/* L, made whole by state_init and used for a block, empty again for the
 * next block, keeping its memory: a block's tables then grow only in the
 * first batches, not in every one. */
static void state_reuse(struct csv_load *L)
{
	struct csv_load k = *L;
	memset(L, 0, sizeof(*L));
	L->ctx = k.ctx;
	L->d = k.d;
	L->utf8 = k.utf8;
	L->rec = k.rec;
	L->arena = k.arena;
	fl_arena_reset(L->arena);
	L->sc = k.sc;
	L->cs = k.cs;
	L->cs_cap = k.cs_cap;
	L->os = k.os;
	L->os_cap = k.os_cap;
	L->so = k.so;
	L->so_cap = k.so_cap;
	L->sl = k.sl;
	L->sl_cap = k.sl_cap;
	L->cset = k.cset;
	fl_strset_clear(&L->cset);
	L->oset = k.oset;
	fl_strset_clear(&L->oset);
	for (int f = 0; f < FL_LINE_FIELDS; f++) {
		L->text[f] = k.text[f];
		fl_buf_reset(&L->text[f]);
	}
	L->key = k.key;
	fl_buf_reset(&L->key);
	L->conflict = k.conflict;
	fl_buf_reset(&L->conflict);
}

/* ---- Threads (-j) ----
 *
 * With -j N the lines are read in batches of about N * BLOCKS_PER_THREAD *
 * BLOCK_BYTES, cut after newlines into N * BLOCKS_PER_THREAD blocks of
 * about equal size.  Each block is
 * read on a thread of its own by read_line, into a state of its own
 * (spec: its own customers, orders, arena and converter) that writes no
 * message, and its lines' values are kept per order.  The merge then
 * takes the blocks in file order, on the calling thread, and adds each
 * to the loader's state as the one-thread path would have:
 *
 *  - a block is merged only when it was read to its last byte, which
 *    ends a record (so the next block starts one: a cut inside a quoted
 *    field fails the block before it), with no error and no name or
 *    segment that differs from its customer's first one in the block,
 *    nor from the customer's first one before the block;
 *  - customers new to the file are added in the order of their first
 *    line in the block, orders new to the file likewise, with the
 *    block's sums (a sum from zero is the file's sum); an order seen
 *    before gets the block's lines added one by one in file order, so
 *    every sum is the one-thread sum, bit for bit;
 *  - line numbers count from the block's first line.
 *
 * At the first block not merged, the one-thread path reads on from its
 * start to its end (further when a quoted field crosses it), messages
 * and all; the next batch goes to threads again.  A wrong cut or a rare
 * case costs time, never a different result.
 */

/* One block of a batch. */
struct block {
	const char *buf;          /* its bytes, in the main window */
	size_t start, end;        /* their offsets in the input */
	bool eof;                 /* the input ends with it */
	fl_load_ctx ctx;          /* the worker's: only nomem is used */
	struct csv_load W;        /* kept from batch to batch */
	bool ready;               /* W was made whole (state_init) */
	unsigned long lines;      /* the newlines it holds */
	bool ok;                  /* read whole, nothing to say */
};

static void block_run(struct block *b)
{
	struct csv_load *W = &b->W;
	size_t pos = 0, len = b->end - b->start;
	fl_csv_status st;
	while ((st = fl_csv_next(&W->sc, b->buf, len, &pos, b->eof))
	       == FL_CSV_RECORD) {
		read_line(W);
		if (W->failed || W->ctx->nomem)
			return;
	}
	b->ok = st == FL_CSV_END || (st == FL_CSV_MORE && pos == len);
	b->lines = W->sc.line - 1;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
/* How many look-ups ahead of its turn each stage of one is asked for. */
#define AHEAD ((size_t)8)

/* Are a customer's name (or segment) before a block and in it two? */
static bool differ(const char *before, const char *in)
{
	return before[0] != '\0' && in[0] != '\0' && strcmp(before, in) != 0;
}

static uint32_t line_at(unsigned long base, uint32_t line)
{
	unsigned long l = base + line - 1;
	return l < UINT32_MAX ? (uint32_t)l : UINT32_MAX;
}

/*
 * Merge block W (read whole, no error) into G, whose lines so far end
 * where W starts, on line `base`.  False, G unchanged, when a name or a
 * segment differs from the customer's before the block (the one-thread
 * path counts and describes that); false with G->ctx->nomem when out of
 * memory.
 */
static bool merge_block(struct csv_load *G, struct csv_load *W,
                        unsigned long base)
{
	uint32_t *map = malloc((W->ncs ? W->ncs : 1) * sizeof(*map));
	if (map == NULL || !fl_strset_reserve(&G->cset, W->ncs) ||
	    !fl_strset_reserve(&G->oset, W->nos)) {
		free(map);
		G->ctx->nomem = true;
		return false;
	}
	/* The look-ups in G's tables are cache misses.  Each one's reads are
	 * asked for ahead (fl_strset_prefetch, stage by stage, AHEAD turns
	 * apart), so that a few misses are under way at any time: not one
	 * after another, nor more than the processor keeps track of. */
	size_t n = W->ncs;
	for (size_t i = 0; i < n + 3 * AHEAD; i++) {
		for (int st = 0; st < 3; st++)
			if (i >= st * AHEAD && i - st * AHEAD < n)
				fl_strset_prefetch(&G->cset, W->cs[i - st * AHEAD].tag,
				                   st);
		if (i < 3 * AHEAD)
			continue;
		const struct ccust *wc = &W->cs[i - 3 * AHEAD];
		const fl_strent *e = fl_strset_get_tag(&G->cset, wc->tag,
		                                       wc->pub.id, wc->id_len);
		map[i - 3 * AHEAD] = e != NULL ? e->index : FL_ORDER_END;
		if (e != NULL)
			PREFETCH(&G->cs[e->index]);
	}
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && map[i + AHEAD] != FL_ORDER_END) {
			PREFETCH(G->cs[map[i + AHEAD]].pub.name);
			PREFETCH(G->cs[map[i + AHEAD]].pub.segment);
		}
		const fl_line_customer *w = &W->cs[i].pub;
		if (map[i] != FL_ORDER_END &&
		    (differ(G->cs[map[i]].pub.name, w->name) ||
		     differ(G->cs[map[i]].pub.segment, w->segment))) {
			free(map);
			return false;
		}
	}
	for (size_t i = 0; i < W->ncs && !G->ctx->nomem; i++) {
		const struct ccust *wc = &W->cs[i];
		const fl_line_customer *w = &wc->pub;
		struct ccust *g;
		if (map[i] == FL_ORDER_END) {
			g = customer(G, wc->tag, w->id, wc->id_len,
			             line_at(base, w->line));
			if (g == NULL) {
				G->ctx->nomem = true;
				break;
			}
			map[i] = (uint32_t)(g - G->cs);
		} else {
			g = &G->cs[map[i]];
		}
		if ((g->name_len == 0 && wc->name_len > 0 &&
		     !first_text(G->arena, &g->pub.name, &g->name_len, w->name,
		                 wc->name_len)) ||
		    (g->segment_len == 0 && wc->segment_len > 0 &&
		     !first_text(G->arena, &g->pub.segment, &g->segment_len,
		                 w->segment, wc->segment_len)))
			G->ctx->nomem = true;
	}
	/* The orders: their slots, and the last order of their customer (the
	 * new one is linked to it). */
	n = W->nos;
	for (size_t i = 0; i < n + 3 * AHEAD && !G->ctx->nomem; i++) {
		for (int st = 0; st < 3; st++) {
			if (i < st * AHEAD || i - st * AHEAD >= n)
				continue;
			const struct spec_order *so = &W->so[i - st * AHEAD];
			fl_strset_prefetch(&G->oset, order_tag(W->cs[so->owner].tag,
			                                       so->nh), st);
			const struct ccust *g = &G->cs[map[so->owner]];
			if (st == 0 && g->last != FL_ORDER_END)
				PREFETCH(&G->os[g->last]);
		}
		if (i < 3 * AHEAD)
			continue;
		size_t j = i - 3 * AHEAD;
		const struct spec_order *s = &W->so[j];
		const fl_order *wo = &W->os[j];
		const char *num = order_number(W, j);
		size_t before = G->nos;
		fl_order *o = order(G, &G->cs[map[s->owner]], num, strlen(num),
		                    s->nh, line_at(base, wo->line));
		if (o == NULL) {
			G->ctx->nomem = true;
		} else if (G->nos > before) {
			o->value = wo->value;
			o->cost = wo->cost;
			o->day = wo->day;
		} else {
			for (uint32_t l = s->head; l != FL_ORDER_END;
			     l = W->sl[l].next) {
				o->value += W->sl[l].value;
				o->cost += W->sl[l].cost;
			}
			if (wo->day != FL_DAY_NONE &&
			    (o->day == FL_DAY_NONE || wo->day < o->day))
				o->day = wo->day;
		}
	}
	free(map);
	return !G->ctx->nomem;
}

/* Blocks a thread reads per batch: the merge, a turn of the same loop,
 * is balanced by the other threads' blocks, and the smaller the turns the
 * less a thread waits at the batch's end (4 rather than 2 blocks of half
 * the size: 0.2 s less waiting of 1.9 s on ten million lines, -j2). */
#define BLOCKS_PER_THREAD 4
#define MAX_BLOCKS (BLOCKS_PER_THREAD * FL_PAR_MAX)

/* A batch: up to MAX_BLOCKS blocks, their offsets in the input. */
struct batch {
	struct block bl[MAX_BLOCKS];
	size_t n;
	size_t start, lim;        /* input offsets: its first byte, past its
	                           * last */
};

/* Free the states of b's blocks (of every batch it held). */
static void batch_release(struct batch *b)
{
	for (size_t i = 0; i < MAX_BLOCKS; i++)
		if (b->bl[i].W.arena != NULL)
			release(&b->bl[i].W);
	b->n = 0;
}

/*
 * Cut the batch that starts at input offset `from` into blocks, keeping
 * the window from input offset `keep` on.  False when there is not enough
 * left to be worth threads (*tail is then where the window's complete
 * lines end: an input offset), or after a read error (*tail SIZE_MAX: the
 * one-thread path meets and reports it).
 */
static bool batch_cut(struct csv_load *L, struct batch *b, size_t keep,
                      size_t from, size_t *tail)
{
	fl_reader *r = L->r;
	size_t jobs = BLOCKS_PER_THREAD * (size_t)L->ctx->opts->jobs;
	if (jobs > MAX_BLOCKS)
		jobs = MAX_BLOCKS;
	b->n = 0;
	*tail = SIZE_MAX;
	size_t want = from - r->base + jobs * BLOCK_BYTES;
	/* The window moves only when it lacks bytes for the batch: each move
	 * copies what it keeps. */
	if (r->fp != NULL && r->len < want && !r->eof) {
		size_t shift = fl_reader_fill(r, keep - r->base);
		if (shift == (size_t)-1) {
			L->ctx->nomem = true;
			return false;
		}
		if (!fl_reader_peek(r, want - shift))
			return false;
	} else if (r->err != 0) {
		return false;
	}
	const char *buf = r->buf;
	size_t at = from - r->base, lim = r->len;
	if (!r->eof) {
		/* After the window's last newline. */
		while (lim > at && buf[lim - 1] != '\n')
			lim--;
	}
	*tail = r->base + lim;
	/* Less than a quarter block each: not worth threads. */
	if (lim - at < jobs * (BLOCK_BYTES / 4))
		return false;
	size_t target = (lim - at) / jobs + 1;
	b->start = from;
	b->lim = r->base + lim;
	for (; at < lim && b->n < jobs; b->n++) {
		struct block *k = &b->bl[b->n];
		size_t end = lim;
		if (b->n + 1 < jobs && at + target < lim) {
			const char *nl = memchr(buf + at + target, '\n',
			                        lim - (at + target));
			end = nl != NULL ? (size_t)(nl - buf) + 1 : lim;
		}
		k->buf = buf + at;
		k->start = r->base + at;
		k->end = r->base + end;
		k->eof = r->eof && end == r->len;
		k->lines = 0;
		k->ok = false;
		memset(&k->ctx, 0, sizeof(k->ctx));
		k->ctx.opts = L->ctx->opts;
		if (k->ready) {
			state_reuse(&k->W);
		} else {
			if (k->W.arena != NULL)
				release(&k->W);
			k->ready = state_init(&k->W, &k->ctx);
			if (!k->ready)
				k->ctx.nomem = true;  /* the block fails: read here */
		}
		k->W.spec = true;
		k->W.header = L->header;
		k->W.ncols = L->ncols;
		memcpy(k->W.col, L->col, sizeof(L->col));
		fl_csv_reset(&k->W.sc, L->sc.delim, 1);
		at = end;
	}
	return true;
}

/* Merge the blocks of b (their threads done) in order; the number
 * merged.  L->sc.line follows. */
static size_t batch_merge(struct csv_load *L, struct batch *b)
{
	size_t merged = 0;
	for (; merged < b->n && !L->ctx->nomem; merged++) {
		struct block *k = &b->bl[merged];
		if (!k->ok || k->ctx.nomem || !merge_block(L, &k->W, L->sc.line))
			break;
		L->sc.line += k->lines;
	}
	return merged;
}

/* One turn of a batch's loop: turn 0 merges the batch before, turn i
 * reads block i - 1. */
struct turns {
	struct csv_load *L;
	struct batch *done, *next;
	size_t merged;
};

static void turn(void *arg, size_t i, unsigned thread)
{
	struct turns *t = arg;
	(void)thread;
	if (i == 0)
		t->merged = batch_merge(t->L, t->done);
	else
		block_run(&t->next->bl[i - 1]);
}

/*
 * -j: read the records from *pos on in batches of blocks on worker
 * threads, merging each batch while the next one is read.  On return the one-thread path reads from *pos (where the
 * batches stopped) up to the record that starts at or after input
 * offset *seq_until: the block that could not be merged, or the tail
 * too short for threads.
 */
static void csv_threads(struct csv_load *L, size_t *pos, size_t *seq_until)
{
	fl_reader *r = L->r;
	struct batch *b = calloc(2, sizeof(*b));
	if (b == NULL) {
		L->ctx->nomem = true;
		return;
	}
	struct batch *done = &b[0], *next = &b[1];
	size_t from = r->base + *pos, tail;
	for (;;) {
		/* The window keeps the batch to merge until it is merged. */
		bool more = batch_cut(L, next, done->n > 0 ? done->start : from,
		                      from, &tail);
		struct turns tu = { L, done, next, 0 };
		fl_par_for(L->ctx->opts->jobs, 1 + (more ? next->n : 0), turn, &tu);
		size_t merged = tu.merged;
		if (merged < done->n || L->ctx->nomem) {
			if (!L->ctx->nomem) {
				const struct block *k = &done->bl[merged];
				*pos = k->start - r->base;
				*seq_until = k->end;
			}
			batch_release(next);
			break;
		}
		done->n = 0;  /* its blocks' states stay, for the batch after */
		if (!more) {
			*pos = from - r->base;
			*seq_until = tail == SIZE_MAX ? SIZE_MAX : tail + 1;
			break;
		}
		struct batch *t = done;
		done = next;
		next = t;
		from = done->lim;
	}
	batch_release(done);
	free(b);
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
			csv_threads(&L, &pos, &seq_until);
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
