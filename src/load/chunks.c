/*
 * chunks.c - customers loaded in worker threads, merged in input order
 * (chunks.h has the design).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "load/chunks.h"
#include "model/portfolio_int.h"
#include "util/diag.h"

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

/* The chunk's context: the main one's options, a context of its own. */
static bool chunk_init(fl_chunk *c, const fl_load_ctx *main)
{
	fl_load_ctx *ctx = &c->ctx;
	memset(ctx, 0, sizeof(*ctx));
	fl_buf_init(&ctx->path);
	fl_diags_init(&c->diags, main->diags->limit);
	ctx->opts = main->opts;
	ctx->name = main->name;
	ctx->diags = &c->diags;
	ctx->index = c->index;
	ctx->json = main->json;
	ctx->seen_customers = true;
	ctx->p = fl_portfolio_new();
	ctx->scratch = fl_arena_new();
	return ctx->p != NULL && ctx->scratch != NULL;
}

static void chunk_release(fl_chunk *c)
{
	fl_load_ctx *ctx = &c->ctx;
	fl_badids_release(&ctx->bad_ids);
	fl_buf_release(&ctx->path);
	fl_arena_free(ctx->scratch);
	fl_portfolio_free(ctx->p);
	fl_diags_release(&c->diags);
	memset(ctx, 0, sizeof(*ctx));
}

/* Is an id of chunk c the id of a customer merged already? */
static bool ids_clash(fl_load_ctx *ctx, fl_chunk *c)
{
	size_t k;
	uint32_t line, index;
	bool bad = fl_strset_count(&ctx->bad_ids.set) > 0;
	const fl_portfolio *q = c->ctx.p;
	for (size_t i = 0; i < q->count; i++) {
		const char *id = q->customers[i].id;
		size_t len = strlen(id);
		if (fl_portfolio_find(ctx->p, id, len, &k) ||
		    (bad && fl_badids_find(&ctx->bad_ids, id, len, &line, &index)))
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

/* A copy of customer *from (of a chunk) in p, its strings in p's arena,
 * as fl_schema_customer makes it. */
static bool copy_customer(fl_load_ctx *ctx, const fl_customer *from)
{
	fl_portfolio *p = ctx->p;
	fl_arena *a = fl_portfolio_arena(p);
	fl_customer cu = *from;
	cu.id = fl_arena_strndup(a, from->id, strlen(from->id));
	cu.name = from->name == from->id ? cu.id
	          : fl_arena_strndup(a, from->name, strlen(from->name));
	cu.segment = from->segment[0] != '\0'
	             ? fl_portfolio_intern(p, from->segment,
	                                   strlen(from->segment)) : "";
	if (cu.id == NULL || cu.name == NULL || cu.segment == NULL)
		return false;
	if (from->extra != NULL) {
		const fl_customer_extra *fx = from->extra;
		fl_customer_extra *x = fl_arena_alloc(a, sizeof(*x));
		if (x == NULL)
			return false;
		*x = *fx;
		x->reason = fx->reason[0] != '\0'
		            ? fl_arena_strndup(a, fx->reason, strlen(fx->reason))
		            : "";
		if (fx->costing != NULL) {
			size_t size = (1 + ctx->opts->activity_count) *
			              sizeof(*fx->costing);
			double *k = fl_arena_alloc(a, size);
			if (k == NULL)
				return false;
			memcpy(k, fx->costing, size);
			x->costing = k;
		}
		if (x->reason == NULL)
			return false;
		cu.extra = x;
	}
	size_t first;
	return fl_portfolio_add(p, &cu, &first) == FL_OK;
}

/* Move chunk c into ctx (ids_clash is false, the cap checked). */
static void merge(fl_load_ctx *ctx, fl_chunk *c)
{
	const fl_portfolio *q = c->ctx.p;
	for (size_t i = 0; i < q->count && !ctx->nomem; i++)
		if (!copy_customer(ctx, &q->customers[i]))
			ctx->nomem = true;
	ctx->p->skipped += q->skipped;
	fl_strset *s = &c->ctx.bad_ids.set;
	for (size_t i = 0; i < fl_strset_count(s) && !ctx->nomem; i++) {
		const fl_strent *e = s->entries[i];
		uint32_t line, index;
		if (fl_badids_add(&ctx->bad_ids, e->s, strlen(e->s), e->line,
		                  e->index, &line, &index) != FL_OK)
			ctx->nomem = true;
	}
	if (fl_diags_take(ctx->diags, &c->diags) != FL_OK)
		ctx->nomem = true;
	ctx->index = c->ctx.index;
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
	/* The hash key is drawn once, under pthread_once: here, before any
	 * thread, so that the workers only ever read it. */
	(void)fl_hash("", 0);
	bool oom = false;
	for (size_t i = 0; i < n; i++) {
		if (!chunk_init(&chunks[i], ctx)) {
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
		if (!c->ok || c->ctx.nomem || cap_cuts(ctx, c) || ids_clash(ctx, c))
			break;
		merge(ctx, c);
	}
out:
	for (size_t i = 0; i < n; i++)
		chunk_release(&chunks[i]);
	return merged;
}
