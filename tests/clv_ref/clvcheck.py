"""What the customer-value reference checks of tests/clv_ref share.

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import clvcheck

Importing it makes sure numpy, scipy and mpmath can be imported: the
interpreter that runs the tests may be one of its own (pyenv) that does not
see Debian's python3-scipy, so the running script is then executed again
with /usr/bin/python3 -B (once: FL_CLV_REEXEC); without them it exits 77
(skipped) with "SCRIPT: needs numpy, scipy and mpmath; skipped".

Then: a portfolio's order histories as of a date (x, t_x, T, mbar and the
contribution ratio per customer with dates), scripts/clv_ref.py run on
them or on a CSV file, and the rule by which a printed figure agrees with
the reference (1e-6 relative).
"""

import csv
import datetime
import importlib
import json
import os
import subprocess
import sys
import tempfile

try:
    for _name in ("mpmath", "numpy", "scipy"):
        importlib.import_module(_name)
except ImportError:
    _system = "/usr/bin/python3"
    if os.path.exists(_system) and os.path.realpath(sys.executable) != \
            os.path.realpath(_system) and not os.environ.get("FL_CLV_REEXEC"):
        os.environ["FL_CLV_REEXEC"] = "1"
        os.execv(_system, [_system, "-B"] + sys.argv)
    print(f"{os.path.basename(sys.argv[0])}: needs numpy, scipy and mpmath; "
          "skipped", file=sys.stderr)
    sys.exit(77)

REL = 1e-6
# The as-of date of the portfolios tests/cli/inputs/value*.json.
AS_OF = datetime.date(2026, 12, 31)


def rel_err(got, want):
    return abs(got - want) / max(abs(want), 1e-300)


def accepted(printed, ref, fmt):
    """(ok, lo, hi): the printed figure is fmt of some value within REL
    of ref, that is it lies between lo and hi, ref times (1 - REL) and
    times (1 + REL) printed with fmt.  fmt is a printf format ("%.6g") or
    a number of decimals (for "%.Nf")."""
    if isinstance(fmt, int):
        fmt = f"%.{fmt}f"
    lo, hi = sorted((ref * (1 - REL), ref * (1 + REL)))
    lo_s, hi_s = fmt % lo, fmt % hi
    return float(lo_s) <= float(printed) <= float(hi_s), lo_s, hi_s


def days(s):
    return datetime.date.fromisoformat(s[:10])


def history(c, as_of=AS_OF):
    """(x, t_x, T, mbar, ratio) of a customer with dates, else None.

    Transactions are order days, their values summed; in the aggregate
    form x = orders - 1 and mbar = R / n; ratio = (R - C) / R, 0 when
    R = 0."""
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
    return (x, (last - first).days, (as_of - first).days, mbar, ratio)


def portfolio(path, as_of=AS_OF):
    """(customers, hist, dated): a portfolio's customers in input order,
    their history() by id and the ids of those with dates."""
    with open(path) as f:
        customers = json.load(f)["customers"]
    hist = {c["id"]: history(c, as_of) for c in customers}
    dated = [c["id"] for c in customers if hist[c["id"]] is not None]
    return customers, hist, dated


def spenders(hist, dated):
    """The customers Gamma-Gamma is fitted on: x >= 1 and mbar > 0."""
    return sum(1 for cid in dated if hist[cid][0] >= 1 and hist[cid][3] > 0)


def clv_ref(src, data, *args):
    """scripts/clv_ref.py (under src) on the CSV file data, its JSON."""
    return json.loads(subprocess.run(
        [sys.executable, "-B", os.path.join(src, "scripts", "clv_ref.py"),
         data, *args],
        check=True, capture_output=True, text=True).stdout)


def clv_ref_on(src, hist, dated, *args):
    """scripts/clv_ref.py on the histories of the customers dated (their
    x, t_x, T and mbar written as CSV, in that order)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "value.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["x", "t_x", "T", "mbar"])
            for cid in dated:
                w.writerow([repr(float(v)) for v in hist[cid][:4]])
        return clv_ref(src, path, *args)
