/*
 * load_yaml.c - libyaml events to customer records.
 *
 * Works on the event API and never builds a document: one customer's
 * events become a small fl_node tree in the scratch arena, schema.c checks
 * it, and the arena is reset.  Memory follows the number of customers, not
 * the file's size.  Aliases are refused (see docs/limits.md): they would
 * let a small file expand without bound.
 */
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "load/chunks.h"
#include "load/fields.h"
#include "load/load.h"
#include "load/yaml_split.h"
#include "util/c_locale.h"
#include "util/number.h"

/* With -j ("Threads" below): no cut planned. */
#define NO_CUT SIZE_MAX

/* Bytes of input one thread reads per batch. */
#define CHUNK_BYTES ((size_t)1 << 20)

/* Bytes given to libyaml at a time before the customers list. */
#define HEAD_FEED 256

/* How far past a cut's dash libyaml may read before the cut is given up
 * (it needs three characters). */
#define CUT_ZONE 16

/* Batches in a row with no chunk merged after which the rest of the list
 * is read on one thread: a refused chunk was parsed for nothing, and the
 * last chunk of every batch is parsed on this thread. */
#define FRUITLESS_MAX 3

struct yl {
	fl_load_ctx *ctx;
	fl_reader *r;
	size_t pos;           /* next byte of r's window to hand to libyaml */
	yaml_parser_t parser;
	bool failed;          /* a fatal error has been reported */
	/* What the reader discarded before libyaml started (blank lines
	 * before the document), and later the customers read in threads
	 * (splice): added to libyaml's positions. */
	unsigned long line0, col0;
	size_t base0;
	/* With -j (see "Threads" below).  The main parser: split says the
	 * customers may be read in threads, until their list starts; while
	 * it reads a block list of them, indent is the column of their
	 * dashes (else -1), cut the input offset of the item line where a
	 * batch may start (or NO_CUT), and no batch starts before
	 * seq_until.  A chunk's parser: chunk. */
	bool split, chunk;
	long indent;
	size_t cut, seq_until;
	unsigned fruitless;   /* batches in a row that merged nothing */
};

/* A libyaml mark as a position in the whole input (from 0).  The nodes
 * that build() makes keep libyaml's positions, and shift() moves them
 * after: nothing is added per node when nothing was discarded. */
static yaml_mark_t at(const struct yl *y, yaml_mark_t m)
{
	if (m.line == 0)
		m.column += y->col0;
	m.line += y->line0;
	return m;
}

static size_t feed_limit(struct yl *y);

static int read_handler(void *data, unsigned char *buffer, size_t size,
                        size_t *size_read)
{
	struct yl *y = data;
	fl_reader *r = y->r;
	if (y->pos == r->len && !r->eof) {
		size_t keep = y->pos;
		/* The bytes libyaml has of a cut's line stay in the window: a
		 * batch compares them with the other cuts' (batch). */
		if (y->cut != NO_CUT && y->cut - r->base < keep)
			keep = y->cut - r->base;
		size_t shift = fl_reader_fill(r, keep);
		if (shift == (size_t)-1)
			return 0;
		y->pos -= shift;
	}
	if (r->err != 0)
		return 0;
	size_t n = r->len - y->pos;
	/* Up to the list, little at a time: the first cut can then be
	 * planned before libyaml has read past the first customers. */
	if (y->split && n > HEAD_FEED)
		n = HEAD_FEED;
	if (y->indent >= 0 && n > 0) {
		size_t here = r->base + y->pos, lim = feed_limit(y);
		n = r->len - y->pos;  /* feed_limit may have read more */
		if (lim - here < n)
			n = lim - here;
	}
	if (n > size)
		n = size;
	memcpy(buffer, r->buf + y->pos, n);
	y->pos += n;
	*size_read = n;
	return 1;
}

/* The byte at a libyaml mark (line and column count from 0, the column in
 * characters), or -1 when it is no longer in the read window. */
static int byte_at(const fl_reader *r, const yaml_mark_t *m)
{
	if (m->line < r->lines_before)
		return -1;
	size_t i = 0;
	unsigned long line = r->lines_before, col = 0;
	if (m->line == line)
		col = r->col_before;
	while (line < m->line && i < r->len) {
		if (r->buf[i++] == '\n')
			line++;
	}
	if (line != m->line || col > m->column)
		return -1;
	for (; i < r->len; i++) {
		unsigned char c = (unsigned char)r->buf[i];
		if ((c & 0xC0) == 0x80)
			continue;
		if (col == m->column)
			return c;
		if (c == '\n')
			return -1;
		col++;
	}
	return -1;
}

