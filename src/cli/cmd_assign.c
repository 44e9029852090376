/*
 * cmd_assign.c - `focuslevel assign`: classify every customer, print rows.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
"Usage: focuslevel assign [OPTIONS] [FILE]\n"
"\n"
"Classify every customer of a portfolio (YAML or JSON; FILE '-' or none\n"
"reads standard input) and print one row per customer.\n"
"\n"
"Options:\n"
"  -O, --output-format FMT  table (default), csv, tsv or json\n"
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.csv .tsv .json .txt) unless -O\n"
"      --sort KEY           input (default), id, level, margin, value or\n"
"                           revenue; ties keep input order\n"
"      --no-escape-formulas do not prefix CSV/TSV cells that start with\n"
"                           = + - @ tab or CR with an apostrophe\n"
CLI_COLOR_HELP
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

enum { OPT_SORT = CLI_OPT_FIRST_FREE, OPT_NO_ESCAPE, OPT_COLOR };

static const struct option longopts[] = {
	CLI_MODEL_LONGOPTS,
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ "no-escape-formulas", no_argument, NULL, OPT_NO_ESCAPE },
	{ "output", required_argument, NULL, 'o' },
	{ "output-format", required_argument, NULL, 'O' },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ NULL, 0, NULL, 0 },
};

int cli_cmd_assign(int argc, char **argv)
{
	cli_model_args ma;
	cli_model_args_init(&ma);
	fl_assign_options ao = { .format = FL_FORMAT_NONE,
	                         .escape_formulas = true };
	enum cli_color_when color = CLI_COLOR_AUTO;
	const char *output = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hO:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		case 'O':
			if (!cli_parse_format(optarg, CLI_FORMATS_ROWS,
			                     "table, csv, tsv, json", &ao.format))
				return CLI_EXIT_USAGE;
			break;
		case 'o':
			output = cli_output_arg(optarg);
			break;
		case OPT_COLOR:
			if (!cli_color_parse(optarg, &color))
				return CLI_EXIT_USAGE;
			break;
		case OPT_NO_ESCAPE:
			ao.escape_formulas = false;
			break;
		case OPT_SORT:
			if (!fl_sort_parse(optarg, &ao.sort))
				return cli_usage_error("assign", "--sort: unknown key '%s' "
				                      "(input, id, level, margin, value, "
				                      "revenue)", optarg);
			break;
		default: {
			int rc = cli_other_option(&ma, c, optarg, argv);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("assign", "expected at most one FILE, got %d",
		                      argc - optind);
	const char *input = optind < argc ? argv[optind] : NULL;
	if (cli_default_format(output, CLI_FORMATS_ROWS, &ao.format) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;

	ao.color = ao.format == FL_FORMAT_TABLE && cli_color_use(color, output);

	cli_model m;
	fl_out *o = NULL;
	int rc = cli_model_load(&ma, input, &m);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_open(output, &o);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_finish(o, fl_assign_write(o, m.portfolio, &m.plan, &ao),
	                      output);
	o = NULL;
out:
	cli_output_abort(o);
	cli_model_release(&m);
	return rc;
}
