/*
 * cmd_assign.c - `focuslevel assign`: classify every customer, print rows.
 */
#include <getopt.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

enum { OPT_SORT = CLI_OPT_FIRST_FREE };

static const struct cli_option options[] = {
	CLI_OPT_GROUP(cli_opt_rows_output),
	{ OPT_SORT, "sort", required_argument,
"      --sort KEY           input (default), id, level, margin, value or\n"
"                           revenue; ties keep input order\n", NULL },
	CLI_OPT_GROUP(cli_opt_no_escape),
	CLI_OPT_GROUP(cli_opt_color),
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

static int option(void *ctx, int id, const char *arg)
{
	fl_assign_options *ao = ctx;
	(void)id;  /* --sort is the only one */
	if (!fl_sort_parse(arg, &ao->sort))
		return cli_usage_error(NULL, "--sort: unknown key '%s' (input, id, "
		                       "level, margin, value, revenue)", arg);
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel assign [OPTIONS] [FILE]\n"
"\n"
"Classify every customer of a portfolio (YAML or JSON; FILE '-' or none\n"
"reads standard input) and print one row per customer.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.operands = CLI_OPERANDS_FILE,
	.formats = CLI_FORMATS_ROWS,
	.format_names = "table, csv, tsv, json",
	.option = option,
};

static fl_status write_assign(fl_out *o, const cli_model *m, void *ctx)
{
	return fl_assign_write(o, m->portfolio, &m->plan, ctx);
}

int cli_cmd_assign(int argc, char **argv)
{
	fl_assign_options ao = { .format = FL_FORMAT_NONE };
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, &ao, &rc))
		return rc;
	if (cli_args_format(&a, CLI_FORMATS_ROWS, &ao.color) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	ao.format = a.format;
	ao.escape_formulas = a.escape_formulas;
	struct cli_job job = { NULL, write_assign, &ao };
	return cli_run(&a.model, a.input, a.output, &job);
}
