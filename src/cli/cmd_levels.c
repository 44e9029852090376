/*
 * cmd_levels.c - `focuslevel levels`: the five levels and what they mean.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"

static const struct cli_option options[] = {
	{ 'h', "help", no_argument, "  -h, --help   show this help\n", NULL },
	CLI_OPT_END
};

static const struct cli_command command = {
	.head =
"Usage: focuslevel levels\n"
"\n"
"Print the five levels of service, lowest first, each with the service it\n"
"means.\n"
"\n",
	.options = options,
	.tail =
"\n"
"Exit status: 0 success, 1 failed output, 2 usage error.\n",
	.operands = CLI_OPERANDS_NONE,
};

int cli_cmd_levels(int argc, char **argv)
{
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, NULL, &rc))
		return rc;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		printf("%d  %-12s %s\n", l, fl_level_name((fl_level)l),
		       fl_level_description((fl_level)l));
	return CLI_EXIT_OK;
}
