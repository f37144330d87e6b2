#!/usr/bin/env bash
# run_groupby.sh - the db-benchmark group-by questions q1-q10: coda vs data.table, DuckDB and pandas
# (and coda keeping nothing between runs: CODA_BLOCK_CACHE_MB=0 CODA_KEEP_RANKS=0).
# Usage: bench/run_groupby.sh [FILE]   (default bench/data/G1_1e7_1e2_0_0.csv, made by gen_groupby.c
# when missing; GB_ROWS sets its rows, default 10000000, e.g. 1000000 for a quick run; CODA
# overrides ./coda; GB_RUNS the timed runs per question, default 3; BENCH_ROUNDS, default 1, the
# times every tool runs, taking turns, the best kept: bench/README.md). Each tool loads the file once,
# then times every question in-process (1 warm-up, best of GB_RUNS) and prints
# "op=qN seconds=S result=CHECKSUM". Every answer is checked against data.table's; a mismatch
# exits 1 and leaves bench/RESULTS.md alone. Otherwise the table goes into its
# "## Group-by (db-benchmark)" section.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rows=${GB_ROWS:-10000000}
export GB_RUNS=${GB_RUNS:-3}
tools=(data.table coda coda-cold duckdb pandas)
qs=(q1 q2 q3 q4 q5 q6 q7 q8 q9 q10)
declare -A what=([q1]="sum v1 by id1" [q2]="sum v1 by id1:id2" [q3]="sum v1, mean v3 by id3"
    [q4]="mean v1:v3 by id4" [q5]="sum v1:v3 by id6" [q6]="median, sd v3 by id4:id5"
    [q7]="max v1 - min v2 by id3" [q8]="largest two v3 by id6" [q9]="cor(v1, v2)^2 by id2:id4"
    [q10]="sum v3, count by id1:id6")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"

# G1_<rows as 1eN>_1e2_0_0.csv, the published name
sci=$(awk -v n="$rows" 'BEGIN { e = 0; m = n; while (m >= 10 && m % 10 == 0) { m /= 10; e++ }
    print (m == 1 ? "1e" e : n) }')
file=${1:-$here/data/G1_${sci}_1e2_0_0.csv}
if [ ! -f "$file" ]; then
    mkdir -p "$here/data"
    cc -std=c11 -O2 -o "$here/data/gen_groupby" "$here/gen_groupby.c"
    echo "generating $file ($rows rows)" >&2
    "$here/data/gen_groupby" "$rows" 100 "$file"
fi
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
cat "$file" >/dev/null # warm-up read: every tool then loads from the page cache

build_clock
prefix=groupby
rounds_note=
[ "${BENCH_ROUNDS:-1}" -gt 1 ] &&
    rounds_note=" in each of $BENCH_ROUNDS rounds (the tools taking turns; the best over the rounds)"
run_tools "$GB_RUNS" "${qs[@]}"

check_answers data.table 0 1e-9 "${qs[@]}"

# the table: seconds per tool, then peer s / coda s (>1: coda is faster)
notes=$tmp/notes
: >"$notes"
peers=(coda-cold data.table duckdb pandas)
target_of() { case $1 in pandas) echo 10 ;; coda-cold) ;; *) echo 1 ;; esac; }
ratio_table question "${qs[@]}" >"$tmp/table.md"

loads=
for t in "${tools[@]}"; do loads+="${loads:+, }$t $(info "$t" load_s) s"; done
{
    echo "## Group-by (db-benchmark)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
        "file $(basename "$file") ($(info coda rows) rows, bench/gen_groupby.c)." \
        "Each tool loads once, then times each question in-process with a monotonic clock," \
        "best of $GB_RUNS runs after 1 warm-up${rounds_note}; every answer (rows and the sum of each answer" \
        "column) agrees with data.table's."
    echo "coda ${CODA:+($CODA) }$(info coda version), data.table $(info data.table version)" \
        "(threads $(info data.table threads)), DuckDB $(info duckdb version) via @duckdb/node-api" \
        "(threads $(info duckdb threads)), pandas $(info pandas version)."
    echo "Load, for reference: $loads."
    echo "coda keeps large freed blocks for reuse (docs/cli.md) and the ranks of the key columns a" \
        "Dataset has been grouped by (docs/aggregation.md), so its timed runs take no fresh memory" \
        "from the system and start from the ranks its warm-up worked out. \"coda, nothing kept\" is" \
        "coda with CODA_BLOCK_CACHE_MB=0 CODA_KEEP_RANKS=0: every run pays the page faults of fresh" \
        "memory and ranks its keys again, as the first group-by of a session does."
    echo
    cat "$tmp/table.md"
    echo
    echo "Target: coda at least as fast as data.table and DuckDB, and 10x pandas, on every question."
    verdict "$notes" question
} >"$tmp/section.md"
cat "$tmp/section.md"

if [ "$mismatch" -ne 0 ]; then
    echo "run_groupby.sh: answers disagree (see ANSWER MISMATCH above); RESULTS.md not updated" >&2
    exit 1
fi
write_section "Group-by (db-benchmark)" "$tmp/section.md"
[ "$failed" -eq 0 ] || exit 1
