/*
 * yaml_split.h - where a YAML customers list may be cut for worker
 * threads (yaml_split.c): the byte-level guesses that load_yaml.c's
 * parsers then check.
 *
 * libyaml reads strictly in order, so the cut is a guess from the bytes:
 * a customer of a block sequence whose dashes are at column `indent`
 * starts on an "item line", `indent` spaces, a '-', then a space or the
 * line's end.  Every customer starts on one, but a line inside a
 * multi-line quoted string may look like one too; nothing here follows
 * quotes.  A wrong guess is harmless because each chunk is parsed on its
 * own and must prove itself (load_yaml.c, yaml_chunk): one block sequence
 * at that column, whole items, exactly as many items as it has item
 * lines, none of the bytes below.  chunks.h has the rest of the design.
 */
#ifndef FL_LOAD_YAML_SPLIT_H
#define FL_LOAD_YAML_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "load/chunks.h"

/*
 * Is s[0..n), from a line's start, an item line at `indent`?  1 yes, 0
 * no, -1 when n is too short to tell.  A '-' followed by "\r\n" counts
 * (CRLF files).
 */
int fl_yaml_item_line(const char *s, size_t n, size_t indent);

/*
 * Cut buf[from..lim) into at most `jobs` chunks of about equal size at
 * item lines whose first `prefix` bytes are those at `from` (buf[from] is
 * a customer's item line, checked by the caller; libyaml has read those
 * bytes of it already, see load_yaml.c).  The cuts stop at a line that is
 * no deeper than `indent` and is neither an item line nor a comment (the
 * list may end there); the last chunk ends at the last cut found, so what
 * follows it stays for the one-thread path.  Fills ch[i].start, .end
 * (offsets in buf) and .index (first_index plus the item lines before
 * it); returns how many chunks, 0 when there is no cut.
 */
size_t fl_yaml_cut(const char *buf, size_t from, size_t lim, size_t indent,
                   size_t prefix, size_t jobs, size_t first_index,
                   fl_chunk *ch);

/*
 * Check a chunk's bytes s[0..n) and count its item lines into *items.
 * False when it holds a byte that would make the split unprovable: a tab,
 * a CR not followed by LF, or the line breaks NEL, LS and PS, which
 * libyaml counts as new lines and the line:column count of chunks.c does
 * not.
 */
bool fl_yaml_chunk_scan(const char *s, size_t n, size_t indent,
                        size_t *items);

#endif
