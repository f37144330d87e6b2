/* lshape.c - Dataset methods that reshape: sort, rename, join, unnest,
 * nest, where, count_if, mutate. */
#include "lcoda.h"

#include "../runtime/base_alloc.h"
#include "../runtime/shape.h"

#include <lauxlib.h>
#include <string.h>

static int result(lua_State *L, coda_status st, const coda_error *err)
{
    return st == CODA_OK ? 1 : lcoda_raise(L, err);
}

/* One sort key from the value at idx: "col", "-col" or { col, "desc" }. */
static coda_sortkey sort_key(lua_State *L, coda_table *t, int idx)
{
    coda_sortkey k = { 0, 0 };
    if (lua_istable(L, idx)) {
        lcoda_check_plain(L, idx, "sort", "a sort key");
        lua_geti(L, idx, 1);
        k.col = lcoda_check_column(L, t, lua_gettop(L));
        lua_geti(L, idx, 2);
        static const char *const dirs[] = { "asc", "desc", NULL };
        k.desc = lcoda_check_choice(L, -1, "sort", "direction", dirs, 0);
        lua_pop(L, 2);
        return k;
    }
    if (lua_type(L, idx) == LUA_TNUMBER) { /* a column number */
        k.col = lcoda_check_column(L, t, idx);
        return k;
    }
    const char *name = luaL_checkstring(L, idx);
    if (name[0] == '-' && coda_table_find(t, name) < 0) {
        lua_pushstring(L, name + 1);
        k.col = lcoda_check_column(L, t, lua_gettop(L));
        k.desc = 1;
        lua_pop(L, 1);
        return k;
    }
    k.col = lcoda_check_column(L, t, idx);
    return k;
}

/* ds:sort(key, ...) or ds:sort{ key, ... } -> Dataset; a key is "col"
 * (ascending), "-col" (descending) or { "col", "desc" }; stable; missing
 * values last */
int lcoda_ds_sort(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    int tbl = lua_gettop(L) == 2 && lua_istable(L, 2);
    size_t n = tbl ? lcoda_plain_len(L, 2, "sort", "the list of sort keys")
                   : (size_t)lua_gettop(L) - 1;
    luaL_argcheck(L, n > 0, 2, "at least one sort key expected");
    coda_sortkey *keys = lua_newuserdatauv(L, n * sizeof *keys, 0);
    for (size_t j = 0; j < n; j++) {
        if (tbl) {
            lua_geti(L, 2, (lua_Integer)j + 1);
            keys[j] = sort_key(L, t, lua_gettop(L));
            lua_pop(L, 1);
        } else {
            keys[j] = sort_key(L, t, (int)j + 2);
        }
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return result(L, coda_sort(t, keys, n, out, &err), &err);
}

/* ds:rename(old, new) or ds:rename{ old = new, ... } -> Dataset */
int lcoda_ds_rename(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    coda_error err;
    if (!lua_istable(L, 2)) {
        size_t c = lcoda_check_column(L, t, 2);
        const char *name = luaL_checkstring(L, 3);
        coda_table **out = lcoda_new_dataset(L);
        return result(L, coda_rename(t, c, name, out, &err), &err);
    }
    lcoda_check_plain(L, 2, "rename", "the table of names");
    lua_pushvalue(L, 1); /* the current Dataset, replaced after each rename */
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        coda_table *cur = lcoda_check_dataset(L, -3);
        size_t c = lcoda_check_column(L, cur, lua_gettop(L) - 1);
        const char *name = luaL_checkstring(L, -1);
        coda_table **out = lcoda_new_dataset(L);
        if (coda_rename(cur, c, name, out, &err) != CODA_OK)
            return lcoda_raise(L, &err);
        lua_replace(L, -4); /* new Dataset in place of the current one */
        lua_pop(L, 1);
    }
    return 1;
}

