/* summarise_stretch_int.h - what summarise_stretch.c (the stretches'
 * cells, made on threads) and summarise_stretch_join.c (joined into the
 * result) share (internal). */
#ifndef CODA_SUMMARISE_STRETCH_INT_H
#define CODA_SUMMARISE_STRETCH_INT_H

#include "summarise_int.h"

#include <stdint.h>

__extension__ typedef __int128 i128;

/* One summary's cell of one group within a stretch: the count of values
 * (kept only where the group's rows are not the count: a column with
 * missing values, or one stretch a summary) and the sum; for a least or
 * greatest value, cnt is its row + 1 (0: none yet) and isum or sum the
 * value; for a standard deviation or variance, Welford's count, mean in
 * sum and M2 in m2. */
typedef struct cell {
    union {
        i128 isum;
        double m2;
    };
    int64_t cnt;
    union {
        double sum;
        int64_t i; /* an integer sum's part not yet in isum */
    };
} cell;

/* The cells of one summary in one stretch: group g's is at[g]. */
typedef struct cells {
    cell *at;
    int fetch; /* fetched ahead: they are many, out of the cache */
} cells;

static inline int extreme(coda_sumfn fn)
{
    return fn == CODA_SUM_MIN || fn == CODA_SUM_MAX;
}

static inline int moment(coda_sumfn fn)
{
    return fn == CODA_SUM_SD || fn == CODA_SUM_VAR;
}

/* y better than the best so far, x (sign 1: greater, -1: less)? */
static inline int better(const cell *y, const cell *x, int sign, int isint)
{
    if (!y->cnt)
        return 0;
    if (!x->cnt)
        return 1;
    int cmp = isint ? (y->isum > x->isum) - (y->isum < x->isum)
                    : sum_dbl_cmp(y->sum, x->sum);
    return sign * cmp > 0;
}

/* A word of a stretch's fused row of a group. */
typedef union word {
    int64_t i;
    double d;
} word;

enum { FUSED_MAX = 3 }; /* integer, and double, sums a stretch fuses,
                          and least or greatest values */

enum { FUSED_SUM = 1, FUSED_EXTREME = 2 }; /* sjob's fused[k] */

typedef struct sjob {
    const coda_table *t;
    const coda_sumspec *s;
    const uint8_t *mine;
    size_t ns, nmine, ng, nst;  /* nst: the stretches */
    const uint32_t *gid;
    int by_spec;            /* one stretch: the summaries side by side */
    int fetch;              /* a stretch's cells are out of the cache */
    int need_rows;          /* a group's rows are counted (words[0]): a
                               mean or count takes them */
    size_t *at;             /* spec k's cell slot, or its word (fused) */
    uint8_t *fused;         /* spec k is fused: a sum or mean
                               (FUSED_SUM), or a least or greatest value
                               (FUSED_EXTREME) */
    const int64_t *iv[FUSED_MAX]; /* the fused integer columns, */
    const double *dv[FUSED_MAX];  /* and double ones */
    size_t ni, nd, nslot;   /* fused integer, double specs; cell slots */
    size_t ne;              /* fused least or greatest values, of */
    const coda_column *ec[FUSED_MAX]; /* these columns, */
    int esign[FUSED_MAX];   /* greatest (1) or least (-1) */
    size_t cstep, wstep, kstep, xstep; /* cells, words, carries, extremes'
                                          words of a stretch */
    cell *cells;            /* stretch p, cell slot k, group g:
                               cells[p * cstep + k * ng + g] */
    word *words;            /* stretch p's fused row of group g, from
                               words[p * wstep + g * (1 + ni + nd)]:
                               its rows, integer sums, double sums */
    word *xwords;           /* stretch p's fused extremes of group g,
                               from xwords[p * xstep + g * (1 + ne)]: the
                               count of its rows, then each value */
    int64_t *carries;       /* fused integer k's carries past 64 bits,
                               carries[p * kstep + g * ni + k] */
    uint8_t *carried;       /* stretch p has carries (else unset) */
    void *cmem, *wmem, *kmem, *xmem; /* the blocks they are in */
    double *inv;            /* 1 / n for small n (a standard deviation's
                               steps), or NULL */
} sjob;

/* Cell slot k's cells in stretch p. */
static inline cells cells_of(const sjob *j, size_t p, size_t k)
{
    return (cells){ &j->cells[p * j->cstep + k * j->ng], j->fetch };
}

/* Stretch p's fused extremes of group g. */
static inline word *xwords_of(const sjob *j, size_t p, size_t g)
{
    return &j->xwords[p * j->xstep + g * (1 + j->ne)];
}

/* Stretch p's fused row of group g. */
static inline word *words_of(const sjob *j, size_t p, size_t g)
{
    return &j->words[p * j->wstep + g * (1 + j->ni + j->nd)];
}

/* Spec s's column in j's table, or NULL (a count of rows). */
static inline const coda_column *spec_col(const sjob *j,
                                          const coda_sumspec *s)
{
    return s->col >= 0 ? &j->t->cols[s->col] : NULL;
}

/* 1 when the count of spec s's values in a group is kept in its cells,
 * not taken from the group's rows. */
static inline int own_count(const sjob *j, const coda_sumspec *s)
{
    const coda_column *c = spec_col(j, s);
    return j->by_spec || moment(s->fn) || extreme(s->fn) ||
           (c && c->missing);
}

/* The cells of j's stretches joined in stretch order into columns oc + k
 * of o, each group's in key order, on threads.  CODA_ELIMIT when an
 * integer sum is out of range (*failed: the first such spec),
 * CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_stretch_join(const sjob *j, coda_table *o, size_t oc,
                             size_t *failed);

#endif
