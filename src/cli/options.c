/*
 * options.c - the shared option rows with their help, one parser for
 * every command, and option values checked in full.
 */
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "options.h"

const struct cli_option cli_opt_model[] = {
	{ CLI_OPT_POLICY, "policy", required_argument,
"      --policy FILE        the policy (YAML or JSON) to use instead of the\n"
"                           built-in one (see 'focuslevel policy')\n", NULL },
	{ CLI_OPT_THRESHOLDS, "thresholds", required_argument,
"      --thresholds FILE    cuts and splits from 'focuslevel thresholds'\n"
"                           (overrides the policy's)\n", NULL },
	{ CLI_OPT_MARGIN_CUTS, "margin-cuts", required_argument,
"      --margin-cuts A,B    margin tier cuts (overrides the policy)\n", NULL },
	{ CLI_OPT_VALUE_CUTS, "value-cuts", required_argument,
"      --value-cuts A,B     value tier cuts\n", NULL },
	{ CLI_OPT_MARGIN_SPLIT, "margin-split", required_argument,
"      --margin-split X     margin quadrant split\n", NULL },
	{ CLI_OPT_VALUE_SPLIT, "value-split", required_argument,
"      --value-split Y      value quadrant split\n", NULL },
	{ CLI_OPT_PERIOD, "period", required_argument,
"      --period SPEC        the period the figures cover (overrides the\n"
"                           portfolio's): 2026, 2026-H1, 2026-Q3, 2026-07,\n"
"                           2024-2026, 2026-01/2026-06,\n"
"                           2026-07-01/2026-08-15\n", NULL },
	{ CLI_OPT_AS_OF, "as-of", required_argument,
"      --as-of DATE         the day the loyalty figures are counted to,\n"
"                           YYYY-MM-DD (default: the last day of the\n"
"                           period, else the latest order date)\n", NULL },
	{ CLI_OPT_CAP, "cap", required_argument,
"      --cap none|affordable  affordable: no unpinned customer above the\n"
"                           level its contribution carries\n", NULL },
	{ CLI_OPT_BY, "by", required_argument,
"      --by none|segment    segment: quantile thresholds within each\n"
"                           segment (min_group customers at least)\n",
	  NULL },
	CLI_OPT_GROUP(cli_opt_input),
	CLI_OPT_END
};

const struct cli_option cli_opt_input[] = {
	{ CLI_OPT_INPUT_FORMAT, "input-format", required_argument,
"      --input-format FMT   yaml, json, jsonl, csv or tsv (default: from\n"
"                           the extension, else from the content)\n", NULL },
	{ CLI_OPT_MAP, "map", required_argument,
"      --map FIELD=HEADER   order lines: the column of a field (id,\n"
"                           order, date, value, quantity, unit_price,\n"
"                           cost, profit, name, segment)\n", NULL },
	{ CLI_OPT_DELIMITER, "delimiter", required_argument,
"      --delimiter C        the CSV's field separator: , ; | or tab; of\n"
"                           order lines read (default: from the header\n"
"                           line) and of -O csv written (default: ,)\n",
	  NULL },
	{ CLI_OPT_DECIMAL_COMMA, "decimal-comma", no_argument,
"      --decimal-comma      numbers with a decimal comma (1234,56), in\n"
"                           order lines read and in CSV/TSV written\n"
"                           (quoted in CSV)\n", NULL },
	{ CLI_OPT_DATE_FORMAT, "date-format", required_argument,
"      --date-format FMT    order lines' dates, e.g. %d.%m.%Y, %m/%d/%Y\n"
"                           (%Y %y %m %b %d; default: YYYY-MM-DD)\n", NULL },
	{ CLI_OPT_ENCODING, "encoding", required_argument,
"      --encoding ENC       order lines' encoding: utf-8 (default),\n"
"                           latin1 or cp1252\n", NULL },
	{ CLI_OPT_STRICT, "strict", no_argument,
"      --strict             unknown keys in the portfolio are errors\n", NULL },
	{ CLI_OPT_SKIP_INVALID, "skip-invalid", no_argument,
"      --skip-invalid       report invalid customers, classify the rest\n"
"                           (status 1 when none is valid)\n",
	  NULL },
	{ CLI_OPT_MAX_INVALID, "max-invalid", required_argument,
"      --max-invalid N|PCT% with --skip-invalid: status 1 and no output\n"
"                           when more than N customers, or PCT% of them,\n"
"                           are invalid\n", NULL },
	{ 'j', "jobs", required_argument,
"  -j, --jobs N             threads that read the portfolio (JSON, JSON\n"
"                           Lines, YAML, CSV/TSV; default: the online\n"
"                           CPUs, at most 8); the output is the same for\n"
"                           any N\n",
	  NULL },
	{ 'q', "quiet", no_argument,
"  -q, --quiet              no warnings\n", NULL },
	CLI_OPT_END
};

