#!/usr/bin/env bash
# layers_selftest.sh - layers.py must find what it is there to find: objects
# compiled here with a planted circle, a call up a layer and a family not
# listed each fail the check, naming the files; a clean set passes.
#
#   bash tests/arch/layers_selftest.sh        (make layers)
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CHECK="python3 $ROOT/tests/arch/layers.py"
CC=${CC:-cc}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/coda-layers.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0

# obj NAME 'C source': compile NAME.o in $TMP.
obj() {
    printf '%s\n' "$2" >"$TMP/$1.c"
    $CC -c -o "$TMP/$1.o" "$TMP/$1.c" || exit 2
}

# expect NAME STATUS 'TEXT' FAMILIES OBJ...: the check exits STATUS and
# its output holds TEXT.
expect() {
    local name=$1 want=$2 text=$3 fams=$4
    shift 4
    local out rc
    out=$($CHECK --src "$TMP" --families "$fams" "$@" 2>&1)
    rc=$?
    if [ "$rc" = "$want" ] && printf '%s' "$out" | grep -qF -- "$text"; then
        echo "PASS $name"; pass=$((pass + 1))
    else
        echo "FAIL $name (exit $rc, expected $want; wanted '$text')"
        printf '%s\n' "$out" | sed 's/^/    /'
        fail=$((fail + 1))
    fi
}

obj base_a 'int base_a(int x) { return x + 1; }'
obj top_b  'int base_a(int); int top_b(int x) { return base_a(x); }'
obj top_c  'int top_b(int); int top_c(int x) { return top_b(x); }'
obj fam_one 'int fam_two(int); int fam_one(int x) { return x ? fam_two(x - 1) : 0; }'
obj fam_two 'int fam_one(int); int fam_two(int x) { return x ? fam_one(x - 1) : 1; }'
obj base_up 'int top_b(int); int base_up(int x) { return top_b(x); }'

expect clean 0 'no circle' "base top" \
    "$TMP/base_a.o" "$TMP/top_b.o" "$TMP/top_c.o"
expect planted_circle 1 'circle: fam_one fam_two' "base fam" \
    "$TMP/base_a.o" "$TMP/fam_one.o" "$TMP/fam_two.o"
expect circle_names_symbols 1 'fam_one -> fam_two: fam_two' "base fam" \
    "$TMP/fam_one.o" "$TMP/fam_two.o"
expect reaches_up 1 'base_up (base) reaches up to top_b (top): top_b' \
    "base top" "$TMP/base_a.o" "$TMP/top_b.o" "$TMP/base_up.o"
expect order_matters 1 'top_b (top) reaches up to base_a (base)' "top base" \
    "$TMP/base_a.o" "$TMP/top_b.o"
expect unlisted_family 1 'top_c: family "top" is not in the layer list' \
    "base" "$TMP/base_a.o" "$TMP/top_c.o"

# Private headers: fam_int.h is fam's own; base_c reaches it through an
# interface header that includes it, base_d through none.
printf '#define FAM_INT 1\n' >"$TMP/fam_int.h"
printf '#include "fam_int.h"\n' >"$TMP/fam_view.h"
obj base_c '#include "fam_view.h"
int base_c(void) { return FAM_INT; }'
obj base_d 'int base_d(void) { return 0; }'
obj fam_three '#include "fam_int.h"
int fam_three(void) { return FAM_INT; }'
expect private_through 1 'base_c.c includes fam_int.h (through fam_view.h): the private header of family fam' \
    "base fam" "$TMP/base_c.o" "$TMP/base_d.o"
expect private_own 0 '2 sources include no private header of another family' "base fam" \
    "$TMP/base_d.o" "$TMP/fam_three.o"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