static void syntax_error(struct yl *y)
{
	yaml_parser_t *p = &y->parser;
	if (y->failed)
		return;
	y->failed = true;
	if (y->r->err != 0)
		return;  /* a read error: the caller reports it */
	if (p->error == YAML_MEMORY_ERROR) {
		y->ctx->nomem = true;
		return;
	}
	yaml_mark_t m = at(y, p->problem_mark);
	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a mark, and decodes
		 * ahead of the parser: p->mark is still far behind.  The
		 * offset is turned into a line and column while its bytes are
		 * in the read window; a bad trailing byte is shown at the start
		 * of its character. */
		fl_reader *r = y->r;
		size_t off = p->problem_offset + y->base0;
		unsigned long line = 0, col = 0;
		if (off >= r->base && off - r->base < r->len) {
			size_t i = off - r->base;
			if (p->problem != NULL && strstr(p->problem, "trailing")) {
				for (int k = 0; k < 3 && i > 0 &&
				     ((unsigned char)r->buf[i - 1] & 0xC0) == 0x80; k++)
					i--;
				if (i > 0 && ((unsigned char)r->buf[i - 1] & 0xC0) == 0xC0)
					i--;
			}
			off = r->base + i;
			fl_reader_position(r, i, &line, &col);
		}
		/* libyaml's "control characters are not allowed" is about a
		 * valid character that YAML forbids, not about UTF-8. */
		if (p->problem != NULL && strstr(p->problem, "control") != NULL) {
			/* problem_value is the code point: a C0 control is
			 * named by its byte, anything past ASCII (C1 controls,
			 * U+FFFE, U+FFFF) as a character. */
			unsigned long cp = (unsigned long)p->problem_value;
			if (cp < 0x80)
				fl_load_error(y->ctx, line, col, NULL,
				              "a control character (byte 0x%02lx) is "
				              "not allowed in YAML text (byte %zu)", cp,
				              off + 1);
			else
				fl_load_error(y->ctx, line, col, NULL,
				              "the character U+%04lX is not allowed in "
				              "YAML text (byte %zu)", cp, off + 1);
			return;
		}
		fl_load_error(y->ctx, line, col, NULL,
		              "the input is not valid UTF-8: %s (byte %zu)",
		              p->problem ? p->problem : "unreadable", off + 1);
		return;
	}
	/* libyaml's words for a tab are obscure ("found character that
	 * cannot start any token"); say what it is. */
	const char *hint = byte_at(y->r, &m) == '\t' && p->problem != NULL &&
	                   strstr(p->problem, "tab") == NULL
	                   ? " (a tab: YAML indents with spaces only)" : "";
	if (p->context != NULL)
		fl_load_error(y->ctx, m.line + 1, m.column + 1, NULL,
		              "YAML syntax error: %s %s%s", p->problem, p->context,
		              hint);
	else
		fl_load_error(y->ctx, m.line + 1, m.column + 1, NULL,
		              "YAML syntax error: %s%s",
		              p->problem ? p->problem : "unknown problem", hint);
}

/* May a chunk hold this event?  Not an alias (refused anyway), an anchor
 * or a tag: none is worth proving the same in a chunk as in the file (a
 * tag's handle may come from a directive before the customers). */
static bool chunk_event(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return false;
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor == NULL &&
		       ev->data.scalar.tag == NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor == NULL &&
		       ev->data.sequence_start.tag == NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor == NULL &&
		       ev->data.mapping_start.tag == NULL;
	default:
		return true;
	}
}

static bool next(struct yl *y, yaml_event_t *ev)
{
	if (y->failed)
		return false;
	if (!yaml_parser_parse(&y->parser, ev)) {
		syntax_error(y);
		return false;
	}
	if (y->chunk && !chunk_event(ev)) {
		/* Not an error: the chunk is read again on one thread. */
		yaml_event_delete(ev);
		y->failed = true;
		return false;
	}
	return true;
}

static void fatal_at(struct yl *y, const yaml_event_t *ev, const char *msg)
{
	y->failed = true;
	yaml_mark_t m = at(y, ev->start_mark);
	fl_load_error(y->ctx, m.line + 1, m.column + 1, NULL, "%s", msg);
}

static const char *const alias_msg =
	"YAML aliases are not supported: write the value out";

/*
 * The key event *e of a mapping, which is not a scalar or has two bytes:
 * refused (reported, false) unless a plain text that is no merge key.  A
 * merge key (a plain <<) would bring in keys from elsewhere; its value, an
 * alias or written inline, is never read.
 */
