/*
 * assign.c - the assignment: one row per customer, in the order --sort
 * asks for, through the writer of the chosen format.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/idkey.h"
#include "write/assign_int.h"

fl_status fl_assign_write(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_assign_options *opts)
{
	/* Input order needs no index: the writers take NULL for it. */
	size_t *rows = NULL;
	if (opts->sort != FL_SORT_INPUT) {
		rows = fl_sort_rows(p, plan, opts->sort);
		if (rows == NULL && plan->count > 0)
			return FL_ERR_NOMEM;
	}
	fl_status st;
	switch (opts->format) {
	case FL_FORMAT_CSV:
		st = fl_write_delim(o, p, plan, rows, ',', opts->escape_formulas);
		break;
	case FL_FORMAT_TSV:
		st = fl_write_delim(o, p, plan, rows, '\t', opts->escape_formulas);
		break;
	case FL_FORMAT_JSON:
		st = fl_write_json(o, p, plan, rows);
		break;
	case FL_FORMAT_TABLE:
	case FL_FORMAT_NONE:
	default:
		st = fl_write_table(o, p, plan, rows, opts->color);
		break;
	}
	free(rows);
	if (st == FL_OK && fl_out_failed(o))
		st = FL_ERR_IO;
	return st;
}
