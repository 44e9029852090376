/*
 * cli.h - what the command-line front end shares: exit codes, messages,
 * option helpers and the subcommands.
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>

#include <focuslevel/focuslevel.h>

/* Exit statuses, documented in docs/commands.md and the man page. */
enum cli_exit {
	CLI_EXIT_OK = 0,      /* success */
	CLI_EXIT_FAIL = 1,    /* invalid or unreadable input, or output failed */
	CLI_EXIT_USAGE = 2,   /* bad command line */
	CLI_EXIT_TROUBLE = 3  /* diff --exit-code: invalid input or failed output */
};

/* The name messages start with, and the command being run (NULL before
 * one is chosen): usage errors point to its --help. */
extern const char *cli_progname;
extern const char *cli_command;

/* "focuslevel: message" on stderr. */
void cli_errorf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* "focuslevel: warning: message" on stderr, unless quiet. */
void cli_warnf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
extern bool cli_quiet;

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

/* "focuslevel: FILE: warning: message" on stderr, unless quiet. */
void cli_file_warnf(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Print every diagnostic of `file` (shown as `display`) in the GNU form
 * "focuslevel: FILE:LINE:COL: message", then a line for those dropped.
 */
void cli_print_diags(const char *display, const fl_diags *d);

/* Parse "A,B" into two numbers with A <= B; false with a message. */
bool cli_parse_pair(const char *opt, const char *arg, double *a, double *b);
/* Parse one number; false with a message. */
bool cli_parse_number(const char *opt, const char *arg, double *out);

/* Output formats as bit masks (1u << fl_format), for the helpers below. */
#define CLI_FORMATS_ROWS ((1u << FL_FORMAT_TABLE) | (1u << FL_FORMAT_CSV) | \
                         (1u << FL_FORMAT_TSV) | (1u << FL_FORMAT_JSON))
#define CLI_FORMATS_REPORT (CLI_FORMATS_ROWS | (1u << FL_FORMAT_MARKDOWN) | \
                           (1u << FL_FORMAT_HTML))

/*
 * -O ARG: set *out if ARG names a format in `allowed`; otherwise a usage
 * error that lists `names` (the allowed ones, as the user reads them).
 */
bool cli_parse_format(const char *arg, unsigned allowed, const char *names,
                     fl_format *out);

/*
 * When -O was not given (*fmt is FL_FORMAT_NONE): table, or the format the
 * extension of -o FILE names if `allowed` has it.  Returns CLI_EXIT_OK, or
 * CLI_EXIT_USAGE after saying the extension tells nothing.
 */
int cli_default_format(const char *output, unsigned allowed, fl_format *fmt);

/* The argument of -o: NULL (standard output) for "-", else arg. */
const char *cli_output_arg(const char *arg);

/*
 * For commands that write one format: refuse -o FILE whose extension is
 * not `ext` (e.g. "svg"; "yaml" also allows "yml"), since a reader would
 * go by the extension.  No extension, and devices or pipes, are fine.
 * `what` names the format in the message.  Returns CLI_EXIT_OK, or
 * CLI_EXIT_USAGE after saying what is wrong.
 */
int cli_check_output_name(const char *output, const char *ext,
                         const char *what);

/* Give up an output (NULL is a no-op): no temporary file is left, and the
 * signal handler forgets it first. */
void cli_output_abort(fl_out *o);

/*
 * Finish writing what a writer returned `st` for: out of memory discards
 * `o` and says so; otherwise `o` is committed and a failure reported for
 * `path` (NULL: standard output).  Takes `o` in every case.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL.
 */
int cli_output_finish(fl_out *o, fl_status st, const char *path);

/* "<stdin>" for NULL or "-", else path. */
const char *cli_input_display(const char *path);

/*
 * Open the file at `path` for reading; `what` names it in the messages
 * ("portfolio": "PATH: is a directory, not a portfolio file").  Returns the
 * stream, owned by the caller (fclose), or NULL after printing why.
 */
FILE *cli_input_open(const char *path, const char *what);

/*
 * Load the portfolio at `path` (NULL or "-": standard input), printing
 * every diagnostic.  Returns CLI_EXIT_OK with *out set, or CLI_EXIT_FAIL.
 */
int cli_input_load(const char *path, const fl_load_options *opts,
                  fl_portfolio **out);

/* Open -o FILE atomically, or standard output when path is NULL.
 * Returns CLI_EXIT_OK or CLI_EXIT_FAIL (reported). */
int cli_output_open(const char *path, fl_out **out);

/*
 * The options every command that classifies a portfolio shares: input
 * format, strictness, policy, cuts and splits.  A command lists
 * CLI_MODEL_LONGOPTS in its option table and hands unknown option codes to
 * cli_model_option.
 */
enum {
	CLI_OPT_INPUT_FORMAT = 256, CLI_OPT_MARGIN_CUTS, CLI_OPT_MARGIN_SPLIT,
	CLI_OPT_VALUE_CUTS, CLI_OPT_VALUE_SPLIT, CLI_OPT_STRICT,
	CLI_OPT_SKIP_INVALID, CLI_OPT_POLICY, CLI_OPT_THRESHOLDS, CLI_OPT_FIRST_FREE
};

