/*
 * hashtab.c - the keyed hash and the tables of slots (hashtab.h).
 *
 * SipHash (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * 2012), written from the paper: 1 compression round per 8-byte block and
 * 3 finalization rounds, the variant CPython and Rust use for their hash
 * tables.  tests/unit/test_hashtab.c checks the 2-4 variant against the
 * paper's test vector.
 */
#include "util/hashtab.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"

static inline uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static inline uint64_t load64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

#define SIPROUND \
	do { \
		v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32); \
		v2 += v3; v3 = rotl(v3, 16); v3 ^= v2; \
		v0 += v3; v3 = rotl(v3, 21); v3 ^= v0; \
		v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32); \
	} while (0)

uint64_t fl_siphash(const unsigned char key[16], const char *s, size_t len,
                    int c, int d)
{
	const unsigned char *in = (const unsigned char *)s;
	uint64_t k0 = load64(key), k1 = load64(key + 8);
	uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
	uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
	uint64_t v3 = k1 ^ 0x7465646279746573ULL;
	size_t full = len - len % 8;
	for (size_t i = 0; i < full; i += 8) {
		uint64_t m = load64(in + i);
		v3 ^= m;
		for (int r = 0; r < c; r++)
			SIPROUND;
		v0 ^= m;
	}
	uint64_t last = (uint64_t)(len & 0xff) << 56;
	for (size_t i = 0; i < len % 8; i++)
		last |= (uint64_t)in[full + i] << (8 * i);
	v3 ^= last;
	for (int r = 0; r < c; r++)
		SIPROUND;
	v0 ^= last;
	v2 ^= 0xff;
	for (int r = 0; r < d; r++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static unsigned char hash_key[16];
static bool key_fixed;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* A random key from the kernel; should getrandom fail (a kernel without
 * it), the clock, the process id and an address, which an input file
 * cannot know either. */
static void draw_key(void)
{
	if (key_fixed)
		return;
	if (getrandom(hash_key, sizeof(hash_key), GRND_NONBLOCK) ==
	    (ssize_t)sizeof(hash_key))
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t a = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 32;
	uint64_t b = (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&ts;
	for (int i = 0; i < 8; i++) {
		hash_key[i] = (unsigned char)(a >> (8 * i));
		hash_key[8 + i] = (unsigned char)(b >> (8 * i));
	}
}

void fl_hash_set_key(const unsigned char *key)
{
	pthread_once(&key_once, draw_key);
	if (key != NULL) {
		memcpy(hash_key, key, sizeof(hash_key));
		key_fixed = true;
	} else {
		key_fixed = false;
		draw_key();
	}
}

uint64_t fl_hash(const char *s, size_t len)
{
	pthread_once(&key_once, draw_key);
	return fl_siphash(hash_key, s, len, 1, 3);
}

uint64_t fl_slots_tag(const char *s, size_t len)
{
	uint64_t h = fl_hash(s, len);
	return (h ^ (h >> 32)) & 0xFFFFFFFFu;
}

/* Move every slot into a table of ncap slots. */
static bool regrow(fl_slots *t, size_t ncap)
{
	/* Not calloc, nor malloc and memset (which compilers make calloc):
	 * calloc's fresh pages would be read before they are written (the
	 * probe below), which maps the shared zero page first and copies it
	 * at the first write, with a TLB flush on every other thread's
	 * processor.  memset writes each page first.  A cap is a power of two
	 * of at least 8 (fl_slots_reserve_n), so the size is a multiple of the
	 * alignment, a cache line. */
	if (ncap > SIZE_MAX / sizeof(uint64_t))
		return false;
	uint64_t *n = aligned_alloc(64, ncap * sizeof(*n));
	if (n == NULL)
		return false;
	memset(n, 0, ncap * sizeof(*n));
	for (size_t i = 0; i < t->cap; i++) {
		uint64_t v = t->slots[i];
		if (v == 0)
			continue;
		size_t j = (size_t)(v >> 32) & (ncap - 1);
		while (n[j] != 0)
			j = (j + 1) & (ncap - 1);
		n[j] = v;
	}
	free(t->slots);
	t->slots = n;
	t->cap = ncap;
	return true;
}

bool fl_slots_reserve(fl_slots *t, size_t first)
{
	return fl_slots_reserve_n(t, 1, first);
}

bool fl_slots_reserve_n(fl_slots *t, size_t n, size_t first)
{
	if ((t->count + n) * 2 <= t->cap)
		return true;
	size_t ncap = t->cap ? t->cap * 2 : first < 8 ? 8 : first;
	while ((t->count + n) * 2 > ncap)
		ncap *= 2;
	return regrow(t, ncap);
}

size_t fl_slots_find(fl_slots *t, uint64_t tag, fl_slots_key_fn *key_of,
                     const void *entries, const char *s, size_t len)
{
	size_t j = (size_t)tag & (t->cap - 1);
	for (; t->slots[j] != 0; j = (j + 1) & (t->cap - 1)) {
		t->probes++;
		const char *e;
		if ((t->slots[j] >> 32) == tag &&
		    strncmp(e = key_of(entries, fl_slots_entry(t->slots[j])), s,
		            len) == 0 &&
		    e[len] == '\0')
			break;
	}
	return j;
}

void fl_slots_release(fl_slots *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static const char *strent_key(const void *entries, size_t k)
{
	return ((fl_strent *const *)entries)[k]->s;
}

const fl_strent *fl_strset_get(fl_strset *set, const char *s, size_t len)
{
	if (set->table.count == 0)
		return NULL;
	return fl_strset_get_tag(set, fl_slots_tag(s, len), s, len);
}

const fl_strent *fl_strset_get_tag(fl_strset *set, uint64_t tag,
                                   const char *s, size_t len)
{
	if (set->table.count == 0)
		return NULL;
	size_t j = fl_slots_find(&set->table, tag, strent_key, set->entries, s,
	                         len);
	uint64_t v = set->table.slots[j];
	return v != 0 ? set->entries[fl_slots_entry(v)] : NULL;
}

void fl_strset_prefetch(const fl_strset *set, uint64_t tag, int stage)
{
	const fl_slots *t = &set->table;
	if (t->count == 0)
		return;
	const uint64_t *slot = &t->slots[(size_t)tag & (t->cap - 1)];
	if (stage == 0) {
		FL_PREFETCH(slot);
	} else if (*slot != 0 && (*slot >> 32) == tag) {
		fl_strent *const *e = &set->entries[fl_slots_entry(*slot)];
		if (stage == 1)
			FL_PREFETCH(e);
		else
			FL_PREFETCH(*e);
	}
}

bool fl_strset_reserve(fl_strset *set, size_t n)
{
	if (!fl_slots_reserve_n(&set->table, n, 64))
		return false;
	size_t want = set->table.count + n;
	if (want <= set->entries_cap)
		return true;
	fl_strent **es = fl_grow_to(set->entries, &set->entries_cap,
	                            sizeof(*es), want, 64);
	if (es == NULL)
		return false;
	set->entries = es;
	return true;
}

const fl_strent *fl_strset_add(fl_strset *set, fl_arena *a, const char *s,
                               size_t len, uint32_t line, uint32_t index,
                               bool *added)
{
	return fl_strset_add_tag(set, a, fl_slots_tag(s, len), s, len, line,
	                         index, added);
}

const fl_strent *fl_strset_add_tag(fl_strset *set, fl_arena *a,
                                   uint64_t tag, const char *s, size_t len,
                                   uint32_t line, uint32_t index,
                                   bool *added)
{
	*added = false;
	if (!fl_slots_reserve(&set->table, 64))
		return NULL;
	size_t j = fl_slots_find(&set->table, tag, strent_key, set->entries, s,
	                         len);
	if (set->table.slots[j] != 0)
		return set->entries[fl_slots_entry(set->table.slots[j])];
	if (set->table.count == set->entries_cap) {
		fl_strent **es = fl_grow(set->entries, &set->entries_cap,
		                         sizeof(*es), 64);
		if (es == NULL)
			return NULL;
		set->entries = es;
	}
	fl_strent *e = fl_arena_alloc(a, sizeof(*e) + len + 1);
	if (e == NULL)
		return NULL;
	e->line = line;
	e->index = index;
	memcpy(e->s, s, len);
	e->s[len] = '\0';
	set->entries[set->table.count] = e;
	fl_slots_put(&set->table, j, tag, set->table.count);
	*added = true;
	return e;
}

size_t fl_strset_count(const fl_strset *set)
{
	return set->table.count;
}

void fl_strset_clear(fl_strset *set)
{
	if (set->table.slots != NULL)
		memset(set->table.slots, 0, set->table.cap *
		       sizeof(*set->table.slots));
	set->table.count = 0;
}

void fl_strset_release(fl_strset *set)
{
	fl_slots_release(&set->table);
	free(set->entries);
	memset(set, 0, sizeof(*set));
}
