/* stats_quantile.c - sample quantiles: R's nine types, of sorted values
 * or of the order statistics stats_select.c selects, and the weighted
 * quantile of R survey's svyquantile (the inverse of the weighted
 * distribution function). */
#include "stats.h"
#include "stats_int.h"

#include <math.h>
#include <stdlib.h>

/* The plotting positions a = b of types 4-9 (type 4: a = 0, b = 1). */
static void positions(int type, double *a, double *b)
{
    static const double ab[] = { 0, 0.5, 0, 1, 1.0 / 3, 3.0 / 8 };
    *a = ab[type - 4];
    *b = type == 4 ? 1 : *a;
}

/* j and the weight h of x[j+1] for types 1-6, 8, 9 (R's quantile.default). */
static long index_of(int type, size_t n, double p, double *h)
{
    if (type <= 3) {
        double nppm = type == 3 ? (double)n * p - 0.5 : (double)n * p;
        double j = floor(nppm);
        *h = type == 1 ? (nppm > j)
           : type == 2 ? ((nppm > j) + 1) / 2.0
           : (nppm != j) || fmod(j, 2) != 0;
        return (long)j;
    }
    double a, b, fuzz = 4 * 2.220446049250313e-16;
    positions(type, &a, &b);
    double nppm = a + p * ((double)n + 1 - a - b), j = floor(nppm + fuzz);
    *h = nppm - j;
    if (fabs(*h) < fuzz)
        *h = 0;
    return (long)j;
}

/* The two 0-based places of sorted x[0..n) that the quantile
 * reads for n, p, type (valid ones): *ia, and *ib (*ia or the next);
 * *h the weight of x[*ib] (type 7, as R computes it: the index
 * 1 + (n - 1) p; the others, R's j and h, places past the ends read at
 * them). */
static void places(size_t n, double p, int type, size_t *ia, size_t *ib,
                   double *h)
{
    if (type == 7) {
        double index = 1 + (double)(n - 1) * p;
        size_t lo = (size_t)floor(index);
        *h = index - (double)lo;
        *ia = lo - 1;
        *ib = *h > 0 ? lo : lo - 1;
        return;
    }
    long j = index_of(type, n, p, h);
    *ia = j < 1 ? 0 : j > (long)n ? n - 1 : (size_t)(j - 1);
    *ib = j + 1 < 1 ? 0 : j + 1 > (long)n ? n - 1 : (size_t)j;
}

/* The quantile from the values at those places, weighed as R does. */
static double between(double lo, double hi, double h)
{
    if (h == 1)
        return hi;
    if (h > 0 && h < 1 && lo != hi)
        return (1 - h) * lo + h * hi;
    return lo;
}

double coda_quantile_sorted(const double *x, size_t n, double p, int type)
{
    if (n == 0 || !(p >= 0 && p <= 1) || type < 1 || type > 9)
        return NAN;
    size_t ia, ib;
    double h;
    places(n, p, type, &ia, &ib, &h);
    return between(x[ia], x[ib], h);
}

double coda_quantile_select_in(double *x, size_t n, double p, int type,
                               double *buf, size_t cap)
{
    if (n == 0 || !(p >= 0 && p <= 1) || type < 1 || type > 9)
        return NAN;
    size_t m = coda_select_nan_last(x, n), ia, ib;
    double h, lo = NAN, hi = NAN; /* past the numbers: NaN */
    places(n, p, type, &ia, &ib, &h);
    int two = ib > ia && h > 0;
    if (ia < m)
        lo = coda_select_kth(x, m, ia, two ? &hi : NULL, buf, cap);
    return between(lo, two ? hi : lo, h);
}

double coda_quantile_select(double *x, size_t n, double p, int type)
{
    return coda_quantile_select_in(x, n, p, type, NULL, 0);
}

static int pair_cmp(const void *a, const void *b)
{
    double x = ((const coda_wpair *)a)->x, y = ((const coda_wpair *)b)->x;
    return (x > y) - (x < y);
}

/* As R survey's qrule_math: cumulative weights summed in long double (as
 * R's cumsum and sum), the last position whose cumulative weight is at
 * most p of the total, and its value when the share there is p, else the
 * next value.  A share within 1e-12 of p counts as p, so that a tie (p
 * of equal weights) gives the same answer however the sums round.  Below
 * the first value's share R takes the second value; coda takes the
 * first, the inverse's value there. */
double coda_wquantile_sorted(const coda_wpair *v, size_t n, double p)
{
    long double total = 0, acc = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].w > 0 ? v[i].w : 0;
    if (!(total > 0) || !(p >= 0 && p <= 1))
        return NAN;
    double target = p * (double)total, tol = 1e-12 * target, cum = 0;
    long pos = -1;
    for (size_t i = 0; i < n; i++) {
        if (!(v[i].w > 0))
            continue;
        double next = (double)(acc + v[i].w);
        if (next > target + tol) /* i is the first past p */
            return pos >= 0 && fabs(target - cum) <= tol ? v[pos].x : v[i].x;
        acc += v[i].w;
        pos = (long)i, cum = next;
    }
    return v[pos].x;
}

void coda_wpairs_sort(coda_wpair *v, size_t n)
{
    qsort(v, n, sizeof *v, pair_cmp);
}

double coda_wquantile(coda_wpair *v, size_t n, double p)
{
    coda_wpairs_sort(v, n);
    return coda_wquantile_sorted(v, n, p);
}
