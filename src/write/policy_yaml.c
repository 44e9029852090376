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

/* ---- writing ---------------------------------------------------------- */

static void yaml_string(fl_out *o, const char *s)
{
	fl_out_putc(o, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			fl_out_putc(o, '\\');
			fl_out_putc(o, (char)c);
		} else if (c == '\n') {
			fl_out_puts(o, "\\n");
		} else if (c == '\t') {
			fl_out_puts(o, "\\t");
		} else if (c == 0xC2 && (unsigned char)s[1] == 0x85) {
			/* YAML reads NEL, LS and PS as line breaks and folds them
			 * into spaces, so they are written as escapes. */
			fl_out_puts(o, "\\N");
			s++;
		} else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
		           ((unsigned char)s[2] == 0xA8 ||
		            (unsigned char)s[2] == 0xA9)) {
			fl_out_puts(o, (unsigned char)s[2] == 0xA8 ? "\\L" : "\\P");
			s += 2;
		} else if (c < 0x20 || c == 0x7f) {
			fl_out_printf(o, "\\x%02x", c);
		} else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		           (unsigned char)s[1] <= 0x9F) {
			/* The other C1 controls, which YAML does not accept raw. */
			fl_out_printf(o, "\\x%02x", (unsigned char)s[1]);
			s++;
		} else if (c == 0xEF && (unsigned char)s[1] == 0xBB &&
		           (unsigned char)s[2] == 0xBF) {
			fl_out_puts(o, "\\uFEFF");  /* a byte order mark */
			s += 2;
		} else if (c == 0xEF && (unsigned char)s[1] == 0xBF &&
		           ((unsigned char)s[2] == 0xBE ||
		            (unsigned char)s[2] == 0xBF)) {
			/* The noncharacters U+FFFE and U+FFFF: valid UTF-8, but
			 * YAML refuses them raw (not in its printable set); a JSON
			 * policy may hold them as "\\ufffe". */
			fl_out_puts(o, (unsigned char)s[2] == 0xBE ? "\\uFFFE"
			                                           : "\\uFFFF");
			s += 2;
		} else {
			fl_out_putc(o, (char)c);
		}
	}
	fl_out_putc(o, '"');
}

static void num(fl_out *o, double v)
{
	char tmp[FL_SHORTEST_MAX];
	fl_out_write(o, tmp, fl_fmt_shortest(tmp, v));
}

static void write_axis(fl_out *o, const char *name, const fl_axis_spec *a,
                       bool margin)
{
	bool absolute = a->has_cuts && a->has_split;
	fl_out_printf(o, "%s:\n", name);
	if (margin)
		fl_out_printf(o, "  basis: %s        # percent (margin %% of revenue) "
		              "or absolute (margin amount)\n", fl_basis_name(a->basis));
	else
		fl_out_printf(o, "  basis: %s  # average-order (revenue per order) "
		              "or revenue\n", fl_basis_name(a->basis));
	fl_out_printf(o, "  method: %s      # quantile (fractions of the "
	              "portfolio) or absolute (values)\n",
	              absolute ? "absolute" : "quantile");
	fl_out_puts(o, "  cuts: [");
	num(o, absolute ? a->cut_low : a->q_low);
	fl_out_puts(o, ", ");
	num(o, absolute ? a->cut_high : a->q_high);
	fl_out_puts(o, "]  # low below the first, high from the second on\n");
	fl_out_puts(o, "  split: ");
	num(o, absolute ? a->split : a->q_split);
	fl_out_puts(o, "  # quadrant: high from here on\n");
}

void fl_thresholds_write(fl_out *o, const fl_thresholds *t)
{
	const fl_axis *axes[2] = { &t->margin, &t->value };
	fl_axis_spec spec[2];
	for (int i = 0; i < 2; i++) {
		memset(&spec[i], 0, sizeof(spec[i]));
		spec[i].basis = axes[i]->basis;
		spec[i].has_cuts = spec[i].has_split = true;
		spec[i].cut_low = axes[i]->cut_low;
		spec[i].cut_high = axes[i]->cut_high;
		spec[i].split = axes[i]->split;
	}
	fl_out_puts(o,
	    "# focuslevel thresholds: the cuts and splits of one portfolio, as\n"
	    "# a policy with absolute values.  Classify shards of the same\n"
	    "# portfolio alike with: focuslevel assign --thresholds FILE SHARD\n");
	write_axis(o, "margin", &spec[0], true);
	write_axis(o, "value", &spec[1], false);
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
	write_axis(o, "margin", &p->thresholds.margin, true);
	write_axis(o, "value", &p->thresholds.value, false);
	fl_out_puts(o,
	    "\n"
	    "# Per level: what the service is, what it involves, how often the\n"
	    "# customer is contacted, and the annual cost of serving one customer\n"
	    "# at that level (in the portfolio's currency).\n"
	    "levels:\n");
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_policy *lp = &p->levels[l];
		fl_out_printf(o, "  %s:\n    description: ", fl_level_name((fl_level)l));
		yaml_string(o, lp->description);
		fl_out_puts(o, "\n    actions:");
		if (lp->action_count == 0)
			fl_out_puts(o, " []");
		for (size_t i = 0; i < lp->action_count; i++) {
			fl_out_puts(o, "\n      - ");
			yaml_string(o, lp->actions[i]);
		}
		fl_out_puts(o, "\n    contacts_per_year: ");
		num(o, lp->contacts);
		fl_out_puts(o, "\n    cost: ");
		num(o, lp->cost);
		fl_out_putc(o, '\n');
	}
}
