#!/usr/bin/env bash
# coding.sh - end-to-end tests of `coda code` and `coda codebook` as a user
# types them from the repository root: stdout, stderr, exit status, files.
#
#   bash tests/e2e/coding.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
FIX=tests/fixtures/coding
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-coding.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

# --- fixtures ------------------------------------------------------------
mkdir -p "$TMP/bad" "$TMP/w"
printf 'R1: fine\nR2: bro\377ken loan\n' >"$TMP/bad/x.txt"
printf 'code,pattern\nok,x\nbroken,"a(b"\n' >"$TMP/broken.csv"
printf 'code,pattern,example\nbeat,\\bbeat\\b,they beat\nhit,\\bbeat\\b|\\bhit\\b,hit\n' >"$TMP/overlap.csv"

EXPECTED_CSV='doc,unit,speaker,code,start,stop,match
fgd01,2,R1,forced_marriage,15,25,married off
fgd01,2,R1,debt,47,53,advance
fgd01,2,R1,debt,75,78,debt
fgd01,4,Moderator,beating,12,15,beat
fgd01,5,R2,beating,11,14,beat
fgd01,5,R2,fir,39,41,FIR
fgd02,2,R1,forced_marriage,27,38,शादी
fgd02,2,R1,beating,77,91,मारते
fgd03,2,R1,trafficking_bn,29,43,পাচার'

# --- coda code -------------------------------------------------------------
t_code_help() {
    run "$CODA" code --help
    expect_rc 0
    expect_out "usage: coda code --codebook FILE"
    expect_err_empty
}

t_code_usage_errors() {
    run "$CODA" code
    expect_rc 2
    expect_err "--codebook FILE is required"
    expect_out_empty
    run "$CODA" code --codebook "$FIX/codebook.csv"
    expect_rc 2
    expect_err "no PATH"
    run "$CODA" code --codebook "$FIX/codebook.csv" --unit line "$FIX/fgd"
    expect_rc 2
    expect_err "unknown --unit line"
    run "$CODA" code --codebook "$FIX/codebook.csv" --format xml "$FIX/fgd"
    expect_rc 2
    run "$CODA" code --bogus
    expect_rc 2
    expect_err "unknown option --bogus"
    run "$CODA" code --codebook
    expect_rc 2
}

t_code_csv_stdout() {
    run "$CODA" code --codebook "$FIX/codebook.csv" "$FIX/fgd"
    expect_rc 0
    [ "$(cat "$OUT")" = "$EXPECTED_CSV" ] || problem "CSV differs"
    expect_err_empty
}

t_code_same_on_one_or_two_threads() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --threads 1 "$FIX/fgd"
    cp "$OUT" "$TMP/t1"
    run "$CODA" code --codebook "$FIX/codebook.csv" --threads 2 "$FIX/fgd"
    cmp -s "$OUT" "$TMP/t1" || problem "threads 1 and 2 differ"
}

t_code_files_and_qdc() {
    "$CODA" codebook qdc "$FIX/codebook.csv" "$TMP/cb.qdc" || problem "qdc failed"
    run "$CODA" code --codebook "$TMP/cb.qdc" "$FIX/fgd/fgd01.txt" "$FIX/fgd/fgd02.txt" "$FIX/fgd/fgd03.txt"
    expect_rc 0
    [ "$(cat "$OUT")" = "$EXPECTED_CSV" ] || problem "CSV from .qdc and files differs"
}

# Speaker filters take whole names in any case ('^Mod' alone no longer
# reaches into "Moderator"); one that names nobody is a warning, one that
# leaves no unit an error, one on units without speakers a usage error.
t_code_speakers() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --exclude-speakers 'Mod.*' "$FIX/fgd"
    expect_rc 0
    expect_lines 9
    expect_no_out "Moderator"
    expect_err_empty
    run "$CODA" code --codebook "$FIX/codebook.csv" --exclude-speakers moderator "$FIX/fgd"
    expect_rc 0
    expect_lines 9
    expect_no_out "Moderator"
    run "$CODA" code --codebook "$FIX/codebook.csv" --exclude-speakers Moderatr "$FIX/fgd"
    expect_rc 0
    expect_lines 10
    expect_out "fgd01,4,Moderator,beating,12,15,beat"
    expect_err 'coda code: warning: no speaker "Moderatr" in the corpus; did you mean "Moderator"?'
    run "$CODA" code --codebook "$FIX/codebook.csv" --speakers R "$FIX/fgd"
    expect_rc 1
    expect_out_empty
    expect_err 'coda code: the speaker filters leave no unit to code: no speaker "R" in the corpus: a filter matches whole names ("R.*" matches R1 and R2)'
    run "$CODA" code --codebook "$FIX/codebook.csv" --speakers Respondent --out "$TMP/w/none.csv" "$FIX/fgd"
    expect_rc 1
    expect_err 'no speaker "Respondent" in the corpus (its speakers: Moderator, R1 and R2)'
    [ ! -e "$TMP/w/none.csv" ] || problem "--out written though nothing was coded"
    for unit in document paragraph; do
        run "$CODA" code --codebook "$FIX/codebook.csv" --unit "$unit" --exclude-speakers Moderator "$FIX/fgd"
        expect_rc 2
        expect_err "--exclude-speakers needs units with speakers: a $unit has none (use --unit turn or sentence)"
    done
    run "$CODA" code --codebook "$FIX/codebook.csv" --speakers '^R2$' "$FIX/fgd"
    expect_lines 3
    run "$CODA" code --codebook "$FIX/codebook.csv" --speakers '(' "$FIX/fgd"
    expect_rc 1
    expect_err 'pattern "(" does not compile at offset 1'
}