/* Key columns of a join: on = "id" | { "id", ... } | { left = "right" }. */
static size_t join_keys(lua_State *L, coda_table *a, coda_table *b, int o,
                        size_t **ak, size_t **bk)
{
    int t = lua_getfield(L, o, "on");
    int idx = lua_gettop(L);
    size_t n = t == LUA_TSTRING ? 1
             : t == LUA_TTABLE ? lcoda_plain_len(L, idx, "join", "option on")
             : 0;
    int map = t == LUA_TTABLE && n == 0;
    if (map) {
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            n++;
        }
    }
    if (n == 0)
        luaL_error(L, "join: option on must name the key column(s)");
    *ak = lua_newuserdatauv(L, n * sizeof **ak, 0);
    *bk = lua_newuserdatauv(L, n * sizeof **bk, 0);
    size_t j = 0;
    if (map) {
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            (*ak)[j] = lcoda_check_column(L, a, lua_gettop(L) - 1);
            (*bk)[j++] = lcoda_check_column(L, b, lua_gettop(L));
            lua_pop(L, 1);
        }
        return n;
    }
    for (; j < n; j++) {
        if (t == LUA_TTABLE)
            lua_geti(L, idx, (lua_Integer)j + 1);
        else
            lua_pushvalue(L, idx);
        (*ak)[j] = lcoda_check_column(L, a, lua_gettop(L));
        (*bk)[j] = lcoda_check_column(L, b, lua_gettop(L));
        lua_pop(L, 1);
    }
    return n;
}

/* a:join(b, { on = ..., how = "inner"|"left", validate = "one_to_one"|
 * "many_to_one"|"one_to_many"|"many_to_many", suffix = "_y" }) -> Dataset */
int lcoda_ds_join(lua_State *L)
{
    static const char *const hows[] = { "inner", "left", NULL };
    static const char *const checks[] = { "many_to_many", "one_to_one",
                                          "many_to_one", "one_to_many", NULL };
    static const char *const keys[] = { "on", "how", "validate", "suffix",
                                        NULL };
    coda_table *a = lcoda_check_dataset(L, 1), *b = lcoda_check_dataset(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    lcoda_check_options(L, 3, "join", keys);
    size_t *ak, *bk, nk = join_keys(L, a, b, 3, &ak, &bk);
    lua_getfield(L, 3, "how");
    int how = lcoda_check_choice(L, -1, "join", "how", hows, 0);
    lua_getfield(L, 3, "validate");
    int check = lcoda_check_choice(L, -1, "join", "validate", checks, 0);
    lua_getfield(L, 3, "suffix");
    const char *suffix = luaL_optstring(L, -1, "_y");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return result(L, coda_join(a, b, ak, bk, nk, (coda_join_how)how,
                               (coda_join_check)check, suffix, out, &err),
                  &err);
}

/* ds:unnest(col [, { keep_empty = false }]) -> Dataset, one row per label */
int lcoda_ds_unnest(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t c = lcoda_check_column(L, t, 2);
    static const char *const keys[] = { "keep_empty", NULL };
    int keep = 0;
    if (lua_istable(L, 3)) {
        lcoda_check_options(L, 3, "unnest", keys);
        lua_getfield(L, 3, "keep_empty");
        keep = lua_toboolean(L, -1);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return result(L, coda_unnest(t, c, keep, out, &err), &err);
}

/* ds:nest(col) -> Dataset: rows equal but for string column col become one
 * row whose col is a multi set */
int lcoda_ds_nest(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t c = lcoda_check_column(L, t, 2);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return result(L, coda_nest(t, c, out, &err), &err);
}

/* The condition { col, op, value } at idx as c; what c points into is
 * kept in the table at anchor.  Raises on a condition that cannot be
 * tested, in the order the conditions come. */
static void to_cond(lua_State *L, const coda_table *t, int idx, int anchor,
                    coda_cond *c)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lcoda_check_plain(L, idx, NULL, "a condition");
    int top = lua_gettop(L);
    for (int i = 1; i <= 3; i++)
        lua_geti(L, idx, i);
    c->col = lcoda_check_column(L, t, top + 1);
    if (!coda_op_parse(luaL_checkstring(L, top + 2), &c->op))
        luaL_error(L, "unknown operator \"%s\"", lua_tostring(L, top + 2));
    c->vals = lcoda_values(L, top + 3, &c->nvals);
    coda_error err;
    if (coda_cond_check(t, c, &err) != CODA_OK)
        lcoda_raise(L, &err);
    int n = lua_gettop(L) - top;    /* the values and their buffer */
    lua_createtable(L, n, 0);
    lua_insert(L, top + 1);
    for (int i = n; i >= 1; i--)
        lua_rawseti(L, top + 1, i);
    lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);
}

