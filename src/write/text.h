/*
 * text.h - text from the input, shown in the table and Markdown formats.
 *
 * Names, ids, segments, reasons and policy texts come from files exported
 * by other systems.  On a terminal a control character could move the
 * cursor or start an escape sequence, and a line break would split a row;
 * in Markdown, `<b>`, `[x](url)` or `*` would become markup.  Every such
 * text goes through one of these two writers.
 */
#ifndef FL_TEXT_H
#define FL_TEXT_H

#include <stddef.h>

#include <focuslevel/out.h>

/*
 * Write s[0..len) for a terminal: "\n", "\t", "\r" and "\\" for line feed,
 * tab, carriage return and backslash, "\xNN" for every other C0 control
 * and DEL, and for the two UTF-8 bytes of a C1 control (U+0080-U+009F:
 * "\xc2\x9b").  Everything else, UTF-8 included, as it is.  Distinct texts
 * stay distinct: the escapes are unambiguous.
 */
void fl_text_write(fl_out *o, const char *s, size_t len);

/* The columns fl_text_write takes for s[0..len): one per code point
 * written, each escape as many as it has characters. */
size_t fl_text_width(const char *s, size_t len);

/*
 * Write s[0..len) as inline Markdown text that renders as itself:
 * a backslash before \ ` * _ [ ] < > & | ~ (so no emphasis, code, link,
 * HTML tag or entity, and no end of a table cell), line breaks and tabs as
 * a space, other controls as in fl_text_write ("\x07" renders literally).
 */
void fl_text_write_markdown(fl_out *o, const char *s, size_t len);

#endif
