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
FL_MODEL_HELP
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
		fl_errorf("%s: no customer with id \"%s\"", file, id);
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
	fl_errorf("%s: no customer with id \"%s\"; did you mean %s?", file, id,
	          list);
}

static const char *money(char *buf, double v)
{
	fl_fmt_money(buf, v);
	return buf;
}

static const char *axis_name(fl_basis b)
{
	switch (b) {
	case FL_BASIS_MARGIN: return "margin M";
	case FL_BASIS_ORDER_VALUE: return "order value V";
	case FL_BASIS_REVENUE: return "revenue R";
	case FL_BASIS_MARGIN_PCT: break;
	}
	return "margin percent P";
}

static void source(fl_out *o, fl_source s, double q)
{
	if (s == FL_SOURCE_GIVEN)
		fl_out_puts(o, "given");
	else
		fl_out_printf(o, "quantile %.4g of the portfolio", q);
}

static void explain_axis(fl_out *o, const char *title, const fl_axis *a,
                         double x, fl_tier tier)
{
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];
	fl_out_printf(o, "%s: %s = %s\n", title, axis_name(a->basis),
	              money(b1, x));
	fl_out_printf(o, "  cuts: %s (", money(b1, a->cut_low));
	source(o, a->cuts_source, a->q_low);
	fl_out_printf(o, ") and %s (", money(b2, a->cut_high));
	source(o, a->cuts_source, a->q_high);
	fl_out_puts(o, ")\n");
	switch (tier) {
	case FL_TIER_LOW:
		fl_out_printf(o, "  %s < %s -> tier low (0)\n", money(b1, x),
		              money(b2, a->cut_low));
		break;
	case FL_TIER_MEDIUM:
		fl_out_printf(o, "  %s <= %s < %s -> tier medium (1)\n",
		              money(b1, a->cut_low), money(b2, x),
		              money(b3, a->cut_high));
		break;
	case FL_TIER_HIGH:
		fl_out_printf(o, "  %s >= %s -> tier high (2)\n", money(b1, x),
		              money(b2, a->cut_high));
		break;
	}
}

