/*
 * partial_load.c - the reader of a .fltp file (partial.h; the layout is in
 * model/partial_format.h and docs/scale.md).
 *
 * A part may come from another machine, through pipes and copies: every
 * field is checked, and an error says at which byte and what was expected
 * there.  The file is read as a stream (a pipe has no size), so memory
 * follows the bytes that arrive, never a count the file claims: a count of
 * 2^60 customers in a 200-byte file is "truncated", not an allocation.
 */
#include <focuslevel/partial.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/groups.h"
#include "model/partial_format.h"
#include "util/buf.h"
#include "util/crc32.h"
#include "util/diag.h"
#include "util/le.h"
#include "util/utf8.h"

struct rd {
	FILE *fp;                /* or the memory below */
	const unsigned char *mem;
	size_t len;
	size_t pos;              /* bytes consumed */
	uint32_t crc;            /* of the bytes consumed */
	bool io_error;
	fl_diags *diags;
	fl_partial *p;
};

/* Up to n bytes into b; fewer only at the end of the input (or on a read
 * error, io_error). */
static size_t rd_bytes(struct rd *r, void *b, size_t n)
{
	size_t got;
	if (r->fp != NULL) {
		got = fread(b, 1, n, r->fp);
		if (got < n && ferror(r->fp))
			r->io_error = true;
	} else {
		got = r->len - r->pos < n ? r->len - r->pos : n;
		memcpy(b, r->mem + r->pos, got);
	}
	r->crc = fl_crc32(r->crc, b, got);
	r->pos += got;
	return got;
}

/* An error at byte `at` of the file: FL_ERR_INPUT (FL_ERR_NOMEM when even
 * the message cannot be kept; FL_ERR_IO after a read error, which is the
 * real cause of a short read). */
