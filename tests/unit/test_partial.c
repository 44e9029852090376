/*
 * test_partial.c - the parts of shards (partial.h): written and read back
 * exactly; every truncation and every damaged byte of a part refused with
 * a message that says where; a count the file cannot hold refused without
 * allocating it; the merge of parts equal, bit for bit, to the thresholds
 * of one fl_plan_compute over the whole portfolio.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <focuslevel/focuslevel.h>

#include "model/partial_format.h"
#include "util/crc32.h"
#include "util/le.h"

/* Twelve customers in four segments (one of them none), with ties. */
static const char portfolio[] =
	"customers:\n"
	"  - {id: A1, segment: east, revenue: 1000, cost: 600, orders: 4}\n"
	"  - {id: A2, segment: west, revenue: 2000, cost: 1500, orders: 2}\n"
	"  - {id: A3, revenue: 500, cost: 100, orders: 1}\n"
	"  - {id: A4, segment: east, revenue: 1000, cost: 600, orders: 4}\n"
	"  - {id: A5, segment: west, revenue: 0, cost: 0, orders: 0}\n"
	"  - {id: A6, segment: \"\\u03a9\", revenue: 7300, cost: 5000, orders: 3}\n"
	"  - {id: A7, segment: east, revenue: 120, cost: 90, orders: 1}\n"
	"  - {id: A8, revenue: 9000, cost: 8000, orders: 9}\n"
	"  - {id: A9, segment: west, revenue: 450, cost: 200, orders: 5}\n"
	"  - {id: B1, segment: east, revenue: 3000, cost: 1000, orders: 6}\n"
	"  - {id: B2, segment: \"\\u03a9\", revenue: 60, cost: 70, orders: 1}\n"
	"  - {id: B3, segment: west, revenue: 2500, cost: 2400, orders: 5}\n";

static fl_portfolio *load(const char *text, size_t len)
{
	fl_load_options o = { .format = FL_INPUT_YAML };
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_portfolio *p = NULL;
	assert_int_equal(fl_portfolio_load_mem(text, len, "p.yaml", &o, &p, &d),
	                 FL_OK);
	fl_diags_release(&d);
	return p;
}

/* The lines of `portfolio` from `first` to `last` (0-based customers),
 * with the header line. */
static fl_portfolio *load_customers(size_t first, size_t last)
{
	char buf[sizeof(portfolio)];
	const char *line = strchr(portfolio, '\n') + 1;
	size_t n = (size_t)(line - portfolio);
	memcpy(buf, portfolio, n);
	for (size_t i = 0; *line != '\0'; i++) {
		const char *end = strchr(line, '\n') + 1;
		if (i >= first && i <= last) {
			memcpy(buf + n, line, (size_t)(end - line));
			n += (size_t)(end - line);
		}
		line = end;
	}
	if (n == (size_t)(strchr(portfolio, '\n') + 1 - portfolio))
		return load("customers: []\n", 14);
	return load(buf, n);
}

static fl_plan_spec spec_by(fl_group_by by, size_t min_group)
{
	fl_plan_spec s;
	fl_plan_spec_init(&s);
	s.by = by;
	s.min_group = min_group;
	return s;
}

/* Part of p under s, written: its bytes (malloc'd) and length. */
static unsigned char *part_bytes(const fl_portfolio *p, const fl_plan_spec *s,
                                 size_t *len)
{
	fl_partial *pt;
	assert_int_equal(fl_partial_compute(p, s, &pt), FL_OK);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fl_out *o = fl_out_open_fd(fileno(tmp));
	assert_non_null(o);
	fl_partial_write(o, pt);
	assert_int_equal(fl_out_commit(o), 0);
	fl_partial_free(pt);
	fseek(tmp, 0, SEEK_END);
	long n = ftell(tmp);
	rewind(tmp);
	unsigned char *b = malloc((size_t)n);
	assert_int_equal(fread(b, 1, (size_t)n, tmp), (size_t)n);
	fclose(tmp);
	*len = (size_t)n;
	return b;
}

/* Load bytes: the status, and the first message in msg. */
static fl_status load_part(const unsigned char *b, size_t len,
                           fl_partial **out, char *msg, size_t msglen)
{
	fl_diags d;
	fl_diags_init(&d, 20);
	fl_status st = fl_partial_load_mem(b, len, out, &d);
	msg[0] = '\0';
	if (d.count > 0)
		snprintf(msg, msglen, "%s", d.items[0].message);
	if (st == FL_ERR_INPUT)
		assert_int_equal(d.count, 1);
	fl_diags_release(&d);
	return st;
}

/* The CRC at the end made right again after an edit. */
static void fix_crc(unsigned char *b, size_t len)
{
	fl_le_put32(b + len - 4, fl_crc32(0, b, len - 4));
}

