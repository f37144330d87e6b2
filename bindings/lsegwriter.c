/* lsegwriter.c - coda.segment_writer: one output file of coded segments
 * written batch by batch (segout_stream.c), in place only when committed. */
#include "lcoda.h"

#include "../runtime/segout.h"

#include <lauxlib.h>

#define CODA_SEGMENT_WRITER "coda.SegmentWriter"

typedef struct segwriter {
    coda_segout_stream *w;      /* NULL once committed or aborted */
} segwriter;

static coda_segout_stream *check_writer(lua_State *L)
{
    segwriter *s = luaL_checkudata(L, 1, CODA_SEGMENT_WRITER);
    if (!s->w)
        luaL_argerror(L, 1, "attempt to use a closed SegmentWriter");
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

/* coda.segment_writer(path, format [, { context = 30 }]) -> SegmentWriter:
 * format "csv", "jsonl" or "kwic" (context: its characters each side);
 * w:write(seg [, corpus]) appends segments (cb:code's), w:commit() puts
 * the file in place (atomically; before it, path is as it was) */
static int l_segment_writer(lua_State *L)
{
    static const char *const formats[] = { "csv", "jsonl", "kwic", NULL };
    static const char *const known[] = { "context", NULL };
    const char *path = lcoda_check_path(L, 1);
    coda_segout_format f = (coda_segout_format)luaL_checkoption(L, 2, NULL,
                                                                formats);
    coda_segout_kwic_opts ko;
    coda_segout_kwic_opts_init(&ko);
    lcoda_check_options(L, 3, "segment_writer", known);
    if (!lua_isnoneornil(L, 3) && lua_getfield(L, 3, "context") != LUA_TNIL) {
        lua_Integer c = luaL_checkinteger(L, -1);
        if (c < 0)
            luaL_error(L, "segment_writer: option context must be at least 0");
        ko.context = (size_t)c;
    }
    segwriter *s = lua_newuserdatauv(L, sizeof *s, 0);
    s->w = NULL;
    luaL_setmetatable(L, CODA_SEGMENT_WRITER);
    coda_error err;
    if (coda_segout_open(path, f, &ko, &s->w, &err) != CODA_OK)
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
