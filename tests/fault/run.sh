#!/bin/bash
# run.sh FOCUSLEVEL FAILMALLOC_SO DATA_DIR
#
# Every allocation failure reaches the exit status: for each command below,
# run once normally (the expected output, and the number N of allocations),
# then with allocation N' failing, for N' = 1 .. N (every one when N is
# small, else in steps so the whole test stays under a minute).  Each run
# must either write the complete expected output and exit 0, or exit 1
# and say "out of memory"; with -o, a failed run leaves no file.
set -u
fl=$(realpath "$1") shim=$(realpath "$2") data=$(realpath "$3")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$data/sample.yaml" "$tmp/sample.yaml"
# diff's NEW side: the sample with one customer's revenue changed.
sed 's/revenue: 116204.60/revenue: 16204.60/' "$data/sample.yaml" >"$tmp/new.yaml"
cd "$tmp" || exit 1

commands=(
	"report sample.yaml"
	"report -O markdown sample.yaml"
	"report -O json sample.yaml"
	"report -O html sample.yaml"
	"assign sample.yaml"
	"assign -O json sample.yaml"
	"diff sample.yaml new.yaml"
	"report -O json -o out/r.json sample.yaml"
)
max_runs=${FL_FAULT_RUNS:-100}   # per command; more with FL_FAULT_RUNS
ci=0
fails=0
runs=0
for c in "${commands[@]}"; do
	# FL_FAULT_ONLY=WORD: only the commands that contain WORD.
	[ -n "${FL_FAULT_ONLY:-}" ] && [ "${c#*"$FL_FAULT_ONLY"}" = "$c" ] && continue
	rm -rf out; mkdir out
	# shellcheck disable=SC2086
	FL_MALLOC_COUNT_FD=9 LD_PRELOAD=$shim "$fl" $c >want.out 2>want.err 9>count
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: '$c' without faults: status $rc"; cat want.err
		fails=$((fails + 1)); continue
	fi
	[ -d out ] && ls out >want.files
	n=$(cat count)
	step=$(( (n + max_runs - 1) / max_runs ))
	[ "$step" -lt 1 ] && step=1
	# Each command starts at another offset, so that together they
	# cover more of the residues the step skips.
	ci=$((ci + 1))
	for ((k = 1 + ci % step; k <= n; k += step)); do
		rm -rf out; mkdir out
		# shellcheck disable=SC2086
		FL_FAIL_MALLOC_AT=$k LD_PRELOAD=$shim "$fl" $c >got.out 2>got.err
		rc=$?
		runs=$((runs + 1))
		if [ "$rc" -eq 0 ]; then
			if ! cmp -s got.out want.out || ! cmp -s got.err want.err ||
			   ! ls out | cmp -s - want.files; then
				echo "FAIL: '$c' with allocation $k failing: status 0 but" \
				     "the output differs"
				diff want.out got.out | head -n 5
				fails=$((fails + 1))
			fi
		elif [ "$rc" -ne 1 ] || ! grep -q -e "out of memory" got.err; then
			echo "FAIL: '$c' with allocation $k failing: status $rc," \
			     "stderr:"; head -n 3 got.err
			fails=$((fails + 1))
		elif [ -n "$(ls -A out)" ]; then
			echo "FAIL: '$c' with allocation $k failing: left" \
			     "$(ls -A out)"
			fails=$((fails + 1))
		fi
		[ "$fails" -ge 20 ] && { echo "(stopped after 20 failures)"; exit 1; }
	done
	echo "ok: '$c': $n allocations, every ${step}th made to fail"
done
echo "$runs runs, $fails failures"
[ "$fails" -eq 0 ]
