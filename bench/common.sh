# common.sh - what the benchmark scripts share; sourced, with $here set to
# bench/ and $tmp to a scratch folder.

# ensure_survey FILE: generate the synthetic survey FILE (BENCH_ROWS rows,
# default 2000000) with bench/gen_survey.c when it is missing.
ensure_survey() {
    [ -f "$1" ] && return
    if [ ! -x "$here/gen_survey" ] || [ "$here/gen_survey.c" -nt "$here/gen_survey" ]; then
        cc -std=c11 -O2 -o "$here/gen_survey" "$here/gen_survey.c"
    fi
    mkdir -p "$(dirname "$1")"
    echo "generating $1 (${BENCH_ROWS:-2000000} rows)" >&2
    "$here/gen_survey" "${BENCH_ROWS:-2000000}" "$1"
}

# write_section NAME FILE: replace the "## NAME" section of bench/RESULTS.md
# (up to the next "## " heading) with FILE, or append it. NAME is compared
# as text, so "Group-by (db-benchmark)" finds its heading.
write_section() {
    local results=$here/RESULTS.md
    [ -f "$results" ] || printf '# Benchmark results\n\n' >"$results"
    awk -v name="$1" -v sec="$2" '
        { line = $0; sub(/[[:space:]]+$/, "", line) }
        line == "## " name { skip = 1; done = 1
            while ((getline l < sec) > 0) print l; print ""; next }
        skip && /^## / { skip = 0 }
        !skip { print }
        END { if (!done) { print ""; while ((getline l < sec) > 0) print l } }' \
        "$results" | cat -s >"$tmp/results.md"
    mv "$tmp/results.md" "$results"
}

# ensure_corpus DIR DOCS: generate DOCS transcripts with bench/gen_corpus.c into
# DIR when DIR is missing or was made for another count (DIR.stamp says).
ensure_corpus() {
    if [ "$(cat "$1.stamp" 2>/dev/null)" != "docs=$2" ] || [ ! -d "$1" ]; then
        mkdir -p "$(dirname "$1")"
        cc -std=c11 -O2 -o "$(dirname "$1")/gen_corpus" "$here/gen_corpus.c"
        rm -rf "$1"
        mkdir -p "$1"
        echo "generating $2 documents into $1" >&2
        "$(dirname "$1")/gen_corpus" "$2" "$1"
        echo "docs=$2" >"$1.stamp"
    fi
}

# field TOOL OP seconds|result: that op's value from $tmp/TOOL.out (lines
# "op=NAME seconds=S result=R"), empty when missing
field() {
    awk -v op="$2" -v k="$3" '$1 == "op=" op {
        for (i = 2; i <= NF; i++)
            if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit }
    }' "$tmp/$1.out"
}

# ratio_cell PEER_S CODA_S TARGET NAME TOOL NOTES: " | R" for a Markdown table, R the
# peer's time over coda's, with " (below TARGETx)" when R misses the target, which also
# appends a line saying what coda's time would need to be to the file NOTES; " | n/a"
# when coda's time is not above 0
ratio_cell() {
    awk -v s="$1" -v c="$2" -v g="$3" -v q="$4" -v t="$5" -v n="$6" 'BEGIN {
        if (c <= 0) { printf " | n/a"; exit }
        r = s / c
        printf " | %.2f%s", r, (r >= g ? "" : " (below " g "x)")
        if (r < g) printf "- %s: %.2fx %s, target %gx (coda %.4f s would need <= %.4f s)\n",
            q, r, t, g, c, s / g >> n
    }'
}

# info TOOL KEY: a value from the tool's "agg: tool=... KEY=VALUE ..." line
# in $tmp/TOOL.err
info() {
    local v
    v=$(sed -n "s/^agg: tool=.* $2=\([^ ]*\).*$/\1/p" "$tmp/$1.err" | head -n 1)
    echo "${v:-?}"
}

