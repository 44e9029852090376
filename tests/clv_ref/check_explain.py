#!/usr/bin/env python3
"""The customer-value step of `focuslevel explain` against
scripts/clv_ref.py.

    python3 tests/clv_ref/check_explain.py FOCUSLEVEL SOURCE_DIR

Runs `focuslevel explain --as-of 2026-12-31 ID tests/cli/inputs/value.json`
for every customer, under the default policy (12 months, 10 % a year) and
under tests/cli/inputs/value-policy-6m.yaml (6 months, 25 % a year).
Independently of focuslevel it reads the portfolio itself (x, t_x, T, mbar
and c = (R - C) / R as tests/clv_ref/check_assign.py does, with
clvcheck.py's history(): the portfolio has no cost to serve), has
scripts/clv_ref.py fit BG/NBD and Gamma-Gamma (scipy), and computes with
clv_ref's own functions (mpmath's 2F1 in the issue's formula) p_alive,
E(K m), the expected order value and, month by month, the orders
E(k m) - E((k-1) m), the discount factor (1+d)^(k/12),
the month's value, its running sum and the clv.

Checked per customer with dates: x, t_x and T exactly; the printed
parameters (six significant digits) and the numbers of customers fitted;
p_alive, E, c, every month's orders and factor (six decimals), the order
value, every month's value and running sum and the clv (two decimals).
A printed figure passes when it is what printf would print for some value
within 1e-6 relative of the reference's (check_assign.py's rule:
clvcheck.accepted()).
Customers without dates must print the one line "no order dates".

Exit 77 (skipped) without numpy, scipy and mpmath.
"""

import importlib.util
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Re-executes /usr/bin/python3 or exits 77 without numpy, scipy and mpmath.
from clvcheck import accepted, clv_ref_on, portfolio, spenders  # noqa: E402
import mpmath as mp  # noqa: E402

POLICIES = [(None, 12, 0.10),
            (os.path.join("tests", "cli", "inputs", "value-policy-6m.yaml"),
             6, 0.25)]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Parsed:
    """The figures of explain's customer-value step."""

    def __init__(self, text):
        step = text[text.index("\ncustomer value, as of "):]
        self.no_dates = "\n  no order dates: no customer value\n" in step
        if self.no_dates:
            return
        lines = step.split("\n")
        self.x = int(re.search(r"\n  x   = .* = (\d+) repeat", step)[1])
        self.t_x = int(re.search(r"\n  t_x = .* = (\d+) days?\n", step)[1])
        self.T = int(re.search(r"\n  T   = .* = (\d+) days?\n", step)[1])
        m = re.search(r"BG/NBD fitted on the (\d+) customers? with dates: "
                      r"r = (\S+), alpha = (\S+) days, a = (\S+), "
                      r"b = (\S+)\n", step)
        self.bg_n, self.bg = int(m[1]), m.groups()[1:]
        m = re.search(r"Gamma-Gamma fitted on the (\d+) customers? with "
                      r"x >= 1 and mbar > 0: p = (\S+), q = (\S+), "
                      r"gamma = (\S+)\n", step)
        self.gg_n, self.gg = int(m[1]), m.groups()[1:]
        i = next(k for k, s in enumerate(lines) if s.startswith("  p_alive"))
        self.p_alive = lines[i + 1].split(" = ")[-1]
        self.expected = re.search(r"\n  expected orders in .*: E\(\S+\) = "
                                  r"(\S+)\n", step)[1]
        i = next(k for k, s in enumerate(lines)
                 if s.startswith("  expected order value"))
        self.value = lines[i + 1].split(" = ")[-1]
        m = re.search(r"\n  c = pi / R = .* = (\S+)\n", step)
        self.c = m[1] if m else None
        self.months = re.findall(
            r"\n    month +(\d+): +(\S+) x (\S+) x (\S+) / +(\S+) = +(\S+) "
            r"-> +(\S+)", step)
        self.clv = re.search(r"\n  clv = (\S+) ", step)[1]


