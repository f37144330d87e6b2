/* lcoda.c - the coda module: read_csv and the module table. */
#include "lcoda.h"

#include "../runtime/csv_io.h"
#include "../runtime/base_inputs.h"
#include "../runtime/base_uuid.h"

#include <lauxlib.h>
#include <string.h>
#include <time.h>

static const char *const csv_options[] = {
    "infer", "sep", "delim", "na", "types", "multi", "threads", "block",
    "min_chunk", "line_column", "decimal", "thousands", NULL
};

/* Count the pairs of the table at idx. */
static size_t count_pairs(lua_State *L, int idx)
{
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        n++;
    }
    return n;
}

/* The strings at idx: one string, or an array of them (kept alive by the
 * options table), in a Lua-owned array left on the stack. */
static const char **na_strings(lua_State *L, int idx, size_t *n)
{
    int t = lua_type(L, idx);
    *n = t == LUA_TTABLE ? lcoda_plain_len(L, idx, "read_csv", "option na") : 1;
    const char **na = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *na, 0);
    for (size_t i = 0; i < *n; i++) {
        if (t == LUA_TTABLE)
            lua_geti(L, idx, (lua_Integer)i + 1);
        else
            lua_pushvalue(L, idx);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "read_csv: option na must be a string or an array "
                       "of strings, with { col = ... } for one column");
        na[i] = lua_tostring(L, -1);
        lua_pop(L, 1); /* the string is still referenced by the table */
    }
    return na;
}

/* opts.na: a string or an array of strings for every column, and
 * col = string or array for one column. */
static void opt_na(lua_State *L, int o, coda_csv_opts *co)
{
    int t = lua_getfield(L, o, "na");
    if (t == LUA_TNIL)
        return;
    int idx = lua_gettop(L); /* stays on the stack: keeps the strings alive */
    co->na = na_strings(L, idx, &co->nna);
    size_t k = 0, n = 0, len = co->nna;
    for (int pass = 0; t == LUA_TTABLE && pass < 2; pass++) {
        coda_csv_na *cn = pass ? lua_newuserdatauv(L, (n ? n : 1) * sizeof *cn,
                                                   0) : NULL;
        luaL_checkstack(L, pass && n < 100000 ? (int)n + 8 : 8, "too many "
                        "columns in option na");
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            if (lua_type(L, -2) == LUA_TSTRING && pass) {
                cn[k].col = lua_tostring(L, -2);
                cn[k].vals = na_strings(L, lua_gettop(L), &cn[k].n);
                lua_insert(L, -3);      /* keep the array below the key */
                k++;
            } else if (lua_type(L, -2) == LUA_TSTRING) {
                n++;
            } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
                       (size_t)lua_tointeger(L, -2) > len) {
                luaL_error(L, "read_csv: option na: keys must be column names");
            }
            lua_pop(L, 1);
        }
        if (pass)
            co->col_na = cn, co->ncol_na = n;
    }
}

/* opts.decimal and opts.thousands: one character. */
static char opt_mark(lua_State *L, int o, const char *key)
{
    if (lua_getfield(L, o, key) == LUA_TNIL)
        return 0;
    const char *s = lua_tostring(L, -1);
    if (lua_type(L, -1) != LUA_TSTRING || strlen(s) != 1 ||
        !strchr(strcmp(key, "decimal") ? ".,' " : ".,", s[0]))
        luaL_error(L, "read_csv: option %s must be %s", key,
                   strcmp(key, "decimal") ? "\".\", \",\", \"'\" or \" \""
                                          : "\".\" or \",\"");
    return s[0];
}

