/*
 * report_diff.c - the diff between two runs in table, CSV, TSV or JSON.
 *
 * The rows share one column set in every format; a customer absent from
 * one side has empty cells there ("-" in the table, null in JSON), so that
 * "new" and "gone" rows read the same way everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include <focuslevel/diff.h>

#include "write/assign_int.h"
#include "write/text.h"

enum {
	DC_ID, DC_NAME, DC_OLD_LEVEL, DC_NEW_LEVEL, DC_CHANGE, DC_OLD_QUADRANT,
	DC_NEW_QUADRANT, DC_OLD_MARGIN_PCT, DC_NEW_MARGIN_PCT,
	DC_OLD_ORDER_VALUE, DC_NEW_ORDER_VALUE, DC_NCOLS
};

static const char *const col_names[DC_NCOLS] = {
	"id", "name", "old_level", "new_level", "change", "old_quadrant",
	"new_quadrant", "old_margin_pct", "new_margin_pct", "old_order_value",
	"new_order_value",
};

static const bool col_numeric[DC_NCOLS] = {
	[DC_OLD_MARGIN_PCT] = true, [DC_NEW_MARGIN_PCT] = true,
	[DC_OLD_ORDER_VALUE] = true, [DC_NEW_ORDER_VALUE] = true,
};

/* One row's cells; NULL where the customer is absent. */
struct cells {
	const char *cell[DC_NCOLS];
	char change[32];
	char num[4][FL_FIXED2_MAX];
};

static void fill(struct cells *c, const fl_diff_row *r)
{
	const fl_diff_entry *e = r->cur != NULL ? r->cur : r->old;
	c->cell[DC_ID] = e->id;
	c->cell[DC_NAME] = e->name;
	const fl_diff_entry *side[2] = { r->old, r->cur };
	for (int s = 0; s < 2; s++) {
		const fl_diff_entry *x = side[s];
		c->cell[DC_OLD_LEVEL + s] = x ? fl_level_name(x->level) : NULL;
		c->cell[DC_OLD_QUADRANT + s] =
			x ? fl_quadrant_name((fl_quadrant)x->quadrant) : NULL;
		c->cell[DC_OLD_MARGIN_PCT + s] = NULL;
		c->cell[DC_OLD_ORDER_VALUE + s] = NULL;
		if (x != NULL) {
			fl_fmt_fixed2(c->num[s], x->margin_pct);
			fl_fmt_fixed2(c->num[2 + s], x->order_value);
			c->cell[DC_OLD_MARGIN_PCT + s] = c->num[s];
			c->cell[DC_OLD_ORDER_VALUE + s] = c->num[2 + s];
		}
	}
	if (r->change == FL_CHANGE_UP || r->change == FL_CHANGE_DOWN)
		snprintf(c->change, sizeof(c->change), "%s %d",
		         fl_change_name(r->change),
		         r->steps < 0 ? -r->steps : r->steps);
	else
		snprintf(c->change, sizeof(c->change), "%s",
		         fl_change_name(r->change));
	c->cell[DC_CHANGE] = c->change;
}

static bool shown(const fl_diff_row *r, const fl_diff_options *opts)
{
	return opts->all || r->change != FL_CHANGE_SAME;
}

/* ---- table ---- */

static size_t width(const char *s)
{
	return fl_text_width(s, strlen(s));
}

static void text(fl_out *o, const char *s)
{
	fl_text_write(o, s, strlen(s));
}

static void spaces(fl_out *o, size_t n)
{
	while (n-- > 0)
		fl_out_putc(o, ' ');
}

/* SGR colour of a change cell, or NULL. */
static const char *change_color(fl_change c)
{
	switch (c) {
	case FL_CHANGE_UP: return "\033[32m";     /* green */
	case FL_CHANGE_DOWN: return "\033[31m";   /* red */
	case FL_CHANGE_NEW: return "\033[36m";    /* cyan */
	case FL_CHANGE_GONE: return "\033[33m";   /* yellow */
	case FL_CHANGE_SAME: break;
	}
	return NULL;
}

