/* table.c - creating, filling, deriving and freeing Datasets. */
#include "table.h"

#include "base_alloc.h"
#include "base_par.h"

#include <string.h>

coda_status coda_table_create(size_t nrow, size_t ncol, coda_table **out)
{
    coda_table *t = coda_calloc(1, sizeof *t);
    if (!t)
        return CODA_ENOMEM;
    t->cols = coda_calloc(ncol ? ncol : 1, sizeof *t->cols);
    if (!t->cols) {
        coda_free(t);
        return CODA_ENOMEM;
    }
    t->nrow = nrow;
    t->ncol = ncol;
    *out = t;
    return CODA_OK;
}

static void column_free(coda_column *col)
{
    coda_free(col->name);
    coda_colmeta_unref(col->meta); /* a borrowed column's: a reference of
                                      its own (coda_table_set_meta) */
    if (col->borrowed) {        /* the base's arrays */
        memset(col, 0, sizeof *col);
        return;
    }
    coda_free(col->missing);
    switch (col->type) {
    case CODA_STRING:
        coda_free(col->v.s.p);
        coda_free(col->v.s.len);
        break;
    case CODA_MULTI:
        coda_free(col->v.m.off);
        coda_free(col->v.m.ids);
        coda_labels_unref(col->v.m.labels);
        break;
    default:
        coda_free(col->v.i); /* every numeric member shares the first word */
        break;
    }
    memset(col, 0, sizeof *col);
}

void coda_table_free(coda_table *t)
{
    if (!t)
        return;
    if (t->refs > 0) {          /* a share still borrows from t */
        t->refs--;
        return;
    }
    coda_table_forget_all(t);
    for (size_t c = 0; c < t->ncol; c++)
        column_free(&t->cols[c]);
    for (size_t i = 0; i < t->npools; i++)
        coda_pool_unref(t->pools[i]);
    coda_free(t->pools);
    coda_free(t->cols);
    coda_table_free(t->base);
    coda_free(t);
}

/* Allocate the value arrays of col for n rows (zeroed, but numbers and
 * booleans only when zero is set); for a multi column room for nids label
 * ids and no vocabulary (the caller sets one). */
static coda_status column_alloc(coda_column *col, coda_type type, size_t n,
                                size_t nids, int zero)
{
    size_t rows = n ? n : 1;
    col->type = type;
    switch (type) {
    case CODA_STRING:
        col->v.s.p = coda_calloc(rows, sizeof *col->v.s.p);
        col->v.s.len = coda_calloc(rows, sizeof *col->v.s.len);
        if (!col->v.s.p || !col->v.s.len)
            return CODA_ENOMEM;
        for (size_t r = 0; r < n; r++)
            col->v.s.p[r] = "";
        return CODA_OK;
    case CODA_MULTI:
        col->v.m.off = coda_calloc(n + 1, sizeof *col->v.m.off);
        col->v.m.ids = coda_calloc(nids ? nids : 1, sizeof *col->v.m.ids);
        return col->v.m.off && col->v.m.ids ? CODA_OK : CODA_ENOMEM;
    case CODA_INTEGER: case CODA_NUMBER: case CODA_BOOLEAN: {
        size_t w = type == CODA_BOOLEAN ? 1 : 8;
        col->v.i = zero ? coda_calloc(rows, w) : coda_reallocarray(NULL, rows, w);
        break;
    }
    }
    return col->v.i ? CODA_OK : CODA_ENOMEM;
}

/* Arrays for n rows of a column of type (not multi) that the caller fills
 * row by row, left as they come from the allocator. */
static coda_status column_alloc_unset(coda_column *col, coda_type type,
                                      size_t n)
{
    size_t rows = n ? n : 1;
    col->type = type;
    if (type == CODA_STRING) {
        col->v.s.p = coda_reallocarray(NULL, rows, sizeof *col->v.s.p);
        col->v.s.len = coda_reallocarray(NULL, rows, sizeof *col->v.s.len);
        return col->v.s.p && col->v.s.len ? CODA_OK : CODA_ENOMEM;
    }
    col->v.i = coda_reallocarray(NULL, rows, type == CODA_BOOLEAN ? 1 : 8);
    return col->v.i ? CODA_OK : CODA_ENOMEM;
}

