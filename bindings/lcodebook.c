/* lcodebook.c - the Codebook userdata: coda.read_codebook, cb:code,
 * cb:write_qdc, cb:check and friends. */
#include "lcoda.h"

#include "../runtime/codebook.h"
#include "../runtime/coder.h"
#include "../runtime/codebook_qdc.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CODA_CODEBOOK "coda.Codebook"

typedef struct codebook {
    coda_codebook *cb;          /* NULL once closed */
    coda_codebook *later;       /* closed in a finalizer: freed by __gc */
} codebook;

coda_codebook *lcoda_check_codebook(lua_State *L, int arg)
{
    codebook *c = luaL_checkudata(L, arg, CODA_CODEBOOK);
    if (!c->cb)
        luaL_argerror(L, arg, "attempt to use a closed Codebook");
    return c->cb;
}

coda_codebook *lcoda_test_codebook(lua_State *L, int arg)
{
    codebook *c = luaL_testudata(L, arg, CODA_CODEBOOK);
    return c ? c->cb : NULL;
}

coda_codebook **lcoda_new_codebook(lua_State *L)
{
    codebook *c = lua_newuserdatauv(L, sizeof *c, 0);
    c->cb = c->later = NULL;
    luaL_setmetatable(L, CODA_CODEBOOK);
    return &c->cb;
}

