/* summarise_stretch.c - counts, sums, means, least and greatest values,
 * standard deviations and variances by key over a large table, with every
 * core.  When the groups are few, the rows are cut into STRETCHES
 * stretches, a number fixed by the table's size alone, never by the
 * threads: each stretch keeps its own cells of every group, its rows taken
 * in row order, and the stretches' cells are then joined in stretch order,
 * so every answer is the same on any number of threads.  When the groups
 * are many (the stretches' cells would not fit the cache), each summary
 * takes all the rows as one stretch, the summaries side by side on
 * threads, in cells half the size of summarise.c's accumulators.
 *
 * Integer sums are exact (128 bits): one is out of range only when the
 * whole sum is, and a mean of integers divides that exact sum.  A least
 * or greatest value is a stretch's first (in row order) and, among the
 * stretches', the first stretch's: the row one pass would find.  A stretch
 * goes block by block, each summary over a block's rows in turn, so that
 * the block's group ids are read from memory once and from the cache after
 * that. */
#include "summarise_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

enum {
    STRETCHES = 16,
    STRETCH_MIN_ROWS = 1 << 20, /* smaller tables: summarise.c's one pass */
    STRETCH_BLOCK = 1 << 14,    /* rows of a block */
    STRETCH_AHEAD = 16,         /* a row's cell is fetched this many rows
                                   early: with many groups the cells are
                                   out of the cache */
    STRETCH_CACHED = 32 << 10   /* cells of no more bytes stay in it */
};

/* The cells of the stretches together take no more than this, or 2
 * bytes a row. */
#define STRETCH_BUDGET ((size_t)8 << 20)

__extension__ typedef __int128 i128;

/* One group's count of values and sums within a stretch; for a least or
 * greatest value, cnt is its row + 1 (0: none yet) and isum or sum the
 * value; for a standard deviation or variance, Welford's mean in sum and
 * M2 in m2. */
typedef struct cell {
    union {
        i128 isum;
        double m2;
    };
    int64_t cnt;
    double sum;
} cell;

/* Row r's cell fetched ahead, STRETCH_AHEAD rows early, when fetch (the
 * cells are many, out of the cache). */
static inline void fetch_ahead(const cell *a, const uint32_t *gid, size_t r,
                               size_t hi, int fetch)
{
    if (fetch && r + STRETCH_AHEAD < hi)
        __builtin_prefetch(&a[gid[r + STRETCH_AHEAD]], 1);
}

/* 1 when the cells of ng groups do not stay in the cache. */
static int many_cells(size_t ng)
{
    return ng * sizeof(cell) > STRETCH_CACHED;
}

/* y better than the best so far, x (sign 1: greater, -1: less)? */
static int better(const cell *y, const cell *x, int sign, int isint)
{
    if (!y->cnt)
        return 0;
    if (!x->cnt)
        return 1;
    int cmp = isint ? (y->isum > x->isum) - (y->isum < x->isum)
                    : sum_dbl_cmp(y->sum, x->sum);
    return sign * cmp > 0;
}

/* Rows [lo, hi) of numeric column c into the groups' least (sign -1) or
 * greatest (1) values (isint a constant in each call). */
static inline void add_extremes(const coda_column *c, const uint32_t *gid,
                                size_t lo, size_t hi, cell *a, int sign,
                                int isint, int fetch)
{
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi, fetch);
        if (miss && miss[r])
            continue;
        cell y = { .isum = isint ? iv[r] : 0, .cnt = (int64_t)r + 1,
                   .sum = isint ? 0 : dv[r] };
        cell *x = &a[gid[r]];
        if (better(&y, x, sign, isint))
            *x = y;
    }
}

static int extreme(coda_sumfn fn)
{
    return fn == CODA_SUM_MIN || fn == CODA_SUM_MAX;
}

typedef struct sjob {
    const coda_table *t;
    const coda_sumspec *s;
    const uint8_t *mine;
    size_t ns, nmine, ng, nst;  /* nst: the stretches */
    const uint32_t *gid;
    cell *cells;            /* stretch p, spec slot k, group g:
                               cells[(p * nmine + k) * ng + g] */
} sjob;

static size_t stretch_lo(const sjob *j, size_t p)
{
    return (size_t)((unsigned __int128)j->t->nrow * p / j->nst);
}

/* Rows [lo, hi) of numeric column c into cells by group; isint (an
 * integer column), miss (its missing mask, or NULL) and fetch (cells
 * fetched ahead: they are many) constants in each call, so that each
 * case has a loop of its own. */
static inline void add_values(const coda_column *c, const uint8_t *miss,
                              const uint32_t *gid, size_t lo, size_t hi,
                              cell *a, int isint, int fetch)
{
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi, fetch);
        if (miss && miss[r])
            continue;
        cell *x = &a[gid[r]];
        x->cnt++;
        if (isint)
            x->isum += iv[r];
        else
            x->sum += dv[r];
    }
}

