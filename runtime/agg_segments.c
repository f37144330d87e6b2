/* agg_segments.c - what segments add up to: codes present per case, a case
 * by code count matrix, and code co-occurrence within units; counted part
 * by part (a tally), so that a corpus coded in batches adds up without
 * keeping its segments. */
#include "coder.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The interned keys of the cases and the codes, counts[case][code] (room
 * for rcap cases of ccap codes) and pairs[a][b] of codes in one unit (room
 * for ccap codes). */
struct coda_seg_tally {
    coda_labels *cases, *codes;
    char *by;
    coda_type by_type;          /* of the first part's by column */
    size_t parts;
    int fixed_codes;            /* codes given: others are ignored */
    uint32_t *counts;
    uint64_t *pairs;
    size_t rcap, ccap;
};

typedef coda_seg_tally tally;

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

void coda_seg_tally_free(coda_seg_tally *ty)
{
    if (!ty)
        return;
    coda_labels_unref(ty->cases);
    coda_labels_unref(ty->codes);
    coda_free(ty->by);
    coda_free(ty->counts);
    coda_free(ty->pairs);
    coda_free(ty);
}

/* Room in counts for case c and code k, and in pairs for code k. */
static coda_status room(tally *ty, size_t c, size_t k)
{
    size_t rcap = ty->rcap, ccap = ty->ccap;
    while (c >= rcap)
        rcap = rcap ? rcap * 2 : 64;
    while (k >= ccap)
        ccap = ccap ? ccap * 2 : 16;
    if (rcap == ty->rcap && ccap == ty->ccap)
        return CODA_OK;
    uint32_t *counts = coda_calloc(rcap * ccap, sizeof *counts);
    uint64_t *pairs = coda_calloc(ccap * ccap, sizeof *pairs);
    if (!counts || !pairs) {
        coda_free(counts);
        coda_free(pairs);
        return CODA_ENOMEM;
    }
    for (size_t r = 0; r < ty->rcap && ty->counts; r++)
        memcpy(counts + r * ccap, ty->counts + r * ty->ccap,
               ty->ccap * sizeof *counts);
    for (size_t r = 0; r < ty->ccap && ty->pairs; r++)
        memcpy(pairs + r * ccap, ty->pairs + r * ty->ccap,
               ty->ccap * sizeof *pairs);
    coda_free(ty->counts);
    coda_free(ty->pairs);
    ty->counts = counts;
    ty->pairs = pairs;
    ty->rcap = rcap;
    ty->ccap = ccap;
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
    return room(ty, ty->cases->n ? ty->cases->n - 1 : 0, 0);
}

coda_status coda_seg_tally_new(const coda_seg_opts *o, coda_seg_tally **out,
                               coda_error *err)
{
    const char *by = o->by ? o->by : "doc";
    tally *ty = coda_calloc(1, sizeof *ty);
    coda_status st = ty && (ty->cases = coda_labels_new()) &&
                     (ty->codes = coda_labels_new()) &&
                     (ty->by = coda_strndup(by, strlen(by)))
                     ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK)
        ty->fixed_codes = o->codes != NULL;
    for (size_t i = 0; i < o->ncodes && st == CODA_OK; i++) {
        uint32_t id;
        st = coda_labels_intern(ty->codes, o->codes[i], strlen(o->codes[i]),
                                &id);
    }
    if (st == CODA_OK)
        st = room(ty, 0, o->ncodes ? o->ncodes - 1 : 0);
    if (st != CODA_OK) {
        coda_seg_tally_free(ty);
        return coda_error_nomem(err);
    }
    *out = ty;
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
        if (coda_labels_intern(ty->cases, kv, len, &c) != CODA_OK ||
            room(ty, c, 0) != CODA_OK)
            return CODA_ENOMEM;
        if (ty->fixed_codes) {
            k = coda_labels_find(ty->codes, code->v.s.p[r], code->v.s.len[r]);
            if (k == CODA_NO_LABEL)
                continue;
        } else if (coda_labels_intern(ty->codes, code->v.s.p[r],
                                      code->v.s.len[r], &k) != CODA_OK) {
            return CODA_ENOMEM;
        }
        if (room(ty, c, k) != CODA_OK)
            return CODA_ENOMEM;
        ty->counts[(size_t)c * ty->ccap + k]++;
    }
    return CODA_OK;
}

/* The by and code columns of a part, checked: the by column of the type
 * the tally's cases have. */
