/* docin_ids.c - the set of document ids a stream of documents has seen
 * (open addressing, FNV-1a), so that an id given twice is found without
 * keeping the texts. */
#include "docin_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

struct docin_id {
    char *id;                   /* NULL: an empty slot */
    size_t len;
    long line;
};

static size_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot of id, or the empty slot where it would go. */
static struct docin_id *slot(const coda_docin_ids *s, const char *id,
                             size_t len)
{
    size_t i = hash(id, len) & (s->cap - 1);
    while (s->slots[i].id && (s->slots[i].len != len ||
                              memcmp(s->slots[i].id, id, len)))
        i = (i + 1) & (s->cap - 1);
    return &s->slots[i];
}

static coda_status grow(coda_docin_ids *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    coda_docin_ids g = { coda_calloc(cap, sizeof *g.slots), s->n, cap };
    if (!g.slots)
        return CODA_ENOMEM;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].id)
            *slot(&g, s->slots[i].id, s->slots[i].len) = s->slots[i];
    coda_free(s->slots);
    *s = g;
    return CODA_OK;
}

coda_status coda_docin_ids_add(coda_docin_ids *s, const char *id, size_t len,
                               long line, long *before)
{
    if (2 * (s->n + 1) > s->cap && grow(s) != CODA_OK)
        return CODA_ENOMEM;
    struct docin_id *d = slot(s, id, len);
    if (d->id) {
        *before = d->line;
        return CODA_EARG;
    }
    if (!(d->id = coda_strndup(id, len)))
        return CODA_ENOMEM;
    d->len = len;
    d->line = line;
    s->n++;
    return CODA_OK;
}

void coda_docin_ids_free(coda_docin_ids *s)
{
    for (size_t i = 0; i < s->cap; i++)
        coda_free(s->slots[i].id);
    coda_free(s->slots);
    memset(s, 0, sizeof *s);
}
