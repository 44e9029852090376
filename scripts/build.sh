#!/usr/bin/env bash
# Install what focuslevel needs to build (Debian/Ubuntu packages), then
# build it into build/.  Safe to run again: it installs only what is missing.
#
#   scripts/build.sh            # release build with tests, into build/
#   BUILD_DIR=b CMAKE_ARGS="-DFL_SANITIZE=ON" scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make gcc pkg-config libyaml-dev libcjson-dev libcmocka-dev)
# libxlsxwriter: the xlsx output (src/write/rows_xlsx.c).
packages+=(libxlsxwriter-dev)
# What the test suite runs besides the build: /usr/bin/time (benchmark
# smoke test), xmllint (SVG checks), man and dpkg-shlibdeps (install and
# .deb tests), the locale sources localedef compiles de_DE.UTF-8 from
# (locale test), python3 (scripts/deps.py, the layer check), python3-yaml
# (scripts/econ_ref.py, the independent check of the economics),
# python3-scipy and python3-mpmath (scripts/clv_ref.py, the independent
# check of the lifetime-value models), python3-openpyxl
# (tests/xlsx/check_xlsx.py reads the xlsx output back) and unzip
# (zipinfo and unzip in the xlsx CLI cases).  The browser test installs
# Chromium itself when run as root.
packages+=(time libxml2-utils man-db dpkg-dev locales python3)
packages+=(python3-yaml python3-scipy python3-mpmath python3-openpyxl unzip)
# The sharded runs' engine test (tests/shard/parallel_ssh.sh): GNU
# parallel, rsync (parallel's --transferfile and --return) and the ssh
# client.  Its ssh server, openssh-server, is left to CI (.ci/run) and to
# the test itself as root: on a machine with systemd the package starts a
# system-wide sshd, which a build should not do behind one's back.
packages+=(parallel rsync openssh-client)
packages+=(${EXTRA_PACKAGES:-})
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "Installing: ${missing[*]}" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=${BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
