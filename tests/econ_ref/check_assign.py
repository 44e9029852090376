#!/usr/bin/env python3
"""focuslevel's per-customer economics against scripts/econ_ref.py, the
independent reference (issue 13).

Usage: python3 tests/econ_ref/check_assign.py FOCUSLEVEL [SOURCE_DIR]

For data/economics.yaml with data/economics-policy.yaml, under several
option sets (none, a quarter; --cap affordable --by segment; --period
2026, a year; --period 2024-2026; a day interval that is not whole months; --by segment with min_group 1 via
a policy override), it runs `focuslevel assign -O json --columns all` and
econ_ref.py, and requires for every customer:
- the money columns (cost_to_serve, contribution, level_cost,
  after_service) to equal the reference rounded to two decimals (the same
  rounding of the exact binary value: Python's '.2f' is C's "%.2f");
- the level columns (computed_level, affordable_level, level,
  current_level), unprofitable, change and group to be equal;
and `focuslevel thresholds` (with --by segment, per segment) to give the
reference's cuts and splits exactly, bit for bit (shortest round-trip
numbers read back), and to name the same segments.
Exit 0 when all hold, 1 otherwise, 77 (skip) without PyYAML.
"""

import json
import os
import subprocess
import sys
import tempfile

FL = sys.argv[1]
SRC = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else
                      os.path.join(os.path.dirname(__file__), "..", ".."))
sys.dont_write_bytecode = True
try:
    import yaml  # noqa: F401
except ImportError as exc:
    print("skipped: %s" % exc)
    sys.exit(77)

PF = os.path.join(SRC, "data", "economics.yaml")
POL = os.path.join(SRC, "data", "economics-policy.yaml")
REF = os.path.join(SRC, "scripts", "econ_ref.py")
failures = []


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        failures.append("%s: exit %d: %s" % (" ".join(cmd), out.returncode,
                                            out.stderr))
        return None
    return out.stdout


def check(cond, what):
    if not cond:
        failures.append(what)


def compare(opts, policy=POL):
    name = " ".join(opts) or "(no options)"
    ref = run([sys.executable, REF, PF, policy] + opts)
    got = run([FL, "assign", "-q", "--policy", policy, "-O", "json",
               "--columns", "all"] + opts + [PF])
    if ref is None or got is None:
        return
    ref, got = json.loads(ref), json.loads(got)
    check(got["year_fraction"] == ref["period"]["year_fraction"],
          "%s: year_fraction %r, reference %r" % (name, got["year_fraction"],
                                                 ref["period"]["year_fraction"]))
    check(got["period_source"] == ref["period"]["source"],
          "%s: period_source %r, reference %r" % (name, got["period_source"],
                                                 ref["period"]["source"]))
    check(len(got["customers"]) == len(ref["customers"]),
          "%s: customer count" % name)
    for g, r in zip(got["customers"], ref["customers"]):
        who = "%s: %s" % (name, r["id"])
        check(g["id"] == r["id"], "%s: id %r" % (who, g["id"]))
        for k in ("cost_to_serve", "contribution", "level_cost",
                  "after_service"):
            want = float(format(r[k], ".2f"))
            check(g[k] == want, "%s: %s %r, reference %r (%r)" %
                  (who, k, g[k], want, r[k]))
        for k in ("computed_level", "affordable_level", "level",
                  "current_level", "group"):
            check(g[k] == r[k], "%s: %s %r, reference %r" % (who, k, g[k], r[k]))
        check(g["unprofitable"] == r["unprofitable"],
              "%s: unprofitable %r" % (who, g["unprofitable"]))
        want = r["change"] if r["change"] != "" else None
        check(g["change"] == want, "%s: change %r, reference %r" %
              (who, g["change"], want))
    # The thresholds, bit for bit.
    t = run([FL, "thresholds", "-q", "--policy", policy] + opts + [PF])
    if t is None:
        return
    ty = yaml.safe_load(t)
    groups = {"(all)": {"margin": ty["margin"], "value": ty["value"]}}
    groups.update(ty.get("segments") or {})
    check(sorted(groups) == sorted(ref["thresholds"]),
          "%s: groups %r, reference %r" % (name, sorted(groups),
                                         sorted(ref["thresholds"])))
    for gname, axes in ref["thresholds"].items():
        for axis in ("margin", "value"):
            mine = groups.get(gname, {}).get(axis)
            if mine is None:
                continue
            want = axes[axis]
            got_t = (float(mine["cuts"][0]), float(mine["cuts"][1]),
                     float(mine["split"]))
            want_t = (want["cut_low"], want["cut_high"], want["split"])
            check(got_t == want_t, "%s: thresholds of %s, %s: %r, reference %r"
                  % (name, gname, axis, got_t, want_t))


compare([])
compare(["--cap", "affordable", "--by", "segment"])
compare(["--cap", "affordable"])
compare(["--by", "segment"])
compare(["--period", "2026"])
compare(["--period", "2024-2026"])
compare(["--period", "2026-07-15/2026-10-14", "--cap", "affordable"])
# Every group its own thresholds: min_group 1.
with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    f.write(open(POL, encoding="utf-8").read().replace("min_group: 4",
                                                       "min_group: 1"))
    pol1 = f.name
try:
    compare(["--by", "segment"], pol1)
finally:
    os.unlink(pol1)

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("check_assign: every customer's economics and the thresholds agree "
      "with econ_ref.py")
