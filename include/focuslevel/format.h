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
	FL_FORMAT_XLSX,        /* a workbook: assign, diff, report */
	FL_FORMAT_JSONL        /* assign only: one JSON object a customer
	                        * a line, no header (shards concatenate) */
} fl_format;

/* "table", "csv", "tsv", "json", "markdown", "html", "xlsx", "jsonl";
 * false on anything else. */
bool fl_format_parse(const char *s, fl_format *out);
/* The name of f as -O takes it ("csv"), "" for NONE. */
const char *fl_format_name(fl_format f);
/* The format an output file name's extension asks for; NONE if unknown. */
fl_format fl_format_from_name(const char *path);

/*
 * How CSV and TSV are written, for a spreadsheet as its user has it set
 * up (docs/spreadsheets.md).  All zeros is the plain form: ',' between the
 * fields of CSV, '.' as the decimal mark, a header row, no byte order
 * mark.
 */
typedef struct fl_csv_output {
	char delimiter;      /* CSV: ',' ';' '|' or '\t' (0 is ','); TSV is
	                      * always tab */
	bool decimal_comma;  /* number cells with ',' as the decimal mark;
	                      * in CSV such a cell is quoted */
	bool bom;            /* a UTF-8 byte order mark first */
	bool no_header;      /* no header row (shards to concatenate) */
} fl_csv_output;

/* ",", ";", "|", "tab" or a tab character: the delimiter in *out; false on
 * anything else. */
bool fl_csv_delimiter_parse(const char *s, char *out);

/* Room for any amount printed by fl_fmt_money, and a NUL. */
#define FL_MONEY_MAX 330

/* v with two decimals, '.' as decimal point, no "-0.00" (the format of
 * every amount and percent in the outputs).  Returns the length. */
size_t fl_fmt_money(char *dst, double v);

#ifdef __cplusplus
}
#endif
#endif
