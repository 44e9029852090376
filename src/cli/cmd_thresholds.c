/*
 * cmd_thresholds.c - `focuslevel thresholds`: the cuts and splits of a
 * portfolio, as a small policy file for sharded runs.
 */
#include <getopt.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

static const struct cli_option options[] = {
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically\n", NULL },
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

static const struct cli_command command = {
	.head =
"Usage: focuslevel thresholds [OPTIONS] [FILE]\n"
"\n"
"Compute the tier cuts and quadrant splits of a portfolio and print them\n"
"as a policy file with absolute values.  Shards of the same portfolio,\n"
"classified with 'focuslevel assign --thresholds THAT_FILE SHARD', then\n"
"get exactly the rows a single run would give.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
};

static fl_status write_thresholds(fl_out *o, const cli_model *m, void *ctx)
{
	(void)ctx;
	/* The writer keeps no status; a failed write shows at the commit. */
	fl_thresholds_write(o, &m->plan);
	return FL_OK;
}

int cli_cmd_thresholds(int argc, char **argv)
{
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, NULL, &rc))
		return rc;
	if (argc - a.first > 1)
		return cli_usage_error(NULL, "expected at most one FILE");
	if (cli_check_output_name(a.output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	const char *input = a.first < argc ? argv[a.first] : NULL;
	struct cli_job job = { NULL, write_thresholds, NULL };
	return cli_run(&a.model, input, a.output, &job);
}
