/*
 * cmd_plot.c - `focuslevel plot`: the portfolio matrix or the profit
 * curve as SVG.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include <focuslevel/plot.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

enum { OPT_LABEL = CLI_OPT_FIRST_FREE, OPT_DENSITY, OPT_CHART, OPT_SIZE };

static const struct cli_option options[] = {
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically (default: standard\n"
"                           output)\n", NULL },
	{ OPT_CHART, "chart", required_argument,
"      --chart CHART        matrix (default): the portfolio matrix; whale:\n"
"                           the profit curve\n", NULL },
	{ OPT_SIZE, "size", required_argument,
"      --size MEASURE       marker area of the matrix: revenue (default),\n"
"                           margin, clv (needs order dates) or none\n", NULL },
	{ OPT_LABEL, "label", required_argument,
"      --label N            name the N customers with the highest revenue\n"
"                           (default 0)\n", NULL },
	{ OPT_DENSITY, "density-above", required_argument,
"      --density-above N    above N customers draw density cells instead\n"
"                           of one marker each (default 2000)\n", NULL },
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

/* --chart, --size; --label N and --density-above N: decimal digits only,
 * no sign, no junk, in range. */
static int option(void *ctx, int id, const char *arg)
{
	fl_plot_options *po = ctx;
	if (id == OPT_CHART) {
		if (!fl_plot_chart_parse(arg, &po->chart))
			return cli_usage_error(NULL, "--chart: unknown chart '%s' "
			                       "(matrix, whale)", arg);
		return CLI_EXIT_OK;
	}
	if (id == OPT_SIZE) {
		if (!fl_plot_size_parse(arg, &po->size))
			return cli_usage_error(NULL, "--size: unknown measure '%s' "
			                       "(revenue, margin, clv, none)", arg);
		return CLI_EXIT_OK;
	}
	const char *opt = id == OPT_LABEL ? "--label" : "--density-above";
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno == ERANGE ||
	    v > (unsigned long long)SIZE_MAX)
		return cli_usage_error(NULL, "%s: expected a whole number >= 0, "
		                       "got '%s'", opt, arg);
	*(id == OPT_LABEL ? &po->labels : &po->density_above) = (size_t)v;
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel plot [OPTIONS] [FILE]\n"
"\n"
"Draw the portfolio matrix as an SVG picture: order value across (log\n"
"scale), margin percent up, the quadrant splits and tier cuts as lines,\n"
"each customer a marker whose colour and shape give its level and whose\n"
"area its revenue; pinned customers ringed.  With --chart whale, the\n"
"profit curve: customers ranked by profit after service, the running\n"
"sum as a percentage of the total.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.operands = CLI_OPERANDS_FILE,
	.option = option,
};

/* --size clv needs the lifetime values: say so before the output is
 * opened. */
static int prepare(const cli_model *m, void *ctx)
{
	const fl_plot_options *po = ctx;
	if (po->chart != FL_PLOT_MATRIX || po->size != FL_PLOT_SIZE_CLV ||
	    m->plan.spend)
		return CLI_EXIT_OK;
	cli_errorf("%s: --size clv: no lifetime values (they need order dates, "
	           "and repeat purchases to fit the spend model); use --size "
	           "revenue or margin", m->input);
	return CLI_EXIT_FAIL;
}

static fl_status write_plot(fl_out *o, const cli_model *m, void *ctx)
{
	return fl_plot_write(o, m->portfolio, &m->plan, ctx);
}

int cli_cmd_plot(int argc, char **argv)
{
	fl_plot_options po;
	fl_plot_options_init(&po);
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, &po, &rc))
		return rc;
	if (cli_check_output_name(a.output, "svg", "SVG") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	/* The customer-value models are fitted only when the markers show
	 * the lifetime value (seconds on a million customers). */
	if (po.chart == FL_PLOT_MATRIX && po.size == FL_PLOT_SIZE_CLV)
		a.model.value = true;
	struct cli_job job = { prepare, write_plot, &po };
	return cli_run(&a.model, a.input, a.output, &job);
}
