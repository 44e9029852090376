#!/usr/bin/env bash
# check_man_help.sh FOCUSLEVEL MAN_PAGE: the man page names every command
# of `focuslevel --help` (the command table) and every long option that
# `focuslevel --help` and `focuslevel COMMAND --help` print.
set -u
bin=$1 man=$2
fail=0
# The page's text without roff escapes for hyphens and fonts.
page=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man")
has_option() {
	grep -Eq -- "(^|[^a-z-])$1([^a-z-]|$)" <<<"$page"
}
cmds=$("$bin" --help | awk '/^Commands:/ { on = 1; next }
	on && /^  [a-z]/ { print $1; next } on { exit }')
[ -n "$cmds" ] || { echo "FAIL: no commands in focuslevel --help"; exit 1; }
for o in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	has_option "$o" || { echo "FAIL: focuslevel $o is not in the man page"; fail=1; }
done
for c in $cmds; do
	grep -Eq "^\.SS \"?$c( |\"|$)" <<<"$page" ||
		{ echo "FAIL: command $c has no .SS in the man page"; fail=1; }
	grep -Eq "^\.B focuslevel $c( |$)" <<<"$page" ||
		{ echo "FAIL: command $c is not in the SYNOPSIS"; fail=1; }
	help=$("$bin" "$c" --help) || { echo "FAIL: focuslevel $c --help"; fail=1; }
	for o in $(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u); do
		has_option "$o" ||
			{ echo "FAIL: focuslevel $c $o is not in the man page"; fail=1; }
	done
done
exit $fail
