/* lproject.c - the Project userdata: coda.project and its methods (a
 * coding project in one SQLite file; see runtime/project.h). */
#include "lcoda.h"

#include "../runtime/base_alloc.h"
#include "../runtime/codebook.h"
#include "../runtime/corpus.h"
#include "../runtime/project.h"

#include <lauxlib.h>
#include <string.h>

#define CODA_PROJECT "coda.Project"

typedef struct project {
    coda_project *p;            /* NULL once closed */
    coda_project *later;        /* closed in a finalizer: closed by __gc */
} project;

coda_project *lcoda_check_project(lua_State *L, int arg)
{
    project *u = luaL_checkudata(L, arg, CODA_PROJECT);
    if (!u->p)
        luaL_argerror(L, arg, "attempt to use a closed Project");
    return u->p;
}

/* opts[key] as a string (a number is turned into one, left on the stack
 * to keep it alive), or NULL when absent. */
static const char *opt_string(lua_State *L, int o, const char *fn,
                              const char *key)
{
    if (lua_isnoneornil(L, o))
        return NULL;
    int t = lua_getfield(L, o, key);
    if (t == LUA_TNUMBER)
        return luaL_tolstring(L, -1, NULL);
    if (t != LUA_TNIL && t != LUA_TSTRING)
        luaL_error(L, "%s: option %s must be a string, got %s", fn, key,
                   luaL_typename(L, -1));
    size_t len = 0;
    const char *v = lua_tolstring(L, -1, &len);
    if (v && strlen(v) != len)
        luaL_error(L, "%s: option %s holds a NUL byte", fn, key);
    lua_pop(L, 1);      /* the options table keeps the string alive */
    return v;
}

