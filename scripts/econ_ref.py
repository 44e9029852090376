#!/usr/bin/env python3
"""Independent reference for the economics of the service plan (issue 13).

This script is a second implementation of focuslevel's model, written from
docs/model.md and the text of issue 13 ("The plan's economics"), not from
the C sources.  It exists to check the C implementation's numbers and the
hand derivation in docs/model.md (section "Economics"): both must agree
with what this script prints.

Usage:

    python3 scripts/econ_ref.py PORTFOLIO.yaml POLICY.yaml \
        [--period SPEC] [--cap none|affordable] [--by none|segment]

It prints one JSON object with every number unrounded (Python's repr of
each double): the period and its year fraction f, the period cost S_L of
each level, one record per customer in input order (margin, cost to serve,
contribution, grid and affordable level, final level, after-service
profit, today's level and the change), the thresholds per group, the
groups that fell back to the whole portfolio's thresholds, the totals, the
affordability matrix, the changes and the profit curve.

Example (the worked example of docs/model.md):

    python3 scripts/econ_ref.py data/economics.yaml \
        data/economics-policy.yaml --cap affordable --by segment

Only python3 and PyYAML are needed.  The portfolio and the policy are read
as YAML (JSON is YAML too); the script checks only what it needs and is
not a validator: give it files that focuslevel accepts.

Choices where the issue is silent (the C implementation should agree; if
it does not, one of the two is wrong or the issue needs a word):
- `segment` of a customer without one is null; `current_level`,
  `cost_delta` are null and `change` is "" without a current level.
- `thresholds` has "(all)" (the whole portfolio) and every group that uses
  its own thresholds; `fallback_groups` lists the groups below min_group in
  the order their first customer appears (with --by none it is empty).
- `affordability` lists every grid level (basic first) with a count for
  every affordable level, zeros included.
- `changes.cost_delta_up` / `cost_delta_down` are sums in input order of
  the cost deltas of the customers moving up / down (0.0 when none).
- A day interval that starts on the first of a month and ends on the last
  day of a month counts months (source "months"); a range whose end lies
  before its start is not a date range (a label, f = 1, source
  "assumed"); --period with such a SPEC is a usage error (exit 2).
"""

import argparse
import calendar
import datetime
import json
import math
import re
import sys

import yaml

class PeriodError(ValueError):
    """--period with none of the period forms."""


LEVELS = ["basic", "reactive", "accountable", "proactive", "partnership"]
ALL = "(all)"
NONE_GROUP = "(none)"
NULLS = ("", "~", "null", "Null", "NULL")


# ---------------------------------------------------------------- reading

