/* agree.c - percent agreement, Cohen's kappa, Krippendorff's alpha,
 * precision, recall and F1 per code. */
#include "agree.h"

#include "base_alloc.h"
#include "shape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double coda_kappa(const coda_2x2 *c)
{
    double n = (double)(c->both + c->a_only + c->b_only + c->neither);
    if (n == 0)
        return NAN;
    double po = (double)(c->both + c->neither) / n;
    double pa = (double)(c->both + c->a_only) / n;
    double pb = (double)(c->both + c->b_only) / n;
    double pe = pa * pb + (1 - pa) * (1 - pb);
    return pe >= 1 ? NAN : (po - pe) / (1 - pe);
}

double coda_alpha_nominal(const coda_2x2 *c)
{
    double n = (double)(c->both + c->a_only + c->b_only + c->neither);
    double d = (double)(c->a_only + c->b_only);
    double n1 = 2.0 * (double)c->both + d, n0 = 2.0 * (double)c->neither + d;
    if (n == 0 || n0 == 0 || n1 == 0)
        return NAN;
    return 1 - (2 * n - 1) * d / (n0 * n1);
}

static const char *const names[] = {
    "code", "n", "both", "a_only", "b_only", "neither", "agreement", "kappa",
    "alpha", "precision", "recall", "f1"
};

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Every label of the two vocabularies, sorted, without repeats. */
static const char **all_labels(const coda_labels *la, const coda_labels *lb,
                               size_t *n)
{
    const char **s = coda_malloc((la->n + lb->n + 1) * sizeof *s);
    if (!s)
        return NULL;
    size_t k = 0;
    for (uint32_t i = 0; i < la->n; i++)
        s[k++] = la->s[i];
    for (uint32_t i = 0; i < lb->n; i++)
        s[k++] = lb->s[i];
    qsort(s, k, sizeof *s, str_cmp);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || strcmp(s[u - 1], s[i]) != 0)
            s[u++] = s[i];
    *n = u;
    return s;
}

static int has(const coda_column *m, size_t r, const char *label)
{
    uint32_t id = coda_labels_find(m->v.m.labels, label, strlen(label));
    return !coda_is_missing(m, r) && id != CODA_NO_LABEL &&
           coda_multi_has(m, r, id);
}

static coda_status fill(coda_table *o, size_t r, const char *code,
                        const coda_2x2 *c)
{
    coda_status st = coda_table_set_string(o, 0, r, code, strlen(code));
    uint64_t n = c->both + c->a_only + c->b_only + c->neither;
    int64_t v[] = { (int64_t)n, (int64_t)c->both, (int64_t)c->a_only,
                    (int64_t)c->b_only, (int64_t)c->neither };
    for (size_t k = 0; k < 5; k++)
        o->cols[1 + k].v.i[r] = v[k];
    double p = (double)c->both / (double)(c->both + c->a_only);
    double rc = (double)c->both / (double)(c->both + c->b_only);
    /* F1 = 2TP / (2TP + FP + FN): 0 when neither coder's uses agree,
     * undefined only when the code is used by neither */
    uint64_t f1d = 2 * c->both + c->a_only + c->b_only;
    double x[] = { n ? 100.0 * (double)(c->both + c->neither) / (double)n : NAN,
                   coda_kappa(c), coda_alpha_nominal(c), p, rc,
                   f1d ? 2.0 * (double)c->both / (double)f1d : NAN };
    for (size_t k = 0; k < 6 && st == CODA_OK; k++) {
        if (isnan(x[k]))
            st = coda_table_set_missing(o, 6 + k, r);
        else
            o->cols[6 + k].v.d[r] = x[k];
    }
    return st;
}

coda_status coda_agreement_rows(const char *const *codes,
                                const coda_2x2 *counts, size_t n,
                                coda_table **out)
{
    coda_table *o = NULL;
    coda_status st = coda_table_create(n, 12, &o);
    for (size_t c = 0; c < 12 && st == CODA_OK; c++)
        st = coda_table_init_column(o, c, names[c], c == 0 ? CODA_STRING
                                    : c < 6 ? CODA_INTEGER : CODA_NUMBER);
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = fill(o, i, codes[i], &counts[i]);
    if (st != CODA_OK) {
        coda_table_free(o);
        return st;
    }
    *out = o;
    return CODA_OK;
}

static coda_status unmatched(const coda_table *a, const coda_table *j,
                             size_t ida, const char *side, coda_error *err)
{
    size_t n = a->nrow - j->nrow;
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "agreement: %zu case%s "
                          "of the %s table (by \"%s\") %s not in the other; "
                          "pass unmatched = \"drop\" to leave them out", n,
                          n == 1 ? "" : "s", side, a->cols[ida].name,
                          n == 1 ? "is" : "are");
}

/* Pair the cases of a and b: a table with a's id and codes and b's codes. */
static coda_status pair_cases(const coda_table *a, size_t ida, size_t ca,
                              const coda_table *b, size_t idb, size_t cb,
                              int drop, coda_table **j, coda_error *err)
{
    size_t sa[2] = { ida, ca }, sb[2] = { idb, cb }, k0 = 0;
    coda_table *ta = NULL, *tb = NULL;
    coda_status st = coda_table_select(a, sa, 2, &ta);
    if (st == CODA_OK)
        st = coda_table_select(b, sb, 2, &tb);
    if (st == CODA_OK)
        st = coda_join(ta, tb, &k0, &k0, 1, CODA_JOIN_INNER,
                       CODA_JOIN_ONE_TO_ONE, "_b", j, err);
    else
        coda_error_nomem(err);
    if (st == CODA_OK && !drop && ((*j)->nrow != a->nrow || (*j)->nrow != b->nrow)) {
        st = (*j)->nrow != a->nrow ? unmatched(a, *j, ida, "first", err)
                                   : unmatched(b, *j, idb, "second", err);
        coda_table_free(*j);
    }
    coda_table_free(ta);
    coda_table_free(tb);
    return st;
}

coda_status coda_agreement(const coda_table *a, size_t ida, size_t ca,
                           const coda_table *b, size_t idb, size_t cb,
                           const char *const *labels, size_t nl,
                           int drop_unmatched, coda_table **out,
                           coda_error *err)
{
    if (a->cols[ca].type != CODA_MULTI || b->cols[cb].type != CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "agreement: the "
                              "codes columns must be multi columns");
    coda_table *j = NULL, *o = NULL;
    coda_status st = pair_cases(a, ida, ca, b, idb, cb, drop_unmatched, &j, err);
    if (st != CODA_OK)
        return st;
    int found = nl == 0; /* no labels given: every label of either side */
    const char **owned = found ? all_labels(a->cols[ca].v.m.labels,
                                            b->cols[cb].v.m.labels, &nl)
                               : NULL;
    const char *const *codes = found ? owned : labels;
    coda_2x2 *counts = coda_calloc(nl ? nl : 1, sizeof *counts);
    st = codes && counts ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < nl && st == CODA_OK; i++) {
        coda_2x2 *c = &counts[i];
        for (size_t r = 0; r < j->nrow; r++) {
            int x = has(&j->cols[1], r, codes[i]), y = has(&j->cols[2], r, codes[i]);
            c->both += x && y;
            c->a_only += x && !y;
            c->b_only += !x && y;
            c->neither += !x && !y;
        }
    }
    if (st == CODA_OK)
        st = coda_agreement_rows(codes, counts, nl, &o);
    coda_free(counts);
    coda_free(owned);
    coda_table_free(j);
    if (st != CODA_OK) {
        coda_table_free(o);
        return coda_error_nomem(err);
    }
    *out = o;
    return CODA_OK;
}