static void explain(fl_out *o, const fl_model *m, size_t i)
{
	const fl_customer *c = &m->portfolio->customers[i];
	fl_metrics mtv = fl_metrics_of(c);
	const fl_metrics *mt = &mtv;
	const fl_class *k = &m->plan.classes[i];
	const fl_thresholds *t = &m->plan.thresholds;
	const fl_level_policy *lp = &m->policy->levels[k->level];
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];

	fl_out_printf(o, "customer %s: %s", c->id, c->name);
	if (c->segment[0])
		fl_out_printf(o, " (segment %s)", c->segment);
	fl_out_putc(o, '\n');
	if (c->form == FL_FORM_DETAILED)
		fl_out_printf(o, "input: a list of %llu order%s\n",
		              (unsigned long long)c->orders, c->orders == 1 ? "" : "s");
	else
		fl_out_puts(o, "input: revenue, cost and an order count\n");
	fl_out_printf(o, "  revenue R = %s%s\n", money(b1, c->revenue),
	              c->form == FL_FORM_DETAILED ? " (sum of the order values)" : "");
	fl_out_printf(o, "  cost    C = %s%s\n", money(b1, c->cost),
	              c->form == FL_FORM_DETAILED ? " (sum of the order costs)" : "");
	fl_out_printf(o, "  orders  n = %llu\n", (unsigned long long)c->orders);
	fl_out_puts(o, "\nmargin\n");
	fl_out_printf(o, "  M = R - C = %s - %s = %s\n", money(b1, c->revenue),
	              money(b2, c->cost), money(b3, mt->margin));
	if (c->revenue == 0)
		fl_out_puts(o, "  P = 0 (no revenue)\n");
	else
		fl_out_printf(o, "  P = 100 * M / R = %s %%\n",
		              money(b1, mt->margin_pct));
	fl_out_puts(o, "\norder value\n");
	if (c->orders == 0)
		fl_out_puts(o, "  V = 0 (no orders)\n");
	else
		fl_out_printf(o, "  V = R / n = %s / %llu = %s\n",
		              money(b1, c->revenue), (unsigned long long)c->orders,
		              money(b2, mt->order_value));
	fl_out_putc(o, '\n');
	double xm = fl_axis_value(t->margin.basis, c, mt);
	double xv = fl_axis_value(t->value.basis, c, mt);
	explain_axis(o, "margin axis", &t->margin, xm, k->margin_tier);
	fl_out_putc(o, '\n');
	explain_axis(o, "value axis", &t->value, xv, k->value_tier);
	fl_out_puts(o, "\nquadrant\n");
	fl_out_printf(o, "  margin %s %s split %s (", money(b1, xm),
	              xm >= t->margin.split ? ">=" : "<", money(b2, t->margin.split));
	source(o, t->margin.split_source, t->margin.q_split);
	fl_out_printf(o, "): %s\n", xm >= t->margin.split ? "high" : "low");
	fl_out_printf(o, "  value  %s %s split %s (", money(b1, xv),
	              xv >= t->value.split ? ">=" : "<", money(b2, t->value.split));
	source(o, t->value.split_source, t->value.q_split);
	fl_out_printf(o, "): %s\n", xv >= t->value.split ? "high" : "low");
	fl_out_printf(o, "  -> %s\n", fl_quadrant_name(k->quadrant));
	fl_out_puts(o, "\nlevel\n");
	fl_out_printf(o, "  1 + margin tier %d + value tier %d = %d -> %s\n",
	              (int)k->margin_tier, (int)k->value_tier, (int)k->computed,
	              fl_level_name(k->computed));
	if (c->pin != FL_LEVEL_NONE) {
		fl_out_printf(o, "  pinned to %s", fl_level_name(c->pin));
		if (c->reason[0])
			fl_out_printf(o, ": %s", c->reason);
		fl_out_putc(o, '\n');
	}
	fl_out_printf(o, "\nservice at %s: %s\n", fl_level_name(k->level),
	              lp->description);
	for (size_t a = 0; a < lp->action_count; a++)
		fl_out_printf(o, "  - %s\n", lp->actions[a]);
	fl_out_printf(o, "  contacts per year: %s\n", money(b1, lp->contacts));
	fl_out_printf(o, "  service cost: %s\n", money(b1, lp->cost));
	fl_out_printf(o, "  margin after service: %s - %s = %s\n",
	              money(b1, mt->margin), money(b2, lp->cost),
	              money(b3, mt->margin - lp->cost));
}

int fl_cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		FL_MODEL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	fl_model_args ma;
	fl_model_args_init(&ma);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return FL_EXIT_OK;
		}
		int rc = fl_other_option(&ma, c, optarg, argv);
		if (rc != 0)
			return rc;
	}
	if (optind >= argc)
		return fl_usage_error("explain", "missing customer ID");
	if (argc - optind > 2)
		return fl_usage_error("explain", "expected ID and at most one FILE");
	const char *id = argv[optind];
	const char *input = optind + 1 < argc ? argv[optind + 1] : NULL;

	fl_model m;
	fl_out *o = NULL;
	int rc = fl_model_load(&ma, input, &m);
	if (rc != FL_EXIT_OK)
		goto out;
	size_t i = 0;
	while (i < m.portfolio->count && strcmp(m.portfolio->customers[i].id, id))
		i++;
	if (i == m.portfolio->count) {
		suggest(m.portfolio, id, fl_input_display(input));
		rc = FL_EXIT_FAIL;
		goto out;
	}
	rc = fl_open_output(NULL, &o);
	if (rc != FL_EXIT_OK)
		goto out;
	explain(o, &m, i);
	rc = fl_finish_output(o, "standard output");
	o = NULL;
out:
	fl_abort_output(o);
	fl_model_release(&m);
	return rc;
}
