/*
 * test_arena_buf.c - the string arena (arena.c) and the growable buffer
 * (buf.c).
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"

#define ALIGN ((uintptr_t)alignof(max_align_t))

static void assert_aligned(const void *p)
{
	if ((uintptr_t)p % ALIGN != 0)
		fail_msg("pointer %p is not aligned to %u", p, (unsigned)ALIGN);
}

/* ---- arena ---------------------------------------------------------- */

static void test_arena_free_null(void **state)
{
	(void)state;
	fl_arena_free(NULL);  /* must not crash */
	fl_arena *a = fl_arena_new();
	assert_non_null(a);
	assert_int_equal(fl_arena_footprint(a), 0);
	fl_arena_reset(a);    /* reset of an empty arena */
	assert_int_equal(fl_arena_footprint(a), 0);
	fl_arena_free(a);
}

static void test_arena_alloc_aligned_after_odd_strndup(void **state)
{
	(void)state;
	/* The regression: strndup packs strings without padding, so an
	 * allocation right after an odd-length string used to come back
	 * misaligned (an fl_node with a double or pointer in it then traps
	 * under UBSan or on strict-alignment machines). */
	fl_arena *a = fl_arena_new();
	assert_non_null(a);
	for (size_t len = 0; len < 40; len++) {
		char *s = fl_arena_strndup(a, "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
		                           len);
		assert_non_null(s);
		assert_int_equal(strlen(s), len);
		void *p = fl_arena_alloc(a, 24);
		assert_non_null(p);
		assert_aligned(p);
		/* Two strings in a row, then an allocation. */
		assert_non_null(fl_arena_strndup(a, "x", 1));
		assert_non_null(fl_arena_strndup(a, "yz", 2));
		double *d = fl_arena_alloc(a, sizeof(double));
		assert_aligned(d);
		*d = (double)len;  /* UBSan/ASan would flag a bad store */
		/* The string written before is intact. */
		assert_memory_equal(s, "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
		                    len);
	}
	fl_arena_free(a);
}

static void test_arena_alloc_aligned_at_block_end(void **state)
{
	(void)state;
	/* Fill a block with one-byte strings until it spills, allocating an
	 * object after each: every object must stay aligned, including those
	 * that land just before the end of a block. */
	fl_arena *a = fl_arena_new();
	assert_non_null(a);
	for (int i = 0; i < 20000; i++) {
		assert_non_null(fl_arena_strndup(a, "q", (size_t)(i % 3)));
		if (i % 7 == 0) {
			void *p = fl_arena_alloc(a, (size_t)(i % 50) + 1);
			assert_non_null(p);
			assert_aligned(p);
		}
	}
	fl_arena_free(a);
}

static void test_arena_strndup_copies(void **state)
{
	(void)state;
	fl_arena *a = fl_arena_new();
	char src[] = "hello, world";
	char *s = fl_arena_strndup(a, src, 5);
	assert_string_equal(s, "hello");
	assert_ptr_not_equal(s, src);
	src[0] = 'J';  /* the copy does not follow the source */
	assert_string_equal(s, "hello");
	char *e = fl_arena_strndup(a, NULL, 0);
	assert_non_null(e);
	assert_string_equal(e, "");
	/* Embedded bytes are copied as they are, up to n. */
	char *b = fl_arena_strndup(a, "a\0b", 3);
	assert_memory_equal(b, "a\0b\0", 4);
	fl_arena_free(a);
}

static void test_arena_many_allocations(void **state)
{
	(void)state;
	fl_arena *a = fl_arena_new();
	enum { N = 100000 };
	char **ptrs = malloc(N * sizeof(*ptrs));
	assert_non_null(ptrs);
	char tmp[32];
	for (int i = 0; i < N; i++) {
		int n = snprintf(tmp, sizeof(tmp), "customer-%d", i);
		if (i % 5 == 0) {
			ptrs[i] = fl_arena_alloc(a, (size_t)n + 1);
			assert_aligned(ptrs[i]);
			memcpy(ptrs[i], tmp, (size_t)n + 1);
		} else {
			ptrs[i] = fl_arena_strndup(a, tmp, (size_t)n);
		}
		assert_non_null(ptrs[i]);
	}
	/* Nothing was overwritten by a later allocation. */
	for (int i = 0; i < N; i++) {
		snprintf(tmp, sizeof(tmp), "customer-%d", i);
		assert_string_equal(ptrs[i], tmp);
	}
	/* About 1.5 MB of strings: several blocks, but not one per string. */
	size_t fp = fl_arena_footprint(a);
	assert_true(fp >= (size_t)N * 10);
	assert_true(fp < (size_t)N * 64);
	free(ptrs);
	fl_arena_free(a);
}

