/* group_sorted.c - group ids numbered in key order: each key column's
 * values become their ranks, the ranks of a row one mixed-radix number,
 * and those numbers are counted (few) or radix-sorted (many) into ids.
 * Comparing and hashing whole rows of several columns is what this
 * avoids. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <stdlib.h>
#include <string.h>

/* gid[r] = rank[gid[r]] for rows [lo, hi) (ctx: a renum), on a thread. */
typedef struct renum {
    uint32_t *gid;
    const uint32_t *rank;
} renum;

static void renumber_rows(void *ctx, size_t lo, size_t hi)
{
    const renum *j = ctx;
    for (size_t r = lo; r < hi; r++)
        j->gid[r] = j->rank[j->gid[r]];
}

/* Group by whole rows, then renumber the groups in key order. */
static coda_status group_then_sort(const coda_table *t, const size_t *cols,
                                   size_t k, coda_groups *g)
{
    coda_status st = coda_group_rows(t, cols, k, g);
    if (st != CODA_OK)
        return st;
    size_t *order = coda_malloc((g->ngroups + 1) * sizeof *order);
    size_t *first = coda_malloc((g->ngroups + 1) * sizeof *first);
    uint32_t *rank = coda_malloc((g->ngroups + 1) * sizeof *rank);
    if (order && first && rank) {
        for (size_t i = 0; i < g->ngroups; i++)
            order[i] = i;
        coda_group_sort(t, cols, k, g, order, g->ngroups);
        for (size_t i = 0; i < g->ngroups; i++) {
            rank[order[i]] = (uint32_t)i;
            first[i] = g->first[order[i]];
        }
        renum j = { g->gid, rank };
        coda_par_ranges(renumber_rows, &j, t->nrow);
        coda_free(g->first);
        g->first = first;
        first = NULL;
    } else {
        st = CODA_ENOMEM;
        coda_groups_free(g);
    }
    coda_free(order);
    coda_free(first);
    coda_free(rank);
    return st;
}

/* Any column: its groups, in key order, are the ranks. */
static coda_status rank_any(const coda_table *t, size_t c, group_ranks *k)
{
    coda_groups g;
    coda_status st = group_then_sort(t, &c, 1, &g);
    if (st != CODA_OK)
        return st;
    k->code = g.gid;
    k->n = g.ngroups;
    k->first = g.first;
    g.gid = NULL;
    g.first = NULL;
    coda_groups_free(&g);
    return CODA_OK;
}

static coda_status rank_column(const coda_table *t, size_t c, size_t nt,
                               group_ranks *k)
{
    const coda_column *col = &t->cols[c];
    k->code = NULL;
    k->n = 0;
    k->first = NULL;
    if (col->type == CODA_INTEGER) {
        coda_status st = group_rank_ints(col, t->nrow, nt, &k->code,
                                         &k->first, &k->n);
        if (st != CODA_EARG) /* EARG: too wide a span for a table */
            return st;
    }
    return rank_any(t, c, k);
}

static void kept_free(void *p)
{
    group_ranks *k = p;
    coda_free(k->code);
    coda_free(k->first);
    coda_free(k);
}

/* Column c's ranks as the table keeps them, else worked out and then
 * kept when the table keeps them (k->kept either way), else k's own. */
static coda_status ranks_of(const coda_table *t, size_t c, size_t nt,
                            group_ranks *k)
{
    const group_ranks *kept = coda_table_kept(t, c);
    if (kept) {
        *k = *kept;
        k->kept = 1;
        return CODA_OK;
    }
    coda_status st = rank_column(t, c, nt, k);
    group_ranks *copy = st == CODA_OK && k->first
                            ? coda_malloc(sizeof *copy) : NULL;
    if (copy) {
        *copy = *k;
        if (coda_table_keep(t, c, copy, kept_free))
            k->kept = 1;
        else
            coda_free(copy);
    }
    return st;
}

/* One key column's ranking, a job for a thread. */
typedef struct rank_job {
    const coda_table *t;
    size_t col, nt;     /* nt: threads for this column's rows */
    group_ranks *k;
    coda_status st;
} rank_job;

