/* ldataset.c - the Dataset userdata: sizes, values, rows, select, head,
 * filter, write_csv and the printed preview. */
#include "lcoda.h"

#include "../runtime/base_alloc.h"
#include "../runtime/csv_io.h"
#include "../runtime/filter.h"
#include "../runtime/format.h"

#include <lauxlib.h>
#include <limits.h>
#include <string.h>

/* A filter's rows of a table, not taken yet: ds:filter keeps the row
 * selection, and its columns are copied when the Dataset is first used
 * (whole), or only those a summary reads (lcoda_dataset_columns). */
typedef struct subset {
    lcoda_rows r;       /* rows of src (first: lcoda_push_rows gives it) */
    coda_table *src;    /* a share of the filtered table: it stays as it was */
} subset;

typedef struct dataset {
    coda_table *t;      /* NULL once closed, and while sub is set */
    coda_table *later;  /* closed in a finalizer: freed by __gc */
    subset *sub;        /* a filter's rows not taken yet, or NULL */
    subset *later_sub;  /* as later */
    int busy;           /* a method of it is calling back into Lua */
} dataset;

static void subset_free(subset *s)
{
    if (s) {
        coda_table_free(s->src);
        coda_free(s->r.rows);
        coda_free(s);
    }
}

coda_table **lcoda_new_dataset(lua_State *L)
{
    dataset *d = lua_newuserdatauv(L, sizeof *d, 0);
    d->t = d->later = NULL;
    d->sub = d->later_sub = NULL;
    d->busy = 0;
    luaL_setmetatable(L, CODA_DATASET);
    return &d->t;
}

static dataset *check_open(lua_State *L, int arg)
{
    dataset *d = luaL_checkudata(L, arg, CODA_DATASET);
    if (!d->t && !d->sub)
        luaL_argerror(L, arg, "attempt to use a closed Dataset");
    return d;
}

static int result(lua_State *L, coda_status st);

/* Take the rows of d's subset into its own table. */
static coda_table *take_subset(lua_State *L, dataset *d)
{
    coda_table *t;
    const subset *s = d->sub;
    coda_status st = coda_table_take(s->src, s->r.rows, s->r.k, &t);
    if (st != CODA_OK)
        result(L, st);
    subset_free(d->sub);
    d->sub = NULL;
    return d->t = t;
}

coda_table *lcoda_check_dataset(lua_State *L, int arg)
{
    dataset *d = check_open(L, arg);
    return d->sub ? take_subset(L, d) : d->t;
}

const coda_table *lcoda_dataset_schema(lua_State *L, int arg)
{
    dataset *d = check_open(L, arg);
    return d->sub ? d->sub->src : d->t;
}

coda_table *lcoda_dataset_columns(lua_State *L, int arg, size_t *cols,
                                  size_t n)
{
    dataset *d = check_open(L, arg);
    if (!d->sub) {
        lua_pushnil(L);
        return d->t;
    }
    const subset *s = d->sub;
    coda_table **out = lcoda_new_dataset(L);
    coda_status st = coda_table_create(s->r.k, n, out);
    for (size_t j = 0; j < n && st == CODA_OK; j++) {
        st = coda_table_gather_column(*out, j, s->src->cols[cols[j]].name,
                                      s->src, cols[j], s->r.rows, s->r.k);
        cols[j] = j;
    }
    if (st != CODA_OK)
        result(L, st);
    return *out;
}

void lcoda_release_columns(lua_State *L, int idx)
{
    dataset *d = luaL_testudata(L, idx, CODA_DATASET);
    if (d && !d->busy) {
        coda_table_free(d->t);
        d->t = NULL;
    }
}

lcoda_rows *lcoda_push_rows(lua_State *L)
{
    lcoda_new_dataset(L);
    dataset *d = lua_touserdata(L, -1);
    if (!(d->sub = coda_calloc(1, sizeof *d->sub)))
        result(L, CODA_ENOMEM);
    return &d->sub->r;
}

