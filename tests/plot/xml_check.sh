#!/usr/bin/env bash
# Every SVG the golden CLI tests produce is well-formed XML: the expected
# outputs of the plot-* cases (the tests compare them byte for byte), and
# the SVG inside every report-html-* page.
#
#   tests/plot/xml_check.sh
set -euo pipefail
cases=$(cd "$(dirname "$0")/../cli/cases" && pwd)
command -v xmllint >/dev/null || { echo "FAIL: needs xmllint (Debian package libxml2-utils)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
checked=0 fail=0
for f in "$cases"/plot-*/stdout "$cases"/report-html-*/stdout; do
	[ -f "$f" ] || continue
	if head -n 1 "$f" | grep -q "^<?xml"; then
		cp "$f" "$tmp/x.svg"
	elif grep -q '^<svg ' "$f"; then
		# The inline SVG of an HTML page, from <svg to </svg>.
		sed -n '/^<svg /,/^<\/svg>$/p' "$f" >"$tmp/x.svg"
	else
		continue
	fi
	if xmllint --noout "$tmp/x.svg"; then
		checked=$((checked + 1))
	else
		echo "FAIL: ${f#"$cases"/} is not well-formed" >&2
		fail=1
	fi
done
echo "$checked SVG documents well-formed"
[ "$checked" -gt 0 ] || { echo "FAIL: no SVG found" >&2; exit 1; }
exit $fail
