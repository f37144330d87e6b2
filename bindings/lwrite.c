/* lwrite.c - Dataset writers besides CSV (JSON records, JSON lines,
 * Markdown) and coda.write_file, coda.mkdir, coda.html_escape. */
#include "lcoda.h"

#include "../runtime/base_dir.h"
#include "../runtime/base_inputs.h"
#include "../runtime/base_outfile.h"
#include "../runtime/writers.h"

#include <lauxlib.h>

static void add_to_buffer(void *ud, const char *s, size_t len)
{
    luaL_addlstring(ud, s, len);
}

/* Write the Dataset at 1 to the path at 2 with fn; returns the Dataset. */
static int write_with(lua_State *L, coda_status (*fn)(const coda_table *,
                                                      const char *, coda_error *))
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    coda_error err;
    if (fn(t, path, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

/* ds:write_json(path) -> ds: an array of records, written atomically */
int lcoda_ds_write_json(lua_State *L)
{
    return write_with(L, coda_json_write);
}

/* ds:write_jsonl(path) -> ds: JSON lines, one compact object a row,
 * written atomically */
int lcoda_ds_write_jsonl(lua_State *L)
{
    return write_with(L, coda_jsonl_write);
}

/* ds:to_json() -> string (the same records as write_json) */
int lcoda_ds_to_json(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    coda_json_records(t, add_to_buffer, &b);
    luaL_pushresult(&b);
    return 1;
}

static int digits_opt(lua_State *L, int arg, const char *fn)
{
    static const char *const keys[] = { "digits", NULL };
    if (!lua_istable(L, arg))
        return 1;
    lcoda_check_options(L, arg, fn, keys);
    lua_getfield(L, arg, "digits");
    lua_Integer d = luaL_optinteger(L, -1, 1);
    lua_pop(L, 1);
    if (d < 0 || d > 20)
        luaL_error(L, "digits must be between 0 and 20");
    return (int)d;
}

/* ds:to_markdown([{ digits = 1 }]) -> string: an aligned pipe table,
 * numbers rounded half up; a constant base column becomes "Base: n = N" */
int lcoda_ds_to_markdown(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    int digits = digits_opt(L, 2, "to_markdown");
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    coda_markdown(t, digits, add_to_buffer, &b);
    luaL_pushresult(&b);
    return 1;
}

/* ds:write_markdown(path [, { digits = 1 }]) -> ds, written atomically */
int lcoda_ds_write_markdown(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    coda_error err;
    if (coda_markdown_write(t, digits_opt(L, 3, "write_markdown"), path,
                            &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

/* coda.write_file(path, text) -> true: text written to a temporary file
 * beside path and renamed over it, so path is never half-written (an
 * interrupt removes the temporary file) */
int lcoda_write_file(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    coda_outfile o;
    coda_error err;
    if (coda_outfile_open(&o, path, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    fwrite(text, 1, len, o.fp); /* no Lua call until commit: nothing leaks */
    if (coda_outfile_commit(&o, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

/* coda.html_escape(s [, "attribute"|"text"]) -> s with & < > " ' as
 * character references (and control characters HTML does not allow as
 * U+FFFD), for text and quoted attributes; "text": quotes left as they
 * are, for element text only */
int lcoda_html_escape(lua_State *L)
{
    static const char *const kinds[] = { "attribute", "text", NULL };
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int text = luaL_checkoption(L, 2, "attribute", kinds);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    (text ? coda_html_escape_text : coda_html_escape)(s, len, add_to_buffer,
                                                      &b);
    luaL_pushresult(&b);
    return 1;
}

/* coda.mkdir(path): make a folder and its parents (mkdir -p). */
int lcoda_mkdir(lua_State *L)
{
    coda_error err;
    if (coda_mkdir_p(lcoda_check_path(L, 1), &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

typedef struct dir_list {
    char **names;
    size_t n;
} dir_list;

static int dir_list_gc(lua_State *L)
{
    dir_list *d = luaL_checkudata(L, 1, "coda.DirList");
    coda_dir_free(d->names, d->n);
    d->names = NULL;
    d->n = 0;
    return 0;
}

/* coda.list_dir(path) -> the names of the folder's entries, sorted (the
 * list lives in a userdata until pushed, so an error frees it) */
int lcoda_list_dir(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    dir_list *d = lcoda_new_scratch(L, sizeof *d, "coda.DirList", dir_list_gc);
    coda_error err;
    if (coda_dir_list(path, &d->names, &d->n, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_createtable(L, (int)d->n, 0);
    for (size_t i = 0; i < d->n; i++) {
        lua_pushstring(L, d->names[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* coda.protect_inputs(on): whether outputs may replace files the run read
 * (on by default); returns the previous setting. */
int lcoda_protect_inputs(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TBOOLEAN);
    lua_pushboolean(L, coda_inputs_protecting());
    coda_inputs_protect(lua_toboolean(L, 1));
    return 1;
}

/* coda.check_output(path) -> path, or the error writing to path would
 * raise for being an input of this run, before anything is written */
int lcoda_check_output(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    coda_error err;
    if (coda_input_check_output(path, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

