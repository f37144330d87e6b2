/* qdpx_xml_read.c - project.qde into a REFI project model: libxml2 without
 * network, DTD or entities; the code tree walked without recursion;
 * GUIDs normalised, positions and references checked later
 * (qdpx_import.c) where the texts are known. */
#include "qdpx_int.h"

#include "alloc.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* NoteRef targets wait in a list of GUIDs until the Notes are read; a
 * ref's note is first an index into it. */
typedef struct pending {
    char **guids;
    size_t n, cap;
} pending;

typedef struct rd {
    coda_qx_model *m;
    const char *file;
    coda_error *err;
    int ok;                     /* 0 once an allocation failed */
    pending pend;
} rd;

/* 1 when n is element name of the REFI namespace (any spelling of
 * urn:QDA-XML, or none). */
static int is(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE ||
        strcmp((const char *)n->name, name))
        return 0;
    return !n->ns || !n->ns->href ||
           strncasecmp((const char *)n->ns->href, "urn:QDA-XML:", 12) == 0;
}

static coda_status fail(rd *r, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* CODA_EPARSE naming the file, n's line and what fmt says. */
static coda_status fail(rd *r, const xmlNode *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return coda_error_set(r->err, CODA_EPARSE, r->file,
                          n ? xmlGetLineNo(n) : 0, 0, "project.qde: %s", msg);
}

/* A copy of attribute name of n (NULL when absent). */
static char *prop(rd *r, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *c = v ? coda_strndup((const char *)v, strlen((const char *)v))
                : NULL;
    if (v && !c)
        r->ok = 0;
    xmlFree(v);
    return c;
}

/* The text of n's child element name (a copy), or NULL. */
static char *child_text(rd *r, const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name)) {
            xmlChar *v = xmlNodeGetContent(c);
            char *s = coda_strndup(v ? (const char *)v : "",
                                   v ? strlen((const char *)v) : 0);
            if (!s)
                r->ok = 0;
            xmlFree(v);
            return s;
        }
    return NULL;
}

/* Attribute name of n as a normalised GUID into *out (a copy); a missing
 * one is an error when required. */
static coda_status guid(rd *r, const xmlNode *n, const char *name,
                        int required, char **out)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char g[37];
    *out = NULL;
    if (!v && !required)
        return CODA_OK;
    if (!v || !coda_qx_guid((const char *)v, g)) {
        coda_status st = fail(r, n, v ? "%s: %s is not a GUID"
                              : "%s without %s", (const char *)n->name, name);
        xmlFree(v);
        return st;
    }
    xmlFree(v);
    if (!(*out = coda_strndup(g, 36)))
        return coda_error_nomem(r->err);
    return CODA_OK;
}

static coda_status position(rd *r, const xmlNode *n, const char *name,
                            const char *g, int64_t *out)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *e = NULL;
    errno = 0;
    long long x = v ? strtoll((const char *)v, &e, 10) : 0;
    int good = v && e != (char *)v && !*e && errno == 0 && x >= 0;
    xmlFree(v);
    if (!good)
        return fail(r, n, "PlainTextSelection %s: %s is not a position (a "
                    "whole number from 0)", g, name);
    *out = x;
    return CODA_OK;
}

static coda_status add_ref(rd *r, const xmlNode *n, int on, size_t target)
{
    char *g;
    coda_status st = guid(r, n, "targetGUID", 1, &g);
    if (st != CODA_OK)
        return st;
    pending *p = &r->pend;
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
static coda_status note_refs(rd *r, const xmlNode *n, int on, size_t target)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (is(c, "NoteRef"))
            st = add_ref(r, c, on, target);
    return st;
}

/* creatingUser and creationDateTime of n into *user, *time. */
static coda_status who_when(rd *r, const xmlNode *n, char **user,
                            char **time)
{
    coda_status st = guid(r, n, "creatingUser", 0, user);
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"creationDateTime");
    char t[21];
    if (st == CODA_OK && v && coda_qx_time((const char *)v, t) &&
        !(*time = coda_strndup(t, 20)))
        st = coda_error_nomem(r->err);
    xmlFree(v);
    return st;
}

