/*
 * par.c - a loop whose turns run on several threads (par.h).
 */
#include "util/par.h"

#include "util/c_locale.h"
#include "util/hashtab.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

struct loop {
	atomic_size_t next;   /* the next turn to hand out */
	size_t n;
	fl_par_fn *fn;
	void *arg;
};

struct worker {
	struct loop *loop;
	unsigned thread;
};

static void run(struct loop *l, unsigned thread)
{
	for (;;) {
		size_t i = atomic_fetch_add(&l->next, 1);
		if (i >= l->n)
			return;
		l->fn(l->arg, i, thread);
	}
}

static void *work(void *p)
{
	struct worker *w = p;
	run(w->loop, w->thread);
	return NULL;
}

unsigned fl_par_for(unsigned jobs, size_t n, fl_par_fn *fn, void *arg)
{
	struct loop l = { .n = n, .fn = fn, .arg = arg };
	atomic_init(&l.next, 0);
	if (jobs > FL_PAR_MAX)
		jobs = FL_PAR_MAX;
	if (jobs > n)
		jobs = n > 0 ? (unsigned)n : 1;
	/* What the library sets once under pthread_once (the hash key, the
	 * C locale) is set here, before any thread starts: the threads only
	 * ever read it. */
	(void)fl_hash("", 0);
	fl_c_locale_leave(fl_c_locale_enter());
	pthread_t t[FL_PAR_MAX];
	struct worker w[FL_PAR_MAX];
	bool started[FL_PAR_MAX] = { false };
	unsigned ran = 1;
	for (unsigned k = 1; k < jobs; k++) {
		w[k] = (struct worker){ &l, k };
		started[k] = pthread_create(&t[k], NULL, work, &w[k]) == 0;
		ran += started[k];
	}
	run(&l, 0);
	for (unsigned k = 1; k < jobs; k++)
		if (started[k])
			pthread_join(t[k], NULL);
	return ran;
}
