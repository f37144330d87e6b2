/* group_ints.c - the ranks of an integer key column of a small span.
 *
 * Three passes over the rows, each shared among threads by stretches of
 * rows: the least and greatest values; which values are present (a byte a
 * value, a table per thread); each row's rank, and each rank's first row
 * when the ranks are few.  The tables are joined between passes, so the
 * ranks do not depend on the number of threads. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <stdlib.h>

/* Ranks up to FIRST_MAX get their first rows here. */
enum { FIRST_MAX = 1 << 16 };

typedef struct ijob {
    const coda_column *c;
    size_t r0, r1;
    int64_t mn, mx;
    int miss;
    int64_t lo;
    size_t span;
    uint8_t *seen;          /* span bytes: 1 where the value is present */
    const uint32_t *map;    /* value - lo -> rank + 1 */
    uint32_t *code;         /* the column's ranks (this job's stretch) */
    uint32_t nrank;         /* the rank of missing values */
    size_t *first;          /* nrank + 1 first rows, or NULL */
} ijob;

static void span_main(void *p)
{
    ijob *j = p;
    int64_t mn = INT64_MAX, mx = INT64_MIN;
    for (size_t r = j->r0; r < j->r1; r++) {
        if (coda_is_missing(j->c, r)) {
            j->miss = 1;
            continue;
        }
        int64_t v = j->c->v.i[r];
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    j->mn = mn;
    j->mx = mx;
}

static void mark_main(void *p)
{
    ijob *j = p;
    for (size_t r = j->r0; r < j->r1; r++)
        if (!coda_is_missing(j->c, r))
            j->seen[j->c->v.i[r] - j->lo] = 1;
}

static void code_main(void *p)
{
    ijob *j = p;
    for (size_t r = j->r0; r < j->r1; r++) {
        uint32_t k = coda_is_missing(j->c, r) ? j->nrank
                                              : j->map[j->c->v.i[r] - j->lo] - 1;
        j->code[r] = k;
        if (j->first && j->first[k] == SIZE_MAX)
            j->first[k] = r;
    }
}

/* The value span over every stretch; 0 when too wide for a table. */
static int join_span(ijob *jobs, size_t nt, size_t nrow)
{
    int64_t mn = INT64_MAX, mx = INT64_MIN;
    for (size_t t = 0; t < nt; t++) {
        mn = jobs[t].mn < mn ? jobs[t].mn : mn;
        mx = jobs[t].mx > mx ? jobs[t].mx : mx;
    }
    if (mn > mx || (uint64_t)mx - (uint64_t)mn >=
                       (nrow > GROUP_SPAN_MIN ? nrow : GROUP_SPAN_MIN))
        return 0;
    for (size_t t = 0; t < nt; t++) {
        jobs[t].lo = mn;
        jobs[t].span = (size_t)((uint64_t)mx - (uint64_t)mn) + 1;
    }
    return 1;
}

/* The rank + 1 of each present value, from the stretches' tables. */
static uint32_t *join_seen(ijob *jobs, size_t nt, uint32_t *n)
{
    size_t span = jobs[0].span;
    uint32_t *map = coda_malloc(span * sizeof *map);
    if (!map)
        return NULL;
    uint32_t k = 0;
    for (size_t i = 0; i < span; i++) {
        int seen = 0;
        for (size_t t = 0; t < nt; t++)
            seen |= jobs[t].seen[i];
        map[i] = seen ? ++k : 0;
    }
    *n = k;
    return map;
}

/* Each rank's first row: the first stretch's that has one. */
static size_t *join_first(ijob *jobs, size_t nt, size_t n)
{
    size_t *first = coda_malloc((n + 1) * sizeof *first);
    for (size_t i = 0; first && i < n; i++) {
        first[i] = SIZE_MAX;
        for (size_t t = 0; t < nt && first[i] == SIZE_MAX; t++)
            first[i] = jobs[t].first[i];
    }
    return first;
}

static coda_status mark_and_code(ijob *jobs, size_t nt, uint32_t *code,
                                 size_t *n, size_t **first)
{
    int miss = 0, ok = 1;
    for (size_t t = 0; t < nt; t++) {
        miss |= jobs[t].miss;
        jobs[t].seen = coda_calloc(jobs[t].span, 1);
        ok = ok && jobs[t].seen;
    }
    uint32_t nrank = 0, *map = NULL;
    if (ok) {
        coda_par_run(mark_main, jobs, sizeof *jobs, nt);
        map = join_seen(jobs, nt, &nrank);
    }
    *n = (size_t)nrank + (size_t)miss;
    int firsts = *n <= FIRST_MAX;
    for (size_t t = 0; map && t < nt && ok; t++) {
        jobs[t] = (ijob){ .c = jobs[t].c, .r0 = jobs[t].r0, .r1 = jobs[t].r1,
                          .lo = jobs[t].lo, .map = map, .code = code,
                          .nrank = nrank, .seen = jobs[t].seen };
        jobs[t].first = firsts ? coda_malloc((*n + 1) * sizeof(size_t)) : NULL;
        ok = !firsts || jobs[t].first;
        for (size_t i = 0; ok && firsts && i <= *n; i++)
            jobs[t].first[i] = SIZE_MAX;
    }
    if (map && ok) {
        coda_par_run(code_main, jobs, sizeof *jobs, nt);
        *first = firsts ? join_first(jobs, nt, *n) : NULL;
        ok = !firsts || *first;
    }
    for (size_t t = 0; t < nt; t++) {
        coda_free(jobs[t].seen);
        coda_free(jobs[t].first);
    }
    coda_free(map);
    return map && ok ? CODA_OK : CODA_ENOMEM;
}

coda_status group_rank_ints(const coda_column *c, size_t nrow, size_t nt,
                            uint32_t **code, size_t **first, size_t *n)
{
    ijob *jobs = coda_calloc(nt, sizeof *jobs);
    if (!jobs)
        return CODA_ENOMEM;
    for (size_t t = 0; t < nt; t++)
        jobs[t] = (ijob){ .c = c, .r0 = nrow * t / nt,
                          .r1 = nrow * (t + 1) / nt };
    coda_par_run(span_main, jobs, sizeof *jobs, nt);
    coda_status st = CODA_OK;
    *code = NULL;
    *first = NULL;
    if (!join_span(jobs, nt, nrow)) {
        st = CODA_EARG;
    } else {
        *code = coda_malloc((nrow ? nrow : 1) * sizeof **code);
        st = *code ? mark_and_code(jobs, nt, *code, n, first) : CODA_ENOMEM;
        if (st != CODA_OK) {
            coda_free(*code);
            *code = NULL;
        }
    }
    coda_free(jobs);
    return st;
}
