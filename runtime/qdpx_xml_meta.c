/* qdpx_xml_meta.c - the parts of project.qde around the coding: Variables,
 * the values of Cases and TextSources, Notes, and each NoteRef resolved to
 * its Note. */
#include "qdpx_xml_int.h"

#include "base_alloc.h"

#include <stddef.h>
#include <string.h>

coda_status coda_qx_rd_variables(coda_qx_rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!coda_qx_rd_is(c, "Variable"))
            continue;
        coda_qx_var *v = coda_qx_push(&r->m->vars, &r->m->nvars,
                                      &r->m->cvars, sizeof *v);
        if (!v)
            return coda_error_nomem(r->err);
        st = coda_qx_rd_guid(r, c, "guid", 1, &v->guid);
        v->name = coda_qx_rd_prop(r, c, "name");
        if (st == CODA_OK && (!v->name || !*v->name))
            st = coda_qx_rd_fail(r, c, "Variable %s has no name", v->guid);
    }
    return st;
}

coda_status coda_qx_rd_notes(coda_qx_rd *r, const xmlNode *n)
{
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (!coda_qx_rd_is(c, "Note"))
            continue;
        coda_qx_note *t = coda_qx_push(&r->m->notes, &r->m->nnotes,
                                       &r->m->cnotes, sizeof *t);
        if (!t)
            return coda_error_nomem(r->err);
        t->line = xmlGetLineNo(c);
        st = coda_qx_rd_guid(r, c, "guid", 1, &t->guid);
        t->name = coda_qx_rd_prop(r, c, "name");
        t->path = coda_qx_rd_prop(r, c, "plainTextPath");
        t->text = coda_qx_rd_text(r, c, "PlainTextContent");
        if (st == CODA_OK)
            st = coda_qx_rd_who(r, c, &t->user, &t->time);
    }
    return st;
}

/* One VariableValue n of source src. */
static coda_status value(coda_qx_rd *r, const xmlNode *n, size_t src,
                         const coda_qx_gix *vix, const char *owner)
{
    char *g = NULL, *v = NULL;
    coda_status st = CODA_OK;
    for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next) {
        if (coda_qx_rd_is(c, "VariableRef") && !g)
            st = coda_qx_rd_guid(r, c, "targetGUID", 1, &g);
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
        st = coda_qx_rd_fail(r, n,
                             "VariableValue of %s: unknown VariableRef %s",
                             owner, g ? g : "(none)");
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
static coda_status one_case(coda_qx_rd *r, const xmlNode *n,
                            const coda_qx_gix *vix, const coda_qx_gix *six)
{
    coda_status st = CODA_OK;
    for (const xmlNode *s = n->children; s && st == CODA_OK; s = s->next) {
        if (!coda_qx_rd_is(s, "SourceRef"))
            continue;
        char *g;
        if ((st = coda_qx_rd_guid(r, s, "targetGUID", 1, &g)) != CODA_OK)
            break;
        long src = coda_qx_find(six, r->m->nsrcs, g);
        if (src < 0)
            st = coda_qx_rd_fail(r, s, "Case: SourceRef to unknown source %s",
                                 g);
        coda_free(g);
        for (const xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
            if (coda_qx_rd_is(c, "VariableValue"))
                st = value(r, c, (size_t)src, vix, "a Case");
    }
    return st;
}

/* Cases, and VariableValues given on TextSources themselves. */
coda_status coda_qx_rd_attributes(coda_qx_rd *r, const xmlNode *cases,
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
        if (coda_qx_rd_is(c, "Case"))
            st = one_case(r, c, vix, six);
    size_t i = 0;
    for (const xmlNode *s = srcs ? srcs->children : NULL;
         s && st == CODA_OK; s = s->next) {
        if (!coda_qx_rd_is(s, "TextSource"))
            continue;
        for (const xmlNode *c = s->children; c && st == CODA_OK; c = c->next)
            if (coda_qx_rd_is(c, "VariableValue"))
                st = value(r, c, i, vix, r->m->srcs[i].guid);
        i++;
    }
    coda_free(vix);
    coda_free(six);
    return st;
}

/* Each NoteRef's GUID to its Note's index. */
coda_status coda_qx_rd_resolve(coda_qx_rd *r, const xmlNode *root)
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
            st = coda_qx_rd_fail(r, root, "NoteRef to unknown Note %s", g);
        else
            r->m->refs[i].note = (size_t)k;
    }
    coda_free(nix);
    return st;
}

