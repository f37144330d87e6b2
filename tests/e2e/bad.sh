#!/usr/bin/env bash
# bad.sh - malformed inputs, end to end: every case of tests/bad/cases.tsv
# runs its command from the repository root (20 s at most) and must exit
# with its expected status and say each of its expected words (on standard
# output or standard error).  Big inputs are generated first into a
# temporary folder by tests/bad/generate.sh ({TMP} in a command).
#
#   bash tests/e2e/bad.sh [NAME...]        only the cases named
#   CODA=path/to/coda bash tests/e2e/bad.sh
#
# cases.tsv: one case a line, tab-separated: name, command ({CODA} is the
# coda executable, {TMP} the temporary folder), exit status, and the words
# the output must hold, separated by "|" (a word starting with "!" must not
# appear).  Lines starting with # and blank lines are skipped.
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=${CODA:-./coda}
CASES=tests/bad/cases.tsv
LIMIT=${CODA_HANG_LIMIT:-20}   # a hang guard, not a speed claim; the sanitizer build runs slower
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-bad.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

if ! bash tests/bad/generate.sh "$TMP"; then
    echo "bad.sh: tests/bad/generate.sh failed" >&2
    exit 2
fi

OUT=$TMP/stdout
ERR=$TMP/stderr
passed=0
failed=0

# wanted NAME: 0 when NAME was asked for (or no names were given).
wanted() {
    local n
    [ ${#only[@]} -eq 0 ] && return 0
    for n in "${only[@]}"; do [ "$n" = "$1" ] && return 0; done
    return 1
}

# fill TEXT: TEXT with {CODA} and {TMP} replaced.
fill() {
    local s=$1
    s=${s//\{CODA\}/$CODA}
    s=${s//\{TMP\}/$TMP}
    printf '%s' "$s"
}

# run_case NAME COMMAND STATUS WORDS
run_case() {
    local name=$1 cmd status=$3 words=$4 rc start secs w
    local problems=()
    cmd=$(fill "$2")
    start=$(date +%s)
    timeout -k 5 "$LIMIT" bash -c "$cmd" >"$OUT" 2>"$ERR" </dev/null
    rc=$?
    secs=$(($(date +%s) - start))
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        problems+=("no answer within $LIMIT s (killed)")
    elif [ "$rc" -ne "$status" ]; then
        problems+=("exit status $rc, expected $status")
    fi
    IFS='|' read -r -a parts <<<"$words"
    for w in "${parts[@]}"; do
        w=$(fill "$w")
        w=${w#"${w%%[![:space:]]*}"}
        w=${w%"${w##*[![:space:]]}"}
        [ -z "$w" ] && continue
        if [ "${w:0:1}" = "!" ]; then
            ! grep -qF -- "${w:1}" "$OUT" "$ERR" || problems+=("output has '${w:1}'")
        else
            grep -qF -- "$w" "$OUT" "$ERR" || problems+=("output lacks '$w'")
        fi
    done
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name (${secs}s)"
    else
        failed=$((failed + 1))
        echo "FAIL $name (${secs}s)"
        echo "    command: $cmd"
        local p
        for p in "${problems[@]}"; do echo "    $p"; done
        echo "    stdout: $(head -c 300 "$OUT" | tr '\n\0' '|.')"
        echo "    stderr: $(head -c 300 "$ERR" | tr '\n\0' '|.')"
    fi
}

only=("$@")
seen=0
while IFS=$'\t' read -r name cmd status words; do
    case $name in '' | '#'*) continue ;; esac
    if [ -z "${cmd:-}" ] || [ -z "${status:-}" ]; then
        echo "bad.sh: $CASES: case '$name' needs a command and an exit status" >&2
        failed=$((failed + 1))
        continue
    fi
    wanted "$name" || continue
    seen=$((seen + 1))
    run_case "$name" "$cmd" "$status" "${words:-}"
done <"$CASES"

if [ ${#only[@]} -gt 0 ] && [ "$seen" -ne ${#only[@]} ]; then
    echo "bad.sh: $((${#only[@]} - seen)) of the cases named are not in $CASES" >&2
    failed=$((failed + ${#only[@]} - seen))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
