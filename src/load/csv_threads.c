/*
 * csv_threads.c - order lines (CSV/TSV) read on threads (-j): the input
 * cut into blocks, each block read on a worker into a state of its own,
 * and the blocks merged in file order into the loader's state,
 * so that the result is the one-thread result (the design below).
 *
 * The line rules stay in load_csv.c, which calls fl_csvl_threads and owns
 * every state (csv_int.h); this file owns the ring of blocks,
 * and reaches load_csv.c's functions only through L->ops.
 */
#include <pthread.h>
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
 * With -j N the lines are cut, in file order, into blocks of about
 * BLOCK_BYTES that end after a newline.  N threads (fl_par_for, one turn
 * each) share the work through one lock; whenever a thread is free it
 * takes the first of:
 *
 *  - merging the next block in file order into the loader's state, when
 *    that block has been read and no other thread is merging;
 *  - cutting the next block and reading it, when fewer than RING blocks
 *    are cut and not yet merged;
 *  - waiting until another thread ends a read or a merge.
 *
 * So no thread waits for the slowest block of a batch (there are no
 * batches), and the threads start once per run of blocks, not once per
 * batch.  A block is read by read_line (load_csv.c) into a state of its
 * own (spec: its own customers, orders, arena and converter) that writes
 * no message, and its lines' values are kept per order.  A block's order
 * is a run of lines of one order (no look-up: run_order in load_csv.c),
 * so an order whose lines lie apart in the block is several.  The merge
 * adds a block to the loader's state as the one-thread path would have:
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
 * At the first block not merged, the threads cut nothing more, finish
 * their reads and stop; the one-thread path reads on from the block's
 * start to its end (further when a quoted field crosses it), messages
 * and all, and then the threads start again.  A wrong cut or a rare case
 * costs time, never a different result.
 *
 * The window: a block is read in place.  A mapped file's or a memory
 * input's bytes never move, so the window is moved on (and widened)
 * whenever the next cut needs it; a read window (a pipe) moves its bytes,
 * so it is refilled, RING blocks ahead, only when no block is being read.
 * The window keeps the bytes from the oldest block not yet merged on: the
 * one-thread path reads it again if it is refused.
 */

/* L, made whole by state_init and used for a block, empty again for the
 * next block, keeping its memory: a block's tables then grow only in the
 * first blocks of a slot, not in every one. */
static void state_reuse(struct csv_load *L)
{
	memset((char *)L + CSVL_READ_STATE, 0,
	       sizeof(*L) - CSVL_READ_STATE);
	fl_arena_reset(L->arena);
	fl_strset_clear(&L->cset);
	fl_strset_clear(&L->oset);
	for (int f = 0; f < FL_LINE_FIELDS; f++)
		fl_buf_reset(&L->text[f]);
	fl_buf_reset(&L->key);
	fl_buf_reset(&L->conflict);
}

/* A block: a slot of the ring, whose state is kept from block to block. */
struct block {
	size_t start, end;        /* its bytes' offsets in the input */
	bool eof;                 /* the input ends with it */
	fl_load_ctx ctx;          /* the worker's: only nomem is used */
	struct csv_load W;
	bool ready;               /* W was made whole (state_init) */
	bool read;                /* read, not yet merged */
	unsigned long lines;      /* the newlines it holds */
	bool ok;                  /* read whole, nothing to say */
};

/* k's state empty, for the lines of L (on the thread that reads k). */
static void block_prepare(const struct csv_load *L, struct block *k)
{
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
			k->ctx.nomem = true;  /* the block fails: read on one thread */
	}
	k->W.spec = true;
	k->W.header = L->header;
	k->W.ncols = L->ncols;
	memcpy(k->W.col, L->col, sizeof(L->col));
	fl_csv_reset(&k->W.sc, L->sc.delim, 1);
}

