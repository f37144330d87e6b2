/* lspeakers.c - the speaker options of cb:code (speakers,
 * exclude_speakers: Lua patterns or arrays of names; speakers_regex,
 * exclude_speakers_regex: PCRE2): which units to code, matched on whole
 * names in any case through coda_speakers (coder.h), with the warnings of
 * filters that name nobody. */
#include "lcoda.h"

#include "../runtime/coder.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

static int speakers_gc(lua_State *L)
{
    coda_speakers_free(luaL_checkudata(L, 1, "coda.Speakers"));
    return 0;
}

/* The corpus's speakers as a userdata freed when collected, so that a
 * Lua error while choosing them leaks nothing; quiet: units without a
 * speaker are no error (they are left out or kept as the filters say). */
static coda_speakers *new_speakers(lua_State *L, const coda_table *t,
                                   int quiet)
{
    coda_speakers *sp = lcoda_new_scratch(L, sizeof *sp, "coda.Speakers",
                                          speakers_gc);
    coda_error err;
    coda_status st = coda_speakers_init(sp, t, &err);
    if (st != CODA_OK && !(quiet && st == CODA_EARG))
        lcoda_raise(L, &err);
    return sp;
}

/* Push s[0..len) with its ASCII letters lowered. */
static void push_lower(lua_State *L, const char *s, size_t len)
{
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, len);
    for (size_t i = 0; i < len; i++)
        p[i] = (char)tolower((unsigned char)s[i]);
    luaL_pushresultsize(&b, len);
}

/* Push Lua pattern pat anchored at both ends ("^pat$"); lower: with its
 * ASCII letters lowered, except those of a %-class (%A is not %a). */
static void push_whole_pattern(lua_State *L, const char *pat, size_t len,
                               int lower)
{
    luaL_Buffer b;
    size_t pct = 0;                     /* the run of '%' just before i */
    luaL_buffinit(L, &b);
    if (pat[0] != '^')
        luaL_addchar(&b, '^');
    for (size_t i = 0; i < len; i++) {
        int keep = !lower || pct % 2 == 1;
        luaL_addchar(&b, keep ? pat[i] : (char)tolower((unsigned char)pat[i]));
        pct = pat[i] == '%' ? pct + 1 : 0;
    }
    size_t before = 0;                  /* the '%'s before a final '$' */
    while (before + 1 < len && pat[len - 2 - before] == '%')
        before++;
    if (len == 0 || pat[len - 1] != '$' || before % 2 == 1)
        luaL_addchar(&b, '$');
    luaL_pushresult(&b);
}

/* 1 when string.find(name, the pattern at pi) finds something. */
static int lua_finds(lua_State *L, const char *name, size_t len, int lower,
                     int pi)
{
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "find");
    if (lower)
        push_lower(L, name, len);
    else
        lua_pushlstring(L, name, len);
    lua_pushvalue(L, pi);
    lcoda_call_holding(L, 2, 2, 1);     /* string.find may be anyone's */
    int found = !lua_isnil(L, -1);
    lua_pop(L, 2);                      /* its first result, string */
    return found;
}

/* try_pattern(corpus, pat): string.find("", pat) with the corpus held
 * open, to raise the error of a malformed pattern. */
static int try_pattern(lua_State *L)
{
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "find");
    lua_pushliteral(L, "");
    lua_pushvalue(L, 2);
    lcoda_call_holding(L, 1, 2, 0);
    return 0;
}

/* Raise "code: option KEY: malformed pattern ..." for a Lua pattern at
 * idx that string.find refuses, or that ends in a lone '%' (anchored, it
 * would read as "%$"). */
static void check_lua_pattern(lua_State *L, int idx, const char *key)
{
    size_t len, pct = 0;
    const char *pat = lua_tolstring(L, idx, &len);
    lua_pushcfunction(L, try_pattern);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK)
        luaL_error(L, "code: option %s: %s", key, lua_tostring(L, -1));
    while (pct < len && pat[len - 1 - pct] == '%')
        pct++;
    if (pct % 2)
        luaL_error(L, "code: option %s: malformed pattern (ends with '%%')",
                   key);
}

/* Set hit[k] for each speaker whose whole name Lua pattern pat (at idx)
 * matches as written or with ASCII letters lowered in both (%u still
 * finds capitals); warn when it matches none. */
static void pick_lua_pattern(lua_State *L, int idx, const char *key,
                             coda_speakers *sp, uint8_t *hit, coda_warnings *w)
{
    size_t len, n = 0;
    const char *pat = lua_tolstring(L, idx, &len);
    check_lua_pattern(L, idx, key);
    push_whole_pattern(L, pat, len, 0);
    push_whole_pattern(L, pat, len, 1);
    int pi = lua_gettop(L) - 1;
    for (size_t k = 0; k < coda_speakers_count(sp); k++) {
        size_t nl;
        const char *name = coda_speakers_name(sp, k, &nl);
        int in = name && (lua_finds(L, name, nl, 0, pi) ||
                          lua_finds(L, name, nl, 1, pi + 1));
        hit[k] |= in;
        n += in;
    }
    lua_pop(L, 2);
    if (n == 0 && coda_speakers_hint(sp, pat, w) != CODA_OK)
        luaL_error(L, "out of memory");
}

