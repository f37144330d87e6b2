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

# --- provenance and comparison ------------------------------------------------
want=$(sha1sum datasets/aht2020/organisations.csv | cut -d' ' -f1)
python3 - "$out/run.json" "$want" <<'PY' && ok "run.json: valid JSON; organisations.csv's sha1 as sha1sum gives; every section names its analysis" || bad "run.json"
import json, sys
r = json.load(open(sys.argv[1]))
files = {f["path"]: f["sha1"] for f in r["data"]["files"]}
assert files["organisations.csv"] == sys.argv[2], files.get("organisations.csv")
assert r["coda_version"] and r["time"].endswith("Z") and r["machine"]["cpus"] >= 1
assert all(s["analysis"].startswith("analyses/") and s["sha1"] for s in r["sections"])
assert len(r["sections"]) == 3 + 6 + 2 + 3 and r["figure_sections"]["ia.prevention"] >= 1
PY
grep -q 'Computed by `analyses/forms.lua` from `organisations.csv`' "$out/report.md" \
  && ok "the report names each section's analysis and data" || bad "no provenance line in report.md"
./coda suite --out "$tmp/same" --compare "$out" >"$tmp/s-same" 2>&1
[ $? = 0 ] && grep -q "^0 changes since" "$tmp/s-same" \
  && ok "--compare with an identical run: 0 changes, exit 0" || bad "--compare identical: $(cat "$tmp/s-same")"
cp -r datasets/aht2020 "$tmp/upd"; chmod -R u+w "$tmp/upd"
sed -i '2s/labour.child_labour;sexual/sexual/' "$tmp/upd/organisations.csv"   # ORG01 drops child labour
./coda suite --data "$tmp/upd" --out "$tmp/upd_out" --compare "$out" >"$tmp/s-upd" 2>&1
rc=$?
[ $rc = 3 ] && grep -q '^forms.csv,labour.child_labour,count,"12","11",-1$' "$tmp/upd_out/changes.csv" \
  && grep -q 'Changes since' "$tmp/upd_out/index.html" \
  && ok "--compare after a data update: the changed count 12 -> 11, exit 3" \
  || bad "--compare update: rc $rc, $(head -5 "$tmp/s-upd")"
./coda suite --out "$out" --compare "$out" >/dev/null 2>&1
[ $? = 2 ] && ok "--compare with --out's own folder: usage error" || bad "--compare into itself"
./coda suite --out "$tmp/nope_out" --compare "$tmp/nope" >/dev/null 2>"$tmp/e-nope"
[ $? = 1 ] && grep -q "nope: cannot list the folder" "$tmp/e-nope" && [ ! -e "$tmp/nope_out" ] \
  && ok "--compare with a missing folder: exit 1, named, nothing written" || bad "--compare missing: $(cat "$tmp/e-nope")"

# --- a second study: the synthetic household survey ---------------------------
./coda suite household --out "$tmp/hh" >"$tmp/hh_stdout" 2>&1
rc=$?
[ $rc = 0 ] && grep -q '^12 figures: 12 exact, 0 truncated, 0 not representable, 0 mismatch$' "$tmp/hh_stdout" \
  && ok "household study: 12 figures, all exact" || bad "household study: rc $rc, $(cat "$tmp/hh_stdout")"
# counted without coda: each canned answer once per household that gave it
hh=datasets/household/households.csv
n() { grep -c -- "$1" "$hh"; }
supply=$(( $(n "twice a week") + $(n "कमी") ))
cost=$(( $(n "too costly") + $(n "expensive and often dirty") ))
health=$(( $(n "diarrhoea") + $(n "expensive and often dirty") ))
piped=$(cut -d, -f9 "$hh" | grep -c '^piped$')
toilets=$(awk -F, 'NR > 1 && $10 == 1' "$hh" | wc -l)
for want in "problem.supply,Problems,Water does not come often enough,$supply,215," \
            "problem.cost,Problems,Water costs too much,$cost,215," \
            "problem.health,Problems,Illness or unsafe water,$health,215," \
            "water.piped,Water,Piped water,$piped,240," \
            "sanitation.toilet,Sanitation,A toilet of their own,$toilets,240,"; do
  grep -qF "$want" "$tmp/hh/figures.csv" && ok "household figure $want" \
    || bad "household figure: want $want, have $(grep -F "${want%%,*}," "$tmp/hh/figures.csv")"
done
grep -q '<h1>Household water and sanitation survey' "$tmp/hh/index.html" \
  && [ -s "$tmp/hh/water_weighted.csv" ] && [ -s "$tmp/hh/run.json" ] \
  && ok "household study: its own report, design-based table and run.json" || bad "household outputs"
./coda run datasets/household/generate.lua "$tmp" >/dev/null && cmp -s "$tmp/households.csv" "$hh" \
  && ok "household data regenerates byte for byte" || bad "household data does not regenerate"

