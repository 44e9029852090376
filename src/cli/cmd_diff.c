/*
 * cmd_diff.c - `focuslevel diff OLD NEW`: who moved between two runs.
 *
 * Each side is a portfolio, classified here, or an earlier
 * `assign -O json` output, taken as classified.  Which one is told from
 * the content, so the whole input is read into memory first (a cron job
 * may pipe one side in).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/diff.h>

#include "cli.h"

static const char usage[] =
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
"\n"
"Options:\n"
"  -a, --all                every customer, not only those that changed\n"
"  -O, --output-format FMT  table (default), csv, tsv or json\n"
"  -o, --output FILE        write to FILE atomically; the format follows\n"
"                           its extension (.csv .tsv .json .txt) unless -O\n"
"      --exit-code          exit 1 when a customer changed, 0 when none did,\n"
"                           3 on invalid input or failed output\n"
"      --no-escape-formulas do not prefix CSV/TSV cells that start with\n"
"                           = + - @ tab or CR with an apostrophe\n"
CLI_COLOR_HELP
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or failed output, 2 usage error;\n"
"with --exit-code: 0 no change, 1 changes, 2 usage error, 3 invalid input\n"
"or failed output.\n";

enum { OPT_EXIT_CODE = CLI_OPT_FIRST_FREE, OPT_NO_ESCAPE, OPT_COLOR };

static const struct option longopts[] = {
	CLI_MODEL_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
	{ "help", no_argument, NULL, 'h' },
	{ "no-escape-formulas", no_argument, NULL, OPT_NO_ESCAPE },
	{ "output", required_argument, NULL, 'o' },
	{ "output-format", required_argument, NULL, 'O' },
	{ NULL, 0, NULL, 0 },
};

/* The formats that print rows (report's markdown and html do not). */
/* The whole of `path` (NULL or "-": standard input) in a malloc'd buffer
 * with a NUL after it.  Returns CLI_EXIT_OK or CLI_EXIT_FAIL (reported). */
