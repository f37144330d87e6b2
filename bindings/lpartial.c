/* lpartial.c - partial results that merge: the Partial type (what
 * ds:frequency, ds:crosstab and g:summarise give with partial = true),
 * coda.merge and coda.read_partial. */
#include "lcoda.h"

#include "../runtime/agg_partial.h"

#include <jansson.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTIAL "coda.Partial"
#define MAX_DEPTH 16

typedef struct lpartial {
    coda_partial *p;
} lpartial;

/* A copy of the plain table at idx (its nested tables copied too). */
static void deep_copy(lua_State *L, int idx, int depth)
{
    if (depth > MAX_DEPTH)
        luaL_error(L, "partial: options nested deeper than %d", MAX_DEPTH);
    luaL_checkstack(L, 4, "partial: options nested too deep");
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -1) == LUA_TTABLE) {
            deep_copy(L, -1, depth + 1);
            lua_replace(L, -2);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

/* opts.partial: 0 when absent or false; else 1, after checking that a
 * table holds only a shard "K/N" (0 <= K < N, as coda code --shard). */
int lcoda_partial_wanted(lua_State *L, int opts, const char *fn)
{
    if (lua_type(L, opts) != LUA_TTABLE)
        return 0;
    int t = lua_getfield(L, opts, "partial");
    int want = lua_toboolean(L, -1);
    if (t == LUA_TTABLE) {
        static const char *const keys[] = { "shard", NULL };
        lcoda_check_options(L, lua_gettop(L), fn, keys);
        int k, n, end = 0;
        if (lua_getfield(L, -1, "shard") != LUA_TNIL &&
            (lua_type(L, -1) != LUA_TSTRING ||
             sscanf(lua_tostring(L, -1), "%d/%d%n", &k, &n, &end) != 2 ||
             lua_tostring(L, -1)[end] || k < 0 || k >= n))
            luaL_error(L, "%s: partial shard must be \"K/N\" with 0 <= K < "
                       "N (e.g. \"3/8\"), not %s", fn, luaL_tolstring(L, -1,
                                                                     NULL));
        lua_pop(L, 1);
    } else if (t != LUA_TNIL && t != LUA_TBOOLEAN) {
        luaL_error(L, "%s: partial must be true or { shard = \"K/N\" }", fn);
    }
    lua_pop(L, 1);
    return want;
}

/* The info table of a new partial: verb, columns, options (a copy without
 * partial, a weight given by number named), shard. */
static void push_info(lua_State *L, const char *verb, int opts,
                      const coda_table *t, const size_t *cols, size_t ncol)
{
    lua_createtable(L, 0, 4);
    lua_pushstring(L, verb);
    lua_setfield(L, -2, "verb");
    lua_createtable(L, (int)ncol, 0);
    for (size_t i = 0; i < ncol; i++) {
        lua_pushstring(L, t->cols[cols[i]].name);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "columns");
    if (lua_type(L, opts) == LUA_TTABLE)
        deep_copy(L, opts, 0);
    else
        lua_newtable(L);
    if (lua_getfield(L, -1, "partial") == LUA_TTABLE) {
        lua_getfield(L, -1, "shard");
        lua_setfield(L, -4, "shard");
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, -2, "partial");
    if (lua_getfield(L, -1, "weight") == LUA_TNUMBER) {
        lua_pushstring(L, t->cols[lcoda_check_column(L, t, -1)].name);
        lua_setfield(L, -3, "weight");
    }
    lua_pop(L, 1);
    lua_setfield(L, -2, "options");
}

/* A new Partial on the stack whose info is the table on the stack top
 * (popped); returns its slot. */
static coda_partial **new_partial(lua_State *L)
{
    lpartial *u = lua_newuserdatauv(L, sizeof *u, 1);
    u->p = NULL;
    luaL_setmetatable(L, PARTIAL);
    lua_insert(L, -2);
    lua_setiuservalue(L, -2, 1);
    return &u->p;
}

coda_partial **lcoda_new_partial(lua_State *L, const char *verb, int opts,
                                 const coda_table *t, const size_t *cols,
                                 size_t ncol)
{
    opts = lua_absindex(L, opts);
    push_info(L, verb, opts, t, cols, ncol);
    return new_partial(L);
}

void lcoda_partial_keep(lua_State *L, int part, const char *field, int value)
{
    value = lua_absindex(L, value);
    lua_getiuservalue(L, part, 1);
    deep_copy(L, value, 0);
    lua_setfield(L, -2, field);
    lua_pop(L, 1);
}

/* The open partial of item i of the list at 1, its info table pushed. */
static coda_partial *check_item(lua_State *L, int i)
{
    lua_geti(L, 1, i);
    lpartial *u = luaL_testudata(L, -1, PARTIAL);
    if (!u && luaL_getmetafield(L, -1, "__name") != LUA_TSTRING)
        lua_pushstring(L, luaL_typename(L, -1));
    if (!u)
        luaL_error(L, "merge: item %d is a %s, not a partial", i,
                   lua_tostring(L, -1));
    if (!u->p)
        luaL_error(L, "merge: item %d is a closed partial", i);
    lua_getiuservalue(L, -1, 1);
    lua_remove(L, -2);
    return u->p;
}

/* The JSON text of the value at idx (keys sorted: equal values, equal
 * texts). */
static const char *json_text(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, lcoda_json_encode);
    lua_pushvalue(L, idx);
    lua_call(L, 1, 1);
    return lua_tostring(L, -1);
}

