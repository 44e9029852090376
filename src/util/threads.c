/*
 * threads.c - a batch of tasks, one thread each (threads.h).
 */
#include "util/threads.h"

static void *task_run(void *p)
{
	struct fl_task *t = p;
	t->fn(t->arg);
	return NULL;
}

/* Start tasks [0, n) of t, the ones from `here` on on this thread. */
static void start(fl_threads *t, fl_task_fn *fn, void *const *args,
                  size_t n, size_t here)
{
	if (n > FL_THREADS_MAX)
		n = FL_THREADS_MAX;
	t->n = n;
	for (size_t i = 0; i < n; i++) {
		t->task[i] = (struct fl_task){ fn, args[i] };
		t->started[i] = i < here &&
		                pthread_create(&t->id[i], NULL, task_run,
		                               &t->task[i]) == 0;
		if (!t->started[i])
			fn(args[i]);
	}
}

void fl_threads_start(fl_threads *t, fl_task_fn *fn, void *const *args,
                      size_t n)
{
	start(t, fn, args, n, n);
}

void fl_threads_wait(fl_threads *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->started[i])
			pthread_join(t->id[i], NULL);
	t->n = 0;
}

void fl_threads_run(fl_task_fn *fn, void *const *args, size_t n)
{
	fl_threads t;
	start(&t, fn, args, n, n > 0 ? n - 1 : 0);
	fl_threads_wait(&t);
}
