/*
 * test_hashtab.c - the keyed hash and the tables of slots (util/hashtab.h).
 *
 * SipHash is checked against the test vectors of its paper (Aumasson and
 * Bernstein 2012, appendix A: key 00 01 .. 0f, message 00 01 .. 0e, and the
 * empty message of the reference implementation's vector table).  Hash
 * flooding is checked by counting probes, not by timing: 50 000 ids made
 * to collide under the unkeyed FNV-1a tags of before 2026-11-28 (the
 * attack of the hardening issue) must cost the keyed table at most three
 * times the probes of 50 000 ordinary ids; the same ids in a table with
 * the old tags must cost far more, which shows the ids are a real attack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/hashtab.h"

static void test_siphash_vectors(void **state)
{
	(void)state;
	unsigned char key[16];
	char msg[15];
	for (int i = 0; i < 16; i++)
		key[i] = (unsigned char)i;
	for (int i = 0; i < 15; i++)
		msg[i] = (char)i;
	assert_true(fl_siphash(key, msg, 15, 2, 4) == 0xa129ca6149be45e5ULL);
	assert_true(fl_siphash(key, msg, 0, 2, 4) == 0x726fdb47dd0e0e31ULL);
}

static void test_hash_is_keyed(void **state)
{
	(void)state;
	unsigned char k1[16] = { 1 }, k2[16] = { 2 };
	fl_hash_set_key(k1);
	uint64_t a = fl_hash("C0001", 5);
	assert_true(fl_hash("C0001", 5) == a);
	fl_hash_set_key(k2);
	assert_true(fl_hash("C0001", 5) != a);
	fl_hash_set_key(NULL);
}

/* The tag of the table before 2026-11-28: FNV-1a, folded to 32 bits. */
static uint64_t fnv_tag(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (h ^ (h >> 32)) & 0xFFFFFFFFu;
}

#define N 50000

static const char *id_of(const void *ids, size_t k)
{
	return ((char *const *)ids)[k];
}

/* Probes to insert ids[0..n) into a fresh table, with FNV tags (old) or
 * the keyed ones. */
static size_t probes(char **ids, size_t n, int old)
{
	fl_slots t;
	memset(&t, 0, sizeof(t));
	for (size_t k = 0; k < n; k++) {
		assert_true(fl_slots_reserve(&t, 1024));
		size_t len = strlen(ids[k]);
		uint64_t tag = old ? fnv_tag(ids[k], len) : fl_slots_tag(ids[k], len);
		size_t j = fl_slots_find(&t, tag, id_of, ids, ids[k], len);
		assert_true(t.slots[j] == 0);
		fl_slots_put(&t, j, tag, k);
	}
	size_t total = t.probes;
	fl_slots_release(&t);
	return total;
}

static void test_flooding(void **state)
{
	(void)state;
	char **crafted = malloc(N * sizeof(*crafted));
	char **plain = malloc(N * sizeof(*plain));
	assert_non_null(crafted);
	assert_non_null(plain);
	/* "C" and eight hex digits whose FNV tag falls in the first 64 of
	 * the 131072 slots the table has at 50 000 ids (and so in the first
	 * 64 of any smaller table too).  The hash of the first seven bytes is
	 * kept, so each try costs two FNV steps (the search runs under
	 * valgrind in CI). */
	static const char hex[] = "0123456789abcdef";
	char buf[32];
	size_t k = 0;
	for (unsigned long p = 0; k < N; p++) {
		char id[10];
		id[0] = 'C';
		for (int i = 0; i < 6; i++)
			id[1 + i] = hex[(p >> (4 * (5 - i))) & 15];
		uint64_t h = 1469598103934665603ULL;
		for (int i = 0; i < 7; i++) {
			h ^= (unsigned char)id[i];
			h *= 1099511628211ULL;
		}
		for (int last = 0; last < 256 && k < N; last++) {
			uint64_t g = (h ^ (unsigned char)hex[last >> 4]) *
			             1099511628211ULL;
			g = (g ^ (unsigned char)hex[last & 15]) * 1099511628211ULL;
			if (((g ^ (g >> 32)) & 0x1ffff) >= 64)
				continue;
			id[7] = hex[last >> 4];
			id[8] = hex[last & 15];
			id[9] = '\0';
			assert_true((fnv_tag(id, 9) & 0x1ffff) < 64);
			crafted[k++] = strdup(id);
		}
	}
	for (size_t i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "ACME-%06zu", i);
		plain[i] = strdup(buf);
	}
	/* The old tags on the first 5000 only: the attack is quadratic, and
	 * 50 000 would take a billion probes. */
	size_t old_crafted = probes(crafted, 5000, 1);
	size_t old_plain = probes(plain, 5000, 1);
	size_t new_crafted = probes(crafted, N, 0);
	size_t new_plain = probes(plain, N, 0);
	print_message("probes: old tags (5000 ids) %zu crafted, %zu plain; "
	              "keyed (50000 ids) %zu "
	              "crafted, %zu plain\n", old_crafted, old_plain,
	              new_crafted, new_plain);
	/* The attack works on the old tags ... */
	assert_true(old_crafted > 100 * old_plain);
	/* ... and not on the keyed ones. */
	assert_true(new_crafted <= 3 * new_plain);
	for (size_t i = 0; i < N; i++) {
		free(crafted[i]);
		free(plain[i]);
	}
	free(crafted);
	free(plain);
}

