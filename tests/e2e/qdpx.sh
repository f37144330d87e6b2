#!/usr/bin/env bash
# qdpx.sh - end-to-end tests of REFI-QDA project exchange as a user types
# it from the repository root: coda project export-qdpx / import-qdpx on
# the study transcripts, the archive checked against the REFI schema,
# byte-identical re-export, the round trip, and refusals of bad archives.
#
#   bash tests/e2e/qdpx.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
FIX=tests/fixtures/coding
XSD=tests/fixtures/refi/Project.xsd
OTHER=tests/fixtures/qdpx/other_tool.qdpx
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-qdpx.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

P=$TMP/study.coda

# A coded project with one accepted auto segment and a manual one.
setup() {
    "$CODA" project init "$P" >/dev/null &&
    "$CODA" project add "$P" "$FIX/fgd" --meta "$FIX/meta.csv" >/dev/null &&
    "$CODA" project code "$P" --codebook "$FIX/codebook.csv" >/dev/null &&
    cat >"$TMP/setup.lua" <<EOF2 &&
local coda = require("coda")
local p = coda.project("$P", { create = false })
p:decide(p:segments():get(1, "id"), "accept", { coder = "ana" })
p:add_coding{ doc = "fgd02", code = "debt", coder = "ana", char_start = 1,
              char_stop = 4 }
p:memo{ on = "document", target = "fgd02", text = "ठीक", coder = "ana" }
EOF2
    "$CODA" run "$TMP/setup.lua" >/dev/null
}

# The project.qde of archive $1 into $2.
qde() { unzip -p "$1" project.qde >"$2"; }

t_export_validates() {
    run "$CODA" project export-qdpx "$P" "$TMP/a.qdpx"
    expect_rc 0
    expect_out "a.qdpx: written"
    qde "$TMP/a.qdpx" "$TMP/a.qde"
    xmllint --noout --schema "$XSD" "$TMP/a.qde" 2>/dev/null ||
        problem "project.qde does not validate against Project.xsd"
    [ "$(grep -c '<PlainTextSelection ' "$TMP/a.qde")" -eq 2 ] ||
        problem "expected 2 selections (accepted and manual)"
    run "$CODA" project export-qdpx "$P" "$TMP/all.qdpx" --all
    expect_rc 0
    qde "$TMP/all.qdpx" "$TMP/all.qde"
    xmllint --noout --schema "$XSD" "$TMP/all.qde" 2>/dev/null ||
        problem "--all: project.qde does not validate"
    [ "$(grep -c '<PlainTextSelection ' "$TMP/all.qde")" -eq 10 ] ||
        problem "--all: expected 10 selections"
    unzip -l "$TMP/a.qdpx" | grep -q 'sources/.*\.txt' ||
        problem "no sources/*.txt in the archive"
    no_tmp_files "$TMP"
}

t_export_is_byte_identical() {
    run "$CODA" project export-qdpx "$P" "$TMP/b.qdpx"
    expect_rc 0
    cmp -s "$TMP/a.qdpx" "$TMP/b.qdpx" || problem "two exports differ"
}

t_round_trip() {
    "$CODA" project init "$TMP/q.coda" >/dev/null
    run "$CODA" project import-qdpx "$TMP/q.coda" "$TMP/a.qdpx"
    expect_rc 0
    expect_out "3 sources (3 new documents)"
    expect_out "2 codings, 1 memos"       # ana's and the auto-coder's
    run "$CODA" project export-csv "$TMP/q.coda" "$TMP/q.csv" --coder ana
    expect_rc 0
    grep -q '^[0-9]*,fgd02,.*,debt,1,' "$TMP/q.csv" ||
        problem "ana's coding of fgd02 is not back"
    run "$CODA" project export-csv "$TMP/q.coda" "$TMP/qa.csv" --coder auto
    [ "$(wc -l <"$TMP/qa.csv")" -eq 2 ] || problem "the auto-coder's segment is not back"
}

t_import_other_tool() {
    "$CODA" project init "$TMP/o.coda" >/dev/null
    run "$CODA" project import-qdpx "$TMP/o.coda" "$OTHER"
    expect_rc 0
    expect_out "2 sources (2 new documents), 4 new codes, 4 codings, 2 memos"
    run "$CODA" project import-qdpx "$TMP/o.coda" "$OTHER" --coder sita
    expect_rc 0
    run "$CODA" project status "$TMP/o.coda"
    expect_out "sita"
}

t_refusals() {
    printf 'not a zip\n' >"$TMP/x.qdpx"
    run "$CODA" project import-qdpx "$P" "$TMP/x.qdpx"
    expect_rc 1
    expect_err "x.qdpx: not a zip archive"
    (cd "$TMP" && printf 'x' >a.txt && zip -q nopro.qdpx a.txt)
    run "$CODA" project import-qdpx "$P" "$TMP/nopro.qdpx"
    expect_rc 1
    expect_err "no project.qde in the archive"
    mkdir -p "$TMP/z/sub"
    printf '<Project/>' >"$TMP/z/project.qde"
    printf 'x' >"$TMP/z/evil.txt"
    (cd "$TMP/z/sub" && zip -q ../../evil.qdpx ../project.qde ../evil.txt)
    run "$CODA" project import-qdpx "$P" "$TMP/evil.qdpx"
    expect_rc 1
    expect_err "unsafe entry name"
    run "$CODA" project import-qdpx "$P" "$OTHER" --coder auto
    expect_rc 1
    expect_err "cannot be a coder's name"
    run "$CODA" project export-qdpx "$P"
    expect_rc 2
    run "$CODA" project export-qdpx "$P" "$TMP/no/such/dir/x.qdpx"
    expect_rc 1
    expect_err "x.qdpx"
}

t_no_output_over_an_input() {
    run "$CODA" project export-qdpx "$P" "$P"
    expect_rc 1
    run "$CODA" project status "$P"
    expect_rc 0
    expect_out "3 documents"
}

if ! setup; then
    echo "qdpx.sh: could not make the project"
    exit 2
fi
for t in t_export_validates t_export_is_byte_identical t_round_trip \
         t_import_other_tool t_refusals t_no_output_over_an_input; do
    case_ "${t#t_}" "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
