/* lsegout.c - the outputs of coded segments beside their corpus (the
 * keyword-in-context listing and the HTML review pages) and
 * coda.read_documents, their input from data. */
#include "lcoda.h"

#include "../runtime/docin.h"
#include "../runtime/segout.h"

#include <lauxlib.h>

/* opts.key as a whole number >= min, or def. */
static size_t opt_size(lua_State *L, int o, const char *fn, const char *key,
                       size_t def, lua_Integer min)
{
    if (lua_isnoneornil(L, o))
        return def;
    lua_getfield(L, o, key);
    lua_Integer v = lua_isnil(L, -1) ? (lua_Integer)def : luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    if (v < min)
        luaL_error(L, "%s: option %s must be at least %d", fn, key, (int)min);
    return (size_t)v;
}

/* seg:write_kwic(path, corpus [, { context = 30 }]) -> seg: one line a
 * segment, where, speaker, code and the match in context, atomically */
int lcoda_ds_write_kwic(lua_State *L)
{
    static const char *const known[] = { "context", NULL };
    coda_table *seg = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    coda_table *corpus = lcoda_check_dataset(L, 3);
    lcoda_check_options(L, 4, "write_kwic", known);
    coda_segout_kwic_opts o;
    coda_segout_kwic_opts_init(&o);
    o.context = opt_size(L, 4, "write_kwic", "context", o.context, 0);
    coda_error err;
    if (coda_segout_kwic(seg, corpus, &o, path, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

/* Push the array of files a review wrote: path, then its pages. */
static void push_pages(lua_State *L, const char *path, size_t n)
{
    lua_createtable(L, (int)(n > 1 ? n + 1 : 1), 0);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 1);
    for (size_t i = 1; n > 1 && i <= n; i++) {
        luaL_Buffer b;
        size_t len = coda_segout_page_name(path, i, n, NULL, 0);
        char *p = luaL_buffinitsize(L, &b, len + 1);
        coda_segout_page_name(path, i, n, p, len + 1);
        luaL_pushresultsize(&b, len);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* seg:write_html(path, corpus, codebook [, { page_kb = 256, title = ... }])
 * -> { path, page files... }: the corpus with the segments marked, in
 * pages of about page_kb KB of text; an index at path when more than one */
int lcoda_ds_write_html(lua_State *L)
{
    static const char *const known[] = { "page_kb", "title", NULL };
    coda_table *seg = lcoda_check_dataset(L, 1);
    const char *path = lcoda_check_path(L, 2);
    coda_table *corpus = lcoda_check_dataset(L, 3);
    struct coda_codebook *cb = lcoda_check_codebook(L, 4);
    lcoda_check_options(L, 5, "write_html", known);
    coda_segout_html_opts o;
    coda_segout_html_opts_init(&o);
    size_t kb = opt_size(L, 5, "write_html", "page_kb", o.page_bytes / 1024, 1);
    o.page_bytes = kb > SIZE_MAX / 1024 ? SIZE_MAX : kb * 1024;
    if (!lua_isnoneornil(L, 5)) {
        lua_getfield(L, 5, "title");
        o.title = luaL_optstring(L, -1, o.title);   /* kept alive by opts */
        lua_pop(L, 1);
    }
    size_t n;
    coda_error err;
    if (coda_segout_html(seg, corpus, cb, &o, path, &n, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    push_pages(L, path, n);
    return 1;
}

/* coda.read_documents(text [, { name = "<data>" }]) -> Dataset id, text:
 * JSON lines ({"id": ..., "text": ...}) or id,text CSV; errors name name */
static int l_read_documents(lua_State *L)
{
    static const char *const known[] = { "name", NULL };
    size_t len;
    const char *data = luaL_checklstring(L, 1, &len);
    lcoda_check_options(L, 2, "read_documents", known);
    const char *name = "<data>";
    if (!lua_isnoneornil(L, 2)) {
        lua_getfield(L, 2, "name");
        name = luaL_optstring(L, -1, name);
        lua_pop(L, 1);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_docin_read(data, len, name, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}


void lcoda_open_segout(lua_State *L)
{
    lua_pushcfunction(L, l_read_documents);
    lua_setfield(L, -2, "read_documents");
}