/* opts.types = { col = "integer", ... } and opts.multi = { col = ";" }. */
static void opt_map(lua_State *L, int o, const char *key, coda_csv_opts *co)
{
    if (lua_getfield(L, o, key) == LUA_TNIL)
        return;
    if (!lua_istable(L, -1))
        luaL_error(L, "read_csv: option %s must be a table, got %s", key,
                   luaL_typename(L, -1));
    int idx = lua_gettop(L);
    lcoda_check_plain(L, idx, "read_csv", strcmp(key, "multi") ? "option types"
                                                          : "option multi");
    size_t n = count_pairs(L, idx), i = 0;
    const char **cols = lua_newuserdatauv(L, (n ? n : 1) * sizeof *cols, 0);
    int multi = strcmp(key, "multi") == 0;
    const char **seps = multi ? lua_newuserdatauv(L, (n ? n : 1) * sizeof *seps, 0) : NULL;
    coda_type *types = multi ? NULL : lua_newuserdatauv(L, (n ? n : 1) * sizeof *types, 0);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "read_csv: option %s maps column names to %s", key,
                       multi ? "separators" : "type names");
        cols[i] = lua_tostring(L, -2);
        const char *v = lua_tostring(L, -1);
        if (multi && !*v)
            luaL_error(L, "read_csv: multi separator for \"%s\" is empty", cols[i]);
        if (!multi && (!coda_type_parse(v, &types[i]) || types[i] == CODA_MULTI))
            luaL_error(L, "read_csv: unknown type \"%s\" for column \"%s\" "
                       "(integer, number, string, boolean; use multi = {...} "
                       "for multi-select)", v, cols[i]);
        if (multi)
            seps[i] = v;
        i++;
        lua_pop(L, 1);
    }
    if (multi)
        co->multi_cols = cols, co->multi_seps = seps, co->nmulti = n;
    else
        co->type_cols = cols, co->types = types, co->ntypes = n;
}

static lua_Integer opt_int(lua_State *L, int o, const char *key, lua_Integer d)
{
    lua_getfield(L, o, key);
    if (!lua_isnil(L, -1) && !lua_isinteger(L, -1))
        luaL_error(L, "read_csv: option %s must be an integer, got %s", key,
                   luaL_typename(L, -1));
    lua_Integer v = lua_isnil(L, -1) ? d : lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (v < 0)
        luaL_error(L, "read_csv: option %s must not be negative", key);
    return v;
}

static void csv_opts(lua_State *L, int o, coda_csv_opts *co)
{
    coda_csv_opts_init(co);
    if (lua_isnoneornil(L, o))
        return;
    luaL_checktype(L, o, LUA_TTABLE);
    lcoda_check_plain(L, o, "read_csv", "options");
    lcoda_check_options(L, o, "read_csv", csv_options);
    lua_getfield(L, o, "infer");
    co->infer = lua_isnil(L, -1) || lua_toboolean(L, -1);
    const char *sep = NULL;
    if (lua_getfield(L, o, "sep") != LUA_TNIL || lua_getfield(L, o, "delim")) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "read_csv: option sep must be a one-character "
                       "string, got %s", luaL_typename(L, -1));
        sep = lua_tostring(L, -1);
    }
    if (sep && strlen(sep) != 1)
        luaL_error(L, "read_csv: option sep must be one character");
    if (sep)
        co->delim = (unsigned char)sep[0];
    opt_na(L, o, co);
    co->decimal = opt_mark(L, o, "decimal");
    co->thousands = opt_mark(L, o, "thousands");
    if (co->decimal == ',' && !sep)
        co->delim = ';';        /* a European file: ; between fields */
    opt_map(L, o, "types", co);
    opt_map(L, o, "multi", co);
    if (lua_getfield(L, o, "line_column") != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1))
            luaL_error(L, "read_csv: option line_column must be a column "
                       "name, got %s", luaL_typename(L, -1));
        co->line_col = lua_tostring(L, -1); /* the opts table holds it */
    }
    co->threads = (int)opt_int(L, o, "threads", 0);
    co->block = (size_t)opt_int(L, o, "block", 0);
    co->min_chunk = (size_t)opt_int(L, o, "min_chunk", 0);
}

/* coda.read_csv(path [, opts]) -> Dataset
 * opts: infer (true), sep (","; ";" with decimal = ","), na (string or
 *       array, and col = string or array), decimal ("." or ","),
 *       thousands (".", ",", "'", " "), types ({col=type}), multi
 *       ({col=sep}), line_column (name), threads (0: one per core) */
