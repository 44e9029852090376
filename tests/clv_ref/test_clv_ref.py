#!/usr/bin/env python3
"""focuslevel's customer-value engine against scripts/clv_ref.py.

    python3 tests/clv_ref/test_clv_ref.py CLV_FIT SOURCE_DIR

CLV_FIT (tests/clv_ref/clv_fit.c) simulates 20 000 customers of the
BG/NBD and Gamma-Gamma processes from a fixed seed and writes them as CSV;
it fits both models with the library and prints its figures; the
reference fits the same file with scipy and computes E(t) with mpmath.
Required: every parameter and both log-likelihoods to 1e-6 relative, and
for every 50th customer p_alive, E(30), E(365), the expected order value
and the CLV over 12 months (d = 10 %, c = 0.35) to 1e-6 relative.

Exit 77 (skipped) without numpy, scipy and mpmath.  The interpreter that
runs the tests may be one of its own (pyenv) that does not see Debian's
python3-scipy: the script then runs itself again with /usr/bin/python3
(clvcheck.py, as every check here).
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Re-executes /usr/bin/python3 or exits 77 without numpy, scipy and mpmath.
from clvcheck import REL, clv_ref, rel_err  # noqa: E402

N, SEED, MONTHS, DISCOUNT, MARGIN = 20000, 14, 12, 0.10, 0.35


def main():
    clv_fit, src = sys.argv[1], sys.argv[2]
    failures = 0

    def check(what, got, want):
        nonlocal failures
        e = rel_err(got, want)
        if not e <= REL:
            failures += 1
            print(f"FAIL {what}: focuslevel {got!r} reference {want!r} "
                  f"(rel err {e:.3g})")
        return e

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "customers.csv")
        with open(data, "w") as f:
            subprocess.run([clv_fit, "sim", str(N), str(SEED)], stdout=f,
                           check=True)
        c = json.loads(subprocess.run(
            [clv_fit, "fit", data, str(MONTHS), str(DISCOUNT), str(MARGIN)],
            capture_output=True, text=True, check=True).stdout)
        ref = clv_ref(src, data, "--months", str(MONTHS), "--discount",
                      str(DISCOUNT), "--margin", str(MARGIN), "--every", "50")

    worst = 0.0
    for model, keys in (("bgnbd", ("r", "alpha", "a", "b", "log_likelihood")),
                        ("gamma_gamma", ("p", "q", "gamma", "log_likelihood",
                                         "mean_value"))):
        for k in keys:
            worst = max(worst, check(f"{model}.{k}", c[model][k],
                                     ref[model][k]))
    print(f"parameters and log-likelihoods: worst rel err {worst:.3g}")
    names = ("p_alive", "E(30)", "E(365)", "expected_order_value", "clv")
    worst = dict.fromkeys(names, 0.0)
    for row in ref["customers"]:
        i = row[0]
        for j, name in enumerate(names):
            worst[name] = max(worst[name], check(
                f"customer {i} {name}", c["customers"][i][j], row[1 + j]))
    print(f"{len(ref['customers'])} customers: worst rel err " +
          ", ".join(f"{k} {v:.3g}" for k, v in worst.items()))
    if c["bgnbd"]["no_dropout"]:
        failures += 1
        print("FAIL no_dropout set on data with dropout")
    print(f"{failures} failed" if failures else "all agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
