/* qdpx_xml_int.h - what the parts of the project.qde reader share
 * (qdpx_xml_read.c, qdpx_xml_meta.c, qdpx_xml_node.c): the reader's state
 * and its helpers over libxml2's tree. */
#ifndef CODA_QDPX_XML_INT_H
#define CODA_QDPX_XML_INT_H

#include "qdpx_int.h"

#include <libxml/tree.h>

/* NoteRef targets wait in a list of GUIDs until the Notes are read; a
 * ref's note is first an index into it. */
typedef struct coda_qx_pending {
    char **guids;
    size_t n, cap;
} coda_qx_pending;

typedef struct coda_qx_rd {
    coda_qx_model *m;
    const char *file;
    coda_error *err;
    int ok;                     /* 0 once an allocation failed */
    coda_qx_pending pend;
} coda_qx_rd;

/* The node helpers (qdpx_xml_node.c).  1 when n is element name of the
 * REFI namespace (any spelling of urn:QDA-XML, or none). */
int coda_qx_rd_is(const xmlNode *n, const char *name);

/* CODA_EPARSE naming the file, n's line and what fmt says. */
coda_status coda_qx_rd_fail(coda_qx_rd *r, const xmlNode *n, const char *fmt,
                            ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A copy of attribute name of n (NULL when absent; r->ok = 0 when out of
 * memory). */
char *coda_qx_rd_prop(coda_qx_rd *r, const xmlNode *n, const char *name);

/* The text of n's child element name (a copy), or NULL. */
char *coda_qx_rd_text(coda_qx_rd *r, const xmlNode *n, const char *name);

/* Attribute name of n as a normalised GUID into *out (a copy); a missing
 * one is an error when required, a malformed one always. */
coda_status coda_qx_rd_guid(coda_qx_rd *r, const xmlNode *n, const char *name,
                            int required, char **out);

/* creatingUser and creationDateTime of n into *user, *time. */
coda_status coda_qx_rd_who(coda_qx_rd *r, const xmlNode *n, char **user,
                           char **time);

/* The NoteRefs among n's children, hung on (on, target)
 * (qdpx_xml_read.c). */
coda_status coda_qx_rd_refs(coda_qx_rd *r, const xmlNode *n, int on,
                            size_t target);

/* The Variables element n (qdpx_xml_meta.c). */
coda_status coda_qx_rd_variables(coda_qx_rd *r, const xmlNode *n);

/* The Notes element n. */
coda_status coda_qx_rd_notes(coda_qx_rd *r, const xmlNode *n);

/* The values of the Cases element (may be NULL) and those given on the
 * TextSources of srcs (may be NULL), once both are read. */
coda_status coda_qx_rd_attributes(coda_qx_rd *r, const xmlNode *cases,
                                  const xmlNode *srcs);

/* Each NoteRef's GUID to its Note's index, once the Notes are read. */
coda_status coda_qx_rd_resolve(coda_qx_rd *r, const xmlNode *root);

#endif
