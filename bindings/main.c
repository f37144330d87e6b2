/* main.c - the coda executable: run a script, a command, or a prompt.
 *
 * Exit codes: 0 success; 1 an error in a script or its data; 2 a usage
 * error.  A script may also end with os.exit(n). */
#include "cli.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: coda [COMMAND] [ARGS...]\n"
    "\n"
    "  coda                        an interactive Lua prompt with coda loaded\n"
    "  coda run [OPTIONS] SCRIPT.lua [ARGS]\n"
    "                              run a script; arg[1..] hold ARGS\n"
    "      --max-memory SIZE       stop the script past SIZE bytes (K, M, G)\n"
    "      --timeout SECONDS       stop the script after SECONDS\n"
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

typedef struct run_opts {
    const char *max_memory_arg;
    size_t max_memory;
    double timeout;
    int script;         /* argv index of the script */
} run_opts;

/* Options of `coda run` before the script; 0 on a usage error. */
static int parse_run(int argc, char **argv, run_opts *o)
{
    int i = 2;
    memset(o, 0, sizeof *o);
    while (i < argc && argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2]) {
        const char *opt = argv[i];
        if (i + 1 >= argc) {
            coda_usage_error("missing value for", opt);
            return 0;
        }
        char *end;
        if (!strcmp(opt, "--max-memory")) {
            o->max_memory_arg = argv[i + 1];
            if (!coda_parse_size(argv[i + 1], &o->max_memory)) {
                coda_usage_error("--max-memory takes a size like 512M, not",
                                 argv[i + 1]);
                return 0;
            }
        } else if (!strcmp(opt, "--timeout")) {
            o->timeout = strtod(argv[i + 1], &end);
            if (*end || !(o->timeout >= 0.001 && o->timeout <= 1e7)) {
                coda_usage_error("--timeout takes seconds from 0.001 to "
                                 "10000000, not", argv[i + 1]);
                return 0;
            }
        } else {
            coda_usage_error("unknown option of run:", opt);
            return 0;
        }
        i += 2;
    }
    if (i >= argc) {
        coda_usage_error("run needs a script: coda run [OPTIONS] SCRIPT.lua "
                         "[ARGS...]", NULL);
        return 0;
    }
    o->script = i;
    return 1;
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
    run_opts ro = { NULL, 0, 0, 0 };
    int is_run = argc > 1 && !strcmp(argv[1], "run");
    if (is_run && !parse_run(argc, argv, &ro))
        return 2;
    lua_State *L = coda_new_state(ro.max_memory);
    if (!L) {
        fputs("coda: cannot create the Lua state (out of memory)\n", stderr);
        return 1;
    }
    coda_setup(L);
    coda_install_limits(L, ro.timeout);  /* the clock starts with the script */
    int rc;
    if (argc == 1)
        rc = coda_repl(L);
    else if (is_run)
        rc = coda_run_script(L, argv[ro.script], argc, argv, ro.script + 1);
    else
        rc = coda_command(L, argv[1], argc, argv);
    if (rc && coda_memory_exceeded())
        fprintf(stderr, "coda: the script reached its memory limit "
                        "(--max-memory %s)\n", ro.max_memory_arg);
    lua_close(L);
    return close_stdout() ? 1 : rc;
}
