/* survey_mean.c - design-based means, totals, ratios and variances of
 * numeric columns, over a domain and by groups (svymean, svytotal,
 * svyratio, svyvar, svyby). */
#include "survey_int.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <string.h>

void coda_svy_opts_init(coda_svy_opts *o)
{
    o->level = 0.95;
    o->deff = 0;
}

static int numeric(const coda_column *c)
{
    return c->type == CODA_INTEGER || c->type == CODA_NUMBER;
}

static double num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

typedef struct est_req {
    coda_svy_stat stat;
    const size_t *y, *x;
    size_t ny;
    const double *centre, *f;   /* a variance: each estimate's mean, each
                                   group's n / (n - 1) */
} est_req;

static coda_status check_columns(const coda_table *t, const est_req *q,
                                 coda_error *err)
{
    static const char *const verbs[] = { "mean", "total", "ratio",
                                         "variance" };
    for (size_t v = 0; v < q->ny * (q->stat == CODA_SVY_RATIO ? 2 : 1); v++) {
        const coda_column *c = &t->cols[v < q->ny ? q->y[v] : q->x[v - q->ny]];
        if (!numeric(c))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "design: "
                                  "cannot take the %s of column \"%s\" (%s)",
                                  verbs[q->stat], c->name,
                                  coda_type_name(c->type));
    }
    return CODA_OK;
}

/* Row r's values into estimate and denominator g * ny + v. */
static void add_row(svy_cells *c, const coda_design *d, const coda_table *t,
                    const est_req *q, size_t r, size_t g)
{
    for (size_t v = 0; v < q->ny; v++) {
        const coda_column *cy = &t->cols[q->y[v]];
        const coda_column *cx = q->x ? &t->cols[q->x[v]] : NULL;
        if (coda_is_missing(cy, r) || (cx && coda_is_missing(cx, r)))
            continue;
        double yv = num(cy, r), xv = cx ? num(cx, r) : 1;
        size_t e = g * q->ny + v;
        if (q->stat == CODA_SVY_VAR)
            yv = (yv - q->centre[e]) * (yv - q->centre[e]) * q->f[g];
        svy_add_den(c, e, d->unit[r], d->w[r], xv);
        svy_add_num(c, e, d->unit[r], d->w[r], yv, xv);
    }
}

static const char *const stat_names[] = { "mean", "total", "ratio", "var" };

/* The columns after the keys: variable [, denominator], n, the estimate,
 * se, ci_low, ci_high [, deff]; returns how many. */
static size_t out_columns(const est_req *q, int deff, const char **names,
                          coda_type *types)
{
    size_t n = 1;
    names[0] = "variable", types[0] = CODA_STRING;
    if (q->stat == CODA_SVY_RATIO)
        names[n] = "denominator", types[n++] = CODA_STRING;
    const char *rest[] = { "n", stat_names[q->stat], "se", "ci_low",
                           "ci_high", "deff" };
    for (size_t i = 0; i < (deff ? 6u : 5u); i++)
        names[n] = rest[i], types[n++] = i ? CODA_NUMBER : CODA_INTEGER;
    return n;
}

/* Output row r: n, the estimate, se, interval (and deff) of estimate e. */
static coda_status put_row(coda_table *o, size_t c0, size_t r, size_t e,
                           const est_req *q, const svy_cells *c,
                           const svy_result *res, double z)
{
    coda_status st = CODA_OK;
    if (q->stat == CODA_SVY_RATIO)
        c0++;
    o->cols[c0 + 1].v.i[r] = (int64_t)c->n[e];
    double est = c->n[e] ? res->est : NAN, se = c->n[e] ? res->se : NAN;
    double vals[] = { est, se, est - z * se, est + z * se, res->deff };
    for (size_t i = 0; i < 5 && c0 + 2 + i < o->ncol && st == CODA_OK; i++)
        st = svy_put(o, c0 + 2 + i, r, vals[i]);
    return st;
}

static coda_status put_names(coda_table *o, size_t c0, size_t r,
                             const coda_table *t, const est_req *q, size_t v)
{
    const char *yn = t->cols[q->y[v]].name;
    coda_status st = coda_table_set_string(o, c0, r, yn, strlen(yn));
    if (st == CODA_OK && q->stat == CODA_SVY_RATIO) {
        const char *xn = t->cols[q->x[v]].name;
        st = coda_table_set_string(o, c0 + 1, r, xn, strlen(xn));
    }
    return st;
}

