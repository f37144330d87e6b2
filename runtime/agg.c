/* agg.c - frequencies and cross-tabulations with their bases. */
#include "agg.h"

#include "agg_keys.h"
#include "alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CELLS = 50 * 1000 * 1000 };

void coda_freq_opts_init(coda_freq_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ci = CODA_CI_WILSON;
    o->level = 0.95;
}

void coda_xtab_opts_init(coda_xtab_opts *o)
{
    o->ci = CODA_CI_WILSON;
    o->level = 0.95;
}

typedef struct frow {
    uint32_t id;        /* UINT32_MAX: a declared label that never occurs */
    size_t label;       /* index among the declared labels, or SIZE_MAX */
    uint64_t count;
} frow;

typedef struct fsort {
    const keyset *k;
    coda_order order;
    const coda_value *labels;
} fsort;

/* The value of a result row: its id's, or the declared label's. */
static coda_value frow_value(const keyset *k, const coda_value *labels,
                            const frow *f)
{
    coda_value v = { 0 };
    const coda_column *col = k->col;
    if (f->id == UINT32_MAX)
        return labels[f->label];
    if (col->type == CODA_MULTI) {
        v.type = CODA_STRING;
        v.s = col->v.m.labels->s[f->id];
        v.len = col->v.m.labels->len[f->id];
        return v;
    }
    size_t r = k->g.first[f->id];
    v.type = col->type;
    switch (col->type) {
    case CODA_INTEGER: v.i = col->v.i[r]; break;
    case CODA_NUMBER: v.d = col->v.d[r]; break;
    case CODA_BOOLEAN: v.b = col->v.b[r]; break;
    default: v.s = col->v.s.p[r], v.len = col->v.s.len[r]; break;
    }
    return v;
}

/* Compare two values of one column's kind (see label_fits). */
static int value_cmp(const coda_value *a, const coda_value *b)
{
    if (a->type == CODA_STRING)
        return coda_bytes_cmp(a->s, a->len, b->s, b->len);
    if (a->type == CODA_BOOLEAN)
        return (a->b != 0) - (b->b != 0);
    if (a->type == CODA_INTEGER && b->type == CODA_INTEGER)
        return (a->i > b->i) - (a->i < b->i);
    double x = a->type == CODA_INTEGER ? (double)a->i : a->d;
    double y = b->type == CODA_INTEGER ? (double)b->i : b->d;
    return (x > y) - (x < y);
}

/* 1 when the declared label v can be a value of a column of type t (a
 * multi column's values are strings). */
static int label_fits(const coda_value *v, coda_type t)
{
    switch (t) {
    case CODA_INTEGER:
        return v->type == CODA_INTEGER ||
               (v->type == CODA_NUMBER && v->d == floor(v->d) &&
                fabs(v->d) < 9.2e18);
    case CODA_NUMBER: return v->type == CODA_INTEGER || v->type == CODA_NUMBER;
    case CODA_BOOLEAN: return v->type == CODA_BOOLEAN;
    default: return v->type == CODA_STRING;
    }
}

static int frow_cmp(const void *x, const void *y, void *ctx)
{
    const frow *a = x, *b = y;
    const fsort *s = ctx;
    if (s->order == CODA_ORDER_GIVEN && (a->label != b->label))
        return a->label < b->label ? -1 : 1; /* SIZE_MAX (undeclared) last */
    if (s->order != CODA_ORDER_VALUE && a->count != b->count)
        return a->count > b->count ? -1 : 1;
    if (a->id != UINT32_MAX && b->id != UINT32_MAX)
        return keyset_cmp(s->k, a->id, b->id);
    coda_value va = frow_value(s->k, s->labels, a);
    coda_value vb = frow_value(s->k, s->labels, b);
    return value_cmp(&va, &vb); /* a declared label that never occurs */
}

/* Count each id; *cases = rows not missing, *responses = ids counted. */
static void count_ids(const keyset *k, size_t nrow, uint64_t *counts,
                      uint64_t *cases, uint64_t *responses)
{
    *cases = *responses = 0;
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ids;
        uint32_t tmp;
        size_t n = keyset_row(k, r, &ids, &tmp);
        if (coda_is_missing(k->col, r))
            continue;
        ++*cases;
        *responses += n;
        for (size_t i = 0; i < n; i++)
            counts[ids[i]]++;
    }
}

/* 1 when labels[i] equals one of labels[0..i). */
static int absent_before(const coda_value *labels, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (value_cmp(&labels[j], &labels[i]) == 0)
            return 1;
    return 0;
}

