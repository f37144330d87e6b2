/* base_pool.c - chunked string arena with a reference count. */
#include "base_pool.h"

#include "base_alloc.h"

#include <string.h>

enum { FIRST_CHUNK = 64 * 1024, MAX_CHUNK = 4 * 1024 * 1024 };

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk;

struct coda_pool {
    int refs;
    chunk *head;      /* the chunk being filled; older ones follow */
    size_t next_size; /* size of the next ordinary chunk */
    size_t bytes;
};

coda_pool *coda_pool_new(void)
{
    coda_pool *p = coda_calloc(1, sizeof *p);
    if (p) {
        p->refs = 1;
        p->next_size = FIRST_CHUNK;
    }
    return p;
}

void coda_pool_ref(coda_pool *p)
{
    p->refs++;
}

void coda_pool_unref(coda_pool *p)
{
    if (!p || --p->refs > 0)
        return;
    for (chunk *c = p->head, *next; c; c = next) {
        next = c->next;
        coda_free(c);
    }
    coda_free(p);
}

/* A chunk for at least need bytes.  A string larger than an ordinary chunk
 * gets a chunk of its own behind the head, so the head keeps its free room. */
static chunk *grow(coda_pool *p, size_t need)
{
    size_t size = need > p->next_size ? need : p->next_size;
    chunk *c = coda_malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->used = 0;
    c->size = size;
    p->bytes += size;
    if (need > p->next_size && p->head) {
        c->next = p->head->next;
        p->head->next = c;
        return c;
    }
    c->next = p->head;
    p->head = c;
    if (p->next_size < MAX_CHUNK)
        p->next_size *= 2;
    return c;
}

const char *coda_pool_add(coda_pool *p, const char *s, size_t len)
{
    if (len == 0)
        return "";
    if (len + 1 < len)
        return NULL;
    chunk *c = p->head;
    if (!c || c->size - c->used < len + 1) {
        c = grow(p, len + 1);
        if (!c)
            return NULL;
    }
    char *out = c->data + c->used;
    memcpy(out, s, len);
    out[len] = '\0';
    c->used += len + 1;
    return out;
}

size_t coda_pool_bytes(const coda_pool *p)
{
    return p->bytes;
}
