#!/usr/bin/env bash
# checksymbols.sh - every name a binary exports starts with coda_ or
# luaopen_ (SQLite's checksymbols): the core's internals stay hidden, free
# of clashes with any other library a Lua program loads beside coda.so.
#
#   bash tests/arch/checksymbols.sh coda coda.so      (make checksymbols)
#
# Lists each other exported name and exits 1 when there is one.
set -u

[ $# -gt 0 ] || { echo "usage: checksymbols.sh BINARY..." >&2; exit 2; }
bad=0
for f in "$@"; do
    names=$(nm -D --defined-only "$f") || exit 2
    others=$(printf '%s\n' "$names" |
             awk 'NF == 3 && $3 !~ /^(coda_|luaopen_)/ { print $3 }')
    n=$(printf '%s\n' "$names" | awk 'NF == 3' | wc -l)
    if [ -n "$others" ]; then
        echo "checksymbols: $f exports names without the coda_ or" \
             "luaopen_ prefix:"
        printf '%s\n' "$others" | sed 's/^/  /'
        bad=1
    else
        echo "checksymbols: $f: $n exported names, all coda_ or luaopen_"
    fi
done
exit $bad
