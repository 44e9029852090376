/*
 * economics.c - affordable levels and the cap (economics.h).
 */
#include <focuslevel/economics.h>

fl_level fl_affordable_level(double pi, const fl_econ_params *e,
                             bool *unprofitable)
{
	double room = e->share * pi;
	fl_level a = FL_LEVEL_NONE;
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++)
		if (e->level_cost[l] <= room)
			a = (fl_level)l;
	*unprofitable = a == FL_LEVEL_NONE;
	return a == FL_LEVEL_NONE ? FL_LEVEL_BASIC : a;
}

fl_level fl_capped_level(fl_level grid, fl_level pin, fl_level affordable,
                         bool cap)
{
	if (pin != FL_LEVEL_NONE)
		return pin;
	return cap && affordable < grid ? affordable : grid;
}
