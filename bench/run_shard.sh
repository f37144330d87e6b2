#!/usr/bin/env bash
# run_shard.sh - sharded coding against one run (make bench-shard): SHARD_DOCS synthetic
# transcripts (default 8000, ~25 KB each, ~200 MB) from bench/gen_corpus.c into
# bench/data/shard_corpus, coded with bench/code_codebook.csv (turn units)
#   one:    coda code --threads 2 --partial over everything, then coda merge;
#   shards: coda code --threads 1 --shard K/8 --partial, two at a time (xargs -P 2, the
#           machine's 2 cores), then coda merge of the 8 partials;
# each under /usr/bin/time (wall seconds, peak RSS). Checks the merged files are the one
# run's byte for byte, prints a Markdown table, rewrites the "## Sharding" section of
# bench/RESULTS.md, and deletes the corpus (SHARD_KEEP=1 keeps it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
book=$here/code_codebook.csv
docs=${SHARD_DOCS:-8000}
corpus=$here/data/shard_corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ "${SHARD_KEEP:-0}" = 1 ] || rm -rf "$corpus" "$corpus.stamp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
coda=${CODA:-$root/coda}    # in place: its commands are found beside it
coda_id=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
load0=$(cut -d' ' -f1-3 /proc/loadavg)
ensure_corpus "$corpus" "$docs"
find "$corpus" -name '*.txt' -exec cat {} + >/dev/null # warm the page cache
mb=$(du -sb --apparent-size "$corpus" | awk '{ printf "%.0f", $1 / 1e6 }')

# timed NAME CMD...: run CMD under /usr/bin/time into $tmp/NAME.time ("seconds KB")
timed() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$tmp/$name.time" "$@"
}

cd "$tmp"
timed one "$coda" code --codebook "$book" --threads 2 --out one.csv \
    --partial one.json "$corpus" 2>/dev/null
timed one_merge "$coda" merge one one.json
start=$(date +%s.%N)
seq 0 7 | xargs -P 2 -I{} /usr/bin/time -f '%e %M' -o "$tmp/shard{}.time" \
    "$coda" code --codebook "$book" --threads 1 --shard {}/8 \
    --out seg-{}.csv --partial part-{}.json "$corpus" 2>/dev/null
timed shards_merge "$coda" merge sharded part-*.json
end=$(date +%s.%N)
for f in frequencies.csv matrix.csv cooccurrence.csv summary.csv; do
    cmp "one/$f" "sharded/$f" || { echo "merged $f differs from one run's" >&2; exit 1; }
done

t_one=$(awk '{ s += $1 } END { print s }' one.time one_merge.time)
t_shards=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
rss_one=$(awk '{ printf "%.0f", $2 / 1024 }' one.time)
rss_max=$(cat shard?.time | awk '$2 > m { m = $2 } END { printf "%.0f", m / 1024 }')
rss_min=$(cat shard?.time | awk 'NR == 1 || $2 < m { m = $2 } END { printf "%.0f", m / 1024 }')
segs=$(($(wc -l <one.csv) - 1))
{
    echo "## Sharding"
    echo
    echo "$docs documents, $mb MB (bench/gen_corpus.c), bench/code_codebook.csv, turn units,"
    echo "$segs segments; coda $coda_id; load before: $load0; bench/run_shard.sh."
    echo "One run: \`coda code --threads 2 --partial\` then \`coda merge\`; 8 shards:"
    echo "\`coda code --threads 1 --shard K/8 --partial\` two at a time (\`xargs -P 2\`), then"
    echo "\`coda merge\` of the 8 partials (merged files identical to the one run's)."
    echo
    echo "| run | wall s | peak RSS MB | ratio to one run |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| one run + merge | $t_one | $rss_one | 1.00 |"
    awk -v s="$t_shards" -v o="$t_one" -v a="$rss_min" -v b="$rss_max" 'BEGIN {
        printf "| 8 shards + merge | %s | %s-%s a shard | %.2f |\n", s, a, b, s / o }'
} >"$tmp/section.md"
cat "$tmp/section.md"
write_section "Sharding" "$tmp/section.md"