/* Push the names of the array at idx quoted and joined: "a", "b". */
static const char *push_names(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    int n = 0;
    for (lua_Integer i = 1; lua_geti(L, idx, i) == LUA_TSTRING; i++, n++) {
        lua_pushfstring(L, "%s\"%s\"", i > 1 ? ", " : "", lua_tostring(L, -1));
        lua_remove(L, -2);
    }
    lua_pop(L, 1);
    lua_concat(L, n);
    return lua_tostring(L, -1);
}

/* 1 when field k of the tables at a and b has the same JSON text. */
static int same_field(lua_State *L, int a, int b, const char *k)
{
    lua_getfield(L, a, k);
    lua_getfield(L, b, k);
    int same = strcmp(json_text(L, -2), json_text(L, -2)) == 0;
    lua_pop(L, 4);
    return same;
}

/* Raise unless option k (on the stack top) is the same in both. */
static void same_option(lua_State *L, int oa, int ob, int i)
{
    const char *k = lua_tostring(L, -1);
    if (!k || same_field(L, oa, ob, k))
        return;
    lua_getfield(L, ob, k);
    const char *vb = lua_isnil(L, -1) ? "nil" : json_text(L, -1);
    lua_getfield(L, oa, k);
    const char *va = lua_isnil(L, -1) ? "nil" : json_text(L, -1);
    luaL_error(L, "merge: partial %d was made with option %s = %s, partial "
               "1 with %s = %s", i, k, vb, k, va);
}

/* Raise unless the info tables at a (item 1) and b (item i) agree. */
static void same_making(lua_State *L, int a, int b, int i)
{
    if (!same_field(L, a, b, "verb")) {
        lua_getfield(L, b, "verb");
        lua_getfield(L, a, "verb");
        luaL_error(L, "merge: partial %d is of %s, partial 1 of %s", i,
                   lua_tostring(L, -2), lua_tostring(L, -1));
    }
    if (!same_field(L, a, b, "columns")) {
        lua_getfield(L, b, "columns");
        const char *cb = push_names(L, -1);
        lua_getfield(L, a, "columns");
        luaL_error(L, "merge: partial %d is of columns %s, partial 1 of %s",
                   i, cb, push_names(L, -1));
    }
    if (!same_field(L, a, b, "summaries"))
        luaL_error(L, "merge: partial %d was made with other summaries than "
                   "partial 1", i);
    if (!same_field(L, a, b, "schema"))
        luaL_error(L, "merge: partial %d was made from columns of other names "
                   "or types than partial 1", i);
    lua_getfield(L, a, "options");
    lua_getfield(L, b, "options");
    int oa = lua_gettop(L) - 1, ob = oa + 1;
    for (int side = oa; side <= ob; side++) {
        lua_pushnil(L);
        while (lua_next(L, side)) {
            lua_pop(L, 1);
            same_option(L, oa, ob, i);
        }
    }
    lua_pop(L, 2);
}

typedef struct shard {
    long k;
    int item;
} shard;

static int shard_cmp(const void *a, const void *b)
{
    const shard *x = a, *y = b;
    return x->k != y->k ? (x->k > y->k) - (x->k < y->k) : x->item - y->item;
}

/* The shard labels K/N of the infos at base + 1 .. base + n into s (a
 * scratch buffer left on the stack); how many have one, their N in *total. */
static int read_shards(lua_State *L, int base, int n, shard *s, long *total)
{
    int labelled = 0;
    for (int i = 1; i <= n; i++) {
        long k, m;
        if (lua_getfield(L, base + i, "shard") != LUA_TNIL &&
            sscanf(lua_tostring(L, -1), "%ld/%ld", &k, &m) == 2) {
            if (labelled && m != *total)
                luaL_error(L, "merge: partial %d is shard %s, of %d shards, "
                           "but an earlier one is of %d", i,
                           lua_tostring(L, -1), (int)m, (int)*total);
            *total = m;
            s[labelled++] = (shard){ k, i };
        }
        lua_pop(L, 1);
    }
    return labelled;
}

