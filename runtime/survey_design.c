/* survey_design.c - a design from a Dataset: weights, the stratum and PSU
 * of each row, and each stratum's finite population correction. */
#include "survey_int.h"

#include "base_alloc.h"
#include "group.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const lonely_names[] = { "fail", "remove", "certainty",
                                            "adjust", "average" };

int coda_lonely_parse(const char *name, coda_lonely *out)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(name, lonely_names[i]) == 0) {
            *out = (coda_lonely)i;
            return 1;
        }
    return 0;
}

void coda_design_free(coda_design *d)
{
    if (!d)
        return;
    coda_free(d->w);
    coda_free(d->psu);
    coda_free(d->stratum);
    coda_free(d->scale);
    coda_free(d->npsu_h);
    coda_free(d->f);
    svy_stages_free(d);
    coda_free(d);
}

/* An error when column col (the design's role for it) is missing. */
static coda_status check_present(const coda_table *t, long col,
                                 const char *role, coda_error *err)
{
    if (col < 0)
        return CODA_OK;
    const coda_column *c = &t->cols[col];
    if (c->type == CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "design: %s "
                              "column \"%s\" is multi", role, c->name);
    for (size_t r = 0; r < t->nrow; r++)
        if (coda_is_missing(c, r))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: %s "
                                  "column \"%s\" is missing at row %zu", role,
                                  c->name, r + 1);
    return CODA_OK;
}

/* The stratum of each row (0 without strata) into sid; the PSU of each
 * row, the stratum of each PSU and the PSUs of each stratum into d. */
static coda_status index_rows(const coda_table *t, const coda_design_spec *s,
                              coda_design *d, uint32_t *sid)
{
    coda_groups gs = { 0 }, gp = { 0 };
    size_t keys[2], nk = 0;
    coda_status st = CODA_OK;
    if (s->strata >= 0) {
        keys[nk++] = (size_t)s->strata;
        st = coda_group_rows(t, keys, 1, &gs);
    }
    if (s->cluster >= 0 && st == CODA_OK) {
        keys[nk++] = (size_t)s->cluster;
        st = coda_group_rows(t, keys, nk, &gp);
    }
    d->nstrata = s->strata >= 0 ? gs.ngroups : 1;
    d->npsu = s->cluster >= 0 ? gp.ngroups : t->nrow;
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        sid[r] = s->strata >= 0 ? gs.gid[r] : 0;
        d->psu[r] = s->cluster >= 0 ? gp.gid[r] : (uint32_t)r;
    }
    coda_groups_free(&gs);
    coda_groups_free(&gp);
    return st;
}

static coda_status alloc_design(coda_design *d, size_t nrow)
{
    d->nrow = nrow;
    d->psu = coda_malloc((nrow + 1) * sizeof *d->psu);
    d->stratum = coda_malloc((nrow + 1) * sizeof *d->stratum);
    d->scale = coda_malloc((nrow + 1) * sizeof *d->scale);
    d->npsu_h = coda_calloc(nrow + 1, sizeof *d->npsu_h);
    d->f = coda_malloc((nrow + 1) * sizeof *d->f);
    return d->psu && d->stratum && d->scale && d->npsu_h && d->f
           ? CODA_OK : CODA_ENOMEM;
}

/* The stratum of each PSU and the PSUs of each stratum. */
static void count_psus(coda_design *d, const uint32_t *sid)
{
    for (size_t r = 0; r < d->nrow; r++)
        d->stratum[d->psu[r]] = sid[r];
    for (size_t p = 0; p < d->npsu; p++)
        d->npsu_h[d->stratum[p]]++;
}

/* The fpc of each stratum (NAN: none) from column fpc, checked. */
static coda_status read_fpc(const coda_table *t, long fpc, const uint32_t *sid,
                            double *N, size_t nstrata, coda_error *err)
{
    for (size_t h = 0; h < nstrata; h++)
        N[h] = NAN;
    if (fpc < 0)
        return CODA_OK;
    const coda_column *c = &t->cols[fpc];
    for (size_t r = 0; r < t->nrow; r++) {
        double v;
        coda_status st = svy_fpc_value(t, (size_t)fpc, r, &v, err);
        if (st != CODA_OK)
            return st;
        if (!isnan(N[sid[r]]) && N[sid[r]] != v)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                                  "column \"%s\" varies within a stratum "
                                  "(%g at row %zu, %g before)", c->name, v,
                                  r + 1, N[sid[r]]);
        N[sid[r]] = v;
    }
    return CODA_OK;
}

/* Population sizes from fpc values: counts as they are, fractions f as
 * n / f; checked against the PSUs sampled. */
