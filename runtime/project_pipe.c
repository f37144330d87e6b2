/* project_pipe.c - coding a project's units chunk by chunk on a thread of
 * its own, so that the segments of one chunk are written into the project
 * file (which only the calling thread touches) while the next is coded. */
#include "project_int.h"

#include "base_alloc.h"

#include <pthread.h>
#include <string.h>

struct coda_pj_pipe {
    const coda_codebook *cb;
    const coda_table *corpus;
    coda_code_opts co;
    size_t *ends;               /* chunk k is rows [ends[k-1], ends[k]) */
    size_t nchunks, next;       /* next: the chunk the producer codes */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int full, stop, failed;     /* one chunk waits; the consumer left; */
    coda_table *seg;            /* the waiting chunk's segments */
    size_t r0, r1;
    coda_error err;             /* the producer's error */
};

/* Chunks of about bytes of text each, ending at a document's end. */
static int plan(coda_pj_pipe *pp, size_t bytes)
{
    const coda_table *c = pp->corpus;
    size_t n = c->nrow, cap = 16, acc = 0;
    pp->ends = coda_calloc(cap, sizeof *pp->ends);
    for (size_t r = 0; pp->ends && r < n; r++) {
        acc += c->cols[3].v.s.len[r];
        int last = r + 1 == n || strcmp(c->cols[0].v.s.p[r],
                                         c->cols[0].v.s.p[r + 1]) != 0;
        if (!(last && (acc >= bytes || r + 1 == n)))
            continue;
        if (pp->nchunks == cap) {
            size_t *e = coda_reallocarray(pp->ends, cap * 2, sizeof *e);
            if (!e)
                break;
            pp->ends = e;
            cap *= 2;
        }
        pp->ends[pp->nchunks++] = r + 1;
        acc = 0;
    }
    return pp->ends && (n == 0 || (pp->nchunks && pp->ends[pp->nchunks - 1] == n));
}

/* Code chunk k into *seg. */
static coda_status code_chunk(coda_pj_pipe *pp, size_t k, coda_table **seg,
                              coda_error *err)
{
    size_t r0 = k ? pp->ends[k - 1] : 0, r1 = pp->ends[k];
    size_t *rows = coda_calloc(r1 - r0 ? r1 - r0 : 1, sizeof *rows);
    coda_table *sub = NULL;
    if (!rows)
        return coda_error_nomem(err);
    for (size_t r = r0; r < r1; r++)
        rows[r - r0] = r;
    coda_status s = coda_table_take(pp->corpus, rows, r1 - r0, &sub);
    coda_free(rows);
    if (s != CODA_OK)
        return coda_error_nomem(err);
    s = coda_code(pp->cb, sub, &pp->co, seg, err);
    coda_table_free(sub);
    return s;
}

static void *produce(void *arg)
{
    coda_pj_pipe *pp = arg;
    for (size_t k = 0; k < pp->nchunks; k++) {
        coda_table *seg = NULL;
        coda_error err;
        coda_status s = code_chunk(pp, k, &seg, &err);
        pthread_mutex_lock(&pp->mu);
        while (pp->full && !pp->stop)
            pthread_cond_wait(&pp->cv, &pp->mu);
        int stop = pp->stop;
        if (!stop) {
            pp->full = 1;
            pp->seg = seg;
            pp->r0 = k ? pp->ends[k - 1] : 0;
            pp->r1 = pp->ends[k];
            pp->failed = s != CODA_OK;
            pp->err = err;
            pp->next = k + 1;
            pthread_cond_broadcast(&pp->cv);
        }
        pthread_mutex_unlock(&pp->mu);
        if (stop || s != CODA_OK) {
            if (stop)
                coda_table_free(seg);
            break;
        }
    }
    return NULL;
}

coda_status coda_pj_pipe_start(const coda_codebook *cb,
                               const coda_table *corpus,
                               const coda_code_opts *co, size_t bytes,
                               coda_pj_pipe **out, coda_error *err)
{
    coda_pj_pipe *pp = coda_calloc(1, sizeof *pp);
    if (!pp)
        return coda_error_nomem(err);
    pp->cb = cb;
    pp->corpus = corpus;
    pp->co = *co;
    pp->co.skip = NULL;
    if (!plan(pp, bytes)) {
        coda_free(pp->ends);
        coda_free(pp);
        return coda_error_nomem(err);
    }
    pthread_mutex_init(&pp->mu, NULL);
    pthread_cond_init(&pp->cv, NULL);
    if (pthread_create(&pp->thread, NULL, produce, pp) != 0) {
        pthread_mutex_destroy(&pp->mu);
        pthread_cond_destroy(&pp->cv);
        coda_free(pp->ends);
        coda_free(pp);
        return coda_error_set(err, CODA_ENOMEM, NULL, 0, 0,
                              "cannot start a coding thread");
    }
    *out = pp;
    return CODA_OK;
}

coda_status coda_pj_pipe_next(coda_pj_pipe *pp, coda_table **seg, size_t *r0,
                              size_t *r1, int *done, coda_error *err)
{
    pthread_mutex_lock(&pp->mu);
    while (!pp->full && pp->next < pp->nchunks)
        pthread_cond_wait(&pp->cv, &pp->mu);
    coda_status s = CODA_OK;
    *done = !pp->full;
    if (pp->full) {
        *seg = pp->seg;
        *r0 = pp->r0;
        *r1 = pp->r1;
        if (pp->failed) {
            s = pp->err.code;
            if (err)
                *err = pp->err;
        }
        pp->seg = NULL;
        pp->full = 0;
        pthread_cond_broadcast(&pp->cv);
    }
    pthread_mutex_unlock(&pp->mu);
    return s;
}

void coda_pj_pipe_stop(coda_pj_pipe *pp)
{
    if (!pp)
        return;
    pthread_mutex_lock(&pp->mu);
    pp->stop = 1;
    pthread_cond_broadcast(&pp->cv);
    pthread_mutex_unlock(&pp->mu);
    pthread_join(pp->thread, NULL);
    coda_table_free(pp->seg);
    pthread_mutex_destroy(&pp->mu);
    pthread_cond_destroy(&pp->cv);
    coda_free(pp->ends);
    coda_free(pp);
}