void lcoda_finish_rows(lua_State *L, int arg, lcoda_rows *r)
{
    subset *s = (subset *)r;
    dataset *from = luaL_checkudata(L, arg, CODA_DATASET);
    if (from->sub)  /* rows of rows: the same source */
        for (size_t j = 0; j < r->k; j++)
            r->rows[j] = from->sub->r.rows[r->rows[j]];
    coda_status st = coda_table_share(from->sub ? from->sub->src : from->t,
                                      &s->src);
    if (st != CODA_OK)
        result(L, st);
}

void lcoda_call_holding(lua_State *L, int ds, int nargs, int nres)
{
    dataset *d = luaL_checkudata(L, ds, CODA_DATASET);
    d->busy++;
    int st = lua_pcall(L, nargs, nres, 0);
    d->busy--;
    if (st != LUA_OK)
        lua_error(L);
}

int lcoda_close_now(lua_State *L)
{
    /* 1 running; 0 stopped by the script; in a finalizer 0, or -1 (5.4.4
     * on: every option fails while the collector stops itself) */
    return lua_gc(L, LUA_GCISRUNNING) == 1;
}

int lcoda_raise(lua_State *L, const coda_error *err)
{
    char buf[4096];
    luaL_where(L, 1);
    lua_pushstring(L, coda_error_format(err, buf, sizeof buf));
    lua_concat(L, 2);
    return lua_error(L);
}

/* The name of the running C function, as luaL_argerror finds it. */
static const char *running(lua_State *L)
{
    lua_Debug ar;
    if (!lua_getstack(L, 0, &ar))
        return "?";
    lua_getinfo(L, "n", &ar);
    return ar.name ? ar.name : "?";
}

int lcoda_no_column(lua_State *L, const coda_table *t, const char *name,
                    const char *fn)
{
    const char *near = coda_table_nearest(t, name);
    return luaL_error(L, "no column \"%s\" in %s%s%s%s", name,
                      fn ? fn : running(L), near ? " (did you mean \"" : "",
                      near ? near : "", near ? "\"?)" : "");
}

size_t lcoda_check_column(lua_State *L, const coda_table *t, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        lua_Integer c = luaL_checkinteger(L, arg);
        if (c < 1 || (size_t)c > t->ncol)
            luaL_error(L, "column %I out of range (1..%I) in %s", c,
                       (lua_Integer)t->ncol, running(L));
        return (size_t)c - 1;
    }
    const char *name = luaL_checkstring(L, arg);
    long c = coda_table_find(t, name);
    if (c < 0)
        lcoda_no_column(L, t, name, NULL);
    return (size_t)c;
}

void lcoda_push_value(lua_State *L, const coda_column *col, size_t r)
{
    if (coda_is_missing(col, r)) {
        lua_pushnil(L);
        return;
    }
    switch (col->type) {
    case CODA_INTEGER: lua_pushinteger(L, col->v.i[r]); break;
    case CODA_NUMBER: lua_pushnumber(L, col->v.d[r]); break;
    case CODA_BOOLEAN: lua_pushboolean(L, col->v.b[r]); break;
    case CODA_STRING: lua_pushlstring(L, col->v.s.p[r], col->v.s.len[r]); break;
    case CODA_MULTI: {
        uint64_t a = col->v.m.off[r], b = col->v.m.off[r + 1];
        const coda_labels *l = col->v.m.labels;
        lua_createtable(L, (int)(b - a), 0);
        for (uint64_t i = a; i < b; i++) {
            lua_pushlstring(L, l->s[col->v.m.ids[i]], l->len[col->v.m.ids[i]]);
            lua_rawseti(L, -2, (lua_Integer)(i - a + 1));
        }
        break;
    }
    }
}

/* Return the new Dataset on the stack top, or raise for st. */
static int result(lua_State *L, coda_status st)
{
    if (st != CODA_OK) {
        coda_error err;
        coda_error_set(&err, st, NULL, 0, 0, "%s", coda_strerror(st));
        return lcoda_raise(L, &err);
    }
    return 1;
}

/* ds:nrow() -> integer */
static int ds_nrow(lua_State *L)
{
    dataset *d = check_open(L, 1);
    lua_pushinteger(L, (lua_Integer)(d->sub ? d->sub->r.k : d->t->nrow));
    return 1;
}

/* ds:ncol() -> integer */
static int ds_ncol(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lcoda_dataset_schema(L, 1)->ncol);
    return 1;
}

