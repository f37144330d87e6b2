/* agg_partial_json.c - a partial result's statistics as JSON (jansson)
 * and back: doubles as C99 hex floats ("0x1.8p+1"), so that nothing is
 * rounded on the way; written through the atomic writer. */
#include "agg_partial.h"

#include "base_alloc.h"
#include "base_outfile.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static json_t *hex(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%a", v);
    return json_string(buf);
}

static json_t *xsums(const coda_xsum *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++) {
        json_t *x = json_array();
        for (uint32_t j = 0; x && j < s[i].n; j++)
            json_array_append_new(x, hex(s[i].p[j]));
        if (x && s[i].nspecial)
            json_array_append_new(x, hex(s[i].special));
        json_array_append_new(a, x);
    }
    return a;
}

static json_t *store(const coda_sketch_store *b)
{
    json_t *c = json_array();
    for (uint32_t j = 0; c && j < b->n; j++)
        json_array_append_new(c, json_integer((json_int_t)b->count[j]));
    return json_pack("{s:i,s:o}", "offset", (int)b->off, "counts", c);
}

static json_t *sketches(const coda_sketch *k, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_pack("{s:I,s:o,s:o}", "zero",
                                           (json_int_t)k[i].zero, "positive",
                                           store(&k[i].pos), "negative",
                                           store(&k[i].neg)));
    return a;
}

/* The value of row r of key column c: null when missing. */
static json_t *key_value(const coda_column *c, size_t r)
{
    if (coda_is_missing(c, r))
        return json_null();
    switch (c->type) {
    case CODA_INTEGER: return json_integer((json_int_t)c->v.i[r]);
    case CODA_NUMBER: return hex(c->v.d[r]);
    case CODA_BOOLEAN: return json_boolean(c->v.b[r]);
    default: return json_stringn(c->v.s.p[r], c->v.s.len[r]);
    }
}

/* A key column's levels (the order of an ordered category), or null. */
static json_t *levels(const coda_column *c)
{
    const coda_labels *l = c->meta ? c->meta->levels : NULL;
    if (!l)
        return json_null();
    json_t *a = json_array();
    for (uint32_t i = 0; a && i < l->n; i++)
        json_array_append_new(a, json_stringn(l->s[i], l->len[i]));
    return a;
}

static json_t *keys(const coda_table *t)
{
    json_t *names = json_array(), *types = json_array(), *values = json_array();
    json_t *lv = json_array();
    for (size_t c = 0; lv && c < t->ncol; c++)
        if (json_array_append_new(lv, levels(&t->cols[c])))
            json_decref(lv), lv = NULL;
    for (size_t c = 0; names && types && values && c < t->ncol; c++) {
        json_t *v = json_array();
        for (size_t r = 0; v && r < t->nrow; r++)
            if (json_array_append_new(v, key_value(&t->cols[c], r)))
                json_decref(v), v = NULL; /* not UTF-8 */
        json_array_append_new(names, json_string(t->cols[c].name));
        json_array_append_new(types, json_string(coda_type_name(t->cols[c].type)));
        if (json_array_append_new(values, v))
            json_decref(values), values = NULL;
    }
    return json_pack("{s:I,s:o,s:o,s:o,s:o}", "rows", (json_int_t)t->nrow,
                     "names", names, "types", types, "values", values,
                     "levels", lv);
}

static json_t *extremes(const double *e, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, hex(e[i]));
    return a;
}

coda_status coda_partial_write(const coda_partial *p, json_t *doc,
                               const char *path, coda_error *err)
{
    size_t n = p->keys->nrow;
    json_t *stats = json_pack("{s:o,s:I,s:I,s:I,s:I,s:b,s:o,s:o,s:o,s:o}",
                              "keys", keys(p->keys), "nsum", (json_int_t)p->nsum,
                              "ntot", (json_int_t)p->ntot, "next",
                              (json_int_t)p->next, "nsk", (json_int_t)p->nsk,
                              "multi", p->multi, "sums",
                              xsums(p->sum, n * p->nsum), "totals",
                              xsums(p->tot, p->ntot), "extremes",
                              extremes(p->ext, n * p->next), "sketches",
                              sketches(p->sk, n * p->nsk));
    if (!stats || json_object_set_new(doc, "statistics", stats))
        return coda_error_set(err, CODA_EARG, path, 0, 0, "cannot write the "
                              "partial (out of memory, or a key that is not "
                              "UTF-8 text)");
    json_object_set_new(doc, "format", json_string(CODA_PARTIAL_FORMAT));
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    if (json_dumpf(doc, o.fp, JSON_COMPACT | JSON_SORT_KEYS) != 0 ||
        fputc('\n', o.fp) == EOF) {
        coda_outfile_abort(&o);
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot write the "
                              "partial");
    }
    return coda_outfile_commit(&o, err);
}
