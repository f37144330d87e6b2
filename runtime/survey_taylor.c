/* survey_taylor.c - standard errors by Taylor linearisation: the variance
 * of PSU totals within strata (R survey's svyrecvar for one stage), the
 * linearised ratio and total, design effects, degrees of freedom and the
 * logit interval of a proportion. */
#include "survey_int.h"

#include "stats.h"

#include <math.h>
#include <string.h>

/* Stratum h's part of a covariance (sums: the two linearised totals'
 * sums over its PSUs; cp: the sum of their centred products), or NAN when
 * it is left to the average of the others (lonely = average). */
static double stratum_part(const coda_design *d, size_t h, double sum1,
                           double sum2, double cp)
{
    if (d->npsu_h[h] > 1)
        return d->scale[h] * cp;
    switch (d->lonely) {
    case CODA_LONELY_ADJUST: return d->scale[h] * sum1 * sum2;
    case CODA_LONELY_AVERAGE: return NAN;
    default: return 0;
    }
}

double svy_covariance(const coda_design *d, const double *t1,
                      const double *t2, double *s)
{
    double *sum1 = s, *sum2 = s + d->nstrata, *cp = s + 2 * d->nstrata;
    memset(s, 0, 3 * d->nstrata * sizeof *s);
    for (size_t p = 0; p < d->npsu; p++) {
        sum1[d->stratum[p]] += t1[p];
        sum2[d->stratum[p]] += t2[p];
    }
    for (size_t p = 0; p < d->npsu; p++) {
        size_t h = d->stratum[p];
        cp[h] += (t1[p] - sum1[h] / d->npsu_h[h]) *
                 (t2[p] - sum2[h] / d->npsu_h[h]);
    }
    double v = 0;
    size_t ok = 0;
    for (size_t h = 0; h < d->nstrata; h++) {
        double part = stratum_part(d, h, sum1[h], sum2[h], cp[h]);
        if (!isnan(part))
            v += part, ok++;
    }
    return ok ? v * (double)d->nstrata / (double)ok : NAN;
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
    size_t psus = 0, strata = 0;
    memset(scratch, 0, d->nstrata * sizeof *scratch);
    for (size_t p = 0; p < c->np; p++) {
        if (!(den[p] > 0))
            continue;
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
