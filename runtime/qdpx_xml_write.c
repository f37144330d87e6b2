/* qdpx_xml_write.c - a REFI project model as project.qde (libxml2's text
 * writer), elements in the order Project.xsd asks for. */
#include "qdpx_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wr {
    xmlTextWriter *w;
    const coda_qx_model *m;
    coda_qx_ref *refs;          /* sorted by on, target, note */
    int bad;                    /* a libxml2 call failed */
} wr;

static void start(wr *x, const char *name)
{
    x->bad |= xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0;
}

static void end(wr *x)
{
    x->bad |= xmlTextWriterEndElement(x->w) < 0;
}

static void attr(wr *x, const char *name, const char *v)
{
    if (v)
        x->bad |= xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name,
                                              (const xmlChar *)v) < 0;
}

static void attr_int(wr *x, const char *name, int64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)v);
    attr(x, name, b);
}

static void element(wr *x, const char *name, const char *text)
{
    if (text)
        x->bad |= xmlTextWriterWriteElement(x->w, (const xmlChar *)name,
                                            (const xmlChar *)text) < 0;
}

static int ref_cmp(const void *a, const void *b)
{
    const coda_qx_ref *p = a, *q = b;
    if (p->on != q->on)
        return p->on < q->on ? -1 : 1;
    if (p->target != q->target)
        return p->target < q->target ? -1 : 1;
    return (p->note > q->note) - (p->note < q->note);
}

