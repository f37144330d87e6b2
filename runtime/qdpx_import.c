/* qdpx_import.c - a .qdpx into a coding project: the archive read into
 * memory (qdpx_zip.c), project.qde into a model (qdpx_xml_read.c), every
 * reference and position checked, then documents, codes, codings and
 * notes added in one transaction. */
#include "qdpx_import_int.h"

#include "base_alloc.h"
#include "base_utf8.h"
#include "base_uuid.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text of source i, from the archive when it is not inline, checked
 * as UTF-8 and made as the store keeps it. */
static coda_status load_text(coda_qx_im *x, size_t i)
{
    coda_qx_src *s = &x->m.srcs[i];
    char what[300], entry[1100];
    snprintf(what, sizeof what, "TextSource %s (\"%.200s\")", s->guid,
             s->name ? s->name : "");
    coda_status st = CODA_OK;
    if (!s->text && !s->path)
        return coda_qx_im_bad(x, s->line,
                              "%s has neither PlainTextContent nor "
                              "plainTextPath",
                              what);
    if (!s->text && (st = coda_qx_im_entry(x, s->path, what, s->line,
                                           entry, sizeof entry)) == CODA_OK)
        st = coda_zip_read(x->z, entry, &s->text, &s->len, x->err);
    size_t at;
    const char *nul = st == CODA_OK ? memchr(s->text, '\0', s->len) : NULL;
    if (nul)
        return coda_error_set(x->err, CODA_EPARSE, x->file, s->line, 0, "%s: "
                              "its text holds a NUL byte (byte %zu)", what,
                              (size_t)(nul - s->text) + 1);
    if (st == CODA_OK && !coda_utf8_valid(s->text, s->len, &at))
        st = coda_error_set(x->err, CODA_EUTF8, x->file, s->line, 0, "%s: "
                            "its text is not UTF-8 at byte %zu", what, at + 1);
    if (st == CODA_OK && !coda_qx_text_norm(s->text, &s->len, &x->cuts[i],
                                            &x->ncuts[i]))
        st = coda_error_nomem(x->err);
    return st;
}

/* Each selection inside its source (counted before normalising), then
 * moved to the normalised text. */
static coda_status check_selections(coda_qx_im *x, const int64_t *chars)
{
    for (size_t i = 0; i < x->m.nsels; i++) {
        coda_qx_sel *s = &x->m.sels[i];
        size_t src = s->src;
        if (s->start >= s->end || s->end > chars[src])
            return coda_qx_im_bad(
                x, s->line,
                "PlainTextSelection %s: %lld-%lld is "
                "outside its source %s (\"%.200s\", %lld characters)"
                " or empty",
                s->guid, (long long)s->start, (long long)s->end,
                x->m.srcs[src].guid,
                x->m.srcs[src].name ? x->m.srcs[src].name : "",
                (long long)chars[src]);
        s->start = coda_qx_shift(x->cuts[src], x->ncuts[src], s->start);
        s->end = coda_qx_shift(x->cuts[src], x->ncuts[src], s->end);
    }
    return CODA_OK;
}

static coda_status texts(coda_qx_im *x)
{
    size_t n = x->m.nsrcs ? x->m.nsrcs : 1;
    int64_t *chars = coda_calloc(n, sizeof *chars);
    x->cuts = coda_calloc(n, sizeof *x->cuts);
    x->ncuts = coda_calloc(n, sizeof *x->ncuts);
    x->docs = coda_calloc(n, sizeof *x->docs);
    x->segid = coda_calloc(x->m.nsels ? x->m.nsels : 1, sizeof *x->segid);
    coda_status st = chars && x->cuts && x->ncuts && x->docs && x->segid
                     ? CODA_OK : coda_error_nomem(x->err);
    for (size_t i = 0; i < x->m.nsrcs && st == CODA_OK; i++) {
        st = load_text(x, i);
        if (st == CODA_OK)          /* counted as the other tool did */
            chars[i] = coda_qx_chars(x->m.srcs[i].text, x->m.srcs[i].len) +
                       (int64_t)x->ncuts[i];
    }
    if (st == CODA_OK)
        st = check_selections(x, chars);
    coda_free(chars);
    return st;
}

/* An index of the GUIDs at offset off of n elements; a GUID two of them
 * share is an error naming the kind of element. */
