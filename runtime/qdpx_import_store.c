/* qdpx_import_store.c - a checked .qdpx model into the project store in
 * one transaction: documents (matched by text), codes (merged by name),
 * codings as manual segments, notes as memos. */
#include "qdpx_import_int.h"

#include "base_alloc.h"
#include "base_uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A store error about an element: the archive and the element's line
 * and name go before the store's message. */
static coda_status about(coda_qx_im *x, coda_status st, long line,
                         const char *what, const char *guid)
{
    if (st == CODA_OK || st == CODA_ENOMEM)
        return st;
    char msg[sizeof x->err->msg];
    snprintf(msg, sizeof msg, "%s", x->err->msg);
    return coda_error_set(x->err, st, x->file, line, 0, "project.qde: %s "
                          "%s: %s", what, guid ? guid : "", msg);
}

/* 1 when user (a GUID) is the auto-coder, the User named "auto": its
 * segments come from coding runs, not from files, so its codings and
 * notes are left out (whatever coder the import is told to use). */
static int is_auto(coda_qx_im *x, const char *user)
{
    long u = user ? coda_qx_find(x->uix, x->m.nusers, user) : -1;
    return u >= 0 && x->m.users[u].name &&
           !strcmp(x->m.users[u].name, "auto");
}

static char *sha1_hex(const char *s, size_t len)
{
    char *h = coda_malloc(41);
    if (h)
        coda_sha1_hex(s, len, h);
    return h;
}

static int name_taken(const coda_table *docs, char *const *names, size_t n,
                      const char *name)
{
    long c = coda_table_find(docs, "doc");
    for (size_t r = 0; c >= 0 && r < docs->nrow; r++)
        if (!strcmp(docs->cols[c].v.s.p[r], name))
            return 1;
    for (size_t i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], name))
            return 1;
    return 0;
}

/* The document name of source i: that of a document with the same text,
 * else its name (or GUID), made unique with " (2)", " (3)" ... */
static coda_status doc_name(coda_qx_im *x, const coda_table *docs, size_t i)
{
    const coda_qx_src *s = &x->m.srcs[i];
    char *h = sha1_hex(s->text, s->len);
    if (!h)
        return coda_error_nomem(x->err);
    long hc = coda_table_find(docs, "hash"), dc = coda_table_find(docs, "doc");
    for (size_t r = 0; hc >= 0 && dc >= 0 && r < docs->nrow && !x->docs[i];
         r++)
        if (!strcmp(docs->cols[hc].v.s.p[r], h))
            x->docs[i] = coda_strndup(docs->cols[dc].v.s.p[r],
                                      docs->cols[dc].v.s.len[r]);
    coda_free(h);
    const char *base = s->name && *s->name ? s->name : s->guid;
    for (int k = 1; !x->docs[i] && k < 1000000; k++) {
        char *name = coda_malloc(strlen(base) + 16);
        if (!name)
            return coda_error_nomem(x->err);
        snprintf(name, strlen(base) + 16, k == 1 ? "%s" : "%s (%d)", base, k);
        if (!name_taken(docs, x->docs, i, name))
            x->docs[i] = name;
        else
            coda_free(name);
    }
    return x->docs[i] ? CODA_OK : coda_error_nomem(x->err);
}

/* 1 when variable v can be a column of the documents table: named, not
 * doc or text, not a name an earlier variable has. */
static int var_usable(const coda_qx_model *m, size_t v)
{
    const char *n = m->vars[v].name;
    if (!n || !*n || !strcmp(n, "doc") || !strcmp(n, "text"))
        return 0;
    for (size_t k = 0; k < v; k++)
        if (m->vars[k].name && !strcmp(m->vars[k].name, n))
            return 0;
    return 1;
}

/* The documents table for coda_project_add: doc, text, then a column a
 * usable variable (missing where a source has no value). */
static coda_status doc_table(coda_qx_im *x, coda_table **out)
{
    const coda_qx_model *m = &x->m;
    long *col = coda_calloc(m->nvars ? m->nvars : 1, sizeof *col);
    size_t ncol = 2;
    for (size_t v = 0; col && v < m->nvars; v++)
        col[v] = var_usable(m, v) ? (long)ncol++ : -1;
    coda_table *t = NULL;
    coda_status st = col ? coda_table_create(m->nsrcs, ncol, &t) : CODA_ENOMEM;
    if (st == CODA_OK)
        st = coda_table_init_column(t, 0, "doc", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 1, "text", CODA_STRING);
    for (size_t v = 0; v < m->nvars && st == CODA_OK; v++) {
        if (col[v] < 0)
            continue;
        st = coda_table_init_column(t, (size_t)col[v], m->vars[v].name,
                                    CODA_STRING);
        for (size_t r = 0; r < m->nsrcs && st == CODA_OK; r++)
            st = coda_table_set_missing(t, (size_t)col[v], r);
    }
    for (size_t r = 0; r < m->nsrcs && st == CODA_OK; r++) {
        st = coda_table_set_string(t, 0, r, x->docs[r], strlen(x->docs[r]));
        if (st == CODA_OK)
            st = coda_table_set_string(t, 1, r, m->srcs[r].text,
                                       m->srcs[r].len);
    }
    for (size_t i = 0; i < m->nvals && st == CODA_OK; i++) {
        const coda_qx_val *v = &m->vals[i];
        if (col[v->var] < 0)
            continue;
        st = coda_table_set_string(t, (size_t)col[v->var], v->src, v->value,
                                   strlen(v->value));
        t->cols[col[v->var]].missing[v->src] = 0;
    }
    coda_free(col);
    if (st != CODA_OK) {
        coda_table_free(t);
        return coda_error_nomem(x->err);
    }
    *out = t;
    return CODA_OK;
}

