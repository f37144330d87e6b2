/* summarise_stretch.c - counts, sums, means, least and greatest values,
 * standard deviations and variances by key over a large table, with every
 * core.  The rows are cut into stretches, a number fixed by the table's
 * size and groups alone, never by the threads: 16 when the groups are few,
 * 2 when they are many.  Each stretch keeps its own cells of every group,
 * its rows taken in row order, and the stretches' cells are then joined in
 * stretch order, so every answer is the same on any number of threads.
 * When even two stretches' cells would be too many, each summary takes all
 * the rows as one stretch, the summaries side by side on threads.
 *
 * A stretch goes block by block.  One pass over a block's rows counts
 * each group's rows and adds the sums and means of columns with no
 * missing values (up to three integer and three double ones: fused), a
 * group's count and sums side by side in one row of words, so that a
 * row of the table touches one place in memory; a second pass keeps the
 * least and greatest values of up to three such columns the same way, a
 * group's side by side with its count of rows in the stretch; every
 * other summary then takes the block's rows in turn, its group ids from
 * the cache.  A summary of a column with no missing values takes its
 * count from the group's rows.
 *
 * Integer sums are exact: a fused one in 64 bits and a count of its
 * carries past them, any other in 128 bits; one is out of range only
 * when the whole sum is, and a mean of integers divides that exact sum.
 * A least or greatest value is a stretch's first (in row order) and,
 * among the stretches', the first stretch's: the row one pass would
 * find. */
#include "summarise_stretch_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

enum {
    STRETCHES = 16,             /* stretches when the groups are few */
    STRETCHES_MANY = 2,         /* and when they are many */
    STRETCH_MIN_ROWS = 1 << 20, /* smaller tables: summarise.c's one pass */
    STRETCH_BLOCK = 1 << 14,    /* rows of a block */
    STRETCH_AHEAD = 16,         /* a row's cell is fetched this many rows
                                   early: with many groups the cells are
                                   out of the cache */
    STRETCH_CACHED = 32 << 10,  /* cells of no more bytes stay in it */
    INVERSES = 4096,            /* the table of 1 / n holds n < this */
    STRETCH_LINE = 128          /* a stretch's cells, words and carries
                                   start on lines of this many bytes (two,
                                   as the cache fetches them), so that two
                                   threads' stretches never write the same
                                   line */
};

/* The cells of 16 stretches together take no more than this, or 2 bytes
 * a row; those of 2 stretches, or of 1, no more than 8 times as much. */
#define STRETCH_BUDGET ((size_t)8 << 20)

/* Row r's cell fetched ahead, STRETCH_AHEAD rows early, when a.fetch. */
static inline void fetch_ahead(cells a, const uint32_t *gid, size_t r,
                               size_t hi)
{
    if (a.fetch && r + STRETCH_AHEAD < hi)
        __builtin_prefetch(&a.at[gid[r + STRETCH_AHEAD]], 1);
}

/* Rows [lo, hi) of numeric column c into the groups' least (sign -1) or
 * greatest (1) values (isint a constant in each call). */
static inline void add_extremes(const coda_column *c, const uint32_t *gid,
                                size_t lo, size_t hi, cells a, int sign,
                                int isint)
{
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi);
        if (miss && miss[r])
            continue;
        cell y = { .isum = isint ? iv[r] : 0, .cnt = (int64_t)r + 1,
                   .sum = isint ? 0 : dv[r] };
        cell *x = &a.at[gid[r]];
        if (better(&y, x, sign, isint))
            *x = y;
    }
}

static size_t stretch_lo(const sjob *j, size_t p)
{
    return (size_t)((unsigned __int128)j->t->nrow * p / j->nst);
}

/* x's integer sum when i + v is out of range: i into isum, and v the
 * new i. */
static void spill(cell *x, int64_t v)
{
    x->i = (int64_t)((uint64_t)x->i - (uint64_t)v); /* i + v back to i */
    x->isum += x->i;
    x->i = v;
}

/* Rows [lo, hi) of numeric column c into cells by group; isint (an
 * integer column), miss (its missing mask, or NULL) and count (the count
 * kept in the cells) constants in each call, so that each case has a
 * loop of its own. */
static inline void add_values(const coda_column *c, const uint8_t *miss,
                              const uint32_t *gid, size_t lo, size_t hi,
                              cells a, int isint, int count)
{
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi);
        if (miss && miss[r])
            continue;
        cell *x = &a.at[gid[r]];
        if (count)
            x->cnt++;
        if (!isint)
            x->sum += dv[r];
        else if (__builtin_add_overflow(x->i, iv[r], &x->i))
            spill(x, iv[r]);
    }
}