static int l_read_csv(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    coda_csv_opts co;
    csv_opts(L, 2, &co);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_csv_load(path, &co, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* coda.clock() -> seconds from a monotonic clock, for timing */
static int l_clock(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
    return 1;
}

/* coda.sha1(s) -> the SHA-1 digest of s as 40 hexadecimal digits */
static int l_sha1(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    char hex[41];
    coda_sha1_hex(s, len, hex);
    lua_pushlstring(L, hex, 40);
    return 1;
}

static const luaL_Reg funcs[] = {
    { "read_csv", l_read_csv },
    { "clock", l_clock },
    { "sha1", l_sha1 },
    { "dataset", lcoda_dataset_from_rows },
    { "write_file", lcoda_write_file },
    { "mkdir", lcoda_mkdir },
    { "list_dir", lcoda_list_dir },
    { "json_encode", lcoda_json_encode },
    { "json_decode", lcoda_json_decode },
    { "read_json", lcoda_read_json },
    { "html_escape", lcoda_html_escape },
    { "protect_inputs", lcoda_protect_inputs },
    { "check_output", lcoda_check_output },
    { NULL, NULL }
};

/* coda.chart is coda's Lua chart library (scripts/lib/chart.lua) and
 * coda.report its page writer, loaded the first time either is used: the
 * module table's __index requires it. */
static void lazy_library(lua_State *L)
{
    static const char chunk[] =
        "local m = ...\n"
        "local lazy = {\n"
        "  chart = function() return require('lib.chart') end,\n"
        "  report = function() return require('lib.chart').page end,\n"
        "}\n"
        "return setmetatable(m, { __index = function(t, k)\n"
        "  local f = lazy[k]\n"
        "  if not f then return nil end\n"
        "  local v = f()\n"
        "  rawset(t, k, v)\n"
        "  return v\n"
        "end })\n";
    if (luaL_loadbuffer(L, chunk, sizeof chunk - 1, "=coda") != LUA_OK)
        lua_error(L);
    lua_pushvalue(L, -2);
    lua_call(L, 1, 0);
}

int luaopen_coda(lua_State *L)
{
    lcoda_open_dataset(L);
    coda_inputs_protect(1);     /* no output replaces a file read */
    luaL_newlib(L, funcs);
    lua_pushliteral(L, CODA_VERSION);
    lua_setfield(L, -2, "version");
    lcoda_open_formats(L);
    lcoda_open_stats(L);
    lcoda_open_survey(L);
    lcoda_open_codebook(L);
    lcoda_open_corpus(L);
    lcoda_open_batches(L);
    lcoda_open_segwriter(L);
    lcoda_open_segout(L);
    lcoda_open_partial(L);
    lcoda_open_project(L);
    lazy_library(L);
    return 1;
}

static int warnings_gc(lua_State *L)
{
    coda_warnings_free(luaL_checkudata(L, 1, "coda.Warnings"));
    return 0;
}

void lcoda_new_type(lua_State *L, const char *tname, const luaL_Reg *meth,
                    const luaL_Reg *metameth)
{
    if (luaL_newmetatable(L, tname)) {
        int n = 0;
        while (meth[n].name)
            n++;
        luaL_setfuncs(L, metameth, 0);
        lua_createtable(L, 0, n);
        luaL_setfuncs(L, meth, 0);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
}

void *lcoda_new_scratch(lua_State *L, size_t size, const char *tname,
                        lua_CFunction gc)
{
    void *p = lua_newuserdatauv(L, size, 0);
    memset(p, 0, size);
    if (luaL_newmetatable(L, tname)) {
        lua_pushcfunction(L, gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return p;
}

coda_warnings *lcoda_new_warnings(lua_State *L)
{
    return lcoda_new_scratch(L, sizeof(coda_warnings), "coda.Warnings",
                             warnings_gc);
}

void lcoda_push_warnings(lua_State *L, coda_warnings *w)
{
    lua_createtable(L, (int)w->n, 0);
    for (size_t i = 0; i < w->n; i++) {
        lua_pushstring(L, w->msg[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    luaL_newmetatable(L, LCODA_WARNING_LIST);
    lua_setmetatable(L, -2);
    coda_warnings_free(w);
}
