/* group_int.h - what the group family's files share (not public): the
 * hashes of values, and grouping the rows of one string column. */
#ifndef CODA_GROUP_INT_H
#define CODA_GROUP_INT_H

#include "group.h"

#include <stdint.h>
#include <string.h>

/* An integer column whose values span no more than this many (or than
 * its rows) is ranked by a table indexed by value; keys of several
 * columns are numbered by a table up to twice the rows and this many. */
enum { GROUP_SPAN_MIN = 1 << 16 };

/* The ranks of one key column: code[r] is the rank of row r's value
 * among the n distinct values (missing last). */
typedef struct group_ranks {
    uint32_t *code;
    size_t n;
    size_t *first;      /* the first row of each rank, when known */
    unsigned bits;      /* the bits a rank takes */
    int kept;           /* code and first are the table's (table_kept.c):
                           read, never freed or taken */
} group_ranks;

/* Row r's ranks as one number, the first key most significant. */
static inline uint64_t group_row_key(const group_ranks *k, size_t nk,
                                     size_t r)
{
    uint64_t key = 0;
    for (size_t j = 0; j < nk; j++)
        key = key * k[j].n + k[j].code[r];
    return key;
}

/* Row r's ranks packed into bits, the first key in the highest (the
 * ranks' bits together no more than 64). */
static inline uint64_t group_row_bits(const group_ranks *k, size_t nk,
                                      size_t r)
{
    uint64_t key = 0;
    for (size_t j = 0; j < nk; j++)
        key = key << k[j].bits | k[j].code[r];
    return key;
}

/* coda_groups' keys: each group's key as group_row_bits packs it, and
 * for each key column where its rank sits in that number and the first
 * row of each rank.  A group's key values are then read from the rows of
 * its ranks, a few of each column, where its first rows are one a group
 * at random among all the rows. */
typedef struct group_keycol {
    unsigned shift;
    uint64_t mask;
    size_t *first;
    int kept;               /* first is the table's (table_kept.c) */
} group_keycol;

typedef struct group_keys {
    size_t nk;
    uint64_t *key;          /* ngroups entries */
    group_keycol col[];     /* nk entries */
} group_keys;

CODA_INTERNAL
void group_keys_free(group_keys *k);

static inline uint64_t group_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
}

/* Eight bytes at a time, the last up to eight as two overlapping four-byte
 * reads: keys are short, and a byte at a time cost as much as the rest of
 * grouping. */
static inline uint64_t group_hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull ^ len, w = 0;
    const char *end = s + len;
    for (; len > 8; s += 8, len -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint32_t a, b;
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, end - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (len > 0) {
        w = (uint64_t)(unsigned char)s[0] << 16 |
            (uint64_t)(unsigned char)s[len / 2] << 8 |
            (unsigned char)s[len - 1];
    }
    return group_mix(h ^ w);
}

/* coda_group_rows for the one string column col of nrow rows (g->gid
 * allocated for them, nothing else set): the rows are split among
 * threads, each groups its own, and the groups are then joined in order
 * of first appearance.  CODA_ENOMEM, CODA_ELIMIT. */
CODA_INTERNAL
coda_status group_string_rows(const coda_column *col, size_t nrow,
                              coda_groups *g);

/* The ranks of integer column col over nrow rows, on nt threads: code[r]
 * the rank of row r's value among the n distinct ones (missing values
 * last, a rank of their own), first[k] the first row of rank k.
 * CODA_EARG when the values span more than max(nrow, 65536) (nothing
 * made); CODA_ENOMEM. */
CODA_INTERNAL
coda_status group_rank_ints(const coda_column *col, size_t nrow, size_t nt,
                            uint32_t **code, size_t **first, size_t *n);

/* The ids (in key order) and first rows of rows [0, nrow) whose packed
 * ranks of k[0..nk) are below span (at most 2^32 - 1), by a table of
 * span entries, on threads; g->gid and g->first have room for nrow.
 * CODA_ENOMEM. */
CODA_INTERNAL
coda_status group_ids_by_table(const group_ranks *k, size_t nk, size_t nrow,
                               uint64_t span, coda_groups *g);

/* Sort key[0..n) and row[0..n) together by key, stably, every key below
 * 2^bits (bits <= 64).  CODA_ENOMEM (key and row as they were). */
CODA_INTERNAL
coda_status group_radix_sort(uint64_t *key, uint32_t *row, size_t n,
                             unsigned bits);

#endif