static void rank_main(void *p)
{
    rank_job *j = p;
    j->st = ranks_of(j->t, j->col, j->nt, j->k);
}

/* The ranks of every key column, the columns shared among threads. */
static coda_status rank_columns(const coda_table *t, const size_t *cols,
                                size_t k, group_ranks *rk)
{
    rank_job *jobs = coda_calloc(k, sizeof *jobs);
    if (!jobs)
        return CODA_ENOMEM;
    size_t nt = coda_par_threads(t->nrow);
    for (size_t j = 0; j < k; j++)
        jobs[j] = (rank_job){ t, cols[j], k == 1 ? nt : 1, &rk[j], CODA_OK };
    for (size_t j = 0; j < k; j += nt)
        coda_par_run(rank_main, &jobs[j], sizeof *jobs,
                     k - j < nt ? k - j : nt);
    coda_status st = CODA_OK;
    for (size_t j = 0; j < k && st == CODA_OK; j++)
        st = jobs[j].st;
    coda_free(jobs);
    return st;
}

/* Rows [lo, hi)'s keys and row numbers (ctx: a rowkeys), on a thread. */
typedef struct rowkeys {
    const group_ranks *k;
    size_t nk;
    int packed;         /* group_row_bits, else group_row_key */
    uint64_t *key;
    uint32_t *row;
} rowkeys;

static void key_rows(void *ctx, size_t lo, size_t hi)
{
    const rowkeys *j = ctx;
    for (size_t r = lo; r < hi; r++) {
        j->key[r] = j->packed ? group_row_bits(j->k, j->nk, r)
                              : group_row_key(j->k, j->nk, r);
        j->row[r] = (uint32_t)r;
    }
}

/* g->keys from the sorted packed keys: key[] kept, one a group (the
 * groups' first entries moved to its front), and the ranks' first rows
 * taken from k (or, kept by the table, read from it while g is in use).
 * CODA_ENOMEM (key freed). */
static coda_status keep_keys(group_ranks *k, size_t nk, uint64_t *key,
                             coda_groups *g)
{
    group_keys *gk = coda_malloc(sizeof *gk + nk * sizeof gk->col[0]);
    if (!gk) {
        coda_free(key);
        return CODA_ENOMEM;
    }
    for (size_t i = 0; i < g->ngroups; i++)
        key[i] = key[g->start[i]];
    uint64_t *fit = coda_reallocarray(key, g->ngroups + 1, sizeof *key);
    gk->nk = nk;
    gk->key = fit ? fit : key;
    for (size_t j = nk, shift = 0; j-- > 0; shift += k[j].bits) {
        gk->col[j] = (group_keycol){ (unsigned)shift,
                                     ((uint64_t)1 << k[j].bits) - 1,
                                     k[j].first, k[j].kept };
        if (!k[j].kept)
            k[j].first = NULL;
    }
    g->keys = gk;
    return CODA_OK;
}

/* The ids of many possible keys: the rows sorted by key (stable, so the
 * first row of a run is the group's first), then numbered run by run.
 * Keys of bits bits; packed: group_row_bits's, kept in g->keys. */
static coda_status ids_by_sort(group_ranks *k, size_t nk, size_t nrow,
                               unsigned bits, int packed, coda_groups *g)
{
    uint64_t *key = coda_malloc((nrow + 1) * sizeof *key);
    uint32_t *row = coda_malloc((nrow + 1) * sizeof *row);
    coda_status st = key && row ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK) {
        rowkeys j = { k, nk, packed, key, row };
        coda_par_ranges(key_rows, &j, nrow);
    }
    if (st == CODA_OK)
        st = group_radix_sort(key, row, nrow, bits);
    uint32_t *start = st == CODA_OK ? coda_malloc((nrow + 1) * sizeof *start)
                                    : NULL;
    st = start ? st : CODA_ENOMEM;
    for (size_t i = 0; st == CODA_OK && i < nrow; i++) {
        if (i == 0 || key[i] != key[i - 1]) {
            start[g->ngroups] = (uint32_t)i;
            g->first[g->ngroups++] = row[i];
        }
        g->gid[row[i]] = (uint32_t)(g->ngroups - 1);
    }
    if (st == CODA_OK) { /* the sorted rows are the groups' rows */
        start[g->ngroups] = (uint32_t)nrow;
        g->order = row;
        g->start = coda_reallocarray(start, g->ngroups + 1, sizeof *start);
        g->start = g->start ? g->start : start;
        return packed ? keep_keys(k, nk, key, g) : (coda_free(key), CODA_OK);
    }
    coda_free(key);
    coda_free(row);
    coda_free(start);
    return st;
}

