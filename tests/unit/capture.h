/*
 * capture.h - what the unit tests of the writers share: an fl_out on an
 * anonymous temporary file, and its bytes read back once committed.
 * Include after <cmocka.h>.
 */
#ifndef FL_TEST_CAPTURE_H
#define FL_TEST_CAPTURE_H

#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include <focuslevel/out.h>

/* An output to a temporary file that is already unlinked; its descriptor
 * goes to *fd for capture_end. */
static inline fl_out *capture_begin(int *fd)
{
	char path[] = "/tmp/fl-test-capture-XXXXXX";
	*fd = mkstemp(path);
	assert_true(*fd >= 0);
	unlink(path);
	fl_out *o = fl_out_open_fd(*fd);
	assert_non_null(o);
	return o;
}

/* Commit `o` (which must succeed) and return everything written, with a
 * NUL after it; the caller frees it.  Closes fd.  len may be NULL. */
static inline char *capture_end(fl_out *o, int fd, size_t *len)
{
	assert_int_equal(fl_out_commit(o), 0);
	off_t size = lseek(fd, 0, SEEK_END);
	assert_true(size >= 0);
	char *buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, (size_t)size, 0), size);
	buf[size] = '\0';
	close(fd);
	if (len != NULL)
		*len = (size_t)size;
	return buf;
}

#endif
