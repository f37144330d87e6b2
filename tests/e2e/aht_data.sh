#!/usr/bin/env bash
# aht_data.sh - end-to-end checks of the synthetic AHT 2020 dataset
# (datasets/aht2020): it regenerates byte-identically, and its codebooks,
# applied to its transcripts with GNU grep -P standing in for coda's coder,
# give the published survivor-service counts and the documented coding.
#
#   bash tests/e2e/aht_data.sh
#
# tests/lua/test_aht_data.lua checks the same with coda's own coder; this
# script keeps an independent implementation of the rule (grep -P).
# The coding rule mirrored here (codebooks/*.csv): a unit is one turn (one
# "Speaker: text" line); Facilitator and Interviewer turns are not coded; a
# code applies to a unit when any of its patterns matches (case-insensitive)
# and its exclude pattern does not; a document has a code when any of its
# units has it.  grep -P's \b is ASCII-only, so the Devanagari patterns are
# checked separately (their mentions must never decide a result).
#
# Prints PASS/FAIL per check, then "N passed, M failed"; exits 1 on failure.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
DATA=datasets/aht2020
export LC_ALL=C.UTF-8
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-aht.XXXXXX") || exit 2
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

passed=0
failed=0

check() { # check NAME STATUS [DETAIL]
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $1"
    else
        failed=$((failed + 1))
        echo "FAIL $1${3:+: $3}"
    fi
}

[ -x "$CODA" ] || { echo "FAIL build ./coda first (make)"; echo "0 passed, 1 failed"; exit 1; }

# --- 1. regeneration is byte-identical ------------------------------------
gen=$TMP/gen
if "$CODA" run "$DATA/generate.lua" "$gen" >"$TMP/gen.out" 2>"$TMP/gen.err"; then
    check "generator runs" 0
else
    check "generator runs" 1 "$(head -c 400 "$TMP/gen.err")"
fi
differ=0
nfiles=0
while IFS= read -r f; do
    nfiles=$((nfiles + 1))
    if ! cmp -s "$gen/$f" "$DATA/$f"; then
        differ=$((differ + 1))
        [ $differ -le 5 ] && echo "  differs: $f"
    fi
done < <(cd "$gen" && find . -type f | sed 's|^\./||' | sort)
check "regenerated files are byte-identical ($nfiles files)" $((differ > 0 || nfiles == 0)) "$differ differ"
diff -rq "$gen/transcripts" "$DATA/transcripts" >"$TMP/stale" 2>&1
st=$?
check "no stale or missing transcripts" $st "$(head -3 "$TMP/stale")"

