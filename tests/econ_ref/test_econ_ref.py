#!/usr/bin/env python3
"""Self-test of scripts/econ_ref.py, the independent reference for the
economics of issue 13.

Usage: python3 tests/econ_ref/test_econ_ref.py [SOURCE_DIR]

1. Golden runs: econ_ref.py on data/economics.yaml with
   data/economics-policy.yaml, without options and with --cap affordable
   --by segment, must print exactly expected-default.json and
   expected-cap-segment.json.  Those files were read and checked by hand
   against the derivation in docs/model.md (section "Economics"): the CTS
   terms, the affordable levels, the cap, the changes and their sums, the
   group thresholds of the hospitals, the affordability counts, the
   service cost totals (8450 and 5500) and the profit curve.
2. Numbers stated by hand here (not taken from the script): the year
   fraction of every period form of issue 13 section 1, the exact
   boundary of C14, the existing model's thresholds of data/sample.yaml
   as docs/model.md prints them, and the profit curve with ties, with
   all-negative and with zero totals.
Exit status 0 when all hold, 1 otherwise, 77 (skip) without PyYAML.
"""

import io
import json
import os
import subprocess
import sys

SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                      os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(SRC, "tests", "econ_ref")
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(SRC, "scripts"))
try:
    import econ_ref as e  # noqa: E402
except ImportError as exc:  # no PyYAML (python3-yaml): skipped, not failed
    print("skipped: %s" % exc)
    sys.exit(77)

PF = os.path.join(SRC, "data", "economics.yaml")
POL = os.path.join(SRC, "data", "economics-policy.yaml")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def golden(args, name):
    out = subprocess.run([sys.executable, os.path.join(SRC, "scripts", "econ_ref.py"),
                          PF, POL] + args, capture_output=True, text=True)
    check(out.returncode == 0, "%s: exit %d: %s" % (name, out.returncode, out.stderr))
    want = open(os.path.join(HERE, name), encoding="utf-8").read()
    check(out.stdout == want, "%s: output differs from the expected file" % name)


def periods():
    cases = [
        ("2026", 1.0, "months"), ("2026-H2", 0.5, "months"),
        ("2026-Q3", 0.25, "months"), ("2024-02", 1 / 12, "months"),
        ("2014-2017", 4.0, "months"), ("2014/2017", 4.0, "months"),
        ("2024-2026", 3.0, "months"), ("2024-11/2025-02", 4 / 12, "months"),
        # whole months given as days, in a leap year and not
        ("2024-02-01/2024-02-29", 1 / 12, "months"),
        ("2023-02-01/2023-02-28", 1 / 12, "months"),
        ("2026-07-01/2026-09-30", 0.25, "months"),
        ("2024-01-01/2024-12-31", 1.0, "months"),
        # not whole months: inclusive days / 365
        ("2024-02-01/2024-02-28", 28 / 365, "days"),
        ("2026-07-15/2026-10-14", 92 / 365, "days"),
        ("2024-01-01/2024-12-30", 365 / 365, "days"),
        ("2024-03-15/2024-03-15", 1 / 365, "days"),
        ("2023-12-15/2024-03-14", (17 + 31 + 29 + 14) / 365, "days"),
        # labels: f = 1
        ("Q3 2026", 1.0, "assumed"), ("2026-Q5", 1.0, "assumed"),
        ("2026-13", 1.0, "assumed"), ("2026-H3", 1.0, "assumed"),
        ("2023-02-29/2023-03-31", 1.0, "assumed"),
    ]
    for spec, f, src in cases:
        p = e.year_fraction(spec, False)
        check(p["year_fraction"] == f and p["source"] == src,
              "period %s: got %r, want %r %s" % (spec, p, f, src))
    check(e.year_fraction(None, False) == {"label": None, "year_fraction": 1.0,
                                           "source": "assumed"}, "no period")


