/* lgroup.c - ds:group_by(...) and the Grouped object's summarise. */
#include "lcoda.h"

#include "../runtime/agg_partial.h"
#include "../runtime/summarise.h"

#include <lauxlib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define CODA_GROUPED "coda.Grouped"

typedef struct grouped {
    size_t nk;
    size_t keys[]; /* column indices; the Dataset is the user value */
} grouped;

/* Key column indices from the arguments from arg on: names/positions, or
 * one array of them. */
static size_t check_keys(lua_State *L, const coda_table *t, int arg,
                         size_t *keys, size_t n)
{
    int tbl = lua_istable(L, arg);
    for (size_t j = 0; j < n; j++) {
        int a = arg + (int)j;
        if (tbl) {
            lua_geti(L, arg, (lua_Integer)j + 1);
            a = lua_gettop(L);
        }
        keys[j] = lcoda_check_column(L, t, a);
        if (tbl)
            lua_pop(L, 1);
    }
    return n;
}

/* ds:group_by(col, ...) or ds:group_by{col, ...} -> Grouped */
int lcoda_ds_group_by(lua_State *L)
{
    const coda_table *t = lcoda_dataset_schema(L, 1);
    int tbl = lua_istable(L, 2);
    size_t n = tbl ? lcoda_plain_len(L, 2, "group_by", "the list of columns")
                   : (size_t)(lua_gettop(L) - 1);
    luaL_argcheck(L, n > 0, 2, "at least one column expected");
    grouped *g = lua_newuserdatauv(L, sizeof *g + n * sizeof(size_t), 1);
    g->nk = 0;
    luaL_setmetatable(L, CODA_GROUPED);
    int ud = lua_gettop(L);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, ud, 1); /* keeps the Dataset alive */
    g->nk = check_keys(L, t, 2, g->keys, n);
    lua_settop(L, ud);
    return 1;
}

/* A quantile's p (the entry after the column) and type = N. */
static void quantile_from(lua_State *L, int idx, int at, const char *name,
                          coda_sumspec *s)
{
    s->p = 0;
    s->type = 0;
    if (lua_geti(L, idx, at) != LUA_TNIL) {
        if (s->fn != CODA_SUM_QUANTILE || !lua_isnumber(L, -1))
            luaL_error(L, "summarise: \"%s\": only a quantile takes a "
                       "probability after its column", name);
        s->p = lua_tonumber(L, -1);
    } else if (s->fn == CODA_SUM_QUANTILE) {
        luaL_error(L, "summarise: \"%s\": quantile needs a probability: "
                   "{ \"quantile\", col, p }", name);
    }
    if (lua_getfield(L, idx, "type") != LUA_TNIL) {
        lua_Integer ty = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
        if (ty < 1 || ty > 9)
            luaL_error(L, "summarise: \"%s\": type must be a whole number 1 "
                       "to 9", name);
        s->type = (int)ty;
    }
    lua_pop(L, 2);
}

/* One summary: { fn [, col [, p | col2]], type = N } under name; the
 * entries start at position at (2 in an array entry that begins with its
 * name); cor and r2 take a second column where a quantile takes p. */
static void spec_from(lua_State *L, const coda_table *t, int idx, int at,
                      const char *name, coda_sumspec *s)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lcoda_check_plain(L, idx, "summarise", "a summary");
    lua_geti(L, idx, at);
    const char *fn = lua_tostring(L, -1);
    if (!fn || !coda_sumfn_parse(fn, &s->fn))
        luaL_error(L, "summarise: \"%s\": unknown summary \"%s\" (count, sum,"
                   " mean, median, min, max, sd, var, quantile, iqr, "
                   "n_distinct, wcount, cor, r2)", name, fn ? fn : "?");
    s->name = name;
    s->col = s->col2 = -1;
    if (lua_geti(L, idx, at + 1) != LUA_TNIL)
        s->col = (long)lcoda_check_column(L, t, lua_gettop(L));
    lua_pop(L, 2);
    if (s->fn != CODA_SUM_COR && s->fn != CODA_SUM_R2) {
        quantile_from(L, idx, at + 2, name, s);
        return;
    }
    s->p = 0;
    s->type = 0;
    if (lua_geti(L, idx, at + 2) != LUA_TNIL)
        s->col2 = (long)lcoda_check_column(L, t, lua_gettop(L));
    lua_pop(L, 1);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const coda_sumspec *)a)->name,
                  ((const coda_sumspec *)b)->name);
}

