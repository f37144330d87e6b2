/* summarise_par.c - the summaries' parts on threads (base_par's).  A part
 * is a fixed piece of work (a spec, a stretch of rows, a range of groups)
 * whose result does not depend on which thread runs it or on how many
 * run, so that every summary is the same on one thread as on many. */
#include "summarise_int.h"

#include "base_par.h"

#include <stdatomic.h>

typedef struct crew {
    void (*fn)(void *ctx, size_t part);
    void *ctx;
    size_t nparts;
    atomic_size_t next;
} crew;

/* One thread: it takes parts until none is left. */
static void work(void *arg)
{
    crew *c = *(crew **)arg;
    for (;;) {
        size_t p = atomic_fetch_add(&c->next, 1);
        if (p >= c->nparts)
            return;
        c->fn(c->ctx, p);
    }
}

void sum_par(size_t nparts, size_t nthreads,
             void (*fn)(void *ctx, size_t part), void *ctx)
{
    crew c = { fn, ctx, nparts, 0 };
    crew *each[SUM_MAX_THREADS];
    if (nparts == 0)
        return;
    if (nthreads > nparts)
        nthreads = nparts;
    if (nthreads > SUM_MAX_THREADS)
        nthreads = SUM_MAX_THREADS;
    for (size_t i = 0; i < nthreads; i++)
        each[i] = &c;
    if (nthreads <= 1)
        work(&each[0]);
    else
        coda_par_run(work, each, sizeof *each, nthreads);
}
