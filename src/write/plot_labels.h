/*
 * plot_labels.h - placing text labels beside points without overlap
 * (docs/plot.md, "Labels").
 *
 * A greedy, deterministic placement: each label, in the caller's order,
 * takes the first free place among eight around its point, then along a
 * spiral outward; a place is free when it lies inside the frame and
 * overlaps no label placed before and no obstacle.  Markers are soft
 * obstacles: a place that covers none is tried first, then one that only
 * covers markers.  A label with no free place is left out.  Obstacles are
 * kept in buckets of a grid over the frame, so a label costs a look at
 * its neighbours only.
 */
#ifndef FL_PLOT_LABELS_H
#define FL_PLOT_LABELS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct fl_box {
	double x0, y0, x1, y1;   /* x0 <= x1, y0 <= y1 */
} fl_box;

typedef struct fl_labeler fl_labeler;

/* A placer over `frame`; NULL when out of memory.  Free with
 * fl_labeler_free. */
fl_labeler *fl_labeler_new(fl_box frame);
void fl_labeler_free(fl_labeler *l);

/* Something labels must not cover: hard (a quadrant name, a legend) or
 * soft (a marker of radius r at (x, y): the box {x - r, y - r, x + r,
 * y + r}, which its own label may touch).  False when out of memory. */
bool fl_labeler_block(fl_labeler *l, fl_box b, bool hard);

/*
 * A place for a label of w x h for the point (x, y) drawn with radius r:
 * true with the box in *out (and the box kept as a hard obstacle), and
 * *moved set when the box lies away from the point (it needs a leader
 * line); false when there is no free place within reach, or out of
 * memory (*oom set).
 */
bool fl_labeler_place(fl_labeler *l, double x, double y, double r, double w,
                      double h, fl_box *out, bool *moved, bool *oom);

/* The point on box b closest to (x, y). */
void fl_box_nearest(const fl_box *b, double x, double y, double *nx,
                    double *ny);

#endif
