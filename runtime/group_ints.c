/* group_ints.c - the ranks of an integer key column of a small span.
 *
 * Two passes over the rows, each shared among threads by stretches of
 * rows: the least and greatest values; then each row's offset from the
 * least, with the first row of each offset noted in a table per thread.
 * The first pass reads every SAMPLE_STEP-th row of a large column (and
 * each stretch's last): when the second finds a value outside the span
 * the sample saw, both are run again over every row.
 * The tables are joined in stretch order, so that the ranks and first
 * rows do not depend on the number of threads.  When every value of the
 * span is present, the offsets are the ranks; otherwise a third pass
 * turns offsets into ranks. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <stdlib.h>

/* Rows between those the first pass reads, from columns of SAMPLE_MIN
 * rows: a tenth of the cost of reading every row (a 64-byte line in
 * eight is fetched), and the extremes of keys of a few hundred values
 * are all but certainly among them. */
enum { SAMPLE_STEP = 61, SAMPLE_MIN = 1 << 16 };

typedef struct ijob {
    const coda_column *c;
    size_t r0, r1, step;    /* the first pass reads r0, r0 + step, .. */
    int outside;            /* a value past the span seen */
    int64_t mn, mx;
    int64_t lo;
    size_t span;            /* offsets 0 .. span - 1; span: missing */
    uint32_t *first1;       /* span + 1 entries: an offset's first row + 1 */
    const uint32_t *map;    /* offset -> rank */
    uint32_t *code;         /* the column's offsets, then ranks */
} ijob;

static void span_main(void *p)
{
    ijob *j = p;
    int64_t mn = INT64_MAX, mx = INT64_MIN;
    for (size_t r = j->r0; r < j->r1; r += j->step) {
        size_t at = r + j->step < j->r1 ? r : j->r1 - 1; /* and the last */
        if (coda_is_missing(j->c, at))
            continue;
        int64_t v = j->c->v.i[at];
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    j->mn = mn;
    j->mx = mx;
}

static void offset_main(void *p)
{
    ijob *j = p;
    const int64_t *v = j->c->v.i;
    int outside = 0;
    for (size_t r = j->r0; r < j->r1; r++) {
        uint64_t o = (uint64_t)v[r] - (uint64_t)j->lo;
        int miss = coda_is_missing(j->c, r);
        outside |= !miss && o >= j->span; /* a value the sample missed */
        o = miss || o >= j->span ? j->span : o;
        j->code[r] = (uint32_t)o;
        if (!j->first1[o])
            j->first1[o] = (uint32_t)r + 1;
    }
    j->outside = outside;
}

static void rank_main(void *p)
{
    ijob *j = p;
    for (size_t r = j->r0; r < j->r1; r++)
        j->code[r] = j->map[j->code[r]];
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

/* An offset's first row + 1 over every stretch (0: absent). */
static uint32_t first_of(const ijob *jobs, size_t nt, size_t o)
{
    for (size_t t = 0; t < nt; t++)
        if (jobs[t].first1[o])
            return jobs[t].first1[o];
    return 0;
}

/* Each offset's rank in map (missing, offset span, after the values),
 * each rank's first row in first; the ranks in *n. */
static void join_offsets(const ijob *jobs, size_t nt, uint32_t *map,
                         size_t *first, size_t *n)
{
    size_t span = jobs[0].span, k = 0;
    for (size_t o = 0; o <= span; o++) {
        uint32_t f = first_of(jobs, nt, o);
        if (f) {
            map[o] = (uint32_t)k;
            first[k++] = f - 1;
        }
    }
    *n = k;
}

static coda_status offsets_to_ranks(ijob *jobs, size_t nt, size_t *n,
                                    size_t **first)
{
    size_t span = jobs[0].span;
    uint32_t *map = coda_malloc((span + 1) * sizeof *map);
    *first = coda_malloc((span + 2) * sizeof **first);
    if (!map || !*first) {
        coda_free(map);
        return CODA_ENOMEM;
    }
    join_offsets(jobs, nt, map, *first, n);
    int miss = first_of(jobs, nt, span) != 0;
    if (*n - (size_t)miss != span) { /* values absent: offsets are not ranks */
        for (size_t t = 0; t < nt; t++)
            jobs[t].map = map;
        coda_par_run(rank_main, jobs, sizeof *jobs, nt);
    }
    coda_free(map);
    return CODA_OK;
}

static coda_status offsets(ijob *jobs, size_t nt, uint32_t *code, size_t *n,
                           size_t **first)
{
    int ok = 1;
    for (size_t t = 0; t < nt; t++) {
        jobs[t].code = code;
        jobs[t].first1 = coda_calloc(jobs[t].span + 1, sizeof *jobs[t].first1);
        ok = ok && jobs[t].first1;
    }
    coda_status st = ok ? CODA_OK : CODA_ENOMEM;
    if (ok) {
        coda_par_run(offset_main, jobs, sizeof *jobs, nt);
        st = offsets_to_ranks(jobs, nt, n, first);
    }
    for (size_t t = 0; t < nt; t++)
        coda_free(jobs[t].first1);
    return st;
}

/* The ranks with the span from rows step apart (1: every row); *outside
 * when a row's value lies past that span (the ranks then unusable). */
static coda_status rank_by_span(ijob *jobs, size_t nt, size_t nrow,
                                size_t step, uint32_t *code, size_t *n,
                                size_t **first, int *outside)
{
    for (size_t t = 0; t < nt; t++)
        jobs[t].step = step;
    coda_par_run(span_main, jobs, sizeof *jobs, nt);
    *outside = 0;
    if (!join_span(jobs, nt, nrow))
        return CODA_EARG;
    coda_status st = offsets(jobs, nt, code, n, first);
    for (size_t t = 0; t < nt; t++)
        *outside |= jobs[t].outside;
    if (st == CODA_OK && *outside) {
        coda_free(*first);
        *first = NULL;
    }
    return st;
}

coda_status group_rank_ints(const coda_column *c, size_t nrow, size_t nt,
                            uint32_t **code, size_t **first, size_t *n)
{
    ijob *jobs = coda_calloc(nt, sizeof *jobs);
    *code = coda_malloc((nrow ? nrow : 1) * sizeof **code);
    *first = NULL;
    coda_status st = jobs && *code ? CODA_OK : CODA_ENOMEM;
    for (size_t t = 0; st == CODA_OK && t < nt; t++)
        jobs[t] = (ijob){ .c = c, .r0 = nrow * t / nt,
                          .r1 = nrow * (t + 1) / nt };
    int outside = 0;
    if (st == CODA_OK)
        st = rank_by_span(jobs, nt, nrow, nrow >= SAMPLE_MIN ? SAMPLE_STEP : 1,
                          *code, n, first, &outside);
    if (st == CODA_OK && outside)
        st = rank_by_span(jobs, nt, nrow, 1, *code, n, first, &outside);
    if (st != CODA_OK) {
        coda_free(*code);
        coda_free(*first);
        *code = NULL;
        *first = NULL;
    }
    coda_free(jobs);
    return st;
}
