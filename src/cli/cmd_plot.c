/*
 * cmd_plot.c - `focuslevel plot`: the portfolio matrix as SVG.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include <focuslevel/plot.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

enum { OPT_LABEL = CLI_OPT_FIRST_FREE, OPT_DENSITY };

static const struct cli_option options[] = {
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically (default: standard\n"
"                           output)\n", NULL },
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

/* --label N and --density-above N: decimal digits only, no sign, no junk,
 * in range. */
static int option(void *ctx, int id, const char *arg)
{
	fl_plot_options *po = ctx;
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
"each customer a marker whose colour and shape give its level.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.operands = CLI_OPERANDS_FILE,
	.option = option,
};

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
	struct cli_job job = { NULL, write_plot, &po };
	return cli_run(&a.model, a.input, a.output, &job);
}
