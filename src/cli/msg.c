/*
 * msg.c - every message the command line prints goes through here
 * (after curl's tool_msgs.c): one vmsg behind them all, so the prefix and
 * the quiet rule are written once.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"

static const char progname[] = "focuslevel";
static const char *command;
static bool quiet;

void cli_msg_set_command(const char *name)
{
	command = name;
}

void cli_msg_set_quiet(bool q)
{
	quiet = q;
}

/* "focuslevel: [FILE: ][TAG]message\n" on stderr. */
static void vmsg(const char *file, const char *tag, const char *fmt,
                 va_list ap)
	__attribute__((format(printf, 3, 0)));

static void vmsg(const char *file, const char *tag, const char *fmt,
                 va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	if (file != NULL)
		fprintf(stderr, "%s: ", file);
	fputs(tag, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, "", fmt, ap);
	va_end(ap);
}

void cli_warnf(const char *file, const char *fmt, ...)
{
	if (quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vmsg(file, "warning: ", fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, "", fmt, ap);
	va_end(ap);
	if (cmd == NULL)
		cmd = command;
	if (cmd != NULL)
		fprintf(stderr, "Try '%s %s --help' for more information.\n",
		        progname, cmd);
	else
		fprintf(stderr, "Try '%s --help' for more information.\n",
		        progname);
	return CLI_EXIT_USAGE;
}

int cli_bad_option(int c, char **argv)
{
	/*
	 * getopt leaves optopt 0 for an unknown long option, and the option's
	 * value for a known one (a flag given "=value", or missing its
	 * argument).  Inside a group of short options (-qZ) optind has not
	 * moved on yet, so argv[optind - 1] may be the word before: it is
	 * taken for the name only when it is the long option in question.
	 */
	const char *arg = argv[optind - 1];
	bool is_long = strncmp(arg, "--", 2) == 0;
	int n = (int)strcspn(arg, "=");
	if (is_long && optopt == 0)
		return cli_usage_error(NULL, "unknown option '%.*s'", n, arg);
	if (is_long && (optopt >= 256 || c == ':' || arg[n] == '=')) {
		if (c == ':')
			return cli_usage_error(NULL, "option '%.*s' requires an "
			                       "argument", n, arg);
		return cli_usage_error(NULL, "option '%.*s' takes no argument",
		                       n, arg);
	}
	if (c == ':')
		return cli_usage_error(NULL, "option '-%c' requires an argument",
		                       optopt);
	return cli_usage_error(NULL, "unknown option '-%c'", optopt);
}

void cli_print_diags(const char *display, const fl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const fl_diag *g = &d->items[i];
		if (g->severity == FL_SEV_WARNING && quiet)
			continue;
		fprintf(stderr, "%s: %s", progname, display);
		if (g->line > 0)
			fprintf(stderr, ":%lu", g->line);
		if (g->line > 0 && g->column > 0)
			fprintf(stderr, ":%lu", g->column);
		fputs(": ", stderr);
		if (g->severity == FL_SEV_WARNING)
			fputs("warning: ", stderr);
		if (g->path[0] != '\0')
			fprintf(stderr, "%s: ", g->path);
		fprintf(stderr, "%s\n", g->message);
	}
	if (d->dropped > 0)
		fprintf(stderr, "%s: %s: %zu more error%s not shown\n",
		        progname, display, d->dropped,
		        d->dropped == 1 ? "" : "s");
}
