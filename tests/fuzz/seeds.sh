#!/usr/bin/env bash
# seeds.sh - (re)build the seed inputs of tests/fuzz/corpus/ from the
# project's fixtures: each seed is a target's option bytes followed by a
# real file (see the header comment of each tests/fuzz/fuzz_NAME.c for the
# option bytes).  Seeds are named seed-*; inputs libFuzzer added (named by
# their SHA-1) are left alone.
#
#   bash tests/fuzz/seeds.sh
set -eu

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
C=tests/fuzz/corpus
mkdir -p "$C/csv" "$C/codebook" "$C/qdc" "$C/corpus" "$C/code" "$C/write" \
         "$C/expr"
rm -f "$C"/*/seed-*

# seed TARGET NAME OPTION-BYTES FILE...: the option bytes (printf %b), then
# the files' bytes.
seed() {
    local target=$1 name=$2 opts=$3
    shift 3
    { printf '%b' "$opts"; cat "$@"; } >"$C/$target/seed-$name"
}

# --- csv: 6 option bytes (flags, delimiter, threads, block, multi, type) --
for f in tests/fixtures/csv/*.csv; do
    b=$(basename "$f" .csv)
    d='\0'
    [ "$b" = semicolon ] && d='\1'
    # infer, from a file too, na strings; 2 threads, 1-byte blocks
    seed csv "$b-infer" "\\x07$d\\x01\\x01\\x00\\x00" "$f"
    # strings, a multi column, written and read back; 3 threads, 5-byte blocks
    seed csv "$b-strings" "\\x28$d\\x02\\x04\\x00\\x00" "$f"
done
# the multi-select fixture with its tags column (index 2) split on ";", and
# a type override of column 1 to integer
seed csv multi-tags '\x19\0\x01\x03\x10\x08' tests/fixtures/csv/multi.csv
head -c 1500 datasets/aht2020/organisations.csv >"$ROOT/.seed-orgs.tmp"
seed csv orgs-head '\x2a\0\x02\x06\x28\0' "$ROOT/.seed-orgs.tmp"
rm -f "$ROOT/.seed-orgs.tmp"

# --- codebook: 1 option byte (bit 0 lenient, bit 1 check, bit 2 .qdc
# round trip), then a CSV codebook ---------------------------------------
for f in tests/fixtures/coding/codebook.csv tests/fixtures/coding/bad_codebook.csv \
         datasets/aht2020/codebooks/fgd.csv datasets/aht2020/codebooks/org.csv; do
    b=$(basename "$f" .csv)
    case $f in datasets/*) b=aht-$b ;; esac
    seed codebook "$b" '\x07' "$f"
    seed codebook "$b-strict" '\x04' "$f"
done

# --- qdc: 1 option byte (as codebook), then a .qdc file -----------------
seed qdc other-tool '\x07' tests/fixtures/coding/other_tool.qdc
if [ -x ./coda ]; then
    tmp=$(mktemp -d)
    for f in tests/fixtures/coding/codebook.csv datasets/aht2020/codebooks/org.csv; do
        b=$(basename "$f" .csv)
        ./coda codebook qdc "$f" "$tmp/$b.qdc" >/dev/null
        seed qdc "coda-$b" '\x07' "$tmp/$b.qdc"
    done
    rm -rf "$tmp"
fi

# --- corpus: 2 option bytes (unit kind + replace, document split), text --
n=0
for f in tests/fixtures/coding/fgd/*.txt; do
    b=$(basename "$f" .txt)
    for k in 0 1 2 3; do
        seed corpus "$b-$k" "\\x0$k\\x00" "$f"
    done
    n=$((n + 1))
done
for f in datasets/aht2020/transcripts/fgd/FGD01.txt datasets/aht2020/transcripts/org/ORG01.txt datasets/aht2020/transcripts/stakeholder/STK001.txt \
         datasets/aht2020/transcripts/eum/EUM001.txt; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .txt)
    head -c 1200 "$f" >"$C/corpus/.part"
    seed corpus "aht-$b" '\x03\x21' "$C/corpus/.part"
    rm -f "$C/corpus/.part"
done
printf 'R1: bro\377ken\r\nR2: fine \xe0\xa5\xa4 next\n' >"$C/corpus/.part"
seed corpus invalid-replace '\x06\x00' "$C/corpus/.part"
rm -f "$C/corpus/.part"

# --- code: 3 option bytes (mode, unit kind, threads), then for mode bit 0
# a codebook (lines "code<TAB>pattern<TAB>flags<TAB>exclude") and a line
# "---", then the text -----------------------------------------------------
for f in tests/fixtures/coding/fgd/*.txt; do
    b=$(basename "$f" .txt)
    seed code "fixed-$b" '\x00\x02\x01' "$f"
    seed code "fixed-$b-sentence" '\x00\x03\x00' "$f"
done
printf 'beat\t\\bbeat(?:en)?\\b|\\bमार(?:ा|ते)\\b\t\t\nfir\t\\bFIR\\b\tc\t\\bno FIR\\b\nmarriage\tmarried off|शादी\tw\t\n---\n' \
    >"$C/code/.cb"
seed code input-fgd01 '\x01\x02\x01' "$C/code/.cb" tests/fixtures/coding/fgd/fgd01.txt
seed code input-fgd02 '\x01\x01\x02' "$C/code/.cb" tests/fixtures/coding/fgd/fgd02.txt
printf 'slow\t(a+)+$\t\t\n---\n' >"$C/code/.cb"
{ printf 'R1: '; head -c 3000 /dev/zero | tr '\0' a; printf '!\n'; } >"$C/code/.txt"
seed code catastrophic '\x01\x00\x00' "$C/code/.cb" "$C/code/.txt"
printf 'words\t\\bशादी\\b|\\bstitch\\w*\tx\t\nk\tk\t\t\n---\n' >"$C/code/.cb"
printf 'A: जबरन शादी की गई। Stitching KELVIN \xe2\x84\xaa here.\n' >"$C/code/.txt"
seed code unicode-words '\x01\x03\x02' "$C/code/.cb" "$C/code/.txt"
rm -f "$C/code/.cb" "$C/code/.txt"

# --- write: 3 option bytes (shape, how to read back, unused), then the
# Dataset's bytes (types, names, values; see fuzz_write.c): a few shapes
# over pseudo-random bytes (awk's generator with a fixed seed) ------------
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    shape=$(( (i * 53) % 256 ))
    how=$(( (i * 29) % 256 ))
    { printf "\\x$(printf %02x $shape)\\x$(printf %02x $how)\\x00";
      LC_ALL=C awk -v s="$i" 'BEGIN { srand(s)
          for (k = 0; k < 700; k++) printf "%c", int(rand() * 256) }'
    } >"$C/write/seed-random-$i"
done
# one of each type, every value a listed text or an edge value
seed write every-type '\x2c\x05\x00' /dev/null
printf '\0\1\2\3\4\5\6\7\10\11\12\13\14\15\16\17' >>"$C/write/seed-every-type"
printf '\1\3\1\4\1\7\1\10\1\11\1\12\1\13\1\14' >>"$C/write/seed-every-type"

# the European file with its marks: ';', decimal comma, '.' thousands
seed csv european-marks '\x01\x01\x62\x03\x00\x00' tests/fixtures/csv/european.csv

# --- expr: 1 option byte (bit 0: a table of 1100 rows), then an expression
i=0
while IFS= read -r line; do
    i=$((i + 1))
    { printf "\\x$(printf %02x $((i % 2)))"; printf '%s' "$line"; } >"$C/expr/seed-$i"
done <<'EXPRS'
x / (y / 100)^2
cut(y, {-inf, 0, 1.5, inf}) == '(0,1.5]'
if_else(b and x > 3, upper(trim(s)), lower(s), 'none')
case_when(x < 0, 1, y > 2, 2.5, missing)
coalesce(x, y, 0) * -2 // 3 % 7
has(m, 'rescue') or not is_missing(d)
year(d) * 100 + month(d) + day(d)
gsub(s, '[aeiou]', '<$0>') ~= sub(s, '^(.)', '$1$1')
contains(s, '(?i)ASSAM') and nchar(s) >= 2
round(abs(y) ^ 0.5, 2) + sqrt(x) + log(exp(1)) + floor(y) - ceil(y)
x + 9223372036854775807
((((((((((((((((((((x))))))))))))))))))))
`x` + 'unterminated
EXPRS

echo "seeds: $(find "$C" -name 'seed-*' | wc -l) files"
