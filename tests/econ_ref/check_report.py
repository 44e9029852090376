#!/usr/bin/env python3
"""Check the economics of `focuslevel report -O json` against econ_ref.py.

Usage: python3 tests/econ_ref/check_report.py FOCUSLEVEL [SOURCE_DIR]

scripts/econ_ref.py is a second implementation of the economics, written
from docs/model.md and issue 13, not from the C sources.  This test runs
both on data/economics.yaml with data/economics-policy.yaml, in five runs
(the policy as it is, a quarter; --by segment --cap affordable; --period
2026, a year; --period 2024-2026, three years; a day interval that is
not whole months), and compares every economics figure of the report:

- the period (label, year fraction, source) and the header's totals
  (revenue, margin, cost to serve, contribution, service cost, margin
  after service);
- per level: customers, contacts in the period (the policy's
  contacts_per_year * f * customers), cost to serve, contribution,
  service cost and after service, summed here from econ_ref's customers;
- affordability: the 5x5 counts and the unprofitable customers with
  their figures;
- changes: the customers served more and less (ids, levels, change, cost
  delta), the count of "same" and of customers with a current level, the
  two sums and the net;
- the profit curve: every field, deciles included;
- segments (with --by segment): per group its customers, whether it has
  its own thresholds, the thresholds themselves and customers per level;
  the groups that fell back.

The report prints money and percentages with two decimals: such a figure
must be econ_ref's double rounded to two decimals, as "%.2f" rounds it
(the printed text is compared).  Figures printed in full (the year
fraction, thresholds, the service share) must agree to 1e-9 relative.
Counts and names must be equal.  Exit status 0 when everything agrees, 1
with a list of the differences, 77 (skipped) without PyYAML.
"""

import json
import math
import os
import subprocess
import sys

LEVELS = ["basic", "reactive", "accountable", "proactive", "partnership"]


def fmt2(v):
    s = "%.2f" % v
    return "0.00" if s == "-0.00" else s


class Check:
    def __init__(self, run):
        self.run = run
        self.failures = []
        self.count = 0

    def fail(self, what, got, want):
        self.failures.append("%s: %s: report %r, econ_ref %r"
                             % (self.run, what, got, want))

    def money(self, what, got, want):
        """got: the printed text of a two-decimal figure."""
        self.count += 1
        if got is None or want is None:
            if got is not want:
                self.fail(what, got, want)
        elif got != fmt2(want):
            self.fail(what, got, fmt2(want))

    def exact(self, what, got, want):
        """got: the printed text of a figure in shortest round-trip form."""
        self.count += 1
        g = float(got)
        if not math.isclose(g, want, rel_tol=1e-9, abs_tol=1e-300):
            self.fail(what, got, want)

    def equal(self, what, got, want):
        self.count += 1
        if got != want:
            self.fail(what, got, want)


def run_json(cmd):
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    # Numbers kept as their text: two decimals are compared as printed.
    return json.loads(out, parse_float=str, parse_int=str)


