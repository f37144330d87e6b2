/* cli.c - what the coda executable does besides parsing its arguments:
 * setting up Lua, running scripts and commands, the interactive prompt. */
#include "cli.h"

#include "lcoda.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CODA_SCRIPTS_DIR
#define CODA_SCRIPTS_DIR "/usr/local/share/coda/scripts"
#endif

/* The message handler: the error with a traceback. */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)",
                              luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int coda_report(lua_State *L, int status)
{
    if (status != LUA_OK) {
        fprintf(stderr, "coda: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return status;
}

int coda_docall(lua_State *L, int nargs, int nres)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nres, base);
    lua_remove(L, base);
    return status;
}

/* The folder of Lua scripts: scripts/ beside the executable, else the
 * installed one. */
static void scripts_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat sb;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int n2 = snprintf(out, size, "%s/scripts", exe);
            if (n2 > 0 && (size_t)n2 < size && stat(out, &sb) == 0 &&
                S_ISDIR(sb.st_mode))
                return;
        }
    }
    snprintf(out, size, "%s", CODA_SCRIPTS_DIR);
}

void coda_setup(lua_State *L)
{
    char dir[PATH_MAX];
    luaL_openlibs(L);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_coda);
    lua_setfield(L, -2, "coda");
    lua_pop(L, 1);
    scripts_dir(dir, sizeof dir);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;%s", dir, dir,
                    lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 1);
    lua_pushstring(L, dir);
    lua_setfield(L, -2, "coda_scripts"); /* package.coda_scripts */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {                        /* package.coda_exe: this program */
        exe[n] = '\0';
        lua_pushstring(L, exe);
        lua_setfield(L, -2, "coda_exe");
    }
    lua_pop(L, 1);
}

/* arg = { [0] = script, ARGS... }; ARGS also pushed as the chunk's ... */
static int push_args(lua_State *L, int argc, char **argv, int first)
{
    lua_createtable(L, argc - first, 1);
    for (int i = first - 1; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - first + 1);
    }
    lua_setglobal(L, "arg");
    luaL_checkstack(L, argc - first + LUA_MINSTACK, "too many arguments");
    for (int i = first; i < argc; i++)
        lua_pushstring(L, argv[i]);
    return argc - first;
}

int coda_run_script(lua_State *L, const char *path, int argc, char **argv,
                      int first)
{
    if (luaL_loadfile(L, path) != LUA_OK)
        return coda_report(L, LUA_ERRFILE) ? 1 : 0;
    int n = push_args(L, argc, argv, first);
    return coda_report(L, coda_docall(L, n, 0)) != LUA_OK;
}