static bool refuse_key(struct yl *y, const yaml_event_t *e)
{
	if (e->type != YAML_SCALAR_EVENT) {
		fatal_at(y, e, e->type == YAML_ALIAS_EVENT ? alias_msg
		         : "a mapping key must be a plain text, not a mapping "
		           "or sequence");
		return false;
	}
	if (memcmp(e->data.scalar.value, "<<", 2) == 0 &&
	    e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    e->data.scalar.tag == NULL) {
		fatal_at(y, e, "'<<' merge keys are not supported: write the keys "
		         "out");
		return false;
	}
	return true;
}

/* Every key of every customer passes here: the common case inline. */
static inline bool check_key(struct yl *y, const yaml_event_t *e)
{
	if (e->type == YAML_SCALAR_EVENT && e->data.scalar.length != 2)
		return true;
	return refuse_key(y, e);
}

/*
 * Read the value that starts with *ev without building it: a value that
 * nothing reads.  Its events are checked as build() checks them (no
 * aliases, no merge keys, the nesting depth) and deleted; its scalars are
 * never copied.  False after a fatal error (reported); *ev is deleted.
 */
static bool skip(struct yl *y, yaml_event_t *ev, int depth)
{
	bool ok = true;
	if (depth > FL_MAX_DEPTH) {
		fatal_at(y, ev, "nesting deeper than 64 levels");
		ok = false;
	} else if (ev->type == YAML_ALIAS_EVENT) {
		fatal_at(y, ev, alias_msg);
		ok = false;
	} else if (ev->type == YAML_MAPPING_START_EVENT ||
	           ev->type == YAML_SEQUENCE_START_EVENT) {
		bool map = ev->type == YAML_MAPPING_START_EVENT;
		yaml_event_delete(ev);
		for (;;) {
			yaml_event_t e;
			if (!next(y, &e))
				return false;
			if (e.type == YAML_MAPPING_END_EVENT ||
			    e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				return true;
			}
			if (map) {
				bool key_ok = check_key(y, &e);
				yaml_event_delete(&e);
				if (!key_ok || !next(y, &e))
					return false;
			}
			if (!skip(y, &e, depth + 1))
				return false;
		}
	} else if (ev->type != YAML_SCALAR_EVENT) {
		fatal_at(y, ev, "unexpected YAML event");
		ok = false;
	}
	yaml_event_delete(ev);
	return ok;
}

/*
 * Build the node that starts with *ev, consuming its events; *ev is
 * deleted.  `in` says which keys of its mappings are read
 * (fl_load_skip_key): the values of the others are skipped, and a null
 * stands in for each, for duplicate keys.  NULL after a fatal error
 * (reported).
 */