static void test_arena_large_allocation(void **state)
{
	(void)state;
	fl_arena *a = fl_arena_new();
	/* Bigger than any block the arena would pick by itself. */
	size_t big = (size_t)3 << 20;
	unsigned char *p = fl_arena_alloc(a, big);
	assert_non_null(p);
	assert_aligned(p);
	memset(p, 0xAB, big);
	assert_true(fl_arena_footprint(a) >= big);
	char *s = fl_arena_strndup(a, "after", 5);
	assert_string_equal(s, "after");
	assert_int_equal(p[big - 1], 0xAB);
	assert_null(fl_arena_alloc(a, SIZE_MAX - 4));
	assert_null(fl_arena_strndup(a, "x", SIZE_MAX));
	fl_arena_free(a);
}

static void test_arena_reset(void **state)
{
	(void)state;
	fl_arena *a = fl_arena_new();
	assert_non_null(fl_arena_alloc(a, 16));
	size_t one_block = fl_arena_footprint(a);
	assert_true(one_block > 0);
	/* Grow to several blocks. */
	void *last = NULL;
	for (int i = 0; i < 5000; i++)
		assert_non_null(last = fl_arena_alloc(a, 100));
	size_t grown = fl_arena_footprint(a);
	assert_true(grown > one_block);
	fl_arena_reset(a);
	/* Only the newest (largest) block is kept, reused from its start. */
	size_t kept = fl_arena_footprint(a);
	assert_true(kept > one_block);
	assert_true(kept < grown);
	void *again = fl_arena_alloc(a, 16);
	assert_non_null(again);
	assert_true((char *)again <= (char *)last);
	char *s = fl_arena_strndup(a, "abc", 3);
	assert_string_equal(s, "abc");
	/* Reset many times with the same load: no block is added or freed,
	 * memory does not creep up. */
	for (int r = 0; r < 50; r++) {
		for (int i = 0; i < 1000; i++)
			assert_non_null(fl_arena_strndup(a, "some text", 9));
		fl_arena_reset(a);
		assert_int_equal(fl_arena_footprint(a), kept);
	}
	fl_arena_free(a);
}

/* ---- buf ------------------------------------------------------------ */

static void test_buf_init(void **state)
{
	(void)state;
	fl_buf b;
	memset(&b, 0x5A, sizeof(b));
	fl_buf_init(&b);
	assert_non_null(b.buf);
	assert_string_equal(b.buf, "");
	assert_int_equal(b.len, 0);
	assert_false(b.oom);
	fl_buf_reset(&b);
	assert_string_equal(b.buf, "");
	fl_buf_release(&b);
	assert_non_null(b.buf);
	assert_int_equal(b.len, 0);
}

static void test_buf_add(void **state)
{
	(void)state;
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_add(&b, "abcdef", 3);
	assert_string_equal(b.buf, "abc");
	assert_int_equal(b.len, 3);
	fl_buf_adds(&b, "de");
	fl_buf_addc(&b, '!');
	assert_string_equal(b.buf, "abcde!");
	assert_int_equal(b.len, 6);
	fl_buf_add(&b, "", 0);
	assert_int_equal(b.len, 6);
	/* Grow well past the first allocation; content and NUL stay right. */
	char expect[5000];
	memcpy(expect, "abcde!", 6);
	size_t n = 6;
	for (int i = 0; n < 4000; i++) {
		char c = (char)('a' + i % 26);
		fl_buf_addc(&b, c);
		expect[n++] = c;
	}
	expect[n] = '\0';
	assert_int_equal(b.len, n);
	assert_string_equal(b.buf, expect);
	assert_true(b.cap > b.len);
	/* Embedded NUL bytes are kept (len counts them). */
	fl_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	fl_buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.buf, "a\0b\0", 4);
	fl_buf_release(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
}

