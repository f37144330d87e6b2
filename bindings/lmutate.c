/* lmutate.c - ds:mutate with expressions computed in C (runtime/expr.h):
 * one column, or a table of them. */
#include "lcoda.h"

#include "../runtime/expr.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

/* Replace the Dataset at ds with one holding n more columns. */
static void apply(lua_State *L, int ds, const char *const *names,
                  const char *const *srcs, size_t n)
{
    coda_table *t = lcoda_check_dataset(L, ds);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_mutate(t, names, srcs, n, out, &err) != CODA_OK) {
        luaL_where(L, 1);
        lua_pushfstring(L, "mutate: %s", err.msg);
        lua_concat(L, 2);
        lua_error(L);
    }
    lua_replace(L, ds);
}

/* The expression at idx for column name: a string without a NUL byte
 * (C would read a shorter expression than the script gave). */
static const char *expr_at(lua_State *L, int idx, const char *name)
{
    size_t len;
    if (!*name)
        luaL_error(L, "mutate: a column name must not be empty");
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "mutate: the expression for \"%s\" must be a string, "
                   "got %s", name, luaL_typename(L, idx));
    const char *s = lua_tolstring(L, idx, &len);
    if (strlen(s) != len)
        luaL_error(L, "mutate: the expression for \"%s\" holds a NUL byte",
                   name);
    return s;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Array entries { name, expression }, each in turn (seeing the ones before). */
static void array_entries(lua_State *L, int spec, int ds)
{
    size_t n = lcoda_plain_len(L, spec, "mutate", "the columns");
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, spec, (lua_Integer)i + 1);
        if (!lua_istable(L, -1))
            luaL_error(L, "mutate: entry %d must be { name, expression }",
                       (int)i + 1);
        lcoda_check_plain(L, -1, "mutate", "an entry");
        lua_geti(L, -1, 1);
        lua_geti(L, -2, 2);
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "mutate: entry %d needs a name first", (int)i + 1);
        const char *name = lua_tostring(L, -2);
        const char *src = expr_at(L, -1, name);
        apply(L, ds, &name, &src, 1);
        lua_pop(L, 3);
    }
}

/* Named entries name = expression, all from the same columns; added in
 * the order of their names. */
static void named_entries(lua_State *L, int spec, int ds)
{
    size_t n = 0, na = (size_t)lua_rawlen(L, spec);
    lua_pushnil(L);
    while (lua_next(L, spec)) {
        lua_pop(L, 1);
        n += lua_type(L, -1) == LUA_TSTRING;
    }
    const char **names = lua_newuserdatauv(L, (2 * n + 1) * sizeof *names, 0);
    const char **srcs = names + n;
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, spec)) {
        if (lua_type(L, -2) == LUA_TSTRING)
            names[k++] = lua_tostring(L, -2);
        else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
                 (size_t)lua_tointeger(L, -2) > na)
            luaL_error(L, "mutate: keys must be column names");
        lua_pop(L, 1);
    }
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        lua_getfield(L, spec, names[i]); /* the spec table keeps it alive */
        srcs[i] = expr_at(L, -1, names[i]);
        lua_pop(L, 1);
    }
    if (n)
        apply(L, ds, names, srcs, n);
    lua_pop(L, 1);
}

/* ds:mutate(name, "expression") -> Dataset with column name added or
 * replaced; ds:mutate{ name = "expression", ... } adds several, each
 * computed from ds's columns; ds:mutate{ { name, "expression" }, ... }
 * adds them in order, each seeing the ones before. */
int lcoda_mutate_exprs(lua_State *L)
{
    lcoda_check_dataset(L, 1);
    lua_pushvalue(L, 1);
    int ds = lua_gettop(L);
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *name = lua_tostring(L, 2);
        if (lua_type(L, 3) != LUA_TSTRING)
            return luaL_error(L, "mutate: after the column name, an "
                              "expression (a string) or a function, got %s",
                              luaL_typename(L, 3));
        const char *src = expr_at(L, 3, name);
        apply(L, ds, &name, &src, 1);
        return 1;
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_plain(L, 2, "mutate", "the columns");
    array_entries(L, 2, ds);
    named_entries(L, 2, ds);
    lua_settop(L, ds);
    return 1;
}
