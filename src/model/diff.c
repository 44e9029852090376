/*
 * diff.c - two classified portfolios matched by customer id (see diff.h).
 *
 * Matching sorts the ids of each side once (O(n log n)) and looks every
 * NEW id up in OLD's sorted list, so a million customers a side stays
 * quick and needs no hash table.
 */
#include <focuslevel/diff.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/idkey.h"
#include "model/diff_int.h"
fl_diff_side *fl_diff_side_new(size_t count)
{
	fl_diff_side *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->name = s->currency = s->period = "";
	s->arena = fl_arena_new();
	if (s->arena == NULL) {
		free(s);
		return NULL;
	}
	if (count > 0) {
		s->entries = fl_arena_alloc(s->arena, count * sizeof(*s->entries));
		if (s->entries == NULL) {
			fl_diff_side_free(s);
			return NULL;
		}
	}
	return s;
}

void fl_diff_side_free(fl_diff_side *s)
{
	if (s == NULL)
		return;
	fl_arena_free(s->arena);
	free(s);
}

const char *fl_diff_side_copy(fl_diff_side *s, const char *str, bool *oom)
{
	char *c = fl_arena_strndup(s->arena, str, strlen(str));
	if (c == NULL) {
		*oom = true;
		return "";
	}
	return c;
}

fl_status fl_diff_side_from_plan(const fl_portfolio *p, const fl_plan *plan,
                                 fl_diff_side **out)
{
	*out = NULL;
	fl_diff_side *s = fl_diff_side_new(plan->count);
	if (s == NULL)
		return FL_ERR_NOMEM;
	bool oom = false;
	s->source = FL_DIFF_PORTFOLIO;
	s->name = fl_diff_side_copy(s, p->name, &oom);
	s->currency = fl_diff_side_copy(s, p->currency, &oom);
	s->period = fl_diff_side_copy(s, p->period, &oom);
	s->thresholds = plan->thresholds;
	for (size_t i = 0; i < plan->count && !oom; i++) {
		const fl_customer *c = &p->customers[i];
		fl_metrics m = fl_metrics_of(c);
		fl_diff_entry *e = &s->entries[i];
		e->id = fl_diff_side_copy(s, c->id, &oom);
		e->name = fl_diff_side_copy(s, c->name, &oom);
		e->margin_pct = m.margin_pct;
		e->order_value = m.order_value;
		e->index = c->index;
		e->level = plan->classes[i].level;
		e->quadrant = plan->classes[i].quadrant;
	}
	if (oom) {
		fl_diff_side_free(s);
		return FL_ERR_NOMEM;
	}
	s->count = plan->count;
	*out = s;
	return FL_OK;
}

fl_idkey *fl_diff_sorted_ids(const fl_diff_side *s)
{
	if (s->count == 0)
		return NULL;
	fl_idkey *k = malloc(s->count * sizeof(*k));
	if (k == NULL)
		return NULL;
	for (size_t i = 0; i < s->count; i++) {
		k[i].id = s->entries[i].id;
		k[i].index = i;
	}
	qsort(k, s->count, sizeof(*k), fl_idkey_cmp);
	return k;
}

/*
 * Report every repeated id of `s`: with `side` NULL at the repeat's path
 * ("customers[3].id"), else naming the side and both positions.  Returns
 * FL_OK, FL_ERR_INPUT or FL_ERR_NOMEM.
 */
fl_status fl_diff_check_ids(const fl_diff_side *s, const fl_idkey *k,
                            const char *side, fl_diags *diags)
{
	fl_status st = FL_OK;
	for (size_t n = 1; n < s->count; n++) {
		if (strcmp(k[n].id, k[n - 1].id) != 0)
			continue;
		/* k[n-1] may itself repeat an earlier one: point at the first. */
		size_t f = n - 1;
		while (f > 0 && strcmp(k[f - 1].id, k[n].id) == 0)
			f--;
		const fl_diff_entry *first = &s->entries[k[f].index];
		const fl_diff_entry *again = &s->entries[k[n].index];
		fl_buf q;
		fl_buf_init(&q);
		fl_quote_add(&q, again->id, strlen(again->id), FL_QUOTE_MAX,
		             FL_QUOTE_MARKS);
		fl_status a;
		if (q.oom) {
			a = FL_ERR_NOMEM;
		} else if (side == NULL) {
			char path[48];
			snprintf(path, sizeof(path), "customers[%lu].id",
			         (unsigned long)again->index);
			a = fl_diags_add(diags, FL_SEV_ERROR, 0, 0, path,
			                 "duplicate id %s (first at customers[%lu])",
			                 q.buf, (unsigned long)first->index);
		} else {
			a = fl_diags_add(diags, FL_SEV_ERROR, 0, 0, NULL,
			                 "duplicate id %s in %s (customers[%lu] and "
			                 "customers[%lu])", q.buf, side,
			                 (unsigned long)first->index,
			                 (unsigned long)again->index);
		}
		fl_buf_release(&q);
		if (a != FL_OK)
			return FL_ERR_NOMEM;
		st = FL_ERR_INPUT;
	}
	return st;
}

