/*
 * cmd_assign.c - `focuslevel assign`: classify every customer, print rows.
 */
#include <getopt.h>
#include <stdlib.h>
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
"      --input-format FMT   yaml or json (default: from the extension,\n"
"                           else from the content)\n"
"      --sort KEY           input (default), id, level, margin, value or\n"
"                           revenue; ties keep input order\n"
"      --margin-cuts A,B    margin percent tier cuts instead of the 1/3\n"
"                           and 2/3 quantiles\n"
"      --value-cuts A,B     order value tier cuts\n"
"      --margin-split X     margin percent quadrant split instead of the\n"
"                           median\n"
"      --value-split Y      order value quadrant split\n"
"      --strict             unknown keys are errors\n"
"      --skip-invalid       report invalid customers and classify the rest\n"
"      --no-escape-formulas do not prefix CSV/TSV cells that start with\n"
"                           = + - @ tab or CR with an apostrophe\n"
"  -q, --quiet              no warnings\n"
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

enum {
	OPT_INPUT_FORMAT = 256, OPT_SORT, OPT_MARGIN_CUTS, OPT_VALUE_CUTS,
	OPT_MARGIN_SPLIT, OPT_VALUE_SPLIT, OPT_STRICT, OPT_SKIP_INVALID,
	OPT_NO_ESCAPE
};

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "margin-cuts", required_argument, NULL, OPT_MARGIN_CUTS },
	{ "margin-split", required_argument, NULL, OPT_MARGIN_SPLIT },
	{ "no-escape-formulas", no_argument, NULL, OPT_NO_ESCAPE },
	{ "output", required_argument, NULL, 'o' },
	{ "output-format", required_argument, NULL, 'O' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "value-cuts", required_argument, NULL, OPT_VALUE_CUTS },
	{ "value-split", required_argument, NULL, OPT_VALUE_SPLIT },
	{ NULL, 0, NULL, 0 },
};

int fl_cmd_assign(int argc, char **argv)
{
	fl_load_options lo = { 0 };
	fl_assign_options ao = { .format = FL_FORMAT_NONE,
	                         .escape_formulas = true };
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	const char *output = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+hO:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return FL_EXIT_OK;
		case 'O':
			if (!fl_format_parse(optarg, &ao.format))
				return fl_usage_error("assign", "-O: unknown format "
				                      "'%s' (table, csv, tsv, json)",
				                      optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'q':
			fl_quiet = true;
			break;
		case OPT_INPUT_FORMAT:
			if (!fl_input_format_parse(optarg, &lo.format))
				return fl_usage_error("assign", "--input-format: "
				                      "unknown format '%s' (yaml, json)",
				                      optarg);
			break;
		case OPT_MARGIN_CUTS:
			if (!fl_parse_pair("--margin-cuts", optarg,
			                   &spec.margin.cut_low, &spec.margin.cut_high))
				return FL_EXIT_USAGE;
			spec.margin.has_cuts = true;
			break;
		case OPT_MARGIN_SPLIT:
			if (!fl_parse_number("--margin-split", optarg,
			                     &spec.margin.split))
				return FL_EXIT_USAGE;
			spec.margin.has_split = true;
			break;
		case OPT_NO_ESCAPE:
			ao.escape_formulas = false;
			break;
		case OPT_SKIP_INVALID:
			lo.skip_invalid = true;
			break;
		case OPT_SORT:
			if (!fl_sort_parse(optarg, &ao.sort))
				return fl_usage_error("assign", "--sort: unknown key '%s' "
				                      "(input, id, level, margin, value, "
				                      "revenue)", optarg);
			break;
		case OPT_STRICT:
			lo.strict = true;
			break;
		case OPT_VALUE_CUTS:
			if (!fl_parse_pair("--value-cuts", optarg,
			                   &spec.value.cut_low, &spec.value.cut_high))
				return FL_EXIT_USAGE;
			spec.value.has_cuts = true;
			break;
		case OPT_VALUE_SPLIT:
			if (!fl_parse_number("--value-split", optarg,
			                     &spec.value.split))
				return FL_EXIT_USAGE;
			spec.value.has_split = true;
			break;
		default:
			return fl_usage_error("assign", "invalid option");
		}
	}
	if (argc - optind > 1)
		return fl_usage_error("assign", "expected at most one FILE, got %d",
		                      argc - optind);
	const char *input = optind < argc ? argv[optind] : NULL;
	if (ao.format == FL_FORMAT_NONE) {
		ao.format = FL_FORMAT_TABLE;
		if (output != NULL) {
			ao.format = fl_format_from_name(output);
			if (ao.format == FL_FORMAT_NONE)
				return fl_usage_error("assign", "-o %s: cannot tell the "
				                      "format from the extension; use -O",
				                      output);
		}
	}

	fl_portfolio *p = NULL;
	fl_plan plan = { 0 };
	fl_out *o = NULL;
	int rc = fl_load_input(input, &lo, &p);
	if (rc != FL_EXIT_OK)
		goto out;
	if (fl_plan_compute(p, &spec, &plan) != FL_OK) {
		fl_errorf("out of memory");
		rc = FL_EXIT_FAIL;
		goto out;
	}
	rc = fl_open_output(output, &o);
	if (rc != FL_EXIT_OK)
		goto out;
	fl_status st = fl_assign_write(o, p, &plan, &ao);
	if (st == FL_ERR_NOMEM) {
		fl_errorf("out of memory");
		rc = FL_EXIT_FAIL;
		goto out;
	}
	rc = fl_finish_output(o, output != NULL ? output : "standard output");
	o = NULL;
out:
	fl_out_abort(o);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
	return rc;
}
