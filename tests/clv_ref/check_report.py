#!/usr/bin/env python3
"""The customer_value, at_risk and growth sections of `focuslevel report`
against scripts/clv_ref.py.

    python3 tests/clv_ref/check_report.py FOCUSLEVEL SOURCE_DIR

Runs `focuslevel report tests/cli/inputs/value-wallet.json --as-of
2026-12-31 -O json --policy tests/cli/inputs/value-report-policy.yaml`
(at_risk_below 0.6, share_below 30; the default horizon of 12 months at
10 % a year).  Independently of focuslevel it reads the portfolio itself:
per customer with dates x, t_x, T, mbar and the contribution ratio c
(clvcheck.py's history(): the portfolio has no cost to serve, so
c = (R - C) / R), the year fraction f of the period "2025-07/2026-12"
(18 months: 1.5) and each customer's potential.  scripts/clv_ref.py fits
BG/NBD and Gamma-Gamma on the histories (scipy) and gives each customer's
p_alive, E(365) and CLV (mpmath).  The final level of each customer is
taken from `focuslevel assign -O json --columns id,level` (the
classification is checked elsewhere: tests/econ_ref); from it this script
computes:

- customer_value: r, alpha, a, b, log_likelihood, p, q, gamma and the
  Gamma-Gamma log_likelihood (printed in full: 1e-6 relative), the
  customers fitted, per level the customers with dates, their mean
  p_alive and total CLV (sum of clv_ref's CLV times c);
- at_risk: the proactive and partnership customers with p_alive < 0.6,
  by CLV descending (ties: input order), each with p_alive,
  expected_orders, clv and recency_days (as of - last order), and their
  total CLV;
- growth: the customers with a potential > 0 whose wallet share
  100 (R / f) / potential is below 30, by untapped potential - R / f
  descending (ties: input order), each with revenue, potential,
  wallet_share and untapped, and the total untapped.

A printed figure passes as in check_assign.py (clvcheck.accepted()):
when it is what printf would print for some value within 1e-6 relative
of the reference's.
Exit 77 (skipped) without numpy, scipy and mpmath.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Re-executes /usr/bin/python3 or exits 77 without numpy, scipy and mpmath.
from clvcheck import (AS_OF, REL, accepted, clv_ref_on, days,  # noqa: E402
                      portfolio, spenders)

AT_RISK_BELOW = 0.6
SHARE_BELOW = 30.0
F = 18 / 12       # the period 2025-07/2026-12: 18 whole months
LEVELS = ["partnership", "proactive", "accountable", "reactive", "basic"]


class Check:
    def __init__(self):
        self.failures = 0
        self.checked = 0

    def fail(self, what):
        self.failures += 1
        print("FAIL " + what)

    def printed(self, what, got, want, decimals):
        """A figure printed with `decimals` against the reference."""
        self.checked += 1
        if got is None:
            self.fail(f"{what}: null, reference {want!r}")
            return
        ok, lo, hi = accepted(got, want, decimals)
        if not ok:
            self.fail(f"{what}: focuslevel {got} reference {want!r} "
                      f"(accepted {lo} .. {hi})")

    def exact(self, what, got, want):
        """A figure printed in full: 1e-6 relative."""
        self.checked += 1
        if got is None or abs(float(got) - want) > REL * abs(want):
            self.fail(f"{what}: focuslevel {got} reference {want!r}")

    def equal(self, what, got, want):
        self.checked += 1
        if got != want:
            self.fail(f"{what}: focuslevel {got!r} expected {want!r}")


def revenue(c):
    if isinstance(c.get("orders"), list):
        return sum(o["value"] for o in c["orders"])
    return c["revenue"]


def last_order(c):
    if isinstance(c.get("orders"), list):
        return max(days(o["date"]) for o in c["orders"])
    return days(c["last_order"])


def main():
    fl, src = sys.argv[1], sys.argv[2]
    inputs = os.path.join(src, "tests", "cli", "inputs")
    data = os.path.join(inputs, "value-wallet.json")
    policy = os.path.join(inputs, "value-report-policy.yaml")
    customers, hist, dated = portfolio(data)

    def run(*args):
        out = subprocess.run([fl, *args], check=True, capture_output=True,
                             text=True).stdout
        # Keep the numbers' text: the rule compares what was printed.
        return json.loads(out, parse_float=str, parse_int=str)

    rep = run("report", data, "--as-of", "2026-12-31", "-O", "json",
              "--policy", policy)
    level = {r["id"]: r["level"] for r in
             run("assign", data, "--as-of", "2026-12-31", "-O", "json",
                 "--policy", policy, "--columns", "id,level")["customers"]}

    ref = clv_ref_on(src, hist, dated, "--months", "12", "--discount",
                     "0.10", "--margin", "1", "--every", "1")
    fig = {}
    for cid, (_i, pa, _e30, e365, _value, clv1) in zip(dated,
                                                      ref["customers"]):
        fig[cid] = {"p_alive": pa, "expected_orders": e365,
                    "clv": clv1 * hist[cid][4]}

    ck = Check()
    cv = rep["customer_value"]
    ck.equal("customer_value.as_of", cv["as_of"], AS_OF.isoformat())
    ck.equal("customer_value.customers_with_dates",
             cv["customers_with_dates"], str(len(dated)))
    bg, gg = ref["bgnbd"], ref["gamma_gamma"]
    for k in ("r", "alpha", "a", "b", "log_likelihood"):
        ck.exact(f"bgnbd.{k}", cv["bgnbd"][k], bg[k])
    ck.equal("bgnbd.customers", cv["bgnbd"]["customers"], str(len(dated)))
    for k in ("p", "q", "gamma", "log_likelihood"):
        ck.exact(f"gamma_gamma.{k}", cv["gamma_gamma"][k], gg[k])
    ck.equal("gamma_gamma.customers", cv["gamma_gamma"]["customers"],
             str(spenders(hist, dated)))
    rows = {r["level"]: r for r in cv["levels"]}
    ck.equal("customer_value.levels order", [r["level"] for r in
                                             cv["levels"]], LEVELS)
    for lv in LEVELS:
        ids = [cid for cid in dated if level[cid] == lv]
        ck.equal(f"levels.{lv}.customers", rows[lv]["customers"],
                 str(len(ids)))
        if ids:
            ck.printed(f"levels.{lv}.mean_p_alive", rows[lv]["mean_p_alive"],
                       sum(fig[c]["p_alive"] for c in ids) / len(ids), 6)
        else:
            ck.equal(f"levels.{lv}.mean_p_alive", rows[lv]["mean_p_alive"],
                     None)
        ck.printed(f"levels.{lv}.clv", rows[lv]["clv"],
                   sum(fig[c]["clv"] for c in ids), 2)

    # At risk: by CLV descending, ties in input order.
    order = {c["id"]: i for i, c in enumerate(customers)}
    risk = [cid for cid in dated
            if level[cid] in ("proactive", "partnership")
            and fig[cid]["p_alive"] < AT_RISK_BELOW]
    risk.sort(key=lambda cid: (-fig[cid]["clv"], order[cid]))
    ar = rep["at_risk"]
    ck.exact("at_risk.at_risk_below", ar["at_risk_below"], AT_RISK_BELOW)
    ck.printed("at_risk.clv_at_risk", ar["clv_at_risk"],
               sum(fig[c]["clv"] for c in risk), 2)
    ck.equal("at_risk customers", [r["id"] for r in ar["customers"]], risk)
    by_id = {c["id"]: c for c in customers}
    for r in ar["customers"]:
        cid = r["id"]
        if cid not in fig:
            continue
        ck.equal(f"at_risk {cid} level", r["level"], level[cid])
        for k, dec in (("p_alive", 6), ("expected_orders", 6), ("clv", 2)):
            ck.printed(f"at_risk {cid} {k}", r[k], fig[cid][k], dec)
        ck.equal(f"at_risk {cid} recency_days", r["recency_days"],
                 str((AS_OF - last_order(by_id[cid])).days))

    # Growth: wallet share below 30 %, by untapped potential descending.
    grow = []
    with_potential = 0
    for c in customers:
        pot = c.get("potential")
        if pot is None:
            continue
        with_potential += 1
        if pot > 0 and 100 * (revenue(c) / F) / pot < SHARE_BELOW:
            grow.append(c["id"])
    untapped = {cid: by_id[cid]["potential"] - revenue(by_id[cid]) / F
                for cid in grow}
    grow.sort(key=lambda cid: (-untapped[cid], order[cid]))
    gr = rep["growth"]
    ck.exact("growth.share_below", gr["share_below"], SHARE_BELOW)
    ck.equal("growth.customers_with_potential",
             gr["customers_with_potential"], str(with_potential))
    ck.printed("growth.untapped_total", gr["untapped_total"],
               sum(untapped.values()), 2)
    ck.equal("growth customers", [r["id"] for r in gr["customers"]], grow)
    for r in gr["customers"]:
        cid = r["id"]
        if cid not in untapped:
            continue
        c = by_id[cid]
        ck.printed(f"growth {cid} revenue", r["revenue"], revenue(c), 2)
        ck.printed(f"growth {cid} potential", r["potential"],
                   float(c["potential"]), 2)
        ck.printed(f"growth {cid} wallet_share", r["wallet_share"],
                   100 * (revenue(c) / F) / c["potential"], 2)
        ck.printed(f"growth {cid} untapped", r["untapped"], untapped[cid], 2)

    print(f"check_report.py: {ck.checked} figures, {ck.failures} failed; "
          f"{len(risk)} at risk, {len(grow)} with room to grow")
    return 1 if ck.failures else 0


if __name__ == "__main__":
    sys.exit(main())
