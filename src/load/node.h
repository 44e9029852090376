/*
 * node.h - a small, loader-neutral tree of one customer (or one top-level
 * value), so that the field rules in schema.c serve YAML and JSON alike.
 *
 * Nodes and their text live in a scratch arena that the loader resets after
 * each customer: memory follows the size of one customer, not the file.
 */
#ifndef FL_NODE_H
#define FL_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef enum fl_node_kind {
	FL_NODE_SCALAR = 0,
	FL_NODE_MAP,
	FL_NODE_SEQ
} fl_node_kind;

/* What a scalar was in the source. */
typedef enum fl_scalar_kind {
	FL_SCALAR_PLAIN = 0,  /* YAML plain scalar: its type follows from text */
	FL_SCALAR_STRING,     /* quoted YAML scalar, JSON string */
	FL_SCALAR_NUMBER,     /* JSON number (text: shortest round-trip form) */
	FL_SCALAR_BOOL,       /* JSON true/false */
	FL_SCALAR_NULL,       /* JSON null */
	FL_SCALAR_OVERFLOW    /* JSON number that overflows a double */
} fl_scalar_kind;

typedef struct fl_node fl_node;
struct fl_node {
	fl_node_kind kind;
	fl_scalar_kind scalar;
	const char *text;       /* scalars: NUL-terminated, len bytes */
	size_t len;
	const char *key;        /* entries of a mapping: the key, else NULL */
	size_t key_len;
	unsigned long line;     /* 1-based position of the value, 0 if unknown */
	unsigned long column;
	/* 1-based position of the key (entries of a mapping), 0 if unknown:
	 * errors about the key itself (unknown, duplicate) point here. */
	unsigned long key_line;
	unsigned long key_column;
	fl_node *first;         /* children of a map or sequence */
	fl_node *last;
	fl_node *next;
	size_t count;
};

/* A new node from the arena, zeroed but for kind; NULL when out of memory. */
fl_node *fl_node_new(fl_arena *a, fl_node_kind kind);

/* Append child to a map or sequence. */
void fl_node_append(fl_node *parent, fl_node *child);

/* The entry of map `m` with key `key`; NULL if none. */
const fl_node *fl_node_get(const fl_node *m, const char *key);

/*
 * The second entry of map `m` whose key repeats an earlier one, or NULL.
 * Needs scratch memory for large maps: returns NULL and sets *oom when out
 * of memory.
 */
const fl_node *fl_node_find_duplicate(const fl_node *m, bool *oom);

/* Kind of a plain YAML scalar, by the YAML 1.2 core schema. */
bool fl_plain_is_null(const char *s, size_t len);
/* A core boolean, or a YAML 1.1 one: yes, no, on, off (in any of the
 * three cases). */
bool fl_plain_is_bool(const char *s, size_t len);

#endif
