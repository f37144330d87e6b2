#!/usr/bin/env bash
# run_code.sh - transcript coding benchmark: coda vs Python re, R stringi, ripgrep, PCRE2 and DuckDB.
# Usage: bench/run_code.sh   Generates (if missing or stale) bench/data/corpus: CODE_DOCS
# documents (default 20000, ~25 KB each, ~500 MB) from bench/gen_corpus.c, and hard-links its
# first tenth into bench/data/tenth (CODE_DATA overrides bench/data). Codes both with
# bench/code_codebook.csv (40 codes), coda with a copy of ${CODA:-./coda} three times (units
# turn, paragraph and whole document: coda, coda-paragraph, coda-document), plain PCRE2-JIT on
# one thread (bench/code_pcre2.c, whole documents, PCRE2's ASCII \b):
#   tenth: every tool (the apples-to-apples rows);
#   full:  coda, ripgrep (default engine and -P), PCRE2 and DuckDB; Python and R only with
#          CODE_SLOW_FULL=1, otherwise their tenth time is scaled by bytes (marked "scaled").
# CODE_QUIET=1 waits before each tool for an idle machine (up to 10 minutes).
# Each tool times its coding in-process (CODE_RUNS runs, default 1, best kept) and prints its
# per-(document, code) counts, which are checked against Python re (tenth) or coda (full) on the
# codes where the engines agree (see bench/README.md). Prints a Markdown table and rewrites the
# "## Coding" section of bench/RESULTS.md; exits 1 (RESULTS.md untouched) on a failure or mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
book=$here/code_codebook.csv
data=${CODE_DATA:-$here/data}
docs=${CODE_DOCS:-20000}
export CODE_RUNS=${CODE_RUNS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"

# a copy of the coda binary, so that a rebuild during the run cannot mix two builds; its commit
# (and "+dirty" when runtime/ or bindings/ have uncommitted changes) goes into the record
cp "${CODA:-$root/coda}" "$tmp/coda"
cc -std=c11 -O2 -o "$tmp/code_pcre2" "$here/code_pcre2.c" -lpcre2-8
coda_id=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -z "$(git -C "$root" status --porcelain runtime bindings 2>/dev/null)" ] || coda_id+="+dirty"
coda_id+=", binary sha1 $(sha1sum "$tmp/coda" | cut -c1-12)"
load0=$(cut -d' ' -f1-3 /proc/loadavg) # other work on the machine skews every number: check it
# the corpus: regenerated when the document count or the generator's source changed
mkdir -p "$data"
stamp="docs=$docs gen=$(sha1sum "$here/gen_corpus.c" | cut -c1-12)"
if [ "$(cat "$data/corpus.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -d "$data/corpus" ]; then
    cc -std=c11 -O2 -o "$data/gen_corpus" "$here/gen_corpus.c"
    rm -rf "$data/corpus" "$data/corpus.tmp" "$data/tenth" "$data/corpus.stamp"
    mkdir "$data/corpus.tmp"
    echo "generating $docs documents into $data/corpus" >&2
    "$data/gen_corpus" "$docs" "$data/corpus.tmp"
    mv "$data/corpus.tmp" "$data/corpus"
    mkdir "$data/tenth" # the first tenth, as hard links (no extra disk)
    for ((i = 1; i <= docs / 10; i++)); do ln "$data/corpus/$(printf 'doc%05d.txt' "$i")" "$data/tenth/"; done
    echo "$stamp" >"$data/corpus.stamp"
fi
find "$data/corpus" -name '*.txt' -exec cat {} + >/dev/null # warm the page cache
bytes_full=$(du -sb --apparent-size "$data/corpus" | cut -f1)
bytes_tenth=$(du -sb --apparent-size "$data/tenth" | cut -f1)

# code classes: "strict" codes are ASCII-only or have no \b; the others put \b next to
# Devanagari, where the engines' word characters differ (the check only reports them)
/usr/bin/python3 - "$book" "$tmp" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f, \
        open(sys.argv[2] + "/strict", "w") as s, open(sys.argv[2] + "/unicode_b", "w") as u:
    for r in csv.DictReader(f):
        (s if r["pattern"].isascii() or "\\b" not in r["pattern"] else u).write(r["code"] + "\n")
