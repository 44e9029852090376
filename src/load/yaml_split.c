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

bool fl_yaml_chunk_scan(const char *s, size_t n, size_t indent,
                        size_t *items)
{
	size_t count = 0;
	const unsigned char *u = (const unsigned char *)s;
	bool line_start = true;
	for (size_t i = 0; i < n; i++) {
		if (line_start && fl_yaml_item_line(s + i, n - i, indent) > 0)
			count++;
		line_start = false;
		switch (u[i]) {
		case '\n':
			line_start = true;
			break;
		case '\t':
			return false;
		case '\r':
			if (i + 1 == n || u[i + 1] != '\n')
				return false;
			break;
		case 0xC2:  /* U+0085, NEL */
			if (i + 1 < n && u[i + 1] == 0x85)
				return false;
			break;
		case 0xE2:  /* U+2028 and U+2029, LS and PS */
			if (i + 2 < n && u[i + 1] == 0x80 &&
			    (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
				return false;
			break;
		default:
			break;
		}
	}
	*items = count;
	return true;
}
