#!/usr/bin/env bash
# run_derive.sh - derived-column benchmark: income x weight on the synthetic survey, coda's
# C expression (and its per-row Lua callback) against R data.table's :=, load time excluded.
# Usage: bench/run_derive.sh [FILE]   (default bench/data/survey_1500k.csv, generated with
# BENCH_ROWS=1500000 when missing). Writes the "## Derived columns" section of RESULTS.md;
# exits 1 when a tool fails or the checksums disagree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
export BENCH_ROWS=${BENCH_ROWS:-1500000}
file=${1:-$here/data/survey_1500k.csv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
ensure_survey "$file"
cat "$file" >/dev/null # warm-up read
cc -std=c11 -O2 -shared -fPIC -o "$tmp/agg_clock.so" "$here/agg_clock.c"
export AGG_CLOCK_SO=$tmp/agg_clock.so

"${CODA:-$root/coda}" run "$here/derive_coda.lua" "$file" >"$tmp/coda.out" 2>"$tmp/coda.err"
Rscript "$here/derive_datatable.R" "$file" >"$tmp/dt.out" 2>"$tmp/dt.err"
cat "$tmp/coda.out" "$tmp/dt.out" >&2

# val FILE OP KEY
val() { sed -n "s/^op=$2 .*$3=\([^ ]*\).*$/\1/p" "$1"; }
c=$(val "$tmp/coda.out" income_x_weight seconds)
l=$(val "$tmp/coda.out" income_x_weight_lua seconds)
d=$(val "$tmp/dt.out" income_x_weight seconds)
rc=$(val "$tmp/coda.out" income_x_weight result)
rd=$(val "$tmp/dt.out" income_x_weight result)
# the sums are of ~1.4M products in row order: equal to the cent, or within 1e-9 relative
same=$(awk -v a="$rc" -v b="$rd" 'BEGIN { split(a, x, "[:,]"); split(b, y, "[:,]")
    d = x[2] - y[2]; if (d < 0) d = -d
    print (x[4] == y[4] && d <= 1e-9 * (x[2] < 0 ? -x[2] : x[2]) + 0.01) ? "yes" : "no" }')
info() { sed -n "s/^derive: tool=.* $2=\([^ ]*\).*$/\1/p" "$1" | head -n 1; }
{
    echo "## Derived columns"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
         "file $(basename "$file") ($(info "$tmp/coda.err" rows) rows). One derived column, income x weight," \
         "timed in-process after loading (best of ${DERIVE_RUNS:-5} after 1 warm-up; the Lua callback one run)."
    echo "coda $(info "$tmp/coda.err" version) \`ds:mutate(\"iw\", \"income * weight\")\` (a new Dataset: the other" \
         "columns borrowed, the new one computed in C); data.table $(info "$tmp/dt.err" version)" \
         "(threads $(info "$tmp/dt.err" threads)) \`dt[, iw := income * weight]\` (in place)."
    echo
    echo "| op | seconds | coda s / data.table s |"
    echo "| --- | ---: | ---: |"
    echo "| data.table \`:=\` | $d | 1.00 |"
    echo "| coda expression | $c | $(awk -v a="$c" -v b="$d" 'BEGIN { printf "%.2f", a / b }') |"
    echo "| coda Lua callback | $l | $(awk -v a="$l" -v b="$d" 'BEGIN { printf "%.2f", a / b }') |"
    echo
    echo "Checksums (sum of iw, missing count): coda $rc, data.table $rd; agree: $same."
    echo "Target: the expression under 3x data.table's time."
} >"$tmp/section.md"
cat "$tmp/section.md"
[ "$same" = yes ] || { echo "run_derive.sh: checksums disagree" >&2; exit 1; }
write_section "Derived columns" "$tmp/section.md"