/* Rows [lo, hi) of numeric column c (NULL: rows counted) into cells a,
 * the counts too when count. */
static void add_rows(const coda_column *c, const uint32_t *gid, size_t lo,
                     size_t hi, cells a, int count)
{
    if (!c) {
        for (size_t r = lo; r < hi && count; r++)
            a.at[gid[r]].cnt++;
        return;
    }
    int isint = c->type == CODA_INTEGER;
    const uint8_t *miss = c->missing;
    if (miss)
        isint ? add_values(c, miss, gid, lo, hi, a, 1, 1)
              : add_values(c, miss, gid, lo, hi, a, 0, 1);
    else if (count)
        isint ? add_values(c, NULL, gid, lo, hi, a, 1, 1)
              : add_values(c, NULL, gid, lo, hi, a, 0, 1);
    else
        isint ? add_values(c, NULL, gid, lo, hi, a, 1, 0)
              : add_values(c, NULL, gid, lo, hi, a, 0, 0);
}

/* 1 / n, from the table of them when n is in it (the same double: the
 * table holds the quotients), else divided out. */
static inline double inverse(const double *inv, int64_t n)
{
    return n < INVERSES ? inv[n] : 1 / (double)n;
}

/* Rows [lo, hi) of numeric column c into each group's Welford mean and
 * M2, each step summarise.c's (sd_keyed) to the bit; inv the table of
 * 1 / n, so that a step seldom divides. */
static void add_moments(const coda_column *c, const uint32_t *gid, size_t lo,
                        size_t hi, cells a, const double *inv)
{
    const uint8_t *miss = c->missing;
    int isint = c->type == CODA_INTEGER;
    for (size_t r = lo; r < hi; r++) {
        fetch_ahead(a, gid, r, hi);
        if (miss && miss[r])
            continue;
        cell *x = &a.at[gid[r]];
        double v = isint ? (double)c->v.i[r] : c->v.d[r], d = v - x->sum;
        x->cnt++;
        x->sum += inverse(inv, x->cnt) * d;
        x->m2 += d * (v - x->sum);
    }
}

/* Rows [lo, hi) of spec s into its cells a. */
static void add_spec(const sjob *j, const coda_sumspec *s, size_t lo,
                     size_t hi, cells a)
{
    const coda_column *c = spec_col(j, s);
    int isint = c && c->type == CODA_INTEGER;
    int sign = s->fn == CODA_SUM_MAX ? 1 : -1;
    if (moment(s->fn))
        add_moments(c, j->gid, lo, hi, a, j->inv);
    else if (extreme(s->fn) && isint)
        add_extremes(c, j->gid, lo, hi, a, sign, 1);
    else if (extreme(s->fn))
        add_extremes(c, j->gid, lo, hi, a, sign, 0);
    else
        add_rows(c, j->gid, lo, hi, a, own_count(j, s));
}

/* Stretch p's group g's fused integer sum k past 64 bits: its word
 * wrapped when v was added, so a carry of v's sign. */
static void carry(const sjob *j, size_t p, size_t g, size_t k, int64_t v)
{
    int64_t *c = &j->carries[p * j->kstep];
    if (!j->carried[p]) { /* the stretch's first carry */
        memset(c, 0, j->ng * j->ni * sizeof *c);
        j->carried[p] = 1;
    }
    c[g * j->ni + k] += v > 0 ? 1 : -1;
}

/* Rows [lo, hi) of stretch p into its fused rows: each group's rows
 * (when a mean or count takes them) and the ni integer and nd double sums
 * (constants in each call, so that the loop keeps every column in a
 * register and a row's words at a constant stride). */
static inline void fused_loop(const sjob *j, size_t p, size_t lo, size_t hi,
                              size_t ni, size_t nd)
{
    const uint32_t *gid = j->gid;
    word *z = &j->words[p * j->wstep];
    const size_t fw = 1 + ni + nd;
    const int64_t *iv[FUSED_MAX];
    const double *dv[FUSED_MAX];
    memcpy(iv, j->iv, sizeof iv);
    memcpy(dv, j->dv, sizeof dv);
    int fetch = j->fetch, count = j->need_rows;
    for (size_t r = lo; r < hi; r++) {
        if (fetch && r + STRETCH_AHEAD < hi)
            __builtin_prefetch(&z[gid[r + STRETCH_AHEAD] * fw], 1);
        word *x = &z[gid[r] * fw];
        if (count)
            x[0].i++;
#pragma GCC unroll 3
        for (size_t k = 0; k < ni; k++)
            if (__builtin_add_overflow(x[1 + k].i, iv[k][r], &x[1 + k].i))
                carry(j, p, gid[r], k, iv[k][r]);
#pragma GCC unroll 3
        for (size_t k = 0; k < nd; k++)
            x[1 + ni + k].d += dv[k][r];
    }
}