/* The rows of the result, before sorting. */
static size_t collect(const keyset *k, const coda_freq_opts *o,
                      const uint64_t *counts, uint8_t *used, frow *rows)
{
    size_t n = 0;
    int declare = o->all_labels || o->order == CODA_ORDER_GIVEN;
    for (size_t i = 0; declare && i < o->nlabels; i++) {
        uint32_t id = keyset_find(k, &o->labels[i]);
        if (id != UINT32_MAX && used[id])
            continue; /* declared twice */
        if (id == UINT32_MAX && absent_before(o->labels, i))
            continue; /* declared twice and never occurs */
        if (id != UINT32_MAX)
            used[id] = 1;
        rows[n++] = (frow){ id, i, id == UINT32_MAX ? 0 : counts[id] };
    }
    int vocab = o->all_labels && o->nlabels == 0 && k->col->type == CODA_MULTI;
    for (size_t id = 0; id < k->n; id++)
        if (!used[id] && id != k->miss && (counts[id] || vocab))
            rows[n++] = (frow){ (uint32_t)id, SIZE_MAX, counts[id] };
    return n;
}

static const char *const freq_names[] = { "value", "count", "base", "pct",
                                          "ci_low", "ci_high" };

static coda_status freq_table(const keyset *k, const coda_freq_opts *o,
                              const frow *rows, size_t n, uint64_t base,
                              coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(n, 6, &t);
    const coda_type types[] = { keyset_type(k), CODA_INTEGER, CODA_INTEGER,
                                CODA_NUMBER, CODA_NUMBER, CODA_NUMBER };
    for (size_t c = 0; c < 6 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, freq_names[c], types[c]);
    for (size_t r = 0; r < n && st == CODA_OK; r++) {
        const frow *f = &rows[r];
        st = f->id != UINT32_MAX ? keyset_put(k, f->id, t, 0, r)
                                 : value_put(&o->labels[f->label], t, 0, r);
        t->cols[1].v.i[r] = (int64_t)f->count;
        t->cols[2].v.i[r] = (int64_t)base;
        t->cols[3].v.d[r] = 100.0 * (double)f->count / (double)base;
        coda_proportion_ci(o->ci, o->level, (long)f->count, (long)base,
                           &t->cols[4].v.d[r], &t->cols[5].v.d[r]);
        for (size_t c = 3; c < 6 && st == CODA_OK; c++)
            if (isnan(t->cols[c].v.d[r]))
                st = coda_table_set_missing(t, c, r);
    }
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_frequency(const coda_table *t, size_t col,
                           const coda_freq_opts *o, coda_table **out,
                           coda_error *err)
{
    for (size_t i = 0; i < o->nlabels; i++)
        if (!label_fits(&o->labels[i], t->cols[col].type))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "frequency: "
                                  "label %zu is %s, but column \"%s\" is %s",
                                  i + 1, coda_type_name(o->labels[i].type),
                                  t->cols[col].name,
                                  coda_type_name(t->cols[col].type));
    keyset k;
    coda_status st = keyset_init(&k, t, col);
    size_t cap = k.n + o->nlabels + 1;
    uint64_t *counts = coda_calloc(k.n + 1, sizeof *counts);
    uint8_t *used = coda_calloc(k.n + 1, 1);
    frow *rows = coda_malloc(cap * sizeof *rows);
    if (st == CODA_OK && (!counts || !used || !rows))
        st = CODA_ENOMEM;
    if (st == CODA_OK) {
        uint64_t cases, responses;
        count_ids(&k, t->nrow, counts, &cases, &responses);
        uint64_t base = o->base == CODA_BASE_FIXED ? (uint64_t)o->base_n
                      : o->base == CODA_BASE_RESPONSES ? responses : cases;
        size_t n = collect(&k, o, counts, used, rows);
        fsort s = { &k, o->order, o->labels };
        qsort_r(rows, n, sizeof *rows, frow_cmp, &s);
        st = freq_table(&k, o, rows, n, base, out);
    }
    coda_free(counts);
    coda_free(used);
    coda_free(rows);
    keyset_free(&k);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0, "frequency: %s",
                                               coda_strerror(st));
}

/* Cross counts of two keysets over the rows where neither is missing. */
typedef struct xcount {
    uint64_t *cell, *rb, *cb, total;
    size_t na, nb;
} xcount;

static void cross_count(const keyset *ka, const keyset *kb, size_t nrow,
                        xcount *x)
{
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ia, *ib;
        uint32_t ta, tb;
        size_t na = keyset_row(ka, r, &ia, &ta), nb = keyset_row(kb, r, &ib, &tb);
        if (coda_is_missing(ka->col, r) || coda_is_missing(kb->col, r))
            continue;
        x->total++;
        for (size_t i = 0; i < na; i++)
            x->rb[ia[i]]++;
        for (size_t j = 0; j < nb; j++)
            x->cb[ib[j]]++;
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++)
                x->cell[(size_t)ia[i] * x->nb + ib[j]]++;
    }
}

