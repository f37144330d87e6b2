/* qdpx_export.c - a coding project as a .qdpx: the store's coders, codes,
 * documents, segments and memos into a REFI model (qdpx_int.h), written
 * as project.qde beside one sources/<guid>.txt a document. */
#include "qdpx.h"
#include "qdpx_int.h"

#include "base_alloc.h"
#include "base_uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void coda_qdpx_opts_init(coda_qdpx_opts *o)
{
    memset(o, 0, sizeof *o);
}

typedef struct ex {
    coda_project *p;
    coda_qx_model m;
    coda_error *err;
    char **texts;               /* the documents' texts, by source */
    int ok;
} ex;

/* Row r of string column name of t, or NULL (missing, no such column). */
static const char *cell(const coda_table *t, const char *name, size_t r)
{
    long c = coda_table_find(t, name);
    if (c < 0 || t->cols[c].type != CODA_STRING ||
        coda_is_missing(&t->cols[c], r))
        return NULL;
    return t->cols[c].v.s.p[r];
}

static int64_t icell(const coda_table *t, const char *name, size_t r)
{
    long c = coda_table_find(t, name);
    return c < 0 || t->cols[c].type != CODA_INTEGER ? 0 : t->cols[c].v.i[r];
}

static char *guid_of(ex *x, const char *kind, const char *key)
{
    char g[37];
    coda_qx_guid_of(kind, key, strlen(key), g);
    return coda_qx_dup(g, &x->ok);
}

static char *time_of(ex *x, const char *t)
{
    char out[21];
    return t && coda_qx_time(t, out) ? coda_qx_dup(out, &x->ok) : NULL;
}

static int user_cmp(const void *a, const void *b)
{
    return strcmp(((const coda_qx_user *)a)->name,
                  ((const coda_qx_user *)b)->name);
}

/* Every coder as a User, in order of name, and the auto-coder last. */
static coda_status users(ex *x)
{
    coda_table *t;
    coda_status st = coda_project_coders(x->p, &t, x->err);
    if (st != CODA_OK)
        return st;
    for (size_t r = 0; r <= t->nrow && x->ok; r++) {
        const char *name = r < t->nrow ? cell(t, "coder", r) : "auto";
        if (!name || (r < t->nrow && !strcmp(name, "auto")))
            continue;                   /* "auto" goes last, always */
        coda_qx_user *u = coda_qx_push(&x->m.users, &x->m.nusers,
                                       &x->m.cusers, sizeof *u);
        if (!u) {
            x->ok = 0;
            break;
        }
        u->name = coda_qx_dup(name, &x->ok);
        u->guid = guid_of(x, "user", name);
    }
    if (x->ok && x->m.nusers > 1)       /* people by name, then "auto" */
        qsort(x->m.users, x->m.nusers - 1, sizeof *x->m.users, user_cmp);
    coda_table_free(t);
    return CODA_OK;
}

/* The index of the element named name in a GUID-style index over names. */
static long find_name(const coda_qx_gix *ix, size_t n, const char *name)
{
    return name ? coda_qx_find(ix, n, name) : -1;
}

static coda_status codes(ex *x, coda_qx_gix **nix)
{
    coda_table *t;
    coda_status st = coda_project_codes(x->p, &t, x->err);
    if (st != CODA_OK)
        return st;
    for (size_t r = 0; r < t->nrow && x->ok; r++) {
        coda_qx_code *c = coda_qx_push(&x->m.codes, &x->m.ncodes,
                                       &x->m.ccodes, sizeof *c);
        if (!c) {
            x->ok = 0;
            break;
        }
        const char *path = cell(t, "path", r), *name = cell(t, "code", r);
        char g[37];
        path = path ? path : name;
        coda_uuid5(coda_uuid_ns_codebook, path, strlen(path), g);
        c->guid = coda_qx_dup(g, &x->ok);
        c->name = coda_qx_dup(name, &x->ok);
        c->desc = coda_qx_dup(cell(t, "description", r), &x->ok);
        c->color = coda_qx_dup(cell(t, "color", r), &x->ok);
        c->codable = 1;
        c->parent = -1;
    }
    if (x->ok && !coda_qx_index(x->m.codes, x->m.ncodes, sizeof *x->m.codes,
                                offsetof(coda_qx_code, name), nix, NULL))
        x->ok = 0;
    for (size_t r = 0; r < t->nrow && x->ok; r++)
        x->m.codes[r].parent = find_name(*nix, x->m.ncodes,
                                         cell(t, "parent", r));
    coda_table_free(t);
    return CODA_OK;
}

