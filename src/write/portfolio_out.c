/*
 * portfolio_out.c - order lines aggregated (fl_orderlines) written as a
 * portfolio in the detailed form, YAML or JSON, for `import`: one customer
 * after the other, its orders in the order of their first line, amounts
 * exact (two decimals where they suffice), credit notes marked
 * `credit: true`.
 */
#include <string.h>

#include <focuslevel/orderlines.h>
#include <focuslevel/period.h>

#include "model/columns.h"
#include "util/number.h"
#include "write/escape.h"

/*
 * An amount: with two decimals (fl_fmt_money) when they read back as the
 * same double, else in its shortest exact form, so that the portfolio
 * written gives the same R and C, to the bit, as the lines (593.9 and
 * 957.5775 both stay what they are).
 */
static void amount(char *dst, double v)
{
	char m[FL_MONEY_MAX];
	size_t n = fl_fmt_money(m, v);
	double back;
	if (n < FL_SHORTEST_MAX && fl_number_parse(m, n, &back) == FL_NUM_OK &&
	    back == v)
		memcpy(dst, m, n + 1);
	else
		fl_fmt_shortest(dst, v);
}

static void order_yaml(fl_out *o, const fl_order *od)
{
	char v[FL_SHORTEST_MAX], k[FL_SHORTEST_MAX];
	amount(v, od->value);
	amount(k, od->cost);
	fl_out_printf(o, "      - {value: %s, cost: %s", v, k);
	if (od->day != FL_DAY_NONE) {
		char d[FL_DATE_MAX];
		fl_date_format(d, fl_date_of_days(od->day));
		fl_out_printf(o, ", date: %s", d);
	}
	fl_out_puts(o, od->value <= 0 ? ", credit: true}\n" : "}\n");
}

static void order_json(fl_out *o, const fl_order *od, bool first)
{
	char v[FL_SHORTEST_MAX], k[FL_SHORTEST_MAX];
	amount(v, od->value);
	amount(k, od->cost);
	fl_out_printf(o, "%s{\"value\": %s, \"cost\": %s", first ? "" : ", ", v,
	              k);
	if (od->day != FL_DAY_NONE) {
		char d[FL_DATE_MAX];
		fl_date_format(d, fl_date_of_days(od->day));
		fl_out_printf(o, ", \"date\": \"%s\"", d);
	}
	fl_out_puts(o, od->value <= 0 ? ", \"credit\": true}" : "}");
}

void fl_orderlines_write(fl_out *o, const fl_orderlines *ol, bool json)
{
	fl_out_puts(o, json ? "{\"customers\": [\n" : "customers:\n");
	bool first_c = true;
	for (size_t i = 0; i < ol->count; i++) {
		const fl_line_customer *c = &ol->customers[i];
		if (!c->valid)
			continue;
		bool named = strcmp(c->name, c->id) != 0;
		if (json) {
			fl_out_puts(o, first_c ? "  {\"id\": " : ",\n  {\"id\": ");
			fl_json_string(o, c->id, strlen(c->id));
			if (named) {
				fl_out_puts(o, ", \"name\": ");
				fl_json_string(o, c->name, strlen(c->name));
			}
			if (c->segment[0] != '\0') {
				fl_out_puts(o, ", \"segment\": ");
				fl_json_string(o, c->segment, strlen(c->segment));
			}
			fl_out_puts(o, ", \"orders\": [");
			bool first = true;
			for (uint32_t k = c->first; k != FL_ORDER_END;
			     k = ol->orders[k].next, first = false)
				order_json(o, &ol->orders[k], first);
			fl_out_puts(o, "]}");
		} else {
			fl_out_puts(o, "  - id: ");
			fl_yaml_string(o, c->id);
			if (named) {
				fl_out_puts(o, "\n    name: ");
				fl_yaml_string(o, c->name);
			}
			if (c->segment[0] != '\0') {
				fl_out_puts(o, "\n    segment: ");
				fl_yaml_string(o, c->segment);
			}
			fl_out_puts(o, "\n    orders:\n");
			for (uint32_t k = c->first; k != FL_ORDER_END;
			     k = ol->orders[k].next)
				order_yaml(o, &ol->orders[k]);
		}
		first_c = false;
	}
	if (json)
		fl_out_puts(o, first_c ? "]}\n" : "\n]}\n");
}
