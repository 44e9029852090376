/*
 * test_threads.c - a batch of tasks on threads (util/threads.c): every
 * task runs once with its own argument, on a thread of its own (all but
 * the last with fl_threads_run, which runs on the caller), and the caller
 * goes on only when all are done.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/threads.h"

struct job {
	int runs;
	long sum;            /* work whose result the caller reads after */
	pthread_t thread;    /* the thread it ran on */
};

static void work(void *arg)
{
	struct job *j = arg;
	j->runs++;
	for (long i = 1; i <= 100000; i++)
		j->sum += i;
	j->thread = pthread_self();
}

static void check_all(const struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(jobs[i].runs, 1);
		assert_true(jobs[i].sum == 5000050000L);
	}
}

static void test_run(void **state)
{
	(void)state;
	for (size_t n = 0; n <= FL_THREADS_MAX; n++) {
		struct job jobs[FL_THREADS_MAX] = { { 0, 0, pthread_self() } };
		void *args[FL_THREADS_MAX];
		for (size_t i = 0; i < n; i++)
			args[i] = &jobs[i];
		fl_threads_run(work, args, n);
		check_all(jobs, n);
		/* The last task ran here, the others elsewhere. */
		for (size_t i = 0; i < n; i++)
			assert_true(pthread_equal(jobs[i].thread, pthread_self())
			            == (i + 1 == n));
	}
}

static void test_start_wait(void **state)
{
	(void)state;
	struct job jobs[3] = { { 0, 0, pthread_self() } };
	void *args[3] = { &jobs[0], &jobs[1], &jobs[2] };
	fl_threads t;
	fl_threads_start(&t, work, args, 3);
	fl_threads_wait(&t);
	check_all(jobs, 3);
	for (size_t i = 0; i < 3; i++)
		assert_false(pthread_equal(jobs[i].thread, pthread_self()));
	fl_threads_wait(&t);  /* nothing left to wait for */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_start_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