static int fixed_column(const char *name)
{
    static const char *const fixed[] = { "doc", "hash", "bytes", "chars",
                                         "added" };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!strcmp(name, fixed[i]))
            return 1;
    return 0;
}

/* The attribute columns as Variables, their values by source. */
static void attributes(ex *x, const coda_table *t)
{
    for (size_t c = 0; c < t->ncol && x->ok; c++) {
        if (fixed_column(t->cols[c].name) || t->cols[c].type != CODA_STRING)
            continue;
        coda_qx_var *v = coda_qx_push(&x->m.vars, &x->m.nvars, &x->m.cvars,
                                      sizeof *v);
        if (!v) {
            x->ok = 0;
            break;
        }
        v->name = coda_qx_dup(t->cols[c].name, &x->ok);
        v->guid = guid_of(x, "variable", t->cols[c].name);
    }
    for (size_t r = 0; r < t->nrow && x->ok; r++)
        for (size_t v = 0; v < x->m.nvars && x->ok; v++) {
            const char *val = cell(t, x->m.vars[v].name, r);
            coda_qx_val *e = val ? coda_qx_push(&x->m.vals, &x->m.nvals,
                                                &x->m.cvals, sizeof *e) : NULL;
            if (val && !e)
                x->ok = 0;
            if (e)
                *e = (coda_qx_val){ r, v, coda_qx_dup(val, &x->ok) };
        }
}

static coda_status sources(ex *x, coda_qx_gix **dix)
{
    coda_table *t;
    coda_status st = coda_project_documents(x->p, &t, x->err);
    if (st != CODA_OK)
        return st;
    if (t->nrow && !(x->texts = coda_calloc(t->nrow, sizeof *x->texts)))
        x->ok = 0;
    for (size_t r = 0; r < t->nrow && x->ok && st == CODA_OK; r++) {
        coda_qx_src *s = coda_qx_push(&x->m.srcs, &x->m.nsrcs, &x->m.csrcs,
                                      sizeof *s);
        if (!s) {
            x->ok = 0;
            break;
        }
        const char *name = cell(t, "doc", r);
        char path[64];
        s->name = coda_qx_dup(name, &x->ok);
        s->guid = guid_of(x, "source", name);
        s->time = time_of(x, cell(t, "added", r));
        snprintf(path, sizeof path, "internal://%s.txt",
                 s->guid ? s->guid : "");
        s->path = coda_qx_dup(path, &x->ok);
        st = coda_project_text(x->p, name, &x->texts[r], &s->len, x->err);
    }
    if (st == CODA_OK && x->ok)
        attributes(x, t);
    if (st == CODA_OK && x->ok &&
        !coda_qx_index(x->m.srcs, x->m.nsrcs, sizeof *x->m.srcs,
                       offsetof(coda_qx_src, name), dix, NULL))
        x->ok = 0;
    coda_table_free(t);
    return st;
}

/* A segment id with its selection, for the memos on segments. */
typedef struct segsel {
    int64_t id;
    size_t sel;
} segsel;

static int segsel_cmp(const void *a, const void *b)
{
    const segsel *p = a, *q = b;
    return (p->id > q->id) - (p->id < q->id);
}

/* Row indexes of the segments in source order (stable). */
typedef struct srow {
    size_t src, row;
} srow;

static int srow_cmp(const void *a, const void *b)
{
    const srow *p = a, *q = b;
    if (p->src != q->src)
        return p->src < q->src ? -1 : 1;
    return (p->row > q->row) - (p->row < q->row);
}

