/* cli.h - the pieces of the coda executable (cli.c, repl.c, main.c). */
#ifndef CODA_CLI_H
#define CODA_CLI_H

#include <lua.h>

/* Open the standard libraries, preload "coda", point package.path at the
 * scripts folder (also kept as package.coda_scripts). */
void coda_setup(lua_State *L);

/* Call the function below nargs arguments with a traceback handler. */
int coda_docall(lua_State *L, int nargs, int nres);

/* Print the error on the stack top as "coda: message" when status is not
 * LUA_OK; returns status. */
int coda_report(lua_State *L, int status);

/* Run the script at path with arg = argv[first-1 ..] ; returns the exit
 * code (0 or 1). */
int coda_run_script(lua_State *L, const char *path, int argc, char **argv,
                    int first);

/* Run command name (scripts/cmd/NAME.lua) with argv[2..]; exit code. */
int coda_command(lua_State *L, const char *name, int argc, char **argv);

/* The interactive prompt; exit code. */
int coda_repl(lua_State *L);

/* Line editing of the prompt (repl_edit.c): open it with the prompt
 * session at stack index session (its complete method gives the tab
 * completions); read one line into a string on the stack (0 at end of
 * input); remember an input in the history file ($HOME/.coda_history);
 * close. */
void coda_edit_open(lua_State *L, int session);
int coda_edit_line(lua_State *L, const char *prompt);
void coda_edit_remember(const char *input);
void coda_edit_close(void);

/* A Lua state whose allocations, and the coda core's, count against
 * max_bytes (0: no limit) (limits.c). */
lua_State *coda_new_state(size_t max_bytes);

/* 1 once an allocation was refused for the --max-memory budget. */
int coda_memory_exceeded(void);

/* Install interrupt handlers that remove half-written outputs, and a
 * wall-clock limit of timeout seconds (0: none) for the script in L. */
void coda_install_limits(lua_State *L, double timeout);

/* Parse "512M", "2G", "100k", "123456" into bytes; 0 when malformed. */
int coda_parse_size(const char *s, size_t *out);

/* Print "coda: WHAT ARG" (arg may be NULL) and a hint to stderr; returns 2. */
int coda_usage_error(const char *what, const char *arg);

#endif
