#!/usr/bin/env bash
# project.sh - end-to-end tests of `coda project` as a user types it from
# the repository root: a project made, filled, coded, re-coded and
# exported, and the refusals of files that are not projects.
#
#   bash tests/e2e/project.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
FIX=tests/fixtures/coding
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-project.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

P=$TMP/study.coda

t_init_add_code_status() {
    run "$CODA" project init "$P"
    expect_rc 0
    expect_out "a new coda project"
    run "$CODA" project add "$P" "$FIX/fgd" --meta "$FIX/meta.csv"
    expect_rc 0
    expect_out "3 added, 0 unchanged, 0 changed"
    run "$CODA" project code "$P" --codebook "$FIX/codebook.csv"
    expect_rc 0
    # the 9 segments coda code finds in the same transcripts (coding.sh)
    expect_out "codebook version 1 (new); 3 documents"
    expect_out "9 segments found: 9 new, 0 kept, 0 back; 0 gone"
    run "$CODA" project status "$P"
    expect_rc 0
    expect_out "3 documents, 6 codes, 1 codebook versions"
    expect_out "segments: 9 pending, 0 accepted, 0 rejected, 0 gone"
    expect_out "auto             9 segments"
}

t_add_again_and_recode_change_nothing() {
    run "$CODA" project add "$P" "$FIX/fgd"
    expect_out "0 added, 3 unchanged, 0 changed"
    run "$CODA" project code "$P" --codebook "$FIX/codebook.csv"
    expect_out "codebook version 1; 3 documents"
    expect_out "9 segments found: 0 new, 9 kept, 0 back; 0 gone"
}

t_a_new_codebook_version() {
    grep -v '^fir,' "$FIX/codebook.csv" >"$TMP/nofir.csv"
    run "$CODA" project code "$P" --codebook "$TMP/nofir.csv"
    expect_rc 0
    expect_out "codebook version 2 (new)"
    expect_out "8 segments found: 0 new, 8 kept, 0 back; 1 gone"
    run "$CODA" project status "$P"
    expect_out "segments: 8 pending, 0 accepted, 0 rejected, 1 gone"
}

t_export_csv() {
    run "$CODA" project export-csv "$P" "$TMP/gone.csv" --status gone
    expect_rc 0
    expect_out "1 segments written"
    [ "$(sed -n 2p "$TMP/gone.csv" | cut -d, -f5,10)" = "fir,FIR" ] ||
        problem "the gone segment is not the FIR one: $(cat "$TMP/gone.csv")"
    run "$CODA" project export-csv "$P" "$TMP/all.csv"
    [ "$(wc -l <"$TMP/all.csv")" -eq 9 ] || problem "all.csv: not 8 rows"
    no_tmp_files "$TMP"
}

t_refusals() {
    run "$CODA" project status "$TMP/none.coda"
    expect_rc 1
    expect_err "no such project file"
    printf 'not sqlite\n' >"$TMP/text.coda"
    run "$CODA" project status "$TMP/text.coda"
    expect_rc 1
    expect_err "not a coda project"
    run "$CODA" project status /dev/null
    expect_rc 1
    expect_err "not a regular file"
    run "$CODA" project init "$P"
    expect_rc 1
    expect_err "exists already"
    run "$CODA" project code "$P"
    expect_rc 2
    expect_err "code needs --codebook FILE"
    run "$CODA" project frobnicate "$P"
    expect_rc 2
    run "$CODA" project export-csv "$P" "$TMP/x.csv" --status done
    expect_rc 1
    expect_err 'unknown status "done"'
    [ ! -e "$TMP/x.csv" ] || problem "a file was written after an error"
    run "$CODA" project --help
    expect_rc 0
    expect_out "usage: coda project init PROJECT"
}

t_no_output_over_the_project() {
    run "$CODA" project export-csv "$P" "$P"
    expect_rc 1
    run "$CODA" project status "$P"
    expect_rc 0
}

# A codebook's probable mistakes are said when a project is coded with it.
t_codebook_warnings() {
    printf 'code,pattern,parent\nviolence,,\nbeating,\\bbeat\\b,violnce\n' >"$TMP/slip.csv"
    run "$CODA" project init "$TMP/slip.coda"
    run "$CODA" project add "$TMP/slip.coda" "$FIX/fgd"
    run "$CODA" project code "$TMP/slip.coda" --codebook "$TMP/slip.csv"
    expect_rc 0
    expect_err "coda project: warning: $TMP/slip.csv: code \"beating\" (line 3): parent \"violnce\" is not a code of the codebook; did you mean \"violence\"?"
    expect_out "2 segments found"
}

# Word documents and text in another encoding go in as UTF-8 text.
t_add_word_and_encodings() {
    local Q=$TMP/enc.coda E=tests/fixtures/encodings
    bash tests/fixtures/docx/make.sh "$TMP/docx" || problem "make.sh failed"
    "$CODA" project init "$Q" >/dev/null
    run "$CODA" project add "$Q" "$E/cp1252.txt"
    expect_rc 1
    expect_err "try --encoding cp1252"
    run "$CODA" project add "$Q" "$E/cp1252.txt" "$TMP/docx" --encoding cp1252
    expect_rc 0
    expect_out "2 added, 0 unchanged, 0 changed"
    run "$CODA" project code "$Q" --codebook "$FIX/codebook.csv"
    expect_rc 0
    expect_out "4 segments found: 4 new"
    run "$CODA" project add "$Q" "$E/cp1252.txt" --encoding cp1252 --invalid replace
    expect_out "0 added, 1 unchanged, 0 changed"
    run "$CODA" project add "$Q" "$E/cp1252.txt" --invalid sometimes
    expect_rc 2
    expect_err "--invalid must be replace or error"
}

for t in t_init_add_code_status t_add_again_and_recode_change_nothing \
         t_a_new_codebook_version t_export_csv t_refusals \
         t_no_output_over_the_project t_codebook_warnings \
         t_add_word_and_encodings; do
    case_ "${t#t_}" "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