static void one_segment(ex *x, const coda_table *t, size_t r, size_t src,
                        const coda_qx_gix *cix, segsel *ss)
{
    coda_qx_sel *s = coda_qx_push(&x->m.sels, &x->m.nsels, &x->m.csels,
                                  sizeof *s);
    coda_qx_coding *c = s ? coda_qx_push(&x->m.cods, &x->m.ncods,
                                         &x->m.ccods, sizeof *c) : NULL;
    if (!c) {
        x->ok = 0;
        return;
    }
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)icell(t, "id", r));
    long code = find_name(cix, x->m.ncodes, cell(t, "code", r));
    const char *coder = cell(t, "coder", r);
    s->guid = guid_of(x, "segment", key);
    s->src = src;
    s->start = icell(t, "char_start", r) - 1;
    s->end = icell(t, "char_stop", r);
    s->user = guid_of(x, "user", coder ? coder : "auto");
    s->time = time_of(x, cell(t, "created", r));
    c->guid = guid_of(x, "coding", key);
    c->sel = x->m.nsels - 1;
    c->code = coda_qx_dup(code >= 0 ? x->m.codes[code].guid : NULL, &x->ok);
    c->user = coda_qx_dup(s->user, &x->ok);
    c->time = coda_qx_dup(s->time, &x->ok);
    *ss = (segsel){ icell(t, "id", r), x->m.nsels - 1 };
}

static coda_status segments(ex *x, int all, const coda_qx_gix *dix,
                            const coda_qx_gix *cix, segsel **ss)
{
    coda_seg_filter f;
    memset(&f, 0, sizeof f);
    f.status = all ? NULL : "accepted";
    coda_table *t;
    coda_status st = coda_project_segments(x->p, &f, &t, x->err);
    if (st != CODA_OK)
        return st;
    srow *order = t->nrow ? coda_calloc(t->nrow, sizeof *order) : NULL;
    *ss = t->nrow ? coda_calloc(t->nrow, sizeof **ss) : NULL;
    if (t->nrow && (!order || !*ss))
        x->ok = 0;
    size_t n = 0;
    for (size_t r = 0; r < t->nrow && x->ok; r++) {
        long src = find_name(dix, x->m.nsrcs, cell(t, "doc", r));
        if (src >= 0)
            order[n++] = (srow){ (size_t)src, r };
    }
    if (n)
        qsort(order, n, sizeof *order, srow_cmp);
    for (size_t i = 0; i < n && x->ok; i++)
        one_segment(x, t, order[i].row, order[i].src, cix, &(*ss)[i]);
    if (x->ok && x->m.nsels)
        qsort(*ss, x->m.nsels, sizeof **ss, segsel_cmp);
    coda_free(order);
    coda_table_free(t);
    return CODA_OK;
}

/* The source of segment id (one not written), or -1. */
static long segment_source(ex *x, int64_t id, const coda_qx_gix *dix)
{
    coda_seg_filter f;
    memset(&f, 0, sizeof f);
    f.id = id;
    f.with_gone = 1;
    coda_table *t;
    coda_error e;
    if (coda_project_segments(x->p, &f, &t, &e) != CODA_OK)
        return -1;
    long at = t->nrow ? find_name(dix, x->m.nsrcs, cell(t, "doc", 0)) : -1;
    coda_table_free(t);
    return at;
}

/* Where memo row r of t hangs: its NoteRef (a memo on a segment not
 * written hangs on the segment's document), or none (a target gone). */
static void memo_ref(ex *x, const coda_table *t, size_t r, size_t note,
                     const coda_qx_gix *dix, const coda_qx_gix *cix,
                     const segsel *ss)
{
    const char *on = cell(t, "on", r), *target = cell(t, "target", r);
    long at = -1;
    int kind = CODA_QX_PROJECT;
    if (!on || !target || !strcmp(on, "project"))
        at = 0;
    else if (!strcmp(on, "document"))
        kind = CODA_QX_SOURCE, at = find_name(dix, x->m.nsrcs, target);
    else if (!strcmp(on, "code"))
        kind = CODA_QX_CODE, at = find_name(cix, x->m.ncodes, target);
    else if (!strcmp(on, "segment")) {
        segsel key = { strtoll(target, NULL, 10), 0 };
        const segsel *s = x->m.nsels ? bsearch(&key, ss, x->m.nsels,
                                               sizeof *ss, segsel_cmp)
                                     : NULL;
        kind = CODA_QX_SEL, at = s ? (long)s->sel : -1;
        if (!s)                 /* a segment not written: its document */
            kind = CODA_QX_SOURCE, at = segment_source(x, key.id, dix);
    }
    coda_qx_ref *ref = at >= 0 ? coda_qx_push(&x->m.refs, &x->m.nrefs,
                                              &x->m.crefs, sizeof *ref) : NULL;
    if (at >= 0 && !ref)
        x->ok = 0;
    if (ref)
        *ref = (coda_qx_ref){ kind, (size_t)at, note };
}

