/*
 * run.c - policy + thresholds + portfolio + plan in one place, so every
 * command classifies the same way.
 */
#include <string.h>

#include "input.h"
#include "msg.h"
#include "output.h"
#include "run.h"

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

static int model_load(const cli_model_args *a, const char *input,
                      cli_model *m)
{
	fl_threshold_spec spec;
	m->input = cli_input_display(input);
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

/* cli_output_write's context: the job and the model it writes. */
struct job_write {
	const struct cli_job *job;
	const cli_model *model;
};

static fl_status write_job(fl_out *o, void *ctx)
{
	const struct job_write *w = ctx;
	return w->job->write(o, w->model, w->job->ctx);
}

int cli_run(const cli_model_args *a, const char *input, const char *output,
            const struct cli_job *job)
{
	cli_model m;
	memset(&m, 0, sizeof(m));
	int rc = model_load(a, input, &m);
	if (rc == CLI_EXIT_OK && job->prepare != NULL)
		rc = job->prepare(&m, job->ctx);
	if (rc == CLI_EXIT_OK) {
		struct job_write w = { job, &m };
		rc = cli_output_write(output, write_job, &w);
	}
	fl_plan_release(&m.plan);
	fl_portfolio_free(m.portfolio);
	fl_policy_free(m.policy);
	return rc;
}
