/*
 * cmd_report.c - `focuslevel report`: the service plan.
 */
#include <getopt.h>

#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

enum { OPT_SECTION = CLI_OPT_FIRST_FREE, OPT_BORDERLINE };

/* The sections --section takes, in the order of the page. */
#define SECTIONS "grid, levels, service_plan, quadrants, exceptions, " \
                 "affordability, changes, profit_curve, segments, " \
                 "customer_value, at_risk, growth"

static const struct cli_option options[] = {
	{ 'O', "output-format", required_argument,
"  -O, --output-format FMT  table (default), markdown, json, csv, tsv,\n"
"                           html (one page with the matrix plot) or xlsx\n"
"                           (one sheet per section)\n", NULL },
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.txt .md .json .csv .tsv .html\n"
"                           .xlsx)\n",
	  NULL },
	{ OPT_SECTION, "section", required_argument,
"      --section NAME       grid, levels, service_plan, quadrants,\n"
"                           exceptions, affordability, changes,\n"
"                           profit_curve, segments, customer_value,\n"
"                           at_risk or growth: only that section\n"
"                           (required for csv and tsv)\n", NULL },
	{ OPT_BORDERLINE, "borderline", required_argument,
"      --borderline PCT     distance from a tier cut, in percent of the\n"
"                           cut's value, that makes a customer borderline\n"
"                           (default 5)\n", NULL },
	CLI_OPT_GROUP(cli_opt_csv),
	CLI_OPT_GROUP(cli_opt_no_escape),
	CLI_OPT_GROUP(cli_opt_color),
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

/* The report's own options, and what its writer needs. */
struct report {
	fl_report_options ro;
	double borderline;
	fl_summary summary;
};

static int option(void *ctx, int id, const char *arg)
{
	struct report *r = ctx;
	if (id == OPT_SECTION) {
		if (!fl_section_parse(arg, &r->ro.section))
			return cli_usage_error(NULL, "--section: unknown section '%s' "
			                       "(" SECTIONS ")", arg);
		return CLI_EXIT_OK;
	}
	if (fl_number_parse(arg, strlen(arg), &r->borderline) != FL_NUM_OK ||
	    r->borderline < 0)
		return cli_usage_error(NULL, "--borderline: expected a percentage "
		                       ">= 0, got '%s'", arg);
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel report [OPTIONS] [FILE]\n"
"\n"
"Print the service plan of a portfolio: totals, thresholds, the 3x3 grid,\n"
"figures per level and per quadrant, the exceptions (loss-making,\n"
"over-served, pinned elsewhere, borderline customers), affordability,\n"
"changes from today's levels, the profit curve, with --by segment the\n"
"thresholds per segment, when orders carry dates the customer value\n"
"(the fitted BG/NBD and Gamma-Gamma models, p_alive and lifetime value\n"
"per level) and the proactive and partnership customers at risk, and\n"
"with potentials the customers with room to grow in their wallet.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.operands = CLI_OPERANDS_FILE,
	.formats = CLI_FORMATS_REPORT,
	.format_names = "table, markdown, json, csv, tsv, html, xlsx",
	.option = option,
};

/* The summary is computed before the output is opened, so that running
 * out of memory there creates no file. */
static int prepare(const cli_model *m, void *ctx)
{
	struct report *r = ctx;
	switch (fl_summary_compute(m->portfolio, &m->plan, m->policy,
	                           r->borderline, &r->summary)) {
	case FL_OK:
		return CLI_EXIT_OK;
	case FL_ERR_INPUT:
		/* A total that overflows a double: named, never printed. */
		cli_errorf("%s: %s", m->input, r->summary.overflow);
		return CLI_EXIT_FAIL;
	default:
		cli_errorf("out of memory");
		return CLI_EXIT_FAIL;
	}
}

static fl_status write_report(fl_out *o, const cli_model *m, void *ctx)
{
	struct report *r = ctx;
	return fl_report_write(o, m->portfolio, &m->plan, m->policy, &r->summary,
	                       &r->ro);
}

int cli_cmd_report(int argc, char **argv)
{
	struct report r = { .ro = { .format = FL_FORMAT_NONE },
	                    .borderline = 5 };
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, &r, &rc))
		return rc;
	if (cli_args_format(&a, CLI_FORMATS_REPORT, &r.ro.color) != CLI_EXIT_OK ||
	    cli_args_csv_check(&a) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	r.ro.format = a.format;
	/* The customer value is fitted when some customer has dates; without
	 * them the fit does nothing and the plan is as before. */
	a.model.value = true;
	r.ro.escape_formulas = a.escape_formulas;
	r.ro.csv = a.csv;
	if ((r.ro.format == FL_FORMAT_CSV || r.ro.format == FL_FORMAT_TSV) &&
	    r.ro.section == FL_SECTION_ALL)
		return cli_usage_error(NULL, "%s holds one section at a time: add "
		                       "--section " SECTIONS,
		                       r.ro.format == FL_FORMAT_CSV ? "CSV" : "TSV");
	struct cli_job job = { prepare, write_report, &r };
	rc = cli_run(&a.model, a.input, a.output, &job);
	fl_summary_release(&r.summary);
	return rc;
}
