/* lstats.c - coda.stats (agreement, ci) and coda.round. */
#include "lcoda.h"

#include "../runtime/agree.h"
#include "../runtime/stats.h"

#include <lauxlib.h>
#include <string.h>

/* The column named by opts[key], or the first column of type (or any type
 * when type < 0). */
static size_t opt_column(lua_State *L, coda_table *t, int o, const char *key,
                         int type)
{
    if (o && lua_getfield(L, o, key) != LUA_TNIL) {
        size_t c = lcoda_check_column(L, t, lua_gettop(L));
        lua_pop(L, 1);
        return c;
    }
    if (o)
        lua_pop(L, 1);
    for (size_t c = 0; c < t->ncol; c++)
        if (type < 0 || t->cols[c].type == (coda_type)type)
            return c;
    luaL_error(L, "agreement: no %s column found; name it with option %s",
               type < 0 ? "id" : "multi", key);
    return 0;
}

/* coda.stats.agreement(a, b [, { id = "doc", codes = "codes", labels =
 * {...}, unmatched = "error"|"drop" }]) -> Dataset code, n, both, a_only,
 * b_only, neither, agreement, kappa, alpha, precision, recall, f1 (b is the
 * reference) */
static int l_agreement(lua_State *L)
{
    static const char *const keys[] = { "id", "codes", "labels", "unmatched",
                                        NULL };
    static const char *const unmatched[] = { "error", "drop", NULL };
    coda_table *a = lcoda_check_dataset(L, 1), *b = lcoda_check_dataset(L, 2);
    int o = lua_istable(L, 3) ? 3 : 0;
    if (o)
        lcoda_check_options(L, o, "agreement", keys);
    size_t ida = opt_column(L, a, o, "id", -1), idb = opt_column(L, b, o, "id", -1);
    size_t ca = opt_column(L, a, o, "codes", CODA_MULTI);
    size_t cb = opt_column(L, b, o, "codes", CODA_MULTI);
    const char **labels = NULL;
    size_t nl = 0;
    int drop = 0;
    if (o && lua_getfield(L, o, "labels") == LUA_TTABLE) {
        nl = lcoda_plain_len(L, -1, "agreement", "option labels");
        labels = lua_newuserdatauv(L, (nl + 1) * sizeof *labels, 0);
        for (size_t i = 0; i < nl; i++) {
            lua_geti(L, -2, (lua_Integer)i + 1);
            labels[i] = luaL_checkstring(L, -1);
            lua_pop(L, 1); /* kept alive by the labels table */
        }
    }
    if (o && lua_getfield(L, o, "unmatched") != LUA_TNIL)
        drop = lcoda_check_choice(L, -1, "agreement", "unmatched", unmatched,
                                  0);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_agreement(a, ida, ca, b, idb, cb, labels, nl, drop, out, &err))
        return lcoda_raise(L, &err);
    return 1;
}

/* coda.stats.ci(x, n [, { method = "wilson", level = 0.95 }]) -> low, high
 * (percent) */
static int l_ci(lua_State *L)
{
    lua_Integer x = luaL_checkinteger(L, 1), n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n > 0 && x >= 0 && x <= n, 2, "need 0 <= x <= n, n > 0");
    coda_ci m = CODA_CI_WILSON;
    double level = 0.95, lo, hi;
    if (lua_istable(L, 3)) {
        static const char *const keys[] = { "method", "level", NULL };
        lcoda_check_options(L, 3, "ci", keys);
        if (lua_getfield(L, 3, "method") != LUA_TNIL &&
            !coda_ci_parse(luaL_checkstring(L, -1), &m))
            luaL_error(L, "ci: unknown method \"%s\"", lua_tostring(L, -1));
        if (lua_getfield(L, 3, "level") != LUA_TNIL)
            level = luaL_checknumber(L, -1);
        luaL_argcheck(L, level > 0 && level < 1, 3, "level between 0 and 1");
    }
    coda_proportion_ci(m, level, (long)x, (long)n, &lo, &hi);
    lua_pushnumber(L, lo);
    lua_pushnumber(L, hi);
    return 2;
}

/* coda.round(x [, digits = 0]) -> string, rounded half up (12.5 -> "13") */
static int l_round(lua_State *L)
{
    double x = luaL_checknumber(L, 1);
    lua_Integer d = luaL_optinteger(L, 2, 0);
    luaL_argcheck(L, d >= 0 && d <= 20, 2, "digits between 0 and 20");
    char buf[48];
    lua_pushstring(L, coda_format_half_up(x, (int)d, buf));
    return 1;
}

void lcoda_open_stats(lua_State *L)
{
    static const luaL_Reg stats[] = { { "agreement", l_agreement },
                                      { "ci", l_ci }, { NULL, NULL } };
    luaL_newlib(L, stats);
    lua_setfield(L, -2, "stats");
    lua_pushcfunction(L, l_round);
    lua_setfield(L, -2, "round");
}
