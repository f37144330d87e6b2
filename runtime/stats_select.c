/* stats_select.c - the k-th smallest of an unsorted array and the one
 * after it, without sorting: quickselect in place about a pivot from a
 * sample (Floyd and Rivest's), or, where the processor has AVX2 and the
 * caller gives room, out of place: each step copies the values below the
 * pivot and those above it to two free thirds of the room, four at a
 * time, and goes on with the side that holds the k-th. */
#include "stats.h"
#include "stats_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SELECT_AVX2 1
#endif

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

/* Most arrays have no NaN: one look at every value first, two at a time
 * where the processor can, and no writes. */
size_t coda_select_nan_last(double *x, size_t n)
{
    int any = 0;
    size_t i = 0;
#ifdef __SSE2__
    __m128d a = _mm_setzero_pd(), b = _mm_setzero_pd();
    for (; i + 4 <= n; i += 4) {
        __m128d u = _mm_loadu_pd(x + i), v = _mm_loadu_pd(x + i + 2);
        a = _mm_or_pd(a, _mm_cmpunord_pd(u, u));
        b = _mm_or_pd(b, _mm_cmpunord_pd(v, v));
    }
    any = _mm_movemask_pd(_mm_or_pd(a, b));
#endif
    for (; i < n; i++)
        any |= x[i] != x[i];
    if (!any)
        return n;
    size_t m = 0;
    for (i = 0; i < n; i++)
        if (!isnan(x[i]))
            swap_d(&x[m++], &x[i]);
    return m;
}

#ifdef SELECT_AVX2
enum {
    OUT_MIN = 64,    /* fewer values: selected in place */
    OUT_SMALL = 24,  /* a side this small is sorted */
    OUT_SAMPLED = 128 /* larger sides take a pivot from a sample */
};

/* PACK[m]: the 32-bit lanes of the doubles of a vector of four that mask
 * m chooses, in order, then lane 0 (what follows the chosen is not
 * read). */
static const int32_t PACK[16][8] __attribute__((aligned(32))) = {
    { 0, 0, 0, 0, 0, 0, 0, 0 }, { 0, 1, 0, 0, 0, 0, 0, 0 },
    { 2, 3, 0, 0, 0, 0, 0, 0 }, { 0, 1, 2, 3, 0, 0, 0, 0 },
    { 4, 5, 0, 0, 0, 0, 0, 0 }, { 0, 1, 4, 5, 0, 0, 0, 0 },
    { 2, 3, 4, 5, 0, 0, 0, 0 }, { 0, 1, 2, 3, 4, 5, 0, 0 },
    { 6, 7, 0, 0, 0, 0, 0, 0 }, { 0, 1, 6, 7, 0, 0, 0, 0 },
    { 2, 3, 6, 7, 0, 0, 0, 0 }, { 0, 1, 2, 3, 6, 7, 0, 0 },
    { 4, 5, 6, 7, 0, 0, 0, 0 }, { 0, 1, 4, 5, 6, 7, 0, 0 },
    { 2, 3, 4, 5, 6, 7, 0, 0 }, { 0, 1, 2, 3, 4, 5, 6, 7 }
};

/* The values of src[0..n) below pv to lo, those above it to hi, in
 * their order, four at a time (each vector's chosen values packed to its
 * front and the whole vector stored: lo and hi have room for n + 4);
 * *nl, *nh their counts.  No NaN: the rest equal pv. */
__attribute__((target("avx2,popcnt")))
static void split(const double *src, size_t n, double pv, double *lo,
                  double *hi, size_t *nl, size_t *nh)
{
    __m256d p = _mm256_set1_pd(pv);
    size_t l = 0, h = 0, i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d v = _mm256_loadu_pd(src + i);
        int ml = _mm256_movemask_pd(_mm256_cmp_pd(v, p, _CMP_LT_OQ));
        int mh = _mm256_movemask_pd(_mm256_cmp_pd(v, p, _CMP_GT_OQ));
        __m256 f = _mm256_castpd_ps(v);
        __m256i il = _mm256_load_si256((const __m256i *)PACK[ml]);
        __m256i ih = _mm256_load_si256((const __m256i *)PACK[mh]);
        _mm256_storeu_pd(lo + l, _mm256_castps_pd(_mm256_permutevar8x32_ps(f, il)));
        _mm256_storeu_pd(hi + h, _mm256_castps_pd(_mm256_permutevar8x32_ps(f, ih)));
        l += (size_t)__builtin_popcount((unsigned)ml);
        h += (size_t)__builtin_popcount((unsigned)mh);
    }
    for (; i < n; i++) {
        double v = src[i];
        lo[l] = v;
        hi[h] = v;
        l += v < pv;
        h += v > pv;
    }
    *nl = l, *nh = h;
}

