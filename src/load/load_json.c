/*
 * load_json.c - JSON to customer records, one customer at a time.
 *
 * A small scanner walks the top level (the portfolio object and the
 * customers array), respecting strings and escapes, and finds the bytes of
 * each customer; cJSON parses just those bytes.  The whole document is
 * never one tree, so memory follows the number of customers, not the
 * file's size, and the read window only has to hold one customer.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "load/load.h"
#include "util/number.h"

/*
 * The first number token of a span that RFC 8259 does not allow (01, 1.,
 * 1.e5, -.5, +1): cJSON reads the first ones as numbers, and can only say
 * "syntax error" about the others.  Offsets count from the mark, which
 * holds still while a span is scanned and parsed.
 */
struct badnum {
	bool set;
	size_t at;        /* the token */
	size_t len;
	size_t bad;       /* the byte to show, from the token's start */
	const char *why;  /* NULL: that byte cannot go on the number */
};

struct js {
	fl_load_ctx *ctx;
	fl_reader *r;
	size_t pos;     /* scan position in the window */
	size_t mark;    /* nothing before it may be discarded */
	bool failed;
	bool copy;      /* copy cJSON's strings into the arena */
	struct numtoks *nums;
	struct badnum badnum;
};

/* The byte at pos, reading more input as needed; -1 at end of input. */
static int peek(struct js *j)
{
	fl_reader *r = j->r;
	while (j->pos >= r->len) {
		if (r->eof || r->err)
			return -1;
		size_t shift = fl_reader_fill(r, j->mark);
		if (shift == (size_t)-1) {
			j->ctx->nomem = true;
			j->failed = true;
			return -1;
		}
		j->pos -= shift;
		j->mark -= shift;
	}
	return (unsigned char)r->buf[j->pos];
}

/* The byte after pos, which moves on. */
static int advance(struct js *j)
{
	j->pos++;
	return peek(j);
}