static fl_node *build(struct yl *y, yaml_event_t *ev, int depth,
                      fl_load_in in)
{
	fl_arena *a = y->ctx->scratch;
	fl_node *n = NULL;
	if (depth > FL_MAX_DEPTH) {
		fatal_at(y, ev, "nesting deeper than 64 levels");
		goto out;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		n = fl_node_new(a, FL_NODE_SCALAR);
		char *t = n ? fl_arena_strndup(a, (const char *)ev->data.scalar.value,
		                               ev->data.scalar.length) : NULL;
		if (t == NULL) {
			y->ctx->nomem = true;
			y->failed = true;
			n = NULL;
			goto out;
		}
		n->text = t;
		n->len = ev->data.scalar.length;
		const char *tag = (const char *)ev->data.scalar.tag;
		bool str_tag = tag != NULL &&
		               (strcmp(tag, YAML_STR_TAG) == 0 || strcmp(tag, "!") == 0);
		n->scalar = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !str_tag
		            ? FL_SCALAR_PLAIN : FL_SCALAR_STRING;
		break;
	}
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT: {
		bool map = ev->type == YAML_MAPPING_START_EVENT;
		n = fl_node_new(a, map ? FL_NODE_MAP : FL_NODE_SEQ);
		if (n == NULL) {
			y->ctx->nomem = true;
			y->failed = true;
			goto out;
		}
		n->line = ev->start_mark.line + 1;
		n->column = ev->start_mark.column + 1;
		yaml_event_delete(ev);
		fl_load_in child_in = in == FL_IN_ORDERS ? FL_IN_ORDER : FL_IN_ANY;
		for (;;) {
			yaml_event_t e;
			if (!next(y, &e))
				return NULL;
			if (e.type == YAML_MAPPING_END_EVENT ||
			    e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				return n;
			}
			const char *key = NULL;
			size_t key_len = 0;
			unsigned long kl = 0, kc = 0;
			bool skipped = false;
			if (map) {
				if (!check_key(y, &e)) {
					yaml_event_delete(&e);
					return NULL;
				}
				key_len = e.data.scalar.length;
				key = fl_arena_strndup(a, (const char *)e.data.scalar.value,
				                       key_len);
				kl = e.start_mark.line + 1;
				kc = e.start_mark.column + 1;
				yaml_event_delete(&e);
				if (key == NULL) {
					y->ctx->nomem = true;
					y->failed = true;
					return NULL;
				}
				if (!next(y, &e))
					return NULL;
				/* A short scalar costs no more built than skipped:
				 * only other values look their key up, which keeps
				 * the lookup off the path of nearly every key. */
				skipped = in != FL_IN_ANY &&
				          (e.type != YAML_SCALAR_EVENT ||
				           e.data.scalar.length > 64) &&
				          fl_load_skip_key(y->ctx->opts->strict, in, key,
				                           key_len, &child_in);
			}
			fl_node *child;
			if (skipped) {
				yaml_mark_t m = e.start_mark;
				if (!skip(y, &e, depth + 1))
					return NULL;
				child = fl_node_new(a, FL_NODE_SCALAR);
				if (child == NULL) {
					y->ctx->nomem = true;
					y->failed = true;
					return NULL;
				}
				child->scalar = FL_SCALAR_NULL;
				child->line = m.line + 1;
				child->column = m.column + 1;
			} else if ((child = build(y, &e, depth + 1, child_in)) == NULL) {
				return NULL;
			}
			/* A missing value (key:) keeps the position libyaml gives
			 * its empty scalar, where the value would have started:
			 * just after the colon, or at the ',' or '}' that follows in
			 * flow style.  Errors about the key use the key's own. */
			if (map) {
				child->key = key;
				child->key_len = key_len;
				child->key_line = kl;
				child->key_column = kc;
			}
			fl_node_append(n, child);
		}
	}
	case YAML_ALIAS_EVENT:
		fatal_at(y, ev, alias_msg);
		goto out;
	default:
		fatal_at(y, ev, "unexpected YAML event");
		goto out;
	}
	n->line = ev->start_mark.line + 1;
	n->column = ev->start_mark.column + 1;
out:
	yaml_event_delete(ev);
	return n;
}

/* Move the positions of the tree at n (libyaml's, from build()) to the
 * whole input's, when the reader discarded blank lines first. */
static void shift(const struct yl *y, fl_node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->line == 1)
			n->column += y->col0;
		n->line += y->line0;
		if (n->key_line == 1)
			n->key_column += y->col0;
		if (n->key_line != 0)
			n->key_line += y->line0;
		shift(y, n->first);
	}
}

/* What the value that starts with ev is, for "found ..." in messages: a
 * scalar is shown with its text (quoted unless a plain number), so that
 * "customers: none" says what it found: a scalar ("none"). */
static const char *event_kind(const yaml_event_t *ev, char *buf, size_t n)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: break;
	case YAML_MAPPING_START_EVENT: return "a mapping";
	case YAML_SEQUENCE_START_EVENT: return "a sequence";
	case YAML_ALIAS_EVENT: return "an alias";
	default: return "something else";
	}
	const char *t = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	double v;
	if (plain && len == 0)
		return "an empty value";
	if (plain && fl_plain_is_null(t, len))
		snprintf(buf, n, "null (%.*s)", (int)len, t);
	else if (plain && len <= 40 && fl_number_parse(t, len, &v) != FL_NUM_SYNTAX)
		snprintf(buf, n, "a scalar (%.*s)", (int)len, t);
	else {
		/* Quoted as every message quotes input: escaped, and cut at
		 * a character boundary. */
		fl_buf q;
		fl_buf_init(&q);
		fl_field_quote(&q, t, len);
		snprintf(buf, n, "a scalar (%s)", q.oom ? "?" : q.buf);
		fl_buf_release(&q);
	}
	return buf;
}

/* ---- Threads (-j): chunks.h has the design, yaml_split.h the cuts ----
 *
 * libyaml reads in order and cannot be moved, so the main parser reads
 * the file as it is, minus the customers merged from threads: its read
 * handler leaves them out (a splice).  For that it must stop at a
 * customer's start: it is given the bytes of the list up to the next item
 * line, the cut, and from there one byte at a time, so that when the
 * customer before the cut ends, it has read only the start of the cut's
 * line (the indentation, the dash and the three characters libyaml looks
 * ahead).  at_cut then proves from the parser's state that the next item
 * starts at the cut; batch reads from there in threads and splices. */

