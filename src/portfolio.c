/*
 * portfolio.c - the portfolio value, format detection, and the entry point
 * that runs a loader.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "number.h"
#include "portfolio_int.h"

static const char *const level_names[] = {
	NULL, "basic", "reactive", "accountable", "proactive", "partnership",
};

static const char *const level_descriptions[] = {
	NULL,
	"sell the product; no follow-up",
	"sell and invite the customer to call with questions or problems",
	"contact the customer shortly after the sale: does the product meet "
	"expectations, what could be better?",
	"contact the customer regularly with tips for getting more from the "
	"product",
	"work continuously with the customer as a consultant (e.g. a "
	"technician on site a few days a month)",
};

const char *fl_level_name(fl_level level)
{
	if (level < FL_LEVEL_BASIC || level > FL_LEVEL_PARTNERSHIP)
		return NULL;
	return level_names[level];
}

const char *fl_level_description(fl_level level)
{
	if (level < FL_LEVEL_BASIC || level > FL_LEVEL_PARTNERSHIP)
		return NULL;
	return level_descriptions[level];
}

fl_level fl_level_parse_n(const char *s, size_t len)
{
	for (int i = FL_LEVEL_BASIC; i <= FL_LEVEL_PARTNERSHIP; i++) {
		if (strlen(level_names[i]) == len &&
		    strncasecmp(level_names[i], s, len) == 0)
			return (fl_level)i;
	}
	return FL_LEVEL_NONE;
}

fl_level fl_level_parse(const char *s)
{
	return fl_level_parse_n(s, strlen(s));
}

bool fl_number_parse(const char *s, double *out)
{
	return fl_num_parse(s, strlen(s), out) == FL_NUM_OK;
}

fl_input_format fl_input_format_from_name(const char *name)
{
	if (name == NULL)
		return FL_INPUT_AUTO;
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return FL_INPUT_AUTO;
	if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
		return FL_INPUT_YAML;
	if (strcasecmp(dot, ".json") == 0)
		return FL_INPUT_JSON;
	if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0)
		return FL_INPUT_JSONL;
	return FL_INPUT_AUTO;
}

bool fl_input_format_parse(const char *s, fl_input_format *out)
{
	if (strcmp(s, "yaml") == 0)
		*out = FL_INPUT_YAML;
	else if (strcmp(s, "json") == 0)
		*out = FL_INPUT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*out = FL_INPUT_JSONL;
	else
		return false;
	return true;
}

void fl_portfolio_free(fl_portfolio *p)
{
	if (p == NULL)
		return;
	free(p->customers);
	fl_arena_free(p->arena);
	free(p);
}

/* FNV-1a: simple, and good enough for ids, which are short. */
static uint64_t hash_mem(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

const char *fl_strpool_get(fl_strpool *pool, fl_arena *a, const char *s,
                           size_t len)
{
	if (pool->count >= FL_POOL_MAX)
		return fl_arena_strndup(a, s, len);
	if (pool->cap == 0) {
		pool->slots = calloc(2 * FL_POOL_MAX, sizeof(*pool->slots));
		if (pool->slots == NULL)
			return NULL;
		pool->cap = 2 * FL_POOL_MAX;
	}
	size_t j = hash_mem(s, len) & (pool->cap - 1);
	for (; pool->slots[j] != NULL; j = (j + 1) & (pool->cap - 1)) {
		const char *t = pool->slots[j];
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return t;
	}
	char *copy = fl_arena_strndup(a, s, len);
	if (copy != NULL) {
		pool->slots[j] = copy;
		pool->count++;
	}
	return copy;
}

void fl_strpool_release(fl_strpool *pool)
{
	free(pool->slots);
	memset(pool, 0, sizeof(*pool));
}

void fl_idset_release(fl_idset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

/*
 * A slot holds the customer index + 1 in its low 32 bits and 32 bits of
 * the id's hash in the high ones: a probe compares the hash first and
 * reads the customer's id (a cache miss in a large portfolio) only when
 * the hashes agree.
 */
static bool idset_grow(fl_idset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	uint64_t *slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		uint64_t v = s->slots[i];
		if (v == 0)
			continue;
		size_t j = (size_t)(v >> 32) & (cap - 1);
		while (slots[j] != 0)
			j = (j + 1) & (cap - 1);
		slots[j] = v;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return true;
}

static uint64_t id_tag(const char *id)
{
	uint64_t h = hash_mem(id, strlen(id));
	return (h ^ (h >> 32)) & 0xFFFFFFFFu;
}

/* The slot of `id` in s (cap > 0): the one that holds it, or the empty one
 * where it goes. */
static size_t idset_slot(const fl_idset *s, const fl_customer *cs,
                         const char *id, uint64_t tag)
{
	size_t j = (size_t)tag & (s->cap - 1);
	while (s->slots[j] != 0) {
		uint64_t v = s->slots[j];
		size_t k = (size_t)(v & 0xFFFFFFFFu) - 1;
		if ((v >> 32) == tag && strcmp(cs[k].id, id) == 0)
			break;
		j = (j + 1) & (s->cap - 1);
	}
	return j;
}

fl_status fl_portfolio_add(fl_portfolio *p, fl_idset *ids,
                           const fl_customer *c, size_t *first)
{
	if (p->count >= UINT32_MAX - 1)
		return FL_ERR_NOMEM;
	if ((ids->count + 1) * 2 > ids->cap && !idset_grow(ids))
		return FL_ERR_NOMEM;
	uint64_t tag = id_tag(c->id);
	size_t j = idset_slot(ids, p->customers, c->id, tag);
	if (ids->slots[j] != 0) {
		*first = (size_t)(ids->slots[j] & 0xFFFFFFFFu) - 1;
		return FL_ERR_INPUT;
	}
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		fl_customer *cs = realloc(p->customers, cap * sizeof(*cs));
		if (cs == NULL)
			return FL_ERR_NOMEM;
		p->customers = cs;
		p->cap = cap;
	}
	p->customers[p->count] = *c;
	p->count++;
	ids->slots[j] = tag << 32 | (uint64_t)p->count;
	ids->count++;
	return FL_OK;
}

bool fl_portfolio_find_id(const fl_portfolio *p, const fl_idset *ids,
                          const char *id, size_t *first)
{
	if (ids->count == 0)
		return false;
	size_t j = idset_slot(ids, p->customers, id, id_tag(id));
	if (ids->slots[j] == 0)
		return false;
	*first = (size_t)(ids->slots[j] & 0xFFFFFFFFu) - 1;
	return true;
}

/* Invalid customers are not in the portfolio: an entry keeps its own copy
 * of the id, in the set's arena, and a slot points to the entry. */
struct fl_badid {
	uint64_t hash;
	uint32_t line;
	uint32_t index;
	char id[];
};

/* The slot of s[0..len) in s (cap > 0): the one that holds it, or the
 * empty one where it goes. */
static size_t badids_slot(const fl_badids *s, const char *id, size_t len,
                          uint64_t h)
{
	size_t j = (size_t)h & (s->cap - 1);
	for (; s->slots[j] != NULL; j = (j + 1) & (s->cap - 1)) {
		const struct fl_badid *e = s->slots[j];
		if (e->hash == h && strncmp(e->id, id, len) == 0 &&
		    e->id[len] == '\0')
			break;
	}
	return j;
}

static bool badids_grow(fl_badids *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	struct fl_badid **slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		struct fl_badid *e = s->slots[i];
		if (e == NULL)
			continue;
		size_t j = (size_t)e->hash & (cap - 1);
		while (slots[j] != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = e;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return true;
}

bool fl_badids_find(const fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index)
{
	if (s->count == 0)
		return false;
	const struct fl_badid *e =
		s->slots[badids_slot(s, id, len, hash_mem(id, len))];
	if (e == NULL)
		return false;
	*first_line = e->line;
	*first_index = e->index;
	return true;
}

fl_status fl_badids_add(fl_badids *s, const char *id, size_t len,
                        uint32_t line, uint32_t index, uint32_t *first_line,
                        uint32_t *first_index)
{
	if ((s->count + 1) * 2 > s->cap && !badids_grow(s))
		return FL_ERR_NOMEM;
	uint64_t h = hash_mem(id, len);
	size_t j = badids_slot(s, id, len, h);
	if (s->slots[j] != NULL) {
		*first_line = s->slots[j]->line;
		*first_index = s->slots[j]->index;
		return FL_ERR_INPUT;
	}
	if (s->arena == NULL && (s->arena = fl_arena_new()) == NULL)
		return FL_ERR_NOMEM;
	struct fl_badid *e = fl_arena_alloc(s->arena, sizeof(*e) + len + 1);
	if (e == NULL)
		return FL_ERR_NOMEM;
	e->hash = h;
	e->line = line;
	e->index = index;
	memcpy(e->id, id, len);
	e->id[len] = '\0';
	s->slots[j] = e;
	s->count++;
	return FL_OK;
}

void fl_badids_release(fl_badids *s)
{
	free(s->slots);
	fl_arena_free(s->arena);
	memset(s, 0, sizeof(*s));
}

/* Decide the syntax from the first bytes: JSON starts with { or [. */
static fl_input_format sniff(const fl_reader *r)
{
	size_t i = 0;
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < r->len && (r->buf[i] == ' ' || r->buf[i] == '\t' ||
	                      r->buf[i] == '\n' || r->buf[i] == '\r'))
		i++;
	if (i < r->len && (r->buf[i] == '{' || r->buf[i] == '['))
		return FL_INPUT_JSON;
	return FL_INPUT_YAML;
}

/*
 * UTF-16 and UTF-32 show as a byte-order mark or as NUL bytes among the
 * first ASCII characters.  Two NULs side by side at the start or end of
 * the first four bytes mean UTF-32 (its BOMs FF FE 00 00 and 00 00 FE FF,
 * or one ASCII character in four bytes): UTF-16 has them only for U+0000.
 * Returns 32, 16, or 0 for anything else.
 */
static int wide_encoding(const fl_reader *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	if (r->len >= 4 && ((b[0] == 0 && b[1] == 0) ||
	                    (b[2] == 0 && b[3] == 0)))
		return 32;
	if (r->len >= 2 && (b[0] == 0xFF || b[0] == 0xFE) &&
	    (b[1] == 0xFE || b[1] == 0xFF))
		return 16;
	if (r->len >= 2 && (b[0] == 0 || b[1] == 0))
		return 16;
	return 0;
}

static fl_status run(fl_reader *r, const char *name,
                     const fl_load_options *opts, fl_portfolio **out,
                     fl_diags *diags)
{
	static const fl_load_options defaults;
	fl_load_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	fl_buf_init(&ctx.path);
	/* The caller's list may hold diagnostics of an earlier load. */
	size_t errors_before = diags->errors;
	ctx.opts = opts != NULL ? opts : &defaults;
	ctx.name = name;
	ctx.diags = diags;
	*out = NULL;

	fl_portfolio *p = calloc(1, sizeof(*p));
	ctx.scratch = fl_arena_new();
	if (p == NULL || ctx.scratch == NULL || (p->arena = fl_arena_new()) == NULL) {
		free(p);
		fl_arena_free(ctx.scratch);
		return FL_ERR_NOMEM;
	}
	p->name = p->currency = p->period = "";
	ctx.p = p;

	fl_status st = FL_OK;
	if (!fl_reader_peek(r, 4096)) {
		st = r->err ? FL_ERR_IO : FL_ERR_NOMEM;
		if (fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL,
		                 "cannot read: %s",
		                 strerror(r->err ? r->err : ENOMEM)) != FL_OK)
			st = FL_ERR_NOMEM;
		goto out;
	}
	int wide = wide_encoding(r);
	if (wide != 0) {
		/* "UTF-16 or UTF-32": a UTF-32 file that starts with a
		 * character past U+FFFF is not told apart from UTF-16. */
		fl_load_error(&ctx, 1, 1, NULL, "the input looks like %s: "
		              "focuslevel reads UTF-8 (convert with iconv -f "
		              "UTF-%d -t UTF-8)", wide == 32 ? "UTF-32" :
		              "UTF-16 or UTF-32", wide);
		st = FL_ERR_INPUT;
		goto out;
	}
	fl_input_format fmt = ctx.opts->format;
	if (fmt == FL_INPUT_AUTO)
		fmt = fl_input_format_from_name(name);
	if (fmt == FL_INPUT_AUTO)
		fmt = sniff(r);
	ctx.json = fmt == FL_INPUT_JSON || fmt == FL_INPUT_JSONL;
	if (fmt == FL_INPUT_JSONL)
		fl_load_jsonl(&ctx, r);
	else if (ctx.json)
		fl_load_json(&ctx, r);
	else
		fl_load_yaml(&ctx, r);

	if (r->err != 0) {
		st = fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL,
		                  "read error: %s", strerror(r->err)) == FL_OK
		     ? FL_ERR_IO : FL_ERR_NOMEM;
	} else if (ctx.nomem) {
		st = FL_ERR_NOMEM;
	} else if (ctx.fatal > 0 ||
	           (diags->errors > errors_before && !ctx.opts->skip_invalid)) {
		st = FL_ERR_INPUT;
	} else if (p->count == 0 && p->skipped == 0) {
		if (fl_diags_add(diags, FL_SEV_WARNING, 0, 0, NULL,
		                 "the portfolio has no customers") != FL_OK)
			st = FL_ERR_NOMEM;
	}
out:
	fl_idset_release(&ctx.ids);
	fl_badids_release(&ctx.bad_ids);
	fl_buf_release(&ctx.path);
	fl_strpool_release(&ctx.segments);
	fl_arena_free(ctx.scratch);
	if (st != FL_OK) {
		fl_portfolio_free(p);
		return st;
	}
	*out = p;
	return FL_OK;
}

fl_status fl_portfolio_load(FILE *fp, const char *name,
                            const fl_load_options *opts, fl_portfolio **out,
                            fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_file(&r, fp);
	fl_status st = run(&r, name, opts, out, diags);
	fl_reader_release(&r);
	return st;
}

fl_status fl_portfolio_load_mem(const char *data, size_t len,
                                const char *name, const fl_load_options *opts,
                                fl_portfolio **out, fl_diags *diags)
{
	fl_reader r;
	fl_reader_init_mem(&r, data, len);
	fl_status st = run(&r, name, opts, out, diags);
	return st;
}
