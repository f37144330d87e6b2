/* qdpx.h - REFI-QDA project exchange (.qdpx): a coding project written to
 * and read from the zip other QDA tools exchange (project.qde, namespace
 * urn:QDA-XML:project:1.0, with one sources/<guid>.txt per document).
 *
 * Export writes Users (every coder, "auto" among them), the CodeBook (the
 * hierarchy, colours, descriptions), Variables and Cases (document
 * attributes), Sources (a TextSource per document, a PlainTextSelection
 * with its Coding per segment; positions in code points, 0-based, end
 * exclusive) and Notes (memos, referenced with NoteRef from what they are
 * about).  GUIDs are version 5 UUIDs of stable keys, so exporting one
 * project twice gives the same bytes.
 *
 * Import adds the sources as documents (one whose text a document already
 * has keeps that document's name), merges codes by name, adds every coded
 * selection as a manual segment of its user (or of opts->coder) and the
 * notes as memos (those of the user "auto" are left out: the auto-coder's
 * segments come from coding runs), all in one transaction: a failure
 * leaves the project as it was.  The archive is read into memory, never
 * extracted; its XML is parsed without network, DTD or entity expansion. */
#ifndef CODA_QDPX_H
#define CODA_QDPX_H

#include "base_error.h"
#include "project.h"

#include <stddef.h>
#include <stdint.h>

/* The default limit on the bytes an import inflates (1 GiB). */
#define CODA_QDPX_MAX_BYTES ((uint64_t)1 << 30)

typedef struct coda_qdpx_opts {
    int all;                /* export: every segment not gone (default:
                               accepted ones, manual ones included) */
    const char *coder;      /* import: every selection and note is this
                               coder's; NULL: the name of its User */
    uint64_t max_bytes;     /* import: the most the entries read may
                               inflate to, in all; 0: CODA_QDPX_MAX_BYTES */
} coda_qdpx_opts;

CODA_API
void coda_qdpx_opts_init(coda_qdpx_opts *o);

/* What an import did. */
typedef struct coda_qdpx_result {
    size_t sources;         /* TextSources read */
    size_t documents;       /* of those, new documents */
    size_t codes;           /* codes added (the others merged by name) */
    size_t segments;        /* codings added: manual segments, and the
                               auto-coder's as auto segments */
    size_t memos;           /* notes added as memos */
    size_t skipped;         /* notes of the auto-coder, left out (it
                               writes none) */
} coda_qdpx_result;

/* Write p to path as a .qdpx, atomically (a temporary file renamed over
 * path).  o may be NULL.  Errors: the store's, CODA_EARG (path is an
 * input of this run; a name or memo holding a character XML cannot hold,
 * naming it), CODA_EIO (naming path), CODA_ENOMEM. */
CODA_API
coda_status coda_qdpx_export(coda_project *p, const char *path,
                             const coda_qdpx_opts *o, coda_error *err);

/* Read the .qdpx at path into p; res (may be NULL) says what was done.
 * o may be NULL.  Errors, each naming the file and, for the project.qde,
 * the element and its guid or name: CODA_EIO (cannot open), CODA_EPARSE
 * (not a zip, no project.qde, not well-formed XML, a DOCTYPE, the wrong
 * namespace, an unsafe entry name, a bad GUID or position, an unknown
 * code or user reference, a missing source file, a selection outside its
 * source), CODA_EUTF8, CODA_ELIMIT (over max_bytes, declared or
 * inflated), the store's (CODA_EARG ...), CODA_ENOMEM.  On failure p is
 * as it was. */
CODA_API
coda_status coda_qdpx_import(coda_project *p, const char *path,
                             const coda_qdpx_opts *o, coda_qdpx_result *res,
                             coda_error *err);

#endif
