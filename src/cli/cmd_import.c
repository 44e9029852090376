/*
 * cmd_import.c - `focuslevel import`: order lines (CSV/TSV) aggregated into
 * a portfolio in the detailed form, YAML or JSON (docs/import.md).
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"
#include "run.h"

enum { OPT_FORMAT = 'O' };

static const struct cli_option options[] = {
	{ 'O', "output-format", required_argument,
"  -O, --output-format FMT  yaml (default) or json\n", NULL },
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.yaml .yml .json) unless -O\n",
	  NULL },
	{ CLI_OPT_POLICY, "policy", required_argument,
"      --policy FILE        a policy whose 'columns' name the columns\n",
	  NULL },
	CLI_OPT_GROUP(cli_opt_input),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

/* -O: 0 not given, 1 YAML, 2 JSON. */
static int option(void *ctx, int id, const char *arg)
{
	int *fmt = ctx;
	if (id != OPT_FORMAT)
		return CLI_EXIT_USAGE;
	if (strcmp(arg, "yaml") == 0)
		*fmt = 1;
	else if (strcmp(arg, "json") == 0)
		*fmt = 2;
	else
		return cli_usage_error(NULL, "-O: unknown format '%s' (yaml, "
		                       "json)", arg);
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel import [OPTIONS] [LINES.csv]\n"
"\n"
"Read order lines (a CSV or TSV export: one row per order line, with a\n"
"header) and write the portfolio they make, one entry per customer with\n"
"its orders, for inspection and version control.  Every command reads\n"
"the same lines directly; see docs/import.md for the columns.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.operands = CLI_OPERANDS_FILE,
	.option = option,
};

struct import_write {
	const fl_orderlines *lines;
	bool json;
};

static fl_status write_lines(fl_out *o, void *ctx)
{
	const struct import_write *w = ctx;
	fl_orderlines_write(o, w->lines, w->json);
	return FL_OK;
}

/* The format from -O, else from -o's extension, else YAML. */
static int pick_format(int given, const char *output, bool *json)
{
	*json = given == 2;
	if (given != 0 || output == NULL)
		return CLI_EXIT_OK;
	const char *dot = strrchr(output, '.');
	if (dot != NULL && strcmp(dot, ".json") == 0) {
		*json = true;
	} else if (dot == NULL || (strcmp(dot, ".yaml") != 0 &&
	                           strcmp(dot, ".yml") != 0)) {
		return cli_usage_error(NULL, "-o %s: cannot tell the format from "
		                       "the extension; give -O yaml or -O json",
		                       output);
	}
	return CLI_EXIT_OK;
}

int cli_cmd_import(int argc, char **argv)
{
	struct cli_args a;
	int rc, fmt = 0;
	if (!cli_options_parse(&command, argc, argv, &a, &fmt, &rc))
		return rc;
	bool json;
	if (pick_format(fmt, a.output, &json) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	fl_policy *pol = NULL;
	rc = cli_policy_load(a.model.policy, &pol);
	if (rc != CLI_EXIT_OK)
		return rc;
	fl_load_options lo = cli_load_options(&a.model, pol);
	const char *input = a.input;
	bool in_stdin = input == NULL || strcmp(input, "-") == 0;
	const char *display = cli_input_display(input);
	FILE *fp = in_stdin ? stdin : cli_input_open(input, "order lines");
	fl_orderlines *lines = NULL;
	if (fp == NULL) {
		fl_policy_free(pol);
		return CLI_EXIT_FAIL;
	}
	if (in_stdin && lo.format == FL_INPUT_AUTO)
		lo.format = FL_INPUT_CSV;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_orderlines_load(fp, in_stdin ? NULL : input, &lo,
	                                  &lines, &diags);
	if (fp != stdin)
		fclose(fp);
	cli_print_diags(display, &diags);
	fl_diags_release(&diags);
	if (st == FL_OK) {
		size_t skipped = 0;
		for (size_t i = 0; i < lines->count; i++)
			skipped += !lines->customers[i].valid;
		cli_input_skipped(display, skipped);
	}
	if (st == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", display);
	rc = st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
	if (rc == CLI_EXIT_OK) {
		struct import_write w = { lines, json };
		rc = cli_output_write(a.output, write_lines, &w);
	}
	fl_orderlines_free(lines);
	fl_policy_free(pol);
	return rc;
}
