/* coder_int.h - the coder's shared state: one run, its jobs (a slice of
 * the corpus each) and the segments they find.  Not a public header. */
#ifndef CODA_CODER_INT_H
#define CODA_CODER_INT_H

#include "codebook_match.h"
#include "coder.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct seg {
    size_t row;                 /* corpus row */
    uint32_t code;              /* codebook index */
    uint32_t start, end;        /* 0-based byte span [start, end) */
} seg;

typedef struct run {
    const coda_codebook *cb;
    const coda_table *t;
    const coda_code_opts *o;
    long doc, unit, text, speaker;          /* corpus columns (speaker -1) */
    uint32_t *codes;
    size_t ncodes;
    size_t *units;              /* count units per code instead of a table */
    cb_limits lim;
    atomic_int failed_min;      /* lowest job index that failed */
    atomic_uint_fast64_t bytes_done;
    uint64_t bytes_total;
    pthread_mutex_t lock;
    pthread_cond_t done;
    size_t finished;
} run;

typedef struct job {
    run *ru;
    int index;
    size_t r0, r1;              /* rows [r0, r1) */
    seg *segs;
    size_t n, cap;
    coda_status st;
    coda_error err;
} job;

/* Code rows [r0, r1) of j into j->segs; on failure j->st and j->err. */
void coder_job_run(job *j);

/* The segments Dataset from the jobs' segments, in job order. */
coda_status coder_build(const run *ru, const job *jobs, size_t nj,
                        coda_table **out, coda_error *err);

#endif
