/*
 * out.c - buffered, all-or-nothing output.
 */
#include <focuslevel/out.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/c_locale.h"

/* Large blocks: a million rows become a hundred writes. */
#define FL_OUT_BUF ((size_t)1 << 20)

struct fl_out {
	int fd;
	char *buf;
	size_t len;
	int err;           /* errno of the first failure, 0 if none */
	char *tmp_path;    /* atomic output: the temporary file */
	char *path;        /* atomic output: the target */
	bool close_fd;     /* a device or pipe opened by fl_out_open_atomic */
};

static fl_out *out_new(int fd)
{
	fl_out *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return NULL;
	o->buf = malloc(FL_OUT_BUF);
	if (o->buf == NULL) {
		free(o);
		return NULL;
	}
	o->fd = fd;
	return o;
}

fl_out *fl_out_open_fd(int fd)
{
	return out_new(fd);
}

fl_out *fl_out_open_atomic(const char *path)
{
	/* A device, FIFO or socket cannot be replaced by a rename (and as
	 * root the rename would replace /dev/full itself): write to it
	 * directly, as a shell redirection would. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return NULL;
		}
		int fd = open(path, O_WRONLY | O_NOCTTY);
		if (fd < 0)
			return NULL;
		fl_out *o = out_new(fd);
		if (o == NULL) {
			close(fd);
			errno = ENOMEM;
			return NULL;
		}
		o->close_fd = true;
		return o;
	}
	/* The temporary file must be in the target's directory, so that the
	 * rename is atomic (same file system). */
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dirlen;
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	char *dup = strdup(path);
	if (tmp == NULL || dup == NULL) {
		free(tmp);
		free(dup);
		errno = ENOMEM;
		return NULL;
	}
	snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(dup);
		errno = e;
		return NULL;
	}
	/* mkstemp makes the file 0600; give it the mode a plain open would
	 * (an existing target keeps its mode). */
	mode_t mode;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* A failure here is not fatal: the data is what matters. */
	(void)fchmod(fd, mode);
	fl_out *o = out_new(fd);
	if (o == NULL) {
		close(fd);
		unlink(tmp);
		free(tmp);
		free(dup);
		errno = ENOMEM;
		return NULL;
	}
	o->tmp_path = tmp;
	o->path = dup;
	return o;
}

static void flush(fl_out *o)
{
	size_t off = 0;
	while (off < o->len && o->err == 0) {
		ssize_t w = write(o->fd, o->buf + off, o->len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->err = errno;
		} else {
			off += (size_t)w;
		}
	}
	o->len = 0;
}

void fl_out_write(fl_out *o, const char *s, size_t n)
{
	if (o->err != 0)
		return;
	if (o->len + n > FL_OUT_BUF) {
		flush(o);
		if (n >= FL_OUT_BUF) {
			/* Too big to buffer: write it straight through. */
			char *keep = o->buf;
			o->buf = (char *)(size_t)s;
			o->len = n;
			flush(o);
			o->buf = keep;
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

void fl_out_puts(fl_out *o, const char *s)
{
	fl_out_write(o, s, strlen(s));
}

void fl_out_putc(fl_out *o, char c)
{
	if (o->len < FL_OUT_BUF && o->err == 0)
		o->buf[o->len++] = c;
	else
		fl_out_write(o, &c, 1);
}

void fl_out_printf(fl_out *o, const char *fmt, ...)
{
	char small[512];
	char *text = small;
	va_list ap;
	locale_t prev = fl_c_locale_enter();
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (text != NULL) {
			va_start(ap, fmt);
			vsnprintf(text, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	fl_c_locale_leave(prev);
	if (n < 0) {
		o->err = EINVAL;
		return;
	}
	if (text == NULL) {
		o->err = ENOMEM;
		return;
	}
	fl_out_write(o, text, (size_t)n);
	if (text != small)
		free(text);
}

const char *fl_out_temp_path(const fl_out *o)
{
	return o->tmp_path;
}

bool fl_out_failed(const fl_out *o)
{
	return o->err != 0;
}

int fl_out_errno(const fl_out *o)
{
	return o->err;
}

static void out_free(fl_out *o)
{
	free(o->buf);
	free(o->tmp_path);
	free(o->path);
	free(o);
}

int fl_out_commit(fl_out *o)
{
	flush(o);
	int err = o->err;
	if (o->tmp_path != NULL) {
		if (err == 0 && fsync(o->fd) != 0)
			err = errno;
		if (close(o->fd) != 0 && err == 0)
			err = errno;
		if (err == 0 && rename(o->tmp_path, o->path) != 0)
			err = errno;
		if (err != 0)
			unlink(o->tmp_path);
	} else if (o->close_fd && close(o->fd) != 0 && err == 0) {
		err = errno;
	}
	out_free(o);
	return err;
}

void fl_out_abort(fl_out *o)
{
	if (o == NULL)
		return;
	if (o->tmp_path != NULL) {
		close(o->fd);
		unlink(o->tmp_path);
	} else if (o->close_fd) {
		close(o->fd);
	}
	out_free(o);
}
