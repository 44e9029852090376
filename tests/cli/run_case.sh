#!/usr/bin/env bash
# Run one golden CLI case: tests/cli/run_case.sh FOCUSLEVEL CASE_DIR
#
# CASE_DIR/cmd is a bash snippet run from tests/cli/ with $FL set to the
# binary and $T to a fresh temporary directory.  Its standard output,
# standard error and exit status must equal CASE_DIR/stdout, CASE_DIR/stderr
# and CASE_DIR/status (a missing stdout/stderr file means "empty"; a
# missing status means 0).  FL_UPDATE_GOLDEN=1 rewrites the expected files
# instead; review the diff before committing it.
set -u
fl=$1
# FL_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs the binary under a tool.
[ -n "${FL_WRAPPER:-}" ] && fl="$FL_WRAPPER $fl"
case_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

cd "$here" || exit 99
# The same environment everywhere: no locale, no colour, no user config.
env -i PATH="$PATH" HOME="$T" LC_ALL=C FL="$fl" T="$T" \
	bash -c "$(cat "$case_dir/cmd")" >"$T/.stdout" 2>"$T/.stderr" </dev/null
status=$?

if [ "${FL_UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$T/.stdout" "$case_dir/stdout"
	cp "$T/.stderr" "$case_dir/stderr"
	echo "$status" >"$case_dir/status"
	[ -s "$case_dir/stdout" ] || rm -f "$case_dir/stdout"
	[ -s "$case_dir/stderr" ] || rm -f "$case_dir/stderr"
	[ "$status" != 0 ] || rm -f "$case_dir/status"
	exit 0
fi

fail=0
expect() { # expected-file actual-file what
	if [ -f "$1" ]; then
		diff -u "$1" "$2" >"$T/.diff" || { echo "--- $3 differs:"; cat "$T/.diff"; fail=1; }
	elif [ -s "$2" ]; then
		echo "--- $3 expected empty, got:"; head -c 2000 "$2"; fail=1
	fi
}
expect "$case_dir/stdout" "$T/.stdout" stdout
expect "$case_dir/stderr" "$T/.stderr" stderr
want=0
[ -f "$case_dir/status" ] && want=$(cat "$case_dir/status")
if [ "$status" != "$want" ]; then
	echo "--- exit status $status, expected $want"
	fail=1
fi
exit $fail
