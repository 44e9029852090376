#!/usr/bin/env bash
# The focuslevel benchmark (docs/benchmark.md).
#
#   tests/bench/run.sh [--smoke] [BUILD_DIR]
#
# For each size and format it generates a mixed-form portfolio, then times
# `focuslevel assign -O csv` and the parser floor (libyaml's event parser;
# cJSON on the whole document) in the same run, alternating, RUNS times,
# and prints medians: wall time, ratio to the floor, peak resident memory,
# and bytes per customer.  Then order lines (CSV): `assign -O csv` and
# `import` against our scanner alone (fl_bench_floor_csv), sizes
# FL_BENCH_LINES (default 1000000).  Then, on the portfolio sizes with order
# dates for every customer (fl_bench_gen N 7 yaml mixed dates), `assign -O
# csv --columns all` (the customer value: two fits and a 12-month CLV each)
# against `assign -O csv`, alternating: the ratio of the medians (issue
# 14's target: at most 1.5).  Sizes and runs: FL_BENCH_SIZES (default
# "100000 1000000"; set but empty: no portfolio), FL_BENCH_RUNS (default
# 5).  --smoke runs tiny sizes once and checks the output, for CI.
set -euo pipefail
smoke=0
if [ "${1:-}" = --smoke ]; then smoke=1; shift; fi
build=$(cd "${1:-build}" && pwd)
fl=$build/focuslevel
gen=$build/tests/bench/fl_bench_gen
if [ $smoke = 1 ]; then
	data=${FL_BENCH_DATA:-$build/bench-smoke}
else
	data=${FL_BENCH_DATA:-$build/bench-data}
fi
mkdir -p "$data"
# Timings of this run only: several runners may share the data folder.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $smoke = 1 ]; then
	sizes=${FL_BENCH_SIZES:-2000}; runs=1
else
	sizes=${FL_BENCH_SIZES-"100000 1000000"}; runs=${FL_BENCH_RUNS:-5}
fi
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

# measure OUTFILE CMD...: append "seconds peak_kib" of one run to OUTFILE.
measure() {
	local out=$1; shift
	local t0 t1 rss
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null
	t1=$(date +%s%N)
	rss=$(tail -n 1 "$tmp/rss")
	echo "$(( (t1 - t0) / 1000000 )) $rss" >>"$out"
}
median() { # FILE COLUMN
	sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

if [ $smoke = 1 ]; then
	# Sharded runs agree with a single run: JSON Lines split in four,
	# each classified with the thresholds of the whole.
	"$gen" 2000 7 jsonl mixed >"$data/shard-all.jsonl"
	"$fl" thresholds -o "$data/shard-t.yaml" "$data/shard-all.jsonl"
	rm -f "$data"/shard-part-*
	split -l 500 "$data/shard-all.jsonl" "$data/shard-part-"
	for part in "$data"/shard-part-*; do
		mv "$part" "$part.jsonl"
		"$fl" assign -O csv --thresholds "$data/shard-t.yaml" "$part.jsonl" | tail -n +2
	done >"$data/shard-rows.csv"
	"$fl" assign -O csv "$data/shard-all.jsonl" | tail -n +2 | cmp - "$data/shard-rows.csv" ||
		{ echo "run.sh: sharded rows differ from a single run" >&2; exit 1; }
	echo "sharded run of 2000 customers in 4 shards: identical rows"
fi

# fl_ms: assign with the default -j (the online CPUs, at most 8); j1_ms:
# with -j1; speedup = j1_ms / fl_ms.
printf '%-9s %-5s %10s %10s %7s %9s %9s %10s %8s %7s\n' customers fmt fl_ms floor_ms ratio fl_MiB floor_MiB B/customer j1_ms speedup
for n in $sizes; do
	for fmt in yaml json; do
		file=$data/mixed-$n.$fmt
		[ -s "$file" ] || "$gen" "$n" 42 "$fmt" mixed >"$file"
		if [ $smoke = 1 ]; then
			rows=$("$fl" assign -O csv "$file" | wc -l)
			[ "$rows" -eq $((n + 1)) ] || { echo "run.sh: $file: $rows rows, expected $((n + 1))" >&2; exit 1; }
		fi
		floor=$build/tests/bench/fl_bench_floor_$fmt
		rm -f "$tmp/fl" "$tmp/floor" "$tmp/fl1"
		for _ in $(seq "$runs"); do
			measure "$tmp/fl" "$fl" assign -O csv "$file"
			measure "$tmp/floor" "$floor" "$file"
			measure "$tmp/fl1" "$fl" assign -j1 -O csv "$file"
		done
		fms=$(median "$tmp/fl" 1); fkb=$(median "$tmp/fl" 2)
		bms=$(median "$tmp/floor" 1); bkb=$(median "$tmp/floor" 2)
		j1ms=$(median "$tmp/fl1" 1)
		awk -v n="$n" -v f="$fmt" -v a="$fms" -v b="$bms" -v m="$fkb" -v fm="$bkb" -v j="$j1ms" 'BEGIN {
			printf "%-9d %-5s %10d %10d %7.2f %9.1f %9.1f %10.0f %8d %7.2f\n",
			       n, f, a, b, (b > 0 ? a / b : 0), m / 1024, fm / 1024, m * 1024 / n,
			       j, (a > 0 ? j / a : 0) }'
	done
