/* survey_chisq.c - tests of independence on a design, as R survey's
 * svychisq: by default the Rao-Scott F, Pearson's X^2 of the weighted
 * table scaled to the sample size, divided by the trace of the design
 * effect matrix Delta, on F(d0, d0 nu) with d0 = tr(Delta)^2 /
 * tr(Delta^2) and nu the PSUs less the strata; the first-order
 * correction X^2 / mean eigenvalue on chi-square; the Wald tests
 * (survey_wald.c). */
#include "survey_int.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <string.h>

/* The sums of each cell (rows fastest: k = i + nr j) and of the rows with
 * both values, and *n the rows of the domain, *nu its PSUs less strata. */
static void cell_sums(svy_cells *c, const coda_design *d, const coda_table *t,
                      const coda_svy_domain *dom, const svy_levels *la,
                      const svy_levels *lb, const size_t *ab, double *n,
                      double *nu, uint8_t *seen)
{
    size_t nr = la->n;
    *n = 0;
    for (size_t r = 0; r < t->nrow; r++) {
        if (dom->in && !dom->in[r])
            continue;
        ++*n;
        seen[d->psu[r]] = 1;
        if (!svy_usable(t, dom, ab, 2, r))
            continue;
        const uint32_t *ia = NULL, *ib = NULL;
        uint32_t ta, tb;
        keyset_row(&la->k, r, &ia, &ta);
        keyset_row(&lb->k, r, &ib, &tb);
        svy_add_den(c, 0, d->unit[r], d->w[r], 1);
        svy_add_num(c, la->pos[*ia] + nr * lb->pos[*ib], d->unit[r], d->w[r],
                    1, 1);
    }
    double psus = 0, strata = 0;
    uint8_t *hs = seen + d->npsu;
    for (size_t p = 0; p < d->npsu; p++)
        if (seen[p] && !hs[d->stratum[p]])
            hs[d->stratum[p]] = 1, strata++;
    for (size_t p = 0; p < d->npsu; p++)
        psus += seen[p];
    *nu = psus - strata;
}

/* Pearson's X^2 of the table of cell totals scaled to n rows. */
static double pearson(const svy_cells *c, size_t nr, size_t nc, double n,
                      double *work)
{
    double *obs = work, *m = work + nr * nc;
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++)
            obs[i * nc + j] = c->Y[i + nr * j] * n / c->X[0];
    return coda_chisq_test(obs, nr, nc, 0, m, NULL, NULL).statistic;
}

/* The covariance matrix (k x k) of the cell proportions p[0..k). */
static void cell_cov(const svy_cells *c, const coda_design *d,
                     const double *p, double *tk, double *V, double *s)
{
    size_t k = c->ne, np = c->np;
    for (size_t e = 0; e < k; e++)
        for (size_t q = 0; q < np; q++)
            tk[e * np + q] = (c->num[e * np + q] - p[e] * c->den[q]) / c->X[0];
    for (size_t a = 0; a < k; a++)
        for (size_t b = a; b < k; b++)
            V[a * k + b] = V[b * k + a] =
                svy_covariance(d, tk + a * np, tk + b * np, s);
}

/* C: the interaction columns of the saturated model less their projection
 * on the main effects (R's qr.resid(qr(X1), X12[, interaction])). */
static int contrasts(size_t nr, size_t nc, double *C, double *w)
{
    size_t k = nr * nc, q = nr + nc - 1, m = (nr - 1) * (nc - 1);
    double *X = w, *XtX = X + k * q, *XtC = XtX + q * q, *fit = XtC + q * m;
    memset(X, 0, k * q * sizeof *X);
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            size_t r = i + nr * j;
            X[r * q] = 1;
            if (i)
                X[r * q + i] = 1;
            if (j)
                X[r * q + nr - 1 + j] = 1;
            for (size_t a = 1; a < nr; a++)
                for (size_t b = 1; b < nc; b++)
                    C[r * m + (a - 1) + (nr - 1) * (b - 1)] = a == i && b == j;
        }
    coda_mat_mul(X, 1, X, q, k, q, XtX);
    coda_mat_mul(X, 1, C, q, k, m, XtC);
    if (!coda_mat_solve(XtX, XtC, q, m))
        return 0;
    coda_mat_mul(X, 0, XtC, k, q, m, fit);
    for (size_t r = 0; r < k * m; r++)
        C[r] -= fit[r];
    return 1;
}

/* tr(Delta) and tr(Delta^2) for Delta = (C' D^-1 C / n)^-1 C' D^-1 V D^-1 C. */
static int delta_traces(const double *C, const double *p, const double *V,
                        size_t k, size_t m, double n, double *tr, double *tr2,
                        double *w)
{
    double *DC = w, *den = DC + k * m, *VDC = den + m * m, *num = VDC + k * m;
    for (size_t r = 0; r < k; r++)
        for (size_t j = 0; j < m; j++)
            DC[r * m + j] = p[r] > 0 ? C[r * m + j] / p[r] : 0;
    coda_mat_mul(C, 1, DC, m, k, m, den);
    for (size_t r = 0; r < m * m; r++)
        den[r] /= n;
    coda_mat_mul(V, 0, DC, k, k, m, VDC);
    coda_mat_mul(DC, 1, VDC, m, k, m, num);
    if (!coda_mat_solve(den, num, m, m))
        return 0;
    *tr = *tr2 = 0;
    for (size_t i = 0; i < m; i++) {
        *tr += num[i * m + i];
        for (size_t j = 0; j < m; j++)
            *tr2 += num[i * m + j] * num[j * m + i];
    }
    return 1;
}

