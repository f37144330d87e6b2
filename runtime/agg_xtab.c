/* agg_xtab.c - cross-tabulations with their bases, by rows or by weight. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <string.h>

enum { MAX_CELLS = 50 * 1000 * 1000 };

static void cross_row(const uint32_t *ia, size_t na, const uint32_t *ib,
                      size_t nb, double w, xcount *x)
{
    x->total++;
    x->wtotal += w;
    for (size_t i = 0; i < na; i++) {
        x->rb[ia[i]]++;
        x->wrb[ia[i]] += w;
        x->wrsq[ia[i]] += w * w;
    }
    for (size_t j = 0; j < nb; j++) {
        x->cb[ib[j]]++;
        x->wcb[ib[j]] += w;
    }
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            x->cell[(size_t)ia[i] * x->nb + ib[j]]++;
            x->wcell[(size_t)ia[i] * x->nb + ib[j]] += w;
        }
}

static void cross_count(const keyset *ka, const keyset *kb, size_t nrow,
                        const double *w, xcount *x)
{
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ia, *ib;
        uint32_t ta, tb;
        size_t na = keyset_row(ka, r, &ia, &ta), nb = keyset_row(kb, r, &ib, &tb);
        if (coda_is_missing(ka->col, r) || coda_is_missing(kb->col, r))
            continue;
        cross_row(ia, na, ib, nb, w ? w[r] : 1, x);
    }
}

static const char *const xtab_names[] = {
    "row", "col", "count", "row_base", "row_pct", "col_base", "col_pct",
    "total_pct", "ci_low", "ci_high"
};
static const char *const wxtab_names[] = {
    "row", "col", "n", "count", "row_base_n", "row_base", "row_pct",
    "col_base_n", "col_base", "col_pct", "total_pct", "ci_low", "ci_high",
    "weight"
};

static void xtab_counts(coda_column *c, size_t r, uint32_t a, uint32_t b,
                        const xcount *x, const coda_xtab_opts *o)
{
    uint64_t n = x->cell[(size_t)a * x->nb + b];
    c[2].v.i[r] = (int64_t)n;
    c[3].v.i[r] = (int64_t)x->rb[a];
    c[4].v.d[r] = 100.0 * (double)n / (double)x->rb[a];
    c[5].v.i[r] = (int64_t)x->cb[b];
    c[6].v.d[r] = 100.0 * (double)n / (double)x->cb[b];
    c[7].v.d[r] = 100.0 * (double)n / (double)x->total;
    coda_proportion_ci(o->ci, o->level, (long)n, (long)x->rb[a],
                       &c[8].v.d[r], &c[9].v.d[r]);
}

static double pct_of(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : NAN;
}

static void xtab_weighted(coda_column *c, size_t r, uint32_t a, uint32_t b,
                          const xcount *x, const coda_xtab_opts *o)
{
    size_t cell = (size_t)a * x->nb + b;
    c[2].v.i[r] = (int64_t)x->cell[cell];
    c[3].v.d[r] = x->wcell[cell];
    c[4].v.i[r] = (int64_t)x->rb[a];
    c[5].v.d[r] = x->wrb[a];
    c[6].v.d[r] = pct_of(x->wcell[cell], x->wrb[a]);
    c[7].v.i[r] = (int64_t)x->cb[b];
    c[8].v.d[r] = x->wcb[b];
    c[9].v.d[r] = pct_of(x->wcell[cell], x->wcb[b]);
    c[10].v.d[r] = pct_of(x->wcell[cell], x->wtotal);
    agg_weighted_ci(o->ci, o->level, c[6].v.d[r], x->wrb[a], x->wrsq[a],
                &c[11].v.d[r], &c[12].v.d[r]);
}

static coda_status xtab_row(coda_table *t, size_t r, const keyset *ka,
                            const keyset *kb, uint32_t a, uint32_t b,
                            const xcount *x, const coda_xtab_opts *o,
                            const char *wname)
{
    coda_status st = keyset_put(ka, a, t, 0, r);
    if (st == CODA_OK)
        st = keyset_put(kb, b, t, 1, r);
    if (st != CODA_OK)
        return st;
    if (!wname) {
        xtab_counts(t->cols, r, a, b, x, o);
        return agg_nan_missing(t, 8, 9, r);
    }
    xtab_weighted(t->cols, r, a, b, x, o);
    st = agg_nan_missing(t, 5, 12, r);
    return st == CODA_OK ? coda_table_set_string(t, 13, r, wname,
                                                 strlen(wname)) : st;
}

static coda_status xtab_init(coda_table *t, const keyset *ka,
                             const keyset *kb, int weighted)
{
    coda_type types[14] = { keyset_type(ka), keyset_type(kb) };
    const char *wt = "..ININNINNNNNS", *ut = "..IININNNN";
    const char *pat = weighted ? wt : ut;
    for (size_t c = 2; pat[c]; c++)
        types[c] = pat[c] == 'I' ? CODA_INTEGER : pat[c] == 'N' ? CODA_NUMBER
                                                                : CODA_STRING;
    return agg_init_columns(t, weighted ? wxtab_names : xtab_names, types,
                        strlen(pat));
}

static coda_status xtab_table(const keyset *ka, const keyset *kb,
                              const xcount *x, const coda_xtab_opts *o,
                              const uint32_t *ra, size_t na,
                              const uint32_t *cb, size_t nb,
                              const char *wname, coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(na * nb, wname ? 14 : 10, &t);
    if (st == CODA_OK)
        st = xtab_init(t, ka, kb, wname != NULL);
    for (size_t i = 0; i < na && st == CODA_OK; i++)
        for (size_t j = 0; j < nb && st == CODA_OK; j++)
            st = xtab_row(t, i * nb + j, ka, kb, ra[i], cb[j], x, o, wname);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status agg_xcount_alloc(xcount *x, size_t na, size_t nb)
{
    x->na = na, x->nb = nb;
    x->cell = coda_calloc(na * nb + 1, sizeof *x->cell);
    x->wcell = coda_calloc(na * nb + 1, sizeof *x->wcell);
    x->rb = coda_calloc(na + 1, sizeof *x->rb);
    x->wrb = coda_calloc(na + 1, sizeof *x->wrb);
    x->wrsq = coda_calloc(na + 1, sizeof *x->wrsq);
    x->cb = coda_calloc(nb + 1, sizeof *x->cb);
    x->wcb = coda_calloc(nb + 1, sizeof *x->wcb);
    return x->cell && x->wcell && x->rb && x->wrb && x->wrsq && x->cb &&
           x->wcb ? CODA_OK : CODA_ENOMEM;
}

void agg_xcount_free(xcount *x)
{
    coda_free(x->cell);
    coda_free(x->wcell);
    coda_free(x->rb);
    coda_free(x->wrb);
    coda_free(x->wrsq);
    coda_free(x->cb);
    coda_free(x->wcb);
}

coda_status agg_xtab_finish(const keyset *ka, const keyset *kb,
                            const xcount *x, const coda_xtab_opts *o,
                            const char *wname, coda_table **out)
{
    uint32_t *ra = coda_malloc((ka->n + 1) * sizeof *ra);
    uint32_t *cb = coda_malloc((kb->n + 1) * sizeof *cb);
    coda_status st = ra && cb ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK) {
        size_t na = keyset_present(ka, x->rb, ra);
        size_t nb = keyset_present(kb, x->cb, cb);
        st = xtab_table(ka, kb, x, o, ra, na, cb, nb, wname, out);
    }
    coda_free(ra);
    coda_free(cb);
    return st;
}

coda_status agg_xtab_limit(const keyset *ka, const keyset *kb,
                           coda_error *err)
{
    if (ka->n && kb->n > MAX_CELLS / ka->n)
        return coda_error_set(err, CODA_ELIMIT, NULL, 0, 0, "crosstab: %s "
                              "(%zu values) by %s (%zu values) is too many "
                              "cells", ka->col->name, ka->n, kb->col->name,
                              kb->n);
    return CODA_OK;
}

/* The counts of a by b into x, or CODA_ELIMIT for too many cells. */
static coda_status xtab_count(const keyset *ka, const keyset *kb, size_t nrow,
                              const double *w, xcount *x, coda_error *err)
{
    coda_status st = agg_xtab_limit(ka, kb, err);
    if (st == CODA_OK)
        st = agg_xcount_alloc(x, ka->n, kb->n);
    if (st == CODA_OK)
        cross_count(ka, kb, nrow, w, x);
    return st;
}

