/* summarise_stretch_join.c - the stretches' cells of each group joined
 * in stretch order into the result (summarise_stretch.c makes them): the
 * first best value of a least or greatest, the counts and sums added,
 * the means and M2 of a standard deviation or variance by Chan's
 * formula.  The groups are put in parts on threads, each part its own
 * rows of one result column; the missing ones are marked after, on the
 * caller's thread, as a column's missing mask is made on its first. */
#include "summarise_stretch_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

/* Stretch p's cell of group g in cell slot k. */
static const cell *cell_at(const sjob *j, size_t p, size_t k, size_t g)
{
    cells a = cells_of(j, p, k);
    return &a.at[g];
}

/* Row g of number column d: v, or gone (missing) when v is NaN. */
static void put_num(coda_column *d, uint8_t *gone, size_t g, double v)
{
    if (isnan(v))
        gone[g] = 1;
    else
        d->v.d[g] = v;
}

/* Group g's standard deviation or variance (fn) in cell slot k: the
 * stretches' means and M2 joined in order (Chan's), the variance as
 * summarise.c's: n / (n - 1) M2 / n, missing below two values. */
static void put_moments(const sjob *j, coda_sumfn fn, size_t slot,
                        coda_column *d, uint8_t *gone, size_t g)
{
    int64_t n = 0;
    double mean = 0, m2 = 0;
    for (size_t p = 0; p < j->nst; p++) {
        const cell *y = cell_at(j, p, slot, g);
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
    put_num(d, gone, g, fn == CODA_SUM_SD ? sqrt(var) : var);
}

/* Stretch p's part of fused spec k (an integer's at word w) of group g
 * into x. */
static void join_fused(const sjob *j, size_t p, size_t w, int isint,
                       size_t g, cell *x)
{
    const word *y = words_of(j, p, g);
    x->cnt += y[0].i;
    if (!isint) {
        x->sum += y[w].d;
        return;
    }
    x->isum += y[w].i;
    if (j->carried[p]) /* 2^64 a carry */
        x->isum += (i128)j->carries[p * j->kstep + g * j->ni + w - 1] *
                   ((i128)1 << 64);
}

/* Stretch p's fused extreme at word w of group g as a cell (cnt 0: the
 * group has no rows in the stretch). */
static cell fused_extreme(const sjob *j, size_t p, size_t w, int isint,
                          size_t g)
{
    const word *y = xwords_of(j, p, g);
    cell c = { .isum = isint ? y[w].i : 0, .cnt = y[0].i,
               .sum = isint ? 0 : y[w].d };
    return c;
}

/* Group g of spec k, the stretches joined in order into x: the first
 * best value, or the count (the cells', or else the group's rows) and
 * the sums added. */
static cell join_group(const sjob *j, size_t k, int isint, size_t g)
{
    const coda_sumspec *s = &j->s[k];
    cell x = { .isum = 0, .cnt = 0, .sum = 0 };
    int sign = s->fn == CODA_SUM_MAX ? 1 : -1, own = own_count(j, s);
    for (size_t p = 0; p < j->nst; p++) {
        if (j->fused[k] == FUSED_SUM) {
            join_fused(j, p, j->at[k], isint, g, &x);
            continue;
        }
        if (j->fused[k] == FUSED_EXTREME) {
            cell y = fused_extreme(j, p, j->at[k], isint, g);
            if (better(&y, &x, sign, isint))
                x = y;
            continue;
        }
        const cell *y = cell_at(j, p, j->at[k], g);
        if (extreme(s->fn)) {
            if (better(y, &x, sign, isint))
                x = *y;
            continue;
        }
        x.cnt += own ? y->cnt : words_of(j, p, g)[0].i;
        if (isint)
            x.isum += y->isum + y->i;
        else
            x.sum += y->sum;
    }
    return x;
}

/* Group g of spec k into row g of its column d of the result (groups
 * are numbered in key order), or gone[g] set (missing: a mean of no
 * values).  CODA_ELIMIT when an integer sum is out of range. */
static coda_status put_group(const sjob *j, size_t k, coda_column *d,
                             uint8_t *gone, size_t g)
{
    const coda_sumspec *s = &j->s[k];
    const coda_column *c = spec_col(j, s);
    int isint = c && c->type == CODA_INTEGER;
    if (moment(s->fn)) {
        put_moments(j, s->fn, j->at[k], d, gone, g);
        return CODA_OK;
    }
    cell x = join_group(j, k, isint, g);
    double sum = isint ? (double)x.isum : x.sum;
    if (extreme(s->fn) && !x.cnt) {
        gone[g] = 1;
    } else if (extreme(s->fn)) {
        if (isint)
            d->v.i[g] = (int64_t)x.isum;
        else
            d->v.d[g] = x.sum;
    } else if (s->fn == CODA_SUM_COUNT) {
        d->v.i[g] = x.cnt;
    } else if (s->fn == CODA_SUM_MEAN) {
        put_num(d, gone, g, x.cnt > 0 ? sum / (double)x.cnt : NAN);
    } else if (isint) {
        if (x.isum > INT64_MAX || x.isum < INT64_MIN)
            return CODA_ELIMIT;
        d->v.i[g] = (int64_t)x.isum;
    } else {
        d->v.d[g] = x.sum;
    }
    return CODA_OK;
}

enum { JOIN_GROUPS = 1 << 14 }; /* groups of a part of the join */

/* The join in parts: part i * chunks + c puts spec ks[i]'s groups
 * [c * JOIN_GROUPS, (c + 1) * JOIN_GROUPS), its missing ones in
 * gone[i * ng + g], its status in st[part]. */
typedef struct pjob {
    const sjob *j;
    coda_table *o;
    size_t oc, nk, chunks;
    const size_t *ks;
    uint8_t *gone;
    coda_status *st;
} pjob;

static void join_main(void *ctx, size_t part)
{
    const pjob *q = ctx;
    size_t i = part / q->chunks, ng = q->j->ng;
    size_t lo = part % q->chunks * JOIN_GROUPS;
    size_t hi = ng - lo < JOIN_GROUPS ? ng : lo + JOIN_GROUPS;
    coda_column *d = &q->o->cols[q->oc + q->ks[i]];
    coda_status st = CODA_OK;
    for (size_t g = lo; g < hi && st == CODA_OK; g++)
        st = put_group(q->j, q->ks[i], d, &q->gone[i * ng], g);
    q->st[part] = st;
}

/* q's parts' missing groups into o, spec by spec in order, unless a
 * spec's sum is out of range (*failed: the first such). */
static coda_status join_close(const pjob *q, size_t *failed)
{
    for (size_t i = 0; i < q->nk; i++)
        for (size_t c = 0; c < q->chunks; c++)
            if (q->st[i * q->chunks + c] != CODA_OK) {
                *failed = q->ks[i];
                return q->st[i * q->chunks + c];
            }
    size_t ng = q->j->ng;
    for (size_t i = 0; i < q->nk; i++)
        for (size_t g = 0; g < ng; g++)
            if (q->gone[i * ng + g]) {
                coda_status st = coda_table_set_missing(q->o, q->oc + q->ks[i],
                                                        g);
                if (st != CODA_OK)
                    return st;
            }
    return CODA_OK;
}

coda_status sum_stretch_join(const sjob *j, coda_table *o, size_t oc,
                             size_t *failed)
{
    size_t chunks = j->ng / JOIN_GROUPS + 1;
    pjob q = { j, o, oc, 0, chunks, NULL, NULL, NULL };
    size_t *ks = coda_malloc((j->nmine + 1) * sizeof *ks);
    q.gone = coda_calloc(j->nmine * j->ng + 1, 1);
    q.st = coda_malloc((j->nmine * chunks + 1) * sizeof *q.st);
    coda_status st = ks && q.gone && q.st ? CODA_OK : CODA_ENOMEM;
    for (size_t k = 0; k < j->ns && st == CODA_OK; k++)
        if (j->mine[k])
            ks[q.nk++] = k;
    q.ks = ks;
    if (st == CODA_OK) {
        sum_par(q.nk * chunks, sum_threads(j->t->nrow), join_main, &q);
        st = join_close(&q, failed);
    }
    coda_free(ks);
    coda_free(q.gone);
    coda_free(q.st);
    return st;
}
