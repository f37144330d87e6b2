/* survey_cross.c - what every stage's variance is made of: the centred
 * cross-products of totals within groups (strata, or the clusters of the
 * stage above) and a group's part as its PSU count and the lonely-PSU
 * rule make it.  Below survey_stage.c and survey_taylor.c, which both use
 * them. */
#include "survey_int.h"

#include <math.h>
#include <string.h>

double svy_part(coda_lonely lonely, uint32_t n, double f, double scale,
                double sum12, double cp)
{
    if (f < SVY_CENSUS)
        return 0;
    if (n > 1)
        return scale * cp;
    switch (lonely) {
    case CODA_LONELY_ADJUST: return scale * sum12;
    case CODA_LONELY_AVERAGE: return NAN;
    default: return 0;
    }
}

void svy_cross(size_t ng, size_t nx, const uint32_t *grp, const uint32_t *n,
               const double *x1, const double *x2, double *s)
{
    double *sum1 = s, *sum2 = s + ng, *cp = s + 2 * ng;
    memset(s, 0, 3 * ng * sizeof *s);
    for (size_t i = 0; i < nx; i++) {
        sum1[grp[i]] += x1[i];
        sum2[grp[i]] += x2[i];
    }
    for (size_t i = 0; i < nx; i++) {
        size_t h = grp[i];
        cp[h] += (x1[i] - sum1[h] / n[h]) * (x2[i] - sum2[h] / n[h]);
    }
}
