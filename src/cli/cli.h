/*
 * cli.h - what the command-line front end shares: exit codes, messages,
 * option helpers and the subcommands.
 */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <focuslevel/focuslevel.h>

/* Exit statuses, documented in docs/commands.md and the man page. */
enum fl_exit {
	FL_EXIT_OK = 0,      /* success */
	FL_EXIT_FAIL = 1,    /* invalid or unreadable input, or output failed */
	FL_EXIT_USAGE = 2    /* bad command line */
};

/* The name messages start with. */
extern const char *fl_progname;

/* "focuslevel: message" on stderr. */
void fl_errorf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* "focuslevel: warning: message" on stderr, unless quiet. */
void fl_warnf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
extern bool fl_quiet;

/* Print a usage error with a hint to --help; returns FL_EXIT_USAGE. */
int fl_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Print every diagnostic of `file` (shown as `display`) in the GNU form
 * "focuslevel: FILE:LINE:COL: message", then a line for those dropped.
 */
void fl_print_diags(const char *display, const fl_diags *d);

/* Parse "A,B" into two numbers with A <= B; false with a message. */
bool fl_parse_pair(const char *opt, const char *arg, double *a, double *b);
/* Parse one number; false with a message. */
bool fl_parse_number(const char *opt, const char *arg, double *out);

/*
 * Finish writing: commit `o`, report a failure for `display`.  Returns
 * FL_EXIT_OK or FL_EXIT_FAIL.
 */
int fl_finish_output(fl_out *o, const char *display);

/* "<stdin>" for NULL or "-", else path. */
const char *fl_input_display(const char *path);

/*
 * Load the portfolio at `path` (NULL or "-": standard input), printing
 * every diagnostic.  Returns FL_EXIT_OK with *out set, or FL_EXIT_FAIL.
 */
int fl_load_input(const char *path, const fl_load_options *opts,
                  fl_portfolio **out);

/* Open -o FILE atomically, or standard output when path is NULL.
 * Returns FL_EXIT_OK or FL_EXIT_FAIL (reported). */
int fl_open_output(const char *path, fl_out **out);

/* Subcommands: argv[0] is the command name. */
int fl_cmd_assign(int argc, char **argv);
int fl_cmd_levels(int argc, char **argv);

#endif
