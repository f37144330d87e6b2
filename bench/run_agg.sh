#!/usr/bin/env bash
# run_agg.sh - aggregation benchmark: coda vs pandas, data.table and DuckDB, load time excluded.
# Usage: bench/run_agg.sh [FILE]   (default bench/data/survey.csv, generated if missing;
# BENCH_ROWS sets its row count, default 2000000; CODA overrides ./coda; AGG_RUNS the timed
# runs per op, default 5). Each tool loads the file once, then times every op in-process
# (1 warm-up, best of AGG_RUNS) and prints "op=NAME seconds=S result=CHECKSUM". Prints a
# Markdown table and writes it into the "## Aggregation" section of bench/RESULTS.md.
# Exits 1 when a tool fails or an op's checksums disagree (then RESULTS.md is left alone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
file=${1:-$here/data/survey.csv}
export AGG_RUNS=${AGG_RUNS:-5}
tools=(coda pandas data.table duckdb)
ops=(multi_freq state_x_multi mean_by_group)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"

ensure_survey "$file"
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
cat "$file" >/dev/null # warm-up read: every tool then loads from the page cache

build_clock
prefix=agg

# run each tool once; $tmp/TOOL.out holds its op lines, $tmp/TOOL.err its stderr
run_tools "$AGG_RUNS" "${ops[@]}"

# checksums: every tool that answered an op must agree with the first that did; integers
# exactly, decimals within 1.5e-6 (the checksum prints 6 decimals, and float sums of the same
# means may round either way at the last one)
mismatch=0
for op in "${ops[@]}"; do
    ref="" reft=""
    for t in "${tools[@]}"; do
        r=$(field "$t" "$op" result)
        [ -n "$r" ] || continue
        if [ -z "$ref" ]; then
            ref=$r reft=$t
        elif ! same_result "$ref" "$r" 1.5e-6 0; then
            echo "run_agg.sh: CHECKSUM MISMATCH on $op: $reft $ref, $t $r" >&2
            mismatch=1
        fi
    done
    [ -z "$ref" ] || echo "$op checksum: $ref" >&2
done

# the table: seconds per tool, then peer s / coda s (>1 means coda is faster)
table=$tmp/table.md
notes=$tmp/notes
: >"$notes"
{
    echo "| op | coda s | pandas s | data.table s | DuckDB s | pandas / coda | data.table / coda | DuckDB / coda |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for op in "${ops[@]}"; do
        line="| $op"
        c=$(field coda "$op" seconds)
        for t in "${tools[@]}"; do
            s=$(field "$t" "$op" seconds)
            line+=" | $(if [ -n "$s" ]; then awk -v s="$s" 'BEGIN { printf "%.4f", s }'; else echo failed; fi)"
        done
        for t in pandas data.table duckdb; do
            s=$(field "$t" "$op" seconds)
            if [ -n "$s" ] && [ -n "$c" ]; then
                target=$([ "$t" = pandas ] && echo 10 || echo 2)
                line+=$(ratio_cell "$s" "$c" "$target" "$op" "$t" "$notes")
            else
                line+=" | n/a"
            fi
        done
        echo "$line |"
    done
} >"$table"

loads=
for t in "${tools[@]}"; do loads+="${loads:+, }$t $(info "$t" load_s) s"; done
rows=$(for t in "${tools[@]}"; do info "$t" rows; done | grep -v '?' | head -n 1 || true)
{
    echo "## Aggregation"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), file $(basename "$file")" \
        "(${rows:-?} rows). Load time excluded: each tool loads once, then times" \
        "each op in-process with a monotonic clock, best of $AGG_RUNS runs after 1 warm-up."
    echo "coda ${CODA:+($CODA) }$(info coda version), pandas $(info pandas version)," \
        "data.table $(info data.table version) (threads $(info data.table threads))," \
        "DuckDB $(info duckdb version) via @duckdb/node-api (threads $(info duckdb threads))."
    echo "Load, for reference: $loads."
    echo
    cat "$table"
    echo
    echo "Target: coda at least 10x faster than pandas and 2x faster than data.table and DuckDB" \
        "on each op (ratios are peer s / coda s)."
    verdict "$notes" op
} >"$tmp/section.md"
cat "$tmp/section.md"

if [ "$mismatch" -ne 0 ]; then
    echo "run_agg.sh: tools disagree (see CHECKSUM MISMATCH above); RESULTS.md not updated" >&2
    exit 1
fi

write_section Aggregation "$tmp/section.md"
[ "$failed" -eq 0 ] || exit 1
