/*
 * names.c - the names of every enum: how each is written in files,
 * options and outputs, and how it is read back.
 */
#include <string.h>
#include <strings.h>

#include <focuslevel/diff.h>
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

fl_input_format fl_input_format_from_name(const char *name)
{
	if (name == NULL)
		return FL_INPUT_AUTO;
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return FL_INPUT_AUTO;
	if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
		return FL_INPUT_YAML;
	if (strcasecmp(dot, ".json") == 0)
		return FL_INPUT_JSON;
	if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0)
		return FL_INPUT_JSONL;
	return FL_INPUT_AUTO;
}

bool fl_input_format_parse(const char *s, fl_input_format *out)
{
	if (strcmp(s, "yaml") == 0)
		*out = FL_INPUT_YAML;
	else if (strcmp(s, "json") == 0)
		*out = FL_INPUT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*out = FL_INPUT_JSONL;
	else
		return false;
	return true;
}

static const char *const change_names[] = {
	"same", "up", "down", "new", "gone",
};

const char *fl_change_name(fl_change c)
{
	return (unsigned)c < 5 ? change_names[c] : NULL;
}

static const struct { const char *name; fl_format format; } formats[] = {
	{ "table", FL_FORMAT_TABLE }, { "csv", FL_FORMAT_CSV },
	{ "tsv", FL_FORMAT_TSV }, { "json", FL_FORMAT_JSON },
	{ "markdown", FL_FORMAT_MARKDOWN }, { "html", FL_FORMAT_HTML },
};

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

const char *fl_tier_name(fl_tier t)
{
	static const char *const names[] = { "low", "medium", "high" };
	return (unsigned)t < 3 ? names[t] : NULL;
}

const char *fl_quadrant_name(fl_quadrant q)
{
	static const char *const names[] = {
		"dog", "question-mark", "cash-cow", "star",
	};
	return (unsigned)q < 4 ? names[q] : NULL;
}

const char *fl_basis_name(fl_basis b)
{
	static const char *const names[] = {
		"percent", "absolute", "average-order", "revenue",
	};
	return (unsigned)b < 4 ? names[b] : NULL;
}

const char *fl_basis_label(fl_basis b)
{
	static const char *const labels[] = {
		"margin %", "margin", "order value", "revenue",
	};
	return (unsigned)b < 4 ? labels[b] : NULL;
}

const char *fl_basis_symbol(fl_basis b)
{
	static const char *const labels[] = {
		"margin percent P", "margin M", "order value V", "revenue R",
	};
	return (unsigned)b < 4 ? labels[b] : NULL;
}

bool fl_section_parse(const char *s, fl_section *out)
{
	static const char *const names[] = {
		NULL, "grid", "levels", "quadrants", "exceptions",
	};
	for (int i = 1; i < 5; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (fl_section)i;
			return true;
		}
	}
	return false;
}