/* The conditions of part (all, any or none) of the table at spec into a
 * Lua-owned array (*n entries); 0 when the part is absent. */
static int to_conds(lua_State *L, const coda_table *t, int spec,
                    const char *part, int anchor, coda_cond **conds, size_t *n)
{
    *conds = NULL;
    *n = 0;
    if (lua_getfield(L, spec, part) == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    int list = lua_gettop(L);
    luaL_checktype(L, list, LUA_TTABLE);
    *n = lcoda_plain_len(L, list, NULL, part);
    coda_cond *c = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *c, 0);
    lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);
    for (size_t i = 0; i < *n; i++) {
        lua_geti(L, list, (lua_Integer)i + 1);
        to_cond(L, t, lua_gettop(L), anchor, &c[i]);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    *conds = c;
    return 1;
}

/* The conditions' columns of the Dataset at ds (lcoda_dataset_columns),
 * the conditions renumbered to the table returned. */
static coda_table *where_table(lua_State *L, int ds, coda_cond **parts,
                               const size_t *np)
{
    size_t n = np[0] + np[1] + np[2], m = 0;
    size_t *cols = lua_newuserdatauv(L, (n ? n : 1) * sizeof *cols, 0);
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < np[p]; i++)
            cols[m++] = parts[p][i].col;
    coda_table *t = lcoda_dataset_columns(L, ds, cols, n);
    m = 0;
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < np[p]; i++)
            parts[p][i].col = cols[m++];
    return t;
}

/* The rows of the Dataset at ds that the conditions at spec choose
 * (coda_filter_where), in a new array the caller frees with coda_free
 * before any other Lua call; its row count in *nrow. */
static size_t *where_rows(lua_State *L, int ds, int spec, size_t *k,
                          size_t *nrow)
{
    const coda_table *schema = lcoda_dataset_schema(L, ds);
    luaL_checktype(L, spec, LUA_TTABLE);
    lcoda_check_plain(L, spec, NULL, "the conditions");
    lua_newtable(L);                /* keeps what the conditions point to */
    int anchor = lua_gettop(L);
    coda_cond *parts[3];
    size_t np[3];
    to_conds(L, schema, spec, "all", anchor, &parts[0], &np[0]);
    int any = to_conds(L, schema, spec, "any", anchor, &parts[1], &np[1]);
    to_conds(L, schema, spec, "none", anchor, &parts[2], &np[2]);
    coda_table *t = where_table(L, ds, parts, np);
    coda_where w = { parts[0], np[0], parts[1], np[1], parts[2], np[2], any };
    size_t *rows;
    coda_error err;
    if (coda_filter_where(t, &w, &rows, k, &err) != CODA_OK)
        lcoda_raise(L, &err);
    *nrow = t->nrow;
    lcoda_release_columns(L, -1);
    return rows;
}

/* ds:where{ all = { cond, ... }, any = { ... }, none = { ... } } -> Dataset
 * cond = { col, op, value } as for filter; like filter's, the result keeps
 * its rows and copies columns when used */
int lcoda_ds_where(lua_State *L)
{
    lua_settop(L, 2);
    lcoda_rows *r = lcoda_push_rows(L);
    size_t nrow;
    r->rows = where_rows(L, 1, 2, &r->k, &nrow);
    lcoda_finish_rows(L, 1, r);
    lua_settop(L, 3);
    return 1;
}

