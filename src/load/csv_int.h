/*
 * csv_int.h - what the order-line loader (load_csv.c) and its threaded
 * reading (csv_threads.c, -j) share: the loader's state, a block's kept
 * lines, the tags of the order table and two small rules both apply.
 * Private to src/load.
 *
 * load_csv.c owns every struct csv_load: its state_init makes one and its
 * release frees one, also a block's, which csv_threads.c asks for through
 * L->ops.  csv_threads.c owns the ring of blocks, and merges a
 * block's customers and orders into the caller's state.
 *
 * csv_threads.c calls load_csv.c only through struct fl_csvl_ops, never
 * by name: load_csv.c calls it, and two files must not depend on each
 * other in a circle (scripts/deps.py, docs/architecture.md).
 */
#ifndef FL_LOAD_CSV_INT_H
#define FL_LOAD_CSV_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <focuslevel/orderlines.h>

#include "load/load.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/hashtab.h"
#include "util/recode.h"

/* A customer while the lines are read. */
struct ccust {
	fl_line_customer pub;
	uint32_t last;       /* its last order, to append the next */
	uint32_t errors;     /* errors in its lines */
	uint32_t tag;        /* fl_slots_tag of pub.id, its key in cset */
	/* strlen of pub.id, pub.name and pub.segment (set by customer() and
	 * take_text, their only writers): every line compares them. */
	size_t id_len, name_len, segment_len;
};

/* load_csv.c's functions that the threads call (struct fl_csvl_ops). */
struct fl_csvl_ops;

struct csv_load {
	/* What a state is made with, and the memory it owns: a block's state
	 * keeps all of it from block to block (csv_threads.c, state_reuse). */
	const struct fl_csvl_ops *ops;  /* set by state_init */
	fl_load_ctx *ctx;
	fl_reader *r;
	const fl_csv_dialect *d;
	fl_csv sc;
	bool utf8;
	fl_recode rec;
	int col[FL_LINE_FIELDS];  /* the column of each field, or -1 */
	size_t ncols;
	const char **header;      /* the header's names, as UTF-8 */
	fl_arena *arena;          /* ids, names, segments, order keys */
	struct ccust *cs;         /* ncs of them */
	size_t cs_cap;
	fl_strset cset;           /* ids: index = the customer */
	fl_order *os;             /* nos of them */
	size_t os_cap;
	fl_strset oset;           /* "CUSTOMER:NUMBER": index = the order
	                           * (empty in a block: run_order) */
	fl_buf text[FL_LINE_FIELDS];  /* converted text of a line's fields */
	fl_buf key;
	fl_buf conflict;          /* the first conflict, described */
	/* A block read on a worker thread (-j; csv_threads.c): no message
	 * is written, an error or a conflict only marks it failed, and each
	 * order keeps its lines' values for the merge. */
	bool spec;
	struct spec_order *so;    /* per order: its customer, its lines */
	size_t so_cap;
	struct spec_line *sl;     /* the lines, in file order */
	size_t sl_cap;

	/* What the lines read so far make: from here to the end, zero in
	 * a state that starts (CSVL_READ_STATE). */
	size_t ncs, nos, nso, nsl;
	/* The last line's customer and order, for the next line of the same
	 * order (most exports list an order's lines together). */
	size_t last_c, last_o;
	bool have_last;
	const char *last_num;     /* the order number of last_o, in oset */
	size_t last_num_len;
	uint32_t last_nh;         /* number_tag of it */
	const char *run_num;      /* spec: the number of the newest order */
	/* The last date parsed and its day: an order's lines repeat it. */
	char date_text[32];
	size_t date_len;
	int32_t date_day;
	/* Name and segment conflicts: counted, the first one described. */
	size_t conflicts;
	unsigned long conflict_line, conflict_col;
	bool failed;              /* spec: an error or a conflict */
};

/* Where the read state of struct csv_load starts. */
#define CSVL_READ_STATE offsetof(struct csv_load, ncs)


/* A block's order: its customer (index into cs) and its lines, a chain
 * through spec_line.next. */
struct spec_order {
	uint32_t owner;
	uint32_t head, tail;
	uint32_t nh;              /* number_tag of its number */
	const char *num;          /* the number, in the block's arena */
	size_t num_len;
};

struct spec_line {
	double value, cost;
	uint32_t next;
};

/*
 * The tag of an order number in oset (fl_strset_add_tag): the key is
 * "CUSTOMER:NUMBER" with the customer's index, which a block read on a
 * thread does not know, so the tag is made of the id's tag and the
 * number's (number_tag), which it does: the merge hashes nothing.
 */
static inline uint32_t number_tag(const char *num, size_t len)
{
	return (uint32_t)fl_slots_tag(num, len);
}

static inline uint32_t order_tag(uint32_t id_tag, uint32_t nh)
{
	uint64_t h = ((uint64_t)id_tag << 32 | nh) * 0x9E3779B97F4A7C15u;
	return (uint32_t)(h >> 32);
}

/* A customer's first name or segment, s[0..len): a copy in `a` at *dst,
 * its length at *dst_len.  False when out of memory (*dst unchanged). */
static inline bool first_text(fl_arena *a, const char **dst,
                              size_t *dst_len, const char *s, size_t len)
{
	char *t = fl_arena_strndup(a, s, len);
	if (t == NULL)
		return false;
	*dst = t;
	*dst_len = len;
	return true;
}

/* The number of order o (after "CUSTOMER:"). */
static inline const char *order_number(const struct csv_load *L, size_t o)
{
	return strchr(L->oset.entries[o]->s, ':') + 1;
}

/*
 * The functions of load_csv.c that the threads call (the table is
 * load_csv.c's, reached through csv_load.ops; see the file's head):
 *  - state_init: L empty, for ctx (false when out of memory, or when
 *    iconv cannot convert: the arena is there);
 *  - release: free all L holds;
 *  - read_line: the record in L->sc, one order line, into L;
 *  - customer: the customer with id s[0..len) and fl_slots_tag `tag`,
 *    added at `line` when new; NULL when out of memory;
 *  - order: the order num[0..len) of customer c (nh: its number_tag),
 *    added at `line` when new; NULL when out of memory.
 */
struct fl_csvl_ops {
	bool (*state_init)(struct csv_load *L, fl_load_ctx *ctx);
	void (*release)(struct csv_load *L);
	void (*read_line)(struct csv_load *L);
	struct ccust *(*customer)(struct csv_load *L, uint32_t tag,
	                          const char *s, size_t len, unsigned long line);
	fl_order *(*order)(struct csv_load *L, struct ccust *c, const char *num,
	                   size_t len, uint32_t nh, unsigned long line);
};

/*
 * -j: read L's records from *pos (an offset in L->r's window) on in
 * blocks on worker threads, merging each into L in file order.  On return
 * the caller reads on its one-thread path from *pos up to the record that
 * starts at or after input offset *seq_until (SIZE_MAX: to the end).  Out
 * of memory: L->ctx->nomem.  The blocks' memory is freed before it
 * returns.
 */
void fl_csvl_threads(struct csv_load *L, size_t *pos, size_t *seq_until);

#endif
