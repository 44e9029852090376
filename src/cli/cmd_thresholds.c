/*
 * cmd_thresholds.c - `focuslevel thresholds`: the cuts and splits of a
 * portfolio, as a small policy file for sharded runs.
 */
#include "cli.h"

static const char usage[] =
"Usage: focuslevel thresholds [OPTIONS] [FILE]\n"
"\n"
"Compute the tier cuts and quadrant splits of a portfolio and print them\n"
"as a policy file with absolute values.  Shards of the same portfolio,\n"
"classified with 'focuslevel assign --thresholds THAT_FILE SHARD', then\n"
"get exactly the rows a single run would give.\n"
"\n"
"Options:\n"
"  -o, --output FILE        write to FILE atomically\n"
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

int cli_cmd_thresholds(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_MODEL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	cli_model_args ma;
	cli_model_args_init(&ma);
	const char *output = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:q", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		}
		if (c == 'o') {
			output = cli_output_arg(optarg);
			continue;
		}
		int rc = cli_other_option(&ma, c, optarg, argv);
		if (rc != 0)
			return rc;
	}
	if (argc - optind > 1)
		return cli_usage_error("thresholds", "expected at most one FILE");
	if (cli_check_output_name(output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	const char *input = optind < argc ? argv[optind] : NULL;

	cli_model m;
	fl_out *o = NULL;
	int rc = cli_model_load(&ma, input, &m);
	if (rc == CLI_EXIT_OK)
		rc = cli_output_open(output, &o);
	if (rc == CLI_EXIT_OK) {
		fl_thresholds_write(o, &m.plan.thresholds);
		rc = cli_output_finish(o, FL_OK, output);
	}
	cli_model_release(&m);
	return rc;
}
