/* agg_partial_read.c - a partial result read back from the JSON that
 * coda_partial_write wrote, every part checked: a damaged or foreign file
 * is an error naming the file and what is wrong, never a partial. */
#include "agg_partial.h"

#include "base_alloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *path;
    coda_error *err;
} reader;

static coda_status bad(const reader *rd, const char *what)
{
    return coda_error_set(rd->err, CODA_EPARSE, rd->path, 0, 0, "not a "
                          "partial coda wrote: %s", what);
}

/* A hex float string (or inf, nan) into *v; 0 when it is not one. */
static int number_of(const json_t *j, double *v)
{
    const char *s = json_string_value(j);
    char *end;
    if (!s || !*s)
        return 0;
    *v = strtod(s, &end);
    return *end == 0;
}

/* The components of one exact sum into s: as written when they are as
 * coda_xsum keeps them (finite, nonzero, growing: so a file written again
 * is the same), else added one by one. */
static coda_status read_xsum(const reader *rd, const json_t *x, coda_xsum *s,
                             const char *what)
{
    size_t n = json_array_size(x);
    double *v = coda_malloc((n + 1) * sizeof *v);
    int kept = v != NULL && n < UINT32_MAX;
    for (size_t j = 0; v && j < n; j++) {
        if (!number_of(json_array_get(x, j), &v[j])) {
            coda_free(v);
            return bad(rd, what);
        }
        kept = kept && isfinite(v[j]) && v[j] != 0 &&
               (j == 0 || fabs(v[j - 1]) < fabs(v[j]));
    }
    if (!v)
        return coda_error_nomem(rd->err);
    if (kept) {
        s->p = v, s->n = s->cap = (uint32_t)n;
        return CODA_OK;
    }
    coda_status st = CODA_OK;
    for (size_t j = 0; j < n && st == CODA_OK; j++)
        st = coda_xsum_add(s, v[j]);
    coda_free(v);
    return st == CODA_OK ? st : coda_error_nomem(rd->err);
}

static coda_status read_xsums(const reader *rd, const json_t *a, coda_xsum *s,
                              size_t n, const char *what)
{
    if (!json_is_array(a) || json_array_size(a) != n)
        return bad(rd, what);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = json_is_array(json_array_get(a, i))
                 ? read_xsum(rd, json_array_get(a, i), &s[i], what)
                 : bad(rd, what);
    return st;
}

static coda_status read_store(const reader *rd, const json_t *j,
                              coda_sketch *k, int sign)
{
    const json_t *off = json_object_get(j, "offset");
    const json_t *c = json_object_get(j, "counts");
    json_int_t o = json_integer_value(off);
    if (!json_is_integer(off) || !json_is_array(c) || o < -(1 << 30) ||
        o > (1 << 30) || json_array_size(c) > (1 << 20))
        return bad(rd, "a sketch's buckets");
    for (size_t i = 0; i < json_array_size(c); i++) {
        json_int_t n = json_integer_value(json_array_get(c, i));
        if (!json_is_integer(json_array_get(c, i)) || n < 0)
            return bad(rd, "a sketch's counts");
        if (n && coda_sketch_add_count(k, sign, (int32_t)(o + (json_int_t)i),
                                       (uint64_t)n) != CODA_OK)
            return coda_error_nomem(rd->err);
    }
    return CODA_OK;
}

static coda_status read_sketches(const reader *rd, const json_t *a,
                                 coda_sketch *k, size_t n)
{
    coda_status st = json_is_array(a) && json_array_size(a) == n
                         ? CODA_OK : bad(rd, "sketches");
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        const json_t *s = json_array_get(a, i);
        json_int_t z = json_integer_value(json_object_get(s, "zero"));
        if (!json_is_integer(json_object_get(s, "zero")) || z < 0)
            return bad(rd, "a sketch's zeros");
        st = coda_sketch_add_count(&k[i], 0, 0, (uint64_t)z);
        if (st == CODA_OK)
            st = read_store(rd, json_object_get(s, "positive"), &k[i], 1);
        if (st == CODA_OK)
            st = read_store(rd, json_object_get(s, "negative"), &k[i], -1);
    }
    return st;
}

