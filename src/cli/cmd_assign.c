/*
 * cmd_assign.c - `focuslevel assign`: classify every customer, print rows.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "options.h"
#include "run.h"

enum { OPT_SORT = CLI_OPT_FIRST_FREE, OPT_COLUMNS };

static const struct cli_option options[] = {
	CLI_OPT_GROUP(cli_opt_assign_output),
	{ OPT_SORT, "sort", required_argument,
"      --sort KEY           input (default), id, level, margin, value or\n"
"                           revenue; ties keep input order\n", NULL },
	{ OPT_COLUMNS, "columns", required_argument,
"      --columns LIST       the columns, comma-separated: default (the\n"
"                           14 of the plain plan), all, or names such as\n"
"                           id,level,cost_to_serve,after_service,change\n",
	  NULL },
	CLI_OPT_GROUP(cli_opt_csv),
	CLI_OPT_GROUP(cli_opt_no_escape),
	CLI_OPT_GROUP(cli_opt_color),
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

/* --columns LIST; a usage error lists the names. */
static int columns_option(fl_assign_options *ao, const char *arg)
{
	size_t len;
	const char *bad = fl_assign_columns_parse(arg, ao, &len);
	if (bad == NULL)
		return CLI_EXIT_OK;
	char names[1024] = "default, all";
	size_t used = strlen(names);
	for (size_t c = 0; fl_assign_column_name(c) != NULL; c++)
		used += (size_t)snprintf(names + used, sizeof(names) - used, ", %s",
		                         fl_assign_column_name(c));
	bool repeated = false;
	for (size_t c = 0; fl_assign_column_name(c) != NULL; c++)
		if (strlen(fl_assign_column_name(c)) == len &&
		    memcmp(fl_assign_column_name(c), bad, len) == 0)
			repeated = true;
	if ((len == 3 && memcmp(bad, "all", 3) == 0) ||
	    (len == 7 && memcmp(bad, "default", 7) == 0))
		repeated = true;
	char *q = fl_quote(bad, len, 64, FL_QUOTE_MARKS);
	int rc = cli_usage_error(NULL, "--columns: %s %s (%s)",
	                         repeated ? "column named twice:"
	                                  : "unknown column",
	                         q != NULL ? q : "", names);
	free(q);
	return rc;
}

static int option(void *ctx, int id, const char *arg)
{
	fl_assign_options *ao = ctx;
	if (id == OPT_COLUMNS)
		return columns_option(ao, arg);
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
	.formats = CLI_FORMATS_ASSIGN,
	.format_names = "table, csv, tsv, json, xlsx, jsonl",
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
	if (cli_args_format(&a, CLI_FORMATS_ASSIGN, &ao.color) != CLI_EXIT_OK ||
	    cli_args_csv_check(&a) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	ao.format = a.format;
	a.model.value = fl_assign_shows_value(&ao);
	ao.escape_formulas = a.escape_formulas;
	ao.csv = a.csv;
	ao.jobs = cli_jobs(a.model.load.jobs);
	struct cli_job job = { NULL, write_assign, &ao };
	return cli_run(&a.model, a.input, a.output, &job);
}