const struct cli_option cli_opt_rows_output[] = {
	{ 'O', "output-format", required_argument,
"  -O, --output-format FMT  table (default), csv, tsv, json or xlsx\n", NULL },
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.csv .tsv .json .txt .xlsx)\n"
"                           unless -O\n",
	  NULL },
	CLI_OPT_END
};

/* assign's -O and -o: the rows' formats, and JSON Lines. */
const struct cli_option cli_opt_assign_output[] = {
	{ 'O', "output-format", required_argument,
"  -O, --output-format FMT  table (default), csv, tsv, json, xlsx or jsonl\n"
"                           (one JSON object a customer a line, no header)\n",
	  NULL },
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.csv .tsv .json .jsonl .txt\n"
"                           .xlsx) unless -O\n", NULL },
	CLI_OPT_END
};

const struct cli_option cli_opt_no_escape[] = {
	{ CLI_OPT_NO_ESCAPE, "no-escape-formulas", no_argument,
"      --no-escape-formulas do not prefix CSV/TSV cells that start with\n"
"                           = + - @ tab or CR with an apostrophe\n", NULL },
	CLI_OPT_END
};

const struct cli_option cli_opt_csv[] = {
	{ CLI_OPT_BOM, "bom", no_argument,
"      --bom                CSV/TSV: a UTF-8 byte order mark first, so that\n"
"                           spreadsheets read the text as UTF-8\n", NULL },
	{ CLI_OPT_NO_HEADER, "no-header", no_argument,
"      --no-header          CSV/TSV: no header row (shards to concatenate)\n",
	  NULL },
	CLI_OPT_END
};

const struct cli_option cli_opt_color[] = {
	{ CLI_OPT_COLOR, "color", optional_argument,
"      --color[=WHEN]       colour the table: auto (default: on a terminal\n"
"                           unless NO_COLOR is set or TERM is unset or\n"
"                           dumb), always, never\n", NULL },
	CLI_OPT_END
};

const struct cli_option cli_opt_help[] = {
	{ 'h', "help", no_argument,
"  -h, --help               show this help\n", NULL },
	CLI_OPT_END
};

/* The argument of --NAME: one number. */
static bool parse_number(const char *name, const char *arg, double *out)
{
	if (fl_number_parse(arg, strlen(arg), out) != FL_NUM_OK) {
		cli_usage_error(NULL, "--%s: expected a number, got '%s'", name,
		                arg);
		return false;
	}
	return true;
}

/* The argument of --NAME: "A,B", two numbers with A <= B. */
static bool parse_pair(const char *name, const char *arg, double *a,
                       double *b)
{
	const char *comma = strchr(arg, ',');
	if (comma == NULL || strchr(comma + 1, ',') != NULL) {
		cli_usage_error(NULL, "--%s: expected two numbers A,B, got '%s'",
		                name, arg);
		return false;
	}
	bool ok = fl_number_parse(arg, (size_t)(comma - arg), a) == FL_NUM_OK &&
	          fl_number_parse(comma + 1, strlen(comma + 1), b) == FL_NUM_OK;
	if (!ok) {
		cli_usage_error(NULL, "--%s: expected two numbers A,B, got '%s'",
		                name, arg);
		return false;
	}
	if (*a > *b) {
		cli_usage_error(NULL, "--%s: the first cut (%s) must not exceed the "
		                "second", name, arg);
		return false;
	}
	return true;
}