static void error_at(struct js *j, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void report_at(struct js *j, size_t pos, const char *msg)
{
	j->failed = true;
	unsigned long line, col;
	fl_reader_position(j->r, pos, &line, &col);
	fl_load_error(j->ctx, line, col, NULL, "%s", msg);
}

/* Numbers longer than this are cut short in messages. */
#define NUM_QUOTE_MAX 40

static void bad_number(struct js *j)
{
	const struct badnum *b = &j->badnum;
	const char *tok = j->r->buf + j->mark + b->at;
	int shown = b->len > NUM_QUOTE_MAX ? NUM_QUOTE_MAX : (int)b->len;
	const char *more = b->len > NUM_QUOTE_MAX ? "..." : "";
	char msg[256];
	if (b->why != NULL)
		snprintf(msg, sizeof(msg), "JSON syntax error in the number "
		         "%.*s%s: %s", shown, tok, more, b->why);
	else
		snprintf(msg, sizeof(msg), "JSON syntax error in the number "
		         "%.*s%s: unexpected '%c' after %.*s", shown, tok, more,
		         tok[b->bad], b->bad > NUM_QUOTE_MAX ? NUM_QUOTE_MAX
		                                             : (int)b->bad, tok);
	report_at(j, j->mark + b->at + b->bad, msg);
}

static void error_at(struct js *j, size_t pos, const char *fmt, ...)
{
	if (j->failed)
		return;
	/* A number that is not JSON is only found out after the scan of its
	 * span, or never by cJSON: if it comes first, it is the error. */
	if (j->badnum.set && j->mark + j->badnum.at <= pos) {
		bad_number(j);
		return;
	}
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_at(j, pos, msg);
}

/* A printable description of the byte at pos, for messages. */
static void describe_char(int c, char *out, size_t n)
{
	if (c < 0)
		snprintf(out, n, "end of input");
	else if (c >= 0x21 && c < 0x7f)
		snprintf(out, n, "'%c'", c);
	else
		snprintf(out, n, "byte 0x%02x", c);
}

static void skip_ws(struct js *j)
{
	for (;;) {
		int c = peek(j);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		j->pos++;
	}
}

static void unexpected(struct js *j, const char *expected)
{
	int c = peek(j);
	char what[32];
	describe_char(c, what, sizeof(what));
	if (c == '/')
		error_at(j, j->pos, "JSON does not allow comments: expected %s",
		         expected);
	else
		error_at(j, j->pos, "JSON syntax error: expected %s, found %s",
		         expected, what);
}

/*
 * The UTF-8 character whose first byte (0x80 or more) is at pos: step
 * past it, or report it, in fl_utf8_char's words and at the character's
 * first byte, as the YAML loader does.
 */
static bool scan_utf8(struct js *j)
{
	/* Bring the whole character into the window: peek reads on while
	 * pos is past the end, and keeps everything from the mark. */
	size_t at = j->pos - j->mark;
	j->pos += 3;
	peek(j);
	j->pos = j->mark + at;
	if (j->failed)
		return false;
	const fl_reader *r = j->r;
	const char *why;
	size_t n = fl_utf8_char((const unsigned char *)r->buf + j->pos,
	                        r->len - j->pos, &why);
	if (n > 0) {
		j->pos += n;
		return true;
	}
	error_at(j, j->pos, "the input is not valid UTF-8: %s (byte %zu)", why,
	         r->base + j->pos + 1);
	return false;
}

static bool is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * The escape at pos (on the backslash): step past it, or report it.  At the
 * end of input it stops there, for scan_string to report the string.
 */
static bool scan_escape(struct js *j)
{
	size_t at = j->pos - j->mark;
	int c = advance(j);
	if (c == 'u') {
		/* \u0000 would cut the text short: refuse it. */
		char hex[4];
		for (int k = 0; k < 4; k++) {
			int h = advance(j);
			if (h < 0)
				return true;
			if (!is_hex(h)) {
				error_at(j, j->mark + at, "JSON syntax error: \\u must "
				         "be followed by four hex digits");
				return false;
			}
			hex[k] = (char)h;
		}
		if (memcmp(hex, "0000", 4) == 0) {
			error_at(j, j->mark + at, "\\u0000 (a NUL character) is not "
			         "allowed in text");
			return false;
		}
	} else if (c < 0) {
		return true;
	} else if (c == 0 || strchr("\"\\/bfnrt", c) == NULL) {
		char what[32];
		describe_char(c, what, sizeof(what));
		error_at(j, j->mark + at, "JSON syntax error: invalid escape: %s "
		         "after a backslash (JSON has \\\" \\\\ \\/ \\b \\f \\n "
		         "\\r \\t and \\uXXXX)", what);
		return false;
	}
	j->pos++;
	return true;
}

/* Scan a string starting at pos (on the quote) to just past its end. */
static bool scan_string(struct js *j)
{
	/* Offsets from the mark survive a refill, which moves the window. */
	size_t start = j->pos - j->mark;
	j->pos++;
	for (;;) {
		int c = peek(j);
		if (c == '"') {
			j->pos++;
			return true;
		}
		if (c == '\\') {
			if (!scan_escape(j))
				return false;
			continue;
		}
		/* One test keeps printable ASCII on the fast path; the end of
		 * input (-1), control bytes and UTF-8 fall out of it. */
		if ((unsigned)c - 0x20 < 0x60) {
			j->pos++;
			continue;
		}
		if (c >= 0x80) {
			if (!scan_utf8(j))
				return false;
			continue;
		}
		if (c < 0) {
			error_at(j, j->mark + start, "JSON syntax error: "
			         "unterminated string");
			return false;
		}
		if (c == 0) {
			error_at(j, j->pos, "a NUL byte inside a string");
			return false;
		}
		if (c == '\n' || c == '\r') {
			error_at(j, j->pos, "JSON syntax error: unterminated string: "
			         "expected '\"' before the end of the line");
			return false;
		}
		error_at(j, j->pos, "JSON syntax error: a control character "
		         "(byte 0x%02x) inside a string must be escaped", c);
		return false;
	}
}

/*
 * cJSON keeps a number only as a double, but an id must stay as written
 * (12.50 is not 12.5) and a message should quote what the file says.  So
 * the number tokens of a span are listed here, in document order, which is
 * the order in which convert() meets them.
 */
struct numtoks {
	const char *src;
	struct numtok {
		size_t start;
		size_t len;
	} *tok;
	size_t count;
	size_t cap;       /* kept from customer to customer: no malloc each */
	size_t next;      /* the token convert() takes next */
};

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Skip the number token at pos: the bytes that may make up a number, as
 * cJSON takes them.  They are checked against RFC 8259 on the way,
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and the first token
 * that breaks it is noted in j->badnum, with the byte that the message is
 * about: the leading zero, the point or the e without digits, or the byte
 * after the number's end.
 */
static void scan_number(struct js *j)
{
	size_t start = j->pos - j->mark, bad = start;
	const char *why = NULL;
	int c = peek(j);
	if (c == '-')
		c = advance(j);
	if (c == '0') {
		bad = j->pos - j->mark;
		c = advance(j);
		if (is_digit(c))
			why = "JSON numbers cannot have leading zeros";
	} else if (is_digit(c)) {
		do
			c = advance(j);
		while (is_digit(c));
	} else if (c == '.') {
		bad = j->pos - j->mark;
		why = "a digit must come before the decimal point";
	} else if (c == '+' && j->pos - j->mark == start) {
		why = "JSON numbers cannot start with '+'";
	} else {
		why = "a digit must follow the minus sign";
	}
	if (why == NULL && c == '.') {
		bad = j->pos - j->mark;
		c = advance(j);
		if (!is_digit(c))
			why = "a digit must follow the decimal point";
		while (is_digit(c))
			c = advance(j);
	}
	if (why == NULL && (c == 'e' || c == 'E')) {
		bad = j->pos - j->mark;
		c = advance(j);
		if (c == '+' || c == '-')
			c = advance(j);
		if (!is_digit(c))
			why = "a digit must follow the exponent";
		while (is_digit(c))
			c = advance(j);
	}
	size_t end = j->pos - j->mark;
	/* The token goes on as far as cJSON's would (1.5.5, 1-2). */
	while (is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' ||
	       c == 'E')
		c = advance(j);
	if (why == NULL && j->pos - j->mark != end)
		bad = end;
	else if (why == NULL)
		return;
	if (!j->badnum.set) {
		struct badnum *b = &j->badnum;
		b->set = true;
		b->at = start;
		b->len = j->pos - j->mark - start;
		b->bad = bad - start;
		b->why = why;
	}
}

/* Append the token s[start..start+len) to t; false when out of memory. */
static bool numtoks_add(struct numtoks *t, size_t start, size_t len)
{
	if (t->count == t->cap) {
		struct numtok *a = fl_grow(t->tok, &t->cap, sizeof(*a), 16);
		if (a == NULL)
			return false;
		t->tok = a;
	}
	t->tok[t->count].start = start;
	t->tok[t->count].len = len;
	t->count++;
	return true;
}

/* Note the number token at pos (relative to the mark) and skip it. */
static bool record_number(struct js *j)
{
	struct numtoks *t = j->nums;
	size_t start = j->pos - j->mark;
	scan_number(j);
	return t == NULL || numtoks_add(t, start, j->pos - j->mark - start);
}

/* Scan one value from pos to just past its end; checks nesting depth. */
static bool skip_value(struct js *j, int depth)
{
	/* The number tokens are noted on the way (see struct numtoks), so
	 * the customer's bytes need no second pass. */
	if (j->nums != NULL)
		j->nums->count = 0;
	int c = peek(j);
	if (c == '"')
		return scan_string(j);
	if (c == '{' || c == '[') {
		int level = 0;
		for (;;) {
			c = peek(j);
			if (c < 0) {
				error_at(j, j->pos, "JSON syntax error: unexpected end "
				         "of input inside %s",
				         depth > 1 ? "a customer" : "a value");
				return false;
			}
			if (c == '"') {
				if (!scan_string(j))
					return false;
				continue;
			}
			if (c == 0) {
				error_at(j, j->pos, "a NUL byte in the input");
				return false;
			}
			if (c == '-' || is_digit(c) || c == '+' || c == '.') {
				if (!record_number(j)) {
					j->ctx->nomem = true;
					j->failed = true;
					return false;
				}
				continue;
			}
			j->pos++;
			if (c == '{' || c == '[') {
				if (++level + depth > FL_MAX_DEPTH) {
					error_at(j, j->pos - 1, "nesting deeper than %d "
					         "levels", FL_MAX_DEPTH);
					return false;
				}
			} else if (c == '}' || c == ']') {
				if (--level == 0)
					return true;
			}
		}
	}
	size_t start = j->pos - j->mark;
	if ((c == '-' || is_digit(c) || c == '+' || c == '.') &&
	    !record_number(j)) {
		j->ctx->nomem = true;
		j->failed = true;
		return false;
	}
	for (;;) {
		c = peek(j);
		if (c < 0 || c == ',' || c == ']' || c == '}' || c == ' ' ||
		    c == '\t' || c == '\n' || c == '\r')
			break;
		if (c == 0) {
			error_at(j, j->pos, "a NUL byte in the input");
			return false;
		}
		j->pos++;
	}
	if (j->pos == j->mark + start) {
		unexpected(j, "a value");
		return false;
	}
	return true;
}

static bool list_numbers(const char *s, size_t n, struct numtoks *t)
{
	t->src = s;
	t->count = 0;
	t->next = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++) {
				if (s[i] == '\\')
					i++;
			}
			continue;
		}
		if (c != '-' && (c < '0' || c > '9'))
			continue;
		size_t k = i;
		while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '-' ||
		                 s[k] == '+' || s[k] == '.' || s[k] == 'e' ||
		                 s[k] == 'E'))
			k++;
		if (!numtoks_add(t, i, k - i))
			return false;
		i = k - 1;
	}
	return true;
}