# run_tools RUNS OP...: run each tool of the array tools from the repository root ($root),
# the command from tool_cmd TOOL (which sets the array cmd) with the OPs as its last
# arguments (the scripts run only the ops they are given), its stdout in $tmp/TOOL.out and
# stderr in $tmp/TOOL.err (shown but for the "agg:" info line); sets failed=1 when a tool
# fails or prints no "op=OP seconds=S result=R" line for an OP.  BENCH_ROUNDS (default 1)
# runs every tool that many times, the tools taking turns (round 1 of each, then round 2
# of each, ...), so that a noisy minute of the machine does not fall on one tool alone;
# each op keeps the line of its best round: its seconds and the answer that is checked.
run_tools() {
    local runs=$1 t op round rounds=${BENCH_ROUNDS:-1}
    shift
    failed=0
    for t in "${tools[@]}"; do : >"$tmp/$t.all"; done
    for round in $(seq "$rounds"); do
        for t in "${tools[@]}"; do
            tool_cmd "$t"
            echo "$t: round $round of $rounds: loading, then $# ops x (1 + $runs) runs" >&2
            if ! (cd "$root" && "${cmd[@]}" "$@") >>"$tmp/$t.all" 2>"$tmp/$t.err.$round"; then
                echo "$t failed:" >&2
                tail -n 5 "$tmp/$t.err.$round" >&2
                failed=1
            fi
            grep -v '^agg: ' "$tmp/$t.err.$round" >&2 || true # notes and warnings
        done
    done
    for t in "${tools[@]}"; do
        cp "$tmp/$t.err.1" "$tmp/$t.err" # the info line (load time) of round 1
        best_of_rounds <"$tmp/$t.all" >"$tmp/$t.out"
        for op in "$@"; do
            if ! grep -q "^op=$op seconds=[0-9.]* result=[^ ]*$" "$tmp/$t.out"; then
                echo "$t: no result for $op" >&2
                failed=1
            fi
        done
    done
}

# best_of_rounds: "op=NAME seconds=S result=R" lines (every round's) in, one line per op
# out, in the order first seen: the one with the least S (the first of equals), its R with
# it.  Other lines pass through.
best_of_rounds() {
    awk '
        $1 ~ /^op=/ && $2 ~ /^seconds=/ && $3 ~ /^result=/ {
            op = $1; sec = substr($2, 9); res = substr($3, 8)
            if (!(op in best)) order[++n] = op
            else if (sec + 0 >= best[op] + 0) next
            best[op] = sec; ans[op] = res
            next
        }
        { print }
        END { for (i = 1; i <= n; i++) printf "%s seconds=%s result=%s\n", order[i], best[order[i]], ans[order[i]] }'
}

# build_clock: R has no monotonic clock of its own; build the two-line C helper
# agg_clock.c into $tmp and export AGG_CLOCK_SO for timing.R to load
build_clock() {
    if cc -std=c11 -O2 -shared -fPIC -o "$tmp/agg_clock.so" "$here/agg_clock.c"; then
        export AGG_CLOCK_SO=$tmp/agg_clock.so
    else
        echo "could not build agg_clock.c; data.table times with proc.time()" >&2
    fi
}

# tool_cmd TOOL: set the array cmd to the command that runs TOOL's ops on $file, from
# the scripts $here/${prefix}_coda.lua, _pandas.py, _datatable.R and _duckdb.mjs
tool_cmd() {
    case $1 in
    coda) cmd=("${CODA:-$root/coda}" run "$here/${prefix}_coda.lua" "$file") ;;
    coda-cold) # coda keeping nothing: every run takes fresh memory and ranks its keys afresh
        cmd=(env CODA_BLOCK_CACHE_MB=0 CODA_KEEP_RANKS=0 "${CODA:-$root/coda}" run
            "$here/${prefix}_coda.lua" "$file") ;;
    pandas) cmd=(/usr/bin/python3 "$here/${prefix}_pandas.py" "$file") ;;
    data.table) cmd=(Rscript "$here/${prefix}_datatable.R" "$file") ;;
    duckdb) cmd=(node "$here/${prefix}_duckdb.mjs" "$file") ;;
    esac
}

