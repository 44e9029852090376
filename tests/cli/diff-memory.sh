#!/usr/bin/env bash
# tests/cli/diff-memory.sh FOCUSLEVEL
#
# diff's memory follows the customers, not the file (docs/limits.md).  A
# 29 MB JSON portfolio of 300 000 customers, one of them named
# "thresholds" (the word that made diff parse the whole file as one cJSON
# tree: 237 MB peak here, 382 MB for 45 MB), is compared with a small
# one, and so is the assign -O json output of it.  The bound: each diff
# peaks below twice what `assign` needs for the same portfolio (about
# 40 MB; diff needs about 50 MB, as it keeps both sides and the rows).
# Peak RSS by /usr/bin/time -f %M; skipped (77) without it or under a
# wrapper (valgrind, whose own memory would be measured).
set -u
fl=$1
[ -x /usr/bin/time ] || { echo "skipped: no /usr/bin/time"; exit 77; }
[ -z "${FL_WRAPPER:-}" ] || { echo "skipped: under a wrapper"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk 'BEGIN {
	n = 300000
	print "{\"portfolio\": \"big\", \"currency\": \"EUR\", \"customers\": ["
	for (i = 0; i < n; i++)
		printf "{\"id\": \"C%07d\", \"name\": \"%s\", \"revenue\": %d.50, " \
		       "\"cost\": %d.25, \"orders\": %d}%s\n", i,
		       i == 7 ? "thresholds" : "Customer " i, 1000 + i % 5000,
		       500 + i % 3000, 1 + i % 17, i < n - 1 ? "," : ""
	print "]}"
}' > "$T/big.json" || exit 99
printf 'currency: EUR\ncustomers:\n  - {id: C0000001, revenue: 10, cost: 5}\n' \
	> "$T/small.yaml" || exit 99
fail=0
peak() { # KiB of the run of "$@", its output discarded; exit status 0 or 1 wanted
	/usr/bin/time -f %M -o "$T/rss" "$@" > /dev/null 2> "$T/err"
	local s=$?
	if [ $s -gt 1 ]; then
		echo "FAIL: $* exited $s"; cat "$T/err"; fail=1
	fi
	cat "$T/rss"
}
assign=$(peak $fl assign -O json -o "$T/big-assign.json" "$T/big.json")
[ -s "$T/big-assign.json" ] || { echo "FAIL: no assign output"; exit 1; }
bound=$((assign * 2))
for old in big.json big-assign.json; do
	kib=$(peak $fl diff "$T/$old" "$T/small.yaml")
	echo "diff $old small.yaml: $kib KiB (assign: $assign KiB, bound $bound KiB)"
	if [ "$kib" -ge "$bound" ]; then
		echo "FAIL: diff $old peaked at $kib KiB, over $bound KiB"
		fail=1
	fi
done
exit $fail