/* ds:count_if{ all = ..., any = ..., none = ... } -> count, nrow */
int lcoda_ds_count_if(lua_State *L)
{
    size_t k, nrow;
    coda_free(where_rows(L, 1, 2, &k, &nrow));
    lua_pushinteger(L, (lua_Integer)k);
    lua_pushinteger(L, (lua_Integer)nrow);
    return 2;
}

enum { K_INT = 1, K_NUM = 2, K_STR = 4, K_BOOL = 8, K_TBL = 16 };

static coda_type kinds_type(lua_State *L, int kinds)
{
    switch (kinds) {
    case 0: case K_STR: return CODA_STRING;
    case K_INT: return CODA_INTEGER;
    case K_NUM: case K_INT | K_NUM: return CODA_NUMBER;
    case K_BOOL: return CODA_BOOLEAN;
    case K_TBL: return CODA_MULTI;
    }
    luaL_error(L, "values of different kinds in one column (numbers, "
               "strings, booleans, tables); use one kind, or nil for "
               "missing");
    return CODA_STRING;
}

/* Set row r of column c of o from the Lua value at idx (nil: missing). */
static coda_status put_lua(lua_State *L, int idx, coda_table *o, size_t c,
                           size_t r)
{
    coda_column *col = &o->cols[c];
    if (lua_isnil(L, idx))
        return col->type == CODA_MULTI && coda_table_set_multi(o, c, r, NULL, 0)
                   ? CODA_ENOMEM : coda_table_set_missing(o, c, r);
    switch (col->type) {
    case CODA_INTEGER: col->v.i[r] = lua_tointeger(L, idx); return CODA_OK;
    case CODA_NUMBER: col->v.d[r] = lua_tonumber(L, idx); return CODA_OK;
    case CODA_BOOLEAN: col->v.b[r] = (uint8_t)lua_toboolean(L, idx); return CODA_OK;
    case CODA_STRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        return coda_table_set_string(o, c, r, s, len);
    }
    default: break;
    }
    size_t n = lcoda_plain_len(L, idx, NULL, "a multi value"), k = 0;
    uint32_t *ids = lua_newuserdatauv(L, (n + 1) * sizeof *ids, 0);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (!s)
            luaL_error(L, "mutate: a multi value must be an array of strings");
        uint32_t id;
        st = coda_labels_intern(col->v.m.labels, s, len, &id);
        int dup = 0;
        for (size_t q = 0; q < k && !dup; q++)
            dup = ids[q] == id;
        if (!dup)
            ids[k++] = id;
        lua_pop(L, 1);
    }
    if (st == CODA_OK)
        st = coda_table_set_multi(o, c, r, ids, k);
    lua_pop(L, 1);
    return st;
}

/* ds:mutate(name, function(row) return value end) -> Dataset with column
 * name added (or replaced): integers, numbers, strings, booleans, arrays of
 * labels (multi) or nil (missing); reading row.x where x is no column
 * raises.  ds:mutate(name, "expression") and ds:mutate{ name =
 * "expression", ... } compute in C (lmutate.c). */
