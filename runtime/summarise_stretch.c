/* summarise_stretch.c - counts, sums and means by key over a large table
 * whose groups are few, with every core: the rows are cut into
 * STRETCHES stretches, a number fixed by the table's size alone, never by
 * the threads.  Each stretch keeps its own count and sum of every group,
 * its rows added in row order, and the stretches' are then added in
 * stretch order, so every answer is the same on any number of threads.
 * Integer sums are exact (128 bits): one is out of range only when the
 * whole sum is, and a mean of integers divides that exact sum.
 *
 * A stretch goes block by block, each summary over a block's rows in
 * turn, so that the block's group ids are read from memory once and from
 * the cache after that. */
#include "summarise_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

enum {
    STRETCHES = 16,
    STRETCH_MIN_ROWS = 1 << 20, /* smaller tables: summarise.c's one pass */
    STRETCH_BLOCK = 1 << 14     /* rows of a block */
};

/* The cells of the stretches together take no more than this, or 2
 * bytes a row. */
#define STRETCH_BUDGET ((size_t)8 << 20)

__extension__ typedef __int128 i128;

/* One group's count of values and sums within a stretch. */
typedef struct cell {
    i128 isum;
    int64_t cnt;
    double sum;
} cell;

typedef struct sjob {
    const coda_table *t;
    const coda_sumspec *s;
    const uint8_t *mine;
    size_t ns, nmine, ng;
    const uint32_t *gid;
    cell *cells;            /* stretch p, spec slot k, group g:
                               cells[(p * nmine + k) * ng + g] */
} sjob;

static size_t stretch_lo(size_t nrow, size_t p)
{
    return (size_t)((unsigned __int128)nrow * p / STRETCHES);
}

/* Rows [lo, hi) of numeric column c (NULL: rows counted) into cells by
 * group (isint: an integer column, a constant in each call). */
static inline void add_rows(const coda_column *c, const uint32_t *gid,
                            size_t lo, size_t hi, cell *a, int isint)
{
    if (!c) {
        for (size_t r = lo; r < hi; r++)
            a[gid[r]].cnt++;
        return;
    }
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = lo; r < hi; r++) {
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

/* Stretch p: block by block, every summary of it. */
static void stretch_main(void *ctx, size_t p)
{
    const sjob *j = ctx;
    size_t lo = stretch_lo(j->t->nrow, p), hi = stretch_lo(j->t->nrow, p + 1);
    cell *mine = &j->cells[p * j->nmine * j->ng];
    memset(mine, 0, j->nmine * j->ng * sizeof *mine);
    for (size_t b = lo; b < hi; b += STRETCH_BLOCK) {
        size_t e = hi - b < STRETCH_BLOCK ? hi : b + STRETCH_BLOCK;
        for (size_t k = 0, slot = 0; k < j->ns; k++) {
            if (!j->mine[k])
                continue;
            const coda_sumspec *s = &j->s[k];
            const coda_column *c = s->col >= 0 ? &j->t->cols[s->col] : NULL;
            cell *a = &mine[slot++ * j->ng];
            if (c && c->type == CODA_INTEGER)
                add_rows(c, j->gid, b, e, a, 1);
            else
                add_rows(c, j->gid, b, e, a, 0);
        }
    }
}

int sum_stretch_fits(const coda_sumspec *s, const coda_column *c,
                     const double *w, const layout *l, size_t nk,
                     size_t nrow)
{
    int plain = s->fn == CODA_SUM_COUNT ||
                (!w && (s->fn == CODA_SUM_SUM || s->fn == CODA_SUM_MEAN));
    return nk && plain && nrow >= STRETCH_MIN_ROWS &&
           (!c || c->type == CODA_INTEGER || c->type == CODA_NUMBER);
}

int sum_stretch_room(size_t nmine, size_t ng, size_t nrow)
{
    size_t budget = 2 * nrow > STRETCH_BUDGET ? 2 * nrow : STRETCH_BUDGET;
    return nmine && ng <= budget / sizeof(cell) / STRETCHES / nmine;
}

/* Group g of spec slot k, the stretches added in order, into row g of
 * column oc of o (groups are numbered in key order).  CODA_ELIMIT when
 * an integer sum is out of range; a mean of no values is missing. */
static coda_status put_group(const sjob *j, const coda_sumspec *s,
                             const coda_column *c, size_t slot,
                             coda_table *o, size_t oc, size_t g)
{
    cell x = { 0, 0, 0 };
    for (size_t p = 0; p < STRETCHES; p++) {
        const cell *y = &j->cells[(p * j->nmine + slot) * j->ng + g];
        x.cnt += y->cnt;
        x.isum += y->isum;
        x.sum += y->sum;
    }
    int isint = c && c->type == CODA_INTEGER;
    double sum = isint ? (double)x.isum : x.sum;
    coda_column *d = &o->cols[oc];
    if (s->fn == CODA_SUM_COUNT) {
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
    sjob j = { t, s, mine, ns, nmine, l->ng, l->g.gid, NULL };
    j.cells = coda_malloc((STRETCHES * nmine * l->ng + 1) * sizeof *j.cells);
    if (!j.cells)
        return CODA_ENOMEM;
    sum_par(STRETCHES, sum_threads(t->nrow), stretch_main, &j);
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