/*
 * The first item line at or after `here` that the window holds (more is
 * read when the window ends within a line's first bytes) becomes the cut.
 * Returns the input offset up to which libyaml may read: the cut, or,
 * without one, the start of a line not yet told, or the window's end.
 */
static size_t plan_cut(struct yl *y, size_t here)
{
	fl_reader *r = y->r;
	size_t indent = (size_t)y->indent;
	size_t i = here - r->base;
	bool start = i > 0 ? r->buf[i - 1] == '\n' : r->col_before == 0;
	for (;;) {
		if (!start) {
			const char *nl = memchr(r->buf + i, '\n', r->len - i);
			if (nl == NULL)
				return r->base + r->len;
			i = (size_t)(nl - r->buf) + 1;
		}
		start = false;
		int item = fl_yaml_item_line(r->buf + i, r->len - i, indent);
		if (item < 0 && !r->eof) {
			if (r->base + i > here)
				return r->base + i;  /* told when libyaml is there */
			if (!fl_reader_peek(r, i + indent + 3)) {
				y->indent = -1;  /* the one-thread path meets it */
				return SIZE_MAX;
			}
			item = fl_yaml_item_line(r->buf + i, r->len - i, indent);
		}
		if (item > 0) {
			y->cut = r->base + i;
			return y->cut;
		}
	}
}

/* The input offset up to which libyaml may read now (past the next
 * byte): up to the cut, then one byte at a time (above). */
static size_t feed_limit(struct yl *y)
{
	size_t here = y->r->base + y->pos;
	if (y->cut != NO_CUT && here >= y->cut + (size_t)y->indent + CUT_ZONE)
		y->cut = NO_CUT;  /* no customer ended there: the next */
	if (y->cut == NO_CUT) {
		if (here < y->seq_until)
			return y->seq_until;
		size_t lim = plan_cut(y, here);
		if (y->cut == NO_CUT)
			return lim;
	}
	return here < y->cut ? y->cut : here + 1;
}

/*
 * After a customer: does the next one start at the cut, and has libyaml
 * read only the start of the cut's line?  Told by the parser's own state
 * (yaml.h's parser structure): the one token it holds is a block entry at
 * the list's column and indentation, outside any flow collection, ending
 * where the scanner stands; the parser waits for the list's next entry;
 * and of the bytes of the cut's line it was given (all ASCII, all
 * decoded), it has used exactly those up to the dash.  So that token is
 * the dash at the cut, and from there on the parser is in the state it is
 * in at every item start of the list.
 */
static bool at_cut(const struct yl *y)
{
	const yaml_parser_t *p = &y->parser;
	const fl_reader *r = y->r;
	size_t indent = (size_t)y->indent;
	size_t here = r->base + y->pos;
	if (y->indent < 0 || y->cut == NO_CUT || here <= y->cut + indent + 1)
		return false;
	size_t d = here - y->cut, i = y->cut - r->base;
	const yaml_token_t *t = p->tokens.head;
	if (p->tokens.tail - p->tokens.head != 1 || p->flow_level != 0 ||
	    p->indent != (int)y->indent ||
	    t->type != YAML_BLOCK_ENTRY_TOKEN || t->start_mark.column != indent ||
	    t->end_mark.index != p->mark.index ||
	    (p->state != YAML_PARSE_BLOCK_SEQUENCE_ENTRY_STATE &&
	     p->state != YAML_PARSE_INDENTLESS_SEQUENCE_ENTRY_STATE) ||
	    p->raw_buffer.pointer != p->raw_buffer.last ||
	    p->unread != d - (indent + 1))
		return false;
	for (size_t k = 0; k < d; k++) {
		if ((unsigned char)r->buf[i + k] >= 0x80)
			return false;
	}
	return fl_yaml_item_line(r->buf + i, d, indent) > 0;
}

static bool yaml_chunk(fl_load_ctx *ctx, fl_reader *r);

/*
 * at_cut holds: the window from the cut is cut at item lines into chunks,
 * one per thread (yaml_split.c), which fl_chunks_run reads and merges.
 * The merged ones are spliced out of what libyaml reads: it goes on after
 * the last chunk, or at the first one not merged (read on this thread, up
 * to its end, before the next batch), given the bytes of that line past
 * the ones it has of the cut's line; every cut starts with those bytes,
 * so libyaml reads the file as if the merged customers were not in it.
 * Their lines and bytes are added to the positions libyaml gives.
 */
