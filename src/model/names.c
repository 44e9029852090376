/*
 * names.c - the names of every enum: how each is written in files,
 * options and outputs, and how it is read back.
 */
#include <string.h>
#include <strings.h>

#include <focuslevel/diff.h>
#include <focuslevel/plot.h>
#include <focuslevel/report.h>
#include "model/portfolio_int.h"

static const char *const level_names[] = {
	NULL, "basic", "reactive", "accountable", "proactive", "partnership",
};

static const char *const level_descriptions[] = {
	NULL,
	"sell the product; no follow-up",
	"sell and invite the customer to call with questions or problems",
	"contact the customer shortly after the sale: does the product meet "
	"expectations, what could be better?",
	"contact the customer regularly with tips for getting more from the "
	"product",
	"work continuously with the customer as a consultant (e.g. a "
	"technician on site a few days a month)",
};

const char *fl_level_name(fl_level level)
{
	if (level < FL_LEVEL_BASIC || level > FL_LEVEL_PARTNERSHIP)
		return NULL;
	return level_names[level];
}

const char *fl_level_description(fl_level level)
{
	if (level < FL_LEVEL_BASIC || level > FL_LEVEL_PARTNERSHIP)
		return NULL;
	return level_descriptions[level];
}

fl_level fl_level_parse_n(const char *s, size_t len)
{
	for (int i = FL_LEVEL_BASIC; i <= FL_LEVEL_PARTNERSHIP; i++) {
		if (strlen(level_names[i]) == len &&
		    strncasecmp(level_names[i], s, len) == 0)
			return (fl_level)i;
	}
	return FL_LEVEL_NONE;
}

fl_level fl_level_parse(const char *s)
{
	return fl_level_parse_n(s, strlen(s));
}

/* The position of s in names[0..n) (NULL entries never match); -1 when
 * it is not there. */
static int index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define INDEX_OF(names, s) index_of(names, sizeof(names) / sizeof(names[0]), s)

/* bool FN(const char *s, TYPE *out): the enum value whose name (in
 * `names`, indexed by the enum) is s; false when none is. */
#define NAME_PARSER(fn, type, names) \
	bool fn(const char *s, type *out) \
	{ \
		int i = INDEX_OF(names, s); \
		if (i >= 0) \
			*out = (type)i; \
		return i >= 0; \
	}

/* A file name's extension, ASCII case-insensitively, looked up in a table;
 * `none` when there is no extension or the table does not have it. */
struct ext {
	const char *ext;
	int value;
};

static int by_extension(const char *path, const struct ext *table, size_t n,
                        int none)
{
	if (path == NULL)
		return none;
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return none;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(dot + 1, table[i].ext) == 0)
			return table[i].value;
	return none;
}

#define BY_EXTENSION(path, table, none) \
	by_extension(path, table, sizeof(table) / sizeof(table[0]), none)

static const struct ext input_exts[] = {
	{ "yaml", FL_INPUT_YAML }, { "yml", FL_INPUT_YAML },
	{ "json", FL_INPUT_JSON }, { "jsonl", FL_INPUT_JSONL },
	{ "ndjson", FL_INPUT_JSONL }, { "csv", FL_INPUT_CSV },
	{ "tsv", FL_INPUT_TSV }, { "tab", FL_INPUT_TSV },
};

fl_input_format fl_input_format_from_name(const char *name)
{
	return (fl_input_format)BY_EXTENSION(name, input_exts, FL_INPUT_AUTO);
}

/* Indexed by fl_input_format. */
static const char *const input_names[] = { NULL, "yaml", "json", "jsonl",
                                           "csv", "tsv" };

NAME_PARSER(fl_input_format_parse, fl_input_format, input_names)

/* Indexed by fl_line_field. */
static const char *const line_field_names[] = {
	"id", "order", "date", "value", "quantity", "unit_price", "cost",
	"profit", "name", "segment",
};

const char *fl_line_field_name(fl_line_field f)
{
	return (unsigned)f < FL_LINE_FIELDS ? line_field_names[f] : NULL;
}

bool fl_line_field_parse(const char *s, size_t len, fl_line_field *out)
{
	for (size_t i = 0; i < FL_LINE_FIELDS; i++) {
		if (strlen(line_field_names[i]) == len &&
		    memcmp(line_field_names[i], s, len) == 0) {
			*out = (fl_line_field)i;
			return true;
		}
	}
	return false;
}

bool fl_encoding_parse(const char *s, fl_encoding *out)
{
	static const struct ext names[] = {
		{ "utf-8", FL_ENCODING_UTF8 }, { "utf8", FL_ENCODING_UTF8 },
		{ "latin1", FL_ENCODING_LATIN1 },
		{ "latin-1", FL_ENCODING_LATIN1 },
		{ "iso-8859-1", FL_ENCODING_LATIN1 },
		{ "cp1252", FL_ENCODING_CP1252 },
		{ "windows-1252", FL_ENCODING_CP1252 },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(s, names[i].ext) == 0) {
			*out = (fl_encoding)names[i].value;
			return true;
		}
	}
	return false;
}

static const char *const change_names[] = {
	"same", "up", "down", "new", "gone",
};

