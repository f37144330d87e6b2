/* lcoda.h - what the binding files share: the Dataset userdata and the
 * conversion of core errors into Lua errors.  Internal to bindings/. */
#ifndef CODA_LCODA_H
#define CODA_LCODA_H

#include "../runtime/base_error.h"
#include "../runtime/filter.h"
#include "../runtime/project.h"
#include "../runtime/table.h"

#include <lua.h>
#include <lauxlib.h>

#define CODA_DATASET "coda.Dataset"

/* Shared between the binding files only: not exported from coda.so (only
 * luaopen_coda is the module's face). */
#if defined(__GNUC__)
#define LCODA_INTERNAL __attribute__((visibility("hidden")))
#else
#define LCODA_INTERNAL
#endif

/* Push a new, still empty Dataset userdata and return its table slot: the
 * caller builds the table straight into it, so a Lua error raised later
 * cannot leak the table (the userdata's finalizer frees it). */
coda_table **lcoda_new_dataset(lua_State *L);

/* The table of the Dataset at index arg; raises a Lua argument error when it
 * is not one, or when it was closed. */
coda_table *lcoda_check_dataset(lua_State *L, int arg);

/* The columns (names, types, labels) of the Dataset at arg, without taking
 * a filter's rows: its source table, whose rows are not the Dataset's, for
 * column lookups only.  Raises as lcoda_check_dataset. */
LCODA_INTERNAL const coda_table *lcoda_dataset_schema(lua_State *L, int arg);

/* A table to read columns cols[0..n) (indices as lcoda_check_column gives)
 * of the Dataset at arg, pushed on the stack as a Dataset or nil: for a
 * filter's result not taken yet, a new table of those columns only, at
 * the Dataset's rows, and cols[j] becomes j; otherwise nil is pushed and
 * the Dataset's own table returned with cols as they were.  Only those
 * columns may be read. */
LCODA_INTERNAL coda_table *lcoda_dataset_columns(lua_State *L, int arg,
                                                 size_t *cols, size_t n);
/* Free at once the table lcoda_dataset_columns pushed at idx (nil: nothing). */
LCODA_INTERNAL void lcoda_release_columns(lua_State *L, int idx);

/* Rows of a Dataset: 0-based, in order, in a coda_malloc'd array. */
typedef struct lcoda_rows {
    size_t *rows;
    size_t k;
} lcoda_rows;

/* Push a new Dataset that will hold rows of another, with its rows for
 * the caller to set (the Dataset frees them), then lcoda_finish_rows. */
LCODA_INTERNAL lcoda_rows *lcoda_push_rows(lua_State *L);
/* Make r rows of the open Dataset at arg: its columns are copied when
 * the new Dataset is used (see ds:filter). */
LCODA_INTERNAL void lcoda_finish_rows(lua_State *L, int arg, lcoda_rows *r);

/* Raise err as a Lua error prefixed with the calling script's position:
 * "script.lua:7: data.csv:3: expected 3 fields ...". Does not return. */
int lcoda_raise(lua_State *L, const coda_error *err);

/* Call the function below nargs arguments on the stack top (as lua_call),
 * with the Dataset at index ds held open meanwhile: closing it in the call
 * raises an error instead of freeing what the caller still reads. */
LCODA_INTERNAL void lcoda_call_holding(lua_State *L, int ds, int nargs, int nres);

/* 1 when a close may free its object at once; 0 inside a finalizer (the
 * collector stops while one runs) or while the script has stopped the
 * collector.  A finalizer runs at any allocation, so it may have stopped
 * a method of the very object it closes halfway: such a close only marks
 * the object closed and leaves its memory to __gc (the method in progress
 * keeps the object reachable until it returns). */
LCODA_INTERNAL int lcoda_close_now(lua_State *L);

/* The path at arg: a string without a NUL byte (C would see a shorter
 * path than the script gave); raises an argument error otherwise. */
LCODA_INTERNAL const char *lcoda_check_path(lua_State *L, int arg);

/* The column index named (string) or numbered (1-based integer) by the value
 * at arg; raises 'no column "x" in method (did you mean "y"?)' (or "column
 * 9 out of range (1..5) in method") when there is none: every "no column"
 * error of the bindings goes through here or lcoda_no_column. */
