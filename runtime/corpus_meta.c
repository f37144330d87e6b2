/* corpus_meta.c - joining document attributes from a CSV file onto a
 * corpus by document id. */
#include "corpus.h"

#include "base_alloc.h"
#include "csv_io.h"

#include <stdlib.h>
#include <string.h>

/* Load meta with its id column (named, or the first) read as strings. */
static coda_status load_meta(const char *meta, const char *id, coda_table **m,
                             long *idc, coda_error *err)
{
    coda_csv_opts o;
    coda_type str = CODA_STRING;
    coda_csv_opts_init(&o);
    if (id)
        o.type_cols = &id, o.types = &str, o.ntypes = 1;
    coda_status st = coda_csv_load(meta, &o, m, err);
    if (st != CODA_OK)
        return st;
    *idc = id ? coda_table_find(*m, id) : 0;
    if (*idc < 0 || (*m)->ncol == 0) {
        coda_table_free(*m);
        return coda_error_set(err, CODA_EARG, meta, 1, 0, "no id column "
                              "\"%s\"", id ? id : "");
    }
    if ((*m)->cols[*idc].type == CODA_STRING)
        return CODA_OK;
    char *name = coda_strndup((*m)->cols[*idc].name,
                              strlen((*m)->cols[*idc].name));
    coda_table_free(*m);
    *m = NULL;
    if (!name)
        return coda_error_nomem(err);
    st = load_meta(meta, name, m, idc, err);
    coda_free(name);
    return st;
}

typedef struct id_ctx {
    const coda_column *col;
} id_ctx;

static int by_id(const void *a, const void *b, void *ctx)
{
    const coda_column *col = ((id_ctx *)ctx)->col;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int mx = coda_is_missing(col, x), my = coda_is_missing(col, y);
    if (mx || my)
        return mx - my;
    return strcmp(col->v.s.p[x], col->v.s.p[y]);
}

/* The meta row of id, or -1 (binary search over the sorted order). */
static long lookup(const coda_column *col, const size_t *order, size_t n,
                   const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2, r = order[mid];
        int c = coda_is_missing(col, r) ? 1 : strcmp(col->v.s.p[r], id);
        if (c == 0)
            return (long)r;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Sort meta's rows by id and refuse a duplicate. */
static coda_status index_ids(const coda_table *m, long idc, const char *meta,
                             size_t **order, coda_error *err)
{
    size_t n = m->nrow;
    id_ctx ctx = { &m->cols[idc] };
    *order = coda_malloc((n ? n : 1) * sizeof **order);
    if (!*order)
        return coda_error_nomem(err);
    for (size_t r = 0; r < n; r++)
        (*order)[r] = r;
    qsort_r(*order, n, sizeof **order, by_id, &ctx);
    for (size_t i = 1; i < n; i++)
        if (by_id(&(*order)[i - 1], &(*order)[i], &ctx) == 0 &&
            !coda_is_missing(ctx.col, (*order)[i])) {
            const char *id = ctx.col->v.s.p[(*order)[i]];
            coda_free(*order);
            *order = NULL;
            return coda_error_set(err, CODA_EARG, meta, 0, 0, "document id "
                                  "\"%s\" appears twice", id);
        }
    return CODA_OK;
}

static coda_status add_columns(coda_table *t, const coda_table *m, long idc,
                               const size_t *rows, const uint8_t *none,
                               const char *meta, coda_error *err)
{
    for (size_t c = 0; c < m->ncol; c++) {
        if ((long)c == idc)
            continue;
        if (coda_table_find(t, m->cols[c].name) >= 0)
            return coda_error_set(err, CODA_EARG, meta, 1, 0, "column \"%s\" "
                                  "is already a column of the corpus",
                                  m->cols[c].name);
        size_t k;
        coda_status st = coda_table_add_column(t, m->cols[c].name,
                                               m->cols[c].type, &k);
        if (st == CODA_OK && m->nrow)
            st = coda_table_gather_column(t, k, m->cols[c].name, m, c, rows,
                                          t->nrow);
        for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
            if (none[r])
                st = coda_table_set_missing(t, k, r);
        if (st != CODA_OK)
            return coda_error_nomem(err);
    }
    return CODA_OK;
}

coda_status coda_corpus_join_meta(coda_table *t, const char *meta,
                                  const char *meta_id, coda_error *err)
{
    long dc = coda_table_find(t, "doc"), idc;
    if (dc < 0 || t->cols[dc].type != CODA_STRING)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "the corpus has no "
                              "string column \"doc\"");
    coda_table *m = NULL;
    coda_status st = load_meta(meta, meta_id, &m, &idc, err);
    if (st != CODA_OK)
        return st;
    size_t *order = NULL, *rows = coda_malloc((t->nrow ? t->nrow : 1) *
                                              sizeof *rows);
    uint8_t *none = coda_calloc(t->nrow ? t->nrow : 1, 1);
    st = rows && none ? index_ids(m, idc, meta, &order, err)
                      : coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        long at = coda_is_missing(&t->cols[dc], r) ? -1 :
                  lookup(&m->cols[idc], order, m->nrow, t->cols[dc].v.s.p[r]);
        rows[r] = at < 0 ? 0 : (size_t)at;
        none[r] = at < 0;
    }
    if (st == CODA_OK)
        st = add_columns(t, m, idc, rows, none, meta, err);
    coda_free(order);
    coda_free(rows);
    coda_free(none);
    coda_table_free(m);
    return st;
}