const char *fl_change_name(fl_change c)
{
	return (unsigned)c < 5 ? change_names[c] : NULL;
}

/* Indexed by fl_format. */
static const char *const format_names[] = {
	NULL, "table", "csv", "tsv", "json", "markdown", "html", "xlsx",
	"jsonl",
};

NAME_PARSER(fl_format_parse, fl_format, format_names)

const char *fl_format_name(fl_format f)
{
	size_t n = sizeof(format_names) / sizeof(format_names[0]);
	return f > FL_FORMAT_NONE && (size_t)f < n ? format_names[f] : "";
}

static const struct ext output_exts[] = {
	{ "csv", FL_FORMAT_CSV }, { "tsv", FL_FORMAT_TSV },
	{ "tab", FL_FORMAT_TSV }, { "json", FL_FORMAT_JSON },
	{ "txt", FL_FORMAT_TABLE }, { "md", FL_FORMAT_MARKDOWN },
	{ "markdown", FL_FORMAT_MARKDOWN }, { "html", FL_FORMAT_HTML },
	{ "htm", FL_FORMAT_HTML }, { "xlsx", FL_FORMAT_XLSX },
	{ "jsonl", FL_FORMAT_JSONL }, { "ndjson", FL_FORMAT_JSONL },
};

fl_format fl_format_from_name(const char *path)
{
	return (fl_format)BY_EXTENSION(path, output_exts, FL_FORMAT_NONE);
}

bool fl_csv_delimiter_parse(const char *s, char *out)
{
	/* The separators spreadsheets offer; a tab may come as a word, since
	 * a tab on a command line is easy to lose. */
	if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0) {
		*out = '\t';
		return true;
	}
	if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "|") == 0) {
		*out = s[0];
		return true;
	}
	return false;
}

/* Indexed by fl_sort. */
static const char *const sort_names[] = {
	"input", "id", "level", "margin", "value", "revenue",
};

NAME_PARSER(fl_sort_parse, fl_sort, sort_names)

static const char *const tier_names[] = { "low", "medium", "high" };
static const char *const quadrant_names[] = {
	"dog", "question-mark", "cash-cow", "star",
};
/* Per basis: the policy file's name, the outputs' label, and the label
 * with the model's symbol (explain). */
static const char *const basis_names[][3] = {
	{ "percent", "margin %", "margin percent P" },
	{ "absolute", "margin", "margin M" },
	{ "average-order", "order value", "order value V" },
	{ "revenue", "revenue", "revenue R" },
	{ "clv", "CLV", "lifetime value CLV" },
};
#define BASES (sizeof(basis_names) / sizeof(basis_names[0]))

const char *fl_tier_name(fl_tier t)
{
	return (unsigned)t < 3 ? tier_names[t] : NULL;
}

const char *fl_quadrant_name(fl_quadrant q)
{
	return (unsigned)q < 4 ? quadrant_names[q] : NULL;
}

const char *fl_basis_name(fl_basis b)
{
	return (unsigned)b < BASES ? basis_names[b][0] : NULL;
}

const char *fl_basis_label(fl_basis b)
{
	return (unsigned)b < BASES ? basis_names[b][1] : NULL;
}

const char *fl_basis_symbol(fl_basis b)
{
	return (unsigned)b < BASES ? basis_names[b][2] : NULL;
}

/* Indexed by fl_section. */
static const char *const section_names[] = {
	NULL, "grid", "levels", "quadrants", "exceptions", "affordability",
	"changes", "profit_curve", "segments", "customer_value", "at_risk",
	"growth", "service_plan",
};

NAME_PARSER(fl_section_parse, fl_section, section_names)

/* Indexed by fl_period_source. */
static const char *const period_source_names[] = {
	"months", "days", "assumed",
};

const char *fl_period_source_name(fl_period_source s)
{
	return (unsigned)s < 3 ? period_source_names[s] : NULL;
}

/* Indexed by fl_group_by. */
static const char *const group_by_names[] = { "none", "segment" };

NAME_PARSER(fl_group_by_parse, fl_group_by, group_by_names)

const char *fl_group_by_name(fl_group_by b)
{
	return (unsigned)b < 2 ? group_by_names[b] : NULL;
}

/* The cap: false "none", true "affordable". */
static const char *const cap_names[] = { "none", "affordable" };

bool fl_cap_parse(const char *s, bool *cap)
{
	int i = INDEX_OF(cap_names, s);
	if (i >= 0)
		*cap = i == 1;
	return i >= 0;
}

const char *fl_cap_name(bool cap)
{
	return cap_names[cap];
}

/* Indexed by fl_plot_chart and fl_plot_size. */
static const char *const plot_chart_names[] = { "matrix", "whale" };
static const char *const plot_size_names[] = {
	"revenue", "margin", "clv", "none",
};

NAME_PARSER(fl_plot_chart_parse, fl_plot_chart, plot_chart_names)
NAME_PARSER(fl_plot_size_parse, fl_plot_size, plot_size_names)

const char *fl_plot_chart_name(fl_plot_chart c)
{
	return (unsigned)c < 2 ? plot_chart_names[c] : NULL;
}

const char *fl_plot_size_name(fl_plot_size s)
{
	return (unsigned)s < 4 ? plot_size_names[s] : NULL;
}
