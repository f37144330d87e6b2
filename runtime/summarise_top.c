/* summarise_top.c - the rows with the n largest or smallest values of a
 * column in each group (slice_max, slice_min), in one pass over the rows:
 * each group keeps its best rows so far, best first. */
#include "summarise.h"

#include "base_alloc.h"
#include "group.h"

#include <math.h>
#include <string.h>

typedef struct top {
    const coda_column *c;
    int largest;
    size_t ng;
    uint32_t *gid;      /* the group of each row; NULL: one group */
    size_t *off;        /* group g's slots are slot[off[g] .. off[g+1]) */
    size_t *fill;       /* how many of them hold a row */
    size_t *slot;       /* rows, best first */
} top;

static int present(const coda_column *c, size_t r)
{
    return !coda_is_missing(c, r) &&
           (c->type == CODA_INTEGER || !isnan(c->v.d[r]));
}

/* 1 when row a's value ranks strictly before row b's. */
static int before(const top *tp, size_t a, size_t b)
{
    const coda_column *c = tp->c;
    if (c->type == CODA_INTEGER)
        return tp->largest ? c->v.i[a] > c->v.i[b] : c->v.i[a] < c->v.i[b];
    return tp->largest ? c->v.d[a] > c->v.d[b] : c->v.d[a] < c->v.d[b];
}

static size_t group(const top *tp, size_t r)
{
    return tp->gid ? tp->gid[r] : 0;
}

/* Each group's slots: as many as its present values, at most n. */
static coda_status make_slots(const coda_table *t, size_t n, top *tp)
{
    tp->off = coda_calloc(tp->ng + 1, sizeof *tp->off);
    tp->fill = coda_calloc(tp->ng + 1, sizeof *tp->fill);
    if (!tp->off || !tp->fill)
        return CODA_ENOMEM;
    for (size_t r = 0; r < t->nrow; r++) /* fill counts the values here */
        if (present(tp->c, r))
            tp->fill[group(tp, r)]++;
    for (size_t g = 0; g < tp->ng; g++) {
        tp->off[g + 1] = tp->off[g] + (tp->fill[g] < n ? tp->fill[g] : n);
        tp->fill[g] = 0;
    }
    tp->slot = coda_malloc((tp->off[tp->ng] + 1) * sizeof *tp->slot);
    return tp->slot ? CODA_OK : CODA_ENOMEM;
}

/* Row r into its group's slots when it ranks among the best so far; a
 * tie goes after the rows already there. */
static void offer(top *tp, size_t r)
{
    size_t g = group(tp, r), *s = tp->slot + tp->off[g];
    size_t cap = tp->off[g + 1] - tp->off[g], f = tp->fill[g];
    if (cap == 0 || (f == cap && !before(tp, r, s[f - 1])))
        return;
    size_t i = f < cap ? f : cap - 1;
    tp->fill[g] = f < cap ? f + 1 : f;
    for (; i > 0 && before(tp, r, s[i - 1]); i--)
        s[i] = s[i - 1];
    s[i] = r;
}

/* The kept rows into a new table (the group ids are in key order). */
static coda_status take(const coda_table *t, top *tp, coda_table **out)
{
    size_t *rows = coda_malloc((tp->off[tp->ng] + 1) * sizeof *rows), k = 0;
    if (!rows)
        return CODA_ENOMEM;
    for (size_t g = 0; g < tp->ng; g++) {
        memcpy(rows + k, tp->slot + tp->off[g], tp->fill[g] * sizeof *rows);
        k += tp->fill[g];
    }
    coda_status st = coda_table_take(t, rows, k, out);
    coda_free(rows);
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
    top tp = { c, largest, 1, NULL, NULL, NULL, NULL };
    coda_status st = nk ? coda_group_rows_sorted(t, keys, nk, &g) : CODA_OK;
    if (st == CODA_OK && nk) {
        tp.ng = g.ngroups;
        tp.gid = g.gid;
    }
    if (st == CODA_OK)
        st = make_slots(t, n, &tp);
    for (size_t r = 0; st == CODA_OK && r < t->nrow; r++)
        if (present(c, r))
            offer(&tp, r);
    if (st == CODA_OK)
        st = take(t, &tp, out);
    coda_free(tp.off);
    coda_free(tp.fill);
    coda_free(tp.slot);
    coda_groups_free(&g);
    if (st != CODA_OK)
        return coda_error_set(err, st, NULL, 0, 0, "slice_%s: %s",
                              largest ? "max" : "min", coda_strerror(st));
    return CODA_OK;
}
