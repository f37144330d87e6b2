/* lpivot.c - Dataset methods between long and wide: pivot_wider and
 * pivot_longer. */
#include "lcoda.h"

#include "../runtime/shape.h"

#include <lauxlib.h>

size_t *lcoda_check_columns(lua_State *L, const coda_table *t, int idx,
                            size_t *n)
{
    int list = lua_istable(L, idx);
    *n = list ? lcoda_plain_len(L, idx, NULL, "the list of columns") : 1;
    size_t *cols = lua_newuserdatauv(L, (*n + 1) * sizeof *cols, 0);
    for (size_t j = 0; j < *n; j++) {
        if (list)
            lua_geti(L, idx, (lua_Integer)j + 1);
        else
            lua_pushvalue(L, idx);
        cols[j] = lcoda_check_column(L, t, lua_gettop(L));
        lua_pop(L, 1);
    }
    return cols;
}

/* The columns option key of the options at o names (as
 * lcoda_check_columns), left on the stack; *n of them (0 when absent and
 * not required). */
static size_t *column_list(lua_State *L, coda_table *t, int o, const char *fn,
                           const char *key, int required, size_t *n)
{
    int ty = lua_getfield(L, o, key);
    if (ty == LUA_TNIL && required)
        luaL_error(L, "%s: option %s must name the column(s)", fn, key);
    if (ty == LUA_TNIL) {
        *n = 0;
        return NULL;
    }
    size_t *cols = lcoda_check_columns(L, t, lua_gettop(L), n);
    if (*n == 0)
        luaL_error(L, "%s: option %s is an empty list", fn, key);
    return cols;
}

/* The Dataset at 1 and its options at 2 (a table of keys[] only). */
static coda_table *check_args(lua_State *L, const char *fn,
                              const char *const *keys)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_options(L, 2, fn, keys);
    return t;
}

static const char *const wider_keys[] = { "names_from", "values_from",
                                          "values_fill", "id_cols",
                                          "names_sep", NULL };

/* ds:pivot_wider{ names_from = col, values_from = col | { col, ... },
 * values_fill = value, id_cols = { col, ... }, names_sep = "_" } ->
 * Dataset: a row per id, a column per name (per values column and name) */
int lcoda_ds_pivot_wider(lua_State *L)
{
    coda_table *t = check_args(L, "pivot_wider", wider_keys);
    coda_pivot_wider_opts o = { 0 };
    size_t n;
    const size_t *nf = column_list(L, t, 2, "pivot_wider", "names_from", 1, &n);
    if (n != 1)
        return luaL_error(L, "pivot_wider: names_from must name one column");
    o.names_from = nf[0];
    o.values_from = column_list(L, t, 2, "pivot_wider", "values_from", 1,
                                &o.nvalues);
    o.id_cols = column_list(L, t, 2, "pivot_wider", "id_cols", 0, &o.nid);
    coda_value fill;
    if (lua_getfield(L, 2, "values_fill") != LUA_TNIL) {
        fill = lcoda_to_value(L, lua_gettop(L), 2);
        o.fill = &fill;
    }
    lua_getfield(L, 2, "names_sep");
    o.names_sep = luaL_optstring(L, -1, "_");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return coda_pivot_wider(t, &o, out, &err) == CODA_OK ? 1
                                                          : lcoda_raise(L, &err);
}

static const char *const longer_keys[] = { "cols", "names_to", "values_to",
                                           "values_drop_na", NULL };

/* ds:pivot_longer{ cols = { col, ... }, names_to = "name", values_to =
 * "value", values_drop_na = false } -> Dataset: a row per row and column
 * of cols */
int lcoda_ds_pivot_longer(lua_State *L)
{
    coda_table *t = check_args(L, "pivot_longer", longer_keys);
    coda_pivot_longer_opts o = { 0 };
    o.cols = column_list(L, t, 2, "pivot_longer", "cols", 1, &o.ncols);
    lua_getfield(L, 2, "names_to");
    o.names_to = luaL_optstring(L, -1, "name");
    lua_getfield(L, 2, "values_to");
    o.values_to = luaL_optstring(L, -1, "value");
    lua_getfield(L, 2, "values_drop_na");
    o.drop_na = lua_toboolean(L, -1);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return coda_pivot_longer(t, &o, out, &err) == CODA_OK ? 1
                                                           : lcoda_raise(L, &err);
}