static coda_status documents(coda_qx_im *x)
{
    coda_table *docs = NULL, *t = NULL;
    coda_status st = coda_project_documents(x->p, &docs, x->err);
    for (size_t i = 0; i < x->m.nsrcs && st == CODA_OK; i++)
        st = doc_name(x, docs, i);
    if (st == CODA_OK && x->m.nsrcs)
        st = doc_table(x, &t);
    coda_add_result ar;
    memset(&ar, 0, sizeof ar);
    if (st == CODA_OK && t)
        st = coda_project_add(x->p, t, &ar, x->err);
    x->res.sources = x->m.nsrcs;
    x->res.documents = ar.added;
    coda_table_free(t);
    coda_table_free(docs);
    return st;
}

/* Codes merge by name: one the project has (or an earlier Code of the
 * file) is used as it is; a new one is added under its parent. */
static coda_status codes(coda_qx_im *x)
{
    coda_table *have = NULL;
    coda_qx_gix *mix = NULL, *hix = NULL;
    coda_status st = coda_project_codes(x->p, &have, x->err);
    long hc = have ? coda_table_find(have, "code") : -1;
    const char **names = have && have->nrow ? coda_calloc(have->nrow,
                                                          sizeof *names)
                                            : NULL;
    for (size_t r = 0; names && hc >= 0 && r < have->nrow; r++)
        names[r] = have->cols[hc].v.s.p[r];
    if (st == CODA_OK && ((have->nrow && !names) ||
        !coda_qx_index(names, names ? have->nrow : 0, sizeof *names, 0, &hix,
                       NULL) ||
        !coda_qx_index(x->m.codes, x->m.ncodes, sizeof *x->m.codes,
                       offsetof(coda_qx_code, name), &mix, NULL)))
        st = coda_error_nomem(x->err);
    for (size_t i = 0; i < x->m.ncodes && st == CODA_OK; i++) {
        const coda_qx_code *c = &x->m.codes[i];
        if (coda_qx_find(hix, names ? have->nrow : 0, c->name) >= 0 ||
            coda_qx_find(mix, x->m.ncodes, c->name) < (long)i)
            continue;
        const char *parent = c->parent >= 0 ? x->m.codes[c->parent].name
                                            : NULL;
        st = about(x, coda_project_add_code(x->p, c->name, parent, c->desc,
                                            c->color, x->err), 0, "Code",
                   c->name);
        x->res.codes += st == CODA_OK;
    }
    coda_free(names);
    coda_free(hix);
    coda_free(mix);
    coda_table_free(have);
    return st;
}

static coda_status coding(coda_qx_im *x, const coda_qx_coding *c)
{
    const coda_qx_sel *s = &x->m.sels[c->sel];
    coda_manual mm;
    memset(&mm, 0, sizeof mm);
    mm.doc = x->docs[s->src];
    mm.code = x->m.codes[coda_qx_find(x->cix, x->m.ncodes, c->code)].name;
    mm.start = s->start + 1;
    mm.stop = s->end;
    mm.chars = 1;
    mm.time = c->time ? c->time : s->time;
    const char *user = c->user ? c->user : s->user;
    /* the auto-coder's codings stay its own (auto, pending): the next
     * coding run keeps those it produces, as with any auto segment */
    mm.auto_origin = is_auto(x, user);
    coda_status st = mm.auto_origin ? CODA_OK
        : coda_qx_im_coder(x, user, "PlainTextSelection", s->guid, s->line,
                           &mm.coder);
    if (st != CODA_OK)
        return st;
    int64_t id = 0;
    st = coda_project_add_coding(x->p, &mm, &id, x->err);
    if (st == CODA_OK && !x->segid[c->sel])
        x->segid[c->sel] = id;
    x->res.segments += st == CODA_OK;
    return about(x, st, s->line, "PlainTextSelection", s->guid);
}

static coda_status codings(coda_qx_im *x)
{
    coda_status st = CODA_OK;
    for (size_t i = 0; i < x->m.ncods && st == CODA_OK; i++)
        st = coding(x, &x->m.cods[i]);
    return st;
}

