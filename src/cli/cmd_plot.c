/*
 * cmd_plot.c - `focuslevel plot`: the portfolio matrix as SVG.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/plot.h>

#include "cli.h"

static const char usage[] =
"Usage: focuslevel plot [OPTIONS] [FILE]\n"
"\n"
"Draw the portfolio matrix as an SVG picture: order value across (log\n"
"scale), margin percent up, the quadrant splits and tier cuts as lines,\n"
"each customer a marker whose colour and shape give its level.\n"
"\n"
"Options:\n"
"  -o, --output FILE        write to FILE atomically (default: standard\n"
"                           output)\n"
"      --label N            name the N customers with the highest revenue\n"
"                           (default 0)\n"
"      --density-above N    above N customers draw density cells instead\n"
"                           of one marker each (default 2000)\n"
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

enum { OPT_LABEL = CLI_OPT_FIRST_FREE, OPT_DENSITY };

static const struct option longopts[] = {
	CLI_MODEL_LONGOPTS,
	{ "density-above", required_argument, NULL, OPT_DENSITY },
	{ "help", no_argument, NULL, 'h' },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

/* A count: decimal digits only, no sign, no junk, in range. */
static bool parse_count(const char *opt, const char *arg, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno == ERANGE ||
	    v > (unsigned long long)SIZE_MAX) {
		cli_usage_error("plot", "%s: expected a whole number >= 0, got '%s'",
		               opt, arg);
		return false;
	}
	*out = (size_t)v;
	return true;
}

int cli_cmd_plot(int argc, char **argv)
{
	cli_model_args ma;
	cli_model_args_init(&ma);
	fl_plot_options po;
	fl_plot_options_init(&po);
	const char *output = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		case 'o':
			output = cli_output_arg(optarg);
			break;
		case OPT_DENSITY:
			if (!parse_count("--density-above", optarg, &po.density_above))
				return CLI_EXIT_USAGE;
			break;
		case OPT_LABEL:
			if (!parse_count("--label", optarg, &po.labels))
				return CLI_EXIT_USAGE;
			break;
		default: {
			int rc = cli_other_option(&ma, c, optarg, argv);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("plot", "expected at most one FILE, got %d",
		                      argc - optind);
	if (cli_check_output_name(output, "svg", "SVG") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	const char *input = optind < argc ? argv[optind] : NULL;

	cli_model m;
	fl_out *o = NULL;
	int rc = cli_model_load(&ma, input, &m);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_open(output, &o);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_finish(o, fl_plot_write(o, m.portfolio, &m.plan, &po),
	                      output);
	o = NULL;
out:
	cli_output_abort(o);
	cli_model_release(&m);
	return rc;
}