/* ds:names() -> { name, ... } in column order */
static int ds_names(lua_State *L)
{
    const coda_table *t = lcoda_dataset_schema(L, 1);
    lua_createtable(L, (int)t->ncol, 0);
    for (size_t c = 0; c < t->ncol; c++) {
        lua_pushstring(L, t->cols[c].name);
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    return 1;
}

/* ds:type(col) -> "integer"|"number"|"string"|"boolean"|"multi" */
static int ds_type(lua_State *L)
{
    const coda_table *t = lcoda_dataset_schema(L, 1);
    lua_pushstring(L, coda_type_name(t->cols[lcoda_check_column(L, t, 2)].type));
    return 1;
}

static size_t check_row(lua_State *L, const coda_table *t, int arg)
{
    lua_Integer r = luaL_checkinteger(L, arg);
    if (r < 1 || (size_t)r > t->nrow)
        luaL_argerror(L, arg, lua_pushfstring(L, "row %I out of range (1..%I)",
                                              r, (lua_Integer)t->nrow));
    return (size_t)r - 1;
}

/* ds:get(row, col) -> value (missing: nil; multi: array of labels) */
static int ds_get(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    size_t r = check_row(L, t, 2);
    lcoda_push_value(L, &t->cols[lcoda_check_column(L, t, 3)], r);
    return 1;
}

/* ds:column(col) -> { v1, v2, ..., n = nrow } (missing values are holes) */
static int ds_column(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const coda_column *col = &t->cols[lcoda_check_column(L, t, 2)];
    lua_createtable(L, t->nrow > INT32_MAX ? 0 : (int)t->nrow, 1);
    for (size_t r = 0; r < t->nrow; r++) {
        lcoda_push_value(L, col, r);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_pushinteger(L, (lua_Integer)t->nrow);
    lua_setfield(L, -2, "n");
    return 1;
}

/* Push row r as a table { name = value, ... }. */
void lcoda_push_row(lua_State *L, const coda_table *t, size_t r)
{
    lua_createtable(L, 0, (int)t->ncol);
    for (size_t c = 0; c < t->ncol; c++) {
        lcoda_push_value(L, &t->cols[c], r);
        lua_setfield(L, -2, t->cols[c].name);
    }
}

/* __index of a row given to a callback: a column that is missing in this
 * row reads as nil; a name that is no column raises. */
static int strict_index(lua_State *L)
{
    dataset *d = lua_touserdata(L, lua_upvalueindex(1));
    const char *fn = lua_tostring(L, lua_upvalueindex(2));
    const char *key = luaL_tolstring(L, 2, NULL);
    const coda_table *t = d->sub ? d->sub->src : d->t;
    if (t && lua_type(L, 2) == LUA_TSTRING && coda_table_find(t, key) >= 0)
        return 0;
    return t ? lcoda_no_column(L, t, key, fn)
             : luaL_error(L, "%s: attempt to use a closed Dataset", fn);
}

void lcoda_push_row_meta(lua_State *L, int ds, const char *fn)
{
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, ds);
    lua_pushstring(L, fn);
    lua_pushcclosure(L, strict_index, 2);
    lua_setfield(L, -2, "__index");
}

static int rows_next(lua_State *L)
{
    coda_table *t = ((dataset *)lua_touserdata(L, lua_upvalueindex(1)))->t;
    if (!t)
        return luaL_error(L, "rows: attempt to use a closed Dataset");
    lua_Integer r = lua_tointeger(L, lua_upvalueindex(2));
    if ((size_t)r >= t->nrow)
        return 0;
    lua_pushinteger(L, r + 1);
    lua_copy(L, -1, lua_upvalueindex(2));
    lcoda_push_row(L, t, (size_t)r);
    return 2;
}

/* for i, row in ds:rows() do ... end  -- row is { name = value, ... } */
static int ds_rows(lua_State *L)
{
    lcoda_check_dataset(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, rows_next, 2); /* the closure keeps the Dataset alive */
    return 1;
}

/* ds:select(col, ...) or ds:select{col, ...} -> Dataset of those columns */
static int ds_select(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    int tbl = lua_istable(L, 2);
    size_t k = tbl ? lcoda_plain_len(L, 2, "select", "the list of columns")
                   : (size_t)lua_gettop(L) - 1;
    size_t *cols = lua_newuserdatauv(L, (k ? k : 1) * sizeof *cols, 0);
    for (size_t j = 0; j < k; j++) {
        int arg = (int)j + 2;
        if (tbl) {
            lua_geti(L, 2, (lua_Integer)j + 1);
            arg = lua_gettop(L);
        }
        cols[j] = lcoda_check_column(L, t, arg);
        if (tbl)
            lua_pop(L, 1);
    }
    coda_table **out = lcoda_new_dataset(L);
    return result(L, coda_table_select(t, cols, k, out));
}

/* ds:head([n = 10]) -> Dataset of the first n rows */
static int ds_head(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    lua_Integer n = luaL_optinteger(L, 2, 10);
    luaL_argcheck(L, n >= 0, 2, "must not be negative");
    size_t k = (size_t)n < t->nrow ? (size_t)n : t->nrow;
    size_t *rows = lua_newuserdatauv(L, (k ? k : 1) * sizeof *rows, 0);
    for (size_t r = 0; r < k; r++)
        rows[r] = r;
    coda_table **out = lcoda_new_dataset(L);
    return result(L, coda_table_take(t, rows, k, out));
}

coda_value lcoda_to_value(lua_State *L, int idx, int arg)
{
    coda_value v = { 0 };
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            v.type = CODA_INTEGER, v.i = lua_tointeger(L, idx);
        else
            v.type = CODA_NUMBER, v.d = lua_tonumber(L, idx);
        break;
    case LUA_TSTRING:
        v.type = CODA_STRING;
        v.s = lua_tolstring(L, idx, &v.len);
        break;
    case LUA_TBOOLEAN:
        v.type = CODA_BOOLEAN;
        v.b = lua_toboolean(L, idx);
        break;
    default:
        luaL_argerror(L, arg, lua_pushfstring(L, "number, string or boolean "
                      "expected, got %s", luaL_typename(L, idx)));
    }
    return v;
}

