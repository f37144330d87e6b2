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
    size_t r0, r1;              /* the rows to code */
    uint32_t *codes;
    size_t ncodes;
    cb_code_view *view;         /* every code of cb, by codebook index */
    size_t nview;
    const coda_literals *lits;  /* the prefilter's automaton, or NULL */
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

/* Where in a long unit a code's matches can start: every match holds one
 * of the code's literals and spans at most cb_code_view.span bytes, so it
 * starts within span bytes before an occurrence of one (coder_window.c).
 * Windows [lo, hi) come in order and do not touch. */
typedef struct coder_win {
    size_t lo, hi;
} coder_win;

typedef struct coder_wins {
    coder_win *v;
    size_t n, cap;
} coder_wins;

/* A job's windows: per code of the codebook, for the current unit. */
typedef struct coder_winset {
    const cb_code_view *view;   /* the codebook's codes */
    size_t n;
    coder_wins *code;           /* n of them */
    uint8_t *hit;               /* per code: the unit holds a literal */
    int nomem;
} coder_winset;

/* Units at least this long are coded in windows. */
#define CODER_WIN_MIN 2048

/* Fill ws (zeroed at first) for s[0..len): the windows of every code of
 * ru's codebook with a bounded span, and hit[] for every code as
 * cb_prefilter_scan sets it.  s must hold no U+212A or U+017F (their folds
 * are not bytes of s).  CODA_ENOMEM. */
coda_status coder_windows_scan(const run *ru, const char *s, size_t len,
                               coder_winset *ws);
void coder_windows_free(coder_winset *ws);

/* Code rows [r0, r1) of j into j->segs; on failure j->st and j->err. */
void coder_job_run(job *j);

/* The segments Dataset from the jobs' segments, in job order. */
coda_status coder_build(const run *ru, const job *jobs, size_t nj,
                        coda_table **out, coda_error *err);

#endif
