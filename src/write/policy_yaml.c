/*
 * policy_yaml.c - a policy, or computed thresholds, written as commented
 * YAML that load/policy_load.c reads back to the same values.
 */
#include <focuslevel/policy.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "write/escape.h"

/* ---- writing ---------------------------------------------------------- */


static void num(fl_out *o, double v)
{
	char tmp[FL_SHORTEST_MAX];
	fl_out_write(o, tmp, fl_fmt_shortest(tmp, v));
}

/* An axis, its lines indented by `in` ("" or "    ").  The value axis's
 * comment names clv as a basis when it is one or when `list_clv` (the
 * policy's own axes); thresholds files keep the comment they had. */
static void write_axis(fl_out *o, const char *in, const char *name,
                       const fl_axis_spec *a, bool margin, bool list_clv)
{
	bool absolute = a->has_cuts && a->has_split;
	fl_out_printf(o, "%s%s:\n", in, name);
	if (margin)
		fl_out_printf(o, "%s  basis: %s        # percent (margin %% of "
		              "revenue) or absolute (margin amount)\n", in,
		              fl_basis_name(a->basis));
	else if (a->basis == FL_BASIS_CLV || list_clv)
		fl_out_printf(o, "%s  basis: %s  # average-order (revenue per "
		              "order), revenue or clv (lifetime value)\n", in,
		              fl_basis_name(a->basis));
	else
		fl_out_printf(o, "%s  basis: %s  # average-order (revenue per "
		              "order) or revenue\n", in, fl_basis_name(a->basis));
	fl_out_printf(o, "%s  method: %s      # quantile (fractions of the "
	              "portfolio) or absolute (values)\n", in,
	              absolute ? "absolute" : "quantile");
	fl_out_printf(o, "%s  cuts: [", in);
	num(o, absolute ? a->cut_low : a->q_low);
	fl_out_puts(o, ", ");
	num(o, absolute ? a->cut_high : a->q_high);
	fl_out_puts(o, "]  # low below the first, high from the second on\n");
	fl_out_printf(o, "%s  split: ", in);
	num(o, absolute ? a->split : a->q_split);
	fl_out_puts(o, "  # quadrant: high from here on\n");
}

/* Computed thresholds as absolute values. */
static void absolute_spec(const fl_thresholds *t, fl_axis_spec spec[2])
{
	const fl_axis *axes[2] = { &t->margin, &t->value };
	for (int i = 0; i < 2; i++) {
		memset(&spec[i], 0, sizeof(spec[i]));
		spec[i].basis = axes[i]->basis;
		spec[i].has_cuts = spec[i].has_split = true;
		spec[i].cut_low = axes[i]->cut_low;
		spec[i].cut_high = axes[i]->cut_high;
		spec[i].split = axes[i]->split;
	}
}

/* segments: the thresholds of each group (a segment name as the key,
 * "(none)" for no segment), axes indented under it. */
static void write_segment(fl_out *o, const char *segment,
                          const fl_axis_spec spec[2])
{
	fl_out_puts(o, "  ");
	fl_yaml_string(o, segment[0] != '\0' ? segment : FL_GROUP_NONE);
	fl_out_puts(o, ":\n");
	write_axis(o, "    ", "margin", &spec[0], true, false);
	write_axis(o, "    ", "value", &spec[1], false, false);
}

void fl_thresholds_write(fl_out *o, const fl_plan *plan)
{
	fl_axis_spec spec[2];
	absolute_spec(&plan->thresholds, spec);
	fl_out_puts(o,
	    "# focuslevel thresholds: the cuts and splits of one portfolio, as\n"
	    "# a policy with absolute values.  Classify shards of the same\n"
	    "# portfolio alike with: focuslevel assign --thresholds FILE SHARD\n");
	write_axis(o, "", "margin", &spec[0], true, false);
	write_axis(o, "", "value", &spec[1], false, false);
	if (plan->by != FL_BY_SEGMENT)
		return;
	fl_out_puts(o,
	    "# Thresholds per segment: the segments with at least min_group\n"
	    "# customers; the others take the whole portfolio's above.\n"
	    "by: segment\n");
	bool any = false;
	for (size_t g = 0; g < plan->group_count; g++) {
		const fl_group *gr = &plan->groups[g];
		if (!gr->own)
			continue;
		if (!any)
			fl_out_puts(o, "segments:\n");
		any = true;
		absolute_spec(&gr->thresholds, spec);
		write_segment(o, gr->segment, spec);
	}
	if (!any)
		fl_out_puts(o, "segments: {}\n");
}

