/*
 * report.c - the shared driver of the writers: formats, columns, row order.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "idkey.h"
#include "report_int.h"

const char *const fl_col_names[FL_NCOLS] = {
	"id", "name", "segment", "orders", "revenue", "cost", "margin",
	"margin_pct", "order_value", "margin_tier", "value_tier", "quadrant",
	"level", "pinned",
};

const bool fl_col_numeric[FL_NCOLS] = {
	[FL_COL_ORDERS] = true, [FL_COL_REVENUE] = true, [FL_COL_COST] = true,
	[FL_COL_MARGIN] = true, [FL_COL_MARGIN_PCT] = true,
	[FL_COL_ORDER_VALUE] = true,
};

static const struct { const char *name; fl_format format; } formats[] = {
	{ "table", FL_FORMAT_TABLE }, { "csv", FL_FORMAT_CSV },
	{ "tsv", FL_FORMAT_TSV }, { "json", FL_FORMAT_JSON },
	{ "markdown", FL_FORMAT_MARKDOWN }, { "html", FL_FORMAT_HTML },
};

size_t fl_fmt_money(char *dst, double v)
{
	return fl_fmt_fixed2(dst, v);
}

bool fl_format_parse(const char *s, fl_format *out)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(s, formats[i].name) == 0) {
			*out = formats[i].format;
			return true;
		}
	}
	return false;
}

fl_format fl_format_from_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return FL_FORMAT_NONE;
	if (strcasecmp(dot, ".csv") == 0)
		return FL_FORMAT_CSV;
	if (strcasecmp(dot, ".tsv") == 0 || strcasecmp(dot, ".tab") == 0)
		return FL_FORMAT_TSV;
	if (strcasecmp(dot, ".json") == 0)
		return FL_FORMAT_JSON;
	if (strcasecmp(dot, ".txt") == 0)
		return FL_FORMAT_TABLE;
	if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0)
		return FL_FORMAT_MARKDOWN;
	if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
		return FL_FORMAT_HTML;
	return FL_FORMAT_NONE;
}

static const struct { const char *name; fl_sort sort; } sorts[] = {
	{ "input", FL_SORT_INPUT }, { "id", FL_SORT_ID },
	{ "level", FL_SORT_LEVEL }, { "margin", FL_SORT_MARGIN },
	{ "value", FL_SORT_VALUE }, { "revenue", FL_SORT_REVENUE },
};

bool fl_sort_parse(const char *s, fl_sort *out)
{
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++) {
		if (strcmp(s, sorts[i].name) == 0) {
			*out = sorts[i].sort;
			return true;
		}
	}
	return false;
}

/* Sort keys: 16 bytes a customer, so that sorting a million stays small. */
struct numkey {
	double key;          /* ascending; negated for "highest first" */
	size_t index;        /* input position: ties keep input order */
};