static coda_status users(rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!is(c, "User"))
            continue;
        coda_qx_user *u = coda_qx_push(&r->m->users, &r->m->nusers,
                                       &r->m->cusers, sizeof *u);
        if (!u)
            return coda_error_nomem(r->err);
        st = guid(r, c, "guid", 1, &u->guid);
        u->name = prop(r, c, "name");
    }
    return st;
}

static coda_status code(rd *r, xmlNode *n)
{
    coda_qx_code *c = coda_qx_push(&r->m->codes, &r->m->ncodes,
                                   &r->m->ccodes, sizeof *c);
    if (!c)
        return coda_error_nomem(r->err);
    size_t i = r->m->ncodes - 1;
    intptr_t up = n->parent ? (intptr_t)n->parent->_private : 0;
    c->parent = (long)up - 1;
    n->_private = (void *)(intptr_t)(i + 1);
    coda_status st = guid(r, n, "guid", 1, &c->guid);
    c->name = prop(r, n, "name");
    if (st == CODA_OK && (!c->name || !*c->name))
        return fail(r, n, "Code %s has no name", c->guid);
    char *cod = prop(r, n, "isCodable");
    c->codable = !cod || strcmp(cod, "false") != 0;
    coda_free(cod);
    c->color = prop(r, n, "color");
    c->desc = child_text(r, n, "Description");
    return st == CODA_OK ? note_refs(r, n, CODA_QX_CODE, i) : st;
}

/* The Code elements under codes in document order, without recursion: a
 * node's _private holds its code's index + 1, so a child finds its
 * parent's. */
static coda_status codebook(rd *r, xmlNode *book)
{
    xmlNode *codes = NULL;
    for (xmlNode *c = book->children; c && !codes; c = c->next)
        if (is(c, "Codes"))
            codes = c;
    coda_status st = CODA_OK;
    xmlNode *n = codes ? codes->children : NULL;
    while (n && st == CODA_OK) {
        xmlNode *down = NULL;
        if (is(n, "Code")) {
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

static coda_status variables(rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!is(c, "Variable"))
            continue;
        coda_qx_var *v = coda_qx_push(&r->m->vars, &r->m->nvars,
                                      &r->m->cvars, sizeof *v);
        if (!v)
            return coda_error_nomem(r->err);
        st = guid(r, c, "guid", 1, &v->guid);
        v->name = prop(r, c, "name");
        if (st == CODA_OK && (!v->name || !*v->name))
            st = fail(r, c, "Variable %s has no name", v->guid);
    }
    return st;
}

static coda_status coding(rd *r, const xmlNode *n, size_t sel)
{
    coda_qx_coding *c = coda_qx_push(&r->m->cods, &r->m->ncods,
                                     &r->m->ccods, sizeof *c);
    if (!c)
        return coda_error_nomem(r->err);
    c->sel = sel;
    c->line = xmlGetLineNo(n);
    coda_status st = guid(r, n, "guid", 0, &c->guid);
    if (st == CODA_OK)
        st = who_when(r, n, &c->user, &c->time);
    for (const xmlNode *k = n->children; k && st == CODA_OK; k = k->next)
        if (is(k, "CodeRef") && !c->code)
            st = guid(r, k, "targetGUID", 1, &c->code);
    if (st == CODA_OK && !c->code)
        st = fail(r, n, "Coding %s has no CodeRef", c->guid ? c->guid
                  : "(no guid)");
    return st;
}

static coda_status selection(rd *r, const xmlNode *n, size_t src)
{
    coda_qx_sel *s = coda_qx_push(&r->m->sels, &r->m->nsels, &r->m->csels,
                                  sizeof *s);
    if (!s)
        return coda_error_nomem(r->err);
    size_t i = r->m->nsels - 1;
    s->src = src;
    s->line = xmlGetLineNo(n);
    coda_status st = guid(r, n, "guid", 1, &s->guid);
    if (st == CODA_OK)
        st = position(r, n, "startPosition", s->guid, &s->start);
    if (st == CODA_OK)
        st = position(r, n, "endPosition", s->guid, &s->end);
    if (st == CODA_OK)
        st = who_when(r, n, &s->user, &s->time);
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (is(c, "Coding"))
            st = coding(r, c, i);
    return st == CODA_OK ? note_refs(r, n, CODA_QX_SEL, i) : st;
}

/* A VariableValue: its variable's GUID waits in the value until the
 * Variables are indexed (coda_qx_val.var is set then). */
typedef struct valref {
    char *var;
    size_t val;
} valref;

static coda_status source(rd *r, const xmlNode *n)
{
    coda_qx_src *s = coda_qx_push(&r->m->srcs, &r->m->nsrcs, &r->m->csrcs,
                                  sizeof *s);
    if (!s)
        return coda_error_nomem(r->err);
    size_t i = r->m->nsrcs - 1;
    s->line = xmlGetLineNo(n);
    coda_status st = guid(r, n, "guid", 1, &s->guid);
    s->name = prop(r, n, "name");
    s->path = prop(r, n, "plainTextPath");
    s->text = child_text(r, n, "PlainTextContent");
    s->len = s->text ? strlen(s->text) : 0;
    if (st == CODA_OK)
        st = who_when(r, n, &s->user, &s->time);
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (is(c, "PlainTextSelection"))
            st = selection(r, c, i);
    return st == CODA_OK ? note_refs(r, n, CODA_QX_SOURCE, i) : st;
}

static coda_status sources(rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (is(c, "TextSource"))
            st = source(r, c);
    return st;
}

static coda_status notes(rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!is(c, "Note"))
            continue;
        coda_qx_note *t = coda_qx_push(&r->m->notes, &r->m->nnotes,
                                       &r->m->cnotes, sizeof *t);
        if (!t)
            return coda_error_nomem(r->err);
        t->line = xmlGetLineNo(c);
        st = guid(r, c, "guid", 1, &t->guid);
        t->name = prop(r, c, "name");
        t->path = prop(r, c, "plainTextPath");
        t->text = child_text(r, c, "PlainTextContent");
        if (st == CODA_OK)
            st = who_when(r, c, &t->user, &t->time);
    }
    return st;
}

