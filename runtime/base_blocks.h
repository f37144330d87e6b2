/* base_blocks.h - large freed blocks kept for reuse (base_blocks.c): the
 * default allocator's way around the page faults of fresh memory. */
#ifndef CODA_BASE_BLOCKS_H
#define CODA_BASE_BLOCKS_H

#include "base_api.h"

#include <stddef.h>

/* Blocks of this many bytes or more are kept when freed. */
enum { CODA_BLOCK_MIN = 4 << 20 };

/* A kept block of at least size bytes (the best fitting; its size in
 * *got), no longer kept; NULL when there is none. */
CODA_INTERNAL
void *coda_blocks_take(size_t size, size_t *got);

/* Keep block p (from malloc, size usable bytes) instead of freeing it,
 * making room by freeing smaller kept blocks; 0 when it is not kept (too
 * small, or over the bound): the caller frees it. */
CODA_INTERNAL
int coda_blocks_keep(void *p, size_t size);

/* A block grown by bytes in place of a fresh one: kept blocks of that
 * size are freed, as for a fresh block that none fits. */
CODA_INTERNAL
void coda_blocks_grown(size_t bytes);

/* 1 when blocks are kept at all (the bound is not 0). */
CODA_INTERNAL
int coda_blocks_keeping(void);

/* Keep at most cap bytes from now on (CODA_BLOCK_CACHE_MB's, in bytes),
 * freeing kept blocks over it; returns the bound it replaces. */
CODA_INTERNAL
size_t coda_blocks_set_cap(size_t cap);

/* Free every kept block. */
CODA_API
void coda_blocks_release(void);

/* The bytes kept. */
CODA_API
size_t coda_blocks_held(void);

#endif