/* The ids with a non-zero base, sorted by value; returns how many. */
static size_t present(const keyset *k, const uint64_t *base, uint32_t *ids)
{
    size_t n = 0;
    for (size_t id = 0; id < k->n; id++)
        if (base[id])
            ids[n++] = (uint32_t)id;
    keyset_sort(k, ids, n);
    return n;
}

static const char *const xtab_names[] = {
    "row", "col", "count", "row_base", "row_pct", "col_base", "col_pct",
    "total_pct", "ci_low", "ci_high"
};

static coda_status xtab_row(coda_table *t, size_t r, const keyset *ka,
                            const keyset *kb, uint32_t a, uint32_t b,
                            const xcount *x, const coda_xtab_opts *o)
{
    uint64_t n = x->cell[(size_t)a * x->nb + b];
    coda_column *c = t->cols;
    coda_status st = keyset_put(ka, a, t, 0, r);
    if (st == CODA_OK)
        st = keyset_put(kb, b, t, 1, r);
    c[2].v.i[r] = (int64_t)n;
    c[3].v.i[r] = (int64_t)x->rb[a];
    c[4].v.d[r] = 100.0 * (double)n / (double)x->rb[a];
    c[5].v.i[r] = (int64_t)x->cb[b];
    c[6].v.d[r] = 100.0 * (double)n / (double)x->cb[b];
    c[7].v.d[r] = 100.0 * (double)n / (double)x->total;
    coda_proportion_ci(o->ci, o->level, (long)n, (long)x->rb[a],
                       &c[8].v.d[r], &c[9].v.d[r]);
    for (size_t k = 8; k < 10 && st == CODA_OK; k++)
        if (isnan(c[k].v.d[r]))
            st = coda_table_set_missing(t, k, r);
    return st;
}

static coda_status xtab_table(const keyset *ka, const keyset *kb,
                              const xcount *x, const coda_xtab_opts *o,
                              const uint32_t *ra, size_t na,
                              const uint32_t *cb, size_t nb, coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(na * nb, 10, &t);
    const coda_type types[] = { keyset_type(ka), keyset_type(kb), CODA_INTEGER,
                                CODA_INTEGER, CODA_NUMBER, CODA_INTEGER,
                                CODA_NUMBER, CODA_NUMBER, CODA_NUMBER,
                                CODA_NUMBER };
    for (size_t c = 0; c < 10 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, xtab_names[c], types[c]);
    for (size_t i = 0; i < na && st == CODA_OK; i++)
        for (size_t j = 0; j < nb && st == CODA_OK; j++)
            st = xtab_row(t, i * nb + j, ka, kb, ra[i], cb[j], x, o);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_crosstab(const coda_table *t, size_t a, size_t b,
                          const coda_xtab_opts *o, coda_table **out,
                          coda_error *err)
{
    keyset ka, kb;
    xcount x = { 0 };
    uint32_t *ra = NULL, *cb = NULL;
    coda_status st = keyset_init(&ka, t, a);
    coda_status st2 = keyset_init(&kb, t, b);
    st = st != CODA_OK ? st : st2;
    if (st == CODA_OK && ka.n && kb.n > MAX_CELLS / ka.n) {
        st = coda_error_set(err, CODA_ELIMIT, NULL, 0, 0, "crosstab: %s (%zu "
                            "values) by %s (%zu values) is too many cells",
                            ka.col->name, ka.n, kb.col->name, kb.n);
        goto done;
    }
    x.na = ka.n, x.nb = kb.n;
    x.cell = coda_calloc(ka.n * kb.n + 1, sizeof *x.cell);
    x.rb = coda_calloc(ka.n + 1, sizeof *x.rb);
    x.cb = coda_calloc(kb.n + 1, sizeof *x.cb);
    ra = coda_malloc((ka.n + 1) * sizeof *ra);
    cb = coda_malloc((kb.n + 1) * sizeof *cb);
    if (st == CODA_OK && (!x.cell || !x.rb || !x.cb || !ra || !cb))
        st = CODA_ENOMEM;
    if (st == CODA_OK) {
        cross_count(&ka, &kb, t->nrow, &x);
        size_t na = present(&ka, x.rb, ra), nb = present(&kb, x.cb, cb);
        st = xtab_table(&ka, &kb, &x, o, ra, na, cb, nb, out);
    }
    if (st != CODA_OK)
        coda_error_set(err, st, NULL, 0, 0, "crosstab: %s", coda_strerror(st));
done:
    coda_free(x.cell);
    coda_free(x.rb);
    coda_free(x.cb);
    coda_free(ra);
    coda_free(cb);
    keyset_free(&ka);
    keyset_free(&kb);
    return st;
}
