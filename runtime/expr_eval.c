/* expr_eval.c - the operators of an expression over a block of rows:
 * each node computes its block from its operands' blocks in tight loops
 * (a column is read in place), with missing values as in R; a call is
 * computed by its function's eval.  Also a node's buffers and evaluating
 * a call's arguments.  Uses no other expr file. */
#include "expr_int.h"

#include "base_alloc.h"

#include <math.h>
#include <string.h>

coda_status ex_buffers(ex_node *n)
{
    n->buf = coda_malloc(EX_BLOCK * sizeof(double));
    n->tmp = coda_malloc(2 * EX_BLOCK * sizeof(double));
    n->na = coda_malloc(EX_BLOCK);
    if (n->type == CODA_STRING) {
        n->lens = coda_malloc(EX_BLOCK * sizeof *n->lens);
        n->strs = coda_malloc(EX_BLOCK * sizeof *n->strs);
    }
    int ok = n->buf && n->tmp && n->na && (n->type != CODA_STRING || (n->lens && n->strs));
    return ok ? CODA_OK : CODA_ENOMEM;
}

void ex_own(ex_node *n)
{
    memset(&n->v, 0, sizeof n->v);
    n->v.type = n->type;
    n->v.i = n->buf;
    n->v.d = n->buf;
    n->v.b = n->buf;
    n->v.s = n->strs;
    n->v.len = n->lens;
}

void ex_set_na(ex_node *n, size_t r)
{
    if (!n->v.na) {
        memset(n->na, 0, EX_BLOCK);
        n->v.na = n->na;
    }
    n->na[r] = 1;
    /* a missing value's slot holds zero (the root's is in the column) */
    if (n->type == CODA_BOOLEAN)
        ((uint8_t *)n->buf)[r] = 0;
    else if (n->type != CODA_STRING)
        ((int64_t *)n->buf)[r] = 0;
}

/* Missing where a or b is missing. */
static void merge_na(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    if (!a->na && !(b && b->na))
        return;
    if (a->na && b && b->na)    /* flags are 0 or 1 */
        for (size_t r = 0; r < len; r++)
            n->na[r] = a->na[r] | b->na[r];
    else
        memcpy(n->na, a->na ? a->na : b->na, len);
    n->v.na = n->na;
}

/* v's values as doubles: in place, or converted into tmp. */
static const double *doubles(const ex_vec *v, double *tmp, size_t len)
{
    if (v->type == CODA_NUMBER)
        return v->d;
    for (size_t r = 0; r < len; r++)
        tmp[r] = (double)v->i[r];
    return tmp;
}

/* R's %% and %/%: the remainder takes the divisor's sign. */
static double num_mod(double a, double b)
{
    double m = fmod(a, b);
    return m != 0 && (m < 0) != (b < 0) ? m + b : m;
}

static void num_arith(ex_node *n, const double *a, const double *b, size_t len)
{
    double *o = n->buf;
    switch (n->op) {
    case OP_ADD: for (size_t r = 0; r < len; r++) o[r] = a[r] + b[r]; break;
    case OP_SUB: for (size_t r = 0; r < len; r++) o[r] = a[r] - b[r]; break;
    case OP_MUL: for (size_t r = 0; r < len; r++) o[r] = a[r] * b[r]; break;
    case OP_DIV: for (size_t r = 0; r < len; r++) o[r] = a[r] / b[r]; break;
    case OP_IDIV: for (size_t r = 0; r < len; r++) o[r] = floor(a[r] / b[r]); break;
    case OP_MOD: for (size_t r = 0; r < len; r++) o[r] = num_mod(a[r], b[r]); break;
    default: for (size_t r = 0; r < len; r++) o[r] = pow(a[r], b[r]); break;
    }
}

/* R's exceptions to missing in, missing out: NA^0 and 1^NA are 1. */
static void pow_na(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    double *o = n->buf;
    for (size_t r = 0; r < len && n->v.na; r++) {
        int one = (ex_na(a, r) && !ex_na(b, r) && ex_num(b, r) == 0) ||
                  (ex_na(b, r) && !ex_na(a, r) && ex_num(a, r) == 1);
        if (one)
            n->na[r] = 0, o[r] = 1;
    }
}

/* A result that is not a number (0/0, sqrt(-1)) is missing, as is.na
 * says in R. */
static void nan_na(ex_node *n, size_t len)
{
    const double *o = n->buf;
    int any = 0;
    for (size_t r = 0; r < len; r++)
        any |= isnan(o[r]);
    for (size_t r = 0; r < len && any; r++)
        if (isnan(o[r]))
            ex_set_na(n, r);
}

static int int_op(ex_op op, int64_t a, int64_t b, int64_t *o)
{
    switch (op) {
    case OP_ADD: return !__builtin_add_overflow(a, b, o);
    case OP_SUB: return !__builtin_sub_overflow(a, b, o);
    case OP_MUL: return !__builtin_mul_overflow(a, b, o);
    case OP_IDIV:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return 0;
        *o = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
        return 1;
    default:                    /* OP_MOD */
        if (b == 0)
            return 0;
        *o = b == -1 ? 0 : a % b;
        if (*o != 0 && (*o < 0) != (b < 0))
            *o += b;
        return 1;
    }
}

/* Whole numbers: an overflow or a division by zero is missing (R's NA). */
static void int_arith(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    int64_t *o = n->buf;
    for (size_t r = 0; r < len; r++)
        if (!int_op(n->op, a->i[r], b->i[r], &o[r]) && !ex_na(a, r) &&
            !ex_na(b, r))
            ex_set_na(n, r);
}

