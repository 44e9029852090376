/*
 * loyalty.c - the loyalty figures and the as-of check (loyalty.h).
 */
#include <focuslevel/loyalty.h>
#include <focuslevel/period.h>

#include "util/buf.h"
#include "util/diag.h"

#include <string.h>

bool fl_loyalty_of(const fl_customer *c, long as_of, fl_loyalty *out)
{
	if (!fl_customer_dated(c) || as_of == FL_DAY_NONE)
		return false;
	out->first = c->first_day;
	out->last = c->last_day;
	out->recency = as_of - c->last_day;
	out->tenure = as_of - c->first_day;
	out->t_x = (long)c->last_day - c->first_day;
	out->x = fl_customer_repeat(c);
	return true;
}

fl_status fl_loyalty_check(const fl_portfolio *p, long as_of, fl_diags *d)
{
	if (as_of == FL_DAY_NONE || p->dated == 0 || p->last_day <= as_of)
		return FL_OK;
	char when[FL_DATE_MAX], last[FL_DATE_MAX];
	fl_date_format(when, fl_date_of_days(as_of));
	fl_status st = FL_OK;
	fl_buf path, who;
	fl_buf_init(&path);
	fl_buf_init(&who);
	for (size_t i = 0; i < p->count; i++) {
		const fl_customer *c = &p->customers[i];
		if (!fl_customer_dated(c) || c->last_day <= as_of)
			continue;
		bool detailed = c->form == FL_FORM_DETAILED;
		fl_date_format(last, fl_date_of_days(c->last_day));
		fl_buf_reset(&path);
		fl_buf_adds(&path, "customers[");
		fl_buf_add_uint(&path, c->index);
		fl_buf_adds(&path, detailed ? "].orders" : "].last_order");
		fl_buf_reset(&who);
		fl_quote_add(&who, c->id, strlen(c->id), FL_QUOTE_MAX,
		             FL_QUOTE_MARKS);
		if (path.oom || who.oom ||
		    fl_diags_add(d, FL_SEV_ERROR, c->line, 0, path.buf,
		                 "customer %s: %s %s is after the as-of date %s",
		                 who.buf, detailed ? "an order dated"
		                                   : "last_order", last,
		                 when) != FL_OK) {
			st = FL_ERR_NOMEM;
			break;
		}
		st = FL_ERR_INPUT;
	}
	fl_buf_release(&path);
	fl_buf_release(&who);
	return st;
}