/* opts[key] as an integer, or def. */
static lua_Integer opt_integer(lua_State *L, int o, const char *fn,
                               const char *key, lua_Integer def)
{
    if (lua_isnoneornil(L, o))
        return def;
    lua_getfield(L, o, key);
    if (!lua_isnil(L, -1) && !lua_isinteger(L, -1))
        luaL_error(L, "%s: option %s must be an integer, got %s", fn, key,
                   lua_type(L, -1) == LUA_TNUMBER ? "a fraction"
                                                  : luaL_typename(L, -1));
    lua_Integer v = lua_isnil(L, -1) ? def : lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

static int opt_flag(lua_State *L, int o, const char *key)
{
    if (lua_isnoneornil(L, o))
        return 0;
    lua_getfield(L, o, key);
    int v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* The strings of opts[key] (an array of strings) in a Lua-owned array
 * left on the stack; NULL (nothing pushed) when absent. */
static const char **opt_list(lua_State *L, int o, const char *fn,
                             const char *key, size_t *n)
{
    *n = 0;
    if (lua_isnoneornil(L, o) || lua_getfield(L, o, key) == LUA_TNIL) {
        if (!lua_isnoneornil(L, o))
            lua_pop(L, 1);
        return NULL;
    }
    int idx = lua_gettop(L);
    if (!lua_istable(L, idx))
        luaL_error(L, "%s: option %s must be an array of strings", fn, key);
    *n = lcoda_plain_len(L, idx, fn, key);
    const char **v = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *v, 0);
    for (size_t i = 0; i < *n; i++) {
        if (lua_geti(L, idx, (lua_Integer)i + 1) != LUA_TSTRING)
            luaL_error(L, "%s: option %s must be an array of strings", fn,
                       key);
        v[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    return v;
}

/* The string at arg, refusing one with a NUL byte (C would see less). */
static const char *check_name(lua_State *L, int arg)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    if (strlen(s) != len)
        luaL_argerror(L, arg, "a name with a NUL byte");
    return s;
}

static void check_status(lua_State *L, coda_status st, coda_error *err)
{
    if (st != CODA_OK)
        lcoda_raise(L, err);
}

/* coda.project(path [, { create = true }]) -> Project
 * Opens the project at path, making it when it does not exist (unless
 * create = false). */
static int l_project(lua_State *L)
{
    static const char *const known[] = { "create", NULL };
    const char *path = lcoda_check_path(L, 1);
    lua_settop(L, 2);
    lcoda_check_options(L, 2, "project", known);
    int create = 1;
    if (!lua_isnoneornil(L, 2) && lua_getfield(L, 2, "create") != LUA_TNIL)
        create = lua_toboolean(L, -1);
    project *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->p = u->later = NULL;
    luaL_setmetatable(L, CODA_PROJECT);
    coda_error err;
    check_status(L, coda_project_open(path, create, &u->p, &err), &err);
    return 1;
}

/* --- documents ---------------------------------------------------------- */

/* 1 when column c of a corpus is about its units, not its documents. */
static int unit_column(const coda_table *t, size_t c)
{
    static const char *const names[] = { "unit", "speaker", "format",
                                         "start_time", "end_time" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(t->cols[c].name, names[i]))
            return 1;
    return 0;
}

/* A corpus (columns unit and speaker beside doc and text, and format,
 * start_time and end_time when it has them) without those, pushed; any
 * other Dataset as it is. */
static const coda_table *without_units(lua_State *L, const coda_table *t)
{
    long u = coda_table_find(t, "unit"), sp = coda_table_find(t, "speaker");
    if (u < 0 || sp < 0)
        return t;
    size_t *cols = lua_newuserdatauv(L, t->ncol * sizeof *cols, 0), k = 0;
    for (size_t c = 0; c < t->ncol; c++)
        if (!unit_column(t, c))
            cols[k++] = c;
    coda_table **out = lcoda_new_dataset(L);
    if (coda_table_select(t, cols, k, out) != CODA_OK)
        luaL_error(L, "not enough memory");
    return *out;
}

/* The documents of the paths at arg (a string or an array of strings) as
 * a table doc, text (+ meta), pushed as a Dataset. */
static const coda_table *read_docs(lua_State *L, int arg, int o,
                                   coda_warnings *w)
{
    size_t n = 1;
    const char **paths;
    if (lua_type(L, arg) == LUA_TSTRING) {
        paths = lua_newuserdatauv(L, sizeof *paths, 0);
        paths[0] = lcoda_check_path(L, arg);
    } else {
        n = lcoda_plain_len(L, arg, "add", "the list of paths");
        paths = lua_newuserdatauv(L, (n ? n : 1) * sizeof *paths, 0);
        for (size_t i = 0; i < n; i++) {
            if (lua_geti(L, arg, (lua_Integer)i + 1) != LUA_TSTRING)
                luaL_argerror(L, arg, "paths must be strings");
            paths[i] = lua_tostring(L, -1);
            if (strlen(paths[i]) != lua_rawlen(L, -1))
                luaL_argerror(L, arg, "a path with a NUL byte");
            lua_pop(L, 1);
        }
    }
    coda_corpus_opts co;
    coda_corpus_opts_init(&co);
    co.whole = 1;
    co.meta = opt_string(L, o, "add", "meta");
    co.meta_id = opt_string(L, o, "add", "meta_id");
    static const char *const invalid[] = { "error", "replace", NULL };
    if (!lua_isnoneornil(L, o)) {
        lua_getfield(L, o, "invalid");
        co.replace_invalid = lcoda_check_choice(L, -1, "add", "option invalid",
                                                invalid, 0);
        lua_pop(L, 1);
    }
    co.encoding = opt_string(L, o, "add", "encoding");
    co.warnings = w;
    coda_table **all = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_corpus_read_paths(paths, n, &co, all, &err), &err);
    return without_units(L, *all);      /* doc, text and the meta columns */
}

static void push_counts(lua_State *L, const char *const *names,
                        const size_t *v, size_t n)
{
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, (lua_Integer)v[i]);
        lua_setfield(L, -2, names[i]);
    }
}