/* Raise for a shard given twice or missing, or partials with and without
 * shards; infos at base + 1 .. base + n. */
static void check_shards(lua_State *L, int base, int n)
{
    shard *s = lua_newuserdatauv(L, (size_t)n * sizeof *s, 0);
    long total = 0;
    int labelled = read_shards(L, base, n, s, &total);
    if (labelled && labelled != n)
        luaL_error(L, "merge: %d of the %d partials have a shard label and "
                   "the others none", labelled, n);
    qsort(s, (size_t)labelled, sizeof *s, shard_cmp);
    for (int i = 0; i < labelled; i++) {
        if (i && s[i].k == s[i - 1].k)
            luaL_error(L, "merge: shard %d/%d is given twice (partials %d and "
                       "%d)", (int)s[i].k, (int)total, s[i - 1].item,
                       s[i].item);
        if (s[i].k != i)
            luaL_error(L, "merge: shard %d/%d is missing (%d of %d given)",
                       i, (int)total, labelled, (int)total);
    }
    if (labelled && labelled < total)
        luaL_error(L, "merge: shard %d/%d is missing (%d of %d given)",
                   labelled, (int)total, labelled, (int)total);
    lua_pop(L, 1);
}

/* The merged result of the merged partial at idx (info at idx's user
 * value): what the verb gives over all the rows. */
static int finish(lua_State *L, int idx)
{
    lpartial *u = lua_touserdata(L, idx);
    lua_getiuservalue(L, idx, 1);
    int info = lua_gettop(L);
    lua_getfield(L, info, "verb");
    const char *verb = lua_tostring(L, -1);
    if (strcmp(verb, "frequency") == 0)
        return lcoda_frequency_merged(L, u->p, info);
    if (strcmp(verb, "crosstab") == 0)
        return lcoda_crosstab_merged(L, u->p, info);
    if (strcmp(verb, "summarise") == 0)
        return lcoda_summarise_merged(L, u->p, info);
    return luaL_error(L, "merge: partials of %s cannot be merged", verb);
}

static const char *const merge_keys[] = { "partial", NULL };

/* coda.merge({ partial, ... } [, opts]) -> what the partials' verb gives
 * over all their rows (a Dataset); opts.partial = true: the merged Partial
 * instead (to merge further).  Partials of another verb, columns or
 * options, and shards given twice or missing, are refused. */
