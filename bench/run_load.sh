#!/usr/bin/env bash
# run_load.sh - CSV load benchmark: coda vs pandas, data.table and DuckDB on one file.
# Usage: bench/run_load.sh [FILE]   (default bench/data/survey.csv, generated if missing;
# BENCH_ROWS sets its row count, default 2000000; CODA overrides ./coda). Prints a Markdown table and writes it
# into the "## Load" section of bench/RESULTS.md. Peers come from bench/deps.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
file=${1:-$here/data/survey.csv}
runs=3
tools=(coda pandas data.table duckdb)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"

ensure_survey "$file"
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
bytes=$(stat -c %s "$file")
cat "$file" >/dev/null # warm-up read: every tool then reads from the page cache

prefix=load   # tool_cmd (common.sh) runs load_coda.lua ...: each loads $file, prints rows=N

# measure TOOL: run it $runs times; write "median_s peak_kb rows" (or "failed") to $tmp/TOOL
measure() {
    local t=$1 i rows=
    tool_cmd "$t"
    : >"$tmp/$t.times"
    for ((i = 1; i <= runs; i++)); do
        echo "$t run $i/$runs" >&2
        if ! (cd "$root" && /usr/bin/time -f '%e %M' -o "$tmp/time" "${cmd[@]}") \
            >"$tmp/out" 2>"$tmp/err" || ! grep -qx 'rows=[0-9]*' "$tmp/out"; then
            echo "$t failed:" >&2
            tail -n 5 "$tmp/err" >&2
            echo failed >"$tmp/$t"
            return
        fi
        rows=$(sed -n 's/^rows=//p' "$tmp/out")
        tail -n 1 "$tmp/time" >>"$tmp/$t.times"
    done
    # median wall time (odd run count), highest peak RSS
    echo "$(cut -d' ' -f1 "$tmp/$t.times" | sort -n | sed -n "$(((runs + 1) / 2))p")" \
        "$(cut -d' ' -f2 "$tmp/$t.times" | sort -n | tail -n 1)" "$rows" >"$tmp/$t"
}

for t in "${tools[@]}"; do measure "$t"; done

# the table; ratios compare coda with each peer (>1 means coda is faster / uses more memory)
table=$tmp/table.md
{
    echo "| tool | median s | MB/s | peak RSS MB | rows | peer s / coda s | coda RSS / peer RSS |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for t in "${tools[@]}"; do
        awk -v t="$t" -v bytes="$bytes" -v c="$(cat "$tmp/coda")" '
            $1 == "failed" { print "| " t " | failed | | | | | |"; next }
            {
                split(c, cv, " ")
                r1 = r2 = "n/a"
                if (t == "coda") r1 = r2 = "1.00"
                else if (cv[1] != "failed" && cv[1] > 0 && $2 > 0) {
                    r1 = sprintf("%.2f", $1 / cv[1]); r2 = sprintf("%.2f", cv[2] / $2)
                }
                printf "| %s | %.2f | %.0f | %.0f | %s | %s | %s |\n", t, $1,
                    ($1 > 0 ? bytes / 1e6 / $1 : 0), $2 * 1024 / 1e6, $3, r1, r2
            }' "$tmp/$t"
    done
} >"$table"

# versions of the peers, for the record (blank when one is missing)
ver_pandas=$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || true)
ver_dt=$(Rscript -e 'cat(format(packageVersion("data.table")), data.table::getDTthreads())' 2>/dev/null || true)
ver_duck=$(sed -n 's/^ *"version": "\(.*\)",*$/\1/p' \
    "$here/node/node_modules/@duckdb/node-api/package.json" 2>/dev/null || true)
{
    echo "## Load"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), file $(basename "$file")" \
        "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'), median of $runs runs (hot cache)."
    echo "Peers: pandas ${ver_pandas:-?}, data.table ${ver_dt% *} (threads ${ver_dt#* })," \
        "@duckdb/node-api ${ver_duck:-?}."
    echo
    cat "$table"
} >"$tmp/section.md"
cat "$tmp/section.md"

write_section Load "$tmp/section.md"

# every tool that ran must have read the same number of records
nrows=$(for t in "${tools[@]}"; do cat "$tmp/$t"; done | awk '$1 != "failed" { print $3 }' | sort -u | wc -l)
if [ "$nrows" -gt 1 ]; then
    echo "run_load.sh: tools disagree on the row count" >&2
    exit 1
fi
