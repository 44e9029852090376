/*
 * diff_out.c - the diff between two runs in table, CSV, TSV or JSON.
 *
 * The rows are one row source (rows.h) in every format; a customer absent from
 * one side has empty cells there ("-" in the table, null in JSON), so that
 * "new" and "gone" rows read the same way everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include <focuslevel/diff.h>

#include "util/number.h"
#include "write/assign.h"
#include "write/escape.h"
#include "write/rows.h"
#include "write/rows_xlsx.h"
#include "write/text.h"

enum {
	DC_ID, DC_NAME, DC_OLD_LEVEL, DC_NEW_LEVEL, DC_CHANGE, DC_STEPS,
	DC_OLD_QUADRANT, DC_NEW_QUADRANT, DC_OLD_MARGIN_PCT, DC_NEW_MARGIN_PCT,
	DC_OLD_ORDER_VALUE, DC_NEW_ORDER_VALUE, DC_NCOLS
};

static const char *const col_names[DC_NCOLS] = {
	"id", "name", "old_level", "new_level", "change", "steps",
	"old_quadrant", "new_quadrant", "old_margin_pct", "new_margin_pct",
	"old_order_value", "new_order_value",
};

/* JSON gives the change as a name and its steps apart; the other forms
 * as one cell ("up 2"). */
static const unsigned char col_flags[DC_NCOLS] = {
	[DC_OLD_LEVEL] = FL_RCOL_LEVEL, [DC_NEW_LEVEL] = FL_RCOL_LEVEL,
	[DC_STEPS] = FL_RCOL_NUM | FL_RCOL_JSON_ONLY,
	[DC_OLD_MARGIN_PCT] = FL_RCOL_NUM, [DC_NEW_MARGIN_PCT] = FL_RCOL_NUM,
	[DC_OLD_ORDER_VALUE] = FL_RCOL_NUM, [DC_NEW_ORDER_VALUE] = FL_RCOL_NUM,
};

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

struct source {
	const fl_diff *d;
	bool all;                /* every customer, not only the changed */
	bool json;               /* the change as its name alone */
};

static bool shown(const fl_diff_row *r, bool all)
{
	return all || r->change != FL_CHANGE_SAME;
}

/* One row's cells; NULL where the customer is absent. */
static bool fill(const void *ctx, size_t i, fl_cells *c)
{
	const struct source *src = ctx;
	const fl_diff_row *r = &src->d->rows[i];
	if (!shown(r, src->all))
		return false;
	const fl_diff_entry *e = r->cur != NULL ? r->cur : r->old;
	fl_cells_set(c, DC_ID, e->id);
	fl_cells_set(c, DC_NAME, e->name);
	const fl_diff_entry *side[2] = { r->old, r->cur };
	for (size_t s = 0; s < 2; s++) {
		const fl_diff_entry *x = side[s];
		fl_cells_set(c, DC_OLD_LEVEL + s,
		             x ? fl_level_name((fl_level)x->level) : NULL);
		fl_cells_set(c, DC_OLD_QUADRANT + s,
		             x ? fl_quadrant_name((fl_quadrant)x->quadrant) : NULL);
		c->cell[DC_OLD_MARGIN_PCT + s] = NULL;
		c->cell[DC_OLD_ORDER_VALUE + s] = NULL;
		if (x != NULL) {
			c->len[DC_OLD_MARGIN_PCT + s] =
				fl_fmt_money(c->num[s], x->margin_pct);
			c->len[DC_OLD_ORDER_VALUE + s] =
				fl_fmt_money(c->num[2 + s], x->order_value);
			c->cell[DC_OLD_MARGIN_PCT + s] = c->num[s];
			c->cell[DC_OLD_ORDER_VALUE + s] = c->num[2 + s];
		}
	}
	const char *name = fl_change_name(r->change);
	if (!src->json && (r->change == FL_CHANGE_UP ||
	                   r->change == FL_CHANGE_DOWN))
		snprintf(c->num[4], sizeof(c->num[4]), "%s %d", name,
		         r->steps < 0 ? -r->steps : r->steps);
	else
		snprintf(c->num[4], sizeof(c->num[4]), "%s", name);
	fl_cells_set(c, DC_CHANGE, c->num[4]);
	snprintf(c->num[5], sizeof(c->num[5]), "%d", r->steps);
	fl_cells_set(c, DC_STEPS, c->num[5]);
	c->sgr = change_color(r->change);
	c->sgr_col = DC_CHANGE;
	return true;
}

