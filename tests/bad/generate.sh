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

# Two folders that each hold a g.txt: one document id from two files.
mkdir -p "$dir/site1" "$dir/site2"
printf 'R1: they beat us\n' >"$dir/site1/g.txt"
printf 'R1: they beat her\n' >"$dir/site2/g.txt"
