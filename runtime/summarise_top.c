/* summarise_top.c - the rows with the n largest or smallest values of a
 * column in each group (slice_max, slice_min), in one pass over the rows:
 * each group keeps its best values so far with their rows, best first,
 * beside the worst of them once it has n, so that most rows are turned
 * away on one look.  Stretches of rows run on threads, each keeping its
 * own best; they are merged in row order, so ties go to the earlier row
 * however many threads ran. */
#include "summarise.h"

#include "base_alloc.h"
#include "group.h"
#include "summarise_int.h"

#include <math.h>
#include <string.h>

typedef union key {
    double d;
    int64_t i;
} key;

/* One group's state in one stretch: its slots are val[off .. off + cap)
 * (row[] alike), fill of them used; worst is val[off + cap - 1] once
 * they are full (fill == cap). */
typedef struct slots {
    key worst;
    size_t fill, cap, off;
} slots;

typedef struct top {
    const coda_column *c;
    int largest, isint;
    size_t ng, n;
    size_t nrow, nstretch;
    const uint32_t *gid; /* the group of each row; NULL: one group */
    size_t nslot;        /* slots of one stretch */
    slots *sl;           /* stretch k's group g: sl[k * ng + g] */
    key *val;            /* stretch k's values: val[k * nslot ..] */
    size_t *row;         /* and their rows */
} top;

/* a ranks strictly before b. */
static inline int before(key a, key b, int isint, int largest)
{
    if (isint)
        return largest ? a.i > b.i : a.i < b.i;
    return largest ? a.d > b.d : a.d < b.d;
}

static int present(const coda_column *c, size_t r)
{
    return !coda_is_missing(c, r) &&
           (c->type == CODA_INTEGER || !isnan(c->v.d[r]));
}

/* Each group's slots: n, or (when n slots a group would pass an eighth
 * of the rows) as many as its present values, at most n. */
static coda_status make_slots(top *tp)
{
    size_t ng = tp->ng;
    tp->sl = coda_calloc(tp->nstretch * ng + 1, sizeof *tp->sl);
    if (!tp->sl)
        return CODA_ENOMEM;
    int few = tp->n <= tp->nrow / 8 / (ng ? ng : 1);
    for (size_t g = 0; g < ng; g++)
        tp->sl[g].cap = tp->n;
    for (size_t r = 0; r < tp->nrow && !few; r++) /* fill counts here */
        if (present(tp->c, r))
            tp->sl[tp->gid ? tp->gid[r] : 0].fill++;
    for (size_t g = 0; g < ng; g++) {
        slots *s = &tp->sl[g];
        s->cap = few || s->fill > tp->n ? tp->n : s->fill;
        s->fill = 0;
        s->off = tp->nslot;
        tp->nslot += s->cap;
    }
    for (size_t k = 1; k < tp->nstretch; k++)
        memcpy(tp->sl + k * ng, tp->sl, ng * sizeof *tp->sl);
    tp->val = coda_malloc((tp->nstretch * tp->nslot + 1) * sizeof *tp->val);
    tp->row = coda_malloc((tp->nstretch * tp->nslot + 1) * sizeof *tp->row);
    return tp->val && tp->row ? CODA_OK : CODA_ENOMEM;
}

/* v of row r into slots s (values kv, rows kr) when it ranks among the
 * best so far; a tie goes after those already there. */
static inline void offer(slots *s, key *kv, size_t *kr, key v, size_t r,
                         int isint, int largest)
{
    size_t f = s->fill, cap = s->cap;
    size_t i = f < cap ? f : cap - 1;
    s->fill = f < cap ? f + 1 : f;
    for (; i > 0 && before(v, kv[i - 1], isint, largest); i--) {
        kv[i] = kv[i - 1];
        kr[i] = kr[i - 1];
    }
    kv[i] = v;
    kr[i] = r;
    if (s->fill == cap)
        s->worst = kv[cap - 1];
}

/* The rows of stretch k; a row is turned away on its group's worst
 * before it is looked at further (a NaN never ranks before it).  Inlined
 * into each caller with isint and largest constants. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void scan(top *tp, size_t k, int isint, int largest)
{
    const uint8_t *miss = tp->c->missing;
    const int64_t *iv = tp->c->v.i;
    const double *dv = tp->c->v.d;
    slots *sl = tp->sl + k * tp->ng;
    key *val = tp->val + k * tp->nslot;
    size_t *row = tp->row + k * tp->nslot;
    size_t b = tp->nrow / tp->nstretch * k;
    size_t e = k + 1 == tp->nstretch ? tp->nrow : b + tp->nrow / tp->nstretch;
    for (size_t r = b; r < e; r++) {
        key v;
        if (isint)
            v.i = iv[r];
        else
            v.d = dv[r];
        slots *s = &sl[tp->gid ? tp->gid[r] : 0];
        if (s->cap == 0 || (s->fill == s->cap &&
                            !before(v, s->worst, isint, largest)))
            continue;
        if ((miss && miss[r]) || (!isint && isnan(v.d)))
            continue;
        offer(s, val + s->off, row + s->off, v, r, isint, largest);
    }
}

/* Stretch k's rows (isint and largest constants in each call). */
static void scan_part(void *ctx, size_t k)
{
    top *tp = ctx;
    if (tp->isint)
        tp->largest ? scan(tp, k, 1, 1) : scan(tp, k, 1, 0);
    else
        tp->largest ? scan(tp, k, 0, 1) : scan(tp, k, 0, 0);
}

