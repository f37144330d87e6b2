#!/usr/bin/env bash
# generate.sh - write the malformed inputs too big to keep in the
# repository into the folder DIR (tests/e2e/bad.sh passes its temporary
# folder; cases.tsv names them as {TMP}/NAME).
#
#   bash tests/bad/generate.sh DIR
set -eu

dir=${1:?usage: generate.sh DIR}
mkdir -p "$dir"

# N bytes of the character C.
repeat() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# A 100 MB single field, unquoted; and one in quotes never closed.
{ printf 'id,text\n1,'; repeat 100000000 x; printf '\n'; } >"$dir/big_field.csv"
{ printf 'id,text\n1,"'; repeat 100000000 x; } >"$dir/big_unterminated.csv"

# 100,000 columns and three rows; then a row one field short.
header=$(seq 0 99999 | sed 's/^/c/' | paste -sd, -)
row=$(seq 0 99999 | paste -sd, -)
{ echo "$header"; echo "$row"; echo "$row"; echo "$row"; } >"$dir/wide.csv"
{ echo "$header"; echo "$row"; echo "${row%,*}"; } >"$dir/wide_ragged.csv"

# Long units for pathological patterns: 100,000 a's and a "!" (backtracking
# without end for (a+)+$), 6 KB of "ab " (a lookahead with three .* is cubic
# in it), 1 MB of a's (a lookahead scanning to the end at every position is
# quadratic in it).
{ printf 'R1: '; repeat 100000 a; printf '!\n'; } >"$dir/long_unit.txt"
{ printf 'R1: '; for _ in $(seq 2000); do printf 'ab '; done; printf '\n'; } \
    >"$dir/lookahead_unit.txt"
{ printf 'R1: '; repeat 1000000 a; printf '\n'; } >"$dir/long_scan.txt"

# A folder with no .txt file in it, and an empty data folder for the suite.
mkdir -p "$dir/no_txt" "$dir/no_data"
printf 'notes\n' >"$dir/no_txt/README.md"

# A pattern of 1,000 characters that does not compile: the reason must
# survive in the message, the echoed pattern shortened.
{ printf 'code,pattern\nlongcode,'; repeat 1000 x; printf '(\n'; } >"$dir/long_pattern.csv"

# Word documents that are not what they claim: text named .docx, a zip
# without word/document.xml, a zip bomb (300 MiB of spaces deflated to
# under 1 MiB; refused by its declared size, over 256 MiB), XML nested
# 1000 deep, broken XML, a DOCTYPE with an external entity; and a folder
# with a real one (tests/fixtures/docx) beside the lock file Word leaves.
printf 'a Word file, its name says, but text\n' >"$dir/not_zip.docx"
python3 - "$dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, xml):
    with zipfile.ZipFile(f"{d}/{name}.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
with zipfile.ZipFile(f"{d}/no_document.docx", "w") as z:
    z.writestr("word/styles.xml", "<styles/>")
with zipfile.ZipFile(f"{d}/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w") as f:
        for _ in range(300):
            f.write(b" " * (1 << 20))
docx("deep", f"<w:document {W}><w:body>" + "<w:sdt>" * 1000)
docx("broken", f"<w:document {W}><w:body><w:p><w:r><w:t>a</w:r></w:p>"
     "</w:body></w:document>")
docx("xxe", '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
     "</w:body></w:document>")
PY
mkdir -p "$dir/word"
bash tests/fixtures/docx/make.sh "$dir/word"
printf 'lock' >"$dir/word/~\$interview.docx"

# Text in an encoding, with bytes it does not have or cut short: 0x81 is
# not Windows-1252; a UTF-16 file of an odd number of bytes; a UTF-8 file
# (its BOM says so) named as Windows-1252.
printf 'R1: ok\nR2: a\201b beat\n' >"$dir/undefined_cp1252.txt"
printf '\377\376R\0001\000:\000 \000b\000e\000a\000t\000\n' >"$dir/cut_utf16.txt"
printf '\357\273\277R1: beat\n' >"$dir/utf8_bom.txt"

# Two folders that each hold a g.txt: one document id from two files.
mkdir -p "$dir/site1" "$dir/site2"
printf 'R1: they beat us\n' >"$dir/site1/g.txt"
printf 'R1: they beat her\n' >"$dir/site2/g.txt"

# Analysts' files: a .sav cut short; a device, a FIFO and a folder with
# their extensions; a workbook whose one sheet inflates
# past the 1 GiB coda reads (a zip bomb: 1.1 GB of spaces in 1 MB); a
# workbook whose sheet has a cell at the last row and column Excel has.
head -c 300 tests/fixtures/formats/survey.sav >"$dir/cut.sav"
ln -sf /dev/zero "$dir/zero.sav"
rm -f "$dir/pipe.xlsx" && mkfifo "$dir/pipe.xlsx"
mkdir -p "$dir/folder.sas7bdat"
python3 - "$dir" <<'PY'
import shutil, sys, zipfile
d = sys.argv[1]
def book(name, sheet_writer):
    shutil.copy("tests/fixtures/formats/survey.xlsx", f"{d}/{name}.xlsx")
    src = zipfile.ZipFile("tests/fixtures/formats/survey.xlsx")
    with zipfile.ZipFile(f"{d}/{name}.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with z.open(item.filename, "w", force_zip64=True) as f:
                    sheet_writer(f)
            else:
                z.writestr(item, src.read(item.filename))
NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
def bomb(f):
    f.write(NS + b"<sheetData>")
    block = b" " * (1 << 20)
    for _ in range(1100):
        f.write(block)
    f.write(b"</sheetData></worksheet>")
def corner(f):
    f.write(NS + b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
            b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
            b"</sheetData></worksheet>")
book("bomb", bomb)
book("corner", corner)
PY