size_t lcoda_check_column(lua_State *L, const coda_table *t, int arg);

/* The columns named by the value at idx: one column (as
 * lcoda_check_column) or an array of them, in a Lua-owned buffer left on
 * the stack; *n of them (lpivot.c). */
LCODA_INTERNAL size_t *lcoda_check_columns(lua_State *L, const coda_table *t,
                                           int idx, size_t *n);

/* Raise 'no column "name" in fn (did you mean "near"?)', the closest of
 * t's names; fn NULL names the running method.  Does not return. */
LCODA_INTERNAL int lcoda_no_column(lua_State *L, const coda_table *t,
                                   const char *name, const char *fn);

/* Push row r, column c as a Lua value (missing: nil; multi: array). */
void lcoda_push_value(lua_State *L, const coda_column *col, size_t r);

/* The Lua value at idx (number, string, boolean) as a coda_value; strings
 * stay owned by Lua.  Raises an argument error for arg otherwise. */
struct coda_value lcoda_to_value(lua_State *L, int idx, int arg);

/* The values at arg: nothing (n = 0), one value, or an array of values,
 * in a Lua-owned buffer left on the stack (with the array's elements). */
struct coda_value *lcoda_values(lua_State *L, int arg, size_t *n);

/* The rows of t matching the filter given by the arguments col, op,
 * value at arg, arg+1, arg+2; pushes the new Dataset and returns its
 * table. */
coda_table *lcoda_filter(lua_State *L, coda_table *t, int arg);

/* Refuse a table the caller handed in (at idx) that has a metatable:
 * "fn: what must be a plain table (without a metatable)" (without "fn: "
 * when fn is NULL).  Reading a plain table with lua_geti, luaL_len or
 * lua_getfield runs no code of the caller's, so nothing can close or
 * change what C holds, or lie about a length, in the middle of a read.
 * lcoda_plain_len does the same and returns the array's length. */
LCODA_INTERNAL void lcoda_check_plain(lua_State *L, int idx, const char *fn,
                                      const char *what);
LCODA_INTERNAL size_t lcoda_plain_len(lua_State *L, int idx, const char *fn,
                                      const char *what);

/* Raise "fn: unknown option "name" (options: a, b, c)" for a key of the
 * options table at o that is not one of known[] (NULL-terminated), which
 * the message lists; nothing at o is fine, a value that is not a table an
 * argument error.  A list of warnings (see lcoda_push_warnings) counts as
 * no options, so that f(coda.read_corpus(...)) passes the corpus alone
 * (lcheck.c, with the checks above). */
LCODA_INTERNAL void lcoda_check_options(lua_State *L, int o, const char *fn,
                                        const char *const *known);

/* The index in names[] (NULL-terminated) of the string at idx, or def when
 * it is nil: luaL_checkoption for a value that is not an argument (an
 * option of a table, an entry of a list).  Anything else raises
 * "fn: what must be "a", "b" or "c", not "x"". */
LCODA_INTERNAL int lcoda_check_choice(lua_State *L, int idx, const char *fn,
                                      const char *what,
                                      const char *const *names, int def);

/* lcoda_check_choice for an option that may also be something other than
 * a string, which the caller has taken first: other names it for the
 * message ("must be "a", "b" or a number, not "x""). */
LCODA_INTERNAL int lcoda_check_choice_or(lua_State *L, int idx,
                                         const char *fn, const char *what,
                                         const char *const *names,
                                         const char *other, int def);

/* Push row r of t as a table { name = value, ... }. */
void lcoda_push_row(lua_State *L, const coda_table *t, size_t r);

/* Push a metatable for the rows a callback of method fn gets from the
 * Dataset at index ds: reading a name that is no column raises 'no column
 * "x" in fn (did you mean "y"?)' instead of giving nil. */
LCODA_INTERNAL void lcoda_push_row_meta(lua_State *L, int ds, const char *fn);

/* ds:mutate(name, expression) and ds:mutate{ ... } (lmutate.c). */
LCODA_INTERNAL int lcoda_mutate_exprs(lua_State *L);

/* coda.dataset(rows, names) (lshape.c). */
int lcoda_dataset_from_rows(lua_State *L);

