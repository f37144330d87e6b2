/* qdpx_int.h - the parts of .qdpx exchange below the project store, shared
 * by qdpx_*.c and their unit tests: a plain model of a REFI project, its
 * XML (qdpx_xml_write.c, qdpx_xml_read.c), the zip written (qdpx_zip.c;
 * base_zipread.h reads it) and the
 * text helpers (qdpx_text.c: code point offsets, GUIDs, times).
 *
 * Every string of a model is NUL-terminated and the model's own (freed by
 * coda_qx_model_free).  GUIDs in a model are 36 lower-case characters. */
#ifndef CODA_QDPX_INT_H
#define CODA_QDPX_INT_H

#include "base_error.h"
#include "base_zipread.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_qx_user {
    char *guid, *name;
} coda_qx_user;

typedef struct coda_qx_code {
    char *guid, *name, *desc, *color;   /* desc, color: NULL when none */
    long parent;                        /* index of the parent, or -1 */
    int codable;
} coda_qx_code;

typedef struct coda_qx_src {
    char *guid, *name;
    char *path;             /* plainTextPath, or NULL */
    char *text;             /* PlainTextContent (read) or the text; NULL */
    size_t len;
    char *user, *time;      /* creatingUser GUID, creationDateTime; NULL */
    long line;              /* where it is in project.qde (read), or 0 */
} coda_qx_src;

typedef struct coda_qx_sel {
    char *guid;
    size_t src;             /* its source */
    int64_t start, end;     /* code points, 0-based, end exclusive */
    char *user, *time;
    long line;
} coda_qx_sel;

typedef struct coda_qx_coding {
    char *guid;
    size_t sel;             /* its selection */
    char *code;             /* the CodeRef's targetGUID */
    char *user, *time;
    long line;
} coda_qx_coding;

typedef struct coda_qx_var {
    char *guid, *name;
} coda_qx_var;

/* A document attribute: variable var of source src is value. */
typedef struct coda_qx_val {
    size_t src, var;
    char *value;
} coda_qx_val;

typedef struct coda_qx_note {
    char *guid, *name, *text, *user, *time;
    char *path;             /* plainTextPath instead of text (read) */
    long line;
} coda_qx_note;

/* What a NoteRef hangs on. */
enum { CODA_QX_PROJECT, CODA_QX_SOURCE, CODA_QX_CODE, CODA_QX_SEL };

typedef struct coda_qx_ref {
    int on;                 /* CODA_QX_* */
    size_t target;          /* the index of the source, code or selection */
    size_t note;
} coda_qx_ref;

/* Arrays of a model grow through coda_qx_push. */
typedef struct coda_qx_model {
    char *name;                             /* the Project's name */
    coda_qx_user *users;    size_t nusers, cusers;
    coda_qx_code *codes;    size_t ncodes, ccodes;
    coda_qx_src *srcs;      size_t nsrcs, csrcs;
    coda_qx_sel *sels;      size_t nsels, csels;   /* by source */
    coda_qx_coding *cods;   size_t ncods, ccods;   /* by selection */
    coda_qx_var *vars;      size_t nvars, cvars;
    coda_qx_val *vals;      size_t nvals, cvals;   /* by source */
    coda_qx_note *notes;    size_t nnotes, cnotes;
    coda_qx_ref *refs;      size_t nrefs, crefs;
} coda_qx_model;

void coda_qx_model_free(coda_qx_model *m);  /* its contents; m itself not */

/* Make room for one more element of size size at the end of *arr (n used,
 * *cap allocated); returns the new zeroed element or NULL (out of memory). */
void *coda_qx_push(void *arr, size_t *n, size_t *cap, size_t size);

/* A copy of s (NULL gives NULL, *ok untouched); *ok = 0 when out of
 * memory. */
char *coda_qx_dup(const char *s, int *ok);

/* A GUID index over an array of n elements of size size whose GUID
 * (char *) is at offset off: sorted pointers to the GUIDs with their
 * element's index. */
typedef struct coda_qx_gix {
    const char *guid;
    size_t i;
} coda_qx_gix;

