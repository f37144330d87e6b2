/* project_agree.c - agreement between two coders of a project, unit by
 * unit: a code applies to a unit when a segment of it overlaps the unit. */
#include "project_int.h"

#include "agree.h"
#include "base_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A code applied to a case (a unit of one of the documents compared). */
typedef struct mark {
    size_t code, kase;
} mark;

typedef struct marks {
    mark *m;
    size_t n, cap;
} marks;

/* What is compared: the documents, their units, the codes. */
typedef struct cmp {
    coda_table *docs;           /* id, doc, text */
    coda_pj_units *units;       /* per document */
    size_t *base;               /* first case of each document */
    size_t ncases;
    coda_labels *codes;         /* every code seen or asked for */
    marks a, b;
} cmp;

static void cmp_free(cmp *c)
{
    for (size_t d = 0; c->docs && c->units && d < c->docs->nrow; d++)
        coda_pj_units_free(&c->units[d]);
    coda_table_free(c->docs);
    coda_free(c->units);
    coda_free(c->base);
    coda_labels_unref(c->codes);
    coda_free(c->a.m);
    coda_free(c->b.m);
}

static int push_mark(marks *ms, size_t code, size_t kase)
{
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 256;
        mark *m = coda_reallocarray(ms->m, cap, sizeof *m);
        if (!m)
            return 0;
        ms->m = m;
        ms->cap = cap;
    }
    ms->m[ms->n++] = (mark){ code, kase };
    return 1;
}

static int by_code_case(const void *x, const void *y)
{
    const mark *a = x, *b = y;
    if (a->code != b->code)
        return a->code < b->code ? -1 : 1;
    return (a->kase > b->kase) - (a->kase < b->kase);
}

/* Sort and drop repeats. */
static void settle(marks *ms)
{
    qsort(ms->m, ms->n, sizeof *ms->m, by_code_case);
    size_t u = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (!u || by_code_case(&ms->m[u - 1], &ms->m[i]))
            ms->m[u++] = ms->m[i];
    ms->n = u;
}

/* --- which documents, which segments ------------------------------------- */

#define TOUCHED(X) \
    "(" X " = 'auto' OR id IN (SELECT s.document FROM segments s JOIN" \
    " coders c ON c.id = s.coder WHERE c.name = " X " AND s.origin =" \
    " 'manual' UNION SELECT s.document FROM decisions x JOIN segments s ON" \
    " s.id = x.segment JOIN coders c ON c.id = x.coder WHERE c.name = " X "))"

static coda_status load_docs(coda_project *p, const coda_agree_opts *o,
                             cmp *c, coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "doc", CODA_STRING },
        { "text", CODA_STRING } };
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "SELECT id, name, text FROM documents "
                                       "WHERE " TOUCHED("?1") " AND "
                                       TOUCHED("?2") " ORDER BY id", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, o->a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->b, -1, SQLITE_STATIC);
    s = coda_pj_table(p, st, cols, 3, &c->docs, err);
    sqlite3_finalize(st);
    return s;
}

/* A coder's coding: see project.h. */
static const char coding_sql[] =
    "SELECT s.document, s.start, s.stop, s.code FROM segments s WHERE"
    " s.gone = 0 AND CASE WHEN ?1 = 'auto' THEN s.origin = 'auto' ELSE"
    " ifnull((SELECT x.decision FROM decisions x JOIN coders c ON c.id ="
    " x.coder WHERE x.segment = s.id AND c.name = ?1 AND x.decision <>"
    " 'pending' ORDER BY x.id DESC LIMIT 1), CASE WHEN s.origin = 'manual'"
    " AND s.coder = (SELECT id FROM coders WHERE name = ?1) THEN 'accept'"
    " END) = 'accept' END ORDER BY s.document";

/* The index of document id in c->docs (ordered by id), or -1. */
static long doc_index(const cmp *c, int64_t id)
{
    size_t lo = 0, hi = c->docs->nrow;
    const int64_t *ids = c->docs->cols[0].v.i;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->docs->nrow && ids[lo] == id ? (long)lo : -1;
}

