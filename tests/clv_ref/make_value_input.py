#!/usr/bin/env python3
"""Write tests/cli/inputs/value.json: a small dated portfolio for the
customer-value columns of `assign` (golden cases value-*, and
tests/clv_ref/check_assign.py).

    python3 tests/clv_ref/make_value_input.py > tests/cli/inputs/value.json

44 customers from a fixed seed: 36 detailed, their order days simulated
from the BG/NBD process (r = 0.5, alpha = 20 days, a = 0.8, b = 2.5,
first order 120 to 540 days before the as-of date 2026-12-31), order
values from the Gamma-Gamma process (p = 6, q = 4, gamma = 150); 5 in the
aggregate form with first_order and last_order; 3 without dates.  Edge
cases: D07 orders only on its first day (x = 0), D13's orders are worth
0 (mbar = 0, revenue 0: c = 0), D21 sells below cost (negative clv), D30
has two orders on one day.
"""

import datetime
import json
import random

AS_OF = datetime.date(2026, 12, 31)
rng = random.Random(14)


def day(d):
    return (AS_OF - datetime.timedelta(days=d)).isoformat()


customers = []
for i in range(1, 37):
    T = rng.randint(120, 540)
    lam = rng.gammavariate(0.5, 1 / 20)
    p = rng.betavariate(0.8, 2.5)
    times, t = [0.0], 0.0
    while True:
        t += rng.expovariate(lam) if lam > 0 else T + 1
        if t > T:
            break
        times.append(t)
        if rng.random() < p:
            break
    if i == 7:
        times = [0.0]
    nu = rng.gammavariate(4, 1 / 150)
    ratio = rng.uniform(0.55, 0.8)
    orders = []
    for t in times:
        v = round(rng.gammavariate(6, 1 / nu), 2)
        if i == 13:
            v = 0.0
        c = round(v * (1.15 if i == 21 else ratio), 2)
        orders.append({"value": v, "cost": c,
                       "date": day(T - int(t))})
    if i == 30:
        orders.append({"value": 80.0, "cost": 50.0,
                       "date": orders[-1]["date"]})
    customers.append({"id": f"D{i:02d}", "segment": rng.choice(
        ["clinic", "practice", "hospital"]), "orders": orders})

for i, (n, first, last, rev) in enumerate([
        (1, 200, 200, 410.0), (3, 300, 40, 1250.5), (6, 500, 20, 3300.0),
        (2, 400, 390, 520.25), (9, 530, 3, 7200.0)], start=37):
    customers.append({"id": f"D{i:02d}", "segment": "pharmacy",
                      "revenue": rev, "cost": round(rev * 0.7, 2),
                      "orders": n, "first_order": day(first),
                      "last_order": day(last)})

for i, rev in enumerate([900.0, 4100.0, 2500.0], start=42):
    customers.append({"id": f"D{i:02d}", "segment": "clinic",
                      "revenue": rev, "cost": round(rev * 0.65, 2),
                      "orders": 4})

print(json.dumps({"portfolio": "Dated accounts (simulated, issue 14)",
                  "currency": "EUR", "customers": customers}, indent=1))
