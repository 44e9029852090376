/*
 * input.c - open the files a command names, load them, report problems.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "msg.h"

/* SIGBUS: a page of a mapped input could not be read, because the file
 * shrank (or the disk failed) after it was mapped.  Inputs are read
 * before an output file is made, so there is nothing to remove; only
 * write(2) and _exit(2) here, which a signal handler may call. */
static void on_sigbus(int sig)
{
	static const char msg[] = "focuslevel: an input file shrank, or could "
	                          "not be read, while it was read (a regular "
	                          "file is mapped: docs/limits.md)\n";
	(void)sig;
	ssize_t w = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)w;
	_exit(CLI_EXIT_FAIL);
}

void cli_input_guard(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

static bool is_stdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

const char *cli_input_display(const char *path)
{
	return is_stdin(path) ? "<stdin>" : path;
}

FILE *cli_input_open(const char *path, const char *what)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_errorf("%s: is a directory, not a %s file", path, what);
		return NULL;
	}
	FILE *fp = fopen(path, "rb");
	/* fopen allocates: its ENOMEM is said in the words of every other
	 * allocation failure. */
	if (fp == NULL && errno == ENOMEM)
		cli_errorf("%s: out of memory", path);
	else if (fp == NULL)
		cli_errorf("%s: cannot open: %s", path, strerror(errno));
	return fp;
}

int cli_input_read_all(const char *path, const char *display, char **data,
                       size_t *len)
{
	*data = NULL;
	*len = 0;
	FILE *fp = is_stdin(path) ? stdin : cli_input_open(path, "portfolio");
	if (fp == NULL)
		return CLI_EXIT_FAIL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	int rc = CLI_EXIT_OK;
	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		char *bigger = cap > (size_t)-1 / 4 ? NULL : realloc(buf, cap * 2 + 1);
		if (bigger == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	if (buf == NULL) {
		cli_errorf("%s: out of memory", display);
		rc = CLI_EXIT_FAIL;
	} else if (ferror(fp)) {
		cli_errorf("%s: cannot read: %s", display, strerror(errno));
		free(buf);
		buf = NULL;
		rc = CLI_EXIT_FAIL;
	}
	if (fp != stdin)
		fclose(fp);
	if (buf != NULL) {
		buf[n] = '\0';
		*data = buf;
		*len = n;
	}
	return rc;
}

void cli_input_report(const char *display, fl_status st,
                      const fl_diags *diags, const fl_portfolio *p)
{
	cli_print_diags(display, diags);
	if (st == FL_OK)
		cli_input_skipped(display, p->skipped);
}

void cli_input_skipped(const char *display, size_t skipped)
{
	if (skipped > 0)
		cli_warnf(display, "skipped %zu invalid customer%s", skipped,
		          skipped == 1 ? "" : "s");
}

int cli_input_load(const char *path, const fl_load_options *opts,
                   fl_portfolio **out)
{
	const char *display = cli_input_display(path);
	*out = NULL;
	FILE *fp = is_stdin(path) ? stdin : cli_input_open(path, "portfolio");
	if (fp == NULL)
		return CLI_EXIT_FAIL;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_portfolio_load(fp, is_stdin(path) ? NULL : path, opts,
	                                 out, &diags);
	if (fp != stdin)
		fclose(fp);
	cli_input_report(display, st, &diags, *out);
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", display);
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
