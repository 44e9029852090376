#!/usr/bin/env bash
# Labels never overlap: the golden plots with labels, and a dense
# portfolio of 1500 generated customers (scatter, every one asked for a
# label: most find no place and are left out, none overlaps),
# checked by tests/plot/label_overlap.py.
#
#   tests/plot/labels.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/../cli/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/bench/fl_bench_gen" 1500 11 jsonl mixed >"$tmp/dense.jsonl"
"$build/focuslevel" plot -q --label 1500 -o "$tmp/dense.svg" "$tmp/dense.jsonl"
"$build/focuslevel" plot -q --label 1500 --size none -o "$tmp/dense-none.svg" "$tmp/dense.jsonl"
"$build/focuslevel" plot -q --label 200 --density-above 100 -o "$tmp/dense-cells.svg" "$tmp/dense.jsonl"
# The matrices among the golden outputs (the profit curves have no labels).
mapfile -t golden < <(grep -l 'id="fl-frame"' "$cases"/plot-*/stdout)
python3 "$here/label_overlap.py" "${golden[@]}" "$tmp"/dense*.svg