/* Read block k, whose bytes are at buf. */
static void block_run(struct block *k, const char *buf)
{
	struct csv_load *W = &k->W;
	size_t pos = 0, len = k->end - k->start;
	fl_csv_status st;
	if (W->ctx->nomem)
		return;
	while ((st = fl_csv_next(&W->sc, buf, len, &pos, k->eof))
	       == FL_CSV_RECORD) {
		W->ops->read_line(W);
		if (W->failed || W->ctx->nomem)
			return;
	}
	k->ok = st == FL_CSV_END || (st == FL_CSV_MORE && pos == len);
	k->lines = W->sc.line - 1;
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
			if (st == 0) {
				const struct ccust *g = &G->cs[map[so->owner]];
				if (g->last != FL_ORDER_END)
					FL_PREFETCH(&G->os[g->last]);
			}
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

/* Blocks cut and not yet merged, at most, per thread: enough that a
 * thread never waits for a slow read while the merge keeps up. */
#define RING_PER_THREAD 8
#define RING_MAX (RING_PER_THREAD * FL_PAR_MAX)

/* The threads' shared state; every field under `mu`, but for a block
 * being read (by its reader) or merged (by the merging thread). */
struct pipe {
	struct csv_load *L;
	pthread_mutex_t mu;
	pthread_cond_t cv;        /* a read or a merge ended, or the end */
	struct block bl[RING_MAX];
	size_t nb;                /* slots in use: block i is bl[i % nb] */
	size_t cut, merged;       /* blocks cut, blocks merged */
	size_t next;              /* input offset where the next cut starts */
	size_t reading;           /* blocks being read */
	bool merging;             /* a thread merges bl[merged % nb] */
	bool end;                 /* nothing more to cut: seq_until says */
	size_t seq_until;         /* for fl_csvl_threads' caller */
	bool stop;                /* bl[merged % nb] was not merged */
	bool nomem;               /* out of memory while cutting */
};

/*
 * Cut the next block into k (under P->mu): true, or false when there is
 * none to cut now: then P->end (the input is cut to its end, or the rest
 * is the one-thread path's: P->seq_until), or a read window must move
 * while blocks are read from it (wait).
 */
static bool cut(struct pipe *P, struct block *k)
{
	fl_reader *r = P->L->r;
	size_t at = P->next - r->base;
	if (r->fp != NULL && !r->eof && r->len - at < 2 * BLOCK_BYTES) {
		if (r->map == NULL && P->reading > 0)
			return false;
		size_t keep = P->merged < P->cut ? P->bl[P->merged % P->nb].start
		                                 : P->next;
		size_t shift = fl_reader_fill(r, keep - r->base);
		if (shift == (size_t)-1) {
			P->nomem = true;
			P->end = true;
			return false;
		}
		at -= shift;
		/* A read error, or no memory for more: the one-thread path
		 * meets it and says so. */
		if (!fl_reader_peek(r, at + P->nb * BLOCK_BYTES)) {
			P->end = true;
			P->seq_until = SIZE_MAX;
			return false;
		}
	} else if (r->err != 0) {
		P->end = true;
		P->seq_until = SIZE_MAX;
		return false;
	}
	const char *buf = r->buf;
	size_t len = r->len, end;
	if (at >= len) {
		P->end = true;
		P->seq_until = SIZE_MAX;
		return false;
	}
	const char *nl = len - at > BLOCK_BYTES
	                 ? memchr(buf + at + BLOCK_BYTES, '\n',
	                          len - at - BLOCK_BYTES)
	                 : NULL;
	if (nl != NULL) {
		end = (size_t)(nl - buf) + 1;
	} else if (r->eof) {
		end = len;
	} else {
		/* After the window's last newline; none: a line longer than
		 * the window, for the one-thread path. */
		for (end = len; end > at && buf[end - 1] != '\n'; end--)
			;
		if (end == at) {
			P->end = true;
			P->seq_until = P->next + 1;
			return false;
		}
	}
	k->start = P->next;
	k->end = r->base + end;
	k->eof = r->eof && end == len;
	P->next = k->end;
	return true;
}

/* Merge block k (read, not merged; P->merging is this thread's). */
static bool merge(struct pipe *P, struct block *k)
{
	struct csv_load *L = P->L;
	if (!k->ok || k->ctx.nomem || !merge_block(L, &k->W, L->sc.line))
		return false;
	L->sc.line += k->lines;
	return true;
}

/* A thread's part: merge, cut and read, or wait, until the end. */
static void work(void *arg, size_t i, unsigned thread)
{
	struct pipe *P = arg;
	fl_reader *r = P->L->r;
	(void)i;
	(void)thread;
	pthread_mutex_lock(&P->mu);
	for (;;) {
		struct block *k = &P->bl[P->merged % P->nb];
		if (!P->stop && !P->merging && P->merged < P->cut && k->read) {
			P->merging = true;
			pthread_mutex_unlock(&P->mu);
			bool ok = merge(P, k);
			pthread_mutex_lock(&P->mu);
			P->merging = false;
			if (ok) {
				k->read = false;
				P->merged++;
			} else {
				P->stop = true;
			}
			pthread_cond_broadcast(&P->cv);
			continue;
		}
		k = &P->bl[P->cut % P->nb];
		if (!P->stop && !P->end && P->cut - P->merged < P->nb) {
			if (cut(P, k)) {
				const char *buf = r->buf + (k->start - r->base);
				P->cut++;
				P->reading++;
				pthread_mutex_unlock(&P->mu);
				block_prepare(P->L, k);
				block_run(k, buf);
				pthread_mutex_lock(&P->mu);
				k->read = true;
				P->reading--;
				pthread_cond_broadcast(&P->cv);
				continue;
			}
			if (P->end)
				pthread_cond_broadcast(&P->cv);
		}
		if (P->stop ? P->reading == 0 && !P->merging
		            : P->end && P->merged == P->cut)
			break;
		pthread_cond_wait(&P->cv, &P->mu);
	}
	pthread_mutex_unlock(&P->mu);
}

/*
 * -j: read the records from *pos on in blocks on worker threads, merging
 * each in file order (the design above).  On return the one-thread path
 * reads from *pos up to the record that starts at or after input offset
 * *seq_until: the block that could not be merged, a line longer than the
 * window, or the input too short for threads.
 */
void fl_csvl_threads(struct csv_load *L, size_t *pos, size_t *seq_until)
{
	fl_reader *r = L->r;
	unsigned jobs = L->ctx->opts->jobs;
	if (jobs > FL_PAR_MAX)
		jobs = FL_PAR_MAX;
	/* Less than a block a thread: not worth threads. */
	if (!fl_reader_peek(r, *pos + jobs * BLOCK_BYTES) ||
	    r->len - *pos < jobs * BLOCK_BYTES) {
		*seq_until = SIZE_MAX;
		return;
	}
	struct pipe *P = calloc(1, sizeof(*P));
	if (P == NULL) {
		L->ctx->nomem = true;
		return;
	}
	P->L = L;
	P->nb = RING_PER_THREAD * (size_t)jobs;
	P->next = r->base + *pos;
	if (pthread_mutex_init(&P->mu, NULL) != 0) {
		free(P);
		L->ctx->nomem = true;
		return;
	}
	if (pthread_cond_init(&P->cv, NULL) != 0) {
		pthread_mutex_destroy(&P->mu);
		free(P);
		L->ctx->nomem = true;
		return;
	}
	fl_par_for(jobs, jobs, work, P);
	if (P->nomem || L->ctx->nomem) {
		L->ctx->nomem = true;
	} else if (P->stop) {
		const struct block *k = &P->bl[P->merged % P->nb];
		*pos = k->start - r->base;
		*seq_until = k->end;
	} else {
		*pos = P->next - r->base;
		*seq_until = P->seq_until;
	}
	for (size_t i = 0; i < P->nb; i++)
		if (P->bl[i].W.arena != NULL)
			L->ops->release(&P->bl[i].W);
	pthread_cond_destroy(&P->cv);
	pthread_mutex_destroy(&P->mu);
	free(P);
}
