/* coder.c - coding a corpus: one job per slice of documents, each with its
 * own PCRE2 match data and JIT stack, run on threads and concatenated in
 * corpus order so the result does not depend on the number of threads. */
#include "coder_int.h"

#include "base_alloc.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void coda_code_opts_init(coda_code_opts *o)
{
    memset(o, 0, sizeof *o);
    o->prefilter = 1;
    o->ascii = 1;
}

static coda_status need_column(const coda_table *t, const char *name,
                               coda_type type, int optional, long *c,
                               coda_error *err)
{
    *c = coda_table_find(t, name);
    if (*c < 0 && optional)
        return CODA_OK;
    if (*c < 0 || t->cols[*c].type != type)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "code: the corpus "
                              "needs %s column \"%s\" (doc, unit, speaker, "
                              "text as read_corpus makes)", type ==
                              CODA_STRING ? "a string" : "an integer", name);
    return CODA_OK;
}

/* The codebook indices to code, in codebook order; broken: leave out the
 * codes that did not compile instead of refusing the codebook. */
static coda_status pick_codes(const coda_codebook *cb, const coda_code_opts *o,
                              int broken, uint32_t **codes, size_t *n,
                              coda_error *err)
{
    size_t total = coda_codebook_size(cb), k = 0;
    uint8_t *want = coda_calloc(total ? total : 1, 1);
    *codes = coda_malloc((total ? total : 1) * sizeof **codes);
    if (!want || !*codes) {
        coda_free(want);
        return coda_error_nomem(err);
    }
    for (size_t i = 0; i < o->ncodes; i++) {
        long at = coda_codebook_find(cb, o->codes[i]);
        if (at < 0) {
            coda_free(want);
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "code: no code "
                                  "\"%s\" in the codebook", o->codes[i]);
        }
        want[at] = 1;
    }
    for (size_t i = 0; i < total; i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        if ((o->codes && !want[i]) || (in.error && broken))
            continue;
        if (in.error) {
            coda_free(want);
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "code: the "
                                  "codebook has errors: %s", in.error);
        }
        (*codes)[k++] = (uint32_t)i;
    }
    coda_free(want);
    *n = k;
    return CODA_OK;
}

/* What ru codes with: a view of every code of its codebook. */
static coda_status view_codes(run *ru, coda_error *err)
{
    ru->nview = coda_codebook_size(ru->cb);
    ru->view = coda_malloc((ru->nview ? ru->nview : 1) * sizeof *ru->view);
    if (!ru->view)
        return coda_error_nomem(err);
    for (size_t i = 0; i < ru->nview; i++)
        cb_code_view_get(ru->cb, i, &ru->view[i]);
    ru->lits = cb_literals(ru->cb);
    return CODA_OK;
}

static int ncores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Slice rows into at most want jobs of similar text size, cutting only
 * where the document changes. */
static size_t slice(const coda_table *t, const run *ru, int want, job *jobs)
{
    const coda_column *doc = &t->cols[ru->doc], *text = &t->cols[ru->text];
    uint64_t total = ru->bytes_total, acc = 0;
    size_t nj = 0, start = ru->r0;
    for (size_t r = ru->r0; r < ru->r1; r++) {
        acc += text->v.s.len[r];
        int cut = r + 1 < ru->r1 && nj + 1 < (size_t)want &&
                  acc * (uint64_t)want >= total * (nj + 1) &&
                  strcmp(doc->v.s.p[r], doc->v.s.p[r + 1]) != 0;
        if (cut || r + 1 == ru->r1) {
            jobs[nj].r0 = start;
            jobs[nj].r1 = r + 1;
            jobs[nj].index = (int)nj;
            nj++;
            start = r + 1;
        }
    }
    return nj;
}

static int thread_count(const run *ru, const coda_code_opts *o)
{
    if (o->threads > 0)
        return o->threads > 64 ? 64 : o->threads;
    return ru->bytes_total < 256 * 1024 ? 1 : ncores();
}

/* Wait for every job, reporting progress meanwhile. */
static void wait_all(run *ru, size_t nj)
{
    pthread_mutex_lock(&ru->lock);
    while (ru->finished < nj) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 250000000L;
        if (ts.tv_nsec >= 1000000000L)
            ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        int rc = pthread_cond_timedwait(&ru->done, &ru->lock, &ts);
        if (rc == ETIMEDOUT && ru->o->progress) {
            uint64_t d = atomic_load(&ru->bytes_done);
            pthread_mutex_unlock(&ru->lock);
            ru->o->progress(ru->o->progress_ud, d, ru->bytes_total);
            pthread_mutex_lock(&ru->lock);
        }
    }
    pthread_mutex_unlock(&ru->lock);
}

static void *job_main(void *arg)
{
    job *j = arg;
    coder_job_run(j);
    pthread_mutex_lock(&j->ru->lock);
    j->ru->finished++;
    pthread_cond_signal(&j->ru->done);
    pthread_mutex_unlock(&j->ru->lock);
    return NULL;
}

/* Run the jobs on threads (the first on this one when no progress is
 * wanted); CODA_ENOMEM when a thread cannot start. */
