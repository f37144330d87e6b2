#!/usr/bin/env bash
# review.sh - end-to-end tests of `coda review`: the server as an outsider
# sees it (token, Host, sizes, paths, bad JSON), the JSON API against the
# project, loopback only, and durability when the server is killed in the
# middle of a burst of decisions.
#
#   bash tests/e2e/review.sh
#
# Prints PASS or FAIL per case, then "N passed, M failed"; exits non-zero
# when any case failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

CODA=./coda
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-e2e-review.XXXXXX") || exit 2
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

OUT=$TMP/stdout
ERR=$TMP/stderr
# shellcheck source=tests/e2e/harness.sh
. "$ROOT/tests/e2e/harness.sh"

# --- fixtures: a project of two transcripts, ~300 auto segments ----------
mkdir -p "$TMP/docs"
{
    echo "Interviewer: क्या मालिक ने पैसे दिए?"
    for i in $(seq 1 100); do
        echo
        echo "सहायक: मालिक ने पैसे नहीं दिए, turn $i. The agent took money from my family."
    done
} >"$TMP/docs/t1.txt"
printf 'R1: My family needed money.\n\nR2: 😀 पैसे और परिवार।\n' >"$TMP/docs/t2.txt"
cat >"$TMP/cb.csv" <<'CSV'
code,pattern,color
money,\bmoney\b|पैसे,#2e7d32
family,\bfamily\b|परिवार,
employer,मालिक,#c62828
CSV
cat >"$TMP/make.lua" <<'LUA'
local coda = require("coda")
local p = coda.project(arg[1])
p:add(arg[2])
p:code(coda.read_codebook(arg[3]))
p:close()
LUA
PROJ=$TMP/p.coda
if ! $CODA run "$TMP/make.lua" "$PROJ" "$TMP/docs" "$TMP/cb.csv" >"$OUT" 2>"$ERR"; then
    echo "FAIL making the test project: $(cat "$ERR")"
    exit 1
fi

