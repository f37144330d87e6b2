/* base_pool.h - a reference-counted arena holding the strings of one or
 * more tables.
 *
 * Strings are copied into large chunks, NUL-terminated, and freed all at once
 * when the last reference goes.  A table derived from another (a filter, a
 * head) takes a reference to its parent's pools instead of copying strings.
 * A pool is used by one thread at a time. */
#ifndef CODA_POOL_H
#define CODA_POOL_H

#include "base_api.h"

#include <stddef.h>

typedef struct coda_pool coda_pool;

/* A new pool with one reference; NULL when out of memory. */
CODA_API
coda_pool *coda_pool_new(void);

/* Take and drop a reference; the last unref frees every string.  NULL is
 * allowed for unref. */
CODA_API
void coda_pool_ref(coda_pool *p);
CODA_API
void coda_pool_unref(coda_pool *p);

/* Copy s[0..len) into the pool, NUL-terminated; returns the copy, owned by
 * the pool, or NULL when out of memory.  len 0 returns a static "". */
CODA_API
const char *coda_pool_add(coda_pool *p, const char *s, size_t len);

/* Bytes held (for memory accounting and tests). */
CODA_API
size_t coda_pool_bytes(const coda_pool *p);

#endif