static coda_status population(const coda_design *d, double *N, int big,
                              const char *name, coda_error *err)
{
    for (size_t h = 0; h < d->nstrata && !isnan(N[h]); h++) {
        if (!big)
            N[h] = d->npsu_h[h] / N[h];
        if (N[h] < d->npsu_h[h] * (1 - 1e-12))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: fpc "
                                  "column \"%s\" gives a population of %g "
                                  "PSUs to a stratum with %u in the sample",
                                  name, N[h], d->npsu_h[h]);
    }
    return CODA_OK;
}

/* Each stratum's scale: (1 - n/N) n/(n-1), or (1 - n/N) alone for one PSU. */
static void scales(coda_design *d, const double *N)
{
    for (size_t h = 0; h < d->nstrata; h++) {
        double n = d->npsu_h[h];
        double f = isnan(N[h]) ? 1 : (N[h] - n) / N[h];
        d->f[h] = f;
        d->scale[h] = n > 1 ? f * n / (n - 1) : f;
    }
}

/* Weights N/n of each row's stratum when fpc is given without weights. */
static coda_status default_weights(coda_design *d, const uint32_t *sid,
                                   const double *N)
{
    d->w = coda_malloc((d->nrow + 1) * sizeof *d->w);
    if (!d->w)
        return CODA_ENOMEM;
    for (size_t r = 0; r < d->nrow; r++)
        d->w[r] = isnan(N[sid[r]]) ? 1 : N[sid[r]] / d->npsu_h[sid[r]];
    return CODA_OK;
}

/* The lonely-PSU error for the first stratum with one PSU. */
static coda_status check_lonely(const coda_table *t, const coda_design_spec *s,
                                const coda_design *d, const uint32_t *sid,
                                coda_error *err)
{
    if (s->lonely != CODA_LONELY_FAIL)
        return CODA_OK;
    for (size_t r = 0; r < d->nrow; r++) {
        if (d->npsu_h[sid[r]] > 1 || d->f[sid[r]] < SVY_CENSUS)
            continue;
        char buf[64];
        const coda_column *c = s->strata >= 0 ? &t->cols[s->strata] : NULL;
        if (c)
            coda_value_text(c, r, buf, sizeof buf);
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "design: stratum "
                              "%s%s%s%s has only one PSU (row %zu); lonely_psu"
                              " = \"remove\", \"certainty\", \"adjust\" or "
                              "\"average\" says what it adds to a variance",
                              c ? buf : "(the only one)",
                              c ? " (column \"" : "", c ? c->name : "",
                              c ? "\")" : "", r + 1);
    }
    return CODA_OK;
}

static coda_status build(const coda_table *t, const coda_design_spec *s,
                         coda_design *d, uint32_t *sid, double *N,
                         coda_error *err)
{
    coda_status st = CODA_OK;
    if (s->weights >= 0)
        st = coda_weights_get(t, (size_t)s->weights, "design", &d->w, err);
    if (st == CODA_OK)
        st = check_present(t, s->strata, "strata", err);
    if (st == CODA_OK)
        st = check_present(t, s->cluster, "cluster", err);
    for (size_t k = 0; k < s->nlater && st == CODA_OK; k++)
        st = check_present(t, s->later_cluster[k], "cluster", err);
    if (st == CODA_OK && (st = index_rows(t, s, d, sid)) == CODA_OK)
        count_psus(d, sid);
    int big = 0;
    if (st == CODA_OK)
        st = read_fpc(t, s->fpc, sid, N, d->nstrata, err);
    if (st == CODA_OK)
        st = svy_fpc_kind(t, s, &big, err);
    if (st == CODA_OK && s->fpc >= 0)
        st = population(d, N, big, t->cols[s->fpc].name, err);
    if (st == CODA_OK)
        scales(d, N);
    if (st == CODA_OK)
        st = check_lonely(t, s, d, sid, err);
    if (st == CODA_OK && !d->w)
        st = default_weights(d, sid, N);
    if (st == CODA_OK)
        st = svy_stages_make(t, s, d, big, s->weights >= 0, err);
    return st;
}

coda_status coda_design_create(const coda_table *t, const coda_design_spec *s,
                               coda_design **out, coda_error *err)
{
    coda_design *d = coda_calloc(1, sizeof *d);
    uint32_t *sid = coda_malloc((t->nrow + 1) * sizeof *sid);
    double *N = coda_malloc((t->nrow + 1) * sizeof *N);
    coda_status st = d && sid && N ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK)
        st = alloc_design(d, t->nrow);
    if (d)
        d->lonely = s->lonely;
    if (st == CODA_OK)
        st = build(t, s, d, sid, N, err);
    coda_free(sid);
    coda_free(N);
    if (st != CODA_OK) {
        coda_design_free(d);
        return st == CODA_ENOMEM ? coda_error_nomem(err) : st;
    }
    *out = d;
    return CODA_OK;
}
