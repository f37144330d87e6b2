/* fmt_xml.c - one bounded streaming walk over an XML part (fmt_xml.h). */
#include "fmt_xml.h"

#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>

typedef struct xerr {
    long line;
    int deep;
    char msg[300];
} xerr;

/* libxml2's first error, kept (it prints none). */
static void on_error(void *ud, xmlErrorPtr e)
{
    xerr *x = ud;
    if (x->msg[0] || e->level < XML_ERR_ERROR)
        return;
    snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "?");
    x->msg[strcspn(x->msg, "\n")] = '\0';
    x->line = e->line;
    x->deep = e->code == XML_ERR_INTERNAL_ERROR && strstr(x->msg, "depth");
}

static coda_status doctype(const char *path, const char *entry,
                           coda_error *err)
{
    return coda_error_set(err, CODA_EPARSE, path, 0, 0, "%s has a DOCTYPE, "
                          "which Excel never writes; coda reads no DTD or "
                          "entities", entry);
}

static coda_status walk(xmlTextReaderPtr r, const char *path,
                        const char *entry, fmt_xml_fn fn, void *ud,
                        const xerr *x, coda_error *err)
{
    int k;
    while ((k = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return doctype(path, entry, err);
        coda_status st = fn(ud, r, type, err);
        if (st != CODA_OK)
            return st;
    }
    if (k < 0 && x->deep)
        return coda_error_set(err, CODA_EPARSE, path, 0, 0, "%s nests "
                              "elements deeper than %u levels (line %ld), "
                              "the most coda reads", entry,
                              xmlParserMaxDepth, x->line);
    if (k < 0)
        return coda_error_set(err, CODA_EPARSE, path, 0, 0, "%s is not XML "
                              "coda can read (line %ld): %s", entry, x->line,
                              x->msg[0] ? x->msg : "unreadable");
    return CODA_OK;
}

coda_status fmt_xml_walk(const char *path, const char *entry,
                         const char *xml, size_t n, fmt_xml_fn fn, void *ud,
                         coda_error *err)
{
    xerr x = { 0 };
    /* refused before libxml2 reads its entities ("<" in text is escaped) */
    if (memmem(xml, n, "<!DOCTYPE", 9))
        return doctype(path, entry, err);
    if (n > INT32_MAX)
        return coda_error_set(err, CODA_ELIMIT, path, 0, 0, "%s is larger "
                              "than 2 GB", entry);
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)n, entry, NULL,
                                            XML_PARSE_NONET |
                                            XML_PARSE_NOERROR |
                                            XML_PARSE_NOWARNING);
    if (!r)
        return coda_error_nomem(err);
    xmlTextReaderSetStructuredErrorHandler(r, on_error, &x);
    coda_status st = walk(r, path, entry, fn, ud, &x, err);
    xmlFreeTextReader(r);
    return st;
}

int fmt_xml_is(xmlTextReaderPtr r, const char *name)
{
    const char *local = (const char *)xmlTextReaderConstLocalName(r);
    return local && !strcmp(local, name);
}

char *fmt_xml_attr(xmlTextReaderPtr r, const char *name)
{
    char *v = NULL;
    for (int k = xmlTextReaderMoveToFirstAttribute(r); k == 1 && !v;
         k = xmlTextReaderMoveToNextAttribute(r))
        if (fmt_xml_is(r, name))
            v = (char *)xmlTextReaderValue(r);
    xmlTextReaderMoveToElement(r);
    return v;
}