static coda_status init_column(coda_table *t, size_t c, const char *name,
                               coda_type type, int zero)
{
    coda_column *col = &t->cols[c];
    coda_table_forget(t, c);
    column_free(col);
    col->name = coda_strndup(name, strlen(name));
    coda_status st = col->name ? column_alloc(col, type, t->nrow, 0, zero)
                               : CODA_ENOMEM;
    if (st == CODA_OK && type == CODA_MULTI) {
        col->v.m.labels = coda_labels_new();
        if (!col->v.m.labels)
            st = CODA_ENOMEM;
    }
    if (st != CODA_OK)
        column_free(col);
    return st;
}

coda_status coda_table_init_column(coda_table *t, size_t c, const char *name,
                                   coda_type type)
{
    return init_column(t, c, name, type, 1);
}

static coda_status add_column(coda_table *t, const char *name, coda_type type,
                              size_t *c, int zero)
{
    long at = coda_table_find(t, name);
    if (at < 0) {
        coda_column *cols = coda_reallocarray(t->cols, t->ncol + 1,
                                              sizeof *cols);
        if (!cols)
            return CODA_ENOMEM;
        t->cols = cols;
        memset(&cols[t->ncol], 0, sizeof *cols);
        at = (long)t->ncol++;
    }
    *c = (size_t)at;
    return init_column(t, (size_t)at, name, type, zero);
}

coda_status coda_table_add_column(coda_table *t, const char *name,
                                  coda_type type, size_t *c)
{
    return add_column(t, name, type, c, 1);
}

coda_status coda_table_add_values(coda_table *t, const char *name,
                                  coda_type type, size_t *c)
{
    return add_column(t, name, type, c, 0);
}

long coda_table_find(const coda_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncol; c++)
        if (t->cols[c].name && strcmp(t->cols[c].name, name) == 0)
            return (long)c;
    return -1;
}

static coda_status own_column(coda_table *t, size_t c);

coda_status coda_table_set_missing(coda_table *t, size_t c, size_t r)
{
    coda_column *col = &t->cols[c];
    if (col->borrowed && own_column(t, c) != CODA_OK)
        return CODA_ENOMEM;
    coda_table_forget(t, c);
    if (!col->missing) {
        col->missing = coda_calloc(t->nrow ? t->nrow : 1, 1);
        if (!col->missing)
            return CODA_ENOMEM;
    }
    col->missing[r] = 1;
    return CODA_OK;
}

coda_status coda_table_add_pool(coda_table *t, coda_pool *p)
{
    for (size_t i = 0; i < t->npools; i++)
        if (t->pools[i] == p)
            return CODA_OK;
    if (t->npools == t->poolcap) {
        size_t cap = t->poolcap ? t->poolcap * 2 : 4;
        coda_pool **pools = coda_reallocarray(t->pools, cap, sizeof *pools);
        if (!pools)
            return CODA_ENOMEM;
        t->pools = pools;
        t->poolcap = cap;
    }
    coda_pool_ref(p);
    t->pools[t->npools++] = p;
    return CODA_OK;
}

coda_status coda_table_set_string(coda_table *t, size_t c, size_t r,
                                  const char *s, size_t len)
{
    if (len > UINT32_MAX)
        return CODA_ELIMIT;
    if (t->cols[c].borrowed && own_column(t, c) != CODA_OK)
        return CODA_ENOMEM;
    coda_table_forget(t, c);
    if (t->npools == 0) {
        coda_pool *p = coda_pool_new();
        if (!p)
            return CODA_ENOMEM;
        coda_status st = coda_table_add_pool(t, p);
        coda_pool_unref(p);
        if (st != CODA_OK)
            return st;
    }
    const char *copy = coda_pool_add(t->pools[0], s, len);
    if (!copy)
        return CODA_ENOMEM;
    t->cols[c].v.s.p[r] = copy;
    t->cols[c].v.s.len[r] = (uint32_t)len;
    return CODA_OK;
}