/* Rows [lo, hi) of numeric column c (NULL: rows counted) into the cells
 * a of ng groups. */
static void add_rows(const coda_column *c, const uint32_t *gid, size_t lo,
                     size_t hi, cell *a, size_t ng)
{
    if (!c) {
        for (size_t r = lo; r < hi; r++)
            a[gid[r]].cnt++;
        return;
    }
    int isint = c->type == CODA_INTEGER;
    int fetch = many_cells(ng);
    const uint8_t *miss = c->missing;
    if (fetch)
        isint ? add_values(c, miss, gid, lo, hi, a, 1, 1)
              : add_values(c, miss, gid, lo, hi, a, 0, 1);
    else if (miss)
        isint ? add_values(c, miss, gid, lo, hi, a, 1, 0)
              : add_values(c, miss, gid, lo, hi, a, 0, 0);
    else
        isint ? add_values(c, NULL, gid, lo, hi, a, 1, 0)
              : add_values(c, NULL, gid, lo, hi, a, 0, 0);
}

/* Rows [lo, hi) of numeric column c into each group's Welford mean and
 * M2, each step summarise.c's (sd_keyed) to the bit. */
static void add_moments(const coda_column *c, const uint32_t *gid, size_t lo,
                        size_t hi, cell *a, size_t ng)
{
    const uint8_t *miss = c->missing;
    int isint = c->type == CODA_INTEGER;
    int fetch = many_cells(ng);
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi, fetch);
        if (miss && miss[r])
            continue;
        cell *x = &a[gid[r]];
        double v = isint ? (double)c->v.i[r] : c->v.d[r], d = v - x->sum;
        x->cnt++;
        x->sum += 1 / (double)x->cnt * d;
        x->m2 += d * (v - x->sum);
    }
}

static int moment(coda_sumfn fn)
{
    return fn == CODA_SUM_SD || fn == CODA_SUM_VAR;
}

/* Rows [lo, hi) of spec s into its cells a. */
static void add_spec(const sjob *j, const coda_sumspec *s, size_t lo,
                     size_t hi, cell *a)
{
    const coda_column *c = s->col >= 0 ? &j->t->cols[s->col] : NULL;
    int isint = c && c->type == CODA_INTEGER;
    int sign = s->fn == CODA_SUM_MAX ? 1 : -1;
    int fetch = many_cells(j->ng);
    if (moment(s->fn))
        add_moments(c, j->gid, lo, hi, a, j->ng);
    else if (extreme(s->fn) && isint)
        add_extremes(c, j->gid, lo, hi, a, sign, 1, fetch);
    else if (extreme(s->fn))
        add_extremes(c, j->gid, lo, hi, a, sign, 0, fetch);
    else
        add_rows(c, j->gid, lo, hi, a, j->ng);
}

/* Stretch p: block by block, every summary of it. */
static void stretch_main(void *ctx, size_t p)
{
    const sjob *j = ctx;
    size_t lo = stretch_lo(j, p), hi = stretch_lo(j, p + 1);
    cell *mine = &j->cells[p * j->nmine * j->ng];
    memset(mine, 0, j->nmine * j->ng * sizeof *mine);
    for (size_t b = lo; b < hi; b += STRETCH_BLOCK) {
        size_t e = hi - b < STRETCH_BLOCK ? hi : b + STRETCH_BLOCK;
        for (size_t k = 0, slot = 0; k < j->ns; k++)
            if (j->mine[k])
                add_spec(j, &j->s[k], b, e, &mine[slot++ * j->ng]);
    }
}

/* One stretch of every row: summary slot p's part, all its rows, in
 * row order (the summaries side by side on threads). */
static void spec_main(void *ctx, size_t p)
{
    const sjob *j = ctx;
    cell *a = &j->cells[p * j->ng];
    memset(a, 0, j->ng * sizeof *a);
    for (size_t k = 0, slot = 0; k < j->ns; k++)
        if (j->mine[k] && slot++ == p)
            add_spec(j, &j->s[k], 0, j->t->nrow, a);
}

int sum_stretch_fits(const coda_sumspec *s, const coda_column *c,
                     const double *w, const layout *l, size_t nk,
                     size_t nrow)
{
    int plain = s->fn == CODA_SUM_COUNT || (c && extreme(s->fn)) ||
                (!w && (s->fn == CODA_SUM_SUM || s->fn == CODA_SUM_MEAN ||
                        (c && moment(s->fn))));
    return nk && plain && nrow >= STRETCH_MIN_ROWS &&
           (!c || c->type == CODA_INTEGER || c->type == CODA_NUMBER);
}

