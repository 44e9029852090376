#!/usr/bin/env bash
# Every SVG the golden CLI tests produce is well-formed XML: the expected
# outputs of the plot-* cases (the tests compare them byte for byte), and
# the SVG inside every report-html-* page; and every report-html-* page
# parses with libxml2's HTML parser without an error other than its not
# knowing the HTML5 and SVG element names (it knows HTML 4 only).
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
	rm -f "$tmp"/x*.svg
	if head -n 1 "$f" | grep -q "^<?xml"; then
		cp "$f" "$tmp/x0.svg"
	elif grep -q '^<svg ' "$f"; then
		# Each inline SVG of an HTML page (the matrix, the profit
		# curve), from <svg to </svg>, a document of its own.
		awk -v dir="$tmp" '/^<svg /{n++; on=1} on{print > (dir "/x" n ".svg")}
			/^<\/svg>$/{on=0}' "$f"
	else
		continue
	fi
	for x in "$tmp"/x*.svg; do
		if xmllint --noout "$x"; then
			checked=$((checked + 1))
		else
			echo "FAIL: ${f#"$cases"/} ($(basename "$x")) is not well-formed" >&2
			fail=1
		fi
	done
done
echo "$checked SVG documents well-formed"
html5='section|nav|main|header|footer|figure|figcaption|wbr|svg|g|path|rect|circle|line|polyline|polygon|text|tspan|title|defs|clipPath|pattern|use|desc|marker'
pages=0
for f in "$cases"/report-html-*/stdout "$cases"/report-service-plan-*-html/stdout; do
	[ -f "$f" ] && head -n 1 "$f" | grep -q '^<!DOCTYPE html>' || continue
	errors=$(xmllint --html --noout "$f" 2>&1 | grep -E 'error|warning' |
		grep -viE "Tag ($html5) invalid" || true)
	if [ -n "$errors" ]; then
		echo "FAIL: ${f#"$cases"/}: $errors" >&2
		fail=1
	fi
	pages=$((pages + 1))
done
echo "$pages HTML pages parsed"
[ "$pages" -gt 0 ] || { echo "FAIL: no HTML page found" >&2; exit 1; }
[ "$checked" -gt 0 ] || { echo "FAIL: no SVG found" >&2; exit 1; }
exit $fail
