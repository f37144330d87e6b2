/* summarise_partial_out.c - the group summaries of a merged partial
 * (summarise_partial.c makes them). */
#include "summarise.h"

#include "agg_partial.h"
#include "base_alloc.h"
#include "summarise_int.h"

#include <math.h>
#include <stdlib.h>

/* Sum of squares about m: S2 - 2 m S1 + m^2 W, each product added exactly
 * (W the weight sum; the count unweighted), rounded once. */
static double squares_about(const coda_xsum *s, double m, coda_status *st)
{
    coda_xsum d = { 0 };
    double mm = m * m, e = fma(m, m, -mm);
    *st = coda_xsum_merge(&d, &s[SUM_P_S2]);
    for (uint32_t i = 0; i < s[SUM_P_S1].n && *st == CODA_OK; i++)
        *st = coda_xsum_add_product(&d, -2 * m, s[SUM_P_S1].p[i]);
    for (uint32_t i = 0; i < s[SUM_P_W].n && *st == CODA_OK; i++) {
        *st = coda_xsum_add_product(&d, mm, s[SUM_P_W].p[i]);
        if (*st == CODA_OK)
            *st = coda_xsum_add_product(&d, e, s[SUM_P_W].p[i]);
    }
    double v = coda_xsum_value(&d);
    coda_xsum_free(&d);
    return v;
}

/* The variance: n / (n - 1) sum w (x - m)^2 / sum w over n positive
 * weights (sum (x - m)^2 / (n - 1) unweighted, as W = n then). */
static double variance(const coda_xsum *s, coda_status *st)
{
    double n = coda_xsum_value(&s[SUM_P_NPOS]), w = coda_xsum_value(&s[SUM_P_W]);
    if (n < 2 || !(w > 0))
        return NAN;
    double ss = squares_about(s, coda_xsum_value(&s[SUM_P_S1]) / w, st);
    return n / (n - 1) * (ss < 0 ? 0 : ss) / w;
}

/* An integer column's sum: the components (integers) added as int64. */
static coda_status int_sum(const coda_xsum *s, int64_t *out)
{
    int64_t t = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        double p = s->p[i];
        if (!(fabs(p) < 0x1p63) ||
            (p > 0 && t > INT64_MAX - (int64_t)p) ||
            (p < 0 && t < INT64_MIN - (int64_t)p))
            return CODA_ELIMIT;
        t += (int64_t)p;
    }
    *out = t;
    return s->nspecial ? CODA_ELIMIT : CODA_OK;
}

/* The sketch's p-quantile kept within the least and greatest value e[0],
 * e[1] (where the true one lies: so only nearer it). */
static double clamped(const coda_sketch *k, double p, const double *e)
{
    double q = coda_sketch_quantile(k, p);
    return q < e[0] ? e[0] : q > e[1] ? e[1] : q;
}

static double quantile(const coda_sumspec *s, const coda_sketch *k,
                       const double *e)
{
    if (s->fn == CODA_SUM_IQR)
        return clamped(k, 0.75, e) - clamped(k, 0.25, e);
    return clamped(k, s->fn == CODA_SUM_MEDIAN ? 0.5 : s->p, e);
}

static coda_status put_extreme(coda_table *o, size_t oc, size_t r, double v)
{
    if (isnan(v))
        return coda_table_set_missing(o, oc, r);
    if (o->cols[oc].type == CODA_INTEGER)
        o->cols[oc].v.i[r] = (int64_t)v;
    else
        o->cols[oc].v.d[r] = v;
    return CODA_OK;
}

/* Summary s (the i-th) of group g into row g of column oc of o. */
static coda_status put(const coda_partial *p, const coda_sumspec *s, size_t i,
                       size_t g, coda_table *o, size_t oc)
{
    const coda_xsum *x = &p->sum[g * p->nsum + i * SUM_P_NSUM];
    const double *e = &p->ext[g * p->next + 2 * i];
    double w = coda_xsum_value(&x[SUM_P_W]);
    coda_status st = CODA_OK;
    double v;
    switch (s->fn) {
    case CODA_SUM_COUNT:
        o->cols[oc].v.i[g] = (int64_t)coda_xsum_value(&x[SUM_P_N]);
        return CODA_OK;
    case CODA_SUM_SUM:
        if (o->cols[oc].type == CODA_INTEGER)
            return int_sum(&x[SUM_P_S1], &o->cols[oc].v.i[g]);
        o->cols[oc].v.d[g] = coda_xsum_value(&x[SUM_P_S1]);
        return CODA_OK;
    case CODA_SUM_MIN: return put_extreme(o, oc, g, e[0]);
    case CODA_SUM_MAX: return put_extreme(o, oc, g, e[1]);
    case CODA_SUM_WCOUNT: v = w; break;
    case CODA_SUM_MEAN: v = w > 0 ? coda_xsum_value(&x[SUM_P_S1]) / w : NAN; break;
    case CODA_SUM_VAR: v = variance(x, &st); break;
    case CODA_SUM_SD: v = sqrt(variance(x, &st)); break;
    default: v = quantile(s, &p->sk[g * p->nsk + i], e); break;
    }
    return st == CODA_OK ? sum_put_num(o, oc, g, v) : st;
}

static coda_status build(const coda_partial *p, const coda_table *schema,
                         const coda_sumspec *specs, size_t ns, int weighted,
                         coda_table *o, coda_error *err)
{
    size_t nk = p->keys->ncol, ng = p->keys->nrow;
    size_t *rows = coda_malloc((ng + 1) * sizeof *rows);
    coda_status st = rows ? CODA_OK : CODA_ENOMEM;
    for (size_t g = 0; g < ng && st == CODA_OK; g++)
        rows[g] = g;
    for (size_t j = 0; j < nk && st == CODA_OK; j++)
        st = coda_table_gather_column(o, j, p->keys->cols[j].name, p->keys, j,
                                      rows, ng);
    size_t i = 0;
    for (; i < ns && st == CODA_OK; i++) {
        const coda_sumspec *s = &specs[i];
        const coda_column *c = s->col >= 0 ? &schema->cols[s->col] : NULL;
        st = coda_table_init_column(o, nk + i, s->name,
                                    sum_result_type(s, c, weighted));
        for (size_t g = 0; g < ng && st == CODA_OK; g++)
            st = put(p, s, i, g, o, nk + i);
    }
    coda_free(rows);
    if (st == CODA_ELIMIT)
        coda_error_set(err, st, NULL, 0, 0, "summarise: the sum of column "
                       "\"%s\" (\"%s\") does not fit a 64-bit integer",
                       schema->cols[specs[i - 1].col].name, specs[i - 1].name);
    return st;
}

coda_status coda_summarise_from_partial(const coda_partial *p,
                                        const coda_table *schema,
                                        const coda_sumspec *specs, size_t ns,
                                        int weighted, coda_table **out,
                                        coda_error *err)
{
    if (p->nsum != ns * SUM_P_NSUM || p->next != 2 * ns || p->nsk != ns ||
        p->ntot != 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: the "
                              "partial is not of these summaries");
    coda_table *o = NULL;
    coda_status st = coda_table_create(p->keys->nrow, p->keys->ncol + ns, &o);
    if (st == CODA_OK)
        st = build(p, schema, specs, ns, weighted, o, err);
    return sum_hand_over(st, o, out, err);
}