/* Build the index into a new array *out (the caller's to coda_free; NULL
 * when n is 0).  *dup (may be NULL) gets the index of an element whose
 * GUID another has too, or -1.  0 when out of memory. */
int coda_qx_index(const void *base, size_t n, size_t size, size_t off,
                  coda_qx_gix **out, long *dup);

/* The index of the element with GUID g (normalised), or -1. */
long coda_qx_find(const coda_qx_gix *ix, size_t n, const char *g);

/* --- XML (project.qde) ------------------------------------------------- */

/* m as project.qde: a new buffer (*len bytes, NUL-terminated), the
 * caller's to coda_free.  CODA_EARG naming the element when a string holds
 * a character XML 1.0 cannot (file is the name used), CODA_ENOMEM. */
coda_status coda_qx_xml_write(const coda_qx_model *m, const char *file,
                              char **out, size_t *len, coda_error *err);

/* Parse project.qde from buf[0..len) into m (zeroed first).  file names
 * the archive in errors.  CODA_EPARSE (naming the element, its line and
 * guid), CODA_ENOMEM.  On failure m holds what was read (free it). */
coda_status coda_qx_xml_read(const char *buf, size_t len, const char *file,
                             coda_qx_model *m, coda_error *err);

/* --- zip ---------------------------------------------------------------- */

/* Entries to write: names and their bytes (not copied: they must live
 * until coda_qx_zip_write returns). */
typedef struct coda_qx_entry {
    const char *name;
    const char *data;
    size_t len;
} coda_qx_entry;

/* Write the entries as a zip (deflated, fixed times: the same entries give
 * the same bytes) to path through the atomic writer.  CODA_EARG (path is
 * an input), CODA_EIO, CODA_ENOMEM. */
coda_status coda_qx_zip_write(const char *path, const coda_qx_entry *e,
                              size_t n, coda_error *err);

/* --- text --------------------------------------------------------------- */

/* The code points of the UTF-8 s[0..len) (bytes that do not continue a
 * character). */
int64_t coda_qx_chars(const char *s, size_t len);

/* The byte offset of code point pos (0-based; pos == chars: len) of the
 * UTF-8 s[0..len), or -1 when pos is negative or past the end. */
int64_t coda_qx_char_to_byte(const char *s, size_t len, int64_t pos);

/* The code point offset of byte off, or -1 when off is past the end or
 * inside a character. */
int64_t coda_qx_byte_to_char(const char *s, size_t len, size_t off);

/* A GUID as other tools write it ("{ABC...}", upper case) as 36 lower-case
 * characters in out; 0 when s is not a GUID. */
int coda_qx_guid(const char *s, char out[37]);

/* The GUID coda gives a thing: the version 5 UUID of kind ":" key
 * ("user:ana", "source:interview 1", ...) in coda's project namespace. */
void coda_qx_guid_of(const char *kind, const char *key, size_t keylen,
                     char out[37]);

/* An ISO 8601 / xsd:dateTime time (a "T" or a space, seconds' fraction,
 * "Z" or an offset, or none: UTC) as "YYYY-MM-DDTHH:MM:SSZ" in UTC; 0
 * when s is not such a time. */
int coda_qx_time(const char *s, char out[21]);

/* Make a text as the store keeps it, in place: a byte-order mark dropped
 * and CRLF made LF.  The code point offsets of what was dropped go in a
 * new array *cut (*ncut of them, ascending; the caller's to coda_free) so
 * that coda_qx_shift can move positions.  0 when out of memory. */
int coda_qx_text_norm(char *s, size_t *len, int64_t **cut, size_t *ncut);

/* Position pos of the text before coda_qx_text_norm, in the text after. */
int64_t coda_qx_shift(const int64_t *cut, size_t ncut, int64_t pos);

/* The offset of the first byte of s[0..len) that XML 1.0 cannot hold (a
 * control character other than tab, LF and CR, or a NUL), or -1. */
long coda_qx_xml_bad(const char *s, size_t len);

#endif
