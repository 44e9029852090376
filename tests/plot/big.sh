#!/usr/bin/env bash
# A large portfolio gives a small picture: 200000 generated customers
# (tests/bench/gen.c) plot in density mode to well-formed SVG under
# 500 kB, with labels.
#
#   tests/plot/big.sh BUILD_DIR [N]
set -euo pipefail
build=$(cd "$1" && pwd)
n=${2:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/bench/fl_bench_gen" "$n" 7 jsonl mixed >"$tmp/big.jsonl"
"$build/focuslevel" plot -q --label 10 -o "$tmp/big.svg" "$tmp/big.jsonl"
size=$(wc -c <"$tmp/big.svg")
echo "$n customers: SVG of $size bytes"
xmllint --noout "$tmp/big.svg"
grep -q '(density)' "$tmp/big.svg" || { echo "FAIL: not in density mode" >&2; exit 1; }
if [ "$size" -ge 500000 ]; then
	echo "FAIL: $size bytes, expected under 500000" >&2
	exit 1
fi
