/* ljson.c - coda.json_encode(value): a Lua value as JSON text, through
 * jansson, with object keys sorted and two-space indentation, so that the
 * same value always gives the same bytes; coda.json_decode(text) and
 * coda.read_json(path): back. */
#include "lcoda.h"

#include "../runtime/base_alloc.h"
#include "../runtime/base_inputs.h"

#include <jansson.h>
#include <lauxlib.h>
#include <math.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct json_holder {
    json_t *root;
} json_holder;

static int holder_gc(lua_State *L)
{
    json_holder *h = luaL_checkudata(L, 1, "coda.JsonHolder");
    json_decref(h->root);
    h->root = NULL;
    return 0;
}

static json_t *encode(lua_State *L, int idx, int depth, json_t *owner);

/* 1 when the table at idx is a sequence 1..n with n > 0 and no other key */
static int is_array(lua_State *L, int idx, size_t *n)
{
    *n = (size_t)lua_rawlen(L, idx);
    size_t keys = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        keys++;
        lua_pop(L, 1);
    }
    return *n > 0 && keys == *n;
}

/* v, or an error saying what when it is NULL */
static json_t *checked(lua_State *L, json_t *v, const char *what)
{
    if (!v)
        luaL_error(L, "json_encode: %s", what);
    return v;
}

static json_t *encode_table(lua_State *L, int idx, int depth, json_t *owner)
{
    size_t n;
    if (depth > MAX_DEPTH)
        luaL_error(L, "json_encode: tables nested deeper than %d (a cycle?)",
                   MAX_DEPTH);
    luaL_checkstack(L, 4, "json_encode: tables nested too deep");
    if (is_array(L, idx, &n)) {
        json_t *a = checked(L, json_array(), "out of memory");
        json_array_append_new(owner, a);
        for (size_t i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, (lua_Integer)i);
            json_array_append_new(a, encode(L, lua_gettop(L), depth + 1, owner));
            lua_pop(L, 1);
        }
        return json_incref(a);
    }
    json_t *o = checked(L, json_object(), "out of memory");
    json_array_append_new(owner, o);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "json_encode: a key that is not a string (%s)",
                       luaL_typename(L, -2));
        size_t len;
        const char *k = lua_tolstring(L, -2, &len);
        if (strlen(k) != len)
            luaL_error(L, "json_encode: a key with a NUL byte");
        json_t *v = encode(L, lua_gettop(L), depth + 1, owner);
        if (json_object_set_new(o, k, v) != 0)
            luaL_error(L, "json_encode: key \"%s\" is not UTF-8", k);
        lua_pop(L, 1);
    }
    return json_incref(o);
}

/* The JSON of the value at idx (a new reference, also kept alive through
 * owner so that an error raised half-way frees everything made). */
static json_t *encode(lua_State *L, int idx, int depth, json_t *owner)
{
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return json_null();
    case LUA_TBOOLEAN:
        return json_boolean(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            return checked(L, json_integer(lua_tointeger(L, idx)),
                           "out of memory");
        if (!isfinite(lua_tonumber(L, idx)))
            luaL_error(L, "json_encode: %s has no JSON form",
                       lua_tostring(L, idx));
        return checked(L, json_real(lua_tonumber(L, idx)), "out of memory");
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        return checked(L, json_stringn(s, len), "a string that is not UTF-8");
    }
    case LUA_TTABLE:
        return encode_table(L, lua_absindex(L, idx), depth, owner);
    default:
        return luaL_error(L, "json_encode: a %s has no JSON form",
                          luaL_typename(L, idx)), NULL;
    }
}

/* coda.json_encode(value) -> text */
int lcoda_json_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    json_holder *h = lcoda_new_scratch(L, sizeof *h, "coda.JsonHolder",
                                       holder_gc);
    h->root = json_array();         /* owns every value made */
    if (!h->root)
        return luaL_error(L, "json_encode: out of memory");
    json_t *v = encode(L, 1, 0, h->root);
    char *text = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS |
                               JSON_ENCODE_ANY);
    json_decref(v);
    if (!text)
        return luaL_error(L, "json_encode: out of memory");
    lua_pushstring(L, text);
    free(text);
    return 1;
}

static void push_json(lua_State *L, json_t *v, const char *fn, int depth);

static void push_container(lua_State *L, json_t *v, const char *fn,
                           int depth)
{
    if (depth > MAX_DEPTH)
        luaL_error(L, "%s: nested deeper than %d", fn, MAX_DEPTH);
    if (!lua_checkstack(L, 4))
        luaL_error(L, "%s: nested too deep", fn);
    if (json_is_array(v)) {
        lua_createtable(L, (int)json_array_size(v), 0);
        for (size_t i = 0; i < json_array_size(v); i++) {
            push_json(L, json_array_get(v, i), fn, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return;
    }
    const char *k;
    json_t *e;
    lua_createtable(L, 0, (int)json_object_size(v));
    json_object_foreach(v, k, e) {
        push_json(L, e, fn, depth + 1);
        lua_setfield(L, -2, k);
    }
}

/* v as a Lua value: null is nil, an integer an integer; fn names the
 * function in an error */
static void push_json(lua_State *L, json_t *v, const char *fn, int depth)
{
    switch (json_typeof(v)) {
    case JSON_NULL:    lua_pushnil(L); break;
    case JSON_TRUE:    lua_pushboolean(L, 1); break;
    case JSON_FALSE:   lua_pushboolean(L, 0); break;
    case JSON_INTEGER: lua_pushinteger(L, json_integer_value(v)); break;
    case JSON_REAL:    lua_pushnumber(L, json_real_value(v)); break;
    case JSON_STRING:
        lua_pushlstring(L, json_string_value(v), json_string_length(v));
        break;
    default:           push_container(L, v, fn, depth);
    }
}

void lcoda_push_json(lua_State *L, struct json_t *v, const char *fn)
{
    push_json(L, v, fn, 0);
}

/* A holder (on the stack) of the JSON text[0..len), named name in an
 * error; *e receives jansson's error when its root is NULL. */
static json_holder *load(lua_State *L, const char *text, size_t len,
                         json_error_t *e)
{
    json_holder *h = lcoda_new_scratch(L, sizeof *h, "coda.JsonHolder",
                                       holder_gc);
    h->root = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES
                                    | JSON_ALLOW_NUL, e);
    return h;
}

/* Push the value h holds, or raise e naming name, line and column. */
static int push_loaded(lua_State *L, const json_holder *h,
                       const json_error_t *e, const char *name)
{
    if (!h->root)
        return luaL_error(L, "%s:%d:%d: %s", name, e->line, e->column,
                          e->text);
    push_json(L, h->root, "json_decode", 0);
    return 1;
}

/* coda.json_decode(text [, name]) -> value; an error names name (or
 * "JSON text"), the line and column, and what jansson found wrong */
int lcoda_json_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "JSON text");
    json_error_t e;
    return push_loaded(L, load(L, text, len, &e), &e, name);
}

/* coda.read_json(path) -> value: the JSON file at path, noted as an input
 * (no output of the run replaces it); errors name the file */
int lcoda_read_json(lua_State *L)
{
    const char *path = lcoda_check_path(L, 1);
    char *text;
    size_t len;
    coda_error err;
    if (coda_read_file(path, CODA_STREAM_MAX, &text, &len, &err) != CODA_OK)
        return lcoda_raise(L, &err);
    json_error_t e;
    json_holder *h = load(L, text, len, &e);    /* raises only on memory */
    coda_free(text);
    return push_loaded(L, h, &e, path);
}