coda_status coda_table_set_multi(coda_table *t, size_t c, size_t r,
                                 const uint32_t *ids, size_t k)
{
    coda_column *col = &t->cols[c];
    if (col->borrowed && own_column(t, c) != CODA_OK)
        return CODA_ENOMEM;
    uint64_t start = col->v.m.off[r];
    uint32_t *grown = coda_reallocarray(col->v.m.ids, start + k + 1,
                                        sizeof *grown);
    if (!grown)
        return CODA_ENOMEM;
    col->v.m.ids = grown;
    if (k)
        memcpy(grown + start, ids, k * sizeof *ids);
    col->v.m.off[r + 1] = start + k;
    return CODA_OK;
}

static coda_status share_pools(const coda_table *from, coda_table *to)
{
    for (size_t i = 0; i < from->npools; i++) {
        coda_status st = coda_table_add_pool(to, from->pools[i]);
        if (st != CODA_OK)
            return st;
    }
    return CODA_OK;
}

/* Gather rows[0..k) of src into dst, a column already allocated for k rows
 * (and, for multi, for every id the rows hold). */
/* The gathers below read rows[] in order but the column at random: each
 * fetches the value GATHER_AHEAD rows ahead, so that many are on their way
 * at once. */
enum { GATHER_AHEAD = 16 };

#define GATHER(dst, src, rows, k)                                          \
    for (size_t j = 0; j < (k); j++) {                                     \
        if (j + GATHER_AHEAD < (k))                                         \
            __builtin_prefetch(&(src)[(rows)[j + GATHER_AHEAD]]);           \
        (dst)[j] = (src)[(rows)[j]];                                       \
    }

static void gather_multi(const coda_column *src, coda_column *dst,
                         const size_t *rows, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        uint64_t a = src->v.m.off[rows[j]];
        uint64_t n = src->v.m.off[rows[j] + 1] - a, at = dst->v.m.off[j];
        memcpy(dst->v.m.ids + at, src->v.m.ids + a, n * sizeof(uint32_t));
        dst->v.m.off[j + 1] = at + n;
    }
}

static void gather(const coda_column *src, coda_column *dst,
                   const size_t *rows, size_t k)
{
    if (dst->missing)
        GATHER(dst->missing, src->missing, rows, k);
    switch (src->type) {
    case CODA_INTEGER: GATHER(dst->v.i, src->v.i, rows, k); break;
    case CODA_NUMBER: GATHER(dst->v.d, src->v.d, rows, k); break;
    case CODA_BOOLEAN: GATHER(dst->v.b, src->v.b, rows, k); break;
    case CODA_STRING:
        GATHER(dst->v.s.p, src->v.s.p, rows, k);
        GATHER(dst->v.s.len, src->v.s.len, rows, k);
        break;
    case CODA_MULTI: gather_multi(src, dst, rows, k); break;
    }
}

static coda_status copy_named(const coda_column *src, coda_column *dst,
                              const char *name, const size_t *rows, size_t k);

static coda_status copy_column(const coda_column *src, coda_column *dst,
                               const size_t *rows, size_t k)
{
    return copy_named(src, dst, src->name, rows, k);
}

/* dst made ready to hold rows[0..k) of src, named name: its arrays, a
 * reference to src's metadata and labels; gather fills it. */
