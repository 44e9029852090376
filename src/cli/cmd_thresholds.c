/*
 * cmd_thresholds.c - `focuslevel thresholds`: the cuts and splits of a
 * portfolio, as a small policy file for sharded runs; with --partial what
 * one shard contributes to them, with --merge the thresholds of the
 * shards' parts put together (docs/scale.md).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"
#include "run.h"

enum { OPT_PARTIAL = CLI_OPT_FIRST_FREE, OPT_MERGE };

static const struct cli_option options[] = {
	{ 'o', "output", required_argument,
"  -o, --output FILE        write to FILE atomically\n", NULL },
	{ OPT_PARTIAL, "partial", no_argument,
"      --partial            write what this shard contributes to the\n"
"                           thresholds (a binary .fltp file; -o FILE or a\n"
"                           redirection, never a terminal)\n", NULL },
	{ OPT_MERGE, "merge", no_argument,
"      --merge              read the PART files of every shard and write\n"
"                           the thresholds one run over them all gives\n",
	  NULL },
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

enum mode { MODE_WHOLE = 0, MODE_PARTIAL, MODE_MERGE };

static int option(void *ctx, int id, const char *arg)
{
	enum mode *mode = ctx;
	enum mode want = id == OPT_PARTIAL ? MODE_PARTIAL : MODE_MERGE;
	(void)arg;
	if (*mode != MODE_WHOLE && *mode != want)
		return cli_usage_error(NULL, "--partial and --merge exclude each "
		                       "other: first --partial on every shard, "
		                       "then --merge of their parts");
	*mode = want;
	return CLI_EXIT_OK;
}

static const struct cli_command command = {
	.head =
"Usage: focuslevel thresholds [OPTIONS] [FILE]\n"
"       focuslevel thresholds --partial [OPTIONS] [SHARD] -o PART.fltp\n"
"       focuslevel thresholds --merge [-o FILE] PART...\n"
"\n"
"Compute the tier cuts and quadrant splits of a portfolio and print them\n"
"as a policy file with absolute values.  Shards of the same portfolio,\n"
"classified with 'focuslevel assign --thresholds THAT_FILE SHARD', then\n"
"get exactly the rows a single run would give.  Without one machine that\n"
"reads the whole portfolio: --partial on each shard, then --merge of the\n"
"parts gives the very same file.\n"
"\n",
	.options = options,
	.tail = CLI_HELP_EXIT,
	.option = option,
};

static fl_status write_thresholds(fl_out *o, const cli_model *m, void *ctx)
{
	(void)ctx;
	/* The writer keeps no status; a failed write shows at the commit. */
	fl_thresholds_write(o, &m->plan);
	return FL_OK;
}

/* ---- --partial -------------------------------------------------------- */

/* What a part is computed with (the spec's thresholds, by, min_group),
 * and the part. */
struct partial_job {
	fl_plan_spec spec;
	fl_partial *part;
};

