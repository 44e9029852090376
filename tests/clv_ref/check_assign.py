#!/usr/bin/env python3
"""The customer-value columns of `focuslevel assign` against
scripts/clv_ref.py.

    python3 tests/clv_ref/check_assign.py FOCUSLEVEL SOURCE_DIR

Runs `focuslevel assign tests/cli/inputs/value.json --as-of 2026-12-31
-O json --columns id,p_alive,expected_orders,expected_order_value,clv`
(the default policy: a horizon of 12 months, 10 % a year).  Independently
of focuslevel, it reads the portfolio itself: per customer with dates x,
t_x, T and mbar (transactions are order days, their values summed; the
aggregate form: x = orders - 1, mbar = R / n) and c = (R - C) / R (the
contribution ratio: the portfolio has no cost to serve; 0 when R = 0).
scripts/clv_ref.py fits BG/NBD and Gamma-Gamma on them (scipy) and gives
p_alive, E(365) (12 months of 365/12 days), the expected order value and
the CLV with c = 1 (mpmath), which is multiplied by c (the CLV is linear
in c).

The rule: a printed figure passes when it is what printf would print for
some value within 1e-6 relative of the reference's, that is when it lies
between the reference times (1 - 1e-6) and times (1 + 1e-6), each rounded
to the printed decimals (6 for p_alive and expected_orders, 2 for the
money).  Customers without dates must have null in all four.

Exit 77 (skipped) without numpy, scipy and mpmath.
"""

import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

try:
    import mpmath  # noqa: F401
    import numpy  # noqa: F401
    import scipy  # noqa: F401
except ImportError:
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != \
            os.path.realpath(system) and not os.environ.get("FL_CLV_REEXEC"):
        os.environ["FL_CLV_REEXEC"] = "1"
        os.execv(system, [system, "-B"] + sys.argv)
    print("check_assign.py: needs numpy, scipy and mpmath; skipped",
          file=sys.stderr)
    sys.exit(77)

REL = 1e-6
AS_OF = datetime.date(2026, 12, 31)
COLUMNS = ["p_alive", "expected_orders", "expected_order_value", "clv"]
DECIMALS = {"p_alive": 6, "expected_orders": 6,
            "expected_order_value": 2, "clv": 2}


def days(s):
    return datetime.date.fromisoformat(s[:10])


def history(c):
    """(x, t_x, T, mbar, ratio) of a customer with dates, else None."""
    if isinstance(c.get("orders"), list):
        if not c["orders"] or "date" not in c["orders"][0]:
            return None
        by_day = {}
        for o in c["orders"]:
            d = days(o["date"])
            by_day[d] = by_day.get(d, 0.0) + o["value"]
        first, last = min(by_day), max(by_day)
        x = len(by_day) - 1
        later = 0.0
        for d in sorted(by_day)[1:]:
            later += by_day[d]
        mbar = later / x if x > 0 else 0.0
        rev = sum(o["value"] for o in c["orders"])
        cost = sum(o["cost"] for o in c["orders"])
    else:
        if "first_order" not in c:
            return None
        first, last = days(c["first_order"]), days(c["last_order"])
        x = c["orders"] - 1
        rev, cost = c["revenue"], c["cost"]
        mbar = rev / c["orders"]
    ratio = (rev - cost) / rev if rev != 0 else 0.0
    return (x, (last - first).days, (AS_OF - first).days, mbar, ratio)


def accepted(printed, ref, decimals):
    lo, hi = sorted((ref * (1 - REL), ref * (1 + REL)))
    lo_s, hi_s = f"{lo:.{decimals}f}", f"{hi:.{decimals}f}"
    return float(lo_s) <= float(printed) <= float(hi_s), lo_s, hi_s


def main():
    fl, src = sys.argv[1], sys.argv[2]
    data = os.path.join(src, "tests", "cli", "inputs", "value.json")
    with open(data) as f:
        customers = json.load(f)["customers"]
    hist = {c["id"]: history(c) for c in customers}
    dated = [c["id"] for c in customers if hist[c["id"]] is not None]

    # focuslevel prints numbers as JSON numbers: keep their text.
    out = subprocess.run(
        [fl, "assign", data, "--as-of", "2026-12-31", "-O", "json",
         "--columns", "id," + ",".join(COLUMNS)],
        check=True, capture_output=True, text=True).stdout
    rows = json.loads(out, parse_float=str, parse_int=str)["customers"]
    got = {r["id"]: r for r in rows}

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "value.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["x", "t_x", "T", "mbar"])
            for cid in dated:
                w.writerow([repr(float(v)) for v in hist[cid][:4]])
        ref = json.loads(subprocess.run(
            [sys.executable, "-B", os.path.join(src, "scripts",
                                                "clv_ref.py"),
             path, "--months", "12", "--discount", "0.10", "--margin", "1",
             "--every", "1"],
            check=True, capture_output=True, text=True).stdout)

    failures, checked = 0, 0
    for cid, (i, pa, _e30, e365, value, clv1) in zip(dated,
                                                     ref["customers"]):
        want = {"p_alive": pa, "expected_orders": e365,
                "expected_order_value": value,
                "clv": clv1 * hist[cid][4]}
        for col in COLUMNS:
            printed = got[cid][col]
            ok, lo_s, hi_s = (False, "", "") if printed is None else \
                accepted(printed, want[col], DECIMALS[col])
            checked += 1
            if not ok:
                failures += 1
                print(f"FAIL {cid} {col}: focuslevel {printed} reference "
                      f"{want[col]!r} (accepted {lo_s} .. {hi_s})")
    for c in customers:
        if hist[c["id"]] is None:
            for col in COLUMNS:
                checked += 1
                if got[c["id"]][col] is not None:
                    failures += 1
                    print(f"FAIL {c['id']} {col}: {got[c['id']][col]}, "
                          f"expected null (no dates)")
    print(f"check_assign.py: {checked} figures of {len(customers)} "
          f"customers ({len(dated)} with dates), {failures} failed; "
          f"reference BG/NBD {ref['bgnbd']}, Gamma-Gamma "
          f"{ref['gamma_gamma']}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
