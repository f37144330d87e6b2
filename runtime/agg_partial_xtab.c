/* agg_partial_xtab.c - a cross-tabulation as a partial result, and the
 * cross-tabulation of a merged one.  Its keys are pairs (row, col): a
 * pair of values holds a cell's sums, (value, missing) a row base's and
 * (missing, value) a column base's. */
#include "agg_partial.h"

#include "agg_keys.h"
#include "base_alloc.h"

enum { X_N, X_W, X_RB, X_WRB, X_WRSQ, X_CB, X_WCB, X_NSUM };
enum { X_TOTAL, X_WTOTAL, X_NTOT };

/* The slots of the keys: cells, then row bases, then column bases. */
typedef struct xslots {
    size_t *cell, *rb, *cb;     /* key row + 1 of each, 0: none */
    size_t n;
} xslots;

/* Count rows into x (row counts only) to find which keys occur. */
static void count_rows(const keyset *ka, const keyset *kb, size_t nrow,
                       xcount *x)
{
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ia = NULL, *ib = NULL;
        uint32_t ta, tb;
        size_t na = keyset_row(ka, r, &ia, &ta), nb = keyset_row(kb, r, &ib, &tb);
        if (coda_is_missing(ka->col, r) || coda_is_missing(kb->col, r))
            continue;
        x->total++;
        for (size_t i = 0; i < na; i++)
            x->rb[ia[i]]++;
        for (size_t j = 0; j < nb; j++)
            x->cb[ib[j]]++;
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++)
                x->cell[(size_t)ia[i] * x->nb + ib[j]]++;
    }
}

/* Number the keys that occur into s; how many. */
static size_t number_keys(const xcount *x, xslots *s)
{
    size_t n = 0;
    for (size_t c = 0; c < x->na * x->nb; c++)
        s->cell[c] = x->cell[c] ? ++n : 0;
    for (size_t a = 0; a < x->na; a++)
        s->rb[a] = x->rb[a] ? ++n : 0;
    for (size_t b = 0; b < x->nb; b++)
        s->cb[b] = x->cb[b] ? ++n : 0;
    return s->n = n;
}

/* Row r of the keys: ids a and b, either UINT32_MAX for missing. */
static coda_status put_pair(coda_table *t, size_t r, const keyset *ka,
                            uint32_t a, const keyset *kb, uint32_t b)
{
    coda_status st = a == UINT32_MAX ? coda_table_set_missing(t, 0, r)
                                     : keyset_put(ka, a, t, 0, r);
    if (st == CODA_OK)
        st = b == UINT32_MAX ? coda_table_set_missing(t, 1, r)
                             : keyset_put(kb, b, t, 1, r);
    return st;
}

static coda_status xtab_keys(const keyset *ka, const keyset *kb,
                             const xslots *s, const xcount *x,
                             coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(s->n, 2, &t);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 0, "row", keyset_type(ka));
    if (st == CODA_OK)
        st = coda_table_init_column(t, 1, "col", keyset_type(kb));
    for (size_t c = 0; c < x->na * x->nb && st == CODA_OK; c++)
        if (s->cell[c])
            st = put_pair(t, s->cell[c] - 1, ka, (uint32_t)(c / x->nb), kb,
                          (uint32_t)(c % x->nb));
    for (uint32_t a = 0; a < x->na && st == CODA_OK; a++)
        if (s->rb[a])
            st = put_pair(t, s->rb[a] - 1, ka, a, kb, UINT32_MAX);
    for (uint32_t b = 0; b < x->nb && st == CODA_OK; b++)
        if (s->cb[b])
            st = put_pair(t, s->cb[b] - 1, ka, UINT32_MAX, kb, b);
    if (st != CODA_OK)
        coda_table_free(t);
    else
        *out = t;
    return st;
}

static coda_status add(coda_partial *p, size_t key, int slot, double v)
{
    return coda_xsum_add(&p->sum[key * X_NSUM + slot], v);
}

/* Count k of key (slot n) into p; unweighted also as its weight sums
 * (slots w1, w2; -1 for none). */