coda_value *lcoda_values(lua_State *L, int arg, size_t *n)
{
    if (lua_isnoneornil(L, arg)) {
        *n = 0;
        return NULL;
    }
    int tbl = lua_istable(L, arg);
    *n = tbl ? lcoda_plain_len(L, arg, NULL, "a list of values") : 1;
    coda_value *v = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *v, 0);
    if (tbl) /* the elements stay on the stack: room for all of them */
        luaL_checkstack(L, *n < INT_MAX ? (int)*n : INT_MAX, "too many values");
    for (size_t i = 0; i < *n; i++) {
        if (tbl)
            lua_geti(L, arg, (lua_Integer)i + 1); /* stays on the stack */
        v[i] = lcoda_to_value(L, tbl ? -1 : arg, arg);
    }
    return v;
}

/* ds:filter(fn): rows for which fn(row) is true; row as ds:rows() gives it */
static int filter_fn(lua_State *L, coda_table *t)
{
    size_t *rows = lua_newuserdatauv(L, (t->nrow ? t->nrow : 1) * sizeof *rows,
                                     0);
    size_t k = 0;
    lcoda_push_row_meta(L, 1, "filter");
    int meta = lua_gettop(L);
    for (size_t r = 0; r < t->nrow; r++) {
        lua_pushvalue(L, 2);
        lcoda_push_row(L, t, r);
        lua_pushvalue(L, meta);
        lua_setmetatable(L, -2);
        lcoda_call_holding(L, 1, 1, 1);  /* a close in it raises */
        if (lua_toboolean(L, -1))
            rows[k++] = r;
        lua_pop(L, 1);
    }
    coda_table **out = lcoda_new_dataset(L);
    return result(L, coda_table_take(t, rows, k, out));
}

