/* group_table.c - group ids from the packed ranks of several key columns
 * when their possible values are few enough for a table indexed by them.
 *
 * Two passes over the rows, shared among threads by stretches: which
 * keys are present (a byte a key, a table per thread), then each row's
 * group (the rank of its key among those present) and each group's first
 * row.  When every key is present, a row's key is its group, and the
 * second pass only finds the first rows.  The tables are joined between
 * passes, in stretch order, so the ids and first rows do not depend on
 * the number of threads. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <stdlib.h>

typedef struct tjob {
    const group_ranks *k;
    size_t nk, r0, r1;
    uint8_t *seen;          /* span bytes: 1 where the key is present */
    const uint32_t *map;    /* key -> group + 1 */
    uint32_t *gid;
    size_t *first;          /* ngroups entries: SIZE_MAX, or a first row */
} tjob;

/* Each row's key marked seen, and kept in gid for gid_main (the span is
 * at most 2 nrow + 65536 keys, so a key fits 32 bits): the key columns'
 * ranks are read once. */
static void seen_main(void *p)
{
    const tjob *j = p;
    uint32_t *gid = j->gid;
    uint8_t *seen = j->seen; /* its stores could be any object's: what
                                the loop reads is in locals */
    size_t r1 = j->r1;
    if (j->nk == 2) { /* two keys, the common case: a loop of its own */
        const uint32_t *a = j->k[0].code, *b = j->k[1].code;
        uint32_t nb = (uint32_t)j->k[1].n;
        for (size_t r = j->r0; r < r1; r++) {
            uint32_t key = a[r] * nb + b[r];
            gid[r] = key;
            seen[key] = 1;
        }
        return;
    }
    const group_ranks *k = j->k;
    size_t nk = j->nk;
    for (size_t r = j->r0; r < r1; r++) {
        uint32_t key = (uint32_t)group_row_key(k, nk, r);
        gid[r] = key;
        seen[key] = 1;
    }
}

static void gid_main(void *p)
{
    tjob *j = p;
    for (size_t r = j->r0; r < j->r1; r++) {
        uint32_t g = j->map[j->gid[r]] - 1;
        j->gid[r] = g;
        if (j->first[g] == SIZE_MAX)
            j->first[g] = r;
    }
}

/* Each present key's group + 1, in key order; their number in *ng. */
static uint32_t *join_seen(tjob *jobs, size_t nt, uint64_t span, size_t *ng)
{
    uint32_t *map = coda_malloc(span * sizeof *map);
    uint32_t n = 0;
    for (uint64_t i = 0; map && i < span; i++) {
        int seen = 0;
        for (size_t t = 0; t < nt; t++)
            seen |= jobs[t].seen[i];
        map[i] = seen ? ++n : 0;
    }
    *ng = n;
    return map;
}

static int open_firsts(tjob *jobs, size_t nt, size_t ng)
{
    for (size_t t = 0; t < nt; t++) {
        jobs[t].first = coda_malloc((ng + 1) * sizeof(size_t));
        if (!jobs[t].first)
            return 0;
        for (size_t g = 0; g < ng; g++)
            jobs[t].first[g] = SIZE_MAX;
    }
    return 1;
}

static void join_firsts(tjob *jobs, size_t nt, coda_groups *g)
{
    for (size_t i = 0; i < g->ngroups; i++) {
        g->first[i] = SIZE_MAX;
        for (size_t t = 0; t < nt && g->first[i] == SIZE_MAX; t++)
            g->first[i] = jobs[t].first[i];
    }
}

/* Every key present: each row's key (in gid) is its group.  The first
 * rows, in one pass over the rows that stops once every group has one
 * (with keys spread at random, long before the end). */
static void keys_are_ids(const uint32_t *gid, size_t nrow, coda_groups *g)
{
    size_t left = g->ngroups;
    for (size_t i = 0; i < g->ngroups; i++)
        g->first[i] = SIZE_MAX;
    for (size_t r = 0; r < nrow && left; r++)
        if (g->first[gid[r]] == SIZE_MAX)
            g->first[gid[r]] = r, left--;
}

static coda_status gids(tjob *jobs, size_t nt, uint64_t span, size_t nrow,
                        coda_groups *g)
{
    uint32_t *map = join_seen(jobs, nt, span, &g->ngroups);
    if (map && g->ngroups == span) {
        coda_free(map);
        keys_are_ids(jobs[0].gid, nrow, g);
        return CODA_OK;
    }
    int ok = map && open_firsts(jobs, nt, g->ngroups);
    if (ok) {
        for (size_t t = 0; t < nt; t++)
            jobs[t].map = map;
        coda_par_run(gid_main, jobs, sizeof *jobs, nt);
        join_firsts(jobs, nt, g);
    }
    coda_free(map);
    return ok ? CODA_OK : CODA_ENOMEM;
}

coda_status group_ids_by_table(const group_ranks *k, size_t nk, size_t nrow,
                               uint64_t span, coda_groups *g)
{
    size_t nt = coda_par_threads(nrow);
    tjob *jobs = coda_calloc(nt, sizeof *jobs);
    int ok = jobs != NULL;
    for (size_t t = 0; ok && t < nt; t++) {
        jobs[t] = (tjob){ .k = k, .nk = nk, .r0 = nrow * t / nt,
                          .r1 = nrow * (t + 1) / nt, .gid = g->gid };
        jobs[t].seen = coda_calloc(span, 1);
        ok = jobs[t].seen != NULL;
    }
    coda_status st = ok ? CODA_OK : CODA_ENOMEM;
    if (ok) {
        coda_par_run(seen_main, jobs, sizeof *jobs, nt);
        st = gids(jobs, nt, span, nrow, g);
    }
    for (size_t t = 0; jobs && t < nt; t++) {
        coda_free(jobs[t].seen);
        coda_free(jobs[t].first);
    }
    coda_free(jobs);
    return st;
}