# --- coda new-study: a skeleton that runs as written --------------------------
( cd "$tmp" && "$OLDPWD/coda" new-study fresh --title "A fresh study" >/dev/null ) \
  && ./coda suite "$tmp/fresh" --out "$tmp/fresh_out" >"$tmp/fresh_stdout" 2>&1 \
  && grep -q '^3 figures: 3 exact' "$tmp/fresh_stdout" \
  && ./coda run "$tmp/fresh/test.lua" >/dev/null 2>&1 \
  && grep -q '<h1>A fresh study</h1>' "$tmp/fresh_out/index.html" \
  && ok "new-study writes a study that runs and passes its own test" || bad "new-study skeleton: $(cat "$tmp/fresh_stdout")"
sed -i 's/^R02,no$/R02,yes/' "$tmp/fresh/data/answers.csv"
./coda run "$tmp/fresh/test.lua" >"$tmp/fresh_test" 2>&1
[ $? = 1 ] && grep -q '^FAIL answer.yes: 7/10' "$tmp/fresh_test" \
  && ok "the skeleton's test fails when the data no longer gives its figures" || bad "skeleton test cannot fail: $(cat "$tmp/fresh_test")"
./coda new-study "$tmp/fresh" >/dev/null 2>"$tmp/e-fresh"
[ $? = 1 ] && grep -q 'already there' "$tmp/e-fresh" && ok "new-study refuses an existing folder" \
  || bad "new-study over an existing folder: $(cat "$tmp/e-fresh")"

# --- analyses in two processes give what one gives ----------------------------
./coda suite --jobs 1 --out "$tmp/serial" >/dev/null 2>&1
diff -r -x run.json "$out" "$tmp/serial" >"$tmp/jobs_diff" 2>&1 \
  && ok "--jobs 1 and the default two processes write identical reports and tables" \
  || bad "serial and parallel runs differ: $(head -5 "$tmp/jobs_diff")"
./coda suite --jobs 0 >/dev/null 2>&1
[ $? = 2 ] && ok "--jobs 0: usage error" || bad "--jobs 0"

# --- outsiders' paths ------------------------------------------------------
mkfifo "$tmp/fifo"
./coda suite "$tmp/fifo" >/dev/null 2>"$tmp/e-fifo"
[ $? = 1 ] && grep -q 'no study' "$tmp/e-fifo" && ok "a FIFO as the study: exit 1, named" || bad "suite FIFO: $(cat "$tmp/e-fifo")"
./coda suite --compare /dev/null --out "$tmp/devnull_out" >/dev/null 2>"$tmp/e-dev"
[ $? = 1 ] && grep -q '/dev/null: cannot list the folder' "$tmp/e-dev" && [ ! -e "$tmp/devnull_out" ] \
  && ok "--compare /dev/null: exit 1, named, nothing written" || bad "--compare /dev/null: $(cat "$tmp/e-dev")"
./coda new-study /dev/null >/dev/null 2>"$tmp/e-ns"
[ $? = 1 ] && grep -q 'already there' "$tmp/e-ns" && ok "new-study onto a device: refused" || bad "new-study /dev/null: $(cat "$tmp/e-ns")"
./coda suite household --jobs 3 --out "$tmp/hh3" >/dev/null 2>&1 && diff -r -x run.json "$tmp/hh" "$tmp/hh3" >/dev/null \
  && ok "household with three processes: the same files as with two" || bad "household --jobs 3 differs"

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
cat >"$tmp/tiny/study.lua" <<'LUA'
local coda = require("coda")
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")
return { id = "tiny", load = function() return { answers = coda.read_csv(here .. "/answers.csv"),
  published = coda.read_csv(here .. "/published.csv") } end,
  plan = function() return { { "analyses.yes" }, { "analyses.broken" } } end }
LUA
printf 'return { run = function(data) return data.answers:frequency("no_such_column") end }\n' >"$tmp/tiny/analyses/broken.lua"
./coda suite "$tmp/tiny" --out "$tmp/tiny_out3" >/dev/null 2>"$tmp/e-broken"
[ $? = 1 ] && grep -q 'no_such_column' "$tmp/e-broken" \
  && ok "an analysis failing in a worker process: exit 1 with its message" || bad "worker error: $(cat "$tmp/e-broken")"
printf 'return 42\n' >"$tmp/tiny/study.lua"
./coda suite "$tmp/tiny" --out "$tmp/tiny_out2" >/dev/null 2>"$tmp/e-tiny"
[ $? = 1 ] && grep -q 'study.lua: a study manifest returns a table' "$tmp/e-tiny" \
  && ok "a manifest that is not a table: exit 1, named" || bad "bad manifest: $(cat "$tmp/e-tiny")"

./coda suite --bogus >/dev/null 2>&1
[ $? = 2 ] && ok "a usage error exits 2" || bad "a usage error exits 2"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
