/* shape.c - sort, rename, unnest and nest. */
#include "shape.h"

#include "base_alloc.h"
#include "group.h"

#include <stdlib.h>
#include <string.h>

typedef struct sortctx {
    const coda_table *t;
    const coda_sortkey *keys;
    size_t nk;
} sortctx;

static int sort_cmp(const void *x, const void *y, void *ctx)
{
    const sortctx *s = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    for (size_t j = 0; j < s->nk; j++) {
        const coda_column *c = &s->t->cols[s->keys[j].col];
        int ma = coda_is_missing(c, a), mb = coda_is_missing(c, b);
        int d = ma || mb ? ma - mb : coda_value_cmp(c, a, b);
        if (d)
            return s->keys[j].desc && !(ma || mb) ? -d : d;
    }
    return (a > b) - (a < b); /* equal keys keep their order: stable */
}

coda_status coda_sort(const coda_table *t, const coda_sortkey *keys, size_t nk,
                      coda_table **out, coda_error *err)
{
    size_t *rows = coda_malloc((t->nrow + 1) * sizeof *rows);
    if (!rows)
        return coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow; r++)
        rows[r] = r;
    sortctx s = { t, keys, nk };
    qsort_r(rows, t->nrow, sizeof *rows, sort_cmp, &s);
    coda_status st = coda_table_take(t, rows, t->nrow, out);
    coda_free(rows);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

coda_status coda_rename(const coda_table *t, size_t c, const char *name,
                        coda_table **out, coda_error *err)
{
    long other = coda_table_find(t, name);
    if (other >= 0 && (size_t)other != c)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "rename: there is "
                              "already a column \"%s\"", name);
    size_t *cols = coda_malloc((t->ncol + 1) * sizeof *cols);
    if (!cols)
        return coda_error_nomem(err);
    for (size_t j = 0; j < t->ncol; j++)
        cols[j] = j;
    coda_table *n;
    coda_status st = coda_table_select(t, cols, t->ncol, &n);
    coda_free(cols);
    char *copy = st == CODA_OK ? coda_strndup(name, strlen(name)) : NULL;
    if (!copy) {
        coda_table_free(st == CODA_OK ? n : NULL);
        return coda_error_nomem(err);
    }
    coda_free(n->cols[c].name);
    n->cols[c].name = copy;
    *out = n;
    return CODA_OK;
}

/* unnest: the source row of each result row and the label it holds. */
static coda_status unnest_rows(const coda_column *m, size_t nrow,
                               int keep_empty, size_t **rows, uint32_t **ids,
                               size_t *n)
{
    size_t k = 0;
    for (size_t r = 0; r < nrow; r++) {
        size_t c = coda_is_missing(m, r) ? 0 : m->v.m.off[r + 1] - m->v.m.off[r];
        k += c ? c : (size_t)(keep_empty != 0);
    }
    *rows = coda_malloc((k + 1) * sizeof **rows);
    *ids = coda_malloc((k + 1) * sizeof **ids);
    if (!*rows || !*ids)
        return CODA_ENOMEM;
    k = 0;
    for (size_t r = 0; r < nrow; r++) {
        uint64_t a = m->v.m.off[r], b = coda_is_missing(m, r) ? a : m->v.m.off[r + 1];
        if (a == b && keep_empty)
            (*rows)[k] = r, (*ids)[k++] = CODA_NO_LABEL;
        for (uint64_t i = a; i < b; i++)
            (*rows)[k] = r, (*ids)[k++] = m->v.m.ids[i];
    }
    *n = k;
    return CODA_OK;
}

