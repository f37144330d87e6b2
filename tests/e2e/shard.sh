#!/usr/bin/env bash
# shard.sh - end-to-end tests of `coda code --shard K/N --partial FILE` and
# `coda merge`: shards that share out a corpus exactly, partials that merge
# into the files of one run byte for byte, the refusals, and the recipes
# of docs/scale.md run with GNU parallel and xargs -P on this machine.
#
#   bash tests/e2e/shard.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=$ROOT/coda
CB=$ROOT/tests/fixtures/coding/codebook.csv
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-shard.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"
# shellcheck source=tests/e2e/shard_corpus.sh
. "$ROOT/tests/e2e/shard_corpus.sh"

make_corpus "$TMP/corpus" 40
# ids by path, relative to the corpus's parent, as on a shared file system
cd "$TMP" || exit 2
DOCS=(corpus/site1 corpus/site2)
CODE=("$CODA" code --codebook "$CB" --ids path)
MERGED="frequencies.csv matrix.csv cooccurrence.csv summary.csv"

# the single run every split is compared with
"${CODE[@]}" --out "$TMP/all.csv" --partial "$TMP/all.json" "${DOCS[@]}" 2>/dev/null
"$CODA" merge "$TMP/one" "$TMP/all.json"

# same_as_one DIR: DIR's merged files are the single run's, byte for byte
same_as_one() {
    local f
    for f in $MERGED; do
        cmp -s "$TMP/one/$f" "$1/$f" || problem "$1/$f differs from one run's"
    done
}

# shard_run N: shards 0..N-1 into $TMP/sN/seg-K.csv and part-K.json
shard_run() {
    local k
    mkdir -p "$TMP/s$1"
    for k in $(seq 0 $(($1 - 1))); do
        "${CODE[@]}" --shard "$k/$1" --out "$TMP/s$1/seg-$k.csv" \
            --partial "$TMP/s$1/part-$k.json" "${DOCS[@]}" 2>/dev/null || return 1
    done
}

# rows: the data rows of CSV files, sorted
rows() { for f in "$@"; do tail -n +2 "$f"; done | LC_ALL=C sort; }

# --- shards -----------------------------------------------------------------

t_union() {
    shard_run 5 || problem "a shard failed"
    [ "$(rows "$TMP"/s5/seg-*.csv)" = "$(rows "$TMP/all.csv")" ] ||
        problem "the shards' segments are not the whole run's"
    [ "$(rows "$TMP/all.csv" | wc -l)" -gt 40 ] || problem "too few segments to tell"
}
case_ "the union of 5 shards' segments is the whole run's" t_union

t_each_doc_once() {
    # documents, from the partials' lists: 40 + the empty one, once each
    local ids
    cat >"$TMP/ids.lua" <<'LUA'
local p = require("coda").json_decode(io.open(arg[1]):read("a"))
for _, d in ipairs(p.documents) do print(d) end
LUA
    ids=$(for k in 0 1 2 3 4; do
        "$CODA" run "$TMP/ids.lua" "$TMP/s5/part-$k.json"
    done | sort)
    [ "$(echo "$ids" | wc -l)" -eq 41 ] || problem "$(echo "$ids" | wc -l) documents, expected 41"
    [ -z "$(echo "$ids" | uniq -d)" ] || problem "a document in two shards: $(echo "$ids" | uniq -d)"
}
case_ "each document is in exactly one of 5 shards" t_each_doc_once

t_rerun() {
    "${CODE[@]}" --shard 2/5 --out "$TMP/again.csv" "${DOCS[@]}" 2>/dev/null
    cmp -s "$TMP/again.csv" "$TMP/s5/seg-2.csv" || problem "a rerun of shard 2/5 differs"
}
case_ "a rerun of a shard gives the same output" t_rerun

t_batches() {
    "${CODE[@]}" --batch-kb 1 --shard 2/5 --out "$TMP/b2.csv" \
        --partial "$TMP/b2.json" "${DOCS[@]}" 2>/dev/null
    cmp -s "$TMP/b2.csv" "$TMP/s5/seg-2.csv" || problem "batched segments differ"
    cmp -s "$TMP/b2.json" "$TMP/s5/part-2.json" || problem "the batched partial differs"
    "${CODE[@]}" --batch-kb 1 --partial "$TMP/b-all.json" "${DOCS[@]}" >/dev/null 2>&1
    cmp -s "$TMP/b-all.json" "$TMP/all.json" || problem "the batched whole run's partial differs"
}
case_ "a shard coded in 1 KB batches gives the same segments and partial" t_batches

