/* stats_xsum.c - exact sums of doubles as floating-point expansions
 * (Shewchuk's non-overlapping partials, as Python's math.fsum), rounded
 * once: the same rounded sum whatever the order of the terms. */
#include "stats.h"

#include "base_alloc.h"

#include <math.h>
#include <string.h>

/* Append x to s's components. */
static coda_status push(coda_xsum *s, double x)
{
    if (s->n == s->cap) {
        uint32_t cap = s->cap ? 2 * s->cap : 4;
        double *p = coda_realloc(s->p, cap * sizeof *p);
        if (!p)
            return CODA_ENOMEM;
        s->p = p;
        s->cap = cap;
    }
    s->p[s->n++] = x;
    return CODA_OK;
}

coda_status coda_xsum_add(coda_xsum *s, double x)
{
    if (!isfinite(x)) {
        s->special += x;        /* inf, -inf, nan: the sum is that */
        s->nspecial = 1;
        return CODA_OK;
    }
    uint32_t i = 0;
    for (uint32_t j = 0; j < s->n; j++) {
        double y = s->p[j];
        if (fabs(x) < fabs(y)) {
            double t = x;
            x = y;
            y = t;
        }
        double hi = x + y, lo = y - (hi - x);
        if (!isfinite(hi)) {    /* past the largest double: the sum is inf */
            s->special += hi;
            s->nspecial = 1;
            s->n = 0;
            return CODA_OK;
        }
        if (lo != 0)
            s->p[i++] = lo;
        x = hi;
    }
    s->n = i;
    return x != 0 ? push(s, x) : CODA_OK;
}

coda_status coda_xsum_add_product(coda_xsum *s, double a, double b)
{
    double p = a * b;
    coda_status st = coda_xsum_add(s, p);
    if (st == CODA_OK && isfinite(p))
        st = coda_xsum_add(s, fma(a, b, -p));
    return st;
}

coda_status coda_xsum_merge(coda_xsum *s, const coda_xsum *o)
{
    coda_status st = CODA_OK;
    for (uint32_t j = 0; j < o->n && st == CODA_OK; j++)
        st = coda_xsum_add(s, o->p[j]);
    if (o->nspecial) {
        s->special += o->special;
        s->nspecial = 1;
    }
    return st;
}

/* Python's fsum rounding: the top partials summed, then the half-way case
 * corrected from the sign of the rest. */
double coda_xsum_value(const coda_xsum *s)
{
    if (s->nspecial)
        return s->special;
    if (s->n == 0)
        return 0;
    uint32_t n = s->n - 1;
    double hi = s->p[n], lo = 0;
    while (n > 0) {
        double x = hi, y = s->p[--n];
        hi = x + y;
        lo = y - (hi - x);
        if (lo != 0)
            break;
    }
    if (n > 0 && ((lo < 0 && s->p[n - 1] < 0) || (lo > 0 && s->p[n - 1] > 0))) {
        double y = lo * 2, x = hi + y;
        if (y == x - hi)
            hi = x;
    }
    return hi;
}

void coda_xsum_free(coda_xsum *s)
{
    coda_free(s->p);
    memset(s, 0, sizeof *s);
}
