/*
 * cmd_diff.c - `focuslevel diff OLD NEW`: who moved between two runs.
 *
 * Each side is a portfolio, classified here, or an earlier
 * `assign -O json` output, taken as classified.  Which one is told from
 * the beginning of the content: a regular file is then read again from
 * its start, as a stream; a pipe (a cron job may pipe one side in) is read
 * into memory first.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <focuslevel/diff.h>

#include "cmd.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"
#include "run.h"

enum { OPT_EXIT_CODE = CLI_OPT_FIRST_FREE };

static const struct cli_option options[] = {
	{ 'a', "all", no_argument,
"  -a, --all                every customer, not only those that changed\n",
	  NULL },
	CLI_OPT_GROUP(cli_opt_rows_output),
	{ OPT_EXIT_CODE, "exit-code", no_argument,
"      --exit-code          exit 1 when a customer changed, 0 when none did,\n"
"                           3 on invalid input or failed output\n", NULL },
	CLI_OPT_GROUP(cli_opt_csv),
	CLI_OPT_GROUP(cli_opt_no_escape),
	CLI_OPT_GROUP(cli_opt_color),
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

/* diff's own options, and what its writer needs. */
struct diff {
	fl_diff_options opt;
	bool exit_code;
	fl_diff_side *old, *cur;
	fl_diff d;
};

static int option(void *ctx, int id, const char *arg)
{
	struct diff *df = ctx;
	(void)arg;
	if (id == 'a')
		df->opt.all = true;
	else
		df->exit_code = true;
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel diff [OPTIONS] OLD NEW\n"
"\n"
"Compare two runs: classify two portfolios (YAML, JSON or JSON Lines; or\n"
"take an earlier 'focuslevel assign -O json' output as classified) and\n"
"list the customers whose level went up or down, the new and the gone,\n"
"with counts and a level-to-level migration matrix.  One of OLD and NEW\n"
"may be '-' (standard input).\n"
"\n"
"Each portfolio is classified with its own thresholds unless --policy,\n"
"--thresholds or the cut and split options fix them for both.\n"
"\n",
	.options = options,
	.tail =
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error;\n"
"with --exit-code: 0 no change, 1 changes, 2 usage error, 3 invalid input\n"
"or failed output.\n",
	.formats = CLI_FORMATS_ROWS,
	.format_names = "table, csv, tsv, json, xlsx",
	.option = option,
};

/* Load one side: an assign output as written, else a portfolio classified
 * with `spec`.  A regular file is read as a stream, twice: its beginning
 * says what it is, then it is read from the start, one customer at a time;
 * standard input, a pipe or a device is read into memory first.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL (reported). */