t_stdin() {
    printf 'id,text\na,R1: they beat us\nb,R1: a loan\nc,R2: an FIR\nd,R1: debt\n' >"$TMP/docs.csv"
    local k all=""
    for k in 0 1 2; do
        "$CODA" code --codebook "$CB" --shard "$k/3" - <"$TMP/docs.csv" >"$TMP/in-$k.csv" 2>/dev/null
    done
    "$CODA" code --codebook "$CB" - <"$TMP/docs.csv" >"$TMP/in-all.csv" 2>/dev/null
    [ "$(rows "$TMP"/in-[0-2].csv)" = "$(rows "$TMP/in-all.csv")" ] ||
        problem "standard input's shards are not its whole run"
    [ "$(rows "$TMP/in-all.csv" | wc -l)" -eq 4 ] || problem "expected 4 segments"
}
case_ "standard input is sharded by its id field" t_stdin

for bad in 0/0 3/3 -1/4 1/x 1 2/1 1/2/3 "" 1/99999999; do
    t_bad_shard() {
        run "$CODA" code --codebook "$CB" --shard "$bad" "${DOCS[@]}"
        expect_rc 2
        expect_err "--shard takes K/N"
    }
    case_ "--shard '$bad' is a usage error" t_bad_shard
done

# --- merging ----------------------------------------------------------------

t_merge_5() {
    run "$CODA" merge "$TMP/m5" "$TMP"/s5/part-*.json
    expect_rc 0
    same_as_one "$TMP/m5"
    [ "$(wc -l <"$TMP/m5/shards.csv")" -eq 6 ] || problem "shards.csv lacks a shard"
    no_tmp_files "$TMP/m5"
}
case_ "5 merged shards give one run's files byte for byte" t_merge_5

t_merge_order() {
    run "$CODA" merge "$TMP/m5r" "$TMP"/s5/part-4.json "$TMP"/s5/part-{2,0,3,1}.json
    expect_rc 0
    same_as_one "$TMP/m5r"
}
case_ "the order of the partials does not matter" t_merge_order

t_counts() {
    # beating's documents, counted by hand from the segments of the run
    local docs
    docs=$(awk -F, '$4 == "beating" { print $1 }' "$TMP/all.csv" | sort -u | wc -l)
    grep -q "^beating,.*,$docs,41," "$TMP/m5/frequencies.csv" ||
        problem "beating is not in $docs of 41 documents: $(grep ^beating "$TMP/m5/frequencies.csv")"
}
case_ "a code's documents are those its segments name" t_counts

t_missing() {
    run "$CODA" merge "$TMP/mm" "$TMP"/s5/part-{0,2,4}.json
    expect_rc 1
    expect_err "missing shards 1, 3 of 5"
    [ ! -e "$TMP/mm" ] || problem "OUT was written"
}
case_ "missing shards are named, nothing written" t_missing

t_duplicate() {
    run "$CODA" merge "$TMP/md" "$TMP"/s5/part-*.json "$TMP"/s5/part-3.json
    expect_rc 1
    expect_err "part-3.json and $TMP/s5/part-3.json are both shard 3/5"
    [ ! -e "$TMP/md" ] || problem "OUT was written"
}
case_ "a shard given twice is refused" t_duplicate

t_doc_twice() {
    run "$CODA" merge "$TMP/mx" "$TMP/all.json" "$TMP/all.json"
    expect_rc 1
    expect_err "are both shard 0/1"
    cp "$TMP/all.json" "$TMP/copy.json"
    sed -i 's/"k": 0/"k": 1/; s/"n": 1/"n": 2/' "$TMP/copy.json"
    sed 's/"n": 1/"n": 2/' "$TMP/all.json" >"$TMP/all2.json"
    run "$CODA" merge "$TMP/mx" "$TMP/all2.json" "$TMP/copy.json"
    expect_rc 1
    expect_err_re 'document "corpus/site[12]/(doc[0-9]+|empty)" is in both .*all2.json and .*copy.json'
    [ ! -e "$TMP/mx" ] || problem "OUT was written"
}
case_ "a document in two partials is refused" t_doc_twice

t_other_options() {
    "${CODE[@]}" --unit sentence --shard 1/5 --partial "$TMP/sent-1.json" "${DOCS[@]}" >/dev/null 2>&1
    run "$CODA" merge "$TMP/mo" "$TMP"/s5/part-0.json "$TMP/sent-1.json" "$TMP"/s5/part-{2,3,4}.json
    expect_rc 1
    expect_err "part-0.json and $TMP/sent-1.json differ in option --unit (\"turn\" and \"sentence\")"
    printf 'code,pattern\nbeating,beat\n' >"$TMP/cb2.csv"
    "$CODA" code --codebook "$TMP/cb2.csv" --ids path --shard 1/5 --partial "$TMP/cb-1.json" "${DOCS[@]}" >/dev/null 2>&1
    run "$CODA" merge "$TMP/mo" "$TMP"/s5/part-0.json "$TMP/cb-1.json"
    expect_rc 1
    expect_err "differ in the codebook (SHA-1)"
    "$CODA" code --codebook "$CB" --ids path --invalid error --input-format auto \
        --shard 1/5 --partial "$TMP/same-1.json" "${DOCS[@]}" >/dev/null 2>&1
    run "$CODA" merge "$TMP/ms" "$TMP"/s5/part-{0,2,3,4}.json "$TMP/same-1.json"
    expect_rc 0
    same_as_one "$TMP/ms"
    [ ! -e "$TMP/mo" ] || problem "OUT was written"
}
case_ "partials of other options or another codebook are refused by name; defaults said aloud are no other option" t_other_options