static int read_all(const char *path, const char *display, char **data,
                    size_t *len)
{
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;
	*data = NULL;
	*len = 0;
	FILE *fp = is_stdin ? stdin : cli_input_open(path, "portfolio");
	if (fp == NULL)
		return CLI_EXIT_FAIL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	int rc = CLI_EXIT_OK;
	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		char *bigger = cap > (size_t)-1 / 4 ? NULL : realloc(buf, cap * 2 + 1);
		if (bigger == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	if (buf == NULL) {
		cli_errorf("%s: out of memory", display);
		rc = CLI_EXIT_FAIL;
	} else if (ferror(fp)) {
		cli_errorf("%s: cannot read: %s", display, strerror(errno));
		free(buf);
		buf = NULL;
		rc = CLI_EXIT_FAIL;
	}
	if (!is_stdin)
		fclose(fp);
	if (buf != NULL) {
		buf[n] = '\0';
		*data = buf;
		*len = n;
	}
	return rc;
}

/* Load one side: an assign output as written, else a portfolio classified
 * with `spec`.  Returns CLI_EXIT_OK or CLI_EXIT_FAIL (reported). */
static int load_side(const char *path, const cli_model_args *ma,
                     const fl_threshold_spec *spec, fl_diff_side **out)
{
	const char *display = cli_input_display(path);
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;
	char *data;
	size_t len;
	*out = NULL;
	int rc = read_all(path, display, &data, &len);
	if (rc != CLI_EXIT_OK)
		return rc;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_portfolio *p = NULL;
	fl_plan plan = { 0 };
	fl_status st;
	if (ma->load.format == FL_INPUT_AUTO &&
	    fl_diff_is_assign_output(data, len)) {
		st = fl_diff_side_read_assign(data, len, out, &diags);
		cli_print_diags(display, &diags);
	} else {
		st = fl_portfolio_load_mem(data, len, is_stdin ? NULL : path,
		                           &ma->load, &p, &diags);
		cli_print_diags(display, &diags);
		if (st == FL_OK && p->skipped > 0)
			cli_file_warnf(display, "skipped %zu invalid customer%s",
			              p->skipped, p->skipped == 1 ? "" : "s");
		if (st == FL_OK)
			st = fl_plan_compute(p, spec, &plan);
		if (st == FL_OK)
			st = fl_diff_side_from_plan(p, &plan, out);
	}
	if (st == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", display);
	fl_diags_release(&diags);
	fl_plan_release(&plan);
	fl_portfolio_free(p);
	free(data);
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

int cli_cmd_diff(int argc, char **argv)
{
	cli_model_args ma;
	cli_model_args_init(&ma);
	fl_diff_options dopt = { .format = FL_FORMAT_NONE,
	                         .escape_formulas = true };
	enum cli_color_when color = CLI_COLOR_AUTO;
	bool exit_code = false;
	const char *output = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ahO:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			dopt.all = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		case 'O':
			if (!cli_parse_format(optarg, CLI_FORMATS_ROWS,
			                     "table, csv, tsv, json", &dopt.format))
				return CLI_EXIT_USAGE;
			break;
		case 'o':
			output = cli_output_arg(optarg);
			break;
		case OPT_COLOR:
			if (!cli_color_parse(optarg, &color))
				return CLI_EXIT_USAGE;
			break;
		case OPT_EXIT_CODE:
			exit_code = true;
			break;
		case OPT_NO_ESCAPE:
			dopt.escape_formulas = false;
			break;
		default: {
			int rc = cli_other_option(&ma, c, optarg, argv);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("diff", "expected OLD and NEW, got %d "
		                      "file%s", argc - optind,
		                      argc - optind == 1 ? "" : "s");
	const char *old_path = argv[optind], *new_path = argv[optind + 1];
	if (strcmp(old_path, "-") == 0 && strcmp(new_path, "-") == 0)
		return cli_usage_error("diff", "OLD and NEW cannot both be standard "
		                      "input");
	if (cli_default_format(output, CLI_FORMATS_ROWS, &dopt.format) !=
	    CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	dopt.color = dopt.format == FL_FORMAT_TABLE && cli_color_use(color, output);
	dopt.old_label = cli_input_display(old_path);
	dopt.new_label = cli_input_display(new_path);

	fl_policy *policy = NULL;
	fl_diff_side *old = NULL, *cur = NULL;
	fl_diff d = { 0 };
	fl_out *o = NULL;
	fl_threshold_spec spec;
	char by[512];
	int rc = cli_model_policy(&ma, &policy, &spec);
	if (rc != CLI_EXIT_OK)
		goto out;
	dopt.mode = mode_of(&ma, policy, &spec, by, sizeof(by));
	dopt.fixed_by = dopt.mode == FL_DIFF_OWN ? NULL : by;
	/* Load both before failing, so that one run shows every problem. */
	rc = load_side(old_path, &ma, &spec, &old);
	if (load_side(new_path, &ma, &spec, &cur) != CLI_EXIT_OK)
		rc = CLI_EXIT_FAIL;
	if (rc != CLI_EXIT_OK)
		goto out;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_diff_compute(old, cur, &d, &diags);
	for (size_t i = 0; i < diags.count; i++) {
		if (diags.items[i].severity == FL_SEV_WARNING)
			cli_warnf("%s", diags.items[i].message);
		else
			cli_errorf("%s", diags.items[i].message);
	}
	fl_diags_release(&diags);
	if (st != FL_OK) {
		if (st == FL_ERR_NOMEM)
			cli_errorf("out of memory");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	rc = cli_output_open(output, &o);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_finish(o, fl_diff_write(o, old, cur, &d, &dopt), output);
	o = NULL;
out:
	cli_output_abort(o);
	bool changed = rc == CLI_EXIT_OK && fl_diff_changed(&d);
	fl_diff_release(&d);
	fl_diff_side_free(old);
	fl_diff_side_free(cur);
	fl_policy_free(policy);
	if (!exit_code)
		return rc;
	if (rc != CLI_EXIT_OK)
		return CLI_EXIT_TROUBLE;
	return changed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