# same_result A B ABS REL: the checks A and B ("key:value,...") agree: the same keys,
# integers equal, and numbers (one of the two written with a point) within ABS or within
# REL of A (sums of the same values in another order differ in the last digits)
same_result() {
    awk -v a="$1" -v b="$2" -v abs="$3" -v rel="$4" 'BEGIN {
        na = split(a, x, ","); nb = split(b, y, ",")
        if (na != nb) exit 1
        for (i = 1; i <= na; i++) {
            split(x[i], p, ":"); split(y[i], q, ":")
            if (p[1] != q[1]) exit 1
            if (p[2] == q[2]) continue
            if (p[2] !~ /\./ && q[2] !~ /\./) exit 1
            d = p[2] - q[2]; if (d < 0) d = -d
            m = p[2] < 0 ? -p[2] : p[2]
            if (d > abs && d > rel * m) exit 1
        }
    }'
}

# verdict NOTES WHAT: the end of a section: the "Below target:" list in the file NOTES (from
# ratio_cell), else "Met on every WHAT." when no tool failed, else "Not assessed"
verdict() {
    if [ -s "$1" ]; then
        echo "Below target:"
        echo
        cat "$1"
    elif [ "$failed" -eq 0 ]; then
        echo "Met on every $2."
    else
        echo "Not assessed: a tool failed (see the table)."
    fi
}

# check_answers REF ABS REL OP...: every other tool's (of the array tools) check of each OP
# must be REF's (same_result ABS REL); a difference is printed as an ANSWER MISMATCH and sets
# mismatch=1; each OP's reference check is printed on stderr
check_answers() {
    local reft=$1 abs=$2 rel=$3 op ref r t
    shift 3
    mismatch=0
    for op in "$@"; do
        ref=$(field "$reft" "$op" result)
        [ -n "$ref" ] || continue
        for t in "${tools[@]}"; do
            r=$(field "$t" "$op" result)
            if [ "$t" != "$reft" ] && [ -n "$r" ] && ! same_result "$ref" "$r" "$abs" "$rel"; then
                echo "$(basename "$0"): ANSWER MISMATCH on $op: $reft $ref, $t $r" >&2
                mismatch=1
            fi
        done
        echo "$op checksum: $ref" >&2
    done
}

# ratio_table KIND OP...: a Markdown table, one row per OP (described by the associative array
# what): seconds for coda and each tool of the array peers, then each peer's s / coda s (>1: coda
# is faster). target_of PEER (defined by the caller) gives the ratio that peer must reach, or
# nothing for none; misses are marked and listed in the file $notes (ratio_cell).
ratio_table() {
    local kind=$1 op c s t g line head rule
    shift
    head="| $kind | | coda s" rule="| --- | --- | ---:"
    for t in "${peers[@]}"; do head+=" | $(tool_label "$t") s" rule+=" | ---:"; done
    for t in "${peers[@]}"; do head+=" | $(tool_label "$t") / coda" rule+=" | ---:"; done
    echo "$head |"
    echo "$rule |"
    for op in "$@"; do
        line="| $op | ${what[$op]}"
        c=$(field coda "$op" seconds)
        for t in coda "${peers[@]}"; do
            s=$(field "$t" "$op" seconds)
            line+=" | $(if [ -n "$s" ]; then awk -v s="$s" 'BEGIN { printf "%.4f", s }'; else echo failed; fi)"
        done
        for t in "${peers[@]}"; do
            s=$(field "$t" "$op" seconds)
            g=$(target_of "$t")
            if [ -z "$s" ] || [ -z "$c" ]; then
                line+=" | n/a"
            elif [ -n "$g" ]; then
                line+=$(ratio_cell "$s" "$c" "$g" "$op" "$t" "$notes")
            else
                line+=$(awk -v s="$s" -v c="$c" 'BEGIN { printf(c > 0 ? " | %.2f" : " | n/a", s / c) }')
            fi
        done
        echo "$line |"
    done
}

# tool_label TOOL: its name in a table heading
tool_label() {
    case $1 in
    duckdb) echo DuckDB ;;
    coda-cold) echo "coda, nothing kept" ;;
    *) echo "$1" ;;
    esac
}
