/* csv_split.c - splitting a CSV input at record boundaries and parsing the
 * parts on threads.
 *
 * A byte is inside a quoted field exactly when an odd number of quote
 * characters precede it (a doubled quote counts twice), for RFC 4180 input.
 * The threads count the quotes before the last split point, each a piece of
 * that stretch; from those counts every split point knows its parity and
 * moves to the next line end outside quotes.
 * Input with stray quotes can fool the count: the loader then sees a part
 * whose parser ended inside a record and parses the whole input in one part. */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <pthread.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

typedef struct job {
    part *p;
    coda_status st;
} job;

/* The quote characters in s[0..n): with SSE2, 16 bytes compared at a
 * time and their matches (0 or -1 a byte) summed in byte lanes for up to
 * 255 rounds, then across the lanes; else one memchr a quote. */
static size_t count_quotes(const char *s, size_t n)
{
    size_t q = 0, i = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
            __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(w, quote));
        }
        __m128i sums = _mm_sad_epu8(acc, zero);
        q += (size_t)_mm_cvtsi128_si32(sums) +
             (size_t)_mm_extract_epi16(sums, 4);
    }
#endif
    for (const char *c = s + i, *e = s + n;
         (c = memchr(c, '"', (size_t)(e - c))); c++)
        q++;
    return q;
}

/* Counting the quotes before each split point: the stretch from the first
 * part's start to the last split point cut into as many pieces as there
 * are threads, and those pieces at the split points inside them. */
typedef struct count_job {
    const load_ctx *ctx;
    const size_t *cut;      /* segment k is [cut[k], cut[k + 1]) */
    size_t from, to;        /* the job's segments */
    size_t *quotes;         /* the quotes in each segment */
    coda_status st;
} count_job;

static void count_segments(void *arg)
{
    count_job *j = arg;
    const load_ctx *ctx = j->ctx;
    char *buf = ctx->mem ? NULL : coda_malloc(ctx->block);
    j->st = !ctx->mem && !buf ? CODA_ENOMEM : CODA_OK;
    for (size_t k = j->from; k < j->to && j->st == CODA_OK; k++) {
        j->quotes[k] = 0;
        for (size_t off = j->cut[k], end = j->cut[k + 1]; off < end;) {
            size_t n = end - off < ctx->block ? end - off : ctx->block;
            const char *s = load_read(ctx, off, n, buf);
            if (!s) {
                j->st = CODA_EIO;
                break;
            }
            j->quotes[k] += count_quotes(s, n);
            off += n;
        }
    }
    coda_free(buf);
}

/* The cuts: the split points parts[1..n) and n even pieces of
 * [parts[0].start, parts[n - 1].start), in order, each once; returns how
 * many, piece[j] the cut where piece j starts. */
static size_t make_cuts(const part *parts, size_t n, size_t *cut,
                        size_t *piece)
{
    size_t a = parts[0].start, len = parts[n - 1].start - a, k = 0;
    for (size_t j = 0, i = 1; j <= n; j++) {
        size_t at = a + (size_t)((double)len * (double)j / (double)n);
        if (j == n)
            at = a + len;
        for (; i < n && parts[i].start <= at; i++)
            if (!k || cut[k - 1] != parts[i].start)
                cut[k++] = parts[i].start;
        if (!k || cut[k - 1] != at)
            cut[k++] = at;
        piece[j] = k - 1;   /* piece j starts (piece j - 1 ends) here */
    }
    return k;
}

/* The parity of the quotes before each part's start into its quote_parity
 * (counted on n threads); CODA_OK or why not. */
