/* expr_node.c - the nodes of an expression: a new node owned by the
 * expression, compile errors with their position in the source, and
 * freeing an expression with all its nodes.  Uses no other expr file. */
#include "expr_int.h"

#include "base_alloc.h"

#include <stdarg.h>
#include <stdio.h>

ex_node *ex_node_new(coda_expr *e, ex_op op, size_t at)
{
    if (e->nnodes == EX_MAX_NODES) {
        ex_fail(e, CODA_ELIMIT, at, "expression has more than %d parts",
                EX_MAX_NODES);
        return NULL;
    }
    if (e->nnodes == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 16;
        ex_node **nodes = coda_reallocarray(e->nodes, cap, sizeof *nodes);
        if (!nodes)
            return NULL;
        e->nodes = nodes, e->cap = cap;
    }
    ex_node *n = coda_calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->op = op;
    n->at = at;
    n->depth = 1;
    n->owner = e;
    e->nodes[e->nnodes++] = n;
    return n;
}

coda_status ex_fail(coda_expr *e, coda_status code, size_t at,
                    const char *fmt, ...)
{
    if (e->err && e->err->code != CODA_OK)
        return e->err->code;    /* the first error stands */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t chars = 1;           /* the position in characters, from 1 */
    for (size_t i = 0; i < at && e->src[i]; i++)
        chars += ((unsigned char)e->src[i] & 0xC0) != 0x80;
    coda_error_set(e->err, code, NULL, 0, 0, "%s at position %zu", msg, chars);
    if (e->err)
        e->err->offset = (long)at;
    return code;
}

static void node_free(ex_node *n)
{
    if (n->aux_free)
        n->aux_free(n->aux);
    coda_free(n->kid);
    coda_free(n->s);
    coda_free(n->buf);
    coda_free(n->tmp);
    coda_free(n->na);
    coda_free(n->lens);
    coda_free(n->strs);
    coda_free(n->text.p);
    coda_free(n);
}

void coda_expr_free(coda_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nnodes; i++)
        node_free(e->nodes[i]);
    coda_free(e->nodes);
    coda_free(e);
}