static void rows_of(fl_rows *r, struct source *src, const fl_diff *d,
                    const fl_diff_options *opts)
{
	*src = (struct source){ .d = d, .all = opts->all,
	                        .json = opts->format == FL_FORMAT_JSON };
	*r = (fl_rows){ .key = "diff", .ncols = DC_NCOLS, .cols = col_names,
	                .flags = col_flags, .nrows = d->count, .fill = fill,
	                .ctx = src };
}

/* ---- table ---- */

static void text(fl_out *o, const char *s)
{
	fl_text_write(o, s, strlen(s));
}

static void spaces(fl_out *o, size_t n)
{
	while (n-- > 0)
		fl_out_putc(o, ' ');
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

/* One axis: "margin % cuts 10.00, 20.00, split 15.00". */
static void describe_axis(fl_out *o, const fl_axis *x)
{
	char a[FL_MONEY_MAX], b[FL_MONEY_MAX], c[FL_MONEY_MAX];
	fl_fmt_money(a, x->cut_low);
	fl_fmt_money(b, x->cut_high);
	fl_fmt_money(c, x->split);
	fl_out_printf(o, "%s cuts %s, %s, split %s", fl_basis_label(x->basis),
	              a, b, c);
}

static void describe_thresholds(fl_out *o, const char *label,
                                const fl_diff_side *s)
{
	fl_out_printf(o, "  %-11s", label);
	describe_axis(o, &s->thresholds.margin);
	fl_out_puts(o, "; ");
	describe_axis(o, &s->thresholds.value);
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
	size_t nshown = 0;
	for (size_t i = 0; i < d->count; i++)
		nshown += shown(&d->rows[i], opts->all);
	if (nshown == 0) {
		fl_out_puts(o, d->count == 0 ? "no customers on either side\n"
		                             : "no level changes\n");
	} else {
		struct source src;
		fl_rows r;
		rows_of(&r, &src, d, opts);
		if (fl_rows_text(o, &r, 0, opts->color, NULL) != FL_OK)
			return FL_ERR_IO;
	}
	fl_out_printf(o, "\n%zu up, %zu down, %zu new, %zu gone, %zu unchanged\n\n",
	              d->up, d->down, d->added, d->gone, d->same);
	matrix_text(o, d);
	return fl_out_failed(o) ? FL_ERR_IO : FL_OK;
}

/* ---- JSON ---- */

static void json_side(fl_out *o, const char *key, const char *file,
                      const fl_diff_side *s)
{
	fl_out_printf(o, "  \"%s\": {\n    \"file\": ", key);
	fl_json_string(o, file, strlen(file));
	fl_out_printf(o, ",\n    \"source\": \"%s\",\n    \"portfolio\": ",
	              s->source == FL_DIFF_ASSIGN ? "assign" : "portfolio");
	fl_json_opt_string(o, s->name);
	fl_out_puts(o, ",\n    \"currency\": ");
	fl_json_opt_string(o, s->currency);
	fl_out_puts(o, ",\n    \"period\": ");
	fl_json_opt_string(o, s->period);
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
	fl_json_opt_string(o, opts->mode != FL_DIFF_OWN ? opts->fixed_by : NULL);
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
	fl_out_puts(o, "\n  },\n  \"customers\": ");
	struct source src;
	fl_rows r;
	rows_of(&r, &src, d, opts);
	fl_status st = fl_rows_json(o, &r, 2, NULL);
	fl_out_puts(o, "\n}\n");
	return st == FL_OK && fl_out_failed(o) ? FL_ERR_IO : st;
}

fl_status fl_diff_write(fl_out *o, const fl_diff_side *old,
                        const fl_diff_side *cur, const fl_diff *d,
                        const fl_diff_options *opts)
{
	struct source src;
	fl_rows r;
	switch (opts->format) {
	case FL_FORMAT_CSV:
	case FL_FORMAT_TSV:
		rows_of(&r, &src, d, opts);
		return fl_rows_delim(o, &r, opts->format, &opts->csv,
		                     opts->escape_formulas, NULL);
	case FL_FORMAT_XLSX:
		rows_of(&r, &src, d, opts);
		return fl_rows_xlsx(o, &r, NULL);
	case FL_FORMAT_JSON:
		return write_json(o, old, cur, d, opts);
	default:
		break;
	}
	return write_table(o, old, cur, d, opts);
}
