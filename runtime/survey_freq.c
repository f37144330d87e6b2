/* survey_freq.c - design-based frequencies and cross-tabulations:
 * weighted counts, percentages with their standard errors (svymean of
 * each level's indicator) and logit intervals (svyciprop). */
#include "survey_int.h"

#include "agg_keys.h"
#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <string.h>

void svy_levels_free(svy_levels *l)
{
    keyset_free(&l->k);
    coda_free(l->ids);
    coda_free(l->pos);
}

int svy_usable(const coda_table *t, const coda_svy_domain *dom,
                  const size_t *cols, size_t n, size_t r)
{
    if (dom->in && !dom->in[r])
        return 0;
    for (size_t i = 0; i < n; i++)
        if (coda_is_missing(&t->cols[cols[i]], r))
            return 0;
    return 1;
}

coda_status svy_levels_make(const coda_table *t, size_t col,
                            const coda_svy_domain *dom, const size_t *need,
                            size_t nneed, svy_levels *l)
{
    memset(l, 0, sizeof *l);
    coda_status st = keyset_init(&l->k, t, col);
    l->ids = coda_malloc((l->k.n + 1) * sizeof *l->ids);
    l->pos = coda_malloc((l->k.n + 1) * sizeof *l->pos);
    if (st != CODA_OK || !l->ids || !l->pos)
        return CODA_ENOMEM;
    memset(l->pos, 0xff, (l->k.n + 1) * sizeof *l->pos);
    for (size_t r = 0; r < t->nrow; r++) {
        const uint32_t *ids;
        uint32_t tmp;
        size_t n = keyset_row(&l->k, r, &ids, &tmp);
        for (size_t i = 0; i < n && svy_usable(t, dom, need, nneed, r); i++)
            if (l->pos[ids[i]] == UINT32_MAX)
                l->pos[ids[i]] = 0, l->ids[l->n++] = ids[i];
    }
    keyset_sort(&l->k, l->ids, l->n);
    for (size_t i = 0; i < l->n; i++)
        l->pos[l->ids[i]] = (uint32_t)i;
    return CODA_OK;
}

/* --- frequency ----------------------------------------------------- */

static void freq_rows(svy_cells *c, const coda_design *d, const coda_table *t,
                      const coda_svy_domain *dom, const svy_groups *g,
                      const svy_levels *l, size_t col)
{
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi == UINT32_MAX || coda_is_missing(&t->cols[col], r))
            continue;
        const uint32_t *ids;
        uint32_t tmp;
        size_t n = keyset_row(&l->k, r, &ids, &tmp), p = d->unit[r];
        svy_add_den(c, gi, p, d->w[r], 1);
        for (size_t i = 0; i < n; i++)
            svy_add_num(c, gi * l->n + l->pos[ids[i]], p, d->w[r], 1, 1);
    }
}

static const char *const freq_names[] = { "value", "n", "count", "pct", "se",
                                          "ci_low", "ci_high", "deff" };

/* Output row r: level e % nl of group e / nl. */
static coda_status freq_row(coda_table *o, size_t c0, size_t r,
                            const svy_cells *c, const svy_levels *l,
                            const coda_design *d, const coda_svy_opts *opt,
                            double *scratch)
{
    size_t j = r / l->n;
    svy_result res = svy_ratio(c, r, j, d, 0, opt->deff, scratch);
    double lo, hi, df = svy_degf(c, j, d, scratch);
    svy_logit_ci(res.est, res.se, df, opt->level, &lo, &hi);
    coda_status st = keyset_put(&l->k, l->ids[r % l->n], o, c0, r);
    o->cols[c0 + 1].v.i[r] = (int64_t)c->n[r];
    double vals[] = { c->Y[r], 100 * res.est, 100 * res.se, 100 * lo,
                      100 * hi, res.deff };
    for (size_t i = 0; i < 6 && c0 + 2 + i < o->ncol && st == CODA_OK; i++)
        st = svy_put(o, c0 + 2 + i, r, vals[i]);
    return st;
}

