/* filter.c - row selection by comparing one column with values. */
#include "filter.h"

#include "base_alloc.h"

#include <math.h>
#include <string.h>

static const struct { const char *name; coda_op op; } op_names[] = {
    { "==", CODA_OP_EQ }, { "~=", CODA_OP_NE }, { "!=", CODA_OP_NE },
    { "<", CODA_OP_LT },  { "<=", CODA_OP_LE }, { ">", CODA_OP_GT },
    { ">=", CODA_OP_GE }, { "in", CODA_OP_IN }, { "has", CODA_OP_HAS },
    { "missing", CODA_OP_MISSING }, { "present", CODA_OP_PRESENT },
};

int coda_op_parse(const char *name, coda_op *op)
{
    for (size_t i = 0; i < sizeof op_names / sizeof op_names[0]; i++) {
        if (strcmp(name, op_names[i].name) == 0) {
            *op = op_names[i].op;
            return 1;
        }
    }
    return 0;
}

static int is_numeric(coda_type t)
{
    return t == CODA_INTEGER || t == CODA_NUMBER;
}

enum { UNORDERED = 2 }; /* a comparison with NaN */

/* Integer i against double d, exactly (as Lua compares them). */
static int cmp_int_double(int64_t i, double d)
{
    if (d != d)
        return UNORDERED;
    if (d >= 0x1p63)
        return -1;
    if (d < -0x1p63)
        return 1;
    double f = floor(d);
    int64_t fi = (int64_t)f;
    if (i != fi)
        return i < fi ? -1 : 1;
    return f < d ? -1 : 0;
}

static int cmp_double(double a, double b)
{
    if (a != a || b != b)
        return UNORDERED;
    return (a > b) - (a < b);
}

/* -1, 0, 1 comparing row r of col with v (types already checked), or
 * UNORDERED when a NaN is involved. */
static int compare(const coda_column *col, size_t r, const coda_value *v)
{
    switch (col->type) {
    case CODA_INTEGER:
        if (v->type == CODA_INTEGER)
            return (col->v.i[r] > v->i) - (col->v.i[r] < v->i);
        return cmp_int_double(col->v.i[r], v->d);
    case CODA_NUMBER: {
        if (v->type == CODA_NUMBER)
            return cmp_double(col->v.d[r], v->d);
        int c = cmp_int_double(v->i, col->v.d[r]);
        return c == UNORDERED ? c : -c;
    }
    case CODA_BOOLEAN:
        return (col->v.b[r] > (v->b != 0)) - (col->v.b[r] < (v->b != 0));
    case CODA_STRING:
        return coda_bytes_cmp(col->v.s.p[r], col->v.s.len[r], v->s, v->len);
    default:
        return 0;
    }
}

int coda_value_equals(const coda_column *col, size_t r, const coda_value *v)
{
    if (coda_is_missing(col, r) || col->type == CODA_MULTI)
        return 0;
    int numeric = is_numeric(col->type) && is_numeric(v->type);
    if (!numeric && col->type != v->type)
        return 0;
    return compare(col, r, v) == 0;
}

static int test_op(coda_op op, int c)
{
    if (c == UNORDERED)
        return op == CODA_OP_NE;
    switch (op) {
    case CODA_OP_EQ: case CODA_OP_IN: return c == 0;
    case CODA_OP_NE: return c != 0;
    case CODA_OP_LT: return c < 0;
    case CODA_OP_LE: return c <= 0;
    case CODA_OP_GT: return c > 0;
    case CODA_OP_GE: return c >= 0;
    default: return 0;
    }
}

static const char *value_kind(coda_type t)
{
    return t == CODA_STRING ? "a string" : t == CODA_BOOLEAN ? "a boolean"
                                                             : "a number";
}