/* fused_loop for j's fused specs: one loop of its own for each number of
 * each type. */
static void add_fused(const sjob *j, size_t p, size_t lo, size_t hi)
{
    switch (j->ni * (FUSED_MAX + 1) + j->nd) {
#define FUSED_CASE(I, D)                                                   \
    case I * (FUSED_MAX + 1) + D:                                          \
        fused_loop(j, p, lo, hi, I, D);                                    \
        break;
        FUSED_CASE(0, 0) FUSED_CASE(0, 1) FUSED_CASE(0, 2) FUSED_CASE(0, 3)
        FUSED_CASE(1, 0) FUSED_CASE(1, 1) FUSED_CASE(1, 2) FUSED_CASE(1, 3)
        FUSED_CASE(2, 0) FUSED_CASE(2, 1) FUSED_CASE(2, 2) FUSED_CASE(2, 3)
        FUSED_CASE(3, 0) FUSED_CASE(3, 1) FUSED_CASE(3, 2) FUSED_CASE(3, 3)
#undef FUSED_CASE
    default: break;
    }
}

/* y better than x, a kept value of fused extreme e (sign 1: greater,
 * -1: less; NaN after every number), as better() for cells. */
static inline int better_word(const sjob *j, size_t e, word y, word x)
{
    int cmp = j->ec[e]->type == CODA_INTEGER ? (y.i > x.i) - (y.i < x.i)
                                             : sum_dbl_cmp(y.d, x.d);
    return j->esign[e] * cmp > 0;
}

/* Rows [lo, hi) of stretch p into its fused extremes (ne a constant in
 * each call): a group's first row in the stretch sets each value, a
 * later one better than it replaces it, so the first of equal values
 * stays. */
static inline void extreme_loop(const sjob *j, size_t p, size_t lo,
                                size_t hi, size_t ne)
{
    const uint32_t *gid = j->gid;
    word *z = &j->xwords[p * j->xstep];
    const size_t xw = 1 + ne;
    word v[FUSED_MAX];
    int fetch = j->fetch;
    for (size_t r = lo; r < hi; r++) {
        if (fetch && r + STRETCH_AHEAD < hi)
            __builtin_prefetch(&z[gid[r + STRETCH_AHEAD] * xw], 1);
        word *x = &z[gid[r] * xw];
        int first = x[0].i++ == 0;
#pragma GCC unroll 3
        for (size_t e = 0; e < ne; e++) {
            if (j->ec[e]->type == CODA_INTEGER)
                v[e].i = j->ec[e]->v.i[r];
            else
                v[e].d = j->ec[e]->v.d[r];
            if (first || better_word(j, e, v[e], x[1 + e]))
                x[1 + e] = v[e];
        }
    }
}

/* extreme_loop for j's fused extremes: a loop of its own for each
 * number of them. */
static void add_fused_extremes(const sjob *j, size_t p, size_t lo, size_t hi)
{
    switch (j->ne) {
    case 1: extreme_loop(j, p, lo, hi, 1); break;
    case 2: extreme_loop(j, p, lo, hi, 2); break;
    case 3: extreme_loop(j, p, lo, hi, 3); break;
    default: break;
    }
}

/* Stretch p: block by block, the fused passes (the groups' rows and the
 * fused sums; the fused extremes), then every other summary. */
static void stretch_main(void *ctx, size_t p)
{
    const sjob *j = ctx;
    size_t lo = stretch_lo(j, p), hi = stretch_lo(j, p + 1);
    memset(&j->cells[p * j->cstep], 0, j->ng * j->nslot * sizeof *j->cells);
    memset(&j->words[p * j->wstep], 0,
           j->ng * (1 + j->ni + j->nd) * sizeof *j->words);
    if (j->ne)
        memset(&j->xwords[p * j->xstep], 0,
               j->ng * (1 + j->ne) * sizeof *j->xwords);
    j->carried[p] = 0;
    for (size_t b = lo; b < hi; b += STRETCH_BLOCK) {
        size_t e = hi - b < STRETCH_BLOCK ? hi : b + STRETCH_BLOCK;
        if (j->need_rows || j->ni + j->nd)
            add_fused(j, p, b, e);
        if (j->ne)
            add_fused_extremes(j, p, b, e);
        for (size_t k = 0; k < j->ns; k++)
            if (j->mine[k] && !j->fused[k])
                add_spec(j, &j->s[k], b, e, cells_of(j, p, j->at[k]));
    }
}

