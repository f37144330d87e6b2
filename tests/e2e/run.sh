#!/usr/bin/env bash
# run.sh - end-to-end tests: the coda commands as a user types them from the
# repository root, checking stdout, stderr and the exit status.
#
#   bash tests/e2e/run.sh        (make e2e)
#
# Prints PASS or FAIL per case (with the reasons of a failure), then
# "N passed, M failed"; exits non-zero when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
LUA=${LUA:-lua5.4}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

# --- fixtures ------------------------------------------------------------
mkdir -p "$TMP/data" "$TMP/s"
printf 'id,name,score\n1,Asha,2.5\n2,"Ravi, K",\n3,Meena,4.5\n' >"$TMP/data/ok.csv"
printf 'a,b,c\n1,2,3\n4,5\n' >"$TMP/data/bad.csv"

cat >"$TMP/s/script_error.lua" <<'EOF'
local x = 1
local t = nil
error("something broke " .. x)
EOF

cat >"$TMP/s/index_error.lua" <<'EOF'
local t = nil
return t.field
EOF

cat >"$TMP/s/mutate.lua" <<'EOF'
local coda = require("coda")
local ds = coda.read_csv(arg[1], { decimal = ",", thousands = "." })
ds:mutate("z", arg[2]):write_csv(arg[3])
EOF

cat >"$TMP/s/read_bad.lua" <<'EOF'
local coda = require("coda")
local ds = coda.read_csv(arg[1])
print(ds:nrow())
EOF

cat >"$TMP/s/exit3.lua" <<'EOF'
io.write("before exit\n")
os.exit(3)
EOF

cat >"$TMP/s/exit_false.lua" <<'EOF'
os.exit(false)
EOF