static void batch(struct yl *y)
{
	fl_load_ctx *ctx = y->ctx;
	fl_reader *r = y->r;
	size_t d = r->base + y->pos - y->cut;
	/* The cut's line as libyaml counts it, which every message uses. */
	unsigned long line = y->parser.tokens.head->start_mark.line + y->line0;
	size_t jobs = ctx->opts->jobs < FL_JOBS_MAX ? ctx->opts->jobs
	              : FL_JOBS_MAX;
	size_t want = jobs * CHUNK_BYTES;
	/* The window is filled only when it holds less than a batch: a
	 * reader that reads to its capacity would grow it at every batch. */
	if (r->fp != NULL && !r->eof && r->len - (y->cut - r->base) < want) {
		size_t keep = y->cut - r->base;
		bool ok = fl_reader_fill(r, keep) != (size_t)-1;
		y->pos -= keep;
		if (!ok || !fl_reader_peek(r, y->pos - d + want)) {
			/* A read error: the one-thread path meets it. */
			y->cut = NO_CUT;
			y->indent = -1;
			return;
		}
	}
	y->cut = NO_CUT;
	size_t from = y->pos - d;
	fl_reader w = *r;
	w.buf += from;
	w.len -= from;
	w.base += from;
	w.lines_before = line;
	w.col_before = 0;
	fl_chunk ch[FL_JOBS_MAX];
	size_t n = fl_yaml_cut(w.buf, 0, w.len < want ? w.len : want,
	                       (size_t)y->indent, d, jobs, ctx->index, ch);
	if (n == 0) {
		y->seq_until = w.base + w.len + 1;
		return;
	}
	/* The C locale that messages are formatted in is made once, under
	 * pthread_once: here, before any thread, so that the workers only
	 * read it (as chunks.c does with the hash key). */
	fl_c_locale_leave(fl_c_locale_enter());
	size_t merged = fl_chunks_run(ctx, &w, ch, n, yaml_chunk);
	if (merged < n)
		y->seq_until = w.base + ch[merged].end;
	y->fruitless = merged > 0 ? 0 : y->fruitless + 1;
	if (y->fruitless == FRUITLESS_MAX)
		y->indent = -1;
	size_t to = merged == n ? ch[n - 1].end : ch[merged].start;
	if (to == 0)
		return;
	unsigned long lines = 0;
	for (const char *p = w.buf, *end = w.buf + to;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		lines++;
	y->line0 += lines;
	y->base0 += to;
	y->pos = from + to + d;
}

/*
 * The customers sequence; *ev is its SEQUENCE_START, deleted here.  The
 * customers are at nesting level `depth` (3 under the top mapping; a file
 * that is the list alone counts as if it had the mapping, as in JSON).
 */
static void customers(struct yl *y, yaml_event_t *ev, int depth)
{
	y->ctx->seen_customers = true;
	/* A block list with neither anchor nor tag may be read in threads
	 * (the first list only: a second is an error). */
	if (y->split && ev->data.sequence_start.style ==
	    YAML_BLOCK_SEQUENCE_STYLE && ev->data.sequence_start.anchor == NULL &&
	    ev->data.sequence_start.tag == NULL)
		y->indent = (long)ev->start_mark.column;
	y->split = false;
	yaml_event_delete(ev);
	for (;;) {
		if (at_cut(y)) {
			batch(y);
			if (y->ctx->nomem)
				break;
		}
		yaml_event_t e;
		if (!next(y, &e))
			break;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		fl_node *n = build(y, &e, depth, FL_IN_CUSTOMER);
		if (n == NULL)
			break;
		if (y->line0 != 0 || y->col0 != 0)
			shift(y, n);
		fl_schema_customer(y->ctx, n);
		fl_arena_reset(y->ctx->scratch);
		if (y->ctx->nomem)
			break;
	}
	y->indent = -1;
	y->cut = NO_CUT;
}

/* The top-level mapping; *ev is its MAPPING_START, deleted here. */
static void top_map(struct yl *y, yaml_event_t *ev)
{
	/* Top-level keys are remembered in an arena of their own to find
	 * duplicates: the scratch arena is reset after every customer. */
	fl_arena *keys = fl_arena_new();
	fl_node *seen = keys ? fl_node_new(keys, FL_NODE_MAP) : NULL;
	yaml_mark_t mm = at(y, ev->start_mark);
	unsigned long ml = mm.line + 1, mc = mm.column + 1;
	yaml_event_delete(ev);
	if (seen == NULL) {
		y->ctx->nomem = true;
		goto out;
	}
	for (;;) {
		yaml_event_t e;
		if (!next(y, &e))
			goto out;
		if (e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (!check_key(y, &e)) {
			yaml_event_delete(&e);
			goto out;
		}
		fl_node *k = fl_node_new(keys, FL_NODE_SCALAR);
		char *kt = k ? fl_arena_strndup(keys, (const char *)e.data.scalar.value,
		                                e.data.scalar.length) : NULL;
		if (kt == NULL) {
			y->ctx->nomem = true;
			yaml_event_delete(&e);
			goto out;
		}
		k->key = kt;
		k->key_len = e.data.scalar.length;
		yaml_mark_t km = at(y, e.start_mark);
		k->key_line = km.line + 1;
		k->key_column = km.column + 1;
		fl_node_append(seen, k);
		yaml_event_delete(&e);
		if (!next(y, &e))
			goto out;
		if (strcmp(kt, "customers") == 0 && k->key_len == 9) {
			if (e.type == YAML_SEQUENCE_START_EVENT) {
				customers(y, &e, 3);
				if (y->failed || y->ctx->nomem)
					goto out;
				continue;
			}
			char msg[200], what[80];
			if (e.type == YAML_ALIAS_EVENT)
				snprintf(msg, sizeof(msg), "%s", alias_msg);
			else
				snprintf(msg, sizeof(msg), "customers must be a sequence "
				         "of customers, found %s",
				         event_kind(&e, what, sizeof(what)));
			y->ctx->seen_customers = true;
			fatal_at(y, &e, msg);
			yaml_event_delete(&e);
			goto out;
		}
		fl_load_in in;
		if (fl_load_skip_key(y->ctx->opts->strict, FL_IN_TOP, kt,
		                     k->key_len, &in)) {
			/* An unknown top-level key: its value is not read. */
			if (!skip(y, &e, 2))
				goto out;
			continue;
		}
		fl_node *v = build(y, &e, 2, in);
		if (v == NULL)
			goto out;
		if (y->line0 != 0 || y->col0 != 0)
			shift(y, v);
		v->key = kt;
		v->key_len = k->key_len;
		v->key_line = k->key_line;
		v->key_column = k->key_column;
		fl_schema_top(y->ctx, v);
		fl_arena_reset(y->ctx->scratch);
	}
	bool oom;
	const fl_node *dup = fl_node_find_duplicate(seen, &oom);
	if (oom)
		y->ctx->nomem = true;
	if (dup != NULL)
		fl_field_duplicate_key(y->ctx, dup, dup->key_line, dup->key_column,
		                       NULL);
	if (!y->ctx->seen_customers)
		fl_load_error(y->ctx, ml, mc, NULL, "no customers: expected a "
		              "\"customers\" key with a list of customers");
out:
	fl_arena_free(keys);
}

/* Set up y->parser to read y->r; false when out of memory (reported). */
static bool open_parser(struct yl *y)
{
	if (!yaml_parser_initialize(&y->parser)) {
		y->ctx->nomem = true;
		return false;
	}
	fl_reader *r = y->r;
	y->line0 = r->lines_before;
	y->col0 = r->col_before;
	y->base0 = r->base;
	if (r->fp == NULL && !y->split)
		yaml_parser_set_input_string(&y->parser,
		                             (const unsigned char *)r->buf, r->len);
	else
		yaml_parser_set_input(&y->parser, read_handler, y);
	/* libyaml would also decode UTF-16; focuslevel promises UTF-8 only,
	 * and the caller has refused UTF-16 already. */
	yaml_parser_set_encoding(&y->parser, YAML_UTF8_ENCODING);
	return true;
}

/* Read up to the first event of the document's content, into *e: false
 * (reported) at an error, or when the input is empty (`empty` says so). */
static bool doc_start(struct yl *y, yaml_event_t *e, const char *empty)
{
	if (!next(y, e))
		return false;
	yaml_event_delete(e);  /* STREAM-START */
	if (!next(y, e))
		return false;
	if (e->type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(e);
		fl_load_error(y->ctx, 0, 0, NULL, "%s", empty);
		return false;
	}
	yaml_event_delete(e);  /* DOCUMENT-START */
	return next(y, e);
}

/* Read past the end of the document; false (reported) at an error or
 * when another document follows (`more` says so). */
static bool doc_end(struct yl *y, const char *more)
{
	yaml_event_t e;
	if (!next(y, &e))
		return false;
	yaml_event_delete(&e);  /* DOCUMENT-END */
	if (!next(y, &e))
		return false;
	bool another = e.type == YAML_DOCUMENT_START_EVENT;
	if (another)
		fatal_at(y, &e, more);
	yaml_event_delete(&e);
	return !another;
}

/*
 * One chunk (chunks.h), parsed as a document of its own: a block sequence
 * at its first line's column, whole items, as many as its item lines (a
 * line inside a multi-line quoted string may look like one), then the
 * stream's end, with no anchor, alias or tag (chunk_event) and none of
 * the bytes fl_yaml_chunk_scan refuses.  Then libyaml read its bytes as it
 * reads them in the whole file: the chunk starts at an item start of the
 * list (the first at the cut, at_cut; each other where the one before
 * ended), and a chunk that ends inside something that goes on past its
 * end (a quoted string, a flow collection) fails here.  A block scalar or
 * a plain one cannot go on past it: the line after is less indented.
 */
static bool yaml_chunk(fl_load_ctx *ctx, fl_reader *r)
{
	size_t indent = 0, items = 0, first = ctx->index;
	while (indent < r->len && r->buf[indent] == ' ')
		indent++;
	if (!fl_yaml_chunk_scan(r->buf, r->len, indent, &items))
		return false;
	struct yl y = { .ctx = ctx, .r = r, .chunk = true, .indent = -1,
	                .cut = NO_CUT };
	if (!open_parser(&y))
		return false;
	yaml_event_t e;
	bool ok = false;
	if (!next(&y, &e))
		goto out;
	yaml_event_delete(&e);  /* STREAM-START */
	if (!next(&y, &e))
		goto out;
	ok = e.type == YAML_DOCUMENT_START_EVENT &&
	     e.data.document_start.implicit &&
	     e.data.document_start.version_directive == NULL &&
	     e.data.document_start.tag_directives.start ==
	     e.data.document_start.tag_directives.end;
	yaml_event_delete(&e);
	if (!ok || !next(&y, &e)) {
		ok = false;
		goto out;
	}
	ok = e.type == YAML_SEQUENCE_START_EVENT &&
	     e.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE &&
	     e.start_mark.line == 0 && e.start_mark.column == indent;
	if (!ok) {
		yaml_event_delete(&e);
		goto out;
	}
	customers(&y, &e, 3);
	ok = !y.failed && !ctx->nomem && ctx->index - first == items &&
	     next(&y, &e);
	if (!ok)
		goto out;
	ok = e.type == YAML_DOCUMENT_END_EVENT && e.data.document_end.implicit;
	yaml_event_delete(&e);
	if (!ok || !next(&y, &e)) {
		ok = false;
		goto out;
	}
	ok = e.type == YAML_STREAM_END_EVENT;
	yaml_event_delete(&e);
out:
	yaml_parser_delete(&y.parser);
	return ok;
}

void fl_load_yaml(fl_load_ctx *ctx, fl_reader *r)
{
	/* With -j, the customers may be read in threads (batch). */
	struct yl y = { .ctx = ctx, .r = r, .split = ctx->opts->jobs > 1,
	                .indent = -1, .cut = NO_CUT };
	if (!open_parser(&y))
		return;
	yaml_event_t e;
	if (!doc_start(&y, &e, "the input is empty: expected a portfolio "
	               "with a list of customers"))
		goto out;
	if (e.type == YAML_MAPPING_START_EVENT) {
		top_map(&y, &e);
	} else if (e.type == YAML_SEQUENCE_START_EVENT) {
		customers(&y, &e, 3);
	} else {
		char msg[240], what[80];
		snprintf(msg, sizeof(msg), "expected a mapping with \"customers\" "
		         "or a sequence of customers, found %s",
		         event_kind(&e, what, sizeof(what)));
		fatal_at(&y, &e, msg);
		yaml_event_delete(&e);
	}
	if (y.failed || ctx->nomem)
		goto out;
	doc_end(&y, "more than one YAML document: a portfolio file holds "
	        "exactly one");
out:
	yaml_parser_delete(&y.parser);
}

fl_node *fl_yaml_tree(fl_load_ctx *ctx, fl_reader *r)
{
	struct yl y = { .ctx = ctx, .r = r, .indent = -1, .cut = NO_CUT };
	fl_node *root = NULL;
	if (!open_parser(&y))
		return NULL;
	yaml_event_t e;
	if (doc_start(&y, &e, "the input is empty")) {
		root = build(&y, &e, 0, FL_IN_ANY);
		if (root != NULL && (y.line0 != 0 || y.col0 != 0))
			shift(&y, root);
		if (root != NULL &&
		    !doc_end(&y, "more than one YAML document: the file holds "
		             "exactly one"))
			root = NULL;
	}
	yaml_parser_delete(&y.parser);
	return root;
}
