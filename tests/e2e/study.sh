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

./coda suite --bogus >/dev/null 2>&1
[ $? = 2 ] && ok "a usage error exits 2" || bad "a usage error exits 2"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
