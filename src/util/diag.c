#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void fl_diags_init(fl_diags *d, size_t limit)
{
	memset(d, 0, sizeof(*d));
	d->limit = limit;
}

void fl_diags_release(fl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	free(d->items);
	fl_diags_init(d, d->limit);
}

fl_status fl_diags_vadd(fl_diags *d, fl_severity sev, unsigned long line,
                        unsigned long column, const char *path,
                        const char *fmt, va_list ap)
{
	if (sev == FL_SEV_ERROR) {
		d->errors++;
		if (d->limit > 0 && d->errors > d->limit) {
			d->dropped++;
			return FL_OK;
		}
	}
	if (d->count == d->cap) {
		fl_diag *items = fl_grow(d->items, &d->cap, sizeof(*items), 8);
		if (items == NULL)
			return FL_ERR_NOMEM;
		d->items = items;
	}
	fl_buf msg;
	fl_buf_init(&msg);
	fl_buf_vaddf(&msg, fmt, ap);
	fl_diag *g = &d->items[d->count];
	g->severity = sev;
	g->line = line;
	g->column = column;
	g->message = fl_buf_detach(&msg);
	g->path = strdup(path != NULL ? path : "");
	if (g->message == NULL || g->path == NULL) {
		free(g->message);
		free(g->path);
		return FL_ERR_NOMEM;
	}
	d->count++;
	return FL_OK;
}

fl_status fl_diags_add(fl_diags *d, fl_severity sev, unsigned long line,
                       unsigned long column, const char *path,
                       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fl_status st = fl_diags_vadd(d, sev, line, column, path, fmt, ap);
	va_end(ap);
	return st;
}
