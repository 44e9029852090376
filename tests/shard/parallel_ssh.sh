#!/usr/bin/env bash
# The two-pass flow of docs/scale.md through a real engine, GNU parallel:
# on this machine, and across hosts with --sshlogin through an OpenSSH
# server of its own.  Both must give the thresholds file and the rows of
# one run, byte for byte.
#
#   tests/shard/parallel_ssh.sh FOCUSLEVEL
#
# The server listens on 127.0.0.1 only, on a free port, with a host key
# and a user key made for this run in a temporary directory, its own
# sshd_config (no password, no PAM, only that key), and is killed at the
# end.  The "remote" host is this machine, so FOCUSLEVEL's path is valid
# there; the shards and parts still travel as they would between hosts
# (--transferfile, --basefile and --return copy them with rsync into and
# out of a working directory of the remote side, --cleanup removes them).
#
# Needs ssh, sshd, ssh-keygen, rsync and parallel: installed when missing
# and run as root (CI), otherwise the test is skipped (exit 77).
set -u
fl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)

need=()
command -v parallel >/dev/null || need+=(parallel)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v rsync >/dev/null || need+=(rsync)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "skipped: missing ${need[*]} (run as root to install them)"
		exit 77
	fi
	echo "installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null &&
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || {
		echo "FAIL: could not install ${need[*]}"; exit 1; }
fi

D=$(mktemp -d)
sshd_pid=
cleanup() {
	[ -f "$D/ssh_config" ] && ssh -F "$D/ssh_config" -O exit fl-shard-host 2>/dev/null
	[ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
fail=0
user=$(id -un)
# parallel keeps its state in $HOME/.parallel: a throwaway home for it.
export HOME=$D/home
mkdir -p "$HOME" "$D/remote" "$D/local"

ssh-keygen -q -t ed25519 -N '' -C fl-test-host -f "$D/host_key" &&
ssh-keygen -q -t ed25519 -N '' -C fl-test-user -f "$D/user_key" || {
	echo "FAIL: ssh-keygen"; exit 1; }
cp "$D/user_key.pub" "$D/authorized_keys"

# A free port: the kernel picks one, then sshd takes it (another program
# could take it in between: then a few more tries).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# sshd refuses to start as root without its privilege separation
# directory (packages make it at boot).
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd

started=0
for try in 1 2 3 4 5; do
	port=$(free_port)
	cat >"$D/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $D/host_key
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
LogLevel ERROR
EOF
	/usr/sbin/sshd -f "$D/sshd_config" -D -e 2>>"$D/sshd.log" &
	sshd_pid=$!
	{ printf '[127.0.0.1]:%s ' "$port"; cut -d' ' -f1,2 "$D/host_key.pub"; } >"$D/known_hosts"
	cat >"$D/ssh_config" <<EOF
Host fl-shard-host
	HostName 127.0.0.1
	Port $port
	User $user
	IdentityFile $D/user_key
	IdentitiesOnly yes
	UserKnownHostsFile $D/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	LogLevel ERROR
	# One connection for every job: a handshake each would cost seconds.
	ControlMaster auto
	ControlPath $D/cm-%C
	ControlPersist 60
EOF
	for wait in $(seq 50); do
		if ssh -F "$D/ssh_config" fl-shard-host true 2>/dev/null; then
			started=1
			break 2
		fi
		kill -0 "$sshd_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill "$sshd_pid" 2>/dev/null
	wait "$sshd_pid" 2>/dev/null
	sshd_pid=
done
if [ "$started" != 1 ]; then
	echo "FAIL: sshd did not start on 127.0.0.1"
	cat "$D/sshd.log"
	exit 1
fi
echo "sshd on 127.0.0.1:$port"

cd "$D/local" || exit 1
bash "$here/make_portfolio.sh" 3000 >all.jsonl
# Seven shards of consecutive customers (split -n l/7 keeps lines whole).
split -n l/7 -d --additional-suffix=.jsonl all.jsonl shard-
shards=(shard-*.jsonl)
[ ${#shards[@]} -eq 7 ] || { echo "FAIL: expected 7 shards, got ${#shards[@]}"; exit 1; }

# One run over the whole portfolio: what the shards must agree with.
opts=(--by segment)
"$fl" thresholds "${opts[@]}" -o one.yaml all.jsonl &&
"$fl" assign "${opts[@]}" -q -O jsonl --columns all -o one.jsonl all.jsonl || {
	echo "FAIL: one run"; exit 1; }

check() { # WHAT FILE EXPECTED
	if cmp -s "$2" "$3"; then
		echo "ok   $1"
	else
		echo "FAIL $1: $2 differs from $3"
		diff "$3" "$2" | head -5
		fail=1
	fi
}

# ---- on this machine: the recipe of docs/scale.md -------------------------
rm -f ./*.fltp
parallel --will-cite "$fl" thresholds --partial "${opts[@]}" -q -o {.}.fltp {} ::: "${shards[@]}" &&
"$fl" thresholds --merge -o merged.yaml shard-*.fltp &&
parallel --will-cite -k "$fl" assign -q -O jsonl --columns all --thresholds merged.yaml {} \
	::: "${shards[@]}" >rows.jsonl || { echo "FAIL: parallel on this machine"; fail=1; }
check "parallel, this machine: thresholds" merged.yaml one.yaml
check "parallel, this machine: assign -O jsonl rows" rows.jsonl one.jsonl

# ---- across hosts: --sshlogin ------------------------------------------------
rm -f ./*.fltp merged.yaml rows.jsonl
remote=(--will-cite --ssh "ssh -F $D/ssh_config" -S 2/fl-shard-host --wd "$D/remote")
# Pass 1: each shard goes to the host, its part comes back.
parallel "${remote[@]}" --transferfile {} --return {.}.fltp --cleanup \
	"$fl" thresholds --partial "${opts[@]}" -q -o {.}.fltp {} ::: "${shards[@]}" || {
	echo "FAIL: pass 1 over ssh"; fail=1; }
ls shard-*.fltp >/dev/null 2>&1 || { echo "FAIL: no part came back"; exit 1; }
"$fl" thresholds --merge -o merged.yaml shard-*.fltp || { echo "FAIL: --merge"; fail=1; }
check "parallel --sshlogin: thresholds" merged.yaml one.yaml
# Pass 2: the thresholds go to the host once, each shard's rows come back
# on standard output, kept in shard order (-k).
parallel "${remote[@]}" -k --basefile merged.yaml --transferfile {} --cleanup \
	"$fl" assign -q -O jsonl --columns all --thresholds merged.yaml {} \
	::: "${shards[@]}" >rows.jsonl || { echo "FAIL: pass 2 over ssh"; fail=1; }
check "parallel --sshlogin: assign -O jsonl rows" rows.jsonl one.jsonl
# --cleanup left nothing behind on the "remote" side.
left=$(find "$D/remote" -type f 2>/dev/null | head -3)
[ -z "$left" ] || { echo "FAIL: left on the remote side: $left"; fail=1; }

exit $fail
