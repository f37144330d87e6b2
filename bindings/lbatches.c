/* lbatches.c - coda.corpus_batches: a corpus read in batches of whole
 * documents (corpus_stream.c), for coding a corpus larger than memory. */
#include "lcoda.h"

#include "../runtime/coder.h"
#include "../runtime/corpus.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>

#define CODA_CORPUS_BATCHES "coda.CorpusBatches"

typedef struct batches {
    coda_corpus_stream *s;      /* NULL once done, failed or closed */
    const coda_table *docs;     /* a Dataset of documents read, or NULL */
} batches;

static int batches_close(lua_State *L)
{
    batches *b = luaL_checkudata(L, 1, CODA_CORPUS_BATCHES);
    coda_corpus_stream_free(b->s);
    b->s = NULL;
    return 0;
}

static int dataset_table(lua_State *L)
{
    lua_pushlightuserdata(L, lcoda_check_dataset(L, 1));
    return 1;
}

/* The Dataset of documents a stream reads, still open and the same. */
static void check_docs(lua_State *L, int ud, const batches *b)
{
    if (!b->docs)
        return;
    lua_pushcfunction(L, dataset_table);
    lua_getiuservalue(L, ud, 1);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || lua_touserdata(L, -1) != b->docs)
        luaL_error(L, "corpus_batches: the Dataset of documents was closed "
                   "while it was read");
    lua_pop(L, 1);
}

/* The iterator: the next batch, its warnings and its documents; nil at
 * the end. */
static int batches_next(lua_State *L)
{
    int ud = lua_upvalueindex(1);
    batches *b = luaL_checkudata(L, ud, CODA_CORPUS_BATCHES);
    if (!b->s) {
        lua_pushnil(L);
        return 1;
    }
    check_docs(L, ud, b);
    coda_warnings *w = lcoda_new_warnings(L);
    int wi = lua_gettop(L);
    coda_table **docs = lcoda_new_dataset(L);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    coda_status st = coda_corpus_stream_next(b->s, w, docs, out, &err);
    if (st != CODA_OK || !*out) {
        coda_corpus_stream_free(b->s);
        b->s = NULL;
    }
    if (st != CODA_OK)
        return lcoda_raise(L, &err);
    if (!*out) {
        lua_pushnil(L);
        return 1;
    }
    lcoda_push_warnings(L, w);
    lua_pushvalue(L, wi + 1);
    return 3;
}

static const char *const known[] = { "unit", "invalid", "encoding", "meta",
                                     "meta_id", "id", "text", "format",
                                     "ids", "batch_kb", "shard", "max_record",
                                     "copy", NULL };

/* The options of an open file's read at o: max_record (bytes, at least 1)
 * and copy (an open file that gets the bytes read). */
static void file_options(lua_State *L, int o, coda_corpus_opts *co)
{
    if (lua_isnoneornil(L, o))
        return;
    if (lua_getfield(L, o, "max_record") != LUA_TNIL) {
        int ok;
        lua_Integer v = lua_tointegerx(L, -1, &ok);
        if (!ok || v < 1)
            luaL_error(L, "corpus_batches: option max_record must be a whole "
                       "number of bytes, at least 1");
        co->max_record = (size_t)v;
    }
    if (lua_getfield(L, o, "copy") != LUA_TNIL) {
        luaL_Stream *c = luaL_testudata(L, -1, LUA_FILEHANDLE);
        if (!c || !c->closef)
            luaL_error(L, "corpus_batches: option copy must be an open file");
        co->copy = c->f;
    }
    lua_pop(L, 2);
}

/* The batch size the options at o ask for, in bytes (65536 KB). */
static size_t batch_bytes(lua_State *L, int o)
{
    lua_Integer kb = 65536;
    if (!lua_isnoneornil(L, o) && lua_getfield(L, o, "batch_kb") != LUA_TNIL) {
        int ok;
        kb = lua_tointegerx(L, -1, &ok);
        if (!ok || kb < 1 || kb > INT32_MAX)
            luaL_error(L, "corpus_batches: option batch_kb must be a whole "
                       "number from 1 to %d", (int)INT32_MAX);
    }
    if (!lua_isnoneornil(L, o))
        lua_pop(L, 1);
    return (size_t)kb * 1024;
}

/* Open the stream over the Dataset of documents at 1 (kept as b's user
 * value). */
static coda_status open_docs(lua_State *L, batches *b, int ud,
                             const coda_corpus_opts *co, size_t bytes,
                             coda_error *err)
{
    const char **texts;
    size_t *lens, n;
    const char **ids = lcoda_dataset_docs(L, 1, 2, "corpus_batches", &texts,
                                          &lens, &n);
    b->docs = lcoda_check_dataset(L, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, ud, 1);
    /* texts and lens: the stream keeps pointers; held by user value 2 */
    lua_pushvalue(L, -3);
    lua_setiuservalue(L, ud, 2);
    lua_pushvalue(L, -2);
    lua_setiuservalue(L, ud, 3);
    return coda_corpus_stream_mem(ids, texts, lens, n, "the Dataset", co,
                                  bytes, &b->s, err);
}

