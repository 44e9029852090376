#!/usr/bin/env python3
"""Expected values of tests/unit/test_clv.c, computed with mpmath at 30
digits straight from the formulas of issue 14 (docs/model.md, "Customer
value"), not from the C code's rearrangements:

    python3 tests/clv_ref/unit_values.py

E(t) is computed twice, with mpmath.hyp2f1 in the issue's formula and as
the integral over the posterior of the dropout probability,
    E(t | alive) = int_0^1 Beta(p; a, b+x) (1 - (1 + p u)^-(r+x)) / p dp,
    u = t / (alpha + T),
(mpmath.quad, after p = s^(1/a) for a < 1); where both are computed (a <= 1)
the script stops if they disagree beyond 1e-15, and prints the first.  At
a = 1 the issue's formula is 0/0 and the integral is printed; so it is for
b = 1e6, where mpmath.hyp2f1 did not converge in its default number of
terms.  For a > 1 (the set large_a) only the hyp2f1 formula is used:
mp.quad misses the narrow peak of Beta(50, 200+x) by up to 1e-7, while
hyp2f1 at 30 and 50 digits agree.  So for the set ridge (a and b in the
thousands, where the fit of the benchmark's uniform dates ends: a dropout
probability that hardly varies across customers), but 2F1 is summed as its
plain Maclaurin series at 60 digits: mpmath.hyp2f1 did not finish in
minutes there (z = 0.84).
"""
import mpmath as mp

mp.mp.dps = 30


def ll_bgnbd(r, al, a, b, x, tx, T):
    r, al, a, b, x, tx, T = map(mp.mpf, (r, al, a, b, x, tx, T))
    A = mp.beta(a, b + x) / mp.beta(a, b) * mp.gamma(r + x) * al**r / (
        mp.gamma(r) * (al + T)**(r + x))
    if x > 0:
        A += mp.beta(a + 1, b + x - 1) / mp.beta(a, b) * mp.gamma(r + x) * \
            al**r / (mp.gamma(r) * (al + tx)**(r + x))
    return mp.log(A)


def p_alive(r, al, a, b, x, tx, T):
    r, al, a, b, x, tx, T = map(mp.mpf, (r, al, a, b, x, tx, T))
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx))**(r + x))


def maclaurin(A, B, C, z):
    """2F1(A, B; C; z) as its plain series, at 60 digits: every term is
    positive here (A, B, C > 0) and they fall at least like
    ((A+n)/(n+1)) (B/C) z."""
    with mp.workdps(60):
        term = s = mp.mpf(1)
        n = 0
        while term > mp.mpf(10)**-50 * s:
            term *= (A + n) * (B + n) / ((C + n) * (n + 1)) * z
            s += term
            n += 1
        return s


def e_hyp(r, al, a, b, x, tx, T, t):
    r, al, a, b, x, tx, T, t = map(mp.mpf, (r, al, a, b, x, tx, T, t))
    z = t / (al + T + t)
    if a > 1000:
        f = maclaurin(r + x, b + x, a + b + x - 1, z)
    else:
        f = mp.hyp2f1(r + x, b + x, a + b + x - 1, z)
    br = 1 - ((al + T) / (al + T + t))**(r + x) * f
    return (a + b + x - 1) / (a - 1) * br * p_alive(r, al, a, b, x, tx, T)


def e_int(r, al, a, b, x, tx, T, t):
    r, al, a, b, x, tx, T, t = map(mp.mpf, (r, al, a, b, x, tx, T, t))
    u = t / (al + T)
    # 1 - (1 + p u)^-(r+x) as -expm1(-(r+x) log1p(p u)): p goes far
    # below 1e-30 when a is small.
    h = lambda p: (1 - p)**(b + x - 1) * -mp.expm1(-(r + x) * mp.log1p(p * u)) / p
    cuts = [mp.mpf(10)**-k for k in (8, 7, 6, 5, 4, 3, 2, 1)]
    # p = s^(1/a) takes the endpoint singularity p^(a-1) away:
    # p^(a-1) dp = ds / a.
    f = lambda s: h(s**(1 / a)) / a if s > 0 else 0
    pts = [0] + [c**a for c in cuts] + [1]
    e = mp.quad(f, pts) / mp.beta(a, b + x)
    return e * p_alive(r, al, a, b, x, tx, T)


def expected(*args):
    if args[2] > 1:
        return e_hyp(*args)
    i = e_int(*args)
    if args[2] == 1 or args[3] > 1e5:
        return i
    h = e_hyp(*args)
    assert abs(h - i) <= mp.mpf('1e-15') * abs(h), (args, h, i)
    return h


def gg_ll(p, q, g, x, m):
    p, q, g, x, m = map(mp.mpf, (p, q, g, x, m))
    return (mp.loggamma(p * x + q) - mp.loggamma(p * x) - mp.loggamma(q) +
            q * mp.log(g) + (p * x - 1) * mp.log(m) + p * x * mp.log(x) -
            (p * x + q) * mp.log(x * m + g))


def gg_value(p, q, g, x, m):
    p, q, g, x, m = map(mp.mpf, (p, q, g, x, m))
    return (g + m * x) * p / (p * x + q - 1)


def clv(bg, gg, x, tx, T, mbar, K, d, c):
    v = gg_value(*gg, x, mbar)
    m = mp.mpf(365) / 12
    s = 0
    prev = 0
    for k in range(1, K + 1):
        e = expected(*bg, x, tx, T, k * m)
        s += (e - prev) * v * c / (1 + mp.mpf(d))**(mp.mpf(k) / 12)
        prev = e
    return s


P = lambda v: mp.nstr(v, 20)

# The CDNOW estimates of Fader, Hardie & Lee (2005), alpha turned from
# weeks to days (4.414 * 7), and other parameter sets that reach every
# branch of fl_bgnbd_expected.
SETS = {
    'cdnow': (0.243, 30.898, 0.793, 2.426),
    'a_is_1': (0.5, 20.0, 1.0, 3.0),
    'c_below_a': (5.0, 40.0, 0.5, 0.8),
    'no_dropout': (0.8, 15.0, 0.01, 1e6),
    'large_a': (2.0, 2.0, 50.0, 200.0),
    'ridge': (1.02, 68.15, 9999.5, 349951.9),
}
CUSTOMERS = [  # x, t_x, T, t
    (0, 0, 200, 365),
    (2, 30.43, 38.86, 365),
    (20, 300, 350, 30.416666666666668),
    (100, 700, 730, 1095),
    (1, 0, 0, 365),
]
for name, bg in SETS.items():
    for x, tx, T, t in CUSTOMERS:
        print(name, x, tx, T, t, 'll', P(ll_bgnbd(*bg, x, tx, T)),
              'p_alive', P(p_alive(*bg, x, tx, T)),
              'E', P(expected(*bg, x, tx, T, t)))
GG = (6.25, 3.74, 15.44)
for x, m in [(1, 20.0), (5, 35.5), (40, 12.25)]:
    print('gg', x, m, 'll', P(gg_ll(*GG, x, m)), 'value', P(gg_value(*GG, x, m)))
print('gg mean', P(mp.mpf(GG[2]) * GG[0] / (GG[1] - 1)))
print('clv', P(clv(SETS['cdnow'], GG, 2, 30.43, 38.86, 35.5, 12, 0.10, 0.4)))
