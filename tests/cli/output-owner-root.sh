#!/usr/bin/env bash
# tests/cli/output-owner-root.sh FOCUSLEVEL SAMPLE_YAML
#
# What -o does with the owner of a file it replaces, and with a block
# device, as a user meets it.  Needs root (chown to another user, mknod,
# running as nobody); exits 77, which CTest reports as skipped, otherwise.
#   - as root, a file of nobody's (0600) stays nobody's, 0600, no message;
#   - as nobody, replacing root's file in nobody's directory: the file is
#     written (status 0), it is now nobody's, and a warning says the owner
#     and group were not kept;
#   - a block device is refused: status 1, one message, never opened.
set -u
fl=${FL_WRAPPER:+$FL_WRAPPER }$1
data=$2
[ "$(id -u)" = 0 ] || { echo "skipped: needs root"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
cp "$data" "$T/sample.yaml" && chmod 644 "$T/sample.yaml" || exit 99
cd "$T" || exit 99
fail=0
check() { # what expected actual
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
		fail=1
	fi
}

echo old >n.csv && chown 65534:65534 n.csv && chmod 600 n.csv || exit 99
$fl assign -o n.csv sample.yaml 2>err; s=$?
check "root keeps the owner: status" 0 "$s"
check "root keeps the owner: stderr" "" "$(cat err)"
check "root keeps the owner: owner, group, mode" "65534:65534 600" \
	"$(stat -c '%u:%g %a' n.csv)"

mkdir u && chown 65534:65534 u && echo old >u/r.csv && chmod 644 u/r.csv || exit 99
setpriv --reuid=65534 --regid=65534 --clear-groups \
	$fl assign -o u/r.csv sample.yaml 2>err; s=$?
check "owner not permitted: status" 0 "$s"
check "owner not permitted: stderr" \
	"focuslevel: u/r.csv: warning: the replaced file's owner and group were not kept: Operation not permitted" \
	"$(cat err)"
check "owner not permitted: owner, mode" "65534 644" "$(stat -c '%u %a' u/r.csv)"
check "owner not permitted: written" "$(cat n.csv)" "$(cat u/r.csv)"
check "owner not permitted: no temporary file" "r.csv" "$(ls -A u)"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	$fl assign -q -o u/r.csv sample.yaml 2>err; s=$?
check "owner not permitted, -q: status" 0 "$s"
check "owner not permitted, -q: stderr" "" "$(cat err)"

# Major 7 minor 250: a loop device not expected to exist (never opened).
if mknod blk b 7 250 2>/dev/null; then
	$fl assign -O csv -o blk sample.yaml 2>err; s=$?
	check "block device: status" 1 "$s"
	check "block device: stderr" \
		"focuslevel: blk: cannot write to a block device: -o takes a regular file, a FIFO or a character device" \
		"$(cat err)"
	check "block device: still one" "b" "$(stat -c %F blk | cut -c1)"
else
	echo "note: mknod not permitted, block device not checked"
fi
[ $fail = 0 ] && echo "ok"
exit $fail
