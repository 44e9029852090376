/*
 * model_args.c - the options shared by every command that classifies a
 * portfolio, and loading policy + portfolio + plan in one place.
 */
#include <string.h>

#include "cli.h"

void cli_model_args_init(cli_model_args *a)
{
	memset(a, 0, sizeof(*a));
	fl_threshold_spec_init(&a->given);
}

int cli_model_option(cli_model_args *a, int c, const char *arg)
{
	switch (c) {
	case 'q':
		cli_quiet = true;
		return 1;
	case CLI_OPT_INPUT_FORMAT:
		if (!fl_input_format_parse(arg, &a->load.format)) {
			cli_usage_error(NULL, "--input-format: unknown format '%s' "
			               "(yaml, json, jsonl)", arg);
			return -1;
		}
		return 1;
	case CLI_OPT_MARGIN_CUTS:
		if (!cli_parse_pair("--margin-cuts", arg, &a->given.margin.cut_low,
		                   &a->given.margin.cut_high))
			return -1;
		a->given.margin.has_cuts = true;
		return 1;
	case CLI_OPT_MARGIN_SPLIT:
		if (!cli_parse_number("--margin-split", arg, &a->given.margin.split))
			return -1;
		a->given.margin.has_split = true;
		return 1;
	case CLI_OPT_VALUE_CUTS:
		if (!cli_parse_pair("--value-cuts", arg, &a->given.value.cut_low,
		                   &a->given.value.cut_high))
			return -1;
		a->given.value.has_cuts = true;
		return 1;
	case CLI_OPT_VALUE_SPLIT:
		if (!cli_parse_number("--value-split", arg, &a->given.value.split))
			return -1;
		a->given.value.has_split = true;
		return 1;
	case CLI_OPT_STRICT:
		a->load.strict = true;
		return 1;
	case CLI_OPT_SKIP_INVALID:
		a->load.skip_invalid = true;
		return 1;
	case CLI_OPT_POLICY:
		a->policy = arg;
		return 1;
	case CLI_OPT_THRESHOLDS:
		a->thresholds = arg;
		return 1;
	default:
		return 0;
	}
}

int cli_policy_load(const char *path, fl_policy **out)
{
	*out = NULL;
	if (path == NULL) {
		*out = fl_policy_default();
		if (*out == NULL) {
			cli_errorf("out of memory");
			return CLI_EXIT_FAIL;
		}
		return CLI_EXIT_OK;
	}
	FILE *fp = cli_input_open(path, "policy");
	if (fp == NULL)
		return CLI_EXIT_FAIL;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status s = fl_policy_load(fp, path, out, &diags);
	fclose(fp);
	cli_print_diags(path, &diags);
	fl_diags_release(&diags);
	if (s == FL_ERR_NOMEM)
		cli_errorf("%s: out of memory", path);
	return s == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

/* Values given on the command line replace the policy's. */
static void override(fl_axis_spec *dst, const fl_axis_spec *given)
{
	if (given->has_cuts) {
		dst->has_cuts = true;
		dst->cut_low = given->cut_low;
		dst->cut_high = given->cut_high;
	}
	if (given->has_split) {
		dst->has_split = true;
		dst->split = given->split;
	}
}

int cli_model_policy(const cli_model_args *a, fl_policy **policy,
                    fl_threshold_spec *spec)
{
	int rc = cli_policy_load(a->policy, policy);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (a->thresholds != NULL) {
		/* A thresholds file is a policy; only its axes count. */
		fl_policy *t;
		rc = cli_policy_load(a->thresholds, &t);
		if (rc != CLI_EXIT_OK)
			return rc;
		(*policy)->thresholds = t->thresholds;
		fl_policy_free(t);
	}
	*spec = (*policy)->thresholds;
	override(&spec->margin, &a->given.margin);
	override(&spec->value, &a->given.value);
	return CLI_EXIT_OK;
}

int cli_model_load(const cli_model_args *a, const char *input, cli_model *m)
{
	memset(m, 0, sizeof(*m));
	fl_threshold_spec spec;
	int rc = cli_model_policy(a, &m->policy, &spec);
	if (rc != CLI_EXIT_OK)
		return rc;
	rc = cli_input_load(input, &a->load, &m->portfolio);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (fl_plan_compute(m->portfolio, &spec, &m->plan) != FL_OK) {
		cli_errorf("out of memory");
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

void cli_model_release(cli_model *m)
{
	fl_plan_release(&m->plan);
	fl_portfolio_free(m->portfolio);
	fl_policy_free(m->policy);
	memset(m, 0, sizeof(*m));
}