static coda_status part_columns(const tally *ty, const coda_table *seg,
                                const char *fn, long *byc, long *cc,
                                coda_error *err)
{
    coda_status st = need(seg, fn, ty->by, 1, byc, err);
    if (st == CODA_OK)
        st = need(seg, fn, "code", 0, cc, err);
    if (st == CODA_OK && ty->parts && seg->cols[*byc].type != ty->by_type)
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the corpus "
                            "needs a column \"%s\" of the segments' type",
                            fn, ty->by);
    return st;
}

coda_status coda_seg_tally_add(coda_seg_tally *ty, const coda_table *seg,
                               coda_error *err)
{
    long byc, cc;
    coda_status st = part_columns(ty, seg, "code", &byc, &cc, err);
    if (st != CODA_OK)
        return st;
    ty->by_type = seg->cols[byc].type;
    ty->parts++;
    if (count(ty, &seg->cols[byc], &seg->cols[cc], seg->nrow) != CODA_OK)
        return coda_error_nomem(err);
    return CODA_OK;
}

/* A tally of seg alone (the summaries of one Dataset), with every case of
 * o->corpus first. */
static coda_status tally_segments(const coda_table *seg, const char *fn,
                                  const coda_seg_opts *o, tally **out,
                                  coda_error *err)
{
    tally *ty;
    long byc, cc, corpc = -1;
    coda_status st = coda_seg_tally_new(o, &ty, err);
    if (st != CODA_OK)
        return st;
    st = part_columns(ty, seg, fn, &byc, &cc, err);
    if (st == CODA_OK && o->corpus) {
        corpc = coda_table_find(o->corpus, ty->by);
        if (corpc < 0 || o->corpus->cols[corpc].type != seg->cols[byc].type)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the corpus "
                                "needs a column \"%s\" of the segments' type",
                                fn, ty->by);
    }
    if (st == CODA_OK &&
        ((corpc >= 0 && intern_cases(ty, &o->corpus->cols[corpc],
                                     o->corpus->nrow) != CODA_OK) ||
         count(ty, &seg->cols[byc], &seg->cols[cc], seg->nrow) != CODA_OK))
        st = coda_error_nomem(err);
    if (st != CODA_OK) {
        coda_seg_tally_free(ty);
        return st;
    }
    ty->by_type = seg->cols[byc].type;
    ty->parts = 1;
    *out = ty;
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

static coda_status cases_table(const tally *ty, coda_table **out)
{
    coda_table *t = NULL;
    uint32_t nk = ty->codes->n, *ids = coda_malloc((nk ? nk : 1) *
                                                   sizeof *ids);
    coda_status st = ids ? coda_table_create(ty->cases->n, 2, &t)
                         : CODA_ENOMEM;
    if (st == CODA_OK)
        st = case_column(t, ty, ty->by);
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
            if (ty->counts[(size_t)c * ty->ccap + k])
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

coda_status coda_seg_tally_cases(const coda_seg_tally *ty, coda_table **out,
                                 coda_error *err)
{
    return cases_table(ty, out) == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

coda_status coda_seg_cases(const coda_table *seg, const coda_seg_opts *o,
                           coda_table **out, coda_error *err)
{
    tally *ty;
    coda_status st = tally_segments(seg, "cases", o, &ty, err);
    if (st != CODA_OK)
        return st;
    st = coda_seg_tally_cases(ty, out, err);
    coda_seg_tally_free(ty);
    return st;
}

coda_status coda_seg_tally_matrix(const coda_seg_tally *ty, int binary,
                                  coda_table **out, coda_error *err)
{
    coda_table *t = NULL;
    uint32_t nk = ty->codes->n;
    for (uint32_t k = 0; k < nk; k++)
        if (strcmp(ty->codes->s[k], ty->by) == 0)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "matrix: a code "
                                  "is called \"%s\" like the case column",
                                  ty->by);
    coda_status st = coda_table_create(ty->cases->n, (size_t)nk + 1, &t);
    if (st == CODA_OK)
        st = case_column(t, ty, ty->by);
    for (uint32_t k = 0; k < nk && st == CODA_OK; k++) {
        st = coda_table_init_column(t, k + 1, ty->codes->s[k], CODA_INTEGER);
        for (uint32_t c = 0; c < ty->cases->n && st == CODA_OK; c++) {
            uint32_t v = ty->counts[(size_t)c * ty->ccap + k];
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
    tally *ty;
    coda_status st = tally_segments(seg, "matrix", o, &ty, err);
    if (st != CODA_OK)
        return st;
    st = coda_seg_tally_matrix(ty, o->binary, out, err);
    coda_seg_tally_free(ty);
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

/* The code of segment r as ty numbers it (interned unless the codes are
 * fixed), or CODA_NO_LABEL. */
static coda_status code_id(tally *ty, const coda_column *c, size_t r,
                           uint32_t *code)
{
    if (ty->fixed_codes) {
        *code = coda_labels_find(ty->codes, c->v.s.p[r], c->v.s.len[r]);
        return CODA_OK;
    }
    return coda_labels_intern(ty->codes, c->v.s.p[r], c->v.s.len[r], code);
}

/* The (unit, code) pairs of the segments, sorted and without repeats;
 * units numbered in units. */
static coda_status unit_codes(const coda_table *seg, long dc, long uc_,
                              long cc, tally *ty, coda_labels *units,
                              uc *pairs, size_t *np)
{
    char buf[600];
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
        if (coda_labels_intern(units, buf, len, &unit) != CODA_OK ||
            code_id(ty, c, r, &code) != CODA_OK)
            return CODA_ENOMEM;
        if (code != CODA_NO_LABEL)
            pairs[n++] = (uc){ unit, code };
    }
    qsort(pairs, n, sizeof *pairs, by_unit);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || by_unit(&pairs[k - 1], &pairs[i]) != 0)
            pairs[k++] = pairs[i];
    *np = k;
    return room(ty, 0, ty->codes->n ? ty->codes->n - 1 : 0);
}

/* The columns co-occurrence needs: a string doc, an integer unit, code. */
static coda_status pair_columns(const coda_table *seg, const char *fn,
                                long *dc, long *uc_, long *cc,
                                coda_error *err)
{
    coda_status st = need(seg, fn, "doc", 1, dc, err);
    if (st == CODA_OK)
        st = need(seg, fn, "code", 0, cc, err);
    *uc_ = coda_table_find(seg, "unit");
    if (st == CODA_OK && (*uc_ < 0 || seg->cols[*uc_].type != CODA_INTEGER))
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the segments "
                            "need an integer column \"unit\"", fn);
    if (st == CODA_OK && seg->cols[*dc].type != CODA_STRING)
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the segments "
                            "need a string column \"doc\"", fn);
    return st;
}

