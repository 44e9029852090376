#!/usr/bin/env python3
"""Check docs/model.md's section "Economics" against scripts/econ_ref.py.

Usage: python3 tests/econ_ref/check_doc.py [SOURCE_DIR]

Two checks, both on the section that starts at "## Economics" and ends at
the next "## " heading:
1. the tables of the worked example are rebuilt from econ_ref.py's results
   (data/economics.yaml with data/economics-policy.yaml) and each must
   appear in the section verbatim;
2. every number written with decimals in the section must equal, at the
   decimals shown (repr for the long ones), a number that econ_ref.py
   computes: a result of one of the runs the section describes, or an
   intermediate of the hand derivation (a CTS term or partial sum, a P or
   V, a quantile's weight or difference of ranks, a running sum of the
   profit curve, a value's distance to a cut), or its negative (the
   prose writes "losses -1780.45" and "1780.45 lost").  Numbers without decimals (counts, years, level numbers,
   yearly costs) are not checked here.
Exit status 0 when both hold, 1 with a list of what failed, 77 (skip)
without PyYAML.
"""

import math
import os
import re
import sys

SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                      os.path.join(os.path.dirname(__file__), "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(SRC, "scripts"))
try:
    import econ_ref as e  # noqa: E402
except ImportError as exc:  # no PyYAML (python3-yaml): skipped, not failed
    print("skipped: %s" % exc)
    sys.exit(77)

PF = os.path.join(SRC, "data", "economics.yaml")
POL = os.path.join(SRC, "data", "economics-policy.yaml")


def f2(v):
    return "%.2f" % v


def f6(v):
    return "%.6f" % v


def tables(d, dc, ds, pol, cs):
    out = []
    t = ["| id | service_cost | orders | deliveries | visits | tickets | CTS |",
         "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c, r in zip(cs, d["customers"]):
        sc = c["service_cost"]
        cells = [c["id"], f2(sc) if sc is not None else "-"]
        for name, rate in pol["activities"]:
            cnt = c["n"] if name == "orders" else c["activities"].get(name)
            cells.append("%g x %g = %s" % (cnt, rate, f2(cnt * rate))
                         if cnt is not None else "-")
        cells.append(f2(r["cost_to_serve"]))
        t.append("| " + " | ".join(cells) + " |")
    out.append(t)

    t = ["| id | M | CTS | pi | s * pi | affordable | grid |",
         "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in d["customers"]:
        a = r["affordable_level"] + (" (unprofitable)" if r["unprofitable"] else "")
        t.append("| " + " | ".join([r["id"], f2(r["margin"]), f2(r["cost_to_serve"]),
                                    f2(r["contribution"]),
                                    f2(pol["service_share"] * r["contribution"]),
                                    a, r["computed_level"]]) + " |")
    out.append(t)

    def cd(x):
        return f2(x["cost_delta"]) if x["cost_delta"] is not None else ""

    t = ["| id | current | level | after | change | cost delta | level (cap) | after (cap) | change (cap) | cost delta (cap) |",
         "| --- | --- | --- | ---: | --- | ---: | --- | ---: | --- | ---: |"]
    for r, rc in zip(d["customers"], dc["customers"]):
        t.append("| " + " | ".join([r["id"], r["current_level"] or "", r["level"],
                                    f2(r["after_service"]), r["change"], cd(r),
                                    rc["level"], f2(rc["after_service"]),
                                    rc["change"], cd(rc)]) + " |")
    out.append(t)

    t = ["| figure | cap: none | --cap affordable |",
         "| --- | ---: | ---: |"]
    for key, label in (("revenue", "revenue"), ("margin", "margin"),
                       ("cost_to_serve", "cost to serve"),
                       ("contribution", "contribution"),
                       ("service_cost", "service cost (sum of S_level)"),
                       ("after_service", "after service")):
        t.append("| %s | %s | %s |" % (label, f2(d["totals"][key]),
                                       f2(dc["totals"][key])))
    out.append(t)

    t = ["| grid \\ affordable | " + " | ".join(e.LEVELS) + " |",
         "| --- |" + " ---: |" * 5]
    assert d["affordability"] == dc["affordability"]
    for g in e.LEVELS:
        t.append("| %s | " % g + " | ".join(str(d["affordability"][g][a])
                                           for a in e.LEVELS) + " |")
    out.append(t)

    def sorted_table(idx):
        P = sorted((e.axis_values(cs[i], "margin", "percent"), cs[i]["id"]) for i in idx)
        V = sorted((e.axis_values(cs[i], "value", "average-order"), cs[i]["id"]) for i in idx)
        t = ["| k | P sorted | id | V sorted | id |",
             "| ---: | ---: | --- | ---: | --- |"]
        for k, ((p, pi), (v, vi)) in enumerate(zip(P, V)):
            t.append("| %d | %s | %s | %s | %s |" % (k, f6(p), pi, f6(v), vi))
        return t
    out.append(sorted_table(range(len(cs))))
    out.append(sorted_table([i for i, c in enumerate(cs) if c["segment"] == "hospital"]))

    t = ["| id | group | grid (--by segment) | level | after | change | cost delta |",
         "| --- | --- | --- | --- | ---: | --- | ---: |"]
    for g in ("hospital", "practice"):
        for r in ds["customers"]:
            if r["group"] == g:
                t.append("| " + " | ".join([r["id"], g, r["computed_level"], r["level"],
                                            f2(r["after_service"]), r["change"],
                                            cd(r)]) + " |")
    out.append(t)

    rows = d["customers"]
    order = sorted(range(len(rows)), key=lambda i: (-rows[i]["after_service"], i))
    t = ["| k | id | p | S_k | 100 * S_k / total |",
         "| ---: | --- | ---: | ---: | ---: |"]
    s = 0.0
    tot = d["profit_curve"]["total"]
    for k, i in enumerate(order, 1):
        s += rows[i]["after_service"]
        t.append("| %d | %s | %s | %s | %s |" % (k, rows[i]["id"],
                                                 f2(rows[i]["after_service"]),
                                                 f2(s), f2(100 * s / tot)))
    out.append(t)
    return ["\n".join(x) for x in out]


def walk(x, acc):
    if isinstance(x, bool) or x is None:
        return
    if isinstance(x, (int, float)):
        acc.append(float(x))
    elif isinstance(x, dict):
        for v in x.values():
            walk(v, acc)
    elif isinstance(x, list):
        for v in x:
            walk(v, acc)


def known_numbers(runs, pol, cs):
    acc = []
    for d in runs:
        walk(d, acc)
        s = pol["service_share"]
        for r in d["customers"]:
            acc.append(s * r["contribution"])
        pc = d["profit_curve"]
        if pc["total"] > 0:
            acc.append(-100 * pc["losses"] / pc["total"])
            acc.append(pc["peak"] - pc["total"])
        rows = d["customers"]
        order = sorted(range(len(rows)), key=lambda i: (-rows[i]["after_service"], i))
        run = 0.0
        for i in order:
            run += rows[i]["after_service"]
            acc.append(run)
            acc.append(100 * run / pc["total"])
    # CTS terms and partial sums, in the policy's order.
    for c in cs:
        a = c["service_cost"] if c["service_cost"] is not None else 0.0
        acc.append(a)
        for name, rate in pol["activities"]:
            cnt = float(c["n"]) if name == "orders" else c["activities"].get(name, 0.0)
            acc.append(cnt * rate)
            a += cnt * rate
            acc.append(a)
            acc.append(rate)
    # Quantile intermediates: values, differences of neighbours, weights.
    groups = [list(range(len(cs)))]
    for g in ("hospital", "practice"):
        groups.append([i for i, c in enumerate(cs) if c["segment"] == g])
    for idx in groups:
        for axis, basis in (("margin", "percent"), ("value", "average-order")):
            xs = sorted(e.axis_values(cs[i], axis, basis) for i in idx)
            acc.extend(xs)
            acc.extend(b - a for a, b in zip(xs, xs[1:]))
        n = len(idx)
        th = e.thresholds([cs[i] for i in idx], pol)
        for i in idx:  # how far each value lies from each cut and split
            for axis, basis in (("margin", "percent"), ("value", "average-order")):
                v = e.axis_values(cs[i], axis, basis)
                acc.extend(v - t for t in th[axis].values())
        for q in (1 / 3, 2 / 3, 0.5):
            h = (n - 1) * q
            acc.extend([h, h - math.floor(h)])
    return acc


def shown(v, text):
    dec = len(text.split(".")[1])
    if dec > 6:
        return repr(v) == text
    t = "%.*f" % (dec, v)
    return t == text or (float(t) == 0 and float(text) == 0)  # -0.00


def main():
    pol = e.load_policy(POL)
    _, cs = e.load_portfolio(PF)
    d = e.run(PF, POL)
    dc = e.run(PF, POL, cap="affordable")
    ds = e.run(PF, POL, by="segment")
    dsc = e.run(PF, POL, cap="affordable", by="segment")
    periods = [e.run(PF, POL, period=p) for p in
               ("2024-2026", "2026-07-15/2026-10-14", "2026-07-01/2026-09-30")]
    doc = open(os.path.join(SRC, "docs", "model.md"), encoding="utf-8").read()
    start = doc.index("\n## Economics")
    end = doc.find("\n## ", start + 1)
    sec = doc[start:end if end >= 0 else len(doc)]

    bad = []
    for t in tables(d, dc, ds, pol, cs):
        if t not in sec:
            bad.append("table not found verbatim:\n" + t)

    known = known_numbers([d, dc, ds, dsc] + periods, pol, cs)
    # 2 and 6 decimals are checked at what they show; drop ids such as C01
    # and dates (2026-07-15) by matching only numbers with a decimal point.
    nchecked = 0
    for m in re.finditer(r"(?<![\w.])-?\d+\.\d+(?![\w.]*\d)", sec):
        text = m.group(0)
        nchecked += 1
        if not any(shown(v, text) or shown(-v, text) for v in known):
            line = sec.count("\n", 0, m.start()) + 1
            bad.append("number %s (section line %d) is not one econ_ref.py computes"
                       % (text, line))
    if bad:
        print("\n".join(bad))
        return 1
    print("docs/model.md Economics: %d tables verbatim, %d decimal numbers "
          "all computed by econ_ref.py" % (len(tables(d, dc, ds, pol, cs)), nchecked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