static void text_row(fl_out *o, const char *const *cells, const size_t *w,
                     const char *color)
{
	for (int c = 0; c < DC_NCOLS; c++) {
		const char *s = cells[c] != NULL ? cells[c] : "-";
		size_t cw = width(s);
		if (c > 0)
			spaces(o, 2);
		if (col_numeric[c])
			spaces(o, w[c] - cw);
		if (c == DC_CHANGE && color != NULL)
			fl_out_puts(o, color);
		text(o, s);
		if (c == DC_CHANGE && color != NULL)
			fl_out_puts(o, "\033[0m");
		if (!col_numeric[c] && c + 1 < DC_NCOLS)
			spaces(o, w[c] - cw);
	}
	fl_out_putc(o, '\n');
}

static void describe_side(fl_out *o, const char *label, const char *file,
                          const fl_diff_side *s)
{
	fl_out_printf(o, "%-13s", label);
	text(o, file);
	if (s->source == FL_DIFF_ASSIGN)
		fl_out_puts(o, " (assign output, as classified)");
	fl_out_puts(o, ": ");
	text(o, s->name[0] ? s->name : "(unnamed)");
	if (s->period[0]) {
		fl_out_puts(o, ", ");
		text(o, s->period);
	}
	if (s->currency[0]) {
		fl_out_puts(o, ", ");
		text(o, s->currency);
	}
	fl_out_printf(o, ", %zu customer%s\n", s->count, s->count == 1 ? "" : "s");
}

static void describe_thresholds(fl_out *o, const char *label,
                                const fl_diff_side *s)
{
	const fl_thresholds *t = &s->thresholds;
	char a[FL_FIXED2_MAX], b[FL_FIXED2_MAX], c[FL_FIXED2_MAX];
	fl_out_printf(o, "  %-11s", label);
	fl_fmt_fixed2(a, t->margin.cut_low);
	fl_fmt_fixed2(b, t->margin.cut_high);
	fl_fmt_fixed2(c, t->margin.split);
	fl_out_printf(o, "%s cuts %s, %s, split %s; ",
	              t->margin.basis == FL_BASIS_MARGIN ? "margin" : "margin %",
	              a, b, c);
	fl_fmt_fixed2(a, t->value.cut_low);
	fl_fmt_fixed2(b, t->value.cut_high);
	fl_fmt_fixed2(c, t->value.split);
	fl_out_printf(o, "%s cuts %s, %s, split %s",
	              t->value.basis == FL_BASIS_REVENUE ? "revenue"
	                                                 : "order value",
	              a, b, c);
	if (s->source == FL_DIFF_ASSIGN)
		fl_out_puts(o, " (as written)");
	fl_out_putc(o, '\n');
}

static void header(fl_out *o, const fl_diff_side *old, const fl_diff_side *cur,
                   const fl_diff_options *opts)
{
	describe_side(o, "old:", opts->old_label, old);
	describe_side(o, "new:", opts->new_label, cur);
	/* With one assign output, given thresholds classify only the
	 * portfolio on the other side. */
	bool one_written = (old->source == FL_DIFF_ASSIGN) !=
	                   (cur->source == FL_DIFF_ASSIGN);
	fl_out_puts(o, "thresholds:  ");
	if (old->source == FL_DIFF_ASSIGN && cur->source == FL_DIFF_ASSIGN)
		fl_out_puts(o, "as written in each file");
	else if (opts->mode == FL_DIFF_FIXED)
		fl_out_printf(o, "fixed for %s (%s)", one_written ? "the portfolio"
		              : "both", opts->fixed_by);
	else if (opts->mode == FL_DIFF_PARTLY_FIXED)
		fl_out_printf(o, "partly fixed (%s), otherwise %s",
		              opts->fixed_by, one_written ? "the portfolio's own"
		                                          : "each portfolio its own");
	else
		fl_out_puts(o, one_written ? "the portfolio's own"
		                           : "each portfolio its own");
	if (one_written)
		fl_out_puts(o, "; the assign output as written");
	fl_out_putc(o, '\n');
	describe_thresholds(o, "old:", old);
	describe_thresholds(o, "new:", cur);
	fl_out_putc(o, '\n');
}

/* The migration matrix: rows OLD level (then "new"), columns NEW level
 * (then "gone"). */
