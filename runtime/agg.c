/* agg.c - frequencies and cross-tabulations with their bases. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


void coda_freq_opts_init(coda_freq_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ci = CODA_CI_WILSON;
    o->level = 0.95;
    o->weight = -1;
}

void coda_xtab_opts_init(coda_xtab_opts *o)
{
    o->ci = CODA_CI_WILSON;
    o->level = 0.95;
    o->weight = -1;
}

typedef struct frow {
    uint32_t id;        /* UINT32_MAX: a declared label that never occurs */
    size_t label;       /* index among the declared labels, or SIZE_MAX */
    uint64_t count;
    double w;           /* the weighted count (the count when unweighted) */
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
    if (s->order != CODA_ORDER_VALUE && a->w != b->w)
        return a->w > b->w ? -1 : 1;
    if (a->id != UINT32_MAX && b->id != UINT32_MAX)
        return keyset_cmp(s->k, a->id, b->id);
    coda_value va = frow_value(s->k, s->labels, a);
    coda_value vb = frow_value(s->k, s->labels, b);
    return value_cmp(&va, &vb); /* a declared label that never occurs */
}

/* Count each id by rows and, with weights w, by weight; cases = rows
 * not missing, responses = ids counted. */
static void count_ids(const keyset *k, size_t nrow, const double *w,
                      ftally *f)
{
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ids;
        uint32_t tmp;
        size_t n = keyset_row(k, r, &ids, &tmp);
        if (coda_is_missing(k->col, r))
            continue;
        double wr = w ? w[r] : 1;
        f->cases++;
        f->responses += n;
        f->wcases += wr;
        f->wresponses += wr * (double)n;
        f->wsq += wr * wr;
        for (size_t i = 0; i < n; i++) {
            f->n[ids[i]]++;
            f->w[ids[i]] += wr;
        }
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
                      const ftally *f, int multi, uint8_t *used, frow *rows)
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
        rows[n++] = id == UINT32_MAX ? (frow){ id, i, 0, 0 }
                                     : (frow){ id, i, f->n[id], f->w[id] };
    }
    int vocab = o->all_labels && o->nlabels == 0 && multi;
    for (size_t id = 0; id < k->n; id++)
        if (!used[id] && id != k->miss && (f->n[id] || vocab))
            rows[n++] = (frow){ (uint32_t)id, SIZE_MAX, f->n[id], f->w[id] };
    return n;
}

static const char *const freq_names[] = { "value", "count", "base", "pct",
                                          "ci_low", "ci_high" };
static const char *const wfreq_names[] = { "value", "n", "count", "base_n",
                                           "base", "pct", "ci_low",
                                           "ci_high", "weight" };

/* Row r of an unweighted frequency from column 1 on. */
static void freq_counts(coda_table *t, size_t r, const frow *f, uint64_t base,
                        const coda_freq_opts *o)
{
    coda_column *c = t->cols;
    c[1].v.i[r] = (int64_t)f->count;
    c[2].v.i[r] = (int64_t)base;
    c[3].v.d[r] = 100.0 * (double)f->count / (double)base;
    coda_proportion_ci(o->ci, o->level, (long)f->count, (long)base,
                       &c[4].v.d[r], &c[5].v.d[r]);
}

/* Row r of a weighted frequency from column 1 on. */
static coda_status freq_weighted(coda_table *t, size_t r, const frow *f,
                                 uint64_t base_n, double base, double wsq,
                                 const coda_freq_opts *o, const char *wname)
{
    coda_column *c = t->cols;
    c[1].v.i[r] = (int64_t)f->count;
    c[2].v.d[r] = f->w;
    c[3].v.i[r] = (int64_t)base_n;
    c[4].v.d[r] = base;
    c[5].v.d[r] = base > 0 ? 100.0 * f->w / base : NAN;
    agg_weighted_ci(o->ci, o->level, c[5].v.d[r], base, wsq, &c[6].v.d[r],
                &c[7].v.d[r]);
    coda_status st = agg_nan_missing(t, 5, 7, r);
    return st == CODA_OK ? coda_table_set_string(t, 8, r, wname,
                                                 strlen(wname)) : st;
}