static void test_crc32_check_value(void **state)
{
	(void)state;
	/* The check value of CRC-32/ISO-HDLC (zlib's crc32). */
	assert_int_equal(fl_crc32(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(fl_crc32(fl_crc32(0, "1234", 4), "56789", 5),
	                 0xCBF43926u);
}

static void test_round_trip(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio, sizeof(portfolio) - 1);
	fl_plan_spec s = spec_by(FL_BY_SEGMENT, 3);
	s.thresholds.margin.has_cuts = true;
	s.thresholds.margin.cut_low = 10;
	s.thresholds.margin.cut_high = 30;
	size_t len;
	unsigned char *b = part_bytes(p, &s, &len);
	/* Header, four groups of 12 bytes (length, count) and 4 + 4 + 2 + 0
	 * bytes of segment (east, west, Omega, none), 12 customers of 16
	 * bytes, the CRC. */
	assert_int_equal(len, FLTP_HEADER + 4 * 12 + 10 + 12 * 16 + 4);
	assert_memory_equal(b, FLTP_MAGIC, FLTP_MAGIC_LEN);
	fl_partial *pt;
	char msg[512];
	assert_int_equal(load_part(b, len, &pt, msg, sizeof(msg)), FL_OK);
	assert_int_equal(pt->count, 12);
	assert_int_equal(pt->by, FL_BY_SEGMENT);
	assert_int_equal(pt->min_group, 3);
	assert_true(pt->spec.margin.has_cuts);
	assert_true(pt->spec.margin.cut_high == 30);
	assert_false(pt->spec.value.has_cuts);
	assert_int_equal(pt->group_count, 4);
	assert_string_equal(pt->groups[0].segment, "east");
	assert_string_equal(pt->groups[1].segment, "west");
	assert_string_equal(pt->groups[2].segment, "\xce\xa9");
	assert_string_equal(pt->groups[3].segment, "");
	/* east in input order: A1, A4, A7, B1; margin percent 40, 40, 25,
	 * 66.66...; order value 250, 250, 120, 500. */
	assert_int_equal(pt->groups[0].count, 4);
	assert_true(pt->groups[0].margin[2] == 25);
	assert_true(pt->groups[0].value[3] == 500);
	/* Written again, the same bytes. */
	FILE *tmp = tmpfile();
	fl_out *o = fl_out_open_fd(fileno(tmp));
	fl_partial_write(o, pt);
	assert_int_equal(fl_out_commit(o), 0);
	assert_int_equal(ftell(tmp), (long)len);
	rewind(tmp);
	unsigned char *again = malloc(len);
	assert_int_equal(fread(again, 1, len, tmp), len);
	assert_memory_equal(again, b, len);
	fclose(tmp);
	free(again);
	fl_partial_free(pt);
	free(b);
	fl_portfolio_free(p);
}

/* Every prefix of a part is truncated (or not a part at all). */
static void test_truncated(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio, sizeof(portfolio) - 1);
	fl_plan_spec s = spec_by(FL_BY_SEGMENT, 3);
	size_t len;
	unsigned char *b = part_bytes(p, &s, &len);
	char msg[512];
	for (size_t n = 0; n < len; n++) {
		fl_partial *pt = (fl_partial *)1;
		assert_int_equal(load_part(b, n, &pt, msg, sizeof(msg)),
		                 FL_ERR_INPUT);
		assert_null(pt);
		if (n == 0)
			assert_non_null(strstr(msg, "not a partial file"));
		else
			assert_non_null(strstr(msg, "truncated"));
		assert_true(strncmp(msg, "at byte ", 8) == 0);
	}
	/* Data after the CRC. */
	unsigned char *more = malloc(len + 1);
	memcpy(more, b, len);
	more[len] = 0;
	fl_partial *pt;
	assert_int_equal(load_part(more, len + 1, &pt, msg, sizeof(msg)),
	                 FL_ERR_INPUT);
	assert_non_null(strstr(msg, "data after the end"));
	free(more);
	free(b);
	fl_portfolio_free(p);
}

/* Every byte changed (one bit, or the whole byte) is refused: by a field
 * check or by the CRC. */
static void test_damaged(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio, sizeof(portfolio) - 1);
	fl_plan_spec s = spec_by(FL_BY_SEGMENT, 3);
	size_t len;
	unsigned char *b = part_bytes(p, &s, &len);
	char msg[512];
	for (size_t i = 0; i < len; i++) {
		for (int k = 0; k < 2; k++) {
			unsigned char old = b[i];
			b[i] = k == 0 ? old ^ 0x10 : (unsigned char)~old;
			fl_partial *pt;
			assert_int_equal(load_part(b, len, &pt, msg, sizeof(msg)),
			                 FL_ERR_INPUT);
			assert_null(pt);
			b[i] = old;
		}
	}
	free(b);
	fl_portfolio_free(p);
}