/* The specs of a summarise table at idx: array entries { name, fn, col }
 * in order, then name = { fn, col } entries sorted by name. */
static coda_sumspec *specs_from(lua_State *L, const coda_table *t, int idx,
                                size_t *n)
{
    size_t na = lcoda_plain_len(L, idx, "summarise", "the summaries");
    size_t total = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        total++;
    }
    coda_sumspec *s = lua_newuserdatauv(L, (total + 1) * sizeof *s, 0);
    /* each array entry and its name stay on the stack */
    luaL_checkstack(L, na < INT_MAX / 2 - 8 ? 2 * (int)na + 8 : INT_MAX,
                    "too many summaries");
    for (size_t i = 0; i < na; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        luaL_checktype(L, -1, LUA_TTABLE);
        lcoda_check_plain(L, -1, "summarise", "a summary");
        lua_geti(L, -1, 1);
        const char *name = lua_tostring(L, -1);
        if (!name)
            luaL_error(L, "summarise: entry %d needs a name first", (int)i + 1);
        spec_from(L, t, lua_gettop(L) - 1, 2, name, &s[i]);
    }
    size_t k = na;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            spec_from(L, t, lua_gettop(L), 1, lua_tostring(L, -2), &s[k++]);
        } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
                   (size_t)lua_tointeger(L, -2) > na) {
            luaL_error(L, "summarise: keys must be names");
        }
        lua_pop(L, 1);
    }
    qsort(s + na, k - na, sizeof *s, name_cmp);
    *n = k;
    return s;
}

/* The weight column of the options at 3, or -1. */
static long weight_option(lua_State *L, const coda_table *t)
{
    static const char *const keys[] = { "weight", "partial", NULL };
    long w = -1;
    if (lua_isnoneornil(L, 3))
        return w;
    lcoda_check_options(L, 3, "summarise", keys);
    if (lua_getfield(L, 3, "weight") != LUA_TNIL)
        w = (long)lcoda_check_column(L, t, lua_gettop(L));
    lua_pop(L, 1);
    return w;
}

/* The Dataset of the Grouped at 1 (still referenced by it). */
static coda_table *grouped_table(lua_State *L)
{
    lua_getiuservalue(L, 1, 1);
    coda_table *t = lcoda_check_dataset(L, -1);
    lua_pop(L, 1);
    return t;
}

/* Push a table { names = {...}, types = {...} } of t's columns: what a
 * partial's summaries are read against when merged. */
static void push_schema(lua_State *L, const coda_table *t)
{
    lua_createtable(L, 0, 2);
    for (int k = 0; k < 2; k++) {
        lua_createtable(L, (int)t->ncol, 0);
        for (size_t c = 0; c < t->ncol; c++) {
            lua_pushstring(L, k ? coda_type_name(t->cols[c].type)
                                : t->cols[c].name);
            lua_rawseti(L, -2, (lua_Integer)c + 1);
        }
        lua_setfield(L, -2, k ? "types" : "names");
    }
}

/* A partial of the summaries at 2 (kept with the schema of t in the
 * partial's info). */