static void numtoks_release(struct numtoks *t)
{
	free(t->tok);
}

static fl_node *convert(struct js *j, const cJSON *v, struct numtoks *t)
{
	fl_arena *a = j->ctx->scratch;
	fl_node *n;
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		n = fl_node_new(a, cJSON_IsObject(v) ? FL_NODE_MAP : FL_NODE_SEQ);
		if (n == NULL)
			return NULL;
		for (const cJSON *c = v->child; c != NULL; c = c->next) {
			fl_node *k = convert(j, c, t);
			if (k == NULL)
				return NULL;
			if (n->kind == FL_NODE_MAP) {
				k->key = c->string != NULL ? c->string : "";
				k->key_len = strlen(k->key);
				if (j->copy && (k->key = fl_arena_strndup(a, k->key,
				                                         k->key_len)) == NULL)
					return NULL;
			}
			fl_node_append(n, k);
		}
		return n;
	}
	n = fl_node_new(a, FL_NODE_SCALAR);
	if (n == NULL)
		return NULL;
	if (cJSON_IsString(v)) {
		n->scalar = FL_SCALAR_STRING;
		n->text = v->valuestring;
		n->len = strlen(v->valuestring);
		if (j->copy && (n->text = fl_arena_strndup(a, n->text, n->len)) == NULL)
			return NULL;
	} else if (cJSON_IsNumber(v)) {
		if (t != NULL && t->next < t->count) {
			size_t k = t->next++;
			char *txt = fl_arena_strndup(a, t->src + t->tok[k].start,
			                             t->tok[k].len);
			if (txt == NULL)
				return NULL;
			n->scalar = FL_SCALAR_NUMBER;
			n->text = txt;
			n->len = t->tok[k].len;
			return n;
		}
		/* Without a token list (or should it disagree with cJSON):
		 * the shortest form of the double. */
		if (!isfinite(v->valuedouble)) {
			n->scalar = FL_SCALAR_OVERFLOW;
			return n;
		}
		char tmp[FL_SHORTEST_MAX];
		size_t len = fl_fmt_shortest(tmp, v->valuedouble);
		char *txt = fl_arena_strndup(a, tmp, len);
		if (txt == NULL)
			return NULL;
		n->scalar = FL_SCALAR_NUMBER;
		n->text = txt;
		n->len = len;
	} else if (cJSON_IsBool(v)) {
		n->scalar = FL_SCALAR_BOOL;
		n->text = cJSON_IsTrue(v) ? "true" : "false";
		n->len = strlen(n->text);
	} else {
		n->scalar = FL_SCALAR_NULL;
	}
	return n;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What a JSON parser expects next. */