static void test_buf_addf(void **state)
{
	(void)state;
	fl_buf b;
	fl_buf_init(&b);
	fl_buf_addf(&b, "customers[%zu]", (size_t)12);
	fl_buf_addf(&b, ".%s", "revenue");
	assert_string_equal(b.buf, "customers[12].revenue");
	assert_int_equal(b.len, strlen("customers[12].revenue"));
	/* A result longer than the current capacity. */
	char big[3000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fl_buf_addf(&b, "<%s|%d>", big, -7);
	assert_int_equal(b.len, strlen("customers[12].revenue") + 2 + 2999 + 3);
	assert_int_equal(b.buf[b.len], '\0');
	assert_string_equal(b.buf + b.len - 4, "|-7>");
	assert_memory_equal(b.buf + 22, big, 2999);
	fl_buf_addf(&b, "%s", "");
	assert_int_equal(b.len, strlen("customers[12].revenue") + 2 + 2999 + 3);
	fl_buf_release(&b);
}

static void test_buf_detach(void **state)
{
	(void)state;
	fl_buf b;
	fl_buf_init(&b);
	/* Detaching an empty buffer still gives a string to free. */
	char *e = fl_buf_detach(&b);
	assert_non_null(e);
	assert_string_equal(e, "");
	free(e);
	fl_buf_addf(&b, "%d-%s", 42, "x");
	char *s = fl_buf_detach(&b);
	assert_string_equal(s, "42-x");
	/* The buffer is empty and usable again, and no longer owns s. */
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	assert_ptr_not_equal(b.buf, s);
	fl_buf_adds(&b, "again");
	assert_string_equal(b.buf, "again");
	assert_string_equal(s, "42-x");
	free(s);
	fl_buf_release(&b);
}

/* A reset of a buffer that never grew writes nothing: threads reset their
 * own empty buffers at once, all pointing at one shared empty string. */
static void test_buf_reset_empty(void **state)
{
	(void)state;
	fl_buf a, b;
	fl_buf_init(&a);
	fl_buf_init(&b);
	fl_buf_reset(&a);
	assert_int_equal(a.len, 0);
	assert_string_equal(a.buf, "");
	assert_ptr_equal(a.buf, b.buf);
	fl_buf_adds(&a, "x");
	fl_buf_reset(&a);
	assert_string_equal(a.buf, "");
	assert_string_equal(b.buf, "");
	fl_buf_release(&a);
}

/* fl_grow doubles from `first`; fl_grow_to goes to `want` when doubling
 * is not enough, and keeps the elements. */
static void test_grow(void **state)
{
	(void)state;
	size_t cap = 0;
	int *a = fl_grow(NULL, &cap, sizeof(*a), 4);
	assert_non_null(a);
	assert_int_equal(cap, 4);
	for (int i = 0; i < 4; i++)
		a[i] = i;
	int *b = fl_grow(a, &cap, sizeof(*b), 4);
	assert_non_null(b);
	assert_int_equal(cap, 8);
	int *c = fl_grow_to(b, &cap, sizeof(*c), 100, 4);
	assert_non_null(c);
	assert_int_equal(cap, 100);
	c = fl_grow_to(c, &cap, sizeof(*c), 101, 4);
	assert_non_null(c);
	assert_int_equal(cap, 200);
	for (int i = 0; i < 4; i++)
		assert_int_equal(c[i], i);
	/* Too many bytes: NULL, the array and its capacity kept. */
	size_t keep = cap;
	assert_null(fl_grow_to(c, &cap, sizeof(*c), SIZE_MAX / 2, 4));
	assert_int_equal(cap, keep);
	free(c);
	size_t empty = 0;
	int *d = fl_grow_to(NULL, &empty, sizeof(*d), 3, 64);
	assert_non_null(d);
	assert_int_equal(empty, 64);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_free_null),
		cmocka_unit_test(test_arena_alloc_aligned_after_odd_strndup),
		cmocka_unit_test(test_arena_alloc_aligned_at_block_end),
		cmocka_unit_test(test_arena_strndup_copies),
		cmocka_unit_test(test_arena_many_allocations),
		cmocka_unit_test(test_arena_large_allocation),
		cmocka_unit_test(test_arena_reset),
		cmocka_unit_test(test_buf_init),
		cmocka_unit_test(test_buf_add),
		cmocka_unit_test(test_buf_addf),
		cmocka_unit_test(test_buf_detach),
		cmocka_unit_test(test_buf_reset_empty),
		cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
