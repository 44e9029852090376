/*
 * cmd_policy.c - `focuslevel policy`: print the policy as commented YAML.
 */
#include "cli.h"

static const char usage[] =
"Usage: focuslevel policy [--policy FILE] [-o FILE]\n"
"\n"
"Print the built-in policy (or FILE's, checked and with every default\n"
"filled in) as commented YAML, to start a policy of your own:\n"
"  focuslevel policy > policy.yaml\n"
"\n"
"Options:\n"
"      --policy FILE  read this policy instead of the built-in one\n"
"  -o, --output FILE  write to FILE atomically\n"
"  -h, --help         show this help\n"
"\n"
"Exit status: 0 success, 1 invalid policy or failed output, 2 usage error.\n";

int cli_cmd_policy(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "policy", required_argument, NULL, CLI_OPT_POLICY },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL, *output = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		case 'o':
			output = cli_output_arg(optarg);
			break;
		case CLI_OPT_POLICY:
			path = optarg;
			break;
		default:
			return cli_bad_option(c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("policy", "unexpected argument '%s'",
		                      argv[optind]);
	if (cli_check_output_name(output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	fl_policy *p;
	fl_out *o = NULL;
	int rc = cli_policy_load(path, &p);
	if (rc == CLI_EXIT_OK)
		rc = cli_output_open(output, &o);
	if (rc == CLI_EXIT_OK) {
		fl_policy_write(o, p);
		rc = cli_output_finish(o, FL_OK, output);
	}
	fl_policy_free(p);
	return rc;
}
