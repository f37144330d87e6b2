/* survey_stage.c - the stages of a multistage design after the first:
 * the clusters of each stage within those of the stage above, their
 * finite population corrections, and the variance each stage adds (R
 * survey's multistage(): within each cluster above, the variance of its
 * clusters' totals, times the fraction sampled at every stage above). */
#include "survey_int.h"

#include "base_alloc.h"
#include "group.h"

#include <math.h>
#include <string.h>

static const char *const lonely_hint = "lonely_psu = \"remove\", "
    "\"certainty\", \"adjust\" or \"average\" says what it adds to a "
    "variance";

/* The fpc columns of s in stage order; how many. */
static size_t fpc_columns(const coda_design_spec *s, long *cols)
{
    size_t n = 0;
    if (s->fpc >= 0)
        cols[n++] = s->fpc;
    for (size_t k = 0; k < s->nlater; k++)
        if (s->later_fpc[k] >= 0)
            cols[n++] = s->later_fpc[k];
    return n;
}

coda_status svy_fpc_value(const coda_table *t, size_t col, size_t r,
                          double *v, coda_error *err)
{
    const coda_column *c = &t->cols[col];
    if (c->type != CODA_INTEGER && c->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "design: fpc "
                              "column \"%s\" is %s, not a number", c->name,
                              coda_type_name(c->type));
    if (coda_is_missing(c, r))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                              "column \"%s\" is missing at row %zu",
                              c->name, r + 1);
    *v = c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
    if (!(*v > 0) || !isfinite(*v))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                              "column \"%s\" has %g at row %zu (a "
                              "population size or a sampling fraction "
                              "is positive)", c->name, *v, r + 1);
    return CODA_OK;
}

coda_status svy_fpc_kind(const coda_table *t, const coda_design_spec *s,
                         int *big, coda_error *err)
{
    long cols[CODA_MAX_STAGES];
    size_t n = fpc_columns(s, cols);
    if (n && n != s->nlater + 1)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                              "names %zu column%s for %zu stages of "
                              "clusters; give one a stage, or none", n,
                              n == 1 ? "" : "s", s->nlater + 1);
    long hi = -1, lo = -1;
    for (size_t k = 0; k < n; k++)
        for (size_t r = 0; r < t->nrow; r++) {
            double v;
            coda_status st = svy_fpc_value(t, (size_t)cols[k], r, &v, err);
            if (st != CODA_OK)
                return st;
            hi = v > 1 && hi < 0 ? cols[k] : hi;
            lo = v < 1 && lo < 0 ? cols[k] : lo;
        }
    *big = hi >= 0;
    if (hi >= 0 && lo >= 0 && hi == lo)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                              "column \"%s\" mixes population sizes (> 1) "
                              "and sampling fractions (< 1)",
                              t->cols[hi].name);
    if (hi >= 0 && lo >= 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                              "columns mix population sizes (> 1, \"%s\") "
                              "and sampling fractions (< 1, \"%s\")",
                              t->cols[hi].name, t->cols[lo].name);
    return CODA_OK;
}

static void stage_free(coda_stage *g)
{
    coda_free(g->above);
    coda_free(g->n);
    coda_free(g->f);
    coda_free(g->scale);
    coda_free(g->mult);
}

void svy_stages_free(coda_design *d)
{
    for (size_t k = 0; k < d->nlater && d->later; k++)
        stage_free(&d->later[k]);
    coda_free(d->later);
    if (d->unit != d->psu)
        coda_free(d->unit);
    coda_free(d->unit_psu);
    d->later = NULL, d->unit = NULL, d->unit_psu = NULL, d->nlater = 0;
}

static coda_status stage_alloc(coda_stage *g, size_t nclus, size_t nabove)
{
    g->nclus = nclus, g->nabove = nabove;
    g->above = coda_malloc((nclus + 1) * sizeof *g->above);
    g->n = coda_calloc(nabove + 1, sizeof *g->n);
    g->f = coda_malloc((nabove + 1) * sizeof *g->f);
    g->scale = coda_malloc((nabove + 1) * sizeof *g->scale);
    g->mult = coda_malloc((nabove + 1) * sizeof *g->mult);
    return g->above && g->n && g->f && g->scale && g->mult ? CODA_OK
                                                            : CODA_ENOMEM;
}