/* p:add(paths_or_dataset [, { meta = "cases.csv", meta_id = "doc",
 *       invalid = "replace", encoding = "cp1252" }]) -> { added,
 *       unchanged, changed, reanchored, lost, warnings = { ... } }
 * paths: a .txt or .docx file or a folder of them, or an array of them
 * (the document is the file name without its extension); or a Dataset
 * with doc and text columns, one row a document, its other columns
 * attributes (meta, invalid and encoding are for paths). */
static int p_add(lua_State *L)
{
    static const char *const known[] = { "meta", "meta_id", "invalid",
                                         "encoding", NULL };
    static const char *const names[] = { "added", "unchanged", "changed",
                                         "reanchored", "lost" };
    coda_project *p = lcoda_check_project(L, 1);
    lua_settop(L, 3);   /* the options stay at 3 whatever is pushed */
    lcoda_check_options(L, 3, "add", known);
    coda_warnings *w = lcoda_new_warnings(L);
    const coda_table *docs;
    if (lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TTABLE)
        docs = read_docs(L, 2, 3, w);
    else
        docs = without_units(L, lcoda_check_dataset(L, 2));
    coda_add_result res;
    coda_error err;
    check_status(L, coda_project_add(p, docs, &res, &err), &err);
    size_t v[] = { res.added, res.unchanged, res.changed, res.reanchored,
                   res.lost };
    push_counts(L, names, v, 5);
    lcoda_push_warnings(L, w);         /* the read's: empty documents... */
    lua_setfield(L, -2, "warnings");
    return 1;
}

/* p:documents() -> Dataset doc, hash, bytes, chars, added, attributes... */
static int p_documents(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_project_documents(p, t, &err), &err);
    return 1;
}

/* A box for C memory that a Lua error may cut loose: its finalizer frees
 * what it holds. */
static int box_gc(lua_State *L)
{
    char **box = lua_touserdata(L, 1);
    coda_free(*box);
    *box = NULL;
    return 0;
}

static char **new_box(lua_State *L)
{
    char **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    if (luaL_newmetatable(L, "coda.Box")) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return box;
}

/* p:text(doc) -> the document's text */
static int p_text(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    const char *doc = check_name(L, 2);
    char **box = new_box(L);
    size_t len = 0;
    coda_error err;
    check_status(L, coda_project_text(p, doc, box, &len, &err), &err);
    lua_pushlstring(L, *box, len);
    return 1;
}

/* --- coding --------------------------------------------------------------- */

/* p:code(cb [, { unit = "turn", codes = {...}, threads = 0,
 *        source = "name" }]) -> { version, new_version, documents, units,
 *        found, added, kept, revived, gone } */
static int p_code(lua_State *L)
{
    static const char *const known[] = { "unit", "codes", "threads", "source",
                                         NULL };
    static const char *const names[] = { "version", "documents", "units",
                                         "found", "added", "kept", "revived",
                                         "gone" };
    coda_project *p = lcoda_check_project(L, 1);
    const coda_codebook *cb = lcoda_check_codebook(L, 2);
    lua_settop(L, 3);
    lcoda_check_options(L, 3, "code", known);
    coda_project_code_opts o;
    coda_project_code_opts_init(&o);
    o.unit = opt_string(L, 3, "code", "unit");
    o.source = opt_string(L, 3, "code", "source");
    o.threads = (int)opt_integer(L, 3, "code", "threads", 0);
    if (o.threads < 0 || o.threads > 256)
        luaL_error(L, "code: option threads must be 0-256");
    o.codes = opt_list(L, 3, "code", "codes", &o.ncodes);
    coda_code_result r;
    coda_error err;
    check_status(L, coda_project_code(p, cb, &o, &r, &err), &err);
    size_t v[] = { (size_t)r.version, r.documents, r.units, r.found, r.added,
                   r.kept, r.revived, r.gone };
    push_counts(L, names, v, 8);
    lua_pushboolean(L, r.new_version);
    lua_setfield(L, -2, "new_version");
    return 1;
}

