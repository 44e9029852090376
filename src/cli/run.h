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
 * given cuts and splits: *spec is what classifies a portfolio.  Returns
 * CLI_EXIT_OK or CLI_EXIT_FAIL (reported); fl_policy_free *policy either
 * way. */
int cli_model_policy(const cli_model_args *a, fl_policy **policy,
                     fl_threshold_spec *spec);

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