/* Set hit[k] for each speaker named in the array at idx. */
static void pick_names(lua_State *L, int idx, const char *key,
                       coda_speakers *sp, uint8_t *hit, coda_warnings *w)
{
    idx = lua_absindex(L, idx);
    lua_Integer n = (lua_Integer)lcoda_plain_len(L, idx, "code",
                                    lua_pushfstring(L, "option %s", key));
    lua_pop(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        size_t len;
        const char *name = lua_geti(L, idx, i) == LUA_TSTRING
                           ? lua_tolstring(L, -1, &len) : NULL;
        if (!name || strlen(name) != len)
            luaL_error(L, "code: option %s must be a Lua pattern or an array "
                       "of names (strings without a NUL byte)", key);
        coda_error err;
        if (coda_speakers_pick(sp, name, 1, hit, w, &err) != CODA_OK)
            lcoda_raise(L, &err);
        lua_pop(L, 1);
    }
}

static const char *const speaker_keys[] = {
    "speakers", "exclude_speakers", "speakers_regex", "exclude_speakers_regex"
};

/* Mark in skip the units the speaker option k (its value at idx) leaves
 * out; returns the units still in. */
static size_t speaker_option(lua_State *L, int k, int idx, coda_speakers *sp,
                             uint8_t *skip, coda_warnings *w)
{
    size_t n = coda_speakers_count(sp);
    uint8_t *hit = lua_newuserdatauv(L, n ? n : 1, 0);
    memset(hit, 0, n ? n : 1);
    coda_error err;
    if (k >= 2 && strlen(lua_tostring(L, idx)) != lua_rawlen(L, idx))
        luaL_error(L, "code: option %s holds a NUL byte", speaker_keys[k]);
    if (k < 2 && lua_istable(L, idx))
        pick_names(L, idx, speaker_keys[k], sp, hit, w);
    else if (k < 2)
        pick_lua_pattern(L, idx, speaker_keys[k], sp, hit, w);
    else if (coda_speakers_pick(sp, lua_tostring(L, idx), 0, hit, w,
                                &err) != CODA_OK)
        lcoda_raise(L, &err);
    size_t left = coda_speakers_mark(sp, hit, k % 2 == 0, skip);
    lua_pop(L, 1);
    return left;
}

/* Raise "no unit is left to code", with the warnings that say why. */
static int nothing_left(lua_State *L, const coda_warnings *w)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "code: the speaker filters leave no unit to code");
    for (size_t i = 0; i < w->n; i++) {
        luaL_addstring(&b, i ? "; " : ": ");
        luaL_addstring(&b, w->msg[i]);
    }
    luaL_pushresult(&b);
    return luaL_error(L, "%s", lua_tostring(L, -1));
}

/* The options of speaker_keys present in the options at o, checked: a bit
 * each. */
static int speaker_keys_present(lua_State *L, int o)
{
    int present = 0;
    for (int k = 0; k < 4; k++) {
        int type = lua_getfield(L, o, speaker_keys[k]);
        if (type != LUA_TNIL && type != LUA_TSTRING && (k >= 2 ||
                                                      type != LUA_TTABLE))
            luaL_error(L, "code: option %s must be %s", speaker_keys[k],
                       k < 2 ? "a Lua pattern or an array of names"
                             : "a PCRE2 pattern (a string)");
        present |= (type != LUA_TNIL) << k;
        lua_pop(L, 1);
    }
    return present;
}

/* The skip mask of the speaker options present (bits of speaker_keys) in
 * the options at o for t; quiet: no error when no unit is left or none
 * has a speaker (the warnings still go to w). */
static uint8_t *mask(lua_State *L, int o, int present, const coda_table *t,
                     coda_warnings *w, int quiet)
{
    coda_speakers *sp = new_speakers(L, t, quiet);
    uint8_t *skip = lua_newuserdatauv(L, t->nrow, 0);
    memset(skip, 0, t->nrow);
    size_t left = t->nrow;
    for (int k = 0; k < 4; k++) {
        if (!(present >> k & 1))
            continue;
        lua_getfield(L, o, speaker_keys[k]);
        left = speaker_option(L, k, lua_gettop(L), sp, skip, w);
        lua_pop(L, 1);
    }
    if (left == 0 && (present & 5) && !quiet)   /* an include filter */
        nothing_left(L, w);
    return skip;
}

/* The tally of the speakers the filters are checked against (option
 * speakers_of: coda.tally_speakers of the whole corpus), or NULL; a share
 * of it left on the stack, which a Lua pattern's call cannot close. */
static const coda_table *speakers_of(lua_State *L, int o)
{
    if (lua_getfield(L, o, "speakers_of") == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    if (!luaL_testudata(L, -1, CODA_DATASET))
        luaL_error(L, "code: option speakers_of must be a Dataset with a "
                   "speaker column (coda.tally_speakers)");
    coda_table *of = lcoda_check_dataset(L, lua_gettop(L));
    coda_table **held = lcoda_new_dataset(L);
    if (coda_table_share(of, held) != CODA_OK)
        luaL_error(L, "out of memory");
    return *held;
}

const uint8_t *lcoda_speaker_mask(lua_State *L, int o, const coda_table *t,
                                  coda_warnings *w)
{
    int present = speaker_keys_present(L, o);
    if (!present)
        return NULL;
    const coda_table *of = speakers_of(L, o);
    if (of && of->nrow)                 /* its warnings and errors */
        mask(L, o, present, of, w, 0);
    if (t->nrow == 0 || (of && of->nrow == 0))
        return NULL;
    return mask(L, o, present, t, of ? lcoda_new_warnings(L) : w, of != NULL);
}
