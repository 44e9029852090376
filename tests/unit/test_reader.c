/*
 * test_reader.c - the input window (src/util/reader.c): a regular file is
 * mapped, a pipe read with fread, and both give the bytes, the discards
 * and the positions that memory input gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/reader.h"

/* A temporary file holding n bytes of lines of varying length (UTF-8 'é'
 * in some, so that columns count characters); its bytes in *data. */
static FILE *make_file(size_t n, char **data)
{
	char *d = malloc(n);
	assert_non_null(d);
	unsigned long x = 12345;
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		unsigned r = (unsigned)(x >> 33) % 80;
		if (r == 0 || col > 120) {
			d[i] = '\n';
			col = 0;
		} else if (r == 1 && i + 1 < n) {
			d[i++] = (char)0xC3;  /* é */
			d[i] = (char)0xA9;
			col++;
		} else {
			d[i] = (char)('a' + r % 26);
			col++;
		}
	}
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(d, 1, n, fp), n);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	*data = d;
	return fp;
}

/* Read all of r, discarding in steps of `step` bytes, and check every
 * byte against want[] and the position of some steps' start against a
 * memory reader's. */
static void read_all(fl_reader *r, const char *want, size_t n, size_t step)
{
	fl_reader m;
	fl_reader_init_mem(&m, want, n);
	size_t pos = 0;  /* in r's window */
	size_t check = n / step / 40 + 1, steps = 0;
	for (;;) {
		if (!fl_reader_peek(r, pos + step))
			fail();
		size_t at = r->base + pos;
		if (at >= n) {
			assert_true(r->eof);
			assert_int_equal(r->base + r->len, n);
			break;
		}
		size_t k = r->len - pos < step ? r->len - pos : step;
		assert_memory_equal(r->buf + pos, want + at, k);
		if (!r->lines_own && steps++ % check == 0) {
			unsigned long l1, c1, l2, c2;
			fl_reader_position(r, pos, &l1, &c1);
			fl_reader_position(&m, at, &l2, &c2);
			assert_int_equal(l1, l2);
			assert_int_equal(c1, c2);
		}
		pos += k;
		size_t shift = fl_reader_fill(r, pos);
		assert_int_not_equal(shift, (size_t)-1);
		pos -= shift;
	}
}

static void test_file_is_mapped(void **state)
{
	(void)state;
	char *d;
	size_t n = (size_t)3 << 20;
	FILE *fp = make_file(n, &d);
	size_t steps[] = { 7, 4093, 65536, (size_t)1 << 20 };
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		rewind(fp);
		fl_reader r;
		fl_reader_init_file(&r, fp);
		assert_non_null(r.map);
		read_all(&r, d, n, steps[i]);
		fl_reader_release(&r);
	}
	fclose(fp);
	free(d);
}

/* A file already read from (stdio has buffered ahead): the window starts
 * at the byte the next fgetc would return. */
static void test_file_from_its_offset(void **state)
{
	(void)state;
	char *d;
	size_t n = 100000;
	FILE *fp = make_file(n, &d);
	for (int i = 0; i < 7; i++)
		assert_int_equal(fgetc(fp), (unsigned char)d[i]);
	fl_reader r;
	fl_reader_init_file(&r, fp);
	assert_non_null(r.map);
	read_all(&r, d + 7, n - 7, 999);
	fl_reader_release(&r);
	fclose(fp);
	free(d);
}

/* A pipe cannot be mapped: it is read with fread, to the same bytes. */
static void test_pipe_is_read(void **state)
{
	(void)state;
	char *d;
	size_t n = 200000;
	FILE *src = make_file(n, &d);
	fclose(src);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(fds[1], d + off, n - off);
			if (w <= 0)
				_exit(1);
			off += (size_t)w;
		}
		_exit(0);
	}
	close(fds[1]);
	FILE *fp = fdopen(fds[0], "rb");
	assert_non_null(fp);
	fl_reader r;
	fl_reader_init_file(&r, fp);
	assert_null(r.map);
	read_all(&r, d, n, 3000);
	fl_reader_release(&r);
	fclose(fp);
	free(d);
}

static void test_empty_file(void **state)
{
	(void)state;
	FILE *fp = tmpfile();
	assert_non_null(fp);
	fl_reader r;
	fl_reader_init_file(&r, fp);
	assert_null(r.map);  /* nothing to map */
	assert_int_equal(fl_reader_fill(&r, 0), 0);
	assert_true(r.eof);
	assert_int_equal(r.len, 0);
	fl_reader_release(&r);
	fclose(fp);
}

/* A caller that counts its own lines: a discard counts none. */
static void test_lines_own(void **state)
{
	(void)state;
	char *d;
	size_t n = (size_t)1 << 20;
	FILE *fp = make_file(n, &d);
	fl_reader r;
	fl_reader_init_file(&r, fp);
	r.lines_own = true;
	read_all(&r, d, n, 50000);
	assert_int_equal(r.lines_before, 0);
	assert_int_equal(r.col_before, 0);
	fl_reader_release(&r);
	fclose(fp);
	free(d);
}

/* The process's pages of files (RssFile and RssShmem of
 * /proc/self/status: a temporary file may be on tmpfs), KiB; -1 without
 * /proc. */
static long rss_file_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (f == NULL)
		return -1;
	char line[256];
	long kib = 0, v;
	int seen = 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "RssFile: %ld", &v) == 1 ||
		    sscanf(line, "RssShmem: %ld", &v) == 1) {
			kib += v;
			seen++;
		}
	fclose(f);
	return seen == 2 ? kib : -1;
}

/* What was read and discarded is given back: reading 48 MiB keeps the
 * process's mapped pages of it far below that. */
static void test_pages_given_back(void **state)
{
	(void)state;
	char *d;
	size_t n = (size_t)48 << 20;
	FILE *fp = make_file(n, &d);
	free(d);
	long before = rss_file_kib();
	if (before < 0)
		skip();  /* no /proc */
	fl_reader r;
	fl_reader_init_file(&r, fp);
	assert_non_null(r.map);
	r.lines_own = true;
	size_t pos = 0;
	long most = 0;
	unsigned long sum = 0;
	while (fl_reader_peek(&r, pos + 65536) && r.base + pos < n) {
		size_t end = r.len < pos + 65536 ? r.len : pos + 65536;
		for (; pos < end; pos += 512)
			sum += (unsigned char)r.buf[pos];
		pos = end;
		pos -= fl_reader_fill(&r, pos);
		long now = rss_file_kib() - before;
		if (now > most)
			most = now;
	}
	assert_true(sum > 0);
	/* the window and the pages not yet given back (1 MiB at a time), with
	 * room for the kernel's read-ahead */
	assert_true(most < 8 * 1024);
	fl_reader_release(&r);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_is_mapped),
		cmocka_unit_test(test_file_from_its_offset),
		cmocka_unit_test(test_pipe_is_read),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_lines_own),
		cmocka_unit_test(test_pages_given_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