coda_status coda_unnest(const coda_table *t, size_t c, int keep_empty,
                        coda_table **out, coda_error *err)
{
    const coda_column *m = &t->cols[c];
    if (m->type != CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "unnest: column "
                              "\"%s\" is %s, not multi", m->name,
                              coda_type_name(m->type));
    size_t *rows = NULL, n = 0;
    uint32_t *ids = NULL;
    coda_table *o = NULL;
    coda_status st = unnest_rows(m, t->nrow, keep_empty, &rows, &ids, &n);
    if (st == CODA_OK)
        st = coda_table_take(t, rows, n, &o);
    if (st == CODA_OK)
        st = coda_table_init_column(o, c, m->name, CODA_STRING);
    for (size_t r = 0; r < n && st == CODA_OK; r++)
        st = ids[r] == CODA_NO_LABEL
                 ? coda_table_set_missing(o, c, r)
                 : coda_table_set_string(o, c, r, m->v.m.labels->s[ids[r]],
                                         m->v.m.labels->len[ids[r]]);
    coda_free(rows);
    coda_free(ids);
    if (st != CODA_OK) {
        coda_table_free(o);
        return coda_error_nomem(err);
    }
    *out = o;
    return CODA_OK;
}

/* nest: fill the multi column c of o (one row per group) from t's c. */
static coda_status nest_fill(const coda_table *t, size_t c, const coda_groups *g,
                             coda_table *o)
{
    const coda_column *s = &t->cols[c];
    coda_column *m = &o->cols[c];
    size_t *cnt = coda_calloc(g->ngroups + 1, sizeof *cnt), *pos;
    uint32_t *ids = coda_malloc((t->nrow + 1) * sizeof *ids), *row_id;
    coda_status st = cnt && ids ? CODA_OK : CODA_ENOMEM;
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
        if (!coda_is_missing(s, r))
            cnt[g->gid[r] + 1]++;
    for (size_t i = 0; i < g->ngroups && st == CODA_OK; i++)
        cnt[i + 1] += cnt[i];
    pos = cnt; /* cnt[gid] is now the next free place of group gid */
    row_id = ids;
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        if (coda_is_missing(s, r))
            continue;
        st = coda_labels_intern(m->v.m.labels, s->v.s.p[r], s->v.s.len[r],
                                &row_id[pos[g->gid[r]]++]);
    }
    /* pos[gid] now ends group gid; write the rows in order, dropping repeats */
    for (size_t i = 0, start = 0; i < g->ngroups && st == CODA_OK; i++) {
        size_t end = pos[i], k = 0;
        for (size_t j = start; j < end; j++) {
            int seen = 0;
            for (size_t q = start; q < start + k && !seen; q++)
                seen = ids[q] == ids[j];
            if (!seen)
                ids[start + k++] = ids[j];
        }
        st = coda_table_set_multi(o, c, i, ids + start, k);
        start = end;
    }
    coda_free(cnt);
    coda_free(ids);
    return st;
}

coda_status coda_nest(const coda_table *t, size_t c, coda_table **out,
                      coda_error *err)
{
    if (t->cols[c].type != CODA_STRING)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "nest: column "
                              "\"%s\" is %s, not string", t->cols[c].name,
                              coda_type_name(t->cols[c].type));
    size_t *keys = coda_malloc((t->ncol + 1) * sizeof *keys), nk = 0;
    coda_groups g = { 0 };
    coda_table *o = NULL;
    coda_status st = keys ? CODA_OK : CODA_ENOMEM;
    for (size_t j = 0; j < t->ncol && keys; j++)
        if (j != c)
            keys[nk++] = j;
    if (st == CODA_OK)
        st = coda_group_rows(t, keys, nk, &g);
    if (st == CODA_OK)
        st = coda_table_take(t, g.first, g.ngroups, &o);
    if (st == CODA_OK)
        st = coda_table_init_column(o, c, t->cols[c].name, CODA_MULTI);
    if (st == CODA_OK)
        st = nest_fill(t, c, &g, o);
    coda_free(keys);
    coda_groups_free(&g);
    if (st != CODA_OK) {
        coda_table_free(o);
        return coda_error_nomem(err);
    }
    *out = o;
    return CODA_OK;
}