EOF

# tool_cmd TOOL DIR: set the array cmd to the command that codes DIR
tool_cmd() {
    case $1 in
    coda) cmd=("$tmp/coda" run "$here/code_coda.lua" "$2" "$book") ;;
    coda-paragraph | coda-document)
        cmd=(env CODE_UNIT="${1#coda-}" "$tmp/coda" run "$here/code_coda.lua" "$2" "$book") ;;
    pcre2) cmd=("$tmp/code_pcre2" "$2" "$book") ;;
    ripgrep) cmd=(/usr/bin/python3 "$here/code_rg.py" "$2" "$book") ;;
    ripgrep-P) cmd=(/usr/bin/python3 "$here/code_rg.py" "$2" "$book" -P) ;;
    duckdb) cmd=(node "$here/code_duckdb.mjs" "$2" "$book") ;;
    python) cmd=(/usr/bin/python3 "$here/code_python.py" "$2" "$book") ;;
    stringi) cmd=(Rscript "$here/code_stringi.R" "$2" "$book") ;;
    esac
}

# busy: the CPU ticks all processes have used so far (user, nice, system, irq, softirq, steal)
busy() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# idle_pct SECONDS: how idle the machine was over SECONDS
idle_pct() {
    local b0 t0 b1 t1
    b0=$(busy) t0=$(awk '$1 == "cpu" { for (i = 2; i <= 9; i++) s += $i; print s; exit }' /proc/stat)
    sleep "$1"
    b1=$(busy) t1=$(awk '$1 == "cpu" { for (i = 2; i <= 9; i++) s += $i; print s; exit }' /proc/stat)
    echo $((100 - 100 * (b1 - b0) / (t1 - t0 > 0 ? t1 - t0 : 1)))
}

# run SET TOOL: $tmp/SET.TOOL.counts (sorted counts) and $tmp/SET.TOOL.info (the "code:" line,
# plus others=N: the cores that other processes kept busy meanwhile, on average). With
# CODE_QUIET=1 it first waits (up to 10 minutes) for the machine to be >= 90% idle.
failed=0
hz=$(getconf CLK_TCK)
run() {
    local set=$1 t=$2 dir=$data/corpus b0 b1 i
    [ "$set" = full ] || dir=$data/tenth
    tool_cmd "$t" "$dir"
    if [ "${CODE_QUIET:-0}" = 1 ]; then
        for ((i = 0; i < 120; i++)); do [ "$(idle_pct 5)" -lt 90 ] || break; done
    fi
    echo "$set: $t (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    b0=$(busy)
    if (cd "$root" && /usr/bin/time -f '%e %U %S' -o "$tmp/time" "${cmd[@]}") >"$tmp/out" 2>"$tmp/err" &&
        grep -q '^code: ' "$tmp/err"; then
        b1=$(busy)
        LC_ALL=C sort "$tmp/out" >"$tmp/$set.$t.counts"
        { grep '^code: ' "$tmp/err" | head -n 1 | tr -d '\n'
          awk -v b="$((b1 - b0))" -v hz="$hz" -v n="$(nproc)" '{ o = ($1 > 0 ? (b / hz - $2 - $3) / $1 : 0)
              printf " others=%.2f\n", (o < 0 ? 0 : o > n ? n : o) }' "$tmp/time"
        } >"$tmp/$set.$t.info"
    else
        echo "$set: $t failed:" >&2
        tail -n 5 "$tmp/err" >&2
        failed=1
    fi
}
slow=(python stringi)
fast=(coda coda-paragraph coda-document ripgrep ripgrep-P pcre2 duckdb)
for t in "${fast[@]}" "${slow[@]}"; do run tenth "$t"; done
for t in "${fast[@]}"; do run full "$t"; done
if [ "${CODE_SLOW_FULL:-0}" = 1 ]; then for t in "${slow[@]}"; do run full "$t"; done; fi

