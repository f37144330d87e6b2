/* summarise_ordered.c - counts, sums and means of groups whose rows come
 * group by group (coda_groups' order and start, left by a sort by key).
 * Each group's summary is made in turn and written straight into its
 * output column: nothing is kept a group, which with many groups (one a
 * row or so) saves more than the summing costs.  The groups are shared
 * among threads in ranges of a fixed size, and each group's values are
 * added in row order, so every answer is the same on any number of
 * threads and the same as the one-pass sums of summarise.c. */
#include "summarise_int.h"

#include "base_alloc.h"

#include <stdint.h>

enum {
    ORD_PART = 1 << 14, /* groups a part */
    ORD_AHEAD = 16      /* a value this many rows on is fetched early */
};

/* A group's count of values (or rows), sum and exact integer sum. */
typedef struct gsum {
    int64_t cnt, isum;
    double sum;
    int overflow;
} gsum;

typedef struct ojob {
    const coda_table *t;
    const coda_sumspec *s;
    const uint8_t *mine;    /* specs this file makes */
    size_t ns, oc, ng;
    const uint32_t *ord, *start;
    coda_table *o;
    size_t *over;           /* a part's first spec whose sum overflowed
                               (ns: none) */
} ojob;

/* The sum of group rows ord[b..e) of numeric column c (isint: an integer
 * column, a constant in each call, so each type has a loop of its own). */
static inline gsum group_sum(const coda_column *c, const uint32_t *ord,
                             size_t b, size_t e, size_t n, int isint)
{
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    gsum x = { 0, 0, 0, 0 };
    for (size_t i = b; i < e; i++) {
        if (i + ORD_AHEAD < n)
            __builtin_prefetch(isint ? (const void *)&iv[ord[i + ORD_AHEAD]]
                                     : (const void *)&dv[ord[i + ORD_AHEAD]]);
        uint32_t r = ord[i];
        if (miss && miss[r])
            continue;
        x.cnt++;
        if (isint) {
            x.overflow |= __builtin_add_overflow(x.isum, iv[r], &x.isum);
            x.sum += (double)iv[r];
        } else {
            x.sum += dv[r];
        }
    }
    return x;
}

/* Group g's summary s (of column c, NULL for a count of rows) into row g
 * of column oc; 0 when an integer sum overflowed.  A mean of no values is
 * NaN here, made missing afterwards (marking a value missing is not for
 * threads). */
static int put_group(const ojob *j, const coda_sumspec *s,
                     const coda_column *c, size_t oc, size_t g)
{
    coda_column *d = &j->o->cols[oc];
    size_t b = j->start[g], e = j->start[g + 1], n = j->start[j->ng];
    if (!c) {
        d->v.i[g] = (int64_t)(e - b);
        return 1;
    }
    int isint = c->type == CODA_INTEGER;
    gsum x = isint ? group_sum(c, j->ord, b, e, n, 1)
                   : group_sum(c, j->ord, b, e, n, 0);
    if (s->fn == CODA_SUM_COUNT)
        d->v.i[g] = x.cnt;
    else if (s->fn == CODA_SUM_MEAN)
        d->v.d[g] = x.cnt > 0 ? x.sum / (double)x.cnt : NAN;
    else if (isint)
        d->v.i[g] = x.isum;
    else
        d->v.d[g] = x.sum;
    return !(isint && s->fn == CODA_SUM_SUM && x.overflow);
}

/* Part p: its range of groups, spec by spec. */
static void part_main(void *ctx, size_t p)
{
    ojob *j = ctx;
    size_t g0 = p * ORD_PART;
    size_t g1 = g0 + ORD_PART < j->ng ? g0 + ORD_PART : j->ng;
    j->over[p] = j->ns;
    for (size_t k = 0; k < j->ns; k++) {
        if (!j->mine[k])
            continue;
        const coda_sumspec *s = &j->s[k];
        const coda_column *c = s->col >= 0 ? &j->t->cols[s->col] : NULL;
        int ok = 1;
        for (size_t g = g0; g < g1; g++)
            ok &= put_group(j, s, c, j->oc + k, g);
        if (!ok && j->over[p] == j->ns)
            j->over[p] = k;
    }
}

int sum_ordered_fits(const coda_sumspec *s, const coda_column *c,
                     const double *w, const layout *l, size_t nk)
{
    int plain = s->fn == CODA_SUM_COUNT ||
                (!w && (s->fn == CODA_SUM_SUM || s->fn == CODA_SUM_MEAN));
    return nk && l->g.order && plain &&
           (!c || c->type == CODA_INTEGER || c->type == CODA_NUMBER);
}

/* The means of no values (NaN) marked missing, in column oc. */
static coda_status mark_missing(coda_table *o, size_t oc, size_t ng)
{
    coda_status st = CODA_OK;
    for (size_t g = 0; g < ng && st == CODA_OK; g++)
        if (isnan(o->cols[oc].v.d[g]))
            st = coda_table_set_missing(o, oc, g);
    return st;
}

coda_status sum_ordered_specs(const coda_table *t, const coda_sumspec *s,
                              size_t ns, const uint8_t *mine,
                              const layout *l, coda_table *o, size_t oc,
                              size_t *failed)
{
    size_t nparts = (l->ng + ORD_PART - 1) / ORD_PART;
    ojob j = { t, s, mine, ns, oc, l->ng, l->g.order, l->g.start, o,
               coda_malloc((nparts + 1) * sizeof(size_t)) };
    if (!j.over)
        return CODA_ENOMEM;
    sum_par(nparts, sum_threads(t->nrow), part_main, &j);
    *failed = ns;
    for (size_t p = 0; p < nparts; p++)
        *failed = j.over[p] < *failed ? j.over[p] : *failed;
    coda_free(j.over);
    if (*failed < ns)
        return CODA_ELIMIT;
    coda_status st = CODA_OK;
    for (size_t k = 0; k < ns && st == CODA_OK; k++)
        if (mine[k] && s[k].fn == CODA_SUM_MEAN)
            st = mark_missing(o, oc + k, l->ng);
    return st;
}
