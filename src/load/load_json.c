/*
 * load_json.c - JSON to customer records, one customer at a time.
 *
 * One recursive-descent parser reads the bytes through the reader's window
 * and builds each customer as a small fl_node tree in the scratch arena,
 * token by token: the window holds one token, never a customer, and the
 * whole document is never one tree.  The value of a key that nothing reads
 * (an unknown key, without --strict) is checked as it is read and never
 * built, and white space and the bytes of skipped strings leave the window
 * as they are read: memory follows the customers, not the file's size.
 * Nesting is at most FL_MAX_DEPTH, so the recursion is bounded.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/chunks.h"
#include "load/fields.h"
#include "load/load.h"

/*
 * A number token that RFC 8259 does not allow (01, 1., 1.e5, -.5, +1):
 * offsets count from the mark, which holds still while it is scanned.
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
	size_t mark;    /* nothing before it may be discarded (but see flow) */
	bool failed;
	/* While set, bytes before pos - 16 may leave the window too: white
	 * space and skipped strings are not kept. */
	bool flow;
	/* An input offset an error may point at after it left the window
	 * (the start of a string, a comma), with its position once saved. */
	size_t pin;
	bool pin_saved;
	unsigned long pin_line, pin_col;
	bool escaped;   /* the last string scanned holds a backslash */
	size_t num_end; /* input offset just past the last number token */
	unsigned long newlines;  /* newlines skipped as white space */
	const char *inside;      /* "a customer" or "a value", for messages */
	struct badnum badnum;
	int level;        /* nesting level of the innermost open bracket */
	int first_level;  /* that of the customer's (or value's) own bracket */
	/* With jobs: the input offset before which customers are read on
	 * this thread, not in chunks (after a chunk the merge refused). */
	size_t seq_until;
	/* With jobs: the threads' arenas of strings (fl_split.strings). */
	fl_arena *strings[FL_JOBS_MAX];
};

/* The input offset of the byte at pos. */
static size_t here(const struct js *j)
{
	return j->r->base + j->pos;
}

static void set_pin(struct js *j, size_t at)
{
	j->pin = at;
	j->pin_saved = false;
}

/* Read more input, discarding what nothing needs any more. */
static void refill(struct js *j)
{
	fl_reader *r = j->r;
	size_t keep = j->mark;
	if (j->flow && j->pos > keep + 16)
		keep = j->pos - 16;
	if (!j->pin_saved && j->pin >= r->base && j->pin < r->base + keep) {
		fl_reader_position(r, j->pin - r->base, &j->pin_line, &j->pin_col);
		j->pin_saved = true;
	}
	size_t shift = fl_reader_fill(r, keep);
	if (shift == (size_t)-1) {
		j->ctx->nomem = true;
		j->failed = true;
		return;
	}
	j->pos -= shift;
	j->mark = keep - shift;
}

/* The byte at pos, reading more input as needed; -1 at end of input. */
static int peek(struct js *j)
{
	fl_reader *r = j->r;
	while (j->pos >= r->len) {
		if (r->eof || r->err || j->failed)
			return -1;
		refill(j);
	}
	return (unsigned char)r->buf[j->pos];
}

/* The byte after pos, which moves on. */
static int advance(struct js *j)
{
	j->pos++;
	return peek(j);
}

/* Bring n bytes from pos into the window, where the input has them. */
static void want(struct js *j, size_t n)
{
	j->pos += n - 1;
	peek(j);
	j->pos -= n - 1;
}

/* Report msg at input offset `at`: the pin's saved position when it has
 * left the window. */
static void report_at(struct js *j, size_t at, const char *msg)
{
	fl_reader *r = j->r;
	j->failed = true;
	unsigned long line, col;
	if (at >= r->base)
		fl_reader_position(r, at - r->base, &line, &col);
	else if (j->pin_saved && at == j->pin) {
		line = j->pin_line;
		col = j->pin_col;
	} else {
		fl_reader_position(r, 0, &line, &col);
	}
	fl_load_error(j->ctx, line, col, NULL, "%s", msg);
}

static void bad_number(struct js *j);