/* coda.write_file(path, text) (lwrite.c). */
int lcoda_write_file(lua_State *L);

/* coda.mkdir(path): make a folder and its parents (mkdir -p). */
int lcoda_mkdir(lua_State *L);

/* coda.json_encode(value): JSON text, keys sorted (ljson.c). */
LCODA_INTERNAL int lcoda_json_encode(lua_State *L);
/* coda.json_decode(text [, name]): the value of JSON text (ljson.c). */
LCODA_INTERNAL int lcoda_json_decode(lua_State *L);
/* coda.read_json(path): the value of a JSON file (ljson.c). */
LCODA_INTERNAL int lcoda_read_json(lua_State *L);
/* Push jansson's value v as a Lua value (null: nil); fn names the function
 * in an error about its depth (ljson.c). */
struct json_t;
LCODA_INTERNAL void lcoda_push_json(lua_State *L, struct json_t *v,
                                    const char *fn);

/* coda.list_dir(path): the names in a folder, sorted (lwrite.c). */
LCODA_INTERNAL int lcoda_list_dir(lua_State *L);

/* coda.html_escape(s) (lwrite.c). */
LCODA_INTERNAL int lcoda_html_escape(lua_State *L);

/* coda.protect_inputs(on) (lwrite.c). */
int lcoda_protect_inputs(lua_State *L);
/* coda.check_output(path): raise when path is an input (lwrite.c). */
LCODA_INTERNAL int lcoda_check_output(lua_State *L);

/* Add coda.stats and coda.round to the module table on the stack top. */
void lcoda_open_stats(lua_State *L);

/* The Grouped metatable's opener (lgroup.c). */
LCODA_INTERNAL void lcoda_open_grouped(lua_State *L);

/* The Dataset methods the other binding files define, each registered in
 * the one method table of ldataset.c: */
LCODA_INTERNAL int lcoda_ds_frequency(lua_State *L);     /* lagg.c */
LCODA_INTERNAL int lcoda_ds_crosstab(lua_State *L);
LCODA_INTERNAL int lcoda_ds_banner(lua_State *L);
LCODA_INTERNAL int lcoda_ds_pivot_wider(lua_State *L);  /* lpivot.c */
LCODA_INTERNAL int lcoda_ds_pivot_longer(lua_State *L);
LCODA_INTERNAL int lcoda_ds_chisq(lua_State *L);         /* ltest.c */
LCODA_INTERNAL int lcoda_ds_fisher(lua_State *L);
LCODA_INTERNAL int lcoda_ds_ttest(lua_State *L);
LCODA_INTERNAL int lcoda_ds_ztest_columns(lua_State *L);
LCODA_INTERNAL int lcoda_ds_group_by(lua_State *L);      /* lgroup.c */
LCODA_INTERNAL int lcoda_ds_summarise(lua_State *L);
LCODA_INTERNAL int lcoda_ds_slice_max(lua_State *L);
LCODA_INTERNAL int lcoda_ds_slice_min(lua_State *L);
LCODA_INTERNAL int lcoda_ds_sort(lua_State *L);          /* lshape.c */
LCODA_INTERNAL int lcoda_ds_rename(lua_State *L);
LCODA_INTERNAL int lcoda_ds_join(lua_State *L);
LCODA_INTERNAL int lcoda_ds_unnest(lua_State *L);
LCODA_INTERNAL int lcoda_ds_nest(lua_State *L);
LCODA_INTERNAL int lcoda_ds_where(lua_State *L);
LCODA_INTERNAL int lcoda_ds_count_if(lua_State *L);
LCODA_INTERNAL int lcoda_ds_mutate(lua_State *L);
LCODA_INTERNAL int lcoda_ds_write_json(lua_State *L);    /* lwrite.c */
LCODA_INTERNAL int lcoda_ds_write_jsonl(lua_State *L);
LCODA_INTERNAL int lcoda_ds_to_json(lua_State *L);
LCODA_INTERNAL int lcoda_ds_to_markdown(lua_State *L);
LCODA_INTERNAL int lcoda_ds_write_markdown(lua_State *L);
LCODA_INTERNAL int lcoda_ds_cases(lua_State *L);         /* lcorpus.c */
LCODA_INTERNAL int lcoda_ds_matrix(lua_State *L);
LCODA_INTERNAL int lcoda_ds_cooccurrence(lua_State *L);
LCODA_INTERNAL int lcoda_ds_write_kwic(lua_State *L);    /* lsegout.c */
LCODA_INTERNAL int lcoda_ds_write_html(lua_State *L);

