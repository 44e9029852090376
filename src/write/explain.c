/*
 * explain.c - every step of the model for one customer
 * (`focuslevel explain`), with its numbers.
 */
#include <focuslevel/report.h>

#include <string.h>

#include "util/number.h"
#include "write/text.h"

/* Text from the portfolio or the policy: one line, no control characters. */
static void text(fl_out *o, const char *s)
{
	fl_text_write(o, s, strlen(s));
}

static const char *money(char *buf, double v)
{
	fl_fmt_money(buf, v);
	return buf;
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
	fl_out_printf(o, "%s: %s = %s\n", title, fl_basis_symbol(a->basis),
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

fl_status fl_explain_write(fl_out *o, const fl_portfolio *p,
                           const fl_plan *plan, const fl_policy *pol,
                           size_t i)
{
	const fl_customer *c = &p->customers[i];
	fl_metrics mtv = fl_metrics_of(c);
	const fl_metrics *mt = &mtv;
	const fl_class *k = &plan->classes[i];
	const fl_thresholds *t = &plan->thresholds;
	const fl_level_policy *lp = &pol->levels[k->level];
	char b1[FL_MONEY_MAX], b2[FL_MONEY_MAX], b3[FL_MONEY_MAX];

	fl_out_puts(o, "customer ");
	text(o, c->id);
	fl_out_puts(o, ": ");
	text(o, c->name);
	if (c->segment[0]) {
		fl_out_puts(o, " (segment ");
		text(o, c->segment);
		fl_out_putc(o, ')');
	}
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
		if (c->reason[0]) {
			fl_out_puts(o, ": ");
			text(o, c->reason);
		}
		fl_out_putc(o, '\n');
	}
	fl_out_printf(o, "\nservice at %s: ", fl_level_name(k->level));
	text(o, lp->description);
	fl_out_putc(o, '\n');
	for (size_t a = 0; a < lp->action_count; a++) {
		fl_out_puts(o, "  - ");
		text(o, lp->actions[a]);
		fl_out_putc(o, '\n');
	}
	fl_out_printf(o, "  contacts per year: %s\n", money(b1, lp->contacts));
	fl_out_printf(o, "  service cost: %s\n", money(b1, lp->cost));
	fl_out_printf(o, "  margin after service: %s - %s = %s\n",
	              money(b1, mt->margin), money(b2, lp->cost),
	              money(b3, mt->margin - lp->cost));
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}
