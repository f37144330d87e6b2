/* expr_type.c - the types of an expression's nodes, checked once at
 * compile time so that evaluation never meets a value of a wrong type. */
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
static void settle(ex_node *n, coda_type t)
{
    if (n->type != EX_NULL)
        return;
    n->type = t;
    for (size_t i = 0; i < n->nkid; i++)
        settle(n->kid[i], t);
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
        settle(n->kid[at[j]], t);
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

static const char *op_name(ex_op op)
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
        settle(k, t);
        if (!want(k->type))
            return ex_fail(e, CODA_EPARSE, k->at, "%s needs %s, not a %s "
                           "value", n->op == OP_CALL ? n->fn->name
                           : op_name(n->op), need, ex_type_name(k->type));
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

static coda_status arith(coda_expr *e, ex_node *n)
{
    coda_status st = ex_args_of(e, n, 0, 1, ex_numeric, "numbers", CODA_INTEGER);
    int whole = n->kid[0]->type == CODA_INTEGER &&
                (n->nkid == 1 || n->kid[1]->type == CODA_INTEGER);
    n->type = whole && n->op != OP_DIV && n->op != OP_POW ? CODA_INTEGER
                                                          : CODA_NUMBER;
    return st;
}

static coda_status compare(coda_expr *e, ex_node *n)
{
    coda_status st = ex_unify_kids(e, n, 0, 1, op_name(n->op));
    if (st == CODA_OK && n->type == CODA_BOOLEAN && n->op != OP_EQ &&
        n->op != OP_NE)
        st = ex_fail(e, CODA_EPARSE, n->at, "%s does not order true and "
                     "false (use == or ~=)", op_name(n->op));
    if (st == CODA_OK && n->type == EX_NULL)
        settle(n, CODA_INTEGER);
    n->type = CODA_BOOLEAN;
    return st;
}

static coda_status check_op(coda_expr *e, ex_node *n)
{
    switch (n->op) {
    case OP_COL: case OP_LIT: return CODA_OK;
    case OP_LIST:
        return ex_fail(e, CODA_EPARSE, n->at, "a { list } is only for the "
                       "breaks and labels of cut");
    case OP_NOT: case OP_AND: case OP_OR:
        n->type = CODA_BOOLEAN;
        return ex_args_of(e, n, 0, 1, ex_is_bool, "true/false values",
                          CODA_BOOLEAN);
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        return compare(e, n);
    case OP_CALL: return n->fn->check(e, n);
    default: return arith(e, n);
    }
}

coda_status ex_check(coda_expr *e, ex_node *n)
{
    for (size_t i = 0; i < n->nkid; i++) {
        ex_node *k = n->kid[i];
        coda_status st = CODA_OK;
        if (k->op != OP_LIST)
            st = ex_check(e, k);
        else if (n->op != OP_CALL)
            st = check_op(e, k);
        for (size_t j = 0; j < k->nkid && k->op == OP_LIST && !st; j++)
            st = ex_check(e, k->kid[j]);
        if (st == CODA_OK && k->type == CODA_MULTI && n->op != OP_CALL)
            st = ex_fail(e, CODA_EPARSE, k->at, "a multi column is only "
                         "for has() and is_missing()");
        if (st != CODA_OK)
            return st;
    }
    return check_op(e, n);
}