static coda_status freq_table(const keyset *k, const coda_freq_opts *o,
                              const frow *rows, size_t n, const ftally *f,
                              const char *wname, coda_table **out)
{
    coda_table *t = NULL;
    int wt = wname != NULL;
    uint64_t base = o->base == CODA_BASE_FIXED ? (uint64_t)o->base_n
                  : o->base == CODA_BASE_RESPONSES ? f->responses : f->cases;
    double wbase = o->base == CODA_BASE_RESPONSES ? f->wresponses : f->wcases;
    coda_status st = coda_table_create(n, wt ? 9 : 6, &t);
    const coda_type types[] = { keyset_type(k), CODA_INTEGER, CODA_INTEGER,
                                CODA_NUMBER, CODA_NUMBER, CODA_NUMBER };
    const coda_type wtypes[] = { keyset_type(k), CODA_INTEGER, CODA_NUMBER,
                                 CODA_INTEGER, CODA_NUMBER, CODA_NUMBER,
                                 CODA_NUMBER, CODA_NUMBER, CODA_STRING };
    if (st == CODA_OK)
        st = wt ? agg_init_columns(t, wfreq_names, wtypes, 9)
                : agg_init_columns(t, freq_names, types, 6);
    for (size_t r = 0; r < n && st == CODA_OK; r++) {
        const frow *fr = &rows[r];
        st = fr->id != UINT32_MAX ? keyset_put(k, fr->id, t, 0, r)
                                  : value_put(&o->labels[fr->label], t, 0, r);
        if (st == CODA_OK && wt)
            st = freq_weighted(t, r, fr, base, wbase, f->wsq, o, wname);
        else if (st == CODA_OK)
            freq_counts(t, r, fr, base, o), st = agg_nan_missing(t, 3, 5, r);
    }
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status agg_freq_finish(const keyset *k, const coda_freq_opts *o,
                            const ftally *f, int multi, const char *wname,
                            coda_table **out)
{
    uint8_t *used = coda_calloc(k->n + 1, 1);
    frow *rows = coda_malloc((k->n + o->nlabels + 1) * sizeof *rows);
    coda_status st = used && rows ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK) {
        size_t n = collect(k, o, f, multi, used, rows);
        fsort s = { k, o->order, o->labels };
        qsort_r(rows, n, sizeof *rows, frow_cmp, &s);
        st = freq_table(k, o, rows, n, f, wname, out);
    }
    coda_free(used);
    coda_free(rows);
    return st;
}

coda_status agg_freq_check(const coda_table *t, size_t col,
                           const coda_freq_opts *o, coda_error *err)
{
    for (size_t i = 0; i < o->nlabels; i++)
        if (!label_fits(&o->labels[i], t->cols[col].type))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "frequency: "
                                  "label %zu is %s, but column \"%s\" is %s",
                                  i + 1, coda_type_name(o->labels[i].type),
                                  t->cols[col].name,
                                  coda_type_name(t->cols[col].type));
    if (o->weight >= 0 && o->base == CODA_BASE_FIXED)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "frequency: a "
                              "fixed base cannot be weighted (use base = "
                              "\"cases\" or \"responses\")");
    return CODA_OK;
}

coda_status agg_freq_weights(const coda_table *t, size_t col,
                             const coda_freq_opts *o, double **w,
                             coda_error *err)
{
    coda_status st = agg_freq_check(t, col, o, err);
    if (st == CODA_OK && o->weight >= 0)
        st = coda_weights_get(t, (size_t)o->weight, "frequency", w, err);
    return st;
}

coda_status coda_frequency(const coda_table *t, size_t col,
                           const coda_freq_opts *o, coda_table **out,
                           coda_error *err)
{
    double *w = NULL;
    coda_status st = agg_freq_weights(t, col, o, &w, err);
    if (st != CODA_OK)
        return st;
    keyset k;
    st = keyset_init(&k, t, col);
    ftally f = { coda_calloc(k.n + 1, sizeof *f.n),
                 coda_calloc(k.n + 1, sizeof *f.w), 0, 0, 0, 0, 0 };
    if (st == CODA_OK && (!f.n || !f.w))
        st = CODA_ENOMEM;
    if (st == CODA_OK) {
        count_ids(&k, t->nrow, w, &f);
        st = agg_freq_finish(&k, o, &f, k.col->type == CODA_MULTI,
                             w ? t->cols[o->weight].name : NULL, out);
    }
    coda_free(w);
    coda_free(f.n);
    coda_free(f.w);
    keyset_free(&k);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0, "frequency: %s",
                                               coda_strerror(st));
}

