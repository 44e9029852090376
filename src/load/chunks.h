/*
 * chunks.h - customers loaded in worker threads, merged in input order
 * (chunks.c); docs/architecture.md, "Threads".
 *
 * A loader that may split its input (load_json.c: JSON and JSON Lines)
 * finds, in the bytes its reader's window holds, the offsets where
 * customers start (a cheap pre-scan that only follows strings, escapes
 * and brackets) and cuts there into chunks of about equal size.  Each
 * chunk is parsed by one thread as a memory input of its own, whose
 * offsets and line:column count from the chunk's place in the file, into
 * a load context of its own: its own scratch arena, its own diagnostics
 * (the same 20-error cap), its own partial portfolio and ids of invalid
 * customers; it starts at the chunk's first customer index, so JSON paths
 * (customers[i]) are the file's.  Nothing is shared but the options and
 * the main reader's window, which no thread writes while they run.
 *
 * The merge then takes the chunks in order, in the calling thread, and
 * checks that each gives exactly what the one-thread path would have:
 * the chunk was read to its end as whole customers with no error about
 * the document (a syntax error, a wrong cut), none of its ids is an
 * earlier chunk's (a duplicate must name the FIRST customer, which only
 * the merge knows), and its errors either all fit under the cap or none
 * does (a customer's errors cut by the cap are cut after they are
 * sorted: only the one-thread path knows where).  A chunk that passes is
 * moved over: its customers copied into the portfolio (strings into its
 * arena, segments interned in order, the id index), its diagnostics
 * appended (fl_diags_take), its invalid ids added.  At the first chunk
 * that does not, the merge stops; the loader reads on from that chunk's
 * start on its one-thread path, which is exact because a chunk starts
 * where a customer starts.  So a wrong guess costs time, never a result.
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

#endif
