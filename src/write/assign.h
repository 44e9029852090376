/*
 * assign.h - what the other writers take from the assignment (assign.c).
 */
#ifndef FL_WRITE_ASSIGN_H
#define FL_WRITE_ASSIGN_H

#include <focuslevel/report.h>

/* The "thresholds" object of the JSON outputs, its keys indented by four
 * spaces, the closing brace by two. */
void fl_json_thresholds(fl_out *o, const fl_thresholds *t);

/* Every customer in input order as an HTML table (the report's customer
 * list): id, name, level, segment, orders, revenue, margin, margin_pct,
 * order_value, quadrant, pinned.  Returns FL_OK or FL_ERR_IO. */
fl_status fl_assign_html(fl_out *o, const fl_portfolio *p,
                         const fl_plan *plan);

#endif