def boundary():
    d = e.run(PF, POL)
    c14 = [c for c in d["customers"] if c["id"] == "C14"][0]
    check(c14["contribution"] == 1200.0, "C14 pi is not exactly 1200")
    check(0.5 * c14["contribution"] == d["level_costs"]["proactive"] == 600.0,
          "C14: s * pi is not exactly S_proactive")
    check(c14["affordable_level"] == "proactive", "C14: A is not proactive")
    # Three years: S_reactive = 600 is the boundary now.
    d3 = e.run(PF, POL, period="2024-2026")
    c14 = [c for c in d3["customers"] if c["id"] == "C14"][0]
    check(c14["affordable_level"] == "reactive", "C14 over 2024-2026: A is not reactive")
    # The cap never overrides the pin: C02 stays partnership.
    dc = e.run(PF, POL, cap="affordable")
    c02 = [c for c in dc["customers"] if c["id"] == "C02"][0]
    check(c02["level"] == "partnership" and c02["affordable_level"] == "proactive",
          "C02: the pin does not win over the cap")


def sample_thresholds():
    # docs/model.md, "Worked example: data/sample.yaml", summary table.
    d = e.run(os.path.join(SRC, "data", "sample.yaml"), POL)
    t = d["thresholds"]["(all)"]
    want = {"margin": {"cut_low": 16.00081898000907, "cut_high": 26.994913939224414,
                       "split": 21.505753124562673},
            "value": {"cut_low": 828.8208333333333, "cut_high": 2368.5166666666664,
                      "split": 1377.1983333333333}}
    check(t == want, "data/sample.yaml thresholds: %r" % t)
    lv = [c["computed_level"] for c in d["customers"]]
    check(lv == ["partnership", "accountable", "partnership", "accountable", "reactive",
                 "basic", "proactive", "basic", "proactive", "accountable",
                 "accountable", "reactive"], "data/sample.yaml levels: %r" % lv)


def curve():
    # Ties keep input order; the peak is first reached at k = 2.
    pc = e.profit_curve([5.0, -1.0, 5.0, 0.0, -4.0])
    check(pc["total"] == 5.0 and pc["peak"] == 10.0 and pc["peak_customers"] == 2
          and pc["peak_pct"] == 200.0 and pc["losses"] == -5.0
          and pc["loss_customers"] == 2, "ties: %r" % pc)
    # N = 5: k = 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 -> S = 5, 5, 10, 10, 10, 10, 9, 9, 5, 5
    check(pc["deciles"] == [100.0, 100.0, 200.0, 200.0, 200.0, 200.0, 180.0, 180.0,
                            100.0, 100.0], "deciles: %r" % pc["deciles"])
    # A zero after-service counts as a peak too: S = 3, 3 (k = 1 first).
    pc = e.profit_curve([3.0, 0.0])
    check(pc["peak_customers"] == 1, "peak reached first: %r" % pc)
    # All negative: total < 0, no percentages; the peak is the first S.
    pc = e.profit_curve([-2.0, -1.0, -3.0])
    check(pc["total"] == -6.0 and pc["peak"] == -1.0 and pc["peak_customers"] == 1
          and pc["peak_pct"] is None and pc["deciles"] == [None] * 10
          and pc["losses"] == -6.0 and pc["loss_customers"] == 3, "negative: %r" % pc)
    # Zero total: no percentages.
    pc = e.profit_curve([2.0, -2.0])
    check(pc["total"] == 0.0 and pc["peak"] == 2.0 and pc["peak_pct"] is None
          and pc["deciles"] == [None] * 10, "zero total: %r" % pc)


def cts_order():
    # The policy's order, not the customer's: service_cost first.
    pol = {"activities": [("a", 1.0), ("b", 1.0)]}
    c = {"service_cost": 1e16, "n": 0, "activities": {"b": 1.0, "a": 1.0}}
    # ((1e16 + 1) + 1) rounds twice to 1e16; 1e16 + (1 + 1) would not.
    check(e.cost_to_serve(c, pol) == 1e16, "CTS summation order")
    c = {"service_cost": None, "n": 3, "activities": {}}
    check(e.cost_to_serve(c, {"activities": [("orders", 12.5)]}) == 37.5,
          "CTS: orders counts n")


golden([], "expected-default.json")
golden(["--cap", "affordable", "--by", "segment"], "expected-cap-segment.json")
periods()
boundary()
sample_thresholds()
curve()
cts_order()
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("econ_ref self-test: all checks passed")