coda_status agg_xtab_begin(const coda_table *t, size_t a, size_t b,
                           const coda_xtab_opts *o, keyset *ka, keyset *kb,
                           double **w, coda_error *err)
{
    coda_status st = o->weight < 0 ? CODA_OK
                     : coda_weights_get(t, (size_t)o->weight, "crosstab",
                                        w, err);
    if (st != CODA_OK)
        return st;
    coda_status sa = keyset_init(ka, t, a), sb = keyset_init(kb, t, b);
    st = sa != CODA_OK ? sa : sb;
    if (st != CODA_OK) {
        keyset_free(ka);
        keyset_free(kb);
        coda_free(*w);
        *w = NULL;
        coda_error_set(err, st, NULL, 0, 0, "crosstab: %s", coda_strerror(st));
    }
    return st;
}

coda_status coda_crosstab(const coda_table *t, size_t a, size_t b,
                          const coda_xtab_opts *o, coda_table **out,
                          coda_error *err)
{
    keyset ka, kb;
    xcount x = { 0 };
    double *w = NULL;
    coda_status st = agg_xtab_begin(t, a, b, o, &ka, &kb, &w, err);
    if (st != CODA_OK)
        return st;
    st = xtab_count(&ka, &kb, t->nrow, w, &x, err);
    if (st == CODA_OK)
        st = agg_xtab_finish(&ka, &kb, &x, o,
                             w ? t->cols[o->weight].name : NULL, out);
    if (st != CODA_OK && st != CODA_ELIMIT)
        coda_error_set(err, st, NULL, 0, 0, "crosstab: %s", coda_strerror(st));
    agg_xcount_free(&x);
    coda_free(w);
    keyset_free(&ka);
    keyset_free(&kb);
    return st;
}
