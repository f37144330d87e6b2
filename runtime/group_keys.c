/* group_keys.c - the key columns of each group, for a result a group a
 * row.  Groups sorted by several keys keep each group's ranks packed in
 * one number (group_keys): a group's value of a key column is then that
 * column's value at the first row of the group's rank, one of a few rows
 * (as many as the column has distinct values), which stay in the cache,
 * instead of at the group's own first row, one a group at random among
 * all the rows. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

enum { KEY_CHUNK = 2048 }; /* groups whose rows are worked out at a time */

void group_keys_free(group_keys *k)
{
    if (!k)
        return;
    for (size_t j = 0; j < k->nk; j++)
        if (!k->col[j].kept)
            coda_free(k->col[j].first);
    coda_free(k->key);
    coda_free(k);
}

typedef struct keyjob {
    const group_keys *keys;
    const coda_table *t;
    const size_t *cols;
    coda_table *dst;
    size_t c;
} keyjob;

/* Groups [g0, g1) a chunk at a time: each column's rows, then its values
 * (ctx: a keyjob), on a thread. */
static void key_groups(void *ctx, size_t g0, size_t g1)
{
    const keyjob *j = ctx;
    const group_keys *k = j->keys;
    size_t rows[KEY_CHUNK];
    for (; g0 < g1; g0 += KEY_CHUNK) {
        size_t n = g1 - g0 < KEY_CHUNK ? g1 - g0 : KEY_CHUNK;
        for (size_t col = 0; col < k->nk; col++) {
            const group_keycol *kc = &k->col[col];
            for (size_t i = 0; i < n; i++)
                rows[i] = kc->first[(k->key[g0 + i] >> kc->shift) & kc->mask];
            coda_table_gather_into(j->dst, j->c + col, j->t, j->cols[col], g0,
                                   rows, n);
        }
    }
}

static int by_ranks(const coda_groups *g, const coda_table *t,
                    const size_t *cols, size_t k)
{
    if (!g->keys || g->keys->nk != k)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (t->cols[cols[j]].type == CODA_MULTI)
            return 0;
    return 1;
}

coda_status coda_group_key_columns(const coda_groups *g, const coda_table *t,
                                   const size_t *cols, size_t k,
                                   coda_table *dst, size_t c)
{
    if (!by_ranks(g, t, cols, k))
        return coda_table_gather_columns(dst, c, t, cols, k, g->first,
                                         g->ngroups);
    coda_status st = CODA_OK;
    for (size_t j = 0; j < k && st == CODA_OK; j++)
        st = coda_table_gather_prepare(dst, c + j, t, cols[j], g->ngroups);
    if (st != CODA_OK)
        return st;
    keyjob j = { g->keys, t, cols, dst, c };
    coda_par_ranges(key_groups, &j, g->ngroups);
    return CODA_OK;
}
