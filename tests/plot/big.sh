#!/usr/bin/env bash
# A large portfolio gives small pictures: N generated customers
# (tests/bench/gen.c, default a million) plot in density mode, with
# labels, and as the profit curve (sampled) to well-formed SVG under
# 300 kB each.
#
#   tests/plot/big.sh BUILD_DIR [N]
set -euo pipefail
build=$(cd "$1" && pwd)
n=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/bench/fl_bench_gen" "$n" 7 jsonl mixed >"$tmp/big.jsonl"
"$build/focuslevel" plot -q --label 10 -o "$tmp/matrix.svg" "$tmp/big.jsonl"
"$build/focuslevel" plot -q --chart whale -o "$tmp/whale.svg" "$tmp/big.jsonl"
grep -q '(density)' "$tmp/matrix.svg" || { echo "FAIL: not in density mode" >&2; exit 1; }
fail=0
for f in matrix whale; do
	size=$(wc -c <"$tmp/$f.svg")
	echo "$n customers: $f SVG of $size bytes"
	xmllint --noout "$tmp/$f.svg" || fail=1
	if [ "$size" -ge 300000 ]; then
		echo "FAIL: $f: $size bytes, expected under 300000" >&2
		fail=1
	fi
done
exit $fail
