/* lreview.c - p:serve{...}: the review server (runtime/review.h) for a
 * Project, stopped by SIGINT or SIGTERM. */
#include "lcoda.h"

#include "../runtime/review.h"

#include <lauxlib.h>
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_flag;

static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

/* What the ready callback needs: the Lua state and whether on_ready
 * failed (its error message is then left on the stack). */
typedef struct ready_ctx {
    lua_State *L;
    int fn;                     /* stack index of on_ready, or 0 */
    int failed;
} ready_ctx;

/* Call on_ready(url) protected: a Lua error must not jump out of the
 * server while it runs; it stops the server and is raised afterwards. */
static void on_ready(void *ud, const char *url)
{
    ready_ctx *r = ud;
    if (!r->fn)
        return;
    lua_pushvalue(r->L, r->fn);
    lua_pushstring(r->L, url);
    if (lua_pcall(r->L, 1, 0, 0) != LUA_OK) {
        r->failed = 1;
        stop_flag = 1;
    }
}

/* coda_review_serve with SIGINT and SIGTERM setting the stop flag; the
 * handlers before (the executable's, which remove half-written outputs
 * and die) are back when it returns. */
static coda_status serve_until_signal(coda_project *p, coda_review_opts *o,
                                      coda_error *err)
{
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    stop_flag = 0;
    o->stop = &stop_flag;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    coda_status st = coda_review_serve(p, o, err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return st;
}

/* The integer option key of the table at 1 (def when absent). */
static lua_Integer opt_int(lua_State *L, const char *key, lua_Integer def)
{
    lua_getfield(L, 2, key);
    lua_Integer v = luaL_opt(L, luaL_checkinteger, -1, def);
    lua_pop(L, 1);
    return v;
}

/* The string option key (NULL when absent), kept alive by the options
 * table. */
static const char *opt_str(lua_State *L, const char *key)
{
    lua_getfield(L, 2, key);
    const char *v = luaL_optstring(L, -1, NULL);
    lua_pop(L, 1);
    return v;
}

/* p:serve{ port = 0, coder = nil, token = nil, max_body = 65536,
 *          on_ready = function(url) end } -> true
 * Serves the project on 127.0.0.1 until SIGINT or SIGTERM; on_ready is
 * called with the URL (token included) once the server listens.  Raises
 * on a bad option or when the server cannot start. */
int lcoda_project_serve(lua_State *L)
{
    static const char *const known[] = { "port", "coder", "token",
                                         "max_body", "on_ready", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    lcoda_check_options(L, 2, "serve", known);
    if (lua_isnoneornil(L, 2)) {
        lua_settop(L, 1);
        lua_newtable(L);
    }
    lua_Integer port = opt_int(L, "port", 0);
    lua_Integer max_body = opt_int(L, "max_body", 0);
    luaL_argcheck(L, port >= 0 && port <= 65535, 2, "port must be 0-65535");
    luaL_argcheck(L, max_body >= 0, 2, "max_body must not be negative");
    coda_review_opts o = { (int)port, opt_str(L, "coder"),
                           opt_str(L, "token"), (size_t)max_body, on_ready,
                           NULL, &stop_flag };
    lua_getfield(L, 2, "on_ready");
    luaL_argcheck(L, lua_isnil(L, -1) || lua_isfunction(L, -1), 2,
                  "on_ready must be a function");
    ready_ctx r = { L, lua_isnil(L, -1) ? 0 : lua_gettop(L), 0 };
    o.ud = &r;

    coda_error err;
    coda_status st = serve_until_signal(p, &o, &err);
    if (st != CODA_OK)
        return lcoda_raise(L, &err);
    if (r.failed)
        return lua_error(L);
    lua_pushboolean(L, 1);
    return 1;
}
