/*
 * load.c - the one entry of portfolio loading: the encoding check, the
 * format sniffer (which the policy and assign-output readers use too), and
 * the loader it picks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/orderlines.h>

#include "util/c_locale.h"
#include "load/load.h"
#include "model/portfolio_int.h"

fl_input_format fl_load_sniff(const char *s, size_t len, size_t *start)
{
	size_t i = fl_utf8_bom(s, len);
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	                   s[i] == '\r'))
		i++;
	if (start != NULL)
		*start = i;
	if (i < len && (s[i] == '{' || s[i] == '['))
		return FL_INPUT_JSON;
	return FL_INPUT_YAML;
}

/*
 * UTF-16 and UTF-32 show as a byte-order mark or as NUL bytes among the
 * first ASCII characters.  Two NULs side by side at the start or end of
 * the first four bytes mean UTF-32 (its BOMs FF FE 00 00 and 00 00 FE FF,
 * or one ASCII character in four bytes): UTF-16 has them only for U+0000.
 * Returns 32, 16, or 0 for anything else.
 */
static int wide_encoding(const fl_reader *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	if (r->len >= 4 && ((b[0] == 0 && b[1] == 0) ||
	                    (b[2] == 0 && b[3] == 0)))
		return 32;
	if (r->len >= 2 && (b[0] == 0xFF || b[0] == 0xFE) &&
	    (b[1] == 0xFE || b[1] == 0xFF))
		return 16;
	if (r->len >= 2 && (b[0] == 0 || b[1] == 0))
		return 16;
	return 0;
}

/*
 * A CSV or TSV file given by mistake, told from its first line that is not
 * blank: two or more fields that are not empty, separated by ',' ';' or
 * tab, and no ':' (which a YAML mapping needs) nor a first character that
 * starts a YAML comment, list, directive or flow collection.  Only the
 * bytes already read are looked at.
 */
static bool looks_delimited(const char *s, size_t len)
{
	size_t i = fl_utf8_bom(s, len);
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	                   s[i] == '\r'))
		i++;
	const char *line = s + i;
	const char *nl = memchr(line, '\n', len - i);
	size_t n = nl != NULL ? (size_t)(nl - line) : len - i;
	if (n == 0 || strchr("#-%?[{", line[0]) != NULL ||
	    memchr(line, ':', n) != NULL)
		return false;
	size_t fields = 0;
	bool filled = false;
	for (size_t k = 0; k <= n; k++) {
		char c = k < n ? line[k] : ',';
		if (c == ',' || c == ';' || c == '\t') {
			fields += filled;
			filled = false;
		} else if (c != ' ' && c != '\r') {
			filled = true;
		}
	}
	return fields >= 2;
}

fl_status fl_load_status(fl_load_ctx *ctx, const fl_reader *r)
{
	if (r->err != 0)
		return fl_diags_add(ctx->diags, FL_SEV_ERROR, 0, 0, NULL,
		                    "read error: %s", strerror(r->err)) == FL_OK
		       ? FL_ERR_IO : FL_ERR_NOMEM;
	if (ctx->nomem)
		return FL_ERR_NOMEM;
	return ctx->fatal > 0 ? FL_ERR_INPUT : FL_OK;
}

/*
 * With --skip-invalid: is what was left out too much?  Every customer
 * invalid always is (an empty plan would pass unnoticed), and so is more
 * than opts->max_invalid.  Returns FL_ERR_INPUT after saying why, FL_OK
 * when the portfolio may be used, FL_ERR_NOMEM.
 */