static int load_side(const char *path, const cli_model_args *ma,
                     const fl_policy *pol, fl_plan_spec *spec,
                     fl_diff_side **out)
{
	const char *display = cli_input_display(path);
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;
	struct stat sb;
	bool stream = !is_stdin && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	char *data = NULL;
	size_t len = 0;
	FILE *fp = NULL;
	*out = NULL;
	if (stream) {
		fp = cli_input_open(path, "portfolio");
		if (fp == NULL)
			return CLI_EXIT_FAIL;
	} else {
		int rc = cli_input_read_all(path, display, &data, &len);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_portfolio *p = NULL;
	fl_plan plan = { 0 };
	fl_status st;
	bool assign = ma->load.format == FL_INPUT_AUTO &&
	              (fp != NULL ? fl_diff_is_assign_output_file(fp)
	                          : fl_diff_is_assign_output(data, len));
	if (fp != NULL && fseek(fp, 0, SEEK_SET) != 0) {
		cli_errorf("%s: cannot read: %s", display, strerror(errno));
		st = FL_ERR_IO;
	} else if (assign) {
		st = fp != NULL ? fl_diff_side_read_assign_file(fp, out, &diags)
		                : fl_diff_side_read_assign(data, len, out, &diags);
		cli_print_diags(display, &diags);
	} else {
		const char *name = is_stdin ? NULL : path;
		fl_load_options lo = cli_load_options(ma, pol);
		st = fp != NULL
		     ? fl_portfolio_load(fp, name, &lo, &p, &diags)
		     : fl_portfolio_load_mem(data, len, name, &lo, &p, &diags);
		cli_input_report(display, st, &diags, p);
		if (st == FL_OK && cli_plan_period(ma, pol, p, display,
		                                   spec) != CLI_EXIT_OK)
			st = FL_ERR_INPUT;
		if (st == FL_OK) {
			fl_diags_release(&diags);  /* reported above */
			st = fl_plan_compute_diags(p, spec, &plan, &diags);
			cli_print_diags(display, &diags);
		}
		if (st == FL_OK)
			st = fl_diff_side_from_plan(p, &plan, out);
	}
	if (st == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", display);
	fl_diags_release(&diags);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
	free(data);
	if (fp != NULL)
		fclose(fp);
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

/* Does `a` give a value that `cli` does not override? */
static bool contributes(const fl_axis_spec *a, const fl_axis_spec *cli)
{
	return (a->has_cuts && !cli->has_cuts) || (a->has_split && !cli->has_split);
}

/* How the thresholds were chosen, and by what, for the header. */
static fl_diff_mode mode_of(const cli_model_args *ma, const fl_policy *pol,
                            const fl_threshold_spec *spec, char *by,
                            size_t size)
{
	const fl_axis_spec *m = &spec->margin, *v = &spec->value;
	int given = m->has_cuts + m->has_split + v->has_cuts + v->has_split;
	if (given == 0)
		return FL_DIFF_OWN;
	const fl_axis_spec *cm = &ma->given.margin, *cv = &ma->given.value;
	bool cli = cm->has_cuts || cm->has_split || cv->has_cuts || cv->has_split;
	bool file = contributes(&pol->thresholds.margin, cm) ||
	            contributes(&pol->thresholds.value, cv);
	const char *opt = ma->thresholds != NULL ? "--thresholds" : "--policy";
	const char *path = ma->thresholds != NULL ? ma->thresholds : ma->policy;
	if (file && cli)
		snprintf(by, size, "%s %s and the command line", opt, path);
	else if (file)
		snprintf(by, size, "%s %s", opt, path);
	else
		snprintf(by, size, "the command line");
	return given == 4 ? FL_DIFF_FIXED : FL_DIFF_PARTLY_FIXED;
}

static fl_status write_diff(fl_out *o, void *ctx)
{
	const struct diff *df = ctx;
	return fl_diff_write(o, df->old, df->cur, &df->d, &df->opt);
}

/* Compare the two sides, saying what the comparison found wrong.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL. */
static int compare(struct diff *df)
{
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_diff_compute(df->old, df->cur, &df->d, &diags);
	for (size_t i = 0; i < diags.count; i++) {
		if (diags.items[i].severity == FL_SEV_WARNING)
			cli_warnf(NULL, "%s", diags.items[i].message);
		else
			cli_errorf("%s", diags.items[i].message);
	}
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM)
		cli_errorf("out of memory");
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int cli_cmd_diff(int argc, char **argv)
{
	struct diff df = { .opt = { .format = FL_FORMAT_NONE } };
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, &df, &rc))
		return rc;
	if (argc - a.first != 2)
		return cli_usage_error(NULL, "expected OLD and NEW, got %d file%s",
		                       argc - a.first,
		                       argc - a.first == 1 ? "" : "s");
	const char *old_path = argv[a.first], *new_path = argv[a.first + 1];
	if (strcmp(old_path, "-") == 0 && strcmp(new_path, "-") == 0)
		return cli_usage_error(NULL, "OLD and NEW cannot both be standard "
		                       "input");
	if (cli_args_format(&a, CLI_FORMATS_ROWS, &df.opt.color) != CLI_EXIT_OK ||
	    cli_args_csv_check(&a) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	df.opt.format = a.format;
	df.opt.escape_formulas = a.escape_formulas;
	df.opt.csv = a.csv;
	df.opt.old_label = cli_input_display(old_path);
	df.opt.new_label = cli_input_display(new_path);

	fl_policy *policy = NULL;
	fl_plan_spec spec;
	char by[512];
	rc = cli_model_policy(&a.model, &policy, &spec);
	if (rc == CLI_EXIT_OK) {
		df.opt.mode = mode_of(&a.model, policy, &spec.thresholds, by,
		                      sizeof(by));
		df.opt.fixed_by = df.opt.mode == FL_DIFF_OWN ? NULL : by;
		/* Load both before failing, so that one run shows every
		 * problem. */
		rc = load_side(old_path, &a.model, policy, &spec, &df.old);
		if (load_side(new_path, &a.model, policy, &spec, &df.cur) !=
		    CLI_EXIT_OK)
			rc = CLI_EXIT_FAIL;
	}
	if (rc == CLI_EXIT_OK)
		rc = compare(&df);
	if (rc == CLI_EXIT_OK)
		rc = cli_output_write(a.output, write_diff, &df);
	bool changed = rc == CLI_EXIT_OK && fl_diff_changed(&df.d);
	fl_diff_release(&df.d);
	fl_diff_side_free(df.old);
	fl_diff_side_free(df.cur);
	fl_policy_free(policy);
	if (!df.exit_code)
		return rc;
	if (rc != CLI_EXIT_OK)
		return CLI_EXIT_TROUBLE;
	return changed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
