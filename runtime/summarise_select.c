/* summarise_select.c - unweighted medians, quantiles and interquartile
 * ranges by group without sorting: each group's present values gathered
 * together (a counting sort by group: one pass to count, one to place,
 * each over stretches of rows on threads; no count pass when
 * summarise_stretch.c has counted the column's values in stretches that
 * make up these), then the order statistics a quantile reads selected
 * (coda_quantile_select_in, out of place in room of the thread's own
 * where it can), ranges of groups on threads.  With up to 65,536 groups
 * the values are placed through a stage of a line a group, each whole
 * line written at once, around the cache where the processor can.  A
 * group's values keep their row order however the rows are split, so the
 * answer does not depend on the threads. */
#include "base_alloc.h"
#include "stats.h"
#include "summarise_int.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct gather {
    const coda_column *c;
    const coda_sumspec *s;
    const layout *l;
    const uint32_t *gid;  /* each row's group; NULL: one group */
    size_t nrow, ng;
    size_t nstretch;      /* the rows in this many stretches */
    size_t *off;          /* off[k * ng + g]: stretch k's count of group
                           * g's values, then where the next one goes */
    size_t *start;        /* group g's values: vals[start[g] .. start[g+1]) */
    double *vals;
    size_t nrange, *range; /* groups range[i] .. range[i + 1] a part */
    double *res;          /* each group's summary */
} gather;

/* The first row of stretch k: nrow k / nstretch, as summarise_stretch.c
 * cuts its stretches. */
static size_t stretch_begin(const gather *ga, size_t k)
{
    return (size_t)((unsigned __int128)ga->nrow * k / ga->nstretch);
}

enum {
    STAGED = 8,              /* values a group's stage holds: a line */
    STAGED_GROUPS = 1 << 16  /* more groups: placed straight */
};

/* A group's values on their way to ga->vals, placed STAGED at a time so
 * that the writes into a large vals (each group's far from the others')
 * come a line at a time, not a value. */
typedef struct stage {
    double v[STAGED];
} stage;

/* A stage's whole line of values to v, around the cache where the
 * processor can (the line is not read first: nothing reads it until the
 * selection). */
static inline void put_line(double *v, const double *line)
{
#ifdef __SSE2__
    for (int i = 0; i < STAGED; i++) {
        long long bits;
        memcpy(&bits, &line[i], sizeof bits);
        _mm_stream_si64((long long *)&v[i], bits);
    }
#else
    memcpy(v, line, STAGED * sizeof *line);
#endif
}

enum { COUNT, PLACE, STAGE }; /* what a pass does with a row's value */

/* count, place, or place through stages (st, one a group, with n[g]
 * values in each) the values of rows [b, e); isint and how constants so
 * that each case gets a loop of its own. */
static inline void pass(gather *ga, size_t k, size_t b, size_t e, int isint,
                        int how, stage *st, uint8_t *n)
{
    const uint8_t *miss = ga->c->missing;
    const uint32_t *gid = ga->gid;
    const int64_t *iv = ga->c->v.i;
    const double *dv = ga->c->v.d;
    size_t *off = ga->off + k * ga->ng;
    for (size_t r = b; r < e; r++) {
        if (miss && miss[r])
            continue;
        size_t g = gid ? gid[r] : 0;
        double v = how == COUNT ? 0 : isint ? (double)iv[r] : dv[r];
        if (how != STAGE) {
            if (how == PLACE)
                ga->vals[off[g]] = v;
            off[g]++;
        } else {
            st[g].v[n[g]++] = v;
            if (n[g] == STAGED) {
                put_line(&ga->vals[off[g]], st[g].v);
                off[g] += STAGED, n[g] = 0;
            }
        }
    }
    if (how != STAGE)
        return;
#ifdef __SSE2__
    _mm_sfence(); /* the streamed lines seen before the pass ends */
#endif
    for (size_t g = 0; g < ga->ng; g++) { /* each stage's last values */
        memcpy(&ga->vals[off[g]], st[g].v, n[g] * sizeof *st[g].v);
        off[g] += n[g];
    }
}

/* Stretch k's count of each group's values into off: by 32-bit counts,
 * which stay in the cache where 64-bit ones would not (ten thousand
 * groups take 40 KB), when the stretch's rows fit them. */
static void count_part(void *ctx, size_t k)
{
    gather *ga = ctx;
    size_t b = stretch_begin(ga, k), e = stretch_begin(ga, k + 1);
    uint32_t *n = ga->gid && e - b <= UINT32_MAX
                      ? coda_calloc(ga->ng + 1, sizeof *n) : NULL;
    if (!n) {
        pass(ga, k, b, e, 0, COUNT, NULL, NULL);
        return;
    }
    const uint8_t *miss = ga->c->missing;
    const uint32_t *gid = ga->gid;
    if (miss)
        for (size_t r = b; r < e; r++)
            n[gid[r]] += !miss[r];
    else
        for (size_t r = b; r < e; r++)
            n[gid[r]]++;
    size_t *off = ga->off + k * ga->ng;
    for (size_t g = 0; g < ga->ng; g++)
        off[g] = n[g];
    coda_free(n);
}

