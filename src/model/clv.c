/*
 * clv.c - lifetime value over a horizon of months (clv.h; docs/model.md,
 * "Customer value").
 */
#include <focuslevel/clv.h>

#include <math.h>

/* A month of the horizon, in days. */
#define MONTH_DAYS (365.0 / 12)

/* The months whose E(t) fl_bgnbd_expected_many evaluates in one pass. */
#define BATCH 16

double fl_clv_value_orders(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                           const fl_clv_customer *c,
                           const fl_clv_terms *terms, fl_clv_month *months,
                           double *orders)
{
	const double value = fl_gamma_gamma_expected(gg, c->x, c->mbar);
	/* (1+d)^(-k/12) as exp(-k/12 ln(1+d)). */
	const double yearly = log1p(terms->discount_rate);
	double clv = 0, prev = 0;
	for (unsigned done = 0; done < terms->months;) {
		double t[BATCH], e[BATCH];
		unsigned n = terms->months - done < BATCH ? terms->months - done
		                                          : BATCH;
		for (unsigned j = 0; j < n; j++)
			t[j] = (done + 1 + j) * MONTH_DAYS;
		fl_bgnbd_expected_many(bg, c->x, c->t_x, c->T, t, n, e);
		for (unsigned j = 0; j < n; j++) {
			unsigned k = done + 1 + j;
			double orders_k = e[j] - prev;
			double v = orders_k * value * terms->margin_ratio *
			           exp(-yearly * k / 12.0);
			prev = e[j];
			clv += v;
			if (months)
				months[k - 1] = (fl_clv_month){ orders_k, v };
		}
		done += n;
	}
	if (orders)
		*orders = prev;
	return clv;
}

double fl_clv_value(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                    const fl_clv_customer *c, const fl_clv_terms *terms,
                    fl_clv_month *months)
{
	return fl_clv_value_orders(bg, gg, c, terms, months, NULL);
}
