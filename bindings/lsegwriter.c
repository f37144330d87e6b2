/* lsegwriter.c - coda.segment_writer: one output file of coded segments
 * written batch by batch (segout_stream.c), in place only when committed. */
#include "lcoda.h"

#include "../runtime/segout.h"

#include <lauxlib.h>
#include <stdint.h>

#define CODA_SEGMENT_WRITER "coda.SegmentWriter"

typedef struct segwriter {
    coda_segout_stream *w;      /* NULL once committed or aborted */
} segwriter;

/* The writer at 1, open, and its codebook (if any) still open. */
static coda_segout_stream *check_writer(lua_State *L)
{
    segwriter *s = luaL_checkudata(L, 1, CODA_SEGMENT_WRITER);
    if (!s->w)
        luaL_argerror(L, 1, "attempt to use a closed SegmentWriter");
    if (lua_getiuservalue(L, 1, 1) != LUA_TNIL &&
        !lcoda_test_codebook(L, lua_gettop(L)))
        luaL_error(L, "segment_writer: its codebook was closed");
    lua_pop(L, 1);
    return s->w;
}

/* w:write(seg [, corpus]) -> w: append seg's rows (kwic: with the corpus
 * they were coded from) */
static int sw_write(lua_State *L)
{
    coda_segout_stream *w = check_writer(L);
    coda_table *seg = lcoda_check_dataset(L, 2);
    coda_table *corpus = lua_isnoneornil(L, 3) ? NULL
                                               : lcoda_check_dataset(L, 3);
    coda_error err;
    if (coda_segout_add(w, seg, corpus, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

/* w:commit(): put the file in place; the writer is closed after it */
static int sw_commit(lua_State *L)
{
    coda_segout_stream *w = check_writer(L);
    segwriter *s = lua_touserdata(L, 1);
    coda_error err;
    s->w = NULL;
    if (coda_segout_commit(w, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 0;
}

/* w:close(), __close and __gc: without a commit, nothing is written */
static int sw_close(lua_State *L)
{
    segwriter *s = luaL_checkudata(L, 1, CODA_SEGMENT_WRITER);
    coda_segout_abort(s->w);
    s->w = NULL;
    return 0;
}

/* opts.key as a whole number >= min, or def. */
static size_t opt_count(lua_State *L, const char *key, size_t def,
                        lua_Integer min)
{
    if (lua_isnoneornil(L, 3) || lua_getfield(L, 3, key) == LUA_TNIL) {
        if (!lua_isnoneornil(L, 3))
            lua_pop(L, 1);
        return def;
    }
    lua_Integer v = luaL_checkinteger(L, -1);
    if (v < min)
        luaL_error(L, "segment_writer: option %s must be at least %d", key,
                   (int)min);
    lua_pop(L, 1);
    return (size_t)v;
}

/* The options at 3 into o (the title and codebook stay referenced by the
 * options table). */
static void writer_options(lua_State *L, coda_segout_stream_opts *o)
{
    static const char *const known[] = { "context", "page_kb", "title",
                                         "codebook", NULL };
    coda_segout_stream_opts_init(o);
    lcoda_check_options(L, 3, "segment_writer", known);
    o->kwic.context = opt_count(L, "context", o->kwic.context, 0);
    size_t kb = opt_count(L, "page_kb", o->html.page_bytes / 1024, 1);
    o->html.page_bytes = kb > SIZE_MAX / 1024 ? SIZE_MAX : kb * 1024;
    if (lua_isnoneornil(L, 3))
        return;
    lua_getfield(L, 3, "title");
    o->html.title = luaL_optstring(L, -1, o->html.title);
    lua_getfield(L, 3, "codebook");
    if (!lua_isnil(L, -1))
        o->cb = lcoda_check_codebook(L, lua_gettop(L));
    lua_pop(L, 2);
}

/* coda.segment_writer(path, format [, opts]) -> SegmentWriter: format
 * "csv", "jsonl", "kwic" or "html"; opts: context (kwic: characters each
 * side, 30), page_kb (html: 256), title (html), codebook (html: the one
 * coded with; required).  w:write(seg [, corpus]) appends segments
 * (cb:code's; kwic and html with the corpus they were coded from),
 * w:commit() puts the file in place (atomically; before it, path is as
 * it was) */
static int l_segment_writer(lua_State *L)
{
    static const char *const formats[] = { "csv", "jsonl", "kwic", "html",
                                           NULL };
    const char *path = lcoda_check_path(L, 1);
    coda_segout_format f = (coda_segout_format)luaL_checkoption(L, 2, NULL,
                                                                formats);
    coda_segout_stream_opts o;
    writer_options(L, &o);
    segwriter *s = lua_newuserdatauv(L, sizeof *s, 2);
    s->w = NULL;
    luaL_setmetatable(L, CODA_SEGMENT_WRITER);
    if (!lua_isnoneornil(L, 3)) {       /* the codebook and title, kept */
        lua_getfield(L, 3, "codebook");
        lua_setiuservalue(L, -2, 1);
        lua_getfield(L, 3, "title");
        lua_setiuservalue(L, -2, 2);
    }
    coda_error err;
    if (coda_segout_open(path, f, &o, &s->w, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

static const luaL_Reg meth[] = {
    { "write", sw_write }, { "commit", sw_commit }, { "close", sw_close },
    { NULL, NULL }
};

static const luaL_Reg metameth[] = {
    { "__gc", sw_close }, { "__close", sw_close }, { NULL, NULL }
};

void lcoda_open_segwriter(lua_State *L)
{
    lcoda_new_type(L, CODA_SEGMENT_WRITER, meth, metameth);
    lua_pushcfunction(L, l_segment_writer);
    lua_setfield(L, -2, "segment_writer");
}