# --- the server ------------------------------------------------------------
# start [ARGS...]: coda review PROJ in the background; sets URL, BASE, TOKEN,
# PORT from the line it prints.
start() {
    # the last server's output gone first: the new one's redirection may
    # come after the loop below has read the old URL (its port then free)
    rm -f "$TMP/server.out" "$TMP/server.err"
    $CODA review "$PROJ" "$@" >"$TMP/server.out" 2>"$TMP/server.err" &
    SERVER=$!
    local i
    for i in $(seq 1 100); do
        URL=$(grep -o 'http://[^ ]*' "$TMP/server.out" 2>/dev/null)
        [ -n "$URL" ] && break
        sleep 0.05
    done
    BASE=${URL%%/\?*}
    TOKEN=${URL##*token=}
    PORT=${BASE##*:}
}
stop() {
    kill "$SERVER" 2>/dev/null
    wait "$SERVER" 2>/dev/null
    SERVER=
}

# http [CURL ARGS...]: the status code in $code, the body in $OUT.
http() {
    code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 "$@")
}
api() { http -H "X-Coda-Token: $TOKEN" "$@"; }
expect_code() { [ "$code" = "$1" ] || problem "HTTP $code, expected $1"; }
post() { api -X POST -H 'Content-Type: application/json' --data-binary "$2" "$BASE$1"; }

start --coder asha
c_started() {
    [ -n "$URL" ] || problem "no URL printed: $(cat "$TMP/server.out" "$TMP/server.err")"
    grep -qF "coda review: serving $PROJ at http://127.0.0.1:" "$TMP/server.out" ||
        problem "unexpected banner: $(cat "$TMP/server.out")"
    [ ${#TOKEN} -eq 32 ] || problem "token '$TOKEN' is not 32 characters"
}
case_ "coda review prints the address with a token" c_started

c_page() {
    http "$URL"
    expect_code 200
    expect_out '<!doctype html>'
    curl -s -D "$TMP/h" -o /dev/null "$URL"
    grep -qi '^Content-Security-Policy: default-src .none.; script-src .nonce-' "$TMP/h" || problem "no strict CSP"
    grep -qi '^X-Content-Type-Options: nosniff' "$TMP/h" || problem "no nosniff"
    grep -qi '^Cache-Control: no-store' "$TMP/h" || problem "no no-store"
    grep -qi '^Content-Type: text/html' "$TMP/h" || problem "no content type"
}
case_ "GET / with the token: the page and its security headers" c_page

c_no_token() { http "$BASE/api/summary"; expect_code 403; http "$BASE/"; expect_code 403; }
case_ "no token: 403" c_no_token
c_wrong_token() {
    http -H "X-Coda-Token: ${TOKEN%?}x" "$BASE/api/summary"; expect_code 403
    http "$BASE/api/summary?token=${TOKEN}0"; expect_code 403
    http "$BASE/api/summary?token=${TOKEN:0:31}"; expect_code 403
}
case_ "wrong, longer or shorter token: 403" c_wrong_token
c_query_token() { http "$BASE/api/summary?token=$TOKEN"; expect_code 200; }
case_ "token as a query parameter: 200" c_query_token
c_host() {
    api -H "Host: evil.example:$PORT" "$BASE/api/summary"; expect_code 403
    api -H "Host: evil.example" "$BASE/api/summary"; expect_code 403
    api -H "Host: localhost.evil.example:$PORT" "$BASE/api/summary"; expect_code 403
    api -H "Host: 127.0.0.1:1" "$BASE/api/summary"; expect_code 403
    api -H "Host: localhost:$PORT" "$BASE/api/summary"; expect_code 200
    api -H "Host: localhost" "$BASE/api/summary"; expect_code 200
}
case_ "a foreign Host header (DNS rebinding): 403" c_host
c_paths() {
    local p
    for p in /../etc/passwd /etc/passwd /api/../../etc/passwd /index.html \
             /api /api/ /api/nothing /review_page.html '/%2e%2e/etc/passwd'; do
        api --path-as-is "$BASE$p"
        [ "$code" = 404 ] || problem "$p: HTTP $code, expected 404"
    done
    ! grep -q 'root:' "$OUT" || problem "a file was served"
}
case_ "unknown paths and traversal: 404, no file served" c_paths
c_methods() {
    api -X DELETE "$BASE/api/summary"; expect_code 405
    api "$BASE/api/decide"; expect_code 405
}
case_ "wrong methods: 405" c_methods

head -c 70000 /dev/zero | tr '\0' a >"$TMP/big"
c_too_big() {
    post /api/decide "@$TMP/big"; expect_code 413
    api -X POST -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/big" "$BASE/api/decide"
    expect_code 413
    api -X POST -H 'Content-Length: 99999999999999' "$BASE/api/decide"; expect_code 413
}
case_ "a body over 64 KiB (announced, chunked or claimed): 413" c_too_big
c_big_header() {
    api -H "X-Pad: $(head -c 70000 "$TMP/big")" "$BASE/api/summary"
    [ "$code" = 431 ] || [ "$code" = 413 ] || problem "HTTP $code, expected 431"
}
case_ "huge headers are refused" c_big_header

c_bad_json() {
    post /api/decide '{bad'; expect_code 400; expect_out '"error"'
    post /api/decide '[1,2]'; expect_code 400
    post /api/decide ''; expect_code 400
    post /api/decide $'{"segment":1,"decision":"accept","coder":"as\xffha"}'; expect_code 400
    post /api/decide '{"segment":1,"decision":"accept","coder":"a\u0000b"}'; expect_code 400
    post /api/decide '{"segment":1,"segment":2,"decision":"accept","coder":"asha"}'; expect_code 400
    post /api/decide '{"segment":1,"decision":"accept","coder":"\ud800"}'; expect_code 400
    post /api/decide '{"segment":1e400,"decision":"accept","coder":"asha"}'; expect_code 400
    post /api/decide '{"segment":1.5,"decision":"accept","coder":"asha"}'; expect_code 400
}
case_ "bad JSON, not UTF-8, NUL, duplicate keys: 400" c_bad_json
c_missing() {
    post /api/decide '{"segment":1,"coder":"asha"}'; expect_code 400; expect_out 'decision'
    post /api/decide '{"decision":"accept","coder":"asha"}'; expect_code 400; expect_out 'segment'
    post /api/decide '{"segment":"1","decision":"accept","coder":"asha"}'; expect_code 400
    post /api/code '{"doc":"t1","char_start":1,"code":"money","coder":"asha"}'; expect_code 400
    post /api/memo '{"on":"document","target":"t1","coder":"asha"}'; expect_code 400
}
case_ "missing or mistyped fields: 400 naming the field" c_missing
c_bad_values() {
    local b
    for b in '{"segment":-1,"decision":"accept","coder":"asha"}' \
             '{"segment":0,"decision":"accept","coder":"asha"}' \
             '{"segment":999999,"decision":"accept","coder":"asha"}' \
             '{"segment":9223372036854775807,"decision":"accept","coder":"asha"}' \
             '{"segment":1,"decision":"maybe","coder":"asha"}' \
             '{"segment":1,"decision":"accept","coder":"auto"}' \
             '{"segment":1,"decision":"accept","coder":""}' \
             '{"segment":1,"decision":"accept","coder":"a\tb"}'; do
        post /api/decide "$b"
        [ "$code" = 400 ] || problem "$b: HTTP $code, expected 400"
        grep -q '"error"' "$OUT" || problem "$b: no error message"
    done
}
case_ "bad segment ids, decisions and coder names: 400" c_bad_values
c_bad_spans() {
    local b
    for b in '{"doc":"t1","char_start":0,"char_stop":3,"code":"money","coder":"asha"}' \
             '{"doc":"t1","char_start":5,"char_stop":4,"code":"money","coder":"asha"}' \
             '{"doc":"t1","char_start":1,"char_stop":99999999,"code":"money","coder":"asha"}' \
             '{"doc":"t1","char_start":-3,"char_stop":2,"code":"money","coder":"asha"}' \
             '{"doc":"nope","char_start":1,"char_stop":2,"code":"money","coder":"asha"}' \
             '{"doc":"t1","char_start":1,"char_stop":2,"code":"no_such_code","coder":"asha"}'; do
        post /api/code "$b"
        [ "$code" = 400 ] || problem "$b: HTTP $code, expected 400"
    done
}
case_ "manual codings outside the text or of unknown codes: 400" c_bad_spans
c_bad_names() {
    local long b
    long=$(printf 'a%.0s' $(seq 1 80))
    for b in '{"doc":"t1","char_start":1,"char_stop":2,"code":"","coder":"asha","new_code":true}' \
             '{"doc":"t1","char_start":1,"char_stop":2,"code":"a\nb","coder":"asha","new_code":true}' \
             "{\"doc\":\"t1\",\"char_start\":1,\"char_stop\":2,\"code\":\"money\",\"coder\":\"$long\"}"; do
        post /api/code "$b"
        [ "$code" = 400 ] || problem "$b: HTTP $code, expected 400"
    done
    for b in '{"on":"bogus","target":"x","text":"t","coder":"asha"}' \
             '{"on":"segment","target":"999999","text":"t","coder":"asha"}' \
             '{"on":"segment","target":"-1","text":"t","coder":"asha"}' \
             '{"on":"segment","target":1,"text":"","coder":"asha"}' \
             '{"on":"document","target":"nope","text":"t","coder":"asha"}'; do
        post /api/memo "$b"
        [ "$code" = 400 ] || problem "$b: HTTP $code, expected 400"
    done
}
case_ "bad code names, long coder names, memos on nothing: 400" c_bad_names
c_bad_args() {
    api "$BASE/api/segments?limit=100000"; expect_code 400
    api "$BASE/api/segments?offset=-1"; expect_code 400
    api "$BASE/api/segments?status=bogus"; expect_code 400
    api "$BASE/api/doc"; expect_code 400
    api "$BASE/api/doc?doc=%FF"; expect_code 400
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT" 2>/dev/null ||
        problem "the error reply is not valid JSON/UTF-8"
}
case_ "bad query arguments: 400 with valid JSON" c_bad_args

# The id of the first pending segment of code $1.
first_pending() {
    api "$BASE/api/segments?status=pending&code=$1&limit=1"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["segments"][0]["id"])' "$OUT"
}
c_decide() {
    local id
    id=$(first_pending employer)
    post /api/decide "{\"segment\":$id,\"decision\":\"accept\",\"coder\":\"asha\"}"
    expect_code 200
    expect_out '"status": "accepted"'
    api "$BASE/api/segments?status=accepted&coder=auto&code=employer"
    expect_out "\"id\": $id,"
    api "$BASE/api/summary"
    expect_out '"accepted": 1'
}
case_ "POST /api/decide: 200, the segment accepted, visible in the summary" c_decide
c_code() {
    # t2.txt line 3 is "R2: 😀 पैसे और परिवार।": code points 1-30 are line 1
    # and the blank line; "पैसे" starts after "R2: 😀 " (code point 36).
    post /api/code '{"doc":"t2","char_start":36,"char_stop":39,"code":"salary","coder":"ravi","new_code":true}'
    expect_code 200
    expect_out '"text": "पैसे"'
    expect_out '"origin": "manual"'
}
case_ "POST /api/code: a manual coding after an emoji in Devanagari" c_code
c_memo() {
    post /api/memo '{"on":"document","target":"t1","text":"मालिक ने पैसे नहीं दिए — check","coder":"asha"}'
    expect_code 200
    api "$BASE/api/memos?on=document&target=t1"
    expect_out 'मालिक ने पैसे नहीं दिए — check'
}
case_ "POST /api/memo and GET /api/memos" c_memo
c_paging() {
    api "$BASE/api/segments?limit=50&offset=10"
    expect_code 200
    python3 - "$OUT" <<'PY' || problem "paging: $(head -c 200 "$OUT")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["offset"] == 10 and r["limit"] == 50 and len(r["segments"]) == 50, r
assert r["total"] >= 300, r["total"]
PY
}
case_ "GET /api/segments pages on the server" c_paging

c_loopback() {
    (exec 3<>"/dev/tcp/127.0.0.2/$PORT") 2>/dev/null && problem "127.0.0.2:$PORT accepted a connection"
    local ip
    ip=$(hostname -I 2>/dev/null | awk '{print $1}')
    if [ -n "$ip" ]; then
        (exec 3<>"/dev/tcp/$ip/$PORT") 2>/dev/null && problem "$ip:$PORT accepted a connection"
    fi
    if command -v ss >/dev/null; then
        ss -ltn | grep -q "127.0.0.1:$PORT " || problem "ss does not show 127.0.0.1:$PORT"
        ! ss -ltn | grep -qE "(0\.0\.0\.0|\*|\[::\]):$PORT " || problem "listening on all addresses"
    fi
}
case_ "listens on 127.0.0.1 only" c_loopback
c_slowloris() {
    local t0=$SECONDS
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT"; printf 'GET /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&3; cat <&3 >/dev/null) &
    local slow=$!
    sleep 0.5
    api "$BASE/api/summary"; expect_code 200
    wait "$slow"
    [ $((SECONDS - t0)) -le 15 ] || problem "a half request held its connection $((SECONDS - t0)) s"
}
case_ "a half-sent request is timed out and does not block others" c_slowloris

c_sigint() {
    kill -INT "$SERVER"
    wait "$SERVER"
    rc=$?
    SERVER=
    [ "$rc" -eq 0 ] || problem "exit status $rc after SIGINT, expected 0"
}
case_ "Ctrl-C stops the server with status 0" c_sigint

# --- durability: kill -9 in the middle of a burst of decisions -------------
start --coder asha
c_port_taken() {
    run timeout 10 $CODA review "$PROJ" --port "$PORT"
    expect_rc 1
    expect_err "cannot listen on 127.0.0.1:$PORT"
}
case_ "a port already taken: exit 1" c_port_taken
api "$BASE/api/segments?status=pending&limit=500"
python3 -c 'import json,sys; [print(s["id"]) for s in json.load(open(sys.argv[1]))["segments"]]' "$OUT" >"$TMP/ids"
mkdir -p "$TMP/acks"
burst() {   # burst N: decide every line $N of 4 of ids, noting each 200
    local n=$1 id
    awk -v n="$n" 'NR % 4 == n' "$TMP/ids" | while read -r id; do
        c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST \
            -H "X-Coda-Token: $TOKEN" -H 'Content-Type: application/json' \
            --data-binary "{\"segment\":$id,\"decision\":\"reject\",\"coder\":\"c$n\"}" \
            "$BASE/api/decide")
        [ "$c" = 200 ] && echo "$id" >>"$TMP/acks/$n"
    done
}
for n in 0 1 2 3; do burst "$n" & done
for _ in $(seq 1 200); do   # kill once some decisions were acknowledged
    [ "$(cat "$TMP"/acks/* 2>/dev/null | wc -l)" -ge 40 ] && break
    sleep 0.05
done
disown "$SERVER"   # no "Killed" notice from the shell
kill -9 "$SERVER"
while kill -0 "$SERVER" 2>/dev/null; do sleep 0.05; done
SERVER=
wait
cat "$TMP"/acks/* 2>/dev/null | sort -n >"$TMP/acked"
c_integrity() {
    [ "$(sqlite3 "$PROJ" 'PRAGMA integrity_check')" = ok ] || problem "integrity_check is not ok"
}
case_ "after kill -9 the project passes PRAGMA integrity_check" c_integrity
start
c_acked() {
    local n
    n=$(wc -l <"$TMP/acked")
    [ "$n" -gt 0 ] || problem "no decision was acknowledged before the kill"
    [ "$n" -lt "$(wc -l <"$TMP/ids")" ] || problem "the kill came after the burst ($n decisions)"
    api "$BASE/api/segments?status=rejected&limit=500"
    python3 - "$OUT" "$TMP/acked" <<'PY' || problem "acknowledged decisions lost"
import json, sys
stored = {s["id"] for s in json.load(open(sys.argv[1]))["segments"]}
acked = {int(x) for x in open(sys.argv[2]) if x.strip()}
lost = acked - stored
assert not lost, sorted(lost)
PY
    echo "    ($n decisions acknowledged before kill -9, all stored)"
}
case_ "every decision acknowledged before kill -9 is stored" c_acked
stop

# --- the command line -----------------------------------------------------------
c_help() { run $CODA review --help; expect_rc 0; expect_out "usage: coda review PROJECT"; }
case_ "coda review --help" c_help
c_usage() {
    run $CODA review; expect_rc 2; expect_err "give one PROJECT"
    run $CODA review "$PROJ" --port x; expect_rc 2
    run $CODA review "$PROJ" --bogus; expect_rc 2
}
case_ "usage errors exit 2" c_usage
c_missing_file() {
    run $CODA review "$TMP/none.coda"; expect_rc 1; expect_err "none.coda"
    [ ! -e "$TMP/none.coda" ] || problem "coda review created a project"
    run $CODA review "$TMP/cb.csv"; expect_rc 1; expect_err "cb.csv"
}
case_ "a missing file or a file that is not a project: exit 1" c_missing_file
c_bad_opts() {
    run $CODA review "$PROJ" --coder auto; expect_rc 1; expect_err "auto"
    run $CODA review "$PROJ" --token short; expect_rc 1; expect_err "token"
}
case_ "a coder named auto or a short token: exit 1" c_bad_opts

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
