# shard_corpus.sh - a synthetic corpus for the sharding tests (shard.sh,
# tests/slurm/run.sh): make_corpus DIR N writes N transcripts, half under
# DIR/site1 and half under DIR/site2 with the same names (so ids need
# --ids path), mixing the codes of tests/fixtures/coding/codebook.csv by
# the document's number; one document is empty.  No real person's words.
# shellcheck shell=bash

make_corpus() {
    local dir=$1 n=$2 i site
    mkdir -p "$dir/site1" "$dir/site2"
    for i in $(seq 1 "$n"); do
        site=site$((i % 2 + 1))
        {
            echo "Moderator: Can you tell us what happened in village $i?"
            [ $((i % 3)) -eq 0 ] && echo "R1: They beat us. Later an FIR was filed."
            [ $((i % 4)) -ne 1 ] && echo "R2: We took an advance; the debt grew, a loan on a loan."
            [ $((i % 5)) -eq 2 ] && echo "R1: She was married off at 14 and they beat her."
            [ $((i % 7)) -eq 3 ] && printf 'R3: जबरन शादी की गई। वे हमें मारते थे।\n'
            [ $((i % 11)) -eq 4 ] && printf 'R2: মেয়েটিকে পাচার করা হয়েছিল\n'
            echo "R1: Nothing more to say about $i."
        } >"$dir/$site/doc$((i / 2)).txt"
    done
    : >"$dir/site1/empty.txt"
}
