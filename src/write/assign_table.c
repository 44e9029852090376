/*
 * report_table.c - the assignment aligned for a terminal.
 *
 * A header says what was classified and with which thresholds; the rows
 * follow in aligned columns (numbers to the right).  Text goes through
 * fl_text_write (text.h), so that one customer is one line.
 */
#include <stdlib.h>
#include <string.h>

#include "write/assign_int.h"
#include "write/text.h"

static void pad(fl_out *o, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		fl_out_write(o, spaces, k);
		n -= k;
	}
}

static void describe_axis(fl_out *o, const char *label, const fl_axis *a)
{
	char lo[FL_FIXED2_MAX], hi[FL_FIXED2_MAX], sp[FL_FIXED2_MAX];
	fl_fmt_fixed2(lo, a->cut_low);
	fl_fmt_fixed2(hi, a->cut_high);
	fl_fmt_fixed2(sp, a->split);
	fl_out_printf(o, "%-13scuts %s, %s ", label, lo, hi);
	if (a->cuts_source == FL_SOURCE_GIVEN)
		fl_out_puts(o, "(given)");
	else
		fl_out_printf(o, "(computed: quantiles %.4g, %.4g)", a->q_low,
		              a->q_high);
	fl_out_printf(o, "; split %s ", sp);
	if (a->split_source == FL_SOURCE_GIVEN)
		fl_out_puts(o, "(given)\n");
	else
		fl_out_printf(o, "(computed: quantile %.4g)\n", a->q_split);
}

static void header(fl_out *o, const fl_portfolio *p, const fl_plan *plan)
{
	fl_out_puts(o, "portfolio:   ");
	fl_text_write(o, p->name[0] ? p->name : "(unnamed)",
	           strlen(p->name[0] ? p->name : "(unnamed)"));
	fl_out_putc(o, '\n');
	if (p->period[0]) {
		fl_out_puts(o, "period:      ");
		fl_text_write(o, p->period, strlen(p->period));
		fl_out_putc(o, '\n');
	}
	if (p->currency[0]) {
		fl_out_puts(o, "currency:    ");
		fl_text_write(o, p->currency, strlen(p->currency));
		fl_out_putc(o, '\n');
	}
	fl_out_printf(o, "customers:   %zu", plan->count);
	if (p->skipped > 0)
		fl_out_printf(o, " (%zu invalid skipped)", p->skipped);
	fl_out_putc(o, '\n');
	const fl_thresholds *t = &plan->thresholds;
	describe_axis(o, t->margin.basis == FL_BASIS_MARGIN ? "margin:"
	                                                     : "margin %:",
	              &t->margin);
	describe_axis(o, t->value.basis == FL_BASIS_REVENUE ? "revenue:"
	                                                     : "order value:",
	              &t->value);
	fl_out_putc(o, '\n');
}

fl_status fl_write_table(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                         const size_t *rows, bool color)
{
	header(o, p, plan);
	size_t width[FL_NCOLS];
	for (int c = 0; c < FL_NCOLS; c++)
		width[c] = strlen(fl_col_names[c]);
	fl_row r;
	for (size_t i = 0; i < plan->count; i++) {
		fl_row_fill(&r, &p->customers[i], &plan->classes[i]);
		for (int c = 0; c < FL_NCOLS; c++) {
			size_t w = fl_text_width(r.cell[c], r.len[c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	for (int c = 0; c < FL_NCOLS; c++) {
		size_t w = strlen(fl_col_names[c]);
		if (c > 0)
			pad(o, 2);
		if (fl_col_numeric[c])
			pad(o, width[c] - w);
		fl_out_puts(o, fl_col_names[c]);
		if (!fl_col_numeric[c] && c < FL_NCOLS - 1)
			pad(o, width[c] - w);
	}
	fl_out_putc(o, '\n');
	for (size_t n = 0; n < plan->count; n++) {
		size_t i = rows != NULL ? rows[n] : n;
		fl_row_fill(&r, &p->customers[i], &plan->classes[i]);
		for (int c = 0; c < FL_NCOLS; c++) {
			size_t w = fl_text_width(r.cell[c], r.len[c]);
			if (c > 0)
				pad(o, 2);
			if (fl_col_numeric[c])
				pad(o, width[c] - w);
			/* Colour goes inside the padding, so columns stay aligned. */
			const char *sgr = color && c == FL_COL_LEVEL
				? fl_level_sgr((fl_level)plan->classes[i].level) : "";
			fl_out_puts(o, sgr);
			fl_text_write(o, r.cell[c], r.len[c]);
			if (sgr[0] != '\0')
				fl_out_puts(o, FL_SGR_RESET);
			if (!fl_col_numeric[c] && c < FL_NCOLS - 1)
				pad(o, width[c] - w);
		}
		fl_out_putc(o, '\n');
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	return FL_OK;
}