/* What each check says, on a part made wrong and its CRC made right. */
static void expect_error(unsigned char *b, size_t len, const char *want)
{
	char msg[512];
	fl_partial *pt;
	fix_crc(b, len);
	assert_int_equal(load_part(b, len, &pt, msg, sizeof(msg)), FL_ERR_INPUT);
	if (strstr(msg, want) == NULL)
		fail_msg("expected \"%s\" in \"%s\"", want, msg);
}

static void test_checks(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio, sizeof(portfolio) - 1);
	fl_plan_spec s = spec_by(FL_BY_SEGMENT, 3);
	size_t len;
	unsigned char *b = part_bytes(p, &s, &len);
	unsigned char *w = malloc(len);
	char msg[512];
	fl_partial *pt;

	memcpy(w, b, len);
	memcpy(w, "FLTP\n\x1a\n", 7);
	assert_int_equal(load_part(w, len, &pt, msg, sizeof(msg)), FL_ERR_INPUT);
	assert_non_null(strstr(msg, "text mode"));
	memcpy(w, "customers:\n", 11);
	assert_int_equal(load_part(w, len, &pt, msg, sizeof(msg)), FL_ERR_INPUT);
	assert_non_null(strstr(msg, "not a partial file"));

	memcpy(w, b, len);
	fl_le_put32(w + FLTP_OFF_VERSION, 2);
	expect_error(w, len, "version 2 of the partial format");

	memcpy(w, b, len);
	w[FLTP_OFF_BY] = 2;
	expect_error(w, len, "'by' is 2");

	memcpy(w, b, len);
	w[FLTP_OFF_AXES + FLTP_AX_BASIS] = FL_BASIS_CLV;
	expect_error(w, len, "clv");

	memcpy(w, b, len);
	fl_le_put_double(w + FLTP_OFF_AXES + FLTP_AXIS_LEN + FLTP_AX_Q_SPLIT, 1.5);
	expect_error(w, len, "the value axis's quantile is out of range");

	memcpy(w, b, len);
	fl_le_put_double(w + FLTP_OFF_AXES + FLTP_AX_CUT_LOW, 3);
	expect_error(w, len, "unused value");

	/* The first value of the first group, NaN. */
	memcpy(w, b, len);
	size_t v0 = FLTP_HEADER + 4 + 4 + 8;
	fl_le_put_double(w + v0, NAN);
	expect_error(w, len, "value 1 is not a number");

	/* Groups east and west swapped in name: west before east. */
	memcpy(w, b, len);
	memcpy(w + FLTP_HEADER + 4, "zz", 2);
	expect_error(w, len, "out of order");

	/* The header's count one more than the groups hold. */
	memcpy(w, b, len);
	fl_le_put64(w + FLTP_OFF_CUSTOMERS, 13);
	expect_error(w, len, "the groups hold 12 customers, the header says 13");

	/* A segment that is not UTF-8. */
	memcpy(w, b, len);
	w[FLTP_HEADER + 4] = 0xff;
	expect_error(w, len, "not UTF-8");

	/* The CRC itself. */
	memcpy(w, b, len);
	w[len - 1] ^= 1;
	assert_int_equal(load_part(w, len, &pt, msg, sizeof(msg)), FL_ERR_INPUT);
	assert_non_null(strstr(msg, "CRC-32"));

	free(w);
	free(b);
	fl_portfolio_free(p);
}

/* A part that claims 2^59 customers in one group of a small file is
 * truncated, and what it costs is what arrived (valgrind and ASan would
 * see an allocation of 2^63 bytes fail or leak). */
static void test_huge_count(void **state)
{
	(void)state;
	fl_portfolio *p = load_customers(2, 2);  /* A3 alone */
	fl_plan_spec s = spec_by(FL_BY_NONE, 20);
	size_t len;
	unsigned char *b = part_bytes(p, &s, &len);
	assert_int_equal(len, FLTP_HEADER + 4 + 8 + 16 + 4);
	uint64_t huge = (uint64_t)1 << 59;
	fl_le_put64(b + FLTP_OFF_CUSTOMERS, huge);
	fl_le_put64(b + FLTP_HEADER + 4, huge);
	char msg[512];
	fl_partial *pt;
	assert_int_equal(load_part(b, len, &pt, msg, sizeof(msg)), FL_ERR_INPUT);
	assert_non_null(strstr(msg, "truncated"));
	free(b);
	fl_portfolio_free(p);
}

static void same_axis(const fl_axis *a, const fl_axis *b)
{
	assert_memory_equal(&a->cut_low, &b->cut_low, sizeof(double));
	assert_memory_equal(&a->cut_high, &b->cut_high, sizeof(double));
	assert_memory_equal(&a->split, &b->split, sizeof(double));
	assert_int_equal(a->cuts_source, b->cuts_source);
	assert_int_equal(a->basis, b->basis);
}