static void test_strset(void **state)
{
	(void)state;
	fl_strset set;
	memset(&set, 0, sizeof(set));
	fl_arena *a = fl_arena_new();
	assert_non_null(a);
	bool added;
	const fl_strent *e = fl_strset_add(&set, a, "hospital", 8, 3, 1, &added);
	assert_non_null(e);
	assert_true(added);
	const fl_strent *f = fl_strset_add(&set, a, "hospitals", 8, 9, 9, &added);
	assert_true(f == e);
	assert_false(added);
	assert_int_equal(e->line, 3);
	assert_non_null(fl_strset_get(&set, "hospital", 8));
	assert_null(fl_strset_get(&set, "hospita", 7));
	assert_int_equal(fl_strset_count(&set), 1);
	fl_strset_release(&set);
	fl_arena_free(a);
}

/*
 * The calls with the caller's own tag (as load_csv.c makes an order's from
 * its customer's and its number's): a set keyed by tags that are equal for
 * equal keys finds what it holds, even when every key has the same tag;
 * reserve moves nothing while the reserved entries come; prefetch changes
 * nothing; clear empties the set and keeps its memory.
 */
static uint64_t my_tag(unsigned i, bool collide)
{
	return collide ? 7 : (uint64_t)(i * 2654435761u) & 0xFFFFFFFFu;
}

static void test_strset_tags(void **state)
{
	(void)state;
	for (int collide = 0; collide < 2; collide++) {
		fl_strset set;
		memset(&set, 0, sizeof(set));
		fl_arena *a = fl_arena_new();
		assert_non_null(a);
		enum { KEYS = 3000 };
		assert_true(fl_strset_reserve(&set, KEYS));
		uint64_t *slots = set.table.slots;
		size_t cap = set.table.cap;
		char key[32];
		for (unsigned i = 0; i < KEYS; i++) {
			int n = snprintf(key, sizeof(key), "%u:k%u", i % 97, i);
			uint64_t t = my_tag(i, collide);
			for (int st = 0; st < 3; st++)
				fl_strset_prefetch(&set, t, st);
			bool added;
			const fl_strent *e = fl_strset_add_tag(&set, a, t, key,
			                                       (size_t)n, i, i,
			                                       &added);
			assert_non_null(e);
			assert_true(added);
			assert_int_equal(e->index, i);
		}
		/* reserved: the table did not move */
		assert_ptr_equal(set.table.slots, slots);
		assert_int_equal(set.table.cap, cap);
		for (unsigned i = 0; i < KEYS; i++) {
			int n = snprintf(key, sizeof(key), "%u:k%u", i % 97, i);
			const fl_strent *e = fl_strset_get_tag(&set, my_tag(i, collide),
			                                       key, (size_t)n);
			assert_non_null(e);
			assert_int_equal(e->index, i);
			assert_string_equal(e->s, key);
			bool added;
			assert_ptr_equal(fl_strset_add_tag(&set, a, my_tag(i, collide),
			                                   key, (size_t)n, 0, 0,
			                                   &added), e);
			assert_false(added);
			/* the same key under another tag is not found */
			if (!collide)
				assert_null(fl_strset_get_tag(&set, my_tag(i, 0) ^ 1, key,
				                              (size_t)n));
		}
		assert_int_equal(fl_strset_count(&set), KEYS);
		fl_strset_clear(&set);
		assert_int_equal(fl_strset_count(&set), 0);
		assert_ptr_equal(set.table.slots, slots);
		assert_null(fl_strset_get_tag(&set, my_tag(5, collide), "5:k5", 4));
		fl_arena_reset(a);
		bool added;
		assert_non_null(fl_strset_add_tag(&set, a, my_tag(5, collide),
		                                  "5:k5", 4, 1, 1, &added));
		assert_true(added);
		fl_strset_release(&set);
		fl_arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_siphash_vectors),
		cmocka_unit_test(test_hash_is_keyed),
		cmocka_unit_test(test_flooding),
		cmocka_unit_test(test_strset),
		cmocka_unit_test(test_strset_tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