/* Stage k's population of clusters in each cluster above (from the fpc
 * column at the rows above[r]), then f, scale and the weight factor
 * N / n of each row into wf (when wf is not NULL). */
static coda_status stage_fpc(const coda_table *t, size_t col, int big,
                             const uint32_t *above, coda_stage *g,
                             double *wf, coda_error *err)
{
    double *N = g->f; /* the population, then f in place */
    for (size_t q = 0; q < g->nabove; q++)
        N[q] = NAN;
    for (size_t r = 0; r < t->nrow; r++) {
        double v;
        coda_status st = svy_fpc_value(t, col, r, &v, err);
        if (st != CODA_OK)
            return st;
        v = big ? v : g->n[above[r]] / v;
        if (!isnan(N[above[r]]) && N[above[r]] != v)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                                  "column \"%s\" varies within a cluster of "
                                  "the stage above (row %zu)",
                                  t->cols[col].name, r + 1);
        if (v < g->n[above[r]] * (1 - 1e-12))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                                  "column \"%s\" gives a population of %g "
                                  "to a cluster with %u sampled (row %zu)",
                                  t->cols[col].name, v, g->n[above[r]], r + 1);
        N[above[r]] = v;
        if (wf)
            wf[r] *= v / g->n[above[r]];
    }
    for (size_t q = 0; q < g->nabove; q++) {
        double n = g->n[q], f = (N[q] - n) / N[q];
        g->f[q] = f;
        g->scale[q] = n > 1 ? f * n / (n - 1) : f;
    }
    return CODA_OK;
}

/* The lonely-cluster error for the first cluster above with one cluster
 * sampled of several. */
static coda_status stage_lonely(const coda_table *t, const coda_design *d,
                                const coda_stage *g, const uint32_t *above,
                                size_t col, size_t colabove, coda_error *err)
{
    if (d->lonely != CODA_LONELY_FAIL)
        return CODA_OK;
    for (size_t r = 0; r < t->nrow; r++) {
        size_t q = above[r];
        if (g->n[q] > 1 || g->f[q] < SVY_CENSUS)
            continue;
        char buf[64];
        coda_value_text(&t->cols[colabove], r, buf, sizeof buf);
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: cluster "
                              "%s (column \"%s\") has only one cluster of "
                              "column \"%s\" sampled (row %zu); %s", buf,
                              t->cols[colabove].name, t->cols[col].name,
                              r + 1, lonely_hint);
    }
    return CODA_OK;
}

/* Each cluster above's multiplier: the fraction sampled at every stage
 * above it (prev NULL: the first stage's strata). */
static void stage_mult(const coda_design *d, const coda_stage *prev,
                       coda_stage *g)
{
    for (size_t q = 0; q < g->nabove; q++) {
        if (!prev)
            g->mult[q] = 1 - d->f[d->stratum[q]];
        else
            g->mult[q] = prev->mult[prev->above[q]] *
                         (1 - prev->f[prev->above[q]]);
    }
}

typedef struct stage_ctx {
    const coda_table *t;
    const coda_design_spec *s;
    coda_design *d;
    int big;
    double *wf;                 /* per row: N/n of the later stages */
    uint32_t *above;            /* per row: its cluster above */
    size_t keys[CODA_MAX_STAGES + 1], nk;
} stage_ctx;

/* Stage k (0: the second) from the cluster above of each row. */
static coda_status stage_make(stage_ctx *x, size_t k, coda_error *err)
{
    coda_groups gr = { 0 };
    coda_stage *g = &x->d->later[k];
    size_t nabove = k ? x->d->later[k - 1].nclus : x->d->npsu;
    x->keys[x->nk++] = (size_t)x->s->later_cluster[k];
    coda_status st = coda_group_rows(x->t, x->keys, x->nk, &gr);
    if (st == CODA_OK)
        st = stage_alloc(g, gr.ngroups, nabove);
    if (st != CODA_OK) {
        coda_groups_free(&gr);
        return st;
    }
    for (size_t r = 0; r < x->t->nrow; r++)
        g->above[gr.gid[r]] = x->above[r];
    for (size_t c = 0; c < g->nclus; c++)
        g->n[g->above[c]]++;
    st = stage_fpc(x->t, (size_t)x->s->later_fpc[k], x->big, x->above, g,
                   x->wf, err);
    if (st == CODA_OK)
        st = stage_lonely(x->t, x->d, g, x->above,
                          (size_t)x->s->later_cluster[k], x->keys[x->nk - 2],
                          err);
    stage_mult(x->d, k ? &x->d->later[k - 1] : NULL, g);
    memcpy(x->above, gr.gid, x->t->nrow * sizeof *x->above);
    coda_groups_free(&gr);
    return st;
}

