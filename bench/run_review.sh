#!/usr/bin/env bash
# run_review.sh - the coding project and its review server on a ~200 MB corpus.
# Usage: bench/run_review.sh   Generates (if missing) REVIEW_DOCS documents (default 8000,
# ~25 KB each) with bench/gen_corpus.c into bench/data/review_corpus (REVIEW_DATA overrides
# bench/data), then times, with bench/code_codebook.csv:
#   coda code --format csv on the corpus (the reference: coding without a project);
#   p:add(corpus) and p:code(codebook) into a new project (one `coda run` each);
#   the first page served by `coda review` (GET / and the first GET /api/segments);
#   the median round trip of 200 decisions (POST /api/decide, each committed to disk).
# Prints a Markdown table and rewrites the "## Review" section of bench/RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
book=$here/code_codebook.csv
data=${REVIEW_DATA:-$here/data}
docs=${REVIEW_DOCS:-8000}
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=bench/common.sh
. "$here/common.sh"
cp "${CODA:-$root/coda}" "$tmp/coda"
ln -s "$root/scripts" "$tmp/scripts"   # the commands (coda code, coda review)
coda=$tmp/coda
corpus=$data/review_corpus
ensure_corpus "$corpus" "$docs"
mb=$(du -sb --apparent-size "$corpus" | awk '{printf "%.0f", $1 / 1e6}')
find "$corpus" -name '*.txt' -exec cat {} + >/dev/null

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

t0=$(now); "$coda" code --codebook "$book" --format csv "$corpus" >"$tmp/seg.csv"; t1=$(now)
t_code=$(secs "$t0" "$t1")
nseg=$(($(wc -l <"$tmp/seg.csv") - 1))
proj=$tmp/bench.coda
printf 'local p = require("coda").project(arg[1])\np:add(arg[2])\np:close()\n' >"$tmp/add.lua"
printf 'local coda = require("coda")\nlocal p = coda.project(arg[1])\np:code(coda.read_codebook(arg[2]))\np:close()\n' >"$tmp/code.lua"
t0=$(now); "$coda" run "$tmp/add.lua" "$proj" "$corpus"; t1=$(now)
t_add=$(secs "$t0" "$t1")
t0=$(now); "$coda" run "$tmp/code.lua" "$proj" "$book"; t1=$(now)
t_pcode=$(secs "$t0" "$t1")
size=$(du -m "$proj" | cut -f1)

"$coda" review "$proj" >"$tmp/server.out" &
server=$!
for _ in $(seq 1 200); do grep -q http "$tmp/server.out" 2>/dev/null && break; sleep 0.05; done
url=$(grep -o 'http://[^ ]*' "$tmp/server.out")
base=${url%%/\?*}
token=${url##*token=}
ms() { curl -s -o "$tmp/body" -w '%{time_total}' -H "X-Coda-Token: $token" "$@" | awk '{printf "%.1f", $1 * 1000}'; }
t_page=$(ms "$url")
t_first=$(ms "$base/api/segments?offset=0&limit=100")
t_summary=$(ms "$base/api/summary")
grep -o '"id": [0-9]*' "$tmp/body" >/dev/null || true
curl -s -H "X-Coda-Token: $token" "$base/api/segments?status=pending&limit=200" |
    grep -o '^  {"id": [0-9]*' | grep -o '[0-9]*$' >"$tmp/ids"
while read -r id; do
    ms -X POST -H 'Content-Type: application/json' \
        --data-binary "{\"segment\":$id,\"decision\":\"accept\",\"coder\":\"bench\"}" \
        "$base/api/decide"
    echo
done <"$tmp/ids" | sort -n >"$tmp/rtt"
n=$(wc -l <"$tmp/rtt")
median=$(awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' "$tmp/rtt")
p95=$(awk -v n="$n" 'NR == int(n * 0.95 + 0.5) { print $1 }' "$tmp/rtt")
kill "$server"; wait "$server" 2>/dev/null || true; server=

{
    echo "## Review"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, $docs documents ($mb MB, bench/gen_corpus.c), bench/code_codebook.csv,"
    echo "coda $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'); bench/run_review.sh."
    echo
    echo "| step | time |"
    echo "|---|---:|"
    echo "| \`coda code --format csv\` ($nseg segments, no project) | $t_code s |"
    echo "| \`p:add(corpus)\` into a new project | $t_add s |"
    echo "| \`p:code(codebook)\` (segments stored; project $size MB) | $t_pcode s |"
    echo "| first \`GET /\` (the page) | $t_page ms |"
    echo "| first \`GET /api/segments\` (100 of $nseg) | $t_first ms |"
    echo "| \`GET /api/summary\` (counts by status, codes, coders) | $t_summary ms |"
    echo "| \`POST /api/decide\`, median of $n (p95) | $median ms ($p95 ms) |"
} >"$tmp/section.md"
cat "$tmp/section.md"
write_section Review "$tmp/section.md"
