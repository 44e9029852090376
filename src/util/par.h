/*
 * par.h - a loop whose turns run on several threads (par.c).
 *
 * The one place that starts threads for work on the calling thread's
 * behalf: the loaders' chunks (load/chunks.c) and the row renderers'
 * blocks (write/rows.c).  Turns are handed out in order, one at a time, to
 * whichever thread is free, so a thread slowed down by the machine simply
 * takes fewer of them.
 */
#ifndef FL_UTIL_PAR_H
#define FL_UTIL_PAR_H

#include <stddef.h>

/* The most threads a loop uses. */
#define FL_PAR_MAX 8

/* One turn: turn i of the loop, run on thread `thread` (0 is the calling
 * thread, the others 1 .. jobs - 1), for per-thread scratch space. */
typedef void fl_par_fn(void *arg, size_t i, unsigned thread);

/*
 * Run fn(arg, i, thread) once for every i in [0, n), on up to `jobs`
 * threads (at most FL_PAR_MAX): the calling thread and jobs - 1 started
 * here.  Returns when every turn is done.  A thread that cannot be started
 * leaves its turns to the others; with jobs <= 1 everything runs here, in
 * order.  Returns the number of threads that ran turns.
 */
unsigned fl_par_for(unsigned jobs, size_t n, fl_par_fn *fn, void *arg);

#endif
