/*
 * options.h - the command line's options, each a row with its help text
 * (after git's parse-options.h): the shared rows are declared once, in
 * options.c, and every command lists them, with its own, in one table
 * that both getopt_long and --help read.
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdbool.h>

#include <focuslevel/focuslevel.h>

/* getopt values of the long options without a letter; a command numbers
 * its own from CLI_OPT_FIRST_FREE. */
enum {
	CLI_OPT_INPUT_FORMAT = 256, CLI_OPT_MARGIN_CUTS, CLI_OPT_MARGIN_SPLIT,
	CLI_OPT_VALUE_CUTS, CLI_OPT_VALUE_SPLIT, CLI_OPT_STRICT,
	CLI_OPT_SKIP_INVALID, CLI_OPT_POLICY, CLI_OPT_THRESHOLDS,
	CLI_OPT_COLOR, CLI_OPT_NO_ESCAPE, CLI_OPT_MAX_INVALID,
	CLI_OPT_PERIOD, CLI_OPT_CAP, CLI_OPT_BY, CLI_OPT_AS_OF,
	CLI_OPT_MAP, CLI_OPT_DELIMITER, CLI_OPT_DECIMAL_COMMA,
	CLI_OPT_DATE_FORMAT, CLI_OPT_ENCODING, CLI_OPT_BOM, CLI_OPT_NO_HEADER,
	CLI_OPT_FIRST_FREE
};

/*
 * One row: `id` is the option's letter ('o') or a CLI_OPT_* value, `name`
 * its long name, `has_arg` getopt's no_argument, required_argument or
 * optional_argument, `help` its lines in --help exactly as printed.  A row
 * with only `group` set stands for the rows of that table; a row of zeros
 * ends a table.
 */
struct cli_option {
	int id;
	const char *name;
	int has_arg;
	const char *help;
	const struct cli_option *group;
};

#define CLI_OPT_GROUP(rows) { 0, NULL, 0, NULL, rows }
#define CLI_OPT_END { 0, NULL, 0, NULL, NULL }

/* The shared rows.  cli_opt_model: what every command that classifies a
 * portfolio takes (--policy ... --skip-invalid, -q); cli_opt_rows_output:
 * -O and -o of the commands that print rows (table, csv, tsv, json);
 * cli_opt_assign_output: assign's, with jsonl too; cli_opt_help: -h,
 * aligned with the others. */
extern const struct cli_option cli_opt_model[];
/* cli_opt_input: how the portfolio is read (--input-format, the CSV
 * dialect of order lines, --strict ... -q), a part of cli_opt_model that
 * `import` takes alone. */
extern const struct cli_option cli_opt_input[];
extern const struct cli_option cli_opt_rows_output[];
extern const struct cli_option cli_opt_assign_output[];
extern const struct cli_option cli_opt_no_escape[];
/* The CSV dialect (docs/spreadsheets.md): --delimiter, --decimal-comma,
 * --bom, --no-header. */
extern const struct cli_option cli_opt_csv[];
extern const struct cli_option cli_opt_color[];
extern const struct cli_option cli_opt_help[];

/* Output formats as bit masks (1u << fl_format), for -O. */
#define CLI_FORMATS_ROWS ((1u << FL_FORMAT_TABLE) | (1u << FL_FORMAT_CSV) | \
                          (1u << FL_FORMAT_TSV) | (1u << FL_FORMAT_JSON) | \
                          (1u << FL_FORMAT_XLSX))
/* assign's: the rows, and JSON Lines (a mapper's output). */
#define CLI_FORMATS_ASSIGN (CLI_FORMATS_ROWS | (1u << FL_FORMAT_JSONL))
#define CLI_FORMATS_REPORT (CLI_FORMATS_ROWS | (1u << FL_FORMAT_MARKDOWN) | \
                            (1u << FL_FORMAT_HTML))

/* The end of --help for the commands that read and write. */
#define CLI_HELP_EXIT "\nExit status: 0 success, 1 invalid input or " \
                      "failed output, 2 usage error.\n"