enum expect {
	EX_VALUE,          /* at the start, after ':' or after ',' in an array */
	EX_VALUE_OR_END,   /* after '[' */
	EX_KEY,            /* after ',' in an object */
	EX_KEY_OR_END,     /* after '{' */
	EX_COLON,          /* after a key */
	EX_MORE_OBJECT,    /* after a value in an object: ',' or '}' */
	EX_MORE_ARRAY,     /* after a value in an array: ',' or ']' */
	EX_STRING,         /* inside a string */
	EX_NOTHING,        /* after the whole value */
};

/*
 * What a parser expects after the JSON text s[0..n), which cJSON has read
 * without complaint.  Only asked after an error, so a second look at the
 * bytes costs the success path nothing.
 */
static enum expect expect_after(const char *s, size_t n)
{
	uint64_t objects = 0;  /* bit d - 1: the container at depth d is an
	                          object (skip_value allows 64 levels) */
	int depth = 0;
	enum expect e = EX_VALUE;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool value = false;
		switch (c) {
		case ' ': case '\t': case '\n': case '\r':
			break;
		case '"':
			for (i++; i < n && s[i] != '"'; i++) {
				if (s[i] == '\\')
					i++;
			}
			if (i >= n)
				return EX_STRING;
			if (e == EX_KEY || e == EX_KEY_OR_END)
				e = EX_COLON;
			else
				value = true;
			break;
		case '{': case '[':
			/* Closing brackets of broken input can take depth below
			 * 0: such levels have no bit. */
			if (depth >= 0 && depth < 64) {
				uint64_t bit = (uint64_t)1 << depth;
				objects = c == '{' ? objects | bit : objects & ~bit;
			}
			depth++;
			e = c == '{' ? EX_KEY_OR_END : EX_VALUE_OR_END;
			break;
		case '}': case ']':
			depth--;
			value = true;
			break;
		case ':':
			e = EX_VALUE;
			break;
		case ',':
			e = depth > 0 && depth <= 64 &&
			    (objects >> (depth - 1) & 1) ? EX_KEY : EX_VALUE;
			break;
		default:
			/* A number or a literal runs to the next delimiter. */
			while (i + 1 < n && !is_space(s[i + 1]) && s[i + 1] != ',' &&
			       s[i + 1] != ']' && s[i + 1] != '}' && s[i + 1] != ':')
				i++;
			value = true;
			break;
		}
		if (value)
			e = depth <= 0 ? EX_NOTHING :
			    depth <= 64 && (objects >> (depth - 1) & 1) ?
			    EX_MORE_OBJECT : EX_MORE_ARRAY;
	}
	return e;
}