static void error_at(struct js *j, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void error_at(struct js *j, size_t at, const char *fmt, ...)
{
	if (j->failed)
		return;
	/* A number that is not JSON is noted, not reported, only while
	 * lexical_ahead looks past a syntax error: it came first. */
	if (j->badnum.set) {
		bad_number(j);
		return;
	}
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_at(j, at, msg);
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
	if (!j->failed)
		report_at(j, j->r->base + j->mark + b->at + b->bad, msg);
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

/*
 * White space, which leaves the window as it is read: 200 MB of blanks
 * cost no memory.  Newlines are counted for JSON Lines.
 */
static void skip_ws(struct js *j)
{
	j->flow = true;
	for (;;) {
		int c = peek(j);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		if (c == '\n')
			j->newlines++;
		j->pos++;
	}
	j->flow = false;
}

/* A byte-order mark at pos (whose first byte is c): report it, true. */
static bool odd_byte(struct js *j, int c)
{
	if (c != 0xEF)
		return false;
	want(j, 3);
	const fl_reader *r = j->r;
	if (fl_utf8_bom(r->buf + j->pos, r->len - j->pos) == 0)
		return false;
	error_at(j, here(j), "a byte-order mark (U+FEFF) inside the document: "
	         "a file may start with one, nowhere else");
	return true;
}

/* Inside a value, a NUL byte too has a message of its own. */
static bool inner_odd(struct js *j, int c)
{
	if (c == 0) {
		error_at(j, here(j), "a NUL byte in the input");
		return true;
	}
	return odd_byte(j, c);
}

/* Byte c at pos where it does not belong: "BEFORE<c described>AFTER",
 * unless odd_byte reports it in words of its own. */
static void unexpected_byte(struct js *j, int c, const char *before,
                            const char *after)
{
	if (odd_byte(j, c))
		return;
	char what[32];
	describe_char(c, what, sizeof(what));
	error_at(j, here(j), "%s%s%s", before, what, after);
}

static void unexpected(struct js *j, const char *expected)
{
	int c = peek(j);
	char what[32];
	describe_char(c, what, sizeof(what));
	if (odd_byte(j, c))
		return;
	if (c == '/')
		error_at(j, here(j), "JSON does not allow comments: expected %s",
		         expected);
	else
		error_at(j, here(j), "JSON syntax error: expected %s, found %s",
		         expected, what);
}

/* The end of input inside a value, unless a read error ended it (which
 * the caller reports). */
static void end_inside(struct js *j)
{
	if (j->r->err != 0 || j->failed) {
		j->failed = true;
		return;
	}
	error_at(j, here(j), "JSON syntax error: unexpected end of input "
	         "inside %s", j->inside);
}

/*
 * The UTF-8 character whose first byte (0x80 or more) is at pos: step
 * past it, or report it, in fl_utf8_char's words and at the character's
 * first byte, as the YAML loader does.
 */
static bool scan_utf8(struct js *j)
{
	want(j, 4);
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
	error_at(j, here(j), "the input is not valid UTF-8: %s (byte %zu)", why,
	         here(j) + 1);
	return false;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The four hex digits after "\u" (pos on the 'u'), into *code; pos ends on
 * the last digit.  -1 at the end of input, 0 on a byte that is no hex
 * digit (pos on it), 1 done.
 */
static int scan_hex4(struct js *j, unsigned *code)
{
	*code = 0;
	for (int k = 0; k < 4; k++) {
		int h = advance(j);
		if (h < 0)
			return -1;
		int v = hex_value(h);
		if (v < 0)
			return 0;
		*code = *code << 4 | (unsigned)v;
	}
	return 1;
}

/*
 * The escape at pos (on the backslash): step past it, or report it.  At the
 * end of input it stops there, for scan_string to report the string.  A
 * \u escape of half a surrogate pair must be followed by the other half.
 */
static bool scan_escape(struct js *j)
{
	size_t at = here(j);
	int c = advance(j);
	if (c == 'u') {
		unsigned code;
		int got = scan_hex4(j, &code);
		if (got < 0)
			return true;
		if (got == 0) {
			error_at(j, at, "JSON syntax error: \\u must be followed by "
			         "four hex digits");
			return false;
		}
		if (code == 0) {
			/* \u0000 would cut the text short: refuse it. */
			error_at(j, at, "\\u0000 (a NUL character) is not allowed "
			         "in text");
			return false;
		}
		if (code >= 0xD800 && code <= 0xDBFF) {
			/* The low half in a variable of its own: a \u without
			 * four hex digits after a high half must leave `code`
			 * high, to be refused below (string_text decodes only
			 * what passed here). */
			unsigned lo = 0;
			c = advance(j);
			if (c == '\\')
				c = advance(j);
			else if (c >= 0)
				c = 0;
			if (c == 'u') {
				got = scan_hex4(j, &lo);
				if (got == 1 && lo >= 0xDC00 && lo <= 0xDFFF)
					code = 0;
			} else {
				got = c < 0 ? -1 : 0;
			}
			if (got < 0)
				return true;
		}
		if (code >= 0xD800 && code <= 0xDFFF) {
			error_at(j, at, "JSON syntax error: a \\u escape holds half "
			         "of a UTF-16 surrogate pair without the other half");
			return false;
		}
	} else if (c < 0) {
		return true;
	} else if (c == 0 || strchr("\"\\/bfnrt", c) == NULL) {
		char what[32];
		describe_char(c, what, sizeof(what));
		error_at(j, at, "JSON syntax error: invalid escape: %s after a "
		         "backslash (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
		         "and \\uXXXX)", what);
		return false;
	}
	j->pos++;
	return true;
}

/*
 * Scan a string starting at pos (on the quote) to just past its end.  A
 * string that is kept stays in the window from the mark; a skipped one
 * (flow) leaves it as it is read.
 */
static bool scan_string_body(struct js *j)
{
	size_t start = here(j);
	set_pin(j, start);
	j->escaped = false;
	j->pos++;
	for (;;) {
		int c = peek(j);
		if (c == '"') {
			j->pos++;
			return true;
		}
		if (c == '\\') {
			j->escaped = true;
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
			if (j->r->err != 0 || j->failed) {
				j->failed = true;
				return false;
			}
			error_at(j, start, "JSON syntax error: unterminated string");
			return false;
		}
		if (c == 0) {
			error_at(j, here(j), "a NUL byte inside a string");
			return false;
		}
		if (c == '\n' || c == '\r') {
			error_at(j, here(j), "JSON syntax error: unterminated string: "
			         "expected '\"' before the end of the line");
			return false;
		}
		error_at(j, here(j), "JSON syntax error: a control character "
		         "(byte 0x%02x) inside a string must be escaped", c);
		return false;
	}
}

static bool scan_string(struct js *j, bool keep)
{
	j->flow = !keep;
	bool ok = scan_string_body(j);
	j->flow = false;
	return ok;
}

/* UTF-8 of code point cp at d; returns the length. */
static size_t put_utf8(char *d, unsigned long cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | cp >> 6);
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | cp >> 12);
		d[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | cp >> 18);
	d[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	d[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static unsigned hex4(const char *s)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++)
		v = v << 4 | (unsigned)hex_value((unsigned char)s[k]);
	return v;
}

/*
 * The text of the string just scanned (from the mark to pos), unescaped,
 * NUL-terminated, in arena a; NULL when out of memory.  scan_string has
 * checked every escape, so this only decodes.
 */
static char *string_text(struct js *j, fl_arena *a, size_t *len)
{
	const char *s = j->r->buf + j->mark + 1;
	size_t n = j->pos - j->mark - 2;
	if (!j->escaped) {
		*len = n;
		return fl_arena_strndup(a, s, n);
	}
	/* No escape is shorter than what it stands for. */
	char *d = fl_arena_alloc(a, n + 1);
	if (d == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			d[k++] = s[i];
			continue;
		}
		char c = s[++i];
		switch (c) {
		case 'b': d[k++] = '\b'; break;
		case 'f': d[k++] = '\f'; break;
		case 'n': d[k++] = '\n'; break;
		case 'r': d[k++] = '\r'; break;
		case 't': d[k++] = '\t'; break;
		case 'u': {
			unsigned long cp = hex4(s + i + 1);
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned lo = hex4(s + i + 3);
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
			k += put_utf8(d + k, cp);
			break;
		}
		default: d[k++] = c; break;  /* " \ / */
		}
	}
	d[k] = '\0';
	*len = k;
	return d;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Scan the number token at pos, from the mark: the bytes that may make up
 * a number.  They are checked against RFC 8259,
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and a token that breaks
 * it is noted in j->badnum, with the byte that the message is about: the
 * leading zero, the point or the e without digits, or the byte after the
 * number's end.
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
	/* The token goes on as far as a number's bytes do (1.5.5, 1-2). */
	while (is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' ||
	       c == 'E')
		c = advance(j);
	j->num_end = here(j);
	if (why == NULL && j->pos - j->mark != end)
		bad = end;
	else if (why == NULL)
		return;
	struct badnum *b = &j->badnum;
	if (b->set)
		return;
	b->set = true;
	b->at = start;
	b->len = j->pos - j->mark - start;
	b->bad = bad - start;
	b->why = why;
}

static bool word_at(struct js *j, const char *w)
{
	size_t n = strlen(w);
	want(j, n);
	const fl_reader *r = j->r;
	return r->len - j->pos >= n && strncasecmp(r->buf + j->pos, w, n) == 0;
}

/*
 * A syntax error inside a customer (or a top-level value) is reported only
 * after the rest of it has been scanned for strings, brackets and the end
 * of input, and an error found there (or a number before it) is reported
 * instead: a quote missing in a string shows first as a syntax error after
 * the string, and "unterminated string" at the end of the line says what
 * is wrong.  Only runs on an error; the mark holds still, so the position
 * of the first error stays in the window.  True when it reported one.
 */
static bool lexical_ahead(struct js *j)
{
	int level = j->level;
	while (level >= j->first_level) {
		int c = peek(j);
		if (c < 0) {
			end_inside(j);
			return true;
		}
		if (c == '"') {
			if (!scan_string(j, true))
				break;
			continue;
		}
		if (c == 0) {
			error_at(j, here(j), "a NUL byte in the input");
			break;
		}
		if (c == '-' || is_digit(c) || c == '+' || c == '.') {
			scan_number(j);
			continue;
		}
		j->pos++;
		if (c == '{' || c == '[') {
			if (++level > FL_MAX_DEPTH) {
				error_at(j, here(j) - 1, "nesting deeper than %d levels",
				         FL_MAX_DEPTH);
				break;
			}
		} else if (c == '}' || c == ']') {
			level--;
		}
	}
	/* At the end of the customer without an error, the first one
	 * stands, unless the first error is a number's. */
	return j->failed;
}

static void syntax_error(struct js *j, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void syntax_error(struct js *j, size_t at, const char *fmt, ...)
{
	if (j->failed)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The lookahead reports through the same diagnostics list: hold its
	 * report back until it is known which one stands. */
	if (lexical_ahead(j))
		return;
	report_at(j, at, msg);
}

/*
 * No value can start with c, at pos.  At the start of a customer or of a
 * top-level value (`first`), a delimiter or the end of input is "expected
 * a value"; inside one, the list of what a value is.
 */
static void value_error(struct js *j, int c, bool first)
{
	char what[32];
	describe_char(c, what, sizeof(what));
	if (inner_odd(j, c))
		return;
	if (c < 0 && !first) {
		end_inside(j);
	} else if (c == '/') {
		syntax_error(j, here(j), "JSON does not allow comments");
	} else if (first && (c < 0 || c == ',' || c == ']' || c == '}')) {
		if (c < 0 && (j->r->err != 0 || j->failed))
			j->failed = true;
		else
			unexpected(j, "a value");
	} else if (word_at(j, "inf") || word_at(j, "nan")) {
		syntax_error(j, here(j), "JSON syntax error: expected a value, "
		             "found %s (JSON has no Infinity or NaN)", what);
	} else {
		syntax_error(j, here(j), "JSON syntax error: expected a value (a "
		             "string, number, object, array, true, false or "
		             "null), found %s", what);
	}
}

/* After a value inside an object or array: no ',' or `close` at pos. */
static void after_value_error(struct js *j, int c, int close)
{
	char what[32];
	describe_char(c, what, sizeof(what));
	if (inner_odd(j, c))
		return;
	if (c < 0)
		end_inside(j);
	else if (c == '/')
		syntax_error(j, here(j), "JSON does not allow comments");
	else if (j->num_end == here(j) && j->pos > 0 &&
	         is_digit(j->r->buf[j->pos - 1]) &&
	         (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		syntax_error(j, here(j), "JSON syntax error: %s after a number: "
		             "expected a plain decimal number (no hex, 1_000 or "
		             "12k)", what);
	else
		syntax_error(j, here(j), "JSON syntax error: expected ',' or '%c', "
		             "found %s", close, what);
}

/* A trailing comma, at the comma (the pin), before `close`. */
static void trailing_comma(struct js *j, int close)
{
	syntax_error(j, j->pin, "JSON syntax error: trailing comma before '%c'",
	             close);
}

/* A new node, or NULL after reporting that memory ran out. */
static fl_node *new_node(struct js *j, fl_node_kind kind)
{
	fl_node *n = fl_node_new(j->ctx->scratch, kind);
	if (n == NULL) {
		j->ctx->nomem = true;
		j->failed = true;
	}
	return n;
}

static bool value(struct js *j, int level, fl_load_in in, fl_node **out,
                  bool first);

/* A comma inside an object or array, at pos: step past it and the white
 * space after it, remembering where it was. */
static int comma(struct js *j)
{
	set_pin(j, here(j));
	j->pos++;
	skip_ws(j);
	return peek(j);
}

/* After an item of an object or array: past a comma (1: an item should
 * follow; *c is the byte there), or at `close` (0); -1 after an error
 * (reported). */
static int after_item(struct js *j, int close, int *c, bool *after_comma)
{
	skip_ws(j);
	*c = peek(j);
	if (*c == ',') {
		*c = comma(j);
		*after_comma = true;
		return 1;
	}
	if (*c == close)
		return 0;
	after_value_error(j, *c, close);
	return -1;
}

/* Step past the closing bracket of the container at `level`, built as n. */
static bool close_at(struct js *j, int level, fl_node **out, fl_node *n)
{
	j->pos++;
	j->level = level - 1;
	if (out != NULL)
		*out = n;
	return true;
}

/* The object at pos (on its '{'); *out as for value(). */
static bool object(struct js *j, int level, fl_load_in in, fl_node **out)
{
	fl_node *n = NULL;
	if (out != NULL && (n = new_node(j, FL_NODE_MAP)) == NULL)
		return false;
	j->level = level;
	j->pos++;
	skip_ws(j);
	int c = peek(j);
	bool after_comma = false;
	while (c != '}' || after_comma) {
		if (c != '"') {
			if (c == '}')
				trailing_comma(j, c);
			else if (c < 0)
				end_inside(j);
			else if (c == '/')
				syntax_error(j, here(j), "JSON does not allow comments");
			else if (!inner_odd(j, c)) {
				char what[32];
				describe_char(c, what, sizeof(what));
				syntax_error(j, here(j), "JSON syntax error: expected a key "
				             "in double quotes, found %s", what);
			}
			return false;
		}
		j->mark = j->pos;
		if (!scan_string(j, out != NULL))
			return false;
		const char *key = NULL;
		size_t key_len = 0;
		if (out != NULL &&
		    (key = string_text(j, j->ctx->scratch, &key_len)) == NULL) {
			j->ctx->nomem = true;
			j->failed = true;
			return false;
		}
		skip_ws(j);
		c = peek(j);
		if (c != ':') {
			if (c < 0)
				end_inside(j);
			else if (c == '/')
				syntax_error(j, here(j), "JSON does not allow comments");
			else if (!inner_odd(j, c)) {
				char what[32];
				describe_char(c, what, sizeof(what));
				syntax_error(j, here(j), "JSON syntax error: expected ':' "
				             "after a key, found %s", what);
			}
			return false;
		}
		j->pos++;
		skip_ws(j);
		fl_node *child = NULL;
		fl_load_in cin = FL_IN_ANY;
		if (out != NULL && in != FL_IN_ANY &&
		    fl_load_skip_key(j->ctx->opts->strict, in, key, key_len,
		                     &cin)) {
			/* Ignored: read, checked, not built.  A null stands in
			 * for it, for duplicate keys. */
			if (!value(j, level + 1, FL_IN_ANY, NULL, false) ||
			    (child = new_node(j, FL_NODE_SCALAR)) == NULL)
				return false;
			child->scalar = FL_SCALAR_NULL;
		} else if (!value(j, level + 1, cin, out != NULL ? &child : NULL,
		                  false)) {
			return false;
		}
		if (n != NULL) {
			child->key = key;
			child->key_len = key_len;
			fl_node_append(n, child);
		}
		int k = after_item(j, '}', &c, &after_comma);
		if (k < 0)
			return false;
		if (k == 0)
			break;
	}
	return close_at(j, level, out, n);
}

/* The array at pos (on its '['); *out as for value(). */
static bool array(struct js *j, int level, fl_load_in in, fl_node **out)
{
	fl_node *n = NULL;
	if (out != NULL && (n = new_node(j, FL_NODE_SEQ)) == NULL)
		return false;
	j->level = level;
	fl_load_in cin = in == FL_IN_ORDERS ? FL_IN_ORDER : FL_IN_ANY;
	j->pos++;
	skip_ws(j);
	int c = peek(j);
	bool after_comma = false;
	while (c != ']' || after_comma) {
		if (c == ']') {
			trailing_comma(j, c);
			return false;
		}
		fl_node *child = NULL;
		if (!value(j, level + 1, cin, out != NULL ? &child : NULL, false))
			return false;
		if (n != NULL)
			fl_node_append(n, child);
		int k = after_item(j, ']', &c, &after_comma);
		if (k < 0)
			return false;
		if (k == 0)
			break;
	}
	return close_at(j, level, out, n);
}

/* A scalar node of the given kind with the text from the mark to pos (or
 * `text`, when not NULL). */
static bool scalar(struct js *j, fl_node **out, fl_scalar_kind kind,
                   const char *text, size_t len)
{
	fl_node *n = new_node(j, FL_NODE_SCALAR);
	if (n == NULL)
		return false;
	n->scalar = kind;
	if (text == NULL) {
		text = fl_arena_strndup(j->ctx->scratch, j->r->buf + j->mark, len);
		if (text == NULL) {
			j->ctx->nomem = true;
			j->failed = true;
			return false;
		}
	}
	n->text = text;
	n->len = len;
	*out = n;
	return true;
}

/*
 * The value at pos, whose brackets would stand at nesting level `level`:
 * built into *out, or, when out is NULL, read, checked and skipped.  `in`
 * says which keys of its mappings are read (fl_load_skip_key).  `first`:
 * the value starts a customer or a top-level value.  False after an error
 * (reported).
 */
static bool value(struct js *j, int level, fl_load_in in, fl_node **out,
                  bool first)
{
	j->mark = j->pos;
	if (first) {
		j->first_level = level;
		j->level = level - 1;
	}
	int c = peek(j);
	switch (c) {
	case '{':
	case '[':
		if (level > FL_MAX_DEPTH) {
			error_at(j, here(j), "nesting deeper than %d levels",
			         FL_MAX_DEPTH);
			return false;
		}
		return c == '{' ? object(j, level, in, out)
		                : array(j, level, in, out);
	case '"': {
		if (!scan_string(j, out != NULL))
			return false;
		if (out == NULL)
			return true;
		size_t len;
		char *t = string_text(j, j->ctx->scratch, &len);
		if (t == NULL) {
			j->ctx->nomem = true;
			j->failed = true;
			return false;
		}
		return scalar(j, out, FL_SCALAR_STRING, t, len);
	}
	case 't':
	case 'f':
	case 'n': {
		static const char *const words[] = { "true", "false", "null" };
		int w = c == 't' ? 0 : c == 'f' ? 1 : 2;
		size_t len = strlen(words[w]);
		want(j, len);
		const fl_reader *r = j->r;
		if (r->len - j->pos < len ||
		    memcmp(r->buf + j->pos, words[w], len) != 0)
			break;
		j->pos += len;
		if (out == NULL)
			return true;
		return scalar(j, out, w == 2 ? FL_SCALAR_NULL : FL_SCALAR_BOOL,
		              w == 2 ? "" : words[w], w == 2 ? 0 : len);
	}
	case '-': case '+': case '.':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		scan_number(j);
		if (j->badnum.set) {
			bad_number(j);
			return false;
		}
		if (j->failed)
			return false;
		return out == NULL ||
		       scalar(j, out, FL_SCALAR_NUMBER, NULL, j->pos - j->mark);
	default:
		break;
	}
	value_error(j, c, first);
	return false;
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
	error_at(j, here(j), "JSON syntax error: trailing comma before '%c'",
	         close);
	return false;
}

/* One customer at pos, checked and added; the scratch arena is reset. */
static bool customer(struct js *j)
{
	fl_node *n = NULL;
	j->inside = "a customer";
	bool ok = value(j, 3, FL_IN_CUSTOMER, &n, true);
	if (ok)
		fl_schema_customer(j->ctx, n);
	fl_arena_reset(j->ctx->scratch);
	return ok && !j->failed && !j->ctx->nomem;
}

/* ---- chunks for worker threads (chunks.h) ---- */

/* Bytes of input one thread reads per batch, and per chunk: a batch is
 * cut into many chunks, so that a thread the machine slows down takes
 * fewer of them and the threads wait little for each other. */
#define BATCH_BYTES ((size_t)2 << 20)
#define CHUNK_BYTES ((size_t)128 << 10)

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Make the window hold about jobs * BATCH_BYTES from pos on (what is
 * before pos leaves it); the number of threads, or 0 after a read error
 * (the one-thread path meets it and reports it).
 */
static size_t batch_window(struct js *j)
{
	fl_reader *r = j->r;
	size_t jobs = j->ctx->opts->jobs;
	if (jobs > FL_JOBS_MAX)
		jobs = FL_JOBS_MAX;
	/* A little before pos stays: the layout of a customer's start. */
	j->mark = j->pos > 256 ? j->pos - 256 : 0;
	if (r->fp != NULL) {
		refill(j);
		if (j->failed || !fl_reader_peek(r, j->pos + jobs * BATCH_BYTES))
			return 0;
	}
	return jobs;
}

/* After fl_chunks_split: on from where the merged customers end, on this
 * thread up to s->retry.  True when customers were read. */
static bool batch_done(struct js *j, const fl_split *s)
{
	j->pos = s->end;
	j->seq_until = j->r->base + s->retry;
	return s->end > s->start;
}

/*
 * What a customer's start looks like in a JSON customers array, taken
 * from one (the batch's first): its first bytes, the '{' and its first key
 * in quotes, and the white space before it.  A boundary is a '{' with the
 * same first bytes after "}," and white space of the same layout (a
 * newline and the same indentation, or no newline).  Inside a string a
 * '{' followed by a quote cannot be (the quote would end the string and
 * what follows it would not be JSON), so a boundary is a real object's
 * start; only an object nested in a customer, with the same first key in
 * the same layout, passes for one, and the merge finds that out.
 */
struct json_look {
	char first[64];
	size_t first_len;
	bool newline;
	size_t indent;
};

static bool json_look_take(struct json_look *k, const char *b, size_t len,
                           size_t at)
{
	if (at >= len || b[at] != '{')
		return false;
	size_t e = at + 1;
	while (e < len && is_ws(b[e]))
		e++;
	if (e < len && b[e] == '"') {
		for (e++; e < len && b[e] != '"' && b[e] != '\\' &&
		          (unsigned char)b[e] >= 0x20; e++)
			;
		if (e >= len || b[e] != '"')
			return false;
		e++;
	} else {
		e = at + 1;
	}
	if (e - at > sizeof(k->first))
		e = at + 1;
	k->first_len = e - at;
	memcpy(k->first, b + at, k->first_len);
	size_t i = at;
	k->newline = false;
	k->indent = 0;
	while (i > 0 && is_ws(b[i - 1])) {
		if (b[i - 1] == '\n' && !k->newline) {
			k->newline = true;
			k->indent = at - i;
		}
		i--;
	}
	return true;
}

static bool json_at_boundary(const char *b, size_t len, size_t at,
                             const void *arg)
{
	const struct json_look *k = arg;
	if (len - at < k->first_len || at == 0 ||
	    memcmp(b + at, k->first, k->first_len) != 0)
		return false;
	size_t i = at;
	bool newline = false;
	size_t indent = 0;
	while (i > 0 && is_ws(b[i - 1])) {
		if (b[i - 1] == '\n' && !newline) {
			newline = true;
			indent = at - i;
		}
		i--;
	}
	if (newline != k->newline || (newline && indent != k->indent) ||
	    i == 0 || b[--i] != ',')
		return false;
	while (i > 0 && is_ws(b[i - 1]))
		i--;
	return i > 0 && b[i - 1] == '}';
}

static size_t json_find(const char *b, size_t len, size_t at, const void *arg)
{
	while (at < len) {
		const char *p = memchr(b + at, '{', len - at);
		if (p == NULL)
			break;
		at = (size_t)(p - b);
		if (json_at_boundary(b, len, at, arg))
			return at;
		at++;
	}
	return len;
}

/* The last boundary of the window after `from`, else `from`. */
static size_t json_last(const char *b, size_t len, size_t from,
                        const struct json_look *k)
{
	for (size_t at = len; at > from + 1; at--) {
		if (b[at - 1] == '{' && json_at_boundary(b, len, at - 1, k))
			return at - 1;
	}
	return from;
}

/* One chunk of a customers array: whole customers, each followed by a
 * comma, up to the first boundary at or past stop. */
static bool json_part(fl_load_ctx *ctx, fl_reader *r, size_t stop,
                      const fl_split *s, size_t *end, unsigned long *lines)
{
	struct js j = { .ctx = ctx, .r = r, .pin = SIZE_MAX,
	                .inside = "a customer", .seq_until = SIZE_MAX };
	size_t off = (size_t)(r->buf - s->buf);
	while (j.pos < stop ||
	       !s->at_boundary(s->buf, s->len, off + j.pos, s->arg)) {
		if (j.pos >= r->len)
			return false;
		j.mark = j.pos;
		if (!customer(&j))
			return false;
		skip_ws(&j);
		if (peek(&j) != ',')
			return false;
		j.pos++;
		skip_ws(&j);
	}
	*end = j.pos;
	*lines = j.newlines;
	return !j.failed;
}

/*
 * pos is at the start of a customer of the array: read the customers of
 * the window in chunks on threads (fl_chunks_split), up to the last
 * boundary of the window; what follows it is left for the next batch.
 * True when customers were read; j->seq_until moves past pos when none
 * were.
 */
static bool json_batch(struct js *j)
{
	size_t jobs = batch_window(j);
	if (jobs == 0) {
		j->seq_until = SIZE_MAX;
		return false;
	}
	const fl_reader *r = j->r;
	struct json_look look;
	fl_split s = { .start = j->pos, .size = CHUNK_BYTES,
	               .at_boundary = json_at_boundary, .find = json_find,
	               .parse = json_part, .arg = &look,
	               .strings = j->strings };
	if (!json_look_take(&look, r->buf, r->len, j->pos) ||
	    (s.limit = json_last(r->buf, r->len, j->pos, &look)) <= j->pos) {
		j->seq_until = r->base + r->len + 1;
		return false;
	}
	fl_chunks_split(j->ctx, r, (unsigned)jobs, &s);
	return batch_done(j, &s);
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
		if (j->ctx->opts->jobs > 1 && here(j) >= j->seq_until) {
			bool more = json_batch(j);
			if (j->failed || j->ctx->nomem)
				return false;
			if (more)
				continue;
		}
		if (!customer(j))
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
	/* Where the object starts, for "no customers": the window will
	 * have moved on. */
	unsigned long obj_line, obj_col;
	fl_reader_position(j->r, j->pos, &obj_line, &obj_col);
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
		if (!scan_string(j, true))
			goto out;
		fl_node *k = fl_node_new(keys, FL_NODE_SCALAR);
		size_t klen = 0;
		char *kt = k ? string_text(j, keys, &klen) : NULL;
		if (kt == NULL) {
			j->ctx->nomem = true;
			goto out;
		}
		k->key = kt;
		k->key_len = klen;
		fl_node_append(seen, k);
		skip_ws(j);
		if (peek(j) != ':') {
			unexpected(j, "':' after a key");
			goto out;
		}
		j->pos++;
		skip_ws(j);
		j->mark = j->pos;
		fl_load_in cin;
		if (klen == 9 && memcmp(kt, "customers", 9) == 0) {
			int c = peek(j);
			if (c != '[') {
				j->ctx->seen_customers = true;
				char what[32];
				describe_char(c, what, sizeof(what));
				if (c < 0)
					error_at(j, here(j), "JSON syntax error: expected "
					         "a value, found %s", what);
				else if (!odd_byte(j, c))
					error_at(j, here(j), "customers must be an array of "
					         "customers, found %s", value_kind(c, what,
				                                      sizeof(what)));
				goto out;
			}
			if (!customers(j))
				goto out;
		} else if ((j->inside = "a value",
		            fl_load_skip_key(j->ctx->opts->strict, FL_IN_TOP, kt,
		                             klen, &cin))) {
			/* The top object is level 1: the value's first bracket
			 * is level 2, as the customers array is. */
			if (!value(j, 2, FL_IN_ANY, NULL, true))
				goto out;
		} else {
			fl_node *v = NULL;
			bool ok = value(j, 2, FL_IN_ANY, &v, true);
			if (ok) {
				v->key = kt;
				v->key_len = klen;
				fl_schema_top(j->ctx, v);
			}
			fl_arena_reset(j->ctx->scratch);
			if (!ok || j->failed || j->ctx->nomem)
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
		fl_field_duplicate_key(j->ctx, dup, 0, 0, dup->key);
	if (!j->ctx->seen_customers)
		fl_load_error(j->ctx, obj_line, obj_col, NULL, "no customers: "
		              "expected a \"customers\" key with an array of "
		              "customers");
}
out:
	fl_arena_free(keys);
}

/* Step past a byte-order mark at the start and the white space after it. */
static void doc_start(struct js *j)
{
	if (peek(j) == 0xEF) {
		want(j, 3);
		j->pos = fl_utf8_bom(j->r->buf, j->r->len);
	}
}

static void json_doc(fl_load_ctx *ctx, fl_reader *r)
{
	struct js j = { .ctx = ctx, .r = r, .pin = SIZE_MAX,
	                .inside = "a customer" };
	doc_start(&j);
	skip_ws(&j);
	j.mark = j.pos;
	int c = peek(&j);
	if (c < 0) {
		if (!j.failed)
			fl_load_error(ctx, 0, 0, NULL, "the input is empty: expected "
			              "a portfolio with a list of customers");
		goto out;
	}
	if (c == '{') {
		top_object(&j);
	} else if (c == '[') {
		customers(&j);
	} else if (c == '/') {
		unexpected(&j, "a JSON object or array");
	} else if (!odd_byte(&j, c)) {
		char what[32];
		error_at(&j, here(&j), "expected a JSON object with \"customers\" "
		         "or an array of customers, found %s",
		         value_kind(c, what, sizeof(what)));
	}
	if (j.failed || ctx->nomem)
		goto out;
	skip_ws(&j);
	j.mark = j.pos;
	c = peek(&j);
	if (c >= 0 && !odd_byte(&j, c)) {
		char what[32];
		describe_char(c, what, sizeof(what));
		error_at(&j, here(&j), "unexpected %s after the end of the JSON "
		         "document", what);
	}
out:
	/* The customers' strings that threads read go to the portfolio. */
	fl_chunks_done(ctx, j.strings);
}

fl_node *fl_json_tree(fl_load_ctx *ctx, fl_reader *r)
{
	struct js j = { .ctx = ctx, .r = r, .pin = SIZE_MAX,
	                .inside = "a value" };
	doc_start(&j);
	skip_ws(&j);
	if (peek(&j) < 0) {
		if (!j.failed)
			fl_load_error(ctx, 0, 0, NULL, "the input is empty");
		return NULL;
	}
	fl_node *n = NULL;
	if (!value(&j, 1, FL_IN_ANY, &n, true))
		return NULL;
	skip_ws(&j);
	if (peek(&j) >= 0) {
		error_at(&j, here(&j), "unexpected data after the end of the JSON "
		         "document");
		return NULL;
	}
	return j.failed ? NULL : n;
}

static bool jsonl_batch(struct js *j, unsigned long *line);

/*
 * One line of JSON Lines from pos (a line's start, or where the first
 * one starts), the line `*line`, pos at column `*col`: past its newline,
 * which moves *line on (1), at the end of input (0), or after an error
 * (-1, reported).  A line of blanks is skipped.
 */
static int jsonl_line(struct js *j, unsigned long *line, unsigned long *col)
{
	fl_load_ctx *ctx = j->ctx;
	int c;
	j->flow = true;
	while ((c = peek(j)) == ' ' || c == '\t' || c == '\r') {
		++*col;
		j->pos++;
	}
	j->flow = false;
	if (c == '\n') {
		j->pos++;
		++*line;
		*col = 1;
		return 1;
	}
	if (c < 0 || j->failed)
		return j->failed ? -1 : 0;
	j->mark = j->pos;
	if (c != '{') {
		unexpected_byte(j, c, "expected a customer object at the start "
		                "of the line, found ", "");
		return -1;
	}
	ctx->line = *line;
	unsigned long newlines = j->newlines;
	fl_node *n = NULL;
	bool ok = value(j, 3, FL_IN_CUSTOMER, &n, true);
	if (ok && j->newlines != newlines) {
		j->failed = true;
		fl_load_error(ctx, *line, *col, NULL, "JSON Lines holds one "
		              "customer per line: this object spans several "
		              "lines");
		ok = false;
	}
	if (ok)
		fl_schema_customer(ctx, n);
	fl_arena_reset(ctx->scratch);
	if (!ok || ctx->nomem)
		return -1;
	while ((c = peek(j)) == ' ' || c == '\t' || c == '\r')
		j->pos++;
	if (c < 0)
		return j->failed ? -1 : 0;
	if (c != '\n') {
		unexpected_byte(j, c, "unexpected ", " after the customer: JSON "
		                "Lines holds one customer per line");
		return -1;
	}
	j->pos++;
	++*line;
	*col = 1;
	return 1;
}

/* The lines of JSON Lines from pos, the first at `line`, column `col`. */
static void jsonl_lines(struct js *j, unsigned long line, unsigned long col)
{
	fl_load_ctx *ctx = j->ctx;
	for (;;) {
		if (col == 1 && ctx->opts->jobs > 1 && here(j) >= j->seq_until) {
			jsonl_batch(j, &line);
			if (j->failed || ctx->nomem)
				return;
		}
		if (jsonl_line(j, &line, &col) <= 0)
			return;
	}
}

/* JSON Lines: one customer object per line; blank lines are skipped. */
void fl_load_jsonl(fl_load_ctx *ctx, fl_reader *r)
{
	struct js j = { .ctx = ctx, .r = r, .pin = SIZE_MAX,
	                .inside = "a customer" };
	unsigned long col = 1;
	doc_start(&j);
	if (j.pos > 0)
		col = 2;  /* the byte-order mark is a character */
	ctx->seen_customers = true;
	jsonl_lines(&j, 1, col);
	fl_chunks_done(ctx, j.strings);
}

/* A boundary of JSON Lines: a line's start. */
static bool jsonl_at_boundary(const char *b, size_t len, size_t at,
                              const void *arg)
{
	(void)len;
	(void)arg;
	return at > 0 && b[at - 1] == '\n';
}

static size_t jsonl_find(const char *b, size_t len, size_t at,
                         const void *arg)
{
	if (jsonl_at_boundary(b, len, at, arg) || at >= len)
		return at < len ? at : len;
	const char *p = memchr(b + at, '\n', len - at);
	return p != NULL ? (size_t)(p - b) + 1 : len;
}

/* One chunk of JSON Lines: whole lines, up to the first line's start at
 * or past stop. */
static bool jsonl_part(fl_load_ctx *ctx, fl_reader *r, size_t stop,
                       const fl_split *s, size_t *end, unsigned long *lines)
{
	(void)s;
	struct js j = { .ctx = ctx, .r = r, .pin = SIZE_MAX,
	                .inside = "a customer", .seq_until = SIZE_MAX };
	unsigned long line = 1, col = 1;
	while (j.pos < stop) {
		if (jsonl_line(&j, &line, &col) <= 0)
			return false;
	}
	*end = j.pos;
	*lines = line - 1;
	return !j.failed;
}

/*
 * pos is at the start of a line: read the whole lines in the window in
 * chunks on threads (fl_chunks_split); *line moves on with pos.  True when
 * customers were read; j->seq_until moves past pos when none were.
 */
static bool jsonl_batch(struct js *j, unsigned long *line)
{
	size_t jobs = batch_window(j);
	if (jobs == 0) {
		j->seq_until = SIZE_MAX;
		return false;
	}
	const fl_reader *r = j->r;
	size_t limit = j->pos;
	for (size_t at = r->len; at > j->pos; at--) {
		if (r->buf[at - 1] == '\n') {
			limit = at;
			break;
		}
	}
	fl_split s = { .start = j->pos, .limit = limit, .size = CHUNK_BYTES,
	               .lines_before = *line - 1,
	               .at_boundary = jsonl_at_boundary, .find = jsonl_find,
	               .parse = jsonl_part, .strings = j->strings };
	if (limit <= j->pos) {
		j->seq_until = r->base + r->len + 1;
		return false;
	}
	fl_chunks_split(j->ctx, r, (unsigned)jobs, &s);
	*line += s.lines;
	return batch_done(j, &s);
}

void fl_load_json(fl_load_ctx *ctx, fl_reader *r)
{
	json_doc(ctx, r);
}

/* ---- the scanner for the other JSON readers (json_scan.h) ---- */

#include "load/json_scan.h"

struct fl_json_scan {
	struct js j;
};

fl_json_scan *fl_json_scan_new(fl_load_ctx *ctx, fl_reader *r)
{
	fl_json_scan *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->j.ctx = ctx;
	s->j.r = r;
	s->j.pin = SIZE_MAX;
	s->j.inside = "a value";
	doc_start(&s->j);
	return s;
}

void fl_json_scan_free(fl_json_scan *s)
{
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
	error_at(&s->j, here(&s->j), "%s", msg);
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
	if (!scan_string(j, true))
		return NULL;
	size_t len;
	char *k = string_text(j, a, &len);
	if (k == NULL) {
		j->ctx->nomem = true;
		j->failed = true;
	}
	return k;
}

bool fl_json_scan_skip(fl_json_scan *s, int depth)
{
	if (fl_json_scan_failed(s))
		return false;
	return value(&s->j, depth + 1, FL_IN_ANY, NULL, true) && !s->j.failed;
}

fl_node *fl_json_scan_value(fl_json_scan *s, int depth)
{
	if (fl_json_scan_failed(s))
		return NULL;
	fl_node *n = NULL;
	if (!value(&s->j, depth + 1, FL_IN_ANY, &n, true) || s->j.failed)
		return NULL;
	return n;
}
