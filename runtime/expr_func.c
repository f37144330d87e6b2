/* expr_func.c - the functions of the expression language that choose and
 * combine values (if_else, case_when, coalesce, is_missing, has) and the
 * numeric ones, and finding a function by its name; cut is in expr_cut.c,
 * strings and dates in expr_text.c.  Uses expr_node.c, expr_args.c,
 * expr_eval.c, expr_cut.c and expr_text.c. */
#include "expr_int.h"

#include "base_utf8.h"

#include <math.h>
#include <string.h>

void ex_put(ex_node *n, size_t r, const ex_vec *src)
{
    if (ex_na(src, r)) {
        ex_set_na(n, r);
        return;
    }
    switch (n->type) {
    case CODA_INTEGER: ((int64_t *)n->buf)[r] = src->i[r]; break;
    case CODA_NUMBER: ((double *)n->buf)[r] = ex_num(src, r); break;
    case CODA_BOOLEAN: ((uint8_t *)n->buf)[r] = src->b[r]; break;
    default: n->strs[r] = src->s[r], n->lens[r] = src->len[r]; break;
    }
}

/* if_else(cond, yes, no [, if_missing]) */
static coda_status if_else_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    if (st == CODA_OK)
        st = ex_args_of(e, n, 0, 4, ex_is_bool, "a true/false condition",
                        CODA_BOOLEAN);
    return st ? st : ex_unify_kids(e, n, 1, 1, "if_else");
}

static coda_status if_else_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *c = &n->kid[0]->v;
    ex_own(n);
    for (size_t r = 0; r < len && st == CODA_OK; r++) {
        if (ex_na(c, r) && n->nkid < 4)
            ex_set_na(n, r);
        else
            ex_put(n, r, &n->kid[ex_na(c, r) ? 3 : c->b[r] ? 1 : 2]->v);
    }
    return st;
}

/* case_when(cond1, value1, cond2, value2, ... [, default]): the value of
 * the first true condition; a missing condition is not true. */
static coda_status case_when_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    size_t pairs = n->nkid / 2;
    for (size_t i = 0; i < pairs && st == CODA_OK; i++)
        st = ex_args_of(e, n, 2 * i, n->nkid, ex_is_bool,
                        "a true/false condition", CODA_BOOLEAN);
    if (st != CODA_OK)
        return st;
    size_t at[256], k = 0;      /* the values, and the default */
    for (size_t i = 1; i < n->nkid; i += 2)
        at[k++] = i;
    if (n->nkid % 2)
        at[k++] = n->nkid - 1;
    return ex_unify_at(e, n, at, k, "case_when");
}

static coda_status case_when_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        size_t i = 0;
        while (i + 1 < n->nkid &&
               (ex_na(&n->kid[i]->v, r) || !n->kid[i]->v.b[r]))
            i += 2;
        if (i + 1 < n->nkid)
            ex_put(n, r, &n->kid[i + 1]->v);
        else if (i < n->nkid)
            ex_put(n, r, &n->kid[i]->v);
        else
            ex_set_na(n, r);
    }
    return st;
}

/* coalesce(a, b, ...): the first value that is not missing. */
static coda_status coalesce_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    return st ? st : ex_unify_kids(e, n, 0, 1, "coalesce");
}

static coda_status coalesce_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        size_t i = 0;
        while (i + 1 < n->nkid && ex_na(&n->kid[i]->v, r))
            i++;
        ex_put(n, r, &n->kid[i]->v);
    }
    return st;
}

/* is_missing(x): true or false, never missing. */
static coda_status is_missing_check(coda_expr *e, ex_node *n)
{
    n->type = CODA_BOOLEAN;
    return n->kid[0]->op == OP_LIST ? ex_plain_args(e, n, 0) : CODA_OK;
}

static coda_status is_missing_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    ex_own(n);
    for (size_t r = 0; r < len; r++)
        ((uint8_t *)n->buf)[r] = (uint8_t)ex_na(a, r);
    return st;
}