size_t sum_stretch_count(size_t nmine, size_t ng, size_t nrow)
{
    size_t few = 2 * nrow > STRETCH_BUDGET ? 2 * nrow : STRETCH_BUDGET;
    size_t many = 8 * few;
    size_t bytes = sizeof(cell) * (nmine ? nmine : 1) * (ng ? ng : 1);
    if (!nmine || bytes > many)
        return 0;
    return bytes * STRETCHES <= few ? STRETCHES : 1;
}

/* Group g's standard deviation or variance (fn) of spec slot k: the
 * stretches' means and M2 joined in order (Chan's), the variance as
 * summarise.c's: n / (n - 1) M2 / n, missing below two values. */
static coda_status put_moments(const sjob *j, coda_sumfn fn, size_t slot,
                               coda_table *o, size_t oc, size_t g)
{
    int64_t n = 0;
    double mean = 0, m2 = 0;
    for (size_t p = 0; p < j->nst; p++) {
        const cell *y = &j->cells[(p * j->nmine + slot) * j->ng + g];
        if (y->cnt == 0)
            continue;
        if (n == 0) {
            n = y->cnt, mean = y->sum, m2 = y->m2;
            continue;
        }
        double na = (double)n, nb = (double)y->cnt, delta = y->sum - mean;
        n += y->cnt;
        mean += delta * (nb / (double)n);
        m2 += y->m2 + delta * delta * na * nb / (double)n;
    }
    double nn = (double)n;
    double var = n < 2 ? NAN : nn / (nn - 1) * m2 / nn;
    return sum_put_num(o, oc, g, fn == CODA_SUM_SD ? sqrt(var) : var);
}

/* Group g of spec slot k, the stretches added in order, into row g of
 * column oc of o (groups are numbered in key order).  CODA_ELIMIT when
 * an integer sum is out of range; a mean of no values is missing. */
static coda_status put_group(const sjob *j, const coda_sumspec *s,
                             const coda_column *c, size_t slot,
                             coda_table *o, size_t oc, size_t g)
{
    cell x = { .isum = 0, .cnt = 0, .sum = 0 };
    int isint = c && c->type == CODA_INTEGER;
    int sign = s->fn == CODA_SUM_MAX ? 1 : -1;
    if (moment(s->fn))
        return put_moments(j, s->fn, slot, o, oc, g);
    for (size_t p = 0; p < j->nst; p++) {
        const cell *y = &j->cells[(p * j->nmine + slot) * j->ng + g];
        if (extreme(s->fn)) {
            if (better(y, &x, sign, isint))
                x = *y;
            continue;
        }
        x.cnt += y->cnt;
        x.isum += y->isum;
        x.sum += y->sum;
    }
    double sum = isint ? (double)x.isum : x.sum;
    coda_column *d = &o->cols[oc];
    if (extreme(s->fn) && !x.cnt) {
        return coda_table_set_missing(o, oc, g);
    } else if (extreme(s->fn)) {
        if (isint)
            d->v.i[g] = (int64_t)x.isum;
        else
            d->v.d[g] = x.sum;
    } else if (s->fn == CODA_SUM_COUNT) {
        d->v.i[g] = x.cnt;
    } else if (s->fn == CODA_SUM_MEAN) {
        return sum_put_num(o, oc, g, x.cnt > 0 ? sum / (double)x.cnt : NAN);
    } else if (isint) {
        if (x.isum > INT64_MAX || x.isum < INT64_MIN)
            return CODA_ELIMIT;
        d->v.i[g] = (int64_t)x.isum;
    } else {
        d->v.d[g] = x.sum;
    }
    return CODA_OK;
}

coda_status sum_stretch_specs(const coda_table *t, const coda_sumspec *s,
                              size_t ns, const uint8_t *mine,
                              const layout *l, coda_table *o, size_t oc,
                              size_t *failed)
{
    size_t nmine = 0;
    for (size_t k = 0; k < ns; k++)
        nmine += mine[k] != 0;
    sjob j = { t, s, mine, ns, nmine, l->ng,
               sum_stretch_count(nmine, l->ng, t->nrow), l->g.gid, NULL };
    j.cells = coda_malloc((j.nst * nmine * l->ng + 1) * sizeof *j.cells);
    if (!j.cells)
        return CODA_ENOMEM;
    if (j.nst == 1) /* the groups are many: the summaries side by side */
        sum_par(nmine, sum_threads(t->nrow), spec_main, &j);
    else
        sum_par(j.nst, sum_threads(t->nrow), stretch_main, &j);
    coda_status st = CODA_OK;
    for (size_t k = 0, slot = 0; k < ns && st == CODA_OK; k++) {
        if (!mine[k])
            continue;
        const coda_column *c = s[k].col >= 0 ? &t->cols[s[k].col] : NULL;
        for (size_t g = 0; g < l->ng && st == CODA_OK; g++)
            st = put_group(&j, &s[k], c, slot, o, oc + k, g);
        if (st == CODA_ELIMIT)
            *failed = k;
        slot++;
    }
    coda_free(j.cells);
    return st;
}
