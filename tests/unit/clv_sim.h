/*
 * clv_sim.h - simulation of the BG/NBD and Gamma-Gamma processes for the
 * tests (test_clv_sim.c, tests/clv_ref/clv_fit.c), with a generator of
 * its own: xoshiro256** seeded by splitmix64 (Blackman & Vigna), so the
 * data are the same on every libc.  Header-only: each test is one file.
 */
#ifndef FL_TEST_CLV_SIM_H
#define FL_TEST_CLV_SIM_H

#include <math.h>
#include <stdint.h>

#include <focuslevel/clv.h>

typedef struct sim_rng {
	uint64_t s[4];
} sim_rng;

static inline uint64_t sim_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static inline void sim_seed(sim_rng *g, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		g->s[i] = sim_splitmix(&seed);
}

static inline uint64_t sim_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t sim_next(sim_rng *g)
{
	uint64_t *s = g->s;
	uint64_t r = sim_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = sim_rotl(s[3], 45);
	return r;
}

/* Uniform on (0, 1): 53 bits, never 0. */
static inline double sim_unif(sim_rng *g)
{
	return ((double)(sim_next(g) >> 11) + 0.5) * 0x1.0p-53;
}

static inline double sim_normal(sim_rng *g)
{
	/* Box-Muller, one of the pair. */
	return sqrt(-2 * log(sim_unif(g))) * cos(6.283185307179586 * sim_unif(g));
}

/* Gamma(shape k, rate 1): Marsaglia & Tsang (2000); k < 1 through
 * Gamma(k+1) U^(1/k). */
static inline double sim_gamma(sim_rng *g, double k)
{
	if (k < 1)
		return sim_gamma(g, k + 1) * pow(sim_unif(g), 1 / k);
	double d = k - 1.0 / 3, c = 1 / sqrt(9 * d);
	for (;;) {
		double x = sim_normal(g), v = 1 + c * x;
		if (v <= 0)
			continue;
		v = v * v * v;
		if (log(sim_unif(g)) < 0.5 * x * x + d - d * v + d * log(v))
			return d * v;
	}
}

static inline double sim_beta(sim_rng *g, double a, double b)
{
	double x = sim_gamma(g, a);
	return x / (x + sim_gamma(g, b));
}

/*
 * One customer observed for T days after its first purchase: lambda ~
 * Gamma(r, rate alpha), p ~ Beta(a, b); purchases at Poisson rate lambda;
 * after each repeat purchase it drops out with probability p.  When
 * spend is not NULL (p, q, gamma of Gamma-Gamma), nu ~ Gamma(q, rate
 * gamma) and each repeat purchase is worth Gamma(p, rate nu): mbar is
 * their mean (0 without repeat purchases).
 */
static inline fl_clv_customer sim_customer(sim_rng *g, const fl_bgnbd *m,
                                           const fl_gamma_gamma *spend,
                                           double T)
{
	double lambda = sim_gamma(g, m->r) / m->alpha;
	double p = sim_beta(g, m->a, m->b);
	double nu = spend ? sim_gamma(g, spend->q) / spend->gamma : 0;
	fl_clv_customer c = { 0, 0, T, 0 };
	double t = 0, total = 0;
	for (;;) {
		t += -log(sim_unif(g)) / lambda;
		if (t > T)
			break;
		c.x += 1;
		c.t_x = t;
		if (spend)
			total += sim_gamma(g, spend->p) / nu;
		if (sim_unif(g) < p)
			break;
	}
	c.mbar = c.x > 0 ? total / c.x : 0;
	return c;
}

#endif
