/*
 * input.h - the files a command reads: opened, loaded, their problems
 * reported.
 */
#ifndef CLI_INPUT_H
#define CLI_INPUT_H

#include <stdio.h>

#include <focuslevel/focuslevel.h>

/*
 * Make a mapped input file that shrinks under the run (util/reader.h:
 * SIGBUS) end it with a message and status 1 rather than a crash.  Once,
 * before any input is read.
 */
void cli_input_guard(void);

/* "<stdin>" for NULL or "-", else path. */
const char *cli_input_display(const char *path);

/*
 * Open the file at `path` for reading; `what` names it in the messages
 * ("portfolio": "PATH: is a directory, not a portfolio file").  Returns the
 * stream, owned by the caller (fclose), or NULL after printing why.
 */
FILE *cli_input_open(const char *path, const char *what);

/*
 * The whole of `path` (NULL or "-": standard input; `display` names it in
 * messages) in a buffer with a NUL after it: *data is the caller's to
 * free(3).  Returns CLI_EXIT_OK, or CLI_EXIT_FAIL (reported).
 */
int cli_input_read_all(const char *path, const char *display, char **data,
                       size_t *len);

/*
 * Load the portfolio at `path` (NULL or "-": standard input), printing
 * every diagnostic.  Returns CLI_EXIT_OK with *out set (the caller's, to
 * fl_portfolio_free), or CLI_EXIT_FAIL.
 */
int cli_input_load(const char *path, const fl_load_options *opts,
                   fl_portfolio **out);

/*
 * After a portfolio loader returned `st` for the file shown as `display`:
 * print its diagnostics and, on FL_OK, say how many invalid customers of
 * `p` were skipped (--skip-invalid).
 */
void cli_input_report(const char *display, fl_status st,
                      const fl_diags *diags, const fl_portfolio *p);

/* Say that `skipped` invalid customers of the file shown as `display`
 * were left out (--skip-invalid); nothing when none was.  The one
 * wording of every command, `import` included. */
void cli_input_skipped(const char *display, size_t skipped);

#endif
