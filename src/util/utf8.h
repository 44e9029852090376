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

/*
 * The length of the valid character at s (s[0] >= 0x80, `avail` bytes)
 * when a reader cannot see it, or it moves or breaks the text around it,
 * so that it must be shown escaped; 0 for any other character.  These are
 * the C1 controls (U+0080-U+009F, which some terminals obey like ESC), the
 * bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), the zero-width and
 * invisible characters (U+200B-U+200D, U+2060-U+2065, U+206A-U+206F,
 * U+FEFF) and the line and paragraph separators (U+2028, U+2029).  *cp
 * gets the code point.  Only lead bytes 0xC2, 0xD8, 0xE2 and 0xEF can
 * start one (fl_utf8_may_hide).
 */
size_t fl_utf8_hidden(const unsigned char *s, size_t avail, unsigned long *cp);

/* Can a character with lead byte c be one that fl_utf8_hidden finds? */
static inline bool fl_utf8_may_hide(unsigned char c)
{
	return c == 0xC2 || c == 0xD8 || c == 0xE2 || c == 0xEF;
}

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
