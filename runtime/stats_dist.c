/* stats_dist.c - distribution functions for p-values and intervals, from
 * R's standalone mathematics library (Rmath), so that they are R's own. */
#define MATHLIB_STANDALONE 1
#include <Rmath.h>

#include "stats.h"

double coda_qt(double p, double df)
{
    return qt(p, df, 1, 0);
}

double coda_pt_upper(double t, double df)
{
    return pt(t, df, 0, 0);
}

double coda_qnorm(double p)
{
    return qnorm(p, 0, 1, 1, 0);
}

double coda_pnorm_upper(double z)
{
    return pnorm(z, 0, 1, 0, 0);
}

double coda_pchisq_upper(double x, double df)
{
    return pchisq(x, df, 0, 0);
}

double coda_pf_upper(double f, double df1, double df2)
{
    return pf(f, df1, df2, 0, 0);
}

double coda_dhyper(double x, double r, double b, double n)
{
    return dhyper(x, r, b, n, 0);
}
