#!/usr/bin/env bash
# check_deb.sh BUILD_DIR: build the Debian package with CPack, check its
# file list (dpkg-deb -c), its control fields (dpkg-deb -f), and run the
# binary it holds.
set -uo pipefail
build=$1
for tool in cpack dpkg-deb dpkg; do
	command -v $tool >/dev/null ||
		{ echo "SKIP: $tool is not installed"; exit 77; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$T" >"$T/cpack.log" 2>&1 ||
	{ cat "$T/cpack.log"; fail "cpack -G DEB"; }
debs=("$T"/*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb, got: ${debs[*]}"
deb=${debs[0]}

dpkg-deb -c "$deb" | awk '{print $6}' | sort >"$T/files"
for f in usr/bin/focuslevel usr/share/man/man1/focuslevel.1.gz \
	usr/share/bash-completion/completions/focuslevel \
	usr/share/zsh/site-functions/_focuslevel \
	usr/share/doc/focuslevel/README.md usr/share/doc/focuslevel/LICENSE; do
	grep -qx "./$f" "$T/files" || { cat "$T/files"; fail "$f not in the package"; }
done
grep -v -e '^\./usr/' -e '^\./$' "$T/files" && fail "files outside /usr"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = focuslevel ] || fail "Package: $(field Package)"
field Version | grep -Eqx '[0-9]+\.[0-9]+\.[0-9]+' || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] ||
	fail "Architecture: $(field Architecture)"
depends=$(field Depends)
for lib in libyaml-0-2 libxlsxwriter4 libc6; do
	grep -Eq "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
# cJSON is for the tests only: the program does not link it.
grep -Eq "(^|, )libcjson" <<<"$depends" && fail "Depends names cJSON: $depends"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"

dpkg-deb -x "$deb" "$T/root" || fail "dpkg-deb -x"
"$T/root/usr/bin/focuslevel" --version >/dev/null || fail "the packaged binary does not run"
echo "Depends: $depends"
