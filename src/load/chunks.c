/*
 * chunks.c - customers loaded in worker threads, merged in input order
 * (chunks.h has the design).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "load/chunks.h"
#include "model/portfolio_int.h"
#include "util/c_locale.h"
#include "util/diag.h"
#include "util/par.h"

struct work {
	const fl_load_ctx *main;
	const fl_reader *r;
	fl_chunk *c;
	fl_chunk_fn *fn;
};

static void *work_run(void *arg)
{
	struct work *w = arg;
	fl_chunk *c = w->c;
	fl_load_ctx *ctx = &c->ctx;
	fl_reader cr;
	fl_reader_init_mem(&cr, w->r->buf + c->start, c->end - c->start);
	cr.base = w->r->base + c->start;
	cr.lines_before = c->lines_before;
	cr.col_before = c->col_before;
	c->ok = w->fn(ctx, &cr) && !ctx->nomem && ctx->fatal == 0 &&
	        cr.err == 0;
	return NULL;
}

/* The chunk's context: the main one's options, a context of its own
 * (its scratch arena too, unless `scratch` lends one; its portfolio's
 * strings go to `strings` when not NULL). */
static bool chunk_init(fl_chunk *c, const fl_load_ctx *main, size_t index,
                       fl_arena *scratch, fl_arena *strings)
{
	fl_load_ctx *ctx = &c->ctx;
	memset(ctx, 0, sizeof(*ctx));
	fl_buf_init(&ctx->path);
	fl_diags_init(&c->diags, main->diags->limit);
	ctx->opts = main->opts;
	ctx->name = main->name;
	ctx->diags = &c->diags;
	ctx->index = index;
	ctx->json = main->json;
	ctx->seen_customers = true;
	ctx->p = strings != NULL ? fl_portfolio_new_in(strings)
	                         : fl_portfolio_new();
	ctx->scratch = scratch != NULL ? scratch : fl_arena_new();
	c->own_scratch = scratch == NULL;
	return ctx->p != NULL && ctx->scratch != NULL;
}

static void chunk_release(fl_chunk *c)
{
	fl_load_ctx *ctx = &c->ctx;
	fl_badids_release(&ctx->bad_ids);
	fl_buf_release(&ctx->path);
	if (c->own_scratch)
		fl_arena_free(ctx->scratch);
	fl_portfolio_free(ctx->p);
	fl_diags_release(&c->diags);
	memset(ctx, 0, sizeof(*ctx));
}

/* Is an id of chunk c an invalid customer's merged already, or an
 * invalid id of c a merged customer's?  (The ids of c's customers
 * against the merged customers are fl_portfolio_append's to check.) */
static bool bad_ids_clash(fl_load_ctx *ctx, fl_chunk *c)
{
	size_t k;
	uint32_t line, index;
	bool bad = fl_strset_count(&ctx->bad_ids.set) > 0;
	const fl_portfolio *q = c->ctx.p;
	for (size_t i = 0; bad && i < q->count; i++) {
		const char *id = q->customers[i].id;
		if (fl_badids_find(&ctx->bad_ids, id, strlen(id), &line, &index))
			return true;
	}
	fl_strset *s = &c->ctx.bad_ids.set;
	for (size_t i = 0; i < fl_strset_count(s); i++) {
		const char *id = s->entries[i]->s;
		size_t len = strlen(id);
		if (fl_portfolio_find(ctx->p, id, len, &k) ||
		    (bad && fl_badids_find(&ctx->bad_ids, id, len, &line, &index)))
			return true;
	}
	return false;
}

/*
 * Move chunk c into ctx, its positions moved on by index_base and
 * line_base (0 when they are the file's already): false when one of its
 * ids is a merged customer's (then nothing moved).
 */
