/* base_error.h - status codes and the caller-owned error record of the
 * coda core.
 *
 * Every fallible core function returns a coda_status and, on failure, fills
 * the coda_error the caller passed (which may be NULL when the caller does
 * not want details).  The core never prints and never exits. */
#ifndef CODA_ERROR_H
#define CODA_ERROR_H

#include "base_api.h"

#include <stddef.h>

typedef enum {
    CODA_OK = 0,
    CODA_ENOMEM,   /* an allocation failed */
    CODA_EIO,      /* a file could not be opened, read or written */
    CODA_EPARSE,   /* input is not well formed (CSV, XML, ...) */
    CODA_EUTF8,    /* bytes that are not UTF-8 */
    CODA_ETYPE,    /* a value does not fit the column type asked for */
    CODA_EARG,     /* the caller passed something invalid (unknown column...) */
    CODA_ELIMIT,   /* a size or resource limit was reached */
    CODA_EREGEX    /* a pattern did not compile or a match limit was hit */
} coda_status;

typedef struct coda_error {
    coda_status code;
    char msg[2048];     /* what was wrong, without the location; a longer
                           message ends in "..." */
    char file[1024];    /* input file, or "" */
    long line;          /* 1-based physical line, or 0 */
    long column;        /* 1-based field number or byte column, or 0 */
    long offset;        /* byte offset (pattern or text), or -1 */
} coda_error;

/* Reset err to CODA_OK with no location; NULL is allowed. */
CODA_API
void coda_error_clear(coda_error *err);

/* Record an error in err (if non-NULL) and return code.  file may be NULL;
 * line/column 0 mean unknown.  msg is printf-formatted and truncated. */
CODA_API
coda_status coda_error_set(coda_error *err, coda_status code, const char *file,
                           long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* How many bytes of s to echo in a message that should stay readable: all
 * of it up to max bytes, else a prefix ending on a character boundary (the
 * caller adds "..." when it is less than strlen(s)). */
CODA_API
int coda_clip(const char *s, int max);

/* Record CODA_ENOMEM with a fixed message. */
CODA_API
coda_status coda_error_nomem(coda_error *err);

/* Format "file:line: msg" (or the parts known) into buf; returns buf. */
CODA_API
const char *coda_error_format(const coda_error *err, char *buf, size_t size);

/* A list of warnings: things that are not errors but that a user must see
 * (a document without speaker labels, a filter that names no speaker...).
 * Zero-initialise; the list owns its messages (coda_warnings_free). */
typedef struct coda_warnings {
    char **msg;
    size_t n, cap;
} coda_warnings;

/* Append a printf-formatted warning to w; a NULL w is allowed (the warning
 * is dropped).  CODA_ENOMEM when the list cannot grow.  At most
 * CODA_WARNINGS_MAX are kept; past that, the last one says how many more
 * there were. */
#define CODA_WARNINGS_MAX 1000
CODA_API
coda_status coda_warn(coda_warnings *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Free w's messages and reset it to empty; NULL is allowed. */
CODA_API
void coda_warnings_free(coda_warnings *w);

/* A short name of a status code, e.g. "out of memory". */
CODA_API
const char *coda_strerror(coda_status code);

#endif
