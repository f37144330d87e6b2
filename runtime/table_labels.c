/* table_labels.c - interning of multi-column labels with an
 * open-addressing hash. */
#include "table_labels.h"

#include "base_alloc.h"
#include "base_pool.h"

#include <string.h>

static uint32_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

coda_labels *coda_labels_new(void)
{
    coda_labels *l = coda_calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->refs = 1;
    l->pool = coda_pool_new();
    if (!l->pool) {
        coda_free(l);
        return NULL;
    }
    return l;
}

void coda_labels_ref(coda_labels *l)
{
    l->refs++;
}

void coda_labels_unref(coda_labels *l)
{
    if (!l || --l->refs > 0)
        return;
    coda_pool_unref(l->pool);
    coda_free(l->s);
    coda_free(l->len);
    coda_free(l->slots);
    coda_free(l);
}

static uint32_t *slot_for(const coda_labels *l, const char *s, size_t len)
{
    uint32_t mask = l->nslots - 1;
    for (uint32_t i = hash(s, len) & mask;; i = (i + 1) & mask) {
        uint32_t id = l->slots[i];
        if (id == 0)
            return &l->slots[i];
        id--;
        if (l->len[id] == len && memcmp(l->s[id], s, len) == 0)
            return &l->slots[i];
    }
}

uint32_t coda_labels_find(const coda_labels *l, const char *s, size_t len)
{
    if (l->nslots == 0)
        return CODA_NO_LABEL;
    uint32_t slot = *slot_for(l, s, len);
    return slot ? slot - 1 : CODA_NO_LABEL;
}

/* Double the hash table (kept at most half full) and re-insert every id. */
static int rehash(coda_labels *l)
{
    uint32_t n = l->nslots ? l->nslots * 2 : 16;
    uint32_t *slots = coda_calloc(n, sizeof *slots);
    if (!slots)
        return 0;
    coda_free(l->slots);
    l->slots = slots;
    l->nslots = n;
    for (uint32_t id = 0; id < l->n; id++)
        *slot_for(l, l->s[id], l->len[id]) = id + 1;
    return 1;
}

static int reserve(coda_labels *l)
{
    if (l->n < l->cap)
        return 1;
    uint32_t cap = l->cap ? l->cap * 2 : 8;
    const char **s = coda_reallocarray(l->s, cap, sizeof *s);
    if (!s)
        return 0;
    l->s = s;
    uint32_t *len = coda_reallocarray(l->len, cap, sizeof *len);
    if (!len)
        return 0;
    l->len = len;
    l->cap = cap;
    return 1;
}

coda_status coda_labels_intern(coda_labels *l, const char *s, size_t len,
                               uint32_t *id)
{
    if ((l->n + 1) * 2 > l->nslots && !rehash(l))
        return CODA_ENOMEM;
    uint32_t *slot = slot_for(l, s, len);
    if (*slot) {
        *id = *slot - 1;
        return CODA_OK;
    }
    if (l->n >= UINT32_MAX - 2 || len > UINT32_MAX)
        return CODA_ELIMIT;
    if (!reserve(l))
        return CODA_ENOMEM;
    const char *copy = coda_pool_add(l->pool, s, len);
    if (!copy)
        return CODA_ENOMEM;
    l->s[l->n] = copy;
    l->len[l->n] = (uint32_t)len;
    *id = l->n++;
    *slot = l->n;
    return CODA_OK;
}
