#!/usr/bin/env bash
# report's memory follows customers as assign's does: 200 000 customers
# that are all exceptions (loss-making, and pinned to another level) must
# not cost report more than one and a half times assign's peak (HTML
# draws the matrix plot too).  Before the
# exceptions were a row source over the summary's lists, each exception
# row held copies of its 15 cells (report peaked at several times assign).
#   report-memory.sh FOCUSLEVEL
set -eu
fl=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
awk 'BEGIN {
	print "customers:"
	for (i = 0; i < 200000; i++) {
		printf "  - {id: C%06d, name: Customer number %d with a long name, ", i, i
		printf "revenue: %d, cost: %d, orders: 3, level: partnership, ", 100 + i % 977, 200 + i % 991
		printf "reason: kept at partnership by the account manager}\n"
	}
}' > "$t/p.yaml"
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
a=$(peak "$fl" assign -O csv "$t/p.yaml")
for args in "report" "report -O json" "report -O csv --section exceptions" "report -O html"; do
	# shellcheck disable=SC2086
	r=$(peak "$fl" $args "$t/p.yaml")
	echo "assign: $a KB; $args: $r KB"
	if [ "$r" -gt $((a + a / 2)) ]; then
		echo "FAIL: $args peaks at $r KB, more than 1.5 x assign's $a KB"
		exit 1
	fi
done