static int opt_bool(lua_State *L, int o, const char *key, int def)
{
    if (lua_isnoneornil(L, o))
        return def;
    lua_getfield(L, o, key);
    int v = lua_isnil(L, -1) ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* coda.read_codebook(path [, { lenient = false }]) -> Codebook
 * A .qdc file is read as REFI-QDA, anything else as CSV.  lenient: codes
 * that do not compile are kept (for cb:check) instead of raising. */
static int l_read_codebook(lua_State *L)
{
    static const char *const known[] = { "lenient", NULL };
    const char *path = lcoda_check_path(L, 1);
    lcoda_check_options(L, 2, "read_codebook", known);
    int lenient = opt_bool(L, 2, "lenient", 0);
    coda_codebook **cb = lcoda_new_codebook(L);
    coda_error err;
    if (coda_codebook_read(path, lenient, cb, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 1;
}

/* The strings of the option at idx (a string or an array of strings) into
 * a Lua-owned array left on the stack; *n their number. */
static const char **string_list(lua_State *L, int idx, const char *what,
                                size_t *n)
{
    int tbl = lua_istable(L, idx);
    if (!tbl && lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "code: option %s must be a string or an array of "
                   "strings", what);
    *n = tbl ? lcoda_plain_len(L, idx, "code", what) : 1;
    const char **v = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *v, 0);
    for (size_t i = 0; i < *n; i++) {
        if (tbl)
            lua_geti(L, idx, (lua_Integer)i + 1);
        else
            lua_pushvalue(L, idx);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "code: option %s must be a string or an array of "
                       "strings", what);
        v[i] = lua_tostring(L, -1);
        lua_pop(L, 1);                  /* still referenced by idx */
    }
    return v;
}

typedef struct progress {
    struct timespec start;
    int shown;
} progress;

/* Print "coding: 42% of 12.3 MB" on a terminal's stderr after a second. */
static void show_progress(void *ud, uint64_t done, uint64_t total)
{
    progress *p = ud;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double el = (double)(now.tv_sec - p->start.tv_sec) +
                (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
    if (el < 1.0 || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "\rcoding: %3d%% of %.1f MB, %.0f s", total ?
            (int)(100 * done / total) : 100, (double)total / 1e6, el);
    fflush(stderr);
    p->shown = 1;
}

/* opts[key]: an integer from lo to hi, or def when absent. */
static lua_Integer opt_range(lua_State *L, int o, const char *key,
                             lua_Integer lo, lua_Integer hi, lua_Integer def)
{
    lua_getfield(L, o, key);
    lua_Integer v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        v = lua_tointegerx(L, -1, &ok);
        if (!ok || v < lo || v > hi)
            luaL_error(L, "code: option %s must be a whole number from %I to "
                       "%I", key, lo, hi);
    }
    lua_pop(L, 1);
    return v;
}

static void code_options(lua_State *L, int o, const coda_table *t,
                         coda_code_opts *co, progress *pg, coda_warnings *w)
{
    static const char *const known[] = {
        "speakers", "exclude_speakers", "speakers_regex",
        "exclude_speakers_regex", "codes", "threads", "prefilter", "ascii",
        "match_limit", "step_limit", "time_limit_ms", "progress", "each",
        "batch_kb", "into", "by", "presence", "speakers_of", NULL };
    coda_code_opts_init(co);
    if (lua_isnoneornil(L, o))
        return;
    lcoda_check_options(L, o, "code", known);
    co->skip = lcoda_speaker_mask(L, o, t, w);
    if (lua_getfield(L, o, "codes") != LUA_TNIL)
        co->codes = string_list(L, lua_gettop(L), "codes", &co->ncodes);
    /* 0 is each limit's default; a limit cannot be switched off */
    co->threads = (int)opt_range(L, o, "threads", 0, 256, 0);
    co->match_limit = (uint32_t)opt_range(L, o, "match_limit", 1, UINT32_MAX, 0);
    co->step_limit = (uint32_t)opt_range(L, o, "step_limit", 1, UINT32_MAX, 0);
    co->time_limit_ms = (uint32_t)opt_range(L, o, "time_limit_ms", 1,
                                            UINT32_MAX, 0);
    co->prefilter = opt_bool(L, o, "prefilter", 1);
    co->ascii = opt_bool(L, o, "ascii", 1);
    if (opt_bool(L, o, "progress", 0)) {
        clock_gettime(CLOCK_MONOTONIC, &pg->start);
        co->progress = show_progress;
        co->progress_ud = pg;
    }
}

/* The end of the batch of whole documents of t that starts at row r0 and
 * holds about bytes of text. */
static size_t batch_end(const coda_table *t, size_t r0, size_t bytes)
{
    long d = coda_table_find(t, "doc"), x = coda_table_find(t, "text");
    size_t r = r0, acc = 0;
    if (d < 0 || x < 0 || t->cols[d].type != CODA_STRING ||
        t->cols[x].type != CODA_STRING)
        return t->nrow;                 /* coda_code names what is wrong */
    const coda_column *doc = &t->cols[d], *text = &t->cols[x];
    while (r < t->nrow) {
        acc += text->v.s.len[r++];
        if (acc >= bytes && (r == t->nrow ||
                             strcmp(doc->v.s.p[r - 1], doc->v.s.p[r]) != 0))
            break;
    }
    return r;
}

/* Where the batches' segments go: the function at fn, or a tally
 * (pairs: of co-occurrence). */
typedef struct batch_sink {
    int fn;
    coda_seg_tally *tally;
    int pairs;
} batch_sink;

/* The batch's segments at the stack top to the sink. */
static void to_sink(lua_State *L, const batch_sink *sink, coda_table *seg)
{
    coda_error err;
    if (!sink->tally) {
        lua_pushvalue(L, sink->fn);
        lua_pushvalue(L, -2);
        lua_call(L, 1, 0);
    } else if ((sink->pairs ? coda_seg_tally_add_pairs(sink->tally, seg, &err)
                            : coda_seg_tally_add(sink->tally, seg, &err))
               != CODA_OK) {
        lcoda_raise(L, &err);
    }
}

/* cb:code in batches: each batch's segments to the sink, then closed;
 * returns the number of segments. */
static size_t code_batches(lua_State *L, const batch_sink *sink,
                           coda_code_opts *co, size_t bytes)
{
    size_t total = 0;
    for (size_t r0 = 0, nrow = lcoda_check_dataset(L, 2)->nrow; r0 < nrow;) {
        coda_codebook *cb = lcoda_check_codebook(L, 1);
        coda_table *t = lcoda_check_dataset(L, 2), **out;
        if (t->nrow != nrow)
            luaL_error(L, "code: the corpus changed while it was coded");
        co->first = r0;
        co->last = r0 = batch_end(t, r0, bytes);
        out = lcoda_new_dataset(L);
        coda_error err;
        if (coda_code(cb, t, co, out, &err) != CODA_OK)
            lcoda_raise(L, &err);
        total += (*out)->nrow;
        to_sink(L, sink, *out);
        luaL_callmeta(L, -1, "__close");    /* the batch's memory, now */
        lua_pop(L, 2);
    }
    return total;
}

static int tally_gc(lua_State *L)
{
    coda_seg_tally **t = lua_touserdata(L, 1);
    coda_seg_tally_free(*t);
    *t = NULL;
    return 0;
}

/* cb:code with opts.into: the batches counted into a tally, then the
 * summary asked for (into: 0 cases, 1 matrix, 2 cooccurrence) pushed. */
static void code_into(lua_State *L, int into, coda_code_opts *co,
                      size_t bytes)
{
    coda_seg_opts so = { .codes = co->codes, .ncodes = co->ncodes };
    coda_seg_tally **t = lcoda_new_scratch(L, sizeof *t, "coda.SegTally",
                                           tally_gc);
    lua_getfield(L, 3, "by");
    so.by = luaL_optstring(L, -1, "doc");   /* on the stack until copied */
    if (into == 2 && strcmp(so.by, "doc"))
        luaL_error(L, "code: option by is for into = \"cases\" or "
                   "\"matrix\"");
    coda_error err;
    if (coda_seg_tally_new(&so, t, &err) != CODA_OK)
        lcoda_raise(L, &err);
    lua_pop(L, 1);
    batch_sink sink = { 0, *t, into == 2 };
    code_batches(L, &sink, co, bytes);
    coda_table **out = lcoda_new_dataset(L);
    coda_status st = into == 0 ? coda_seg_tally_cases(*t, out, &err)
                   : into == 1 ? coda_seg_tally_matrix(*t, opt_bool(L, 3,
                                        "presence", 0), out, &err)
                   : coda_seg_tally_cooccurrence(*t, out, &err);
    if (st != CODA_OK)
        lcoda_raise(L, &err);
}

/* cb:code(corpus [, opts]) -> Dataset doc, unit, speaker, code, start, stop,
 * match; warnings (an array of strings).  With opts.each, a function:
 * codes batches of whole documents of about opts.batch_kb KB of text
 * (65536) and calls each(seg) with each batch's segments, in corpus
 * order, closing seg after it returns -> number of segments, warnings.
 * With opts.into ("cases", "matrix" or "cooccurrence"): codes in such
 * batches and counts each batch's segments, kept no longer than their
 * batch -> what seg:cases(by, { codes = codes }), seg:matrix(by,
 * { codes = codes, presence = presence }) or seg:cooccurrence({ codes =
 * codes }) give for all of them (opts.by: the case column, "doc"),
 * warnings.  opts: speakers / exclude_speakers (a Lua pattern or an
 * array of names), speakers_regex / exclude_speakers_regex (PCRE2), each
 * matching whole names, ignoring case; codes (array of code names),
 * threads (0: one per core), prefilter (true), ascii (true), match_limit,
 * step_limit, time_limit_ms, progress (a progress line on a terminal's
 * stderr) */
static int cb_code(lua_State *L)
{
    static const char *const intos[] = { "cases", "matrix", "cooccurrence",
                                         NULL };
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    coda_table *t = lcoda_check_dataset(L, 2);
    coda_code_opts co;
    progress pg = { { 0, 0 }, 0 };
    lua_settop(L, 3);
    coda_warnings *w = lcoda_new_warnings(L);
    code_options(L, 3, t, &co, &pg, w);
    int each = !lua_isnil(L, 3) && lua_getfield(L, 3, "each") != LUA_TNIL;
    int fn = lua_gettop(L);
    int into = lua_isnil(L, 3) || lua_getfield(L, 3, "into") == LUA_TNIL
               ? -1 : luaL_checkoption(L, -1, NULL, intos);
    if (each && into >= 0)
        luaL_error(L, "code: options each and into go one at a time");
    if (each && !lua_isfunction(L, fn))
        luaL_error(L, "code: option each must be a function");
    if (each || into >= 0) {
        size_t kb = (size_t)opt_range(L, 3, "batch_kb", 1, INT32_MAX, 65536);
        batch_sink sink = { fn, NULL, 0 };
        if (into >= 0)
            code_into(L, into, &co, kb * 1024);
        else
            lua_pushinteger(L, (lua_Integer)code_batches(L, &sink, &co,
                                                         kb * 1024));
        if (pg.shown)
            fputs("\r\033[K", stderr);
        lcoda_push_warnings(L, w);
        return 2;
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    cb = lcoda_check_codebook(L, 1);    /* the options ran Lua code */
    t = lcoda_check_dataset(L, 2);
    coda_status st = coda_code(cb, t, &co, out, &err);
    if (pg.shown)
        fputs("\r\033[K", stderr);
    if (st != CODA_OK)
        return lcoda_raise(L, &err);
    lcoda_push_warnings(L, w);          /* w stays referenced at its slot */
    return 2;
}

/* cb:write_qdc(path) -> cb  (REFI-QDA codebook, written atomically) */
static int cb_write_qdc(lua_State *L)
{
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    coda_error err;
    if (coda_qdc_write(cb, lcoda_check_path(L, 2), &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_settop(L, 1);
    return 1;
}

static int table_result(lua_State *L, coda_status st, const coda_error *err)
{
    if (st != CODA_OK)
        return lcoda_raise(L, err);
    return 1;
}

/* cb:codes() -> Dataset code, parent, path, description, patterns, memo */
static int cb_codes(lua_State *L)
{
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    return table_result(L, coda_codebook_table(cb, out, &err), &err);
}

/* The units of the corpus at idx that each code of cb matches, into o. */
static void check_corpus(lua_State *L, int idx, coda_codebook *cb,
                         coda_check_opts *o)
{
    if (!luaL_testudata(L, idx, CODA_DATASET))
        luaL_error(L, "check: option corpus must be a Dataset of units "
                   "(coda.read_corpus)");
    coda_table *t = lcoda_check_dataset(L, idx);
    if (t->nrow == 0)
        luaL_error(L, "check: the corpus has no units to measure shares on");
    size_t n = coda_codebook_size(cb);
    size_t *units = lua_newuserdatauv(L, (n ? n : 1) * sizeof *units, 0);
    coda_error err;
    if (coda_code_units(cb, t, NULL, units, &err) != CODA_OK)
        lcoda_raise(L, &err);
    o->units = units;
    o->nunits = t->nrow;
}

/* cb:check([{ corpus = units, max_share = 0.5 }]) -> Dataset code, check,
 * status, detail (see docs/coding.md); with a corpus, a code matching more
 * than max_share of its units fails "share" */
static int cb_check(lua_State *L)
{
    static const char *const known[] = { "corpus", "max_share", NULL };
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    coda_check_opts o = { NULL, 0, 0.5 };
    lua_settop(L, 2);
    lcoda_check_options(L, 2, "check", known);
    if (!lua_isnil(L, 2)) {
        int has_share = lua_getfield(L, 2, "max_share") != LUA_TNIL;
        int has_corpus = lua_getfield(L, 2, "corpus") != LUA_TNIL;
        o.max_share = has_share ? lua_tonumber(L, 3) : o.max_share;
        if (has_share && (!lua_isnumber(L, 3) || !(o.max_share > 0) ||
                          o.max_share > 1))
            luaL_error(L, "check: option max_share must be a number above 0 "
                       "and at most 1");
        if (has_share && !has_corpus)
            luaL_error(L, "check: option max_share needs a corpus");
        if (has_corpus)
            check_corpus(L, 4, cb, &o);
    }
    coda_table **out = lcoda_new_dataset(L);
    coda_error err;
    cb = lcoda_check_codebook(L, 1);    /* still open after Lua code ran */
    return table_result(L, coda_codebook_check(cb, &o, out, &err), &err);
}

/* cb:test(code, text) -> start, stop (1-based, inclusive) of the first
 * match with the exclude veto applied, or nil */
static int cb_test(lua_State *L)
{
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t len, a, b;
    const char *text = luaL_checklstring(L, 3, &len);
    long i = coda_codebook_find(cb, name);
    if (i < 0)
        return luaL_argerror(L, 2, lua_pushfstring(L, "no code \"%s\"", name));
    int found;
    coda_error err;
    if (coda_codebook_first(cb, (size_t)i, text, len, &found, &a, &b, &err))
        return lcoda_raise(L, &err);
    if (!found) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)a + 1);
    lua_pushinteger(L, (lua_Integer)b);
    return 2;
}

/* cb:names() -> { code, ... } in codebook order */
static int cb_names(lua_State *L)
{
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    size_t n = coda_codebook_size(cb);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        lua_pushstring(L, in.name);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* cb:warnings() -> { message, ... }: about the file (columns ignored),
 * then what is probably a mistake in its codes (see coda_codebook_check) */
static int cb_warnings(lua_State *L)
{
    coda_codebook *cb = lcoda_check_codebook(L, 1);
    size_t n = coda_codebook_nwarnings(cb);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, coda_codebook_warning(cb, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* cb:size() and #cb -> number of codes */
static int cb_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)coda_codebook_size(lcoda_check_codebook(L, 1)));
    return 1;
}

static int cb_tostring(lua_State *L)
{
    codebook *c = luaL_checkudata(L, 1, CODA_CODEBOOK);
    if (!c->cb)
        lua_pushliteral(L, "Codebook (closed)");
    else
        lua_pushfstring(L, "Codebook (%d codes)",
                        (int)coda_codebook_size(c->cb));
    return 1;
}

/* __gc: free the codebook; safe to run twice. */
static int cb_gc(lua_State *L)
{
    codebook *c = luaL_checkudata(L, 1, CODA_CODEBOOK);
    coda_codebook_free(c->cb);
    coda_codebook_free(c->later);
    c->cb = c->later = NULL;
    return 0;
}

/* cb:close() and __close: as __gc; in a finalizer, the memory is left to
 * __gc (lcoda_close_now). */
static int cb_close(lua_State *L)
{
    codebook *c = luaL_checkudata(L, 1, CODA_CODEBOOK);
    if (lcoda_close_now(L))
        return cb_gc(L);
    if (c->cb)
        c->later = c->cb;
    c->cb = NULL;
    return 0;
}

static const luaL_Reg meth[] = {
    { "code", cb_code },   { "write_qdc", cb_write_qdc }, { "codes", cb_codes },
    { "check", cb_check }, { "test", cb_test },           { "names", cb_names },
    { "size", cb_size },   { "close", cb_close },
    { "warnings", cb_warnings }, { NULL, NULL }
};

static const luaL_Reg metameth[] = {
    { "__tostring", cb_tostring }, { "__len", cb_size },
    { "__gc", cb_gc },          { "__close", cb_close }, { NULL, NULL }
};

void lcoda_open_codebook(lua_State *L)
{
    lcoda_new_type(L, CODA_CODEBOOK, meth, metameth);
    lua_pushcfunction(L, l_read_codebook);
    lua_setfield(L, -2, "read_codebook");
}