t_not_partial() {
    printf '{"a": 1}\n' >"$TMP/x.json"
    printf '{"a": \n' >"$TMP/broken.json"
    run "$CODA" merge "$TMP/mn" "$TMP/x.json"
    expect_rc 1
    expect_err "x.json: not a partial result"
    run "$CODA" merge "$TMP/mn" "$TMP/broken.json"
    expect_rc 1
    expect_err "broken.json:2:"
    run "$CODA" merge "$TMP/mn" "$TMP/nope.json"
    expect_rc 1
    expect_err "nope.json: cannot open: No such file"
    run "$CODA" merge "$TMP/mn" "$TMP/corpus"
    expect_rc 1
    expect_err "corpus: is a folder"
    sed 's/"units": \([0-9]*\)/"units": "\1"/' "$TMP/all.json" >"$TMP/typed.json"
    run "$CODA" merge "$TMP/mn" "$TMP/typed.json"
    expect_rc 1
    expect_err "typed.json: a partial result whose units is not as coda code --partial writes it"
    run "$CODA" merge "$TMP/mn"
    expect_rc 2
    [ ! -e "$TMP/mn" ] || problem "OUT was written"
}
case_ "what is not a partial is an error naming the file" t_not_partial

t_merge_over_input() {
    mkdir -p "$TMP/mi"
    cp "$TMP/all.json" "$TMP/mi/summary.csv"
    run "$CODA" merge "$TMP/mi" "$TMP/mi/summary.csv"
    expect_rc 1
    expect_err "mi/summary.csv: this run read the file as input"
    [ "$(ls "$TMP/mi")" = summary.csv ] || problem "files were written: $(ls "$TMP/mi")"
    cmp -s "$TMP/all.json" "$TMP/mi/summary.csv" || problem "the partial was overwritten"
}
case_ "merge writes nothing when an output would replace a partial" t_merge_over_input

t_partial_output() {
    local seg="$TMP/corpus/site1/doc1.txt"
    cp "$seg" "$TMP/doc1.before"
    run "${CODE[@]}" --partial "$seg" "${DOCS[@]}"
    expect_rc 1
    expect_err "this run read the file as input"
    cmp -s "$seg" "$TMP/doc1.before" || problem "an input was overwritten"
    run "${CODE[@]}" --out /dev/null --partial /dev/full "${DOCS[@]}"
    expect_rc 1
    expect_err "/dev/full"
}
case_ "--partial does not write over an input, and reports a full device" t_partial_output

# --- the recipes of docs/scale.md ---------------------------------------------

t_parallel() {
    command -v parallel >/dev/null || { problem "GNU parallel is not installed (make deps)"; return; }
    mkdir -p "$TMP/gp"
    # the docs' recipe with one host, this machine, given as --sshlogin :
    run parallel --will-cite --sshlogin : --jobs 2 --workdir "$PWD" \
        "$CODA" code --codebook "$CB" --ids path --shard {}/8 \
        --out "$TMP/gp/seg-{}.csv" --partial "$TMP/gp/part-{}.json" "${DOCS[@]}" \
        ::: 0 1 2 3 4 5 6 7
    expect_rc 0
    run "$CODA" merge "$TMP/gp/merged" "$TMP"/gp/part-*.json
    expect_rc 0
    same_as_one "$TMP/gp/merged"
    [ "$(rows "$TMP"/gp/seg-*.csv)" = "$(rows "$TMP/all.csv")" ] ||
        problem "the segments differ from one run's"
}
case_ "the GNU parallel recipe gives one run's files" t_parallel

t_xargs() {
    mkdir -p "$TMP/xa"
    seq 0 7 | xargs -P 2 -I{} "$CODA" code --codebook "$CB" --ids path \
        --shard {}/8 --out "$TMP/xa/seg-{}.csv" --partial "$TMP/xa/part-{}.json" \
        "${DOCS[@]}" 2>/dev/null || problem "xargs failed"
    run "$CODA" merge "$TMP/xa/merged" "$TMP"/xa/part-*.json
    expect_rc 0
    same_as_one "$TMP/xa/merged"
}
case_ "the xargs -P recipe gives one run's files" t_xargs

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