static coda_status read_extremes(const reader *rd, const json_t *a, double *e,
                                 size_t n)
{
    if (!json_is_array(a) || json_array_size(a) != n)
        return bad(rd, "extremes");
    for (size_t i = 0; i < n; i++)
        if (!number_of(json_array_get(a, i), &e[i]))
            return bad(rd, "extremes");
    return CODA_OK;
}

/* Row r of key column c from v; CODA_EPARSE when v does not fit it. */
static coda_status key_value(const reader *rd, coda_table *t, size_t c,
                             size_t r, const json_t *v)
{
    coda_column *col = &t->cols[c];
    if (json_is_null(v))
        return coda_table_set_missing(t, c, r);
    switch (col->type) {
    case CODA_INTEGER:
        if (!json_is_integer(v))
            return bad(rd, "an integer key");
        col->v.i[r] = json_integer_value(v);
        return CODA_OK;
    case CODA_NUMBER:
        return number_of(v, &col->v.d[r]) ? CODA_OK : bad(rd, "a number key");
    case CODA_BOOLEAN:
        if (!json_is_boolean(v))
            return bad(rd, "a boolean key");
        col->v.b[r] = json_is_true(v);
        return CODA_OK;
    default:
        if (!json_is_string(v))
            return bad(rd, "a string key");
        return coda_table_set_string(t, c, r, json_string_value(v),
                                     json_string_length(v));
    }
}

static coda_status key_column(const reader *rd, coda_table *t, size_t c,
                              const json_t *name, const json_t *type,
                              const json_t *values)
{
    coda_type ty;
    if (!json_is_string(name) || !json_is_string(type) ||
        !coda_type_parse(json_string_value(type), &ty) || ty == CODA_MULTI ||
        !json_is_array(values) || json_array_size(values) != t->nrow)
        return bad(rd, "the keys");
    coda_status st = coda_table_init_column(t, c, json_string_value(name), ty);
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
        st = key_value(rd, t, c, r, json_array_get(values, r));
    return st;
}

/* Levels lv (null: none) of string key column c. */
static coda_status key_levels(const reader *rd, coda_table *t, size_t c,
                              const json_t *lv)
{
    size_t n = json_array_size(lv);
    if (json_is_null(lv) || !lv)
        return CODA_OK;
    if (!json_is_array(lv) || t->cols[c].type != CODA_STRING)
        return bad(rd, "the levels of the keys");
    const char **s = coda_malloc((n + 1) * sizeof *s);
    size_t *len = coda_malloc((n + 1) * sizeof *len);
    coda_status st = s && len ? CODA_OK : coda_error_nomem(rd->err);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        s[i] = json_string_value(json_array_get(lv, i));
        len[i] = json_string_length(json_array_get(lv, i));
        if (!s[i])
            st = bad(rd, "the levels of the keys");
    }
    if (st == CODA_OK &&
        coda_table_set_levels(t, c, s, len, n, rd->err) != CODA_OK)
        st = bad(rd, "the levels of the keys");
    coda_free(s);
    coda_free(len);
    return st;
}

static coda_status read_keys(const reader *rd, const json_t *k,
                             coda_table **out)
{
    const json_t *rows = json_object_get(k, "rows");
    const json_t *names = json_object_get(k, "names");
    const json_t *types = json_object_get(k, "types");
    const json_t *values = json_object_get(k, "values");
    size_t nc = json_array_size(names);
    size_t n = nc ? json_array_size(json_array_get(values, 0)) : 1;
    if (!json_is_integer(rows) || json_integer_value(rows) < 0 ||
        (size_t)json_integer_value(rows) > n ||
        !json_is_array(names) || json_array_size(types) != nc ||
        json_array_size(values) != nc)
        return bad(rd, "the keys");
    coda_table *t = NULL;
    coda_status st = coda_table_create((size_t)json_integer_value(rows), nc, &t);
    const json_t *lv = json_object_get(k, "levels");
    for (size_t c = 0; c < nc && st == CODA_OK; c++)
        st = key_column(rd, t, c, json_array_get(names, c),
                        json_array_get(types, c), json_array_get(values, c));
    for (size_t c = 0; c < nc && st == CODA_OK; c++)
        st = key_levels(rd, t, c, json_array_get(lv, c));
    if (st != CODA_OK)
        coda_table_free(t);
    else
        *out = t;
    return st;
}

