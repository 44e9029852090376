/*
 * failmalloc.c - an LD_PRELOAD shim for the out-of-memory tests: malloc,
 * calloc and realloc fail (NULL, errno ENOMEM) once the live heap would
 * pass FL_HEAP_LIMIT bytes, as under a tight `ulimit -v` but without
 * depending on how much address space the libraries map.  glibc only
 * (__libc_malloc and malloc_usable_size).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

static size_t limit = (size_t)-1, live;
static int ready;

static void setup(void)
{
	if (ready)
		return;
	ready = 1;
	const char *s = getenv("FL_HEAP_LIMIT");
	if (s != NULL)
		limit = (size_t)strtoull(s, NULL, 10);
}

static int over(size_t old, size_t n)
{
	setup();
	if (live - old + n > limit) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

static void *counted(void *p, size_t old)
{
	if (p != NULL)
		live = live - old + malloc_usable_size(p);
	return p;
}

void *malloc(size_t n)
{
	return over(0, n) ? NULL : counted(__libc_malloc(n), 0);
}

void *calloc(size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		return NULL;
	return over(0, n * size) ? NULL : counted(__libc_calloc(n, size), 0);
}

void *realloc(void *p, size_t n)
{
	size_t old = p != NULL ? malloc_usable_size(p) : 0;
	if (old > live)
		old = live;  /* from an allocator this shim does not see */
	return over(old, n) ? NULL : counted(__libc_realloc(p, n), old);
}

void free(void *p)
{
	if (p == NULL)
		return;
	size_t n = malloc_usable_size(p);
	live = n > live ? 0 : live - n;
	__libc_free(p);
}
