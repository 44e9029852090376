/*
 * cmd_explain.c - `focuslevel explain ID`: every step for one customer.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "run.h"

static const struct cli_option options[] = {
	CLI_OPT_GROUP(cli_opt_model),
	CLI_OPT_GROUP(cli_opt_help),
	CLI_OPT_END
};

static const struct cli_command command = {
	.head =
"Usage: focuslevel explain [OPTIONS] ID [FILE]\n"
"\n"
"Show, for the customer with id ID, each step of the model with its\n"
"numbers: revenue, cost, orders, the period and its year fraction f,\n"
"margin, margin percent, order value, the group whose thresholds apply\n"
"(--by segment), the cuts and the tier on each axis, the quadrant, the\n"
"level from the grid, any pin, the cost to serve term by term, the\n"
"contribution, each level's cost for the period and the affordable level,\n"
"the cap and the final level, today's level and the change, and the final\n"
"level's service: actions, contacts, cost and the profit after it.\n"
"When the portfolio has order dates, last the customer value as of the\n"
"as-of date: x, t_x and T, the fitted BG/NBD and Gamma-Gamma models,\n"
"p_alive, the expected orders over the policy's horizon, the expected\n"
"order value and the lifetime value month by month.\n"
"\n",
	.options = options,
	.tail =
"\n"
"Exit status: 0 success, 1 invalid input or unknown id, 2 usage error.\n",
};

/* Edit distance, for suggesting the ids closest to a mistyped one. */
static size_t distance(const char *a, const char *b, size_t *row, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if (lb + 1 > cap)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void suggest(const fl_portfolio *p, const char *id, const char *file)
{
	enum { KEEP = 3, CAP = 256, ID_SHOWN = 64 };
	size_t row[CAP];
	size_t best[KEEP], dist[KEEP], n = 0;
	size_t limit = strlen(id) / 2 > 2 ? strlen(id) / 2 : 2;
	for (size_t i = 0; i < p->count; i++) {
		size_t d = distance(id, p->customers[i].id, row, CAP);
		if (d > limit)
			continue;
		/* Keep the KEEP closest, earlier ones first among equals. */
		size_t k = n < KEEP ? n++ : KEEP;
		while (k > 0 && dist[k - 1] > d) {
			if (k < KEEP) {
				best[k] = best[k - 1];
				dist[k] = dist[k - 1];
			}
			k--;
		}
		if (k < KEEP) {
			best[k] = i;
			dist[k] = d;
		}
	}
	/* One message, through msg.c like every other; ids, the one asked
	 * for included, go through the library's quoting function, which
	 * escapes what a terminal would obey and cuts long ones. */
	char *asked = fl_quote(id, strlen(id), ID_SHOWN, FL_QUOTE_MARKS);
	char *list[KEEP] = { NULL };
	bool oom = asked == NULL;
	for (size_t k = 0; k < n; k++) {
		const char *s = p->customers[best[k]].id;
		list[k] = fl_quote(s, strlen(s), ID_SHOWN, FL_QUOTE_MARKS);
		oom = oom || list[k] == NULL;
	}
	if (oom)
		cli_errorf("out of memory");
	else if (n == 0)
		cli_errorf("%s: no customer with id %s", file, asked);
	else
		cli_errorf("%s: no customer with id %s; did you mean %s%s%s%s%s?",
		           file, asked, list[0],
		           n == 3 ? ", " : n == 2 ? " or " : "",
		           n >= 2 ? list[1] : "", n == 3 ? " or " : "",
		           n == 3 ? list[2] : "");
	free(asked);
	for (size_t k = 0; k < n; k++)
		free(list[k]);
}

/* The customer asked for, and the file it is looked for in. */
struct explain {
	const char *id;
	const char *file;
	size_t index;
};

/* Find the customer before the output is opened: an unknown id writes
 * nothing. */
static int prepare(const cli_model *m, void *ctx)
{
	struct explain *e = ctx;
	const fl_portfolio *p = m->portfolio;
	for (e->index = 0; e->index < p->count; e->index++)
		if (strcmp(p->customers[e->index].id, e->id) == 0)
			return CLI_EXIT_OK;
	suggest(p, e->id, e->file);
	return CLI_EXIT_FAIL;
}

static fl_status write_explain(fl_out *o, const cli_model *m, void *ctx)
{
	const struct explain *e = ctx;
	return fl_explain_write(o, m->portfolio, &m->plan, m->policy, e->index);
}

int cli_cmd_explain(int argc, char **argv)
{
	struct cli_args a;
	int rc;
	if (!cli_options_parse(&command, argc, argv, &a, NULL, &rc))
		return rc;
	if (a.first >= argc)
		return cli_usage_error(NULL, "missing customer ID");
	if (argc - a.first > 2)
		return cli_usage_error(NULL, "expected ID and at most one FILE");
	const char *input = a.first + 1 < argc ? argv[a.first + 1] : NULL;
	struct explain e = { argv[a.first], cli_input_display(input), 0 };
	struct cli_job job = { prepare, write_explain, &e };
	/* The customer value is shown whenever the portfolio has dates: ask
	 * for the fit (it does nothing without dates). */
	a.model.value = true;
	/* explain writes to standard output only. */
	return cli_run(&a.model, input, NULL, &job);
}
