/* qdpx_import_int.h - what the two halves of a .qdpx import share: the
 * import's state, checked by qdpx_import.c, stored by
 * qdpx_import_store.c. */
#ifndef CODA_QDPX_IMPORT_INT_H
#define CODA_QDPX_IMPORT_INT_H

#include "qdpx.h"
#include "qdpx_int.h"

typedef struct coda_qx_im {
    coda_project *p;
    const char *file;
    const coda_qdpx_opts *o;
    coda_error *err;
    coda_zip *z;
    coda_qx_model m;
    int64_t **cuts;             /* by source: what normalising dropped */
    size_t *ncuts;
    char **docs;                /* by source: its document's name */
    int64_t *segid;             /* by selection: its first segment, or 0 */
    coda_qx_gix *uix, *cix;     /* users, codes by GUID */
    coda_qdpx_result res;
} coda_qx_im;

/* CODA_EPARSE naming the archive, the line of project.qde and what fmt
 * says (qdpx_import_refs.c, as are the next two). */
coda_status coda_qx_im_bad(coda_qx_im *x, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The zip entry plainTextPath path names into out (size bytes): an error
 * naming what (the element) when it is outside the archive or not in it. */
coda_status coda_qx_im_entry(coda_qx_im *x, const char *path, const char *what,
                             long line, char *out, size_t size);

/* The coder of what user (a GUID, may be NULL) made: opts->coder, else
 * the User's name; an error naming the element (what, guid) when there
 * is none. */
coda_status coda_qx_im_coder(coda_qx_im *x, const char *user, const char *what,
                             const char *guid, long line, const char **out);

/* Add the checked model to the store in one transaction
 * (qdpx_import_store.c); on failure the project is as it was. */
coda_status coda_qx_im_store(coda_qx_im *x);


#endif
