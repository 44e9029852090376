/*
 * threads.h - a batch of tasks run at once, one thread each, and waited
 * for (POSIX threads).  The loaders' workers (load/chunks.c,
 * load/load_csv.c) start here.
 */
#ifndef FL_UTIL_THREADS_H
#define FL_UTIL_THREADS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* The most tasks one batch runs. */
#define FL_THREADS_MAX 8

typedef void fl_task_fn(void *arg);

/* Tasks started by fl_threads_start; wait for them with fl_threads_wait. */
typedef struct fl_threads {
	struct fl_task {
		fl_task_fn *fn;
		void *arg;
	} task[FL_THREADS_MAX];
	pthread_t id[FL_THREADS_MAX];
	bool started[FL_THREADS_MAX];
	size_t n;
} fl_threads;

/*
 * Start fn(args[i]) for every i < n (n <= FL_THREADS_MAX), each on a
 * thread of its own, and return; a task whose thread cannot be started
 * runs at once on the calling thread, so the tasks always run, only
 * perhaps one after another.  Tasks must not share what they write.
 */
void fl_threads_start(fl_threads *t, fl_task_fn *fn, void *const *args,
                      size_t n);

/* Return when every task of t has returned. */
void fl_threads_wait(fl_threads *t);

/* fl_threads_start and fl_threads_wait, the last task on the calling
 * thread. */
void fl_threads_run(fl_task_fn *fn, void *const *args, size_t n);

#endif
