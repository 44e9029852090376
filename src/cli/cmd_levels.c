/*
 * cmd_levels.c - `focuslevel levels`: the five levels and what they mean.
 */
#include <getopt.h>

#include "cli.h"

static const char usage[] =
"Usage: focuslevel levels\n"
"\n"
"Print the five levels of service, lowest first, each with the service it\n"
"means.\n"
"\n"
"Options:\n"
"  -h, --help   show this help\n"
"\n"
"Exit status: 0 success, 1 failed output, 2 usage error.\n";

int cli_cmd_levels(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		}
		return cli_bad_option(c, argv);
	}
	if (optind < argc)
		return cli_usage_error("levels", "unexpected argument '%s'",
		                      argv[optind]);
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		printf("%d  %-12s %s\n", l, fl_level_name((fl_level)l),
		       fl_level_description((fl_level)l));
	return CLI_EXIT_OK;
}
