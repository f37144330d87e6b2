/* lcorpus.c - coda.read_corpus and the Dataset methods on segments:
 * cases, matrix and cooccurrence. */
#include "lcoda.h"

#include "../runtime/coder.h"
#include "../runtime/corpus.h"
#include "../runtime/base_utf8.h"

#include <lauxlib.h>
#include <string.h>

/* opts.key as a string, or def; the string stays referenced by opts. */
static const char *opt_string(lua_State *L, int o, const char *key,
                              const char *def)
{
    if (lua_isnoneornil(L, o))
        return def;
    lua_getfield(L, o, key);
    const char *v = lua_isnil(L, -1) ? def : luaL_checkstring(L, -1);
    lua_pop(L, 1);
    return v;
}

/* opts.key, one of off (the default) and on: 1 for on. */
static int opt_either(lua_State *L, int o, const char *fn, const char *key,
                      const char *off, const char *on)
{
    const char *const names[] = { off, on, NULL };
    if (lua_isnoneornil(L, o))
        return 0;
    lua_getfield(L, o, key);
    const char *what = lua_pushfstring(L, "option %s", key);
    int v = lcoda_check_choice(L, -2, fn, what, names, 0);
    lua_pop(L, 2);
    return v;
}

void lcoda_corpus_options(lua_State *L, int o, const char *fn,
                          const char *const *known, coda_corpus_opts *co)
{
    coda_corpus_opts_init(co);
    lcoda_check_options(L, o, fn, known);
    const char *unit = opt_string(L, o, "unit", "turn");
    if (!coda_unit_parse(unit, &co->unit))
        luaL_error(L, "%s: unknown unit \"%s\" (document, paragraph, "
                   "turn, sentence)", fn, unit);
    const char *fmt = opt_string(L, o, "format", "auto");
    if (!coda_format_parse(fmt, &co->format))
        luaL_error(L, "%s: unknown format \"%s\" (auto, plain, "
                   "timestamped, rev, otter, qa, vtt, srt)", fn, fmt);
    co->replace_invalid = opt_either(L, o, fn, "invalid", "error", "replace");
    co->ids_by_path = opt_either(L, o, fn, "ids", "name", "path");
    co->encoding = opt_string(L, o, "encoding", NULL);
    co->meta = opt_string(L, o, "meta", NULL);
    co->meta_id = opt_string(L, o, "meta_id", NULL);
    const char *shard = opt_string(L, o, "shard", NULL);
    if (shard && !coda_shard_parse(shard, &co->shard_k, &co->shard_n))
        luaL_error(L, "%s: shard \"%s\" is not K/N with 0 <= K < N <= %d "
                   "(\"0/8\" ... \"7/8\")", fn, shard, CODA_SHARD_MAX);
}

/* Return the Dataset on the stack's top, an array of co's warnings and
 * the Dataset of documents (at index docs), or raise err when st failed. */
static int corpus_result(lua_State *L, coda_status st, coda_corpus_opts *co,
                         int docs, coda_error *err)
{
    if (st != CODA_OK)
        return lcoda_raise(L, err);
    lcoda_push_warnings(L, co->warnings);
    lua_pushvalue(L, docs);
    return 3;
}