/* --NAME A,B (the cuts) or --NAME X (the split) of one axis. */
static bool parse_axis(const char *name, const char *arg, bool cuts,
                       fl_axis_spec *axis)
{
	if (cuts) {
		axis->has_cuts = parse_pair(name, arg, &axis->cut_low,
		                            &axis->cut_high);
		return axis->has_cuts;
	}
	axis->has_split = parse_number(name, arg, &axis->split);
	return axis->has_split;
}

/* --max-invalid N (a whole number) or PCT% (0 to 100). */
static bool parse_max_invalid(const char *arg, fl_load_options *o)
{
	size_t len = strlen(arg);
	bool pct = len > 0 && arg[len - 1] == '%';
	double v;
	bool ok = fl_number_parse(arg, pct ? len - 1 : len, &v) == FL_NUM_OK &&
	          v >= 0 && (pct ? v <= 100 : v == floor(v) &&
	                                      v <= 9007199254740991.0);
	if (!ok) {
		cli_usage_error(NULL, "--max-invalid: expected a number of "
		                "customers or a percentage (10, 5%%), got '%s'",
		                arg);
		return false;
	}
	o->max_invalid_set = true;
	o->max_invalid_percent = pct;
	o->max_invalid = v;
	return true;
}

static bool parse_color(const char *arg, enum cli_color_when *when)
{
	if (arg == NULL || strcmp(arg, "always") == 0)
		*when = CLI_COLOR_ALWAYS;
	else if (strcmp(arg, "auto") == 0)
		*when = CLI_COLOR_AUTO;
	else if (strcmp(arg, "never") == 0)
		*when = CLI_COLOR_NEVER;
	else {
		cli_usage_error(NULL, "--color: unknown value '%s' (auto, always, "
		                "never)", arg);
		return false;
	}
	return true;
}

/*
 * --map FIELD=HEADER[,FIELD=HEADER...]: the header of each field.  The
 * argument is cut in place (argv's strings are the program's to change),
 * so the headers live as long as argv; a header cannot hold a comma.
 */
static bool parse_map(char *arg, fl_csv_dialect *d)
{
	for (char *p = arg;;) {
		char *comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		char *eq = strchr(p, '=');
		fl_line_field f;
		if (eq == NULL || eq[1] == '\0' ||
		    !fl_line_field_parse(p, (size_t)(eq - p), &f)) {
			cli_usage_error(NULL, "--map: expected FIELD=HEADER (FIELD: "
			                "id, order, date, value, quantity, "
			                "unit_price, cost, profit, name, segment), "
			                "got '%s'", p);
			return false;
		}
		*eq = '\0';
		d->map[f] = eq + 1;
		if (comma == NULL)
			return true;
		p = comma + 1;
	}
}

/*
 * A shared option: its row's id and long name, and its argument.  Returns
 * 1 when handled, 0 when `id` is not shared, -1 after a usage error
 * (reported).
 */
