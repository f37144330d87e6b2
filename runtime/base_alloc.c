/* base_alloc.c - the replaceable allocator behind coda_malloc and friends. */
#include "base_alloc.h"

#include "base_blocks.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_realloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    return realloc(ptr, size);
}

static void libc_free(void *ud, void *ptr)
{
    (void)ud;
    free(ptr);
}

static coda_allocator current = { libc_realloc, libc_free, NULL };

void coda_set_allocator(const coda_allocator *a)
{
    if (a)
        current = *a;
    else
        current = (coda_allocator){ libc_realloc, libc_free, NULL };
}

/* A kept large block for size bytes (the default allocator only). */
static void *take(size_t size)
{
    size_t got;
    return current.realloc == libc_realloc ? coda_blocks_take(size, &got)
                                           : NULL;
}

void *coda_malloc(size_t size)
{
    void *p = take(size);
    return p ? p : current.realloc(current.ud, NULL, size ? size : 1);
}

void *coda_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    /* a kept block is zeroed here; otherwise the C library's calloc
     * takes large blocks as fresh zero pages from the system instead of
     * writing every byte: a summary's accumulators for a million groups,
     * a result column */
    void *p = take(n * size);
    if (!p && current.realloc == libc_realloc)
        return calloc(n ? n : 1, size ? size : 1);
    p = p ? p : coda_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* A large block cut to under half its size: the rest copied into a block
 * of its own and the large one freed (so kept, base_blocks.c), where the
 * C library would give its pages back to the system, for the next large
 * block to take fresh.  A block cut by less stays as it is.  NULL when no
 * memory for the copy (ptr unchanged). */
static void *shrink(void *ptr, size_t had, size_t size)
{
    if (size >= had / 2)
        return ptr;
    void *p = coda_malloc(size);
    if (p) {
        memcpy(p, ptr, size);
        coda_free(ptr);
    }
    return p;
}

void *coda_realloc(void *ptr, size_t size)
{
    if (!ptr) {
        void *p = take(size);
        if (p)
            return p;
    } else if (current.realloc == libc_realloc) {
        size_t had = malloc_usable_size(ptr);
        if (size > had)
            coda_blocks_grown(size - had);
        else if (had >= CODA_BLOCK_MIN && coda_blocks_keeping())
            return shrink(ptr, had, size ? size : 1);
    }
    return current.realloc(current.ud, ptr, size ? size : 1);
}

void *coda_reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return coda_realloc(ptr, n * size);
}

void coda_free(void *ptr)
{
    if (!ptr)
        return;
    if (current.free == libc_free &&
        coda_blocks_keep(ptr, malloc_usable_size(ptr)))
        return;
    current.free(current.ud, ptr);
}

char *coda_strndup(const char *s, size_t n)
{
    char *p = coda_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}
