/*
 * output.c - open, finish and abort outputs, and the signal handler that
 * keeps an interrupted run from leaving a temporary file behind.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "output.h"

static const char *volatile cleanup_path;

static void on_signal(int sig)
{
	const char *p = cleanup_path;
	if (p != NULL)
		unlink(p);  /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Remove `tmp_path` (a temporary output file) if a signal ends the program
 * before it is renamed into place; NULL forgets it.  The string must stay
 * valid until then.  (SIGKILL cannot be caught: the target file is still
 * never half-written, only the temporary file stays.)
 */
static void cleanup_on_signal(const char *tmp_path)
{
	static int installed;
	cleanup_path = tmp_path;
	if (tmp_path == NULL || installed)
		return;
	installed = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* What `path` is, for the message that refuses it. */
static const char *kind_of(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return "this kind of file";
	if (S_ISSOCK(st.st_mode))
		return "a socket";
	if (S_ISBLK(st.st_mode))
		return "a block device";
	return "this kind of file";
}

static fl_out *open_output(const char *path)
{
	fl_out *o = path != NULL ? fl_out_open_atomic(path) : fl_out_open_fd(1);
	if (o != NULL)
		cleanup_on_signal(fl_out_temp_path(o));
	else if (errno == ENOMEM)
		cli_errorf("out of memory");
	else if (path != NULL && errno == ENOTSUP)
		cli_errorf("%s: cannot write to %s: -o takes a regular file, "
		           "a FIFO or a character device", path, kind_of(path));
	else
		cli_errorf("%s: cannot create: %s", path != NULL ? path
		           : "standard output", strerror(errno));
	return o;
}

/* Commit `o`, which the writer returned `st` for; a failure of the
 * writer's own (below) discards it instead.  Takes `o` in every case. */
static int finish_output(fl_out *o, fl_status st, const char *path)
{
	/* Out of memory, data the format cannot hold, or a writer that
	 * failed on its own (an xlsx workbook's temporary files) before the
	 * output did: nothing is written. */
	if (st == FL_ERR_NOMEM || st == FL_ERR_LIMIT ||
	    (st == FL_ERR_IO && !fl_out_failed(o))) {
		cleanup_on_signal(NULL);
		fl_out_abort(o);
		const char *name = path != NULL ? path : "standard output";
		if (st == FL_ERR_NOMEM)
			cli_errorf("out of memory");
		else if (st == FL_ERR_LIMIT)
			cli_errorf("%s: not written: an xlsx sheet holds at most "
			           "1048575 rows and a cell at most 32767 "
			           "characters (use -O csv)", name);
		else
			cli_errorf("%s: not written: the workbook could not be "
			           "made (its temporary files go to TMPDIR or "
			           "/tmp)", name);
		return CLI_EXIT_FAIL;
	}
	/* The commit renames or removes the temporary file.  A signal during
	 * it waits until the file is in place (or gone) and the handler has
	 * nothing left to remove. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	int owner_err = fl_out_owner_errno(o);
	int err = fl_out_commit(o);
	cleanup_on_signal(NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err == 0 && owner_err != 0)
		cli_warnf(path, "the replaced file's owner and group were not "
		          "kept: %s", strerror(owner_err));
	if (err == 0)
		return CLI_EXIT_OK;
	cli_errorf("%s: cannot write: %s",
	           path != NULL ? path : "standard output", strerror(err));
	return CLI_EXIT_FAIL;
}

int cli_output_write(const char *path, cli_write_fn *write, void *ctx)
{
	/* Past a file size limit (ulimit -f) a write fails with EFBIG, which
	 * is reported and the temporary file removed, instead of SIGXFSZ
	 * ending the program and leaving it. */
	signal(SIGXFSZ, SIG_IGN);
	fl_out *o = open_output(path);
	if (o == NULL)
		return CLI_EXIT_FAIL;
	return finish_output(o, write(o, ctx), path);
}
