/*
 * msg.c - every message the command line prints goes through here
 * (after curl's tool_msgs.c): one vmsg behind them all, so the prefix and
 * the quiet rule are written once.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * Put s on stderr through the library's quoting function without quotes:
 * the last line of defence, so that no file name, argument or value that
 * a message forgot to quote reaches the terminal as a control, bidi or
 * zero-width character.  Text that was quoted already passes unchanged.
 * Out of memory: the text with every byte past printable ASCII as '?'.
 */
static void put_clean(const char *s)
{
	char *c = fl_quote(s, strlen(s), SIZE_MAX, 0);
	if (c != NULL) {
		fputs(c, stderr);
		free(c);
		return;
	}
	for (; *s; s++)
		fputc((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f ?
		      *s : '?', stderr);
}

/* "focuslevel: [FILE: ][TAG]message\n" on stderr. */
static void vmsg(const char *file, const char *tag, const char *fmt,
                 va_list ap)
	__attribute__((format(printf, 3, 0)));

static void vmsg(const char *file, const char *tag, const char *fmt,
                 va_list ap)
{
	char small[512];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	char *text = small;
	if (n >= (int)sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (text != NULL)
			vsnprintf(text, (size_t)n + 1, fmt, ap);
	}
	fprintf(stderr, "%s: ", progname);
	if (file != NULL) {
		put_clean(file);
		fputs(": ", stderr);
	}
	fputs(tag, stderr);
	if (n < 0 || text == NULL)
		fputs("(message too long for the memory left)", stderr);
	else
		put_clean(text);
	fputc('\n', stderr);
	if (text != small)
		free(text);
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
		fprintf(stderr, "%s: ", progname);
		put_clean(display);
		if (g->line > 0)
			fprintf(stderr, ":%lu", g->line);
		if (g->line > 0 && g->column > 0)
			fprintf(stderr, ":%lu", g->column);
		fputs(": ", stderr);
		if (g->severity == FL_SEV_WARNING)
			fputs("warning: ", stderr);
		if (g->path[0] != '\0') {
			put_clean(g->path);
			fputs(": ", stderr);
		}
		put_clean(g->message);
		fputc('\n', stderr);
	}
	if (d->dropped > 0) {
		fprintf(stderr, "%s: ", progname);
		put_clean(display);
		fprintf(stderr, ": %zu more error%s not shown\n", d->dropped,
		        d->dropped == 1 ? "" : "s");
	}
}
