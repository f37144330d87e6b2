#!/usr/bin/env bash
# run_stats.sh - survey-statistics benchmark: coda's design against R's
# survey package, and against coda's own unweighted group mean.
# Usage: bench/run_stats.sh [FILE]   (default bench/data/design.csv,
# generated if missing by gen_design.lua: STATS_ROWS rows, default
# 1000000, 50 strata, 2,000 PSUs, 10 groups).  Load time excluded; each
# tool times its ops in-process (1 warm-up, then best of STATS_RUNS for
# coda, default 5, and STATS_RUNS_R for R, default 3).  Writes the
# "## Survey statistics" section of bench/RESULTS.md; exits 1 when a
# tool fails or the two disagree on a mean or its standard error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
file=${1:-$here/data/design.csv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
coda=${CODA:-$root/coda}

if [ ! -f "$file" ]; then
    mkdir -p "$(dirname "$file")"
    echo "generating $file (${STATS_ROWS:-1000000} rows)" >&2
    "$coda" run "$here/gen_design.lua" "${STATS_ROWS:-1000000}" "$file"
fi
rows=$(($(wc -l <"$file") - 1))
echo "coda: ops" >&2
(cd "$root" && "$coda" run "$here/stats_coda.lua" "$file") >"$tmp/coda.out"
echo "R survey: ops (minutes)" >&2
Rscript "$here/stats_survey.R" "$file" >"$tmp/r.out"

get() { sed -n "s/^op=$2 seconds=\([0-9.]*\) result=\(.*\)$/\\$3/p" "$tmp/$1.out"; }
mismatch=0
for op in svymean svyby; do
    if [ "$(get coda $op 2)" != "$(get r $op 2)" ]; then
        echo "MISMATCH $op: coda $(get coda $op 2), R $(get r $op 2)" >&2
        mismatch=1
    fi
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
{
    echo "## Survey statistics"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), file $(basename "$file") ($rows rows, 50 strata, 2,000 PSUs, 10 groups). Load time excluded; best of ${STATS_RUNS:-5} (coda) and ${STATS_RUNS_R:-3} (R) runs after 1 warm-up."
    echo "coda $("$coda" run <(echo 'print(require("coda").version)')), R survey $(Rscript -e 'cat(as.character(packageVersion("survey")))'). Means and standard errors agree to 10 significant digits."
    echo
    echo "| op | coda s | R survey s | R / coda |"
    echo "| --- | ---: | ---: | ---: |"
    for op in design svymean svyby; do
        echo "| $op | $(get coda $op 1) | $(get r $op 1) | $(ratio "$(get r $op 1)" "$(get coda $op 1)") |"
    done
    echo
    echo "Against coda's unweighted group mean (\`ds:group_by(\"g\"):summarise{ mean }\`, $(get coda group_mean 1) s): the design's mean by group costs $(ratio "$(get coda svyby 1)" "$(get coda group_mean 1)")x it (target at most 3x), its whole-sample mean $(ratio "$(get coda svymean 1)" "$(get coda group_mean 1)")x."
    echo "Target against R: at least 20x on svymean and svyby."
} >"$tmp/section.md"
cat "$tmp/section.md"
[ "$mismatch" -eq 0 ] || { echo "run_stats.sh: coda and R disagree; RESULTS.md not updated" >&2; exit 1; }
write_section "Survey statistics" "$tmp/section.md"