static coda_status memos(ex *x, const coda_qx_gix *dix,
                         const coda_qx_gix *cix, const segsel *ss)
{
    coda_table *t;
    coda_status st = coda_project_memos(x->p, NULL, NULL, &t, x->err);
    if (st != CODA_OK)
        return st;
    for (size_t r = 0; r < t->nrow && x->ok; r++) {
        coda_qx_note *n = coda_qx_push(&x->m.notes, &x->m.nnotes,
                                       &x->m.cnotes, sizeof *n);
        if (!n) {
            x->ok = 0;
            break;
        }
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)icell(t, "id", r));
        const char *coder = cell(t, "coder", r);
        n->guid = guid_of(x, "memo", key);
        n->name = coda_qx_dup("memo", &x->ok);
        n->text = coda_qx_dup(cell(t, "text", r), &x->ok);
        n->user = coder ? guid_of(x, "user", coder) : NULL;
        n->time = time_of(x, cell(t, "time", r));
        memo_ref(x, t, r, x->m.nnotes - 1, dix, cix, ss);
    }
    coda_table_free(t);
    return CODA_OK;
}

/* project.qde and the texts as zip entries. */
static coda_status write_zip(ex *x, const char *path)
{
    char *xml = NULL;
    size_t len;
    coda_status st = coda_qx_xml_write(&x->m, path, &xml, &len, x->err);
    coda_qx_entry *e = st == CODA_OK ? coda_calloc(x->m.nsrcs + 1, sizeof *e)
                                     : NULL;
    char (*names)[52] = e ? coda_calloc(x->m.nsrcs + 1, sizeof *names) : NULL;
    if (st == CODA_OK && !names)
        st = coda_error_nomem(x->err);
    if (st == CODA_OK) {
        e[0] = (coda_qx_entry){ "project.qde", xml, len };
        for (size_t i = 0; i < x->m.nsrcs; i++) {
            snprintf(names[i], sizeof names[i], "sources/%s.txt",
                     x->m.srcs[i].guid);
            e[i + 1] = (coda_qx_entry){ names[i], x->texts[i],
                                        x->m.srcs[i].len };
        }
        st = coda_qx_zip_write(path, e, x->m.nsrcs + 1, x->err);
    }
    coda_free(names);
    coda_free(e);
    coda_free(xml);
    return st;
}

static coda_status gather(ex *x, int all)
{
    coda_qx_gix *cix = NULL, *dix = NULL;
    segsel *ss = NULL;
    coda_status st = users(x);
    if (st == CODA_OK && x->ok)
        st = codes(x, &cix);
    if (st == CODA_OK && x->ok)
        st = sources(x, &dix);
    if (st == CODA_OK && x->ok)
        st = segments(x, all, dix, cix, &ss);
    if (st == CODA_OK && x->ok)
        st = memos(x, dix, cix, ss);
    coda_free(cix);
    coda_free(dix);
    coda_free(ss);
    return st == CODA_OK && !x->ok ? coda_error_nomem(x->err) : st;
}

coda_status coda_qdpx_export(coda_project *p, const char *path,
                             const coda_qdpx_opts *o, coda_error *err)
{
    ex x;
    memset(&x, 0, sizeof x);
    x.p = p;
    x.err = err;
    x.ok = 1;
    const char *base = strrchr(coda_project_path(p), '/');
    x.m.name = coda_qx_dup(base ? base + 1 : coda_project_path(p), &x.ok);
    coda_status st = gather(&x, o && o->all);
    if (st == CODA_OK)
        st = write_zip(&x, path);
    for (size_t i = 0; x.texts && i < x.m.nsrcs; i++)
        coda_free(x.texts[i]);
    coda_free(x.texts);
    coda_qx_model_free(&x.m);
    return st;
}
