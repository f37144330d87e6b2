/* qdpx_xml_node.c - the project.qde reader's helpers over libxml2's nodes:
 * REFI elements, attributes, child text, GUIDs, who made an element, and
 * the error that names the line. */
#include "qdpx_xml_int.h"

#include "base_alloc.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* 1 when n is element name of the REFI namespace (any spelling of
 * urn:QDA-XML, or none). */
int coda_qx_rd_is(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE ||
        strcmp((const char *)n->name, name))
        return 0;
    return !n->ns || !n->ns->href ||
           strncasecmp((const char *)n->ns->href, "urn:QDA-XML:", 12) == 0;
}

/* CODA_EPARSE naming the file, n's line and what fmt says. */
coda_status coda_qx_rd_fail(coda_qx_rd *r, const xmlNode *n, const char *fmt,
                            ...)
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
char *coda_qx_rd_prop(coda_qx_rd *r, const xmlNode *n, const char *name)
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
char *coda_qx_rd_text(coda_qx_rd *r, const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (coda_qx_rd_is(c, name)) {
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
coda_status coda_qx_rd_guid(coda_qx_rd *r, const xmlNode *n,
                            const char *name, int required, char **out)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char g[37];
    *out = NULL;
    if (!v && !required)
        return CODA_OK;
    if (!v || !coda_qx_guid((const char *)v, g)) {
        xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
        coda_status st = coda_qx_rd_fail(r, n, "%s%s%s%s: %s %s%.60s%s",
                                         (const char *)n->name,
                                         nm ? " \"" : "",
                                         nm ? (const char *)nm : "",
                                         nm ? "\"" : "", name,
                                         v ? "is not a GUID (\""
                                           : "is missing",
                                         v ? (const char *)v : "",
                                         v ? "\")" : "");
        xmlFree(nm);
        xmlFree(v);
        return st;
    }
    xmlFree(v);
    if (!(*out = coda_strndup(g, 36)))
        return coda_error_nomem(r->err);
    return CODA_OK;
}

/* creatingUser and creationDateTime of n into *user, *time. */
coda_status coda_qx_rd_who(coda_qx_rd *r, const xmlNode *n, char **user,
                            char **time)
{
    coda_status st = coda_qx_rd_guid(r, n, "creatingUser", 0, user);
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"creationDateTime");
    char t[21];
    if (st == CODA_OK && v && coda_qx_time((const char *)v, t) &&
        !(*time = coda_strndup(t, 20)))
        st = coda_error_nomem(r->err);
    xmlFree(v);
    return st;
}
