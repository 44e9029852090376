/*
 * partial_write.c - a shard's part of the thresholds as a .fltp file
 * (model/partial_format.h has the layout, docs/scale.md describes it).
 */
#include <focuslevel/partial.h>

#include <string.h>

#include "model/partial_format.h"
#include "util/crc32.h"
#include "util/le.h"

/* The output and the CRC of every byte written to it so far. */
struct sink {
	fl_out *o;
	uint32_t crc;
};

static void put(struct sink *s, const unsigned char *b, size_t n)
{
	s->crc = fl_crc32(s->crc, b, n);
	fl_out_write(s->o, (const char *)b, n);
}

static void axis_bytes(unsigned char *b, const fl_axis_spec *a)
{
	b[FLTP_AX_BASIS] = (unsigned char)a->basis;
	b[FLTP_AX_FLAGS] = (unsigned char)((a->has_cuts ? FLTP_CUTS_GIVEN : 0) |
	                                   (a->has_split ? FLTP_SPLIT_GIVEN : 0));
	fl_le_put_double(b + FLTP_AX_Q_LOW, a->q_low);
	fl_le_put_double(b + FLTP_AX_Q_HIGH, a->q_high);
	fl_le_put_double(b + FLTP_AX_Q_SPLIT, a->q_split);
	fl_le_put_double(b + FLTP_AX_CUT_LOW, a->has_cuts ? a->cut_low : 0);
	fl_le_put_double(b + FLTP_AX_CUT_HIGH, a->has_cuts ? a->cut_high : 0);
	fl_le_put_double(b + FLTP_AX_SPLIT, a->has_split ? a->split : 0);
}

/* n doubles, 512 at a time. */
static void put_values(struct sink *s, const double *v, size_t n)
{
	unsigned char buf[512 * 8];
	while (n > 0) {
		size_t k = n < 512 ? n : 512;
		for (size_t i = 0; i < k; i++)
			fl_le_put_double(buf + 8 * i, v[i]);
		put(s, buf, 8 * k);
		v += k;
		n -= k;
	}
}

void fl_partial_write(fl_out *o, const fl_partial *p)
{
	struct sink s = { o, 0 };
	unsigned char h[FLTP_HEADER];
	memset(h, 0, sizeof(h));
	memcpy(h, FLTP_MAGIC, FLTP_MAGIC_LEN);
	fl_le_put32(h + FLTP_OFF_VERSION, FL_PARTIAL_VERSION);
	h[FLTP_OFF_BY] = p->by == FL_BY_SEGMENT ? 1 : 0;
	fl_le_put64(h + FLTP_OFF_MIN_GROUP, (uint64_t)p->min_group);
	axis_bytes(h + FLTP_OFF_AXES, &p->spec.margin);
	axis_bytes(h + FLTP_OFF_AXES + FLTP_AXIS_LEN, &p->spec.value);
	fl_le_put64(h + FLTP_OFF_CUSTOMERS, (uint64_t)p->count);
	fl_le_put64(h + FLTP_OFF_GROUPS, (uint64_t)p->group_count);
	put(&s, h, sizeof(h));
	for (size_t g = 0; g < p->group_count; g++) {
		const fl_partial_group *gr = &p->groups[g];
		unsigned char b[8];
		size_t len = strlen(gr->segment);
		fl_le_put32(b, (uint32_t)len);
		put(&s, b, 4);
		put(&s, (const unsigned char *)gr->segment, len);
		fl_le_put64(b, (uint64_t)gr->count);
		put(&s, b, 8);
		put_values(&s, gr->margin, gr->count);
		put_values(&s, gr->value, gr->count);
	}
	unsigned char crc[FLTP_TRAILER];
	fl_le_put32(crc, s.crc);
	fl_out_write(o, (const char *)crc, sizeof(crc));
}