static fl_status check_skipped(const fl_load_options *o, const fl_portfolio *p,
                               fl_diags *diags)
{
	size_t bad = p->skipped, all = p->count + p->skipped;
	char why[160];
	if (bad == 0)
		return FL_OK;
	/* %f and %g follow the locale: the C one, whatever the program set. */
	bool too_many = true;
	locale_t prev = fl_c_locale_enter();
	if (p->count == 0)
		snprintf(why, sizeof(why), "no valid customer left: all %zu "
		         "customer%s invalid", bad, bad == 1 ? " is" : "s are");
	else if (o->max_invalid_set && o->max_invalid_percent &&
	         100.0 * (double)bad > o->max_invalid * (double)all)
		snprintf(why, sizeof(why), "too many invalid customers: %zu of "
		         "%zu (%.2f%%), more than --max-invalid %g%% allows",
		         bad, all, 100.0 * (double)bad / (double)all,
		         o->max_invalid);
	else if (o->max_invalid_set && !o->max_invalid_percent &&
	         (double)bad > o->max_invalid)
		snprintf(why, sizeof(why), "too many invalid customers: %zu of "
		         "%zu, more than --max-invalid %.0f allows", bad, all,
		         o->max_invalid);
	else
		too_many = false;
	fl_c_locale_leave(prev);
	if (!too_many)
		return FL_OK;
	/* Stored even when the list is full of the customers' errors: it
	 * is the reason for the status. */
	size_t limit = diags->limit;
	diags->limit = 0;
	fl_status st = fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL, "%s", why);
	diags->limit = limit;
	return st == FL_OK ? FL_ERR_INPUT : st;
}

/*
 * The syntax of r's input, into *fmt.  Blanks before the first character
 * leave the window as they are read, so that 200 MB of them cost no
 * memory: whole lines while there are newlines, else all of them (the
 * reader counts what it discards; the YAML loader adds it to libyaml's
 * positions).  False on a read error or when out of memory.
 */
static bool sniff(fl_reader *r, fl_input_format *fmt)
{
	size_t start;
	*fmt = fl_load_sniff(r->buf, r->len, &start);
	while (start == r->len && !r->eof) {
		size_t keep = r->len;
		for (size_t i = r->len; i > 0; i--) {
			if (r->buf[i - 1] == '\n') {
				keep = i;
				break;
			}
		}
		if (fl_reader_fill(r, keep) == (size_t)-1)
			return false;
		/* A byte-order mark is skipped only at the start of input. */
		*fmt = fl_load_sniff(r->buf, r->len, &start);
		if (r->base > 0 && fl_utf8_bom(r->buf, r->len) != 0)
			*fmt = FL_INPUT_YAML;
	}
	return r->err == 0;
}

/*
 * Load from r.  With lines (import), the input must be order lines, and
 * their customers and orders are kept there too.
 */
static fl_status run(fl_reader *r, const char *name,
                     const fl_load_options *opts, fl_portfolio **out,
                     fl_orderlines *lines, fl_diags *diags)
{
	static const fl_load_options defaults;
	fl_load_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	fl_buf_init(&ctx.path);
	/* The caller's list may hold diagnostics of an earlier load. */
	size_t errors_before = diags->errors;
	ctx.opts = opts != NULL ? opts : &defaults;
	ctx.name = name;
	ctx.diags = diags;
	*out = NULL;

	fl_portfolio *p = fl_portfolio_new();
	ctx.scratch = fl_arena_new();
	if (p == NULL || ctx.scratch == NULL) {
		fl_portfolio_free(p);
		fl_arena_free(ctx.scratch);
		return FL_ERR_NOMEM;
	}
	ctx.p = p;

	fl_status st = FL_OK;
	if (!fl_reader_peek(r, 4096)) {
		st = r->err ? FL_ERR_IO : FL_ERR_NOMEM;
		if (fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL,
		                 "cannot read: %s",
		                 strerror(r->err ? r->err : ENOMEM)) != FL_OK)
			st = FL_ERR_NOMEM;
		goto out;
	}
	int wide = wide_encoding(r);
	if (wide != 0) {
		/* "UTF-16 or UTF-32": a UTF-32 file that starts with a
		 * character past U+FFFF is not told apart from UTF-16. */
		fl_load_error(&ctx, 1, 1, NULL, "the input looks like %s: "
		              "focuslevel reads UTF-8 (convert with iconv -f "
		              "UTF-%d -t UTF-8)", wide == 32 ? "UTF-32" :
		              "UTF-16 or UTF-32", wide);
		st = FL_ERR_INPUT;
		goto out;
	}
	fl_input_format fmt = ctx.opts->format;
	if (fmt == FL_INPUT_AUTO)
		fmt = fl_input_format_from_name(name);
	if (fmt == FL_INPUT_AUTO && !sniff(r, &fmt)) {
		st = r->err ? FL_ERR_IO : FL_ERR_NOMEM;
		goto out;
	}
	if (fmt == FL_INPUT_YAML && looks_delimited(r->buf, r->len)) {
		/* Order lines, unless the user said YAML. */
		if (ctx.opts->format == FL_INPUT_YAML) {
			fl_load_error(&ctx, 0, 0, NULL, "this looks like a CSV/TSV "
			              "file (a header line of delimited fields), not "
			              "YAML: give --input-format csv to read order "
			              "lines");
			st = FL_ERR_INPUT;
			goto out;
		}
		fmt = FL_INPUT_CSV;
	}
	if (lines != NULL && fmt != FL_INPUT_CSV && fmt != FL_INPUT_TSV) {
		fl_load_error(&ctx, 0, 0, NULL, "expected order lines (CSV or "
		              "TSV, docs/import.md), found %s",
		              fmt == FL_INPUT_YAML ? "YAML" : "JSON");
		st = FL_ERR_INPUT;
		goto out;
	}
	ctx.json = fmt == FL_INPUT_JSON || fmt == FL_INPUT_JSONL;
	if (fmt == FL_INPUT_CSV || fmt == FL_INPUT_TSV)
		fl_load_csv(&ctx, r, fmt == FL_INPUT_TSV, lines);
	else if (fmt == FL_INPUT_JSONL)
		fl_load_jsonl(&ctx, r);
	else if (ctx.json)
		fl_load_json(&ctx, r);
	else
		fl_load_yaml(&ctx, r);

	st = fl_load_status(&ctx, r);
	if (st == FL_OK && diags->errors > errors_before &&
	    !ctx.opts->skip_invalid) {
		st = FL_ERR_INPUT;
	} else if (st == FL_OK && p->skipped > 0) {
		st = check_skipped(ctx.opts, p, diags);
	} else if (st == FL_OK && p->count == 0) {
		if (fl_diags_add(diags, FL_SEV_WARNING, 0, 0, NULL,
		                 "the portfolio has no customers") != FL_OK)
			st = FL_ERR_NOMEM;
	}
