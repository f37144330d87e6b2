/* lformats.c - coda.read_sav, read_dta, read_sas7bdat, read_xlsx, read and
 * write_xlsx; ds:write_sav, ds:write_dta and ds:write_xlsx. */
#include "lcoda.h"

#include "../runtime/csv_io.h"
#include "../runtime/fmt.h"

#include <lauxlib.h>
#include <string.h>
#include <strings.h>

static int read_stat(lua_State *L, coda_stat_kind kind, const char *fn)
{
    const char *path = lcoda_check_path(L, 1);
    static const char *const none[] = { NULL };
    lcoda_check_options(L, 2, fn, none);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_stat_read(path, kind, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* coda.read_sav(path) -> Dataset (labels, levels and missing codes kept) */
static int l_read_sav(lua_State *L)
{
    return read_stat(L, CODA_FMT_SAV, "read_sav");
}

/* coda.read_dta(path) -> Dataset */
static int l_read_dta(lua_State *L)
{
    return read_stat(L, CODA_FMT_DTA, "read_dta");
}

/* coda.read_sas7bdat(path) -> Dataset */
static int l_read_sas7bdat(lua_State *L)
{
    return read_stat(L, CODA_FMT_SAS7BDAT, "read_sas7bdat");
}

/* opts.sheet: a name or a 1-based position. */
static void sheet_option(lua_State *L, coda_xlsx_opts *o)
{
    int t = lua_getfield(L, 2, "sheet");
    if (t == LUA_TSTRING) {
        o->sheet = lua_tostring(L, -1);     /* the options table holds it */
    } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
        o->index = (size_t)lua_tointeger(L, -1);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "read_xlsx: option sheet must be a sheet's name or "
                   "its position (1, 2, ...)");
    }
    lua_pop(L, 1);
}

/* coda.read_xlsx(path [, { sheet = name | position (1), header = true }])
 * -> Dataset of that sheet */