t_code_codes_and_units() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --codes debt,fir --unit document "$FIX/fgd"
    expect_rc 0
    expect_lines 3                  # fir: vetoed in both documents
    expect_out "fgd01,1,,debt,119,125,advance"
}

# Devices and FIFOs are written through as streams, never replaced.
t_code_out_devices() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --out /dev/null "$FIX/fgd"
    expect_rc 0
    [ -c /dev/null ] || problem "/dev/null is no longer a character device"
    mkfifo "$TMP/pipe"
    cat "$TMP/pipe" >"$TMP/from_pipe" &
    run "$CODA" code --codebook "$FIX/codebook.csv" --format jsonl --out "$TMP/pipe" "$FIX/fgd"
    wait
    expect_rc 0
    [ -p "$TMP/pipe" ] || problem "the FIFO was replaced"
    [ "$(wc -l <"$TMP/from_pipe")" -eq 9 ] || problem "the FIFO's reader got $(wc -l <"$TMP/from_pipe") lines, not 9"
    { echo before; "$CODA" code --codebook "$FIX/codebook.csv" --out /dev/stdout "$FIX/fgd"; echo after; } >"$TMP/order.txt"
    [ "$(head -1 "$TMP/order.txt")" = before ] && [ "$(tail -1 "$TMP/order.txt")" = after ] &&
        [ "$(wc -l <"$TMP/order.txt")" -eq 12 ] || problem "/dev/stdout on a file: $(tr '\n' '|' <"$TMP/order.txt")"
    rm -f "$TMP/pipe"
}

# Document ids that would break the output are refused: a file name that
# is not UTF-8, a JSON lines id that is neither a string nor a number.
t_code_bad_document_ids() {
    mkdir -p "$TMP/badname"
    printf 'R1: debt\n' >"$TMP/badname/$(printf 'x\377y').txt"
    run "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/badname"
    expect_rc 1
    expect_err "the file name is not UTF-8"
    run_in '{"id":[1],"text":"R1: debt"}\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 1
    expect_err "<stdin>:1: id must be a string or a number, not an array or object"
    expect_no_out "table: 0x"
}

# A FIFO or a link to /dev/zero named .txt in a folder of transcripts is
# refused at once: it would hang, or never end.
t_code_non_regular_inputs() {
    mkdir -p "$TMP/odd"
    cp "$FIX/fgd/fgd01.txt" "$TMP/odd/"
    mkfifo "$TMP/odd/pipe.txt"
    run timeout 10 "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/odd"
    expect_rc 1
    expect_err "pipe.txt: not a regular file"
    rm -f "$TMP/odd/pipe.txt"
    ln -s /dev/zero "$TMP/odd/zero.txt"
    run timeout 10 "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/odd"
    expect_rc 1
    expect_err "zero.txt: not a regular file"
}