/* What may follow the options; CLI_OPERANDS_OWN: the command checks. */
enum cli_operands {
	CLI_OPERANDS_OWN = 0,
	CLI_OPERANDS_NONE,        /* nothing */
	CLI_OPERANDS_FILE         /* at most one FILE, in cli_args.input */
};

/* A command as the option parser sees it. */
struct cli_command {
	const char *head;            /* --help before "Options:" */
	const struct cli_option *options;
	const char *tail;            /* --help after them */
	enum cli_operands operands;
	unsigned formats;            /* what -O allows (CLI_FORMATS_*) */
	const char *format_names;    /* the same, as the user reads them */
	/* The command's own options (NULL: it has none): the row's id and
	 * argument.  Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after a usage
	 * error (reported). */
	int (*option)(void *ctx, int id, const char *arg);
};

/* What the model options give: how to load, which policy, which cuts. */
typedef struct cli_model_args {
	fl_load_options load;
	const char *policy;          /* --policy FILE, or NULL */
	const char *thresholds;      /* --thresholds FILE, or NULL */
	fl_threshold_spec given;     /* only the has_* values are used */
	const char *period;          /* --period SPEC (parsed), or NULL */
	bool as_of_set;              /* --as-of DATE, as days since 1970 */
	long as_of;
	bool cap_set, cap;           /* --cap none|affordable */
	bool by_set;                 /* --by none|segment */
	fl_group_by by;
	bool value;                  /* the output shows the customer value:
	                              * fit its models */
} cli_model_args;

/* --color[=WHEN] */
enum cli_color_when { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* What the shared options give. */
struct cli_args {
	cli_model_args model;
	const char *output;          /* -o FILE; NULL: standard output */
	fl_format format;            /* -O, or FL_FORMAT_NONE */
	enum cli_color_when color;   /* --color */
	bool escape_formulas;        /* false after --no-escape-formulas */
	fl_csv_output csv;          /* --delimiter ... --no-header */
	bool delimiter_set;          /* --delimiter was given */
	int first;                   /* argv index of the first operand */
	const char *input;           /* CLI_OPERANDS_FILE: FILE, or NULL */
};

/*
 * Parse the options of `argv` (argv[0] the command's name) by the rows of
 * `cmd`: the shared ones fill *args (-q makes messages quiet), the
 * command's own go to cmd->option with `ctx`, -h prints the help; then
 * check the operands as cmd->operands says.  Returns true to go on, with
 * args->first set; false when the command is to return *rc at once:
 * CLI_EXIT_OK after --help, CLI_EXIT_USAGE after a usage error
 * (reported).
 */
bool cli_options_parse(const struct cli_command *cmd, int argc, char **argv,
                       struct cli_args *args, void *ctx, int *rc);

/*
 * For commands that write one of `allowed` formats: when -O was not given,
 * the table, or the format the extension of -o FILE names (a device or
 * pipe gets the table); *color says whether the table gets colour (always;
 * never; auto only on a terminal, without NO_COLOR set and with TERM set
 * and not "dumb").  Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after saying
 * the extension tells nothing.
 */
int cli_args_format(struct cli_args *a, unsigned allowed, bool *color);

/*
 * After cli_args_format: refuse a CSV option that the format written
 * ignores (--delimiter: csv only; --decimal-comma, --bom, --no-header: csv
 * and tsv), so that a user never believes a file has what it has not.
 * Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after naming the formats the
 * option applies to.
 */
int cli_args_csv_check(const struct cli_args *a);

/*
 * For commands that write one format: refuse -o FILE whose extension is
 * not `ext` (e.g. "svg"; "yaml" also allows "yml"), since a reader would
 * go by the extension.  No extension, and devices or pipes, are fine.
 * `what` names the format in the message.  Returns CLI_EXIT_OK, or
 * CLI_EXIT_USAGE after saying what is wrong.
 */
int cli_check_output_name(const char *output, const char *ext,
                          const char *what);

#endif