static coda_status parities(part *parts, size_t n)
{
    size_t cut[2 * MAX_THREADS + 2], quotes[2 * MAX_THREADS + 2];
    size_t piece[MAX_THREADS + 1];
    count_job jobs[MAX_THREADS];
    size_t ncut = make_cuts(parts, n, cut, piece);
    for (size_t j = 0; j < n; j++)
        jobs[j] = (count_job){ parts[0].ctx, cut, piece[j], piece[j + 1],
                               quotes, CODA_OK };
    coda_par_run(count_segments, jobs, sizeof *jobs, n);
    for (size_t j = 0; j < n; j++)
        if (jobs[j].st != CODA_OK)
            return jobs[j].st;
    size_t q = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        for (; k + 1 < ncut && cut[k] < parts[i].start; k++)
            q += quotes[k];
        parts[i].quote_parity = (int)(q & 1);
    }
    return CODA_OK;
}

static void *run_job(void *arg)
{
    job *j = arg;
    do {
        part_free(j->p);
        j->st = part_parse(j->p);
    } while (j->st == CODA_OK && j->p->restart);
    return NULL;
}

/* Run jobs[0..n) on threads, job 0 on the caller's; a job whose thread
 * cannot be started runs on the caller's after the others. */
static void run_all(job *jobs, size_t n)
{
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = { 0 };
    for (size_t i = 1; i < n; i++)
        started[i] = pthread_create(&tid[i], NULL, run_job, &jobs[i]) == 0;
    run_job(&jobs[0]);
    for (size_t i = 1; i < n; i++) {
        if (started[i])
            pthread_join(tid[i], NULL);
        else
            run_job(&jobs[i]); /* no thread to be had: run it here */
    }
}

void csv_run_parts(part *parts, size_t n, const int *todo)
{
    job jobs[MAX_THREADS];
    part *idx[MAX_THREADS];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!todo || todo[i])
            idx[k++] = &parts[i];
    for (size_t i = 0; i < k; i++)
        jobs[i] = (job){ idx[i], CODA_OK };
    run_all(jobs, k);
}

/* The offset just past the first line end at or after from that lies
 * outside quotes, given the quote parity before from; or limit if none
 * comes before limit. */
static size_t next_boundary(const load_ctx *ctx, size_t from, int parity,
                            size_t limit, char *buf)
{
    for (size_t off = from; off < limit;) {
        size_t n = limit - off < ctx->block ? limit - off : ctx->block;
        const char *s = load_read(ctx, off, n, buf);
        if (!s)
            return limit;
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"')
                parity ^= 1;
            else if (s[i] == '\n' && !parity)
                return off + i + 1;
        }
        off += n;
    }
    return limit;
}

/* Fall back to one part: the whole input, not only the first stretch. */
static size_t one_part(const load_ctx *ctx, part *parts)
{
    parts[0].end = ctx->size;
    return 1;
}

size_t csv_split(const load_ctx *ctx, size_t start, size_t nparts, part *parts)
{
    size_t len = ctx->size - start;
    for (size_t i = 0; i < nparts; i++) {
        parts[i].ctx = ctx;
        parts[i].start = start + len / nparts * i;
        parts[i].end = i + 1 < nparts ? start + len / nparts * (i + 1)
                                      : ctx->size;
    }
    if (nparts == 1)
        return 1;
    if (parities(parts, nparts) != CODA_OK)
        return one_part(ctx, parts); /* which reports the problem */
    char *buf = ctx->mem ? NULL : coda_malloc(ctx->block);
    if (!ctx->mem && !buf)
        return one_part(ctx, parts);
    /* Move each split to a record boundary; drop parts left empty. */
    size_t k = 1;
    for (size_t i = 1; i < nparts; i++) {
        size_t limit = i + 1 < nparts ? parts[i].end : ctx->size;
        size_t b = next_boundary(ctx, parts[i].start,
                                 parts[i].quote_parity, limit, buf);
        if (b >= limit)
            continue;
        parts[k - 1].end = b;
        parts[k].ctx = ctx;
        parts[k].start = b;
        parts[k].end = ctx->size;
        k++;
    }
    coda_free(buf);
    for (size_t i = 0; i + 1 < k; i++)
        parts[i].end = parts[i + 1].start;
    parts[k - 1].end = ctx->size;
    return k;
}
