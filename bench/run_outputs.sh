#!/usr/bin/env bash
# run_outputs.sh - `coda code` output formats against --format csv on one corpus.
# Usage: bench/run_outputs.sh   Generates (if missing or stale) OUT_DOCS documents (default 8000,
# ~25 KB each, ~200 MB) with bench/gen_corpus.c into bench/data/outputs_corpus (OUT_DATA overrides
# bench/data), then runs `coda code --codebook bench/code_codebook.csv --format F --out FILE` for
# F = csv, jsonl, kwic, html, one after the other, OUT_RUNS times each (default 3, in rounds so
# that a passing burst of other work spreads over the formats), under /usr/bin/time: wall time
# and CPU time (median of the runs), peak RSS (the largest), output size. Each whole command is
# timed: reading, coding and writing. Ratios are to csv measured in the same run. Prints a
# Markdown table and rewrites the "## Outputs" section of bench/RESULTS.md; exits 1 (RESULTS.md
# untouched) when a run fails or a ratio passes 2 (the target: within 2x of csv).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
book=$here/code_codebook.csv
data=${OUT_DATA:-$here/data}
docs=${OUT_DOCS:-8000}
runs=${OUT_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
cp "${CODA:-$root/coda}" "$tmp/coda"
ln -s "$root/scripts" "$tmp/scripts"   # the `code` command
coda_id=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -z "$(git -C "$root" status --porcelain runtime bindings scripts 2>/dev/null)" ] || coda_id+="+dirty"
corpus=$data/outputs_corpus
ensure_corpus "$corpus" "$docs"
mb=$(du -sb --apparent-size "$corpus" | awk '{printf "%.1f", $1 / 1e6}')
find "$corpus" -name '*.txt' -exec cat {} + >/dev/null # warm the page cache
load0=$(cut -d' ' -f1-3 /proc/loadavg)

formats=(csv jsonl kwic html)
for ((run = 1; run <= runs; run++)); do
    for f in "${formats[@]}"; do
        rm -rf "$tmp/out" && mkdir "$tmp/out"
        echo "run $run: $f (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
        if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
            "$tmp/coda" code --codebook "$book" --format "$f" --out "$tmp/out/seg.$f" "$corpus" 2>"$tmp/err"; then
            echo "$f failed:" >&2
            tail -n 5 "$tmp/err" >&2
            exit 1
        fi
        awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$tmp/time" >>"$tmp/$f.runs"
        du -sb --apparent-size "$tmp/out" | awk '{ printf "%.1f", $1 / 1e6 }' >"$tmp/$f.size"
        ls "$tmp/out" | wc -l >"$tmp/$f.files"
    done
done

# stat F COLUMN: the median (wall, cpu) or the largest (rss KB) of F's runs
stat() {
    if [ "$2" = 3 ]; then sort -n -k3 "$tmp/$1.runs" | tail -n 1 | cut -d' ' -f3
    else sort -n -k"$2" "$tmp/$1.runs" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; fi
}
table=$tmp/table.md
worst=0
{
    echo "| format | wall s | CPU s | peak RSS MB | output MB (files) | wall / csv | RSS / csv |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    cw=$(stat csv 1) cr=$(stat csv 3)
    for f in "${formats[@]}"; do
        w=$(stat "$f" 1) c=$(stat "$f" 2) r=$(stat "$f" 3)
        awk -v f="$f" -v w="$w" -v c="$c" -v r="$r" -v cw="$cw" -v cr="$cr" \
            -v s="$(cat "$tmp/$f.size")" -v n="$(cat "$tmp/$f.files")" 'BEGIN {
            printf "| %s | %.2f | %.2f | %.0f | %s (%d) | %.2f | %.2f |\n", f, w, c, r / 1024, s, n, w / cw, r / cr }'
    done
} >"$table"
worst=$(awk -F'|' 'NR > 2 { for (i = 7; i <= 8; i++) if ($i + 0 > m) m = $i + 0 } END { print m }' "$table")
{
    echo "## Outputs"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average at the start $load0, at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "\`coda code --codebook bench/code_codebook.csv --format F --out FILE\` on ${corpus#"$root"/}:" \
        "$docs documents, $mb MB (bench/gen_corpus.c), turn units; coda $coda_id; bench/run_outputs.sh." \
        "The whole command (read, code, write); median of $runs runs of wall and CPU (user + system) time, the" \
        "largest peak RSS. html writes an index and pages of about 256 KB of transcript text."
    echo
    cat "$table"
    echo
    awk -v m="$worst" 'BEGIN { printf "Target: every format within 2x of csv in wall time and peak RSS: %s (largest ratio %.2f).\n",
        (m <= 2 ? "met" : "missed"), m }'
} >"$tmp/section.md"
cat "$tmp/section.md"
if awk -v m="$worst" 'BEGIN { exit !(m > 2) }'; then
    echo "run_outputs.sh: a format is more than 2x csv; RESULTS.md not updated" >&2
    exit 1
fi
write_section Outputs "$tmp/section.md"
