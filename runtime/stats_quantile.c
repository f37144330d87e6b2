/* stats_quantile.c - sample quantiles: R's nine types, and the weighted
 * quantile of R survey's svyquantile (the inverse of the weighted
 * distribution function). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

/* Type 7, as R computes it: the index 1 + (n - 1) p, interpolated. */
static double type7(const double *x, size_t n, double p)
{
    double index = 1 + (double)(n - 1) * p;
    size_t lo = (size_t)floor(index), hi = (size_t)ceil(index);
    double q = x[lo - 1], h = index - (double)lo;
    if (index > (double)lo && x[hi - 1] != q)
        q = (1 - h) * q + h * x[hi - 1];
    return q;
}

/* x[j] in R's 1-based terms, with x[0] = x[1] and x[n+1] = x[n]. */
static double at(const double *x, size_t n, long j)
{
    return x[j < 1 ? 0 : j > (long)n ? (long)n - 1 : j - 1];
}

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

double coda_quantile_sorted(const double *x, size_t n, double p, int type)
{
    if (n == 0 || !(p >= 0 && p <= 1) || type < 1 || type > 9)
        return NAN;
    if (type == 7)
        return type7(x, n, p);
    double h;
    long j = index_of(type, n, p, &h);
    double lo = at(x, n, j), hi = at(x, n, j + 1);
    if (h == 1)
        return hi;
    if (h > 0 && h < 1 && lo != hi)
        return (1 - h) * lo + h * hi;
    return lo;
}

/* The first of the (at most two, adjacent) 0-based positions of x that
 * coda_quantile_sorted reads for n, p, type (valid ones). */
static size_t first_read(size_t n, double p, int type)
{
    if (type == 7)
        return (size_t)floor(1 + (double)(n - 1) * p) - 1;
    double h;
    long j = index_of(type, n, p, &h);
    return j < 1 ? 0 : j > (long)n ? n - 1 : (size_t)(j - 1);
}

static void swap_d(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

static void sort3(double *a, double *b, double *c)
{
    if (*b < *a)
        swap_d(a, b);
    if (*c < *b) {
        swap_d(b, c);
        if (*b < *a)
            swap_d(a, b);
    }
}

static void insertion(double *x, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double v = x[i];
        size_t j = i;
        for (; j > 0 && v < x[j - 1]; j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

static int num_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* x[lo..hi) with the values that pass (v < pv, or v <= pv when le) moved
 * first, in one pass without a branch on the values (Lomuto's, each value
 * swapped whether it passes or not: on random values a branch would be
 * mispredicted half the time); returns where the others begin. */
static inline size_t part_by(double *x, size_t lo, size_t hi, double pv,
                             int le)
{
    size_t i = lo;
    for (size_t j = lo; j < hi; j++) {
        double t = x[j];
        x[j] = x[i];
        x[i] = t;
        i += le ? t <= pv : t < pv;
    }
    return i;
}

enum { SAMPLED = 600 }; /* larger ranges take a pivot from a sample */

static size_t select_k(double *x, size_t n, size_t k);

/* Floyd and Rivest's pivot for the k-th of x[lo..hi]: a stretch of x
 * about k (a sample of about n^(2/3) values, shifted a little past the
 * k-th's side) has its own order statistic at k selected, so that x[k]
 * is near the k-th of the whole range and the range left after the
 * partition is small. */
static void sample_pivot(double *x, size_t lo, size_t hi, size_t k)
{
    double n = (double)(hi - lo + 1), i = (double)(k - lo + 1);
    double z = log(n), s = 0.5 * exp(2 * z / 3);
    double sd = 0.5 * sqrt(z * s * (n - s) / n) * (i < n / 2 ? -1 : 1);
    double l = (double)k - i * s / n + sd, r = (double)k + (n - i) * s / n + sd;
    size_t a = l > (double)lo ? (size_t)l : lo;
    size_t b = r < (double)hi ? (size_t)r : hi;
    if (a <= k && k <= b)
        select_k(x + a, b - a + 1, k - a);
}

/* x[k] the k-th smallest of x[0..n) (no NaN), none after it smaller
 * (quickselect about the median of three, or for a large range about
 * sample_pivot's; a range that partitions badly too often is sorted).
 * When no value is below the pivot, the values equal to it are gathered
 * next, so that many equal values take one pass, not one each.
 * Returns the end of the range last left, t (k <= t < n): the (k+1)-th
 * smallest is the least of x(k..t], or when k == t already at x[k + 1]
 * (every t below n - 1 is one less than a pivot's final place, and a
 * pivot is no more than any value after it). */
static size_t select_k(double *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1, budget = 16;
    for (size_t m = n; m; m >>= 1)
        budget += 4;
    while (hi - lo > 16) {
        if (budget-- == 0) {
            qsort(x + lo, hi - lo + 1, sizeof *x, num_cmp);
            return hi;
        }
        if (hi - lo > SAMPLED) {
            sample_pivot(x, lo, hi, k);
            swap_d(&x[k], &x[hi]);
        } else {
            size_t mid = lo + (hi - lo) / 2;
            sort3(&x[lo], &x[mid], &x[hi]);
            swap_d(&x[mid], &x[hi]);
        }
        double pv = x[hi];
        size_t i = part_by(x, lo, hi, pv, 0);
        swap_d(&x[i], &x[hi]); /* x[lo..i) < pv = x[i] <= x(i..hi] */
        if (k == i)
            return hi;
        if (k < i) {
            hi = i - 1;
            continue;
        }
        if (i == lo) { /* x[i + 1 .. e) equal to pv */
            size_t e = part_by(x, i + 1, hi + 1, pv, 1);
            if (k < e)
                return hi;
            lo = e;
            continue;
        }
        lo = i + 1;
    }
    insertion(x + lo, hi - lo + 1);
    return hi;
}

/* The NaN of x[0..n) moved to its end; the count of the others.  Most
 * values have none: one look at every value first, no writes. */
static size_t nan_last(double *x, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        any |= x[i] != x[i];
    if (!any)
        return n;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            swap_d(&x[m++], &x[i]);
    return m;
}

/* 1 when coda_quantile_sorted reads the place after first_read's for n,
 * p, type (valid ones): an index between two order statistics. */
static int reads_next(size_t n, double p, int type)
{
    double h;
    if (type != 7)
        return index_of(type, n, p, &h), h > 0;
    double index = 1 + (double)(n - 1) * p;
    return index > floor(index);
}

/* x[b] the least of x[b..t] (the next order statistic after a
 * selection of b - 1 that returned t, which left it at b when b > t),
 * x reordered. */
static void next_into(double *x, size_t t, size_t b)
{
    if (b > t)
        return;
    size_t least = b;
    double best = x[b];
    for (size_t i = b + 1; i <= t; i++)
        if (x[i] < best) /* seldom: a new least */
            best = x[i], least = i;
    swap_d(&x[b], &x[least]);
}

double coda_quantile_select(double *x, size_t n, double p, int type)
{
    if (n == 0 || !(p >= 0 && p <= 1) || type < 1 || type > 9)
        return NAN;
    size_t m = nan_last(x, n), a = first_read(n, p, type);
    if (a < m) {
        size_t t = select_k(x, m, a);
        if (reads_next(n, p, type))
            next_into(x, t, a + 1);
    }
    return coda_quantile_sorted(x, n, p, type);
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
