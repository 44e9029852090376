/*
 * clv.c - lifetime value over a horizon of months (clv.h; docs/model.md,
 * "Customer value").
 */
#include <focuslevel/clv.h>

#include <math.h>

/* A month of the horizon, in days. */
#define MONTH_DAYS (365.0 / 12)

double fl_clv_value(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                    const fl_clv_customer *c, const fl_clv_terms *terms,
                    fl_clv_month *months)
{
	const double value = fl_gamma_gamma_expected(gg, c->x, c->mbar);
	/* (1+d)^(-k/12) as exp(-k/12 ln(1+d)). */
	const double yearly = log1p(terms->discount_rate);
	double clv = 0, prev = 0;
	for (unsigned k = 1; k <= terms->months; k++) {
		double e = fl_bgnbd_expected(bg, c->x, c->t_x, c->T,
		                             k * MONTH_DAYS);
		double orders = e - prev;
		double v = orders * value * terms->margin_ratio *
		           exp(-yearly * k / 12.0);
		prev = e;
		clv += v;
		if (months)
			months[k - 1] = (fl_clv_month){ orders, v };
	}
	return clv;
}