static coda_status put_count(coda_partial *p, size_t key, int n, int w1,
                             int w2, uint64_t k, int weighted)
{
    coda_status st = key ? add(p, key - 1, n, (double)k) : CODA_OK;
    if (st == CODA_OK && key && !weighted && w1 >= 0)
        st = add(p, key - 1, w1, (double)k);
    if (st == CODA_OK && key && !weighted && w2 >= 0)
        st = add(p, key - 1, w2, (double)k);
    return st;
}

/* The counts of x into p (and the weights, unweighted: 1 a row). */
static coda_status put_counts(coda_partial *p, const xcount *x,
                              const xslots *s, int weighted)
{
    coda_status st = CODA_OK;
    for (size_t c = 0; c < x->na * x->nb && st == CODA_OK; c++)
        st = put_count(p, s->cell[c], X_N, X_W, -1, x->cell[c], weighted);
    for (size_t a = 0; a < x->na && st == CODA_OK; a++)
        st = put_count(p, s->rb[a], X_RB, X_WRB, X_WRSQ, x->rb[a], weighted);
    for (size_t b = 0; b < x->nb && st == CODA_OK; b++)
        st = put_count(p, s->cb[b], X_CB, X_WCB, -1, x->cb[b], weighted);
    if (st == CODA_OK)
        st = coda_xsum_add(&p->tot[X_TOTAL], (double)x->total);
    if (st == CODA_OK && !weighted)
        st = coda_xsum_add(&p->tot[X_WTOTAL], (double)x->total);
    return st;
}

/* The exact weight sums of one row of ids ia[0..na) by ib[0..nb). */
static coda_status weigh_row(coda_partial *p, const xcount *x,
                             const xslots *s, const uint32_t *ia, size_t na,
                             const uint32_t *ib, size_t nb, double w)
{
    coda_status st = coda_xsum_add(&p->tot[X_WTOTAL], w);
    for (size_t i = 0; i < na && st == CODA_OK; i++) {
        st = add(p, s->rb[ia[i]] - 1, X_WRB, w);
        if (st == CODA_OK)
            st = coda_xsum_add_product(&p->sum[(s->rb[ia[i]] - 1) * X_NSUM +
                                               X_WRSQ], w, w);
    }
    for (size_t j = 0; j < nb && st == CODA_OK; j++)
        st = add(p, s->cb[ib[j]] - 1, X_WCB, w);
    for (size_t i = 0; i < na && st == CODA_OK; i++)
        for (size_t j = 0; j < nb && st == CODA_OK; j++)
            st = add(p, s->cell[(size_t)ia[i] * x->nb + ib[j]] - 1, X_W, w);
    return st;
}

static coda_status weigh(const keyset *ka, const keyset *kb, size_t nrow,
                         const double *w, const xcount *x, const xslots *s,
                         coda_partial *p)
{
    coda_status st = CODA_OK;
    for (size_t r = 0; r < nrow && st == CODA_OK; r++) {
        const uint32_t *ia = NULL, *ib = NULL;
        uint32_t ta, tb;
        size_t na = keyset_row(ka, r, &ia, &ta), nb = keyset_row(kb, r, &ib, &tb);
        if (!coda_is_missing(ka->col, r) && !coda_is_missing(kb->col, r))
            st = weigh_row(p, x, s, ia, na, ib, nb, w[r]);
    }
    return st;
}

static coda_status xtab_partial(const keyset *ka, const keyset *kb,
                                size_t nrow, const double *w,
                                coda_partial **out)
{
    xcount x = { 0 };
    xslots s = { 0 };
    coda_table *keys = NULL;
    coda_partial *p = NULL;
    coda_status st = agg_xcount_alloc(&x, ka->n, kb->n);
    s.cell = coda_malloc((ka->n * kb->n + 1) * sizeof *s.cell);
    s.rb = coda_malloc((ka->n + 1) * sizeof *s.rb);
    s.cb = coda_malloc((kb->n + 1) * sizeof *s.cb);
    if (st == CODA_OK && (!s.cell || !s.rb || !s.cb))
        st = CODA_ENOMEM;
    if (st == CODA_OK) {
        count_rows(ka, kb, nrow, &x);
        number_keys(&x, &s);
        st = xtab_keys(ka, kb, &s, &x, &keys);
    }
    if (st == CODA_OK)
        st = coda_partial_create(keys, X_NSUM, X_NTOT, 0, 0, &p);
    if (st == CODA_OK)
        st = put_counts(p, &x, &s, w != NULL);
    if (st == CODA_OK && w)
        st = weigh(ka, kb, nrow, w, &x, &s, p);
    if (st == CODA_OK)
        *out = p;
    else
        coda_partial_free(p);
    agg_xcount_free(&x);
    coda_free(s.cell);
    coda_free(s.rb);
    coda_free(s.cb);
    return st;
}

