#!/usr/bin/env bash
# tests/jobs/same.sh FOCUSLEVEL BUILD_DIR: every output is the same, byte
# for byte, for -j1, -j2, -j3 and -j8 (issue 17): standard output, standard
# error and the exit status of assign, report, thresholds, explain and plot
# on the golden inputs, the error files among them, and generated portfolios
# big enough for several chunks per thread, with cross-chunk duplicates
# and more than 20 errors; in YAML also with what a cut at item lines must
# see through (tricky_yaml.awk); order lines (CSV) likewise.
set -u
fl=$1
build=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C
bad=0
runs=0

# compare ARGS...: run with each -j, compare with -j1.  With `pipe` set
# to a file, that file is the input, read from a pipe ("-": a window that
# is read, not mapped, so it moves and the threads wait for it).
compare() {
	for j in 1 2 3 8; do
		if [ -n "${pipe:-}" ]; then
			# A pipe on purpose: "< file" would be a mappable file.
			# shellcheck disable=SC2002
			cat "$pipe" | "$fl" "$@" -j"$j" - >"$T/out.$j" 2>"$T/err.$j"
		else
			"$fl" "$@" -j"$j" >"$T/out.$j" 2>"$T/err.$j"
		fi
		echo "status $?" >>"$T/err.$j"
		runs=$((runs + 1))
		if [ "$j" != 1 ] && ! { cmp -s "$T/out.1" "$T/out.$j" &&
		                        cmp -s "$T/err.1" "$T/err.$j"; }; then
			echo "DIFFERS with -j$j: focuslevel $* ${pipe:+< $pipe}"
			diff "$T/err.1" "$T/err.$j" | head -5
			bad=$((bad + 1))
		fi
	done
}

cd "$here/tests/cli" || exit 99
for f in inputs/*.json inputs/*.jsonl ../../data/*.json ../../data/*.jsonl \
         ../../data/*.yaml; do
	for cmd in assign report thresholds plot "explain C01"; do
		# shellcheck disable=SC2086
		compare $cmd "$f"
		# shellcheck disable=SC2086
		compare $cmd --skip-invalid "$f"
	done
done
# The YAML inputs (150) with the loader's outputs only: what the other
# commands add after loading is the same code for every format.
for f in inputs/*.yaml; do
	compare assign "$f"
	compare assign --skip-invalid "$f"
	compare report "$f"
done
for f in ../../data/*.yaml; do
	compare assign "$f"
done
for f in inputs/*.csv inputs/*.tsv; do
	[ -e "$f" ] || continue
	compare assign "$f"
	compare import -O json "$f"
done

# Generated: 20000 customers, then the same with cross-chunk duplicates,
# invalid customers spread over the file (more than 20 errors), in JSON
# and JSON Lines, and in other layouts.
gen=$build/tests/bench/fl_bench_gen
if [ -x "$gen" ]; then
	"$gen" 20000 7 json mixed >"$T/big.json"
	"$gen" 20000 7 jsonl mixed >"$T/big.jsonl"
	# Every 997th line's id becomes that of the first customer (a
	# duplicate naming it), every 1499th line's revenue negative.
	awk 'NR % 997 == 0 { sub(/"id": *"[^"]*"/, "\"id\": \"DUPX\"") }
	     NR % 1499 == 0 { sub(/"revenue": */, "\"revenue\": -") }
	     { print }' "$T/big.jsonl" >"$T/bad.jsonl"
	awk 'NR % 997 == 0 { sub(/"id": *"[^"]*"/, "\"id\": \"DUPX\"") }
	     NR % 1499 == 0 { sub(/"revenue": */, "\"revenue\": -") }
	     { print }' "$T/big.json" >"$T/bad.json"
	# Other layouts of the same customers, where the threads find the
	# customers' starts by other looks: indented (json.tool), on one
	# line, and on one line with orders whose first key is "id", as
	# the customers' (objects that look like customers: the merge must
	# refuse the chunks cut there).
	python3 -m json.tool "$T/big.json" >"$T/indented.json"
	tr -d '\n' <"$T/big.json" >"$T/oneline.json"
	sed 's/{"value"/{"id": "X", "value"/g' "$T/big.json" | tr -d '\n' \
		>"$T/lookalike.json"
	# YAML: as generated, with what a cut must see through and errors
	# (tricky_yaml.awk), with only what a chunk may hold and errors past
	# the cap, the tricky one with the list at column 0 (an indentless
	# sequence) and with CRLF line ends.
	"$gen" 20000 7 yaml mixed >"$T/big.yaml"
	awk -f "$here/tests/jobs/tricky_yaml.awk" "$T/big.yaml" >"$T/tricky.yaml"
	awk -v clean=1 -f "$here/tests/jobs/tricky_yaml.awk" "$T/big.yaml" \
		>"$T/clean.yaml"
	awk 'f { sub(/^  /, "") } /^customers:/ { f = 1 } { print }' \
		"$T/tricky.yaml" >"$T/tricky0.yaml"
	sed 's/$/\r/' "$T/tricky.yaml" >"$T/crlf.yaml"
	for f in "$T/big.json" "$T/big.jsonl" "$T/bad.jsonl" "$T/bad.json" \
	         "$T/indented.json" "$T/oneline.json" "$T/lookalike.json" \
	         "$T/big.yaml" "$T/tricky.yaml" "$T/clean.yaml" \
	         "$T/tricky0.yaml" "$T/crlf.yaml"; do
		compare assign -O csv "$f"
		compare assign --skip-invalid -O csv "$f"
		compare thresholds "$f"
	done
else
	echo "no $gen: the generated portfolios are not checked"
fi

# Order lines made to trip the split (tests/jobs/gen_lines.py): quoted
# newlines where the cuts fall, orders spread over the file, conflicts and
# errors in the middle; about 5 MB each, so several batches of blocks.
for kind in plain conflicts errors latin1; do
	f=$T/lines-$kind.csv
	python3 "$here/tests/jobs/gen_lines.py" 60000 7 "$kind" >"$f" || {
		echo "gen_lines.py $kind failed"
		bad=$((bad + 1))
		continue
	}
	enc=
	[ "$kind" = latin1 ] && enc="--encoding latin1"
	# shellcheck disable=SC2086
	compare assign -O csv $enc "$f"
	# shellcheck disable=SC2086
	compare assign --skip-invalid -O csv $enc "$f"
	# Every order's sums, printed exactly.
	# shellcheck disable=SC2086
	compare import -O json $enc "$f"
	# shellcheck disable=SC2086
	pipe=$f compare assign -O csv --input-format csv $enc
done
echo "jobs: $runs runs, $bad differ"
[ "$bad" = 0 ]
