/* agg_keys.c - distinct values of a column as dense ids, and the helpers
 * the aggregation verbs share. */
#include "agg_keys.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

coda_status keyset_init(keyset *k, const coda_table *t, size_t c)
{
    memset(k, 0, sizeof *k);
    k->col = &t->cols[c];
    k->miss = UINT32_MAX;
    if (k->col->type == CODA_MULTI) {
        k->n = k->col->v.m.labels->n;
        return CODA_OK;
    }
    coda_status st = coda_group_rows(t, &c, 1, &k->g);
    if (st != CODA_OK)
        return st;
    k->n = k->g.ngroups;
    for (size_t id = 0; id < k->n; id++)
        if (coda_is_missing(k->col, k->g.first[id]))
            k->miss = (uint32_t)id;
    return CODA_OK;
}

void keyset_free(keyset *k)
{
    coda_groups_free(&k->g);
}

static int label_cmp(const coda_labels *l, uint32_t a, uint32_t b)
{
    return coda_bytes_cmp(l->s[a], l->len[a], l->s[b], l->len[b]);
}

static int id_cmp(const void *x, const void *y, void *ctx)
{
    const keyset *k = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (k->col->type == CODA_MULTI)
        return label_cmp(k->col->v.m.labels, a, b);
    return coda_value_cmp(k->col, k->g.first[a], k->g.first[b]);
}

int keyset_cmp(const keyset *k, uint32_t a, uint32_t b)
{
    keyset copy = *k;
    return id_cmp(&a, &b, &copy);
}

void keyset_sort(const keyset *k, uint32_t *ids, size_t n)
{
    keyset copy = *k; /* qsort_r takes a non-const context */
    qsort_r(ids, n, sizeof *ids, id_cmp, &copy);
}

size_t keyset_present(const keyset *k, const uint64_t *count, uint32_t *ids)
{
    size_t n = 0;
    for (size_t id = 0; id < k->n; id++)
        if (count[id])
            ids[n++] = (uint32_t)id;
    keyset_sort(k, ids, n);
    return n;
}

uint32_t keyset_find(const keyset *k, const coda_value *v)
{
    if (k->col->type == CODA_MULTI)
        return v->type == CODA_STRING
                   ? coda_labels_find(k->col->v.m.labels, v->s, v->len)
                   : UINT32_MAX;
    for (size_t id = 0; id < k->n; id++)
        if (coda_value_equals(k->col, k->g.first[id], v))
            return (uint32_t)id;
    return UINT32_MAX;
}

coda_type keyset_type(const keyset *k)
{
    return k->col->type == CODA_MULTI ? CODA_STRING : k->col->type;
}

coda_status keyset_put(const keyset *k, uint32_t id, coda_table *out,
                       size_t c, size_t r)
{
    const coda_column *col = k->col;
    coda_column *o = &out->cols[c];
    if (col->meta && !o->meta)
        coda_table_set_meta(out, c, col->meta); /* labels and levels */
    if (col->type == CODA_MULTI)
        return coda_table_set_string(out, c, r, col->v.m.labels->s[id],
                                     col->v.m.labels->len[id]);
    size_t s = k->g.first[id];
    if (coda_is_missing(col, s))
        return coda_table_set_missing(out, c, r);
    switch (col->type) {
    case CODA_INTEGER: o->v.i[r] = col->v.i[s]; break;
    case CODA_NUMBER: o->v.d[r] = col->v.d[s]; break;
    case CODA_BOOLEAN: o->v.b[r] = col->v.b[s]; break;
    case CODA_STRING:
        return coda_table_set_string(out, c, r, col->v.s.p[s], col->v.s.len[s]);
    default: break;
    }
    return CODA_OK;
}

coda_status value_put(const coda_value *v, coda_table *out, size_t c, size_t r)
{
    coda_column *o = &out->cols[c];
    switch (o->type) {
    case CODA_INTEGER: o->v.i[r] = v->type == CODA_INTEGER ? v->i : (int64_t)v->d; break;
    case CODA_NUMBER: o->v.d[r] = v->type == CODA_INTEGER ? (double)v->i : v->d; break;
    case CODA_BOOLEAN: o->v.b[r] = (uint8_t)(v->b != 0); break;
    case CODA_STRING: return coda_table_set_string(out, c, r, v->s, v->len);
    default: break;
    }
    return CODA_OK;
}

coda_status agg_init_columns(coda_table *t, const char *const *names,
                             const coda_type *types, size_t n)
{
    coda_status st = CODA_OK;
    for (size_t c = 0; c < n && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, names[c], types[c]);
    return st;
}

coda_status agg_nan_missing(coda_table *t, size_t from, size_t to, size_t r)
{
    coda_status st = CODA_OK;
    for (size_t c = from; c <= to && st == CODA_OK; c++)
        if (isnan(t->cols[c].v.d[r]))
            st = coda_table_set_missing(t, c, r);
    return st;
}

void agg_weighted_ci(coda_ci ci, double level, double pct, double wbase,
                     double wsq, double *low, double *high)
{
    double neff = wsq > 0 ? wbase * wbase / wsq : 0;
    double x = pct / 100 * neff;
    coda_proportion_ci_eff(ci, level, x > neff ? neff : x, neff, low, high);
}
