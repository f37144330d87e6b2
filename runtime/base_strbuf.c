/* base_strbuf.c - appending to a growable string. */
#include "base_strbuf.h"

#include "base_alloc.h"

#include <string.h>

void coda_strbuf_add(coda_strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = coda_realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void coda_strbuf_puts(coda_strbuf *b, const char *s)
{
    coda_strbuf_add(b, s, strlen(s));
}