cat >"$TMP/s/args.lua" <<'EOF'
local a, b, c = ...
assert(arg[1] == "a", "arg[1] is " .. tostring(arg[1]))
assert(arg[2] == "b c", "arg[2] is " .. tostring(arg[2]))
assert(#arg == 2, "#arg is " .. #arg)
assert(select("#", ...) == 2, "... has " .. select("#", ...) .. " values")
assert(a == "a" and b == "b c" and c == nil, "... holds the arguments")
assert(arg[0]:match("args%.lua$"), "arg[0] is " .. tostring(arg[0]))
print("args ok")
EOF

cat >"$TMP/s/noargs.lua" <<'EOF'
assert(#arg == 0 and select("#", ...) == 0)
print("none")
EOF

cat >"$TMP/s/nrow.lua" <<'EOF'
local coda = require("coda")
print(coda.read_csv(arg[1]):nrow(), coda.version)
EOF

cat >"$TMP/s/syntax.lua" <<'EOF'
local x = 1
local y = = 2
EOF

cat >"$TMP/s/write.lua" <<'EOF'
local coda = require("coda")
local ds = coda.read_csv(arg[1])
ds:write_csv(arg[2])
print("written")
EOF

# Writes the CSV, says so through a marker file, then waits to be killed.
cat >"$TMP/s/write_wait.lua" <<'EOF'
local coda = require("coda")
coda.read_csv(arg[1]):write_csv(arg[2])
local f = assert(io.open(arg[3], "w"))
f:close()
local t = os.time()
while os.time() - t < 30 do end
EOF

cat >"$TMP/s/close_in_filter.lua" <<'EOF'
local coda = require("coda")
local ds = coda.read_csv(arg[1])
local r = ds:filter(function(row) ds:close() return true end)
print("rows", r:nrow())
EOF

cat >"$TMP/s/error_object.lua" <<'EOF'
error({ code = 7 })
EOF

# --- cases ---------------------------------------------------------------
t_help() {
    run "$CODA" --help
    expect_rc 0
    expect_out "usage: coda"
    expect_out "coda run [OPTIONS] SCRIPT.lua"
    expect_err_empty
}

t_help_short() {
    run "$CODA" -h
    expect_rc 0
    expect_out "usage: coda"
}

t_version() {
    run "$CODA" --version
    expect_rc 0
    grep -qE '^coda [0-9]+\.[0-9]+\.[0-9]+' "$OUT" ||
        problem "stdout is not 'coda X.Y.Z': $(cat "$OUT")"
    expect_err_empty
}

t_version_matches_module() {
    local v
    run "$CODA" --version
    v=$(awk '{print $2; exit}' "$OUT")
    run "$CODA" run "$TMP/s/nrow.lua" "$TMP/data/ok.csv"
    expect_rc 0
    expect_out_is "3\t$v"
}

t_bogus_option() {
    run "$CODA" --bogus
    expect_rc 2
    expect_err "--bogus"
    expect_out_empty
}

t_run_without_script() {
    run "$CODA" run
    expect_rc 2
    expect_err "script"
    expect_out_empty
}

t_unknown_command() {
    run "$CODA" nosuchcommand
    expect_rc 2
    expect_err "nosuchcommand"
    expect_out_empty
}

t_missing_script() {
    run "$CODA" run missing.lua
    expect_rc 1
    expect_err "missing.lua"
    expect_out_empty
}

t_runtime_error() {
    run "$CODA" run "$TMP/s/script_error.lua"
    expect_rc 1
    expect_err "script_error.lua:3: something broke 1"
    expect_err "stack traceback"
    expect_out_empty
}

t_runtime_error_relative_path() {
    (cd "$TMP/s" && "$ROOT/coda" run index_error.lua >"$OUT" 2>"$ERR" </dev/null)
    rc=$?
    expect_rc 1
    expect_err_re '^coda: index_error\.lua:2: attempt to index a nil value'
    expect_err "stack traceback"
}

t_syntax_error() {
    run "$CODA" run "$TMP/s/syntax.lua"
    expect_rc 1
    expect_err "syntax.lua:2:"
}

t_error_object() {
    run "$CODA" run "$TMP/s/error_object.lua"
    expect_rc 1
    expect_err "error object is a table value"
}

t_bad_csv() {
    run "$CODA" run "$TMP/s/read_bad.lua" "$TMP/data/bad.csv"
    expect_rc 1
    expect_err "read_bad.lua:2: $TMP/data/bad.csv:3: expected 3 fields"
    expect_err "stack traceback"
    expect_out_empty
}

t_csv_from_a_pipe() {
    run_in 'id,name\n1,a\n2,"b\nc"\n' "$CODA" run "$TMP/s/nrow.lua" /dev/stdin
    expect_rc 0
    expect_out "2"
    run_in 'id,name\n1,a\n2\n' "$CODA" run "$TMP/s/read_bad.lua" /dev/stdin
    expect_rc 1
    expect_err "/dev/stdin:3: expected 2 fields"
}

t_missing_csv() {
    run "$CODA" run "$TMP/s/read_bad.lua" "$TMP/data/none.csv"
    expect_rc 1
    expect_err "$TMP/data/none.csv: cannot open"
}

t_os_exit() {
    run "$CODA" run "$TMP/s/exit3.lua"
    expect_rc 3
    expect_out_is "before exit"
    run "$CODA" run "$TMP/s/exit_false.lua"
    expect_rc 1
}

t_args() {
    run "$CODA" run "$TMP/s/args.lua" a "b c"
    expect_rc 0
    expect_out_is "args ok"
    expect_err_empty
    run "$CODA" run "$TMP/s/noargs.lua"
    expect_rc 0
    expect_out_is "none"
}

t_prompt_pipe() {
    local v
    v=$("$CODA" --version | awk '{print $2; exit}')
    run_in 'x = 2\nprint(x * 21)\nreturn coda.version\n' "$CODA"
    expect_rc 0
    expect_out_is "42\n$v"
    expect_err_empty
}

t_prompt_continuation() {
    run_in 'for i=1,2 do\nprint(i)\nend\n' "$CODA"
    expect_rc 0
    expect_out_is "1\n2"
    expect_err_empty
}

t_prompt_expression_values() {
    run_in '1 + 1, "x", nil\nlocal t = {\n  a = 5,\n}\nprint(t.a, rawget(_G, "t"))\n' "$CODA"
    expect_rc 0
    expect_out_is "2\tx\tnil\n5\tnil"
}

t_prompt_error_then_more() {
    run_in 'error("oops")\nprint("still here")\n' "$CODA"
    expect_out_is "still here"
    expect_err "oops"
}

t_mutate_expression() {
    printf 'id;w;h\n1;70,5;1.750\n2;;1.600\n' >"$TMP/data/eu.csv"
    run "$CODA" run "$TMP/s/mutate.lua" "$TMP/data/eu.csv" "w / (h / 1000)^2" \
        "$TMP/data/bmi.csv"
    expect_rc 0
    expect_err_empty
    [ "$(cat "$TMP/data/bmi.csv")" = "$(printf 'id,w,h,z\n1,70.5,1750,23.020408163265305\n2,,1600,')" ] ||
        problem "bmi.csv is '$(cat "$TMP/data/bmi.csv")'"
}

t_mutate_misspelt() {
    rm -f "$TMP/data/bmi2.csv"
    run "$CODA" run "$TMP/s/mutate.lua" "$TMP/data/eu.csv" "w / (hh / 1000)^2" \
        "$TMP/data/bmi2.csv"
    expect_rc 1
    expect_err 'mutate: z: unknown column "hh" (did you mean "h"?) at position 6'
    [ ! -e "$TMP/data/bmi2.csv" ] || problem "an output was written"
}

t_prompt_unfinished() {
    run_in 'for i=1,2 do\n' "$CODA"
    expect_err "unfinished"
    expect_out_empty
}

t_prompt_reads_csv() {
    run_in "print(coda.read_csv('$TMP/data/ok.csv'):get(2, 'name'))\n" "$CODA"
    expect_rc 0
    expect_out_is "Ravi, K"
}

# have_lua_and_so: the stock interpreter and coda.so are there (make
# builds coda.so with `make all`; `make e2e` alone builds only ./coda).
have_lua_and_so() {
    command -v "$LUA" >/dev/null || { problem "$LUA not installed"; return 1; }
    [ -f ./coda.so ] || { problem "./coda.so not built (run make)"; return 1; }
}

t_stock_lua_loads_coda_so() {
    have_lua_and_so || return
    run "$LUA" -e 'package.cpath="./?.so;"..package.cpath' \
        -e "local c=require(\"coda\"); print(c.read_csv(\"$TMP/data/ok.csv\"):nrow())"
    expect_rc 0
    expect_out_is "3"
    expect_err_empty
}

t_stock_lua_coda_so_errors() {
    have_lua_and_so || return
    run "$LUA" -e 'package.cpath="./?.so;"..package.cpath' \
        -e "c=require(\"coda\"); d=c.read_csv(\"$TMP/data/ok.csv\")" \
        -e 'print(d:filter("score", ">", 3):get(1, "name"), c.version)' \
        -e "c.read_csv(\"$TMP/data/bad.csv\")"
    expect_rc 1
    expect_out "Meena"
    expect_err "$TMP/data/bad.csv:3: expected 3 fields"
}

t_require_from_another_directory() {
    (cd /tmp && "$ROOT/coda" run "$TMP/s/nrow.lua" "$TMP/data/ok.csv" \
        >"$OUT" 2>"$ERR" </dev/null)
    rc=$?
    expect_rc 0
    expect_out "3"
    expect_err_empty
    (cd "$TMP/data" && "$ROOT/coda" run ../s/nrow.lua ok.csv \
        >"$OUT" 2>"$ERR" </dev/null)
    rc=$?
    expect_rc 0
    expect_out "3"
}

t_write_csv_leaves_no_temporary_file() {
    mkdir -p "$TMP/w1"
    run "$CODA" run "$TMP/s/write.lua" "$TMP/data/ok.csv" "$TMP/w1/out.csv"
    expect_rc 0
    expect_out_is "written"
    cmp -s "$TMP/data/ok.csv" "$TMP/w1/out.csv" ||
        problem "written CSV differs from its source"
    no_tmp_files "$TMP/w1"
}

t_write_csv_then_killed() {
    mkdir -p "$TMP/w2"
    printf 'old contents\n' >"$TMP/w2/out.csv"
    "$CODA" run "$TMP/s/write_wait.lua" "$TMP/data/ok.csv" "$TMP/w2/out.csv" \
        "$TMP/w2/ready" >"$OUT" 2>"$ERR" </dev/null &
    local pid=$! i
    for ((i = 0; i < 100; i++)); do
        [ -e "$TMP/w2/ready" ] && break
        sleep 0.1
    done
    [ -e "$TMP/w2/ready" ] || problem "the script never finished writing"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    expect_rc 137
    cmp -s "$TMP/data/ok.csv" "$TMP/w2/out.csv" ||
        problem "out.csv is not the complete new file: $(head -c 200 "$TMP/w2/out.csv")"
    no_tmp_files "$TMP/w2"
}

t_write_csv_into_missing_folder() {
    mkdir -p "$TMP/w3"
    run "$CODA" run "$TMP/s/write.lua" "$TMP/data/ok.csv" "$TMP/w3/nope/out.csv"
    expect_rc 1
    expect_err "$TMP/w3/nope/out.csv: cannot write"
    [ -z "$(ls -A "$TMP/w3")" ] || problem "left behind: $(ls -A "$TMP/w3")"
}

# A filter callback that closes its own Dataset must get an error, not
# make coda read freed memory (a crash or garbage).
t_close_dataset_inside_filter() {
    run "$CODA" run "$TMP/s/close_in_filter.lua" "$TMP/data/ok.csv"
    expect_rc 1
    expect_err "cannot close a Dataset while one of its methods runs"
}

t_output_error_is_reported() {
    if [ ! -w /dev/full ]; then
        return
    fi
    "$CODA" run "$TMP/s/noargs.lua" >/dev/full 2>"$ERR" </dev/null
    rc=$?
    : >"$OUT"
    expect_rc 1
    expect_err "error writing output"
}

case_ "coda --help" t_help
case_ "coda -h" t_help_short
case_ "coda --version" t_version
case_ "--version matches coda.version" t_version_matches_module
case_ "coda --bogus" t_bogus_option
case_ "coda run (no script)" t_run_without_script
case_ "coda nosuchcommand" t_unknown_command
case_ "coda run missing.lua" t_missing_script
case_ "script runtime error" t_runtime_error
case_ "script runtime error, relative path" t_runtime_error_relative_path
case_ "script syntax error" t_syntax_error
case_ "script error object" t_error_object
case_ "script reading a bad CSV" t_bad_csv
case_ "script reading a missing CSV" t_missing_csv
case_ "script reading a CSV from a pipe" t_csv_from_a_pipe
case_ "os.exit(3) and os.exit(false)" t_os_exit
case_ "arguments in arg and ..." t_args
case_ "prompt through a pipe" t_prompt_pipe
case_ "prompt continues an incomplete statement" t_prompt_continuation
case_ "prompt prints expression values" t_prompt_expression_values
case_ "prompt goes on after an error" t_prompt_error_then_more
case_ "prompt with an unfinished statement" t_prompt_unfinished
case_ "mutate: European numbers, an expression" t_mutate_expression
case_ "mutate: a misspelt column" t_mutate_misspelt
case_ "prompt has coda loaded" t_prompt_reads_csv
# --no-so: a sanitized build's coda.so cannot be loaded by a stock lua5.4
if [ "${1:-}" != --no-so ]; then
    case_ "stock lua5.4 loads coda.so" t_stock_lua_loads_coda_so
    case_ "stock lua5.4: coda.so errors" t_stock_lua_coda_so_errors
fi
case_ "require from another directory" t_require_from_another_directory
case_ "write_csv leaves no temporary file" t_write_csv_leaves_no_temporary_file
case_ "write_csv, then killed" t_write_csv_then_killed
case_ "write_csv into a missing folder" t_write_csv_into_missing_folder
case_ "closing a Dataset inside its filter" t_close_dataset_inside_filter
case_ "an output error is reported" t_output_error_is_reported

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
