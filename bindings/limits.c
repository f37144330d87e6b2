/* limits.c - bounding a script: a memory budget shared by Lua and the coda
 * core (--max-memory), a wall-clock limit (--timeout), and interrupts that
 * remove half-written output files before the process dies. */
#include "cli.h"

#include "../runtime/base_alloc.h"
#include "../runtime/base_outfile.h"

#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static atomic_size_t used;      /* bytes held by Lua and the core */
static size_t budget;           /* 0: no limit */
static atomic_int over;         /* an allocation was refused */
static char seconds[32];        /* the timeout, for the message */
static lua_State *volatile running;

static int reserve(size_t add)
{
    size_t now = atomic_fetch_add(&used, add) + add;
    if (budget && now > budget) {
        atomic_fetch_sub(&used, add);
        atomic_store(&over, 1);
        return 0;
    }
    return 1;
}

/* Lua's allocator, counting against the budget. */
static void *lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    if (ptr == NULL)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        atomic_fetch_sub(&used, osize);
        return NULL;
    }
    if (nsize > osize && !reserve(nsize - osize))
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) {
        atomic_fetch_sub(&used, nsize > osize ? nsize - osize : 0);
        return NULL;
    }
    if (nsize < osize)
        atomic_fetch_sub(&used, osize - nsize);
    return p;
}

/* The core's allocator: each block carries its size in a header. */
typedef union header {
    size_t size;
    max_align_t align;
} header;

static void *core_realloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    header *h = ptr ? (header *)ptr - 1 : NULL;
    size_t old = h ? h->size : 0;
    if (size > old && !reserve(size - old))
        return NULL;
    if (size > SIZE_MAX - sizeof *h)
        return NULL;
    header *n = realloc(h, sizeof *n + size);
    if (!n) {
        if (size > old)
            atomic_fetch_sub(&used, size - old);
        return NULL;
    }
    if (size < old)
        atomic_fetch_sub(&used, old - size);
    n->size = size;
    return n + 1;
}

static void core_free(void *ud, void *ptr)
{
    (void)ud;
    header *h = (header *)ptr - 1;
    atomic_fetch_sub(&used, h->size);
    free(h);
}

/* An error outside any protected call: say it and stop (as luaL_newstate's
 * panic function does). */
static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "coda: unprotected error: %s\n", msg ? msg : "?");
    return 0;
}

lua_State *coda_new_state(size_t max_bytes)
{
    budget = max_bytes;
    if (max_bytes) {
        static const coda_allocator a = { core_realloc, core_free, NULL };
        coda_set_allocator(&a);
    }
    lua_State *L = lua_newstate(lua_alloc, NULL);
    if (L)
        lua_atpanic(L, panic);
    return L;
}

int coda_memory_exceeded(void)
{
    return atomic_load(&over);
}

/* Past the deadline every Lua instruction raises the timeout again, so a
 * pcall, message handler, __close or __gc that catches it stops at its
 * next instruction too: the error reaches the top, and the script ends. */
static void timeout_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "timeout: the script ran longer than %s seconds (--timeout)",
               seconds);
}

/* A second after the deadline the process is still here (in C code that
 * runs on, or a script that outlived its error): remove half-written
 * files, say so and end. Only async-signal-safe calls. */
static void hard_stop(void)
{
    static const char msg[] = "coda: timeout: the script did not stop within "
                              "a second of its deadline (--timeout)\n";
    coda_outfile_remove_all();
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(1);
}

/* SIGALRM: the first asks Lua to stop at its next instruction (as lua.c
 * does for ^C), the second (a second later) ends the process. */
static void on_alarm(int sig)
{
    static volatile sig_atomic_t fired;
    (void)sig;
    if (fired++)
        hard_stop();
    struct itimerval grace = { { 0, 0 }, { 1, 0 } };
    setitimer(ITIMER_REAL, &grace, NULL);
    if (running)
        lua_sethook(running, timeout_hook,
                    LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

/* SIGINT, SIGTERM, SIGHUP: remove half-written files, then die of the
 * signal as the caller expects. */
static void on_interrupt(int sig)
{
    coda_outfile_remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

void coda_install_limits(lua_State *L, double timeout)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    running = L;
    snprintf(seconds, sizeof seconds, "%g", timeout);
    if (timeout > 0) {
        struct itimerval it = { { 0, 0 }, { (time_t)timeout,
                                            (suseconds_t)((timeout - (double)(time_t)timeout) * 1e6) } };
        sa.sa_handler = on_alarm;
        sigaction(SIGALRM, &sa, NULL);
        setitimer(ITIMER_REAL, &it, NULL);
    }
}

int coda_parse_size(const char *s, size_t *out)
{
    char *end;
    double v = strtod(s, &end);
    double unit = 1;
    switch (*end) {
    case 'k': case 'K': unit = 1024.0; end++; break;
    case 'm': case 'M': unit = 1024.0 * 1024; end++; break;
    case 'g': case 'G': unit = 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (end == s || *end || !(v > 0) || v * unit > 1e18)
        return 0;
    *out = (size_t)(v * unit);
    return 1;
}
