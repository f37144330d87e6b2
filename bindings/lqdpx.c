/* lqdpx.c - REFI-QDA project exchange for a Project: p:write_qdpx and
 * p:read_qdpx (runtime/qdpx.h). */
#include "lcoda.h"

#include "../runtime/qdpx.h"

#include <lauxlib.h>
#include <string.h>

/* A path argument: a string without NUL bytes. */
static const char *check_path(lua_State *L, int arg)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    if (strlen(s) != len)
        luaL_argerror(L, arg, "a path may not hold a NUL byte");
    return s;
}

/* p:write_qdpx(path [, { all = false }]) -> nothing
 * all: every segment not gone, pending and rejected ones too (default:
 * accepted ones, manual ones among them). */
int lcoda_project_write_qdpx(lua_State *L)
{
    static const char *const known[] = { "all", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    const char *path = check_path(L, 2);
    lcoda_check_options(L, 3, "write_qdpx", known);
    coda_qdpx_opts o;
    coda_qdpx_opts_init(&o);
    if (!lua_isnoneornil(L, 3)) {
        lua_getfield(L, 3, "all");
        o.all = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    coda_error err;
    if (coda_qdpx_export(p, path, &o, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 0;
}

/* The options of read_qdpx at arg into o. */
static void read_opts(lua_State *L, int arg, coda_qdpx_opts *o)
{
    static const char *const known[] = { "coder", "max_bytes", NULL };
    lcoda_check_options(L, arg, "read_qdpx", known);
    if (lua_isnoneornil(L, arg))
        return;
    if (lua_getfield(L, arg, "coder") != LUA_TNIL) {
        size_t len;
        const char *c = lua_tolstring(L, -1, &len);
        if (!c || lua_type(L, -1) != LUA_TSTRING || strlen(c) != len)
            luaL_error(L, "read_qdpx: option coder must be a name (a string "
                       "without NUL bytes)");
        o->coder = c;               /* kept alive by the options table */
    }
    lua_pop(L, 1);
    if (lua_getfield(L, arg, "max_bytes") != LUA_TNIL) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) <= 0)
            luaL_error(L, "read_qdpx: option max_bytes must be a positive "
                       "integer");
        o->max_bytes = (uint64_t)lua_tointeger(L, -1);
    }
    lua_pop(L, 1);
}

/* p:read_qdpx(path [, { coder = NAME, max_bytes = N }])
 *   -> { sources, documents, codes, segments, memos, skipped }
 * coder: every coding and note becomes this coder's (default: the name of
 * its User); max_bytes: the most the archive may inflate to (1 GiB). */
int lcoda_project_read_qdpx(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    const char *path = check_path(L, 2);
    coda_qdpx_opts o;
    coda_qdpx_opts_init(&o);
    read_opts(L, 3, &o);
    coda_qdpx_result r;
    coda_error err;
    if (coda_qdpx_import(p, path, &o, &r, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_createtable(L, 0, 6);
    const char *names[] = { "sources", "documents", "codes", "segments",
                            "memos", "skipped" };
    size_t v[] = { r.sources, r.documents, r.codes, r.segments, r.memos,
                   r.skipped };
    for (int i = 0; i < 6; i++) {
        lua_pushinteger(L, (lua_Integer)v[i]);
        lua_setfield(L, -2, names[i]);
    }
    return 1;
}