static int cmp_num(const void *pa, const void *pb)
{
	const struct numkey *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static double sort_key(const fl_customer *c, const fl_class *k, fl_sort sort)
{
	fl_metrics m = fl_metrics_of(c);
	switch (sort) {
	case FL_SORT_LEVEL: return -(double)k->level;
	case FL_SORT_MARGIN: return -m.margin;
	case FL_SORT_VALUE: return -m.order_value;
	case FL_SORT_REVENUE: return -c->revenue;
	case FL_SORT_ID:
	case FL_SORT_INPUT: break;
	}
	return 0;
}

size_t *fl_sort_rows(const fl_portfolio *p, const fl_plan *plan, fl_sort sort)
{
	size_t n = plan->count;
	if (n == 0)
		return NULL;
	size_t *rows = malloc(n * sizeof(*rows));
	if (rows == NULL)
		return NULL;
	if (sort == FL_SORT_INPUT) {
		for (size_t i = 0; i < n; i++)
			rows[i] = i;
		return rows;
	}
	if (sort == FL_SORT_ID) {
		fl_idkey *keys = malloc(n * sizeof(*keys));
		if (keys == NULL) {
			free(rows);
			return NULL;
		}
		for (size_t i = 0; i < n; i++) {
			keys[i].id = p->customers[i].id;
			keys[i].index = i;
		}
		qsort(keys, n, sizeof(*keys), fl_idkey_cmp);
		for (size_t i = 0; i < n; i++)
			rows[i] = keys[i].index;
		free(keys);
		return rows;
	}
	struct numkey *keys = malloc(n * sizeof(*keys));
	if (keys == NULL) {
		free(rows);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		keys[i].key = sort_key(&p->customers[i], &plan->classes[i], sort);
		keys[i].index = i;
	}
	qsort(keys, n, sizeof(*keys), cmp_num);
	for (size_t i = 0; i < n; i++)
		rows[i] = keys[i].index;
	free(keys);
	return rows;
}

void fl_row_fill(fl_row *r, const fl_customer *c, const fl_class *k)
{
	fl_metrics mm = fl_metrics_of(c);
	const fl_metrics *m = &mm;
	r->cell[FL_COL_ID] = c->id;
	r->cell[FL_COL_NAME] = c->name;
	r->cell[FL_COL_SEGMENT] = c->segment;
	/* Digits by hand: snprintf is slow for a million rows. */
	char *end = r->num[0] + 24, *p = end;
	uint64_t u = c->orders;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	r->cell[FL_COL_ORDERS] = p;
	r->len[FL_COL_ORDERS] = (size_t)(end - p);
	const double v[5] = { c->revenue, c->cost, m->margin, m->margin_pct,
	                      m->order_value };
	for (int i = 0; i < 5; i++) {
		r->len[FL_COL_REVENUE + i] = fl_fmt_fixed2(r->num[i + 1], v[i]);
		r->cell[FL_COL_REVENUE + i] = r->num[i + 1];
	}
	r->cell[FL_COL_MARGIN_TIER] = fl_tier_name(k->margin_tier);
	r->cell[FL_COL_VALUE_TIER] = fl_tier_name(k->value_tier);
	r->cell[FL_COL_QUADRANT] = fl_quadrant_name(k->quadrant);
	r->cell[FL_COL_LEVEL] = fl_level_name(k->level);
	r->cell[FL_COL_PINNED] = c->pin != FL_LEVEL_NONE ? "yes" : "no";
	static const int text[] = {
		FL_COL_ID, FL_COL_NAME, FL_COL_SEGMENT, FL_COL_MARGIN_TIER,
		FL_COL_VALUE_TIER, FL_COL_QUADRANT, FL_COL_LEVEL, FL_COL_PINNED,
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		r->len[text[i]] = strlen(r->cell[text[i]]);
}

bool fl_cell_is_formula(const char *s, size_t len)
{
	return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	                   s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void fl_json_string(fl_out *o, const char *s, size_t len)
{
	fl_out_putc(o, '"');
	size_t run = 0;  /* bytes that need no escape, written in one go */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(u, sizeof(u), "\\u%04x", c);
				esc = u;
			}
		}
		if (esc == NULL) {
			run++;
			continue;
		}
		fl_out_write(o, s + i - run, run);
		run = 0;
		fl_out_puts(o, esc);
	}
	fl_out_write(o, s + len - run, run);
	fl_out_putc(o, '"');
}

const char *fl_level_sgr(fl_level level)
{
	/* Plain for basic, bold for partnership; the rest one colour each. */
	static const char *const sgr[] = {
		[FL_LEVEL_BASIC] = "",
		[FL_LEVEL_REACTIVE] = "\033[34m",         /* blue */
		[FL_LEVEL_ACCOUNTABLE] = "\033[36m",      /* cyan */
		[FL_LEVEL_PROACTIVE] = "\033[32m",        /* green */
		[FL_LEVEL_PARTNERSHIP] = "\033[1;35m",    /* bold magenta */
	};
	return level >= FL_LEVEL_BASIC && level <= FL_LEVEL_PARTNERSHIP
		? sgr[level] : "";
}

fl_status fl_assign_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_assign_options *opts)
{
	/* Input order needs no index: the writers take NULL for it. */
	size_t *rows = NULL;
	if (opts->sort != FL_SORT_INPUT) {
		rows = fl_sort_rows(p, plan, opts->sort);
		if (rows == NULL && plan->count > 0)
			return FL_ERR_NOMEM;
	}
	fl_status st;
	switch (opts->format) {
	case FL_FORMAT_CSV:
		st = fl_write_delim(o, p, plan, rows, ',', opts->escape_formulas);
		break;
	case FL_FORMAT_TSV:
		st = fl_write_delim(o, p, plan, rows, '\t', opts->escape_formulas);
		break;
	case FL_FORMAT_JSON:
		st = fl_write_json(o, p, plan, rows);
		break;
	case FL_FORMAT_TABLE:
	case FL_FORMAT_NONE:
	default:
		st = fl_write_table(o, p, plan, rows, opts->color);
		break;
	}
	free(rows);
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
