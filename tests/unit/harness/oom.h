/* oom.h - a counting allocator for the unit tests that fails on demand.
 *
 * oom_install puts it behind coda_set_allocator; from then on it counts
 * every allocation (realloc of NULL or of a block) and the blocks alive.
 * oom_arm(n, persistent) makes the nth allocation from now fail (and every
 * later one too when persistent).  Counters are atomic: loads run threads. */
#ifndef CODA_TEST_OOM_H
#define CODA_TEST_OOM_H

#include "base_error.h"

void oom_install(void);         /* counting, failing nothing; live = 0 */
void oom_remove(void);          /* back to the C library's allocator */
void oom_arm(long n, int persistent); /* 0: fail nothing; resets counts */
long oom_live(void);            /* blocks allocated and not yet freed */
long oom_calls(void);           /* allocation calls since the last arm */
int oom_fired(void);            /* an allocation was made to fail */

/* One run of the operation under test: do it, free what it made, return
 * its status (err may be filled). */
typedef coda_status (*oom_op)(void *ctx, coda_error *err);

/* Run op with allocation 1, 2, 3, ... failing (persistent or one-shot)
 * until a run meets no injected failure.  Every run must return CODA_OK or
 * CODA_ENOMEM (err saying so) and leave no block alive; a run that met a
 * failure may still succeed (a caller that retries smaller, like libcsv).
 * The final run must succeed.  Returns the number of runs. */
long oom_loop(oom_op op, void *ctx, int persistent);

#endif
