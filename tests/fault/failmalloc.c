/*
 * failmalloc.c - an LD_PRELOAD shim for the out-of-memory test: malloc,
 * calloc, realloc, strdup and strndup fail (return NULL, errno ENOMEM)
 * from the Nth call on, N from FL_FAIL_MALLOC_AT (unset or 0: never).
 * With FL_MALLOC_COUNT_FD set to an open descriptor, the number of calls
 * made is written there at exit, so the test knows how far to go.
 *
 * It forwards to glibc's __libc_* entry points rather than dlsym(RTLD_NEXT),
 * which itself calls calloc.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long fail_at = -1;   /* -1: not read yet */
static long calls;

static int fail_now(void)
{
	if (fail_at < 0) {
		const char *e = getenv("FL_FAIL_MALLOC_AT");
		fail_at = e != NULL ? atol(e) : 0;
	}
	calls++;
	if (fail_at > 0 && calls >= fail_at) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t size)
{
	return fail_now() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __libc_realloc(p, size);
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d != NULL ? memcpy(d, s, n) : NULL;
}

char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *d = malloc(n + 1);
	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

__attribute__((destructor)) static void report_count(void)
{
	const char *e = getenv("FL_MALLOC_COUNT_FD");
	if (e == NULL)
		return;
	char line[32];
	int len = snprintf(line, sizeof(line), "%ld\n", calls);
	if (write(atoi(e), line, (size_t)len) < 0)
		_exit(99);
}