static void place_part(void *ctx, size_t k)
{
    gather *ga = ctx;
    size_t b = stretch_begin(ga, k), e = stretch_begin(ga, k + 1);
    int isint = ga->c->type == CODA_INTEGER;
    stage *st = NULL;
    uint8_t *n = NULL;
    if (ga->gid && ga->ng <= STAGED_GROUPS) { /* else: straight */
        st = coda_malloc(ga->ng * sizeof *st);
        n = coda_calloc(ga->ng, 1);
    }
    if (st && n)
        isint ? pass(ga, k, b, e, 1, STAGE, st, n)
              : pass(ga, k, b, e, 0, STAGE, st, n);
    else
        isint ? pass(ga, k, b, e, 1, PLACE, NULL, NULL)
              : pass(ga, k, b, e, 0, PLACE, NULL, NULL);
    coda_free(st);
    coda_free(n);
}

/* Each stretch's counts of each group's values from those that
 * summarise_stretch.c left (ga->l), when it counted this column; 0 when
 * it did not. */
static int counts_known(gather *ga)
{
    const layout *l = ga->l;
    if (!l->vcount || l->vcol != ga->s->col || l->vparts != ga->nstretch)
        return 0;
    memcpy(ga->off, l->vcount, ga->nstretch * ga->ng * sizeof *ga->off);
    return 1;
}

/* The counts into places: group g's values from start[g], stretch 0's
 * first; the ranges of groups with about equal shares of the values. */
static void plan(gather *ga)
{
    size_t pos = 0;
    for (size_t g = 0; g < ga->ng; g++) {
        ga->start[g] = pos;
        for (size_t k = 0; k < ga->nstretch; k++) {
            size_t n = ga->off[k * ga->ng + g];
            ga->off[k * ga->ng + g] = pos;
            pos += n;
        }
    }
    ga->start[ga->ng] = pos;
    size_t i = 0;
    ga->range[0] = 0;
    for (size_t g = 0; g < ga->ng && i + 1 < ga->nrange; g++)
        if (ga->start[g + 1] * ga->nrange >= (i + 1) * pos)
            ga->range[++i] = g + 1;
    ga->nrange = i + 1;
    ga->range[ga->nrange] = ga->ng;
}

enum { ROOMY = 1 << 16 }; /* larger groups: selected in place */

/* Room for the selection among the groups of range i out of place
 * (CODA_SELECT_ROOM of the largest up to ROOMY values), or NULL: in
 * place; *cap its size. */
static double *room_for(const gather *ga, size_t i, size_t *cap)
{
    size_t most = 0;
    for (size_t g = ga->range[i]; g < ga->range[i + 1]; g++) {
        size_t n = ga->start[g + 1] - ga->start[g];
        most = n > most && n <= ROOMY ? n : most;
    }
    *cap = CODA_SELECT_ROOM(most);
    double *buf = most ? coda_malloc(*cap * sizeof *buf) : NULL;
    if (!buf)
        *cap = 0;
    return buf;
}

static void select_part(void *ctx, size_t i)
{
    gather *ga = ctx;
    double p[2], q[2];
    size_t np = sum_probs(ga->s, p), cap;
    int type = ga->s->type ? ga->s->type : 7;
    double *buf = room_for(ga, i, &cap);
    for (size_t g = ga->range[i]; g < ga->range[i + 1]; g++) {
        double *v = ga->vals + ga->start[g];
        size_t n = ga->start[g + 1] - ga->start[g];
        for (size_t j = 0; j < np; j++)
            q[j] = coda_quantile_select_in(v, n, p[j], type, buf, cap);
        ga->res[g] = sum_from_quantiles(q, np);
    }
    coda_free(buf);
}

static coda_status run(gather *ga, size_t nthreads)
{
    size_t ng = ga->ng;
    ga->off = coda_calloc(ga->nstretch * ng + 1, sizeof *ga->off);
    ga->start = coda_malloc((ng + 1) * sizeof *ga->start);
    ga->range = coda_malloc((ga->nrange + 1) * sizeof *ga->range);
    ga->res = coda_malloc((ng + 1) * sizeof *ga->res);
    if (!ga->off || !ga->start || !ga->range || !ga->res)
        return CODA_ENOMEM;
    if (!counts_known(ga))
        sum_par(ga->nstretch, nthreads, count_part, ga);
    plan(ga);
    ga->vals = coda_malloc((ga->start[ng] + 1) * sizeof *ga->vals);
    if (!ga->vals)
        return CODA_ENOMEM;
    sum_par(ga->nstretch, nthreads, place_part, ga);
    sum_par(ga->nrange, nthreads, select_part, ga);
    return CODA_OK;
}

size_t sum_select_stretches(size_t nrow, size_t ng)
{
    size_t n = sum_threads(nrow);
    while (n > 1 && n * ng > nrow) /* no more counts than rows */
        n--;
    return n;
}

coda_status sum_select_spec(const coda_table *t, const coda_sumspec *s,
                            const layout *l, size_t nk, coda_table *o,
                            size_t oc)
{
    size_t nthreads = sum_threads(t->nrow);
    size_t nstretch = sum_select_stretches(t->nrow, l->ng);
    gather ga = { &t->cols[s->col], s, l, nk ? l->g.gid : NULL, t->nrow,
                  l->ng, nstretch, NULL, NULL, NULL, 4 * nthreads, NULL,
                  NULL };
    coda_status st = run(&ga, nthreads);
    for (size_t r = 0; r < l->ng && st == CODA_OK; r++)
        st = sum_put_num(o, oc, r, ga.res[l->order[r]]);
    coda_free(ga.off);
    coda_free(ga.start);
    coda_free(ga.range);
    coda_free(ga.res);
    coda_free(ga.vals);
    return st;
}