/* The NoteRefs of the thing (on, target). */
static void note_refs(wr *x, int on, size_t target)
{
    size_t lo = 0, hi = x->m->nrefs;
    coda_qx_ref key = { on, target, 0 };
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ref_cmp(&x->refs[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->m->nrefs && x->refs[lo].on == on &&
           x->refs[lo].target == target; lo++) {
        start(x, "NoteRef");
        attr(x, "targetGUID", x->m->notes[x->refs[lo].note].guid);
        end(x);
    }
}

static void users(wr *x)
{
    if (!x->m->nusers)
        return;
    start(x, "Users");
    for (size_t i = 0; i < x->m->nusers; i++) {
        start(x, "User");
        attr(x, "guid", x->m->users[i].guid);
        attr(x, "name", x->m->users[i].name);
        end(x);
    }
    end(x);
}

static void code_open(wr *x, size_t i)
{
    const coda_qx_code *c = &x->m->codes[i];
    start(x, "Code");
    attr(x, "guid", c->guid);
    attr(x, "name", c->name);
    attr(x, "isCodable", c->codable ? "true" : "false");
    attr(x, "color", c->color);
    element(x, "Description", c->desc && *c->desc ? c->desc : NULL);
    note_refs(x, CODA_QX_CODE, i);
}

/* The hierarchy without recursion, from each root down through first
 * child and next sibling lists (in any order of the codes; a code in a
 * parent cycle has no root and is left out). */
static void codebook(wr *x)
{
    const coda_qx_model *m = x->m;
    if (!m->ncodes)
        return;
    size_t *next = coda_malloc(2 * m->ncodes * sizeof *next);
    if (!next) {
        x->bad = 1;
        return;
    }
    size_t *first = next + m->ncodes, none = (size_t)-1;
    for (size_t i = 0; i < 2 * m->ncodes; i++)
        next[i] = none;
    for (size_t i = m->ncodes; i-- > 0;) {      /* children in order */
        long p = m->codes[i].parent;
        if (p >= 0) {
            next[i] = first[p];
            first[p] = i;
        }
    }
    start(x, "CodeBook");
    start(x, "Codes");
    for (size_t r = 0; r < m->ncodes && !x->bad; r++) {
        if (m->codes[r].parent >= 0)
            continue;
        size_t i = r;
        code_open(x, i);
        while (i != none && !x->bad) {
            if (first[i] != none) {             /* down */
                i = first[i];
                code_open(x, i);
                continue;
            }
            for (;;) {                          /* close, then across or up */
                end(x);
                if (i == r) {
                    i = none;
                    break;
                }
                if (next[i] != none) {
                    i = next[i];
                    code_open(x, i);
                    break;
                }
                i = (size_t)m->codes[i].parent;
            }
        }
    }
    end(x);
    end(x);
    coda_free(next);
}

static void variables(wr *x)
{
    if (!x->m->nvars)
        return;
    start(x, "Variables");
    for (size_t i = 0; i < x->m->nvars; i++) {
        start(x, "Variable");
        attr(x, "guid", x->m->vars[i].guid);
        attr(x, "name", x->m->vars[i].name);
        attr(x, "typeOfVariable", "Text");
        end(x);
    }
    end(x);
}

/* One Case per source with attributes: its values and a SourceRef. */
static void cases(wr *x)
{
    const coda_qx_model *m = x->m;
    if (!m->nvals)
        return;
    start(x, "Cases");
    for (size_t v = 0; v < m->nvals;) {
        size_t s = m->vals[v].src;
        start(x, "Case");
        char guid[37];
        coda_qx_guid_of("case", m->srcs[s].guid, 36, guid);
        attr(x, "guid", guid);
        attr(x, "name", m->srcs[s].name);
        for (; v < m->nvals && m->vals[v].src == s; v++) {
            start(x, "VariableValue");
            start(x, "VariableRef");
            attr(x, "targetGUID", m->vars[m->vals[v].var].guid);
            end(x);
            element(x, "TextValue", m->vals[v].value);
            end(x);
        }
        start(x, "SourceRef");
        attr(x, "targetGUID", m->srcs[s].guid);
        end(x);
        end(x);
    }
    end(x);
}

static void coding(wr *x, const coda_qx_coding *c)
{
    start(x, "Coding");
    attr(x, "guid", c->guid);
    attr(x, "creatingUser", c->user);
    attr(x, "creationDateTime", c->time);
    start(x, "CodeRef");
    attr(x, "targetGUID", c->code);
    end(x);
    end(x);
}

/* Selection k and its codings from *c on. */
static void selection(wr *x, size_t k, size_t *c)
{
    const coda_qx_model *m = x->m;
    const coda_qx_sel *s = &m->sels[k];
    start(x, "PlainTextSelection");
    attr(x, "guid", s->guid);
    attr_int(x, "startPosition", s->start);
    attr_int(x, "endPosition", s->end);
    attr(x, "creatingUser", s->user);
    attr(x, "creationDateTime", s->time);
    for (; *c < m->ncods && m->cods[*c].sel == k; (*c)++)
        coding(x, &m->cods[*c]);
    note_refs(x, CODA_QX_SEL, k);
    end(x);
}

static void sources(wr *x)
{
    const coda_qx_model *m = x->m;
    if (!m->nsrcs)
        return;
    start(x, "Sources");
    size_t k = 0, c = 0;
    for (size_t i = 0; i < m->nsrcs; i++) {
        const coda_qx_src *s = &m->srcs[i];
        start(x, "TextSource");
        attr(x, "guid", s->guid);
        attr(x, "name", s->name);
        attr(x, "plainTextPath", s->path);
        attr(x, "creatingUser", s->user);
        attr(x, "creationDateTime", s->time);
        if (!s->path)
            element(x, "PlainTextContent", s->text ? s->text : "");
        for (; k < m->nsels && m->sels[k].src == i; k++)
            selection(x, k, &c);
        note_refs(x, CODA_QX_SOURCE, i);
        end(x);
    }
    end(x);
}

static void notes(wr *x)
{
    if (!x->m->nnotes)
        return;
    start(x, "Notes");
    for (size_t i = 0; i < x->m->nnotes; i++) {
        const coda_qx_note *t = &x->m->notes[i];
        start(x, "Note");
        attr(x, "guid", t->guid);
        attr(x, "name", t->name);
        attr(x, "creatingUser", t->user);
        attr(x, "creationDateTime", t->time);
        element(x, "PlainTextContent", t->text ? t->text : "");
        end(x);
    }
    end(x);
}

static void document(wr *x)
{
    x->bad |= xmlTextWriterSetIndent(x->w, 1) < 0;
    x->bad |= xmlTextWriterSetIndentString(x->w, (const xmlChar *)"  ") < 0;
    x->bad |= xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0;
    x->bad |= xmlTextWriterStartElementNS(x->w, NULL,
                                          (const xmlChar *)"Project",
                                          (const xmlChar *)
                                          "urn:QDA-XML:project:1.0") < 0;
    attr(x, "name", x->m->name ? x->m->name : "coda project");
    attr(x, "origin", "coda");
    users(x);
    codebook(x);
    variables(x);
    cases(x);
    sources(x);
    notes(x);
    note_refs(x, CODA_QX_PROJECT, 0);
    x->bad |= xmlTextWriterEndDocument(x->w) < 0;
}

/* CODA_EARG when s cannot go into XML 1.0 (a control character, bytes
 * that are not UTF-8). */
static coda_status check(const char *file, const char *what,
                         const char *name, const char *s, coda_error *err)
{
    if (!s)
        return CODA_OK;
    size_t len = strlen(s), bad;
    long at = coda_qx_xml_bad(s, len);
    if (at >= 0)
        return coda_error_set(err, CODA_EARG, file, 0, 0, "%s \"%.80s\": "
                              "holds the control character 0x%02X (byte "
                              "%ld), which XML 1.0 cannot hold", what, name,
                              (unsigned)(unsigned char)s[at], at + 1);
    if (!coda_utf8_valid(s, len, &bad))
        return coda_error_set(err, CODA_EARG, file, 0, 0, "%s \"%.80s\": not "
                              "UTF-8 at byte %zu", what, name, bad + 1);
    return CODA_OK;
}

static coda_status check_all(const coda_qx_model *m, const char *file,
                             coda_error *err)
{
    coda_status st = check(file, "project name", "", m->name, err);
    for (size_t i = 0; i < m->nusers && st == CODA_OK; i++)
        st = check(file, "coder", m->users[i].name, m->users[i].name, err);
    for (size_t i = 0; i < m->ncodes && st == CODA_OK; i++) {
        const coda_qx_code *c = &m->codes[i];
        st = check(file, "code", c->name, c->name, err);
        if (st == CODA_OK)
            st = check(file, "the description of code", c->name, c->desc,
                       err);
    }
    for (size_t i = 0; i < m->nsrcs && st == CODA_OK; i++)
        st = check(file, "document", m->srcs[i].name, m->srcs[i].name, err);
    for (size_t i = 0; i < m->nvars && st == CODA_OK; i++)
        st = check(file, "attribute", m->vars[i].name, m->vars[i].name, err);
    for (size_t i = 0; i < m->nvals && st == CODA_OK; i++)
        st = check(file, "a value of attribute", m->vars[m->vals[i].var].name,
                   m->vals[i].value, err);
    for (size_t i = 0; i < m->nnotes && st == CODA_OK; i++)
        st = check(file, "memo", m->notes[i].name, m->notes[i].text, err);
    return st;
}

coda_status coda_qx_xml_write(const coda_qx_model *m, const char *file,
                              char **out, size_t *len, coda_error *err)
{
    coda_status st = check_all(m, file, err);
    if (st != CODA_OK)
        return st;
    wr x = { NULL, m, NULL, 0 };
    if (m->nrefs && !(x.refs = coda_reallocarray(NULL, m->nrefs,
                                                 sizeof *x.refs)))
        return coda_error_nomem(err);
    if (m->nrefs) {
        memcpy(x.refs, m->refs, m->nrefs * sizeof *x.refs);
        qsort(x.refs, m->nrefs, sizeof *x.refs, ref_cmp);
    }
    xmlBuffer *buf = xmlBufferCreate();
    if (buf)            /* grow by doubling, not to the exact size each time */
        xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT);
    x.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    if (x.w)
        document(&x);
    if (x.w)
        xmlFreeTextWriter(x.w);         /* flushes into buf */
    coda_free(x.refs);
    if (!x.w || x.bad || !(*out = coda_malloc((size_t)xmlBufferLength(buf)
                                              + 1))) {
        xmlBufferFree(buf);
        return coda_error_nomem(err);
    }
    *len = (size_t)xmlBufferLength(buf);
    memcpy(*out, xmlBufferContent(buf), *len);
    (*out)[*len] = '\0';
    xmlBufferFree(buf);
    return CODA_OK;
}
