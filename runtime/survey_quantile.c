/* survey_quantile.c - design-based quantiles, as R survey's svyquantile
 * with its defaults: the inverse of the weighted distribution function
 * (coda_wquantile), and Woodruff's interval: the share at or below the
 * quantile, its design-based interval (t on the domain's degrees of
 * freedom) carried back through the inverse; se is that interval's width
 * over twice the t quantile. */
#include "survey_int.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <string.h>

static double num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

/* The values of each group with their weights, contiguous: group g's are
 * v[off[g] .. off[g+1]). */
static coda_status by_group(const coda_design *d, const coda_table *t,
                            size_t y, const coda_svy_domain *dom,
                            const svy_groups *g, coda_wpair *v, size_t *off)
{
    memset(off, 0, (g->n + 1) * sizeof *off);
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi != UINT32_MAX && !coda_is_missing(&t->cols[y], r))
            off[gi + 1]++;
    }
    for (size_t i = 0; i < g->n; i++)
        off[i + 1] += off[i];
    size_t *fill = coda_malloc((g->n + 1) * sizeof *fill);
    if (!fill)
        return CODA_ENOMEM;
    memcpy(fill, off, (g->n + 1) * sizeof *fill);
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi != UINT32_MAX && !coda_is_missing(&t->cols[y], r))
            v[fill[gi]++] = (coda_wpair){ num(&t->cols[y], r), d->w[r] };
    }
    coda_free(fill);
    for (size_t i = 0; i < g->n; i++)
        coda_wpairs_sort(v + off[i], off[i + 1] - off[i]);
    return CODA_OK;
}

/* The weighted quantile of group g's values (sorted) at p; NaN outside
 * [0, 1]. */
static double quantile_of(const coda_wpair *v, const size_t *off, size_t g,
                          double p)
{
    return coda_wquantile_sorted(v + off[g], off[g + 1] - off[g], p);
}

/* The share of each group's weight at or below each of its quantiles. */
static void shares(svy_cells *c, const coda_design *d, const coda_table *t,
                   size_t y, const coda_svy_domain *dom, const svy_groups *g,
                   const double *q, size_t np)
{
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi == UINT32_MAX || coda_is_missing(&t->cols[y], r))
            continue;
        double x = num(&t->cols[y], r);
        svy_add_den(c, gi, d->unit[r], d->w[r], 1);
        for (size_t k = 0; k < np; k++)
            if (x <= q[gi * np + k])
                svy_add_num(c, gi * np + k, d->unit[r], d->w[r], 1, 1);
    }
}

static const char *const names[] = { "variable", "p", "n", "quantile", "se",
                                     "ci_low", "ci_high" };

typedef struct qreq {
    size_t y;
    const double *p;
    size_t np;
    double level;
} qreq;

/* Output row e (group e / np, probability e % np). */
static coda_status put_row(coda_table *o, size_t c0, size_t e, const qreq *q,
                           const svy_cells *c, const coda_design *d,
                           const coda_wpair *v, const size_t *off,
                           const double *qs, double *s,
                           const char *name)
{
    size_t g = e / q->np;
    svy_result m = svy_ratio(c, e, g, d, 0, 0, s);
    double df = svy_degf(c, g, d, s), tq = coda_qt(1 - (1 - q->level) / 2, df);
    double lo = quantile_of(v, off, g, m.est - tq * m.se);
    double hi = quantile_of(v, off, g, m.est + tq * m.se);
    coda_status st = coda_table_set_string(o, c0, e, name, strlen(name));
    o->cols[c0 + 2].v.i[e] = (int64_t)(off[g + 1] - off[g]);
    double vals[] = { q->p[e % q->np], NAN, qs[e], (hi - lo) / (2 * tq), lo,
                      hi };
    for (size_t i = 0; i < 6 && st == CODA_OK; i++)
        if (i != 1)
            st = svy_put(o, c0 + 1 + i, e, vals[i]);
    return st;
}

static coda_status table(const coda_design *d, const coda_table *t,
                         const qreq *q, const coda_svy_domain *dom,
                         const svy_groups *g, const svy_cells *c,
                         const coda_wpair *v, const size_t *off,
                         const double *qs, coda_table **out)
{
    coda_type types[] = { CODA_STRING, CODA_NUMBER, CODA_INTEGER, CODA_NUMBER,
                          CODA_NUMBER, CODA_NUMBER, CODA_NUMBER };
    double *s = svy_scratch(c, d);
    coda_table *o = NULL;
    coda_status st = s ? svy_table(&o, t, dom, g, q->np, names,
                                          types, 7)
                              : CODA_ENOMEM;
    for (size_t e = 0; e < g->n * q->np && st == CODA_OK; e++)
        st = put_row(o, dom->nk, e, q, c, d, v, off, qs, s,
                     t->cols[q->y].name);
    coda_free(s);
    return svy_done(o, st, out);
}

static coda_status run(const coda_design *d, const coda_table *t,
                       const qreq *q, const coda_svy_domain *dom,
                       const svy_groups *g, coda_table **out, coda_error *err)
{
    coda_wpair *v = coda_malloc((t->nrow + 1) * sizeof *v);
    size_t *off = coda_malloc((g->n + 2) * sizeof *off);
    double *qs = coda_malloc((g->n * q->np + 1) * sizeof *qs);
    svy_cells c = { 0 };
    coda_status st = v && off && qs
                   ? by_group(d, t, q->y, dom, g, v, off) : CODA_ENOMEM;
    for (size_t e = 0; e < g->n * q->np && st == CODA_OK; e++)
        qs[e] = quantile_of(v, off, e / q->np, q->p[e % q->np]);
    if (st == CODA_OK)
        st = svy_cells_init(&c, g->n * q->np, g->n, d, err);
    if (st == CODA_OK) {
        shares(&c, d, t, q->y, dom, g, qs, q->np);
        st = table(d, t, q, dom, g, &c, v, off, qs, out);
    }
    svy_cells_free(&c);
    coda_free(v);
    coda_free(off);
    coda_free(qs);
    return st == CODA_OK || st == CODA_ELIMIT ? st : coda_error_nomem(err);
}

coda_status coda_svy_quantile(const coda_design *d, const coda_table *t,
                              size_t y, const double *p, size_t np,
                              const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err)
{
    const coda_column *c = &t->cols[y];
    if (c->type != CODA_INTEGER && c->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "design: cannot "
                              "take the quantile of column \"%s\" (%s)",
                              c->name, coda_type_name(c->type));
    for (size_t k = 0; k < np; k++)
        if (!(p[k] >= 0 && p[k] <= 1))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "quantile: the "
                                  "probability %g is not between 0 and 1",
                                  p[k]);
    svy_groups g;
    qreq q = { y, p, np, o->level };
    coda_status st = svy_groups_make(t, dom, &g);
    st = st == CODA_OK ? run(d, t, &q, dom, &g, out, err)
                       : coda_error_nomem(err);
    svy_groups_free(&g);
    return st;
}
