#!/usr/bin/env python3
"""deps.py - the dependency graph of focuslevel's source files, from the
object files of a build (what each file really calls, not what it includes).

    scripts/deps.py BUILD_DIR            # check: layers and cycles; exit 1 on a violation
    scripts/deps.py BUILD_DIR --graph    # every edge "a.c -> b.c"
    scripts/deps.py BUILD_DIR --path F   # every file F reaches (its closure)

File A depends on file B when A's object file uses a symbol that B's object
file defines (nm: U in A, T/D/B/R in B).  The checks:
  - no cycle between files (Tarjan's strongly connected components);
  - each file uses only files of its own layer or a lower one, in the order
    util < model < load < write < cli (docs/architecture.md).
Only the objects of the library (focuslevel_core) and of the CLI are read.
"""
import os
import subprocess
import sys

LAYERS = ["util", "model", "load", "write", "cli"]


def objects(build):
    found = []
    for target in ("focuslevel_core.dir", "focuslevel.dir"):
        root = os.path.join(build, "CMakeFiles", target)
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith(".c.o"):
                    full = os.path.join(dirpath, f)
                    rel = os.path.relpath(full, root)[:-2]  # src/x/y.c
                    found.append((rel, full))
    return sorted(found)


def symbols(path):
    out = subprocess.run(["nm", "--defined-only", "-g", path],
                         capture_output=True, text=True, check=True).stdout
    defined = {line.split()[-1] for line in out.splitlines() if line.strip()}
    out = subprocess.run(["nm", "-u", path], capture_output=True, text=True,
                         check=True).stdout
    used = {line.split()[-1] for line in out.splitlines() if line.strip()}
    return defined, used


def layer(path):
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == "src" and parts[1] in LAYERS:
        return parts[1]
    return None


def graph(build):
    objs = objects(build)
    if not objs:
        sys.exit("deps.py: no object files under %s (build it first)" % build)
    owner = {}
    uses = {}
    for name, path in objs:
        defined, used = symbols(path)
        for s in defined:
            owner[s] = name
        uses[name] = used
    edges = {name: set() for name, _ in objs}
    for name, used in uses.items():
        for s in used:
            o = owner.get(s)
            if o is not None and o != name:
                edges[name].add(o)
    return edges


def cycles(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    edges = graph(sys.argv[1])
    if "--graph" in sys.argv:
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print("%s -> %s" % (a, b))
        return 0
    if "--path" in sys.argv:
        start = sys.argv[sys.argv.index("--path") + 1]
        seen, todo = set(), [start]
        while todo:
            v = todo.pop()
            if v in seen:
                continue
            seen.add(v)
            todo.extend(edges.get(v, ()))
        for v in sorted(seen):
            print(v)
        return 0
    bad = 0
    for comp in cycles(edges):
        print("cycle: " + " <-> ".join(comp))
        bad += 1
    for a in sorted(edges):
        la = layer(a)
        if la is None:
            print("outside the layers: %s" % a)
            bad += 1
            continue
        for b in sorted(edges[a]):
            lb = layer(b)
            if lb is not None and LAYERS.index(lb) > LAYERS.index(la):
                print("upward: %s (%s) -> %s (%s)" % (a, la, b, lb))
                bad += 1
    n = sum(len(e) for e in edges.values())
    if bad:
        print("deps.py: %d problem(s) in %d files, %d edges" % (bad, len(edges), n))
        return 1
    print("deps.py: %d files, %d edges, no cycle, no upward dependency"
          % (len(edges), n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