static bool merge(fl_load_ctx *ctx, fl_chunk *c, size_t index_base,
                  unsigned long line_base)
{
	fl_portfolio *q = c->ctx.p;
	if (bad_ids_clash(ctx, c))
		return false;
	fl_status st = fl_portfolio_append(ctx->p, q, index_base, line_base);
	if (st == FL_ERR_INPUT)
		return false;
	if (st != FL_OK) {
		ctx->nomem = true;
		return false;
	}
	ctx->p->skipped += q->skipped;
	fl_strset *s = &c->ctx.bad_ids.set;
	for (size_t i = 0; i < fl_strset_count(s) && !ctx->nomem; i++) {
		const fl_strent *e = s->entries[i];
		uint32_t line, index;
		if (fl_badids_add(&ctx->bad_ids, e->s, strlen(e->s),
		                  e->line != 0 ? e->line + (uint32_t)line_base : 0,
		                  e->index + (uint32_t)index_base, &line,
		                  &index) != FL_OK)
			ctx->nomem = true;
	}
	if (fl_diags_take(ctx->diags, &c->diags) != FL_OK)
		ctx->nomem = true;
	ctx->index = index_base + c->ctx.index;
	return true;
}

/* Would chunk c's errors be cut by the cap?  Then only the one-thread
 * path knows which of a customer's errors are kept. */
static bool cap_cuts(const fl_load_ctx *ctx, const fl_chunk *c)
{
	const fl_diags *d = ctx->diags;
	if (d->limit == 0 || c->diags.errors == 0)
		return false;
	size_t stored = d->errors - d->dropped;
	size_t room = stored < d->limit ? d->limit - stored : 0;
	return room > 0 && room < c->diags.errors;
}

size_t fl_chunks_run(fl_load_ctx *ctx, const fl_reader *r, fl_chunk *chunks,
                     size_t n, fl_chunk_fn *fn)
{
	struct work w[FL_JOBS_MAX];
	pthread_t t[FL_JOBS_MAX];
	bool started[FL_JOBS_MAX] = { false };
	size_t merged = 0;
	if (n > FL_JOBS_MAX)
		n = FL_JOBS_MAX;

	/* Every chunk's line:column, counted once through the window. */
	unsigned long lines = r->lines_before, col = r->col_before;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		fl_utf8_count(r->buf + at, chunks[i].start - at, &lines, &col);
		at = chunks[i].start;
		chunks[i].lines_before = lines;
		chunks[i].col_before = col;
		memset(&chunks[i].ctx, 0, sizeof(chunks[i].ctx));
		fl_diags_init(&chunks[i].diags, 0);
	}
	/* The hash key and the C locale are set once, under pthread_once:
	 * here, before any thread, so that the workers only ever read them. */
	(void)fl_hash("", 0);
	fl_c_locale_leave(fl_c_locale_enter());
	bool oom = false;
	for (size_t i = 0; i < n; i++) {
		if (!chunk_init(&chunks[i], ctx, chunks[i].index, NULL, NULL)) {
			oom = true;
			break;
		}
	}
	for (size_t i = 0; i < n && !oom; i++) {
		w[i] = (struct work){ ctx, r, &chunks[i], fn };
		/* The last chunk is this thread's. */
		if (i + 1 < n)
			started[i] = pthread_create(&t[i], NULL, work_run,
			                            &w[i]) == 0;
		if (!started[i])
			work_run(&w[i]);
	}
	for (size_t i = 0; i < n; i++)
		if (started[i])
			pthread_join(t[i], NULL);
	if (oom) {
		ctx->nomem = true;
		goto out;
	}
	for (; merged < n && !ctx->nomem; merged++) {
		fl_chunk *c = &chunks[merged];
		if (!c->ok || c->ctx.nomem || cap_cuts(ctx, c) ||
		    !merge(ctx, c, 0, 0))
			break;
	}
out:
	for (size_t i = 0; i < n; i++)
		chunk_release(&chunks[i]);
	return merged;
}

/* ---- chunks that find their own starts ---- */

/* Chunks per thread and batch: small enough that a thread the machine
 * slows down leaves its share to the others. */
struct split_run {
	fl_load_ctx *main;
	const fl_reader *r;
	fl_split *s;
	fl_chunk *c;
	size_t n;
	fl_arena *scratch[FL_PAR_MAX];
	/* The strings of every chunk a thread reads, in blocks that grow as
	 * in one portfolio (a small arena per chunk would waste most of
	 * its last block): s->strings, or these. */
	fl_arena **strings;
	fl_arena *own_strings[FL_PAR_MAX];
	bool oom[FL_PAR_MAX];
};

