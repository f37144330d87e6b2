/* expr_type.c - the types of an expression's nodes, checked once at
 * compile time so that evaluation never meets a value of a wrong type;
 * a call is typed by its function's check.  Uses expr_node.c (ex_fail)
 * and expr_args.c (argument types). */
#include "expr_int.h"

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
    coda_status st = ex_unify_kids(e, n, 0, 1, ex_op_name(n->op));
    if (st == CODA_OK && n->type == CODA_BOOLEAN && n->op != OP_EQ &&
        n->op != OP_NE)
        st = ex_fail(e, CODA_EPARSE, n->at, "%s does not order true and "
                     "false (use == or ~=)", ex_op_name(n->op));
    if (st == CODA_OK && n->type == EX_NULL)
        ex_settle(n, CODA_INTEGER);
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
