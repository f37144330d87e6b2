/* base_strbuf.h - a growable NUL-terminated string for building patterns and
 * text.  An allocation failure sets failed and makes later additions do
 * nothing, so a builder checks once at the end.  The caller frees p with
 * coda_free. */
#ifndef CODA_STRBUF_H
#define CODA_STRBUF_H

#include "base_api.h"

#include <stddef.h>

typedef struct coda_strbuf {
    char *p;        /* the text so far, NUL-terminated (NULL when empty) */
    size_t n, cap;
    int failed;     /* an allocation failed */
} coda_strbuf;

/* Append s[0..n). */
CODA_API
void coda_strbuf_add(coda_strbuf *b, const char *s, size_t n);

/* Append the NUL-terminated s. */
CODA_API
void coda_strbuf_puts(coda_strbuf *b, const char *s);

#endif