coda_table *lcoda_filter(lua_State *L, coda_table *t, int arg)
{
    size_t c = lcoda_check_column(L, t, arg);
    coda_op op;
    if (!coda_op_parse(luaL_checkstring(L, arg + 1), &op))
        luaL_argerror(L, arg + 1, lua_pushfstring(L, "unknown operator \"%s\"",
                                                  lua_tostring(L, arg + 1)));
    size_t n, k;
    coda_value *vals = lcoda_values(L, arg + 2, &n);
    coda_table **out = lcoda_new_dataset(L);
    size_t *rows = NULL;
    coda_error err;
    if (coda_filter_rows(t, c, op, vals, n, &rows, &k, &err) != CODA_OK)
        lcoda_raise(L, &err);
    coda_status st = coda_table_take(t, rows, k, out);
    coda_free(rows);
    if (st != CODA_OK)
        result(L, st);
    return *out;
}

/* ds:filter(col, op, value) -> Dataset of the matching rows, in C.
 *   op: "==" "~=" "<" "<=" ">" ">=" (one value), "in" (array of values),
 *   "has" (multi: a label or an array of labels, all required),
 *   "missing" "present" (no value).  Missing values match no comparison.
 *   The result keeps the row selection; its columns are copied when it is
 *   first used, or only those its summaries read.
 * ds:filter(function(row) ... end) -> Dataset of rows where it is true */
static int ds_filter(lua_State *L)
{
    if (lua_isfunction(L, 2))
        return filter_fn(L, lcoda_check_dataset(L, 1));
    size_t c = lcoda_check_column(L, lcoda_dataset_schema(L, 1), 2);
    coda_op op;
    if (!coda_op_parse(luaL_checkstring(L, 3), &op))
        luaL_argerror(L, 3, lua_pushfstring(L, "unknown operator \"%s\"",
                                            lua_tostring(L, 3)));
    size_t n;
    coda_value *vals = lcoda_values(L, 4, &n);
    lcoda_rows *r = lcoda_push_rows(L);
    int out = lua_gettop(L);
    coda_table *t = lcoda_dataset_columns(L, 1, &c, 1);
    coda_error err;
    if (coda_filter_rows(t, c, op, vals, n, &r->rows, &r->k, &err) != CODA_OK)
        lcoda_raise(L, &err);
    lcoda_release_columns(L, -1);
    lcoda_finish_rows(L, 1, r);
    lua_settop(L, out);
    return 1;
}

