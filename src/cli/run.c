/*
 * run.c - policy + thresholds + portfolio + plan in one place, so every
 * command classifies the same way.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
                     fl_plan_spec *spec)
{
	fl_plan_spec_init(spec);
	int rc = cli_policy_load(a->policy, policy);
	if (rc != CLI_EXIT_OK)
		return rc;
	fl_policy *pol = *policy;
	if (a->thresholds != NULL) {
		/* A thresholds file is a policy; only its axes, and its
		 * segments' when it has them, count. */
		fl_policy *t;
		rc = cli_policy_load(a->thresholds, &t);
		if (rc != CLI_EXIT_OK)
			return rc;
		fl_status st = fl_policy_take_thresholds(pol, t);
		fl_policy_free(t);
		if (st != FL_OK) {
			cli_errorf("out of memory");
			return CLI_EXIT_FAIL;
		}
	}
	spec->thresholds = pol->thresholds;
	override(&spec->thresholds.margin, &a->given.margin);
	override(&spec->thresholds.value, &a->given.value);
	spec->by = a->by_set ? a->by : pol->by;
	spec->min_group = pol->min_group;
	spec->horizon_months = pol->horizon_months;
	spec->discount_rate = pol->discount_rate;
	spec->value = a->value;
	if (spec->by == FL_BY_SEGMENT) {
		/* Given cuts apply to every group alike. */
		for (size_t i = 0; i < pol->group_count; i++) {
			override(&pol->groups[i].thresholds.margin, &a->given.margin);
			override(&pol->groups[i].thresholds.value, &a->given.value);
		}
		spec->groups = pol->groups;
		spec->group_count = pol->group_count;
	}
	fl_policy_econ(pol, 1, &spec->econ);
	if (a->cap_set)
		spec->econ.cap = a->cap;
	return CLI_EXIT_OK;
}

unsigned cli_jobs(unsigned asked)
{
	if (asked != 0)
		return asked > 8 ? 8 : asked;
	/* The default: every online CPU, at most 8. */
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

fl_load_options cli_load_options(const cli_model_args *a,
                                 const fl_policy *pol)
{
	fl_load_options o = a->load;
	o.jobs = cli_jobs(o.jobs);
	o.activities = pol->activities;
	o.activity_count = pol->activity_count;
	/* The policy's columns, unless --map names the field. */
	for (int f = 0; f < FL_LINE_FIELDS; f++)
		if (o.csv.map[f] == NULL)
			o.csv.map[f] = pol->columns[f];
	return o;
}

/*
 * The as-of day: --as-of, else the last day of the period when it is a
 * date range, else the latest order date; then no order may be after it.
 */
static int plan_as_of(const cli_model_args *a, const fl_portfolio *p,
                      const fl_period *per, const char *label,
                      const char *display, fl_plan_spec *spec)
{
	if (a->as_of_set)
		spec->as_of = a->as_of;
	else if (per != NULL)
		spec->as_of = fl_date_days(per->last);
	else
		spec->as_of = p->last_day;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_loyalty_check(p, spec->as_of, &diags);
	cli_print_diags(display, &diags);
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM)
		cli_errorf("out of memory");
	if (st == FL_ERR_INPUT) {
		char day[FL_DATE_MAX];
		fl_date_format(day, fl_date_of_days(spec->as_of));
		if (a->as_of_set) {
			cli_errorf("%s: the as-of date %s (--as-of) is before "
			           "the orders: give a later one", display, day);
		} else {
			char *q = fl_quote(label, strlen(label), 80,
			                   FL_QUOTE_MARKS);
			cli_errorf("%s: the as-of date %s is the last day of the "
			           "period %s: give the period the orders fall in, "
			           "or the as-of date with --as-of", display, day,
			           q != NULL ? q : "");
			free(q);
		}
	}
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int cli_plan_period(const cli_model_args *a, const fl_policy *pol,
                    const fl_portfolio *p, const char *display,
                    fl_plan_spec *spec)
{
	const char *label = a->period != NULL ? a->period : p->period;
	fl_period per;
	bool dated = fl_period_parse(label, &per) == FL_PERIOD_OK;
	double f = 1;
	spec->period_label = label;
	spec->period_source = FL_PERIOD_ASSUMED;
	if (dated) {
		f = per.year_fraction;
		spec->period_source = per.source;
	} else if (fl_policy_needs_period(pol, p)) {
		if (label[0] == '\0')
			cli_warnf(display, "the portfolio has no period: its "
			          "margins are taken as one year's (give the "
			          "period with --period, e.g. --period 2026-Q3)");
		else {
			char *q = fl_quote(label, strlen(label), 80,
			                   FL_QUOTE_MARKS);
			cli_warnf(display, "the period %s is not a date range: "
			          "margins are taken as one year's (give it with "
			          "--period, e.g. --period 2026-Q3)",
			          q != NULL ? q : "");
			free(q);
		}
	}
	bool cap = spec->econ.cap;
	fl_policy_econ(pol, f, &spec->econ);
	spec->econ.cap = cap;
	return plan_as_of(a, p, dated ? &per : NULL, label, display, spec);
}

static int model_load(const cli_model_args *a, const char *input,
                      cli_model *m)
{
	fl_plan_spec spec;
	m->input = cli_input_display(input);
	int rc = cli_model_policy(a, &m->policy, &spec);
	if (rc != CLI_EXIT_OK)
		return rc;
	fl_load_options lo = cli_load_options(a, m->policy);
	rc = cli_input_load(input, &lo, &m->portfolio);
	if (rc != CLI_EXIT_OK)
		return rc;
	rc = cli_plan_period(a, m->policy, m->portfolio, m->input, &spec);
	if (rc != CLI_EXIT_OK)
		return rc;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_plan_compute_diags(m->portfolio, &spec, &m->plan,
	                                     &diags);
	cli_print_diags(m->input, &diags);
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM)
		cli_errorf("out of memory");
	return st == FL_OK ? CLI_EXIT_OK : CLI_EXIT_FAIL;
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