static void arith(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    ex_own(n);
    merge_na(n, a, b, len);
    if (n->type == CODA_INTEGER) {
        int_arith(n, a, b, len);
        return;
    }
    num_arith(n, doubles(a, n->tmp, len), doubles(b, n->tmp + EX_BLOCK, len),
              len);
    if (n->op == OP_POW)
        pow_na(n, a, b, len);
    nan_na(n, len);
}

static void negate(ex_node *n, const ex_vec *a, size_t len)
{
    ex_own(n);
    merge_na(n, a, NULL, len);
    if (n->type == CODA_NUMBER) {
        double *o = n->buf;
        for (size_t r = 0; r < len; r++)
            o[r] = -a->d[r];
        return;
    }
    int64_t *o = n->buf;
    for (size_t r = 0; r < len; r++) {
        o[r] = a->i[r] == INT64_MIN ? 0 : -a->i[r];
        if (a->i[r] == INT64_MIN)
            ex_set_na(n, r);
    }
}

/* -1, 0 or 1 for row r of a against b (of one unified type). */
static int cmp_row(const ex_vec *a, const ex_vec *b, size_t r)
{
    if (a->type == CODA_STRING)
        return coda_bytes_cmp(a->s[r], a->len[r], b->s[r], b->len[r]);
    if (a->type == CODA_BOOLEAN)
        return (a->b[r] > b->b[r]) - (a->b[r] < b->b[r]);
    if (a->type == CODA_INTEGER && b->type == CODA_INTEGER)
        return (a->i[r] > b->i[r]) - (a->i[r] < b->i[r]);
    double x = ex_num(a, r), y = ex_num(b, r);
    return (x > y) - (x < y);
}

static void compare(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    ex_own(n);
    merge_na(n, a, b, len);
    uint8_t *o = n->buf;
    for (size_t r = 0; r < len; r++) {
        int c = ex_na(a, r) || ex_na(b, r) ? 0 : cmp_row(a, b, r);
        switch (n->op) {
        case OP_EQ: o[r] = c == 0; break;
        case OP_NE: o[r] = c != 0; break;
        case OP_LT: o[r] = c < 0; break;
        case OP_LE: o[r] = c <= 0; break;
        case OP_GT: o[r] = c > 0; break;
        default: o[r] = c >= 0; break;
        }
    }
}

/* Three-valued and/or: false and missing is false, true or missing is
 * true; otherwise missing in, missing out. */
static void logic(ex_node *n, const ex_vec *a, const ex_vec *b, size_t len)
{
    ex_own(n);
    uint8_t *o = n->buf;
    int want = n->op == OP_OR;  /* the value that decides alone */
    for (size_t r = 0; r < len; r++) {
        int na = ex_na(a, r), nb = ex_na(b, r);
        if ((!na && a->b[r] == want) || (!nb && b->b[r] == want))
            o[r] = (uint8_t)want;
        else if (na || nb)
            o[r] = 0, ex_set_na(n, r);
        else
            o[r] = (uint8_t)!want;
    }
}

static void negate_bool(ex_node *n, const ex_vec *a, size_t len)
{
    ex_own(n);
    merge_na(n, a, NULL, len);
    uint8_t *o = n->buf;
    for (size_t r = 0; r < len; r++)
        o[r] = !a->b[r];
}

static void column(ex_node *n, size_t start)
{
    const coda_column *c = n->col;
    memset(&n->v, 0, sizeof n->v);
    n->v.type = c->type;
    n->v.na = c->missing ? c->missing + start : NULL;
    switch (c->type) {
    case CODA_INTEGER: n->v.i = c->v.i + start; break;
    case CODA_NUMBER: n->v.d = c->v.d + start; break;
    case CODA_BOOLEAN: n->v.b = c->v.b + start; break;
    case CODA_STRING:
        n->v.s = c->v.s.p + start, n->v.len = c->v.s.len + start;
        break;
    case CODA_MULTI: n->v.multi = c, n->v.start = start; break;
    }
}

static void literal(ex_node *n, size_t len)
{
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        switch (n->type) {
        case CODA_INTEGER: ((int64_t *)n->buf)[r] = n->i; break;
        case CODA_NUMBER:
            ((double *)n->buf)[r] = n->lit_type == CODA_INTEGER ? (double)n->i
                                                                : n->d;
            break;
        case CODA_BOOLEAN: ((uint8_t *)n->buf)[r] = (uint8_t)n->i; break;
        default: n->strs[r] = n->s ? n->s : "", n->lens[r] = n->slen; break;
        }
        if (n->lit_type == EX_NULL)
            ex_set_na(n, r);
    }
}

coda_status ex_eval(ex_node *n, size_t start, size_t len)
{
    for (size_t i = 0; i < n->nkid && n->op != OP_CALL; i++) {
        coda_status st = ex_eval(n->kid[i], start, len);
        if (st != CODA_OK)
            return st;
    }
    const ex_vec *a = n->nkid ? &n->kid[0]->v : NULL;
    const ex_vec *b = n->nkid > 1 ? &n->kid[1]->v : NULL;
    switch (n->op) {
    case OP_COL: column(n, start); break;
    case OP_LIT: literal(n, len); break;
    case OP_NEG: negate(n, a, len); break;
    case OP_NOT: negate_bool(n, a, len); break;
    case OP_AND: case OP_OR: logic(n, a, b, len); break;
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        compare(n, a, b, len);
        break;
    case OP_CALL: return n->fn->eval(n, start, len);
    case OP_LIST: break;
    default: arith(n, a, b, len); break;
    }
    return CODA_OK;
}

coda_status ex_eval_kids(ex_node *n, size_t start, size_t len)
{
    for (size_t i = 0; i < n->nkid; i++) {
        coda_status st = n->kid[i]->op == OP_LIST
                             ? CODA_OK : ex_eval(n->kid[i], start, len);
        if (st != CODA_OK)
            return st;
    }
    return CODA_OK;
}
