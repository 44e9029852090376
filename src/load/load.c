/*
 * load.c - the one entry of portfolio loading: the encoding check, the
 * format sniffer (which the policy and assign-output readers use too), and
 * the loader it picks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static fl_status run(fl_reader *r, const char *name,
                     const fl_load_options *opts, fl_portfolio **out,
                     fl_diags *diags)
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
	ctx.json = fmt == FL_INPUT_JSON || fmt == FL_INPUT_JSONL;
	if (fmt == FL_INPUT_JSONL)
		fl_load_jsonl(&ctx, r);
	else if (ctx.json)
		fl_load_json(&ctx, r);
	else
		fl_load_yaml(&ctx, r);

	st = fl_load_status(&ctx, r);
	if (st == FL_OK && diags->errors > errors_before &&
	    !ctx.opts->skip_invalid) {
		st = FL_ERR_INPUT;
	} else if (st == FL_OK && p->count == 0 && p->skipped == 0) {
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
	fl_status st = run(&r, name, opts, out, diags);
	fl_reader_release(&r);
	return st;
}

fl_status fl_portfolio_load_mem(const char *data, size_t len,
                                const char *name, const fl_load_options *opts,
                                fl_portfolio **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_mem(&r, data, len);
	fl_status st = run(&r, name, opts, out, diags);
	return st;
}