/* The segment filter of the options table at o. */
static void seg_filter(lua_State *L, int o, const char *fn, coda_seg_filter *f)
{
    static const char *const known[] = { "id", "doc", "code", "status",
        "coder", "origin", "speaker", "reviewer", "with_gone", "offset",
        "limit", NULL };
    memset(f, 0, sizeof *f);
    lcoda_check_options(L, o, fn, known);
    f->id = opt_integer(L, o, fn, "id", 0);
    f->doc = opt_string(L, o, fn, "doc");
    f->code = opt_string(L, o, fn, "code");
    f->status = opt_string(L, o, fn, "status");
    f->coder = opt_string(L, o, fn, "coder");
    f->origin = opt_string(L, o, fn, "origin");
    f->speaker = opt_string(L, o, fn, "speaker");
    f->reviewer = opt_string(L, o, fn, "reviewer");
    f->with_gone = opt_flag(L, o, "with_gone");
    lua_Integer off = opt_integer(L, o, fn, "offset", 0);
    lua_Integer lim = opt_integer(L, o, fn, "limit", 0);
    if (off < 0 || lim < 0)
        luaL_error(L, "%s: options offset and limit must not be negative", fn);
    f->offset = (size_t)off;
    f->limit = (size_t)lim;
}

/* p:segments([{ doc, code, status, coder, origin, speaker, reviewer, id,
 *             with_gone, offset, limit }]) -> Dataset (see docs) */
static int p_segments(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_seg_filter f;
    lua_settop(L, 2);
    seg_filter(L, 2, "segments", &f);
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_project_segments(p, &f, t, &err), &err);
    return 1;
}

/* p:count([filter]) -> how many segments the filter matches */
static int p_count(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_seg_filter f;
    lua_settop(L, 2);
    seg_filter(L, 2, "count", &f);
    size_t n = 0;
    coda_error err;
    check_status(L, coda_project_count(p, &f, &n, &err), &err);
    lua_pushinteger(L, (lua_Integer)n);
    return 1;
}