/* ds:write_csv(path [, { sep = ";" }]) -> ds  (atomic: temp file + rename) */
static int ds_write_csv(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    static const char *const known[] = { "sep", NULL };
    const char *sep = ";";
    lcoda_check_options(L, 3, "write_csv", known);
    if (lua_istable(L, 3) && lua_getfield(L, 3, "sep") != LUA_TNIL) {
        size_t len;
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "write_csv: option sep must be a string");
        sep = lua_tolstring(L, -1, &len);
        if (strlen(sep) != len)
            return luaL_error(L, "write_csv: option sep holds a NUL byte");
    }
    coda_error err;
    if (coda_csv_write(t, path, sep, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

static void add_to_buffer(void *ud, const char *s, size_t len)
{
    luaL_addlstring(ud, s, len);
}

/* tostring(ds): a preview of the first rows; ds:show([n = 10]) prints n rows */
static int preview(lua_State *L, size_t rows)
{
    dataset *d = luaL_checkudata(L, 1, CODA_DATASET);
    if (!d->t && !d->sub) {
        lua_pushliteral(L, "# Dataset (closed)");
        return 1;
    }
    if (d->sub)
        take_subset(L, d);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    coda_table_preview(d->t, rows, 100, add_to_buffer, &b);
    luaL_buffsub(&b, 1); /* the last newline: print adds its own */
    luaL_pushresult(&b);
    return 1;
}

static int ds_tostring(lua_State *L)
{
    return preview(L, 10);
}

static int ds_show(lua_State *L)
{
    lcoda_check_dataset(L, 1);
    lua_Integer n = luaL_optinteger(L, 2, 10);
    luaL_argcheck(L, n >= 0, 2, "must not be negative");
    preview(L, (size_t)n);
    lua_getglobal(L, "print");
    lua_insert(L, -2);
    lua_call(L, 1, 0);
    return 0;
}

/* #ds -> nrow */
static int ds_len(lua_State *L)
{
    return ds_nrow(L);
}

/* __gc: free the table; safe to run twice. */
static int ds_gc(lua_State *L)
{
    dataset *d = luaL_checkudata(L, 1, CODA_DATASET);
    coda_table_free(d->t);
    coda_table_free(d->later);
    d->t = d->later = NULL;
    subset_free(d->sub);
    subset_free(d->later_sub);
    d->sub = d->later_sub = NULL;
    return 0;
}

/* ds:close() and __close: as __gc, but not while one of its methods is
 * calling back into Lua (filter, mutate ...): that method still reads it;
 * in a finalizer, the memory is left to __gc (lcoda_close_now). */
static int ds_close(lua_State *L)
{
    dataset *d = luaL_checkudata(L, 1, CODA_DATASET);
    if (d->busy)
        return luaL_error(L, "cannot close a Dataset while one of its "
                          "methods runs (in a function it called)");
    if (lcoda_close_now(L))
        return ds_gc(L);
    if (d->t)
        d->later = d->t;
    if (d->sub)
        d->later_sub = d->sub;
    d->t = NULL;
    d->sub = NULL;
    return 0;
}

/* Every method of a Dataset, whichever file defines it. */
static const luaL_Reg meth[] = {
    /* sizes, values, rows (here) */
    { "nrow", ds_nrow },     { "ncol", ds_ncol },     { "names", ds_names },
    { "type", ds_type },     { "get", ds_get },       { "column", ds_column },
    { "rows", ds_rows },     { "select", ds_select }, { "head", ds_head },
    { "filter", ds_filter }, { "write_csv", ds_write_csv },
    { "show", ds_show },     { "close", ds_close },
    /* aggregation (lagg.c), tests (ltest.c), groups (lgroup.c) */
    { "frequency", lcoda_ds_frequency }, { "crosstab", lcoda_ds_crosstab },
    { "banner", lcoda_ds_banner },
    { "label", lcoda_ds_label },         { "labels", lcoda_ds_labels },
    { "missing_codes", lcoda_ds_missing_codes },
    { "levels", lcoda_ds_levels },
    { "write_sav", lcoda_ds_write_sav }, { "write_dta", lcoda_ds_write_dta },
    { "write_xlsx", lcoda_ds_write_xlsx },
    { "pivot_wider", lcoda_ds_pivot_wider },
    { "pivot_longer", lcoda_ds_pivot_longer },
    { "chisq", lcoda_ds_chisq },         { "fisher", lcoda_ds_fisher },
    { "ttest", lcoda_ds_ttest },
    { "ztest_columns", lcoda_ds_ztest_columns },
    { "group_by", lcoda_ds_group_by },   { "summarise", lcoda_ds_summarise },
    { "slice_max", lcoda_ds_slice_max }, { "slice_min", lcoda_ds_slice_min },
    /* reshaping (lshape.c) */
    { "sort", lcoda_ds_sort },           { "rename", lcoda_ds_rename },
    { "join", lcoda_ds_join },           { "unnest", lcoda_ds_unnest },
    { "nest", lcoda_ds_nest },           { "where", lcoda_ds_where },
    { "count_if", lcoda_ds_count_if },   { "mutate", lcoda_ds_mutate },
    /* writers (lwrite.c) */
    { "write_json", lcoda_ds_write_json },
    { "write_jsonl", lcoda_ds_write_jsonl },
    { "to_json", lcoda_ds_to_json },
    { "to_markdown", lcoda_ds_to_markdown },
    { "write_markdown", lcoda_ds_write_markdown },
    /* on coded segments (lcorpus.c, lsegout.c) */
    { "cases", lcoda_ds_cases },         { "matrix", lcoda_ds_matrix },
    { "cooccurrence", lcoda_ds_cooccurrence },
    { "write_kwic", lcoda_ds_write_kwic },
    { "write_html", lcoda_ds_write_html },
    { NULL, NULL }
};

static const luaL_Reg metameth[] = {
    { "__tostring", ds_tostring }, { "__len", ds_len },
    { "__gc", ds_gc }, { "__close", ds_close }, { NULL, NULL }
};

void lcoda_open_dataset(lua_State *L)
{
    lcoda_new_type(L, CODA_DATASET, meth, metameth);
    lcoda_open_grouped(L);
}
