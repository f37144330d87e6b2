/* qdpx_xml_read.c - project.qde into a REFI project model: libxml2 without
 * network, DTD or entities; users, the code tree (walked without
 * recursion), sources, selections and codings here, the rest in
 * qdpx_xml_meta.c; positions and references to codes and users are
 * checked later (qdpx_import.c), where the texts are known. */
#include "qdpx_xml_int.h"

#include "base_alloc.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static coda_status position(coda_qx_rd *r, const xmlNode *n, const char *name,
                            const char *g, int64_t *out)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *e = NULL;
    errno = 0;
    long long x = v ? strtoll((const char *)v, &e, 10) : 0;
    int good = v && e != (char *)v && !*e && errno == 0 && x >= 0;
    xmlFree(v);
    if (!good)
        return coda_qx_rd_fail(
            r, n,
            "PlainTextSelection %s: %s is not a position (a "
            "whole number from 0)",
            g, name);
    *out = x;
    return CODA_OK;
}

static coda_status add_ref(coda_qx_rd *r, const xmlNode *n, int on,
                           size_t target)
{
    char *g;
    coda_status st = coda_qx_rd_guid(r, n, "targetGUID", 1, &g);
    if (st != CODA_OK)
        return st;
    coda_qx_pending *p = &r->pend;
    char **slot = coda_qx_push(&p->guids, &p->n, &p->cap, sizeof *slot);
    coda_qx_ref *ref = slot ? coda_qx_push(&r->m->refs, &r->m->nrefs,
                                           &r->m->crefs, sizeof *ref) : NULL;
    if (!ref) {
        if (slot)
            p->n--;
        coda_free(g);
        return coda_error_nomem(r->err);
    }
    *slot = g;
    ref->on = on;
    ref->target = target;
    ref->note = p->n - 1;
    return CODA_OK;
}

/* The NoteRefs among n's children: (on, target) carries them. */
coda_status coda_qx_rd_refs(coda_qx_rd *r, const xmlNode *n, int on,
                            size_t target)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (coda_qx_rd_is(c, "NoteRef"))
            st = add_ref(r, c, on, target);
    return st;
}

static coda_status users(coda_qx_rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!coda_qx_rd_is(c, "User"))
            continue;
        coda_qx_user *u = coda_qx_push(&r->m->users, &r->m->nusers,
                                       &r->m->cusers, sizeof *u);
        if (!u)
            return coda_error_nomem(r->err);
        st = coda_qx_rd_guid(r, c, "guid", 1, &u->guid);
        u->name = coda_qx_rd_prop(r, c, "name");
    }
    return st;
}

static coda_status code(coda_qx_rd *r, xmlNode *n)
{
    coda_qx_code *c = coda_qx_push(&r->m->codes, &r->m->ncodes,
                                   &r->m->ccodes, sizeof *c);
    if (!c)
        return coda_error_nomem(r->err);
    size_t i = r->m->ncodes - 1;
    intptr_t up = n->parent ? (intptr_t)n->parent->_private : 0;
    c->parent = (long)up - 1;
    n->_private = (void *)(intptr_t)(i + 1);
    coda_status st = coda_qx_rd_guid(r, n, "guid", 1, &c->guid);
    c->name = coda_qx_rd_prop(r, n, "name");
    if (st == CODA_OK && (!c->name || !*c->name))
        return coda_qx_rd_fail(r, n, "Code %s has no name", c->guid);
    char *cod = coda_qx_rd_prop(r, n, "isCodable");
    c->codable = !cod || strcmp(cod, "false") != 0;
    coda_free(cod);
    c->color = coda_qx_rd_prop(r, n, "color");
    c->desc = coda_qx_rd_text(r, n, "Description");
    return st == CODA_OK ? coda_qx_rd_refs(r, n, CODA_QX_CODE, i) : st;
}

/* The Code elements under codes in document order, without recursion: a
 * node's _private holds its code's index + 1, so a child finds its
 * parent's. */
static coda_status codebook(coda_qx_rd *r, xmlNode *book)
{
    xmlNode *codes = NULL;
    for (xmlNode *c = book->children; c && !codes; c = c->next)
        if (coda_qx_rd_is(c, "Codes"))
            codes = c;
    coda_status st = CODA_OK;
    xmlNode *n = codes ? codes->children : NULL;
    while (n && st == CODA_OK) {
        xmlNode *down = NULL;
        if (coda_qx_rd_is(n, "Code")) {
            st = code(r, n);
            down = n->children;
        }
        if (down) {
            n = down;
            continue;
        }
        while (n && n != codes && !n->next)
            n = n->parent;
        n = n && n != codes ? n->next : NULL;
    }
    return st;
}

static coda_status coding(coda_qx_rd *r, const xmlNode *n, size_t sel)
{
    coda_qx_coding *c = coda_qx_push(&r->m->cods, &r->m->ncods,
                                     &r->m->ccods, sizeof *c);
    if (!c)
        return coda_error_nomem(r->err);
    c->sel = sel;
    c->line = xmlGetLineNo(n);
    coda_status st = coda_qx_rd_guid(r, n, "guid", 0, &c->guid);
    if (st == CODA_OK)
        st = coda_qx_rd_who(r, n, &c->user, &c->time);
    for (const xmlNode *k = n->children; k && st == CODA_OK; k = k->next)
        if (coda_qx_rd_is(k, "CodeRef") && !c->code)
            st = coda_qx_rd_guid(r, k, "targetGUID", 1, &c->code);
    if (st == CODA_OK && !c->code)
        st = coda_qx_rd_fail(r, n, "Coding %s has no CodeRef",
                             c->guid ? c->guid : "(no guid)");
    return st;
}

