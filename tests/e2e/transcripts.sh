#!/usr/bin/env bash
# transcripts.sh - end-to-end tests of `coda code` on transcripts as they
# arrive: timestamped, subtitle, Word (Teams) and CR-only files,
# --input-format, --ids, --verbose, and the warnings and errors that keep
# a wrong reading loud.
#
#   bash tests/e2e/transcripts.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
CB=tests/fixtures/coding/codebook.csv
FIX=tests/fixtures/transcripts
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-transcripts.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

t_shapes_are_coded_by_speaker() {
    run "$CODA" code --codebook "$CB" --verbose "$FIX"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\nplain,4,Respondent,debt,13,16,debt\nteams,2,Participant 1,beating,30,35,beaten'
    expect_err "coda code: $FIX/teams.vtt: format vtt, 3 turns, 2 speakers"
    expect_err "coda code: $FIX/otter.txt: format otter, 3 turns, 2 speakers"
    expect_err "coda code: $FIX/empty.vtt: format vtt, 0 turns, 0 speakers"
    expect_err "coda code: warning: $FIX/empty.vtt: no cue has text: the document has no units"
    expect_err "coda code: warning: $FIX/bad_time.txt:2: \"99:99:99\" is not a time"
}

# Read as plain, a timestamped file is one turn without a speaker: the
# interviewer is coded too, and coda says why; a speaker filter, which can
# take nobody there, is an error.
t_input_format_forced() {
    printf '[00:00:01] Interviewer: Was there a debt?\n[00:00:04] Respondent: A loan.\n' >"$TMP/ts.txt"
    run "$CODA" code --codebook "$CB" --exclude-speakers Interviewer "$TMP/ts.txt"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\nts,2,Respondent,debt,3,6,loan'
    expect_err_empty
    run "$CODA" code --codebook "$CB" --input-format plain "$TMP/ts.txt"
    expect_rc 0
    expect_out "ts,1,,debt,"
    expect_err "coda code: warning: $TMP/ts.txt: no speaker label found (format plain): its text is 1 turn without a speaker"
    run "$CODA" code --codebook "$CB" --input-format plain --exclude-speakers Interviewer "$TMP/ts.txt"
    expect_rc 1
    expect_out_empty
    expect_err "coda code: warning: $TMP/ts.txt: no speaker label found (format plain)"
    expect_err "coda code: a speaker filter, but no unit of the corpus has a speaker"
    run "$CODA" code --codebook "$CB" --input-format sbv "$TMP/ts.txt"
    expect_rc 2
    expect_err "unknown --input-format sbv (auto, plain, timestamped, rev, otter, qa, vtt, srt)"
    run "$CODA" code --codebook "$CB" --input-format vtt "$TMP/ts.txt"
    expect_rc 1
    expect_err "coda code: $TMP/ts.txt:1: a WebVTT file starts with the line WEBVTT"
    expect_out_empty
}

t_same_id_in_two_folders() {
    mkdir -p "$TMP/site1" "$TMP/site2"
    printf 'R1: a debt\n' >"$TMP/site1/g.txt"
    printf 'R1: a loan\n' >"$TMP/site2/g.vtt"
    run "$CODA" code --codebook "$CB" "$TMP/site1" "$TMP/site2"
    expect_rc 1
    expect_err "coda code: $TMP/site2/g.vtt: document id \"g\" is also the id of $TMP/site1/g.txt"
    expect_out_empty
    printf 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v R1>a loan\n' >"$TMP/site2/g.vtt"
    (cd "$TMP" && "$ROOT/coda" code --codebook "$ROOT/$CB" --ids path ./site1 site2/) >"$OUT" 2>"$ERR"
    rc=$?
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\nsite1/g,1,R1,debt,3,6,debt\nsite2/g,1,R1,debt,3,6,loan'
    run "$CODA" code --codebook "$CB" --ids number "$TMP/site1"
    expect_rc 2
    expect_err "--ids must be name or path"
}

# A subtitle file through a FIFO is read as a stream and known by its
# WEBVTT line; a CR-only file is turns, not one line.
t_fifo_and_line_ends() {
    mkfifo "$TMP/cues"
    printf 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Interviewer>Any debt?\n\n00:02.000 --> 00:03.000\n<v R1>A loan.\n' >"$TMP/cues" &
    run timeout 10 "$CODA" code --codebook "$CB" --verbose --exclude-speakers Interviewer "$TMP/cues"
    wait
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\ncues,2,R1,debt,3,6,loan'
    expect_err "format vtt, 2 turns, 2 speakers"
    printf 'Interviewer: Any debt?\rR1: An advance.\r' >"$TMP/cr.txt"
    run "$CODA" code --codebook "$CB" --exclude-speakers Interviewer "$TMP/cr.txt"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\ncr,2,R1,debt,4,10,advance'
}

t_empty_and_one_line_inputs() {
    : >"$TMP/empty.txt"
    printf 'debt' >"$TMP/one.txt"
    run "$CODA" code --codebook "$CB" --verbose "$TMP/empty.txt" "$TMP/one.txt"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\none,1,,debt,1,4,debt'
    expect_err "coda code: warning: $TMP/empty.txt: empty or only white space: the document has no units"
    expect_err "coda code: warning: $TMP/one.txt: no speaker label found"
    expect_err "coda code: $TMP/empty.txt: format plain, 0 turns, 0 speakers"
}

# A Word transcript as Microsoft Teams writes one: a paragraph "Name   0:03"
# above each turn's text.
t_teams_word_document() {
    python3 - "$TMP/teams.docx" <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
paras = ["Interview 4", "Interviewer   0:03", "Did they take an advance?",
         "Respondent   0:09", "Yes, a loan of ten thousand."]
body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paras)
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
PY
    run "$CODA" code --codebook "$CB" --verbose --exclude-speakers Interviewer "$TMP/teams.docx"
    expect_rc 0
    expect_out_is 'doc,unit,speaker,code,start,stop,match\nteams,3,Respondent,debt,8,11,loan'
    expect_err "coda code: $TMP/teams.docx: format otter, 3 turns, 2 speakers"
}

for t in $(declare -F | awk '{print $3}' | grep '^t_'); do
    case_ "${t#t_}" "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
