/* main.c - the coda executable: run a script, a command, or a prompt.
 *
 * Exit codes: 0 success; 1 an error in a script or its data; 2 a usage
 * error.  A script may also end with os.exit(n). */
#include "cli.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: coda [COMMAND] [ARGS...]\n"
    "\n"
    "  coda                        an interactive Lua prompt with coda loaded\n"
    "  coda run SCRIPT.lua [ARGS]  run a script; arg[1..] hold ARGS\n"
    "  coda COMMAND [ARGS]         run one of coda's commands (see docs/)\n"
    "  coda --help                 this text\n"
    "  coda --version              the version\n"
    "\n"
    "Exit status: 0 success, 1 an error in a script or its data, 2 a usage\n"
    "error.  Documentation: docs/README.md\n";

int coda_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "coda: %s%s%s\nrun 'coda --help' for usage\n", what,
            arg ? " " : "", arg ? arg : "");
    return 2;
}


/* Flush standard output and report a failure to write it (a full disk, a
 * closed pipe): output the user asked for must not vanish silently. */
static int close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fputs("coda: error writing output\n", stderr);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage_text, stdout);
        return close_stdout();
    }
    if (argc > 1 && !strcmp(argv[1], "--version")) {
        printf("coda %s (%s)\n", CODA_VERSION, LUA_RELEASE);
        return close_stdout();
    }
    if (argc > 1 && argv[1][0] == '-' && argv[1][1])
        return coda_usage_error("unknown option", argv[1]);
    lua_State *L = luaL_newstate();
    if (!L) {
        fputs("coda: cannot create the Lua state (out of memory)\n", stderr);
        return 1;
    }
    coda_setup(L);
    int rc;
    if (argc == 1)
        rc = coda_repl(L);
    else if (!strcmp(argv[1], "run"))
        rc = argc < 3 ? coda_usage_error("run needs a script: coda run "
                                          "SCRIPT.lua [ARGS...]", NULL)
                      : coda_run_script(L, argv[2], argc, argv, 3);
    else
        rc = coda_command(L, argv[1], argc, argv);
    lua_close(L);
    return close_stdout() ? 1 : rc;
}
