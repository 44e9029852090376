/*
 * cmd_explain.c - `focuslevel explain ID`: every step for one customer.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"Usage: focuslevel explain [OPTIONS] ID [FILE]\n"
"\n"
"Show, for the customer with id ID, each step of the model with its\n"
"numbers: revenue, cost, orders, margin, margin percent, order value, the\n"
"cuts and the tier on each axis, the quadrant, the level from the grid,\n"
"any pin, and the level's service actions, cost and the margin after it.\n"
"\n"
"Options:\n"
CLI_MODEL_HELP
"  -h, --help               show this help\n"
"\n"
"Exit status: 0 success, 1 invalid input or unknown id, 2 usage error.\n";

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
	enum { KEEP = 3, CAP = 256 };
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
	if (n == 0) {
		cli_errorf("%s: no customer with id \"%s\"", file, id);
		return;
	}
	/* One message, through msg.c like every other; long ids are cut. */
	char list[KEEP * 80];
	size_t used = 0;
	for (size_t k = 0; k < n && used < sizeof(list); k++)
		used += (size_t)snprintf(list + used, sizeof(list) - used,
		                         "%s\"%.64s\"",
		                         k == 0 ? "" : (k + 1 == n ? " or " : ", "),
		                         p->customers[best[k]].id);
	cli_errorf("%s: no customer with id \"%s\"; did you mean %s?", file, id,
	          list);
}

int cli_cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_MODEL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	cli_model_args ma;
	cli_model_args_init(&ma);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		}
		int rc = cli_other_option(&ma, c, optarg, argv);
		if (rc != 0)
			return rc;
	}
	if (optind >= argc)
		return cli_usage_error("explain", "missing customer ID");
	if (argc - optind > 2)
		return cli_usage_error("explain", "expected ID and at most one FILE");
	const char *id = argv[optind];
	const char *input = optind + 1 < argc ? argv[optind + 1] : NULL;

	cli_model m;
	fl_out *o = NULL;
	int rc = cli_model_load(&ma, input, &m);
	if (rc != CLI_EXIT_OK)
		goto out;
	size_t i = 0;
	while (i < m.portfolio->count && strcmp(m.portfolio->customers[i].id, id))
		i++;
	if (i == m.portfolio->count) {
		suggest(m.portfolio, id, cli_input_display(input));
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	rc = cli_output_open(NULL, &o);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = cli_output_finish(o, fl_explain_write(o, m.portfolio, &m.plan,
	                                          m.policy, i), NULL);
	o = NULL;
out:
	cli_output_abort(o);
	cli_model_release(&m);
	return rc;
}
