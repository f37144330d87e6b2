/* repl_edit.c - line editing of the interactive prompt through libedit:
 * the keys, the history kept in ~/.coda_history and tab completion, which
 * asks the prompt session (scripts/lib/prompt.lua) for its candidates. */
#include "cli.h"

#include <editline/readline.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HISTORY_LINES = 1000 };

/* The readline interface keeps its callbacks without a context pointer, so
 * the state they need lives here, for the one prompt a process runs. */
static lua_State *edit_L;
static int edit_session = LUA_NOREF;   /* registry reference */
static char history_path[4096];
static int history_warned;

/* $HOME/.coda_history, or "" when HOME is unset or too long. */
static void find_history_path(void)
{
    const char *home = getenv("HOME");
    int n = home && *home ? snprintf(history_path, sizeof history_path,
                                     "%s/.coda_history", home) : -1;
    if (n < 0 || (size_t)n >= sizeof history_path)
        history_path[0] = '\0';
}

/* The candidates of session:complete(line, text) as a NULL-terminated
 * array of malloc'd strings, or NULL when there are none or it failed. */
static char **candidates(const char *text)
{
    lua_State *L = edit_L;
    int top = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, edit_session);
    lua_getfield(L, -1, "complete");
    lua_insert(L, -2);
    lua_pushlstring(L, rl_line_buffer, (size_t)rl_point);
    lua_pushstring(L, text);
    char **out = NULL;
    if (lua_pcall(L, 3, 1, 0) == LUA_OK && lua_istable(L, -1)) {
        lua_Integer n = luaL_len(L, -1);
        out = n > 0 ? calloc((size_t)n + 1, sizeof *out) : NULL;
        for (lua_Integer i = 0; out && i < n; i++) {
            lua_geti(L, -1, i + 1);
            const char *s = lua_tostring(L, -1);
            out[i] = strdup(s ? s : "");
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top);
    return out;
}

static char **found;
static size_t found_next;

/* The generator rl_completion_matches calls: one candidate a call. */
static char *next_candidate(const char *text, int state)
{
    if (state == 0) {
        free(found);
        found = candidates(text);
        found_next = 0;
    }
    return found && found[found_next] ? found[found_next++] : NULL;
}

static char **complete(const char *text, int start, int end)
{
    rl_attempted_completion_over = 1; /* no file names when nothing fits */
    return rl_completion_matches(text, next_candidate);
}

void coda_edit_open(lua_State *L, int session)
{
    edit_L = L;
    lua_pushvalue(L, session);
    edit_session = luaL_ref(L, LUA_REGISTRYINDEX);
    rl_readline_name = "coda";
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,+-*/%^#~[]}";
    rl_attempted_completion_function = complete;
    rl_completion_append_character = '\0';
    rl_initialize();
    stifle_history(HISTORY_LINES);
    find_history_path();
    if (history_path[0])
        read_history(history_path); /* none yet is no error */
}

/* Read a line with editing into a string on the stack; 0 at end of input
 * (Ctrl-D on an empty line). */
int coda_edit_line(lua_State *L, const char *prompt)
{
    char *line = readline(prompt);
    if (!line)
        return 0;
    lua_pushstring(L, line);
    free(line);
    return 1;
}

/* Add a whole input (its lines joined) to the history and save it; a file
 * that cannot be written is said once, then the prompt goes on. */
void coda_edit_remember(const char *input)
{
    if (strspn(input, " \t\n") == strlen(input))
        return;
    add_history(input);
    if (!history_path[0])
        return;
    int e = write_history(history_path);
    if (e != 0 && !history_warned) {
        history_warned = 1;
        fprintf(stderr, "coda: warning: cannot save the history in %s (%s); "
                "it lasts this session only\n", history_path,
                strerror(e > 0 ? e : errno));
    }
}

void coda_edit_close(void)
{
    free(found);
    found = NULL;
    if (edit_L)
        luaL_unref(edit_L, LUA_REGISTRYINDEX, edit_session);
    edit_L = NULL;
}