static coda_status freq_table(const coda_design *d, const coda_table *t,
                              const coda_svy_domain *dom, const svy_groups *g,
                              const svy_levels *l, const svy_cells *c,
                              const coda_svy_opts *opt, coda_table **out)
{
    coda_type types[8] = { keyset_type(&l->k), CODA_INTEGER, CODA_NUMBER,
                           CODA_NUMBER, CODA_NUMBER, CODA_NUMBER, CODA_NUMBER,
                           CODA_NUMBER };
    double *scratch = svy_scratch(c, d);
    coda_table *o = NULL;
    coda_status st = scratch ? svy_table(&o, t, dom, g, l->n, freq_names,
                                         types, opt->deff ? 8 : 7)
                             : CODA_ENOMEM;
    for (size_t r = 0; r < g->n * l->n && st == CODA_OK; r++)
        st = freq_row(o, dom->nk, r, c, l, d, opt, scratch);
    coda_free(scratch);
    return svy_done(o, st, out);
}

coda_status coda_svy_frequency(const coda_design *d, const coda_table *t,
                               size_t col, const coda_svy_domain *dom,
                               const coda_svy_opts *o, coda_table **out,
                               coda_error *err)
{
    svy_groups g;
    svy_levels l;
    svy_cells c = { 0 };
    coda_status st = svy_groups_make(t, dom, &g);
    coda_status st2 = svy_levels_make(t, col, dom, &col, 1, &l);
    st = st != CODA_OK ? st : st2;
    if (st == CODA_OK)
        st = svy_cells_init(&c, g.n * l.n, g.n, d, err);
    if (st == CODA_OK) {
        freq_rows(&c, d, t, dom, &g, &l, col);
        st = freq_table(d, t, dom, &g, &l, &c, o, out);
    }
    svy_cells_free(&c);
    svy_levels_free(&l);
    svy_groups_free(&g);
    if (st == CODA_ENOMEM)
        coda_error_nomem(err);
    return st;
}

/* --- crosstab ------------------------------------------------------ */

/* Denominators of group g: rows 0..na, cols na..na+nb, the total last. */
typedef struct xshape {
    size_t na, nb;
} xshape;

static size_t xden(const xshape *x, size_t g)
{
    return g * (x->na + x->nb + 1);
}

static void xtab_rows(svy_cells *c, const coda_design *d, const coda_table *t,
                      const coda_svy_domain *dom, const svy_groups *g,
                      const svy_levels *la, const svy_levels *lb,
                      const size_t *ab)
{
    xshape x = { la->n, lb->n };
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi == UINT32_MAX || !svy_usable(t, dom, ab, 2, r))
            continue;
        const uint32_t *ia = NULL, *ib = NULL;
        uint32_t ta, tb;
        size_t na = keyset_row(&la->k, r, &ia, &ta);
        size_t nb = keyset_row(&lb->k, r, &ib, &tb), p = d->unit[r];
        size_t j0 = xden(&x, gi);
        double w = d->w[r];
        svy_add_den(c, j0 + x.na + x.nb, p, w, 1);
        for (size_t i = 0; i < na; i++)
            svy_add_den(c, j0 + la->pos[ia[i]], p, w, 1);
        for (size_t k = 0; k < nb; k++)
            svy_add_den(c, j0 + x.na + lb->pos[ib[k]], p, w, 1);
        for (size_t i = 0; i < na; i++)
            for (size_t k = 0; k < nb; k++)
                svy_add_num(c, (gi * x.na + la->pos[ia[i]]) * x.nb +
                                   lb->pos[ib[k]], p, w, 1, 1);
    }
}

static const char *const xtab_names[] = {
    "row", "col", "n", "count", "row_pct", "row_se", "col_pct", "col_se",
    "total_pct", "total_se", "ci_low", "ci_high", "row_deff", "col_deff",
    "total_deff"
};