done

# Order lines: `assign -O csv` and `import` on N lines shaped like a US
# retail export (fl_bench_lines N 42: about 10 lines an order, 5 orders a
# customer) against the floor, our scanner alone (fl_bench_floor_csv).
# Sizes: FL_BENCH_LINES (default "1000000"; 2000 for --smoke).
if [ $smoke = 1 ]; then lsizes=${FL_BENCH_LINES:-2000}; else lsizes=${FL_BENCH_LINES:-1000000}; fi
printf '\n%-9s %-9s %10s %10s %7s %9s %9s\n' lines cmd fl_ms floor_ms ratio fl_MiB floor_MiB
for n in $lsizes; do
	file=$data/lines-$n.csv
	[ -s "$file" ] || "$build/tests/bench/fl_bench_lines" "$n" 42 >"$file"
	if [ $smoke = 1 ]; then
		rows=$("$fl" assign -O csv "$file" | wc -l)
		[ "$rows" -gt 1 ] || { echo "run.sh: $file: no customer" >&2; exit 1; }
		"$fl" import "$file" | grep -q '^customers:' || { echo "run.sh: $file: import wrote no portfolio" >&2; exit 1; }
	fi
	rm -f "$tmp/assign" "$tmp/assign-j1" "$tmp/import" "$tmp/floor"
	for _ in $(seq "$runs"); do
		measure "$tmp/assign" "$fl" assign -O csv "$file"
		measure "$tmp/floor" "$build/tests/bench/fl_bench_floor_csv" "$file"
		measure "$tmp/assign-j1" "$fl" assign -j1 -O csv "$file"
		measure "$tmp/import" "$fl" import "$file"
	done
	bms=$(median "$tmp/floor" 1); bkb=$(median "$tmp/floor" 2)
	# assign and import with the default -j (the online CPUs), assign-j1
	# on one thread.
	for cmd in assign assign-j1 import; do
		ms=$(median "$tmp/$cmd" 1); kb=$(median "$tmp/$cmd" 2)
		awk -v n="$n" -v c="$cmd" -v a="$ms" -v b="$bms" -v m="$kb" -v fm="$bkb" 'BEGIN {
			printf "%-9d %-9s %10d %10d %7.2f %9.1f %9.1f\n",
			       n, c, a, b, (b > 0 ? a / b : 0), m / 1024, fm / 1024 }'
	done
done

# The customer value: --columns all against the default columns on
# dated customers.
printf '\n%-9s %10s %10s %7s %9s %9s\n' customers default_ms all_ms ratio def_MiB all_MiB
for n in $sizes; do
	file=$data/dated-$n.yaml
	[ -s "$file" ] || "$gen" "$n" 7 yaml mixed dates >"$file"
	if [ $smoke = 1 ]; then
		rows=$("$fl" assign -O csv --columns all "$file" | wc -l)
		[ "$rows" -eq $((n + 1)) ] || { echo "run.sh: $file --columns all: $rows rows, expected $((n + 1))" >&2; exit 1; }
	fi
	rm -f "$tmp/def" "$tmp/all"
	for _ in $(seq "$runs"); do
		measure "$tmp/def" "$fl" assign -O csv "$file"
		measure "$tmp/all" "$fl" assign -O csv --columns all "$file"
	done
	dms=$(median "$tmp/def" 1); dkb=$(median "$tmp/def" 2)
	ams=$(median "$tmp/all" 1); akb=$(median "$tmp/all" 2)
	awk -v n="$n" -v a="$dms" -v b="$ams" -v m="$dkb" -v am="$akb" 'BEGIN {
		printf "%-9d %10d %10d %7.2f %9.1f %9.1f\n",
		       n, a, b, (a > 0 ? b / a : 0), m / 1024, am / 1024 }'
done
