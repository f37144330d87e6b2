/* stats_test.c - tests of significance on counts and summaries: Pearson's
 * chi-square (with Yates' correction for 2x2, expected counts and
 * standardised residuals), Fisher's exact test of a 2x2 table and
 * Student's t tests, as R's chisq.test, fisher.test and t.test. */
#include "stats.h"

#include <math.h>
#include <string.h>

/* Row and column sums of obs and the grand total. */
static double margins(const double *obs, size_t nr, size_t nc, double *rs,
                      double *cs)
{
    double n = 0;
    for (size_t j = 0; j < nc; j++)
        cs[j] = 0;
    for (size_t i = 0; i < nr; i++) {
        rs[i] = 0;
        for (size_t j = 0; j < nc; j++) {
            rs[i] += obs[i * nc + j];
            cs[j] += obs[i * nc + j];
        }
        n += rs[i];
    }
    return n;
}

coda_test coda_chisq_test(const double *obs, size_t nr, size_t nc,
                          int correct, double *scratch, double *expected,
                          double *stdres)
{
    double *rs = scratch, *cs = scratch + nr;
    double n = margins(obs, nr, nc, rs, cs), x2 = 0;
    int yates = correct && nr == 2 && nc == 2;
    double half = 0.5;
    for (size_t k = 0; yates && k < 4; k++) {
        double e = rs[k / 2] * cs[k % 2] / n;
        half = fmin(half, fabs(obs[k] - e));
    }
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            double o = obs[i * nc + j], e = rs[i] * cs[j] / n;
            double dev = yates ? fabs(o - e) - half : o - e;
            x2 += dev * dev / e;
            if (expected)
                expected[i * nc + j] = e;
            if (stdres)
                stdres[i * nc + j] = (o - e) /
                    sqrt(e * (1 - rs[i] / n) * (1 - cs[j] / n));
        }
    double df = (double)(nr - 1) * (double)(nc - 1);
    coda_test t = { x2, df, NAN, coda_pchisq_upper(x2, df) };
    return t;
}

double coda_fisher_2x2(double a, double b, double c, double d)
{
    double m = a + c, n = b + d, k = a + b;
    double lo = fmax(0, k - n), hi = fmin(k, m);
    double dx = coda_dhyper(a, m, n, k), p = 0;
    for (double x = lo; x <= hi; x++) {
        double dk = coda_dhyper(x, m, n, k);
        if (dk <= dx * (1 + 1e-7))
            p += dk;
    }
    return fmin(1, p);
}

static coda_test t_of(double diff, double se, double df, double level,
                      double *ci)
{
    double t = diff / se, q = coda_qt(1 - (1 - level) / 2, df);
    coda_test r = { t, df, NAN, 2 * coda_pt_upper(fabs(t), df) };
    ci[0] = diff - q * se;
    ci[1] = diff + q * se;
    return r;
}

coda_test coda_ttest2(const coda_tsum *x, const coda_tsum *y, int pooled,
                      double level, double *se, double *ci)
{
    double vx = x->var / x->n, vy = y->var / y->n, df;
    if (pooled) {
        df = x->n + y->n - 2;
        double v = ((x->n - 1) * x->var + (y->n - 1) * y->var) / df;
        *se = sqrt(v * (1 / x->n + 1 / y->n));
    } else {
        *se = sqrt(vx + vy);
        df = pow(*se, 4) / (vx * vx / (x->n - 1) + vy * vy / (y->n - 1));
    }
    return t_of(x->mean - y->mean, *se, df, level, ci);
}

coda_test coda_ttest1(const coda_tsum *x, double mu, double level, double *se,
                      double *ci)
{
    *se = sqrt(x->var / x->n);
    coda_test r = t_of(x->mean - mu, *se, x->n - 1, level, ci);
    ci[0] += mu;
    ci[1] += mu;
    return r;
}

coda_status coda_test_table(const char *const *names, const double *v,
                            size_t n, const char *method, coda_table **out)
{
    coda_table *o = NULL;
    coda_status st = coda_table_create(1, n + 1, &o);
    for (size_t c = 0; c < n && st == CODA_OK; c++) {
        st = coda_table_init_column(o, c, names[c], CODA_NUMBER);
        if (st == CODA_OK)
            o->cols[c].v.d[0] = v[c];
        if (st == CODA_OK && isnan(v[c]))
            st = coda_table_set_missing(o, c, 0);
    }
    if (st == CODA_OK)
        st = coda_table_init_column(o, n, "method", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_set_string(o, n, 0, method, strlen(method));
    if (st != CODA_OK) {
        coda_table_free(o);
        return st;
    }
    *out = o;
    return CODA_OK;
}