/* Parts of shards [0,k1), [k1,k2), [k2,12) merged against one run. */
static void merge_against_one_run(fl_group_by by, size_t min_group,
                                  size_t k1, size_t k2)
{
	fl_plan_spec s = spec_by(by, min_group);
	fl_portfolio *whole = load(portfolio, sizeof(portfolio) - 1);
	fl_plan one;
	assert_int_equal(fl_plan_compute(whole, &s, &one), FL_OK);
	size_t bounds[4] = { 0, k1, k2, 12 };
	fl_partial *parts[3];
	for (int i = 0; i < 3; i++) {
		/* Through the file, as a merge on another machine reads it. */
		fl_portfolio *shard = load_customers(bounds[i], bounds[i + 1] - 1);
		size_t len;
		unsigned char *b = part_bytes(shard, &s, &len);
		char msg[512];
		assert_int_equal(load_part(b, len, &parts[i], msg, sizeof(msg)),
		                 FL_OK);
		free(b);
		fl_portfolio_free(shard);
	}
	fl_plan merged;
	assert_int_equal(fl_partial_merge((const fl_partial *const *)parts, 3,
	                                  &merged), FL_OK);
	same_axis(&merged.thresholds.margin, &one.thresholds.margin);
	same_axis(&merged.thresholds.value, &one.thresholds.value);
	assert_int_equal(merged.group_count, one.group_count);
	for (size_t g = 0; g < one.group_count; g++) {
		assert_string_equal(merged.groups[g].segment, one.groups[g].segment);
		assert_int_equal(merged.groups[g].customers,
		                 one.groups[g].customers);
		assert_int_equal(merged.groups[g].own, one.groups[g].own);
		same_axis(&merged.groups[g].thresholds.margin,
		          &one.groups[g].thresholds.margin);
		same_axis(&merged.groups[g].thresholds.value,
		          &one.groups[g].thresholds.value);
	}
	fl_plan_release(&merged);
	for (int i = 0; i < 3; i++)
		fl_partial_free(parts[i]);
	fl_plan_release(&one);
	fl_portfolio_free(whole);
}

static void test_merge(void **state)
{
	(void)state;
	merge_against_one_run(FL_BY_NONE, 20, 4, 9);
	merge_against_one_run(FL_BY_SEGMENT, 3, 4, 9);
	/* min_group 4: east and west own only over all shards. */
	merge_against_one_run(FL_BY_SEGMENT, 4, 1, 11);
	merge_against_one_run(FL_BY_SEGMENT, 1, 6, 6);  /* an empty shard */
}

static void test_policy_differs(void **state)
{
	(void)state;
	fl_portfolio *p = load(portfolio, sizeof(portfolio) - 1);
	fl_plan_spec a = spec_by(FL_BY_SEGMENT, 3), b = a;
	fl_partial *pa, *pb;
	assert_int_equal(fl_partial_compute(p, &a, &pa), FL_OK);
	char why[256];
	b.min_group = 4;
	assert_int_equal(fl_partial_compute(p, &b, &pb), FL_OK);
	assert_false(fl_partial_same_policy(pa, pb, why, sizeof(why)));
	assert_string_equal(why, "min_group: 3 here, 4 there");
	fl_plan plan;
	const fl_partial *both[2] = { pa, pb };
	assert_int_equal(fl_partial_merge(both, 2, &plan), FL_ERR_USAGE);
	fl_partial_free(pb);
	b = a;
	b.thresholds.value.basis = FL_BASIS_REVENUE;
	assert_int_equal(fl_partial_compute(p, &b, &pb), FL_OK);
	assert_false(fl_partial_same_policy(pa, pb, why, sizeof(why)));
	assert_string_equal(why, "the value axis's basis: average-order here, "
	                    "revenue there");
	fl_partial_free(pb);
	b = a;
	b.thresholds.margin.q_low = 0.25;
	assert_int_equal(fl_partial_compute(p, &b, &pb), FL_OK);
	assert_false(fl_partial_same_policy(pa, pb, why, sizeof(why)));
	assert_non_null(strstr(why, "quantiles"));
	assert_true(fl_partial_same_policy(pa, pa, why, sizeof(why)));
	fl_partial_free(pb);
	/* The clv basis and given segments are no shard's. */
	b = a;
	b.thresholds.value.basis = FL_BASIS_CLV;
	assert_int_equal(fl_partial_compute(p, &b, &pb), FL_ERR_USAGE);
	assert_null(pb);
	fl_partial_free(pa);
	fl_portfolio_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32_check_value),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_huge_count),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_policy_differs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
