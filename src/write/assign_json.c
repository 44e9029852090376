/*
 * report_json.c - the assignment as one JSON object.
 *
 * Money and percent are numbers with two decimals; thresholds are written
 * in full (shortest round-trip form), so they can be fed back exactly.
 */
#include <string.h>

#include "write/assign_int.h"

static void opt_string(fl_out *o, const char *s)
{
	if (s[0] == '\0')
		fl_out_puts(o, "null");
	else
		fl_json_string(o, s, strlen(s));
}

static void number(fl_out *o, double v)
{
	char tmp[FL_SHORTEST_MAX];
	fl_out_write(o, tmp, fl_fmt_shortest(tmp, v));
}

static const char *source_name(fl_source s)
{
	return s == FL_SOURCE_GIVEN ? "given" : "computed";
}

static void axis(fl_out *o, const char *name, const fl_axis *a)
{
	fl_out_printf(o, "    \"%s\": {\"basis\": \"%s\", \"cuts\": [", name,
	              fl_basis_name(a->basis));
	number(o, a->cut_low);
	fl_out_puts(o, ", ");
	number(o, a->cut_high);
	fl_out_printf(o, "], \"cuts_source\": \"%s\", \"split\": ",
	              source_name(a->cuts_source));
	number(o, a->split);
	fl_out_printf(o, ", \"split_source\": \"%s\", \"quantiles\": [",
	              source_name(a->split_source));
	number(o, a->q_low);
	fl_out_puts(o, ", ");
	number(o, a->q_high);
	fl_out_puts(o, ", ");
	number(o, a->q_split);
	fl_out_puts(o, "]}");
}

void fl_json_thresholds(fl_out *o, const fl_thresholds *t)
{
	fl_out_puts(o, "{\n");
	axis(o, "margin", &t->margin);
	fl_out_puts(o, ",\n");
	axis(o, "value", &t->value);
	fl_out_puts(o, "\n  }");
}

fl_status fl_write_json(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                        const size_t *rows)
{
	fl_out_puts(o, "{\n  \"portfolio\": ");
	opt_string(o, p->name);
	fl_out_puts(o, ",\n  \"currency\": ");
	opt_string(o, p->currency);
	fl_out_puts(o, ",\n  \"period\": ");
	opt_string(o, p->period);
	fl_out_printf(o, ",\n  \"count\": %zu,\n  \"skipped\": %zu,\n"
	              "  \"thresholds\": ", plan->count, p->skipped);
	fl_json_thresholds(o, &plan->thresholds);
	fl_out_puts(o, ",\n  \"customers\": [");
	fl_row r;
	for (size_t n = 0; n < plan->count; n++) {
		size_t i = rows != NULL ? rows[n] : n;
		fl_row_fill(&r, &p->customers[i], &plan->classes[i]);
		fl_out_puts(o, n == 0 ? "\n    {" : ",\n    {");
		for (int c = 0; c < FL_NCOLS; c++) {
			if (c > 0)
				fl_out_puts(o, ", ");
			fl_out_putc(o, '"');
			fl_out_puts(o, fl_col_names[c]);
			fl_out_puts(o, "\": ");
			if (c == FL_COL_PINNED)
				fl_out_puts(o, p->customers[i].pin ? "true" : "false");
			else if (fl_col_numeric[c])
				fl_out_write(o, r.cell[c], r.len[c]);
			else
				fl_json_string(o, r.cell[c], r.len[c]);
		}
		fl_out_putc(o, '}');
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	fl_out_puts(o, plan->count ? "\n  ]\n}\n" : "]\n}\n");
	return FL_OK;
}
