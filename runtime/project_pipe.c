/* project_pipe.c - splitting a project's documents into units and coding
 * them chunk by chunk on a thread of its own, so that the segments of one
 * chunk are written into the project file (which only the calling thread
 * touches) while the next is split and coded. */
#include "project_int.h"

#include "base_alloc.h"

#include <pthread.h>
#include <string.h>

struct coda_pj_pipe {
    const coda_codebook *cb;
    const coda_table *docs;
    const char *unit;
    coda_code_opts co;
    size_t *ends;               /* chunk k is documents [ends[k-1], ends[k]) */
    size_t nchunks, next;       /* next: the chunk the producer codes */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int full, stop, failed;     /* one chunk waits; the consumer left; */
    coda_pj_run chunk;          /* the waiting chunk: corpus and segments */
    coda_error err;             /* the producer's error */
};

/* Chunks of about bytes of text each, of whole documents. */
static int plan(coda_pj_pipe *pp, size_t bytes)
{
    const coda_table *d = pp->docs;
    size_t n = d->nrow, cap = 16, acc = 0;
    pp->ends = coda_calloc(cap, sizeof *pp->ends);
    for (size_t r = 0; pp->ends && r < n; r++) {
        acc += d->cols[2].v.s.len[r];
        if (acc < bytes && r + 1 < n)
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

/* Split and code chunk k into *c. */
static coda_status code_chunk(coda_pj_pipe *pp, size_t k, coda_pj_run *c,
                              coda_error *err)
{
    size_t d0 = k ? pp->ends[k - 1] : 0, d1 = pp->ends[k];
    coda_status s = coda_pj_units_corpus(pp->docs, d0, d1, pp->unit, c, err);
    if (s == CODA_OK)
        s = coda_code(pp->cb, c->corpus, &pp->co, &c->seg, err);
    return s;
}

static void *produce(void *arg)
{
    coda_pj_pipe *pp = arg;
    for (size_t k = 0; k < pp->nchunks; k++) {
        coda_pj_run c = { 0 };
        coda_error err;
        coda_status s = code_chunk(pp, k, &c, &err);
        pthread_mutex_lock(&pp->mu);
        while (pp->full && !pp->stop)
            pthread_cond_wait(&pp->cv, &pp->mu);
        int stop = pp->stop;
        if (!stop) {
            pp->full = 1;
            pp->chunk = c;
            pp->failed = s != CODA_OK;
            pp->err = err;
            pp->next = k + 1;
            pthread_cond_broadcast(&pp->cv);
        }
        pthread_mutex_unlock(&pp->mu);
        if (stop || s != CODA_OK) {
            if (stop)
                coda_pj_chunk_free(&c);
            break;
        }
    }
    return NULL;
}

coda_status coda_pj_pipe_start(const coda_codebook *cb, const coda_table *docs,
                               const char *unit, const coda_code_opts *co,
                               size_t bytes, coda_pj_pipe **out,
                               coda_error *err)
{
    coda_pj_pipe *pp = coda_calloc(1, sizeof *pp);
    if (!pp)
        return coda_error_nomem(err);
    pp->cb = cb;
    pp->docs = docs;
    pp->unit = unit;
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

coda_status coda_pj_pipe_next(coda_pj_pipe *pp, coda_pj_run *chunk, int *done,
                              coda_error *err)
{
    pthread_mutex_lock(&pp->mu);
    while (!pp->full && pp->next < pp->nchunks)
        pthread_cond_wait(&pp->cv, &pp->mu);
    coda_status s = CODA_OK;
    *done = !pp->full;
    if (pp->full) {
        chunk->corpus = pp->chunk.corpus;
        chunk->seg = pp->chunk.seg;
        chunk->row_doc = pp->chunk.row_doc;
        chunk->row_start = pp->chunk.row_start;
        chunk->first = 0;
        if (pp->failed) {
            s = pp->err.code;
            if (err)
                *err = pp->err;
        }
        memset(&pp->chunk, 0, sizeof pp->chunk);
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
    coda_pj_chunk_free(&pp->chunk);
    pthread_mutex_destroy(&pp->mu);
    pthread_cond_destroy(&pp->cv);
    coda_free(pp->ends);
    coda_free(pp);
}
