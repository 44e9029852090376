/*
 * escape.h - the escaping rules of the machine formats (CSV, TSV, JSON),
 * the formula guard of spreadsheet cells, and the colours of levels (on
 * terminals, in the plot and in workbooks).  Text for people is text.h; XML and HTML is markup.h.
 */
#ifndef FL_WRITE_ESCAPE_H
#define FL_WRITE_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include <focuslevel/out.h>
#include <focuslevel/portfolio.h>

/* Does a text cell need a leading ' to stop a spreadsheet running it? */
bool fl_cell_is_formula(const char *s, size_t len);

/* One CSV text cell between `sep` delimiters (',' ';' '|' or '\t'), or
 * one TSV text cell, with a leading ' when prefix is set. */
void fl_csv_cell(fl_out *o, char sep, const char *s, size_t len,
                 bool prefix);
void fl_tsv_cell(fl_out *o, const char *s, size_t len, bool prefix);

/* One number cell as formatted (digits, '.', '-', 'e', '+'): with
 * decimal_comma its '.' is written ',', and then quoted in CSV when `csv`
 * is set.  Never formula-escaped: a number is not a formula. */
void fl_number_cell(fl_out *o, const char *s, size_t len, bool decimal_comma,
                    bool csv);

/* JSON string literal of s[0..len), quotes included. */
void fl_json_string(fl_out *o, const char *s, size_t len);

/* A YAML double-quoted scalar of s (NUL-terminated, valid UTF-8): line
 * breaks, controls, NEL/LS/PS and a byte-order mark escaped, so that it
 * reads back as the same text. */
void fl_yaml_string(fl_out *o, const char *s);

/* The JSON string of s, or null when s is NULL or "". */
void fl_json_opt_string(fl_out *o, const char *s);

/* The SGR sequence that colours a level's name in a table ("" for basic),
 * and the one that ends it. */
const char *fl_level_sgr(fl_level level);
#define FL_SGR_RESET "\033[0m"

/* The colour of a level in the plot and the workbook's level cells, as
 * "#RRGGBB" (Okabe-Ito, safe for colour-blind readers); "#000000" for
 * FL_LEVEL_NONE or anything out of range.  Static. */
const char *fl_level_colour(fl_level level);

#endif