static coda_status prepare_named(const coda_column *src, coda_column *dst,
                                 const char *name, const size_t *rows,
                                 size_t k)
{
    size_t nids = 0;
    if (src->type == CODA_MULTI)
        for (size_t j = 0; j < k; j++)
            nids += src->v.m.off[rows[j] + 1] - src->v.m.off[rows[j]];
    dst->name = coda_strndup(name, strlen(name));
    if (!dst->name)
        return CODA_ENOMEM;
    coda_status st = src->type == CODA_MULTI
                         ? column_alloc(dst, src->type, k, nids, 1)
                         : column_alloc_unset(dst, src->type, k);
    if (st != CODA_OK)
        return st;
    if (src->missing) {
        dst->missing = coda_malloc(k ? k : 1);
        if (!dst->missing)
            return CODA_ENOMEM;
    }
    dst->meta = src->meta;
    if (dst->meta)
        coda_colmeta_ref(dst->meta);
    if (src->type == CODA_MULTI) {
        dst->v.m.labels = src->v.m.labels;
        coda_labels_ref(dst->v.m.labels);
    }
    return CODA_OK;
}

static coda_status copy_named(const coda_column *src, coda_column *dst,
                              const char *name, const size_t *rows, size_t k)
{
    coda_status st = prepare_named(src, dst, name, rows, k);
    if (st == CODA_OK)
        gather(src, dst, rows, k);
    return st;
}

/* Copy borrowed column c of t into arrays of its own, before a write. */
static coda_status own_column(coda_table *t, size_t c)
{
    coda_column *col = &t->cols[c], copy;
    size_t *rows = coda_malloc((t->nrow ? t->nrow : 1) * sizeof *rows);
    if (!rows)
        return CODA_ENOMEM;
    for (size_t r = 0; r < t->nrow; r++)
        rows[r] = r;
    memset(&copy, 0, sizeof copy);
    coda_status st = copy_named(col, &copy, col->name, rows, t->nrow);
    coda_free(rows);
    if (st != CODA_OK) {
        column_free(&copy);
        return st;
    }
    column_free(col);           /* borrowed: only its name goes */
    *col = copy;
    return CODA_OK;
}

coda_status coda_table_share(coda_table *t, coda_table **out)
{
    coda_table *n;
    coda_status st = coda_table_create(t->nrow, t->ncol, &n);
    if (st != CODA_OK)
        return st;
    st = share_pools(t, n);
    for (size_t c = 0; c < t->ncol && st == CODA_OK; c++) {
        n->cols[c] = t->cols[c];
        n->cols[c].borrowed = 1;
        if (n->cols[c].meta)
            coda_colmeta_ref(n->cols[c].meta);
        n->cols[c].name = coda_strndup(t->cols[c].name, strlen(t->cols[c].name));
        st = n->cols[c].name ? CODA_OK : CODA_ENOMEM;
    }
    if (st != CODA_OK) {
        coda_table_free(n);
        return st;
    }
    n->base = t;
    t->refs++;
    *out = n;
    return CODA_OK;
}

coda_status coda_table_take(const coda_table *t, const size_t *rows, size_t k,
                            coda_table **out)
{
    coda_table *n;
    coda_status st = coda_table_create(k, t->ncol, &n);
    if (st != CODA_OK)
        return st;
    st = share_pools(t, n);
    for (size_t c = 0; c < t->ncol && st == CODA_OK; c++)
        st = copy_column(&t->cols[c], &n->cols[c], rows, k);
    if (st != CODA_OK) {
        coda_table_free(n);
        return st;
    }
    *out = n;
    return CODA_OK;
}

coda_status coda_table_select(const coda_table *t, const size_t *cols, size_t k,
                              coda_table **out)
{
    size_t *rows = coda_malloc((t->nrow ? t->nrow : 1) * sizeof *rows);
    coda_table *n = NULL;
    coda_status st = rows ? coda_table_create(t->nrow, k, &n) : CODA_ENOMEM;
    if (st == CODA_OK)
        st = share_pools(t, n);
    for (size_t r = 0; rows && r < t->nrow; r++)
        rows[r] = r;
    for (size_t j = 0; j < k && st == CODA_OK; j++)
        st = copy_column(&t->cols[cols[j]], &n->cols[j], rows, t->nrow);
    coda_free(rows);
    if (st != CODA_OK) {
        coda_table_free(n);
        return st;
    }
    *out = n;
    return CODA_OK;
}

