#!/bin/bash
# usage: ignored_values.sh FOCUSLEVEL [SANITIZE]
#
# Memory follows the customers, not the bytes that nothing reads
# (docs/limits.md): the peak resident set (GNU time's %M, in KB) of
# `assign` on portfolios of one or two customers must stay under
# LIMIT_KB when the file also holds
#   - a 50 MB value under an unknown key, in JSON and YAML, as one string,
#     as many small values, in a customer, in an order and at the top level;
#   - 200 MB of white space before the JSON document (from a .json file,
#     and from standard input, where the format is sniffed).
# Before the streaming loaders, a 10 MB ignored value peaked at 1.1 GB in
# JSON and 630 MB in YAML.
FL=$1
case $2 in ON|on|1|TRUE|true) echo "skipped: sanitizer build"; exit 77 ;; esac
[ -x /usr/bin/time ] || { echo "skipped: no /usr/bin/time"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
LIMIT_KB=65536
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail=0

# run NAME FILE|- : assign must succeed with two customers under the bound.
run() {
	local name=$1 file=$2 kb
	if [ "$file" = - ]; then
		/usr/bin/time -o "$T/time" -f %M "$FL" assign -O csv <"$T/stdin" \
			>"$T/out" 2>"$T/err"
	else
		/usr/bin/time -o "$T/time" -f %M "$FL" assign -O csv "$file" \
			>"$T/out" 2>"$T/err"
	fi
	local st=$?
	kb=$(tail -n 1 "$T/time")
	if [ $st -ne 0 ] || [ "$(wc -l <"$T/out")" -ne 3 ] || [ -s "$T/err" ]; then
		echo "FAIL $name: status $st, $(wc -l <"$T/out") lines"
		head -c 300 "$T/err"
		fail=1
	elif [ "$kb" -gt $LIMIT_KB ]; then
		echo "FAIL $name: peak $kb KB > $LIMIT_KB KB"
		fail=1
	else
		echo "ok   $name: peak $kb KB"
	fi
}

python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
N = 50 * 1000 * 1000
big_str = "x" * N
# ~50 bytes an item: strings, numbers, literals, nesting, escapes.
item = '{"a": "b\\u00e9\\n", "n": [1, -2.5e3, true, false, null], "o": {}}'
small = "[" + ", ".join([item] * (N // (len(item) + 2))) + "]"
cust = '{"id": "A", "revenue": 10, "cost": 5%s}'
b = '{"id": "B", "revenue": 20, "cost": 5}'
def doc(name, text):
    with open(t + "/" + name, "w") as f:
        f.write(text)
doc("str.json", '{"customers": [%s, %s]}' % (cust % (', "notes": "%s"' % big_str), b))
doc("many.json", '{"customers": [%s, %s]}' % (cust % (', "notes": ' + small), b))
doc("order.json", '{"customers": [{"id": "A", "orders": [{"value": 10, '
    '"cost": 5, "x": %s}]}, %s]}' % (small, b))
doc("top.json", '{"meta": %s, "customers": [%s, %s]}' % (small, cust % "", b))
doc("lead.json", " \n\t\r" * (N // 4 * 4) + '{"customers": [%s, %s]}' % (cust % "", b))
# YAML: many small values in block and flow style.
yitem = "      - {a: b, n: [1, -2.5e3, true, false, ~], o: {}, s: 'q'}\n"
ysmall = yitem * (N // len(yitem))
head = "customers:\n  - id: A\n    revenue: 10\n    cost: 5\n"
tail = "  - id: B\n    revenue: 20\n    cost: 5\n"
doc("many.yaml", head + "    notes:\n" + ysmall + tail)
doc("order.yaml", "customers:\n  - id: A\n    orders:\n      - value: 10\n"
    "        cost: 5\n        x:\n" + ysmall.replace("      - ", "          - ")
    + tail)
doc("top.yaml", "meta:\n" + ysmall + head + tail)
doc("lead.yaml", "\n" * N + head + tail)
PY
[ $? -eq 0 ] || { echo "FAIL: cannot generate the inputs"; exit 1; }

run "JSON, a 50 MB string under an unknown key" "$T/str.json"
run "JSON, 50 MB of small values under an unknown key" "$T/many.json"
run "JSON, 50 MB under an unknown key of an order" "$T/order.json"
run "JSON, 50 MB under an unknown top-level key" "$T/top.json"
run "JSON, 200 MB of white space first" "$T/lead.json"
python3 -c 'import sys; sys.stdout.write(" " * 10**8 + "\n" * 10**8 + sys.argv[1])' \
	'[{"id": "A", "revenue": 10, "cost": 5}, {"id": "B", "revenue": 20, "cost": 5}]' \
	>"$T/stdin"
run "JSON from standard input, 200 MB of white space first" -
run "YAML, 50 MB of small values under an unknown key" "$T/many.yaml"
run "YAML, 50 MB under an unknown key of an order" "$T/order.yaml"
run "YAML, 50 MB under an unknown top-level key" "$T/top.yaml"
run "YAML, 50 MB of blank lines first" "$T/lead.yaml"
exit $fail
