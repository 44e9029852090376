/*
 * test_out.c - what fl_out_open_atomic does with what the path names: the
 * process's own descriptors, symbolic links, the owner and mode of a
 * replaced file, FIFOs, sockets, block devices, long names and a file
 * size limit (out.c; the plain commit and abort are in test_report.c).
 *
 * The cases that need root (another owner, mknod) skip themselves when
 * not run as root.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <focuslevel/out.h>

/* ---- helpers -------------------------------------------------------- */

static char *make_dir(void)
{
	char *d = strdup("/tmp/fl-test-out2-XXXXXX");
	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

/* Remove `dir` and what is in it. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (unlink(p) != 0 && errno == EISDIR)
			remove_tree(p);
	}
	closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

/* Remove a directory of make_dir and free its name. */
static void remove_dir(char *dir)
{
	remove_tree(dir);
	free(dir);
}

/* The number of entries of `dir`; the first one starting with `prefix`
 * (if any) in *found. */
static size_t dir_entries(const char *dir, const char *prefix, char *found,
                          size_t found_size)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	if (found != NULL)
		found[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (prefix != NULL && found != NULL && found[0] == '\0' &&
		    strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			snprintf(found, found_size, "%s", e->d_name);
	}
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(s, fp);
	assert_int_equal(fclose(fp), 0);
}

static void assert_file(const char *path, const char *want)
{
	char buf[4096];
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void write_atomic(const char *path, const char *text)
{
	fl_out *o = fl_out_open_atomic(path);
	assert_non_null(o);
	fl_out_puts(o, text);
	assert_int_equal(fl_out_commit(o), 0);
}

/* ---- the process's own descriptors ---------------------------------- */

/* /dev/fd/N and /proc/self/fd/N (and spellings of them) write to the
 * descriptor N, whatever it is open on: here a pipe, which a rename could
 * not reach at all, then a regular file, which must get the text in place
 * (the same inode) rather than be replaced. */
static void test_own_descriptor_pipe_and_file(void **state)
{
	(void)state;
	static const char *const forms[] = {
		"/dev/fd/", "/proc/self/fd/", "//dev/./fd//"
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		int p[2];
		assert_int_equal(pipe(p), 0);
		char path[64];
		snprintf(path, sizeof(path), "%s%d", forms[i], p[1]);
		fl_out *o = fl_out_open_atomic(path);
		assert_non_null(o);
		assert_null(fl_out_temp_path(o));
		fl_out_puts(o, "through the pipe\n");
		assert_int_equal(fl_out_commit(o), 0);
		close(p[1]);  /* ours; the commit closed only its duplicate */
		char buf[64];
		ssize_t n = read(p[0], buf, sizeof(buf) - 1);
		assert_true(n > 0);
		buf[n] = '\0';
		assert_string_equal(buf, "through the pipe\n");
		close(p[0]);
	}

	char *dir = make_dir();
	char file[512], path[64];
	snprintf(file, sizeof(file), "%s/stdout.txt", dir);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	struct stat before, after;
	assert_int_equal(fstat(fd, &before), 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	write_atomic(path, "in place\n");
	close(fd);
	assert_int_equal(stat(file, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_file(file, "in place\n");
	assert_int_equal(dir_entries(dir, NULL, NULL, 0), 1);
	remove_dir(dir);
}

/* A closed descriptor: NULL and EBADF, nothing created. */
static void test_own_descriptor_closed(void **state)
{
	(void)state;
	int fd = dup(2);
	assert_true(fd >= 0);
	close(fd);
	char path[64];
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	errno = 0;
	assert_null(fl_out_open_atomic(path));
	assert_int_equal(errno, EBADF);
}

/* ---- symbolic links ------------------------------------------------- */

/* A link to a regular file in another directory: the target gets the
 * text, the link stays a link, and the temporary file is made beside the
 * target, not beside the link. */
static void test_link_to_file_keeps_link(void **state)
{
	(void)state;
	char *a = make_dir(), *b = make_dir();
	char link[512], target[512];
	snprintf(link, sizeof(link), "%s/plan.csv", a);
	snprintf(target, sizeof(target), "%s/real.csv", b);
	write_file(target, "old\n");
	assert_int_equal(symlink(target, link), 0);
	fl_out *o = fl_out_open_atomic(link);
	assert_non_null(o);
	char found[256];
	assert_int_equal(dir_entries(b, ".real.csv.", found, sizeof(found)), 2);
	assert_true(found[0] != '\0');
	assert_int_equal(dir_entries(a, NULL, NULL, 0), 1);
	fl_out_puts(o, "new\n");
	assert_int_equal(fl_out_commit(o), 0);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file(target, "new\n");
	assert_int_equal(dir_entries(b, NULL, NULL, 0), 1);
	remove_dir(a);
	remove_dir(b);
}

/* A chain of relative links (each from its own directory), a dangling
 * link (its target is created) and a loop (ELOOP). */
static void test_link_chain_dangling_loop(void **state)
{
	(void)state;
	char *dir = make_dir();
	char p[512];
	snprintf(p, sizeof(p), "%s/sub", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/sub/final.txt", dir);
	write_file(p, "old\n");
	snprintf(p, sizeof(p), "%s/sub/mid", dir);
	assert_int_equal(symlink("final.txt", p), 0);
	snprintf(p, sizeof(p), "%s/first", dir);
	assert_int_equal(symlink("sub/mid", p), 0);
	write_atomic(p, "chain\n");
	snprintf(p, sizeof(p), "%s/sub/final.txt", dir);
	assert_file(p, "chain\n");
	snprintf(p, sizeof(p), "%s/sub/mid", dir);
	struct stat st;
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));

	snprintf(p, sizeof(p), "%s/dangling", dir);
	assert_int_equal(symlink("created.txt", p), 0);
	write_atomic(p, "made\n");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	snprintf(p, sizeof(p), "%s/created.txt", dir);
	assert_file(p, "made\n");

	snprintf(p, sizeof(p), "%s/loop", dir);
	assert_int_equal(symlink("loop", p), 0);
	errno = 0;
	assert_null(fl_out_open_atomic(p));
	assert_int_equal(errno, ELOOP);
	remove_dir(dir);
}

/* ---- mode and owner ------------------------------------------------- */

/* Permission bits are kept; set-user-id, set-group-id and sticky never
 * reach the new file. */
static void test_mode_kept_setid_dropped(void **state)
{
	(void)state;
	char *dir = make_dir();
	char p[512];
	snprintf(p, sizeof(p), "%s/m.csv", dir);
	write_file(p, "x\n");
	assert_int_equal(chmod(p, 07777), 0);
	write_atomic(p, "y\n");
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0777);
	assert_int_equal(chmod(p, 0640), 0);
	write_atomic(p, "z\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	remove_dir(dir);
}

#define NOBODY 65534

/* As root: a file of another owner (nobody, 0600) keeps owner, group
 * and mode. */
static void test_owner_kept_as_root(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	char *dir = make_dir();
	char p[512];
	snprintf(p, sizeof(p), "%s/n.csv", dir);
	write_file(p, "x\n");
	assert_int_equal(chown(p, NOBODY, NOBODY), 0);
	assert_int_equal(chmod(p, 0600), 0);
	fl_out *o = fl_out_open_atomic(p);
	assert_non_null(o);
	assert_int_equal(fl_out_owner_errno(o), 0);
	fl_out_puts(o, "y\n");
	assert_int_equal(fl_out_commit(o), 0);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_uid, NOBODY);
	assert_int_equal(st.st_gid, NOBODY);
	assert_int_equal(st.st_mode & 07777, 0600);
	remove_dir(dir);
}

/* Not permitted (a process running as nobody replaces root's file in a
 * directory of its own): the output is written, fl_out_owner_errno says
 * EPERM, the new file is nobody's.  Needs root to set it up. */
static void test_owner_not_permitted(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	char *dir = make_dir();
	assert_int_equal(chown(dir, NOBODY, NOBODY), 0);
	char p[512];
	snprintf(p, sizeof(p), "%s/r.csv", dir);
	write_file(p, "x\n");
	assert_int_equal(chmod(p, 0644), 0);
	/* As nobody by the effective ids only, which root takes back after:
	 * no child process (under valgrind a child's exit would count the
	 * test runner's memory as leaked). */
	gid_t groups[256];
	int ng = getgroups(256, groups);
	assert_true(ng >= 0);
	assert_int_equal(setgroups(0, NULL), 0);
	assert_int_equal(setegid(NOBODY), 0);
	assert_int_equal(seteuid(NOBODY), 0);
	fl_out *o = fl_out_open_atomic(p);
	int owner = o != NULL ? fl_out_owner_errno(o) : -1;
	int commit = -1;
	if (o != NULL) {
		fl_out_puts(o, "y\n");
		commit = fl_out_commit(o);
	}
	int back = seteuid(0) | setegid(0) | setgroups((size_t)ng, groups);
	assert_int_equal(back, 0);
	assert_int_equal(owner, EPERM);
	assert_int_equal(commit, 0);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_uid, NOBODY);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_file(p, "y\n");
	remove_dir(dir);
}

/* ---- special files -------------------------------------------------- */

/* A link to a FIFO: written through, nothing created beside it. */
static void test_fifo_through_link(void **state)
{
	(void)state;
	char *dir = make_dir();
	char fifo[512], link[512];
	snprintf(fifo, sizeof(fifo), "%s/pipe", dir);
	snprintf(link, sizeof(link), "%s/out.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("pipe", link), 0);
	int rd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	fl_out *o = fl_out_open_atomic(link);
	assert_non_null(o);
	assert_null(fl_out_temp_path(o));
	fl_out_puts(o, "fifo\n");
	assert_int_equal(fl_out_commit(o), 0);
	char buf[16];
	ssize_t n = read(rd, buf, sizeof(buf) - 1);
	assert_int_equal(n, 5);
	close(rd);
	assert_int_equal(dir_entries(dir, NULL, NULL, 0), 2);
	remove_dir(dir);
}

/* A socket, directly or through a link: ENOTSUP, nothing created. */
static void test_socket_refused(void **state)
{
	(void)state;
	char *dir = make_dir();
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", dir);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(s);
	char link[512];
	snprintf(link, sizeof(link), "%s/link", dir);
	assert_int_equal(symlink("sock", link), 0);
	errno = 0;
	assert_null(fl_out_open_atomic(sa.sun_path));
	assert_int_equal(errno, ENOTSUP);
	errno = 0;
	assert_null(fl_out_open_atomic(link));
	assert_int_equal(errno, ENOTSUP);
	assert_int_equal(dir_entries(dir, NULL, NULL, 0), 2);
	remove_dir(dir);
}

/* A block device (made with mknod, so as root): ENOTSUP, never opened.
 * Major 7 minor 250 is a loop device that is not expected to exist. */
static void test_block_device_refused(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	char *dir = make_dir();
	char p[512];
	snprintf(p, sizeof(p), "%s/blk", dir);
	if (mknod(p, S_IFBLK | 0600, makedev(7, 250)) != 0) {
		remove_dir(dir);
		skip();
	}
	errno = 0;
	assert_null(fl_out_open_atomic(p));
	assert_int_equal(errno, ENOTSUP);
	assert_int_equal(dir_entries(dir, NULL, NULL, 0), 1);
	remove_dir(dir);
}

/* ---- names and limits ----------------------------------------------- */

/* Names of 248 to 255 bytes: ".NAME.XXXXXX" would be too long, the
 * temporary file is ".flXXXXXX" instead. */
static void test_long_names(void **state)
{
	(void)state;
	char *dir = make_dir();
	for (size_t len = 246; len <= 255; len++) {
		char name[256], p[1024], found[256];
		memset(name, 'n', len);
		name[len] = '\0';
		snprintf(p, sizeof(p), "%s/%s", dir, name);
		fl_out *o = fl_out_open_atomic(p);
		assert_non_null(o);
		dir_entries(dir, ".fl", found, sizeof(found));
		if (len + 8 > 255)
			assert_int_equal(strlen(found), 9);
		else
			assert_int_equal(found[0], '\0');
		fl_out_puts(o, "long\n");
		assert_int_equal(fl_out_commit(o), 0);
		assert_file(p, "long\n");
		assert_int_equal(unlink(p), 0);
		assert_int_equal(dir_entries(dir, NULL, NULL, 0), 0);
	}
	remove_dir(dir);
}

/* Past a file size limit, with SIGXFSZ ignored (as the command line
 * does): the commit returns EFBIG and removes the temporary file. */
static void test_file_size_limit(void **state)
{
	(void)state;
	char *dir = make_dir();
	char p[512];
	snprintf(p, sizeof(p), "%s/big.csv", dir);
	/* The soft limit only, given back after; no child process (see
	 * test_owner_not_permitted). */
	struct rlimit old, rl;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	rl = old;
	rl.rlim_cur = 4096;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	fl_out *o = fl_out_open_atomic(p);
	int rc = -1;
	if (o != NULL) {
		for (int i = 0; i < 1000; i++)
			fl_out_puts(o, "0123456789\n");
		rc = fl_out_commit(o);
	}
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	assert_int_equal(rc, EFBIG);
	assert_int_equal(dir_entries(dir, NULL, NULL, 0), 0);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_descriptor_pipe_and_file),
		cmocka_unit_test(test_own_descriptor_closed),
		cmocka_unit_test(test_link_to_file_keeps_link),
		cmocka_unit_test(test_link_chain_dangling_loop),
		cmocka_unit_test(test_mode_kept_setid_dropped),
		cmocka_unit_test(test_owner_kept_as_root),
		cmocka_unit_test(test_owner_not_permitted),
		cmocka_unit_test(test_fifo_through_link),
		cmocka_unit_test(test_socket_refused),
		cmocka_unit_test(test_block_device_refused),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_file_size_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