/* The bits a rank of n takes. */
static unsigned bits_for(size_t n)
{
    return n <= 1 ? 0 : 64 - (unsigned)__builtin_clzll((uint64_t)n - 1);
}

/* One key column: its ranks are the ids (taken from k). */
static coda_status ids_of_one(group_ranks *k, size_t nrow, coda_groups *g)
{
    if (k->kept) { /* the table's: g reads them */
        g->gid = k->code;
        g->first = k->first;
        g->ngroups = k->n;
        g->kept = 1;
        return CODA_OK;
    }
    g->first = k->first ? k->first
                        : coda_malloc((k->n + 1) * sizeof *g->first);
    if (!g->first)
        return CODA_ENOMEM;
    g->gid = k->code;
    g->ngroups = k->n;
    /* backwards, so that first[] ends at each rank's first row */
    for (size_t r = nrow; !k->first && r-- > 0;)
        g->first[g->gid[r]] = r;
    k->code = NULL;
    k->first = NULL;
    return CODA_OK;
}

/* The ids from the ranks of every key column. */
static coda_status ids_from_ranks(group_ranks *k, size_t nk, size_t nrow,
                                  coda_groups *g)
{
    if (nk == 1)
        return ids_of_one(k, nrow, g);
    uint64_t span = 1;
    unsigned bits = 0;
    for (size_t j = 0; j < nk; j++) {
        if (__builtin_mul_overflow(span, (uint64_t)(k[j].n ? k[j].n : 1),
                                   &span))
            return CODA_ELIMIT;
        k[j].bits = bits_for(k[j].n);
        bits += k[j].bits;
    }
    g->gid = coda_malloc((nrow + 1) * sizeof *g->gid);
    g->first = coda_malloc((nrow + 1) * sizeof *g->first);
    if (!g->gid || !g->first)
        return CODA_ENOMEM;
    if (span <= 2 * (uint64_t)nrow + GROUP_SPAN_MIN && span <= UINT32_MAX)
        return group_ids_by_table(k, nk, nrow, span, g);
    if (bits <= 64) /* each rank in bits of its own */
        return ids_by_sort(k, nk, nrow, bits, 1, g);
    return ids_by_sort(k, nk, nrow, bits_for(span), 0, g);
}

/* first[] was allocated for a group a row; keep what the groups use. */
static coda_status shrink_first(coda_groups *g)
{
    if (g->kept)
        return CODA_OK;
    size_t *first = coda_reallocarray(g->first, g->ngroups + 1,
                                      sizeof *first);
    if (!first)
        return CODA_ENOMEM;
    g->first = first;
    return CODA_OK;
}

coda_status coda_group_rows_sorted(const coda_table *t, const size_t *cols,
                                   size_t k, coda_groups *g)
{
    memset(g, 0, sizeof *g);
    if (t->nrow >= UINT32_MAX)
        return CODA_ELIMIT;
    group_ranks *rk = coda_calloc(k + 1, sizeof *rk);
    coda_status st = rk ? rank_columns(t, cols, k, rk) : CODA_ENOMEM;
    if (st == CODA_OK)
        st = ids_from_ranks(rk, k, t->nrow, g);
    for (size_t j = 0; rk && j < k; j++) {
        if (!rk[j].kept) {
            coda_free(rk[j].code);
            coda_free(rk[j].first);
        }
    }
    coda_free(rk);
    if (st == CODA_ELIMIT) /* the ranks do not fit one number */
        return group_then_sort(t, cols, k, g);
    if (st == CODA_OK)
        st = shrink_first(g);
    if (st != CODA_OK)
        coda_groups_free(g);
    return st;
}