# info SET TOOL KEY: a value from the tool's "code:" line (empty when missing)
info() { sed -n "s/^code: .* $3=\([^ ]*\).*$/\1/p" "$tmp/$1.$2.info" 2>/dev/null || true; }

# diffs SET TOOL REF CLASS: how many (document, code) cells of CLASS's codes differ
diffs() {
    awk -F'\t' -v cls="$tmp/$4" -v ref="$tmp/$1.$3.counts" '
        FILENAME == cls { keep[$1] = 1; next }
        !keep[$2] { next }
        FILENAME == ref { r[$1 FS $2] = $3; next }
        { t[$1 FS $2] = $3 }
        END { for (k in r) if (r[k] != t[k]) n++
              for (k in t) if (!(k in r)) n++
              print n + 0 }' "$tmp/$4" "$tmp/$1.$3.counts" "$tmp/$1.$2.counts"
}

# the table: one row per (corpus, tool); ratio = tool s / coda s on the same files
mismatch=0
table=$tmp/table.md
{
    printf '%s\n' "| corpus | tool | coding s | MB/s | tool s / coda s | load s | check: strict codes | \\b-Devanagari codes | others' cores |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: |"
    for set in tenth full; do
        bytes=$bytes_tenth ref=python
        [ "$set" = tenth ] || bytes=$bytes_full ref=coda
        [ -s "$tmp/$set.python.info" ] || ref=coda
        c=$(info "$set" coda code_s)
        for t in "${fast[@]}" "${slow[@]}"; do
            s=$(info "$set" "$t" code_s) scaled=
            if [ -z "$s" ] && [ "$set" = full ] && [[ " ${slow[*]} " == *" $t "* ]]; then
                s=$(info tenth "$t" code_s) # not run on the full corpus: tenth time x bytes
                [ -z "$s" ] || s=$(awk -v s="$s" -v a="$bytes_full" -v b="$bytes_tenth" 'BEGIN { print s * a / b }')
                scaled=" (scaled from tenth)"
            fi
            [ -n "$s" ] || { echo "| $set | $t | failed | | | | | | |"; continue; }
            check="reference" uni=""
            if [ -z "$scaled" ] && [ "$t" != "$ref" ]; then
                if [ ! -s "$tmp/$set.$ref.counts" ]; then
                    check="no reference"
                else
                    d=$(diffs "$set" "$t" "$ref" strict) u=$(diffs "$set" "$t" "$ref" unicode_b)
                    if [ "$d" -eq 0 ]; then check="= $ref"; else check="**$d cells differ**"; mismatch=1; fi
                    uni="$u cells differ"
                fi
            fi
            [ -z "$scaled" ] || check="" uni=""
            awk -v set="$set" -v t="$t$scaled" -v s="$s" -v c="$c" -v b="$bytes" -v l="$(info "$set" "$t" load_s)" \
                -v ck="$check" -v u="$uni" -v o="$(info "$set" "$t" others)" 'BEGIN {
                r = (c > 0 ? sprintf("%.2f", s / c) : "n/a")
                printf "| %s | %s | %.2f | %.1f | %s | %s | %s | %s | %s |\n", set, t, s, b / 1e6 / s, r, l, ck, u, o }'
        done
    done
} >"$table"