/* CODA_OK when every value can be compared with the column under op. */
static coda_status check_args(const coda_column *col, coda_op op,
                              const coda_value *vals, size_t nvals,
                              coda_error *err)
{
    int none = op == CODA_OP_MISSING || op == CODA_OP_PRESENT;
    int many = op == CODA_OP_IN || op == CODA_OP_HAS;
    if (none ? nvals != 0 : many ? nvals == 0 : nvals != 1)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "filter: wrong number of values for this "
                              "operator (%zu)", nvals);
    if (op == CODA_OP_HAS && col->type != CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0,
                              "filter: \"has\" needs a multi column; column "
                              "\"%s\" is %s", col->name,
                              coda_type_name(col->type));
    for (size_t i = 0; i < nvals; i++) {
        coda_type vt = vals[i].type, ct = col->type;
        int ok = ct == CODA_MULTI ? vt == CODA_STRING
               : is_numeric(ct) ? is_numeric(vt) : vt == ct;
        if (ct == CODA_MULTI && !(op == CODA_OP_IN || op == CODA_OP_HAS))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0,
                                  "filter: column \"%s\" is multi; use "
                                  "\"has\" or \"in\"", col->name);
        if (ct == CODA_BOOLEAN && op != CODA_OP_EQ && op != CODA_OP_NE &&
            op != CODA_OP_IN)
            ok = 0;
        if (!ok)
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0,
                                  "filter: column \"%s\" is %s; cannot "
                                  "compare it with %s", col->name,
                                  coda_type_name(ct), value_kind(vt));
    }
    return CODA_OK;
}

/* Label ids of the values in a multi column's vocabulary (absent: NO_LABEL). */
static uint32_t *label_ids(const coda_column *col, const coda_value *vals,
                           size_t nvals)
{
    uint32_t *ids = coda_malloc(nvals * sizeof *ids);
    for (size_t i = 0; ids && i < nvals; i++)
        ids[i] = coda_labels_find(col->v.m.labels, vals[i].s, vals[i].len);
    return ids;
}

static int match_multi(const coda_column *col, size_t r, coda_op op,
                       const uint32_t *ids, size_t nids)
{
    for (size_t i = 0; i < nids; i++) {
        int has = ids[i] != CODA_NO_LABEL && coda_multi_has(col, r, ids[i]);
        if (op == CODA_OP_IN && has)
            return 1;
        if (op == CODA_OP_HAS && !has)
            return 0;
    }
    return op == CODA_OP_HAS;
}

static int match(const coda_column *col, size_t r, coda_op op,
                 const coda_value *vals, size_t nvals, const uint32_t *ids)
{
    if (op == CODA_OP_MISSING || op == CODA_OP_PRESENT)
        return coda_is_missing(col, r) == (op == CODA_OP_MISSING);
    if (coda_is_missing(col, r))
        return 0;
    if (col->type == CODA_MULTI)
        return match_multi(col, r, op, ids, nvals);
    if (op == CODA_OP_IN) {
        for (size_t i = 0; i < nvals; i++)
            if (compare(col, r, &vals[i]) == 0)
                return 1;
        return 0;
    }
    return test_op(op, compare(col, r, &vals[0]));
}

/* Check c against t and find the label ids a multi column needs (*ids,
 * NULL otherwise; caller frees). */
static coda_status prepare(const coda_table *t, const coda_cond *c,
                           uint32_t **ids, coda_error *err)
{
    const coda_column *col = &t->cols[c->col];
    coda_status st = check_args(col, c->op, c->vals, c->nvals, err);
    *ids = NULL;
    if (st == CODA_OK && col->type == CODA_MULTI && c->nvals &&
        !(*ids = label_ids(col, c->vals, c->nvals)))
        return coda_error_nomem(err);
    return st;
}

coda_status coda_cond_check(const coda_table *t, const coda_cond *c,
                            coda_error *err)
{
    return check_args(&t->cols[c->col], c->op, c->vals, c->nvals, err);
}

/* The present rows r of a column of n rows (missing mask miss) for which
 * x[r] compares with v under op, one loop an operator: what match gives
 * row by row, without its calls.  Into out, counting in k. */
#define SCAN(test)                                                        \
    for (size_t r = 0; r < n; r++)                                        \
        if (!(miss && miss[r]) && (test))                                 \
            out[k++] = r;
#define SCAN_OPS(x, v)                                                    \
    switch (op) {                                                         \
    case CODA_OP_EQ: SCAN((x)[r] == (v)) break;                           \
    case CODA_OP_NE: SCAN(!((x)[r] == (v))) break;                        \
    case CODA_OP_LT: SCAN((x)[r] < (v)) break;                            \
    case CODA_OP_LE: SCAN((x)[r] <= (v)) break;                           \
    case CODA_OP_GT: SCAN((x)[r] > (v)) break;                            \
    default: SCAN((x)[r] >= (v)) break;                                   \
    }

/* A comparison (==, ~=, <, <=, >, >=) of a numeric column of n rows with
 * one value it compares exactly in its own type (integer with integer;
 * number with number, or with an integer of at most 53 bits): the kept
 * rows into out, their count in *nk.  0 for any other case, which match
 * handles (NaN included: only ~= holds, as there). */
