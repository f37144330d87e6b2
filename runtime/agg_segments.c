/* agg_segments.c - what segments add up to: codes present per case, a case
 * by code count matrix, and code co-occurrence within units. */
#include "coder.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The interned keys of the cases and the codes, and counts[case][code]. */
typedef struct tally {
    coda_labels *cases, *codes;
    coda_type by_type;
    int fixed_codes;            /* codes given: others are ignored */
    uint32_t *counts;
    size_t ncap;                /* cases the counts have room for */
} tally;

static coda_status need(const coda_table *t, const char *fn, const char *name,
                        int integer_ok, long *c, coda_error *err)
{
    *c = coda_table_find(t, name);
    if (*c >= 0 && (t->cols[*c].type == CODA_STRING ||
                    (integer_ok && t->cols[*c].type == CODA_INTEGER)))
        return CODA_OK;
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the segments need "
                          "a %s column \"%s\" (as cb:code makes: doc, unit, "
                          "speaker, code, start, stop, match)", fn,
                          integer_ok ? "string or integer" : "string", name);
}

/* The text of row r of col (an integer written out); NULL when missing. */
static const char *key(const coda_column *col, size_t r, char *buf,
                       size_t *len)
{
    if (coda_is_missing(col, r))
        return NULL;
    if (col->type == CODA_INTEGER) {
        *len = (size_t)snprintf(buf, 32, "%" PRId64, col->v.i[r]);
        return buf;
    }
    *len = col->v.s.len[r];
    return col->v.s.p[r];
}

static void tally_free(tally *ty)
{
    coda_labels_unref(ty->cases);
    coda_labels_unref(ty->codes);
    coda_free(ty->counts);
}

static coda_status tally_init(tally *ty, const coda_seg_opts *o)
{
    memset(ty, 0, sizeof *ty);
    ty->cases = coda_labels_new();
    ty->codes = coda_labels_new();
    if (!ty->cases || !ty->codes)
        return CODA_ENOMEM;
    ty->fixed_codes = o->codes != NULL;
    for (size_t i = 0; i < o->ncodes; i++) {
        uint32_t id;
        if (coda_labels_intern(ty->codes, o->codes[i], strlen(o->codes[i]),
                               &id) != CODA_OK)
            return CODA_ENOMEM;
    }
    return CODA_OK;
}

static coda_status intern_cases(tally *ty, const coda_column *col, size_t n)
{
    char buf[32];
    for (size_t r = 0; r < n; r++) {
        size_t len;
        uint32_t id;
        const char *k = key(col, r, buf, &len);
        if (k && coda_labels_intern(ty->cases, k, len, &id) != CODA_OK)
            return CODA_ENOMEM;
    }
    return CODA_OK;
}

/* Count the segments; cases and codes are interned as they come. */
static coda_status count(tally *ty, const coda_column *by,
                         const coda_column *code, size_t n)
{
    char buf[32];
    for (size_t r = 0; r < n; r++) {
        size_t len;
        uint32_t c, k;
        const char *kv = key(by, r, buf, &len);
        if (!kv || coda_is_missing(code, r))
            continue;
        if (coda_labels_intern(ty->cases, kv, len, &c) != CODA_OK)
            return CODA_ENOMEM;
        if (ty->fixed_codes) {
            k = coda_labels_find(ty->codes, code->v.s.p[r], code->v.s.len[r]);
            if (k == CODA_NO_LABEL)
                continue;
        } else if (coda_labels_intern(ty->codes, code->v.s.p[r],
                                      code->v.s.len[r], &k) != CODA_OK) {
            return CODA_ENOMEM;
        }
    }
    size_t cells = (size_t)ty->cases->n * (ty->codes->n ? ty->codes->n : 1);
    ty->counts = coda_calloc(cells ? cells : 1, sizeof *ty->counts);
    if (!ty->counts)
        return CODA_ENOMEM;
    for (size_t r = 0; r < n; r++) {
        size_t len;
        const char *kv = key(by, r, buf, &len);
        if (!kv || coda_is_missing(code, r))
            continue;
        uint32_t k = coda_labels_find(ty->codes, code->v.s.p[r],
                                      code->v.s.len[r]);
        if (k != CODA_NO_LABEL)
            ty->counts[(size_t)coda_labels_find(ty->cases, kv, len) *
                       ty->codes->n + k]++;
    }
    return CODA_OK;
}