/* A pivot for the k-th of x[0..n): the median of three, or for a larger
 * n the order statistic of a sample of about n^(2/3) values (in smp)
 * about k's place, shifted half a standard deviation of its rank past
 * k's side of the middle, so that the side kept is mostly small. */
static double pivot_of(const double *x, size_t n, size_t k, double *smp)
{
    if (n <= OUT_SAMPLED) {
        double a = x[0], b = x[n / 2], c = x[n - 1];
        sort3(&a, &b, &c);
        return b;
    }
    double nn = (double)n, i = (double)(k + 1);
    size_t s = (size_t)(0.5 * exp(2 * log(nn) / 3)), stride = n / s;
    for (size_t j = 0; j < s; j++)
        smp[j] = x[j * stride + stride / 2];
    double sd = 0.25 * sqrt((double)s * (nn - (double)s) / nn);
    double r = i * (double)s / nn - (i < nn / 2 ? -sd : sd);
    size_t kk = r < 0 ? 0 : r > (double)(s - 1) ? s - 1 : (size_t)r;
    select_k(smp, s, kk);
    return smp[kk];
}

/* The least of v[0..n) and least (NaN: none yet). */
static double least_of(const double *v, size_t n, double least)
{
    for (size_t i = 0; i < n; i++)
        least = !(v[i] >= least) ? v[i] : least;
    return least;
}

/* The two thirds of the room free when the side kept is in third at
 * (-1: in x), FREE[at + 1]. */
static const int FREE[4][2] = { { 0, 1 }, { 1, 2 }, { 0, 2 }, { 0, 1 } };

/* The k-th of x[0..n) and *next, as coda_select_kth, out of place: buf's
 * thirds (n + 4 each) take the two sides of each step, the side kept
 * read from where the last step wrote it (x itself first, never written).
 * above is the least value above the side kept (the pivot it was split
 * from), so the (k+1)-th when the k-th is the side's greatest.  Steps
 * past a budget sort the side instead. */
__attribute__((target("avx2,popcnt")))
static double select_out(const double *x, size_t n, size_t k, double *next,
                         double *buf)
{
    size_t room = n + 4, budget = 8;
    for (size_t m = n; m; m >>= 1)
        budget += 2;
    double *third[3] = { buf, buf + room, buf + 2 * room }, above = NAN;
    double *side = NULL; /* the side kept, once split from x */
    int at = -1;
    while (n > OUT_SMALL && budget--) {
        const double *cur = side ? side : x;
        double *lo = third[FREE[at + 1][0]], *hi = third[FREE[at + 1][1]];
        double pv = pivot_of(cur, n, k, lo);
        size_t nl, nh;
        split(cur, n, pv, lo, hi, &nl, &nh);
        if (k < nl) {
            above = pv, side = lo, at = FREE[at + 1][0], n = nl;
        } else if (k >= n - nh) {
            k -= n - nh, side = hi, at = FREE[at + 1][1], n = nh;
        } else { /* the k-th equals pv */
            if (next)
                *next = k + 1 < n - nh ? pv : least_of(hi, nh, above);
            return pv;
        }
    }
    if (!side)
        side = memcpy(third[0], x, n * sizeof *x);
    if (n <= OUT_SMALL)
        insertion(side, n);
    else
        qsort(side, n, sizeof *side, num_cmp);
    if (next)
        *next = k + 1 < n ? side[k + 1] : above;
    return side[k];
}

/* 1 when the processor has AVX2 (and the popcnt the split uses). */
static int have_avx2(void)
{
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
}
#endif

double coda_select_kth(double *x, size_t n, size_t k, double *next,
                       double *buf, size_t cap)
{
#ifdef SELECT_AVX2
    if (n >= OUT_MIN && buf && cap >= CODA_SELECT_ROOM(n) && have_avx2())
        return select_out(x, n, k, next, buf);
#else
    (void)buf, (void)cap;
#endif
    size_t t = select_k(x, n, k);
    if (next) {
        next_into(x, t, k + 1);
        *next = k + 1 < n ? x[k + 1] : NAN;
    }
    return x[k];
}
