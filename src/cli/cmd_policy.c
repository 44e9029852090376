/*
 * cmd_policy.c - `focuslevel policy`: print the policy as commented YAML.
 */
#include <getopt.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "output.h"
#include "run.h"

/* --policy and -o are the shared options, with help of their own that
 * fits this command's narrower column. */
static const struct cli_option options[] = {
	{ CLI_OPT_POLICY, "policy", required_argument,
"      --policy FILE  read this policy instead of the built-in one\n", NULL },
	{ 'o', "output", required_argument,
"  -o, --output FILE  write to FILE atomically\n", NULL },
	{ 'h', "help", no_argument,
"  -h, --help         show this help\n", NULL },
	CLI_OPT_END
};

static const struct cli_command command = {
	.head =
"Usage: focuslevel policy [--policy FILE] [-o FILE]\n"
"\n"
"Print the built-in policy (or FILE's, checked and with every default\n"
"filled in) as commented YAML, to start a policy of your own:\n"
"  focuslevel policy > policy.yaml\n"
"\n",
	.options = options,
	.tail =
"\n"
"Exit status: 0 success, 1 invalid policy or failed output, 2 usage error.\n",
	.operands = CLI_OPERANDS_NONE,
};

static fl_status write_policy(fl_out *o, void *ctx)
{
	/* The writer keeps no status; a failed write shows at the commit. */
	fl_policy_write(o, ctx);
	return FL_OK;
}

int cli_cmd_policy(int argc, char **argv)
{
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, NULL, &rc))
		return rc;
	if (cli_check_output_name(a.output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	fl_policy *p;
	rc = cli_policy_load(a.model.policy, &p);
	if (rc == CLI_EXIT_OK)
		rc = cli_output_write(a.output, write_policy, p);
	fl_policy_free(p);
	return rc;
}
