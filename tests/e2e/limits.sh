#!/usr/bin/env bash
# limits.sh - bounded scripts and interrupted runs: --timeout and
# --max-memory stop a runaway script with a clear error, and SIGTERM or
# SIGINT in the middle of writing leaves the old file whole and no
# temporary file behind.
# ok and bad always succeed, so "test && ok || bad" is a plain if/else here.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/e2e/harness.sh
. tests/e2e/harness.sh

cat >"$tmp/loop.lua" <<'LUA'
local t, i = {}, 0
while true do i = i + 1; if arg[1] == "grow" then t[i] = ("x"):rep(1000) .. i end end
LUA
start=$(date +%s%N)
./coda run --timeout 1 "$tmp/loop.lua" >"$tmp/out" 2>"$tmp/err"
rc=$? ms=$((($(date +%s%N) - start) / 1000000))
[ "$rc" = 1 ] && grep -q "timeout: the script ran longer than 1" "$tmp/err" \
  && ok "--timeout 1 stops an endless loop (exit 1, ${ms} ms)" || bad "--timeout: rc $rc, $(cat "$tmp/err")"
[ "$ms" -lt 5000 ] && ok "--timeout stops within 5 s" || bad "--timeout took $ms ms"

# The timeout cannot be caught: a pcall that swallows it, a script that
# carries on after catching it, a __gc that loops, all end with exit 1.
printf 'while true do pcall(function() while true do end end) end\n' >"$tmp/catch.lua"
printf 'pcall(function() while true do end end)\nprint("caught")\nos.exit(0)\n' >"$tmp/goon.lua"
printf 'setmetatable({}, {__gc = function() while true do end end})\ncollectgarbage()\nwhile true do end\n' >"$tmp/gc.lua"
for s in catch goon gc; do
  start=$(date +%s%N)
  timeout 20 ./coda run --timeout 1 "$tmp/$s.lua" >"$tmp/out" 2>"$tmp/err"
  rc=$? ms=$((($(date +%s%N) - start) / 1000000))
  [ "$rc" = 1 ] && [ "$ms" -lt 5000 ] && grep -q "timeout" "$tmp/err" && ! grep -q caught "$tmp/out" \
    && ok "--timeout holds against $s.lua (exit 1, ${ms} ms)" || bad "--timeout vs $s.lua: rc $rc, ${ms} ms, $(cat "$tmp/err")"
done

./coda run --max-memory 50M "$tmp/loop.lua" grow >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] && grep -q "memory limit (--max-memory 50M)" "$tmp/err" \
  && ok "--max-memory 50M stops a growing table" || bad "--max-memory: rc $rc, $(cat "$tmp/err")"

# A CSV of 300,000 rows (about 10 MB) to load and write.
cat >"$tmp/gen.lua" <<'LUA'
local f = assert(io.open(arg[1], "w"))
f:write("id,name,score\n")
for i = 1, 300000 do f:write(i, ',"name ', i, ', with a comma",', i * 0.5, "\n") end
f:close()
LUA
./coda run "$tmp/gen.lua" "$tmp/big.csv"
echo 'local coda = require("coda"); print(coda.read_csv(arg[1]):nrow())' >"$tmp/load.lua"
./coda run --max-memory 4M "$tmp/load.lua" "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] && grep -q "out of memory" "$tmp/err" && grep -q "memory limit" "$tmp/err" \
  && ok "--max-memory 4M stops read_csv of a 10 MB file (the core's memory counts)" \
  || bad "--max-memory on read_csv: rc $rc, $(cat "$tmp/err")"
[ "$(./coda run --max-memory 500M "$tmp/load.lua" "$tmp/big.csv")" = 300000 ] \
  && ok "--max-memory 500M lets it load" || bad "--max-memory 500M"

# Memory grows with the data, not with its shape: 200,000 one-row string
# columns (1.9 MB) and 20,000 small transcripts load within 200 MB (before,
# about 11 KB a column and 64 KB a transcript: 2.3 GB and 1.3 GB).
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%sc%d", i ? "," : "", i; print "";
             for (i = 0; i < 200000; i++) printf "%sx", i ? "," : ""; print "" }' >"$tmp/wide.csv"
echo 'local coda = require("coda"); print(coda.read_csv(arg[1]):ncol())' >"$tmp/wide.lua"
[ "$(./coda run --max-memory 200M "$tmp/wide.lua" "$tmp/wide.csv" 2>&1)" = 200000 ] \
  && ok "200,000 columns load within --max-memory 200M" || bad "200,000 columns under --max-memory 200M"
mkdir -p "$tmp/many"
awk -v d="$tmp/many" 'BEGIN { for (i = 0; i < 20000; i++) { f = d "/d" i ".txt"; printf "R1: words %d\n", i > f; close(f) } }'
echo 'local coda = require("coda"); print(coda.read_corpus(arg[1]):nrow())' >"$tmp/many.lua"
[ "$(./coda run --max-memory 200M "$tmp/many.lua" "$tmp/many" 2>&1)" = 20000 ] \
  && ok "20,000 transcripts load within --max-memory 200M" || bad "20,000 transcripts under --max-memory 200M"

for opt in "--max-memory lots" "--timeout -1" "--timeout" "--bogus 1" \
           "--timeout 0.00001" "--timeout 1e-300" "--timeout nan"; do
  # shellcheck disable=SC2086
  ./coda run $opt "$tmp/loop.lua" >/dev/null 2>&1
  rc=$?
  [ "$rc" = 2 ] && ok "run $opt is a usage error (exit 2)" || bad "run $opt: exit $rc"
done

# Interrupt a script that keeps rewriting a file: the file is the old one
# or a whole new one, and no temporary file is left.
cat >"$tmp/rewrite.lua" <<'LUA'
local coda = require("coda")
local ds = coda.read_csv(arg[1])
io.stdout:write("ready\n"); io.stdout:flush()
while true do ds:write_csv(arg[2]) end
LUA
for sig in TERM INT; do
  printf 'old\n' >"$tmp/out.csv"
  ./coda run "$tmp/rewrite.lua" "$tmp/big.csv" "$tmp/out.csv" >"$tmp/ready" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q ready "$tmp/ready" 2>/dev/null && break; sleep 0.05; done
  sleep 0.3
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  left=$(find "$tmp" -name 'out.csv.tmp-*' | wc -l)
  lines=$(wc -l <"$tmp/out.csv")
  [ "$left" = 0 ] && ok "SIG$sig: no temporary file left" || bad "SIG$sig: $left temporary files left"
  { [ "$lines" = 1 ] && [ "$(cat "$tmp/out.csv")" = old ]; } || [ "$lines" = 300001 ] \
    && ok "SIG$sig: the file is whole ($lines lines)" || bad "SIG$sig: the file has $lines lines"
  [ "$rc" -gt 128 ] && ok "SIG$sig: coda died of the signal (status $rc)" || bad "SIG$sig: status $rc"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