static int l_merge(lua_State *L)
{
    size_t n = lcoda_plain_len(L, 1, "merge", "the list of partials");
    luaL_checktype(L, 1, LUA_TTABLE);
    lcoda_check_options(L, 2, "merge", merge_keys);
    int keep = lua_istable(L, 2) && lua_getfield(L, 2, "partial") != LUA_TNIL &&
               lua_toboolean(L, -1);
    lua_settop(L, 2);
    if (n == 0)
        return luaL_error(L, "merge: no partials (a list of partials "
                          "expected)");
    luaL_checkstack(L, (int)n + 8, "merge: too many partials");
    coda_partial **ps = lua_newuserdatauv(L, n * sizeof *ps, 0);
    int base = lua_gettop(L);
    for (size_t i = 1; i <= n; i++)
        ps[i - 1] = check_item(L, (int)i);
    for (size_t i = 2; i <= n; i++)
        same_making(L, base + 1, base + (int)i, (int)i);
    check_shards(L, base, (int)n);
    lua_pushvalue(L, base + 1);
    deep_copy(L, -1, 0);
    lua_pushnil(L), lua_setfield(L, -2, "shard");
    lua_remove(L, -2);
    coda_partial **out = new_partial(L);
    coda_error err;
    if (coda_partial_merge(ps, n, out, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return keep ? 1 : finish(L, lua_gettop(L));
}

static lpartial *check_partial(lua_State *L, int arg)
{
    lpartial *u = luaL_checkudata(L, arg, PARTIAL);
    if (!u->p)
        luaL_argerror(L, arg, "attempt to use a closed partial");
    return u;
}

/* tostring(p) -> 'Partial frequency of "x": 12 keys' */
static int p_tostring(lua_State *L)
{
    lpartial *u = luaL_checkudata(L, 1, PARTIAL);
    if (!u->p)
        return lua_pushliteral(L, "Partial (closed)"), 1;
    lua_getiuservalue(L, 1, 1);
    lua_getfield(L, -1, "verb");
    lua_getfield(L, -2, "columns");
    const char *cols = push_names(L, -1);
    lua_pushfstring(L, "Partial %s of %s: %I keys", lua_tostring(L, -3), cols,
                    (lua_Integer)u->p->keys->nrow);
    return 1;
}

static int p_gc(lua_State *L)
{
    lpartial *u = luaL_checkudata(L, 1, PARTIAL);
    coda_partial_free(u->p);
    u->p = NULL;
    return 0;
}

/* p:info() -> { verb, columns, options, shard, keys } */
static int p_info(lua_State *L)
{
    lpartial *u = check_partial(L, 1);
    lua_getiuservalue(L, 1, 1);
    deep_copy(L, -1, 0);
    lua_pushinteger(L, (lua_Integer)u->p->keys->nrow);
    lua_setfield(L, -2, "keys");
    return 1;
}

/* C-owned JSON that a Lua error must not leak. */
typedef struct doc_holder {
    json_t *doc;
} doc_holder;

static int doc_gc(lua_State *L)
{
    doc_holder *h = lua_touserdata(L, 1);
    json_decref(h->doc);
    h->doc = NULL;
    return 0;
}

static doc_holder *new_holder(lua_State *L)
{
    return lcoda_new_scratch(L, sizeof(doc_holder), "coda.PartialDoc", doc_gc);
}

/* p:write(path): the partial as JSON (coda.read_partial reads it back),
 * written atomically. */
static int p_write(lua_State *L)
{
    lpartial *u = check_partial(L, 1);
    const char *path = lcoda_check_path(L, 2);
    lua_getiuservalue(L, 1, 1);
    const char *text = json_text(L, -1);
    doc_holder *h = new_holder(L);
    h->doc = json_loads(text, 0, NULL);
    if (!h->doc)
        return luaL_error(L, "write: cannot encode the partial's options");
    coda_error err;
    if (coda_partial_write(u->p, h->doc, path, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    return 0;
}

/* Raise unless the info table on the stack top is what a partial of a
 * verb carries. */
static void check_info(lua_State *L, const char *path)
{
    static const char *const verbs[] = { "frequency", "crosstab", "summarise",
                                         NULL };
    int i = lua_gettop(L), ok = 1;
    lua_getfield(L, i, "verb");
    const char *verb = lua_tostring(L, -1);
    for (int v = 0; verbs[v] && verb; v++)
        ok = ok && strcmp(verb, verbs[v]) != 0;
    if (!verb || ok)
        luaL_error(L, "%s: not a partial coda wrote: no verb (frequency, "
                   "crosstab or summarise)", path);
    int sum = strcmp(verb, "summarise") == 0;
    if (lua_getfield(L, i, "columns") != LUA_TTABLE ||
        lua_getfield(L, i, "options") != LUA_TTABLE ||
        (sum && (lua_getfield(L, i, "summaries") != LUA_TTABLE ||
                 lua_getfield(L, i, "schema") != LUA_TTABLE)))
        luaL_error(L, "%s: not a partial coda wrote: no columns, options%s",
                   path, sum ? ", summaries or schema" : "");
    if (lua_getfield(L, i, "shard") != LUA_TNIL) { /* checked as given */
        lua_createtable(L, 0, 1);
        lua_createtable(L, 0, 1);
        lua_pushvalue(L, -3);
        lua_setfield(L, -2, "shard");
        lua_setfield(L, -2, "partial");
        lcoda_partial_wanted(L, lua_gettop(L), path);
    }
    lua_settop(L, i);
}

/* coda.read_partial(path) -> Partial: one that p:write wrote, as it was
 * (doubles bit for bit); a damaged or foreign file is an error naming it. */
static int l_read_partial(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    doc_holder *h = new_holder(L);
    coda_partial *p = NULL;
    coda_error err;
    if (coda_partial_read(path, &p, &h->doc, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    lua_pushnil(L);
    coda_partial **slot = new_partial(L);
    *slot = p;
    lcoda_push_json(L, h->doc, "read_partial");
    check_info(L, path);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

static const luaL_Reg meth[] = {
    { "info", p_info }, { "write", p_write }, { "close", p_gc },
    { NULL, NULL }
};

static const luaL_Reg metameth[] = {
    { "__tostring", p_tostring }, { "__gc", p_gc }, { "__close", p_gc },
    { NULL, NULL }
};

static const luaL_Reg funcs[] = {
    { "merge", l_merge }, { "read_partial", l_read_partial }, { NULL, NULL }
};

void lcoda_open_partial(lua_State *L)
{
    lcoda_new_type(L, PARTIAL, meth, metameth);
    luaL_setfuncs(L, funcs, 0);
}
