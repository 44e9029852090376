#!/usr/bin/env bash
# Build the libFuzzer targets (build-fuzz/, clang) and run each for
# FUZZ_SECONDS (default 180), one after another, with the dictionary and
# the seed corpus.  New corpus entries go to build-fuzz/corpus/TARGET (the
# repository's seeds are only read), crashes to build-fuzz/artifacts/TARGET/.
# Exits non-zero if any target found a crash, leak or sanitizer error.
#
#   scripts/fuzz.sh                    # every target, 180 s each
#   FUZZ_SECONDS=1800 scripts/fuzz.sh fuzz_yaml
#
# Environment: FUZZ_SECONDS, BUILD_DIR (build-fuzz), CC (clang),
# FUZZ_NICE (10), FUZZ_ARGS (extra libFuzzer flags).
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-180}
FUZZ_NICE=${FUZZ_NICE:-10}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_yaml fuzz_json fuzz_pipeline fuzz_policy fuzz_diff fuzz_partial fuzz_csv)

CC=${CC:-clang} cmake -S . -B "$BUILD_DIR" -DFL_FUZZ=ON -DFL_BUILD_TESTS=OFF -DFL_WERROR=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
cmake --build "$BUILD_DIR" -j2 --target "${TARGETS[@]}" || exit 2

failed=0
for t in "${TARGETS[@]}"; do
	kind=${t#fuzz_}
	seeds=tests/fuzz/corpus/$kind
	work=$BUILD_DIR/corpus/$t
	art=$BUILD_DIR/artifacts/$t
	mkdir -p "$work" "$art"
	before=$(ls "$art" | wc -l)
	echo "== $t: ${FUZZ_SECONDS}s, corpus $work (seeds $seeds), artifacts $art"
	# The first corpus directory receives new inputs; the seeds are read only.
	# One process, no -jobs/-workers: with -jobs libFuzzer forks a child and
	# writes fuzz-N.log into the current directory.
	nice -n "$FUZZ_NICE" "$BUILD_DIR/fuzz/$t" \
		-max_total_time="$FUZZ_SECONDS" \
		-dict=tests/fuzz/focuslevel.dict -max_len=8192 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" ${FUZZ_ARGS:-} \
		"$work" "$seeds" 2>&1 | tee "$BUILD_DIR/$t.log" | grep -v '^#[0-9].*\(NEW\|REDUCE\|pulse\)'
	rc=${PIPESTATUS[0]}
	if [ "$rc" -ne 0 ] || [ "$(ls "$art" | wc -l)" -ne "$before" ]; then
		echo "== $t: FOUND A PROBLEM (exit $rc); inputs in $art" >&2
		failed=1
	fi
done
exit $failed
