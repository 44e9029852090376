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
FL_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error.\n";

int fl_cmd_thresholds(int argc, char **argv)
{
	static const struct option longopts[] = {
		FL_MODEL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	fl_model_args ma;
	fl_model_args_init(&ma);
	const char *output = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:q", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return FL_EXIT_OK;
		}
		if (c == 'o') {
			output = fl_output_arg(optarg);
			continue;
		}
		int rc = fl_other_option(&ma, c, optarg, argv);
		if (rc != 0)
			return rc;
	}
	if (argc - optind > 1)
		return fl_usage_error("thresholds", "expected at most one FILE");
	if (fl_check_output_name(output, "yaml", "YAML") != FL_EXIT_OK)
		return FL_EXIT_USAGE;
	const char *input = optind < argc ? argv[optind] : NULL;

	fl_model m;
	fl_out *o = NULL;
	int rc = fl_model_load(&ma, input, &m);
	if (rc == FL_EXIT_OK)
		rc = fl_open_output(output, &o);
	if (rc == FL_EXIT_OK) {
		fl_thresholds_write(o, &m.plan.thresholds);
		rc = fl_finish_output(o, FL_OK, output);
	}
	fl_model_release(&m);
	return rc;
}
