/*
 * args.c - option values checked in full, and the end of every command
 * that writes.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

bool cli_parse_number(const char *opt, const char *arg, double *out)
{
	if (!fl_number_parse(arg, out)) {
		cli_usage_error(NULL, "%s: expected a number, got '%s'", opt, arg);
		return false;
	}
	return true;
}

bool cli_parse_pair(const char *opt, const char *arg, double *a, double *b)
{
	const char *comma = strchr(arg, ',');
	if (comma == NULL || strchr(comma + 1, ',') != NULL) {
		cli_usage_error(NULL, "%s: expected two numbers A,B, got '%s'", opt,
		               arg);
		return false;
	}
	char *first = strndup(arg, (size_t)(comma - arg));
	if (first == NULL) {
		cli_errorf("out of memory");
		return false;
	}
	bool ok = fl_number_parse(first, a) && fl_number_parse(comma + 1, b);
	free(first);
	if (!ok) {
		cli_usage_error(NULL, "%s: expected two numbers A,B, got '%s'", opt,
		               arg);
		return false;
	}
	if (*a > *b) {
		cli_usage_error(NULL, "%s: the first cut (%s) must not exceed the "
		               "second", opt, arg);
		return false;
	}
	return true;
}

bool cli_parse_format(const char *arg, unsigned allowed, const char *names,
                     fl_format *out)
{
	fl_format f;
	if (!fl_format_parse(arg, &f) || !(allowed & (1u << f))) {
		cli_usage_error(NULL, "-O: unknown format '%s' (%s)", arg, names);
		return false;
	}
	*out = f;
	return true;
}

/* A device, pipe or socket (-o /dev/stdout, a FIFO): written to as it is,
 * with no extension to go by. */
static bool is_device(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	       !S_ISDIR(st.st_mode);
}

int cli_default_format(const char *output, unsigned allowed, fl_format *fmt)
{
	if (*fmt != FL_FORMAT_NONE)
		return CLI_EXIT_OK;
	*fmt = FL_FORMAT_TABLE;
	/* A device or pipe gets the table, as standard output does. */
	if (output == NULL || is_device(output))
		return CLI_EXIT_OK;
	*fmt = fl_format_from_name(output);
	if (*fmt == FL_FORMAT_NONE || !(allowed & (1u << *fmt)))
		return cli_usage_error(NULL, "-o %s: cannot tell the format from "
		                      "the extension; use -O", output);
	return CLI_EXIT_OK;
}

const char *cli_output_arg(const char *arg)
{
	return strcmp(arg, "-") == 0 ? NULL : arg;
}

int cli_check_output_name(const char *output, const char *ext,
                         const char *what)
{
	if (output == NULL || is_device(output))
		return CLI_EXIT_OK;
	const char *base = strrchr(output, '/');
	base = base != NULL ? base + 1 : output;
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return CLI_EXIT_OK;
	if (strcasecmp(dot + 1, ext) == 0 ||
	    (strcmp(ext, "yaml") == 0 && strcasecmp(dot + 1, "yml") == 0))
		return CLI_EXIT_OK;
	return cli_usage_error(NULL, "-o %s: this command writes %s; name the "
	                      "file .%s (or without an extension)", output,
	                      what, ext);
}

int cli_other_option(cli_model_args *a, int c, const char *arg, char **argv)
{
	switch (cli_model_option(a, c, arg)) {
	case 1:
		return 0;
	case -1:
		return CLI_EXIT_USAGE;
	default:
		return cli_bad_option(c, argv);
	}
}

void cli_output_abort(fl_out *o)
{
	cli_cleanup_on_signal(NULL);
	fl_out_abort(o);
}

int cli_output_finish(fl_out *o, fl_status st, const char *path)
{
	if (st == FL_ERR_NOMEM) {
		cli_output_abort(o);
		cli_errorf("out of memory");
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
	int err = fl_out_commit(o);
	cli_cleanup_on_signal(NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err == 0)
		return CLI_EXIT_OK;
	cli_errorf("%s: cannot write: %s", path != NULL ? path : "standard output",
	          strerror(err));
	return CLI_EXIT_FAIL;
}
