/* lsurvey.c - coda.design and the Design type: estimates with standard
 * errors from a complex sample (weights, strata, clusters, fpc). */
#include "lcoda.h"

#include "../runtime/base_alloc.h"
#include "../runtime/survey.h"

#include <lauxlib.h>
#include <string.h>

#define CODA_DESIGN "coda.Design"
#define MAX_KEYS 8

/* A design, or a domain or grouping of one.  User values: 1 the Dataset,
 * 2 the Design that owns d (itself when owner), 3 the domain mask (a
 * userdata of nrow bytes) or nil. */
typedef struct ldesign {
    coda_design *d;
    int owner;
    uint8_t *in;
    size_t nk;
    size_t keys[MAX_KEYS];
} ldesign;

static int design_gc(lua_State *L)
{
    ldesign *ld = luaL_checkudata(L, 1, CODA_DESIGN);
    if (ld->owner)
        coda_design_free(ld->d);
    ld->d = NULL;
    ld->owner = 0;
    return 0;
}

/* The Design at arg and its Dataset (checked open). */
static ldesign *check_design(lua_State *L, int arg, coda_table **t)
{
    ldesign *ld = luaL_checkudata(L, arg, CODA_DESIGN);
    if (!ld->d)
        luaL_argerror(L, arg, "the design was closed");
    lua_getiuservalue(L, arg, 1);
    *t = lcoda_check_dataset(L, lua_gettop(L));
    lua_pop(L, 1); /* the Design keeps the Dataset alive */
    return ld;
}

/* A column option of the table at o: its index, or -1. */
static long opt_col(lua_State *L, coda_table *t, int o, const char *key)
{
    long c = -1;
    if (lua_getfield(L, o, key) != LUA_TNIL)
        c = (long)lcoda_check_column(L, t, lua_gettop(L));
    lua_pop(L, 1);
    return c;
}

/* A column option that may name one column a stage ({ "dnum", "snum" }):
 * the first into *first, the rest into later[]; how many. */
static size_t opt_stages(lua_State *L, coda_table *t, int o, const char *key,
                         long *first, long *later)
{
    if (lua_getfield(L, o, key) != LUA_TTABLE) {
        lua_pop(L, 1);
        *first = opt_col(L, t, o, key);
        return *first >= 0;
    }
    size_t n = (size_t)luaL_len(L, -1);
    if (n < 1 || n > CODA_MAX_STAGES)
        luaL_error(L, "design: %s names 1 to %d columns (one a stage)",
                   key, (int)CODA_MAX_STAGES);
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, -1, (lua_Integer)i + 1);
        long c = (long)lcoda_check_column(L, t, lua_gettop(L));
        *(i ? &later[i - 1] : first) = c;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return n;
}

static coda_lonely opt_lonely(lua_State *L, int o)
{
    coda_lonely l = CODA_LONELY_FAIL;
    if (lua_getfield(L, o, "lonely_psu") != LUA_TNIL &&
        (lua_type(L, -1) != LUA_TSTRING ||
         !coda_lonely_parse(lua_tostring(L, -1), &l)))
        luaL_error(L, "design: lonely_psu must be \"fail\", \"remove\", "
                   "\"certainty\", \"adjust\" or \"average\"");
    lua_pop(L, 1);
    return l;
}

/* A new Design userdata on the stack sharing parent's Dataset (and design
 * when parent is not 0). */
static ldesign *new_design(lua_State *L, int ds, int parent)
{
    ldesign *ld = lua_newuserdatauv(L, sizeof *ld, 3);
    memset(ld, 0, sizeof *ld);
    luaL_setmetatable(L, CODA_DESIGN);
    lua_pushvalue(L, ds);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, parent ? parent : -1);
    lua_setiuservalue(L, -2, 2);
    return ld;
}

/* coda.design(ds [, { weights = col, strata = col, cluster = col | { col,
 * ... }, fpc = col | { col, ... }, lonely_psu = "fail" }]) -> Design */
