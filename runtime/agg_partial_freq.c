/* agg_partial_freq.c - a frequency as a partial result, and the frequency
 * of a merged one. */
#include "agg_partial.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <string.h>

enum { F_N, F_W, F_NSUM };                        /* sums a value */
enum { F_CASES, F_RESP, F_WCASES, F_WRESP, F_WSQ, F_NTOT }; /* totals */

/* The keys: every id counted (a multi column's every label). */
static coda_status freq_keys(const keyset *k, const uint64_t *n,
                             coda_table **out, uint32_t *ids, size_t *nk)
{
    *nk = 0;
    for (uint32_t id = 0; id < k->n; id++)
        if (id != k->miss && (n[id] || k->col->type == CODA_MULTI))
            ids[(*nk)++] = id;
    coda_table *t = NULL;
    coda_status st = coda_table_create(*nk, 1, &t);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 0, "value", keyset_type(k));
    for (size_t r = 0; r < *nk && st == CODA_OK; r++)
        st = keyset_put(k, ids[r], t, 0, r);
    if (st != CODA_OK)
        coda_table_free(t);
    else
        *out = t;
    return st;
}

/* Count rows into n and add weights exactly into the id's sums (slot of
 * id in at[]) and the totals of p. */
static coda_status freq_sums(const keyset *k, size_t nrow, const double *w,
                             const size_t *at, uint64_t *n, coda_partial *p)
{
    coda_status st = CODA_OK;
    uint64_t cases = 0, resp = 0;
    for (size_t r = 0; r < nrow && st == CODA_OK; r++) {
        const uint32_t *ids;
        uint32_t tmp;
        size_t m = keyset_row(k, r, &ids, &tmp);
        if (coda_is_missing(k->col, r))
            continue;
        double wr = w ? w[r] : 1;
        cases++, resp += m;
        for (size_t i = 0; i < m; i++)
            n[ids[i]]++;
        if (!w)
            continue;
        st = coda_xsum_add(&p->tot[F_WCASES], wr);
        if (st == CODA_OK)
            st = coda_xsum_add_product(&p->tot[F_WRESP], wr, (double)m);
        if (st == CODA_OK)
            st = coda_xsum_add_product(&p->tot[F_WSQ], wr, wr);
        for (size_t i = 0; i < m && st == CODA_OK; i++)
            st = coda_xsum_add(&p->sum[at[ids[i]] * F_NSUM + F_W], wr);
    }
    if (st == CODA_OK)
        st = coda_xsum_add(&p->tot[F_CASES], (double)cases);
    if (st == CODA_OK)
        st = coda_xsum_add(&p->tot[F_RESP], (double)resp);
    if (st == CODA_OK && !w) {   /* a weight of 1 a row: the counts */
        st = coda_xsum_add(&p->tot[F_WCASES], (double)cases);
        if (st == CODA_OK)
            st = coda_xsum_add(&p->tot[F_WRESP], (double)resp);
        if (st == CODA_OK)
            st = coda_xsum_add(&p->tot[F_WSQ], (double)cases);
    }
    return st;
}

/* The row counts of the keys ids[0..nk), and their weights unweighted. */
static coda_status freq_counts(coda_partial *p, const uint32_t *ids,
                               size_t nk, const uint64_t *n, int weighted)
{
    coda_status st = CODA_OK;
    for (size_t r = 0; r < nk && st == CODA_OK; r++) {
        st = coda_xsum_add(&p->sum[r * F_NSUM + F_N], (double)n[ids[r]]);
        if (st == CODA_OK && !weighted)
            st = coda_xsum_add(&p->sum[r * F_NSUM + F_W], (double)n[ids[r]]);
    }
    return st;
}