/* A count field of s into *n (at most limit). */
static int count_of(const json_t *s, const char *name, size_t limit,
                    size_t *n)
{
    const json_t *v = json_object_get(s, name);
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        (size_t)json_integer_value(v) > limit)
        return 0;
    *n = (size_t)json_integer_value(v);
    return 1;
}

/* 1 when the array a has per entries for each of n keys. */
static int fits(const json_t *a, size_t per, size_t n)
{
    return json_is_array(a) && json_array_size(a) == per * n;
}

static coda_status read_stats(const reader *rd, const json_t *s,
                              coda_partial **out)
{
    size_t nsum, ntot, next, nsk;
    coda_table *k = NULL;
    if (!count_of(s, "nsum", 1 << 20, &nsum) ||
        !count_of(s, "ntot", 64, &ntot) ||
        !count_of(s, "next", 1 << 20, &next) ||
        !count_of(s, "nsk", 1 << 20, &nsk))
        return bad(rd, "the numbers of statistics");
    size_t nr;
    if (!count_of(json_object_get(s, "keys"), "rows", SIZE_MAX >> 21, &nr) ||
        !fits(json_object_get(s, "sums"), nsum, nr) ||
        !fits(json_object_get(s, "extremes"), next, nr) ||
        !fits(json_object_get(s, "sketches"), nsk, nr))
        return bad(rd, "the number of keys and of their statistics differ");
    coda_status st = read_keys(rd, json_object_get(s, "keys"), &k);
    coda_partial *p = NULL;
    if (st == CODA_OK)
        st = coda_partial_create(k, nsum, ntot, next, nsk, &p);
    size_t n = k ? k->nrow : 0;
    if (st == CODA_OK)
        st = read_xsums(rd, json_object_get(s, "sums"), p->sum, n * nsum, "sums");
    if (st == CODA_OK)
        st = read_xsums(rd, json_object_get(s, "totals"), p->tot, ntot, "totals");
    if (st == CODA_OK)
        st = read_extremes(rd, json_object_get(s, "extremes"), p->ext, n * next);
    if (st == CODA_OK)
        st = read_sketches(rd, json_object_get(s, "sketches"), p->sk, n * nsk);
    if (st != CODA_OK) {
        coda_partial_free(p);
        return st;
    }
    p->multi = json_is_true(json_object_get(s, "multi"));
    *out = p;
    return CODA_OK;
}

coda_status coda_partial_read(const char *path, coda_partial **out,
                              json_t **doc, coda_error *err)
{
    json_error_t je;
    reader rd = { path, err };
    json_t *d = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!d)
        return coda_error_set(err, je.line > 0 ? CODA_EPARSE : CODA_EIO, path,
                              je.line > 0 ? je.line : 0,
                              je.line > 0 ? je.column : 0, "%s", je.text);
    const char *format = json_string_value(json_object_get(d, "format"));
    coda_status st = format && strcmp(format, CODA_PARTIAL_FORMAT) == 0
                         ? read_stats(&rd, json_object_get(d, "statistics"), out)
                         : bad(&rd, "no \"format\": \"" CODA_PARTIAL_FORMAT "\"");
    if (st != CODA_OK) {
        json_decref(d);
        return st;
    }
    json_object_del(d, "statistics");
    json_object_del(d, "format");
    *doc = d;
    return CODA_OK;
}
