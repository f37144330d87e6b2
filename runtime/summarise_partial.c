/* summarise_partial.c - group summaries as a partial result: each
 * group's exact sums, extremes and quantile sketch for each summary
 * (summarise_partial_out.c turns a merged one into the summaries). */
#include "summarise.h"

#include "agg_partial.h"
#include "base_alloc.h"
#include "summarise_int.h"

#include <math.h>

/* The summaries a partial can carry, and why not the others. */
static coda_status partial_fits(const coda_table *t, const size_t *keys,
                                size_t nk, const coda_sumspec *s, int weighted,
                                coda_error *err)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    int q = s->fn == CODA_SUM_MEDIAN || s->fn == CODA_SUM_QUANTILE ||
            s->fn == CODA_SUM_IQR;
    const char *why =
        s->fn == CODA_SUM_N_DISTINCT || s->fn == CODA_SUM_COR ||
        s->fn == CODA_SUM_R2 ? "has no partial result (it needs the values "
                               "themselves)"
        : q && weighted ? "has no weighted partial result"
        : q && s->type != 0 && s->type != 7 ? "is R's type 7 in a partial "
                                              "result (leave out type)"
        : c && c->type != CODA_INTEGER && c->type != CODA_NUMBER
            ? "of a column that is not numeric has no partial result" : NULL;
    for (size_t j = 0; j < nk && !why; j++)
        if (t->cols[keys[j]].type == CODA_MULTI)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: a "
                                  "partial result cannot be grouped by a "
                                  "multi column (\"%s\")",
                                  t->cols[keys[j]].name);
    return why ? coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: "
                                "\"%s\": this summary %s", s->name, why)
               : CODA_OK;
}

/* The key columns of the groups g (one row, no column, for nk = 0). */
static coda_status group_keys(const coda_table *t, const size_t *keys,
                              size_t nk, const coda_groups *g,
                              coda_table **out)
{
    coda_table *k = NULL;
    size_t ng = nk ? g->ngroups : 1;
    coda_status st = coda_table_create(ng, nk, &k);
    for (size_t j = 0; j < nk && st == CODA_OK; j++)
        st = coda_table_gather_column(k, j, t->cols[keys[j]].name, t, keys[j],
                                      g->first, ng);
    if (st != CODA_OK)
        coda_table_free(k);
    else
        *out = k;
    return st;
}

/* What a summary needs kept of each value: 1 the sum, 2 the sum of
 * squares too. */
static int sums_needed(coda_sumfn fn)
{
    return fn == CODA_SUM_SD || fn == CODA_SUM_VAR ? 2
           : fn == CODA_SUM_SUM || fn == CODA_SUM_MEAN;
}

/* Add x (weight w) to the sums of summary i of group g: the weight, and
 * need (sums_needed) the sum and the sum of squares, w x^2 exactly as
 * four products. */
static coda_status add_value(coda_partial *p, size_t g, size_t i, double x,
                             double w, int weighted, int need)
{
    coda_xsum *s = &p->sum[g * p->nsum + i * SUM_P_NSUM];
    double *e = &p->ext[g * p->next + 2 * i];
    e[0] = fmin(e[0], x);
    e[1] = fmax(e[1], x);
    coda_status st = weighted ? coda_xsum_add(&s[SUM_P_W], w) : CODA_OK;
    if (st == CODA_OK && weighted && w > 0)
        st = coda_xsum_add(&s[SUM_P_NPOS], 1);
    if (st == CODA_OK && need && !weighted)
        st = coda_xsum_add(&s[SUM_P_S1], x);
    if (st == CODA_OK && need == 2 && !weighted)
        st = coda_xsum_add_product(&s[SUM_P_S2], x, x);
    if (!weighted || !need)
        return st;
    double wx = w * x, e1 = fma(w, x, -wx);   /* w x = wx + e1 exactly */
    if (st == CODA_OK)
        st = coda_xsum_add_product(&s[SUM_P_S1], w, x);
    if (st == CODA_OK && need == 2)
        st = coda_xsum_add_product(&s[SUM_P_S2], wx, x);
    if (st == CODA_OK && need == 2 && isfinite(wx))
        st = coda_xsum_add_product(&s[SUM_P_S2], e1, x);
    return st;
}

