#!/usr/bin/env bash
# Exact thresholds from shards (docs/scale.md): `thresholds --partial` on
# every shard, then `thresholds --merge` of the parts, must give byte for
# byte the file one `thresholds` run over the whole portfolio gives; and
# `assign -O jsonl --thresholds MERGED` on every shard, concatenated, the
# rows of one run.
#
#   tests/shard/check_merge.sh FOCUSLEVEL
#
# The portfolio (make_portfolio.sh: ties, zero revenue, no orders,
# customers without a segment, a segment with a quote and one in Greek,
# segments that reach min_group only over all shards, one that never
# does) is split in 1, 2 and 7 shards, by ranges of
# customers and interleaved (customer i to shard i mod k), one of them
# empty, and merged in order and in reverse; with the built-in policy,
# --by segment, a policy with `by: segment`, other quantiles and bases,
# and cuts given on the command line.
set -u
fl=$1
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail=0

bash "$(dirname "$0")/make_portfolio.sh" 500 >"$T/all.jsonl"

# A policy with by: segment, a min_group the mid segments reach only over
# all shards, other quantiles and the absolute margin and revenue bases.
cat >"$T/seg-policy.yaml" <<'EOF'
margin: {basis: absolute, method: quantile, cuts: [0.2, 0.9], split: 0.45}
value: {basis: revenue, method: quantile, cuts: [0.1, 0.75], split: 0.5}
by: segment
min_group: 60
EOF

# split K MODE: $T/s/K-MODE-1.jsonl ... (ranges or interleaved)
split_into() {
	local k=$1 mode=$2 n
	n=$(wc -l <"$T/all.jsonl")
	for ((s = 1; s <= k; s++)); do : >"$T/s-$k-$mode-$s.jsonl"; done
	awk -v k="$k" -v n="$n" -v mode="$mode" -v out="$T/s-$k-$mode-" '{
		if (mode == "ranges") s = int((NR - 1) * k / n) + 1
		else s = (NR - 1) % k + 1
		print > (out s ".jsonl")
	}' "$T/all.jsonl"
}

# check NAME OPTIONS...: every split against one run.
check() {
	local name=$1
	shift
	"$fl" thresholds "$@" -o "$T/one.yaml" "$T/all.jsonl" &&
	"$fl" assign "$@" -q -O jsonl --columns all -o "$T/one.jsonl" \
		"$T/all.jsonl" || { echo "FAIL $name: one run failed"; fail=1; return; }
	for k in 1 2 7; do
		for mode in ranges interleaved; do
			split_into "$k" "$mode"
			local parts=()
			for ((s = 1; s <= k; s++)); do
				"$fl" thresholds --partial "$@" -q \
					-o "$T/p-$s.fltp" "$T/s-$k-$mode-$s.jsonl" || {
					echo "FAIL $name: --partial of shard $s/$k failed"
					fail=1; return; }
				parts+=("$T/p-$s.fltp")
			done
			# An empty shard merges as nothing.
			: >"$T/empty.jsonl"
			"$fl" thresholds --partial "$@" -q -o "$T/p-empty.fltp" "$T/empty.jsonl"
			local rev=()
			for ((s = ${#parts[@]} - 1; s >= 0; s--)); do rev+=("${parts[s]}"); done
			"$fl" thresholds --merge -o "$T/m.yaml" "${parts[@]}" &&
			"$fl" thresholds --merge -o "$T/r.yaml" "$T/p-empty.fltp" "${rev[@]}" || {
				echo "FAIL $name: --merge of $k $mode shards failed"
				fail=1; continue; }
			if cmp -s "$T/one.yaml" "$T/m.yaml" && cmp -s "$T/one.yaml" "$T/r.yaml"; then
				echo "ok   $name: $k shards ($mode)"
			else
				echo "FAIL $name: $k shards ($mode) differ from one run"
				diff "$T/one.yaml" "$T/m.yaml" | head -20
				diff "$T/one.yaml" "$T/r.yaml" | head -20
				fail=1
			fi
			# Mapper mode: the shards' rows, classified with the
			# merged thresholds, are the rows of one run.
			for ((s = 1; s <= k; s++)); do
				"$fl" assign "$@" -q -O jsonl --columns all \
					--thresholds "$T/m.yaml" "$T/s-$k-$mode-$s.jsonl"
			done >"$T/cat.jsonl"
			# Interleaved shards hold the rows in another order: the
			# same lines (the ids sort as the input does).
			if [ "$mode" = interleaved ]; then
				LC_ALL=C sort "$T/cat.jsonl" >"$T/sorted.jsonl"
				mv "$T/sorted.jsonl" "$T/cat.jsonl"
			fi
			if cmp -s "$T/one.jsonl" "$T/cat.jsonl"; then
				echo "ok   $name: $k shards ($mode), assign -O jsonl"
			else
				echo "FAIL $name: $k shards ($mode), assign -O jsonl differs"
				diff "$T/one.jsonl" "$T/cat.jsonl" | head -6
				fail=1
			fi
		done
	done
}

check "built-in policy"
check "--by segment" --by segment
check "policy by: segment" --policy "$T/seg-policy.yaml"
check "given cuts" --margin-cuts 10,30 --by segment
check "given split" --value-split 1000

# Whether the merged file has per-segment thresholds at all: it must, or
# the segment cases above prove little.
"$fl" thresholds --policy "$T/seg-policy.yaml" "$T/all.jsonl" | grep -q '^  "north":' || {
	echo "FAIL: the segment policy gives no segment its own thresholds"; fail=1; }

exit $fail
