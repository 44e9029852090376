/*
 * ids.c - the ids of the invalid customers of a load (ids.h).
 */
#include <string.h>

#include "load/ids.h"

bool fl_badids_find(fl_badids *s, const char *id, size_t len,
                    uint32_t *first_line, uint32_t *first_index)
{
	const fl_strent *e = fl_strset_get(&s->set, id, len);
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
	if (s->arena == NULL && (s->arena = fl_arena_new()) == NULL)
		return FL_ERR_NOMEM;
	bool added;
	const fl_strent *e = fl_strset_add(&s->set, s->arena, id, len, line,
	                                   index, &added);
	if (e == NULL)
		return FL_ERR_NOMEM;
	if (added)
		return FL_OK;
	*first_line = e->line;
	*first_index = e->index;
	return FL_ERR_INPUT;
}

void fl_badids_release(fl_badids *s)
{
	fl_strset_release(&s->set);
	fl_arena_free(s->arena);
	s->arena = NULL;
}