static coda_status freq_partial(const keyset *k, size_t nrow, const double *w,
                                coda_partial **out)
{
    uint64_t *n = coda_calloc(k->n + 1, sizeof *n);
    uint32_t *ids = coda_malloc((k->n + 1) * sizeof *ids);
    size_t *at = coda_calloc(k->n + 1, sizeof *at), nk = 0;
    coda_table *keys = NULL;
    coda_partial *p = NULL;
    coda_status st = n && ids && at ? CODA_OK : CODA_ENOMEM;
    for (size_t r = 0; st == CODA_OK && r < nrow; r++) /* which ids occur */
        if (!coda_is_missing(k->col, r) && k->col->type != CODA_MULTI)
            n[k->g.gid[r]] = 1;
    if (st == CODA_OK)
        st = freq_keys(k, n, &keys, ids, &nk);
    if (st == CODA_OK)
        st = coda_partial_create(keys, F_NSUM, F_NTOT, 0, 0, &p);
    for (size_t r = 0; r < nk; r++)
        at[ids[r]] = r, n[ids[r]] = 0;
    if (st == CODA_OK)
        st = freq_sums(k, nrow, w, at, n, p);
    if (st == CODA_OK)
        st = freq_counts(p, ids, nk, n, w != NULL);
    if (st == CODA_OK) {
        p->multi = k->col->type == CODA_MULTI;
        *out = p;
    } else {
        coda_partial_free(p);
    }
    coda_free(n);
    coda_free(ids);
    coda_free(at);
    return st;
}

coda_status coda_frequency_partial(const coda_table *t, size_t col,
                                   const coda_freq_opts *o,
                                   coda_partial **out, coda_error *err)
{
    double *w = NULL;
    coda_status st = agg_freq_weights(t, col, o, &w, err);
    if (st != CODA_OK)
        return st;
    keyset k;
    st = keyset_init(&k, t, col);
    if (st == CODA_OK)
        st = freq_partial(&k, t->nrow, w, out);
    keyset_free(&k);
    coda_free(w);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0,
                                               "frequency: %s",
                                               coda_strerror(st));
}

/* The tally of a merged partial by k's ids (k over p's keys). */
static void freq_tally(const coda_partial *p, const keyset *k, ftally *f)
{
    for (size_t r = 0; r < p->keys->nrow; r++) {
        uint32_t id = k->g.gid[r];
        f->n[id] = (uint64_t)coda_xsum_value(&p->sum[r * F_NSUM + F_N]);
        f->w[id] = coda_xsum_value(&p->sum[r * F_NSUM + F_W]);
    }
    f->cases = (uint64_t)coda_xsum_value(&p->tot[F_CASES]);
    f->responses = (uint64_t)coda_xsum_value(&p->tot[F_RESP]);
    f->wcases = coda_xsum_value(&p->tot[F_WCASES]);
    f->wresponses = coda_xsum_value(&p->tot[F_WRESP]);
    f->wsq = coda_xsum_value(&p->tot[F_WSQ]);
}

coda_status coda_frequency_from_partial(const coda_partial *p,
                                        const coda_freq_opts *o,
                                        const char *wname, coda_table **out,
                                        coda_error *err)
{
    if (p->nsum != F_NSUM || p->ntot != F_NTOT || p->keys->ncol != 1)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "frequency: the "
                              "partial is not of a frequency");
    coda_status st = agg_freq_check(p->keys, 0, o, err);
    if (st != CODA_OK)
        return st;
    keyset k;
    st = keyset_init(&k, p->keys, 0);
    ftally f = { coda_calloc(k.n + 1, sizeof *f.n),
                 coda_calloc(k.n + 1, sizeof *f.w), 0, 0, 0, 0, 0 };
    if (st == CODA_OK && (!f.n || !f.w))
        st = CODA_ENOMEM;
    if (st == CODA_OK) {
        freq_tally(p, &k, &f);
        st = agg_freq_finish(&k, o, &f, p->multi, wname, out);
    }
    coda_free(f.n);
    coda_free(f.w);
    keyset_free(&k);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0,
                                               "frequency: %s",
                                               coda_strerror(st));
}