/* One stretch of every row: summary slot p's part, all its rows, in
 * row order (the summaries side by side on threads). */
static void spec_main(void *ctx, size_t p)
{
    const sjob *j = ctx;
    cells a = cells_of(j, 0, p);
    memset(a.at, 0, j->ng * sizeof *a.at);
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
    if (bytes * STRETCHES <= few)
        return STRETCHES;
    return bytes * STRETCHES_MANY <= many ? STRETCHES_MANY : 1;
}
/* n things of size bytes, rounded up to whole lines. */
static size_t whole_lines(size_t n, size_t size)
{
    size_t per = STRETCH_LINE / size;
    return (n + per - 1) / per * per;
}

/* A block of size bytes in *mem, from the start of a line, or NULL. */
static void *on_line(void **mem, size_t size)
{
    *mem = coda_malloc(size + STRETCH_LINE);
    if (!*mem)
        return NULL;
    uintptr_t at = (uintptr_t)*mem + STRETCH_LINE - 1;
    return (void *)(at - at % STRETCH_LINE);
}

/* Spec k into j: fused (a sum or mean of a column with no missing
 * values, FUSED_MAX of each type, in a stretch of rows) at its word,
 * else at a cell slot of its own. */
static void place(sjob *j, size_t k)
{
    const coda_sumspec *s = &j->s[k];
    const coda_column *c = spec_col(j, s);
    int isint = c && c->type == CODA_INTEGER;
    size_t *n = isint ? &j->ni : &j->nd;
    if (!own_count(j, s) &&
        (s->fn == CODA_SUM_MEAN || s->fn == CODA_SUM_COUNT))
        j->need_rows = 1;
    if (extreme(s->fn) && !j->by_spec && !c->missing && j->ne < FUSED_MAX) {
        j->fused[k] = FUSED_EXTREME;
        j->ec[j->ne] = c;
        j->esign[j->ne] = s->fn == CODA_SUM_MAX ? 1 : -1;
        j->at[k] = 1 + j->ne++;
        return;
    }
    if (j->by_spec || !c || c->missing || *n == FUSED_MAX ||
        (s->fn != CODA_SUM_SUM && s->fn != CODA_SUM_MEAN)) {
        j->at[k] = j->nslot++;
        return;
    }
    j->fused[k] = FUSED_SUM;
    if (isint)
        j->iv[j->ni] = c->v.i;
    else
        j->dv[j->nd] = c->v.d;
    j->at[k] = (*n)++;
}

/* Where each spec of j goes: the fused integers' words after the rows,
 * then the doubles'. */
static coda_status place_all(sjob *j)
{
    j->at = coda_malloc((j->ns + 1) * sizeof *j->at);
    j->fused = coda_calloc(j->ns + 1, 1);
    if (!j->at || !j->fused)
        return CODA_ENOMEM;
    for (size_t k = 0; k < j->ns; k++)
        if (j->mine[k])
            place(j, k);
    for (size_t k = 0; k < j->ns; k++)
        if (j->fused[k] == FUSED_SUM) /* a fused spec has a column */
            j->at[k] += spec_col(j, &j->s[k])->type == CODA_INTEGER
                            ? 1
                            : 1 + j->ni;
    return CODA_OK;
}

/* j's table of 1 / n, when one of its specs is a standard deviation or
 * variance (their steps take it); else none. */
static coda_status make_inverses(sjob *j)
{
    int any = 0;
    for (size_t k = 0; k < j->ns; k++)
        any |= j->mine[k] && moment(j->s[k].fn);
    if (!any)
        return CODA_OK;
    j->inv = coda_malloc(INVERSES * sizeof *j->inv);
    if (!j->inv)
        return CODA_ENOMEM;
    j->inv[0] = 0;
    for (int64_t n = 1; n < INVERSES; n++)
        j->inv[n] = 1 / (double)n;
    return CODA_OK;
}