/* p:decide(id, "accept"|"reject"|"pending", { coder = NAME [, time] }) */
static int p_decide(lua_State *L)
{
    static const char *const known[] = { "coder", "time", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    lua_Integer id = luaL_checkinteger(L, 2);
    const char *decision = luaL_checkstring(L, 3);
    luaL_checktype(L, 4, LUA_TTABLE);
    lcoda_check_options(L, 4, "decide", known);
    const char *coder = opt_string(L, 4, "decide", "coder");
    if (!coder)
        luaL_error(L, "decide: a decision needs its coder ({ coder = NAME })");
    coda_error err;
    check_status(L, coda_project_decide(p, id, decision, coder,
                                        opt_string(L, 4, "decide", "time"),
                                        &err), &err);
    return 0;
}

/* p:add_coding{ doc, code, coder, start, stop | char_start, char_stop,
 *               new_code = false, time } -> segment id */
static int p_add_coding(lua_State *L)
{
    static const char *const known[] = { "doc", "code", "coder", "start",
        "stop", "char_start", "char_stop", "new_code", "time", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_options(L, 2, "add_coding", known);
    coda_manual m = { 0 };
    m.doc = opt_string(L, 2, "add_coding", "doc");
    m.code = opt_string(L, 2, "add_coding", "code");
    m.coder = opt_string(L, 2, "add_coding", "coder");
    m.time = opt_string(L, 2, "add_coding", "time");
    m.new_code = opt_flag(L, 2, "new_code");
    m.start = opt_integer(L, 2, "add_coding", "start", 0);
    m.stop = opt_integer(L, 2, "add_coding", "stop", 0);
    lua_Integer cs = opt_integer(L, 2, "add_coding", "char_start", 0);
    lua_Integer ce = opt_integer(L, 2, "add_coding", "char_stop", 0);
    if ((m.start || m.stop) == (cs || ce))
        luaL_error(L, "add_coding: give start and stop (bytes) or char_start "
                   "and char_stop (characters)");
    if (cs || ce)
        m.start = cs, m.stop = ce, m.chars = 1;
    if (!m.coder)
        luaL_error(L, "add_coding: a coding needs its coder");
    int64_t id = 0;
    coda_error err;
    check_status(L, coda_project_add_coding(p, &m, &id, &err), &err);
    lua_pushinteger(L, id);
    return 1;
}

/* p:add_code{ name, parent, description, color } */
static int p_add_code(lua_State *L)
{
    static const char *const known[] = { "name", "parent", "description",
                                         "color", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_options(L, 2, "add_code", known);
    coda_error err;
    check_status(L, coda_project_add_code(
                        p, opt_string(L, 2, "add_code", "name"),
                        opt_string(L, 2, "add_code", "parent"),
                        opt_string(L, 2, "add_code", "description"),
                        opt_string(L, 2, "add_code", "color"), &err), &err);
    return 0;
}

/* --- memos, codes, coders ----------------------------------------------- */

/* p:memo{ on = "project"|"document"|"code"|"segment", target, text, coder,
 *         time } -> memo id */
static int p_memo(lua_State *L)
{
    static const char *const known[] = { "on", "target", "text", "coder",
                                         "time", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_options(L, 2, "memo", known);
    const char *coder = opt_string(L, 2, "memo", "coder");
    if (!coder)
        luaL_error(L, "memo: a memo needs its coder");
    int64_t id = 0;
    coda_error err;
    check_status(L, coda_project_memo(p, opt_string(L, 2, "memo", "on"),
                                      opt_string(L, 2, "memo", "target"),
                                      opt_string(L, 2, "memo", "text"), coder,
                                      opt_string(L, 2, "memo", "time"), &id,
                                      &err), &err);
    lua_pushinteger(L, id);
    return 1;
}

/* p:memos([{ on, target }]) -> Dataset id, on, target, coder, time, text */
static int p_memos(lua_State *L)
{
    static const char *const known[] = { "on", "target", NULL };
    coda_project *p = lcoda_check_project(L, 1);
    lua_settop(L, 2);
    lcoda_check_options(L, 2, "memos", known);
    const char *on = opt_string(L, 2, "memos", "on");
    const char *target = opt_string(L, 2, "memos", "target");
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_project_memos(p, on, target, t, &err), &err);
    return 1;
}

typedef coda_status (*list_fn)(coda_project *, coda_table **, coda_error *);

static int push_list(lua_State *L, list_fn fn)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, fn(p, t, &err), &err);
    return 1;
}

/* p:codes() -> Dataset code, parent, path, description, color, origin,
 *              current, segments */
static int p_codes(lua_State *L) { return push_list(L, coda_project_codes); }

/* p:codebooks() -> Dataset version, hash, source, codes, rows, added */
static int p_codebooks(lua_State *L)
{
    return push_list(L, coda_project_codebooks);
}

/* p:coders() -> Dataset coder, segments, decisions, memos */
static int p_coders(lua_State *L) { return push_list(L, coda_project_coders); }

/* p:codebook([version]) -> Codebook (the latest when no version) */
static int p_codebook(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    lua_Integer v = luaL_optinteger(L, 2, 0);
    coda_codebook **cb = lcoda_new_codebook(L);
    coda_error err;
    check_status(L, coda_project_codebook(p, v, cb, &err), &err);
    return 1;
}

/* --- agreement ------------------------------------------------------------ */

static void agree_opts(lua_State *L, const char *fn, coda_agree_opts *o)
{
    static const char *const known[] = { "coders", "unit", "codes", NULL };
    luaL_checktype(L, 2, LUA_TTABLE);
    lcoda_check_options(L, 2, fn, known);
    memset(o, 0, sizeof *o);
    size_t n = 0;
    const char **coders = opt_list(L, 2, fn, "coders", &n);
    if (n != 2)
        luaL_error(L, "%s: option coders names two coders", fn);
    o->a = coders[0];
    o->b = coders[1];
    o->unit = opt_string(L, 2, fn, "unit");
    o->codes = opt_list(L, 2, fn, "codes", &o->ncodes);
}

/* p:agreement{ coders = { a, b } [, unit, codes] } -> Dataset code, n,
 *   both, a_only, b_only, neither, agreement, kappa, alpha, precision,
 *   recall, f1 (b the reference; the last row "(all)" pooled) */
static int p_agreement(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_agree_opts o;
    agree_opts(L, "agreement", &o);
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_project_agreement(p, &o, t, &err), &err);
    return 1;
}

