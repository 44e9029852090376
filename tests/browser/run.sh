#!/usr/bin/env bash
# Browser test: headless Chromium renders the HTML report and the SVG plot
# of the sample portfolio to PNG, and the PNGs must not be blank; and the
# HTML reports of the sample, the economics sample and a portfolio of long
# names and segments (long-names.yaml) must fit a 1280 px window: nothing
# reaches past its right edge and nothing scrolls sideways (overflow.py).
#
#   tests/browser/run.sh [--install-only] BUILD_DIR
#
# Chromium (Debian's `chromium`) and python3 are installed with apt-get
# when missing and running as root; otherwise the test is skipped (exit
# 77, which CTest reports as skipped).  The PNGs stay in BUILD_DIR/browser/
# for a person to look at.
set -euo pipefail
install_only=0
if [ "${1:-}" = --install-only ]; then install_only=1; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: ${missing[*]} not installed and not root (run as root, or" \
		     "apt-get install ${missing[*]})" >&2
		exit 77
	fi
	echo "Installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! { apt-get update -qq &&
	       apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
		echo "SKIP: could not install ${missing[*]}" >&2
		exit 77
	fi
fi
[ $install_only = 1 ] && exit 0

build=$(cd "${1:-$root/build}" && pwd)
fl=$build/focuslevel
out=$build/browser
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$fl" report -o "$out/sample-report.html" "$root/data/sample.yaml"
"$fl" report --policy "$root/data/economics-policy.yaml" \
	-o "$out/economics-report.html" "$root/data/economics.yaml"
"$fl" report --as-of 2026-12-31 -o "$out/long-names-report.html" \
	"$here/long-names.yaml"
"$fl" plot --label 5 -o "$out/sample-plot.svg" "$root/data/sample.yaml"
"$fl" plot --chart whale -o "$out/sample-curve.svg" "$root/data/sample.yaml"

# shot FILE PNG: render FILE with headless Chromium.
shot() {
	rm -f "$2"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
		--screenshot="$2" --window-size=1280,${3:-900} "file://$1" \
		>"$tmp/chromium.log" 2>&1 || {
		echo "FAIL: chromium could not render $1:" >&2
		cat "$tmp/chromium.log" >&2
		return 1
	}
}

# check PNG: a real picture, not an empty page.
check() {
	python3 - "$1" <<'PY'
import struct, sys, zlib
path = sys.argv[1]
data = open(path, 'rb').read()
if len(data) < 8 or data[:8] != b'\x89PNG\r\n\x1a\n':
    sys.exit(f"FAIL: {path}: not a PNG")
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ctype]
stride = w * bpp
# Undo the PNG filters row by row, then count the distinct colours.
prev = bytearray(stride)
colours = set()
inked = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pr) & 255
    for x in range(0, stride, bpp * 3):
        px = bytes(line[x:x + 3])
        colours.add(px)
        if px != b'\xff\xff\xff':
            inked += 1
    prev = line
total = h * ((stride + bpp * 3 - 1) // (bpp * 3))
share = 100.0 * inked / total
print(f"{path}: {w}x{h}, {len(data)} bytes, {len(colours)} colours, "
      f"{share:.1f}% not white")
if len(data) < 10000:
    sys.exit(f"FAIL: {path}: only {len(data)} bytes")
if len(colours) < 8:
    sys.exit(f"FAIL: {path}: only {len(colours)} colours (blank?)")
if share < 2:
    sys.exit(f"FAIL: {path}: almost blank ({share:.1f}% not white)")
PY
}

fail=0
for f in sample-report.html sample-plot.svg sample-curve.svg; do
	png=$out/${f%.*}.png
	shot "$out/$f" "$png" && check "$png" || fail=1
done
# The whole long-names page, for a person to look at.
shot "$out/long-names-report.html" "$out/long-names-report.png" 6000 || fail=1
for f in sample-report.html economics-report.html long-names-report.html; do
	python3 "$here/overflow.py" "$out/$f" 1280 || fail=1
done
exit $fail
