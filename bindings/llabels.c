/* llabels.c - a column's variable label, value labels, declared missing
 * codes and levels: ds:label, ds:labels, ds:missing_codes, ds:levels. */
#include "lcoda.h"

#include "../runtime/base_alloc.h"

#include <lauxlib.h>
#include <math.h>

/* A copy of t, pushed as a new Dataset (its meta to be changed). */
static coda_table *push_copy(lua_State *L, const coda_table *t)
{
    coda_table **out = lcoda_new_dataset(L);
    size_t *cols = lua_newuserdatauv(L, (t->ncol ? t->ncol : 1) * sizeof *cols, 0);
    for (size_t j = 0; j < t->ncol; j++)
        cols[j] = j;
    coda_status st = coda_table_select(t, cols, t->ncol, out);
    lua_pop(L, 1);
    if (st != CODA_OK)
        luaL_error(L, "%s", coda_strerror(st));
    return *out;
}

/* Give column c of n the meta m, dropping the caller's reference. */
static void give_meta(coda_table *n, size_t c, coda_colmeta *m)
{
    coda_table_set_meta(n, c, m);
    coda_colmeta_unref(m);
}

/* A writable copy of column c's meta; raises when out of memory. */
static coda_colmeta *meta_copy(lua_State *L, const coda_table *t, size_t c)
{
    coda_colmeta *m;
    if (coda_colmeta_copy(t->cols[c].meta, &m) != CODA_OK)
        luaL_error(L, "%s", coda_strerror(CODA_ENOMEM));
    return m;
}

static void push_number(lua_State *L, double d)
{
    if (d == floor(d) && fabs(d) < 9.2e18)
        lua_pushinteger(L, (lua_Integer)d);
    else
        lua_pushnumber(L, d);
}

/* ds:label(col) -> the variable label or nil;
 * ds:label(col, text) -> Dataset with that label (nil removes it) */
int lcoda_ds_label(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t c = lcoda_check_column(L, t, 2);
    const coda_colmeta *m = t->cols[c].meta;
    if (lua_gettop(L) < 3) {
        lua_pushstring(L, m ? m->label : NULL);
        return 1;
    }
    const char *text = luaL_optstring(L, 3, NULL);
    coda_table *copy = push_copy(L, t);
    coda_colmeta *n = meta_copy(L, t, c);
    if (coda_colmeta_set_label(n, text) != CODA_OK) {
        coda_colmeta_unref(n);
        return luaL_error(L, "%s", coda_strerror(CODA_ENOMEM));
    }
    give_meta(copy, c, n);
    return 1;
}

/* The value labels { [code] = text } at idx into m (replacing its own). */
static void read_vlabels(lua_State *L, int idx, coda_colmeta *m)
{
    for (size_t i = 0; i < m->nvl; i++)
        coda_free(m->text[i]);
    m->nvl = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TSTRING) {
            coda_colmeta_unref(m);
            luaL_error(L, "labels: value labels map numbers to texts "
                       "({ [1] = \"Male\", ... })");
        }
        if (coda_colmeta_add_vlabel(m, lua_tonumber(L, -2),
                                    lua_tostring(L, -1)) != CODA_OK) {
            coda_colmeta_unref(m);
            luaL_error(L, "%s", coda_strerror(CODA_ENOMEM));
        }
        lua_pop(L, 1);
    }
}

/* ds:labels(col) -> { [code] = text, ... } or nil when it has none;
 * ds:labels(col, { [code] = text, ... }) -> Dataset with those labels */
int lcoda_ds_labels(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t c = lcoda_check_column(L, t, 2);
    const coda_colmeta *m = t->cols[c].meta;
    if (lua_gettop(L) < 3) {
        if (!m || !m->nvl)
            return lua_pushnil(L), 1;
        lua_createtable(L, 0, (int)m->nvl);
        for (size_t i = 0; i < m->nvl; i++) {
            push_number(L, m->code[i]);
            lua_pushstring(L, m->text[i]);
            lua_rawset(L, -3);
        }
        return 1;
    }
    luaL_checktype(L, 3, LUA_TTABLE);
    lcoda_check_plain(L, 3, "labels", "the value labels");
    coda_table *copy = push_copy(L, t);
    coda_colmeta *n = meta_copy(L, t, c);
    read_vlabels(L, 3, n);
    give_meta(copy, c, n);
    return 1;
}

/* ds:missing_codes(col) -> { code, ... } the codes the file declared
 * missing (a range as { lo, hi }), or nil */
int lcoda_ds_missing_codes(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const coda_colmeta *m = t->cols[lcoda_check_column(L, t, 2)].meta;
    if (!m || !m->nna)
        return lua_pushnil(L), 1;
    lua_createtable(L, (int)m->nna, 0);
    for (size_t i = 0; i < m->nna; i++) {
        if (m->na_lo[i] == m->na_hi[i]) {
            push_number(L, m->na_lo[i]);
        } else {
            lua_createtable(L, 2, 0);
            push_number(L, m->na_lo[i]);
            lua_rawseti(L, -2, 1);
            push_number(L, m->na_hi[i]);
            lua_rawseti(L, -2, 2);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ds:levels(col) -> { level, ... } in order, or nil;
 * ds:levels(col, { level, ... }) -> Dataset whose string column col is an
 * ordered category: sort, group_by, frequency and crosstab follow it */
int lcoda_ds_levels(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t c = lcoda_check_column(L, t, 2);
    const coda_colmeta *m = t->cols[c].meta;
    if (lua_gettop(L) < 3) {
        if (!m || !m->levels)
            return lua_pushnil(L), 1;
        lua_createtable(L, (int)m->levels->n, 0);
        for (uint32_t i = 0; i < m->levels->n; i++) {
            lua_pushlstring(L, m->levels->s[i], m->levels->len[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return 1;
    }
    size_t n = lcoda_plain_len(L, 3, "levels", "the levels");
    const char **s = lua_newuserdatauv(L, (n ? n : 1) * sizeof *s, 0);
    size_t *len = lua_newuserdatauv(L, (n ? n : 1) * sizeof *len, 0);
    for (size_t i = 0; i < n; i++) {
        if (lua_geti(L, 3, (lua_Integer)i + 1) != LUA_TSTRING)
            return luaL_error(L, "levels: level %I is %s, not a string",
                              (lua_Integer)i + 1, luaL_typename(L, -1));
        s[i] = lua_tolstring(L, -1, &len[i]);
        lua_pop(L, 1);              /* the table still holds it */
    }
    coda_table *copy = push_copy(L, t);
    coda_error err;
    if (coda_table_set_levels(copy, c, s, len, n, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}