coda_status coda_table_gather_column(coda_table *dst, size_t c,
                                     const char *name, const coda_table *src,
                                     size_t sc, const size_t *rows, size_t k)
{
    coda_status st = share_pools(src, dst);
    if (st != CODA_OK)
        return st;
    coda_table_forget(dst, c);
    column_free(&dst->cols[c]);
    st = copy_named(&src->cols[sc], &dst->cols[c], name, rows, k);
    if (st != CODA_OK)
        column_free(&dst->cols[c]);
    return st;
}

/* One column's gather, a job for a thread. */
typedef struct gjob {
    const coda_column *src;
    coda_column *dst;
    const size_t *rows;
    size_t k;
} gjob;

static void gather_main(void *p)
{
    gjob *j = p;
    gather(j->src, j->dst, j->rows, j->k);
}

coda_status coda_table_gather_columns(coda_table *dst, size_t c,
                                      const coda_table *src,
                                      const size_t *scols, size_t nc,
                                      const size_t *rows, size_t k)
{
    gjob *jobs = coda_calloc(nc + 1, sizeof *jobs);
    coda_status st = jobs ? share_pools(src, dst) : CODA_ENOMEM;
    for (size_t i = 0; i < nc && st == CODA_OK; i++) {
        coda_column *d = &dst->cols[c + i];
        const coda_column *from = &src->cols[scols[i]];
        coda_table_forget(dst, c + i);
        column_free(d);
        st = prepare_named(from, d, from->name, rows, k);
        if (st != CODA_OK)
            column_free(d);
        jobs[i] = (gjob){ from, d, rows, k };
    }
    size_t nt = coda_par_threads(k);
    for (size_t i = 0; i < nc && st == CODA_OK; i += nt)
        coda_par_run(gather_main, &jobs[i], sizeof *jobs,
                     nc - i < nt ? nc - i : nt);
    for (size_t i = 0; i < nc && st != CODA_OK; i++)
        column_free(&dst->cols[c + i]); /* prepared, never filled */
    coda_free(jobs);
    return st;
}

coda_status coda_table_gather_prepare(coda_table *dst, size_t c,
                                      const coda_table *src, size_t sc,
                                      size_t k)
{
    const coda_column *from = &src->cols[sc];
    if (from->type == CODA_MULTI)
        return CODA_ETYPE;
    coda_status st = share_pools(src, dst);
    coda_table_forget(dst, c);
    column_free(&dst->cols[c]);
    if (st == CODA_OK)
        st = prepare_named(from, &dst->cols[c], from->name, NULL, k);
    if (st != CODA_OK)
        column_free(&dst->cols[c]);
    return st;
}

void coda_table_gather_into(coda_table *dst, size_t c, const coda_table *src,
                            size_t sc, size_t at, const size_t *rows,
                            size_t n)
{
    coda_column *d = &dst->cols[c], part = *d;
    const coda_column *from = &src->cols[sc];
    part.missing = d->missing ? d->missing + at : NULL;
    switch (from->type) {
    case CODA_INTEGER: part.v.i = d->v.i + at; break;
    case CODA_NUMBER: part.v.d = d->v.d + at; break;
    case CODA_BOOLEAN: part.v.b = d->v.b + at; break;
    case CODA_STRING:
        part.v.s.p = d->v.s.p + at;
        part.v.s.len = d->v.s.len + at;
        break;
    case CODA_MULTI: return; /* refused by coda_table_gather_prepare */
    }
    gather(from, &part, rows, n);
}

int coda_multi_has(const coda_column *col, size_t r, uint32_t id)
{
    for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++)
        if (col->v.m.ids[i] == id)
            return 1;
    return 0;
}