static int summarise_partial(lua_State *L, coda_table *t, const size_t *keys,
                             size_t nk, const coda_sumspec *specs, size_t ns,
                             long weight)
{
    coda_partial **p = lcoda_new_partial(L, "summarise", 3, t, keys, nk);
    int part = lua_gettop(L);
    lcoda_partial_keep(L, part, "summaries", 2);
    push_schema(L, t);
    lcoda_partial_keep(L, part, "schema", -1);
    lua_settop(L, part);
    coda_error err;
    if (coda_summarise_partial(t, keys, nk, specs, ns, weight, p, &err) !=
        CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* The table of the Dataset at ds for summarise: only the columns it reads
 * (keys, the summaries' columns, the weight) when the Dataset is a filter's
 * rows not taken yet, with keys, specs and weight renumbered to it (pushed
 * on the stack, or nil: see lcoda_dataset_columns). */
static coda_table *summarised_table(lua_State *L, int ds, size_t *keys,
                                    size_t nk, coda_sumspec *specs, size_t ns,
                                    long *weight)
{
    size_t *cols = lua_newuserdatauv(L, (nk + 2 * ns + 1) * sizeof *cols, 0);
    size_t n = 0;
    for (size_t j = 0; j < nk; j++)
        cols[n++] = keys[j];
    for (size_t i = 0; i < ns; i++) {
        if (specs[i].col >= 0)
            cols[n++] = (size_t)specs[i].col;
        if (specs[i].col2 >= 0)
            cols[n++] = (size_t)specs[i].col2;
    }
    if (*weight >= 0)
        cols[n++] = (size_t)*weight;
    coda_table *t = lcoda_dataset_columns(L, ds, cols, n);
    n = 0;
    for (size_t j = 0; j < nk; j++)
        keys[j] = cols[n++];
    for (size_t i = 0; i < ns; i++) {
        if (specs[i].col >= 0)
            specs[i].col = (long)cols[n++];
        if (specs[i].col2 >= 0)
            specs[i].col2 = (long)cols[n++];
    }
    if (*weight >= 0)
        *weight = (long)cols[n++];
    return t;
}

/* Summarise the Dataset at 4 by keys[0..nk) (the caller's copy) with the
 * summaries at 2 and the options at 3. */
static int summarise(lua_State *L, size_t *keys, size_t nk)
{
    const coda_table *schema = lcoda_dataset_schema(L, 4);
    long weight = weight_option(L, schema);
    size_t ns;
    coda_sumspec *specs = specs_from(L, schema, 2, &ns);
    if (lcoda_partial_wanted(L, 3, "summarise"))
        return summarise_partial(L, lcoda_check_dataset(L, 4), keys, nk,
                                 specs, ns, weight);
    coda_table **out = lcoda_new_dataset(L);
    int at = lua_gettop(L);
    coda_table *t = summarised_table(L, 4, keys, nk, specs, ns, &weight);
    coda_error err;
    if (coda_summarise_weighted(t, keys, nk, specs, ns, weight, out, &err) !=
        CODA_OK)
        return lcoda_raise(L, &err);
    lcoda_release_columns(L, -1);
    lua_settop(L, at);
    return 1;
}

/* Arguments for summarise: the summaries at 2, options at 3, the Dataset
 * at 4 (the Grouped's when by_group, else the one at 1). */
static void summarise_args(lua_State *L, int by_group)
{
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 3);
    if (by_group)
        lua_getiuservalue(L, 1, 1);
    else
        lua_pushvalue(L, 1);
}

/* A table of no rows with the columns of the schema at idx. */
static coda_table *schema_table(lua_State *L, int idx)
{
    lua_getfield(L, idx, "names");
    lua_getfield(L, idx, "types");
    size_t n = lcoda_plain_len(L, -2, "merge", "the schema's names");
    coda_table **t = lcoda_new_dataset(L);
    coda_status st = coda_table_create(0, n, t);
    for (size_t c = 0; c < n && st == CODA_OK; c++) {
        coda_type ty;
        lua_geti(L, -3, (lua_Integer)c + 1);
        lua_geti(L, -3, (lua_Integer)c + 1);
        if (!lua_isstring(L, -2) || !lua_isstring(L, -1) ||
            !coda_type_parse(lua_tostring(L, -1), &ty))
            luaL_error(L, "merge: a summarise partial's schema is damaged");
        st = coda_table_init_column(*t, c, lua_tostring(L, -2), ty);
        lua_pop(L, 2);
    }
    if (st != CODA_OK)
        luaL_error(L, "merge: out of memory");
    return *t;
}

int lcoda_summarise_merged(lua_State *L, const coda_partial *p, int info)
{
    lua_getfield(L, info, "schema");
    coda_table *t = schema_table(L, lua_gettop(L));
    lua_getfield(L, info, "summaries");
    int specs_at = lua_gettop(L);
    luaL_checktype(L, specs_at, LUA_TTABLE);
    size_t ns;
    coda_sumspec *specs = specs_from(L, t, specs_at, &ns);
    lua_getfield(L, info, "options");
    lua_getfield(L, -1, "weight");
    int weighted = !lua_isnil(L, -1);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_summarise_from_partial(p, t, specs, ns, weighted, out, &err) !=
        CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* grouped:summarise({ name = { fn [, col [, p]], type = N }, ... } [,
 * { weight = col }]) -> Dataset: the key columns, then one column per
 * summary (array entries { name, fn, col [, p] } first, in order; named
 * ones sorted by name) */
static int gr_summarise(lua_State *L)
{
    grouped *g = luaL_checkudata(L, 1, CODA_GROUPED);
    summarise_args(L, 1);
    size_t *keys = lua_newuserdatauv(L, g->nk * sizeof *keys, 0);
    memcpy(keys, g->keys, g->nk * sizeof *keys); /* stays on the stack */
    return summarise(L, keys, g->nk);
}

/* ds:summarise({...} [, opts]): the whole Dataset as one group */
int lcoda_ds_summarise(lua_State *L)
{
    summarise_args(L, 0);
    return summarise(L, NULL, 0);
}

static int slice(lua_State *L, coda_table *t, const size_t *keys, size_t nk,
                 int largest)
{
    size_t col = lcoda_check_column(L, t, 2);
    lua_Integer n = luaL_optinteger(L, 3, 1);
    luaL_argcheck(L, n >= 0, 3, "a number of rows (0 or more) expected");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_summarise_top(t, keys, nk, col, (size_t)n, largest, out, &err) !=
        CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* grouped:slice_max(col [, n]) -> Dataset: each group's rows with the n
 * (default 1) largest values of col, groups in key order, largest first */
static int gr_slice_max(lua_State *L)
{
    grouped *g = luaL_checkudata(L, 1, CODA_GROUPED);
    return slice(L, grouped_table(L), g->keys, g->nk, 1);
}

/* grouped:slice_min(col [, n]) -> Dataset: the same, smallest first */
static int gr_slice_min(lua_State *L)
{
    grouped *g = luaL_checkudata(L, 1, CODA_GROUPED);
    return slice(L, grouped_table(L), g->keys, g->nk, 0);
}

/* ds:slice_max(col [, n]), ds:slice_min(col [, n]): the whole Dataset as
 * one group */
int lcoda_ds_slice_max(lua_State *L)
{
    return slice(L, lcoda_check_dataset(L, 1), NULL, 0, 1);
}

int lcoda_ds_slice_min(lua_State *L)
{
    return slice(L, lcoda_check_dataset(L, 1), NULL, 0, 0);
}

static int gr_tostring(lua_State *L)
{
    grouped *g = luaL_checkudata(L, 1, CODA_GROUPED);
    lua_getiuservalue(L, 1, 1);
    coda_table *t = lcoda_check_dataset(L, -1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "# Grouped Dataset by");
    for (size_t i = 0; i < g->nk; i++) {
        luaL_addstring(&b, i ? ", " : " ");
        luaL_addstring(&b, t->cols[g->keys[i]].name);
    }
    luaL_pushresult(&b);
    return 1;
}


void lcoda_open_grouped(lua_State *L)
{
    static const luaL_Reg meth[] = { { "summarise", gr_summarise },
                                     { "slice_max", gr_slice_max },
                                     { "slice_min", gr_slice_min },
                                     { NULL, NULL } };
    static const luaL_Reg metameth[] = { { "__tostring", gr_tostring },
                                         { NULL, NULL } };
    lcoda_new_type(L, CODA_GROUPED, meth, metameth);
}
