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

/* Read a line into the string on the stack; 0 at end of input. */
static int read_line(lua_State *L, const char *prompt)
{
    char buf[4096];
    if (isatty(STDIN_FILENO)) {
        fputs(prompt, stdout);
        fflush(stdout);
    }
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

/* Compile the line on the stack as "return LINE", else as a statement,
 * reading more lines while the statement is incomplete.  Leaves the chunk
 * (or the error message) on the stack and returns the load status. */
static int load_input(lua_State *L)
{
    const char *line = lua_tostring(L, -1);
    const char *ret = lua_pushfstring(L, "return %s", line);
    if (luaL_loadbuffer(L, ret, strlen(ret), "=stdin") == LUA_OK) {
        lua_remove(L, -2);
        lua_remove(L, -2);
        return LUA_OK;
    }
    lua_pop(L, 2);
    for (;;) {
        size_t len;
        const char *code = lua_tolstring(L, -1, &len);
        int status = luaL_loadbuffer(L, code, len, "=stdin");
        const char *msg = status == LUA_ERRSYNTAX ? lua_tostring(L, -1) : NULL;
        size_t ml = msg ? strlen(msg) : 0;
        if (!msg || ml < 5 || strcmp(msg + ml - 5, "<eof>") != 0) {
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

int coda_repl(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "coda");
    if (coda_report(L, coda_docall(L, 1, 1)) != LUA_OK)
        return 1;
    lua_setglobal(L, "coda");
    if (isatty(STDIN_FILENO))
        printf("coda %s (%s); the module is loaded as 'coda'. "
               "Ctrl-D to leave.\n", CODA_VERSION, LUA_RELEASE);
    int failed = 0;
    while (read_line(L, "> ")) {
        int base = lua_gettop(L) - 1;
        int status = load_input(L);
        if (status == LUA_OK)
            status = coda_docall(L, 0, LUA_MULTRET);
        if (status == LUA_OK)
            print_results(L, lua_gettop(L) - base);
        else
            coda_report(L, status);
        failed |= status != LUA_OK;
        lua_settop(L, base);
    }
    if (isatty(STDIN_FILENO)) {
        putchar('\n');
        return 0;
    }
    return failed; /* piped input: an error is a failure, as in a script */
}
