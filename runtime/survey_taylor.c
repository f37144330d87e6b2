/* survey_taylor.c - standard errors by Taylor linearisation: the variance
 * of PSU totals within strata (R survey's svyrecvar) with the later
 * stages' parts of a multistage design (survey_stage.c), the
 * linearised ratio and total, design effects, degrees of freedom and the
 * logit interval of a proportion. */
#include "survey_int.h"

#include "stats.h"

#include <math.h>
#include <string.h>

/* The first stage's part: PSU totals t1, t2 within strata. */
static double first_stage(const coda_design *d, const double *t1,
                          const double *t2, double *s)
{
    double *sum1 = s, *sum2 = s + d->nstrata, *cp = s + 2 * d->nstrata;
    svy_cross(d->nstrata, d->npsu, d->stratum, d->npsu_h, t1, t2, s);
    double v = 0;
    size_t ok = 0;
    for (size_t h = 0; h < d->nstrata; h++) {
        double part = svy_part(d->lonely, d->npsu_h[h], d->f[h],
                               d->scale[h], sum1[h] * sum2[h], cp[h]);
        if (!isnan(part))
            v += part, ok++;
    }
    return ok ? v * (double)d->nstrata / (double)ok : NAN;
}

double svy_covariance(const coda_design *d, const double *t1,
                      const double *t2, double *s)
{
    if (!d->nlater)
        return first_stage(d, t1, t2, s);
    /* the totals of each stage's clusters, from the units up */
    const double *x1[CODA_MAX_STAGES], *x2[CODA_MAX_STAGES];
    x1[d->nlater] = t1, x2[d->nlater] = t2;
    for (size_t k = d->nlater; k-- > 0;) {
        const coda_stage *g = &d->later[k];
        double *a = s, *b = s + g->nabove;
        s += 2 * g->nabove;
        memset(a, 0, 2 * g->nabove * sizeof *a);
        for (size_t c = 0; c < g->nclus; c++) {
            a[g->above[c]] += x1[k + 1][c];
            b[g->above[c]] += x2[k + 1][c];
        }
        x1[k] = a, x2[k] = b;
    }
    double v = first_stage(d, x1[0], x2[0], s);
    for (size_t k = 0; k < d->nlater; k++)
        v += svy_stage_cov(d, &d->later[k], x1[k + 1], x2[k + 1], s);
    return v;
}

double svy_variance(const coda_design *d, const double *t, double *s)
{
    return svy_covariance(d, t, t, s);
}

/* The variance under simple random sampling behind a design effect (R's
 * svyvar of the linearised values, times W^2 (W - n) / (W n), or W^2 / n
 * with replacement). */
static double srs_variance(const svy_cells *c, size_t e, size_t j, double R,
                           int total, int deff)
{
    double W = c->sw[j], n = (double)c->nnz[j], ss;
    if (total)
        ss = (c->syy[e] - c->Y[e] * c->Y[e] / W) / W;
    else
        ss = (c->syy[e] - 2 * R * c->sxy[e] + R * R * c->sxx[j]) /
             (c->X[j] * c->X[j] * W);
    double s2 = n / (n - 1) * ss;
    if (deff == 2)
        return s2 * W * W / n;
    return W < n ? NAN : s2 * W * W * (W - n) / (W * n);
}

svy_result svy_ratio(const svy_cells *c, size_t e, size_t j,
                     const coda_design *d, int total, int deff,
                     double *scratch)
{
    double X = c->X[j], R = total ? c->Y[e] : c->Y[e] / X;
    const double *num = c->num + e * c->np, *den = c->den + j * c->np;
    for (size_t p = 0; p < c->np; p++)
        scratch[p] = total ? num[p] : (num[p] - R * den[p]) / X;
    double v = svy_variance(d, scratch, scratch + c->np);
    svy_result r = { R, sqrt(v), NAN };
    if (deff)
        r.deff = v / srs_variance(c, e, j, R, total, deff);
    return r;
}

double svy_degf(const svy_cells *c, size_t j, const coda_design *d,
                double *scratch)
{
    const double *den = c->den + j * c->np;
    double *seen = scratch + d->nstrata; /* PSUs, when units are not */
    size_t psus = 0, strata = 0;
    memset(scratch, 0, d->nstrata * sizeof *scratch);
    if (d->unit_psu)
        memset(seen, 0, d->npsu * sizeof *seen);
    for (size_t u = 0; u < c->np; u++) {
        size_t p = d->unit_psu ? d->unit_psu[u] : u;
        if (!(den[u] > 0) || (d->unit_psu && seen[p]))
            continue;
        if (d->unit_psu)
            seen[p] = 1;
        psus++;
        strata += scratch[d->stratum[p]] == 0;
        scratch[d->stratum[p]] = 1;
    }
    return (double)psus - (double)strata;
}

void svy_logit_ci(double p, double se, double df, double level, double *lo,
                  double *hi)
{
    if (!(p > 0 && p < 1) || !(se > 0)) {
        *lo = *hi = p;
        return;
    }
    double q = df > 0 ? coda_qt(1 - (1 - level) / 2, df) : NAN;
    double l = log(p / (1 - p)), half = q * se / (p * (1 - p));
    *lo = 1 / (1 + exp(-(l - half)));
    *hi = 1 / (1 + exp(-(l + half)));
}
