/*
 * color.c - when the table formats may use colour (https://no-color.org).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

bool cli_color_parse(const char *arg, enum cli_color_when *when)
{
	if (arg == NULL || strcmp(arg, "always") == 0)
		*when = CLI_COLOR_ALWAYS;
	else if (strcmp(arg, "auto") == 0)
		*when = CLI_COLOR_AUTO;
	else if (strcmp(arg, "never") == 0)
		*when = CLI_COLOR_NEVER;
	else {
		cli_usage_error(NULL, "--color: unknown value '%s' (auto, always, "
		               "never)", arg);
		return false;
	}
	return true;
}

bool cli_color_use(enum cli_color_when when, const char *path)
{
	if (when != CLI_COLOR_AUTO)
		return when == CLI_COLOR_ALWAYS;
	/* A file written with -o is never a terminal, even if it is a tty
	 * device: colour is for a person reading standard output. */
	if (path != NULL || !isatty(STDOUT_FILENO))
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc != NULL && nc[0] != '\0')
		return false;
	const char *term = getenv("TERM");
	return term != NULL && term[0] != '\0' && strcmp(term, "dumb") != 0;
}