static fl_status fail(struct rd *r, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static fl_status fail(struct rd *r, size_t at, const char *fmt, ...)
{
	if (r->io_error)
		return FL_ERR_IO;
	fl_buf m;
	fl_buf_init(&m);
	fl_buf_addf(&m, "at byte %zu: ", at);
	va_list ap;
	va_start(ap, fmt);
	char tmp[512];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	fl_buf_adds(&m, tmp);
	fl_status st = m.oom ? FL_ERR_NOMEM : FL_ERR_INPUT;
	if (st == FL_ERR_INPUT && r->diags != NULL &&
	    fl_diags_add(r->diags, FL_SEV_ERROR, 0, 0, "", "%s", m.buf) != FL_OK)
		st = FL_ERR_NOMEM;
	fl_buf_release(&m);
	return st;
}

/* Exactly n bytes, or a "truncated" error naming `what`. */
static fl_status need(struct rd *r, void *b, size_t n, const char *what)
{
	size_t at = r->pos;
	if (rd_bytes(r, b, n) == n)
		return FL_OK;
	return fail(r, at, "the file is truncated: expected %s (%zu bytes), "
	            "found %zu", what, n, r->pos - at);
}

/* A group as messages name it: its number from 1 and its segment. */
static void group_name(char *buf, size_t len, size_t g, const char *seg)
{
	char *q = seg != NULL ? fl_quote(seg, strlen(seg), FL_QUOTE_MAX,
	                                 FL_QUOTE_MARKS) : NULL;
	if (q != NULL && seg[0] != '\0')
		snprintf(buf, len, "group %zu (segment %s)", g + 1, q);
	else if (seg != NULL)
		snprintf(buf, len, "group %zu (no segment)", g + 1);
	else
		snprintf(buf, len, "group %zu", g + 1);
	free(q);
}

/* ---- the header ------------------------------------------------------- */

static fl_status magic_version(struct rd *r)
{
	unsigned char h[FLTP_OFF_BY];
	size_t got = rd_bytes(r, h, sizeof(h));
	if (r->io_error)
		return FL_ERR_IO;
	size_t cmp = got < FLTP_MAGIC_LEN ? got : FLTP_MAGIC_LEN;
	if (got == 0 || memcmp(h, FLTP_MAGIC, cmp) != 0) {
		/* "FLTP\n\x1a\n": CR LF made LF by a copy in text mode. */
		if (got >= 4 && memcmp(h, FLTP_MAGIC, 4) == 0)
			return fail(r, 4, "not a partial file as 'thresholds "
			            "--partial' writes it: its first bytes were "
			            "changed (a copy in text mode, or an FTP "
			            "transfer in ASCII mode?)");
		return fail(r, 0, "not a partial file as 'thresholds --partial' "
		            "writes it (it does not start with FLTP\\r\\n"
		            "\\x1a\\n)");
	}
	if (got < sizeof(h))
		return fail(r, got, "the file is truncated: expected the header "
		            "(%d bytes), found %zu", FLTP_HEADER, got);
	uint32_t v = fl_le_get32(h + FLTP_OFF_VERSION);
	if (v != FL_PARTIAL_VERSION)
		return fail(r, FLTP_OFF_VERSION, "version %lu of the partial "
		            "format; this focuslevel reads version %u: write the "
		            "parts and merge them with the same version",
		            (unsigned long)v, FL_PARTIAL_VERSION);
	return FL_OK;
}

static bool all_zero(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static fl_status axis_read(struct rd *r, const unsigned char *b, size_t at,
                           const char *name, fl_axis_spec *a)
{
	unsigned basis = b[FLTP_AX_BASIS], flags = b[FLTP_AX_FLAGS];
	if (basis == FL_BASIS_CLV)
		return fail(r, at + FLTP_AX_BASIS, "the %s axis is on the basis "
		            "clv, which no part can hold (its values need one fit "
		            "over every customer)", name);
	if (basis > FL_BASIS_CLV)
		return fail(r, at + FLTP_AX_BASIS, "the %s axis's basis is %u, "
		            "expected 0 to 3", name, basis);
	if (flags > (FLTP_CUTS_GIVEN | FLTP_SPLIT_GIVEN) ||
	    !all_zero(b + FLTP_AX_FLAGS + 1, FLTP_AX_Q_LOW - FLTP_AX_FLAGS - 1))
		return fail(r, at + FLTP_AX_FLAGS, "the %s axis's flags are %u "
		            "and reserved bytes, expected 0 to 3 and zeros", name,
		            flags);
	a->basis = (fl_basis)basis;
	a->has_cuts = (flags & FLTP_CUTS_GIVEN) != 0;
	a->has_split = (flags & FLTP_SPLIT_GIVEN) != 0;
	static const size_t off[6] = { FLTP_AX_Q_LOW, FLTP_AX_Q_HIGH,
	                               FLTP_AX_Q_SPLIT, FLTP_AX_CUT_LOW,
	                               FLTP_AX_CUT_HIGH, FLTP_AX_SPLIT };
	double *dst[6] = { &a->q_low, &a->q_high, &a->q_split, &a->cut_low,
	                   &a->cut_high, &a->split };
	for (int k = 0; k < 6; k++) {
		double v = fl_le_get_double(b + off[k]);
		bool given = k < 3 || (k < 5 ? a->has_cuts : a->has_split);
		/* An unused value is +0, all bytes zero, as the writer puts
		 * it: a part has one form (fuzz_partial found -0 read and +0
		 * written). */
		bool ok = k < 3 ? v >= 0 && v <= 1
		        : given ? isfinite(v) : all_zero(b + off[k], 8);
		if (!ok)
			return fail(r, at + off[k], "the %s axis's %s is out of "
			            "range", name, k < 3 ? "quantile"
			            : given ? "given value" : "unused value (not 0)");
		*dst[k] = v;
	}
	if (a->q_low > a->q_high || (a->has_cuts && a->cut_low > a->cut_high))
		return fail(r, at + FLTP_AX_Q_LOW, "the %s axis's first cut is "
		            "above the second", name);
	return FL_OK;
}

static fl_status header_read(struct rd *r, size_t *groups)
{
	unsigned char h[FLTP_HEADER];
	fl_status st = need(r, h + FLTP_OFF_BY, FLTP_HEADER - FLTP_OFF_BY,
	                    "the rest of the header");
	if (st != FL_OK)
		return st;
	fl_partial *p = r->p;
	if (h[FLTP_OFF_BY] > 1 || !all_zero(h + FLTP_OFF_BY + 1, 3))
		return fail(r, FLTP_OFF_BY, "'by' is %u and reserved bytes, "
		            "expected 0 (none) or 1 (segment) and zeros",
		            h[FLTP_OFF_BY]);
	p->by = h[FLTP_OFF_BY] ? FL_BY_SEGMENT : FL_BY_NONE;
	uint64_t mg = fl_le_get64(h + FLTP_OFF_MIN_GROUP);
	if (mg > SIZE_MAX)
		return fail(r, FLTP_OFF_MIN_GROUP, "min_group is out of range");
	p->min_group = (size_t)mg;
	st = axis_read(r, h + FLTP_OFF_AXES, FLTP_OFF_AXES, "margin",
	               &p->spec.margin);
	if (st == FL_OK)
		st = axis_read(r, h + FLTP_OFF_AXES + FLTP_AXIS_LEN,
		               FLTP_OFF_AXES + FLTP_AXIS_LEN, "value",
		               &p->spec.value);
	if (st != FL_OK)
		return st;
	uint64_t n = fl_le_get64(h + FLTP_OFF_CUSTOMERS);
	uint64_t g = fl_le_get64(h + FLTP_OFF_GROUPS);
	/* Each customer takes 16 bytes: a count past SIZE_MAX / 16 cannot
	 * be in memory, whatever the file goes on to hold. */
	if (n > SIZE_MAX / 16)
		return fail(r, FLTP_OFF_CUSTOMERS, "%llu customers: more than "
		            "this machine can hold", (unsigned long long)n);
	if (g > n || (p->by == FL_BY_NONE && g != (n > 0)))
		return fail(r, FLTP_OFF_GROUPS, "%llu groups for %llu customers%s",
		            (unsigned long long)g, (unsigned long long)n,
		            p->by == FL_BY_NONE ? " without 'by: segment' (expected "
		            "one group, none without customers)" : " (each group "
		            "has one customer at least)");
	p->count = (size_t)n;
	*groups = (size_t)g;
	return FL_OK;
}

/* ---- the groups ------------------------------------------------------- */

/* n doubles into v (which has room), "truncated" naming `what`; NaN is
 * refused (no model value is one, and selection needs an order). */
static fl_status values_read(struct rd *r, double *v, size_t n,
                             const char *what)
{
	unsigned char buf[512 * 8];
	for (size_t i = 0; i < n;) {
		size_t k = n - i < 512 ? n - i : 512;
		size_t at = r->pos;
		if (rd_bytes(r, buf, 8 * k) != 8 * k)
			return fail(r, at, "the file is truncated: expected %s, "
			            "%zu values, found %zu", what, n,
			            i + (r->pos - at) / 8);
		for (size_t j = 0; j < k; j++) {
			v[i + j] = fl_le_get_double(buf + 8 * j);
			if (isnan(v[i + j]))
				return fail(r, at + 8 * j, "%s: value %zu is not a "
				            "number (NaN)", what, i + j + 1);
		}
		i += k;
	}
	return FL_OK;
}

/*
 * count doubles of each axis into g: the margin values into a block that
 * grows as they arrive (so a false count costs no memory), then the block
 * made room for both axes.
 */
static fl_status group_values(struct rd *r, fl_partial_group *g,
                              size_t count, const char *gname)
{
	char what[256];
	size_t cap = 0, done = 0;
	while (done < count) {
		size_t want = count - done < 65536 ? count - done : 65536;
		if (done + want > cap) {
			cap = cap == 0 ? want : cap * 2;
			if (cap > count)
				cap = count;
			double *m = realloc(g->margin, cap * sizeof(double));
			if (m == NULL)
				return FL_ERR_NOMEM;
			g->margin = m;
		}
		snprintf(what, sizeof(what), "the margin-axis values of %s", gname);
		fl_status st = values_read(r, g->margin + done, want, what);
		if (st != FL_OK)
			return st;
		done += want;
	}
	double *m = realloc(g->margin, 2 * count * sizeof(double));
	if (m == NULL)
		return FL_ERR_NOMEM;
	g->margin = m;
	g->value = m + count;
	snprintf(what, sizeof(what), "the value-axis values of %s", gname);
	return values_read(r, g->value, count, what);
}

/* The segment of group gi, len bytes, read as they arrive. */
static fl_status segment_read(struct rd *r, size_t gi, size_t len,
                              char **out)
{
	char gname[64];
	group_name(gname, sizeof(gname), gi, NULL);
	size_t at = r->pos, cap = len < 4096 ? len : 4096, done = 0;
	char *s = malloc(cap + 1);
	if (s == NULL)
		return FL_ERR_NOMEM;
	while (done < len) {
		if (done == cap) {
			cap = cap * 2 < len ? cap * 2 : len;
			char *t = realloc(s, cap + 1);
			if (t == NULL) {
				free(s);
				return FL_ERR_NOMEM;
			}
			s = t;
		}
		size_t want = cap - done, got = rd_bytes(r, s + done, want);
		done += got;
		if (got < want) {
			free(s);
			return fail(r, at, "the file is truncated: expected the "
			            "segment of %s (%zu bytes), found %zu", gname,
			            len, done);
		}
	}
	s[len] = '\0';
	size_t bad;
	if (!fl_utf8_valid(s, len, &bad) || memchr(s, '\0', len) != NULL) {
		free(s);
		return fail(r, at, "the segment of %s is not UTF-8 text without "
		            "NUL bytes", gname);
	}
	*out = s;
	return FL_OK;
}

static fl_status group_read(struct rd *r, size_t gi, size_t *seen)
{
	fl_partial *p = r->p;
	fl_partial_group *g = &p->groups[gi];
	unsigned char b[8];
	char gname[200];
	group_name(gname, sizeof(gname), gi, NULL);
	char what[256];
	snprintf(what, sizeof(what), "the segment length of %s", gname);
	fl_status st = need(r, b, 4, what);
	if (st != FL_OK)
		return st;
	size_t at = r->pos;
	st = segment_read(r, gi, fl_le_get32(b), &g->segment);
	if (st != FL_OK)
		return st;
	group_name(gname, sizeof(gname), gi, g->segment);
	if (p->by == FL_BY_NONE && g->segment[0] != '\0')
		return fail(r, at, "%s: a part without 'by: segment' has one "
		            "group, without a segment", gname);
	if (gi > 0 && fl_segment_cmp(p->groups[gi - 1].segment,
	                             g->segment) >= 0)
		return fail(r, at, "%s is out of order: the groups are sorted by "
		            "segment (byte order, no segment last), each once",
		            gname);
	at = r->pos;
	snprintf(what, sizeof(what), "the count of %s", gname);
	st = need(r, b, 8, what);
	if (st != FL_OK)
		return st;
	uint64_t n = fl_le_get64(b);
	if (n == 0 || n > p->count - *seen)
		return fail(r, at, "%s has %llu customers; expected 1 to %zu (the "
		            "header's %zu customers, less the groups before)",
		            gname, (unsigned long long)n, p->count - *seen,
		            p->count);
	g->count = (size_t)n;
	*seen += g->count;
	return group_values(r, g, g->count, gname);
}

static fl_status body_read(struct rd *r, size_t groups)
{
	fl_partial *p = r->p;
	size_t seen = 0, cap = 0;
	for (size_t g = 0; g < groups; g++) {
		/* The groups grow as they arrive, as the values do: a count
		 * of groups is a claim until their bytes are there. */
		if (g == cap) {
			cap = cap == 0 ? 16 : 2 * cap;
			if (cap > groups)
				cap = groups;
			fl_partial_group *gs = realloc(p->groups,
			                               cap * sizeof(*gs));
			if (gs == NULL)
				return FL_ERR_NOMEM;
			p->groups = gs;
		}
		/* The group is the part's from here: freed with it, read or
		 * not. */
		memset(&p->groups[g], 0, sizeof(p->groups[g]));
		p->group_count = g + 1;
		fl_status st = group_read(r, g, &seen);
		if (st != FL_OK)
			return st;
	}
	if (seen != p->count)
		return fail(r, r->pos, "the groups hold %zu customers, the header "
		            "says %zu", seen, p->count);
	uint32_t crc = r->crc;
	unsigned char b[FLTP_TRAILER];
	fl_status st = need(r, b, sizeof(b), "the CRC-32 at the end");
	if (st != FL_OK)
		return st;
	if (fl_le_get32(b) != crc)
		return fail(r, r->pos - sizeof(b), "the CRC-32 at the end does "
		            "not match the content: the file is damaged");
	size_t end = r->pos;
	if (rd_bytes(r, b, 1) != 0)
		return fail(r, end, "data after the end of the part");
	return r->io_error ? FL_ERR_IO : FL_OK;
}

static fl_status load(struct rd *r, fl_partial **out)
{
	*out = NULL;
	r->p = calloc(1, sizeof(*r->p));
	if (r->p == NULL)
		return FL_ERR_NOMEM;
	fl_threshold_spec_init(&r->p->spec);
	size_t groups = 0;
	fl_status st = magic_version(r);
	if (st == FL_OK)
		st = header_read(r, &groups);
	if (st == FL_OK)
		st = body_read(r, groups);
	if (st != FL_OK) {
		fl_partial_free(r->p);
		return st;
	}
	*out = r->p;
	return FL_OK;
}

fl_status fl_partial_load(FILE *fp, fl_partial **out, fl_diags *diags)
{
	struct rd r = { .fp = fp, .diags = diags };
	return load(&r, out);
}

fl_status fl_partial_load_mem(const void *data, size_t len, fl_partial **out,
                              fl_diags *diags)
{
	struct rd r = { .mem = data, .len = len, .diags = diags };
	return load(&r, out);
}
