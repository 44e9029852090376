/*
 * yaml_split.c - where a YAML customers list may be cut for worker
 * threads (yaml_split.h).
 */
#include <string.h>

#include "load/yaml_split.h"

int fl_yaml_item_line(const char *s, size_t n, size_t indent)
{
	for (size_t i = 0; i < indent; i++) {
		if (i == n)
			return -1;
		if (s[i] != ' ')
			return 0;
	}
	if (indent == n)
		return -1;
	if (s[indent] != '-')
		return 0;
	if (indent + 1 == n)
		return -1;
	char c = s[indent + 1];
	if (c == ' ' || c == '\n')
		return 1;
	if (c != '\r')
		return 0;
	if (indent + 2 == n)
		return -1;
	return s[indent + 2] == '\n';
}

size_t fl_yaml_cut(const char *buf, size_t from, size_t lim, size_t indent,
                   size_t prefix, size_t jobs, size_t first_index,
                   fl_chunk *ch)
{
	size_t n = 0, count = 0, last = from, at = from;
	size_t target = (lim - from) / jobs + 1;
	ch[0].start = from;
	ch[0].index = first_index;
	for (;;) {
		const char *nl = memchr(buf + at, '\n', lim - at);
		if (nl == NULL)
			break;
		at = (size_t)(nl - buf) + 1;
		size_t k = at;
		while (k < lim && buf[k] == ' ')
			k++;
		if (k == lim)
			break;  /* the window ends: so does the batch */
		char c = buf[k];
		if (c == '\n' || c == '\r' || c == '#' || k - at > indent)
			continue;  /* blank, a comment, or inside a customer */
		int item = fl_yaml_item_line(buf + at, lim - at, indent);
		if (item < 0)
			break;
		if (item == 0)
			break;  /* not the list any more, or not provably */
		count++;
		if (at + prefix > lim)
			break;
		if (memcmp(buf + at, buf + from, prefix) != 0)
			continue;
		last = at;
		if (last - ch[n].start >= target && n + 1 < jobs) {
			ch[n++].end = last;
			ch[n].start = last;
			ch[n].index = first_index + count;
		}
	}
	if (last > ch[n].start)
		ch[n++].end = last;
	return n;
}

/* Is there a byte c in s[0..n) that `bad` says is bad at its place? */
static bool any_bad(const unsigned char *s, size_t n, unsigned char c,
                    bool (*bad)(const unsigned char *, size_t))
{
	const unsigned char *p = s, *end = s + n;
	while ((p = memchr(p, c, (size_t)(end - p))) != NULL) {
		if (bad(p, (size_t)(end - p)))
			return true;
		p++;
	}
	return false;
}

static bool always(const unsigned char *p, size_t n)
{
	(void)p;
	(void)n;
	return true;
}

static bool lone_cr(const unsigned char *p, size_t n)
{
	return n < 2 || p[1] != '\n';
}

static bool nel(const unsigned char *p, size_t n)
{
	return n >= 2 && p[1] == 0x85;
}

static bool ls_ps(const unsigned char *p, size_t n)
{
	return n >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

bool fl_yaml_chunk_scan(const char *s, size_t n, size_t indent,
                        size_t *items)
{
	/* One memchr pass for each byte looked for: far faster than one
	 * loop over every byte. */
	const unsigned char *u = (const unsigned char *)s;
	if (any_bad(u, n, '\t', always) || any_bad(u, n, '\r', lone_cr) ||
	    any_bad(u, n, 0xC2, nel) || any_bad(u, n, 0xE2, ls_ps))
		return false;
	size_t count = 0;
	const char *p = s, *end = s + n;
	for (;;) {
		if (fl_yaml_item_line(p, (size_t)(end - p), indent) > 0)
			count++;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL || ++p == end)
			break;
	}
	*items = count;
	return true;
}