/* Units, their PSUs and the scratch a variance needs, once the stages
 * are made (x->above: each row's last cluster). */
static coda_status units(stage_ctx *x)
{
    coda_design *d = x->d;
    const coda_stage *last = &d->later[d->nlater - 1];
    d->nunit = last->nclus;
    d->unit = x->above, x->above = NULL;
    d->unit_psu = coda_malloc((d->nunit + 1) * sizeof *d->unit_psu);
    if (!d->unit_psu)
        return CODA_ENOMEM;
    for (size_t r = 0; r < d->nrow; r++)
        d->unit_psu[d->unit[r]] = d->psu[r];
    size_t totals = d->npsu, most = d->nstrata;
    for (size_t k = 0; k < d->nlater; k++) {
        totals += k + 1 < d->nlater ? d->later[k].nclus : 0;
        most = d->later[k].nabove > most ? d->later[k].nabove : most;
    }
    d->nscratch = 2 * totals + 3 * most;
    return CODA_OK;
}

static coda_status stages(stage_ctx *x, coda_error *err)
{
    coda_design *d = x->d;
    coda_status st = CODA_OK;
    if (x->s->strata >= 0)
        x->keys[x->nk++] = (size_t)x->s->strata;
    x->keys[x->nk++] = (size_t)x->s->cluster;
    memcpy(x->above, d->psu, d->nrow * sizeof *x->above);
    for (size_t k = 0; k < d->nlater && st == CODA_OK; k++)
        st = stage_make(x, k, err);
    if (st == CODA_OK)
        st = units(x);
    for (size_t r = 0; r < d->nrow && st == CODA_OK && x->wf; r++)
        d->w[r] *= x->wf[r];
    return st;
}

coda_status svy_stages_make(const coda_table *t, const coda_design_spec *s,
                            coda_design *d, int big, int weighted,
                            coda_error *err)
{
    d->unit = d->psu, d->nunit = d->npsu, d->nscratch = 3 * d->nstrata;
    if (s->nlater == 0 || s->fpc < 0)
        return CODA_OK; /* the ultimate clusters: the first stage alone */
    if (s->cluster < 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: a later "
                              "stage of clusters needs the first (cluster)");
    stage_ctx x = { t, s, d, big, NULL, NULL, { 0 }, 0 };
    d->later = coda_calloc(s->nlater, sizeof *d->later);
    x.above = coda_malloc((t->nrow + 1) * sizeof *x.above);
    x.wf = weighted ? NULL : coda_malloc((t->nrow + 1) * sizeof *x.wf);
    coda_status st = d->later && x.above && (weighted || x.wf)
                   ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK) {
        d->nlater = s->nlater;
        for (size_t r = 0; r < t->nrow && x.wf; r++)
            x.wf[r] = 1;
        st = stages(&x, err);
    }
    coda_free(x.above);
    coda_free(x.wf);
    return st;
}

/* A later stage's part of a covariance: within each cluster above, the
 * centred cross-products of its clusters' totals x1, x2, times the scale
 * and the multiplier; s holds 3 * nabove numbers. */
double svy_stage_cov(const coda_design *d, const coda_stage *g,
                     const double *x1, const double *x2, double *s)
{
    double *sum1 = s, *sum2 = s + g->nabove, *cp = s + 2 * g->nabove;
    svy_cross(g->nabove, g->nclus, g->above, g->n, x1, x2, s);
    double v = 0;
    for (size_t q = 0; q < g->nabove; q++) {
        double part = svy_part(d->lonely, g->n[q], g->f[q], g->scale[q],
                               sum1[q] * sum2[q], cp[q]);
        v += g->mult[q] * part; /* NAN (average, one cluster) stays */
    }
    return v;
}