/* Add the code pairs of seg's units to ty->pairs (a unit is one part's:
 * no unit is split between parts). */
static coda_status add_pairs(const coda_table *seg, const char *fn, tally *ty,
                             coda_error *err)
{
    long dc, uc_, cc;
    coda_status st = pair_columns(seg, fn, &dc, &uc_, &cc, err);
    if (st != CODA_OK)
        return st;
    coda_labels *units = coda_labels_new();
    uc *pairs = coda_malloc((seg->nrow ? seg->nrow : 1) * sizeof *pairs);
    size_t np = 0;
    st = units && pairs ? unit_codes(seg, dc, uc_, cc, ty, units, pairs, &np)
                        : CODA_ENOMEM;
    for (size_t i = 0, j; st == CODA_OK && i < np; i = j) {
        for (j = i; j < np && pairs[j].unit == pairs[i].unit; j++)
            ;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++)
                ty->pairs[(size_t)pairs[a].code * ty->ccap + pairs[b].code]++;
    }
    coda_free(pairs);
    coda_labels_unref(units);
    return st == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

coda_status coda_seg_tally_add_pairs(coda_seg_tally *ty,
                                     const coda_table *seg, coda_error *err)
{
    return add_pairs(seg, "code", ty, err);
}

coda_status coda_seg_tally_cooccurrence(const coda_seg_tally *ty,
                                        coda_table **out, coda_error *err)
{
    uint32_t nk = ty->codes->n;
    size_t rows = 0, o = 0;
    for (uint32_t a = 0; a < nk; a++)
        for (uint32_t b = a + 1; b < nk; b++)
            rows += ty->pairs[(size_t)a * ty->ccap + b] > 0;
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
            uint64_t v = ty->pairs[(size_t)a * ty->ccap + b];
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
        return coda_error_nomem(err);
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_seg_cooccurrence(const coda_table *seg,
                                  const coda_seg_opts *o, coda_table **out,
                                  coda_error *err)
{
    tally *ty;
    coda_status st = coda_seg_tally_new(o, &ty, err);
    if (st != CODA_OK)
        return st;
    st = add_pairs(seg, "cooccurrence", ty, err);
    if (st == CODA_OK)
        st = coda_seg_tally_cooccurrence(ty, out, err);
    coda_seg_tally_free(ty);
    return st;
}