/* One VariableValue n of source src. */
static coda_status value(rd *r, const xmlNode *n, size_t src,
                         const coda_qx_gix *vix, const char *owner)
{
    char *g = NULL, *v = NULL;
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (is(c, "VariableRef") && !g)
            st = guid(r, c, "targetGUID", 1, &g);
        else if (c->type == XML_ELEMENT_NODE && !v) {
            xmlChar *t = xmlNodeGetContent(c);
            if (!(v = coda_strndup(t ? (const char *)t : "",
                                   t ? strlen((const char *)t) : 0)))
                st = coda_error_nomem(r->err);
            xmlFree(t);
        }
    }
    long var = g ? coda_qx_find(vix, r->m->nvars, g) : -1;
    if (st == CODA_OK && var < 0)
        st = fail(r, n, "VariableValue of %s: unknown VariableRef %s", owner,
                  g ? g : "(none)");
    coda_qx_val *x = st == CODA_OK && v ? coda_qx_push(&r->m->vals,
                                                       &r->m->nvals,
                                                       &r->m->cvals,
                                                       sizeof *x) : NULL;
    if (st == CODA_OK && v && !x)
        st = coda_error_nomem(r->err);
    if (x) {
        x->src = src;
        x->var = (size_t)var;
        x->value = v;
        v = NULL;
    }
    coda_free(g);
    coda_free(v);
    return st;
}

/* The values of a Case go to each source it refers to. */
static coda_status one_case(rd *r, const xmlNode *n, const coda_qx_gix *vix,
                            const coda_qx_gix *six)
{
    coda_status st = CODA_OK;
    for (const xmlNode *s = n->children; s && st == CODA_OK; s = s->next) {
        if (!is(s, "SourceRef"))
            continue;
        char *g;
        if ((st = guid(r, s, "targetGUID", 1, &g)) != CODA_OK)
            break;
        long src = coda_qx_find(six, r->m->nsrcs, g);
        if (src < 0)
            st = fail(r, s, "Case: SourceRef to unknown source %s", g);
        coda_free(g);
        for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
            if (is(c, "VariableValue"))
                st = value(r, c, (size_t)src, vix, "a Case");
    }
    return st;
}

