/*
 * csv_threads.c - order lines (CSV/TSV) read on threads (-j): the input
 * cut into batches of blocks, each block read on a worker into a state of
 * its own, and the blocks merged in file order into the loader's state,
 * so that the result is the one-thread result (the design below).
 *
 * The line rules stay in load_csv.c, which calls fl_csvl_threads and owns
 * every state (csv_int.h); this file owns the batches and their blocks,
 * and reaches load_csv.c's functions only through L->ops.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load/csv_int.h"
#include "util/par.h"
#include "util/reader.h"

/* Bytes of input a block holds (-j; "Threads" below).  The fuzz
 * build makes it tiny, so that its small inputs are cut into blocks. */
#ifdef FL_CSV_BLOCK_BYTES
#define BLOCK_BYTES ((size_t)FL_CSV_BLOCK_BYTES)
#else
#define BLOCK_BYTES ((size_t)1 << 18)
#endif

/* ---- Threads (-j) ----
 *
 * With -j N the lines are read in batches of about N * BLOCKS_PER_THREAD *
 * BLOCK_BYTES, cut after newlines into N * BLOCKS_PER_THREAD blocks of
 * about equal size.  Each block is read on a thread of its own by
 * read_line (load_csv.c), into a state of its own
 * (spec: its own customers, orders, arena and converter) that writes no
 * message, and its lines' values are kept per order.  A block's order is
 * a run of lines of one order (no look-up: run_order in load_csv.c), so
 * an order whose lines lie apart in the block is several.  The merge then
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
 *    before, in an earlier block or an earlier run of this one, gets the
 *    run's lines added one by one in file order, so every sum is the
 *    one-thread sum, bit for bit;
 *  - line numbers count from the block's first line.
 *
 * At the first block not merged, the one-thread path reads on from its
 * start to its end (further when a quoted field crosses it), messages
 * and all; the next batch goes to threads again.  A wrong cut or a rare
 * case costs time, never a different result.
 */

/* L, made whole by state_init and used for a block, empty again for the
 * next block, keeping its memory: a block's tables then grow only in the
 * first batches, not in every one. */
static void state_reuse(struct csv_load *L)
{
	struct csv_load k = *L;
	memset(L, 0, sizeof(*L));
	L->ops = k.ops;
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
		W->ops->read_line(W);
		if (W->failed || W->ctx->nomem)
			return;
	}
	b->ok = st == FL_CSV_END || (st == FL_CSV_MORE && pos == len);
	b->lines = W->sc.line - 1;
}

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
			FL_PREFETCH(&G->cs[e->index]);
	}
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && map[i + AHEAD] != FL_ORDER_END) {
			FL_PREFETCH(G->cs[map[i + AHEAD]].pub.name);
			FL_PREFETCH(G->cs[map[i + AHEAD]].pub.segment);
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
			g = G->ops->customer(G, wc->tag, w->id, wc->id_len,
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
				FL_PREFETCH(&G->os[g->last]);
		}
		if (i < 3 * AHEAD)
			continue;
		size_t j = i - 3 * AHEAD;
		const struct spec_order *s = &W->so[j];
		const fl_order *wo = &W->os[j];
		size_t before = G->nos;
		fl_order *o = G->ops->order(G, &G->cs[map[s->owner]], s->num,
		                            s->num_len, s->nh,
		                            line_at(base, wo->line));
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
			b->bl[i].W.ops->release(&b->bl[i].W);
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
				L->ops->release(&k->W);
			k->ready = L->ops->state_init(&k->W, &k->ctx);
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
void fl_csvl_threads(struct csv_load *L, size_t *pos, size_t *seq_until)
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
