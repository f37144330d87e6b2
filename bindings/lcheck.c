/* lcheck.c - checking what a script hands to coda, for every binding
 * file: paths, plain tables, option names and string choices. */
#include "lcoda.h"

#include <lauxlib.h>
#include <string.h>

const char *lcoda_check_path(lua_State *L, int arg)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    if (strlen(s) != len)
        luaL_argerror(L, arg, "a path with a NUL byte");
    return s;
}

void lcoda_check_plain(lua_State *L, int idx, const char *fn,
                       const char *what)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return;
    luaL_error(L, "%s%s%s must be a plain table (without a metatable)",
               fn ? fn : "", fn ? ": " : "", what);
}

size_t lcoda_plain_len(lua_State *L, int idx, const char *fn,
                       const char *what)
{
    lcoda_check_plain(L, idx, fn, what);
    return (size_t)lua_rawlen(L, idx);
}

/* The index in names of the string s, or -1. */
static int find_name(const char *s, const char *const *names)
{
    for (int i = 0; s && names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* Push names joined by sep, the last two by last ("a, b or c"); each
 * quoted when quote. */
static void push_list(lua_State *L, const char *const *names,
                      const char *last, int quote)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; names[i]; i++) {
        if (i)
            luaL_addstring(&b, names[i + 1] ? ", " : last);
        luaL_addstring(&b, quote ? "\"" : "");
        luaL_addstring(&b, names[i]);
        luaL_addstring(&b, quote ? "\"" : "");
    }
    luaL_pushresult(&b);
}

/* 1 when the table at o is a list of warnings (LCODA_WARNING_LIST). */
static int is_warning_list(lua_State *L, int o)
{
    if (!lua_getmetatable(L, o))
        return 0;
    luaL_getmetatable(L, LCODA_WARNING_LIST);
    int warnings = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return warnings;
}

void lcoda_check_options(lua_State *L, int o, const char *fn,
                         const char *const *known)
{
    if (lua_isnoneornil(L, o))
        return;
    luaL_checktype(L, o, LUA_TTABLE);
    /* a list of warnings passed on by f(coda.read_corpus(...)) is no
     * options */
    if (is_warning_list(L, o))
        return;
    lcoda_check_plain(L, o, fn, "options");
    lua_pushnil(L);
    while (lua_next(L, o)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING &&
            find_name(lua_tostring(L, -1), known) >= 0)
            continue;
        const char *name = luaL_tolstring(L, -1, NULL);
        push_list(L, known, ", ", 0);
        luaL_error(L, "%s: unknown option \"%s\" (options: %s)", fn, name,
                   lua_tostring(L, -1));
    }
}

int lcoda_check_choice(lua_State *L, int idx, const char *fn,
                       const char *what, const char *const *names, int def)
{
    return lcoda_check_choice_or(L, idx, fn, what, names, NULL, def);
}

int lcoda_check_choice_or(lua_State *L, int idx, const char *fn,
                          const char *what, const char *const *names,
                          const char *other, int def)
{
    if (lua_isnoneornil(L, idx))
        return def;
    int i = find_name(lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx)
                                                       : NULL, names);
    if (i >= 0)
        return i;
    const char *s = luaL_tolstring(L, idx, NULL);
    push_list(L, names, other ? ", " : " or ", 1);
    return luaL_error(L, "%s: %s must be %s%s%s, not \"%s\"", fn, what,
                      lua_tostring(L, -1), other ? " or " : "",
                      other ? other : "", s);
}
