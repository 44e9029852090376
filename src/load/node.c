#include "load/node.h"

#include <stdlib.h>
#include <string.h>

fl_node *fl_node_new(fl_arena *a, fl_node_kind kind)
{
	fl_node *n = fl_arena_alloc(a, sizeof(*n));
	if (n != NULL) {
		memset(n, 0, sizeof(*n));
		n->kind = kind;
		n->text = "";
	}
	return n;
}

void fl_node_append(fl_node *parent, fl_node *child)
{
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	parent->count++;
}

static bool key_is(const fl_node *n, const char *key, size_t len)
{
	return n->key_len == len && memcmp(n->key, key, len) == 0;
}

const fl_node *fl_node_get(const fl_node *m, const char *key)
{
	size_t len = strlen(key);
	for (const fl_node *c = m->first; c != NULL; c = c->next) {
		if (key_is(c, key, len))
			return c;
	}
	return NULL;
}

struct keyref {
	const fl_node *node;
	size_t order;
};

static int keyref_cmp(const void *pa, const void *pb)
{
	const struct keyref *a = pa, *b = pb;
	size_t n = a->node->key_len < b->node->key_len ? a->node->key_len
	                                                : b->node->key_len;
	int c = memcmp(a->node->key, b->node->key, n);
	if (c != 0)
		return c;
	if (a->node->key_len != b->node->key_len)
		return a->node->key_len < b->node->key_len ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

const fl_node *fl_node_find_duplicate(const fl_node *m, bool *oom)
{
	*oom = false;
	/* Customer mappings have a handful of keys: compare pairwise.  Large
	 * maps (unknown data carried along) are sorted instead, so a hostile
	 * file cannot make this quadratic. */
	if (m->count <= 16) {
		for (const fl_node *b = m->first; b != NULL; b = b->next) {
			for (const fl_node *a = m->first; a != b; a = a->next) {
				if (key_is(a, b->key, b->key_len))
					return b;
			}
		}
		return NULL;
	}
	struct keyref *refs = malloc(m->count * sizeof(*refs));
	if (refs == NULL) {
		*oom = true;
		return NULL;
	}
	size_t i = 0;
	for (const fl_node *c = m->first; c != NULL; c = c->next, i++) {
		refs[i].node = c;
		refs[i].order = i;
	}
	qsort(refs, m->count, sizeof(*refs), keyref_cmp);
	const fl_node *dup = NULL;
	size_t dup_order = 0;
	for (i = 1; i < m->count; i++) {
		if (key_is(refs[i].node, refs[i - 1].node->key,
		           refs[i - 1].node->key_len) &&
		    (dup == NULL || refs[i].order < dup_order)) {
			dup = refs[i].node;
			dup_order = refs[i].order;
		}
	}
	free(refs);
	return dup;
}

bool fl_plain_is_null(const char *s, size_t len)
{
	/* By length first: this runs for every text field of every customer. */
	switch (len) {
	case 0:
		return true;
	case 1:
		return s[0] == '~';
	case 4:
		return memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
		       memcmp(s, "NULL", 4) == 0;
	default:
		return false;
	}
}

/* true and false, by length first: this runs for every customer's id. */
static bool is_true_false(const char *s, size_t len)
{
	switch (len) {
	case 4:
		return memcmp(s, "true", 4) == 0 || memcmp(s, "True", 4) == 0 ||
		       memcmp(s, "TRUE", 4) == 0;
	case 5:
		return memcmp(s, "false", 5) == 0 ||
		       memcmp(s, "False", 5) == 0 || memcmp(s, "FALSE", 5) == 0;
	default:
		return false;
	}
}

bool fl_plain_is_bool(const char *s, size_t len)
{
	/* YAML 1.1 booleans too: a number field holding them is a mistake
	 * worth naming as such. */
	static const char *const words[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF",
	};
	if (len < 2 || len > 5)
		return false;
	if (len >= 4)
		return is_true_false(s, len);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i]) == len && memcmp(s, words[i], len) == 0)
			return true;
	}
	return false;
}
