/*
 * plot_labels.c - greedy label placement (plot_labels.h).
 */
#include "write/plot_labels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Bucket size in user units: about one short label. */
#define CELL 40.0
/* How far from its point a label may go. */
#define REACH 170.0

struct bucket {
	uint32_t *ix;
	size_t n, cap;
};

struct fl_labeler {
	fl_box frame;
	int gx, gy;
	struct bucket *cells;
	fl_box *boxes;
	unsigned char *hard;
	size_t n, cap;
};

fl_labeler *fl_labeler_new(fl_box frame)
{
	fl_labeler *l = calloc(1, sizeof(*l));
	if (l == NULL)
		return NULL;
	l->frame = frame;
	l->gx = (int)ceil((frame.x1 - frame.x0) / CELL);
	l->gy = (int)ceil((frame.y1 - frame.y0) / CELL);
	if (l->gx < 1) l->gx = 1;
	if (l->gy < 1) l->gy = 1;
	l->cells = calloc((size_t)l->gx * (size_t)l->gy, sizeof(*l->cells));
	if (l->cells == NULL) {
		free(l);
		return NULL;
	}
	return l;
}

void fl_labeler_free(fl_labeler *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < (size_t)l->gx * (size_t)l->gy; i++)
		free(l->cells[i].ix);
	free(l->cells);
	free(l->boxes);
	free(l->hard);
	free(l);
}

/* The bucket range a box touches, clamped to the grid. */
static void range(const fl_labeler *l, const fl_box *b, int *cx0, int *cy0,
                  int *cx1, int *cy1)
{
	double fx0 = floor((b->x0 - l->frame.x0) / CELL);
	double fx1 = floor((b->x1 - l->frame.x0) / CELL);
	double fy0 = floor((b->y0 - l->frame.y0) / CELL);
	double fy1 = floor((b->y1 - l->frame.y0) / CELL);
	*cx0 = fx0 < 0 ? 0 : fx0 >= l->gx ? l->gx - 1 : (int)fx0;
	*cx1 = fx1 < 0 ? 0 : fx1 >= l->gx ? l->gx - 1 : (int)fx1;
	*cy0 = fy0 < 0 ? 0 : fy0 >= l->gy ? l->gy - 1 : (int)fy0;
	*cy1 = fy1 < 0 ? 0 : fy1 >= l->gy ? l->gy - 1 : (int)fy1;
}

bool fl_labeler_block(fl_labeler *l, fl_box b, bool hard)
{
	if (!(b.x1 >= l->frame.x0 && b.x0 <= l->frame.x1 &&
	      b.y1 >= l->frame.y0 && b.y0 <= l->frame.y1))
		return true;  /* outside: nothing to avoid */
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		fl_box *nb = realloc(l->boxes, cap * sizeof(*nb));
		if (nb == NULL)
			return false;
		l->boxes = nb;
		unsigned char *nh = realloc(l->hard, cap);
		if (nh == NULL)
			return false;
		l->hard = nh;
		l->cap = cap;
	}
	uint32_t id = (uint32_t)l->n;
	l->boxes[l->n] = b;
	l->hard[l->n++] = hard;
	int cx0, cy0, cx1, cy1;
	range(l, &b, &cx0, &cy0, &cx1, &cy1);
	for (int cy = cy0; cy <= cy1; cy++) {
		for (int cx = cx0; cx <= cx1; cx++) {
			struct bucket *k = &l->cells[(size_t)cy * (size_t)l->gx +
			                             (size_t)cx];
			if (k->n == k->cap) {
				size_t cap = k->cap ? 2 * k->cap : 8;
				uint32_t *ni = realloc(k->ix, cap * sizeof(*ni));
				if (ni == NULL)
					return false;
				k->ix = ni;
				k->cap = cap;
			}
			k->ix[k->n++] = id;
		}
	}
	return true;
}

static bool overlap(const fl_box *a, const fl_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Is b inside the frame and clear of the hard obstacles (and, with
 * `soft`, of the markers but the label's own, the box of radius r at
 * (x, y), computed by the caller from the same numbers)? */
static bool free_at(const fl_labeler *l, const fl_box *b, bool soft,
                    double x, double y, double r)
{
	if (b->x0 < l->frame.x0 || b->x1 > l->frame.x1 ||
	    b->y0 < l->frame.y0 || b->y1 > l->frame.y1)
		return false;
	int cx0, cy0, cx1, cy1;
	range(l, b, &cx0, &cy0, &cx1, &cy1);
	for (int cy = cy0; cy <= cy1; cy++) {
		for (int cx = cx0; cx <= cx1; cx++) {
			const struct bucket *k = &l->cells[(size_t)cy *
			                                   (size_t)l->gx + (size_t)cx];
			for (size_t j = 0; j < k->n; j++) {
				const fl_box *o = &l->boxes[k->ix[j]];
				if (!l->hard[k->ix[j]]) {
					if (!soft)
						continue;
					/* Its own marker may be touched. */
					if (o->x0 == x - r && o->y0 == y - r &&
					    o->x1 == x + r && o->y1 == y + r)
						continue;
				}
				if (overlap(b, o))
					return false;
			}
		}
	}
	return true;
}

void fl_box_nearest(const fl_box *b, double x, double y, double *nx,
                    double *ny)
{
	*nx = x < b->x0 ? b->x0 : x > b->x1 ? b->x1 : x;
	*ny = y < b->y0 ? b->y0 : y > b->y1 ? b->y1 : y;
}

/*
 * Candidate k of a label w x h for a point of radius r at (x, y): 0..7
 * the places around the point (right, left, above, below, then the four
 * corners), then rings of a spiral: ring j at distance r + 8 + 12 j,
 * 16 angles each (starting to the right, turning clockwise on the
 * screen).  False past the last one.
 */
static bool candidate(size_t k, double x, double y, double r, double w,
                      double h, fl_box *b)
{
	double g = r + 3;
	double cx, cy;
	if (k < 8) {
		static const signed char dx[8] = { 1, -1, 0, 0, 1, 1, -1, -1 };
		static const signed char dy[8] = { 0, 0, -1, 1, -1, 1, -1, 1 };
		double gx = dx[k] != 0 && dy[k] != 0 ? g * 0.7 : g;
		cx = x + dx[k] * (gx + w / 2);
		cy = y + dy[k] * (gx + h / 2);
	} else {
		size_t ring = (k - 8) / 16, step = (k - 8) % 16;
		double d = r + 8 + 12 * (double)ring;
		if (d > REACH)
			return false;
		double a = 2 * 3.14159265358979323846 * (double)step / 16;
		double ca = cos(a), sa = sin(a);
		/* Clean zeros, so that the same candidates come out everywhere. */
		if (fabs(ca) < 1e-9) ca = 0;
		if (fabs(sa) < 1e-9) sa = 0;
		cx = x + ca * (d + w / 2);
		cy = y + sa * (d + h / 2);
	}
	*b = (fl_box){ cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
	return true;
}

bool fl_labeler_place(fl_labeler *l, double x, double y, double r, double w,
                      double h, fl_box *out, bool *moved, bool *oom)
{
	*oom = false;
	for (int pass = 0; pass < 2; pass++) {
		fl_box b;
		for (size_t k = 0; candidate(k, x, y, r, w, h, &b); k++) {
			if (!free_at(l, &b, pass == 0, x, y, r))
				continue;
			double nx, ny;
			fl_box_nearest(&b, x, y, &nx, &ny);
			*moved = hypot(nx - x, ny - y) > r + 6;
			*out = b;
			if (!fl_labeler_block(l, b, true))
				*oom = true;
			return !*oom;
		}
	}
	return false;
}