static int scan_numeric(const coda_column *col, size_t n, coda_op op,
                        const coda_value *v, size_t *out, size_t *nk)
{
    if (op > CODA_OP_GE) /* the comparisons come first in coda_op */
        return 0;
    const uint8_t *miss = col->missing;
    size_t k = 0;
    const int64_t lim = INT64_C(1) << 53;
    if (col->type == CODA_INTEGER && v->type == CODA_INTEGER) {
        const int64_t *x = col->v.i, w = v->i;
        SCAN_OPS(x, w)
    } else if (col->type == CODA_NUMBER &&
               (v->type == CODA_NUMBER ||
                (v->type == CODA_INTEGER && v->i <= lim && v->i >= -lim))) {
        const double *x = col->v.d;
        double w = v->type == CODA_NUMBER ? v->d : (double)v->i;
        SCAN_OPS(x, w)
    } else {
        return 0;
    }
    *nk = k;
    return 1;
}

coda_status coda_filter_rows(const coda_table *t, size_t c, coda_op op,
                             const coda_value *vals, size_t nvals,
                             size_t **rows, size_t *nrows, coda_error *err)
{
    const coda_cond cond = { c, op, vals, nvals };
    const coda_column *col = &t->cols[c];
    uint32_t *ids;
    coda_status st = prepare(t, &cond, &ids, err);
    if (st != CODA_OK)
        return st;
    size_t *out = coda_malloc((t->nrow ? t->nrow : 1) * sizeof *out), n = 0;
    if (!out) {
        coda_free(ids);
        return coda_error_nomem(err);
    }
    if (!scan_numeric(col, t->nrow, op, vals, out, &n))
        for (size_t r = 0; r < t->nrow; r++)
            if (match(col, r, op, vals, nvals, ids))
                out[n++] = r;
    coda_free(ids);
    *rows = out;
    *nrows = n;
    return CODA_OK;
}

enum { PART_ALL, PART_ANY, PART_NONE };

/* Fold condition c into keep (all, none) or any (any), row by row; a row
 * already decided is not tested again. */
static coda_status fold(const coda_table *t, const coda_cond *c, int part,
                        uint8_t *keep, uint8_t *any, coda_error *err)
{
    const coda_column *col = &t->cols[c->col];
    uint32_t *ids;
    coda_status st = prepare(t, c, &ids, err);
    uint8_t *open = part == PART_ANY ? any : keep, hit = part != PART_ANY;
    for (size_t r = 0; st == CODA_OK && r < t->nrow; r++)
        if (open[r] == hit && match(col, r, c->op, c->vals, c->nvals, ids) !=
                                  (part == PART_ALL))
            open[r] = !hit;
    coda_free(ids);
    return st;
}

/* The rows of t that w chooses, as 0/1 in keep (nrow bytes, all 1). */
static coda_status where_mask(const coda_table *t, const coda_where *w,
                              uint8_t *keep, uint8_t *any, coda_error *err)
{
    coda_status st = CODA_OK;
    for (size_t i = 0; st == CODA_OK && i < w->nall; i++)
        st = fold(t, &w->all[i], PART_ALL, keep, any, err);
    for (size_t i = 0; st == CODA_OK && i < w->nany; i++)
        st = fold(t, &w->any[i], PART_ANY, keep, any, err);
    for (size_t r = 0; st == CODA_OK && w->any_given && r < t->nrow; r++)
        keep[r] &= any[r];
    for (size_t i = 0; st == CODA_OK && i < w->nnone; i++)
        st = fold(t, &w->none[i], PART_NONE, keep, any, err);
    return st;
}

coda_status coda_filter_where(const coda_table *t, const coda_where *w,
                              size_t **rows, size_t *nrows, coda_error *err)
{
    size_t n = t->nrow ? t->nrow : 1, k = 0;
    uint8_t *keep = coda_malloc(2 * n);
    size_t *out = keep ? coda_malloc(n * sizeof *out) : NULL;
    if (!out) {
        coda_free(keep);
        return coda_error_nomem(err);
    }
    memset(keep, 1, n);
    memset(keep + n, 0, n);
    coda_status st = where_mask(t, w, keep, keep + n, err);
    for (size_t r = 0; st == CODA_OK && r < t->nrow; r++)
        if (keep[r])
            out[k++] = r;
    coda_free(keep);
    if (st != CODA_OK) {
        coda_free(out);
        return st;
    }
    *rows = out;
    *nrows = k;
    return CODA_OK;
}
