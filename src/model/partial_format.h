/*
 * partial_format.h - the layout of a .fltp file (partial.h), shared by its
 * writer (write/partial_write.c) and its reader (load/partial_load.c), so
 * that neither has an offset of its own.  docs/scale.md describes it for
 * people; every integer and double is little-endian.
 *
 *   header   FLTP_HEADER bytes: magic, version, by, min_group, the margin
 *            axis, the value axis, customers, groups
 *   groups   each: segment length (u32), segment (UTF-8, no NUL), count
 *            n >= 1 (u64), n margin values, n value values (binary64)
 *   trailer  CRC-32 (u32) of every byte before it
 */
#ifndef FL_MODEL_PARTIAL_FORMAT_H
#define FL_MODEL_PARTIAL_FORMAT_H

/* "FLTP\r\n\x1a\n": a name, then bytes that a text-mode copy or a
 * truncation to 7 bits would change (as PNG's). */
#define FLTP_MAGIC "FLTP\r\n\x1a\n"
#define FLTP_MAGIC_LEN 8

enum {
	FLTP_OFF_VERSION = 8,     /* u32 */
	FLTP_OFF_BY = 12,         /* u8: 0 none, 1 segment; 3 zero bytes */
	FLTP_OFF_MIN_GROUP = 16,  /* u64 */
	FLTP_OFF_AXES = 24,       /* the margin axis, then the value axis */
	FLTP_AXIS_LEN = 56,
	FLTP_OFF_CUSTOMERS = 136, /* u64: the sum of the groups' counts */
	FLTP_OFF_GROUPS = 144,    /* u64: the number of groups */
	FLTP_HEADER = 152,

	/* Inside an axis. */
	FLTP_AX_BASIS = 0,        /* u8: fl_basis (0 percent, 1 absolute,
	                           * 2 average-order, 3 revenue) */
	FLTP_AX_FLAGS = 1,        /* u8: FLTP_CUTS_GIVEN | FLTP_SPLIT_GIVEN;
	                           * then 6 zero bytes */
	FLTP_AX_Q_LOW = 8,        /* the quantiles, binary64 */
	FLTP_AX_Q_HIGH = 16,
	FLTP_AX_Q_SPLIT = 24,
	FLTP_AX_CUT_LOW = 32,     /* the given values, 0 when not given */
	FLTP_AX_CUT_HIGH = 40,
	FLTP_AX_SPLIT = 48,

	FLTP_CUTS_GIVEN = 1,
	FLTP_SPLIT_GIVEN = 2,

	FLTP_TRAILER = 4          /* the CRC-32 */
};

#endif
