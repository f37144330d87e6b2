/* lagg.c - the aggregation methods of a Dataset: frequency, crosstab and
 * banner. */
#include "lcoda.h"

#include "../runtime/agg.h"
#include "../runtime/agg_partial.h"

#include <lauxlib.h>
#include <string.h>

static void ci_options(lua_State *L, int o, coda_ci *ci, double *level)
{
    if (lua_getfield(L, o, "ci") != LUA_TNIL &&
        !coda_ci_parse(luaL_checkstring(L, -1), ci))
        luaL_error(L, "unknown interval \"%s\" (wilson, clopper-pearson, none)",
                   lua_tostring(L, -1));
    if (lua_getfield(L, o, "level") != LUA_TNIL) {
        *level = luaL_checknumber(L, -1);
        if (!(*level > 0 && *level < 1))
            luaL_error(L, "level must be between 0 and 1 (e.g. 0.95)");
    }
    lua_pop(L, 2);
}

/* opts.weight: a column name or number, or -1 when not given. */
static long weight_option(lua_State *L, coda_table *t, int o)
{
    long w = -1;
    if (lua_getfield(L, o, "weight") != LUA_TNIL)
        w = (long)lcoda_check_column(L, t, lua_gettop(L));
    lua_pop(L, 1);
    return w;
}

static void base_option(lua_State *L, int o, coda_freq_opts *fo)
{
    static const char *const bases[] = { "cases", "responses", NULL };
    if (lua_getfield(L, o, "base") == LUA_TNUMBER) {
        lua_Integer n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
        if (n <= 0)
            luaL_error(L, "frequency: base must be a positive whole number");
        fo->base = CODA_BASE_FIXED;
        fo->base_n = (long)n;
    } else if (lcoda_check_choice_or(L, -1, "frequency", "base", bases,
                                     "a positive whole number", 0) == 1) {
        fo->base = CODA_BASE_RESPONSES;
    }
    lua_pop(L, 1);
}

/* order = "count" | "value" | { labels... }; labels / all_labels. The label
 * values stay on the stack. */
static void order_options(lua_State *L, int o, coda_freq_opts *fo)
{
    static const char *const orders[] = { "count", "value", NULL };
    int t = lua_getfield(L, o, "order");
    if (t == LUA_TTABLE) {
        fo->order = CODA_ORDER_GIVEN;
        fo->labels = lcoda_values(L, lua_gettop(L), &fo->nlabels);
    } else if (lcoda_check_choice_or(L, -1, "frequency", "order", orders,
                                     "an array of labels", 0) == 1) {
        fo->order = CODA_ORDER_VALUE;
    }
    t = lua_getfield(L, o, "all_labels");
    if (t == LUA_TTABLE) {
        fo->all_labels = 1;
        if (!fo->nlabels)
            fo->labels = lcoda_values(L, lua_gettop(L), &fo->nlabels);
    } else {
        fo->all_labels = lua_toboolean(L, -1);
    }
}

/* A column with levels (an ordered category): by default in their order;
 * all_labels = true lists every level.  The values stay on the stack. */
static void level_options(lua_State *L, const coda_column *col,
                          coda_freq_opts *fo, int order_given)
{
    const coda_labels *l = col->meta && col->type == CODA_STRING
                               ? col->meta->levels : NULL;
    if (!l || order_given)
        return;
    fo->order = CODA_ORDER_VALUE;
    if (!fo->all_labels || fo->nlabels)
        return;
    coda_value *v = lua_newuserdatauv(L, (l->n ? l->n : 1) * sizeof *v, 0);
    for (uint32_t i = 0; i < l->n; i++)
        v[i] = (coda_value){ .type = CODA_STRING, .s = l->s[i],
                             .len = l->len[i] };
    fo->labels = v;                 /* the column's meta holds the texts */
    fo->nlabels = l->n;
    fo->order = CODA_ORDER_GIVEN;
}

static const char *const freq_keys[] = { "base", "within", "order",
                                         "all_labels", "ci", "level",
                                         "weight", "partial", NULL };

/* ds:frequency(col [, opts]) -> Dataset value, count, base, pct, ci_low,
 * ci_high.  opts: base = N | "cases" | "responses"; within = { col, op,
 * value } (the base and counts from that subset); order = "count" |
 * "value" | { label, ... }; all_labels = true | { label, ... }; ci =
 * "wilson" | "clopper-pearson" | "none"; level = 0.95; weight = col
 * (then value, n, count, base_n, base, pct, ci_low, ci_high, weight).
 * A column with levels is in their order unless order is given.
 * partial = true | { shard = "K/N" }: a Partial instead (lpartial.c). */