def main():
    fl, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    ref_mod = load("clv_ref", os.path.join("scripts", "clv_ref.py"))
    data = os.path.join("tests", "cli", "inputs", "value.json")
    customers, hist, dated = portfolio(data)

    fit = clv_ref_on(os.curdir, hist, dated, "--every", str(len(dated) + 1))
    bgd, ggd = fit["bgnbd"], fit["gamma_gamma"]
    bg = (bgd["r"], bgd["alpha"], bgd["a"], bgd["b"])
    gg = (ggd["p"], ggd["q"], ggd["gamma"])
    spend = spenders(hist, dated)

    failures, checked = [], 0

    def check(cid, what, printed, ref, fmt):
        nonlocal checked
        checked += 1
        if printed is None or not accepted(printed, ref, fmt)[0]:
            failures.append(f"{cid} {what}: focuslevel {printed} "
                            f"reference {ref!r}")

    def same(cid, what, got, want):
        nonlocal checked
        checked += 1
        if got != want:
            failures.append(f"{cid} {what}: focuslevel {got}, expected "
                            f"{want}")

    mth = mp.mpf(365) / 12
    for policy, months, d in POLICIES:
        for c in customers:
            cid = c["id"]
            cmd = [fl, "explain", "--as-of", "2026-12-31", cid, data]
            if policy:
                cmd[2:2] = ["--policy", policy]
            out = Parsed(subprocess.run(cmd, check=True, capture_output=True,
                                        text=True).stdout)
            tag = f"{cid} ({months} months)"
            if hist[cid] is None:
                same(tag, "no dates", out.no_dates, True)
                continue
            x, tx, T, mbar, ratio = hist[cid]
            same(tag, "x t_x T", (out.x, out.t_x, out.T), (x, tx, T))
            same(tag, "customers fitted", (out.bg_n, out.gg_n),
                 (len(dated), spend))
            for name, p, r in zip("r alpha a b p q gamma".split(),
                                  out.bg + out.gg, bg + gg):
                check(tag, name, p, r, "%.6g")
            check(tag, "p_alive", out.p_alive,
                  ref_mod.p_alive(bg, x, tx, T), "%.6f")
            e_all = [ref_mod.expected(bg, x, tx, T, k * mth)
                     for k in range(months + 1)]
            check(tag, "E", out.expected, float(e_all[months]), "%.6f")
            value = ref_mod.order_value(gg, ggd["mean_value"], x, mbar)
            check(tag, "order value", out.value, value, "%.2f")
            if ratio != 0:
                check(tag, "c", out.c, ratio, "%.6f")
            else:
                same(tag, "c", out.c, None)
            same(tag, "months", len(out.months), months)
            run = mp.mpf(0)
            for k, (num, orders, v, cc, factor, amount, total) in \
                    enumerate(out.months, 1):
                same(tag, "month number", int(num), k)
                o = e_all[k] - e_all[k - 1]
                f = (1 + mp.mpf(d)) ** (mp.mpf(k) / 12)
                a = o * value * ratio / f
                run += a
                check(tag, f"month {k} orders", orders, float(o), "%.6f")
                check(tag, f"month {k} factor", factor, float(f), "%.6f")
                check(tag, f"month {k} value", amount, float(a), "%.2f")
                check(tag, f"month {k} sum", total, float(run), "%.2f")
            check(tag, "clv", out.clv, float(run), "%.2f")
            # The clv of explain is the clv of assign.
            clv1 = ref_mod.clv(bg, value, x, tx, T, months, d, ratio)
            check(tag, "clv (clv_ref.clv)", out.clv, float(clv1), "%.2f")

    for f in failures:
        print("FAIL", f)
    print(f"check_explain.py: {checked} figures of {len(customers)} "
          f"customers ({len(dated)} with dates) under {len(POLICIES)} "
          f"policies, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