def check(c, rep, ref, policy, by_segment):
    customers = ref["customers"]
    f = ref["period"]["year_fraction"]
    # The period.
    c.equal("period.label", rep["period"]["label"], ref["period"]["label"])
    c.exact("period.year_fraction", rep["period"]["year_fraction"], f)
    c.equal("period.source", rep["period"]["source"],
            ref["period"]["source"])
    # The header's totals.
    for key in ("revenue", "margin", "cost_to_serve", "contribution",
                "service_cost", "after_service"):
        c.money(key, rep[key], ref["totals"][key])

    # Levels: sums in input order over econ_ref's customers.
    contacts = {lv: float((policy.get("levels") or {}).get(lv, {})
                          .get("contacts_per_year", 0)) for lv in LEVELS}
    rows = {r["level"]: r for r in rep["levels"]}
    for lv in LEVELS:
        mine = [x for x in customers if x["level"] == lv]
        cts = contrib = service = 0.0
        for x in mine:
            cts += x["cost_to_serve"]
            contrib += x["contribution"]
        service = ref["level_costs"][lv] * len(mine)
        r = rows[lv]
        c.equal("levels.%s.customers" % lv, int(r["customers"]), len(mine))
        c.money("levels.%s.contacts_period" % lv, r["contacts_period"],
                contacts[lv] * f * len(mine))
        c.money("levels.%s.cost_to_serve" % lv, r["cost_to_serve"], cts)
        c.money("levels.%s.contribution" % lv, r["contribution"], contrib)
        c.money("levels.%s.service_cost" % lv, r["service_cost"], service)
        c.money("levels.%s.after_service" % lv, r["after_service"],
                contrib - service)

    # Affordability.
    a = rep["affordability"]
    c.exact("affordability.service_share", a["service_share"],
            float(policy.get("service_share", 1)))
    counts = {r["computed_level"]: r for r in a["counts"]}
    for g in LEVELS:
        for af in LEVELS:
            c.equal("affordability.counts.%s.%s" % (g, af),
                    int(counts[g][af]), ref["affordability"][g][af])
    unprof = [x for x in customers if x["unprofitable"]]
    c.equal("affordability.unprofitable ids",
            [r["id"] for r in a["unprofitable"]], [x["id"] for x in unprof])
    for r, x in zip(a["unprofitable"], unprof):
        for key in ("cost_to_serve", "contribution", "after_service",
                    "margin"):
            c.money("affordability.unprofitable.%s.%s" % (x["id"], key),
                    r[key], x[key])
        c.equal("affordability.unprofitable.%s.level" % x["id"], r["level"],
                x["level"])

    # Changes (present: the sample has current levels).
    ch = rep["changes"]
    with_current = [x for x in customers if x["current_level"] is not None]
    c.equal("changes.with_current_level", int(ch["with_current_level"]),
            len(with_current))
    c.equal("changes.same", int(ch["same"]),
            sum(1 for x in with_current if x["change"] == "same"))
    by_id = {x["id"]: x for x in customers}
    for part, ids in (("serve_more", ref["changes"]["up"]),
                      ("serve_less", ref["changes"]["down"])):
        c.equal("changes.%s ids" % part, [r["id"] for r in ch[part]], ids)
        for r in ch[part]:
            x = by_id[r["id"]]
            c.equal("changes.%s.%s.change" % (part, x["id"]), r["change"],
                    x["change"])
            c.equal("changes.%s.%s.current_level" % (part, x["id"]),
                    r["current_level"], x["current_level"])
            c.equal("changes.%s.%s.level" % (part, x["id"]), r["level"],
                    x["level"])
            c.money("changes.%s.%s.cost_delta" % (part, x["id"]),
                    r["cost_delta"], x["cost_delta"])
    up, down = ref["changes"]["cost_delta_up"], ref["changes"]["cost_delta_down"]
    c.money("changes.serve_more_cost_delta", ch["serve_more_cost_delta"], up)
    c.money("changes.serve_less_cost_delta", ch["serve_less_cost_delta"],
            down)
    c.money("changes.net_cost_delta", ch["net_cost_delta"], up + down)

    # The profit curve.
    pc, rc = rep["profit_curve"], ref["profit_curve"]
    for key in ("total", "peak", "peak_pct", "losses"):
        c.money("profit_curve.%s" % key, pc[key], rc[key])
    for key in ("peak_customers", "loss_customers"):
        c.equal("profit_curve.%s" % key, int(pc[key]), rc[key])
    if rc["deciles"] is None:
        c.equal("profit_curve.deciles", pc["deciles"], None)
    else:
        c.equal("profit_curve.deciles length", len(pc["deciles"]), 10)
        for j, (g, w) in enumerate(zip(pc["deciles"], rc["deciles"])):
            c.money("profit_curve.deciles[%d]" % j, g, w)

    # Segments.
    c.equal("segments present", "segments" in rep, by_segment)
    if not by_segment:
        return
    seg = rep["segments"]
    c.equal("segments.min_group", int(seg["min_group"]),
            int(policy.get("min_group", 20)))
    whole = ref["thresholds"]["(all)"]
    groups = {}
    for x in customers:
        name = x["segment"] if x["segment"] is not None else "(none)"
        groups.setdefault(name, []).append(x)
    c.equal("segments.groups", sorted(r["group"] for r in seg["groups"]),
            sorted(groups))
    c.equal("segments.fallback", sorted(r["group"] for r in seg["fallback"]),
            sorted(ref["fallback_groups"]))
    for r in seg["groups"]:
        name = r["group"]
        own = name in ref["thresholds"]
        th = ref["thresholds"][name] if own else whole
        c.equal("segments.%s.thresholds" % name, r["thresholds"],
                "own" if own else "portfolio")
        c.equal("segments.%s.customers" % name, int(r["customers"]),
                len(groups.get(name, [])))
        for axis in ("margin", "value"):
            for key in ("cut_low", "cut_high", "split"):
                c.exact("segments.%s.%s_%s" % (name, axis, key),
                        r["%s_%s" % (axis, key)], th[axis][key])
        for lv in LEVELS:
            c.equal("segments.%s.%s" % (name, lv), int(r[lv]),
                    sum(1 for x in groups.get(name, []) if x["level"] == lv))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(argv[1])
    src = os.path.abspath(argv[2] if len(argv) > 2 else
                          os.path.join(os.path.dirname(__file__), "..", ".."))
    try:
        import yaml
    except ImportError as exc:  # no PyYAML: skipped, not failed
        print("skipped: %s" % exc)
        return 77
    pf = os.path.join(src, "data", "economics.yaml")
    pol = os.path.join(src, "data", "economics-policy.yaml")
    ref_script = os.path.join(src, "scripts", "econ_ref.py")
    with open(pol, encoding="utf-8") as fp:
        policy = yaml.safe_load(fp)
    runs = [
        ("policy", []),
        ("--by segment --cap affordable",
         ["--by", "segment", "--cap", "affordable"]),
        ("--period 2026", ["--period", "2026"]),
        ("--period 2024-2026", ["--period", "2024-2026"]),
        ("--period 2026-07-15/2026-10-14 --cap affordable",
         ["--period", "2026-07-15/2026-10-14", "--cap", "affordable"]),
    ]
    failures, count = [], 0
    for name, args in runs:
        rep = run_json([binary, "report", "-O", "json", "--policy", pol]
                       + args + [pf])
        ref = json.loads(subprocess.run(
            [sys.executable, "-B", ref_script, pf, pol] + args, check=True,
            stdout=subprocess.PIPE).stdout)
        c = Check(name)
        check(c, rep, ref, policy, "--by" in args)
        failures += c.failures
        count += c.count
    for f in failures:
        print(f)
    print("%d figures compared, %d differ" % (count, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