static const char *const names[] = { "statistic", "ndf", "ddf", "p", "chisq",
                                     "n" };

static const char *const stat_names[] = { "F", "Chisq", "Wald", "adjWald" };

int coda_svychisq_parse(const char *name, coda_svychisq_stat *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, stat_names[i]) == 0) {
            *out = (coda_svychisq_stat)i;
            return 1;
        }
    return 0;
}

/* What the test found: X^2, the traces of Delta, the Wald statistic. */
typedef struct found {
    double x2, tr, tr2, wald, n, nu;
    size_t m;
} found;

static coda_status result(coda_svychisq_stat stat, const found *f,
                          coda_table **out)
{
    static const char *const methods[] = {
        "Pearson's X^2: Rao & Scott adjustment (F)",
        "Pearson's X^2: Rao & Scott adjustment (first order)",
        "Design-based Wald test of association",
        "Design-based Wald test of association (adjusted)"
    };
    double m = (double)f->m, s, ndf = m, ddf = f->nu, p;
    if (stat == CODA_SVYCHISQ_F) {
        ndf = f->tr * f->tr / f->tr2, ddf = ndf * f->nu, s = f->x2 / f->tr;
    } else if (stat == CODA_SVYCHISQ_CHISQ) {
        ddf = NAN, s = f->x2 * m / f->tr;
    } else if (stat == CODA_SVYCHISQ_WALD) {
        s = f->wald / m;
    } else {
        ddf = f->nu - m + 1, s = f->wald * ddf / (m * f->nu);
    }
    p = stat == CODA_SVYCHISQ_CHISQ ? coda_pchisq_upper(s, m)
                                    : coda_pf_upper(s, ndf, ddf);
    double v[] = { s, ndf, ddf, p, f->x2, f->n };
    return coda_test_table(names, v, 6, methods[stat], out);
}

/* The Wald statistic of the cells into f. */
static coda_status wald(const svy_cells *c, const coda_design *d, size_t nr,
                        size_t nc, found *f)
{
    double *w = coda_malloc((svy_wald_scratch(c, d, nr, nc) + 1) * sizeof *w);
    if (!w)
        return CODA_ENOMEM;
    f->wald = svy_wald(c, d, nr, nc, w);
    coda_free(w);
    return CODA_OK;
}

/* The test from the cell sums: X^2, Delta, and the statistic asked. */
static coda_status test(const svy_cells *c, const coda_design *d, size_t nr,
                        size_t nc, found *f, coda_svychisq_stat stat,
                        coda_table **out, coda_error *err)
{
    size_t k = nr * nc, m = (nr - 1) * (nc - 1), q = nr + nc - 1;
    size_t size = k + k * c->np + k * k + k * m + d->nscratch +
                  k * q + q * q + q * m + 2 * k * m + 2 * m * m + 2 * k + 1;
    double *w = coda_malloc(size * sizeof *w);
    if (!w)
        return coda_error_nomem(err);
    double *p = w, *tk = p + k, *V = tk + k * c->np, *C = V + k * k;
    double *rest = C + k * m;
    f->tr = f->tr2 = f->wald = NAN, f->m = m;
    for (size_t e = 0; e < k; e++)
        p[e] = c->Y[e] / c->X[0];
    cell_cov(c, d, p, tk, V, rest);
    f->x2 = pearson(c, nr, nc, f->n, rest);
    if (contrasts(nr, nc, C, rest))
        delta_traces(C, p, V, k, m, f->n, &f->tr, &f->tr2, rest);
    coda_free(w);
    coda_status st = stat >= CODA_SVYCHISQ_WALD ? wald(c, d, nr, nc, f)
                                                : CODA_OK;
    if (st == CODA_OK)
        st = result(stat, f, out);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

coda_status coda_svy_chisq(const coda_design *d, const coda_table *t,
                           size_t a, size_t b, const coda_svy_domain *dom,
                           coda_svychisq_stat stat, coda_table **out,
                           coda_error *err)
{
    if (t->cols[a].type == CODA_MULTI || t->cols[b].type == CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "chisq: a multi "
                              "column counts a row more than once; test one "
                              "label at a time");
    svy_levels la, lb;
    svy_cells c = { 0 };
    size_t ab[] = { a, b };
    found f;
    coda_status st = svy_levels_make(t, a, dom, ab, 2, &la);
    coda_status st2 = svy_levels_make(t, b, dom, ab, 2, &lb);
    st = st != CODA_OK ? coda_error_nomem(err) : st2 != CODA_OK ?
         coda_error_nomem(err) : CODA_OK;
    if (st == CODA_OK && (la.n < 2 || lb.n < 2))
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "chisq: the table is "
                            "%zu x %zu; a test needs two values on each side",
                            la.n, lb.n);
    if (st == CODA_OK)
        st = svy_cells_init(&c, la.n * lb.n, 1, d, err);
    uint8_t *seen = st == CODA_OK ? coda_calloc(d->npsu + d->nstrata + 1, 1)
                                  : NULL;
    if (st == CODA_OK && !seen)
        st = coda_error_nomem(err);
    if (st == CODA_OK) {
        cell_sums(&c, d, t, dom, &la, &lb, ab, &f.n, &f.nu, seen);
        st = test(&c, d, la.n, lb.n, &f, stat, out, err);
    }
    coda_free(seen);
    svy_cells_free(&c);
    svy_levels_free(&la);
    svy_levels_free(&lb);
    return st;
}
