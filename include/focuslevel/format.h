/*
 * format.h - the output formats, and the one way amounts are printed.
 */
#ifndef FOCUSLEVEL_FORMAT_H
#define FOCUSLEVEL_FORMAT_H

#include <stddef.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fl_format {
	FL_FORMAT_NONE = 0,
	FL_FORMAT_TABLE,
	FL_FORMAT_CSV,
	FL_FORMAT_TSV,
	FL_FORMAT_JSON,
	FL_FORMAT_MARKDOWN,    /* report only */
	FL_FORMAT_HTML,        /* report only: one self-contained page */
	FL_FORMAT_JSONL        /* assign only: one JSON object a customer
	                        * a line, no header (shards concatenate) */
} fl_format;

/* "table", "csv", "tsv", "json", "markdown", "html", "jsonl"; false on
 * anything else. */
bool fl_format_parse(const char *s, fl_format *out);
/* The format an output file name's extension asks for; NONE if unknown. */
fl_format fl_format_from_name(const char *path);

/* Room for any amount printed by fl_fmt_money, and a NUL. */
#define FL_MONEY_MAX 330

/* v with two decimals, '.' as decimal point, no "-0.00" (the format of
 * every amount and percent in the outputs).  Returns the length. */
size_t fl_fmt_money(char *dst, double v);

#ifdef __cplusplus
}
#endif
#endif
