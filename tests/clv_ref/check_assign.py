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

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Re-executes /usr/bin/python3 or exits 77 without numpy, scipy and mpmath.
from clvcheck import accepted, clv_ref_on, portfolio  # noqa: E402

COLUMNS = ["p_alive", "expected_orders", "expected_order_value", "clv"]
DECIMALS = {"p_alive": 6, "expected_orders": 6,
            "expected_order_value": 2, "clv": 2}


def main():
    fl, src = sys.argv[1], sys.argv[2]
    data = os.path.join(src, "tests", "cli", "inputs", "value.json")
    customers, hist, dated = portfolio(data)

    # focuslevel prints numbers as JSON numbers: keep their text.
    out = subprocess.run(
        [fl, "assign", data, "--as-of", "2026-12-31", "-O", "json",
         "--columns", "id," + ",".join(COLUMNS)],
        check=True, capture_output=True, text=True).stdout
    rows = json.loads(out, parse_float=str, parse_int=str)["customers"]
    got = {r["id"]: r for r in rows}

    ref = clv_ref_on(src, hist, dated, "--months", "12", "--discount",
                     "0.10", "--margin", "1", "--every", "1")

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
