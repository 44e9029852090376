/*
 * msg.h - the exit statuses and every message the command line prints
 * (after curl's tool_msgs.h).
 */
#ifndef CLI_MSG_H
#define CLI_MSG_H

#include <stdbool.h>

#include <focuslevel/focuslevel.h>

/* Exit statuses, documented in docs/commands.md and the man page. */
enum cli_exit {
	CLI_EXIT_OK = 0,      /* success */
	CLI_EXIT_FAIL = 1,    /* invalid or unreadable input, or output failed */
	CLI_EXIT_USAGE = 2,   /* bad command line */
	CLI_EXIT_TROUBLE = 3  /* diff --exit-code: invalid input or failed output */
};

/* Name the command being run, for the hint of usage errors to its --help
 * (NULL, the default: the program's --help). */
void cli_msg_set_command(const char *name);

/* Quiet (-q): from then on no warnings are printed, errors still are. */
void cli_msg_set_quiet(bool quiet);

/* "focuslevel: message" on stderr. */
void cli_errorf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* "focuslevel: FILE: warning: message" on stderr, unless quiet; without
 * "FILE: " when `file` is NULL. */
void cli_warnf(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print a usage error with a hint to the --help of `cmd` (NULL: the
 * current command); returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * After getopt_long returned '?' (unknown option) or ':' (missing
 * argument; option strings start with ':'), say which option and return
 * CLI_EXIT_USAGE.
 */
int cli_bad_option(int c, char **argv);

/*
 * Print every diagnostic of a file (shown as `display`) in the GNU form
 * "focuslevel: FILE:LINE:COL: message", warnings only unless quiet, then a
 * line for those dropped.
 */
void cli_print_diags(const char *display, const fl_diags *d);

#endif
