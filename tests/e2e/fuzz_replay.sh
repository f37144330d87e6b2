#!/usr/bin/env bash
# fuzz_replay.sh - replay every input of tests/fuzz/corpus/NAME/ through
# its fuzz target built with a plain main() (tests/fuzz/replay.c), so each
# input libFuzzer kept, and each crash reproducer, is a regression test.
#
#   bash tests/e2e/fuzz_replay.sh [BUILD_DIR]     (default: build)
#
# Expects BUILD_DIR/tests/fuzz/replay_NAME for every corpus folder NAME
# (make fuzz-replay builds them).  Prints PASS or FAIL per target, then
# "N passed, M failed"; exits non-zero when any target failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

BUILD=${1:-build}
LOG=$(mktemp "${TMPDIR:-/tmp}/coda-fuzz-replay.XXXXXX") || exit 2
trap 'rm -f "$LOG"' EXIT
passed=0
failed=0

for dir in tests/fuzz/corpus/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    bin=$BUILD/tests/fuzz/replay_$name
    if [ ! -x "$bin" ]; then
        failed=$((failed + 1))
        echo "FAIL $name: no $bin (make fuzz-replay builds it)"
        continue
    fi
    count=$(find "$dir" -maxdepth 1 -type f ! -name '.*' | wc -l)
    # in a subshell, so that a crash is reported in the log, not here
    if ("$bin" "$dir"; exit $?) >"$LOG" 2>&1; then
        passed=$((passed + 1))
        echo "PASS $name ($count inputs)"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        # the failed check and the input it failed on
        grep -E 'check failed|crashed on|ERROR|runtime error' -A1 "$LOG" |
            head -n 12 | sed 's/^/    /'
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