static int l_read_xlsx(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    static const char *const known[] = { "sheet", "header", NULL };
    coda_xlsx_opts o = { NULL, 0, 1 };
    lcoda_check_options(L, 2, "read_xlsx", known);
    if (lua_istable(L, 2)) {
        sheet_option(L, &o);
        if (lua_getfield(L, 2, "header") != LUA_TNIL)
            o.header = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_xlsx_read(path, &o, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

static const struct {
    const char *ext, *fn;
} readers[] = {
    { ".csv", "read_csv" }, { ".tsv", "read_csv" }, { ".sav", "read_sav" },
    { ".dta", "read_dta" }, { ".sas7bdat", "read_sas7bdat" },
    { ".xlsx", "read_xlsx" },
};

/* coda.read(path [, opts]) -> Dataset: read_csv, read_sav, read_dta,
 * read_sas7bdat or read_xlsx by the file's extension (any case); opts go
 * to that reader */
static int l_read(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    size_t n = strlen(path);
    lua_settop(L, 2);
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        size_t e = strlen(readers[i].ext);
        if (n <= e || strcasecmp(path + n - e, readers[i].ext))
            continue;
        lua_getfield(L, lua_upvalueindex(1), readers[i].fn);
        if (!strcmp(readers[i].ext, ".tsv") && lua_isnil(L, 2)) {
            lua_newtable(L);
            lua_pushliteral(L, "\t");
            lua_setfield(L, -2, "sep");
            lua_replace(L, 2);
        }
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_call(L, 2, 1);
        return 1;
    }
    return luaL_error(L, "read: %s: unknown file type (coda reads .csv, "
                      ".tsv, .sav, .dta, .sas7bdat and .xlsx)", path);
}

static int write_stat(lua_State *L, coda_stat_kind kind, const char *fn)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    static const char *const none[] = { NULL };
    lcoda_check_options(L, 3, fn, none);
    coda_error err;
    if (coda_stat_write(t, path, kind, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

/* ds:write_sav(path) -> ds (atomic: temp file + rename) */
int lcoda_ds_write_sav(lua_State *L)
{
    return write_stat(L, CODA_FMT_SAV, "write_sav");
}

/* ds:write_dta(path) -> ds (atomic) */
int lcoda_ds_write_dta(lua_State *L)
{
    return write_stat(L, CODA_FMT_DTA, "write_dta");
}

/* The formats table at idx ({ col = "0.0%", ... }) into s; the arrays
 * stay on the stack, the strings are held by the table. */
static void formats(lua_State *L, int idx, coda_xlsx_sheet *s)
{
    if (lua_isnoneornil(L, idx))
        return;
    size_t n = 0, i = 0;
    luaL_checktype(L, idx, LUA_TTABLE);
    lcoda_check_plain(L, idx, "write_xlsx", "formats");
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
        n++;
    const char **cols = lua_newuserdatauv(L, (n ? n : 1) * sizeof *cols, 0);
    const char **fmts = lua_newuserdatauv(L, (n ? n : 1) * sizeof *fmts, 0);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "write_xlsx: formats map column names to Excel "
                       "number formats ({ pct = \"0.0%%\" })");
        cols[i] = lua_tostring(L, -2);
        fmts[i++] = lua_tostring(L, -1);
    }
    s->fmt_cols = cols;
    s->fmts = fmts;
    s->nfmt = n;
}

static int write_sheets(lua_State *L, const char *path,
                        const coda_xlsx_sheet *s, size_t n)
{
    coda_error err;
    if (coda_xlsx_write(path, s, n, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 0;
}

/* ds:write_xlsx(path [, { sheet = "Sheet1", formats = { col = "0.0%" } }])
 * -> ds: one sheet, written whole (atomic) */
int lcoda_ds_write_xlsx(lua_State *L)
{
    coda_xlsx_sheet s = { "Sheet1", lcoda_check_dataset(L, 1), NULL, NULL, 0 };
    const char *path = lcoda_check_path(L, 2);
    static const char *const known[] = { "sheet", "formats", NULL };
    lcoda_check_options(L, 3, "write_xlsx", known);
    lua_settop(L, 3);
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "sheet") != LUA_TNIL)
            s.name = luaL_checkstring(L, -1);   /* the options hold it */
        lua_getfield(L, 3, "formats");
        formats(L, lua_gettop(L), &s);
    }
    write_sheets(L, path, &s, 1);
    lua_settop(L, 1);
    return 1;
}

/* coda.write_xlsx(path, { { "name", ds [, formats] }, ... }): one sheet a
 * Dataset, in that order, written whole (atomic) */
static int l_write_xlsx(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    size_t n = lcoda_plain_len(L, 2, "write_xlsx", "the sheets");
    coda_xlsx_sheet *s = lua_newuserdatauv(L, (n ? n : 1) * sizeof *s, 0);
    for (size_t i = 0; i < n; i++) {
        if (lua_geti(L, 2, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "write_xlsx: sheet %I must be { name, "
                              "Dataset [, formats] }", (lua_Integer)i + 1);
        int e = lua_gettop(L);
        lcoda_check_plain(L, e, "write_xlsx", "a sheet");
        lua_geti(L, e, 1);
        lua_geti(L, e, 2);
        lua_geti(L, e, 3);
        if (lua_type(L, e + 1) != LUA_TSTRING)
            return luaL_error(L, "write_xlsx: sheet %I has no name",
                              (lua_Integer)i + 1);
        s[i] = (coda_xlsx_sheet){ lua_tostring(L, e + 1),
                                  lcoda_check_dataset(L, e + 2), NULL, NULL,
                                  0 };
        formats(L, e + 3, &s[i]);               /* all stays on the stack */
    }
    write_sheets(L, path, s, n);
    return 0;
}

static const luaL_Reg funcs[] = {
    { "read_sav", l_read_sav },
    { "read_dta", l_read_dta },
    { "read_sas7bdat", l_read_sas7bdat },
    { "read_xlsx", l_read_xlsx },
    { "write_xlsx", l_write_xlsx },
    { NULL, NULL }
};

void lcoda_open_formats(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_read, 1);     /* the module table: its readers */
    lua_setfield(L, -2, "read");
}