static bool word_at(const char *s, size_t len, size_t at, const char *w)
{
	size_t n = strlen(w);
	return len - at >= n && strncasecmp(s + at, w, n) == 0;
}

/*
 * cJSON refused the JSON text s[0..len), which starts at buf[start], and
 * stopped at `end`.  cJSON does not say why; what a parser expects at that
 * byte (expect_after) usually can.  Shared by customers, top-level values
 * and whole small documents (fl_json_tree), so all say the same.
 */
static void cjson_error(struct js *j, size_t start, size_t len,
                        const char *end)
{
	const char *s = j->r->buf + start;
	size_t at = end != NULL && end >= s ? (size_t)(end - s) : 0;
	if (at > len)
		at = len;
	/* Where a key should be, cJSON points one past the byte it refused
	 * (parse_string sets its error offset past the byte it expected to
	 * be a quote); that byte is the place to show.  The '}' of `{}` is
	 * no refused key. */
	enum expect e = EX_VALUE;
	char prev = at > 0 ? s[at - 1] : ' ';
	if (at > 0 && prev != '"' && !is_space(prev) &&
	    ((e = expect_after(s, at - 1)) == EX_KEY ||
	     (e == EX_KEY_OR_END && prev != '}')))
		at--;
	else
		e = expect_after(s, at);
	int c = at < len ? (unsigned char)s[at] : -1;
	char what[32];
	describe_char(c, what, sizeof(what));
	size_t k = at;   /* just past the last byte before `at` that is not space */
	while (k > 0 && is_space(s[k - 1]))
		k--;
	prev = k > 0 ? s[k - 1] : ' ';
	size_t pos = start + at;
	if ((c == '}' || c == ']') && prev == ',' &&
	    (e == EX_KEY || e == EX_VALUE)) {
		error_at(j, start + k - 1, "JSON syntax error: trailing comma "
		         "before '%c'", c);
	} else if (c == '/' || (c == '*' && at > 0 && s[at - 1] == '/')) {
		/* cJSON may stop one byte into the comment. */
		error_at(j, at > 0 && s[at - 1] == '/' ? pos - 1 : pos,
		         "JSON does not allow comments");
	} else if (e == EX_STRING) {
		error_at(j, pos, "JSON syntax error: a \\u escape holds half of a "
		         "UTF-16 surrogate pair without the other half");
	} else if ((e == EX_MORE_OBJECT || e == EX_MORE_ARRAY) &&
	           at == k && prev >= '0' && prev <= '9' &&
	           (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		error_at(j, pos, "JSON syntax error: %s after a number: expected "
		         "a plain decimal number (no hex, 1_000 or 12k)", what);
	} else if (e == EX_KEY || e == EX_KEY_OR_END) {
		error_at(j, pos, "JSON syntax error: expected a key in double "
		         "quotes, found %s", what);
	} else if (e == EX_COLON) {
		error_at(j, pos, "JSON syntax error: expected ':' after a key, "
		         "found %s", what);
	} else if (e == EX_MORE_OBJECT || e == EX_MORE_ARRAY) {
		error_at(j, pos, "JSON syntax error: expected ',' or '%c', found %s",
		         e == EX_MORE_OBJECT ? '}' : ']', what);
	} else if (e == EX_NOTHING) {
		error_at(j, pos, "JSON syntax error at %s", what);
	} else if (word_at(s, len, at, "inf") || word_at(s, len, at, "nan")) {
		error_at(j, pos, "JSON syntax error: expected a value, found %s "
		         "(JSON has no Infinity or NaN)", what);
	} else {
		error_at(j, pos, "JSON syntax error: expected a value (a string, "
		         "number, object, array, true, false or null), found %s",
		         what);
	}
}

/*
 * Parse buf[start..pos) with cJSON and hand the tree to `use`.  The cJSON
 * strings must outlive the node tree, so the cJSON tree is deleted only
 * after `use` has run.
 */
static bool parse_span(struct js *j, size_t start, const char *key,
                       bool customer)
{
	const char *s = j->r->buf + start;
	size_t len = j->pos - start;
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(s, len, &end, 0);
	if (v == NULL) {
		cjson_error(j, start, len, end);
		return false;
	}
	if (j->badnum.set) {
		cJSON_Delete(v);
		bad_number(j);
		return false;
	}
	j->nums->src = s;
	j->nums->next = 0;
	fl_node *n = convert(j, v, j->nums);
	if (n == NULL) {
		j->ctx->nomem = true;
		j->failed = true;
	} else if (customer) {
		fl_schema_customer(j->ctx, n);
	} else {
		n->key = key;
		n->key_len = strlen(key);
		fl_schema_top(j->ctx, n);
	}
	cJSON_Delete(v);
	fl_arena_reset(j->ctx->scratch);
	return !j->failed && !j->ctx->nomem;
}

/* Step past the opening bracket at pos: true when `close` follows, the
 * array or object is empty, and then past that too. */
static bool is_empty(struct js *j, int close)
{
	j->pos++;
	skip_ws(j);
	if (peek(j) != close)
		return false;
	j->pos++;
	return true;
}

/* Skip to the next item of an array or object, and mark it: false
 * (reported) when `close` ends the array or object there, after a comma. */
static bool next_item(struct js *j, int close)
{
	skip_ws(j);
	j->mark = j->pos;
	if (peek(j) != close)
		return true;
	error_at(j, j->pos, "JSON syntax error: trailing comma before '%c'",
	         close);
	return false;
}

/* The customers array; pos is on its '['. */
static bool customers(struct js *j)
{
	j->ctx->seen_customers = true;
	if (is_empty(j, ']'))
		return true;
	for (;;) {
		if (!next_item(j, ']'))
			return false;
		if (!skip_value(j, 2) || !parse_span(j, j->mark, NULL, true))
			return false;
		skip_ws(j);
		j->mark = j->pos;
		int c = peek(j);
		j->pos++;
		if (c == ']')
			return true;
		if (c != ',') {
			j->pos--;
			unexpected(j, "',' or ']' after a customer");
			return false;
		}
	}
}

/* What a value starting with c is; a byte that starts no JSON value is
 * shown as itself (buf). */
static const char *value_kind(int c, char *buf, size_t n)
{
	switch (c) {
	case '{': return "an object";
	case '"': return "a string";
	case 't': case 'f': return "a boolean";
	case 'n': return "null";
	case '-': case '0': case '1': case '2': case '3': case '4': case '5':
	case '6': case '7': case '8': case '9': return "a number";
	default:
		describe_char(c, buf, n);
		return buf;
	}
}

/* The top-level object; pos is on its '{'. */
static void top_object(struct js *j)
{
	fl_arena *keys = fl_arena_new();
	fl_node *seen = keys ? fl_node_new(keys, FL_NODE_MAP) : NULL;
	size_t obj = j->pos;
	if (seen == NULL) {
		j->ctx->nomem = true;
		goto out;
	}
	if (is_empty(j, '}'))
		goto done;
	for (;;) {
		if (!next_item(j, '}'))
			goto out;
		if (peek(j) != '"') {
			unexpected(j, "a key in double quotes");
			goto out;
		}
		if (!scan_string(j))
			goto out;
		size_t ks = j->mark;
		cJSON *kj = cJSON_ParseWithLength(j->r->buf + ks, j->pos - ks);
		if (kj == NULL || !cJSON_IsString(kj)) {
			cJSON_Delete(kj);
			error_at(j, ks, "JSON syntax error: invalid key");
			goto out;
		}
		fl_node *k = fl_node_new(keys, FL_NODE_SCALAR);
		char *kt = k ? fl_arena_strndup(keys, kj->valuestring,
		                                strlen(kj->valuestring)) : NULL;
		cJSON_Delete(kj);
		if (kt == NULL) {
			j->ctx->nomem = true;
			goto out;
		}
		k->key = kt;
		k->key_len = strlen(kt);
		fl_node_append(seen, k);
		skip_ws(j);
		if (peek(j) != ':') {
			unexpected(j, "':' after a key");
			goto out;
		}
		j->pos++;
		skip_ws(j);
		j->mark = j->pos;
		if (strcmp(kt, "customers") == 0) {
			int c = peek(j);
			if (c != '[') {
				j->ctx->seen_customers = true;
				char what[32];
				describe_char(c, what, sizeof(what));
				if (c < 0)
					error_at(j, j->pos, "JSON syntax error: expected "
					         "a value, found %s", what);
				else
					error_at(j, j->pos, "customers must be an array of "
					         "customers, found %s", value_kind(c, what,
				                                      sizeof(what)));
				goto out;
			}
			if (!customers(j))
				goto out;
		} else {
			/* The top object is level 1: the value's first bracket
			 * is level 2, as the customers array is. */
			if (!skip_value(j, 1) || !parse_span(j, j->mark, kt, false))
				goto out;
		}
		skip_ws(j);
		int c = peek(j);
		if (c == '}') {
			j->pos++;
			break;
		}
		if (c != ',') {
			unexpected(j, "',' or '}'");
			goto out;
		}
		j->pos++;
	}
done: {
	bool oom;
	const fl_node *dup = fl_node_find_duplicate(seen, &oom);
	if (oom)
		j->ctx->nomem = true;
	if (dup != NULL)
		fl_load_error(j->ctx, 0, 0, dup->key, "duplicate key \"%s\"",
		              dup->key);
	if (!j->ctx->seen_customers)
		error_at(j, obj, "no customers: expected a \"customers\" key "
		         "with an array of customers");
}
out:
	fl_arena_free(keys);
}

static void json_doc(fl_load_ctx *ctx, fl_reader *r, struct numtoks *nums)
{
	struct js j = { .ctx = ctx, .r = r, .nums = nums };
	if (peek(&j) == 0xEF)
		j.pos = fl_utf8_bom(r->buf, r->len);
	skip_ws(&j);
	j.mark = j.pos;
	int c = peek(&j);
	if (c < 0) {
		if (!j.failed)
			fl_load_error(ctx, 0, 0, NULL, "the input is empty: expected "
			              "a portfolio with a list of customers");
		return;
	}
	if (c == '{') {
		top_object(&j);
	} else if (c == '[') {
		customers(&j);
	} else if (c == '/') {
		unexpected(&j, "a JSON object or array");
	} else {
		char what[32];
		error_at(&j, j.pos, "expected a JSON object with \"customers\" or "
		         "an array of customers, found %s",
		         value_kind(c, what, sizeof(what)));
	}
	if (j.failed || ctx->nomem)
		return;
	skip_ws(&j);
	j.mark = j.pos;
	c = peek(&j);
	if (c >= 0) {
		char what[32];
		describe_char(c, what, sizeof(what));
		error_at(&j, j.pos, "unexpected %s after the end of the JSON "
		         "document", what);
	}
}

fl_node *fl_json_tree(fl_load_ctx *ctx, fl_reader *r)
{
	struct js j = { .ctx = ctx, .r = r, .copy = true };
	if (peek(&j) == 0xEF)
		j.pos = fl_utf8_bom(r->buf, r->len);
	skip_ws(&j);
	size_t start = j.pos;
	if (peek(&j) < 0) {
		if (!j.failed)
			fl_load_error(ctx, 0, 0, NULL, "the input is empty");
		return NULL;
	}
	if (!skip_value(&j, 0))
		return NULL;
	const char *s = r->buf + start;
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(s, j.pos - start, &end, 0);
	if (v == NULL) {
		cjson_error(&j, start, j.pos - start, end);
		return NULL;
	}
	if (j.badnum.set) {
		cJSON_Delete(v);
		bad_number(&j);
		return NULL;
	}
	struct numtoks t;
	memset(&t, 0, sizeof(t));
	fl_node *n = NULL;
	if (list_numbers(s, j.pos - start, &t))
		n = convert(&j, v, &t);
	numtoks_release(&t);
	cJSON_Delete(v);
	if (n == NULL) {
		ctx->nomem = true;
		return NULL;
	}
	skip_ws(&j);
	if (peek(&j) >= 0) {
		error_at(&j, j.pos, "unexpected data after the end of the JSON "
		         "document");
		return NULL;
	}
	return n;
}

/* JSON Lines: one customer object per line; blank lines are skipped. */
static void json_lines(fl_load_ctx *ctx, fl_reader *r, struct numtoks *nums)
{
	struct js j = { .ctx = ctx, .r = r, .nums = nums };
	unsigned long line = 1;
	if (peek(&j) == 0xEF)
		j.pos = fl_utf8_bom(r->buf, r->len);
	ctx->seen_customers = true;
	for (;;) {
		int c;
		while ((c = peek(&j)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (c == '\n')
				line++;
			j.pos++;
		}
		if (c < 0 || j.failed)
			return;
		j.mark = j.pos;
		if (c != '{') {
			char what[32];
			describe_char(c, what, sizeof(what));
			error_at(&j, j.pos, "expected a customer object at the start "
			         "of the line, found %s", what);
			return;
		}
		ctx->line = line;
		if (!skip_value(&j, 2))
			return;
		if (memchr(r->buf + j.mark, '\n', j.pos - j.mark) != NULL) {
			error_at(&j, j.mark, "JSON Lines holds one customer per line: "
			         "this object spans several lines");
			return;
		}
		if (!parse_span(&j, j.mark, NULL, true))
			return;
		while ((c = peek(&j)) == ' ' || c == '\t' || c == '\r')
			j.pos++;
		if (c >= 0 && c != '\n') {
			char what[32];
			describe_char(c, what, sizeof(what));
			error_at(&j, j.pos, "unexpected %s after the customer: JSON "
			         "Lines holds one customer per line", what);
			return;
		}
	}
}

void fl_load_json(fl_load_ctx *ctx, fl_reader *r)
{
	struct numtoks nums;
	memset(&nums, 0, sizeof(nums));
	json_doc(ctx, r, &nums);
	numtoks_release(&nums);
}

void fl_load_jsonl(fl_load_ctx *ctx, fl_reader *r)
{
	struct numtoks nums;
	memset(&nums, 0, sizeof(nums));
	json_lines(ctx, r, &nums);
	numtoks_release(&nums);
}

/* ---- the scanner for the other JSON readers (json_scan.h) ---- */

#include "load/json_scan.h"

struct fl_json_scan {
	struct js j;
	struct numtoks nums;
};

fl_json_scan *fl_json_scan_new(fl_load_ctx *ctx, fl_reader *r)
{
	fl_json_scan *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	/* Strings are copied: the cJSON tree of a value is gone when the
	 * caller reads its nodes. */
	s->j.ctx = ctx;
	s->j.r = r;
	s->j.nums = &s->nums;
	s->j.copy = true;
	if (peek(&s->j) == 0xEF)
		s->j.pos = fl_utf8_bom(r->buf, r->len);
	return s;
}

void fl_json_scan_free(fl_json_scan *s)
{
	if (s == NULL)
		return;
	numtoks_release(&s->nums);
	free(s);
}

bool fl_json_scan_failed(const fl_json_scan *s)
{
	return s->j.failed || s->j.ctx->nomem;
}

int fl_json_scan_next(fl_json_scan *s)
{
	if (fl_json_scan_failed(s))
		return -1;
	skip_ws(&s->j);
	s->j.mark = s->j.pos;
	int c = peek(&s->j);
	return fl_json_scan_failed(s) ? -1 : c;
}

void fl_json_scan_step(fl_json_scan *s)
{
	s->j.pos++;
}

void fl_json_scan_unexpected(fl_json_scan *s, const char *expected)
{
	unexpected(&s->j, expected);
}

void fl_json_scan_error(fl_json_scan *s, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_at(&s->j, s->j.pos, "%s", msg);
}

const char *fl_json_scan_key(fl_json_scan *s, fl_arena *a)
{
	struct js *j = &s->j;
	if (fl_json_scan_failed(s))
		return NULL;
	if (peek(j) != '"') {
		unexpected(j, "a key in double quotes");
		return NULL;
	}
	j->mark = j->pos;
	if (!scan_string(j))
		return NULL;
	size_t ks = j->mark;
	cJSON *kj = cJSON_ParseWithLength(j->r->buf + ks, j->pos - ks);
	if (kj == NULL || !cJSON_IsString(kj)) {
		cJSON_Delete(kj);
		error_at(j, ks, "JSON syntax error: invalid key");
		return NULL;
	}
	char *k = fl_arena_strndup(a, kj->valuestring, strlen(kj->valuestring));
	cJSON_Delete(kj);
	if (k == NULL) {
		j->ctx->nomem = true;
		j->failed = true;
	}
	return k;
}

/* skip_value from the position, marked: a number that is not JSON is
 * noted in j->badnum (relative to this mark), not reported yet. */
static bool scan_skip_marked(fl_json_scan *s, int depth)
{
	if (fl_json_scan_failed(s))
		return false;
	s->j.mark = s->j.pos;
	return skip_value(&s->j, depth);
}

bool fl_json_scan_skip(fl_json_scan *s, int depth)
{
	if (!scan_skip_marked(s, depth))
		return false;
	/* Reported now, while the mark that its offsets count from holds:
	 * the value is never parsed, and the next mark would move it. */
	if (s->j.badnum.set) {
		bad_number(&s->j);
		return false;
	}
	return true;
}

fl_node *fl_json_scan_value(fl_json_scan *s, int depth)
{
	struct js *j = &s->j;
	if (!scan_skip_marked(s, depth))
		return NULL;
	/* The mark, not a copy taken before: a refill moves the window. */
	size_t start = j->mark, len = j->pos - start;
	const char *str = j->r->buf + start, *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(str, len, &end, 0);
	if (v == NULL) {
		cjson_error(j, start, len, end);
		return NULL;
	}
	if (j->badnum.set) {
		cJSON_Delete(v);
		bad_number(j);
		return NULL;
	}
	j->nums->src = str;
	j->nums->next = 0;
	fl_node *n = convert(j, v, j->nums);
	cJSON_Delete(v);
	if (n == NULL) {
		j->ctx->nomem = true;
		j->failed = true;
	}
	return n;
}
