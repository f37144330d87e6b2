/* base_blocks.c - large freed blocks kept for the next large allocation.
 *
 * A block of many megabytes comes from the system as pages that do not
 * exist until first written, and each first write costs a page fault and
 * the zeroing of the page: on a virtual machine about 0.6 s a gigabyte,
 * ten times the cost of writing the same memory again.  A group-by over
 * ten million rows allocates a few gigabytes of such blocks; run twice,
 * it pays for them twice.  So the default allocator keeps large freed
 * blocks (up to a bound, CODA_BLOCK_CACHE_MB, default a quarter of the
 * memory and at most 2 GB) and hands them out again: the best fitting,
 * never one more than twice the size asked for.  A kept block is memory
 * the process still holds.  The bound is what coda may hold beyond what
 * it uses; a large allocation that no kept block fits (or a block grown
 * by as much) frees kept blocks of about its size first, so that keeping
 * them does not raise the peak; coda_blocks_release gives them all back.
 * Sanitizer builds keep nothing (a kept block would hide a use after
 * free), nor does a process with CODA_BLOCK_CACHE_MB=0. */
#include "base_blocks.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NSLOT = 32 };

static struct {
    pthread_mutex_t lock;
    pthread_once_t once;
    size_t cap, held;           /* bytes allowed, bytes kept */
    int poison;                 /* fill a block handed out with 0xA5 */
    size_t n;
    void *p[NSLOT];
    size_t size[NSLOT];
} kept = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_ONCE_INIT, 0, 0, 0, 0, { 0 },
           { 0 } };

#if defined(__SANITIZE_ADDRESS__)
#define BLOCKS_DEFAULT_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLOCKS_DEFAULT_OFF 1
#endif
#endif

static void configure(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t mb = pages > 0 && page > 0 ? (size_t)pages / 4 * (size_t)page >> 20
                                      : 0;
    mb = mb > 2048 ? 2048 : mb;
#ifdef BLOCKS_DEFAULT_OFF
    mb = 0;
#endif
    const char *env = getenv("CODA_BLOCK_CACHE_MB");
    if (env && *env) {
        char *end;
        unsigned long long v = strtoull(env, &end, 10);
        if (*end == '\0' && v < ((size_t)-1 >> 20))
            mb = (size_t)v;
    }
    kept.cap = mb << 20;
    /* for tests: code that reads a fresh block before writing it (which
     * the system hands out zeroed) then reads bytes that are not 0 */
    env = getenv("CODA_BLOCK_POISON");
    kept.poison = env && *env && strcmp(env, "0") != 0;
}

/* Slot i no longer kept (under the lock); its block returned. */
static void *forget(size_t i)
{
    void *p = kept.p[i];
    kept.held -= kept.size[i];
    kept.n--;
    kept.p[i] = kept.p[kept.n];
    kept.size[i] = kept.size[kept.n];
    return p;
}

/* The smallest kept block of at least lo bytes and at most hi; kept.n
 * when there is none (under the lock). */
static size_t smallest(size_t lo, size_t hi)
{
    size_t best = kept.n;
    for (size_t i = 0; i < kept.n; i++)
        if (kept.size[i] >= lo && kept.size[i] <= hi &&
            (best == kept.n || kept.size[i] < kept.size[best]))
            best = i;
    return best;
}

/* Kept blocks a fresh block of size bytes could have been (at most
 * twice its size), freed smallest first until as many bytes are gone:
 * fresh memory takes their place, so that the memory held grows no more
 * than it would without them, while the larger kept blocks stay for the
 * larger requests they fit (under the lock). */
static void make_room(size_t size)
{
    size_t hi = size > SIZE_MAX / 2 ? SIZE_MAX : 2 * size;
    for (size_t freed = 0, i; freed < size && (i = smallest(0, hi)) < kept.n;) {
        freed += kept.size[i];
        free(forget(i));
    }
}

void coda_blocks_grown(size_t bytes)
{
    if (bytes < CODA_BLOCK_MIN)
        return;
    pthread_mutex_lock(&kept.lock);
    make_room(bytes);
    pthread_mutex_unlock(&kept.lock);
}

void *coda_blocks_take(size_t size, size_t *got)
{
    if (size < CODA_BLOCK_MIN)
        return NULL;
    pthread_once(&kept.once, configure);
    void *p = NULL;
    pthread_mutex_lock(&kept.lock);
    /* a block more than twice the size would be wasted on it */
    size_t i = smallest(size, size > SIZE_MAX / 2 ? SIZE_MAX : 2 * size);
    if (i < kept.n) {
        *got = kept.size[i];
        p = forget(i);
    } else { /* the fresh block takes the place of kept ones */
        make_room(size);
    }
    pthread_mutex_unlock(&kept.lock);
    if (p && kept.poison)
        memset(p, 0xA5, *got);
    return p;
}

int coda_blocks_keep(void *p, size_t size)
{
    if (size < CODA_BLOCK_MIN)
        return 0;
    pthread_once(&kept.once, configure);
    if (size > kept.cap)
        return 0;
    pthread_mutex_lock(&kept.lock);
    while (kept.n > 0 && (kept.n == NSLOT || kept.held + size > kept.cap))
        free(forget(smallest(0, SIZE_MAX)));
    kept.p[kept.n] = p;
    kept.size[kept.n++] = size;
    kept.held += size;
    pthread_mutex_unlock(&kept.lock);
    return 1;
}

int coda_blocks_keeping(void)
{
    pthread_once(&kept.once, configure);
    pthread_mutex_lock(&kept.lock);
    int on = kept.cap > 0;
    pthread_mutex_unlock(&kept.lock);
    return on;
}

size_t coda_blocks_set_cap(size_t cap)
{
    pthread_once(&kept.once, configure);
    pthread_mutex_lock(&kept.lock);
    size_t was = kept.cap;
    kept.cap = cap;
    while (kept.n > 0 && kept.held > kept.cap)
        free(forget(smallest(0, SIZE_MAX)));
    pthread_mutex_unlock(&kept.lock);
    return was;
}

void coda_blocks_release(void)
{
    pthread_mutex_lock(&kept.lock);
    while (kept.n > 0)
        free(kept.p[--kept.n]);
    kept.held = 0;
    pthread_mutex_unlock(&kept.lock);
}

size_t coda_blocks_held(void)
{
    pthread_mutex_lock(&kept.lock);
    size_t held = kept.held;
    pthread_mutex_unlock(&kept.lock);
    return held;
}