/* has(multi, "label"): whether the row's set holds the label. */
static coda_status has_check(coda_expr *e, ex_node *n)
{
    const ex_node *m = n->kid[0], *l = n->kid[1];
    if (m->op != OP_COL || m->type != CODA_MULTI)
        return ex_fail(e, CODA_EPARSE, m->at, "has needs a multi column");
    if (l->op != OP_LIT || l->type != CODA_STRING)
        return ex_fail(e, CODA_EPARSE, l->at, "has needs a label in quotes");
    uint32_t id = coda_labels_find(m->col->v.m.labels, l->s, l->slen);
    n->i = id == CODA_NO_LABEL ? -1 : (int64_t)id;
    n->type = CODA_BOOLEAN;
    return CODA_OK;
}

static coda_status has_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *m = &n->kid[0]->v;
    uint8_t *o = n->buf;
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        o[r] = n->i >= 0 && coda_multi_has(m->multi, start + r, (uint32_t)n->i);
        if (ex_na(m, r))
            ex_set_na(n, r);
    }
    return st;
}

/* abs, sqrt, log, exp, floor, ceil, round(x [, digits]) */
static coda_status math_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    if (st == CODA_OK)
        st = ex_args_of(e, n, 0, 1, ex_numeric, "numbers", CODA_NUMBER);
    if (st == CODA_OK && n->nkid > 1 && n->kid[1]->type != CODA_INTEGER)
        st = ex_fail(e, CODA_EPARSE, n->kid[1]->at, "round: digits must be a "
                     "whole number");
    int keep = strcmp(n->fn->name, "abs") == 0 &&
               n->kid[0]->type == CODA_INTEGER;
    n->type = keep ? CODA_INTEGER : CODA_NUMBER;
    return st;
}

/* R's round: halves to even (IEC 60559), after scaling by 10^digits. */
static double round_to(double x, int64_t digits)
{
    if (digits == 0)
        return nearbyint(x);
    double p = pow(10, (double)digits);
    return nearbyint(x * p) / p;
}

/* The C function of one number called fn; NULL for round (its digits). */
static double (*math1(const char *fn))(double)
{
    static const char *const names[] = { "abs", "sqrt", "log", "exp",
                                         "floor", "ceil" };
    static double (*const fns[])(double) = { fabs, sqrt, log, exp, floor,
                                             ceil };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        if (strcmp(fn, names[i]) == 0)
            return fns[i];
    return NULL;
}

static coda_status math_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v, *d = n->nkid > 1 ? &n->kid[1]->v : NULL;
    double (*f)(double) = math1(n->fn->name);
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        if (ex_na(a, r) || (d && ex_na(d, r))) {
            ex_set_na(n, r);
        } else if (n->type == CODA_INTEGER) {   /* abs of a whole number */
            ((int64_t *)n->buf)[r] = a->i[r] < 0 ? -a->i[r] : a->i[r];
            if (a->i[r] == INT64_MIN)
                ex_set_na(n, r);
        } else {
            double x = ex_num(a, r);
            double v = f ? f(x) : round_to(x, d ? d->i[r] : 0);
            ((double *)n->buf)[r] = v;
            if (isnan(v))
                ex_set_na(n, r);
        }
    }
    return st;
}

static const ex_func funcs[] = {
    { "if_else", 3, 4, if_else_check, if_else_eval },
    { "case_when", 2, -1, case_when_check, case_when_eval },
    { "coalesce", 1, -1, coalesce_check, coalesce_eval },
    { "is_missing", 1, 1, is_missing_check, is_missing_eval },
    { "has", 2, 2, has_check, has_eval },
    { "cut", 2, 3, ex_cut_check, ex_cut_eval },
    { "abs", 1, 1, math_check, math_eval },
    { "sqrt", 1, 1, math_check, math_eval },
    { "log", 1, 1, math_check, math_eval },
    { "exp", 1, 1, math_check, math_eval },
    { "floor", 1, 1, math_check, math_eval },
    { "ceil", 1, 1, math_check, math_eval },
    { "round", 1, 2, math_check, math_eval },
    { NULL, 0, 0, NULL, NULL }
};

const ex_func *ex_func_find(const char *name)
{
    for (const ex_func *f = funcs; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    for (const ex_func *f = ex_text_funcs; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

const char *ex_func_nearest(const char *name)
{
    const char *names[64];
    size_t n = 0;
    for (const ex_func *f = funcs; f->name && n < 64; f++)
        names[n++] = f->name;
    for (const ex_func *f = ex_text_funcs; f->name && n < 64; f++)
        names[n++] = f->name;
    return coda_nearest(name, names, n);
}
