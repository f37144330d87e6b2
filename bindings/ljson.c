/* ljson.c - coda.json_encode(value): a Lua value as JSON text, through
 * jansson, with object keys sorted and two-space indentation, so that the
 * same value always gives the same bytes. */
#include "lcoda.h"

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
