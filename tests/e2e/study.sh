#!/usr/bin/env bash
# ok and bad always succeed, so "test && ok || bad" is a plain if/else here.
# shellcheck disable=SC2015
# study.sh - the study suite as the team runs it: `coda suite` reproduces
# the golden CSV outputs in tests/golden/aht2020/, reports its tally, writes
# its report, and exits 1 when a figure is a mismatch.
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/e2e/harness.sh
. tests/e2e/harness.sh

out=$tmp/out
if ./coda suite --out "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
  ok "coda suite exits 0"
else
  bad "coda suite exits 0 ($(cat "$tmp/stderr"))"
fi
grep -q "^83 figures: 71 exact, 9 truncated, 3 not representable, 0 mismatch$" "$tmp/stdout" \
  && ok "tally: 71 exact, 9 truncated, 3 not representable" || bad "tally: $(head -1 "$tmp/stdout")"
for f in index.html report.md figures.csv; do
  [ -s "$out/$f" ] && ok "wrote $f" || bad "wrote $f"
done
golden=tests/golden/aht2020
for g in "$golden"/*.csv; do
  name=$(basename "$g")
  if cmp -s "$g" "$out/$name"; then ok "golden $name"
  else bad "golden $name differs:"; diff "$g" "$out/$name" | head -5; fi
done
extra=""
for f in "$out"/*.csv; do
  [ -e "$golden/$(basename "$f")" ] || extra="$extra $(basename "$f")"
done
[ -z "$extra" ] && ok "no CSV output without a golden file" || bad "no golden file for:$extra"
! grep -qE '(src|href)="https?:' "$out/index.html" \
  && ok "index.html loads nothing from outside" || bad "index.html references external assets"

# A publication figure no count can miss: change one published percent to a
# value another count would give, and the suite must call it a mismatch.
data=$tmp/data
cp -r datasets/aht2020 "$data"
chmod -R u+w "$data"
sed -i 's/^ia\.prosecution,\(.*\),22,all surveyed/ia.prosecution,\1,24,all surveyed/' "$data/published_figures.csv"
./coda suite --data "$data" --out "$tmp/out2" >"$tmp/stdout2" 2>"$tmp/stderr2"
rc=$?
[ "$rc" = 1 ] && ok "a mismatch exits 1" || bad "a mismatch exits 1 (got $rc)"
grep -q "mismatch: ia.prosecution: 13/59 = 22.0% rounds to 22%; 14/59 would give 24%" "$tmp/stderr2" \
  && ok "the mismatch names the figure and the counts" || bad "mismatch message: $(cat "$tmp/stderr2")"

# The survivors' services from a reviewed coding project: every auto
# segment accepted gives the regex run's figures; FGD01's entitlement
# segments rejected take one focus group off that figure.
grep -q "Coding: the regex hits of codebooks/fgd.csv, not reviewed" "$out/report.md" \
  && ok "the report says the coding was not reviewed" || bad "no coding note in report.md"
cat >"$tmp/review.lua" <<'LUA'
local coda = require("coda")
local path, reject = arg[1], arg[2] == "reject"
local p = coda.project(path)
p:add("datasets/aht2020/transcripts/fgd")
p:code(coda.read_codebook("datasets/aht2020/codebooks/fgd.csv"))
for _, s in p:segments():rows() do
  local no = reject and s.doc == "FGD01" and s.code == "social.entitlements"
  p:decide(s.id, no and "reject" or "accept", { coder = "asha" })
end
LUA
./coda run "$tmp/review.lua" "$tmp/all.coda"
./coda suite --out "$tmp/out3" --project "$tmp/all.coda" >"$tmp/stdout3" 2>&1 \
  && grep -q "0 mismatch" "$tmp/stdout3" && cmp -s "$golden/services.csv" "$tmp/out3/services.csv" \
  && ok "a project with every segment accepted reproduces the services figures" \
  || bad "suite --project (all accepted): $(head -3 "$tmp/stdout3")"
grep -q "Coding: the reviewed project $tmp/all.coda — 241 accepted auto-coded segments and 0 manual codings" \
  "$tmp/out3/report.md" && ok "the report names the reviewed project" || bad "no project note in report.md"
./coda run "$tmp/review.lua" "$tmp/rej.coda" reject
./coda suite --out "$tmp/out4" --project "$tmp/rej.coda" >/dev/null 2>"$tmp/stderr4"
rc=$?
[ "$rc" = 1 ] && grep -q "surv.social.entitlements: 23/52" "$tmp/stderr4" \
  && ok "rejected segments change the figure (24/52 -> 23/52)" \
  || bad "suite --project (rejected): rc $rc, $(cat "$tmp/stderr4")"
./coda suite --out "$tmp/out5" --project "$tmp/none.coda" >/dev/null 2>"$tmp/stderr5"
[ $? = 1 ] && grep -q "no such project file" "$tmp/stderr5" \
  && ok "a missing project exits 1 with one line" || bad "missing project: $(cat "$tmp/stderr5")"

# Text from the data is escaped in report.md: a transcript quoting <script>
# gives &lt;script&gt;, not raw HTML.
sed -i 's/They sent three of us for a skill training/They sent <script>x<\/script> three of us for a skill training/' \
  "$data/transcripts/fgd/FGD01.txt"
./coda suite --data "$data" --out "$tmp/out6" >/dev/null 2>&1
grep -q "They sent &lt;script&gt;x&lt;/script&gt; three" "$tmp/out6/report.md" \
  && ! grep -q "<script>" "$tmp/out6/report.md" \
  && ok "report.md escapes quotes from the transcripts" || bad "report.md: $(grep -m1 'They sent' "$tmp/out6/report.md")"

# Data errors name the file and line, with no traceback: an empty
# published_pct, a base_n that is text, a focus group without transcript.
bad_data() {   # NAME EXPECTED: run the suite on $tmp/$1, expect one line
  ./coda suite --data "$tmp/$1" --out "$tmp/o-$1" >/dev/null 2>"$tmp/e-$1"
  local rc=$?
  [ "$rc" = 1 ] && grep -qF "$2" "$tmp/e-$1" && ! grep -q traceback "$tmp/e-$1" \
    && [ "$(wc -l <"$tmp/e-$1")" -eq 1 ] \
    && ok "data error named: $2" || bad "data error $1: rc $rc, $(cat "$tmp/e-$1")"
}
for v in empty_pct text_base no_transcript; do
  cp -r datasets/aht2020 "$tmp/$v"; chmod -R u+w "$tmp/$v"
done
sed -i '3s/^\(ia\.prevention,[^,]*,[^,]*,[^,]*\),90,/\1,,/' "$tmp/empty_pct/published_figures.csv"
sed -i '3s/,59,53,1,/,fifty-nine,53,1,/' "$tmp/text_base/published_figures.csv"
rm "$tmp/no_transcript/transcripts/fgd/FGD07.txt"
bad_data empty_pct "published_figures.csv:3: published_pct is empty"
bad_data text_base 'published_figures.csv:3: base_n is not a number: "fifty-nine"'
bad_data no_transcript "transcripts/fgd/FGD07.txt: missing"

# --- studies as folders -----------------------------------------------------
./coda suite --list >"$tmp/list" 2>&1
grep -q '^aht2020 .*AHT 2020 landscape study' "$tmp/list" \
  && ok "suite --list names aht2020 with its title" || bad "suite --list: $(cat "$tmp/list")"
./coda suite scripts/studies/aht2020/ --out "$tmp/bypath" >/dev/null 2>&1
cmp -s "$tmp/bypath/figures.csv" "$out/figures.csv" \
  && ok "a study named by its folder gives the same figures" || bad "suite by folder path"
./coda suite no_such_study --out "$tmp/none" >/dev/null 2>"$tmp/e-none"
rc=$?
[ $rc = 1 ] && grep -q 'no study "no_such_study"' "$tmp/e-none" && [ ! -e "$tmp/none" ] \
  && ok "an unknown study: exit 1, named, nothing written" || bad "unknown study: rc $rc, $(cat "$tmp/e-none")"

# A study of its own, outside the library: 5 respondents, 3 of them say yes
# (60%, published as 60); the library is not told about it.
mkdir -p "$tmp/tiny/analyses"
cat >"$tmp/tiny/answers.csv" <<'CSV'
id,answer
1,yes
2,no
3,yes
4,yes
5,no
CSV
printf 'figure_id,section,label,published_pct,base_n,question\nyes_share,Answers,Said yes,60,5,Who said yes?\n' >"$tmp/tiny/published.csv"
cat >"$tmp/tiny/analyses/yes.lua" <<'LUA'
local A = require("lib.analysis")
return { id = "yes", title = "Yes", question = "Who said yes?",
  run = function(data)
    local res = A.result()
    A.figure(res, "yes_share", A.share(data.answers, "answer", "yes"))
    return res
  end }
LUA
cat >"$tmp/tiny/study.lua" <<'LUA'
local coda = require("coda")
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")
return { id = "tiny", title = "A tiny synthetic study",
  load = function(dir)
    dir = dir or here
    return { answers = coda.read_csv(dir .. "/answers.csv"),
             published = coda.read_csv(dir .. "/published.csv") }
  end,
  plan = function() return { { "analyses.yes" } } end }
LUA
./coda suite "$tmp/tiny" --out "$tmp/tiny_out" >"$tmp/tiny_stdout" 2>&1
rc=$?
[ $rc = 0 ] && grep -q '^1 figures: 1 exact' "$tmp/tiny_stdout" \
  && grep -q '^yes_share,Answers,Said yes,3,5,60.0,60,' "$tmp/tiny_out/figures.csv" \
  && grep -q '<h1>A tiny synthetic study</h1>' "$tmp/tiny_out/index.html" \
  && ok "a study folder outside the library runs: 3/5 = 60% exact" \
  || bad "tiny study: rc $rc, $(cat "$tmp/tiny_stdout") $(head -2 "$tmp/tiny_out/figures.csv" 2>/dev/null)"
printf 'return 42\n' >"$tmp/tiny/study.lua"
./coda suite "$tmp/tiny" --out "$tmp/tiny_out2" >/dev/null 2>"$tmp/e-tiny"
[ $? = 1 ] && grep -q 'study.lua: a study manifest returns a table' "$tmp/e-tiny" \
  && ok "a manifest that is not a table: exit 1, named" || bad "bad manifest: $(cat "$tmp/e-tiny")"

./coda suite --bogus >/dev/null 2>&1
[ $? = 2 ] && ok "a usage error exits 2" || bad "a usage error exits 2"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