static void matrix_text(fl_out *o, const fl_diff *d)
{
	const char *cols[7] = { "from \\ to" };
	for (int l = 1; l <= 5; l++)
		cols[l] = fl_level_name((fl_level)l);
	cols[6] = "gone";
	size_t w[7];
	for (int c = 0; c < 7; c++)
		w[c] = strlen(cols[c]);
	w[0] = strlen("partnership") > w[0] ? strlen("partnership") : w[0];
	fl_out_puts(o, "migration (rows: old level, columns: new level)\n");
	for (int c = 0; c < 7; c++) {
		if (c > 0)
			spaces(o, 2 + w[c] - strlen(cols[c]));
		fl_out_puts(o, cols[c]);
		if (c == 0)
			spaces(o, w[0] - strlen(cols[0]));
	}
	fl_out_putc(o, '\n');
	for (int r = 1; r <= 6; r++) {
		int from = r == 6 ? FL_DIFF_ABSENT : r;
		const char *label = r == 6 ? "new" : fl_level_name((fl_level)r);
		fl_out_puts(o, label);
		spaces(o, w[0] - strlen(label));
		for (int c = 1; c <= 6; c++) {
			int to = c == 6 ? FL_DIFF_ABSENT : c;
			char num[32];
			if (from == FL_DIFF_ABSENT && to == FL_DIFF_ABSENT)
				strcpy(num, "-");
			else
				snprintf(num, sizeof(num), "%zu", d->migration[from][to]);
			spaces(o, 2 + w[c] - strlen(num));
			fl_out_puts(o, num);
		}
		fl_out_putc(o, '\n');
	}
}

static fl_status write_table(fl_out *o, const fl_diff_side *old,
                             const fl_diff_side *cur, const fl_diff *d,
                             const fl_diff_options *opts)
{
	header(o, old, cur, opts);
	size_t w[DC_NCOLS];
	size_t nshown = 0;
	for (int c = 0; c < DC_NCOLS; c++)
		w[c] = strlen(col_names[c]);
	struct cells cl;
	for (size_t i = 0; i < d->count; i++) {
		if (!shown(&d->rows[i], opts))
			continue;
		nshown++;
		fill(&cl, &d->rows[i]);
		for (int c = 0; c < DC_NCOLS; c++) {
			size_t cw = width(cl.cell[c] != NULL ? cl.cell[c] : "-");
			if (cw > w[c])
				w[c] = cw;
		}
	}
	if (nshown == 0) {
		fl_out_puts(o, d->count == 0 ? "no customers on either side\n"
		                             : "no level changes\n");
	} else {
		text_row(o, col_names, w, NULL);
		for (size_t i = 0; i < d->count; i++) {
			const fl_diff_row *r = &d->rows[i];
			if (!shown(r, opts))
				continue;
			fill(&cl, r);
			text_row(o, cl.cell, w,
			         opts->color ? change_color(r->change) : NULL);
			if (fl_out_failed(o))
				return FL_ERR_IO;
		}
	}
	fl_out_printf(o, "\n%zu up, %zu down, %zu new, %zu gone, %zu unchanged\n\n",
	              d->up, d->down, d->added, d->gone, d->same);
	matrix_text(o, d);
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}

/* ---- CSV and TSV ---- */