/* Stretch k's best of each group merged into stretch 0's, whose rows
 * come first on ties. */
static void merge(top *tp, size_t k, key *kv, size_t *kr)
{
    for (size_t g = 0; g < tp->ng; g++) {
        slots *a = &tp->sl[g], *b = &tp->sl[k * tp->ng + g];
        size_t o = a->off, cap = a->cap;
        key *av = tp->val + o, *bv = tp->val + k * tp->nslot + o;
        size_t *ar = tp->row + o, *br = tp->row + k * tp->nslot + o;
        size_t i = 0, j = 0, m = 0;
        while (m < cap && (i < a->fill || j < b->fill)) {
            int fromb = i == a->fill ||
                (j < b->fill && before(bv[j], av[i], tp->isint, tp->largest));
            kv[m] = fromb ? bv[j] : av[i];
            kr[m++] = fromb ? br[j++] : ar[i++];
        }
        memcpy(av, kv, m * sizeof *kv);
        memcpy(ar, kr, m * sizeof *kr);
        a->fill = m;
    }
}

/* The kept rows into a new table (the group ids are in key order). */
static coda_status take(const coda_table *t, top *tp, coda_table **out)
{
    size_t cap = 1;
    for (size_t g = 0; g < tp->ng; g++)
        if (tp->sl[g].cap > cap)
            cap = tp->sl[g].cap;
    size_t *rows = coda_malloc((tp->nslot + 1) * sizeof *rows), k = 0;
    key *kv = coda_malloc(cap * sizeof *kv);
    size_t *kr = coda_malloc(cap * sizeof *kr);
    coda_status st = rows && kv && kr ? CODA_OK : CODA_ENOMEM;
    for (size_t s = 1; s < tp->nstretch && st == CODA_OK; s++)
        merge(tp, s, kv, kr);
    for (size_t g = 0; g < tp->ng && st == CODA_OK; g++) {
        memcpy(rows + k, tp->row + tp->sl[g].off,
               tp->sl[g].fill * sizeof *rows);
        k += tp->sl[g].fill;
    }
    if (st == CODA_OK)
        st = coda_table_take(t, rows, k, out);
    coda_free(rows);
    coda_free(kv);
    coda_free(kr);
    return st;
}

static coda_status run(const coda_table *t, top *tp, coda_table **out)
{
    coda_status st = make_slots(tp);
    if (st == CODA_OK) {
        sum_par(tp->nstretch, tp->nstretch, scan_part, tp);
        st = take(t, tp, out);
    }
    coda_free(tp->sl);
    coda_free(tp->val);
    coda_free(tp->row);
    return st;
}

coda_status coda_summarise_top(const coda_table *t, const size_t *keys,
                               size_t nk, size_t col, size_t n, int largest,
                               coda_table **out, coda_error *err)
{
    const coda_column *c = &t->cols[col];
    if (c->type != CODA_INTEGER && c->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "slice_%s: column"
                              " \"%s\" is %s, not a number", largest ? "max"
                              : "min", c->name, coda_type_name(c->type));
    coda_groups g = { 0 };
    top tp = { c, largest, c->type == CODA_INTEGER, 1, n, t->nrow,
               sum_threads(t->nrow), NULL, 0, NULL, NULL, NULL };
    coda_status st = nk ? coda_group_rows_sorted(t, keys, nk, &g) : CODA_OK;
    if (st == CODA_OK && nk) {
        tp.ng = g.ngroups;
        tp.gid = g.gid;
    }
    /* a stretch of its own a thread while the groups' states take no
     * more than 8 bytes a row */
    while (tp.nstretch > 1 && tp.nstretch * tp.ng * sizeof(slots) >
                                  t->nrow * 8)
        tp.nstretch--;
    if (st == CODA_OK)
        st = run(t, &tp, out);
    coda_groups_free(&g);
    if (st != CODA_OK)
        return coda_error_set(err, st, NULL, 0, 0, "slice_%s: %s",
                              largest ? "max" : "min", coda_strerror(st));
    return CODA_OK;
}