# --batch-kb: a corpus read, coded and written a batch at a time gives the
# bytes, warnings and --verbose lines of the same run in one batch, in
# every format and unit, for files of every kind and for standard input.
t_code_batches_same_output() {
    local big="$TMP/batches" i f unit
    mkdir -p "$big"
    bash tests/fixtures/docx/make.sh "$big" >/dev/null
    cp tests/fixtures/transcripts/*.vtt tests/fixtures/transcripts/*.srt \
       tests/fixtures/transcripts/bad_time.txt "$big/"
    for i in 1 2 3 4 5 6; do        # 0.9 to 5 KB: one to a few a batch
        for f in "$FIX"/fgd/*.txt; do
            for _ in $(seq "$i"); do cat "$f"; done >"$big/$i-$(basename "$f")"
        done
    done
    for f in csv jsonl kwic html; do
        for unit in document paragraph turn sentence; do
            run "$CODA" code --codebook "$FIX/codebook.csv" --format "$f" \
                --unit "$unit" --verbose --out "$TMP/w/all.$f" "$big"
            expect_rc 0
            cp "$ERR" "$TMP/all.err"
            run "$CODA" code --codebook "$FIX/codebook.csv" --format "$f" \
                --unit "$unit" --verbose --batch-kb 1 --out "$TMP/w/one.$f" "$big"
            expect_rc 0
            cmp -s "$TMP/w/all.$f" "$TMP/w/one.$f" || problem "$f $unit: the output differs"
            cmp -s "$TMP/all.err" "$ERR" || problem "$f $unit: stderr differs"
        done
    done
    mkdir -p "$TMP/w/p1" "$TMP/w/p2"
    run "$CODA" code --codebook "$FIX/codebook.csv" --format html --page-kb 1 \
        --batch-kb 1 --out "$TMP/w/p1/r.html" "$big"
    run "$CODA" code --codebook "$FIX/codebook.csv" --format html --page-kb 1 \
        --out "$TMP/w/p2/r.html" "$big"
    diff -r "$TMP/w/p1" "$TMP/w/p2" >/dev/null || problem "html pages differ"
    [ -f "$TMP/w/p1/r-01.html" ] || problem "no html pages"
    run "$CODA" code --codebook "$FIX/codebook.csv" --batch-kb 1 "$FIX/fgd"
    expect_rc 0
    expect_out_is "$EXPECTED_CSV"
    { for i in 1 2 3; do
        printf '{"id":"d%s","text":"R1: a debt' "$i"; head -c 1500 /dev/zero | tr '\0' x
        printf '. beat\\nR2: FIR"}\n'
    done; } >"$TMP/docs.jsonl"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' - <'$TMP/docs.jsonl'"
    cp "$OUT" "$TMP/all.out"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 - <'$TMP/docs.jsonl'"
    expect_rc 0
    cmp -s "$TMP/all.out" "$OUT" || problem "stdin: the output differs"
    expect_out "d3,2,R2,fir,1,3,FIR"
    run "$CODA" code --codebook "$FIX/codebook.csv" --batch-kb 0 "$FIX/fgd"
    expect_rc 2
    expect_err "--batch-kb must be from 1 to 2147483647"
}

t_code_out_is_atomic() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --out "$TMP/w/seg.csv" "$FIX/fgd"
    expect_rc 0
    expect_out_empty
    [ "$(cat "$TMP/w/seg.csv")" = "$EXPECTED_CSV" ] || problem "--out file differs"
    for f in jsonl kwic html; do
        run "$CODA" code --codebook "$FIX/codebook.csv" --format $f --out "$TMP/w/seg.$f" "$FIX/fgd"
        expect_rc 0
        [ -s "$TMP/w/seg.$f" ] || problem "no $f file"
    done
    no_tmp_files "$TMP/w"
    run "$CODA" code --codebook "$FIX/codebook.csv" --out "$TMP/nodir/seg.csv" "$FIX/fgd"
    expect_rc 1
    expect_err "$TMP/nodir/seg.csv"
}

# --out naming an input (a transcript, one in a folder given, the codebook,
# a link to one) is refused and the input left as it was.
t_code_never_writes_over_an_input() {
    mkdir -p "$TMP/in"
    cp "$FIX/fgd/fgd01.txt" "$FIX/codebook.csv" "$TMP/in/"
    ln -sf fgd01.txt "$TMP/in/link.txt"
    local before out
    before=$(cat "$TMP/in/fgd01.txt" "$TMP/in/codebook.csv")
    for out in "$TMP/in/fgd01.txt" "$TMP/in/codebook.csv" "$TMP/in/link.txt" \
        "$TMP/in/../in/fgd01.txt"; do
        run "$CODA" code --codebook "$TMP/in/codebook.csv" --out "$out" "$TMP/in"
        expect_rc 1
        expect_err "$out: this run read the file as input"
    done
    run "$CODA" code --codebook "$TMP/in/codebook.csv" --out "$TMP/in/fgd01.txt" \
        "$TMP/in/fgd01.txt"
    expect_rc 1
    local fmt
    for fmt in jsonl kwic html; do      # every format goes through one writer
        run "$CODA" code --codebook "$TMP/in/codebook.csv" --format "$fmt" \
            --out "$TMP/in/fgd01.txt" "$TMP/in/fgd01.txt"
        expect_rc 1
        expect_err "this run read the file as input"
    done
    run "$CODA" codebook qdc "$TMP/in/codebook.csv" "$TMP/in/codebook.csv"
    expect_rc 1
    expect_err "does not write over its inputs"
    [ "$(cat "$TMP/in/fgd01.txt" "$TMP/in/codebook.csv")" = "$before" ] ||
        problem "an input was changed"
    [ -L "$TMP/in/link.txt" ] || problem "the link was replaced"
    no_tmp_files "$TMP/in"
    run "$CODA" code --codebook "$TMP/in/codebook.csv" --out "$TMP/in/seg.csv" "$TMP/in"
    expect_rc 0
}

t_code_jsonl() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --format jsonl "$FIX/fgd"
    expect_rc 0
    expect_lines 9
    expect_out '{"doc":"fgd01","unit":2,"speaker":"R1","code":"forced_marriage","start":15,"stop":25,"match":"married off"}'
}

t_code_kwic() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --format kwic "$FIX/fgd"
    expect_rc 0
    expect_lines 9
    expect_out "fgd01:2  R1         forced_marriage                  My sister was [married off] at 14. They took an advance f"
    expect_out "fgd01:4  Moderator  beating                             Did anyone [beat] you?"
    expect_out "मेरी जबरन [शादी] की गई।"
    # 10 characters each side, counted by hand: शा, दी, ी-less conjuncts whole
    run "$CODA" code --codebook "$FIX/codebook.csv" --format kwic --context 10 "$FIX/fgd"
    expect_rc 0
    expect_out "fgd02:2  R1         beating           गई। वे हमें [मारते] थे॥ फिर मैं भा"
    expect_out "fgd01:2  R1         debt             y took an [advance] from my f"
    expect_out "fgd01:2  R1         debt             ther. The [debt] was never"      # the line break a space
    run "$CODA" code --codebook "$FIX/codebook.csv" --format kwic --context x "$FIX/fgd"
    expect_rc 2
    expect_err "--context needs a whole number"
    run "$CODA" code --codebook "$FIX/codebook.csv" --context 5 "$FIX/fgd"
    expect_rc 2
    expect_err "--context is for --format kwic"
}

t_code_html() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --format html "$FIX/fgd"
    expect_rc 0
    expect_out "<!DOCTYPE html>"
    expect_out '<mark class="c2" title="forced_marriage">शादी</mark><sup class="tag c2">forced_marriage</sup>'
    expect_out '<mark class="c6" title="trafficking_bn">পাচার</mark>'
    if grep -qE '(src|href)=|@import|url\(' "$OUT"; then problem "external assets"; fi
}

# --page-kb 1: the fixture's 10 short units fit one page; three documents
# of 1.1 KB each take a page each: an index linking them, each page
# linking its neighbours; a review of several pages refuses stdout.
t_code_html_pages() {
    run "$CODA" code --codebook "$FIX/codebook.csv" --format html --page-kb 1 "$FIX/fgd"
    expect_rc 0                         # 10 units of 28-148 bytes: one page
    expect_no_out "<nav>"
    printf 'id,text\n' >"$TMP/big.csv"
    for i in 1 2 3; do printf 'd%d,"R1: %s debt"\n' "$i" "$(head -c 1100 /dev/zero | tr '\0' x)" >>"$TMP/big.csv"; done
    run_in "$(cat "$TMP/big.csv")\n" "$CODA" code --codebook "$FIX/codebook.csv" --format html --page-kb 1 --out "$TMP/w/big.html" -
    expect_rc 0
    [ "$(ls "$TMP/w" | grep -c '^big')" -eq 4 ] || problem "expected big.html and 3 pages: $(ls "$TMP/w")"
    grep -q '<nav><a href="big.html">index</a><a rel="prev" href="big-1.html">previous</a>page 2 of 3 <a rel="next" href="big-3.html">next</a></nav>' "$TMP/w/big-2.html" ||
        problem "page 2's links"
    run_in "$(cat "$TMP/big.csv")\n" "$CODA" code --codebook "$FIX/codebook.csv" --format html --page-kb 1 -
    expect_rc 1
    expect_err "the review takes 3 pages, which cannot go to a stream; write it to a file"
    expect_out_empty
    no_tmp_files "$TMP/w"
}

# Text that would break a page or a listing: markup, quotes, a control
# character, Devanagari; an empty corpus.
t_code_outputs_hostile_text() {
    run_in '{"id":"<i>x</i>","text":"R1: </script><b>debt</b> \\"q\\" \\u0007 शादी\\tend"}\n' \
        "$CODA" code --codebook "$FIX/codebook.csv" --format html -
    expect_rc 0
    expect_out '<h2>&lt;i&gt;x&lt;/i&gt;</h2>'
    expect_out '&lt;/script&gt;&lt;b&gt;<mark class="c5" title="debt">debt</mark><sup class="tag c5">debt</sup>&lt;/b&gt; &quot;q&quot; &#xFFFD; <mark class="c2"'
    expect_no_out '</script>'
    run_in '{"id":"<i>x</i>","text":"R1: </script><b>debt</b> \\"q\\" \\u0007 शादी\\tend"}\n' \
        "$CODA" code --codebook "$FIX/codebook.csv" --format kwic -
    # debt padded to forced_marriage (15) + 2, then 30 - 12 columns of padding
    expect_out "<i>x</i>:1  R1  debt$(printf '%31s' '')</script><b>[debt]</b> \"q\"   शादी end"
    run_in '{"id":"<i>x</i>","text":"R1: </script><b>debt</b>"}\n' \
        "$CODA" code --codebook "$FIX/codebook.csv" --format jsonl -
    expect_out '{"doc":"<i>x</i>","unit":1,"speaker":"R1","code":"debt","start":13,"stop":16,"match":"debt"}'
    for fmt in csv jsonl kwic html; do
        run_in '' "$CODA" code --codebook "$FIX/codebook.csv" --format $fmt -
        expect_rc 1                     # no documents: the CSV reader's error
        expect_err "<stdin>"
    done
    run_in '\n' "$CODA" code --codebook "$FIX/codebook.csv" --format kwic -
    expect_rc 1
}

# Synthetic documents given on standard input (CSV and JSON lines) are
# coded as the same documents given as files, batch by batch too: the file
# read is the independent answer.  Errors on a later batch name the line of
# the whole input, and an id given twice is found across batches.
t_code_stdin_streams() {
    mkdir -p "$TMP/sd"
    awk -v dir="$TMP/sd" 'BEGIN {
        srand(7)
        w[0] = "debt"; w[1] = "they beat me"; w[2] = "no FIR"; w[3] = "an FIR"
        w[4] = "a loan, \"quoted\""; w[5] = "शादी"; w[6] = "calm"; w[7] = "x"
        printf "id,text\n" >(dir "/docs.csv")
        for (d = 1; d <= 120; d++) {
            id = sprintf("d%03d", d); t = ""
            for (k = 0; k < 1 + int(rand() * 40); k++)
                t = t sprintf("R%d: %s %s\n", int(rand() * 3) + 1,
                              w[int(rand() * 8)], w[int(rand() * 8)])
            printf "%s", t >(dir "/" id ".txt")
            c = t; gsub(/"/, "\"\"", c)
            printf "%s,\"%s\"\n", id, c >(dir "/docs.csv")
            j = t; gsub(/"/, "\\\"", j); gsub(/\n/, "\\n", j)
            printf "{\"id\":\"%s\",\"text\":\"%s\"}\n", id, j >(dir "/docs.jsonl")
        }
    }'
    run "$CODA" code --codebook "$FIX/codebook.csv" "$TMP"/sd/*.txt
    expect_rc 0
    cp "$OUT" "$TMP/sd.out"
    [ "$(wc -l <"$TMP/sd.out")" -gt 200 ] || problem "too few segments"
    for f in docs.csv docs.jsonl; do
        for kb in 1 65536; do
            run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb $kb - <'$TMP/sd/$f'"
            expect_rc 0
            cmp -s "$TMP/sd.out" "$OUT" || problem "$f, --batch-kb $kb: not the files' output"
        done
    done
    # errors far into the input, after batches were written
    { cat "$TMP/sd/docs.jsonl"; printf '{"id":"d007","text":"again"}\n'; } >"$TMP/sd/dup.jsonl"
    printf 'old\n' >"$TMP/sd/kept.csv"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 --out '$TMP/sd/kept.csv' - <'$TMP/sd/dup.jsonl'"
    expect_rc 1
    expect_err '<stdin>:121: document id "d007" is given twice (lines 7 and 121)'
    [ "$(cat "$TMP/sd/kept.csv")" = old ] || problem "--out changed by a failed run"
    { cat "$TMP/sd/docs.jsonl"; printf '{"id":"z","text":1}\n'; } >"$TMP/sd/bad.jsonl"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 - <'$TMP/sd/bad.jsonl'"
    expect_rc 1
    expect_err "<stdin>:121: text must be a string, not a number"
    lines=$(wc -l <"$TMP/sd/docs.csv")
    { cat "$TMP/sd/docs.csv"; printf 'z,"open\n'; } >"$TMP/sd/bad.csv"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 - <'$TMP/sd/bad.csv'"
    expect_rc 1
    expect_err "<stdin>:$((lines + 1)): unterminated quoted field"
    { cat "$TMP/sd/docs.csv"; printf ',"no id"\n'; } >"$TMP/sd/noid.csv"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 - <'$TMP/sd/noid.csv'"
    expect_rc 1
    expect_err "<stdin>:$((lines + 1)): a document without an id"
    # a stray quote in an unquoted field is text, as the CSV loader reads
    # it, and does not move where a batch ends
    { printf '\xef\xbb\xbf"id",text\na,R1: he said "a debt\n'
      for i in $(seq 1 60); do printf 'b%s,"R1: x%0100d\nR2: loan"\n' "$i" 0; done
    } >"$TMP/sd/stray.csv"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' - <'$TMP/sd/stray.csv'"
    expect_out "a,1,R1,debt,12,15,debt"
    expect_out "b60,2,R2,debt,1,4,loan"
    cp "$OUT" "$TMP/sd/stray.out"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --batch-kb 1 - <'$TMP/sd/stray.csv'"
    expect_rc 0
    cmp -s "$TMP/sd/stray.out" "$OUT" || problem "stray quote: batches differ"
    run_in 'id,text\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 0
    expect_out_is "doc,unit,speaker,code,start,stop,match"
    run_in '\xef\xbb\xbfid,text\r\na,R1: debt\r\n\r\nb,"R2: loan\r\n"\r\n' \
        "$CODA" code --codebook "$FIX/codebook.csv" --batch-kb 1 -
    expect_rc 0
    expect_out "b,1,R2,debt,1,4,loan"
}

t_code_stdin_csv_and_jsonl() {
    run_in 'id,text\nx,"R1: they beat me\nR2: no loan"\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 0
    expect_out "x,1,R1,beating,6,9,beat"
    expect_out "x,2,R2,debt,4,7,loan"
    run_in '{"id": "j1", "text": "R1: \\u0936\\u093e\\u0926\\u0940 \\"forced marriage\\""}\n\n{"id":2,"text":"debt"}\n' \
        "$CODA" code --codebook "$FIX/codebook.csv" --unit document -
    expect_rc 0
    expect_out "j1,1,,forced_marriage,5,16,शादी"
    expect_out "j1,1,,forced_marriage,19,33,forced marriage"
    # a JSON number id is the text "2": quoted, so it reads back as text
    expect_out '"2",1,,debt,1,4,debt'
    run_in '{"id": "j1", "text": }\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 1
    expect_err "<stdin>:1: bad JSON at column 22: unexpected token near '}'"
    run_in '{"id": "a", "text": "debt"}\n{"id": "b", "text": null}\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 1
    expect_err "<stdin>:2: text is null; every document needs an id and a text"
    expect_out_empty
    run_in 'name,body\na,b\n' "$CODA" code --codebook "$FIX/codebook.csv" -
    expect_rc 1
    expect_err 'an id column "id"'
    run "$CODA" code --codebook "$FIX/codebook.csv" - "$FIX/fgd"
    expect_rc 2
}

t_code_data_errors() {
    run "$CODA" code --codebook "$TMP/none.csv" "$FIX/fgd"
    expect_rc 1
    expect_err "$TMP/none.csv: cannot open"
    expect_out_empty
    run "$CODA" code --codebook "$TMP/broken.csv" "$FIX/fgd"
    expect_rc 1
    expect_err "$TMP/broken.csv:3: code \"broken\": pattern \"a(b\" does not compile at offset 3"
    run "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/bad"
    expect_rc 1
    expect_err "$TMP/bad/x.txt:2: invalid UTF-8 in document \"x\" at line 2, byte 8 of the line (byte 17 of the file): 0xFF"
    run "$CODA" code --codebook "$FIX/codebook.csv" --invalid replace "$TMP/bad"
    expect_rc 0
    expect_out "x,2,R2,debt,11,14,loan"
    run "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/missing-dir"
    expect_rc 1
    expect_err "$TMP/missing-dir: cannot open"
}

t_code_catastrophic_pattern() {
    printf 'code,pattern\nbomb,(a+)+$\n' >"$TMP/bomb.csv"
    { printf 'id,text\nlong,'; head -c 4000 /dev/zero | tr '\0' a; printf 'b\n'; } >"$TMP/long.csv"
    local t0=$SECONDS
    "$CODA" code --codebook "$TMP/bomb.csv" - <"$TMP/long.csv" >"$OUT" 2>"$ERR"
    rc=$?
    expect_rc 1
    expect_err 'code "bomb" hit the PCRE2 match limit in document "long", unit 1'
    [ $((SECONDS - t0)) -lt 10 ] || problem "took too long"
}

# --- coda codebook ----------------------------------------------------------
t_codebook_check_ok() {
    run "$CODA" codebook check "$FIX/codebook.csv"
    expect_rc 0
    expect_out "6 codes; 6 compile, 6 examples match, 2 counterexamples rejected; 0 failed, 0 warnings"
}

t_codebook_check_failures() {
    run "$CODA" codebook check "$FIX/bad_codebook.csv"
    expect_rc 1
    expect_out 'FAIL broken compile: code "broken": pattern "a(b" does not compile at offset 3'
    expect_out 'FAIL beating counterexample: "a heartbeat and a beating" matches but must not'
    expect_out 'FAIL orphan never: has no pattern and no child codes'
    expect_out 'FAIL vetoed example: "an FIR" does not match'
    expect_out 'WARN beating overlap: example "they beat her" also matches code "hit"'
}

t_codebook_check_overlap_strict() {
    run "$CODA" codebook check "$TMP/overlap.csv"
    expect_rc 0
    expect_out "WARN beat overlap"
    run "$CODA" codebook check "$TMP/overlap.csv" --strict
    expect_rc 1
    expect_out "FAIL beat overlap"
}

t_codebook_usage() {
    run "$CODA" codebook
    expect_rc 2
    run "$CODA" codebook check
    expect_rc 2
    expect_err "check needs a codebook FILE"
    run "$CODA" codebook frobnicate x.csv
    expect_rc 2
    run "$CODA" codebook check "$FIX/codebook.csv" --bogus
    expect_rc 2
    run "$CODA" codebook --help
    expect_rc 0
    expect_out "usage: coda codebook check FILE"
    run "$CODA" codebook check "$TMP/none.csv"
    expect_rc 1
    expect_err "cannot open"
}

# Against transcripts: a code may take at most a share of their units
# (beating takes 3 of the fixture's 10 turns).
t_codebook_check_corpus_shares() {
    run "$CODA" codebook check "$FIX/codebook.csv" --corpus "$FIX/fgd"
    expect_rc 0
    expect_out "0 failed, 0 warnings"
    expect_out "the widest code: beating matches 3 of 10 units (30.0%)"
    run "$CODA" codebook check --codebook "$FIX/codebook.csv" --corpus "$FIX/fgd" --max-share 0.25
    expect_rc 1
    expect_out "FAIL beating share: matches 3 of 10 units (30.0%), more than the 25% a code may take: it does not tell units apart"
    expect_out "1 failed, 0 warnings"
    run "$CODA" codebook check "$FIX/codebook.csv" --corpus "$FIX/fgd" --unit document --max-share 0.5
    expect_rc 1
    expect_out "FAIL beating share: matches 2 of 3 units (66.7%)"
    printf 'code,pattern\nany,\\w+\nfir,\\bFIR\\b\n' >"$TMP/w/wide.csv"
    run "$CODA" codebook check "$TMP/w/wide.csv" --corpus "$FIX/fgd"
    expect_rc 1
    expect_out "FAIL any share: matches 10 of 10 units (100.0%)"
}

t_codebook_check_corpus_usage() {
    run "$CODA" codebook check "$FIX/codebook.csv" --max-share 0.5
    expect_rc 2
    expect_err "--max-share needs --corpus PATH"
    run "$CODA" codebook check "$FIX/codebook.csv" --corpus "$FIX/fgd" --max-share 2
    expect_rc 2
    expect_err "--max-share needs a number above 0 and at most 1"
    run "$CODA" codebook check "$FIX/codebook.csv" --corpus "$FIX/fgd" --unit line
    expect_rc 2
    expect_err "unknown --unit line"
    run "$CODA" codebook check "$FIX/codebook.csv" --corpus "$TMP/nowhere"
    expect_rc 1
    expect_err "nowhere"
    run "$CODA" codebook list "$FIX/codebook.csv" --corpus "$FIX/fgd"
    expect_rc 2
    expect_err "unknown option --corpus"
}

# What compiles but is probably wrong: a check failure, and a warning when
# coding with the codebook.
t_codebook_probable_mistakes() {
    printf 'code,pattern,parent,flags\nwork,\\bwork\\b,,\nwage_theft,\\bunpaid\\b,wrok,\nvague,\\bdebt\\b|,,\nshelter,tin shed,,x\n' >"$TMP/w/slips.csv"
    run "$CODA" codebook check "$TMP/w/slips.csv"
    expect_rc 1
    expect_out 'FAIL wage_theft parent: parent "wrok" is not a code of the codebook; did you mean "work"?'
    expect_out 'FAIL vague empty: pattern "\bdebt\b|" can match the empty string'
    expect_out 'WARN shelter spaces: flag x ignores the space in "tin shed" (it matches "tinshed")'
    expect_out "2 failed, 1 warnings"
    run "$CODA" code --codebook "$TMP/w/slips.csv" "$FIX/fgd"
    expect_rc 0
    expect_err "coda code: warning: $TMP/w/slips.csv: code \"wage_theft\" (line 3): parent \"wrok\" is not a code of the codebook; did you mean \"work\"?"
    expect_err "coda code: warning: $TMP/w/slips.csv: code \"shelter\" (line 5): flag x ignores the space"
    expect_out "fgd01,2,R1,vague,75,78,debt"
}

t_codebook_qdc_validates_and_is_stable() {
    run "$CODA" codebook qdc "$FIX/codebook.csv" "$TMP/w/a.qdc"
    expect_rc 0
    xmllint --noout --schema "$FIX/Codebook.xsd" "$TMP/w/a.qdc" 2>"$TMP/lint" ||
        problem "xmllint: $(cat "$TMP/lint")"
    "$CODA" codebook qdc "$TMP/w/a.qdc" "$TMP/w/b.qdc"
    cmp -s "$TMP/w/a.qdc" "$TMP/w/b.qdc" || problem "re-export differs"
    "$CODA" codebook qdc "$FIX/codebook.csv" "$TMP/w/c.qdc"
    cmp -s "$TMP/w/a.qdc" "$TMP/w/c.qdc" || problem "two exports differ"
    "$CODA" codebook qdc "$FIX/other_tool.qdc" "$TMP/w/d.qdc"
    xmllint --noout --schema "$FIX/Codebook.xsd" "$TMP/w/d.qdc" 2>"$TMP/lint" ||
        problem "xmllint (other tool): $(cat "$TMP/lint")"
    no_tmp_files "$TMP/w"
}

t_codebook_list() {
    run "$CODA" codebook list "$FIX/codebook.csv"
    expect_rc 0
    expect_lines 6
    expect_out "violence/forced_marriage"
}

# --- Word documents and other encodings ------------------------------------

# tests/fixtures/docx/interview: the turns its comment lists; the deleted
# "loan" and "beat" are not coded, the inserted "advance" is.
t_code_word_document() {
    bash tests/fixtures/docx/make.sh "$TMP/docx" || problem "make.sh failed"
    run "$CODA" code --codebook "$FIX/codebook.csv" "$TMP/docx/interview.docx"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match
interview,3,R1,debt,14,20,advance
interview,5,R1,beating,11,14,beat'
    expect_err_empty
    cp "$FIX/fgd/fgd01.txt" "$TMP/docx/"
    run "$CODA" code --codebook "$FIX/codebook.csv" --format kwic "$TMP/docx"
    expect_rc 0
    expect_out "fgd01:2"
    expect_out "interview:3  R1         debt "
}

# tests/fixtures/encodings: by hand, the curly quotes and é of Windows-1252
# take 3 and 2 bytes in UTF-8; the UTF-16 file's Hindi turn is coded.
t_code_other_encodings() {
    local E=tests/fixtures/encodings
    run "$CODA" code --codebook "$FIX/codebook.csv" --encoding cp1252 "$E/cp1252.txt"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match
cp1252,2,R1,debt,39,45,advance
cp1252,2,R1,beating,63,66,beat'
    run "$CODA" code --codebook "$FIX/codebook.csv" --encoding=latin1 "$E/latin1.txt"
    expect_out_is 'doc,unit,speaker,code,start,stop,match
latin1,2,R2,debt,22,28,advance
latin1,2,R2,debt,45,48,debt'
    run "$CODA" code --codebook "$FIX/codebook.csv" --encoding utf-16 "$E/utf16le_bom.txt"
    expect_out_is 'doc,unit,speaker,code,start,stop,match
utf16le_bom,1,R1,forced_marriage,27,38,शादी
utf16le_bom,2,R2,beating,6,9,beat'
    run "$CODA" code --codebook "$FIX/codebook.csv" "$E/cp1252.txt"
    expect_rc 1
    expect_err "coda code: $E/cp1252.txt:2: invalid UTF-8 in document \"cp1252\" at line 2, byte 15 of the line (byte 49 of the file): 0xE9; it looks like Windows-1252 text: try --encoding cp1252"
    expect_out_empty
    run "$CODA" code --codebook "$FIX/codebook.csv" --encoding latin1 "$FIX/fgd/fgd02.txt"
    expect_rc 0
    expect_err "coda code: warning: $FIX/fgd/fgd02.txt: the file is UTF-8 text, read as latin1"
}

# run_from FILE CMD...: run with FILE on standard input.
run_from() {
    local in=$1
    shift
    "$@" <"$in" >"$OUT" 2>"$ERR"
    rc=$?
}

# --speakers / --exclude-speakers read the corpus twice, a batch at a
# time: the speakers first, then the coding.  At --batch-kb 1 (a batch a
# document: the fixtures with a turn of 1.2 KB more; fgd03 has no R2) a
# run says and writes what one batch does, from files and from standard
# input (kept in a temporary file between the two reads); a filter that
# leaves nothing writes no file.
t_code_speakers_stream() {
    local d=$TMP/ss f kb args pad
    mkdir -p "$d/fgd"
    pad=$(printf 'calm %.0s' $(seq 1 240))
    for f in "$FIX"/fgd/*.txt; do
        { cat "$f"; printf '\nR1: %s\n' "$pad"; } >"$d/fgd/${f##*/}"
    done
    for f in "$d"/fgd/*.txt; do
        [ "$(wc -c <"$f")" -gt 1024 ] || problem "$f: under 1 KB"
    done
    awk 'BEGIN { print "id,text" }
         FNR == 1 && NR > 1 { print id ",\"" t "\"" }
         FNR == 1 { id = FILENAME; sub(/.*\//, "", id); sub(/\.txt$/, "", id); t = "" }
         { t = t $0 "\n" }
         END { print id ",\"" t "\"" }' "$d"/fgd/*.txt >"$d/docs.csv"
    awk 'function out() { gsub(/"/, "\\\"", t); printf "{\"id\":\"%s\",\"text\":\"%s\"}\n", id, t }
         FNR == 1 && NR > 1 { out() }
         FNR == 1 { id = FILENAME; sub(/.*\//, "", id); sub(/\.txt$/, "", id); t = "" }
         { t = t $0 "\\n" }
         END { out() }' "$d"/fgd/*.txt >"$d/docs.jsonl"
    for args in "--speakers R2" "--speakers R3|R1" "--exclude-speakers Moderatr" \
                "--speakers Moderatr" "--speakers R" "--exclude-speakers R.*|moderator"; do
        # shellcheck disable=SC2086
        run "$CODA" code --codebook "$FIX/codebook.csv" $args --verbose --batch-kb 2147483647 "$d/fgd"
        cp "$OUT" "$d/one.out"; cp "$ERR" "$d/one.err"; local one_rc=$rc
        # shellcheck disable=SC2086
        run "$CODA" code --codebook "$FIX/codebook.csv" $args --verbose --batch-kb 1 "$d/fgd"
        expect_rc "$one_rc"
        cmp -s "$d/one.out" "$OUT" || problem "$args: stdout differs from one batch's"
        cmp -s "$d/one.err" "$ERR" || problem "$args: stderr differs from one batch's"
        # shellcheck disable=SC2086
        run "$CODA" code --codebook "$FIX/codebook.csv" $args "$d/fgd"
        cp "$ERR" "$d/quiet.err"
        for f in docs.csv docs.jsonl; do
            for kb in 1 65536; do
                # shellcheck disable=SC2086
                run_from "$d/$f" "$CODA" code --codebook "$FIX/codebook.csv" $args --batch-kb $kb -
                expect_rc "$one_rc"
                cmp -s "$d/one.out" "$OUT" || problem "$args, $f, --batch-kb $kb: stdout differs"
                cmp -s "$d/quiet.err" "$ERR" || problem "$args, $f, --batch-kb $kb: stderr differs"
            done
        done
    done
    run "$CODA" code --codebook "$FIX/codebook.csv" --speakers R3 --batch-kb 1 --out "$d/none.csv" "$d/fgd"
    expect_rc 1
    expect_out_empty
    expect_err 'coda code: the speaker filters leave no unit to code: no speaker "R3" in the corpus (its speakers: Moderator, R1 and R2)'
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --speakers R3 --batch-kb 1 --out '$d/none.csv' - <'$d/docs.jsonl'"
    expect_rc 1
    expect_err 'coda code: the speaker filters leave no unit to code: no speaker "R3" in the corpus (its speakers: Moderator, R1 and R2)'
    [ ! -e "$d/none.csv" ] || problem "--out written though nothing was coded"
    no_tmp_files "$d"
}

# A record of standard input longer than --max-record is an error naming
# the input, its line and the limit, with nothing written; one under it
# codes.
t_code_max_record() {
    local d=$TMP/mr
    mkdir -p "$d"
    run sh -c "head -c 3000000 /dev/zero | '$CODA' code --codebook '$FIX/codebook.csv' --max-record 1M --out '$d/z.csv' -"
    expect_rc 1
    expect_err 'coda code: <stdin>:1: the CSV record starting on line 1 is longer than 1048576 bytes, the most one record may take (--max-record raises it)'
    [ ! -e "$d/z.csv" ] || problem "--out written by a failed run"
    no_tmp_files "$d"
    # standard input from a FIFO: a JSON line of 3 MB without an end, after
    # two documents
    mkfifo "$d/fifo"
    { printf '{"id":"a","text":"R1: debt"}\n{"id":"b","text":"R2: loan"}\n{"id":"c","text":"'
      head -c 3000000 /dev/zero | tr '\0' 'x'; } >"$d/fifo" &
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --max-record 2M --batch-kb 1 --out '$d/f.csv' - <'$d/fifo'"
    wait
    expect_rc 1
    expect_err 'coda code: <stdin>:3: the JSON line starting on line 3 is longer than 2097152 bytes, the most one record may take (--max-record raises it)'
    [ ! -e "$d/f.csv" ] || problem "--out written by a failed run"
    # the same record under the limit, ended, codes
    { printf 'id,text\na,R1: debt\nc,"R2: '; head -c 3000000 /dev/zero | tr '\0' 'x'; printf ' a loan"\n'; } >"$d/big.csv"
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --max-record 4M --batch-kb 1 - <'$d/big.csv'"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match
a,1,R1,debt,1,4,debt
c,1,R2,debt,3000004,3000007,loan'
    run sh -c "'$CODA' code --codebook '$FIX/codebook.csv' --max-record 2M - <'$d/big.csv'"
    expect_rc 1
    expect_err '<stdin>:3: the CSV record starting on line 3 is longer than 2097152 bytes'
    run "$CODA" code --codebook "$FIX/codebook.csv" --max-record 1M "$FIX/fgd"
    expect_rc 2
    expect_err "--max-record is for standard input (-)"
    run "$CODA" code --codebook "$FIX/codebook.csv" --max-record 1Q -
    expect_rc 2
    expect_err "--max-record takes a size like 512K, 64M or 2G, not 1Q"
}

for t in $(declare -F | awk '{print $3}' | grep '^t_'); do
    case_ "${t#t_}" "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
