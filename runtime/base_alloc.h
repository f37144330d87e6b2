/* base_alloc.h - the allocator every core module allocates through.
 *
 * The default is the C library's.  Tests install a failing allocator to
 * drive out-of-memory paths; an embedder may install its own.  All functions
 * are thread-safe as long as the installed allocator is. */
#ifndef CODA_ALLOC_H
#define CODA_ALLOC_H

#include "base_api.h"

#include <stddef.h>

typedef struct coda_allocator {
    void *(*realloc)(void *ud, void *ptr, size_t size); /* size > 0 */
    void (*free)(void *ud, void *ptr);
    void *ud;
} coda_allocator;

/* Install a (NULL restores the default).  Not to be called while another
 * thread allocates through coda. */
CODA_API
void coda_set_allocator(const coda_allocator *a);

CODA_API
void *coda_malloc(size_t size);               /* NULL on failure */
CODA_API
void *coda_calloc(size_t n, size_t size);     /* zeroed; NULL on failure or overflow */
CODA_API
void *coda_realloc(void *ptr, size_t size);   /* NULL on failure, ptr untouched */
CODA_API
void coda_free(void *ptr);                    /* NULL allowed */
CODA_API
char *coda_strndup(const char *s, size_t n);  /* NUL-terminated copy */

/* realloc for n elements of size each, failing on overflow. */
CODA_API
void *coda_reallocarray(void *ptr, size_t n, size_t size);

#endif