def plain(node):
    """A YAML node as Python data with every scalar kept as its text
    (None for a plain null), so that ids such as 007 stay as written and
    numbers are converted by float() below, as strtod would."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [plain(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        out = {}
        for k, v in node.value:
            key = plain(k)
            if key in out:
                raise SystemExit("duplicate key %r" % key)
            out[key] = plain(v)
        return out
    raise SystemExit("unsupported YAML node %r" % node)


def read(path):
    with open(path, encoding="utf-8") as fh:
        node = yaml.compose(fh)
    return plain(node) if node is not None else {}


def num(text, what):
    if text is None:
        raise SystemExit("%s: expected a number, found null" % what)
    v = float(text)
    if not math.isfinite(v):
        raise SystemExit("%s: not finite" % what)
    return v


# ----------------------------------------------------------------- period

def parse_period(spec):
    """(months or None, days or None) for a period form of issue 13
    section 1, None when SPEC has none of the forms."""
    m = re.fullmatch(r"(\d{4})", spec)
    if m:
        return 12, None
    m = re.fullmatch(r"(\d{4})-H([12])", spec)
    if m:
        return 6, None
    m = re.fullmatch(r"(\d{4})-Q([1-4])", spec)
    if m:
        return 3, None
    m = re.fullmatch(r"(\d{4})-(\d{2})", spec)
    if m:
        return (1, None) if 1 <= int(m.group(2)) <= 12 else None
    m = re.fullmatch(r"(\d{4})[-/](\d{4})", spec)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return (12 * (b - a + 1), None) if b >= a else None
    m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", spec)
    if m:
        ya, ma, yb, mb = (int(g) for g in m.groups())
        if not (1 <= ma <= 12 and 1 <= mb <= 12):
            return None
        months = (yb * 12 + mb) - (ya * 12 + ma) + 1
        return (months, None) if months >= 1 else None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})", spec)
    if m:
        g = [int(x) for x in m.groups()]
        try:
            a = datetime.date(g[0], g[1], g[2])
            b = datetime.date(g[3], g[4], g[5])
        except ValueError:
            return None
        if b < a:
            return None
        last = calendar.monthrange(b.year, b.month)[1]
        if a.day == 1 and b.day == last:
            return (b.year * 12 + b.month) - (a.year * 12 + a.month) + 1, None
        return None, (b - a).days + 1
    return None


def year_fraction(spec, forced):
    p = parse_period(spec) if spec is not None else None
    if p is None:
        if forced:
            raise PeriodError("--period %r has none of the period forms" % spec)
        return {"label": spec, "year_fraction": 1.0, "source": "assumed"}
    months, days = p
    if months is not None:
        return {"label": spec, "year_fraction": months / 12, "source": "months"}
    return {"label": spec, "year_fraction": days / 365, "source": "days"}


# ----------------------------------------------------------------- policy

def load_policy(path):
    p = read(path) or {}
    pol = {}
    for axis, basis0 in (("margin", "percent"), ("value", "average-order")):
        a = p.get(axis) or {}
        method = a.get("method") or "quantile"
        if method == "quantile":
            cuts = a.get("cuts") or ["0.3333333333333333", "0.6666666666666666"]
            split = a.get("split") or "0.5"
        else:
            cuts, split = a["cuts"], a["split"]
        pol[axis] = {
            "basis": a.get("basis") or basis0,
            "method": method,
            "cuts": [num(c, axis + ".cuts") for c in cuts],
            "split": num(split, axis + ".split"),
        }
    levels = p.get("levels") or {}
    pol["cost"] = {}
    for name in LEVELS:
        lv = levels.get(name) or {}
        pol["cost"][name] = num(lv.get("cost", "0"), name + ".cost")
    for lo, hi in zip(LEVELS, LEVELS[1:]):
        if pol["cost"][hi] < pol["cost"][lo]:
            raise SystemExit("levels.%s.cost is below levels.%s.cost" % (hi, lo))
    pol["service_share"] = num(p.get("service_share", "1"), "service_share")
    if not (0 < pol["service_share"] <= 1):
        raise SystemExit("service_share must be in (0, 1]")
    pol["cap"] = p.get("cap") or "none"
    pol["by"] = p.get("by") or "none"
    pol["min_group"] = int(p.get("min_group") or "20")
    acts = p.get("activities") or {}
    # dict keeps the file's order: the order CTS is summed in.
    pol["activities"] = [(k, num(v, "activities." + k)) for k, v in acts.items()]
    return pol


# -------------------------------------------------------------- portfolio

def load_portfolio(path):
    doc = read(path)
    custs = []
    for c in doc.get("customers") or []:
        orders = c.get("orders")
        if isinstance(orders, list):
            r = 0.0
            k = 0.0
            for o in orders:          # list order, as docs/model.md says
                r += num(o["value"], "value")
                k += num(o["cost"], "cost")
            n = len(orders)
        else:
            r = num(c["revenue"], "revenue")
            k = num(c["cost"], "cost")
            n = int(orders) if orders is not None else 1
        acts = c.get("activities") or {}
        if "orders" in acts:
            raise SystemExit("%s: activities may not list orders" % c["id"])
        custs.append({
            "id": c["id"],
            "segment": c.get("segment"),
            "R": r, "C": k, "n": n,
            "pin": c.get("level"),
            "service_cost": (num(c["service_cost"], "service_cost")
                             if c.get("service_cost") is not None else None),
            "activities": {a: num(v, "activities." + a) for a, v in acts.items()},
            "current": c.get("current_level"),
        })
    return doc.get("period"), custs


# ------------------------------------------------------------------ model

def quantile(xs, q):
    """Type 7 (docs/model.md, "Quantiles")."""
    x = sorted(xs)
    n = len(x)
    h = (n - 1) * q
    lo = math.floor(h)
    if lo >= n - 1:
        return x[n - 1]
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo])


def axis_values(c, axis, basis):
    m = c["R"] - c["C"]
    if axis == "margin":
        if basis == "percent":
            return 0.0 if c["R"] == 0 else 100 * m / c["R"]
        return m
    if basis == "average-order":
        return 0.0 if c["n"] == 0 else c["R"] / c["n"]
    return c["R"]


def thresholds(custs, pol):
    out = {}
    for axis in ("margin", "value"):
        a = pol[axis]
        if a["method"] == "quantile":
            xs = [axis_values(c, axis, a["basis"]) for c in custs]
            out[axis] = {"cut_low": quantile(xs, a["cuts"][0]),
                         "cut_high": quantile(xs, a["cuts"][1]),
                         "split": quantile(xs, a["split"])}
        else:
            out[axis] = {"cut_low": a["cuts"][0], "cut_high": a["cuts"][1],
                         "split": a["split"]}
    return out


def tier(v, t):
    if v < t["cut_low"]:
        return 0
    if v >= t["cut_high"]:
        return 2
    return 1


def grid_level(c, th, pol):
    tp = tier(axis_values(c, "margin", pol["margin"]["basis"]), th["margin"])
    tv = tier(axis_values(c, "value", pol["value"]["basis"]), th["value"])
    return tp + tv  # index into LEVELS: level number - 1


def cost_to_serve(c, pol):
    acc = c["service_cost"] if c["service_cost"] is not None else 0.0
    for name, rate in pol["activities"]:
        count = float(c["n"]) if name == "orders" else c["activities"].get(name, 0.0)
        acc += count * rate
    return acc


def profit_curve(ps):
    order = sorted(range(len(ps)), key=lambda i: (-ps[i], i))
    run = []
    s = 0.0
    for i in order:
        s += ps[i]
        run.append(s)
    n = len(ps)
    total = run[-1] if run else 0.0
    peak = max(run) if run else 0.0
    peak_k = next((k + 1 for k, v in enumerate(run) if v == peak), 0)
    losses = 0.0
    nloss = 0
    for p in ps:  # input order
        if p < 0:
            losses += p
            nloss += 1
    deciles = []
    for j in range(1, 11):
        k = -(-n * j // 10)  # ceil(n * j / 10) in integers
        deciles.append(100 * run[k - 1] / total if total > 0 and k >= 1 else None)
    return {"total": total, "peak": peak,
            "peak_pct": 100 * peak / total if total > 0 else None,
            "peak_customers": peak_k, "losses": losses,
            "loss_customers": nloss, "deciles": deciles}


def run(portfolio, policy, period=None, cap=None, by=None):
    pol = load_policy(policy)
    label, custs = load_portfolio(portfolio)
    if cap is not None:
        pol["cap"] = cap
    if by is not None:
        pol["by"] = by
    per = year_fraction(period if period is not None else label,
                        period is not None)
    f = per["year_fraction"]
    S = {name: pol["cost"][name] * f for name in LEVELS}
    s = pol["service_share"]

    # Groups and their thresholds.
    th_all = thresholds(custs, pol)
    ths = {ALL: th_all}
    fallback = []
    group_of = [ALL] * len(custs)
    if pol["by"] == "segment":
        members = {}
        for i, c in enumerate(custs):
            g = c["segment"] if c["segment"] is not None else NONE_GROUP
            members.setdefault(g, []).append(i)
        for g, idx in members.items():
            if len(idx) < pol["min_group"]:
                fallback.append(g)
                continue
            ths[g] = thresholds([custs[i] for i in idx], pol)
            for i in idx:
                group_of[i] = g

    rows = []
    for i, c in enumerate(custs):
        m = c["R"] - c["C"]
        cts = cost_to_serve(c, pol)
        pi = m - cts
        a = None
        for li in range(len(LEVELS) - 1, -1, -1):
            if S[LEVELS[li]] <= s * pi:
                a = li
                break
        unprofitable = a is None
        if a is None:
            a = 0
        grid = grid_level(c, ths[group_of[i]], pol)
        if c["pin"] is not None:
            final = LEVELS.index(c["pin"])
        elif pol["cap"] == "affordable":
            final = min(grid, a)
        else:
            final = grid
        after = pi - S[LEVELS[final]]
        cur = c["current"]
        if cur is None:
            change, delta = "", None
        else:
            d = final - LEVELS.index(cur)
            change = "same" if d == 0 else ("up %d" % d if d > 0 else "down %d" % -d)
            delta = S[LEVELS[final]] - S[cur]
        rows.append({
            "id": c["id"], "segment": c["segment"],
            "revenue": c["R"], "cost": c["C"], "margin": m,
            "cost_to_serve": cts, "contribution": pi,
            "computed_level": LEVELS[grid], "affordable_level": LEVELS[a],
            "unprofitable": unprofitable, "level": LEVELS[final],
            "level_cost": S[LEVELS[final]], "after_service": after,
            "current_level": cur, "change": change, "cost_delta": delta,
            "group": group_of[i],
        })

    def total(key):
        t = 0.0
        for r in rows:
            t += r[key]
        return t

    afford = {g: {a: 0 for a in LEVELS} for g in LEVELS}
    for r in rows:
        afford[r["computed_level"]][r["affordable_level"]] += 1
    up = [r for r in rows if r["change"].startswith("up")]
    down = [r for r in rows if r["change"].startswith("down")]
    du = 0.0
    for r in up:
        du += r["cost_delta"]
    dd = 0.0
    for r in down:
        dd += r["cost_delta"]
    return {
        "period": per,
        "level_costs": S,
        "customers": rows,
        "thresholds": ths,
        "fallback_groups": fallback,
        "totals": {"revenue": total("revenue"), "margin": total("margin"),
                   "cost_to_serve": total("cost_to_serve"),
                   "contribution": total("contribution"),
                   "service_cost": total("level_cost"),
                   "after_service": total("after_service")},
        "affordability": afford,
        "changes": {"up": [r["id"] for r in up], "down": [r["id"] for r in down],
                    "cost_delta_up": du, "cost_delta_down": dd},
        "profit_curve": profit_curve([r["after_service"] for r in rows]),
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("portfolio")
    ap.add_argument("policy")
    ap.add_argument("--period")
    ap.add_argument("--cap", choices=["none", "affordable"])
    ap.add_argument("--by", choices=["none", "segment"])
    a = ap.parse_args(argv)
    try:
        out = run(a.portfolio, a.policy, a.period, a.cap, a.by)
    except PeriodError as exc:  # a bad --period: a usage error, as in focuslevel
        ap.error(str(exc))
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
