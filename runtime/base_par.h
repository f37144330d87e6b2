/* base_par.h - running a few independent jobs on threads.
 *
 * The jobs write only their own results, so what they compute does not
 * depend on how many threads ran them. */
#ifndef CODA_BASE_PAR_H
#define CODA_BASE_PAR_H

#include "base_api.h"

#include <stddef.h>

/* The threads worth starting for work over nrow rows: 1 below a size
 * where starting a thread costs more than it saves, else the cores
 * online, at most 8; the CODA_THREADS environment variable (a positive
 * whole number) overrides it. */
CODA_INTERNAL
size_t coda_par_threads(size_t nrow);

/* Run fn(arg + i * size) for i in [0, n): job 0 on the caller's thread,
 * the others on threads of their own; a job whose thread cannot start
 * runs on the caller's thread after job 0.  Returns when all have run.
 * With size 0 every job gets arg itself: n threads sharing one queue of
 * work that arg holds. */
CODA_INTERNAL
void coda_par_run(void (*fn)(void *), void *arg, size_t size, size_t n);

/* fn(ctx, lo, hi) over [0, n) cut into even stretches, one a thread
 * (coda_par_threads(n) of them), the caller's thread one of them. */
CODA_INTERNAL
void coda_par_ranges(void (*fn)(void *ctx, size_t lo, size_t hi), void *ctx,
                     size_t n);

#endif