/* Summary i of spec s over the rows into p's groups (gid NULL: one). */
static coda_status spec_sums(const coda_table *t, const coda_sumspec *s,
                             size_t i, const uint32_t *gid, const double *w,
                             uint64_t *cnt, coda_partial *p)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    int sketch = s->fn == CODA_SUM_MEDIAN || s->fn == CODA_SUM_QUANTILE ||
                 s->fn == CODA_SUM_IQR, need = sums_needed(s->fn);
    coda_status st = CODA_OK;
    size_t ng = p->keys->nrow;
    for (size_t g = 0; g < ng; g++)
        cnt[g] = 0;
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        if (c && coda_is_missing(c, r))
            continue;
        size_t g = gid ? gid[r] : 0;
        cnt[g]++;
        if (!c && w)            /* wcount of the rows */
            st = coda_xsum_add(&p->sum[g * p->nsum + i * SUM_P_NSUM +
                                       SUM_P_W], w[r]);
        if (!c)
            continue;
        double x = sum_num(c, r);
        st = add_value(p, g, i, x, w ? w[r] : 1, w != NULL, need);
        if (st == CODA_OK && sketch)
            st = coda_sketch_add(&p->sk[g * p->nsk + i], x);
    }
    for (size_t g = 0; g < ng && st == CODA_OK; g++) {
        coda_xsum *x = &p->sum[g * p->nsum + i * SUM_P_NSUM];
        st = coda_xsum_add(&x[SUM_P_N], (double)cnt[g]);
        if (st == CODA_OK && !w)
            st = coda_xsum_add(&x[SUM_P_W], (double)cnt[g]);
        if (st == CODA_OK && !w)
            st = coda_xsum_add(&x[SUM_P_NPOS], (double)cnt[g]);
    }
    return st;
}

static coda_status make_partial(const coda_table *t, const size_t *keys,
                                size_t nk, const coda_sumspec *specs,
                                size_t ns, const double *w,
                                coda_partial **out)
{
    coda_groups g = { 0 };
    coda_table *k = NULL;
    coda_partial *p = NULL;
    coda_status st = nk ? coda_group_rows_sorted(t, keys, nk, &g) : CODA_OK;
    if (st == CODA_OK)
        st = group_keys(t, keys, nk, &g, &k);
    if (st == CODA_OK)
        st = coda_partial_create(k, ns * SUM_P_NSUM, 0, 2 * ns, ns, &p);
    uint64_t *cnt = coda_malloc(((p ? p->keys->nrow : 0) + 1) * sizeof *cnt);
    if (st == CODA_OK && !cnt)
        st = CODA_ENOMEM;
    for (size_t i = 0; i < ns && st == CODA_OK; i++)
        st = spec_sums(t, &specs[i], i, nk ? g.gid : NULL, w, cnt, p);
    coda_free(cnt);
    coda_groups_free(&g);
    if (st != CODA_OK)
        coda_partial_free(p);
    else
        *out = p;
    return st;
}

coda_status coda_summarise_partial(const coda_table *t, const size_t *keys,
                                   size_t nk, const coda_sumspec *specs,
                                   size_t ns, long weight, coda_partial **out,
                                   coda_error *err)
{
    coda_status st = sum_check_specs(t, keys, nk, specs, ns, weight >= 0, err);
    for (size_t i = 0; i < ns && st == CODA_OK; i++)
        st = partial_fits(t, keys, nk, &specs[i], weight >= 0, err);
    double *w = NULL;
    if (st == CODA_OK && weight >= 0)
        st = coda_weights_get(t, (size_t)weight, "summarise", &w, err);
    if (st != CODA_OK)
        return st;
    st = make_partial(t, keys, nk, specs, ns, w, out);
    coda_free(w);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0,
                                               "summarise: %s",
                                               coda_strerror(st));
}