static coda_status xtab_row(coda_table *o, size_t c0, size_t e,
                            const svy_cells *c, const svy_levels *la,
                            const svy_levels *lb, const coda_design *d,
                            const coda_svy_opts *opt, double *scratch)
{
    xshape x = { la->n, lb->n };
    size_t g = e / (x.na * x.nb), i = e / x.nb % x.na, k = e % x.nb;
    size_t j0 = xden(&x, g), dens[] = { j0 + i, j0 + x.na + k,
                                        j0 + x.na + x.nb };
    coda_status st = keyset_put(&la->k, la->ids[i], o, c0, e);
    if (st == CODA_OK)
        st = keyset_put(&lb->k, lb->ids[k], o, c0 + 1, e);
    o->cols[c0 + 2].v.i[e] = (int64_t)c->n[e];
    double vals[12] = { c->Y[e] }, lo, hi;
    for (size_t m = 0; m < 3; m++) {
        svy_result res = svy_ratio(c, e, dens[m], d, 0, opt->deff, scratch);
        vals[1 + 2 * m] = 100 * res.est, vals[2 + 2 * m] = 100 * res.se;
        vals[9 + m] = res.deff;
        if (m == 0)
            svy_logit_ci(res.est, res.se, svy_degf(c, dens[0], d, scratch),
                         opt->level, &lo, &hi);
    }
    vals[7] = 100 * lo, vals[8] = 100 * hi;
    for (size_t m = 0; m < (opt->deff ? 12u : 9u) && st == CODA_OK; m++)
        st = svy_put(o, c0 + 3 + m, e, vals[m]);
    return st;
}

static coda_status xtab_table(const coda_design *d, const coda_table *t,
                              const coda_svy_domain *dom, const svy_groups *g,
                              const svy_levels *la, const svy_levels *lb,
                              const svy_cells *c, const coda_svy_opts *opt,
                              coda_table **out)
{
    size_t per = la->n * lb->n;
    coda_type types[15] = { keyset_type(&la->k), keyset_type(&lb->k),
                            CODA_INTEGER };
    for (size_t i = 3; i < 15; i++)
        types[i] = CODA_NUMBER;
    double *scratch = svy_scratch(c, d);
    coda_table *o = NULL;
    coda_status st = scratch ? svy_table(&o, t, dom, g, per, xtab_names,
                                         types, opt->deff ? 15 : 12)
                             : CODA_ENOMEM;
    for (size_t e = 0; e < g->n * per && st == CODA_OK; e++)
        st = xtab_row(o, dom->nk, e, c, la, lb, d, opt, scratch);
    coda_free(scratch);
    return svy_done(o, st, out);
}

coda_status coda_svy_crosstab(const coda_design *d, const coda_table *t,
                              size_t a, size_t b, const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err)
{
    svy_groups g;
    svy_levels la, lb;
    svy_cells c = { 0 };
    size_t ab[] = { a, b };
    coda_status st = svy_groups_make(t, dom, &g);
    coda_status st2 = svy_levels_make(t, a, dom, ab, 2, &la);
    coda_status st3 = svy_levels_make(t, b, dom, ab, 2, &lb);
    st = st != CODA_OK ? st : st2 != CODA_OK ? st2 : st3;
    if (st == CODA_OK)
        st = svy_cells_init(&c, g.n * la.n * lb.n,
                            g.n * (la.n + lb.n + 1), d, err);
    if (st == CODA_OK) {
        xtab_rows(&c, d, t, dom, &g, &la, &lb, ab);
        st = xtab_table(d, t, dom, &g, &la, &lb, &c, o, out);
    }
    svy_cells_free(&c);
    svy_levels_free(&la);
    svy_levels_free(&lb);
    svy_groups_free(&g);
    if (st == CODA_ENOMEM)
        coda_error_nomem(err);
    return st;
}