void fl_policy_write(fl_out *o, const fl_policy *p)
{
	fl_out_puts(o,
	    "# focuslevel policy: what the model assumes.\n"
	    "# Save it (focuslevel policy > policy.yaml), edit it, and pass it to\n"
	    "# any command with --policy policy.yaml.  Keys left out keep these\n"
	    "# defaults; unknown keys are errors.  Command-line cuts and splits\n"
	    "# override the ones here.\n"
	    "\n"
	    "# Tier cuts and quadrant split per axis.\n");
	write_axis(o, "", "margin", &p->thresholds.margin, true, true);
	write_axis(o, "", "value", &p->thresholds.value, false, true);
	fl_out_puts(o,
	    "\n"
	    "# Thresholds per group: none (the whole portfolio) or segment (the\n"
	    "# quantiles within each segment; a segment with fewer than\n"
	    "# min_group customers takes the whole portfolio's).  Absolute cuts\n"
	    "# apply to every group alike.  --by overrides.\n");
	fl_out_printf(o, "by: %s\n", fl_group_by_name(p->by));
	fl_out_printf(o, "min_group: %zu\n", p->min_group);
	if (p->group_count > 0) {
		fl_out_puts(o, "# Thresholds given per segment (absolute), as "
		            "'thresholds --by segment' writes them.\n"
		            "segments:\n");
		for (size_t g = 0; g < p->group_count; g++) {
			const fl_group_spec *gs = &p->groups[g];
			write_segment(o, gs->segment, (fl_axis_spec[2]){
			              gs->thresholds.margin, gs->thresholds.value });
		}
	}
	fl_out_puts(o,
	    "\n"
	    "# Cost to serve: the cost per unit of each activity a customer\n"
	    "# counts in the period (customer key activities: {deliveries: 14});\n"
	    "# orders counts the customer's orders.  A customer's cost to serve\n"
	    "# is its service_cost plus count * cost for each activity, in this\n"
	    "# order.\n"
	    "activities:");
	if (p->activity_count == 0)
		fl_out_puts(o, " {}");
	for (size_t j = 0; j < p->activity_count; j++) {
		fl_out_puts(o, "\n  ");
		fl_yaml_string(o, p->activities[j].name);
		fl_out_puts(o, ": ");
		num(o, p->activities[j].rate);
	}
	fl_out_puts(o,
	    "\n"
	    "\n"
	    "# The share of a customer's contribution (margin after its cost to\n"
	    "# serve) that its level's service may take: the affordable level is\n"
	    "# the highest whose cost for the period fits in it.\n"
	    "service_share: ");
	num(o, p->service_share);
	fl_out_puts(o,
	    "\n"
	    "# none: every customer at its grid level; affordable: an unpinned\n"
	    "# customer at most at its affordable level.  --cap overrides.\n");
	fl_out_printf(o, "cap: %s\n", fl_cap_name(p->cap));
	fl_out_puts(o,
	    "\n"
	    "# Customer value, for customers whose orders carry dates: the\n"
	    "# lifetime value sums the expected contribution of the next\n"
	    "# horizon_months months (a whole number from 1 to 1200), each month\n"
	    "# discounted at the yearly discount_rate (0.10 is 10 %).\n");
	fl_out_printf(o, "horizon_months: %u\n", p->horizon_months);
	fl_out_puts(o, "discount_rate: ");
	num(o, p->discount_rate);
	fl_out_puts(o,
	    "\n"
	    "\n"
	    "# The report lists as at risk the customers at proactive or\n"
	    "# partnership whose probability of being alive (p_alive) is below\n"
	    "# at_risk_below (above 0, at most 1), and as room for growth those\n"
	    "# whose share of wallet is below share_below percent (above 0).\n"
	    "at_risk_below: ");
	num(o, p->at_risk_below);
	fl_out_puts(o, "\nshare_below: ");
	num(o, p->share_below);
	fl_out_putc(o, '\n');
	fl_out_puts(o,
	    "\n"
	    "# Order lines (CSV/TSV, docs/import.md): the header of a field's\n"
	    "# column, for a field its synonyms do not find (id, order, date,\n"
	    "# value, quantity, unit_price, cost, profit, name, segment).  --map\n"
	    "# overrides it field by field.\n"
	    "columns:");
	bool any = false;
	for (int f = 0; f < FL_LINE_FIELDS; f++) {
		if (p->columns[f] == NULL)
			continue;
		fl_out_printf(o, "\n  %s: ", fl_line_field_name((fl_line_field)f));
		fl_yaml_string(o, p->columns[f]);
		any = true;
	}
	fl_out_puts(o, any ? "\n" : " {}\n");
	fl_out_puts(o,
	    "\n"
	    "# Per level: what the service is, what it involves, how often the\n"
	    "# customer is contacted, and the annual cost of serving one customer\n"
	    "# at that level (in the portfolio's currency; a period's share of it\n"
	    "# is charged, and costs must not decrease from basic to\n"
	    "# partnership).\n"
	    "levels:\n");
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_policy *lp = &p->levels[l];
		fl_out_printf(o, "  %s:\n    description: ", fl_level_name((fl_level)l));
		fl_yaml_string(o, lp->description);
		fl_out_puts(o, "\n    actions:");
		if (lp->action_count == 0)
			fl_out_puts(o, " []");
		for (size_t i = 0; i < lp->action_count; i++) {
			fl_out_puts(o, "\n      - ");
			fl_yaml_string(o, lp->actions[i]);
		}
		fl_out_puts(o, "\n    contacts_per_year: ");
		num(o, lp->contacts);
		fl_out_puts(o, "\n    cost: ");
		num(o, lp->cost);
		fl_out_putc(o, '\n');
	}
}