static int shared_option(const struct cli_command *cmd, struct cli_args *a,
                         int id, const char *name, char *arg)
{
	cli_model_args *m = &a->model;
	bool ok = true;
	fl_format f;
	switch (id) {
	case 'O':
		/* A command without row formats (import) reads -O itself. */
		if (cmd->formats == 0)
			return 0;
		ok = fl_format_parse(arg, &f) && (cmd->formats & (1u << f));
		if (!ok)
			cli_usage_error(NULL, "-O: unknown format '%s' (%s)", arg,
			                cmd->format_names);
		else
			a->format = f;
		break;
	case 'o':
		/* Checked here, before any input is read: an empty name is a
		 * mistake on the command line, whatever the input holds. */
		ok = arg[0] != '\0';
		if (!ok)
			cli_usage_error(NULL, "-o: the output file name is empty");
		a->output = strcmp(arg, "-") == 0 ? NULL : arg;
		break;
	case 'q':
		cli_msg_set_quiet(true);
		break;
	case CLI_OPT_COLOR:
		ok = parse_color(arg, &a->color);
		break;
	case CLI_OPT_NO_ESCAPE:
		a->escape_formulas = false;
		break;
	case CLI_OPT_DELIMITER:
		/* The CSV dialect of the run: of the order lines read and of
		 * the CSV written (docs/spreadsheets.md). */
		ok = fl_csv_delimiter_parse(arg, &a->csv.delimiter);
		if (!ok)
			cli_usage_error(NULL, "--delimiter: expected , ; | or tab, "
			                "got '%s'", arg);
		m->load.csv.delimiter = a->csv.delimiter;
		a->delimiter_set = ok;
		break;
	case CLI_OPT_DECIMAL_COMMA:
		a->csv.decimal_comma = true;
		m->load.csv.decimal_comma = true;
		break;
	case CLI_OPT_BOM:
		a->csv.bom = true;
		break;
	case CLI_OPT_NO_HEADER:
		a->csv.no_header = true;
		break;
	case CLI_OPT_INPUT_FORMAT:
		ok = fl_input_format_parse(arg, &m->load.format);
		if (!ok)
			cli_usage_error(NULL, "--input-format: unknown format '%s' "
			                "(yaml, json, jsonl, csv, tsv)", arg);
		break;
	case CLI_OPT_MAP:
		ok = parse_map(arg, &m->load.csv);
		break;
	case CLI_OPT_DATE_FORMAT: {
		const char *why;
		ok = fl_date_format_valid(arg, &why);
		if (!ok)
			cli_usage_error(NULL, "--date-format '%s': %s", arg, why);
		m->load.csv.date_format = arg;
		break;
	}
	case CLI_OPT_ENCODING:
		ok = fl_encoding_parse(arg, &m->load.csv.encoding);
		if (!ok)
			cli_usage_error(NULL, "--encoding: unknown encoding '%s' "
			                "(utf-8, latin1, cp1252)", arg);
		break;
	case CLI_OPT_MARGIN_CUTS:
	case CLI_OPT_MARGIN_SPLIT:
		ok = parse_axis(name, arg, id == CLI_OPT_MARGIN_CUTS,
		                &m->given.margin);
		break;
	case CLI_OPT_VALUE_CUTS:
	case CLI_OPT_VALUE_SPLIT:
		ok = parse_axis(name, arg, id == CLI_OPT_VALUE_CUTS,
		                &m->given.value);
		break;
	case CLI_OPT_STRICT:
		m->load.strict = true;
		break;
	case CLI_OPT_SKIP_INVALID:
		m->load.skip_invalid = true;
		break;
	case CLI_OPT_MAX_INVALID:
		ok = parse_max_invalid(arg, &m->load);
		break;
	case 'j': {
		char *end;
		unsigned long n = strtoul(arg, &end, 10);
		ok = arg[0] >= '0' && arg[0] <= '9' && *end == '\0' && n >= 1;
		if (!ok)
			cli_usage_error(NULL, "--jobs: expected a whole number of "
			                "threads, 1 or more, found '%s'", arg);
		/* Past 8 threads, the one merging thread is the bottleneck. */
		m->load.jobs = n > 8 ? 8 : (unsigned)n;
		break;
	}
	case CLI_OPT_POLICY:
		m->policy = arg;
		break;
	case CLI_OPT_THRESHOLDS:
		m->thresholds = arg;
		break;
	case CLI_OPT_PERIOD: {
		fl_period per;
		ok = fl_period_parse(arg, &per) == FL_PERIOD_OK;
		if (!ok)
			cli_usage_error(NULL, "--period: expected YYYY, YYYY-Hn, "
			                "YYYY-Qn, YYYY-MM, YYYY-YYYY, YYYY-MM/YYYY-MM "
			                "or YYYY-MM-DD/YYYY-MM-DD (a valid date "
			                "range), got '%s'", arg);
		m->period = arg;
		break;
	}
	case CLI_OPT_AS_OF: {
		fl_date d;
		ok = fl_date_parse(arg, strlen(arg), &d) == FL_DATE_OK;
		if (!ok)
			cli_usage_error(NULL, "--as-of: expected a date YYYY-MM-DD "
			                "(a day of the calendar), got '%s'", arg);
		else
			m->as_of = fl_date_days(d);
		m->as_of_set = ok;
		break;
	}
	case CLI_OPT_CAP:
		ok = fl_cap_parse(arg, &m->cap);
		m->cap_set = ok;
		if (!ok)
			cli_usage_error(NULL, "--cap: unknown value '%s' (none, "
			                "affordable)", arg);
		break;
	case CLI_OPT_BY:
		ok = fl_group_by_parse(arg, &m->by);
		m->by_set = ok;
		if (!ok)
			cli_usage_error(NULL, "--by: unknown value '%s' (none, "
			                "segment)", arg);
		break;
	default:
		return 0;
	}
	return ok ? 1 : -1;
}

