/* base_par.c - running a few independent jobs on threads. */
#include "base_par.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

enum { PAR_MAX = 8, PAR_MIN_ROWS = 200000 };

size_t coda_par_threads(size_t nrow)
{
    const char *env = getenv("CODA_THREADS");
    if (env && *env) {
        char *end;
        long n = strtol(env, &end, 10);
        if (*end == '\0' && n > 0)
            return n > PAR_MAX ? PAR_MAX : (size_t)n;
    }
    if (nrow < PAR_MIN_ROWS)
        return 1;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > PAR_MAX ? PAR_MAX : (size_t)n;
}

typedef struct par_job {
    void (*fn)(void *);
    void *arg;
} par_job;

static void *par_main(void *p)
{
    par_job *j = p;
    j->fn(j->arg);
    return NULL;
}

void coda_par_run(void (*fn)(void *), void *arg, size_t size, size_t n)
{
    pthread_t tid[PAR_MAX];
    par_job job[PAR_MAX];
    int started[PAR_MAX] = { 0 };
    for (size_t done = 0; done < n; done += PAR_MAX) {
        size_t k = n - done < PAR_MAX ? n - done : PAR_MAX;
        for (size_t i = 0; i < k; i++)
            job[i] = (par_job){ fn, (char *)arg + (done + i) * size };
        for (size_t i = 1; i < k; i++)
            started[i] = pthread_create(&tid[i], NULL, par_main, &job[i]) == 0;
        fn(job[0].arg);
        for (size_t i = 1; i < k; i++) {
            if (started[i])
                pthread_join(tid[i], NULL);
            else
                fn(job[i].arg);
        }
    }
}

typedef struct range_job {
    void (*fn)(void *ctx, size_t lo, size_t hi);
    void *ctx;
    size_t lo, hi;
} range_job;

static void range_main(void *p)
{
    range_job *j = p;
    j->fn(j->ctx, j->lo, j->hi);
}

void coda_par_ranges(void (*fn)(void *ctx, size_t lo, size_t hi), void *ctx,
                     size_t n)
{
    size_t nt = coda_par_threads(n);
    range_job jobs[PAR_MAX];
    for (size_t t = 0; t < nt; t++)
        jobs[t] = (range_job){ fn, ctx, n * t / nt, n * (t + 1) / nt };
    coda_par_run(range_main, jobs, sizeof *jobs, nt);
}