static coda_status tally_segments(const coda_table *seg, const char *fn,
                                  const coda_seg_opts *o, tally *ty,
                                  coda_error *err)
{
    long byc, cc, corpc = -1;
    const char *by = o->by ? o->by : "doc";
    memset(ty, 0, sizeof *ty);
    coda_status st = need(seg, fn, by, 1, &byc, err);
    if (st == CODA_OK)
        st = need(seg, fn, "code", 0, &cc, err);
    if (st == CODA_OK && o->corpus) {
        corpc = coda_table_find(o->corpus, by);
        if (corpc < 0 || o->corpus->cols[corpc].type != seg->cols[byc].type)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the corpus "
                                "needs a column \"%s\" of the segments' type",
                                fn, by);
    }
    if (st != CODA_OK)
        return st;
    if (tally_init(ty, o) != CODA_OK ||
        (corpc >= 0 && intern_cases(ty, &o->corpus->cols[corpc],
                                    o->corpus->nrow) != CODA_OK) ||
        count(ty, &seg->cols[byc], &seg->cols[cc], seg->nrow) != CODA_OK)
        return coda_error_nomem(err);
    ty->by_type = seg->cols[byc].type;
    return CODA_OK;
}

/* Column 0 of t: the case keys, named by, of the by column's type. */
static coda_status case_column(coda_table *t, const tally *ty, const char *by)
{
    coda_status st = coda_table_init_column(t, 0, by, ty->by_type);
    for (uint32_t c = 0; c < ty->cases->n && st == CODA_OK; c++) {
        if (ty->by_type == CODA_INTEGER)
            t->cols[0].v.i[c] = strtoll(ty->cases->s[c], NULL, 10);
        else
            st = coda_table_set_string(t, 0, c, ty->cases->s[c],
                                       ty->cases->len[c]);
    }
    return st;
}

static coda_status cases_table(const tally *ty, const char *by,
                               coda_table **out)
{
    coda_table *t = NULL;
    uint32_t nk = ty->codes->n, *ids = coda_malloc((nk ? nk : 1) *
                                                   sizeof *ids);
    coda_status st = ids ? coda_table_create(ty->cases->n, 2, &t)
                         : CODA_ENOMEM;
    if (st == CODA_OK)
        st = case_column(t, ty, by);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 1, "codes", CODA_MULTI);
    for (uint32_t k = 0; k < nk && st == CODA_OK; k++) {
        uint32_t id;
        st = coda_labels_intern(t->cols[1].v.m.labels, ty->codes->s[k],
                                ty->codes->len[k], &id);
    }
    for (uint32_t c = 0; c < ty->cases->n && st == CODA_OK; c++) {
        size_t n = 0;
        for (uint32_t k = 0; k < nk; k++)
            if (ty->counts[(size_t)c * nk + k])
                ids[n++] = k;
        st = coda_table_set_multi(t, 1, c, ids, n);
    }
    coda_free(ids);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_seg_cases(const coda_table *seg, const coda_seg_opts *o,
                           coda_table **out, coda_error *err)
{
    tally ty;
    coda_status st = tally_segments(seg, "cases", o, &ty, err);
    if (st == CODA_OK && cases_table(&ty, o->by ? o->by : "doc", out))
        st = coda_error_nomem(err);
    tally_free(&ty);
    return st;
}

