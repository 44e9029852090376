/*
 * run.h - load the policy, the thresholds and the portfolio the options
 * name, classify, and hand the result to a command's writer.
 */
#ifndef CLI_RUN_H
#define CLI_RUN_H

#include <focuslevel/focuslevel.h>

#include "options.h"

/* Load the policy at `path` (NULL: the built-in one) into *out, the
 * caller's to fl_policy_free.  Returns CLI_EXIT_OK or CLI_EXIT_FAIL
 * (reported). */
int cli_policy_load(const char *path, fl_policy **out);

/* Load the policy (or the default) and the thresholds file, and apply the
 * given cuts, splits, cap and grouping: *spec is what classifies a
 * portfolio, once cli_plan_period has set its period.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL (reported); fl_policy_free *policy either
 * way. */
int cli_model_policy(const cli_model_args *a, fl_policy **policy,
                     fl_plan_spec *spec);

/* The threads -j asks for: `asked`, or when 0 every online CPU; at most
 * 8. */
unsigned cli_jobs(unsigned asked);

/* The load options of `a` with the activities of `pol`. */
fl_load_options cli_load_options(const cli_model_args *a,
                                 const fl_policy *pol);

/*
 * The period of portfolio p (or --period's) in *spec, and the policy's
 * costs for it; when it is not a date range and the run needs the year
 * fraction, a warning about `display` says one year is assumed.  Then the
 * as-of day (--as-of, else the period's last day, else the latest order
 * date): returns CLI_EXIT_FAIL (reported) when an order is after it, else
 * CLI_EXIT_OK.
 */
int cli_plan_period(const cli_model_args *a, const fl_policy *pol,
                     const fl_portfolio *p, const char *display,
                     fl_plan_spec *spec);

/* A loaded, classified portfolio with the policy it was classified by. */
typedef struct cli_model {
	const char *input;       /* the portfolio as messages name it */
	fl_policy *policy;
	fl_portfolio *portfolio;
	fl_plan plan;
} cli_model;

/* What a command does with a classified portfolio. */
struct cli_job {
	/* Before the output is opened (NULL: nothing to do): returns
	 * CLI_EXIT_OK to go on, else the exit status (reported). */
	int (*prepare)(const cli_model *m, void *ctx);
	/* Write the output; returns the writer's status. */
	fl_status (*write)(fl_out *o, const cli_model *m, void *ctx);
	void *ctx;
};

/*
 * Load the policy and the portfolio at `input` (NULL or "-": standard
 * input) as `a` says, classify, run job->prepare, then write what
 * job->write writes to `output` (NULL: standard output).  Returns
 * CLI_EXIT_OK, or CLI_EXIT_FAIL (reported).
 */
int cli_run(const cli_model_args *a, const char *input, const char *output,
            const struct cli_job *job);

#endif