static int l_design(lua_State *L)
{
    static const char *const keys[] = { "weights", "strata", "cluster", "fpc",
                                        "lonely_psu", NULL };
    coda_table *t = lcoda_check_dataset(L, 1);
    coda_design_spec s;
    memset(&s, 0, sizeof s);
    s.weights = s.strata = s.cluster = s.fpc = -1;
    for (size_t k = 0; k + 1 < CODA_MAX_STAGES; k++)
        s.later_cluster[k] = s.later_fpc[k] = -1;
    if (!lua_isnoneornil(L, 2)) {
        lcoda_check_options(L, 2, "design", keys);
        s.weights = opt_col(L, t, 2, "weights");
        s.strata = opt_col(L, t, 2, "strata");
        size_t nc = opt_stages(L, t, 2, "cluster", &s.cluster, s.later_cluster);
        size_t nf = opt_stages(L, t, 2, "fpc", &s.fpc, s.later_fpc);
        s.nlater = nc ? nc - 1 : 0;
        if (nf > 1 && nf != nc)
            luaL_error(L, "design: fpc names %d columns for %d stages of "
                       "clusters; give one a stage, or none", (int)nf,
                       (int)(nc ? nc : 1));
        s.lonely = opt_lonely(L, 2);
    }
    ldesign *ld = new_design(L, 1, 0);
    coda_error err;
    if (coda_design_create(t, &s, &ld->d, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    ld->owner = 1;
    return 1;
}

/* Copy the Design at 1 into a new one (same design, domain, keys). */
static ldesign *derive(lua_State *L, const ldesign *from)
{
    lua_getiuservalue(L, 1, 1);
    int ds = lua_gettop(L);
    lua_getiuservalue(L, 1, 2);
    ldesign *ld = new_design(L, ds, lua_gettop(L));
    *ld = *from;
    ld->owner = 0;
    lua_getiuservalue(L, 1, 3);
    lua_setiuservalue(L, -2, 3);
    lua_replace(L, ds);
    lua_settop(L, ds);
    return ld;
}

/* d:subset(col, op, value) -> Design over the rows of d's domain that
 * match (the design is kept: the other rows count as zero) */
static int d_subset(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t c = lcoda_check_column(L, t, 2);
    coda_op op;
    if (!coda_op_parse(luaL_checkstring(L, 3), &op))
        luaL_argerror(L, 3, lua_pushfstring(L, "unknown operator \"%s\"",
                                            lua_tostring(L, 3)));
    size_t n, k, *rows = NULL;
    coda_value *vals = lcoda_values(L, 4, &n);
    uint8_t *in = lua_newuserdatauv(L, t->nrow + 1, 0);
    coda_error err;
    if (coda_filter_rows(t, c, op, vals, n, &rows, &k, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    memset(in, 0, t->nrow + 1);
    for (size_t i = 0; i < k; i++)
        in[rows[i]] = !ld->in || ld->in[rows[i]];
    coda_free(rows);
    int mask = lua_gettop(L);
    ldesign *sub = derive(L, ld);
    sub->in = in;
    lua_pushvalue(L, mask);
    lua_setiuservalue(L, -2, 3);
    return 1;
}

/* d:group_by(col, ...) or d:group_by{ col, ... } -> Design whose
 * estimates are by group (svyby) */
static int d_group_by(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    int tbl = lua_istable(L, 2);
    size_t n = tbl ? (size_t)luaL_len(L, 2) : (size_t)(lua_gettop(L) - 1);
    luaL_argcheck(L, n > 0 && n <= MAX_KEYS, 2,
                  "one to eight columns expected");
    size_t keys[MAX_KEYS];
    for (size_t j = 0; j < n; j++) {
        if (tbl)
            lua_geti(L, 2, (lua_Integer)j + 1);
        keys[j] = lcoda_check_column(L, t, tbl ? lua_gettop(L) : 2 + (int)j);
    }
    ldesign *g = derive(L, ld);
    g->nk = n;
    memcpy(g->keys, keys, sizeof keys);
    return 1;
}

/* Estimate options at o: level, deff = true | "replace". */
static void svy_options(lua_State *L, int o, coda_svy_opts *so)
{
    static const char *const keys[] = { "level", "deff", NULL };
    coda_svy_opts_init(so);
    if (lua_isnoneornil(L, o))
        return;
    lcoda_check_options(L, o, "design", keys);
    if (lua_getfield(L, o, "level") != LUA_TNIL) {
        so->level = luaL_checknumber(L, -1);
        if (!(so->level > 0 && so->level < 1))
            luaL_error(L, "level must be between 0 and 1 (e.g. 0.95)");
    }
    static const char *const deffs[] = { "replace", NULL };
    if (lua_getfield(L, o, "deff") == LUA_TBOOLEAN)
        so->deff = lua_toboolean(L, -1);
    else if (lcoda_check_choice_or(L, -1, "design", "deff", deffs,
                                   "a boolean", -1) == 0)
        so->deff = 2;
    lua_pop(L, 2);
}

/* Column names at arg (a name or an array of names) into a Lua-owned
 * array left on the stack; *n of them. */
static size_t *check_cols(lua_State *L, coda_table *t, int arg, size_t *n)
{
    int tbl = lua_istable(L, arg);
    *n = tbl ? (size_t)luaL_len(L, arg) : 1;
    luaL_argcheck(L, *n > 0, arg, "at least one column expected");
    size_t *cols = lua_newuserdatauv(L, *n * sizeof *cols, 0);
    for (size_t i = 0; i < *n; i++) {
        if (tbl)
            lua_geti(L, arg, (lua_Integer)i + 1);
        cols[i] = lcoda_check_column(L, t, tbl ? lua_gettop(L) : arg);
        if (tbl)
            lua_pop(L, 1);
    }
    return cols;
}

static coda_svy_domain domain_of(const ldesign *ld)
{
    coda_svy_domain dom = { ld->in, ld->nk ? ld->keys : NULL, ld->nk };
    return dom;
}

static int estimate(lua_State *L, coda_svy_stat stat)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    coda_svy_opts so;
    svy_options(L, stat == CODA_SVY_RATIO ? 4 : 3, &so);
    if (stat == CODA_SVY_VAR && so.deff)
        luaL_error(L, "var: deff is not available");
    size_t ny, nx = 0, *y = check_cols(L, t, 2, &ny), *x = NULL;
    if (stat == CODA_SVY_RATIO) {
        x = check_cols(L, t, 3, &nx);
        luaL_argcheck(L, nx == ny, 3, "as many denominators as numerators");
    }
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_estimate(ld->d, t, stat, y, x, ny, &dom, &so, out, &err))
        return lcoda_raise(L, &err);
    return 1;
}

/* d:mean(col | { col, ... } [, { level = 0.95, deff = false }]) ->
 * Dataset [keys,] variable, n, mean, se, ci_low, ci_high [, deff] */
static int d_mean(lua_State *L)
{
    return estimate(L, CODA_SVY_MEAN);
}

/* d:total(col | { col, ... } [, opts]) -> Dataset as mean's, with total */
static int d_total(lua_State *L)
{
    return estimate(L, CODA_SVY_TOTAL);
}

/* d:var(col | { col, ... } [, { level }]) -> Dataset as mean's, with var
 * (svyvar) */
static int d_var(lua_State *L)
{
    return estimate(L, CODA_SVY_VAR);
}

/* d:ratio(num, den [, opts]) -> Dataset [keys,] variable, denominator, n,
 * ratio, se, ci_low, ci_high [, deff] */
static int d_ratio(lua_State *L)
{
    return estimate(L, CODA_SVY_RATIO);
}

/* d:frequency(col [, opts]) -> Dataset [keys,] value, n, count, pct, se,
 * ci_low, ci_high [, deff] */
static int d_frequency(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t c = lcoda_check_column(L, t, 2);
    coda_svy_opts so;
    svy_options(L, 3, &so);
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_frequency(ld->d, t, c, &dom, &so, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* d:crosstab(a, b [, { level, deff }]) -> Dataset [keys,] row, col, n,
 * count, row_pct, row_se, col_pct, col_se, total_pct, total_se, ci_low,
 * ci_high [, row_deff, col_deff, total_deff] */
static int d_crosstab(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t a = lcoda_check_column(L, t, 2), b = lcoda_check_column(L, t, 3);
    coda_svy_opts so;
    svy_options(L, 4, &so);
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_crosstab(ld->d, t, a, b, &dom, &so, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* d:quantile(col, p | { p, ... } [, { level = 0.95 }]) -> Dataset [keys,]
 * variable, p, n, quantile, se, ci_low, ci_high (svyquantile) */
static int d_quantile(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t y = lcoda_check_column(L, t, 2);
    coda_svy_opts so;
    svy_options(L, 4, &so);
    if (so.deff)
        luaL_error(L, "quantile: deff is not available");
    int tbl = lua_istable(L, 3);
    size_t np = tbl ? (size_t)luaL_len(L, 3) : 1;
    luaL_argcheck(L, np > 0, 3, "at least one probability expected");
    double *p = lua_newuserdatauv(L, np * sizeof *p, 0);
    for (size_t k = 0; k < np; k++) {
        if (tbl)
            lua_geti(L, 3, (lua_Integer)k + 1);
        p[k] = luaL_checknumber(L, tbl ? -1 : 3);
        if (tbl)
            lua_pop(L, 1);
    }
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_quantile(ld->d, t, y, p, np, &dom, &so, out, &err))
        return lcoda_raise(L, &err);
    return 1;
}

/* d:chisq(a, b [, { statistic = "F" | "Chisq" | "Wald" | "adjWald" }])
 * -> Dataset statistic, ndf, ddf, p, chisq, n, method (svychisq) */
static int d_chisq(lua_State *L)
{
    static const char *const keys[] = { "statistic", NULL };
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t a = lcoda_check_column(L, t, 2), b = lcoda_check_column(L, t, 3);
    coda_svychisq_stat stat = CODA_SVYCHISQ_F;
    lcoda_check_options(L, 4, "chisq", keys);
    if (lua_istable(L, 4) && lua_getfield(L, 4, "statistic") != LUA_TNIL &&
        (lua_type(L, -1) != LUA_TSTRING ||
         !coda_svychisq_parse(lua_tostring(L, -1), &stat)))
        luaL_error(L, "chisq: statistic must be \"F\", \"Chisq\", \"Wald\" "
                   "or \"adjWald\"");
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_chisq(ld->d, t, a, b, &dom, stat, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* d:ttest(y [, { by = col, mu = 0, level = 0.95 }]) -> Dataset statistic,
 * df, p, estimate, se, ci_low, ci_high, n, method (svyttest) */
static int d_ttest(lua_State *L)
{
    static const char *const keys[] = { "by", "mu", "level", NULL };
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t y = lcoda_check_column(L, t, 2);
    long by = -1;
    double mu = 0, level = 0.95;
    lcoda_check_options(L, 3, "ttest", keys);
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "by") != LUA_TNIL)
            by = (long)lcoda_check_column(L, t, lua_gettop(L));
        if (lua_getfield(L, 3, "mu") != LUA_TNIL)
            mu = luaL_checknumber(L, -1);
        if (lua_getfield(L, 3, "level") != LUA_TNIL)
            level = luaL_checknumber(L, -1);
        luaL_argcheck(L, level > 0 && level < 1, 3, "level between 0 and 1");
    }
    coda_svy_domain dom = domain_of(ld);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_svy_ttest(ld->d, t, y, by, mu, level, &dom, out, &err))
        return lcoda_raise(L, &err);
    return 1;
}

static int d_tostring(lua_State *L)
{
    coda_table *t;
    ldesign *ld = check_design(L, 1, &t);
    size_t in = 0;
    for (size_t r = 0; r < t->nrow; r++)
        in += !ld->in || ld->in[r];
    lua_pushfstring(L, "# Design: %d rows in %d PSUs, %d %s", (int)t->nrow,
                    (int)ld->d->npsu, (int)ld->d->nstrata,
                    ld->d->nstrata == 1 ? "stratum" : "strata");
    if (ld->d->nlater)
        lua_pushfstring(L, "; %d stages", (int)ld->d->nlater + 1);
    if (ld->in)
        lua_pushfstring(L, "; a domain of %d rows", (int)in);
    for (size_t j = 0; j < ld->nk; j++)
        lua_pushfstring(L, "%s%s", j ? ", " : "; by ",
                        t->cols[ld->keys[j]].name);
    lua_concat(L, lua_gettop(L) - 1);
    return 1;
}

void lcoda_open_survey(lua_State *L)
{
    static const luaL_Reg meth[] = {
        { "mean", d_mean }, { "total", d_total }, { "ratio", d_ratio },
        { "var", d_var },
        { "frequency", d_frequency }, { "crosstab", d_crosstab },
        { "subset", d_subset }, { "group_by", d_group_by },
        { "quantile", d_quantile }, { "chisq", d_chisq },
        { "ttest", d_ttest }, { NULL, NULL }
    };
    /* No close: the domains and groupings of a design share it, and hold
     * it until they are collected. */
    static const luaL_Reg metameth[] = {
        { "__gc", design_gc }, { "__tostring", d_tostring }, { NULL, NULL }
    };
    lcoda_new_type(L, CODA_DESIGN, meth, metameth);
    lua_pushcfunction(L, l_design);
    lua_setfield(L, -2, "design");
}