static coda_status matrix_table(const tally *ty, const char *by, int binary,
                                coda_table **out, coda_error *err)
{
    coda_table *t = NULL;
    uint32_t nk = ty->codes->n;
    for (uint32_t k = 0; k < nk; k++)
        if (strcmp(ty->codes->s[k], by) == 0)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "matrix: a code "
                                  "is called \"%s\" like the case column", by);
    coda_status st = coda_table_create(ty->cases->n, (size_t)nk + 1, &t);
    if (st == CODA_OK)
        st = case_column(t, ty, by);
    for (uint32_t k = 0; k < nk && st == CODA_OK; k++) {
        st = coda_table_init_column(t, k + 1, ty->codes->s[k], CODA_INTEGER);
        for (uint32_t c = 0; c < ty->cases->n && st == CODA_OK; c++) {
            uint32_t v = ty->counts[(size_t)c * nk + k];
            t->cols[k + 1].v.i[c] = binary ? v > 0 : v;
        }
    }
    if (st != CODA_OK) {
        coda_table_free(t);
        return coda_error_nomem(err);
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_seg_matrix(const coda_table *seg, const coda_seg_opts *o,
                            coda_table **out, coda_error *err)
{
    tally ty;
    coda_status st = tally_segments(seg, "matrix", o, &ty, err);
    if (st == CODA_OK)
        st = matrix_table(&ty, o->by ? o->by : "doc", o->binary, out, err);
    tally_free(&ty);
    return st;
}

/* --- co-occurrence ------------------------------------------------------- */

typedef struct uc {
    uint32_t unit, code;
} uc;

static int by_unit(const void *x, const void *y)
{
    const uc *a = x, *b = y;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    return a->code < b->code ? -1 : a->code > b->code;
}

/* The (unit, code) pairs of the segments, sorted and without repeats. */
static coda_status unit_codes(const coda_table *seg, long dc, long uc_,
                              long cc, tally *ty, uc **pairs, size_t *np)
{
    char buf[600];
    *pairs = coda_malloc((seg->nrow ? seg->nrow : 1) * sizeof **pairs);
    if (!*pairs)
        return CODA_ENOMEM;
    size_t n = 0;
    for (size_t r = 0; r < seg->nrow; r++) {
        const coda_column *d = &seg->cols[dc], *u = &seg->cols[uc_],
                          *c = &seg->cols[cc];
        if (coda_is_missing(d, r) || coda_is_missing(u, r) ||
            coda_is_missing(c, r))
            continue;
        size_t len = (size_t)snprintf(buf, sizeof buf, "%s\x1f%" PRId64,
                                      d->v.s.p[r], u->v.i[r]);
        uint32_t unit, code;
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        if (coda_labels_intern(ty->cases, buf, len, &unit) != CODA_OK)
            return CODA_ENOMEM;
        if (ty->fixed_codes)
            code = coda_labels_find(ty->codes, c->v.s.p[r], c->v.s.len[r]);
        else if (coda_labels_intern(ty->codes, c->v.s.p[r], c->v.s.len[r],
                                    &code) != CODA_OK)
            return CODA_ENOMEM;
        if (code != CODA_NO_LABEL)
            (*pairs)[n++] = (uc){ unit, code };
    }
    qsort(*pairs, n, sizeof **pairs, by_unit);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || by_unit(&(*pairs)[k - 1], &(*pairs)[i]) != 0)
            (*pairs)[k++] = (*pairs)[i];
    *np = k;
    return CODA_OK;
}

static coda_status pairs_table(const tally *ty, const uint64_t *m,
                               coda_table **out)
{
    uint32_t nk = ty->codes->n;
    size_t rows = 0, o = 0;
    for (size_t i = 0; i < (size_t)nk * nk; i++)
        rows += m[i] > 0;
    coda_table *t = NULL;
    coda_status st = coda_table_create(rows, 3, &t);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 0, "code_a", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 1, "code_b", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 2, "units", CODA_INTEGER);
    for (uint32_t a = 0; a < nk && st == CODA_OK; a++)
        for (uint32_t b = a + 1; b < nk && st == CODA_OK; b++) {
            uint64_t v = m[(size_t)a * nk + b];
            if (!v)
                continue;
            st = coda_table_set_string(t, 0, o, ty->codes->s[a],
                                       ty->codes->len[a]);
            if (st == CODA_OK)
                st = coda_table_set_string(t, 1, o, ty->codes->s[b],
                                           ty->codes->len[b]);
            t->cols[2].v.i[o++] = (int64_t)v;
        }
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_seg_cooccurrence(const coda_table *seg,
                                  const coda_seg_opts *o, coda_table **out,
                                  coda_error *err)
{
    long dc, uc_, cc;
    coda_status st = need(seg, "cooccurrence", "doc", 1, &dc, err);
    if (st == CODA_OK)
        st = need(seg, "cooccurrence", "code", 0, &cc, err);
    uc_ = coda_table_find(seg, "unit");
    if (st == CODA_OK && (uc_ < 0 || seg->cols[uc_].type != CODA_INTEGER))
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "cooccurrence: the "
                            "segments need an integer column \"unit\"");
    if (st != CODA_OK)
        return st;
    if (seg->cols[dc].type != CODA_STRING)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "cooccurrence: the "
                              "segments need a string column \"doc\"");
    tally ty;
    uc *pairs = NULL;
    uint64_t *m = NULL;
    size_t np = 0;
    st = tally_init(&ty, o);
    if (st == CODA_OK)
        st = unit_codes(seg, dc, uc_, cc, &ty, &pairs, &np);
    size_t nk = ty.codes ? ty.codes->n : 0;
    size_t cells = nk * nk;
    if (st == CODA_OK && !(m = coda_calloc(cells ? cells : 1, sizeof *m)))
        st = CODA_ENOMEM;
    for (size_t i = 0, j; st == CODA_OK && i < np; i = j) {
        for (j = i; j < np && pairs[j].unit == pairs[i].unit; j++)
            ;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++)
                m[(size_t)pairs[a].code * nk + pairs[b].code]++;
    }
    if (st == CODA_OK)
        st = pairs_table(&ty, m, out);
    coda_free(m);
    coda_free(pairs);
    tally_free(&ty);
    return st == CODA_OK ? CODA_OK : coda_error_nomem(err);
}
