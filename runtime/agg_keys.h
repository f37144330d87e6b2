/* agg_keys.h - the distinct values of one column as dense ids, shared by
 * the aggregation verbs (internal). */
#ifndef CODA_AGG_KEYS_H
#define CODA_AGG_KEYS_H

#include "filter.h"
#include "group.h"

typedef struct keyset {
    const coda_column *col;
    size_t n;           /* ids 0 .. n-1 */
    coda_groups g;      /* single-valued columns: the group of each row */
    uint32_t miss;      /* the group of the missing value, or UINT32_MAX */
} keyset;

/* The values of column c of t as ids: labels for a multi column, groups
 * of equal values otherwise.  keyset_free in every case. */
coda_status keyset_init(keyset *k, const coda_table *t, size_t c);
void keyset_free(keyset *k);

/* The ids row r holds (none when missing); tmp holds one id for a
 * single-valued column.  Inline: it runs once a row in every verb. */
static inline size_t keyset_row(const keyset *k, size_t r,
                                const uint32_t **ids, uint32_t *tmp)
{
    const coda_column *col = k->col;
    if (coda_is_missing(col, r))
        return 0;
    if (col->type == CODA_MULTI) {
        *ids = col->v.m.ids + col->v.m.off[r];
        return col->v.m.off[r + 1] - col->v.m.off[r];
    }
    *tmp = k->g.gid[r];
    *ids = tmp;
    return 1;
}

/* Compare the values of ids a and b (<0, 0, >0). */
int keyset_cmp(const keyset *k, uint32_t a, uint32_t b);

/* Sort ids[0..n) by value. */
void keyset_sort(const keyset *k, uint32_t *ids, size_t n);

/* The id whose value equals v, or UINT32_MAX. */
uint32_t keyset_find(const keyset *k, const coda_value *v);

/* The type of a column of values of k: the column's, string for multi. */
coda_type keyset_type(const keyset *k);

/* Set row r of column c of out (of keyset_type) to the value of id. */
coda_status keyset_put(const keyset *k, uint32_t id, coda_table *out,
                       size_t c, size_t r);

/* Set row r of column c of out to v converted to the column's type. */
coda_status value_put(const coda_value *v, coda_table *out, size_t c, size_t r);

#endif