/* Cases, and VariableValues given on TextSources themselves. */
static coda_status attributes(rd *r, const xmlNode *cases,
                              const xmlNode *srcs)
{
    coda_qx_gix *vix, *six;
    if (!coda_qx_index(r->m->vars, r->m->nvars, sizeof *r->m->vars,
                       offsetof(coda_qx_var, guid), &vix, NULL))
        return coda_error_nomem(r->err);
    if (!coda_qx_index(r->m->srcs, r->m->nsrcs, sizeof *r->m->srcs,
                       offsetof(coda_qx_src, guid), &six, NULL)) {
        coda_free(vix);
        return coda_error_nomem(r->err);
    }
    coda_status st = CODA_OK;
    for (const xmlNode *c = cases ? cases->children : NULL;
         c && st == CODA_OK; c = c->next)
        if (is(c, "Case"))
            st = one_case(r, c, vix, six);
    size_t i = 0;
    for (const xmlNode *s = srcs ? srcs->children : NULL;
         s && st == CODA_OK; s = s->next) {
        if (!is(s, "TextSource"))
            continue;
        for (const xmlNode *c = s->children; c && st == CODA_OK; c = c->next)
            if (is(c, "VariableValue"))
                st = value(r, c, i, vix, r->m->srcs[i].guid);
        i++;
    }
    coda_free(vix);
    coda_free(six);
    return st;
}

/* Each NoteRef's GUID to its Note's index. */
static coda_status resolve_refs(rd *r, const xmlNode *root)
{
    coda_qx_gix *nix;
    if (!coda_qx_index(r->m->notes, r->m->nnotes, sizeof *r->m->notes,
                       offsetof(coda_qx_note, guid), &nix, NULL))
        return coda_error_nomem(r->err);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < r->m->nrefs && st == CODA_OK; i++) {
        const char *g = r->pend.guids[r->m->refs[i].note];
        long k = coda_qx_find(nix, r->m->nnotes, g);
        if (k < 0)
            st = fail(r, root, "NoteRef to unknown Note %s", g);
        else
            r->m->refs[i].note = (size_t)k;
    }
    coda_free(nix);
    return st;
}

/* The root must be a Project of the REFI project namespace. */
static coda_status check_root(rd *r, xmlDoc *doc, xmlNode *root)
{
    if (doc->intSubset || doc->extSubset)
        return fail(r, root, "a DOCTYPE is not allowed in a REFI project "
                    "(no DTD, no entities)");
    const char *href = root && root->ns && root->ns->href
                       ? (const char *)root->ns->href : NULL;
    if (!root || strcmp((const char *)root->name, "Project") ||
        (href && strncasecmp(href, "urn:QDA-XML:project:", 20)))
        return fail(r, root, "not a REFI-QDA project (expected a Project "
                    "element in namespace urn:QDA-XML:project:1.0, found "
                    "%s%s%s%s)", root ? (const char *)root->name : "nothing",
                    href ? " in namespace \"" : "", href ? href : "",
                    href ? "\"" : "");
    return CODA_OK;
}

static coda_status project(rd *r, xmlNode *root)
{
    coda_status st = CODA_OK;
    const xmlNode *cases = NULL, *srcs = NULL;
    r->m->name = prop(r, root, "name");
    for (xmlNode *c = root->children; c && st == CODA_OK; c = c->next) {
        if (is(c, "Users"))
            st = users(r, c);
        else if (is(c, "CodeBook"))
            st = codebook(r, c);
        else if (is(c, "Variables"))
            st = variables(r, c);
        else if (is(c, "Cases"))
            cases = c;
        else if (is(c, "Sources"))
            st = sources(r, srcs = c);
        else if (is(c, "Notes"))
            st = notes(r, c);
        else if (is(c, "NoteRef"))
            st = add_ref(r, c, CODA_QX_PROJECT, 0);
    }
    if (st == CODA_OK)
        st = attributes(r, cases, srcs);
    if (st == CODA_OK)
        st = resolve_refs(r, root);
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
    rd r = { m, file, err, 1, { NULL, 0, 0 } };
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