const char **lcoda_dataset_docs(lua_State *L, int idx, int o, const char *fn,
                               const char ***texts, size_t **lens, size_t *n)
{
    coda_table *t = lcoda_check_dataset(L, idx);
    const char *idn = opt_string(L, o, "id", "id");
    const char *txn = opt_string(L, o, "text", "text");
    long ic = coda_table_find(t, idn), tc = coda_table_find(t, txn);
    if (ic < 0 || tc < 0 || t->cols[tc].type != CODA_STRING)
        luaL_error(L, "%s: the Dataset needs an id column \"%s\" and a "
                   "string column \"%s\"", fn, idn, txn);
    *n = t->nrow;
    size_t k = *n ? *n : 1;
    const char **ids = lua_newuserdatauv(L, k * sizeof *ids, 0);
    *texts = lua_newuserdatauv(L, k * sizeof **texts, 0);
    *lens = lua_newuserdatauv(L, k * sizeof **lens, 0);
    lua_createtable(L, (int)*n, 0);     /* keeps the id strings alive */
    int keep = lua_gettop(L);
    for (size_t r = 0; r < *n; r++) {
        lcoda_push_value(L, &t->cols[ic], r);
        if (lua_isnil(L, -1))
            luaL_error(L, "%s: row %d has no id", fn, (int)r + 1);
        ids[r] = luaL_tolstring(L, -1, NULL);
        lua_rawseti(L, keep, (lua_Integer)r + 1);
        lua_pop(L, 1);
        int miss = coda_is_missing(&t->cols[tc], r);
        (*texts)[r] = miss ? "" : t->cols[tc].v.s.p[r];
        (*lens)[r] = miss ? 0 : t->cols[tc].v.s.len[r];
    }
    return ids;
}

/* The documents of a Dataset (id and text columns) split into units. */
static int corpus_from_dataset(lua_State *L, coda_corpus_opts *co)
{
    const char **texts;
    size_t *lens, n;
    const char **ids = lcoda_dataset_docs(L, 1, 2, "read_corpus", &texts,
                                          &lens, &n);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    coda_status st = coda_corpus_split(ids, texts, lens, n, "the Dataset", co,
                                       out, &err);
    return corpus_result(L, st, co, 4, &err);
}

/* coda.read_corpus(path_or_dir_or_dataset_or_array_of_paths [, opts]) ->
 * Dataset doc, unit, speaker, text (and format, start_time, end_time when
 * a document is not plain), warnings, documents.  Paths are .txt, .docx,
 * .vtt or .srt files or folders of them.  opts: unit ("turn"; "document",
 * "paragraph", "sentence"), invalid ("error" or "replace"), encoding (of
 * text files: "utf-8", or any name iconv knows), meta (CSV of document
 * attributes), meta_id (its id column; the first), id / text (columns of
 * a Dataset of documents; "id", "text"), format ("auto", or a format's
 * name), ids ("name", or "path"), shard ("K/N": only the documents whose
 * id hashes to K modulo N, coda_shard_has).  warnings: an array of strings;
 * documents: a Dataset doc, path, format, units, speakers. */
static int l_read_corpus(lua_State *L)
{
    static const char *const known[] = { "unit", "invalid", "encoding",
                                         "meta", "meta_id", "id", "text",
                                         "format", "ids", "shard", NULL };
    coda_corpus_opts co;
    lcoda_corpus_options(L, 2, "read_corpus", known, &co);
    lua_settop(L, 2);
    co.warnings = lcoda_new_warnings(L);        /* 3 */
    co.documents = lcoda_new_dataset(L);        /* 4 */
    if (luaL_testudata(L, 1, CODA_DATASET))
        return corpus_from_dataset(L, &co);
    size_t n;
    const char **paths = lcoda_path_list(L, 1, "read_corpus", &n);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    coda_status st = coda_corpus_read_paths(paths, n, &co, out, &err);
    return corpus_result(L, st, &co, 4, &err);
}

const char **lcoda_path_list(lua_State *L, int idx, const char *fn,
                             size_t *n)
{
    int tbl = lua_istable(L, idx);
    *n = tbl ? lcoda_plain_len(L, idx, fn, "the list of paths") : 1;
    const char **paths = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *paths,
                                           0);
    for (size_t i = 0; i < *n; i++) {
        if (tbl)
            lua_geti(L, idx, (lua_Integer)i + 1);
        paths[i] = tbl ? lua_tostring(L, -1) : lcoda_check_path(L, idx);
        if (!paths[i])
            luaL_argerror(L, idx, "an array of paths expected");
        if (tbl && strlen(paths[i]) != lua_rawlen(L, -1))
            luaL_argerror(L, idx, "a path with a NUL byte");
        if (tbl)
            lua_pop(L, 1);              /* still referenced by the array */
    }
    return paths;
}

