#!/usr/bin/env python3
"""Independent reference for the customer-value models of issue 14.

A second implementation of BG/NBD, Gamma-Gamma and the lifetime value,
written from the formulas of issue 14 and docs/model.md ("Customer value:
BG/NBD, Gamma-Gamma, lifetime value"), not from the C sources, with other
tools: numpy and scipy.special (gammaln, betaln, logsumexp) for the
likelihoods, scipy.optimize.minimize (Nelder-Mead, restarted until it no
longer moves, then BFGS with a finite-difference gradient, kept only if it
gains) for the fits, and mpmath.hyp2f1 at 30 digits for E(t), in
the issue's own formula (no transformation).

Usage:

    python3 scripts/clv_ref.py DATA.csv [--months K] [--discount D]
        [--margin C] [--every N]

DATA.csv has the header x,t_x,T,mbar (t_x and T in days).  Prints one JSON
object: "bgnbd" {r, alpha, a, b, log_likelihood}, "gamma_gamma" {p, q,
gamma, log_likelihood, mean_value} and "customers": for every N-th
customer (default 50) [index, p_alive, E(30), E(365), expected order
value, CLV over K months].

Needs python3-numpy, python3-scipy and python3-mpmath (Debian); exits 77
when one is missing.
"""

import argparse
import csv
import json
import math
import sys

try:
    import mpmath as mp
    import numpy as np
    from scipy import optimize, special
except ImportError as e:  # pragma: no cover
    print(f"clv_ref.py: {e}", file=sys.stderr)
    sys.exit(77)

mp.mp.dps = 30


def bgnbd_ll(params, x, tx, T):
    """Sum of the issue's log-likelihood over customers (arrays)."""
    r, al, a, b = params
    base = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(al)
            + special.betaln(a, b + x) - special.betaln(a, b))
    t1 = -(r + x) * np.log(al + T)
    # B(a+1, b+x-1)/B(a, b) = exp(betaln(a+1, b+x-1) - betaln(a, b)); for
    # x = 0 the term is absent (-inf).
    with np.errstate(divide="ignore", invalid="ignore"):
        t2 = np.where(
            x > 0,
            special.betaln(a + 1, np.maximum(b + x - 1, 1e-300))
            - special.betaln(a, b + x) - (r + x) * np.log(al + tx),
            -np.inf)
    return float(np.sum(base + special.logsumexp(
        np.stack([t1, t2]), axis=0)))


def gg_ll(params, x, m):
    p, q, g = params
    return float(np.sum(
        special.gammaln(p * x + q) - special.gammaln(p * x)
        - special.gammaln(q) + q * np.log(g) + (p * x - 1) * np.log(m)
        + p * x * np.log(x) - (p * x + q) * np.log(x * m + g)))


def fit(ll, x0):
    """Maximise ll over log-parameters: Nelder-Mead until a restart no
    longer changes the point, then a BFGS polish kept only if it gains."""
    f = lambda th: -ll(np.exp(th))
    th = np.log(np.array(x0, dtype=float))
    best = f(th)
    for _ in range(30):
        res = optimize.minimize(
            f, th, method="Nelder-Mead",
            options={"xatol": 1e-12, "fatol": 1e-13 * abs(best),
                     "maxiter": 40000, "maxfev": 40000, "adaptive": False})
        moved = np.max(np.abs(res.x - th))
        if res.fun <= best:
            th, best = res.x, res.fun
        if moved < 1e-11:
            break
    res = optimize.minimize(f, th, method="BFGS",
                            options={"gtol": 1e-9, "eps": 1e-8})
    if res.fun < best:
        th, best = res.x, res.fun
    return np.exp(th), -best


def p_alive(bg, x, tx, T):
    r, al, a, b = bg
    if x == 0:
        return 1.0
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx))**(r + x))


def expected(bg, x, tx, T, t):
    """The issue's E(t), mpmath at 30 digits."""
    r, al, a, b = (mp.mpf(v) for v in bg)
    x, tx, T, t = (mp.mpf(v) for v in (x, tx, T, t))
    if t == 0:
        return mp.mpf(0)
    z = t / (al + T + t)
    br = 1 - ((al + T) / (al + T + t))**(r + x) * mp.hyp2f1(
        r + x, b + x, a + b + x - 1, z)
    pa = 1 if x == 0 else 1 / (1 + a / (b + x - 1) * (
        (al + T) / (al + tx))**(r + x))
    return (a + b + x - 1) / (a - 1) * br * pa


def order_value(gg, mean_value, x, m):
    p, q, g = gg
    if x < 1 or m <= 0:
        return mean_value
    return (g + m * x) * p / (p * x + q - 1)


def clv(bg, value, x, tx, T, months, d, c):
    mth = mp.mpf(365) / 12
    total, prev = mp.mpf(0), mp.mpf(0)
    for k in range(1, months + 1):
        e = expected(bg, x, tx, T, k * mth)
        total += (e - prev) * value * c / (1 + mp.mpf(d))**(mp.mpf(k) / 12)
        prev = e
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--discount", type=float, default=0.10)
    ap.add_argument("--margin", type=float, default=1.0)
    ap.add_argument("--every", type=int, default=50)
    args = ap.parse_args()
    with open(args.data, newline="") as f:
        rows = [tuple(float(v) for v in (r["x"], r["t_x"], r["T"], r["mbar"]))
                for r in csv.DictReader(f)]
    x, tx, T, m = (np.array(c) for c in zip(*rows))
    tx = np.where(x > 0, tx, 0.0)

    bg, bg_ll = fit(lambda p: bgnbd_ll(p, x, tx, T),
                    [1.0, max(float(np.mean(T)), 1.0), 1.0, 1.0])
    sel = (x >= 1) & (m > 0)
    s = float(np.mean(m[sel]))  # fit in units of the mean spend
    ggs, gg_lls = fit(lambda p: gg_ll(p, x[sel], m[sel] / s), [2.0, 2.0, 1.0])
    gg = (ggs[0], ggs[1], ggs[2] * s)
    gg_llv = gg_ll(gg, x[sel], m[sel])
    if gg[1] > 1:
        mean_value = gg[2] * gg[0] / (gg[1] - 1)
    else:
        mean_value = float(np.sum(x[sel] * m[sel]) / np.sum(x[sel]))

    out = []
    for i in range(0, len(rows), args.every):
        xi, txi, Ti, mi = rows[i]
        v = order_value(gg, mean_value, xi, mi)
        out.append([i, p_alive(bg, xi, txi, Ti),
                    float(expected(bg, xi, txi, Ti, 30)),
                    float(expected(bg, xi, txi, Ti, 365)), v,
                    float(clv(bg, v, xi, txi, Ti, args.months,
                              args.discount, args.margin))])
    json.dump({"bgnbd": dict(zip(("r", "alpha", "a", "b"),
                                 map(float, bg)), log_likelihood=bg_ll),
               "gamma_gamma": {"p": float(gg[0]), "q": float(gg[1]),
                               "gamma": float(gg[2]),
                               "log_likelihood": gg_llv,
                               "mean_value": mean_value},
               "customers": out}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