/* Register the Codebook type and add coda.read_codebook to the module
 * table on the stack top (lcodebook.c). */
void lcoda_open_codebook(lua_State *L);

/* Add coda.read_corpus and coda.text_width to the module table on the
 * stack top (lcorpus.c). */
void lcoda_open_corpus(lua_State *L);

/* Register the Dataset metatable (ldataset.c). */
void lcoda_open_dataset(lua_State *L);

/* The codebook of the Codebook userdata at arg (lcodebook.c). */
LCODA_INTERNAL struct coda_codebook *lcoda_check_codebook(lua_State *L, int arg);
/* The open Codebook at arg, or NULL (not a Codebook, or closed). */
LCODA_INTERNAL struct coda_codebook *lcoda_test_codebook(lua_State *L, int arg);

/* Push a new, still empty Codebook userdata and return its slot (as
 * lcoda_new_dataset does for a Dataset). */
LCODA_INTERNAL struct coda_codebook **lcoda_new_codebook(lua_State *L);

/* The skip mask (corpus t's nrow bytes, 1 = leave out) of the speaker
 * options of cb:code in the options table at o, or NULL when there are
 * none or t has no units; warnings of filters that name nobody go to w.
 * The mask and its helpers stay on the stack; the corpus must be at stack
 * index 2 (it is held open while Lua patterns run).  Raises on a bad
 * option, units without speakers, or include filters that leave no unit
 * (lspeakers.c). */
LCODA_INTERNAL const uint8_t *lcoda_speaker_mask(lua_State *L, int o,
                                                 const coda_table *t,
                                                 coda_warnings *w);

/* Register the Project type and add coda.project to the module table on
 * the stack top (lproject.c). */
LCODA_INTERNAL void lcoda_open_project(lua_State *L);

/* The project of the Project userdata at arg; raises an argument error
 * when it is not one or was closed (lproject.c). */
LCODA_INTERNAL coda_project *lcoda_check_project(lua_State *L, int arg);

/* p:serve(opts): the review server (lreview.c). */
LCODA_INTERNAL int lcoda_project_serve(lua_State *L);

/* p:write_qdpx(path [, opts]) and p:read_qdpx(path [, opts]) (lqdpx.c). */
LCODA_INTERNAL int lcoda_project_write_qdpx(lua_State *L);
LCODA_INTERNAL int lcoda_project_read_qdpx(lua_State *L);

/* Register the metatable tname of a type (once): the metamethods of
 * metameth, and __index a table of the methods of meth, as liolib.c's
 * createmeta does (lcoda.c). */
LCODA_INTERNAL void lcoda_new_type(lua_State *L, const char *tname,
                                   const luaL_Reg *meth,
                                   const luaL_Reg *metameth);

/* A new zeroed userdata of size bytes on the stack whose finalizer is gc
 * (its metatable tname): C-owned scratch that a Lua error cannot leak. */
LCODA_INTERNAL void *lcoda_new_scratch(lua_State *L, size_t size,
                                       const char *tname, lua_CFunction gc);

struct coda_corpus_opts;

/* The options of a corpus read (coda.read_corpus, coda.corpus_batches:
 * unit, invalid, encoding, meta, meta_id, format, ids) at o into co,
 * checked against known (lcorpus.c). */
LCODA_INTERNAL void lcoda_corpus_options(lua_State *L, int o, const char *fn,
                                         const char *const *known,
                                         struct coda_corpus_opts *co);

/* The documents of the Dataset at idx (its columns opts.id and opts.text
 * of the options at o; "id", "text"): their ids (converted to strings),
 * texts and lengths, n of them, in userdata left on the stack with a
 * table keeping the id strings; the texts are the Dataset's own
 * (lcorpus.c). */
LCODA_INTERNAL const char **lcoda_dataset_docs(lua_State *L, int idx, int o,
                                               const char *fn,
                                               const char ***texts,
                                               size_t **lens, size_t *n);