out:
	fl_badids_release(&ctx.bad_ids);
	fl_buf_release(&ctx.path);
	fl_arena_free(ctx.scratch);
	if (st != FL_OK) {
		fl_portfolio_free(p);
		return st;
	}
	fl_portfolio_seal(p);
	*out = p;
	return FL_OK;
}

fl_status fl_portfolio_load(FILE *fp, const char *name,
                            const fl_load_options *opts, fl_portfolio **out,
                            fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_file(&r, fp);
	fl_status st = run(&r, name, opts, out, NULL, diags);
	fl_reader_release(&r);
	return st;
}

fl_status fl_portfolio_load_mem(const char *data, size_t len,
                                const char *name, const fl_load_options *opts,
                                fl_portfolio **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_mem(&r, data, len);
	fl_status st = run(&r, name, opts, out, NULL, diags);
	return st;
}

/* Order lines through run(): the portfolio it builds checks every
 * customer, then only the lines are kept. */
static fl_status run_lines(fl_reader *r, const char *name,
                           const fl_load_options *opts, fl_orderlines **out,
                           fl_diags *diags)
{
	*out = NULL;
	fl_orderlines *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return FL_ERR_NOMEM;
	fl_portfolio *p;
	fl_status st = run(r, name, opts, &p, o, diags);
	fl_portfolio_free(p);
	if (st != FL_OK) {
		fl_orderlines_free(o);
		return st;
	}
	*out = o;
	return FL_OK;
}

fl_status fl_orderlines_load(FILE *fp, const char *name,
                             const fl_load_options *opts,
                             fl_orderlines **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_file(&r, fp);
	fl_status st = run_lines(&r, name, opts, out, diags);
	fl_reader_release(&r);
	return st;
}

fl_status fl_orderlines_load_mem(const char *data, size_t len,
                                 const char *name,
                                 const fl_load_options *opts,
                                 fl_orderlines **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_mem(&r, data, len);
	return run_lines(&r, name, opts, out, diags);
}

void fl_orderlines_free(fl_orderlines *o)
{
	if (o == NULL)
		return;
	free(o->customers);
	free(o->orders);
	fl_arena_free(o->arena);
	free(o);
}

