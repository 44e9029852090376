/*
 * out.c - buffered, all-or-nothing output.
 */
#include <focuslevel/out.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
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
	int owner_err;     /* errno of the fchown that could not keep the
	                    * replaced file's owner and group, or 0 */
	size_t cap;        /* of buf */
	bool mem;          /* fl_out_open_mem: buf grows, nothing is written */
};

static fl_out *out_new(int fd)
{
	fl_out *o = calloc(1, sizeof(*o));
	if (o == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	o->buf = malloc(FL_OUT_BUF);
	if (o->buf == NULL) {
		free(o);
		errno = ENOMEM;
		return NULL;
	}
	o->cap = FL_OUT_BUF;
	o->fd = fd;
	return o;
}

fl_out *fl_out_open_fd(int fd)
{
	return out_new(fd);
}

/*
 * The descriptor a path names when it is one of the process's own:
 * /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N (with
 * any doubled slashes or "./" components).  Returns N, or -1 when the path
 * is something else.
 */
static int own_fd_of(const char *path)
{
	/* Compare a normalised copy, cut to what a match can need. */
	char norm[64];
	size_t n = 0;
	for (const char *p = path; *p != '\0'; p++) {
		bool after_slash = n > 0 && norm[n - 1] == '/';
		if (*p == '/' && after_slash)
			continue;
		if (*p == '.' && after_slash && (p[1] == '/' || p[1] == '\0'))
			continue;
		if (n + 1 >= sizeof(norm))
			return -1;
		norm[n++] = *p;
	}
	norm[n] = '\0';
	static const char *const streams[] = {
		"/dev/stdin", "/dev/stdout", "/dev/stderr"
	};
	for (int i = 0; i < 3; i++)
		if (strcmp(norm, streams[i]) == 0)
			return i;
	const char *d;
	if (strncmp(norm, "/dev/fd/", 8) == 0)
		d = norm + 8;
	else if (strncmp(norm, "/proc/self/fd/", 14) == 0)
		d = norm + 14;
	else
		return -1;
	if (*d == '\0')
		return -1;
	long fd = 0;
	for (; *d != '\0'; d++) {
		if (*d < '0' || *d > '9')
			return -1;
		fd = fd * 10 + (*d - '0');
		if (fd > INT_MAX)
			return -1;
	}
	return (int)fd;
}

bool fl_out_is_stream(const char *path)
{
	struct stat st;
	if (own_fd_of(path) >= 0)
		return true;
	return stat(path, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	                                S_ISCHR(st.st_mode));
}

/* The target of the symbolic link `link`, as a path usable from here
 * (a relative target is taken from the link's directory); malloc'd, or
 * NULL with errno set. */
static char *link_target(const char *link, size_t size_hint)
{
	size_t cap = size_hint + 1 > 64 ? size_hint + 1 : 64;
	for (;;) {
		char *t = malloc(cap);
		if (t == NULL)
			return NULL;
		ssize_t n = readlink(link, t, cap);
		if (n < 0) {
			int e = errno;
			free(t);
			errno = e;
			return NULL;
		}
		if ((size_t)n < cap) {
			t[n] = '\0';
			const char *slash = strrchr(link, '/');
			if (t[0] == '/' || slash == NULL)
				return t;
			size_t dirlen = (size_t)(slash - link) + 1;
			char *full = malloc(dirlen + (size_t)n + 1);
			if (full != NULL) {
				memcpy(full, link, dirlen);
				memcpy(full + dirlen, t, (size_t)n + 1);
			}
			free(t);
			return full;
		}
		free(t);
		cap *= 2;
	}
}

/* What an output path comes to once its symbolic links are followed. */
struct target {
	char *path;      /* the final name (malloc'd), never a link */
	int own_fd;      /* >= 0: one of the process's descriptors */
	bool exists;     /* st holds its lstat */
	struct stat st;
};

/* Follow `path` link by link, as open() would, but stop at a name of one
 * of our own descriptors: /dev/stdout is a link to /proc/self/fd/1, itself
 * a link that names whatever standard output is (a file, a socket).
 * Returns 0 or an errno value. */
static int resolve(const char *path, struct target *t)
{
	memset(t, 0, sizeof(*t));
	t->own_fd = -1;
	char *cur = strdup(path);
	if (cur == NULL)
		return ENOMEM;
	for (int hops = 0;; hops++) {
		t->own_fd = own_fd_of(cur);
		if (t->own_fd >= 0)
			break;
		if (lstat(cur, &t->st) != 0) {
			if (errno != ENOENT) {
				int e = errno;
				free(cur);
				return e;
			}
			break;  /* a new file (maybe through a dangling link) */
		}
		if (!S_ISLNK(t->st.st_mode)) {
			t->exists = true;
			break;
		}
		if (hops == 40) {
			free(cur);
			return ELOOP;
		}
		char *next = link_target(cur, (size_t)t->st.st_size);
		free(cur);
		if (next == NULL)
			return errno;
		cur = next;
	}
	t->path = cur;
	return 0;
}

/* The longest file name the temporary file may use in its long form. */
#define FL_OUT_NAME_MAX 255

/*
 * Create the temporary file beside `target` (same directory, so that the
 * rename is atomic): ".NAME.XXXXXX" after the target's name, or the short
 * ".flXXXXXX" when that would be longer than a file name may be.  Returns
 * the descriptor and the name in *tmp (malloc'd), or -1 with errno set.
 */
static int make_temp(const char *target, char **tmp)
{
	const char *slash = strrchr(target, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dirlen;
	size_t baselen = strlen(base);
	bool long_form = 1 + baselen + 7 <= FL_OUT_NAME_MAX;
	char *name = malloc(dirlen + (long_form ? baselen + 8 : 9) + 1);
	if (name == NULL)
		return -1;
	for (;;) {
		if (long_form)
			sprintf(name, "%.*s.%s.XXXXXX", (int)dirlen, target, base);
		else
			sprintf(name, "%.*s.flXXXXXX", (int)dirlen, target);
		int fd = mkstemp(name);
		if (fd >= 0) {
			*tmp = name;
			return fd;
		}
		/* A file system with shorter names than FL_OUT_NAME_MAX. */
		if (errno == ENAMETOOLONG && long_form) {
			long_form = false;
			continue;
		}
		int e = errno;
		free(name);
		errno = e;
		return -1;
	}
}

/* A descriptor we write to directly (a device, a pipe, a standard
 * stream): closed by commit or abort. */
static fl_out *out_direct(int fd)
{
	fl_out *o = out_new(fd);
	if (o == NULL) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	o->close_fd = true;
	return o;
}

fl_out *fl_out_open_atomic(const char *path)
{
	struct target t;
	int err = resolve(path, &t);
	if (err != 0) {
		errno = err;
		return NULL;
	}
	if (t.own_fd >= 0) {
		/* Our own descriptor, say standard output redirected to a file
		 * or a socket: write to it, never replace what it names (as
		 * root the rename would replace /dev/stdout itself). */
		free(t.path);
		int fd = fcntl(t.own_fd, F_DUPFD_CLOEXEC, 3);
		return fd >= 0 ? out_direct(fd) : NULL;
	}
	if (t.exists && !S_ISREG(t.st.st_mode)) {
		int e = 0;
		if (S_ISDIR(t.st.st_mode))
			e = EISDIR;
		else if (!S_ISFIFO(t.st.st_mode) && !S_ISCHR(t.st.st_mode))
			e = ENOTSUP;  /* a block device, a socket */
		int fd = -1;
		if (e == 0) {
			/* A FIFO or character device cannot be replaced by a
			 * rename (and as root the rename would replace /dev/full
			 * itself): write to it, as a shell redirection would. */
			fd = open(t.path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
			e = errno;
		}
		free(t.path);
		if (fd < 0) {
			errno = e;
			return NULL;
		}
		return out_direct(fd);
	}
	char *tmp = NULL;
	int fd = make_temp(t.path, &tmp);
	if (fd < 0) {
		int e = errno;
		free(t.path);
		errno = e;
		return NULL;
	}
	fl_out *o = out_new(fd);
	if (o == NULL) {
		close(fd);
		unlink(tmp);
		free(tmp);
		free(t.path);
		errno = ENOMEM;
		return NULL;
	}
	o->tmp_path = tmp;
	o->path = t.path;
	/* mkstemp makes the file 0600 and ours.  A file being replaced keeps
	 * its owner and group where we may give them (root may; others only
	 * a group of theirs) and its permission bits, never set-user-id,
	 * set-group-id or sticky: a copy must not grant more than the data.
	 * A new file gets the mode a plain open would.  The owner goes first,
	 * since fchown may clear mode bits. */
	mode_t mode;
	if (t.exists) {
		struct stat ts;
		if (fstat(fd, &ts) == 0 &&
		    (ts.st_uid != t.st.st_uid || ts.st_gid != t.st.st_gid) &&
		    fchown(fd, t.st.st_uid, t.st.st_gid) != 0) {
			o->owner_err = errno;
			if (ts.st_gid != t.st.st_gid)
				(void)fchown(fd, (uid_t)-1, t.st.st_gid);
		}
		mode = t.st.st_mode & 0777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* A failure here is not fatal: the data is what matters. */
	(void)fchmod(fd, mode);
	return o;
}

static void flush(fl_out *o)
{
	size_t off = 0;
	if (o->mem)
		return;
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

fl_out *fl_out_open_mem(void)
{
	fl_out *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return NULL;
	o->cap = (size_t)1 << 16;
	o->buf = malloc(o->cap);
	if (o->buf == NULL) {
		free(o);
		return NULL;
	}
	o->fd = -1;
	o->mem = true;
	return o;
}

/* A memory output's buffer grown for n more bytes: false (the output
 * failed) when out of memory. */
static bool mem_grow(fl_out *o, size_t n)
{
	size_t cap = o->cap;
	while (cap - o->len < n) {
		if (cap > SIZE_MAX / 2) {
			o->err = ENOMEM;
			return false;
		}
		cap *= 2;
	}
	char *b = realloc(o->buf, cap);
	if (b == NULL) {
		o->err = ENOMEM;
		return false;
	}
	o->buf = b;
	o->cap = cap;
	return true;
}

void fl_out_append(fl_out *o, fl_out *from)
{
	if (from->err != 0 && o->err == 0)
		o->err = from->err;
	fl_out_write(o, from->buf, from->len);
	from->len = 0;
}

void fl_out_write(fl_out *o, const char *s, size_t n)
{
	if (o->err != 0)
		return;
	if (o->mem && o->cap - o->len < n && !mem_grow(o, n))
		return;
	if (o->len + n > o->cap) {
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
	if (o->len < o->cap && o->err == 0)
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

int fl_out_owner_errno(const fl_out *o)
{
	return o->owner_err;
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
