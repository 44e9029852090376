/*
 * clv.c - lifetime value over a horizon of months (clv.h; docs/model.md,
 * "Customer value").
 */
#include <focuslevel/clv.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* The months whose E(t) fl_bgnbd_expected_many evaluates in one pass. */
#define BATCH 16

struct fl_clv_cache {
	double r, alpha, a, b;   /* the model the values are for */
	unsigned months;
	size_t mask;             /* slots - 1, slots a power of two */
	double *key;             /* slot i: x at 2i, T at 2i+1; NaN empty */
	double *alive;           /* slot i: E(k m | alive) at i K + k - 1 */
};

/* About 8 MB of values at the most, and 65536 slots. */
#define CACHE_VALUES ((size_t)1 << 20)
#define CACHE_SLOTS ((size_t)1 << 16)

fl_clv_cache *fl_clv_cache_new(const fl_bgnbd *bg, unsigned months)
{
	if (months == 0 || months > CACHE_VALUES)
		return NULL;
	size_t slots = CACHE_SLOTS;
	while (slots > 1 && slots * months > CACHE_VALUES)
		slots /= 2;
	fl_clv_cache *c = malloc(sizeof(*c));
	if (c == NULL)
		return NULL;
	c->r = bg->r;
	c->alpha = bg->alpha;
	c->a = bg->a;
	c->b = bg->b;
	c->months = months;
	c->mask = slots - 1;
	c->key = malloc(2 * slots * sizeof(*c->key));
	c->alive = malloc(slots * months * sizeof(*c->alive));
	if (c->key == NULL || c->alive == NULL) {
		fl_clv_cache_free(c);
		return NULL;
	}
	/* NaN equals nothing: an empty slot never matches. */
	for (size_t i = 0; i < 2 * slots; i++)
		c->key[i] = NAN;
	return c;
}

void fl_clv_cache_free(fl_clv_cache *c)
{
	if (c == NULL)
		return;
	free(c->key);
	free(c->alive);
	free(c);
}

/* The slot of (x, T): a multiplicative hash of their bits. */
static size_t slot_of(const fl_clv_cache *c, double x, double T)
{
	uint64_t a, b;
	memcpy(&a, &x, sizeof(a));
	memcpy(&b, &T, sizeof(b));
	uint64_t h = a * UINT64_C(0x9E3779B97F4A7C15) ^
	             b * UINT64_C(0xC2B2AE3D27D4EB4F);
	h ^= h >> 29;
	return (size_t)(h * UINT64_C(0xBF58476D1CE4E5B9) >> 32) & c->mask;
}

/* E(k m | alive) for k = first + 1 .. first + n into out. */
static void alive_months(const fl_bgnbd *bg, const fl_clv_customer *c,
                         unsigned first, unsigned n, double *out)
{
	double t[BATCH];
	for (unsigned j = 0; j < n; j++)
		t[j] = (first + 1 + j) * FL_MONTH_DAYS;
	fl_bgnbd_expected_alive_many(bg, c->x, c->T, t, n, out);
}

/* The K values of E(k m | alive) of customer c: from the cache when it
 * has them, else computed (into the cache when there is one, else into
 * buf, room for BATCH from `first`).  Returns where value k - 1 - first
 * is, for the n = min(BATCH, K - first) months from first. */
static const double *alive_of(const fl_bgnbd *bg, const fl_clv_customer *c,
                              fl_clv_cache *cache, unsigned first,
                              unsigned n, double *buf)
{
	if (cache == NULL) {
		alive_months(bg, c, first, n, buf);
		return buf;
	}
	size_t i = slot_of(cache, c->x, c->T);
	double *v = cache->alive + i * cache->months;
	if (first == 0 && !(cache->key[2 * i] == c->x &&
	                    cache->key[2 * i + 1] == c->T)) {
		for (unsigned f = 0; f < cache->months; f += BATCH)
			alive_months(bg, c, f, cache->months - f < BATCH
			                       ? cache->months - f : BATCH, v + f);
		cache->key[2 * i] = c->x;
		cache->key[2 * i + 1] = c->T;
	}
	return v + first;
}

/* The lifetime value of c, its months into `months` (may be NULL), E(K m)
 * into *orders (may be NULL); E(k m) = E(k m | alive) p_alive as
 * fl_bgnbd_expected_many has it, so that every path gives the same
 * bits. */
static double clv_sum(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                      const fl_clv_customer *c, const fl_clv_terms *terms,
                      fl_clv_month *months, double *orders,
                      fl_clv_cache *cache)
{
	const double value = fl_gamma_gamma_expected(gg, c->x, c->mbar);
	const double pa = fl_bgnbd_p_alive(bg, c->x, c->t_x, c->T);
	/* (1+d)^(-k/12) as exp(-k/12 ln(1+d)). */
	const double yearly = log1p(terms->discount_rate);
	double clv = 0, prev = 0;
	for (unsigned done = 0; done < terms->months;) {
		double buf[BATCH];
		unsigned n = terms->months - done < BATCH ? terms->months - done
		                                          : BATCH;
		const double *alive = alive_of(bg, c, cache, done, n, buf);
		for (unsigned j = 0; j < n; j++) {
			unsigned k = done + 1 + j;
			double e = alive[j] * pa;
			double orders_k = e - prev;
			double v = orders_k * value * terms->margin_ratio *
			           exp(-yearly * k / 12.0);
			prev = e;
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

double fl_clv_value_cached(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                           const fl_clv_customer *c,
                           const fl_clv_terms *terms, fl_clv_cache *cache,
                           double *orders)
{
	bool fits = cache != NULL && cache->months == terms->months &&
	            cache->r == bg->r && cache->alpha == bg->alpha &&
	            cache->a == bg->a && cache->b == bg->b;
	return clv_sum(bg, gg, c, terms, NULL, orders, fits ? cache : NULL);
}

double fl_clv_value_orders(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                           const fl_clv_customer *c,
                           const fl_clv_terms *terms, fl_clv_month *months,
                           double *orders)
{
	return clv_sum(bg, gg, c, terms, months, orders, NULL);
}

double fl_clv_value(const fl_bgnbd *bg, const fl_gamma_gamma *gg,
                    const fl_clv_customer *c, const fl_clv_terms *terms,
                    fl_clv_month *months)
{
	return fl_clv_value_orders(bg, gg, c, terms, months, NULL);
}
