/*
 * model_args.c - the options shared by every command that classifies a
 * portfolio, and loading policy + portfolio + plan in one place.
 */
#include <string.h>

#include "cli.h"

void fl_model_args_init(fl_model_args *a)
{
	memset(a, 0, sizeof(*a));
	fl_threshold_spec_init(&a->given);
}

int fl_model_option(fl_model_args *a, int c, const char *arg)
{
	switch (c) {
	case 'q':
		fl_quiet = true;
		return 1;
	case FL_OPT_INPUT_FORMAT:
		if (!fl_input_format_parse(arg, &a->load.format)) {
			fl_usage_error(NULL, "--input-format: unknown format '%s' "
			               "(yaml, json, jsonl)", arg);
			return -1;
		}
		return 1;
	case FL_OPT_MARGIN_CUTS:
		if (!fl_parse_pair("--margin-cuts", arg, &a->given.margin.cut_low,
		                   &a->given.margin.cut_high))
			return -1;
		a->given.margin.has_cuts = true;
		return 1;
	case FL_OPT_MARGIN_SPLIT:
		if (!fl_parse_number("--margin-split", arg, &a->given.margin.split))
			return -1;
		a->given.margin.has_split = true;
		return 1;
	case FL_OPT_VALUE_CUTS:
		if (!fl_parse_pair("--value-cuts", arg, &a->given.value.cut_low,
		                   &a->given.value.cut_high))
			return -1;
		a->given.value.has_cuts = true;
		return 1;
	case FL_OPT_VALUE_SPLIT:
		if (!fl_parse_number("--value-split", arg, &a->given.value.split))
			return -1;
		a->given.value.has_split = true;
		return 1;
	case FL_OPT_STRICT:
		a->load.strict = true;
		return 1;
	case FL_OPT_SKIP_INVALID:
		a->load.skip_invalid = true;
		return 1;
	case FL_OPT_POLICY:
		a->policy = arg;
		return 1;
	case FL_OPT_THRESHOLDS:
		a->thresholds = arg;
		return 1;
	default:
		return 0;
	}
}

int fl_load_policy(const char *path, fl_policy **out)
{
	*out = NULL;
	if (path == NULL) {
		*out = fl_policy_default();
		if (*out == NULL) {
			fl_errorf("out of memory");
			return FL_EXIT_FAIL;
		}
		return FL_EXIT_OK;
	}
	FILE *fp = fl_open_input(path, "policy");
	if (fp == NULL)
		return FL_EXIT_FAIL;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status s = fl_policy_load(fp, path, out, &diags);
	fclose(fp);
	fl_print_diags(path, &diags);
	fl_diags_release(&diags);
	if (s == FL_ERR_NOMEM)
		fl_errorf("%s: out of memory", path);
	return s == FL_OK ? FL_EXIT_OK : FL_EXIT_FAIL;
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

int fl_model_policy(const fl_model_args *a, fl_policy **policy,
                    fl_threshold_spec *spec)
{
	int rc = fl_load_policy(a->policy, policy);
	if (rc != FL_EXIT_OK)
		return rc;
	if (a->thresholds != NULL) {
		/* A thresholds file is a policy; only its axes count. */
		fl_policy *t;
		rc = fl_load_policy(a->thresholds, &t);
		if (rc != FL_EXIT_OK)
			return rc;
		(*policy)->thresholds = t->thresholds;
		fl_policy_free(t);
	}
	*spec = (*policy)->thresholds;
	override(&spec->margin, &a->given.margin);
	override(&spec->value, &a->given.value);
	return FL_EXIT_OK;
}

int fl_model_load(const fl_model_args *a, const char *input, fl_model *m)
{
	memset(m, 0, sizeof(*m));
	fl_threshold_spec spec;
	int rc = fl_model_policy(a, &m->policy, &spec);
	if (rc != FL_EXIT_OK)
		return rc;
	rc = fl_load_input(input, &a->load, &m->portfolio);
	if (rc != FL_EXIT_OK)
		return rc;
	if (fl_plan_compute(m->portfolio, &spec, &m->plan) != FL_OK) {
		fl_errorf("out of memory");
		return FL_EXIT_FAIL;
	}
	return FL_EXIT_OK;
}

void fl_model_release(fl_model *m)
{
	fl_plan_release(&m->plan);
	fl_portfolio_free(m->portfolio);
	fl_policy_free(m->policy);
	memset(m, 0, sizeof(*m));
}
