/*
 * chunks.h - customers loaded in worker threads, merged in input order
 * (chunks.c); docs/architecture.md, "Threads".
 *
 * A loader that may split its input (load_json.c: JSON and JSON Lines)
 * cuts the bytes its reader's window holds into chunks at customers'
 * starts.  Two ways: fl_chunks_split, where each worker finds its own
 * chunk's start from a guessed offset (below; what load_json.c uses), and
 * fl_chunks_run, for a loader that has found exact cuts itself.  Each
 * chunk is parsed by one thread as a memory input of its own, whose
 * offsets count from the chunk's place in the file, into a load context of
 * its own: its own diagnostics (the same 20-error cap), its own partial
 * portfolio and ids of invalid customers.  Nothing is shared but the
 * options and the main reader's window, which no thread writes while they
 * run.
 *
 * The merge then takes the chunks in order, in the calling thread, and
 * checks that each gives exactly what the one-thread path would have:
 * the chunk was read to its end as whole customers with no error about
 * the document (a syntax error, a wrong cut), none of its ids is an
 * earlier chunk's (a duplicate must name the FIRST customer, which only
 * the merge knows), and its errors either all fit under the cap or none
 * does (a customer's errors cut by the cap are cut after they are
 * sorted: only the one-thread path knows where).  A chunk that passes is
 * moved over: its customers appended to the portfolio (fl_portfolio_append:
 * no string is copied, its arena goes over), its diagnostics appended
 * (fl_diags_take), its invalid ids added.  At the first chunk that does
 * not, the merge stops; the loader reads on from that chunk's start on its
 * one-thread path, which is exact because a chunk starts where a customer
 * starts.  So a wrong guess costs time, never a result.
 */
#ifndef FL_LOAD_CHUNKS_H
#define FL_LOAD_CHUNKS_H

#include "load/load.h"

/* The most threads a load uses (and -j accepts past this is capped). */
#define FL_JOBS_MAX 8

typedef struct fl_chunk {
	size_t start, end;      /* its bytes: offsets in the main window */
	size_t index;           /* the input position of its first customer */
	/* Filled by fl_chunks_run: */
	unsigned long lines_before, col_before;   /* the position of start */
	fl_load_ctx ctx;
	fl_diags diags;
	bool ok;
	/* fl_chunks_split: the newlines it read; its scratch is lent. */
	unsigned long lines;
	bool own_scratch;
} fl_chunk;

/*
 * Read the customers of chunk reader r (its window is the chunk, at its
 * place in the file) into ctx.  True when every byte was read as whole
 * customers (the loader's separators between and after them) and nothing
 * was wrong with the document; errors about customers are fine.
 */
typedef bool fl_chunk_fn(fl_load_ctx *ctx, fl_reader *r);

/*
 * Parse chunks[0..n) of r's window (start, end and index set, in order,
 * each ending where the next starts) with fn, one thread each, then merge
 * them in order into ctx (above).  Returns how many were merged: n, or
 * the one to read again on the one-thread path from its start.  Sets
 * ctx->nomem when out of memory (then the result is 0 or what was merged).
 */
size_t fl_chunks_run(fl_load_ctx *ctx, const fl_reader *r, fl_chunk *chunks,
                     size_t n, fl_chunk_fn *fn);

/*
 * Chunks that find their own starts: no pre-scan on the calling thread.
 *
 * The loader knows one customer's start (`start`, an offset in its
 * reader's window) and a boundary after it (`limit`).  A boundary is a
 * place that looks like a customer's start to a cheap test (at_boundary:
 * JSON, a '{' after "}," in the layout and with the first key of the
 * customer at start; JSON Lines, a line's start) and where the loader's
 * loop of customers would stop.  The window from start to limit is cut at
 * guesses every `size` bytes into chunks, which up to `jobs` threads take
 * in turn.  Each worker finds its chunk's start itself, the first
 * boundary at or after its guess (find), and reads customers from there
 * (parse) until the first boundary at or past the next chunk's guess (the
 * last chunk: limit), in a context of its own whose positions count from
 * the chunk: its first customer is index 0, its first line line 1.
 *
 * A boundary may be a wrong guess (an object inside a customer that looks
 * like one): the merge takes chunk k only when chunk k - 1 stopped exactly
 * where chunk k started, which makes every merged start a customer's, as
 * chunk 0's is.  A chunk is then checked as for fl_chunks_run, with one
 * more rule: its errors must all be dropped by the cap (their paths and
 * lines count from the chunk, not the file), else the loader reads it on
 * one thread.  Accepted: its customers' indexes (and bad ids' positions)
 * are moved on by the customers and lines before it as they are merged.
 */
typedef struct fl_split {
	size_t start;           /* a customer's start: chunk 0's */
	size_t limit;           /* a boundary after start: the last stop */
	size_t size;            /* about this many bytes a chunk */
	unsigned long lines_before;  /* newlines in the input before start */
	/* Is window offset `at` (of buf[0..len)) a boundary? */
	bool (*at_boundary)(const char *buf, size_t len, size_t at,
	                    const void *arg);
	/* The first boundary at or after `at`, else len. */
	size_t (*find)(const char *buf, size_t len, size_t at, const void *arg);
	/*
	 * Read customers from the start of chunk reader r (whose window
	 * goes on to the end of the main one) up to the first boundary at or
	 * past `stop` (an offset of r's window), and set *end there and
	 * *lines to the newlines read.  True when they were read as whole
	 * customers and nothing was wrong with the document.
	 */
	bool (*parse)(fl_load_ctx *ctx, fl_reader *r, size_t stop,
	              const struct fl_split *s, size_t *end,
	              unsigned long *lines);
	const void *arg;
	/* Where each thread puts its chunks' strings, kept by the caller
	 * from one split to the next (zeroed at first) and handed to the
	 * portfolio by fl_chunks_done: one arena a thread for the whole
	 * load wastes only its last block.  NULL: handed over after the
	 * split. */
	fl_arena **strings;     /* FL_JOBS_MAX of them */
	/* Set by fl_chunks_split: */
	const char *buf;        /* the main window, for parse */
	size_t len;
	size_t end;             /* the merged customers end here: a
	                         * customer's start (start: none merged) */
	unsigned long lines;    /* newlines from start to end */
	size_t retry;           /* read on one thread up to here first */
} fl_split;

/*
 * Split r's window as s says, parse the chunks on up to `jobs` threads and
 * merge them into ctx (above).  Sets s->end, s->lines and s->retry; sets
 * ctx->nomem when out of memory.
 */
void fl_chunks_split(fl_load_ctx *ctx, const fl_reader *r, unsigned jobs,
                     fl_split *s);

/* The load is over: the arenas of fl_split.strings go to ctx's portfolio
 * (its customers' strings are there), and the array is zeroed. */
void fl_chunks_done(fl_load_ctx *ctx, fl_arena **strings);

#endif