static void split_turn(void *arg, size_t i, unsigned thread)
{
	struct split_run *w = arg;
	fl_split *s = w->s;
	fl_chunk *c = &w->c[i];
	c->ok = false;
	if ((w->scratch[thread] == NULL &&
	     (w->scratch[thread] = fl_arena_new()) == NULL) ||
	    (w->strings[thread] == NULL &&
	     (w->strings[thread] = fl_arena_new()) == NULL)) {
		w->oom[thread] = true;
		return;
	}
	if (!chunk_init(c, w->main, 0, w->scratch[thread],
	                w->strings[thread])) {
		w->oom[thread] = true;
		return;
	}
	size_t guess = s->start + i * s->size;
	size_t stop = i + 1 < w->n ? guess + s->size : s->limit;
	if (i > 0) {
		guess = s->find(s->buf, s->len, guess, s->arg);
		if (guess > s->limit)
			guess = s->limit;
	}
	c->start = guess;
	c->end = guess;
	if (guess >= stop) {
		/* Nothing starts in it: the chunk before reads on to here. */
		c->ok = true;
		return;
	}
	fl_reader cr;
	fl_reader_init_mem(&cr, s->buf + guess, s->len - guess);
	cr.base = w->r->base + guess;
	size_t end = 0;
	unsigned long lines = 0;
	bool ok = s->parse(&c->ctx, &cr, stop - guess, s, &end, &lines);
	c->end = guess + end;
	c->lines = lines;
	c->ok = ok && !c->ctx.nomem && c->ctx.fatal == 0 && cr.err == 0;
}

/* Would chunk c's errors be shown?  Their positions count from the chunk:
 * only when the cap drops them all do they merge as they are. */
static bool shows_errors(const fl_load_ctx *ctx, const fl_chunk *c)
{
	const fl_diags *d = ctx->diags;
	if (c->diags.count == 0)
		return false;
	if (d->limit == 0 || d->errors - d->dropped < d->limit)
		return true;
	for (size_t i = 0; i < c->diags.count; i++)
		if (c->diags.items[i].severity != FL_SEV_ERROR)
			return true;
	return false;
}

void fl_chunks_split(fl_load_ctx *ctx, const fl_reader *r, unsigned jobs,
                     fl_split *s)
{
	s->buf = r->buf;
	s->len = r->len;
	s->end = s->retry = s->start;
	s->lines = 0;
	if (s->limit <= s->start || s->size == 0)
		return;
	size_t n = (s->limit - s->start + s->size - 1) / s->size;
	struct split_run w = { .main = ctx, .r = r, .s = s, .n = n };
	w.strings = s->strings != NULL ? s->strings : w.own_strings;
	w.c = calloc(n, sizeof(*w.c));
	if (w.c == NULL) {
		ctx->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		fl_diags_init(&w.c[i].diags, 0);
	fl_par_for(jobs, n, split_turn, &w);
	bool oom = false;
	for (unsigned t = 0; t < FL_PAR_MAX; t++)
		oom = oom || w.oom[t];
	size_t at = s->start, k = 0;
	unsigned long lines = 0;
	for (; k < n && !oom && !ctx->nomem; k++) {
		fl_chunk *c = &w.c[k];
		if (c->start != at || !c->ok || c->ctx.nomem ||
		    shows_errors(ctx, c) ||
		    !merge(ctx, c, ctx->index, s->lines_before + lines))
			break;
		at = c->end;
		lines += c->lines;
	}
	if (oom)
		ctx->nomem = true;
	s->end = at;
	s->lines = lines;
	/* After a chunk refused, one thread reads at least as far as it
	 * would have: then threads again. */
	if (k < n) {
		size_t stop = k + 1 < n ? s->start + (k + 1) * s->size : s->limit;
		s->retry = stop > at ? stop : at + 1;
	} else {
		s->retry = at;
	}
	for (size_t i = 0; i < n; i++)
		chunk_release(&w.c[i]);
	for (unsigned t = 0; t < FL_PAR_MAX; t++)
		fl_arena_free(w.scratch[t]);
	if (s->strings == NULL)
		fl_chunks_done(ctx, w.own_strings);
	free(w.c);
}

void fl_chunks_done(fl_load_ctx *ctx, fl_arena **strings)
{
	for (unsigned t = 0; t < FL_PAR_MAX; t++) {
		/* With the strings of refused chunks too: a few, and rare. */
		if (strings[t] != NULL && ctx->p != NULL)
			fl_arena_adopt(fl_portfolio_arena(ctx->p), strings[t]);
		fl_arena_free(strings[t]);
		strings[t] = NULL;
	}
}
