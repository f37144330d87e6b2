# harness.sh - the case runner the end-to-end scripts source: run commands,
# keep their output and status, state expectations, report each case.
# The sourcing script sets OUT and ERR (files) first.
# shellcheck shell=bash

passed=0
failed=0
problems=()

# run CMD...: run a command (stdin from /dev/null), keeping its output and
# exit status in $OUT, $ERR and $rc.
run() {
    "$@" >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}

# run_in INPUT CMD...: the same with INPUT (printf %b) on stdin.
run_in() {
    local input=$1
    shift
    printf '%b' "$input" | "$@" >"$OUT" 2>"$ERR"
    rc=${PIPESTATUS[1]}
}

# ok NAME / bad NAME: count and report a check made in line.
ok() { echo "PASS $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

problem() { problems+=("$*"); }
expect_rc() { [ "$rc" -eq "$1" ] || problem "exit status $rc, expected $1"; }

# expect_out|expect_err TEXT: the stream contains TEXT (fixed string).
expect_out() { grep -qF -- "$1" "$OUT" || problem "stdout lacks '$1'"; }
expect_no_out() { ! grep -qF -- "$1" "$OUT" || problem "stdout has '$1'"; }
expect_err() { grep -qF -- "$1" "$ERR" || problem "stderr lacks '$1'"; }

# expect_err_re REGEX: stderr has a line matching an extended regex.
expect_err_re() {
    grep -qE -- "$1" "$ERR" || problem "stderr has no line matching /$1/"
}

expect_out_is() {
    local want
    want=$(printf '%b' "$1")
    [ "$(cat "$OUT")" = "$want" ] ||
        problem "stdout is '$(head -c 300 "$OUT")', expected '$want'"
}

expect_out_empty() { [ ! -s "$OUT" ] || problem "stdout not empty: '$(head -c 300 "$OUT")'"; }
expect_err_empty() { [ ! -s "$ERR" ] || problem "stderr not empty: '$(head -c 300 "$ERR")'"; }

expect_lines() {
    local n
    n=$(wc -l <"$OUT")
    [ "$n" -eq "$1" ] || problem "stdout has $n lines, expected $1"
}

# no_tmp_files DIR: no temporary file of an atomic write is left in DIR.
no_tmp_files() {
    local left
    left=$(find "$1" -name '*.tmp-*' -print)
    [ -z "$left" ] || problem "temporary files left: $left"
}

# case_ NAME FUNCTION: run one case and report it.
case_() {
    local name=$1
    problems=()
    "$2"
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        local p
        for p in "${problems[@]}"; do
            echo "    $p"
        done
        echo "    stdout: $(head -c 400 "$OUT" | tr '\n' '|')"
        echo "    stderr: $(head -c 400 "$ERR" | tr '\n' '|')"
    fi
}