static coda_status index_of(coda_qx_im *x, const void *base, size_t n,
                            size_t size, size_t off, const char *what,
                            coda_qx_gix **out)
{
    long dup;
    if (!coda_qx_index(base, n, size, off, out, &dup))
        return coda_error_nomem(x->err);
    if (dup >= 0) {
        const char *g;
        memcpy(&g, (const char *)base + (size_t)dup * size + off, sizeof g);
        return coda_qx_im_bad(x, 0, "two %s elements have the guid %s", what,
                              g);
    }
    return CODA_OK;
}

static coda_status references(coda_qx_im *x)
{
    coda_qx_gix *six = NULL, *lix = NULL;
    coda_qx_model *m = &x->m;
    coda_status st = index_of(x, m->users, m->nusers, sizeof *m->users,
                              offsetof(coda_qx_user, guid), "User", &x->uix);
    if (st == CODA_OK)
        st = index_of(x, m->codes, m->ncodes, sizeof *m->codes,
                      offsetof(coda_qx_code, guid), "Code", &x->cix);
    if (st == CODA_OK)
        st = index_of(x, m->srcs, m->nsrcs, sizeof *m->srcs,
                      offsetof(coda_qx_src, guid), "TextSource", &six);
    if (st == CODA_OK)
        st = index_of(x, m->sels, m->nsels, sizeof *m->sels,
                      offsetof(coda_qx_sel, guid), "PlainTextSelection",
                      &lix);
    for (size_t i = 0; i < m->ncods && st == CODA_OK; i++) {
        const coda_qx_coding *c = &m->cods[i];
        if (coda_qx_find(x->cix, m->ncodes, c->code) < 0)
            st = coda_qx_im_bad(x, c->line,
                                "Coding %s of PlainTextSelection %s: "
                                "unknown code reference %s",
                                c->guid ? c->guid : "", m->sels[c->sel].guid,
                                c->code);
    }
    coda_free(six);
    coda_free(lix);
    return st;
}

static coda_status check_coders(coda_qx_im *x)
{
    coda_status st = CODA_OK;
    const char *name;
    for (size_t i = 0; i < x->m.ncods && st == CODA_OK; i++) {
        const coda_qx_coding *c = &x->m.cods[i];
        const coda_qx_sel *s = &x->m.sels[c->sel];
        st = coda_qx_im_coder(x, c->user ? c->user : s->user,
                              "PlainTextSelection", s->guid, s->line, &name);
    }
    return st;
}

static coda_status run(coda_qx_im *x)
{
    uint64_t limit = x->o && x->o->max_bytes ? x->o->max_bytes
                                             : CODA_QDPX_MAX_BYTES;
    if (x->o && x->o->coder && !coda_project_coder_ok(x->o->coder, 1))
        return coda_error_set(x->err, CODA_EARG, x->file, 0, 0, "\"%.100s\" "
                              "cannot be a coder's name", x->o->coder);
    coda_status st = coda_zip_open(x->file, limit, ".qdpx", &x->z, x->err);
    char *qde = NULL;
    size_t len = 0;
    if (st == CODA_OK && !coda_zip_has(x->z, "project.qde"))
        st = coda_error_set(x->err, CODA_EPARSE, x->file, 0, 0, "no "
                            "project.qde in the archive: not a REFI-QDA "
                            "project");
    if (st == CODA_OK)
        st = coda_zip_read(x->z, "project.qde", &qde, &len, x->err);
    if (st == CODA_OK)
        st = coda_qx_xml_read(qde, len, x->file, &x->m, x->err);
    coda_free(qde);
    if (st == CODA_OK)
        st = references(x);
    if (st == CODA_OK)
        st = texts(x);
    if (st == CODA_OK)
        st = check_coders(x);
    if (st == CODA_OK)
        st = coda_qx_im_store(x);
    return st;
}

coda_status coda_qdpx_import(coda_project *p, const char *path,
                             const coda_qdpx_opts *o, coda_qdpx_result *res,
                             coda_error *err)
{
    coda_qx_im x;
    memset(&x, 0, sizeof x);
    x.p = p;
    x.file = path;
    x.o = o;
    x.err = err;
    coda_status st = run(&x);
    if (res)
        *res = x.res;
    for (size_t i = 0; i < x.m.nsrcs; i++) {
        if (x.cuts)
            coda_free(x.cuts[i]);
        if (x.docs)
            coda_free(x.docs[i]);
    }
    coda_free(x.cuts);
    coda_free(x.ncuts);
    coda_free(x.docs);
    coda_free(x.segid);
    coda_free(x.uix);
    coda_free(x.cix);
    coda_qx_model_free(&x.m);
    coda_zip_close(x.z);
    return st;
}
