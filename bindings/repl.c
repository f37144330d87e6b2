/* repl.c - coda's commands (Lua scripts under scripts/cmd/) and the
 * interactive prompt. */
#include "cli.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int coda_command(lua_State *L, const char *name, int argc, char **argv)
{
    if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name))
        return coda_usage_error("unknown command", name);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "coda_scripts");
    const char *path = lua_pushfstring(L, "%s/cmd/%s.lua", lua_tostring(L, -1),
                                       name);
    if (access(path, R_OK) != 0) {
        lua_pop(L, 3);
        return coda_usage_error("unknown command", name);
    }
    int rc = coda_run_script(L, path, argc, argv, 2);
    lua_pop(L, 3);
    return rc;
}

/* The prompt reads with line editing when a person types at it, and
 * plain lines otherwise (a script piped in). */
static int interactive;

/* Read a line into the string on the stack; 0 at end of input. */
static int read_line(lua_State *L, const char *prompt)
{
    if (interactive)
        return coda_edit_line(L, prompt);
    char buf[4096];
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int got = 0;
    while (fgets(buf, sizeof buf, stdin)) {
        got = 1;
        size_t n = strlen(buf);
        int end = n > 0 && buf[n - 1] == '\n';
        luaL_addlstring(&b, buf, end ? n - 1 : n);
        if (end)
            break;
    }
    luaL_pushresult(&b);
    if (!got)
        lua_pop(L, 1);
    return got;
}

/* session:load(code) for the input on the stack top: pushes the chunk
 * or the error message; returns the load status. */
static int load_chunk(lua_State *L, int session)
{
    lua_getfield(L, session, "load");
    lua_pushvalue(L, session);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 2);
    if (!lua_isnil(L, -2)) {
        lua_pop(L, 1);
        return LUA_OK;
    }
    lua_remove(L, -2);
    return LUA_ERRSYNTAX;
}

/* Compile the input on the stack (as an expression, else as statements),
 * reading more lines while it is unfinished.  Replaces the input with the
 * chunk (or the error message) and returns the load status. */
static int load_input(lua_State *L, int session)
{
    for (;;) {
        int status = load_chunk(L, session);
        const char *msg = status == LUA_ERRSYNTAX ? lua_tostring(L, -1) : NULL;
        size_t ml = msg ? strlen(msg) : 0;
        if (!msg || ml < 5 || strcmp(msg + ml - 5, "<eof>") != 0) {
            if (interactive)
                coda_edit_remember(lua_tostring(L, -2));
            lua_remove(L, -2);
            return status;
        }
        lua_pop(L, 1);
        if (!read_line(L, ">> ")) {
            lua_pop(L, 1);
            lua_pushliteral(L, "stdin: unfinished statement at end of input");
            return LUA_ERRSYNTAX;
        }
        lua_pushliteral(L, "\n");
        lua_insert(L, -2);
        lua_concat(L, 3);
    }
}

static void print_results(lua_State *L, int n)
{
    if (n == 0)
        return;
    lua_getglobal(L, "print");
    lua_insert(L, -n - 1);
    if (lua_pcall(L, n, 0, 0) != LUA_OK)
        coda_report(L, LUA_ERRRUN);
}

/* require(name) into global name (coda) or onto the stack (the session);
 * 0 after reporting a failure. */
static int load_module(lua_State *L, const char *name)
{
    lua_getglobal(L, "require");
    lua_pushstring(L, name);
    return coda_report(L, coda_docall(L, 1, 1)) == LUA_OK;
}

/* Push a new prompt session (scripts/lib/prompt.lua); 0 on failure. */
static int new_session(lua_State *L)
{
    if (!load_module(L, "lib.prompt"))
        return 0;
    lua_getfield(L, -1, "new");
    lua_remove(L, -2);
    return coda_report(L, coda_docall(L, 0, 1)) == LUA_OK;
}

static int run_loop(lua_State *L, int session)
{
    int failed = 0;
    while (read_line(L, "> ")) {
        int base = lua_gettop(L) - 1;
        int status = load_input(L, session);
        if (status == LUA_OK)
            status = coda_docall(L, 0, LUA_MULTRET);
        if (status == LUA_OK)
            print_results(L, lua_gettop(L) - base);
        else
            coda_report(L, status);
        failed |= status != LUA_OK;
        lua_settop(L, base);
    }
    return failed;
}

int coda_repl(lua_State *L)
{
    if (!load_module(L, "coda"))
        return 1;
    lua_setglobal(L, "coda");
    if (!new_session(L))
        return 1;
    int session = lua_gettop(L);
    interactive = isatty(STDIN_FILENO);
    if (interactive) {
        printf("coda %s (%s); the module is loaded as 'coda'. "
               "Tab completes, Ctrl-D leaves.\n", CODA_VERSION, LUA_RELEASE);
        fflush(stdout);
        coda_edit_open(L, session);
    }
    int failed = run_loop(L, session);
    if (interactive) {
        coda_edit_close();
        putchar('\n');
        return 0;
    }
    return failed; /* piped input: an error is a failure, as in a script */
}
