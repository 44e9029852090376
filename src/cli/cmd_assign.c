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
FL_COLOR_HELP
FL_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

enum { OPT_SORT = FL_OPT_FIRST_FREE, OPT_NO_ESCAPE, OPT_COLOR };

static const struct option longopts[] = {
	FL_MODEL_LONGOPTS,
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ "no-escape-formulas", no_argument, NULL, OPT_NO_ESCAPE },
	{ "output", required_argument, NULL, 'o' },
	{ "output-format", required_argument, NULL, 'O' },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ NULL, 0, NULL, 0 },
};

int fl_cmd_assign(int argc, char **argv)
{
	fl_model_args ma;
	fl_model_args_init(&ma);
	fl_assign_options ao = { .format = FL_FORMAT_NONE,
	                         .escape_formulas = true };
	enum fl_color_when color = FL_COLOR_AUTO;
	const char *output = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hO:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return FL_EXIT_OK;
		case 'O':
			if (!fl_parse_format(optarg, FL_FORMATS_ROWS,
			                     "table, csv, tsv, json", &ao.format))
				return FL_EXIT_USAGE;
			break;
		case 'o':
			output = fl_output_arg(optarg);
			break;
		case OPT_COLOR:
			if (!fl_color_parse(optarg, &color))
				return FL_EXIT_USAGE;
			break;
		case OPT_NO_ESCAPE:
			ao.escape_formulas = false;
			break;
		case OPT_SORT:
			if (!fl_sort_parse(optarg, &ao.sort))
				return fl_usage_error("assign", "--sort: unknown key '%s' "
				                      "(input, id, level, margin, value, "
				                      "revenue)", optarg);
			break;
		default: {
			int rc = fl_other_option(&ma, c, optarg, argv);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (argc - optind > 1)
		return fl_usage_error("assign", "expected at most one FILE, got %d",
		                      argc - optind);
	const char *input = optind < argc ? argv[optind] : NULL;
	if (fl_default_format(output, FL_FORMATS_ROWS, &ao.format) != FL_EXIT_OK)
		return FL_EXIT_USAGE;

	ao.color = ao.format == FL_FORMAT_TABLE && fl_color_use(color, output);

	fl_model m;
	fl_out *o = NULL;
	int rc = fl_model_load(&ma, input, &m);
	if (rc != FL_EXIT_OK)
		goto out;
	rc = fl_open_output(output, &o);
	if (rc != FL_EXIT_OK)
		goto out;
	rc = fl_finish_output(o, fl_assign_write(o, m.portfolio, &m.plan, &ao),
	                      output);
	o = NULL;
out:
	fl_abort_output(o);
	fl_model_release(&m);
	return rc;
}