/* Mark code on every unit of document d that [start, stop] overlaps. */
static int mark_units(cmp *c, marks *ms, size_t d, size_t start, size_t stop,
                      size_t code)
{
    const coda_pj_units *u = &c->units[d];
    for (size_t k = coda_pj_unit_at(u, start - 1); k && k <= u->n; k++) {
        if (u->start[k - 1] >= stop)
            break;
        if (!push_mark(ms, code, c->base[d] + k - 1))
            return 0;
    }
    return 1;
}

static coda_status load_coding(coda_project *p, cmp *c, const char *coder,
                               marks *ms, int add_codes, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, coding_sql, &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
    int rc;
    while (s == CODA_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long d = doc_index(c, sqlite3_column_int64(st, 0));
        const char *code = (const char *)sqlite3_column_text(st, 3);
        size_t len = (size_t)sqlite3_column_bytes(st, 3);
        uint32_t id = coda_labels_find(c->codes, code, len);
        if (d < 0 || (id == CODA_NO_LABEL && !add_codes))
            continue;
        if (id == CODA_NO_LABEL &&
            coda_labels_intern(c->codes, code, len, &id) != CODA_OK)
            s = coda_error_nomem(err);
        else if (!mark_units(c, ms, (size_t)d,
                             (size_t)sqlite3_column_int64(st, 1),
                             (size_t)sqlite3_column_int64(st, 2), id))
            s = coda_error_nomem(err);
    }
    if (s == CODA_OK && rc != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    settle(ms);
    return s;
}

/* --- setting up ------------------------------------------------------------ */

static coda_status check_coders(coda_project *p, const coda_agree_opts *o,
                                coda_error *err)
{
    const char *who[2] = { o->a, o->b };
    if (!o->a || !o->b || !strcmp(o->a, o->b))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "agreement compares "
                              "two different coders");
    for (int k = 0; k < 2; k++) {
        int64_t id = 0;
        coda_status s = coda_pj_lookup(p, "SELECT id FROM coders WHERE name ="
                                          " ?1", who[k], &id, err);
        if (s != CODA_OK)
            return s;
        if (!id)
            return coda_error_set(err, CODA_EARG, p->path, 0, 0,
                                  "no coder \"%s\" in the project", who[k]);
    }
    return CODA_OK;
}

static coda_status split_docs(cmp *c, const char *unit, coda_error *err)
{
    size_t n = c->docs->nrow;
    c->units = coda_calloc(n ? n : 1, sizeof *c->units);
    c->base = coda_calloc(n ? n : 1, sizeof *c->base);
    if (!c->units || !c->base)
        return coda_error_nomem(err);
    coda_status s = CODA_OK;
    for (size_t d = 0; d < n && s == CODA_OK; d++) {
        const coda_column *t = &c->docs->cols[2];
        s = coda_pj_units_split(t->v.s.p[d], t->v.s.len[d], unit,
                                &c->units[d], err);
        c->base[d] = c->ncases;
        c->ncases += c->units[d].n;
    }
    return s;
}

/* Intern the codes asked for (in their order), so that they come first. */
static coda_status intern_codes(cmp *c, const coda_agree_opts *o,
                                coda_error *err)
{
    c->codes = coda_labels_new();
    if (!c->codes)
        return coda_error_nomem(err);
    for (size_t i = 0; i < o->ncodes; i++) {
        uint32_t id;
        if (coda_labels_intern(c->codes, o->codes[i], strlen(o->codes[i]),
                               &id) != CODA_OK)
            return coda_error_nomem(err);
    }
    return CODA_OK;
}

static coda_status prepare(coda_project *p, const coda_agree_opts *o, cmp *c,
                           coda_error *err)
{
    char unit[16];
    coda_status s = check_coders(p, o, err);
    if (s == CODA_OK)
        s = o->unit ? (snprintf(unit, sizeof unit, "%s", o->unit), CODA_OK)
                    : coda_pj_unit(p, unit, err);
    if (s == CODA_OK)
        s = load_docs(p, o, c, err);
    if (s == CODA_OK && c->docs->nrow == 0)
        s = coda_error_set(err, CODA_EARG, p->path, 0, 0, "\"%s\" and \"%s\" "
                           "have coded no document in common", o->a, o->b);
    if (s == CODA_OK)
        s = split_docs(c, unit, err);
    if (s == CODA_OK)
        s = intern_codes(c, o, err);
    if (s == CODA_OK)
        s = load_coding(p, c, o->a, &c->a, o->codes == NULL, err);
    if (s == CODA_OK)
        s = load_coding(p, c, o->b, &c->b, o->codes == NULL, err);
    return s;
}

