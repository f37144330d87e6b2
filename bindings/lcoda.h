/* lcoda.h - what the binding files share: the Dataset userdata and the
 * conversion of core errors into Lua errors.  Internal to bindings/. */
#ifndef CODA_LCODA_H
#define CODA_LCODA_H

#include "../runtime/error.h"
#include "../runtime/table.h"

#include <lua.h>

#define CODA_DATASET "coda.Dataset"

/* Push a new, still empty Dataset userdata and return its table slot: the
 * caller builds the table straight into it, so a Lua error raised later
 * cannot leak the table (the userdata's finalizer frees it). */
coda_table **lcoda_new_dataset(lua_State *L);

/* The table of the Dataset at index arg; raises a Lua argument error when it
 * is not one, or when it was closed. */
coda_table *lcoda_check_dataset(lua_State *L, int arg);

/* Raise err as a Lua error prefixed with the calling script's position:
 * "script.lua:7: data.csv:3: expected 3 fields ...". Does not return. */
int lcoda_raise(lua_State *L, const coda_error *err);

/* The column index named (string) or numbered (1-based integer) by the value
 * at arg; raises an argument error naming the column when there is none. */
size_t lcoda_check_column(lua_State *L, const coda_table *t, int arg);

/* Push row r, column c as a Lua value (missing: nil; multi: array). */
void lcoda_push_value(lua_State *L, const coda_column *col, size_t r);

/* Register the Dataset metatable (ldataset.c). */
void lcoda_open_dataset(lua_State *L);

/* The coda module opener (lcoda.c), also the entry point of coda.so. */
int luaopen_coda(lua_State *L);

#endif