/* Room for the longest table; a longer one is a bug caught by any test
 * of that command. */
enum { MAX_OPTIONS = 48 };

struct getopt_table {
	struct option longopts[MAX_OPTIONS + 1];
	char shortopts[3 * MAX_OPTIONS + 2];
	size_t n, ns;
};

/* Add the rows (groups flattened) to getopt's tables. */
static void add_rows(struct getopt_table *t, const struct cli_option *rows)
{
	for (; rows->id != 0 || rows->group != NULL; rows++) {
		if (rows->group != NULL) {
			add_rows(t, rows->group);
			continue;
		}
		if (t->n == MAX_OPTIONS)
			abort();
		t->longopts[t->n++] = (struct option){ rows->name, rows->has_arg,
		                                       NULL, rows->id };
		if (rows->id >= 256)
			continue;
		t->shortopts[t->ns++] = (char)rows->id;
		if (rows->has_arg == required_argument)
			t->shortopts[t->ns++] = ':';
	}
}

static void print_rows(const struct cli_option *rows)
{
	for (; rows->id != 0 || rows->group != NULL; rows++) {
		if (rows->group != NULL)
			print_rows(rows->group);
		else
			fputs(rows->help, stdout);
	}
}

static int check_operands(enum cli_operands operands, int argc, char **argv,
                          struct cli_args *a)
{
	if (operands == CLI_OPERANDS_NONE && a->first < argc)
		return cli_usage_error(NULL, "unexpected argument '%s'",
		                       argv[a->first]);
	if (operands == CLI_OPERANDS_FILE && argc - a->first > 1)
		return cli_usage_error(NULL, "expected at most one FILE, got %d",
		                       argc - a->first);
	if (operands == CLI_OPERANDS_FILE && a->first < argc)
		a->input = argv[a->first];
	return CLI_EXIT_OK;
}

bool cli_options_parse(const struct cli_command *cmd, int argc, char **argv,
                       struct cli_args *args, void *ctx, int *rc)
{
	struct getopt_table t;
	memset(&t, 0, sizeof(t));
	/* A leading ':' makes getopt tell a missing argument from an
	 * unknown option. */
	t.shortopts[t.ns++] = ':';
	add_rows(&t, cmd->options);

	memset(args, 0, sizeof(*args));
	fl_threshold_spec_init(&args->model.given);
	args->format = FL_FORMAT_NONE;
	args->color = CLI_COLOR_AUTO;
	args->escape_formulas = true;

	int c, index;
	optind = 1;
	while ((c = getopt_long(argc, argv, t.shortopts, t.longopts,
	                        &index)) != -1) {
		/* getopt sets the index of long options only; the shared
		 * options that need their name for messages have no letter. */
		const char *name = c >= 256 ? t.longopts[index].name : NULL;
		if (c == 'h') {
			fputs(cmd->head, stdout);
			fputs("Options:\n", stdout);
			print_rows(cmd->options);
			fputs(cmd->tail, stdout);
			*rc = CLI_EXIT_OK;
			return false;
		}
		bool bad = c == '?' || c == ':';
		int shared = bad ? 0 : shared_option(cmd, args, c, name,
		                                          optarg);
		if (shared == 1)
			continue;
		if (shared == -1)
			*rc = CLI_EXIT_USAGE;
		else if (!bad && cmd->option != NULL)
			*rc = cmd->option(ctx, c, optarg);
		else
			*rc = cli_bad_option(c, argv);
		if (*rc != CLI_EXIT_OK)
			return false;
	}
	args->first = optind;
	*rc = check_operands(cmd->operands, argc, argv, args);
	return *rc == CLI_EXIT_OK;
}