static fl_status write_delim(fl_out *o, const fl_diff *d,
                             const fl_diff_options *opts, char sep)
{
	void (*cell)(fl_out *, const char *, size_t, bool) =
		sep == ',' ? fl_csv_cell : fl_tsv_cell;
	for (int c = 0; c < DC_NCOLS; c++) {
		if (c > 0)
			fl_out_putc(o, sep);
		fl_out_puts(o, col_names[c]);
	}
	fl_out_putc(o, '\n');
	struct cells cl;
	for (size_t i = 0; i < d->count; i++) {
		if (!shown(&d->rows[i], opts))
			continue;
		fill(&cl, &d->rows[i]);
		for (int c = 0; c < DC_NCOLS; c++) {
			if (c > 0)
				fl_out_putc(o, sep);
			const char *s = cl.cell[c];
			if (s == NULL)
				continue;
			size_t len = strlen(s);
			if (col_numeric[c])
				fl_out_write(o, s, len);
			else
				cell(o, s, len, opts->escape_formulas &&
				                fl_cell_is_formula(s, len));
		}
		fl_out_putc(o, '\n');
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	return FL_OK;
}

/* ---- JSON ---- */

static void json_opt_string(fl_out *o, const char *s)
{
	if (s == NULL || s[0] == '\0')
		fl_out_puts(o, "null");
	else
		fl_json_string(o, s, strlen(s));
}

static void json_side(fl_out *o, const char *key, const char *file,
                      const fl_diff_side *s)
{
	fl_out_printf(o, "  \"%s\": {\n    \"file\": ", key);
	fl_json_string(o, file, strlen(file));
	fl_out_printf(o, ",\n    \"source\": \"%s\",\n    \"portfolio\": ",
	              s->source == FL_DIFF_ASSIGN ? "assign" : "portfolio");
	json_opt_string(o, s->name);
	fl_out_puts(o, ",\n    \"currency\": ");
	json_opt_string(o, s->currency);
	fl_out_puts(o, ",\n    \"period\": ");
	json_opt_string(o, s->period);
	fl_out_printf(o, ",\n    \"count\": %zu\n  }", s->count);
}

static fl_status write_json(fl_out *o, const fl_diff_side *old,
                            const fl_diff_side *cur, const fl_diff *d,
                            const fl_diff_options *opts)
{
	fl_out_puts(o, "{\n");
	json_side(o, "old", opts->old_label, old);
	fl_out_puts(o, ",\n");
	json_side(o, "new", opts->new_label, cur);
	static const char *const modes[] = { "own", "fixed", "partly-fixed" };
	fl_out_printf(o, ",\n  \"thresholds_mode\": \"%s\"",
	              old->source == FL_DIFF_ASSIGN && cur->source == FL_DIFF_ASSIGN
	              ? "as-written" : modes[opts->mode]);
	fl_out_puts(o, ",\n  \"thresholds_fixed_by\": ");
	json_opt_string(o, opts->mode != FL_DIFF_OWN ? opts->fixed_by : NULL);
	fl_out_puts(o, ",\n  \"old_thresholds\": ");
	fl_json_thresholds(o, &old->thresholds);
	fl_out_puts(o, ",\n  \"new_thresholds\": ");
	fl_json_thresholds(o, &cur->thresholds);
	fl_out_printf(o, ",\n  \"summary\": {\"up\": %zu, \"down\": %zu, "
	              "\"new\": %zu, \"gone\": %zu, \"unchanged\": %zu}",
	              d->up, d->down, d->added, d->gone, d->same);
	fl_out_puts(o, ",\n  \"migration\": {");
	for (int r = 1; r <= 6; r++) {
		int from = r == 6 ? FL_DIFF_ABSENT : r;
		fl_out_printf(o, "%s\n    \"%s\": {", r > 1 ? "," : "",
		              r == 6 ? "new" : fl_level_name((fl_level)r));
		for (int c = 1; c <= (from == FL_DIFF_ABSENT ? 5 : 6); c++) {
			int to = c == 6 ? FL_DIFF_ABSENT : c;
			fl_out_printf(o, "%s\"%s\": %zu", c > 1 ? ", " : "",
			              c == 6 ? "gone" : fl_level_name((fl_level)c),
			              d->migration[from][to]);
		}
		fl_out_putc(o, '}');
	}
	fl_out_puts(o, "\n  },\n  \"customers\": [");
	struct cells cl;
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++) {
		const fl_diff_row *r = &d->rows[i];
		if (!shown(r, opts))
			continue;
		fill(&cl, r);
		fl_out_puts(o, n++ == 0 ? "\n    {" : ",\n    {");
		for (int c = 0; c < DC_NCOLS; c++) {
			fl_out_printf(o, "%s\"%s\": ", c > 0 ? ", " : "", col_names[c]);
			const char *s = cl.cell[c];
			if (c == DC_CHANGE)
				fl_out_printf(o, "\"%s\", \"steps\": %d",
				              fl_change_name(r->change), r->steps);
			else if (s == NULL)
				fl_out_puts(o, "null");
			else if (col_numeric[c])
				fl_out_puts(o, s);
			else
				fl_json_string(o, s, strlen(s));
		}
		fl_out_putc(o, '}');
		if (fl_out_failed(o))
			return FL_ERR_IO;
	}
	fl_out_puts(o, n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}

fl_status fl_diff_write(fl_out *o, const fl_diff_side *old,
                        const fl_diff_side *cur, const fl_diff *d,
                        const fl_diff_options *opts)
{
	switch (opts->format) {
	case FL_FORMAT_CSV:
		return write_delim(o, d, opts, ',');
	case FL_FORMAT_TSV:
		return write_delim(o, d, opts, '\t');
	case FL_FORMAT_JSON:
		return write_json(o, old, cur, d, opts);
	default:
		break;
	}
	return write_table(o, old, cur, d, opts);
}