int lcoda_ds_mutate(lua_State *L)
{
    if (!lua_isfunction(L, 3))
        return lcoda_mutate_exprs(L);
    coda_table *t = lcoda_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    lua_settop(L, 3);
    lcoda_push_row_meta(L, 1, "mutate");
    lua_createtable(L, t->nrow > INT32_MAX ? 0 : (int)t->nrow, 0);
    int res = lua_gettop(L), kinds = 0;
    for (size_t r = 0; r < t->nrow; r++) {
        lua_pushvalue(L, 3);
        lcoda_push_row(L, t, r);
        lua_pushvalue(L, res - 1);
        lua_setmetatable(L, -2);
        lcoda_call_holding(L, 1, 1, 1);  /* a close in it raises */
        int ty = lua_type(L, -1);
        kinds |= ty == LUA_TNUMBER ? (lua_isinteger(L, -1) ? K_INT : K_NUM)
               : ty == LUA_TSTRING ? K_STR : ty == LUA_TBOOLEAN ? K_BOOL
               : ty == LUA_TTABLE ? K_TBL : 0;
        if (ty != LUA_TNIL && !(kinds & (K_INT | K_NUM | K_STR | K_BOOL | K_TBL)))
            luaL_error(L, "mutate: row %d: cannot store a %s", (int)r + 1,
                       lua_typename(L, ty));
        lua_rawseti(L, res, (lua_Integer)r + 1);
    }
    coda_type type = kinds_type(L, kinds);
    size_t *cols = lua_newuserdatauv(L, (t->ncol + 1) * sizeof *cols, 0), c;
    for (size_t j = 0; j < t->ncol; j++)
        cols[j] = j;
    coda_table **out = lcoda_new_dataset(L);
    int od = lua_gettop(L);
    coda_status st = coda_table_select(t, cols, t->ncol, out);
    if (st == CODA_OK)
        st = coda_table_add_column(*out, name, type, &c);
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        lua_rawgeti(L, res, (lua_Integer)r + 1);
        st = put_lua(L, lua_gettop(L), *out, c, r);
        lua_pop(L, 1);
    }
    if (st != CODA_OK)
        return luaL_error(L, "mutate: %s", coda_strerror(st));
    lua_settop(L, od);
    return 1;
}


/* The kinds of values column name holds in the rows (array at idx). */
static int column_kinds(lua_State *L, int rows, size_t n, const char *name)
{
    int kinds = 0;
    for (size_t r = 0; r < n; r++) {
        lua_geti(L, rows, (lua_Integer)r + 1);
        luaL_checktype(L, -1, LUA_TTABLE);
        lcoda_check_plain(L, -1, "dataset", "a row");
        int ty = lua_getfield(L, -1, name);
        kinds |= ty == LUA_TNUMBER ? (lua_isinteger(L, -1) ? K_INT : K_NUM)
               : ty == LUA_TSTRING ? K_STR : ty == LUA_TBOOLEAN ? K_BOOL
               : ty == LUA_TTABLE ? K_TBL : 0;
        if (ty != LUA_TNIL && ty != LUA_TNUMBER && ty != LUA_TSTRING &&
            ty != LUA_TBOOLEAN && ty != LUA_TTABLE)
            luaL_error(L, "dataset: row %d, column \"%s\": cannot store a %s",
                       (int)r + 1, name, lua_typename(L, ty));
        lua_pop(L, 2);
    }
    return kinds;
}

/* coda.dataset(rows, names) -> Dataset: rows is an array of tables
 * { name = value }, names the columns in order; each column's type comes
 * from its values (integers, numbers, strings, booleans, arrays of labels
 * for multi; nil is missing) */
int lcoda_dataset_from_rows(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t n = lcoda_plain_len(L, 1, "dataset", "the rows");
    size_t nc = lcoda_plain_len(L, 2, "dataset", "the names");
    coda_table **out = lcoda_new_dataset(L);
    int od = lua_gettop(L);
    if (coda_table_create(n, 0, out) != CODA_OK)
        return luaL_error(L, "dataset: out of memory");
    for (size_t j = 0; j < nc; j++) {
        lua_geti(L, 2, (lua_Integer)j + 1);
        const char *name = luaL_checkstring(L, -1);
        if (coda_table_find(*out, name) >= 0)
            return luaL_error(L, "dataset: column \"%s\" named twice", name);
        coda_type type = kinds_type(L, column_kinds(L, 1, n, name));
        size_t c;
        coda_status st = coda_table_add_column(*out, name, type, &c);
        for (size_t r = 0; r < n && st == CODA_OK; r++) {
            lua_geti(L, 1, (lua_Integer)r + 1);
            lua_getfield(L, -1, name);
            st = put_lua(L, lua_gettop(L), *out, c, r);
            lua_pop(L, 2);
        }
        if (st != CODA_OK)
            return luaL_error(L, "dataset: %s", coda_strerror(st));
        lua_settop(L, od);
    }
    return 1;
}
