/*
 * utf8.h - UTF-8 in one place: the byte-order mark, checking a character
 * or a whole text, and counting lines and columns for messages.
 */
#ifndef FL_UTF8_H
#define FL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the UTF-8 byte-order mark at the start of s[0..len): 3 or 0. */
size_t fl_utf8_bom(const char *s, size_t len);

/*
 * The character whose first byte, s[0], is 0x80 or more, of the `avail`
 * bytes at s: returns its length (2 to 4), or 0 when it is not valid UTF-8
 * (an overlong form, a surrogate, past U+10FFFF, cut short) and then sets
 * *why to libyaml's words for the problem, so that the YAML and the JSON
 * loaders say the same about the same bytes.
 */
size_t fl_utf8_char(const unsigned char *s, size_t avail, const char **why);

/* Does s[0..len) hold valid UTF-8?  Sets *bad to the offset of the first
 * invalid byte. */
bool fl_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * Count s[0..len) into a position: *lines grows by its newlines, and *col
 * becomes the number of characters after the last one (or grows by the
 * characters of s when it has none).  Both count from 0.
 */
void fl_utf8_count(const char *s, size_t len, unsigned long *lines,
                   unsigned long *col);

/* 1-based line and column (in characters) of s[off]. */
void fl_utf8_position(const char *s, size_t off, unsigned long *line,
                      unsigned long *col);

#endif
