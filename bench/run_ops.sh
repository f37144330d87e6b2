#!/usr/bin/env bash
# run_ops.sh - the analyst's operations on the 104 MB survey: coda vs data.table (2 threads),
# pandas and DuckDB, load time excluded: median by group, mean by two keys, filter then group mean.
# Usage: bench/run_ops.sh [FILE]   (default bench/data/survey_570000.csv, made by gen_survey.c when
# missing: 570,000 rows, 104,005,701 bytes; OPS_ROWS sets the rows of the default file, e.g. 50000
# for a quick run; CODA overrides ./coda; AGG_RUNS the timed runs per op, default 5). The ops are
# agg_coda.lua's, agg_datatable.R's, agg_pandas.py's and agg_duckdb.mjs's, named on their
# command lines. Every answer is checked against data.table's; a mismatch exits 1 and leaves
# bench/RESULTS.md alone. Prints a Markdown table; on the 104 MB file (the default) it also goes
# into the "## Analyst operations (104 MB)" section of bench/RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rows=${OPS_ROWS:-570000}
file=${1:-$here/data/survey_$rows.csv}
export AGG_RUNS=${AGG_RUNS:-5}
export AGG_DT_THREADS=2
tools=(data.table coda pandas duckdb)
ops=(median_by_group mean_by_two_keys filter_group_mean)
declare -A what=([median_by_group]="median income by state"
    [mean_by_two_keys]="mean income by state, consent"
    [filter_group_mean]="age >= 40, then mean income by state")
target=$(awk 'BEGIN { print 1 / 1.5 }') # data.table s / coda s: coda within 1.5x of data.table
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"

BENCH_ROWS=$rows ensure_survey "$file"
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
cat "$file" >/dev/null # warm-up read: every tool then loads from the page cache

build_clock
prefix=agg
run_tools "$AGG_RUNS" "${ops[@]}"

# every tool's answer must equal data.table's: group counts exactly, sums within 1e-9 relative
check_answers data.table 0 1e-9 "${ops[@]}"

# the table: seconds per tool, then peer s / coda s (>1: coda is faster)
notes=$tmp/notes
: >"$notes"
peers=(data.table pandas duckdb)
target_of() { [ "$1" != data.table ] || echo "$target"; }
ratio_table op "${ops[@]}" >"$tmp/table.md"

loads=
for t in "${tools[@]}"; do loads+="${loads:+, }$t $(info "$t" load_s) s"; done
{
    echo "## Analyst operations (104 MB)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
        "file $(basename "$file") ($(info coda rows) rows, $(stat -c %s "$file") bytes, bench/gen_survey.c)." \
        "Each tool loads once, then times each op in-process with a monotonic clock, best of" \
        "$AGG_RUNS runs after 1 warm-up; every answer (groups, the sum of the answers and their" \
        "sum weighted by the group's rank in key order) agrees with data.table's."
    echo "coda ${CODA:+($CODA) }$(info coda version), data.table $(info data.table version)" \
        "(threads $(info data.table threads)), pandas $(info pandas version), DuckDB" \
        "$(info duckdb version) via @duckdb/node-api (threads $(info duckdb threads))."
    echo "Load, for reference: $loads."
    echo
    cat "$tmp/table.md"
    echo
    echo "Target: coda within 1.5x of data.table's time on every op (data.table s / coda s" \
        "at least 1/1.5)."
    verdict "$notes" op
} >"$tmp/section.md"
cat "$tmp/section.md"

if [ "$mismatch" -ne 0 ]; then
    echo "run_ops.sh: answers disagree (see ANSWER MISMATCH above); RESULTS.md not updated" >&2
    exit 1
fi
if [ "$#" -eq 0 ] && [ "$rows" = 570000 ]; then
    write_section "Analyst operations (104 MB)" "$tmp/section.md"
else
    echo "run_ops.sh: not the 104 MB file; RESULTS.md not updated" >&2
fi
[ "$failed" -eq 0 ] || exit 1