/* Colour is for a person reading standard output (https://no-color.org). */
static bool use_color(enum cli_color_when when, const char *path)
{
	if (when != CLI_COLOR_AUTO)
		return when == CLI_COLOR_ALWAYS;
	/* A file written with -o is never a terminal, even if it is a tty
	 * device. */
	if (path != NULL || !isatty(STDOUT_FILENO))
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc != NULL && nc[0] != '\0')
		return false;
	const char *term = getenv("TERM");
	return term != NULL && term[0] != '\0' && strcmp(term, "dumb") != 0;
}

/* Would the output (-o PATH, or standard output) reach a terminal?  A
 * device or stream -o names is opened to ask, without waiting (a FIFO
 * without a reader is no terminal) and without making it our terminal. */
static bool writes_terminal(const char *path)
{
	if (path == NULL)
		return isatty(STDOUT_FILENO);
	if (!fl_out_is_stream(path))
		return false;
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool tty = isatty(fd);
	close(fd);
	return tty;
}

int cli_args_format(struct cli_args *a, unsigned allowed, bool *color)
{
	if (a->format == FL_FORMAT_NONE) {
		a->format = FL_FORMAT_TABLE;
		/* A device or pipe gets the table, as standard output does. */
		if (a->output != NULL && !fl_out_is_stream(a->output)) {
			a->format = fl_format_from_name(a->output);
			if (a->format == FL_FORMAT_NONE ||
			    !(allowed & (1u << a->format)))
				return cli_usage_error(NULL, "-o %s: cannot tell the "
				                       "format from the extension; "
				                       "use -O", a->output);
		}
	}
	if (a->format == FL_FORMAT_XLSX && writes_terminal(a->output))
		return cli_usage_error(NULL, "xlsx is a binary format: not written "
		                       "to a terminal (use -o FILE.xlsx, or "
		                       "redirect standard output)");
	*color = a->format == FL_FORMAT_TABLE && use_color(a->color, a->output);
	return CLI_EXIT_OK;
}

int cli_args_csv_check(const struct cli_args *a)
{
	const char *fmt = fl_format_name(a->format);
	bool delim = a->format == FL_FORMAT_CSV || a->format == FL_FORMAT_TSV;
	/*
	 * --delimiter and --decimal-comma name the CSV dialect of the whole
	 * run: of the order lines read as well, so a run that reads them
	 * (by --input-format or the file's extension) passes them with any
	 * output format.
	 */
	fl_input_format in = a->model.load.format != FL_INPUT_AUTO
	                     ? a->model.load.format
	                     : fl_input_format_from_name(a->input);
	bool lines = in == FL_INPUT_CSV || in == FL_INPUT_TSV;
	if (a->delimiter_set && a->format != FL_FORMAT_CSV && !lines)
		return cli_usage_error(NULL, "--delimiter: applies to order lines "
		                       "read (csv, tsv) and to csv output, not "
		                       "%s%s", fmt,
		                       a->format == FL_FORMAT_TSV
		                       ? " (always tab-separated)" : "");
	if (a->csv.decimal_comma && !delim && !lines)
		return cli_usage_error(NULL, "--decimal-comma: applies to order "
		                       "lines read (csv, tsv) and to csv and tsv "
		                       "output, not %s", fmt);
	const char *opt = a->csv.bom ? "--bom"
	                : a->csv.no_header ? "--no-header" : NULL;
	if (opt != NULL && !delim)
		return cli_usage_error(NULL, "%s: applies to csv and tsv output "
		                       "only, not %s", opt, fmt);
	return CLI_EXIT_OK;
}

int cli_check_output_name(const char *output, const char *ext,
                          const char *what)
{
	if (output == NULL || fl_out_is_stream(output))
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