static coda_status selection(coda_qx_rd *r, const xmlNode *n, size_t src)
{
    coda_qx_sel *s = coda_qx_push(&r->m->sels, &r->m->nsels, &r->m->csels,
                                  sizeof *s);
    if (!s)
        return coda_error_nomem(r->err);
    size_t i = r->m->nsels - 1;
    s->src = src;
    s->line = xmlGetLineNo(n);
    coda_status st = coda_qx_rd_guid(r, n, "guid", 1, &s->guid);
    if (st == CODA_OK)
        st = position(r, n, "startPosition", s->guid, &s->start);
    if (st == CODA_OK)
        st = position(r, n, "endPosition", s->guid, &s->end);
    if (st == CODA_OK)
        st = coda_qx_rd_who(r, n, &s->user, &s->time);
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (coda_qx_rd_is(c, "Coding"))
            st = coding(r, c, i);
    return st == CODA_OK ? coda_qx_rd_refs(r, n, CODA_QX_SEL, i) : st;
}

static coda_status source(coda_qx_rd *r, const xmlNode *n)
{
    coda_qx_src *s = coda_qx_push(&r->m->srcs, &r->m->nsrcs, &r->m->csrcs,
                                  sizeof *s);
    if (!s)
        return coda_error_nomem(r->err);
    size_t i = r->m->nsrcs - 1;
    s->line = xmlGetLineNo(n);
    coda_status st = coda_qx_rd_guid(r, n, "guid", 1, &s->guid);
    s->name = coda_qx_rd_prop(r, n, "name");
    s->path = coda_qx_rd_prop(r, n, "plainTextPath");
    s->text = coda_qx_rd_text(r, n, "PlainTextContent");
    s->len = s->text ? strlen(s->text) : 0;
    if (st == CODA_OK)
        st = coda_qx_rd_who(r, n, &s->user, &s->time);
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (coda_qx_rd_is(c, "PlainTextSelection"))
            st = selection(r, c, i);
    return st == CODA_OK ? coda_qx_rd_refs(r, n, CODA_QX_SOURCE, i) : st;
}

static coda_status sources(coda_qx_rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (coda_qx_rd_is(c, "TextSource"))
            st = source(r, c);
    return st;
}

/* The root must be a Project of the REFI project namespace. */
static coda_status check_root(coda_qx_rd *r, xmlDoc *doc, xmlNode *root)
{
    if (doc->intSubset || doc->extSubset)
        return coda_qx_rd_fail(r, root,
                               "a DOCTYPE is not allowed in a REFI project "
                               "(no DTD, no entities)");
    const char *href = root && root->ns && root->ns->href
                       ? (const char *)root->ns->href : NULL;
    if (!root || strcmp((const char *)root->name, "Project") ||
        (href && strncasecmp(href, "urn:QDA-XML:project:", 20)))
        return coda_qx_rd_fail(
            r, root,
            "not a REFI-QDA project (expected a Project "
            "element in namespace urn:QDA-XML:project:1.0, found "
            "%s%s%s%s)",
            root ? (const char *)root->name : "nothing",
            href ? " in namespace \"" : "", href ? href : "",
            href ? "\"" : "");
    return CODA_OK;
}

static coda_status project(coda_qx_rd *r, xmlNode *root)
{
    coda_status st = CODA_OK;
    const xmlNode *cases = NULL, *srcs = NULL;
    r->m->name = coda_qx_rd_prop(r, root, "name");
    for (xmlNode *c = root->children; c && st == CODA_OK; c = c->next) {
        if (coda_qx_rd_is(c, "Users"))
            st = users(r, c);
        else if (coda_qx_rd_is(c, "CodeBook"))
            st = codebook(r, c);
        else if (coda_qx_rd_is(c, "Variables"))
            st = coda_qx_rd_variables(r, c);
        else if (coda_qx_rd_is(c, "Cases"))
            cases = c;
        else if (coda_qx_rd_is(c, "Sources"))
            st = sources(r, srcs = c);
        else if (coda_qx_rd_is(c, "Notes"))
            st = coda_qx_rd_notes(r, c);
        else if (coda_qx_rd_is(c, "NoteRef"))
            st = add_ref(r, c, CODA_QX_PROJECT, 0);
    }
    if (st == CODA_OK)
        st = coda_qx_rd_attributes(r, cases, srcs);
    if (st == CODA_OK)
        st = coda_qx_rd_resolve(r, root);
    return st == CODA_OK && !r->ok ? coda_error_nomem(r->err) : st;
}

coda_status coda_qx_xml_read(const char *buf, size_t len, const char *file,
                             coda_qx_model *m, coda_error *err)
{
    memset(m, 0, sizeof *m);
    if (len > INT32_MAX)
        return coda_error_set(err, CODA_ELIMIT, file, 0, 0, "project.qde: "
                              "%zu bytes, more than 2 GiB", len);
    xmlDoc *doc = xmlReadMemory(buf, (int)len, "project.qde", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return coda_error_set(err, CODA_EPARSE, file, e ? e->line : 0, 0,
                              "project.qde: not well-formed XML: %s",
                              e && e->message ? e->message : "?");
    }
    coda_qx_rd r = { m, file, err, 1, { NULL, 0, 0 } };
    xmlNode *root = xmlDocGetRootElement(doc);
    coda_status st = check_root(&r, doc, root);
    if (st == CODA_OK)
        st = project(&r, root);
    for (size_t i = 0; i < r.pend.n; i++)
        coda_free(r.pend.guids[i]);
    coda_free(r.pend.guids);
    xmlFreeDoc(doc);
    return st;
}