static coda_status fill(coda_table *o, const coda_design *d,
                        const coda_table *t, const est_req *q,
                        const svy_cells *c, const coda_svy_opts *opt,
                        size_t nk, size_t ng, double *scratch)
{
    coda_status st = CODA_OK;
    double z = coda_qnorm(1 - (1 - opt->level) / 2);
    for (size_t r = 0; r < ng * q->ny && st == CODA_OK; r++) {
        svy_result res = svy_ratio(c, r, r, d, q->stat == CODA_SVY_TOTAL,
                                   opt->deff, scratch);
        st = put_names(o, nk, r, t, q, r % q->ny);
        if (st == CODA_OK)
            st = put_row(o, nk, r, r, q, c, &res, z);
    }
    return st;
}

/* The sums of every group and variable of q. */
static void add_rows(svy_cells *c, const coda_design *d, const coda_table *t,
                     const est_req *q, const coda_svy_domain *dom,
                     const svy_groups *g)
{
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi != UINT32_MAX)
            add_row(c, d, t, q, r, gi);
    }
}

/* For a variance: the mean of each group and variable, and each group's
 * n / (n - 1) over its rows of positive weight (R's svyvar). */
static coda_status centres(const coda_design *d, const coda_table *t,
                           const est_req *q, const coda_svy_domain *dom,
                           const svy_groups *g, double *centre, double *f,
                           coda_error *err)
{
    svy_cells c;
    est_req m = *q;
    m.stat = CODA_SVY_MEAN;
    coda_status st = svy_cells_init(&c, g->n * q->ny, g->n * q->ny, d, err);
    if (st != CODA_OK)
        return st;
    add_rows(&c, d, t, &m, dom, g);
    for (size_t e = 0; e < g->n * q->ny; e++)
        centre[e] = c.Y[e] / c.X[e];
    memset(f, 0, g->n * sizeof *f);
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t gi = svy_group_of(g, dom, r);
        if (gi != UINT32_MAX && d->w[r] > 0)
            f[gi]++;
    }
    for (size_t i = 0; i < g->n; i++)
        f[i] = f[i] / (f[i] - 1);
    svy_cells_free(&c);
    return CODA_OK;
}

static coda_status run(const coda_design *d, const coda_table *t,
                       const est_req *q, const coda_svy_domain *dom,
                       const coda_svy_opts *opt, const svy_groups *g,
                       coda_table **out, coda_error *err)
{
    svy_cells c;
    coda_status st = svy_cells_init(&c, g->n * q->ny, g->n * q->ny, d, err);
    if (st != CODA_OK)
        return st;
    add_rows(&c, d, t, q, dom, g);
    const char *names[8];
    coda_type types[8];
    size_t n = out_columns(q, opt->deff, names, types);
    double *scratch = svy_scratch(&c, d);
    coda_table *o = NULL;
    st = scratch ? svy_table(&o, t, dom, g, q->ny, names, types, n)
                 : CODA_ENOMEM;
    if (st == CODA_OK)
        st = fill(o, d, t, q, &c, opt, dom->nk, g->n, scratch);
    coda_free(scratch);
    svy_cells_free(&c);
    st = svy_done(o, st, out);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

coda_status coda_svy_estimate(const coda_design *d, const coda_table *t,
                              coda_svy_stat stat, const size_t *y,
                              const size_t *x, size_t ny,
                              const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err)
{
    est_req q = { stat, y, stat == CODA_SVY_RATIO ? x : NULL, ny, NULL, NULL };
    coda_status st = check_columns(t, &q, err);
    if (st != CODA_OK)
        return st;
    svy_groups g;
    double *centre = NULL, *f = NULL;
    st = svy_groups_make(t, dom, &g);
    if (st == CODA_OK && stat == CODA_SVY_VAR) {
        centre = coda_malloc((g.n * ny + 1) * sizeof *centre);
        f = coda_malloc((g.n + 1) * sizeof *f);
        st = centre && f ? centres(d, t, &q, dom, &g, centre, f, err)
                         : CODA_ENOMEM;
        q.centre = centre, q.f = f;
    }
    if (st == CODA_OK)
        st = run(d, t, &q, dom, o, &g, out, err);
    else if (st == CODA_ENOMEM)
        coda_error_nomem(err);
    coda_free(centre);
    coda_free(f);
    svy_groups_free(&g);
    return st;
}
