/* survey_cells.c - the sums behind design-based estimates, and the groups
 * of a domain (svyby's). */
#include "survey_int.h"

#include "base_alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CELLS = 50 * 1000 * 1000 };

coda_status svy_cells_init(svy_cells *c, size_t ne, size_t nd,
                           const coda_design *d, coda_error *err)
{
    memset(c, 0, sizeof *c);
    size_t np = d->nunit ? d->nunit : 1;
    if (ne + nd > MAX_CELLS / np)
        return coda_error_set(err, CODA_ELIMIT, NULL, 0, 0, "design: %zu "
                              "estimates over %zu PSUs are too many cells",
                              ne, d->nunit);
    c->ne = ne, c->nd = nd, c->np = np;
    c->num = coda_calloc(ne * np + 1, sizeof *c->num);
    c->den = coda_calloc(nd * np + 1, sizeof *c->den);
    c->Y = coda_calloc(ne + 1, sizeof *c->Y);
    c->syy = coda_calloc(ne + 1, sizeof *c->syy);
    c->sxy = coda_calloc(ne + 1, sizeof *c->sxy);
    c->n = coda_calloc(ne + 1, sizeof *c->n);
    c->X = coda_calloc(nd + 1, sizeof *c->X);
    c->sw = coda_calloc(nd + 1, sizeof *c->sw);
    c->sxx = coda_calloc(nd + 1, sizeof *c->sxx);
    c->nnz = coda_calloc(nd + 1, sizeof *c->nnz);
    if (c->num && c->den && c->Y && c->syy && c->sxy && c->n &&
        c->X && c->sw && c->sxx && c->nnz)
        return CODA_OK;
    svy_cells_free(c);
    return coda_error_nomem(err);
}

double *svy_scratch(const svy_cells *c, const coda_design *d)
{
    return coda_malloc((c->np + d->nscratch + 1) * sizeof(double));
}

void svy_cells_free(svy_cells *c)
{
    void *p[] = { c->num, c->den, c->Y, c->syy, c->sxy, c->n,
                  c->X, c->sw, c->sxx, c->nnz };
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        coda_free(p[i]);
    memset(c, 0, sizeof *c);
}

/* The groups with a row in the domain. */
static size_t kept_groups(const coda_groups *g, const coda_svy_domain *dom,
                          size_t nrow, uint8_t *seen, size_t *order)
{
    size_t n = 0;
    for (size_t r = 0; r < nrow; r++) {
        uint32_t id = g->gid[r];
        if ((dom->in && !dom->in[r]) || seen[id])
            continue;
        seen[id] = 1;
        order[n++] = id;
    }
    return n;
}

coda_status svy_groups_make(const coda_table *t, const coda_svy_domain *dom,
                            svy_groups *g)
{
    memset(g, 0, sizeof *g);
    if (dom->nk == 0) {
        g->n = 1;
        return CODA_OK;
    }
    coda_status st = coda_group_rows(t, dom->keys, dom->nk, &g->g);
    if (st != CODA_OK)
        return st;
    size_t ng = g->g.ngroups;
    uint8_t *seen = coda_calloc(ng + 1, 1);
    g->order = coda_malloc((ng + 1) * sizeof *g->order);
    g->slot = coda_malloc((ng + 1) * sizeof *g->slot);
    if (!seen || !g->order || !g->slot) {
        coda_free(seen);
        return CODA_ENOMEM;
    }
    g->n = kept_groups(&g->g, dom, t->nrow, seen, g->order);
    coda_group_sort(t, dom->keys, dom->nk, &g->g, g->order, g->n);
    memset(g->slot, 0xff, (ng + 1) * sizeof *g->slot);
    for (size_t i = 0; i < g->n; i++)
        g->slot[g->order[i]] = (uint32_t)i;
    coda_free(seen);
    return CODA_OK;
}

void svy_groups_free(svy_groups *g)
{
    coda_groups_free(&g->g);
    coda_free(g->order);
    coda_free(g->slot);
    memset(g, 0, sizeof *g);
}

coda_status svy_put_keys(coda_table *out, const coda_table *t,
                         const coda_svy_domain *dom, const svy_groups *g,
                         size_t per)
{
    if (dom->nk == 0)
        return CODA_OK;
    size_t *rows = coda_malloc((g->n * per + 1) * sizeof *rows);
    if (!rows)
        return CODA_ENOMEM;
    for (size_t i = 0; i < g->n * per; i++)
        rows[i] = g->g.first[g->order[i / per]];
    coda_status st = CODA_OK;
    for (size_t j = 0; j < dom->nk && st == CODA_OK; j++)
        st = coda_table_gather_column(out, j, t->cols[dom->keys[j]].name, t,
                                      dom->keys[j], rows, g->n * per);
    coda_free(rows);
    return st;
}

coda_status svy_columns(coda_table *out, size_t from, const char *const *names,
                        const coda_type *types, size_t n)
{
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = coda_table_init_column(out, from + i, names[i], types[i]);
    return st;
}

coda_status svy_put(coda_table *out, size_t c, size_t r, double v)
{
    if (isnan(v))
        return coda_table_set_missing(out, c, r);
    out->cols[c].v.d[r] = v;
    return CODA_OK;
}

coda_status svy_table(coda_table **o, const coda_table *t,
                      const coda_svy_domain *dom, const svy_groups *g,
                      size_t per, const char *const *names,
                      const coda_type *types, size_t n)
{
    *o = NULL;
    coda_status st = coda_table_create(g->n * per, dom->nk + n, o);
    if (st == CODA_OK)
        st = svy_put_keys(*o, t, dom, g, per);
    if (st == CODA_OK)
        st = svy_columns(*o, dom->nk, names, types, n);
    return st;
}

coda_status svy_done(coda_table *o, coda_status st, coda_table **out)
{
    if (st != CODA_OK) {
        coda_table_free(o);
        return st;
    }
    *out = o;
    return CODA_OK;
}