# --- helpers: CSV fields through coda, units through awk --------------------
cat >"$TMP/dump.lua" <<'LUA'
local coda = require("coda")
local mode, path, filter = arg[1], arg[2], arg[3]
local function out(...) print(table.concat({ ... }, "\t")) end
-- Codebook fields are separated by the ASCII unit separator (0x1F): a tab
-- would let bash's read merge an empty exclude field with its neighbour.
if mode == "codebook" then
    local cb = coda.read_csv(path, { infer = false })
    for r = 1, cb:nrow() do
        local f = {}
        for _, c in ipairs({ "code", "pattern", "exclude", "example", "counterexample" }) do
            local v = cb:get(r, c) or ""
            assert(not v:find("[\31\n]"), path .. ": control character in " .. c)
            f[#f + 1] = v
        end
        print(table.concat(f, "\31"))
    end
elseif mode == "published" then
    local ds = coda.read_csv(path)
    for r = 1, ds:nrow() do
        local code = ds:get(r, "figure_id"):match("^surv%.(.+)$")
        if code then out(code, ds:get(r, "count")) end
    end
elseif mode == "human" then
    local cols = { services_received = "", challenges = "",
                   self_perception_before = "self_perception.before.",
                   self_perception_after = "self_perception.after." }
    local multi = {}
    for c in pairs(cols) do multi[c] = ";" end
    local ds = coda.read_csv(path, { multi = multi })
    for r = 1, ds:nrow() do
        for _, c in ipairs({ "services_received", "challenges", "self_perception_before",
                             "self_perception_after" }) do
            for _, v in ipairs(ds:get(r, c) or {}) do out(ds:get(r, "fgd_id"), cols[c] .. v) end
        end
    end
elseif mode == "disagreements" then
    local ds = coda.read_csv(path)
    for r = 1, ds:nrow() do
        out(ds:get(r, "fgd_id"), ds:get(r, "code"), ds:get(r, "human") == 1 and "human" or "text")
    end
elseif mode == "qual" then
    local ds = coda.read_csv(path)
    for r = 1, ds:nrow() do
        if ds:get(r, "source_type") == filter then
            out(ds:get(r, "source_id"), ds:get(r, "theme_code"))
        end
    end
end
LUA
dump() { "$CODA" run "$TMP/dump.lua" "$@"; }

# units DIR [all]: "DOC<TAB>text" for every turn; without "all", Facilitator
# and Interviewer turns are left out.
units() {
    local f doc
    for f in "$1"/*.txt; do
        doc=$(basename "$f" .txt)
        awk -v doc="$doc" -v all="${2:-}" '
            match($0, /^[^:]+: /) {
                sp = substr($0, 1, RLENGTH - 2); tx = substr($0, RLENGTH + 1)
                if (all != "" || (sp != "Facilitator" && sp != "Interviewer")) print doc "\t" tx
            }' "$f"
    done
}

US=$'\037'

# nonascii TEXT: true when TEXT has a byte above 0x7F (Devanagari here).
nonascii() { printf '%s' "$1" | LC_ALL=C grep -q '[^ -~]'; }

# code_docs CODEBOOK UNITS CODE [noexclude]: the documents coded CODE.
code_docs() {
    local pat excl
    pat=$(awk -F"$US" -v c="$3" '$1 == c { printf "%s(?:%s)", (n++ ? "|" : ""), $2 }' "$1")
    excl=$(awk -F"$US" -v c="$3" '$1 == c { print $3; exit }' "$1")
    if [ -n "$excl" ] && [ -z "${4:-}" ]; then
        grep -P -i -- "$pat" "$2" | grep -P -i -v -- "$excl"
    else
        grep -P -i -- "$pat" "$2"
    fi | cut -f1 | sort -u
}

# code_all CODEBOOK UNITS [noexclude]: "DOC<TAB>CODE" for every coded pair.
code_all() {
    local code
    for code in $(cut -d"$US" -f1 "$1" | sort -u); do
        code_docs "$1" "$2" "$code" "${3:-}" | sed "s/\$/\t$code/"
    done | sort -u
}

for cb in fgd org; do
    dump codebook "$DATA/codebooks/$cb.csv" >"$TMP/$cb.tsv" 2>"$TMP/$cb.err"
    st=$?
    check "codebooks/$cb.csv reads" $st "$(head -c 300 "$TMP/$cb.err")"
done

# --- 2. codebooks are self-consistent --------------------------------------
# coda's own checker (compile, examples, counterexamples, overlaps) ...
for cb in fgd org; do
    "$CODA" codebook check "$DATA/codebooks/$cb.csv" --strict >"$TMP/$cb.check" 2>&1
    st=$?
    check "coda codebook check --strict codebooks/$cb.csv" $st "$(grep -m3 -E 'FAIL|WARN' "$TMP/$cb.check")"
done
# ... and the same examples under grep -P, the stand-in coder used below.
for cb in fgd org; do
    bad=0
    while IFS="$US" read -r code pat excl ex cex; do
        if ! printf '%s\n' "$ex" | grep -qP -i -- "$pat" ||
           { [ -n "$excl" ] && printf '%s\n' "$ex" | grep -qP -i -- "$excl"; }; then
            # grep's \b is ASCII-only: a Devanagari pattern is checked loosely
            if nonascii "$pat" && printf '%s\n' "$ex" | grep -qP -- "${pat//\\b/}"; then
                continue
            fi
            bad=$((bad + 1)); echo "  $cb: example not coded: $code: $ex"
        fi
        if printf '%s\n' "$cex" | grep -qP -i -- "$pat"; then
            bad=$((bad + 1)); echo "  $cb: counterexample matches: $code: $cex"
        fi
    done <"$TMP/$cb.tsv"
    check "$cb codebook: examples coded, counterexamples not matched" $bad
    n=$(awk -F"$US" '{ print $1 "\t" $3 }' "$TMP/$cb.tsv" | sort -u | cut -f1 | uniq -d | wc -l)
    check "$cb codebook: one exclude pattern per code" "$n"
done

# --- 3. FGD transcripts: the published survivor-service counts -------------
units "$DATA/transcripts/fgd" >"$TMP/fgd.units"
code_all "$TMP/fgd.tsv" "$TMP/fgd.units" | awk -F'\t' '{ print $1 "\t" $2 }' >"$TMP/fgd.text"
dump published "$DATA/published_figures.csv" >"$TMP/surv.counts"
while IFS=$'\t' read -r code want; do
    got=$(awk -F'\t' -v c="$code" '$2 == c' "$TMP/fgd.text" | wc -l)
    check "FGD text coding: $code = $want of 52" $((got != want)) "got $got"
done <"$TMP/surv.counts"

# Text coding against the human coding: they differ exactly in the planted
# cells of fgd_disagreements.csv (services) and nowhere else.
dump human "$DATA/fgd_groups.csv" | sort -u >"$TMP/fgd.human"
dump disagreements "$DATA/fgd_disagreements.csv" | sort >"$TMP/planted"
{ comm -23 "$TMP/fgd.human" "$TMP/fgd.text" | sed 's/$/\thuman/'
  comm -13 "$TMP/fgd.human" "$TMP/fgd.text" | sed 's/$/\ttext/'; } | sort >"$TMP/found"
diff "$TMP/planted" "$TMP/found" >"$TMP/dis.diff"
st=$? # (capture it first: a $(...) in check's arguments would reset $?)
check "FGD text vs human coding differ exactly in the $(wc -l <"$TMP/planted") planted cells" $st \
    "$(head -5 "$TMP/dis.diff" | tr '\n' ' ')"

# Coders must skip the facilitator and honour exclude patterns: both change
# the result on these transcripts.
units "$DATA/transcripts/fgd" all >"$TMP/fgd.units.all"
extra=$(code_all "$TMP/fgd.tsv" "$TMP/fgd.units.all" | comm -13 "$TMP/fgd.text" - | wc -l)
check "facilitator-only mentions exist and are not coded ($extra doc-codes)" $((extra == 0))
vetoed=$(code_all "$TMP/fgd.tsv" "$TMP/fgd.units" noexclude | comm -13 "$TMP/fgd.text" - | wc -l)
check "negated mentions exist and are vetoed by exclude ($vetoed doc-codes)" $((vetoed == 0))

# Devanagari mentions never decide a result: dropping the turns that hold
# Devanagari gives the same coding, and the Devanagari patterns (with \b
# dropped, a superset of coda's Unicode-\b matches) only hit coded documents.
grep -vP '[\x{0900}-\x{097F}]' "$TMP/fgd.units" >"$TMP/fgd.units.latin"
code_all "$TMP/fgd.tsv" "$TMP/fgd.units.latin" | cmp -s - "$TMP/fgd.text"
check "FGD coding does not depend on Devanagari turns" $?
bad=0
ndpat=0
ndeva=$(grep -cP '[\x{0900}-\x{097F}]' "$TMP/fgd.units")
while IFS="$US" read -r code pat excl _; do
    nonascii "$pat" || continue
    ndpat=$((ndpat + 1))
    loose=${pat//\\b/}
    while read -r doc; do
        grep -qP "^$doc\t$code\$" "$TMP/fgd.text" || { bad=$((bad + 1)); echo "  $doc: $code only in Devanagari"; }
    done < <(grep -P -- "$loose" "$TMP/fgd.units" | cut -f1 | sort -u)
done <"$TMP/fgd.tsv"
check "Devanagari patterns ($ndpat) only hit documents English text codes ($ndeva Devanagari turns)" \
    $((bad > 0 || ndpat == 0))

# --- 4. qualitative codes: every coded transcript matches qual_codes.csv ---
compare_qual() { # DIR SOURCE_TYPE CODEBOOK [CODE-PREFIX-FILTER]
    units "$DATA/transcripts/$1" >"$TMP/$1.units"
    code_all "$TMP/$3.tsv" "$TMP/$1.units" | awk -F'\t' -v f="${4:-}" '$2 ~ f { print $1 "\t" $2 }' >"$TMP/$1.text"
    dump qual "$DATA/qual_codes.csv" "$2" | sort -u >"$TMP/$1.qual"
    diff "$TMP/$1.qual" "$TMP/$1.text" >"$TMP/$1.diff"
    local st=$?
    check "$1 transcripts coded with $3.csv = qual_codes.csv ($(wc -l <"$TMP/$1.qual") doc-codes)" $st \
        "$(head -5 "$TMP/$1.diff" | tr '\n' ' ')"
}
compare_qual org org_interview org
units "$DATA/transcripts/org" all >"$TMP/org.units.all"
extra=$(code_all "$TMP/org.tsv" "$TMP/org.units.all" | comm -13 "$TMP/org.text" - | wc -l)
check "org interviews: interviewer-only mentions are not coded ($extra doc-codes)" $((extra == 0))
vetoed=$(code_all "$TMP/org.tsv" "$TMP/org.units" noexclude | comm -13 "$TMP/org.text" - | wc -l)
check "org interviews: negated mentions are vetoed by exclude ($vetoed doc-codes)" $((vetoed == 0))
compare_qual stakeholder stakeholder_interview org
compare_qual fgd fgd fgd '^(challenge|self_perception)\.'
# EUM: I answers carry the leadership themes; O answers carry none.
units "$DATA/transcripts/eum" >"$TMP/eum.units"
code_all "$TMP/org.tsv" "$TMP/eum.units" | awk -F'\t' '{ print $1 "\t" $2 }' >"$TMP/eum.text"
dump qual "$DATA/qual_codes.csv" eum_i | sort -u >"$TMP/eum.qual"
diff "$TMP/eum.qual" "$TMP/eum.text" >"$TMP/eum.diff"
st=$?
check "eum transcripts coded with org.csv = qual_codes.csv ($(wc -l <"$TMP/eum.qual") doc-codes)" $st \
    "$(head -5 "$TMP/eum.diff" | tr '\n' ' ')"

# Org-level published facts the leader interviews also carry.
for pair in finding.resc.retrafficking:25 finding.resc.ceased_rescue:2 \
            finding.pros.resource_constraints:13 forms.emerging_forms:3; do
    code=${pair%:*} want=${pair#*:}
    got=$(awk -F'\t' -v c="$code" '$2 == c' "$TMP/org.text" | wc -l)
    check "org text coding: $code = $want" $((got != want)) "got $got"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
