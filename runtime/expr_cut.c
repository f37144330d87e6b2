/* expr_cut.c - cut(x, {breaks} [, {labels}]): the interval of each value,
 * as R's cut with its defaults: intervals closed on the right, (a,b]; a
 * value on the lowest break or outside them all is missing; labels
 * "(a,b]" with the breaks at 3 significant digits, more when two would
 * read the same.  Uses expr_node.c, expr_args.c and expr_eval.c. */
#include "expr_int.h"

#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct cut_aux {
    size_t nb;          /* breaks; nb - 1 intervals */
    double *br;
    char **label;
    uint32_t *len;
} cut_aux;

static void cut_free(void *p)
{
    cut_aux *c = p;
    for (size_t i = 0; c && c->label && i + 1 < c->nb; i++)
        coda_free(c->label[i]);
    if (c) {
        coda_free(c->label);
        coda_free(c->len);
        coda_free(c->br);
    }
    coda_free(c);
}

/* The value of a constant number: a literal, or minus one. */
static int constant(const ex_node *k, double *v)
{
    int neg = k->op == OP_NEG;
    if (neg)
        k = k->kid[0];
    if (k->op != OP_LIT || !ex_numeric(k->lit_type))
        return 0;
    *v = k->lit_type == CODA_INTEGER ? (double)k->i : k->d;
    *v = neg ? -*v : *v;
    return 1;
}

static coda_status breaks(coda_expr *e, const ex_node *list, cut_aux *c)
{
    if (list->op != OP_LIST || list->nkid < 2)
        return ex_fail(e, CODA_EPARSE, list->at, "cut needs its breaks as a "
                       "list of at least two numbers: {0, 18, 35, inf}");
    c->nb = list->nkid;
    c->br = coda_malloc(c->nb * sizeof *c->br);
    if (!c->br)
        return coda_error_nomem(e->err);
    for (size_t i = 0; i < c->nb; i++) {
        if (!constant(list->kid[i], &c->br[i]) || isnan(c->br[i]))
            return ex_fail(e, CODA_EPARSE, list->kid[i]->at, "a break of cut "
                           "must be a number");
        if (i && c->br[i] <= c->br[i - 1])
            return ex_fail(e, CODA_EPARSE, list->kid[i]->at, "the breaks of "
                           "cut must increase");
    }
    return CODA_OK;
}

/* A break as R's formatC(b, digits = dig) writes it. */
static void fmt_break(char *buf, size_t size, double b, int dig)
{
    if (isinf(b))
        snprintf(buf, size, "%sInf", b < 0 ? "-" : "");
    else
        snprintf(buf, size, "%.*g", dig, b);
}

static int default_labels(cut_aux *c)
{
    char a[64], b[64], x[140];
    int dig = 3;
    for (; dig < 15; dig++) {   /* as R: more digits until breaks differ */
        int same = 0;
        for (size_t i = 0; i + 1 < c->nb && !same; i++) {
            fmt_break(a, sizeof a, c->br[i], dig);
            fmt_break(b, sizeof b, c->br[i + 1], dig);
            same = strcmp(a, b) == 0;
        }
        if (!same)
            break;
    }
    for (size_t i = 0; i + 1 < c->nb; i++) {
        fmt_break(a, sizeof a, c->br[i], dig);
        fmt_break(b, sizeof b, c->br[i + 1], dig);
        snprintf(x, sizeof x, "(%s,%s]", a, b);
        if (!(c->label[i] = coda_strndup(x, strlen(x))))
            return 0;
    }
    return 1;
}

static coda_status labels(coda_expr *e, const ex_node *list, cut_aux *c)
{
    c->label = coda_calloc(c->nb, sizeof *c->label);
    c->len = coda_calloc(c->nb, sizeof *c->len);
    if (!c->label || !c->len)
        return coda_error_nomem(e->err);
    if (!list && !default_labels(c))
        return coda_error_nomem(e->err);
    if (list && (list->op != OP_LIST || list->nkid + 1 != c->nb))
        return ex_fail(e, CODA_EPARSE, list->at, "cut needs one label for "
                       "each interval: %zu, in a list", c->nb - 1);
    for (size_t i = 0; list && i < list->nkid; i++) {
        const ex_node *k = list->kid[i];
        if (k->op != OP_LIT || k->lit_type != CODA_STRING)
            return ex_fail(e, CODA_EPARSE, k->at, "a label of cut must be a "
                           "string in quotes");
        if (!(c->label[i] = coda_strndup(k->s ? k->s : "", k->slen)))
            return coda_error_nomem(e->err);
    }
    for (size_t i = 0; i + 1 < c->nb; i++)
        c->len[i] = (uint32_t)strlen(c->label[i]);
    return CODA_OK;
}

coda_status ex_cut_check(coda_expr *e, ex_node *n)
{
    if (n->kid[0]->op == OP_LIST || n->kid[0]->type == CODA_MULTI)
        return ex_plain_args(e, n, 0);
    coda_status st = ex_args_of(e, n, 0, 3, ex_numeric, "numbers", CODA_NUMBER);
    cut_aux *c = coda_calloc(1, sizeof *c);
    if (!c)
        return coda_error_nomem(e->err);
    n->aux = c, n->aux_free = cut_free;
    if (st == CODA_OK)
        st = breaks(e, n->kid[1], c);
    if (st == CODA_OK)
        st = labels(e, n->nkid > 2 ? n->kid[2] : NULL, c);
    n->type = CODA_STRING;
    return st;
}

coda_status ex_cut_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const cut_aux *c = n->aux;
    const ex_vec *x = &n->kid[0]->v;
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        double v = ex_na(x, r) ? NAN : ex_num(x, r);
        size_t lo = 0, hi = c->nb - 1;      /* v in (br[lo], br[hi]] */
        if (!(v > c->br[0] && v <= c->br[hi])) {
            ex_set_na(n, r);
            continue;
        }
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (v <= c->br[mid])
                hi = mid;
            else
                lo = mid;
        }
        n->strs[r] = c->label[lo], n->lens[r] = c->len[lo];
    }
    return st;
}
