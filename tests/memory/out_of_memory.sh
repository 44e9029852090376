#!/bin/bash
# usage: out_of_memory.sh FOCUSLEVEL FAILMALLOC.so [SANITIZE]
#
# Running out of memory while reading a portfolio says "out of memory" and
# exits 1, in JSON, JSON Lines and YAML, whether the read window, the
# parser or the customers kept need the memory; never a syntax error (with
# a tight ulimit -v, a JSON file once got "JSON syntax error: expected ','
# or ']', found ','").  failmalloc.so makes malloc fail once the live heap
# would pass FL_HEAP_LIMIT bytes.
FL=$1
SHIM=$2
case $3 in ON|on|1|TRUE|true) echo "skipped: sanitizer build"; exit 77 ;; esac
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
fail=0

# oom NAME FILE LIMIT: exactly "focuslevel: FILE: out of memory", status 1.
oom() {
	local name=$1 file=$2 limit=$3
	FL_HEAP_LIMIT=$limit LD_PRELOAD=$SHIM "$FL" assign "$file" >out 2>err
	local st=$?
	if [ $st -ne 1 ] || [ -s out ] ||
	   [ "$(cat err)" != "focuslevel: $file: out of memory" ]; then
		echo "FAIL $name: status $st, stderr:"
		head -c 400 err
		echo
		fail=1
	else
		echo "ok   $name"
	fi
}

# The shim works, and the files load with memory enough.
for f in ok.json; do
	echo '{"customers": [{"id": "A", "revenue": 1, "cost": 0}]}' >$f
	if ! FL_HEAP_LIMIT=100000000 LD_PRELOAD=$SHIM "$FL" assign $f >/dev/null; then
		echo "FAIL: does not run under the shim"
		exit 1
	fi
done

python3 - <<'PY'
big = "x" * (32 * 1000 * 1000)
with open("big-id.json", "w") as f:
    f.write('{"customers": [{"id": "%s", "revenue": 1, "cost": 0}]}\n' % big)
with open("big-id.jsonl", "w") as f:
    f.write('{"id": "%s", "revenue": 1, "cost": 0}\n' % big)
with open("big-id.yaml", "w") as f:
    f.write('customers:\n  - id: "%s"\n    revenue: 1\n    cost: 0\n' % big)
# 10 MB of small values under a key that is read: built as nodes.
small = ", ".join(['"a"'] * (2 * 1000 * 1000))
with open("big-name.json", "w") as f:
    f.write('{"customers": [{"id": "A", "name": [%s], "revenue": 1, '
            '"cost": 0}]}\n' % small)
with open("big-name.yaml", "w") as f:
    f.write('customers:\n  - id: A\n    name: [%s]\n    revenue: 1\n'
            '    cost: 0\n' % small)
n = 300000
with open("many.json", "w") as f:
    f.write('{"customers": [\n')
    f.write(",\n".join('{"id": "C%07d", "name": "Customer number %d", '
                       '"revenue": %d, "cost": 1}' % (i, i, i + 2)
                       for i in range(n)))
    f.write("]}\n")
with open("many.yaml", "w") as f:
    f.write("customers:\n")
    for i in range(n):
        f.write("  - {id: C%07d, name: Customer number %d, revenue: %d, "
                "cost: 1}\n" % (i, i, i + 2))
PY
[ $? -eq 0 ] || { echo "FAIL: cannot generate the inputs"; exit 1; }

# A 32 MB id: the read window (JSON) or libyaml's scalar cannot grow.
oom "JSON, a 32 MB id with 16 MB of heap" big-id.json 16000000
oom "JSON Lines, a 32 MB id with 16 MB of heap" big-id.jsonl 16000000
oom "YAML, a 32 MB id with 16 MB of heap" big-id.yaml 16000000
# The tree of one customer cannot grow (cJSON's failing allocation was
# once reported as a syntax error).
oom "JSON, 10 MB of small values in a customer with 64 MB of heap" big-name.json 64000000
oom "YAML, 10 MB of small values in a customer with 64 MB of heap" big-name.yaml 64000000
# 300000 customers: the portfolio cannot grow.
oom "JSON, 300000 customers with 8 MB of heap" many.json 8000000
oom "YAML, 300000 customers with 8 MB of heap" many.yaml 8000000
exit $fail
