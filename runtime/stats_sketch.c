/* stats_sketch.c - quantiles of many values from logarithmic buckets
 * (DDSketch's): a value x > 0 falls in bucket ceil(log_g x), g = (1 + a) /
 * (1 - a), a = 0.005, whose middle 2 g^i / (g + 1) is within a of x
 * relatively.  Counts only: sketches merge by adding counts, and the
 * sketch of all values is the same whatever their order or split. */
#include "stats.h"

#include "base_alloc.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* log g, once: every bucket's bounds come from it. */
static double log_gamma(void)
{
    static double lg;
    if (lg == 0)
        lg = log1p(2 * CODA_SKETCH_ACCURACY / (1 - CODA_SKETCH_ACCURACY));
    return lg;
}

static int32_t bucket_of(double x)
{
    return (int32_t)ceil(log(x) / log_gamma());
}

static double bucket_value(int32_t i)
{
    double g = (1 + CODA_SKETCH_ACCURACY) / (1 - CODA_SKETCH_ACCURACY);
    return 2 * exp((double)i * log_gamma()) / (g + 1);
}

/* Make room in store b for bucket i (the range grows both ways, into a
 * buffer with room to spare on each side: no copy a value). */
static coda_status store_reach(coda_sketch_store *b, int32_t i)
{
    if (b->n && i >= b->off && i < b->off + (int32_t)b->n)
        return CODA_OK;
    int32_t lo = b->n && b->off < i ? b->off : i;
    int32_t hi = b->n && b->off + (int32_t)b->n - 1 > i
                     ? b->off + (int32_t)b->n - 1 : i;
    uint32_t n = (uint32_t)(hi - lo + 1);
    if (!b->buf || lo < b->boff || hi >= b->boff + (int32_t)b->bcap) {
        uint32_t pad = n < 16 ? 16 : n;
        uint64_t *c = coda_calloc((size_t)n + 2 * pad, sizeof *c);
        if (!c)
            return CODA_ENOMEM;
        if (b->n)
            memcpy(c + pad + (b->off - lo), b->count, b->n * sizeof *c);
        coda_free(b->buf);
        b->buf = c, b->boff = lo - (int32_t)pad, b->bcap = n + 2 * pad;
    }
    b->off = lo, b->n = n, b->count = b->buf + (lo - b->boff);
    return CODA_OK;
}

coda_status coda_sketch_add_count(coda_sketch *s, int store, int32_t i,
                                  uint64_t k)
{
    coda_sketch_store *b = store > 0 ? &s->pos : &s->neg;
    if (store == 0) {
        s->zero += k;
        s->n += k;
        return CODA_OK;
    }
    coda_status st = store_reach(b, i);
    if (st == CODA_OK) {
        b->count[i - b->off] += k;
        s->n += k;
    }
    return st;
}

coda_status coda_sketch_add(coda_sketch *s, double x)
{
    if (isnan(x))
        return CODA_OK;
    if (x == 0 || fabs(x) < CODA_SKETCH_MIN)
        return coda_sketch_add_count(s, 0, 0, 1);
    if (isinf(x))
        x = x > 0 ? DBL_MAX : -DBL_MAX;
    return coda_sketch_add_count(s, x > 0 ? 1 : -1, bucket_of(fabs(x)), 1);
}

coda_status coda_sketch_merge(coda_sketch *s, const coda_sketch *o)
{
    coda_status st = coda_sketch_add_count(s, 0, 0, o->zero);
    for (uint32_t j = 0; j < o->pos.n && st == CODA_OK; j++)
        if (o->pos.count[j])
            st = coda_sketch_add_count(s, 1, o->pos.off + (int32_t)j,
                                       o->pos.count[j]);
    for (uint32_t j = 0; j < o->neg.n && st == CODA_OK; j++)
        if (o->neg.count[j])
            st = coda_sketch_add_count(s, -1, o->neg.off + (int32_t)j,
                                       o->neg.count[j]);
    return st;
}

/* The estimate of the k-th smallest value (0-based, k < n): negatives
 * from the largest magnitude, zeros, then positives. */
static double order_stat(const coda_sketch *s, uint64_t k)
{
    for (uint32_t j = s->neg.n; j-- > 0;) {
        if (k < s->neg.count[j])
            return -bucket_value(s->neg.off + (int32_t)j);
        k -= s->neg.count[j];
    }
    if (k < s->zero)
        return 0;
    k -= s->zero;
    for (uint32_t j = 0; j < s->pos.n; j++) {
        if (k < s->pos.count[j])
            return bucket_value(s->pos.off + (int32_t)j);
        k -= s->pos.count[j];
    }
    return NAN;
}

double coda_sketch_quantile(const coda_sketch *s, double p)
{
    if (s->n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    double h = p * (double)(s->n - 1);
    uint64_t k = (uint64_t)floor(h);
    double lo = order_stat(s, k);
    if (k + 1 >= s->n || h == (double)k)
        return lo;
    return lo + (h - (double)k) * (order_stat(s, k + 1) - lo);
}

void coda_sketch_free(coda_sketch *s)
{
    coda_free(s->pos.buf);
    coda_free(s->neg.buf);
    memset(s, 0, sizeof *s);
}