#define CLI_MODEL_LONGOPTS \
	{ "input-format", required_argument, NULL, CLI_OPT_INPUT_FORMAT }, \
	{ "margin-cuts", required_argument, NULL, CLI_OPT_MARGIN_CUTS }, \
	{ "margin-split", required_argument, NULL, CLI_OPT_MARGIN_SPLIT }, \
	{ "policy", required_argument, NULL, CLI_OPT_POLICY }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "skip-invalid", no_argument, NULL, CLI_OPT_SKIP_INVALID }, \
	{ "strict", no_argument, NULL, CLI_OPT_STRICT }, \
	{ "thresholds", required_argument, NULL, CLI_OPT_THRESHOLDS }, \
	{ "value-cuts", required_argument, NULL, CLI_OPT_VALUE_CUTS }, \
	{ "value-split", required_argument, NULL, CLI_OPT_VALUE_SPLIT }

/* The help lines for CLI_MODEL_LONGOPTS. */
#define CLI_MODEL_HELP \
"      --policy FILE        the policy (YAML or JSON) to use instead of the\n" \
"                           built-in one (see 'focuslevel policy')\n" \
"      --thresholds FILE    cuts and splits from 'focuslevel thresholds'\n" \
"                           (overrides the policy's)\n" \
"      --margin-cuts A,B    margin tier cuts (overrides the policy)\n" \
"      --value-cuts A,B     value tier cuts\n" \
"      --margin-split X     margin quadrant split\n" \
"      --value-split Y      value quadrant split\n" \
"      --input-format FMT   yaml, json or jsonl (default: from the\n" \
"                           extension, else from the content)\n" \
"      --strict             unknown keys in the portfolio are errors\n" \
"      --skip-invalid       report invalid customers, classify the rest\n" \
"  -q, --quiet              no warnings\n"

typedef struct cli_model_args {
	fl_load_options load;
	const char *policy;          /* --policy FILE, or NULL */
	const char *thresholds;      /* --thresholds FILE, or NULL */
	fl_threshold_spec given;     /* only the has_* values are used */
} cli_model_args;

void cli_model_args_init(cli_model_args *a);

/*
 * Handle option `c` if it is one of CLI_MODEL_LONGOPTS.  Returns 1 when
 * handled, 0 when `c` is not a model option, -1 after a usage error
 * (reported).
 */
int cli_model_option(cli_model_args *a, int c, const char *arg);

/*
 * The default branch of a command's option switch: a shared model option
 * (CLI_MODEL_LONGOPTS), or a bad option.  Returns 0 when handled, else the
 * exit status to return (a usage error, reported).
 */
int cli_other_option(cli_model_args *a, int c, const char *arg, char **argv);

/* A loaded, classified portfolio with the policy it was classified by. */
typedef struct cli_model {
	fl_policy *policy;
	fl_portfolio *portfolio;
	fl_plan plan;
} cli_model;

/* Load the policy (or the default), the portfolio at `input`, apply the
 * given cuts and splits, classify.  Returns CLI_EXIT_OK or CLI_EXIT_FAIL
 * (reported); release with cli_model_release either way. */
int cli_model_load(const cli_model_args *a, const char *input, cli_model *m);
void cli_model_release(cli_model *m);

/* Load the policy (or the default) and the thresholds file, and apply the
 * given cuts and splits: *spec is what classifies a portfolio.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL (reported); free *policy either way. */
int cli_model_policy(const cli_model_args *a, fl_policy **policy,
                    fl_threshold_spec *spec);

/*
 * --color[=WHEN]: parse WHEN (NULL: always) into *when; false with a usage
 * message.  cli_color_use says whether the table on `path` (NULL: standard
 * output) gets colour: always; never; auto only on a terminal, without
 * NO_COLOR set and with TERM set and not "dumb".
 */
enum cli_color_when { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
bool cli_color_parse(const char *arg, enum cli_color_when *when);
bool cli_color_use(enum cli_color_when when, const char *path);
#define CLI_COLOR_HELP \
"      --color[=WHEN]       colour the table: auto (default: on a terminal\n" \
"                           unless NO_COLOR is set or TERM is unset or\n" \
"                           dumb), always, never\n"

/* Load the policy at `path` (NULL: the default).  Returns CLI_EXIT_OK or
 * CLI_EXIT_FAIL (reported). */
int cli_policy_load(const char *path, fl_policy **out);

/*
 * Remove `tmp_path` (a temporary output file) if SIGINT, SIGTERM or SIGHUP
 * ends the program before it is renamed into place; NULL forgets it.  The
 * string must stay valid until then.  (SIGKILL cannot be caught: the
 * target file is still never half-written, only the temporary file stays.)
 */
void cli_cleanup_on_signal(const char *tmp_path);

/* Subcommands: argv[0] is the command name. */
int cli_cmd_assign(int argc, char **argv);
int cli_cmd_levels(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_explain(int argc, char **argv);
int cli_cmd_policy(int argc, char **argv);
int cli_cmd_plot(int argc, char **argv);
int cli_cmd_thresholds(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);

#endif
