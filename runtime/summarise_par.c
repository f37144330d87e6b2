/* summarise_par.c - the summaries' parts on threads.  A part is a fixed
 * piece of work (a spec, a stretch of rows, a range of groups) whose
 * result does not depend on which thread runs it or on how many run, so
 * that every summary is the same on one thread as on many. */
#include "summarise_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

enum { SUM_SMALL = 1 << 16 };

static int forced; /* sum_threads_set's count; 0: one a core */

int sum_threads_set(int n)
{
    int old = forced;
    forced = n > SUM_MAX_THREADS ? SUM_MAX_THREADS : n;
    return old;
}

size_t sum_threads(size_t nrow)
{
    if (forced > 0)
        return (size_t)forced;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (nrow < SUM_SMALL || n < 1)
        return 1;
    return n > SUM_MAX_THREADS ? SUM_MAX_THREADS : (size_t)n;
}

typedef struct crew {
    void (*fn)(void *ctx, size_t part);
    void *ctx;
    size_t nparts;
    atomic_size_t next;
} crew;

/* Take parts until none is left. */
static void *work(void *arg)
{
    crew *c = arg;
    for (;;) {
        size_t p = atomic_fetch_add(&c->next, 1);
        if (p >= c->nparts)
            return NULL;
        c->fn(c->ctx, p);
    }
}

/* A started thread: work, under a name of its own (so that a profiler
 * can count the started threads' work apart from the caller's). */
static void *sum_thread(void *arg)
{
    return work(arg);
}

void sum_par(size_t nparts, size_t nthreads,
             void (*fn)(void *ctx, size_t part), void *ctx)
{
    crew c = { fn, ctx, nparts, 0 };
    pthread_t tid[SUM_MAX_THREADS];
    int started[SUM_MAX_THREADS] = { 0 };
    if (nthreads > nparts)
        nthreads = nparts;
    if (nthreads > SUM_MAX_THREADS)
        nthreads = SUM_MAX_THREADS;
    for (size_t i = 1; i < nthreads; i++)
        started[i] = pthread_create(&tid[i], NULL, sum_thread, &c) == 0;
    work(&c); /* the caller's thread takes parts too (all, if none started) */
    for (size_t i = 1; i < nthreads; i++)
        if (started[i])
            pthread_join(tid[i], NULL);
}