/* coda.text_width(s) -> the columns s takes on a terminal (combining marks
 * take none, wide characters two) */
static int l_text_width(lua_State *L)
{
    size_t len, i = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer w = 0;
    while (i < len) {
        unsigned cp;
        i += coda_utf8_decode(s + i, len - i, &cp);
        w += coda_utf8_cp_width(cp);
    }
    lua_pushinteger(L, w);
    return 1;
}

/* opts.codes: an array of names (left on the stack), or a Codebook's
 * names through its names method. */
static void seg_codes(lua_State *L, int o, const char *fn, coda_seg_opts *so)
{
    if (lua_isnoneornil(L, o) || lua_getfield(L, o, "codes") == LUA_TNIL)
        return;
    if (lua_isuserdata(L, -1)) {
        lua_getfield(L, -1, "names");
        lua_insert(L, -2);
        lua_call(L, 1, 1);
    }
    luaL_checktype(L, -1, LUA_TTABLE);
    int idx = lua_gettop(L);
    so->ncodes = lcoda_plain_len(L, idx, fn, "option codes");
    const char **v = lua_newuserdatauv(L, (so->ncodes ? so->ncodes : 1) *
                                       sizeof *v, 0);
    for (size_t i = 0; i < so->ncodes; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "option codes must be an array of code names");
        v[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    so->codes = v;
}

static void seg_options(lua_State *L, int o, const char *fn,
                        coda_seg_opts *so)
{
    static const char *const known[] = { "corpus", "codes", "binary",
                                         "presence", NULL };
    memset(so, 0, sizeof *so);
    lcoda_check_options(L, o, fn, known);
    if (lua_isnoneornil(L, o))
        return;
    seg_codes(L, o, fn, so);      /* first: a Codebook's names() is Lua code */
    if (lua_getfield(L, o, "corpus") != LUA_TNIL)
        so->corpus = lcoda_check_dataset(L, lua_gettop(L));
    lua_pop(L, 1);
    lua_getfield(L, o, "binary");
    lua_getfield(L, o, "presence");
    so->binary = lua_toboolean(L, -1) || lua_toboolean(L, -2);
    lua_pop(L, 2);
}

/* seg:cases([by = "doc" [, { corpus = ds, codes = {...} | cb }]]) ->
 * Dataset by, codes (multi: the codes present in each case) */
int lcoda_ds_cases(lua_State *L)
{
    coda_seg_opts so;
    lcoda_check_dataset(L, 1);
    seg_options(L, 3, "cases", &so);
    coda_table *t = lcoda_check_dataset(L, 1);  /* after any Lua code */
    so.by = luaL_optstring(L, 2, "doc");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_seg_cases(t, &so, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* seg:matrix([by = "doc" [, { corpus, codes, presence = false }]]) ->
 * Dataset by plus one integer column per code (counts, or 0/1) */
int lcoda_ds_matrix(lua_State *L)
{
    coda_seg_opts so;
    lcoda_check_dataset(L, 1);
    seg_options(L, 3, "matrix", &so);
    coda_table *t = lcoda_check_dataset(L, 1);
    so.by = luaL_optstring(L, 2, "doc");
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_seg_matrix(t, &so, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* seg:cooccurrence([{ codes }]) -> Dataset code_a, code_b, units */
int lcoda_ds_cooccurrence(lua_State *L)
{
    coda_seg_opts so;
    lcoda_check_dataset(L, 1);
    seg_options(L, 2, "cooccurrence", &so);
    coda_table *t = lcoda_check_dataset(L, 1);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    if (coda_seg_cooccurrence(t, &so, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}


void lcoda_open_corpus(lua_State *L)
{
    lua_pushcfunction(L, l_read_corpus);
    lua_setfield(L, -2, "read_corpus");
    lua_pushcfunction(L, l_text_width);
    lua_setfield(L, -2, "text_width");
}
