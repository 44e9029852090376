/*
 * cmd_report.c - `focuslevel report`: the service plan.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
"Usage: focuslevel report [OPTIONS] [FILE]\n"
"\n"
"Print the service plan of a portfolio: totals, thresholds, the 3x3 grid,\n"
"figures per level and per quadrant, and the exceptions (loss-making,\n"
"over-served, pinned elsewhere, borderline customers).\n"
"\n"
"Options:\n"
"  -O, --output-format FMT  table (default), markdown, json, csv, tsv or\n"
"                           html (one page with the matrix plot)\n"
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.txt .md .json .csv .tsv .html)\n"
"      --section NAME       grid, levels, quadrants or exceptions: only that\n"
"                           section (required for csv and tsv)\n"
"      --borderline PCT     distance from a tier cut, in percent of the\n"
"                           cut's value, that makes a customer borderline\n"
"                           (default 5)\n"
"      --no-escape-formulas do not prefix CSV/TSV cells that start with\n"
"                           = + - @ tab or CR with an apostrophe\n"
CLI_COLOR_HELP
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

enum { OPT_SECTION = CLI_OPT_FIRST_FREE, OPT_BORDERLINE, OPT_NO_ESCAPE,
       OPT_COLOR };

static const struct option longopts[] = {
	CLI_MODEL_LONGOPTS,
	{ "borderline", required_argument, NULL, OPT_BORDERLINE },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ "no-escape-formulas", no_argument, NULL, OPT_NO_ESCAPE },
	{ "output", required_argument, NULL, 'o' },
	{ "output-format", required_argument, NULL, 'O' },
	{ "section", required_argument, NULL, OPT_SECTION },
	{ NULL, 0, NULL, 0 },
};

int cli_cmd_report(int argc, char **argv)
{
	cli_model_args ma;
	cli_model_args_init(&ma);
	fl_report_options ro = { .format = FL_FORMAT_NONE,
	                         .escape_formulas = true };
	double borderline = 5;
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
			if (!cli_parse_format(optarg, CLI_FORMATS_REPORT,
			                     "table, markdown, json, csv, tsv, html",
			                     &ro.format))
				return CLI_EXIT_USAGE;
			break;
		case 'o':
			output = cli_output_arg(optarg);
			break;
		case OPT_BORDERLINE:
			/* Checked here rather than with cli_parse_number so that the
			 * hint names `report --help`, where --borderline is. */
			if (!fl_number_parse(optarg, &borderline))
				return cli_usage_error("report", "--borderline: expected "
				                      "a percentage >= 0, got '%s'",
				                      optarg);
			if (borderline < 0)
				return cli_usage_error("report", "--borderline: expected a "
				                      "percentage >= 0, got '%s'", optarg);
			break;
		case OPT_COLOR:
			if (!cli_color_parse(optarg, &color))
				return CLI_EXIT_USAGE;
			break;
		case OPT_NO_ESCAPE:
			ro.escape_formulas = false;
			break;
		case OPT_SECTION:
			if (!fl_section_parse(optarg, &ro.section))
				return cli_usage_error("report", "--section: unknown "
				                      "section '%s' (grid, levels, "
				                      "quadrants, exceptions)", optarg);
			break;
		default: {
			int rc = cli_other_option(&ma, c, optarg, argv);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("report", "expected at most one FILE, got %d",
		                      argc - optind);
	const char *input = optind < argc ? argv[optind] : NULL;
	if (cli_default_format(output, CLI_FORMATS_REPORT, &ro.format) !=
	    CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	ro.color = ro.format == FL_FORMAT_TABLE && cli_color_use(color, output);
	if ((ro.format == FL_FORMAT_CSV || ro.format == FL_FORMAT_TSV) &&
	    ro.section == FL_SECTION_ALL)
		return cli_usage_error("report", "%s holds one section at a time: "
		                      "add --section grid, levels, quadrants or "
		                      "exceptions",
		                      ro.format == FL_FORMAT_CSV ? "CSV" : "TSV");

	cli_model m;
	fl_summary s = { 0 };
	fl_out *o = NULL;
	int rc = cli_model_load(&ma, input, &m);
	if (rc != CLI_EXIT_OK)
		goto out;
	if (fl_summary_compute(m.portfolio, &m.plan, m.policy, borderline, &s)
	    != FL_OK) {
		cli_errorf("out of memory");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	rc = cli_output_open(output, &o);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_finish(o, fl_report_write(o, m.portfolio, &m.plan,
	                                         m.policy, &s, &ro), output);
	o = NULL;
out:
	cli_output_abort(o);
	fl_summary_release(&s);
	cli_model_release(&m);
	return rc;
}
