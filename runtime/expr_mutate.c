/* expr_mutate.c - running a compiled expression over a whole table, a
 * block at a time, into a column; coda_mutate, which adds such columns.
 * Uses expr_compile.c, expr_node.c (coda_expr_free) and expr_eval.c. */
#include "expr_int.h"

#include "base_alloc.h"

#include <stdio.h>
#include <string.h>

/* The missing flags of rows [start, start + len) of column c of dst. */
static coda_status store_na(coda_table *dst, size_t c, size_t start,
                            const ex_vec *v, size_t len)
{
    coda_column *col = &dst->cols[c];
    if (!v->na)
        return CODA_OK;
    if (!col->missing && !(col->missing = coda_calloc(dst->nrow, 1)))
        return CODA_ENOMEM;
    memcpy(col->missing + start, v->na, len);
    return CODA_OK;
}

/* Rows [start, start + len) of column c of dst from v (numbers and
 * booleans may be there already: the root computes into the column). */
static coda_status store(coda_table *dst, size_t c, size_t start,
                         const ex_vec *v, size_t len)
{
    coda_column *col = &dst->cols[c];
    coda_status st = CODA_OK;
    size_t w = col->type == CODA_BOOLEAN ? 1 : 8;
    const void *from = col->type == CODA_NUMBER ? (const void *)v->d
                     : col->type == CODA_BOOLEAN ? (const void *)v->b
                                                 : (const void *)v->i;
    if (col->type != CODA_STRING && from != col->v.b + start * w)
        memcpy(col->v.b + start * w, from, len * w);
    for (size_t r = 0; r < len && st == CODA_OK && col->type == CODA_STRING; r++)
        if (!ex_na(v, r))
            st = coda_table_set_string(dst, c, start + r, v->s[r], v->len[r]);
    return st == CODA_OK ? store_na(dst, c, start, v, len) : st;
}

/* Let a root that computes its own values write them into the column. */
static void *aim(coda_expr *e, coda_table *dst, size_t c, size_t start)
{
    ex_node *n = e->root;
    coda_column *col = &dst->cols[c];
    void *own = n->buf;
    size_t w = col->type == CODA_BOOLEAN ? 1 : 8;
    if (n->op != OP_COL && col->type != CODA_STRING)
        n->buf = col->v.b + start * w;
    return own;
}

coda_status coda_expr_eval(coda_expr *e, coda_table *dst, size_t c,
                           coda_error *err)
{
    coda_error_clear(err);
    e->err = err;
    coda_status st = CODA_OK;
    for (size_t start = 0; start < e->t->nrow && st == CODA_OK;
         start += EX_BLOCK) {
        size_t len = e->t->nrow - start < EX_BLOCK ? e->t->nrow - start
                                                   : EX_BLOCK;
        e->start = start;
        void *own = aim(e, dst, c, start);
        st = ex_eval(e->root, start, len);
        e->root->buf = own;
        if (st == CODA_OK)
            st = store(dst, c, start, &e->root->v, len);
        if (st == CODA_ENOMEM)
            coda_error_nomem(err);
    }
    e->err = NULL;
    return st;
}

/* Put "name: " before the message in err. */
static coda_status prefix(coda_error *err, coda_status st, const char *name)
{
    if (!err)
        return st;
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    long off = err->offset;
    coda_error_set(err, st, NULL, 0, 0, "%.200s: %s", name, msg);
    err->offset = off;
    return st;
}

static void free_all(coda_expr **ex, size_t n)
{
    for (size_t i = 0; ex && i < n; i++)
        coda_expr_free(ex[i]);
    coda_free(ex);
}

/* t's columns (borrowed), then each expression's column. */
static coda_status build(coda_table *t, const char *const *names,
                         coda_expr **ex, size_t n, coda_table **out,
                         coda_error *err)
{
    coda_table *o = NULL;
    size_t c;
    coda_status st = coda_table_share(t, &o);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        st = coda_table_add_values(o, names[i], coda_expr_type(ex[i]), &c);
        if (st == CODA_OK)
            st = coda_expr_eval(ex[i], o, c, err);
        else
            coda_error_nomem(err);
        if (st != CODA_OK && st != CODA_ENOMEM)
            prefix(err, st, names[i]);
    }
    if (st == CODA_ENOMEM)
        coda_error_nomem(err);
    if (st != CODA_OK) {
        coda_table_free(o);
        return st;
    }
    *out = o;
    return CODA_OK;
}

coda_status coda_mutate(coda_table *t, const char *const *names,
                        const char *const *srcs, size_t n, coda_table **out,
                        coda_error *err)
{
    coda_expr **ex = coda_calloc(n ? n : 1, sizeof *ex);
    if (!ex)
        return coda_error_nomem(err);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        st = coda_expr_compile(srcs[i], t, &ex[i], err);
        if (st != CODA_OK && st != CODA_ENOMEM)
            prefix(err, st, names[i]);
    }
    if (st == CODA_OK)
        st = build(t, names, ex, n, out, err);
    free_all(ex, n);
    return st;
}
