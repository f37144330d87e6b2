/* fmt_xml.h - walking one XML part of a workbook with libxml2's streaming
 * reader under coda's bounds: no network, no DTD (a DOCTYPE is refused),
 * no entities, libxml2's own limit on nesting (internal to the fmt
 * family). */
#ifndef CODA_FMT_XML_H
#define CODA_FMT_XML_H

#include "base_error.h"

#include <libxml/xmlreader.h>
#include <stddef.h>

/* Called for every node; a status other than CODA_OK stops the walk and is
 * returned (the callback fills err). */
typedef coda_status (*fmt_xml_fn)(void *ud, xmlTextReaderPtr r, int type,
                                  coda_error *err);

/* Walk xml[0..n), the part called entry of the file at path.  CODA_EPARSE
 * naming path, entry and the line (not well-formed, a DOCTYPE, nesting
 * past libxml2's limit), CODA_ENOMEM, or the callback's status. */
CODA_INTERNAL coda_status fmt_xml_walk(const char *path, const char *entry,
                                       const char *xml, size_t n,
                                       fmt_xml_fn fn, void *ud,
                                       coda_error *err);

/* 1 when the node at r is an element (start or end, by type) with local
 * name name. */
CODA_INTERNAL int fmt_xml_is(xmlTextReaderPtr r, const char *name);

/* The attribute name (without a prefix: its local name in no namespace,
 * else in any) of the element at r, a copy to xmlFree, or NULL. */
CODA_INTERNAL char *fmt_xml_attr(xmlTextReaderPtr r, const char *name);

#endif
