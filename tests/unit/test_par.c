/*
 * test_par.c - what -j's threads stand on: the parallel loop (par.c), an
 * arena handed over (fl_arena_adopt), a chunk's customers moved into a
 * portfolio (fl_portfolio_append) and memory outputs (fl_out_open_mem).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <focuslevel/out.h>

#include "model/portfolio_int.h"
#include "util/arena.h"
#include "util/par.h"

/* ---- fl_par_for ----------------------------------------------------- */

struct count {
	atomic_int seen[1000];
	atomic_int by_thread[FL_PAR_MAX];
};

static void count_turn(void *arg, size_t i, unsigned thread)
{
	struct count *c = arg;
	atomic_fetch_add(&c->seen[i], 1);
	atomic_fetch_add(&c->by_thread[thread], 1);
}

static void test_par_every_turn_once(void **state)
{
	(void)state;
	const unsigned jobs[] = { 0, 1, 2, 3, 8, 20 };
	const size_t ns[] = { 0, 1, 2, 7, 1000 };
	for (size_t a = 0; a < sizeof(jobs) / sizeof(jobs[0]); a++) {
		for (size_t b = 0; b < sizeof(ns) / sizeof(ns[0]); b++) {
			struct count *c = calloc(1, sizeof(*c));
			assert_non_null(c);
			unsigned ran = fl_par_for(jobs[a], ns[b], count_turn, c);
			assert_true(ran >= 1 && ran <= FL_PAR_MAX);
			for (size_t i = 0; i < ns[b]; i++)
				assert_int_equal(atomic_load(&c->seen[i]), 1);
			int total = 0;
			for (unsigned t = 0; t < FL_PAR_MAX; t++) {
				if (t >= ran)
					assert_int_equal(atomic_load(&c->by_thread[t]), 0);
				total += atomic_load(&c->by_thread[t]);
			}
			assert_int_equal(total, (int)ns[b]);
			free(c);
		}
	}
}

/* ---- fl_arena_adopt ------------------------------------------------- */

static void test_arena_adopt(void **state)
{
	(void)state;
	fl_arena *a = fl_arena_new(), *b = fl_arena_new(), *e = fl_arena_new();
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(e);
	char *x = fl_arena_strndup(a, "kept", 4);
	char *y = NULL;
	/* Several blocks of b. */
	for (int i = 0; i < 2000; i++)
		y = fl_arena_strndup(b, "moved over, still readable", 26);
	assert_non_null(x);
	assert_non_null(y);
	size_t fa = fl_arena_footprint(a), fb = fl_arena_footprint(b);
	fl_arena_adopt(a, b);
	fl_arena_adopt(a, e);   /* an empty one */
	assert_int_equal(fl_arena_footprint(a), fa + fb);
	assert_int_equal(fl_arena_footprint(b), 0);
	/* a still allocates after its own strings. */
	char *z = fl_arena_strndup(a, "after", 5);
	assert_string_equal(z, "after");
	assert_string_equal(x, "kept");
	fl_arena_free(b);
	assert_string_equal(y, "moved over, still readable");
	/* Into an empty arena. */
	fl_arena *c = fl_arena_new();
	fl_arena_adopt(c, a);
	fl_arena_free(a);
	assert_string_equal(x, "kept");
	assert_string_equal(y, "moved over, still readable");
	fl_arena_free(c);
	fl_arena_free(e);
}

/* ---- fl_portfolio_append -------------------------------------------- */

static void add(fl_portfolio *p, const char *id, uint32_t index)
{
	fl_arena *a = fl_portfolio_arena(p);
	fl_customer c;
	memset(&c, 0, sizeof(c));
	c.id = c.name = fl_arena_strndup(a, id, strlen(id));
	c.segment = "";
	c.index = index;
	c.first_day = c.last_day = FL_DAY_NONE;
	size_t first;
	assert_int_equal(fl_portfolio_add(p, &c, &first), FL_OK);
}

static void test_portfolio_append(void **state)
{
	(void)state;
	fl_portfolio *p = fl_portfolio_new(), *q = fl_portfolio_new();
	fl_arena *lent = fl_arena_new();
	fl_portfolio *r = fl_portfolio_new_in(lent);
	assert_non_null(p);
	assert_non_null(q);
	assert_non_null(r);
	char id[32];
	for (uint32_t i = 0; i < 3000; i++) {
		snprintf(id, sizeof(id), "A%u", i);
		add(p, id, i);
	}
	for (uint32_t i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "B%u", i);
		add(q, id, i);
	}
	add(r, "C0", 0);
	add(r, "A17", 1);   /* a clash: nothing moves */
	assert_int_equal(fl_portfolio_append(p, r, 8000, 0), FL_ERR_INPUT);
	assert_int_equal(p->count, 3000);
	assert_int_equal(r->count, 2);
	assert_int_equal(fl_portfolio_append(p, q, 3000, 0), FL_OK);
	assert_int_equal(q->count, 0);
	fl_portfolio_free(q);   /* its strings are p's now */
	assert_int_equal(p->count, 8000);
	for (uint32_t i = 0; i < 8000; i++) {
		const fl_customer *c = &p->customers[i];
		snprintf(id, sizeof(id), "%c%u", i < 3000 ? 'A' : 'B',
		         i < 3000 ? i : i - 3000);
		assert_string_equal(c->id, id);
		assert_int_equal(c->index, i);
		size_t k;
		assert_true(fl_portfolio_find(p, id, strlen(id), &k));
		assert_int_equal(k, i);
	}
	size_t k;
	assert_false(fl_portfolio_find(p, "C0", 2, &k));
	/* The lent arena stays the caller's. */
	fl_portfolio_free(r);
	fl_arena_free(lent);
	fl_portfolio_free(p);
}

/* ---- memory outputs ------------------------------------------------- */

static void test_out_mem(void **state)
{
	(void)state;
	char path[] = "/tmp/fl_test_par_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fl_out *o = fl_out_open_fd(fd);
	fl_out *m = fl_out_open_mem();
	assert_non_null(o);
	assert_non_null(m);
	/* Past its first buffer: it grows. */
	for (int i = 0; i < 50000; i++)
		fl_out_printf(m, "%d,", i);
	fl_out_putc(m, '\n');
	fl_out_append(o, m);
	fl_out_puts(m, "again\n");
	fl_out_append(o, m);
	fl_out_append(o, m);    /* empty now */
	fl_out_abort(m);
	assert_int_equal(fl_out_commit(o), 0);
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *got = malloc(1 << 20);
	size_t n = fread(got, 1, 1 << 20, fp);
	fclose(fp);
	unlink(path);
	close(fd);
	char *want = malloc(1 << 20);
	size_t w = 0;
	for (int i = 0; i < 50000; i++)
		w += (size_t)sprintf(want + w, "%d,", i);
	w += (size_t)sprintf(want + w, "\nagain\n");
	assert_int_equal(n, w);
	assert_memory_equal(got, want, w);
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_par_every_turn_once),
		cmocka_unit_test(test_arena_adopt),
		cmocka_unit_test(test_portfolio_append),
		cmocka_unit_test(test_out_mem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
