/*
 * escape.c - the escaping rules of the machine formats: CSV (RFC 4180),
 * TSV, JSON strings, the formula guard of spreadsheet cells, and the
 * colours of levels.
 *
 * CSV quotes a field when it holds the delimiter, a comma, a semicolon, a
 * tab, a quote, CR or LF.  The comma, semicolon and tab are quoted whatever
 * the delimiter, since LibreOffice Calc's text import splits at all three
 * until its user says otherwise (docs/spreadsheets.md); RFC 4180 allows a
 * quote around any field.  TSV never quotes; it writes tab, newline,
 * carriage return and backslash as \t \n \r \\.  In both, a text cell that
 * a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe.  A number cell is written as formatted, its '.' a
 * ',' for a decimal comma (quoted in CSV, for the same reason).
 */
#include <stdio.h>
#include <string.h>

#include "write/escape.h"

static bool csv_needs_quote(char sep, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == sep || c == ',' || c == ';' || c == '\t' || c == '"' ||
		    c == '\n' || c == '\r')
			return true;
	}
	return false;
}

void fl_csv_cell(fl_out *o, char sep, const char *s, size_t len, bool prefix)
{
	if (!csv_needs_quote(sep, s, len)) {
		if (prefix)
			fl_out_putc(o, '\'');
		fl_out_write(o, s, len);
		return;
	}
	fl_out_putc(o, '"');
	if (prefix)
		fl_out_putc(o, '\'');
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') {
			fl_out_write(o, s + start, i + 1 - start);
			fl_out_putc(o, '"');
			start = i + 1;
		}
	}
	fl_out_write(o, s + start, len - start);
	fl_out_putc(o, '"');
}

void fl_number_cell(fl_out *o, const char *s, size_t len, bool decimal_comma,
                    bool csv)
{
	const char *point = decimal_comma ? memchr(s, '.', len) : NULL;
	if (point == NULL) {
		fl_out_write(o, s, len);
		return;
	}
	/* Numbers are formatted in one place (util/number.c), never grouped:
	 * the one '.' is the decimal mark. */
	size_t at = (size_t)(point - s);
	if (csv)
		fl_out_putc(o, '"');
	fl_out_write(o, s, at);
	fl_out_putc(o, ',');
	fl_out_write(o, s + at + 1, len - at - 1);
	if (csv)
		fl_out_putc(o, '"');
}

void fl_tsv_cell(fl_out *o, const char *s, size_t len, bool prefix)
{
	if (prefix)
		fl_out_putc(o, '\'');
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *esc;
		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		fl_out_write(o, s + start, i - start);
		fl_out_write(o, esc, 2);
		start = i + 1;
	}
	fl_out_write(o, s + start, len - start);
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

void fl_json_opt_string(fl_out *o, const char *s)
{
	if (s == NULL || s[0] == '\0')
		fl_out_puts(o, "null");
	else
		fl_json_string(o, s, strlen(s));
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

const char *fl_level_colour(fl_level level)
{
	/* The HTML page's stylesheet (plan_html.c) spells the same colours
	 * out in its CSS. */
	static const char *const colour[] = {
		"#000000", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#0072B2",
	};
	return level >= FL_LEVEL_BASIC && level <= FL_LEVEL_PARTNERSHIP
		? colour[level] : colour[0];
}

void fl_yaml_string(fl_out *o, const char *s)
{
	fl_out_putc(o, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			fl_out_putc(o, '\\');
			fl_out_putc(o, (char)c);
		} else if (c == '\n') {
			fl_out_puts(o, "\\n");
		} else if (c == '\t') {
			fl_out_puts(o, "\\t");
		} else if (c == 0xC2 && (unsigned char)s[1] == 0x85) {
			/* YAML reads NEL, LS and PS as line breaks and folds them
			 * into spaces, so they are written as escapes. */
			fl_out_puts(o, "\\N");
			s++;
		} else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
		           ((unsigned char)s[2] == 0xA8 ||
		            (unsigned char)s[2] == 0xA9)) {
			fl_out_puts(o, (unsigned char)s[2] == 0xA8 ? "\\L" : "\\P");
			s += 2;
		} else if (c < 0x20 || c == 0x7f) {
			fl_out_printf(o, "\\x%02x", c);
		} else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		           (unsigned char)s[1] <= 0x9F) {
			/* The other C1 controls, which YAML does not accept raw. */
			fl_out_printf(o, "\\x%02x", (unsigned char)s[1]);
			s++;
		} else if (c == 0xEF && (unsigned char)s[1] == 0xBB &&
		           (unsigned char)s[2] == 0xBF) {
			fl_out_puts(o, "\\uFEFF");  /* a byte order mark */
			s += 2;
		} else if (c == 0xEF && (unsigned char)s[1] == 0xBF &&
		           ((unsigned char)s[2] == 0xBE ||
		            (unsigned char)s[2] == 0xBF)) {
			/* The noncharacters U+FFFE and U+FFFF: valid UTF-8, but
			 * YAML refuses them raw (not in its printable set); a JSON
			 * policy may hold them as "\\ufffe". */
			fl_out_puts(o, (unsigned char)s[2] == 0xBE ? "\\uFFFE"
			                                           : "\\uFFFF");
			s += 2;
		} else {
			fl_out_putc(o, (char)c);
		}
	}
	fl_out_putc(o, '"');
}