int lcoda_ds_frequency(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t col = lcoda_check_column(L, t, 2);
    coda_freq_opts fo;
    coda_freq_opts_init(&fo);
    lua_settop(L, 3);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lcoda_check_options(L, 3, "frequency", freq_keys);
        base_option(L, 3, &fo);
        ci_options(L, 3, &fo.ci, &fo.level);
        fo.weight = weight_option(L, t, 3);
        order_options(L, 3, &fo);
        level_options(L, &t->cols[col], &fo,
                      lua_getfield(L, 3, "order") != LUA_TNIL);
        if (lua_getfield(L, 3, "within") == LUA_TTABLE) {
            int w = lua_gettop(L);
            lcoda_check_plain(L, w, "frequency", "option within");
            for (int i = 1; i <= 3; i++)
                lua_geti(L, w, i);
            t = lcoda_filter(L, t, w + 1); /* the subset stays on the stack */
        }
    } else {
        level_options(L, &t->cols[col], &fo, 0);
    }
    coda_error err;
    if (lcoda_partial_wanted(L, 3, "frequency")) {
        coda_partial **p = lcoda_new_partial(L, "frequency", 3, t, &col, 1);
        if (coda_frequency_partial(t, col, &fo, p, &err) != CODA_OK)
            return lcoda_raise(L, &err);
        return 1;
    }
    coda_table **out = lcoda_new_dataset(L);
    if (coda_frequency(t, col, &fo, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* The weight column's name in the options at o, or NULL. */
static const char *merged_weight(lua_State *L, int o)
{
    lua_getfield(L, o, "weight");
    return lua_tostring(L, -1);
}

int lcoda_frequency_merged(lua_State *L, const coda_partial *p, int info)
{
    lua_getfield(L, info, "options");
    int o = lua_gettop(L);
    coda_freq_opts fo;
    coda_freq_opts_init(&fo);
    base_option(L, o, &fo);
    ci_options(L, o, &fo.ci, &fo.level);
    order_options(L, o, &fo);
    level_options(L, &p->keys->cols[0], &fo,
                  lua_getfield(L, o, "order") != LUA_TNIL);
    const char *wname = merged_weight(L, o);
    fo.weight = wname ? 0 : -1;
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_frequency_from_partial(p, &fo, wname, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

static const char *const xtab_keys[] = { "ci", "level", "weight", "partial",
                                         NULL };

/* ds:crosstab(a, b [, opts]) -> Dataset row, col, count, row_base, row_pct,
 * col_base, col_pct, total_pct, ci_low, ci_high; opts: ci, level, weight
 * (then row, col, n, count, row_base_n, row_base, row_pct, col_base_n,
 * col_base, col_pct, total_pct, ci_low, ci_high, weight); partial = true
 * | { shard = "K/N" }: a Partial instead (lpartial.c) */
int lcoda_ds_crosstab(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t ab[2] = { lcoda_check_column(L, t, 2), lcoda_check_column(L, t, 3) };
    size_t a = ab[0], b = ab[1];
    coda_xtab_opts xo;
    coda_xtab_opts_init(&xo);
    if (!lua_isnoneornil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        lcoda_check_options(L, 4, "crosstab", xtab_keys);
        ci_options(L, 4, &xo.ci, &xo.level);
        xo.weight = weight_option(L, t, 4);
    }
    coda_error err;
    if (lcoda_partial_wanted(L, 4, "crosstab")) {
        coda_partial **p = lcoda_new_partial(L, "crosstab", 4, t, ab, 2);
        if (coda_crosstab_partial(t, a, b, &xo, p, &err) != CODA_OK)
            return lcoda_raise(L, &err);
        return 1;
    }
    coda_table **out = lcoda_new_dataset(L);
    if (coda_crosstab(t, a, b, &xo, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

int lcoda_crosstab_merged(lua_State *L, const coda_partial *p, int info)
{
    lua_getfield(L, info, "options");
    int o = lua_gettop(L);
    coda_xtab_opts xo;
    coda_xtab_opts_init(&xo);
    ci_options(L, o, &xo.ci, &xo.level);
    const char *wname = merged_weight(L, o);
    xo.weight = wname ? 0 : -1;
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_crosstab_from_partial(p, &xo, wname, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

static const char *const banner_keys[] = { "total", "letters", "level",
                                           "bonferroni", NULL };

/* ds:banner(row, { col, ... } [, opts]) -> Dataset row, "Total n",
 * "Total %", "VAR: VALUE n", "VAR: VALUE %" ... (first row "Base");
 * opts: total = true, letters = false (then "... sig" columns too),
 * level = 0.95, bonferroni = false */
int lcoda_ds_banner(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    lua_settop(L, 4); /* the options stay at 4 whatever is pushed */
    size_t row = lcoda_check_column(L, t, 2), n;
    size_t *cols = lcoda_check_columns(L, t, 3, &n);
    coda_banner_opts bo;
    coda_banner_opts_init(&bo);
    if (!lua_isnoneornil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        lcoda_check_options(L, 4, "banner", banner_keys);
        if (lua_getfield(L, 4, "total") != LUA_TNIL)
            bo.total = lua_toboolean(L, -1);
        lua_getfield(L, 4, "letters");
        bo.letters = lua_toboolean(L, -1);
        lua_getfield(L, 4, "bonferroni");
        bo.z.bonferroni = lua_toboolean(L, -1);
        coda_ci ci;
        ci_options(L, 4, &ci, &bo.z.level);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_banner(t, row, cols, n, &bo, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}