/* j's cells, words and carries taken and made, or CODA_ENOMEM. */
static coda_status stretch_run(sjob *j)
{
    j->by_spec = j->nst == 1;
    coda_status st = place_all(j);
    if (st != CODA_OK)
        return st;
    size_t fw = 1 + j->ni + j->nd;
    j->fetch = j->ng * (j->by_spec ? 1 : j->nmine) * sizeof(cell) >
               STRETCH_CACHED;
    j->cstep = whole_lines(j->nslot * j->ng, sizeof *j->cells);
    j->wstep = whole_lines(fw * j->ng, sizeof *j->words);
    j->kstep = whole_lines(j->ni * j->ng, sizeof *j->carries);
    j->xstep = j->ne ? whole_lines((1 + j->ne) * j->ng, sizeof *j->xwords)
                     : 0;
    j->cells = on_line(&j->cmem, j->nst * j->cstep * sizeof *j->cells);
    j->words = on_line(&j->wmem, j->nst * j->wstep * sizeof *j->words);
    j->carries = on_line(&j->kmem, j->nst * j->kstep * sizeof *j->carries);
    j->xwords = on_line(&j->xmem, j->nst * j->xstep * sizeof *j->xwords);
    j->carried = coda_calloc(j->nst + 1, 1);
    if (!j->cells || !j->words || !j->carries || !j->xwords || !j->carried)
        return CODA_ENOMEM;
    st = make_inverses(j);
    if (st != CODA_OK)
        return st;
    size_t nt = sum_threads(j->t->nrow);
    if (j->by_spec)
        sum_par(j->nmine, nt, spec_main, j);
    else
        sum_par(j->nst, nt, stretch_main, j);
    return CODA_OK;
}

/* Stretch p's count of group g's values of the column of spec k (a
 * standard deviation or variance: its cells count them), or of its rows
 * (k == ns: j counts them, for a column with no missing values). */
static size_t count_at(const sjob *j, size_t k, size_t p, size_t g)
{
    if (k == j->ns)
        return (size_t)words_of(j, p, g)[0].i;
    cells a = cells_of(j, p, j->at[k]);
    return (size_t)a.at[g].cnt;
}

/* The spec of j whose cells count column c's values (ns: j's rows count
 * them), or ns + 1: none. */
static size_t counter_of(const sjob *j, long c)
{
    for (size_t k = 0; k < j->ns; k++)
        if (j->mine[k] && moment(j->s[k].fn) && j->s[k].col == c)
            return k;
    const coda_column *col = &j->t->cols[c];
    return j->need_rows && !col->missing ? j->ns : j->ns + 1;
}

/* The counts of a column's values by group in each of the select's
 * stretches (each a run of j's) into l, when a median, quantile or iqr
 * of j's specs (not j's own) takes that column and j has counted it
 * (summarise_select.c then need not).  Only a lack of memory stops them,
 * and that only costs the select its own count. */
static void leave_counts(const sjob *j, layout *l)
{
    size_t parts = sum_select_stretches(j->t->nrow, j->ng);
    for (size_t i = 0; i < j->ns && !l->vcount && j->nst % parts == 0; i++) {
        const coda_sumspec *s = &j->s[i];
        if (!sum_needs_rows(s->fn) || s->fn == CODA_SUM_N_DISTINCT ||
            s->col < 0)
            continue;
        size_t k = counter_of(j, s->col);
        if (k > j->ns)
            continue;
        l->vcount = coda_calloc(parts * j->ng + 1, sizeof *l->vcount);
        for (size_t p = 0; l->vcount && p < j->nst; p++) {
            size_t *to = &l->vcount[p / (j->nst / parts) * j->ng];
            for (size_t g = 0; g < j->ng; g++)
                to[g] += count_at(j, k, p, g);
        }
        l->vparts = parts;
        l->vcol = s->col;
    }
}

coda_status sum_stretch_specs(const coda_table *t, const coda_sumspec *s,
                              size_t ns, const uint8_t *mine, layout *l,
                              coda_table *o, size_t oc, size_t *failed)
{
    size_t nmine = 0;
    for (size_t k = 0; k < ns; k++)
        nmine += mine[k] != 0;
    sjob j = { .t = t, .s = s, .mine = mine, .ns = ns, .nmine = nmine,
               .ng = l->ng, .nst = sum_stretch_count(nmine, l->ng, t->nrow),
               .gid = l->g.gid };
    coda_status st = stretch_run(&j);
    if (st == CODA_OK)
        st = sum_stretch_join(&j, o, oc, failed);
    if (st == CODA_OK)
        leave_counts(&j, l);
    coda_free(j.cmem);
    coda_free(j.wmem);
    coda_free(j.kmem);
    coda_free(j.xmem);
    coda_free(j.carried);
    coda_free(j.at);
    coda_free(j.fused);
    coda_free(j.inv);
    return st;
}
