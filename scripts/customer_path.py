#!/usr/bin/env python3
"""customer_path.py - the source files one customer's data passes through.

    scripts/customer_path.py BUILD_DIR [N] [ARGS...]

Generates a portfolio of N mixed customers (default 2000) with the
benchmark's generator, runs `focuslevel assign ARGS` on it (default
`-O csv`) under callgrind, and lists the project's source files that have
a function called at least N times: the files every customer goes
through, in the order of the layers.  docs/architecture.md quotes its
output for `assign x.yaml`.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

LAYERS = ["util", "model", "load", "write", "cli"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    args = sys.argv[3:] or ["-O", "csv"]
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "p.yaml")
    with open(data, "w") as f:
        subprocess.run([os.path.join(build, "tests/bench/fl_bench_gen"),
                        str(n), "7", "yaml", "mixed"], stdout=f, check=True)
    out = os.path.join(tmp, "cg.out")
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                    os.path.join(build, "focuslevel"), "assign"] + args + [data],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    names = {"fl": {}, "fn": {}}
    calls = collections.Counter()
    cur_file = None
    target_file = None
    target_fn = None

    def name(kind, text):
        m = re.match(r"\((\d+)\)(?: (.*))?", text)
        if not m:
            return text
        if m.group(2) is not None:
            names[kind][m.group(1)] = m.group(2)
        return names[kind].get(m.group(1), "?")

    with open(out) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("fl="):
                cur_file = name("fl", line[3:])
            elif line.startswith(("fi=", "fe=")):
                name("fl", line[3:])
            elif line.startswith("fn="):
                name("fn", line[3:])
                target_file = None
            elif line.startswith(("cfl=", "cfi=")):
                target_file = name("fl", line[4:])
            elif line.startswith("cfn="):
                target_fn = name("fn", line[4:])
            elif line.startswith("calls="):
                count = int(line[6:].split()[0])
                calls[(target_file or cur_file, target_fn)] += count
                target_file = None
    files = set()
    for (path, fn), count in calls.items():
        if count < n or path is None:
            continue
        m = re.search(r"(src/(?:%s)/[^/]+\.[ch])$" % "|".join(LAYERS), path)
        if m:
            files.add(m.group(1))
    order = sorted(files, key=lambda p: (LAYERS.index(p.split("/")[1]), p))
    for p in order:
        print(p)
    print("%d files" % len(order))


if __name__ == "__main__":
    main()
