/* ltest.c - the tests of significance of a Dataset: chisq, fisher, ttest,
 * ztest_columns. */
#include "lcoda.h"

#include "../runtime/agg.h"

#include <lauxlib.h>
#include <string.h>

/* ds:chisq(a, b [, { correct = true }]) -> Dataset statistic, df, p, n,
 * method; Dataset row, col, observed, expected, residual, stdres */
int lcoda_ds_chisq(lua_State *L)
{
    static const char *const keys[] = { "correct", NULL };
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t a = lcoda_check_column(L, t, 2), b = lcoda_check_column(L, t, 3);
    int correct = 1;
    lcoda_check_options(L, 4, "chisq", keys);
    if (lua_istable(L, 4) && lua_getfield(L, 4, "correct") != LUA_TNIL)
        correct = lua_toboolean(L, -1);
    coda_table **test = lcoda_new_dataset(L), **cells = lcoda_new_dataset(L);
    coda_error err;
    if (coda_chisq(t, a, b, correct, test, cells, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 2;
}

/* ds:fisher(a, b) -> Dataset statistic (odds ratio), df, p, n, method */
int lcoda_ds_fisher(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t a = lcoda_check_column(L, t, 2), b = lcoda_check_column(L, t, 3);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_fisher(t, a, b, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

static double level_option(lua_State *L, int o)
{
    double level = 0.95;
    if (lua_getfield(L, o, "level") != LUA_TNIL) {
        level = luaL_checknumber(L, -1);
        if (!(level > 0 && level < 1))
            luaL_error(L, "level must be between 0 and 1 (e.g. 0.95)");
    }
    lua_pop(L, 1);
    return level;
}

/* ds:ttest(y [, { by = col, var_equal = false, mu = 0, level = 0.95 }])
 * -> Dataset statistic, df, p, estimate, se, ci_low, ci_high, n, method */
int lcoda_ds_ttest(lua_State *L)
{
    static const char *const keys[] = { "by", "var_equal", "mu", "level",
                                        NULL };
    coda_table *t = lcoda_check_dataset(L, 1);
    coda_ttest_opts o;
    coda_ttest_opts_init(&o);
    o.y = lcoda_check_column(L, t, 2);
    lcoda_check_options(L, 3, "ttest", keys);
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "by") != LUA_TNIL)
            o.by = (long)lcoda_check_column(L, t, lua_gettop(L));
        lua_getfield(L, 3, "var_equal");
        o.pooled = lua_toboolean(L, -1);
        if (lua_getfield(L, 3, "mu") != LUA_TNIL)
            o.mu = luaL_checknumber(L, -1);
        o.level = level_option(L, 3);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_ttest(t, &o, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* ds:ztest_columns(a, b [, { level = 0.95, bonferroni = false }]) ->
 * Dataset row, col, letter, count, col_base, col_pct, above */
int lcoda_ds_ztest_columns(lua_State *L)
{
    static const char *const keys[] = { "level", "bonferroni", NULL };
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t a = lcoda_check_column(L, t, 2), b = lcoda_check_column(L, t, 3);
    coda_ztest_opts o;
    coda_ztest_opts_init(&o);
    lcoda_check_options(L, 4, "ztest_columns", keys);
    if (lua_istable(L, 4)) {
        o.level = level_option(L, 4);
        lua_getfield(L, 4, "bonferroni");
        o.bonferroni = lua_toboolean(L, -1);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_ztest_columns(t, a, b, &o, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