static coda_status run_jobs(run *ru, job *jobs, size_t nj)
{
    pthread_t tid[64];
    size_t started = 0;
    size_t first = ru->o->progress ? 0 : 1;
    for (size_t i = first; i < nj; i++, started++)
        if (pthread_create(&tid[i], NULL, job_main, &jobs[i]) != 0)
            break;
    if (first + started < nj) {         /* run the rest here */
        for (size_t i = first + started; i < nj; i++)
            job_main(&jobs[i]);
    }
    if (first)
        job_main(&jobs[0]);
    wait_all(ru, nj);
    for (size_t i = first; i < first + started; i++)
        pthread_join(tid[i], NULL);
    return CODA_OK;
}

/* Count in ru->units the units with a segment of each code (the jobs'
 * segments come in row order). */
static coda_status count_units(run *ru, const job *jobs, size_t nj,
                               coda_error *err)
{
    size_t n = coda_codebook_size(ru->cb);
    size_t *last = coda_calloc(n ? n : 1, sizeof *last);   /* row + 1 */
    if (!last)
        return coda_error_nomem(err);
    memset(ru->units, 0, n * sizeof *ru->units);
    for (size_t i = 0; i < nj; i++)
        for (size_t k = 0; k < jobs[i].n; k++) {
            const seg *s = &jobs[i].segs[k];
            ru->units[s->code] += last[s->code] != s->row + 1;
            last[s->code] = s->row + 1;
        }
    coda_free(last);
    return CODA_OK;
}

static coda_status code_all(run *ru, coda_table **out, coda_error *err)
{
    job jobs[64];
    const coda_table *t = ru->t;
    size_t nj = slice(t, ru, thread_count(ru, ru->o), jobs);
    for (size_t i = 0; i < nj; i++) {
        jobs[i].ru = ru;
        jobs[i].segs = NULL;
        jobs[i].n = jobs[i].cap = 0;
        jobs[i].st = CODA_OK;
        coda_error_clear(&jobs[i].err);
    }
    coda_status st = nj ? run_jobs(ru, jobs, nj) : CODA_OK;
    for (size_t i = 0; i < nj && st == CODA_OK; i++)
        if (jobs[i].st != CODA_OK) {
            st = jobs[i].st;
            if (err)
                *err = jobs[i].err;
        }
    if (st == CODA_OK && ru->units)
        st = count_units(ru, jobs, nj, err);
    else if (st == CODA_OK)
        st = coder_build(ru, jobs, nj, out, err);
    for (size_t i = 0; i < nj; i++)
        coda_free(jobs[i].segs);
    return st;
}

/* Code t into *out, or with units count the units of each code. */
static coda_status code_run(const coda_codebook *cb, const coda_table *t,
                            const coda_code_opts *opts, coda_table **out,
                            size_t *units, coda_error *err)
{
    coda_code_opts def;
    if (!opts)
        coda_code_opts_init(&def), opts = &def;
    run ru = { .cb = cb, .t = t, .o = opts, .units = units };
    coda_status st = need_column(t, "doc", CODA_STRING, 0, &ru.doc, err);
    if (st == CODA_OK)
        st = need_column(t, "unit", CODA_INTEGER, 0, &ru.unit, err);
    if (st == CODA_OK)
        st = need_column(t, "text", CODA_STRING, 0, &ru.text, err);
    if (st == CODA_OK)
        st = need_column(t, "speaker", CODA_STRING, 1, &ru.speaker, err);
    if (st == CODA_OK)
        st = pick_codes(cb, opts, units != NULL, &ru.codes, &ru.ncodes, err);
    if (st == CODA_OK)
        st = view_codes(&ru, err);
    if (st != CODA_OK) {
        coda_free(ru.codes);
        coda_free(ru.view);
        return st;
    }
    ru.lim = cb_default_limits;
    if (opts->match_limit)
        ru.lim.match = opts->match_limit;
    if (opts->depth_limit)
        ru.lim.depth = opts->depth_limit;
    if (opts->heap_limit_kib)
        ru.lim.heap_kib = opts->heap_limit_kib;
    if (opts->step_limit)
        ru.lim.steps = opts->step_limit;
    if (opts->time_limit_ms)
        ru.lim.time_ms = opts->time_limit_ms;
    ru.failed_min = INT_MAX;
    ru.r1 = opts->last && opts->last < t->nrow ? opts->last : t->nrow;
    ru.r0 = opts->first < ru.r1 ? opts->first : ru.r1;
    for (size_t r = ru.r0; r < ru.r1; r++)
        ru.bytes_total += t->cols[ru.text].v.s.len[r];
    pthread_mutex_init(&ru.lock, NULL);
    pthread_cond_init(&ru.done, NULL);
    st = code_all(&ru, out, err);
    pthread_cond_destroy(&ru.done);
    pthread_mutex_destroy(&ru.lock);
    coda_free(ru.codes);
    coda_free(ru.view);
    return st;
}

coda_status coda_code(const coda_codebook *cb, const coda_table *t,
                      const coda_code_opts *opts, coda_table **out,
                      coda_error *err)
{
    return code_run(cb, t, opts, out, NULL, err);
}

coda_status coda_code_units(const coda_codebook *cb, const coda_table *t,
                            const coda_code_opts *opts, size_t *units,
                            coda_error *err)
{
    return code_run(cb, t, opts, NULL, units, err);
}