/* Open the stream over the documents of the open file f at 1 (kept as
 * b's user value), as coda.read_documents reads them. */
static coda_status open_file(lua_State *L, batches *b, int ud, luaL_Stream *f,
                             const coda_corpus_opts *co, size_t bytes,
                             coda_error *err)
{
    if (!f->closef)
        luaL_argerror(L, 1, "the file is closed");
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, ud, 1);
    if (co->copy) {                     /* held as long as the read */
        lua_getfield(L, 2, "copy");
        lua_setiuservalue(L, ud, 2);
    }
    const char *name = f->f == stdin ? "<stdin>" : "<file>";
    return coda_corpus_stream_file(f->f, name, co, bytes, &b->s, err);
}

/* coda.corpus_batches(path_or_dir_or_dataset_or_array_of_paths [, opts])
 * -> an iterator for a generic for: each step a corpus Dataset of whole
 * documents (as coda.read_corpus makes it), its warnings and its
 * documents, the batches together the corpus read whole; the source may
 * also be an open file (io.stdin) of documents as coda.read_documents
 * reads them, read as the batches are asked for; the fourth value
 * closes the read when the loop ends.  opts: those of coda.read_corpus
 * and batch_kb (the text of a batch, about; 65536); for an open file,
 * max_record (the most bytes one record may take; 2^30) and copy (an
 * open file that gets every byte read, to read the input again). */
static int l_corpus_batches(lua_State *L)
{
    coda_corpus_opts co;
    lcoda_corpus_options(L, 2, "corpus_batches", known, &co);
    size_t bytes = batch_bytes(L, 2);
    lua_settop(L, 2);
    batches *b = lua_newuserdatauv(L, sizeof *b, 3);
    b->s = NULL;
    b->docs = NULL;
    luaL_setmetatable(L, CODA_CORPUS_BATCHES);
    int ud = lua_gettop(L);
    coda_error err;
    coda_status st;
    luaL_Stream *f = luaL_testudata(L, 1, LUA_FILEHANDLE);
    if (luaL_testudata(L, 1, CODA_DATASET)) {
        st = open_docs(L, b, ud, &co, bytes, &err);
    } else if (f) {
        file_options(L, 2, &co);
        st = open_file(L, b, ud, f, &co, bytes, &err);
    } else {
        size_t n;
        const char **paths = lcoda_path_list(L, 1, "corpus_batches", &n);
        st = coda_corpus_stream_paths(paths, n, &co, bytes, &b->s, &err);
    }
    if (st != CODA_OK)
        return lcoda_raise(L, &err);
    lua_pushvalue(L, ud);
    lua_pushcclosure(L, batches_next, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushvalue(L, ud);
    return 4;
}

/* coda.tally_speakers(corpus [, tally]) -> Dataset speaker, units: the
 * speakers of corpus's units, one row each (missing: the units without
 * one) with how many units they have, added to tally (an earlier result)
 * when given: over the batches of coda.corpus_batches, the speakers of
 * the corpus whole, which cb:code's option speakers_of checks the speaker
 * filters against. */
static int l_tally_speakers(lua_State *L)
{
    coda_table *t = lcoda_check_dataset(L, 1);
    coda_table *who = lua_isnoneornil(L, 2) ? NULL : lcoda_check_dataset(L, 2);
    if (who && (who->ncol != 2 || coda_table_find(who, "speaker") != 0 ||
                coda_table_find(who, "units") != 1 ||
                who->cols[0].type != CODA_STRING ||
                who->cols[1].type != CODA_INTEGER))
        luaL_argerror(L, 2, "a tally of speakers (speaker, units)");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_speakers_tally(who, t, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* batches:rereadable() -> whether a second read of the same source reads
 * the same documents (not an open file, no FIFO among the paths); false
 * once the read is done or closed. */
static int batches_rereadable(lua_State *L)
{
    batches *b = luaL_checkudata(L, 1, CODA_CORPUS_BATCHES);
    lua_pushboolean(L, b->s && coda_corpus_stream_rereadable(b->s));
    return 1;
}

static const luaL_Reg meth[] = { { "close", batches_close },
                                 { "rereadable", batches_rereadable },
                                 { NULL, NULL } };

static const luaL_Reg metameth[] = {
    { "__gc", batches_close }, { "__close", batches_close }, { NULL, NULL }
};

void lcoda_open_batches(lua_State *L)
{
    lcoda_new_type(L, CODA_CORPUS_BATCHES, meth, metameth);
    lua_pushcfunction(L, l_corpus_batches);
    lua_setfield(L, -2, "corpus_batches");
    lua_pushcfunction(L, l_tally_speakers);
    lua_setfield(L, -2, "tally_speakers");
}