/* The part, before the output is opened: a failure leaves no file. */
static int prepare_partial(const cli_model *m, void *ctx)
{
	struct partial_job *j = ctx;
	fl_status st = fl_partial_compute(m->portfolio, &j->spec, &j->part);
	if (st == FL_ERR_NOMEM)
		cli_errorf("out of memory");
	else if (st != FL_OK)
		/* partial_spec has refused the rest. */
		cli_errorf("%s: a segment is longer than a partial file holds "
		           "(4 GiB)", m->input);
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

static fl_status write_partial(fl_out *o, const cli_model *m, void *ctx)
{
	const struct partial_job *j = ctx;
	(void)m;
	/* The writer keeps no status; a failed write shows at the commit. */
	fl_partial_write(o, j->part);
	return FL_OK;
}

/*
 * The policy facts a part takes, checked before the shard is read: the
 * clv basis needs one fit of the customer-value models over every
 * customer (its values are not a shard's alone), and thresholds given per
 * segment leave nothing to compute.
 */
static int partial_spec(const cli_model_args *a, fl_plan_spec *spec)
{
	fl_policy *pol;
	int rc = cli_model_policy(a, &pol, spec);
	const fl_threshold_spec *t = &spec->thresholds;
	if (rc == CLI_EXIT_OK && (t->margin.basis == FL_BASIS_CLV ||
	                          t->value.basis == FL_BASIS_CLV)) {
		cli_errorf("--partial: the value basis clv (the lifetime value) "
		           "needs one fit of the customer-value models over every "
		           "customer, which no shard has: compute such thresholds "
		           "in one run ('thresholds' without --partial), or choose "
		           "another basis");
		rc = CLI_EXIT_FAIL;
	}
	if (rc == CLI_EXIT_OK && spec->by == FL_BY_SEGMENT &&
	    spec->group_count > 0) {
		cli_errorf("--partial: the policy (or --thresholds file) gives "
		           "the thresholds of its segments already: there is "
		           "nothing for the shards to compute");
		rc = CLI_EXIT_FAIL;
	}
	/* The spec keeps no pointer into the policy past this point. */
	spec->groups = NULL;
	spec->group_count = 0;
	fl_policy_free(pol);
	return rc;
}

static int run_partial(struct cli_args *a, int argc, char **argv)
{
	if (argc - a->first > 1)
		return cli_usage_error(NULL, "--partial: expected at most one "
		                       "SHARD (run it once per shard)");
	if (cli_check_output_name(a->output, "fltp", "a partial file") !=
	    CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	/* Binary data on a terminal would be noise, and could act on it. */
	if (a->output == NULL && isatty(STDOUT_FILENO))
		return cli_usage_error(NULL, "--partial writes binary data: give "
		                       "-o PART.fltp, or redirect standard "
		                       "output");
	struct partial_job j = { .part = NULL };
	int rc = partial_spec(&a->model, &j.spec);
	if (rc != CLI_EXIT_OK)
		return rc;
	const char *input = a->first < argc ? argv[a->first] : NULL;
	struct cli_job job = { prepare_partial, write_partial, &j };
	rc = cli_run(&a->model, input, a->output, &job);
	fl_partial_free(j.part);
	return rc;
}

/* ---- --merge ---------------------------------------------------------- */

/* Did the command line give any model option?  --merge takes them all from
 * the parts. */
static bool model_options_given(const cli_model_args *m)
{
	const fl_axis_spec *g[2] = { &m->given.margin, &m->given.value };
	for (int i = 0; i < 2; i++)
		if (g[i]->has_cuts || g[i]->has_split)
			return true;
	return m->policy != NULL || m->thresholds != NULL || m->by_set ||
	       m->period != NULL || m->as_of_set || m->cap_set ||
	       m->load.format != FL_INPUT_AUTO || m->load.strict ||
	       m->load.skip_invalid || m->load.max_invalid_set;
}

/* Load the part at path, its problems reported; NULL on failure. */
static fl_partial *part_load(const char *path)
{
	const char *display = cli_input_display(path);
	bool in = strcmp(path, "-") == 0;
	FILE *fp = in ? stdin : cli_input_open(path, "partial");
	if (fp == NULL)
		return NULL;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_partial *pt = NULL;
	fl_status st = fl_partial_load(fp, &pt, &diags);
	cli_print_diags(display, &diags);
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", display);
	else if (st == FL_ERR_IO)
		cli_errorf("%s: cannot read", display);
	if (!in)
		fclose(fp);
	return pt;
}

static fl_status write_merged(fl_out *o, void *ctx)
{
	fl_thresholds_write(o, ctx);
	return FL_OK;
}

static int run_merge(struct cli_args *a, int argc, char **argv)
{
	if (model_options_given(&a->model))
		return cli_usage_error(NULL, "--merge reads its policy from the "
		                       "parts: give --policy, --by, the cuts and "
		                       "the input options to each --partial run");
	size_t n = (size_t)(argc - a->first);
	if (n == 0)
		return cli_usage_error(NULL, "--merge: expected the PART files of "
		                       "every shard");
	if (cli_check_output_name(a->output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	size_t stdin_parts = 0;
	for (size_t k = 0; k < n; k++)
		stdin_parts += strcmp(argv[a->first + (int)k], "-") == 0;
	if (stdin_parts > 1)
		return cli_usage_error(NULL, "--merge: standard input ('-') can "
		                       "be one PART only");
	fl_partial **parts = calloc(n, sizeof(*parts));
	if (parts == NULL) {
		cli_errorf("out of memory");
		return CLI_EXIT_FAIL;
	}
	int rc = CLI_EXIT_OK;
	for (size_t k = 0; k < n && rc == CLI_EXIT_OK; k++) {
		parts[k] = part_load(argv[a->first + (int)k]);
		if (parts[k] == NULL)
			rc = CLI_EXIT_FAIL;
	}
	for (size_t k = 1; k < n && rc == CLI_EXIT_OK; k++) {
		char why[512];
		if (fl_partial_same_policy(parts[k], parts[0], why, sizeof(why)))
			continue;
		cli_errorf("%s: its part was made with another policy than "
		           "%s's (%s): run --partial on every shard with the same "
		           "policy and options",
		           cli_input_display(argv[a->first + (int)k]),
		           cli_input_display(argv[a->first]), why);
		rc = CLI_EXIT_FAIL;
	}
	fl_plan plan;
	memset(&plan, 0, sizeof(plan));
	if (rc == CLI_EXIT_OK &&
	    fl_partial_merge((const fl_partial *const *)parts, n, &plan) !=
	    FL_OK) {
		cli_errorf("out of memory");
		rc = CLI_EXIT_FAIL;
	}
	if (rc == CLI_EXIT_OK)
		rc = cli_output_write(a->output, write_merged, &plan);
	fl_plan_release(&plan);
	for (size_t k = 0; k < n; k++)
		fl_partial_free(parts[k]);
	free(parts);
	return rc;
}

int cli_cmd_thresholds(int argc, char **argv)
{
	struct cli_args a;
	enum mode mode = MODE_WHOLE;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, &mode, &rc))
		return rc;
	if (mode == MODE_PARTIAL)
		return run_partial(&a, argc, argv);
	if (mode == MODE_MERGE)
		return run_merge(&a, argc, argv);
	if (argc - a.first > 1)
		return cli_usage_error(NULL, "expected at most one FILE");
	if (cli_check_output_name(a.output, "yaml", "YAML") != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	const char *input = a.first < argc ? argv[a.first] : NULL;
	struct cli_job job = { NULL, write_thresholds, NULL };
	return cli_run(&a.model, input, a.output, &job);
}