/* *known = 1 when coder wrote text on (on, target) already: importing a
 * file twice does not repeat its memos. */
static coda_status memo_known(coda_qx_im *x, const char *on,
                              const char *target, const char *text,
                              const char *coder, int *known)
{
    coda_table *t;
    coda_status st = coda_project_memos(x->p, on, target, &t, x->err);
    if (st != CODA_OK)
        return st;
    long tc = coda_table_find(t, "text"), cc = coda_table_find(t, "coder");
    for (size_t r = 0; tc >= 0 && cc >= 0 && r < t->nrow && !*known; r++)
        *known = !coda_is_missing(&t->cols[tc], r) &&
                 !coda_is_missing(&t->cols[cc], r) &&
                 !strcmp(t->cols[tc].v.s.p[r], text) &&
                 !strcmp(t->cols[cc].v.s.p[r], coder);
    coda_table_free(t);
    return CODA_OK;
}

/* One memo of note t on what ref says (NULL: the project). */
static coda_status memo(coda_qx_im *x, const coda_qx_note *t, const char *text,
                        const coda_qx_ref *ref)
{
    const char *on = "project", *target = NULL, *coder;
    char id[32];
    if (ref && ref->on == CODA_QX_SOURCE)
        on = "document", target = x->docs[ref->target];
    else if (ref && ref->on == CODA_QX_CODE)
        on = "code", target = x->m.codes[ref->target].name;
    else if (ref && ref->on == CODA_QX_SEL && x->segid[ref->target]) {
        snprintf(id, sizeof id, "%lld", (long long)x->segid[ref->target]);
        on = "segment", target = id;
    } else if (ref && ref->on == CODA_QX_SEL)   /* a selection not coded */
        on = "document", target = x->docs[x->m.sels[ref->target].src];
    if (is_auto(x, t->user)) {
        x->res.skipped++;
        return CODA_OK;
    }
    coda_status st = coda_qx_im_coder(x, t->user, "Note", t->guid, t->line,
                                      &coder);
    int known = 0;
    if (st == CODA_OK)
        st = memo_known(x, on, target, text, coder, &known);
    int64_t mid;
    if (st == CODA_OK && !known) {
        st = about(x, coda_project_memo(x->p, on, target, text, coder,
                                        t->time, &mid, x->err), t->line,
                   "Note", t->guid);
        x->res.memos += st == CODA_OK;
    }
    return st;
}

/* The text of note i, from the archive when it is not inline. */
static coda_status note_text(coda_qx_im *x, size_t i)
{
    coda_qx_note *t = &x->m.notes[i];
    char what[80], entry[1100];
    snprintf(what, sizeof what, "Note %s", t->guid);
    if (t->text || !t->path)
        return CODA_OK;
    coda_status st =
        coda_qx_im_entry(x, t->path, what, t->line, entry, sizeof entry);
    size_t len;
    return st == CODA_OK ? coda_zip_read(x->z, entry, &t->text, &len,
                                            x->err) : st;
}

static int ref_by_note(const void *a, const void *b)
{
    const coda_qx_ref *p = a, *q = b;
    if (p->note != q->note)
        return p->note < q->note ? -1 : 1;
    if (p->on != q->on)
        return p->on < q->on ? -1 : 1;
    return (p->target > q->target) - (p->target < q->target);
}

/* The notes in their order, each a memo on every thing that refers to it
 * (none: on the project); a note without text is left out. */
static coda_status notes(coda_qx_im *x)
{
    coda_qx_model *m = &x->m;
    coda_status st = CODA_OK;
    for (size_t i = 0; i < m->nnotes && st == CODA_OK; i++)
        st = note_text(x, i);
    if (st == CODA_OK && m->nrefs)
        qsort(m->refs, m->nrefs, sizeof *m->refs, ref_by_note);
    for (size_t i = 0, r = 0; i < m->nnotes && st == CODA_OK; i++) {
        const coda_qx_note *t = &m->notes[i];
        int any = 0;
        for (; r < m->nrefs && m->refs[r].note == i && st == CODA_OK; r++) {
            any = 1;
            if (t->text && *t->text)
                st = memo(x, t, t->text, m->refs[r].on == CODA_QX_PROJECT
                                         ? NULL : &m->refs[r]);
        }
        if (!any && st == CODA_OK && t->text && *t->text)
            st = memo(x, t, t->text, NULL);
    }
    return st;
}

coda_status coda_qx_im_store(coda_qx_im *x)
{
    coda_status st = coda_project_begin(x->p, x->err);
    if (st != CODA_OK)
        return st;
    st = documents(x);
    if (st == CODA_OK)
        st = codes(x);
    if (st == CODA_OK)
        st = codings(x);
    if (st == CODA_OK)
        st = notes(x);
    if (st == CODA_OK)
        st = coda_project_commit(x->p, x->err);
    if (st != CODA_OK)
        coda_project_rollback(x->p);
    return st;
}