/* The path at idx, or the array of paths there, as C strings (*n of
 * them) in userdata left on the stack (lcorpus.c). */
LCODA_INTERNAL const char **lcoda_path_list(lua_State *L, int idx,
                                            const char *fn, size_t *n);

/* Add coda.corpus_batches to the module table on the stack top
 * (lbatches.c). */
LCODA_INTERNAL void lcoda_open_batches(lua_State *L);

/* Add coda.segment_writer to the module table on the stack top
 * (lsegwriter.c). */
LCODA_INTERNAL void lcoda_open_segwriter(lua_State *L);

/* Register the Design type and add coda.design to the module table on the
 * stack top (lsurvey.c). */
LCODA_INTERNAL void lcoda_open_survey(lua_State *L);

/* Add coda.read_documents to the module table on the stack top
 * (lsegout.c). */
LCODA_INTERNAL void lcoda_open_segout(lua_State *L);

/* A new empty warnings list on the stack, freed when collected. */
LCODA_INTERNAL coda_warnings *lcoda_new_warnings(lua_State *L);

/* Push w's messages as an array of strings (with the metatable
 * LCODA_WARNING_LIST, which marks it as no options) and empty w. */
#define LCODA_WARNING_LIST "coda.WarningList"
LCODA_INTERNAL void lcoda_push_warnings(lua_State *L, coda_warnings *w);

/* coda.read_sav, read_dta, read_sas7bdat, read_xlsx, read, write_xlsx on
 * the module table on the stack top (lformats.c; the Datasets' write_sav,
 * write_dta and write_xlsx are in the Dataset method table). */
LCODA_INTERNAL void lcoda_open_formats(lua_State *L);

/* label, labels, missing_codes, levels (llabels.c). */
LCODA_INTERNAL int lcoda_ds_label(lua_State *L);
LCODA_INTERNAL int lcoda_ds_labels(lua_State *L);
LCODA_INTERNAL int lcoda_ds_missing_codes(lua_State *L);
LCODA_INTERNAL int lcoda_ds_levels(lua_State *L);
LCODA_INTERNAL int lcoda_ds_write_sav(lua_State *L);  /* lformats.c */
LCODA_INTERNAL int lcoda_ds_write_dta(lua_State *L);
LCODA_INTERNAL int lcoda_ds_write_xlsx(lua_State *L);

/* Partial results (lpartial.c): the Partial type, coda.merge and
 * coda.read_partial on the module table on the stack top. */
LCODA_INTERNAL void lcoda_open_partial(lua_State *L);

/* 1 when the options at opts ask for a partial (partial = true or
 * { shard = "K/N" }, checked; fn names the method in errors). */
LCODA_INTERNAL int lcoda_partial_wanted(lua_State *L, int opts,
                                        const char *fn);

/* Push a new, still empty Partial of verb over t's columns cols[0..ncol)
 * made with the options at opts (kept, to refuse partials made otherwise)
 * and return its slot, as lcoda_new_dataset does. */
struct coda_partial;
LCODA_INTERNAL struct coda_partial **lcoda_new_partial(lua_State *L,
                                                       const char *verb,
                                                       int opts,
                                                       const coda_table *t,
                                                       const size_t *cols,
                                                       size_t ncol);

/* Keep a copy of the plain table at value as field of the info of the
 * Partial at part (compared by coda.merge as the options are). */
LCODA_INTERNAL void lcoda_partial_keep(lua_State *L, int part,
                                       const char *field, int value);

/* Push what the verb gives over the rows of the merged partial p, made
 * with the info table at info ({ columns, options }): the frequency
 * (lagg.c), crosstab (lagg.c), summary (lgroup.c). */
LCODA_INTERNAL int lcoda_frequency_merged(lua_State *L,
                                          const struct coda_partial *p,
                                          int info);
LCODA_INTERNAL int lcoda_crosstab_merged(lua_State *L,
                                         const struct coda_partial *p,
                                         int info);
LCODA_INTERNAL int lcoda_summarise_merged(lua_State *L,
                                          const struct coda_partial *p,
                                          int info);

/* The coda module opener (lcoda.c), also the entry point of coda.so. */
CODA_API int luaopen_coda(lua_State *L);

#endif
