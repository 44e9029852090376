#!/usr/bin/env bash
# check_install.sh BUILD_DIR SOURCE_DIR: `cmake --install` into a
# temporary prefix, then use what was installed: the binary (--version,
# assign on the sample), the man page (man -l, without warnings), the
# completion scripts (bash -n, zsh -n when zsh is there).
set -uo pipefail
build=$1 src=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$T/usr" >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; fail "cmake --install"; }

# Every destination is relative: nothing may land outside the prefix.
(cd "$T/usr" && find . -type f | sort) >"$T/files"
for f in bin/focuslevel share/man/man1/focuslevel.1.gz \
	share/bash-completion/completions/focuslevel \
	share/zsh/site-functions/_focuslevel share/doc/focuslevel/README.md \
	share/doc/focuslevel/install.md; do
	grep -qx "./$f" "$T/files" || { cat "$T/files"; fail "$f not installed"; }
done
grep -v "^$T/usr/" <(sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$T/install.log") &&
	fail "files installed outside the prefix"

bin=$T/usr/bin/focuslevel
"$bin" --version >"$T/version" || fail "focuslevel --version"
grep -Eqx 'focuslevel [0-9]+\.[0-9]+\.[0-9]+' "$T/version" ||
	fail "focuslevel --version printed: $(cat "$T/version")"
"$bin" assign "$src/data/sample.yaml" >"$T/plan" || fail "assign failed"
diff -u "$src/tests/cli/cases/assign-sample-table/stdout" "$T/plan" ||
	fail "the installed binary's plan of data/sample.yaml differs"

bash -n "$T/usr/share/bash-completion/completions/focuslevel" ||
	fail "bash -n on the bash completion"
bash "$src/tests/install/check_completion.sh" \
	"$T/usr/share/bash-completion/completions/focuslevel" ||
	fail "the installed bash completion"
if command -v zsh >/dev/null; then
	zsh -n "$T/usr/share/zsh/site-functions/_focuslevel" ||
		fail "zsh -n on the zsh completion"
else
	echo "note: zsh is not installed; the zsh completion was not parsed"
fi

# Last, so that a missing man skips only this part (status 77).
if ! command -v man >/dev/null; then
	echo "SKIP: man is not installed (apt-get install man-db): the page" \
		"was installed but not rendered; every other check passed"
	exit 77
fi
page=$T/usr/share/man/man1/focuslevel.1.gz
LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat PAGER=cat \
	man --warnings -l "$page" >"$T/man.txt" 2>"$T/man.err" ||
	{ cat "$T/man.err"; fail "man -l on the installed page"; }
[ -s "$T/man.err" ] && { cat "$T/man.err"; fail "man warns about the page"; }
for heading in NAME SYNOPSIS DESCRIPTION COMMANDS "INPUT FORMAT" FILES \
	"EXIT STATUS" ENVIRONMENT EXAMPLES "SEE ALSO"; do
	grep -qx "$heading" "$T/man.txt" || fail "no $heading in the man page"
done
grep -q "focuslevel - plan the level of service" "$T/man.txt" ||
	fail "the man page's NAME line"
exit 0
