#!/usr/bin/env bash
# run_memory.sh - peak RSS against input size: a wide CSV (columns), a tall
# CSV (rows) and a corpus of many small transcripts (files), each at
# several sizes; pandas and data.table on the same CSVs when bench/deps.sh
# has installed them.  Prints a Markdown table and writes it into the
# "## Memory" section of bench/RESULTS.md.
#
#   bash bench/run_memory.sh          (CODA overrides ./coda; the inputs go
#                                      to bench/data/memory/, made once)
# MEM_WIDE, MEM_TALL and MEM_DOCS override the sizes (space-separated);
# MEM_TIMEOUT the seconds a peer may take on one input (default 900).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
coda=${CODA:-$root/coda}
data=$here/data/memory
wide=${MEM_WIDE:-1000 100000 1000000}
tall=${MEM_TALL:-100000 1000000 4000000}
docs=${MEM_DOCS:-1000 100000}
limit=${MEM_TIMEOUT:-900}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
mkdir -p "$data"

# input KIND N: the path of the input (made when missing)
input() {
    local p=$data/$1_$2
    [ "$1" = corpus ] || p=$p.csv
    if [ ! -e "$p" ]; then
        echo "generating $p" >&2
        "$coda" run "$here/gen_memory.lua" "$1" "$2" "$p.tmp" && mv "$p.tmp" "$p"
    fi
    echo "$p"
}

# bytes PATH: the bytes of a file, or of the files in a folder
bytes() {
    if [ -d "$1" ]; then find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'
    else stat -c %s "$1"; fi
}

# peak TOOL KIND PATH: the peak RSS in KB of one load (or "failed",
# "timeout"); its output must say how many rows
peak() {
    local cmd
    case $1 in
    coda) cmd=("$coda" run "$here/mem_coda.lua" "$2" "$3") ;;
    pandas) cmd=(/usr/bin/python3 "$here/load_pandas.py" "$3") ;;
    data.table) cmd=(Rscript "$here/load_datatable.R" "$3") ;;
    esac
    local rc=0
    (cd "$root" && timeout "$limit" /usr/bin/time -f '%M' -o "$tmp/time" "${cmd[@]}") \
        >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -eq 124 ]; then echo timeout; return; fi
    if [ "$rc" -ne 0 ] || ! grep -q '^rows=' "$tmp/out"; then
        echo "$1 on $3 failed:" >&2
        tail -n 3 "$tmp/err" >&2
        echo failed
        return
    fi
    tail -n 1 "$tmp/time"
}

have_peer() {
    case $1 in
    pandas) /usr/bin/python3 -c 'import pandas' 2>/dev/null ;;
    data.table) command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1 ;;
    esac
}
peers=()
for p in pandas data.table; do if have_peer "$p"; then peers+=("$p"); fi; done

base=$(peak coda none "")
echo "coda with nothing loaded: $base KB" >&2
rows=$tmp/rows
: >"$rows"
# measure KIND N UNIT TOOL...: one row per tool
measure() {
    local kind=$1 n=$2 unit=$3 path b t kb
    shift 3
    path=$(input "$kind" "$n")
    b=$(bytes "$path")
    cat "$path" >/dev/null 2>&1 || find "$path" -type f -exec cat {} + >/dev/null
    for t in "$@"; do
        echo "$t: $kind $n" >&2
        kb=$(peak "$t" "$([ "$kind" = corpus ] && echo corpus || echo csv)" "$path")
        echo "$kind $n $unit $b $t $kb" >>"$rows"
    done
}
for n in $wide; do measure wide "$n" column coda "${peers[@]}"; done
for n in $tall; do measure tall "$n" row coda "${peers[@]}"; done
for n in $docs; do measure corpus "$n" document coda; done

# the table: above = peak - coda's empty peak (the peers' own runtimes are
# not subtracted: their column shows the whole peak)
table=$tmp/table.md
{
    echo "| input | size | MB | tool | peak RSS MB | above empty MB | RSS / input byte | bytes per unit |"
    echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
    awk -v base="$base" '
        function n_(x) { return x >= 1e6 ? sprintf("%g M", x / 1e6) : x >= 1e3 ? sprintf("%g k", x / 1e3) : x }
        {
            kind = $1; n = $2; unit = $3; b = $4; t = $5; kb = $6
            what = kind == "wide" ? "wide CSV" : kind == "tall" ? "tall CSV" : "transcripts"
            if (kb !~ /^[0-9]+$/) {
                printf "| %s | %s %ss | %.1f | %s | %s | | | |\n", what, n_(n), unit, b / 1e6, t, kb
                next
            }
            above = t == "coda" ? kb - base : kb
            printf "| %s | %s %ss | %.1f | %s | %.0f | %s | %.2f | %.0f per %s |\n", what, n_(n),
                unit, b / 1e6, t, kb * 1024 / 1e6,
                (t == "coda" ? sprintf("%.0f", above * 1024 / 1e6) : "n/a"),
                kb * 1024 / b, above * 1024 / n, unit
        }' "$rows"
} >"$table"

ver_pandas=$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || true)
ver_dt=$(Rscript -e 'cat(format(packageVersion("data.table")))' 2>/dev/null || true)
{
    echo "## Memory"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc); coda $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?)," \
        "peak RSS of one load (/usr/bin/time %M), hot cache; coda with nothing loaded: $(awk -v k="$base" 'BEGIN { printf "%.1f MB", k * 1024 / 1e6 }')."
    echo "\"above empty\" and \"bytes per unit\" subtract that for coda; for a peer they are its whole peak."
    echo "Inputs from bench/gen_memory.lua: the wide CSV has 2 rows of integers, short words and decimals; the tall one 5 columns (~25 bytes a row); each transcript 3 turns (~200 bytes)."
    echo "Before the fix of issue 13 a CSV column cost ~11.6 KB and a transcript file ~8 KB; the aim is a small constant for each."
    if [ "${#peers[@]}" -gt 0 ]; then
        echo "Peers: ${ver_pandas:+pandas $ver_pandas }${ver_dt:+data.table $ver_dt}; a peer stopped after ${limit} s says timeout."
    else
        echo "Peers: none installed (bench/deps.sh installs pandas and data.table)."
    fi
    echo
    cat "$table"
} >"$tmp/section.md"
cat "$tmp/section.md"
write_section Memory "$tmp/section.md"
