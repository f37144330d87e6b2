/* expr_compile.c - an expression from its text to a typed tree with its
 * buffers, and the type of its result.  Uses expr_parse.c (the tree),
 * expr_type.c (its types), expr_eval.c (buffers) and expr_node.c (errors,
 * freeing). */
#include "expr_int.h"

#include "base_alloc.h"

coda_type coda_expr_type(const coda_expr *e)
{
    return e->root->type;
}

static coda_status all_buffers(coda_expr *e)
{
    for (size_t i = 0; i < e->nnodes; i++) {
        ex_node *n = e->nodes[i];
        if (n->op != OP_COL && n->op != OP_LIST && ex_buffers(n) != CODA_OK)
            return coda_error_nomem(e->err);
    }
    return CODA_OK;
}

coda_status coda_expr_compile(const char *src, const coda_table *t,
                              coda_expr **out, coda_error *err)
{
    coda_error_clear(err);
    coda_expr *e = coda_calloc(1, sizeof *e);
    if (!e)
        return coda_error_nomem(err);
    e->t = t, e->src = src, e->err = err;
    coda_status st = ex_parse(e);
    if (st == CODA_OK)
        st = ex_check(e, e->root);
    if (st == CODA_OK && e->root->type == EX_NULL)
        st = ex_fail(e, CODA_EPARSE, 0, "the expression is always missing, "
                     "so its type is unknown");
    if (st == CODA_OK && e->root->type == CODA_MULTI)
        st = ex_fail(e, CODA_EPARSE, 0, "a multi column is not a result "
                     "(use has() or is_missing())");
    if (st == CODA_OK)
        st = all_buffers(e);
    if (st != CODA_OK && err && err->code == CODA_OK)
        coda_error_nomem(err);
    e->src = NULL;
    e->err = NULL;
    if (st != CODA_OK) {
        coda_expr_free(e);
        return st;
    }
    *out = e;
    return CODA_OK;
}