# the targets: coda at least 2x ripgrep (either engine) and 25x Python re, on the full corpus
targets=$tmp/targets
{
    c=$(info full coda code_s)
    for t in ripgrep ripgrep-P python; do
        g=$([ "$t" = python ] && echo 25 || echo 2)
        s=$(info full "$t" code_s) how="full corpus"
        if [ -z "$s" ] && [ "$t" = python ]; then
            s=$(info tenth python code_s) how="Python on the tenth scaled by bytes"
            [ -z "$s" ] || s=$(awk -v s="$s" -v a="$bytes_full" -v b="$bytes_tenth" 'BEGIN { print s * a / b }')
        fi
        if [ -z "$s" ] || [ -z "$c" ]; then echo "- $t: not assessed (a run failed)"; continue; fi
        awk -v t="$t" -v s="$s" -v c="$c" -v g="$g" -v how="$how" 'BEGIN {
            r = s / c
            printf "- vs %s: %.2fx (%s), target %dx: %s\n", t, r, how, g,
                (r >= g ? "met" : sprintf("missed (coda %.2f s would need <= %.2f s)", c, s / g)) }'
    done
    for u in coda coda-paragraph coda-document; do # every unit: >= 2x ripgrep, >= 1.6x PCRE2
        for t in ripgrep pcre2; do
            s=$(info full "$t" code_s) c=$(info full "$u" code_s)
            g=$([ "$t" = pcre2 ] && echo 1.6 || echo 2)
            [ -n "$s" ] && [ -n "$c" ] || { echo "- $u vs $t: not assessed (a run failed)"; continue; }
            awk -v u="$u" -v t="$t" -v s="$s" -v c="$c" -v g="$g" 'BEGIN {
                r = s / c
                printf "- %s vs %s: %.2fx (full corpus), target %gx: %s\n", u, t, r, g,
                    (r >= g ? "met" : sprintf("missed (%.2f s would need <= %.2f s)", c, s / g)) }'
        done
    done
    for t in ripgrep ripgrep-P python; do # the same ratios on the tenth, every tool on the same files
        s=$(info tenth "$t" code_s) c=$(info tenth coda code_s)
        [ -z "$s" ] || [ -z "$c" ] || awk -v t="$t" -v s="$s" -v c="$c" 'BEGIN {
            printf "- on the tenth: vs %s %.2fx\n", t, s / c }'
    done
} >"$targets"

# versions, for the record
bd="\\b-Devanagari"
v_py=$(info tenth python version)
v_r="$(info tenth stringi version) (ICU $(info tenth stringi icu))"
v_rg="$(info tenth ripgrep version) ($(rg --pcre2-version 2>/dev/null | head -n 1 | cut -d' ' -f1,2))"
v_duck="$(info tenth duckdb version) via @duckdb/node-api (threads $(info tenth duckdb threads))"
{
    echo "## Coding"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average at the start $load0, at the end $(cut -d' ' -f1-3 /proc/loadavg)." \
        "Codebook bench/code_codebook.csv ($(wc -l <"$tmp/strict") strict + $(wc -l <"$tmp/unicode_b") $bd codes);" \
        "corpus bench/data/corpus: $docs documents, $(awk -v b="$bytes_full" 'BEGIN { printf "%.1f MB", b / 1e6 }');" \
        "tenth: the first $((docs / 10)) documents, $(awk -v b="$bytes_tenth" 'BEGIN { printf "%.1f MB", b / 1e6 }')." \
        "Coding time only (load and compile excluded), best of $CODE_RUNS, hot cache;" \
        "segments: coda $(info full coda segments) on the full corpus." \
        "Others' cores: CPU time other processes used during a tool's run over its wall time" \
        "(0 on a quiet machine; 1 means one of the $(nproc) cores was taken by other work)."
    echo "coda $(info tenth coda version) ($coda_id; turn units, coda-paragraph and coda-document the same with" \
        "paragraph and whole-document units; threads = cores), Python $v_py re (1 thread)," \
        "R stringi $v_r (1 thread), ripgrep $v_rg (40 calls, threads = cores)," \
        "PCRE2 $(info tenth pcre2 version) JIT (bench/code_pcre2.c, 1 thread, whole documents), DuckDB $v_duck."
    echo
    cat "$table"
    echo
    echo "Targets (tool s / coda s):"
    echo
    cat "$targets"
} >"$tmp/section.md"
cat "$tmp/section.md"

if [ "$failed" -ne 0 ] || [ "$mismatch" -ne 0 ]; then
    echo "run_code.sh: a tool failed or the counts disagree on strict codes; RESULTS.md not updated" >&2
    exit 1
fi

write_section Coding "$tmp/section.md"