/* p:disagreements{ coders = { a, b } [, unit, codes] } -> Dataset doc,
 *   unit, speaker, code, <a>, <b>, text */
static int p_disagreements(lua_State *L)
{
    coda_project *p = lcoda_check_project(L, 1);
    coda_agree_opts o;
    agree_opts(L, "disagreements", &o);
    coda_table **t = lcoda_new_dataset(L);
    coda_error err;
    check_status(L, coda_project_disagreements(p, &o, t, &err), &err);
    return 1;
}

/* --- the object ----------------------------------------------------------- */

/* p:path() -> the file's path */
static int p_path(lua_State *L)
{
    lua_pushstring(L, coda_project_path(lcoda_check_project(L, 1)));
    return 1;
}

/* __gc: close the project; safe to run twice. */
static int p_gc(lua_State *L)
{
    project *u = luaL_checkudata(L, 1, CODA_PROJECT);
    coda_project_close(u->p);
    coda_project_close(u->later);
    u->p = u->later = NULL;
    return 0;
}

/* p:close() and __close: as __gc; in a finalizer, the closing is left to
 * __gc (lcoda_close_now). */
static int p_close(lua_State *L)
{
    project *u = luaL_checkudata(L, 1, CODA_PROJECT);
    if (lcoda_close_now(L))
        return p_gc(L);
    if (u->p)
        u->later = u->p;
    u->p = NULL;
    return 0;
}

static int p_tostring(lua_State *L)
{
    project *u = luaL_checkudata(L, 1, CODA_PROJECT);
    if (u->p)
        lua_pushfstring(L, "Project (%s)", coda_project_path(u->p));
    else
        lua_pushliteral(L, "Project (closed)");
    return 1;
}

static const luaL_Reg meth[] = {
    { "add", p_add },             { "documents", p_documents },
    { "text", p_text },           { "code", p_code },
    { "segments", p_segments },   { "count", p_count },
    { "decide", p_decide },       { "add_coding", p_add_coding },
    { "add_code", p_add_code },   { "memo", p_memo },
    { "memos", p_memos },         { "codes", p_codes },
    { "codebooks", p_codebooks }, { "codebook", p_codebook },
    { "coders", p_coders },       { "agreement", p_agreement },
    { "disagreements", p_disagreements },
    { "path", p_path },           { "close", p_close },
    { "serve", lcoda_project_serve },
    { "write_qdpx", lcoda_project_write_qdpx },
    { "read_qdpx", lcoda_project_read_qdpx },
    { NULL, NULL }
};

static const luaL_Reg metameth[] = {
    { "__tostring", p_tostring },
    { "__gc", p_gc },          { "__close", p_close },
    { NULL, NULL }
};

void lcoda_open_project(lua_State *L)
{
    lcoda_new_type(L, CODA_PROJECT, meth, metameth);
    lua_pushcfunction(L, l_project);
    lua_setfield(L, -2, "project");
}
