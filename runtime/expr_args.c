/* expr_args.c - the types of an operator's or a function's arguments at
 * compile time: type names, unifying types, settling missing literals,
 * requiring argument types, refusing lists and multi columns.  Uses
 * expr_node.c (ex_fail). */
#include "expr_int.h"

const char *ex_type_name(coda_type t)
{
    return t == EX_NULL ? "missing" : coda_type_name(t);
}

int ex_numeric(coda_type t)
{
    return t == CODA_INTEGER || t == CODA_NUMBER;
}

coda_type ex_unify(coda_type a, coda_type b, int *ok)
{
    *ok = 1;
    if (a == EX_NULL || a == b)
        return b;
    if (b == EX_NULL)
        return a;
    if (ex_numeric(a) && ex_numeric(b))
        return CODA_NUMBER;
    *ok = 0;
    return a;
}

/* Give n (a missing literal, or a call of missing values only) type t. */
void ex_settle(ex_node *n, coda_type t)
{
    if (n->type != EX_NULL)
        return;
    n->type = t;
    for (size_t i = 0; i < n->nkid; i++)
        ex_settle(n->kid[i], t);
}

coda_status ex_unify_at(coda_expr *e, ex_node *n, const size_t *at, size_t k,
                       const char *what)
{
    coda_type t = EX_NULL;
    for (size_t j = 0; j < k; j++) {
        int ok;
        const ex_node *kid = n->kid[at[j]];
        coda_type u = ex_unify(t, kid->type, &ok);
        if (!ok || u == CODA_MULTI)
            return ex_fail(e, CODA_EPARSE, kid->at, "%s: %s and %s values do "
                           "not mix", what, ex_type_name(t),
                           ex_type_name(kid->type));
        t = u;
    }
    for (size_t j = 0; j < k; j++)
        ex_settle(n->kid[at[j]], t);
    n->type = t;
    return CODA_OK;
}

coda_status ex_unify_kids(coda_expr *e, ex_node *n, size_t from, size_t step,
                          const char *what)
{
    size_t at[256], k = 0;      /* a call has at most 256 arguments */
    for (size_t i = from; i < n->nkid && k < 256; i += step)
        at[k++] = i;
    return ex_unify_at(e, n, at, k, what);
}

const char *ex_op_name(ex_op op)
{
    static const char *const names[] = {
        "column", "value", "list", "-", "not", "+", "-", "*", "/", "//", "%",
        "^", "==", "~=", "<", "<=", ">", ">=", "and", "or", "call"
    };
    return names[op];
}

coda_status ex_args_of(coda_expr *e, ex_node *n, size_t from, size_t step,
                       int (*want)(coda_type), const char *need, coda_type t)
{
    for (size_t i = from; i < n->nkid; i += step) {
        ex_node *k = n->kid[i];
        ex_settle(k, t);
        if (!want(k->type))
            return ex_fail(e, CODA_EPARSE, k->at, "%s needs %s, not a %s "
                           "value", n->op == OP_CALL ? n->fn->name
                           : ex_op_name(n->op), need, ex_type_name(k->type));
    }
    return CODA_OK;
}

int ex_is_bool(coda_type t)
{
    return t == CODA_BOOLEAN;
}

int ex_is_string(coda_type t)
{
    return t == CODA_STRING;
}

coda_status ex_plain_args(coda_expr *e, ex_node *n, size_t from)
{
    for (size_t i = from; i < n->nkid; i++) {
        const ex_node *k = n->kid[i];
        if (k->op == OP_LIST)
            return ex_fail(e, CODA_EPARSE, k->at, "a { list } is only for "
                           "the breaks and labels of cut");
        if (k->type == CODA_MULTI)
            return ex_fail(e, CODA_EPARSE, k->at, "a multi column is only "
                           "for has() and is_missing()");
    }
    return CODA_OK;
}
