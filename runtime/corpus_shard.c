/* corpus_shard.c - which documents a shard K of N reads: those whose id's
 * FNV-1a 64-bit hash is K modulo N, so that N shards share out a corpus
 * without overlap or gap on any machine and in any version. */
#include "corpus_int.h"

#include "base_alloc.h"

#include <string.h>

uint64_t coda_shard_hash(const char *id)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* A whole number of decimal digits only, below CODA_SHARD_MAX. */
static int shard_number(const char *s, size_t len, unsigned *v)
{
    if (len == 0 || len > 9)
        return 0;
    unsigned n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        n = n * 10 + (unsigned)(s[i] - '0');
    }
    *v = n;
    return n <= CODA_SHARD_MAX;
}

int coda_shard_parse(const char *s, unsigned *k, unsigned *n)
{
    const char *slash = strchr(s, '/');
    unsigned a, b;
    if (!slash || !shard_number(s, (size_t)(slash - s), &a) ||
        !shard_number(slash + 1, strlen(slash + 1), &b) || b == 0 || a >= b)
        return 0;
    *k = a;
    *n = b;
    return 1;
}

int coda_shard_has(unsigned k, unsigned n, const char *id)
{
    return n == 0 || coda_shard_hash(id) % n == k;
}

size_t coda_corpus_shard_keep(coda_cdoc *docs, size_t n,
                              const coda_corpus_opts *o)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (coda_shard_has(o->shard_k, o->shard_n, docs[i].id)) {
            docs[kept++] = docs[i];
            continue;
        }
        coda_free(docs[i].id);
        coda_free(docs[i].text);
    }
    return kept;
}