coda_status coda_crosstab_partial(const coda_table *t, size_t a, size_t b,
                                  const coda_xtab_opts *o, coda_partial **out,
                                  coda_error *err)
{
    double *w = NULL;
    keyset ka, kb;
    coda_status st = agg_xtab_begin(t, a, b, o, &ka, &kb, &w, err);
    if (st != CODA_OK)
        return st;
    st = agg_xtab_limit(&ka, &kb, err);
    if (st == CODA_OK)
        st = xtab_partial(&ka, &kb, t->nrow, w, out);
    if (st != CODA_OK && st != CODA_ELIMIT)
        coda_error_set(err, st, NULL, 0, 0, "crosstab: %s", coda_strerror(st));
    keyset_free(&ka);
    keyset_free(&kb);
    coda_free(w);
    return st;
}

static double val(const coda_partial *p, size_t r, int slot)
{
    return coda_xsum_value(&p->sum[r * X_NSUM + slot]);
}

/* The counts of a merged partial by ka's and kb's ids (over its keys). */
static void tally(const coda_partial *p, const keyset *ka, const keyset *kb,
                  xcount *x)
{
    for (size_t r = 0; r < p->keys->nrow; r++) {
        uint32_t a = ka->g.gid[r], b = kb->g.gid[r];
        if (a != ka->miss && b != kb->miss) {
            x->cell[(size_t)a * x->nb + b] = (uint64_t)val(p, r, X_N);
            x->wcell[(size_t)a * x->nb + b] = val(p, r, X_W);
        } else if (a != ka->miss) {
            x->rb[a] = (uint64_t)val(p, r, X_RB);
            x->wrb[a] = val(p, r, X_WRB);
            x->wrsq[a] = val(p, r, X_WRSQ);
        } else if (b != kb->miss) {
            x->cb[b] = (uint64_t)val(p, r, X_CB);
            x->wcb[b] = val(p, r, X_WCB);
        }
    }
    x->total = (uint64_t)coda_xsum_value(&p->tot[X_TOTAL]);
    x->wtotal = coda_xsum_value(&p->tot[X_WTOTAL]);
}

coda_status coda_crosstab_from_partial(const coda_partial *p,
                                       const coda_xtab_opts *o,
                                       const char *wname, coda_table **out,
                                       coda_error *err)
{
    if (p->nsum != X_NSUM || p->ntot != X_NTOT || p->keys->ncol != 2)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "crosstab: the "
                              "partial is not of a crosstab");
    keyset ka, kb;
    xcount x = { 0 };
    coda_status st = keyset_init(&ka, p->keys, 0);
    coda_status st2 = keyset_init(&kb, p->keys, 1);
    st = st != CODA_OK ? st : st2;
    if (st == CODA_OK)
        st = agg_xtab_limit(&ka, &kb, err);
    if (st == CODA_OK)
        st = agg_xcount_alloc(&x, ka.n, kb.n);
    if (st == CODA_OK) {
        tally(p, &ka, &kb, &x);
        st = agg_xtab_finish(&ka, &kb, &x, o, wname, out);
    }
    if (st != CODA_OK && st != CODA_ELIMIT)
        coda_error_set(err, st, NULL, 0, 0, "crosstab: %s", coda_strerror(st));
    agg_xcount_free(&x);
    keyset_free(&ka);
    keyset_free(&kb);
    return st;
}