/* The order codes are reported in: as asked, or sorted by name. */
static size_t *code_order(const cmp *c, int sorted)
{
    size_t n = c->codes->n;
    size_t *ord = coda_calloc(n ? n : 1, sizeof *ord);
    for (size_t i = 0; ord && i < n; i++)
        ord[i] = i;
    for (size_t i = 1; ord && sorted && i < n; i++)   /* insertion sort */
        for (size_t j = i; j > 0 && strcmp(c->codes->s[ord[j - 1]],
                                           c->codes->s[ord[j]]) > 0; j--) {
            size_t t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    return ord;
}

/* The cases of code in ms from *i on: [*i, end). */
static size_t run_end(const marks *ms, size_t i, size_t code)
{
    while (i < ms->n && ms->m[i].code == code)
        i++;
    return i;
}

/* Call fn for every case where a or b has code, with which has it. */
typedef int (*pair_fn)(void *ud, size_t code, size_t kase, int in_a,
                       int in_b);

static int walk_code(const cmp *c, size_t code, pair_fn fn, void *ud)
{
    size_t ia = 0, ib = 0;
    while (ia < c->a.n && c->a.m[ia].code < code)
        ia++;
    while (ib < c->b.n && c->b.m[ib].code < code)
        ib++;
    size_t ea = run_end(&c->a, ia, code), eb = run_end(&c->b, ib, code);
    while (ia < ea || ib < eb) {
        size_t ka = ia < ea ? c->a.m[ia].kase : (size_t)-1;
        size_t kb = ib < eb ? c->b.m[ib].kase : (size_t)-1;
        size_t k = ka < kb ? ka : kb;
        if (!fn(ud, code, k, ka == k, kb == k))
            return 0;
        ia += ka == k;
        ib += kb == k;
    }
    return 1;
}

/* --- agreement --------------------------------------------------------------- */

static int count_pair(void *ud, size_t code, size_t kase, int in_a, int in_b)
{
    coda_2x2 *c = ud;
    (void)code, (void)kase;
    c->both += in_a && in_b;
    c->a_only += in_a && !in_b;
    c->b_only += !in_a && in_b;
    return 1;
}

static coda_status agreement_rows(const cmp *c, int sorted, coda_table **out,
                                  coda_error *err)
{
    size_t n = c->codes->n;
    size_t *ord = code_order(c, sorted);
    coda_2x2 *counts = coda_calloc(n + 1, sizeof *counts);
    const char **names = coda_calloc(n + 1, sizeof *names);
    coda_status s = ord && counts && names ? CODA_OK : CODA_ENOMEM;
    coda_2x2 *all = s == CODA_OK ? &counts[n] : NULL;
    for (size_t i = 0; i < n && s == CODA_OK; i++) {
        coda_2x2 *k = &counts[i];
        walk_code(c, ord[i], count_pair, k);
        k->neither = c->ncases - k->both - k->a_only - k->b_only;
        names[i] = c->codes->s[ord[i]];
        all->both += k->both, all->a_only += k->a_only;
        all->b_only += k->b_only, all->neither += k->neither;
    }
    if (s == CODA_OK) {
        names[n] = "(all)";
        s = coda_agreement_rows(names, counts, n + 1, out);
    }
    coda_free(ord);
    coda_free(counts);
    coda_free(names);
    return s == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

coda_status coda_project_agreement(coda_project *p, const coda_agree_opts *o,
                                   coda_table **out, coda_error *err)
{
    cmp c = { 0 };
    coda_status s = prepare(p, o, &c, err);
    if (s == CODA_OK)
        s = agreement_rows(&c, o->codes == NULL, out, err);
    cmp_free(&c);
    return s;
}

/* --- disagreements ------------------------------------------------------------ */

typedef struct diff {
    size_t kase, rank;          /* rank: the code's place in the order */
    size_t code;
    int in_a;
} diff;

typedef struct diffs {
    diff *d;
    size_t n, cap, rank;
} diffs;

static int keep_diff(void *ud, size_t code, size_t kase, int in_a, int in_b)
{
    diffs *ds = ud;
    if (in_a == in_b)
        return 1;
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 64;
        diff *d = coda_reallocarray(ds->d, cap, sizeof *d);
        if (!d)
            return 0;
        ds->d = d;
        ds->cap = cap;
    }
    ds->d[ds->n++] = (diff){ kase, ds->rank, code, in_a };
    return 1;
}

static int by_case_rank(const void *x, const void *y)
{
    const diff *a = x, *b = y;
    if (a->kase != b->kase)
        return a->kase < b->kase ? -1 : 1;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

/* The document of case k. */
static size_t case_doc(const cmp *c, size_t k)
{
    size_t lo = 0, hi = c->docs->nrow;  /* last document with base <= k */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->base[mid] <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static coda_status diff_row(const cmp *c, coda_table *t, size_t r,
                            const diff *x)
{
    size_t d = case_doc(c, x->kase), k = x->kase - c->base[d];
    const coda_pj_units *u = &c->units[d];
    const char *text = c->docs->cols[2].v.s.p[d];
    coda_status s = coda_table_set_string(t, 0, r, c->docs->cols[1].v.s.p[d],
                                          c->docs->cols[1].v.s.len[d]);
    t->cols[1].v.i[r] = (int64_t)k + 1;
    if (s == CODA_OK)
        s = u->has_speaker[k]
            ? coda_table_set_string(t, 2, r, text + u->spk_start[k],
                                    u->spk_len[k])
            : coda_table_set_missing(t, 2, r);
    if (s == CODA_OK)
        s = coda_table_set_string(t, 3, r, c->codes->s[x->code],
                                  c->codes->len[x->code]);
    t->cols[4].v.b[r] = (uint8_t)x->in_a;
    t->cols[5].v.b[r] = (uint8_t)!x->in_a;
    if (s == CODA_OK)
        s = coda_table_set_string(t, 6, r, text + u->start[k],
                                  u->end[k] - u->start[k]);
    return s;
}

static coda_status diff_table(const cmp *c, const coda_agree_opts *o,
                              const diffs *ds, coda_table **out)
{
    const char *names[7] = { "doc", "unit", "speaker", "code", o->a, o->b,
                             "text" };
    static const coda_type types[7] = { CODA_STRING, CODA_INTEGER,
        CODA_STRING, CODA_STRING, CODA_BOOLEAN, CODA_BOOLEAN, CODA_STRING };
    coda_table *t = NULL;
    coda_status s = coda_table_create(ds->n, 7, &t);
    for (size_t k = 0; k < 7 && s == CODA_OK; k++)
        s = coda_table_init_column(t, k, names[k], types[k]);
    for (size_t r = 0; r < ds->n && s == CODA_OK; r++)
        s = diff_row(c, t, r, &ds->d[r]);
    if (s != CODA_OK) {
        coda_table_free(t);
        return s;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_project_disagreements(coda_project *p,
                                       const coda_agree_opts *o,
                                       coda_table **out, coda_error *err)
{
    cmp c = { 0 };
    diffs ds = { 0 };
    size_t *ord = NULL;
    coda_status s = prepare(p, o, &c, err);
    if (s == CODA_OK && !(ord = code_order(&c, o->codes == NULL)))
        s = coda_error_nomem(err);
    for (size_t i = 0; s == CODA_OK && i < c.codes->n; i++) {
        ds.rank = i;
        if (!walk_code(&c, ord[i], keep_diff, &ds))
            s = coda_error_nomem(err);
    }
    if (s == CODA_OK) {
        qsort(ds.d, ds.n, sizeof *ds.d, by_case_rank);
        if (diff_table(&c, o, &ds, out) != CODA_OK)
            s = coda_error_nomem(err);
    }
    coda_free(ord);
    coda_free(ds.d);
    cmp_free(&c);
    return s;
}
