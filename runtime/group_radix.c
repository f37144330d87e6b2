/* group_radix.c - a stable radix sort of 64-bit keys with their rows.
 *
 * The first pass spreads the rows by the top bits of their keys into
 * buckets; each bucket, small enough to stay in the cache, is then sorted
 * by the rest of the bits, a digit at a time from the lowest.  Threads
 * share the rows of the first pass and then the buckets; every row lands
 * where one thread would have put it. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <string.h>

enum { TOP_BITS = 11, NTOP = 1 << TOP_BITS, DIGIT_MAX = 11, SMALL = 48 };

typedef struct rsort {
    uint64_t *key, *tkey;       /* the keys, and room for as many */
    uint32_t *row, *trow;
    size_t n;
    unsigned bits, top_shift;   /* keys < 2^bits; the top digit's shift */
    size_t start[NTOP + 1];     /* each bucket's place after the first pass */
} rsort;

typedef struct rjob {
    rsort *s;
    size_t lo, hi;              /* rows (first pass) or buckets (then) */
    size_t count[NTOP];
} rjob;

static size_t top_of(const rsort *s, uint64_t key)
{
    return (size_t)(key >> s->top_shift);
}

static void count_main(void *p)
{
    rjob *j = p;
    memset(j->count, 0, sizeof j->count);
    for (size_t i = j->lo; i < j->hi; i++)
        j->count[top_of(j->s, j->s->key[i])]++;
}

static void scatter_main(void *p)
{
    rjob *j = p;
    rsort *s = j->s;
    for (size_t i = j->lo; i < j->hi; i++) {
        size_t at = j->count[top_of(s, s->key[i])]++;
        s->tkey[at] = s->key[i];
        s->trow[at] = s->row[i];
    }
}

/* Insertion sort of a few keys (stable), from f into t. */
static void sort_small(const uint64_t *fk, const uint32_t *fr, uint64_t *tk,
                       uint32_t *tr, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && tk[j - 1] > fk[i]; j--) {
            tk[j] = tk[j - 1];
            tr[j] = tr[j - 1];
        }
        tk[j] = fk[i];
        tr[j] = fr[i];
    }
}

/* One stable pass by width bits at shift, from f into t. */
static void digit_pass(const uint64_t *fk, const uint32_t *fr, uint64_t *tk,
                       uint32_t *tr, size_t n, unsigned shift, unsigned width)
{
    size_t count[1 << DIGIT_MAX];
    uint64_t mask = ((uint64_t)1 << width) - 1;
    memset(count, 0, ((size_t)1 << width) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(fk[i] >> shift) & mask]++;
    for (size_t b = 0, sum = 0; b <= mask; b++) {
        size_t c = count[b];
        count[b] = sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++) {
        size_t at = count[(fk[i] >> shift) & mask]++;
        tk[at] = fk[i];
        tr[at] = fr[i];
    }
}

/* Bucket [lo, hi) (in tkey/trow after the first pass) sorted by its low
 * bits, ending in key/row. */
static void sort_bucket(rsort *s, size_t lo, size_t hi)
{
    size_t n = hi - lo;
    uint64_t *k[2] = { s->tkey + lo, s->key + lo };
    uint32_t *r[2] = { s->trow + lo, s->row + lo };
    if (n <= SMALL || s->top_shift == 0) {
        if (s->top_shift == 0) { /* the top digit was the whole key */
            memcpy(k[1], k[0], n * sizeof *k[0]);
            memcpy(r[1], r[0], n * sizeof *r[0]);
        } else {
            sort_small(k[0], r[0], k[1], r[1], n);
        }
        return;
    }
    unsigned passes = (s->top_shift + DIGIT_MAX - 1) / DIGIT_MAX;
    unsigned width = (s->top_shift + passes - 1) / passes, from = 0;
    for (unsigned shift = 0; shift < s->top_shift; shift += width) {
        unsigned w = s->top_shift - shift < width ? s->top_shift - shift : width;
        digit_pass(k[from], r[from], k[!from], r[!from], n, shift, w);
        from = !from;
    }
    if (from == 0) {    /* the last pass left it in tkey/trow */
        memcpy(k[1], k[0], n * sizeof *k[0]);
        memcpy(r[1], r[0], n * sizeof *r[0]);
    }
}

static void buckets_main(void *p)
{
    rjob *j = p;
    for (size_t b = j->lo; b < j->hi; b++)
        sort_bucket(j->s, j->s->start[b], j->s->start[b + 1]);
}

/* The first pass: per thread counts, places in bucket then thread order
 * (so stable), then the scatter. */
static void first_pass(rsort *s, rjob *jobs, size_t nt)
{
    for (size_t t = 0; t < nt; t++)
        jobs[t] = (rjob){ .s = s, .lo = s->n * t / nt,
                          .hi = s->n * (t + 1) / nt };
    coda_par_run(count_main, jobs, sizeof *jobs, nt);
    size_t sum = 0;
    for (size_t b = 0; b < NTOP; b++) {
        s->start[b] = sum;
        for (size_t t = 0; t < nt; t++) {
            size_t c = jobs[t].count[b];
            jobs[t].count[b] = sum;
            sum += c;
        }
    }
    s->start[NTOP] = sum;
    coda_par_run(scatter_main, jobs, sizeof *jobs, nt);
}

/* The buckets shared among threads, each about the same number of rows. */
static void sort_buckets(rsort *s, rjob *jobs, size_t nt)
{
    size_t b = 0;
    for (size_t t = 0; t < nt; t++) {
        jobs[t].lo = b;
        while (b < NTOP && (t + 1 == nt || s->start[b] < s->n * (t + 1) / nt))
            b++;
        jobs[t].hi = b;
    }
    coda_par_run(buckets_main, jobs, sizeof *jobs, nt);
}

coda_status group_radix_sort(uint64_t *key, uint32_t *row, size_t n,
                             unsigned bits)
{
    rsort *s = coda_malloc(sizeof *s);
    size_t nt = coda_par_threads(n);
    rjob *jobs = coda_malloc(nt * sizeof *jobs);
    uint64_t *tkey = coda_malloc((n ? n : 1) * sizeof *tkey);
    uint32_t *trow = coda_malloc((n ? n : 1) * sizeof *trow);
    coda_status st = s && jobs && tkey && trow ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK) {
        *s = (rsort){ key, tkey, row, trow, n, bits,
                      bits > TOP_BITS ? bits - TOP_BITS : 0, { 0 } };
        first_pass(s, jobs, nt);
        sort_buckets(s, jobs, nt);
    }
    coda_free(s);
    coda_free(jobs);
    coda_free(tkey);
    coda_free(trow);
    return st;
}