/* ---- the comparison ---- */

static fl_diff_row *add_row(fl_diff *d, const fl_diff_entry *old,
                            const fl_diff_entry *cur)
{
	fl_diff_row *row = &d->rows[d->count++];
	row->old = old;
	row->cur = cur;
	row->steps = 0;
	if (old == NULL) {
		row->change = FL_CHANGE_NEW;
		d->added++;
		d->migration[FL_DIFF_ABSENT][cur->level]++;
	} else if (cur == NULL) {
		row->change = FL_CHANGE_GONE;
		d->gone++;
		d->migration[old->level][FL_DIFF_ABSENT]++;
	} else {
		row->steps = (int)cur->level - (int)old->level;
		row->change = row->steps > 0 ? FL_CHANGE_UP
		            : row->steps < 0 ? FL_CHANGE_DOWN : FL_CHANGE_SAME;
		if (row->steps > 0)
			d->up++;
		else if (row->steps < 0)
			d->down++;
		else
			d->same++;
		d->migration[old->level][cur->level]++;
	}
	return row;
}

fl_status fl_diff_compute(const fl_diff_side *old, const fl_diff_side *cur,
                          fl_diff *out, fl_diags *diags)
{
	memset(out, 0, sizeof(*out));
	fl_status st = FL_OK;
	fl_idkey *ko = fl_diff_sorted_ids(old), *kn = fl_diff_sorted_ids(cur);
	bool *matched = old->count ? calloc(old->count, sizeof(*matched)) : NULL;
	size_t total = old->count + cur->count;
	out->rows = total ? malloc(total * sizeof(*out->rows)) : NULL;
	if ((old->count && (ko == NULL || matched == NULL)) ||
	    (cur->count && kn == NULL) || (total && out->rows == NULL)) {
		st = FL_ERR_NOMEM;
		goto out;
	}
	fl_status a = fl_diff_check_ids(old, ko, "OLD", diags);
	fl_status b = fl_diff_check_ids(cur, kn, "NEW", diags);
	if (a != FL_OK || b != FL_OK) {
		st = a == FL_ERR_NOMEM || b == FL_ERR_NOMEM ? FL_ERR_NOMEM
		                                            : FL_ERR_INPUT;
		goto out;
	}
	for (size_t i = 0; i < cur->count; i++) {
		fl_idkey key = { cur->entries[i].id, 0 };
		const fl_diff_entry *o = NULL;
		/* Ids are unique, so only the id decides: search by id alone. */
		size_t lo = 0, hi = old->count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(ko[mid].id, key.id);
			if (c == 0) {
				o = &old->entries[ko[mid].index];
				matched[ko[mid].index] = true;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		add_row(out, o, &cur->entries[i]);
	}
	for (size_t i = 0; i < old->count; i++) {
		if (!matched[i])
			add_row(out, &old->entries[i], NULL);
	}
	if (old->currency[0] != '\0' && cur->currency[0] != '\0' &&
	    strcmp(old->currency, cur->currency) != 0) {
		out->currency_differs = true;
		if (fl_diags_add(diags, FL_SEV_WARNING, 0, 0, NULL,
		                 "currencies differ: OLD is in %s, NEW in %s; order "
		                 "values are compared as written", old->currency,
		                 cur->currency) != FL_OK)
			st = FL_ERR_NOMEM;
	}
out:
	free(ko);
	free(kn);
	free(matched);
	if (st != FL_OK)
		fl_diff_release(out);
	return st;
}

void fl_diff_release(fl_diff *d)
{
	free(d->rows);
	memset(d, 0, sizeof(*d));
}

bool fl_diff_changed(const fl_diff *d)
{
	return d->up + d->down + d->added + d->gone > 0;
}

