/* oom.c - the failing allocator of the unit tests (oom.h). */
#include "oom.h"

#include "base_alloc.h"

#include <check.h>
#include <stdatomic.h>
#include <stdlib.h>

static atomic_long calls, live, fail_at;
static atomic_int persist, fired;

static void *oom_realloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    long n = atomic_fetch_add(&calls, 1) + 1;
    long f = atomic_load(&fail_at);
    if (f > 0 && (n == f || (atomic_load(&persist) && n > f))) {
        atomic_store(&fired, 1);
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p && !ptr)
        atomic_fetch_add(&live, 1);
    return p;
}

static void oom_free(void *ud, void *ptr)
{
    (void)ud;
    atomic_fetch_sub(&live, 1);
    free(ptr);
}

void oom_install(void)
{
    static const coda_allocator a = { oom_realloc, oom_free, NULL };
    atomic_store(&live, 0);
    oom_arm(0, 0);
    coda_set_allocator(&a);
}

void oom_remove(void)
{
    coda_set_allocator(NULL);
}

void oom_arm(long n, int persistent)
{
    atomic_store(&calls, 0);
    atomic_store(&fired, 0);
    atomic_store(&persist, persistent);
    atomic_store(&fail_at, n);
}

long oom_live(void) { return atomic_load(&live); }
long oom_calls(void) { return atomic_load(&calls); }
int oom_fired(void) { return atomic_load(&fired); }

long oom_loop(oom_op op, void *ctx, int persistent)
{
    oom_install();
    for (long n = 1;; n++) {
        coda_error err;
        coda_error_clear(&err);
        oom_arm(n, persistent);
        coda_status st = op(ctx, &err);
        int hit = oom_fired();
        long left = oom_live();
        oom_arm(0, 0);
        if ((st != CODA_OK && st != CODA_ENOMEM) || left != 0 ||
            (st == CODA_ENOMEM && err.code != CODA_ENOMEM) ||
            (!hit && st != CODA_OK) || n > 100000) {
            oom_remove();
            ck_abort_msg("failing allocation %ld%s: status %d (%s: %s), "
                         "%ld block(s) left alive", n,
                         persistent ? " and on" : "", (int)st,
                         coda_strerror(st), err.msg, left);
        }
        if (!hit) {
            oom_remove();
            return n;
        }
    }
}
