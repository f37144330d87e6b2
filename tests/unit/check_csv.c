/* check_csv.c - loading CSV (csv_io.h): RFC 4180, type inference, options,
 * errors with their lines, every block size, parallel against sequential,
 * and out of memory.
 *
 * Every expected table below was written by hand from the fixture's text in
 * ../fixtures/csv/; generated inputs carry the table their generator meant. */
#include "harness/csvgen.h"
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "csv_int.h"
#include "csv_io.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX "../fixtures/csv/"
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What *out holds before a load; a failed load must leave it so. */
static char untouched_mark;
#define UNTOUCHED ((coda_table *)(void *)&untouched_mark)

/* --- expected tables ------------------------------------------------------ */

static const xtab x_rfc = { 2, {
    { "h1", CODA_STRING, { "aaa", "zzz" } },
    { "h2", CODA_STRING, { "bbb", "yyy" } },
    { "h3", CODA_STRING, { "ccc", "xxx" } } } };

static const xtab x_line_breaks = { 3, {
    { "h1", CODA_STRING, { "aaa", "zzz", "a,b" } },
    { "h2", CODA_STRING, { "b\r\nbb", "yyy", "line1\nline2" } },
    { "h3", CODA_STRING, { "ccc", "xxx", "plain" } } } };

static const xtab x_doubled = { 2, {
    { "h1", CODA_STRING, { "aaa", "\"" } },
    { "h2", CODA_STRING, { "b\"bb", "x\"" } },
    { "h3", CODA_STRING, { "ccc", "\"y\"" } } } };

static const xtab x_spaces = { 2, {
    { "a", CODA_STRING, { " x ", " q " } },
    { "b", CODA_STRING, { " y ", "  " } },
    { "n", CODA_STRING, { " 1", "2" } } } };

static const xtab x_bom = { 2, {
    { "id", CODA_INTEGER, { "1", "2" } },
    { "name", CODA_STRING, { "Asha", "Ravi" } } } };

static const xtab x_empty_fields = { 3, {
    { "s", CODA_STRING, { "a", "", NULL } },
    { "n", CODA_INTEGER, { "1", NULL, NULL } } } };

static const xtab x_quoted_empty_first = { 2, {
    { "t", CODA_STRING, { "", "x" } },
    { "u", CODA_INTEGER, { "1", NULL } } } };

static const xtab x_blank = { 2, {
    { "a", CODA_INTEGER, { "1", "2" } },
    { "b", CODA_STRING, { "x", "y" } } } };

static const xtab x_header_only = { 0, {
    { "a", CODA_STRING, { NULL } },
    { "b", CODA_STRING, { NULL } } } };

static const xtab x_types = { 4, {
    { "i", CODA_INTEGER, { "1", "-2", "30", NULL } },
    { "x", CODA_NUMBER, { "1000", "-0.5", "0.5", "0.01" } },
    { "b", CODA_BOOLEAN, { "true", "false", "false", "true" } },
    { "s", CODA_STRING, { "hello", "007x", "3.5.1", NULL } },
    { "neg", CODA_INTEGER, { "-7", "3", "0", "0" } } } };

static const xtab x_types_override = { 4, {
    { "i", CODA_NUMBER, { "1", "-2", "30", NULL } },
    { "x", CODA_NUMBER, { "1000", "-0.5", "0.5", "0.01" } },
    { "b", CODA_STRING, { "true", "FALSE", "False", "TRUE" } },
    { "s", CODA_STRING, { "hello", "007x", "3.5.1", NULL } },
    { "neg", CODA_STRING, { "-7", "+3", "0", "-0" } } } };

static const xtab x_types_noinfer = { 4, {
    { "i", CODA_STRING, { "1", "-2", "30", NULL } },
    { "x", CODA_STRING, { "1e3", "-0.5", ".5", "1E-2" } },
    { "b", CODA_STRING, { "true", "FALSE", "False", "TRUE" } },
    { "s", CODA_STRING, { "hello", "007x", "3.5.1", NULL } },
    { "neg", CODA_STRING, { "-7", "+3", "0", "-0" } } } };

static const xtab x_widen = { 4, {
    { "n", CODA_NUMBER, { "1", "2", "2.5", "4" } },
    { "m", CODA_NUMBER, { "10", "20", "30", "100" } } } };

static const xtab x_text_late = { 3, {
    { "code", CODA_STRING, { "007", "010", "n/a" } },
    { "v", CODA_STRING, { "1", "true", "3" } } } };

static const xtab x_multi = { 5, {
    { "id", CODA_INTEGER, { "1", "2", "3", "4", "5" } },
    { "forms", CODA_MULTI, { "labour|sex", "sex|labour|organ", NULL,
                             "organ|\"begging\"", "labour" } },
    { "areas", CODA_MULTI, { "prevention", "", "rescue|prevention", NULL,
                             "" } } } };

static const xtab x_multi_noinfer = { 5, {
    { "id", CODA_STRING, { "1", "2", "3", "4", "5" } },
    { "forms", CODA_MULTI, { "labour|sex", "sex|labour|organ", NULL,
                             "organ|\"begging\"", "labour" } },
    { "areas", CODA_MULTI, { "prevention", "", "rescue|prevention", NULL,
                             "" } } } };

static const xtab x_na = { 4, {
    { "x", CODA_INTEGER, { "1", NULL, NULL, "3" } },
    { "s", CODA_STRING, { NULL, "ok", NULL, "N/A" } } } };

static const xtab x_na_none = { 4, {
    { "x", CODA_STRING, { "1", "NA", "-", "3" } },
    { "s", CODA_STRING, { "NA", "ok", "n/a", "N/A" } } } };

static const xtab x_devanagari = { 1, {
    { "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\x9C\xE0\xA5\x8D\xE0\xA4\xAF",
      CODA_STRING, { "\xE0\xA4\xAE\xE0\xA4\xB9\xE0\xA4\xBE\xE0\xA4\xB0\xE0"
                     "\xA4\xBE\xE0\xA4\xB7\xE0\xA5\x8D\xE0\xA4\x9F\xE0\xA5"
                     "\x8D\xE0\xA4\xB0" } },
    { "\xE0\xA4\xB8\xE0\xA4\x82\xE0\xA4\x97\xE0\xA4\xA0\xE0\xA4\xA8",
      CODA_STRING, { "\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xAF\xE0"
                     "\xA4\xBE\xE0\xA4\xB8, \xE0\xA4\xAE\xE0\xA5\x81\xE0\xA4"
                     "\x82\xE0\xA4\xAC\xE0\xA4\x88" } } } };

static const xtab x_semicolon = { 1, {
    { "a", CODA_STRING, { "1,5" } },
    { "b", CODA_STRING, { "x;y" } } } };

/* One past INT64_MAX is no 64-bit integer and a double would not hold it
 * exactly in general: the column stays text. */
static const xtab x_int_limits = { 2, {
    { "big", CODA_STRING, { "9223372036854775807", "9223372036854775808" } },
    { "small", CODA_INTEGER, { "-9223372036854775808", "1" } } } };

static const xtab x_not_numbers = { 7, {
    { "v", CODA_STRING, { "0x1F", "inf", "nan", "1e", ".", "+", "1_000" } },
    { "b", CODA_STRING, { "true", "yes", "False", "TRUE", "false", "t",
                          "FALSE" } } } };

static const xtab x_cr = { 2, {
    { "a", CODA_INTEGER, { "1", "3" } },
    { "b", CODA_INTEGER, { "2", "4" } } } };

static const xtab x_quoted_eof = { 1, {
    { "a", CODA_INTEGER, { "1" } },
    { "b", CODA_STRING, { "x\ny" } } } };

#define FOX "The quick brown fox jumps over the lazy dog. "

static const xtab x_long_field = { 2, {
    { "id", CODA_INTEGER, { "1", "2" } },
    { "text", CODA_STRING, { FOX FOX FOX FOX FOX FOX FOX, "short" } } } };

static const xtab x_stray_quotes = { 4, {
    { "a", CODA_STRING, { "ab\"c", "q\nr", "5\"", "x\"\"y" } },
    { "b", CODA_INTEGER, { "1", "2", "3", "4" } } } };

/* Quotes that mean text (R's write.csv, Python's QUOTE_NONNUMERIC): the
 * numbers are bare, so a quoted 007 or true is text. */
static const xtab x_quoted_nonnumeric = { 3, {
    { "id", CODA_STRING, { "007", "1e5", "-0" } },
    { "name", CODA_STRING, { "Asha", "Ravi", "true" } },
    { "score", CODA_NUMBER, { "12", "3.5", NULL } },
    { "ok", CODA_BOOLEAN, { "true", "false", "true" } } } };

/* The same with its id column fixed as number: quotes do not matter. */
static const xtab x_quoted_nonnumeric_typed = { 3, {
    { "id", CODA_NUMBER, { "7", "1e5", "-0" } },
    { "name", CODA_STRING, { "Asha", "Ravi", "true" } },
    { "score", CODA_NUMBER, { "12", "3.5", NULL } },
    { "ok", CODA_BOOLEAN, { "true", "false", "true" } } } };

/* A quote-all export: quotes say nothing, types come from the text. */
static const xtab x_quote_all = { 3, {
    { "id", CODA_INTEGER, { "7", "8", "0" } },
    { "score", CODA_NUMBER, { "12", NULL, "3.5" } },
    { "ok", CODA_BOOLEAN, { "true", "false", "true" } },
    { "name", CODA_STRING, { "Asha", "", "Ravi" } } } };

/* What write_csv writes for text that looks typed: the bare header shows
 * that the file's quotes are chosen. */
static const xtab x_quoted_bare_header = { 2, {
    { "code", CODA_STRING, { "007", "true" } },
    { "label", CODA_STRING, { "1", "2.50" } } } };

/* Every field quoted, but each needed it or looks typed: no sign of a
 * quote-all export, so the quotes mean text. */
static const xtab x_quote_all_needed = { 2, {
    { "a b ", CODA_STRING, { "1", "3" } },
    { "c,d", CODA_STRING, { "2", "true" } } } };

/* Bare numbers after fields that left quote bytes in the parser's buffer
 * just where the number ends (a closing quote, a doubled quote, a stray
 * one), and a bare field as long as the buffer: still bare. */
static const xtab x_quoted_stale_bytes = { 4, {
    { "t", CODA_STRING, { "abc", "ab\"c", "q\"",
                          "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                          "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                          "bbbbbbbbbbbbbbbbbbbbbbbbbbbb" } },
    { "n", CODA_INTEGER, { "123", "12", "1", "5" } },
    { "m", CODA_STRING, { "x\"y", "1", "2", "3" } } } };

static const xtab x_one_column_blank = { 5, {
    { "s", CODA_STRING, { NULL, "a", NULL, NULL, "b" } } } };

/* --- options ------------------------------------------------------------ */

static void o_override(coda_csv_opts *o)
{
    static const char *const cols[] = { "i", "neg", "b" };
    static const coda_type types[] = { CODA_NUMBER, CODA_STRING, CODA_STRING };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = NELEM(cols);
}

static void o_noinfer(coda_csv_opts *o)
{
    o->infer = 0;
}

static void o_multi(coda_csv_opts *o)
{
    static const char *const cols[] = { "forms", "areas" };
    static const char *const seps[] = { ";", ";" };
    o->multi_cols = cols;
    o->multi_seps = seps;
    o->nmulti = NELEM(cols);
}

static void o_tags(coda_csv_opts *o)
{
    static const char *const cols[] = { "tags" };
    static const char *const seps[] = { ";" };
    o->multi_cols = cols;
    o->multi_seps = seps;
    o->nmulti = 1;
}

static void o_multi_noinfer(coda_csv_opts *o)
{
    o_multi(o);
    o->infer = 0;
}

static void o_na(coda_csv_opts *o)
{
    static const char *const na[] = { "NA", "-", "n/a" };
    o->na = na;
    o->nna = NELEM(na);
}

static void o_semicolon(coda_csv_opts *o)
{
    o->delim = ';';
}

static void o_score_integer(coda_csv_opts *o)
{
    static const char *const cols[] = { "score" };
    static const coda_type types[] = { CODA_INTEGER };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = 1;
}

static void o_b_integer(coda_csv_opts *o)
{
    static const char *const cols[] = { "b" };
    static const coda_type types[] = { CODA_INTEGER };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = 1;
}

static void o_s_boolean(coda_csv_opts *o)
{
    static const char *const cols[] = { "s" };
    static const coda_type types[] = { CODA_BOOLEAN };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = 1;
}

static void o_multi_unknown(coda_csv_opts *o)
{
    static const char *const cols[] = { "nope" };
    static const char *const seps[] = { ";" };
    o->multi_cols = cols;
    o->multi_seps = seps;
    o->nmulti = 1;
}

static void o_type_unknown(coda_csv_opts *o)
{
    static const char *const cols[] = { "zzz" };
    static const coda_type types[] = { CODA_INTEGER };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = 1;
}

static void o_id_number(coda_csv_opts *o)
{
    static const char *const cols[] = { "id" };
    static const coda_type types[] = { CODA_NUMBER };
    o->type_cols = cols;
    o->types = types;
    o->ntypes = 1;
}

/* --- the cases ------------------------------------------------------------ */

typedef struct csv_case {
    const char *file;           /* in FIX */
    void (*opts)(coda_csv_opts *);
    const xtab *want;           /* NULL: an error is expected */
    coda_status code;
    long line;                  /* physical line of the error */
    long column;                /* 1-based field, or -1: not checked */
    const char *words[3];       /* in the message */
} csv_case;

static const csv_case cases[] = {
    { "rfc_crlf.csv", NULL, &x_rfc, 0, 0, 0, { 0 } },
    { "rfc_no_final_newline.csv", NULL, &x_rfc, 0, 0, 0, { 0 } },
    { "rfc_quoted.csv", NULL, &x_rfc, 0, 0, 0, { 0 } },
    { "rfc_quoted_line_breaks.csv", NULL, &x_line_breaks, 0, 0, 0, { 0 } },
    { "rfc_doubled_quotes.csv", NULL, &x_doubled, 0, 0, 0, { 0 } },
    { "rfc_spaces.csv", NULL, &x_spaces, 0, 0, 0, { 0 } },
    { "bom.csv", NULL, &x_bom, 0, 0, 0, { 0 } },
    { "empty_fields.csv", NULL, &x_empty_fields, 0, 0, 0, { 0 } },
    { "quoted_empty_first.csv", NULL, &x_quoted_empty_first, 0, 0, 0, { 0 } },
    { "blank_lines.csv", NULL, &x_blank, 0, 0, 0, { 0 } },
    { "header_only.csv", NULL, &x_header_only, 0, 0, 0, { 0 } },
    { "types.csv", NULL, &x_types, 0, 0, 0, { 0 } },
    { "types.csv", o_override, &x_types_override, 0, 0, 0, { 0 } },
    { "types.csv", o_noinfer, &x_types_noinfer, 0, 0, 0, { 0 } },
    { "widen.csv", NULL, &x_widen, 0, 0, 0, { 0 } },
    { "text_late.csv", NULL, &x_text_late, 0, 0, 0, { 0 } },
    { "multi.csv", o_multi, &x_multi, 0, 0, 0, { 0 } },
    { "multi.csv", o_multi_noinfer, &x_multi_noinfer, 0, 0, 0, { 0 } },
    { "na.csv", o_na, &x_na, 0, 0, 0, { 0 } },
    { "na.csv", NULL, &x_na_none, 0, 0, 0, { 0 } },
    { "devanagari.csv", NULL, &x_devanagari, 0, 0, 0, { 0 } },
    { "semicolon.csv", o_semicolon, &x_semicolon, 0, 0, 0, { 0 } },
    { "int_limits.csv", NULL, &x_int_limits, 0, 0, 0, { 0 } },
    { "not_numbers.csv", NULL, &x_not_numbers, 0, 0, 0, { 0 } },
    { "cr_line_ends.csv", NULL, &x_cr, 0, 0, 0, { 0 } },
    { "quoted_at_eof.csv", NULL, &x_quoted_eof, 0, 0, 0, { 0 } },
    { "long_field.csv", NULL, &x_long_field, 0, 0, 0, { 0 } },
    { "stray_quotes.csv", NULL, &x_stray_quotes, 0, 0, 0, { 0 } },
    { "one_column_blank.csv", NULL, &x_one_column_blank, 0, 0, 0, { 0 } },
    { "quoted_nonnumeric.csv", NULL, &x_quoted_nonnumeric, 0, 0, 0, { 0 } },
    { "quoted_nonnumeric.csv", o_id_number, &x_quoted_nonnumeric_typed, 0, 0,
      0, { 0 } },
    { "quote_all.csv", NULL, &x_quote_all, 0, 0, 0, { 0 } },
    { "quoted_bare_header.csv", NULL, &x_quoted_bare_header, 0, 0, 0, { 0 } },
    { "quote_all_needed.csv", NULL, &x_quote_all_needed, 0, 0, 0, { 0 } },
    { "quoted_stale_bytes.csv", NULL, &x_quoted_stale_bytes, 0, 0, 0, { 0 } },
    { "err_unterminated_quote.csv", NULL, NULL, CODA_EPARSE, 4, -1,
      { "unterminated" } },
    { "err_too_many_fields.csv", NULL, NULL, CODA_EPARSE, 4, -1,
      { "expected 2 fields", "found 3" } },
    { "err_too_few_fields.csv", NULL, NULL, CODA_EPARSE, 4, -1,
      { "expected 3 fields", "found 2" } },
    { "err_too_many_multiline.csv", NULL, NULL, CODA_EPARSE, 3, -1,
      { "expected 2 fields", "found 3" } },
    { "err_header_multiline.csv", NULL, NULL, CODA_EPARSE, 4, -1,
      { "expected 2 fields", "found 1" } },
    { "err_utf8_cp1252.csv", NULL, NULL, CODA_EUTF8, 3, 2,
      { "UTF-8", "0x92", "note" } },
    { "err_utf8_truncated.csv", NULL, NULL, CODA_EUTF8, 3, 2,
      { "UTF-8", "0xE0", "\"b\"" } },
    { "err_header_empty_name.csv", NULL, NULL, CODA_EPARSE, 1, 2,
      { "header", "empty name" } },
    { "err_header_duplicate.csv", NULL, NULL, CODA_EPARSE, 2, 3,
      { "header", "duplicate", "\"id\"" } },
    { "err_header_utf8.csv", NULL, NULL, CODA_EUTF8, 1, 1,
      { "header", "UTF-8" } },
    { "err_header_unterminated.csv", NULL, NULL, CODA_EPARSE, 1, -1,
      { "unterminated" } },
    { "err_empty.csv", NULL, NULL, CODA_EPARSE, 0, -1, { "empty" } },
    { "err_only_blank_lines.csv", NULL, NULL, CODA_EPARSE, 0, -1,
      { "empty" } },
    { "err_type_override.csv", o_score_integer, NULL, CODA_ETYPE, 5, 2,
      { "\"score\"", "\"2.5\"", "integer" } },
    { "types.csv", o_b_integer, NULL, CODA_ETYPE, 2, 3,
      { "\"b\"", "\"true\"", "integer" } },
    { "types.csv", o_s_boolean, NULL, CODA_ETYPE, 2, 4,
      { "\"s\"", "\"hello\"", "boolean" } },
    { "types.csv", o_multi_unknown, NULL, CODA_EARG, 0, -1,
      { "multi", "\"nope\"" } },
    { "types.csv", o_type_unknown, NULL, CODA_EARG, 0, -1,
      { "types", "\"zzz\"" } },
};

/* --- running a case ------------------------------------------------------- */

typedef struct run {
    coda_status st;
    coda_table *t;
    coda_error err;
} run;

static void case_opts(const csv_case *k, coda_csv_opts *o, int threads,
                      size_t block)
{
    coda_csv_opts_init(o);
    if (k->opts)
        k->opts(o);
    o->threads = threads;
    o->block = block;
    o->min_chunk = threads > 1 ? 1 : 0;
}

static run load_mem(const csv_case *k, const gen_buf *in, int threads,
                    size_t block)
{
    run r = { CODA_OK, UNTOUCHED, { 0 } };
    coda_csv_opts o;
    case_opts(k, &o, threads, block);
    coda_error_clear(&r.err);
    r.st = coda_csv_load_mem(in->s, in->len, k->file, &o, &r.t, &r.err);
    return r;
}

/* Check r against the case (want: its table, built once) and free it. */
static void expect(const csv_case *k, const coda_table *want, run *r,
                   const char *name, const char *how)
{
    char why[600];
    if (k->want) {
        ck_assert_msg(r->st == CODA_OK, "%s (%s): %s: line %ld: %s", k->file,
                      how, coda_strerror(r->st), r->err.line, r->err.msg);
        int d = tab_diff(r->t, want, why, sizeof why);
        coda_table_free(r->t);
        ck_assert_msg(d == 0, "%s (%s): %s", k->file, how, why);
        return;
    }
    if (r->st == CODA_OK)
        coda_table_free(r->t);
    ck_assert_msg(r->st == k->code && r->err.code == k->code,
                  "%s (%s): status %s, expected %s (%s)", k->file, how,
                  coda_strerror(r->st), coda_strerror(k->code), r->err.msg);
    ck_assert_msg(r->t == UNTOUCHED, "%s (%s): *out was set", k->file, how);
    ck_assert_msg(strcmp(r->err.file, name) == 0, "%s (%s): file \"%s\"",
                  k->file, how, r->err.file);
    ck_assert_msg(r->err.line == k->line, "%s (%s): line %ld, expected %ld "
                  "(%s)", k->file, how, r->err.line, k->line, r->err.msg);
    if (k->column >= 0)
        ck_assert_msg(r->err.column == k->column, "%s (%s): column %ld, "
                      "expected %ld", k->file, how, r->err.column, k->column);
    for (int w = 0; w < 3 && k->words[w]; w++)
        ck_assert_msg(strstr(r->err.msg, k->words[w]), "%s (%s): \"%s\" not "
                      "in \"%s\"", k->file, how, k->words[w], r->err.msg);
}

/* A buffer freed at teardown. */
static gen_buf kept(gen_buf b)
{
    keep_libc(b.s);
    return b;
}

static gen_buf fixture(const csv_case *k)
{
    return kept(gen_read_file(FIX, k->file));
}

static coda_table *want_of(const csv_case *k)
{
    return k->want ? keep_table(xtab_build(k->want)) : NULL;
}

/* r is what the one-thread run s gave: the same table or the same error;
 * r's table is freed when it is not. */
static void check_same(const run *s, run *r, const char *file,
                       const char *how)
{
    char why[600] = "";
    int same = r->st == s->st;
    if (same && s->st == CODA_OK)
        same = tab_diff(r->t, s->t, why, sizeof why) == 0;
    else if (same)
        same = r->err.line == s->err.line && !strcmp(r->err.msg, s->err.msg);
    if (!same && r->st == CODA_OK)
        coda_table_free(r->t);
    ck_assert_msg(same, "%s (%s): not as with one thread: %s %s", file, how,
                  why, r->err.msg);
}

/* The first case on file (with opts, when given). */
static const csv_case *find_case(const char *file,
                                 void (*opts)(coda_csv_opts *))
{
    for (size_t i = 0; i < NELEM(cases); i++)
        if (!strcmp(cases[i].file, file) && (!opts || cases[i].opts == opts))
            return &cases[i];
    ck_abort_msg("no case %s", file);
    return NULL;
}

static void teardown(void)
{
    test_teardown();
}

/* --- every case, every way of loading --------------------------------- */

START_TEST(test_case_from_file)
{
    const csv_case *k = &cases[_i];
    char path[256];
    snprintf(path, sizeof path, FIX "%s", k->file);
    coda_csv_opts o;
    case_opts(k, &o, 1, 0);
    run r = { CODA_OK, UNTOUCHED, { 0 } };
    r.st = coda_csv_load(path, &o, &r.t, &r.err);
    coda_table *want = want_of(k);
    expect(k, want, &r, path, "from the file");
}
END_TEST

START_TEST(test_case_every_block_size)
{
    const csv_case *k = &cases[_i];
    gen_buf in = fixture(k);
    coda_table *want = want_of(k);
    char how[64];
    for (size_t block = 1; block <= in.len || block == 1; block++) {
        snprintf(how, sizeof how, "block %zu", block);
        run r = load_mem(k, &in, 1, block);
        expect(k, want, &r, k->file, how);
    }
}
END_TEST

START_TEST(test_case_parallel)
{
    static const size_t blocks[] = { 0, 1, 2, 3, 7 };
    const csv_case *k = &cases[_i];
    gen_buf in = fixture(k);
    coda_table *want = want_of(k);
    run seq = load_mem(k, &in, 1, 0);
    if (seq.st == CODA_OK)
        keep_table(seq.t);
    char how[64];
    for (int threads = 2; threads <= 4; threads++)
        for (size_t b = 0; b < NELEM(blocks); b++) {
            snprintf(how, sizeof how, "%d threads, block %zu", threads,
                     blocks[b]);
            run r = load_mem(k, &in, threads, blocks[b]);
            check_same(&seq, &r, k->file, how);
            expect(k, want, &r, k->file, how);
        }
}
END_TEST

/* --- out of memory ------------------------------------------------------- */

typedef struct oom_ctx {
    const csv_case *k;
    gen_buf in;
    const char *path;           /* load this file instead of in */
    int threads;
    const coda_table *want;
} oom_ctx;

static coda_status oom_load(void *arg, coda_error *err)
{
    oom_ctx *c = arg;
    coda_csv_opts o;
    case_opts(c->k, &o, c->threads, 0);
    coda_table *t = UNTOUCHED;
    coda_status st = c->path ? coda_csv_load(c->path, &o, &t, err)
                             : coda_csv_load_mem(c->in.s, c->in.len, "mem", &o,
                                                 &t, err);
    if (st != CODA_OK) {
        ck_assert_ptr_eq(t, UNTOUCHED);
        if (st != CODA_ENOMEM && !c->want) /* the case's own error */
            return err->code == c->k->code ? CODA_OK : st;
        return st;
    }
    if (!c->want) {
        coda_table_free(t);
        ck_abort_msg("%s: loaded, expected %s", c->k->file,
                     coda_strerror(c->k->code));
    }
    char why[600];
    int d = tab_diff(t, c->want, why, sizeof why);
    coda_table_free(t);
    ck_assert_msg(d == 0, "%s: %s", c->k->file, why);
    return CODA_OK;
}

static void oom_case(const csv_case *k, int threads, int persistent,
                     const char *path)
{
    oom_ctx c = { k, fixture(k), path, threads, NULL };
    coda_table *want = want_of(k);
    c.want = want;
    oom_loop(oom_load, &c, persistent);
}

START_TEST(test_case_out_of_memory)
{
    oom_case(&cases[_i], 1, 0, NULL);
}
END_TEST

/* A few cases with two threads, failing once or from then on. */
static const char *const oom_threaded[] = {
    "rfc_quoted_line_breaks.csv", "blank_lines.csv", "types.csv",
    "long_field.csv", "stray_quotes.csv",
    "widen.csv", "text_late.csv", "multi.csv", "err_too_few_fields.csv",
    "err_header_duplicate.csv", "err_type_override.csv",
};

START_TEST(test_case_out_of_memory_threads)
{
    const csv_case *k = find_case(oom_threaded[_i], NULL);
    oom_case(k, 2, 0, NULL);
    oom_case(k, 2, 1, NULL);
    oom_case(k, 1, 1, NULL);
}
END_TEST

START_TEST(test_file_out_of_memory)
{
    const csv_case *k = find_case("multi.csv", o_multi);
    oom_case(k, 1, 0, FIX "multi.csv");
    oom_case(k, 2, 0, FIX "multi.csv");
}
END_TEST

/* --- single facts ------------------------------------------------------- */

START_TEST(test_opts_defaults)
{
    coda_csv_opts o;
    memset(&o, 0x5A, sizeof o);
    coda_csv_opts_init(&o);
    ck_assert_int_eq(o.infer, 1);
    ck_assert_int_eq(o.delim, ',');
    ck_assert_ptr_null(o.na);
    ck_assert_uint_eq(o.nna + o.ntypes + o.nmulti + o.block + o.min_chunk, 0);
    ck_assert_ptr_null(o.type_cols);
    ck_assert_ptr_null(o.multi_cols);
    ck_assert_int_eq(o.threads, 0);
}
END_TEST

START_TEST(test_null_opts_and_err)
{
    static const char csv[] = "a,b\n1,x\n";
    coda_table *t = NULL;
    ck_assert_int_eq(coda_csv_load_mem(csv, sizeof csv - 1, NULL, NULL, &t,
                                       NULL), CODA_OK);
    keep_table(t);
    ck_assert_uint_eq(t->nrow, 1);
    ck_assert_int_eq(t->cols[0].type, CODA_INTEGER);
    t = UNTOUCHED;
    ck_assert_int_eq(coda_csv_load_mem("a,a\n", 4, NULL, NULL, &t, NULL),
                     CODA_EPARSE);
    ck_assert_ptr_eq(t, UNTOUCHED);
}
END_TEST

START_TEST(test_no_data)
{
    coda_table *t = UNTOUCHED;
    coda_error err;
    ck_assert_int_eq(coda_csv_load_mem(NULL, 0, "none", NULL, &t, &err),
                     CODA_EPARSE);
    ck_assert_ptr_eq(t, UNTOUCHED);
    ck_assert_str_eq(err.file, "none");
    ck_assert_ptr_nonnull(strstr(err.msg, "empty"));
    ck_assert_int_eq(coda_csv_load_mem("\xEF\xBB\xBF", 3, "bom", NULL, &t,
                                       &err), CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "empty"));
}
END_TEST

static int ptr_cmp(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)*(const char *const *)x;
    uintptr_t b = (uintptr_t)*(const char *const *)y;
    return (a > b) - (a < b);
}

/* Short values repeated down a column are stored once each, not once a
 * row (grouping by the column then goes by pointer): 100 values of the
 * db-benchmark's form id001 .. id100 and 100 of the form id0000000001 ..,
 * in 20,000 rows, take no more than a few copies more than 100 each. */
START_TEST(test_short_values_stored_once)
{
    enum { ROWS = 20000 };
    size_t cap = (size_t)ROWS * 24 + 16, len = 0;
    char *csv = keep_libc(malloc(cap));
    len += (size_t)snprintf(csv, cap, "a,b\n");
    for (size_t r = 0; r < ROWS; r++)
        len += (size_t)snprintf(csv + len, cap - len, "id%03zu,id%010zu\n",
                                r * 37 % 100 + 1, r * 53 % 100 + 1);
    coda_table *t = NULL;
    ck_assert_int_eq(coda_csv_load_mem(csv, len, "ids", NULL, &t, NULL),
                     CODA_OK);
    keep_table(t);
    for (size_t c = 0; c < 2; c++) {
        const char **p = keep_libc(malloc(ROWS * sizeof *p));
        memcpy(p, t->cols[c].v.s.p, ROWS * sizeof *p);
        qsort(p, ROWS, sizeof *p, ptr_cmp);
        size_t distinct = 1;
        for (size_t r = 1; r < ROWS; r++)
            distinct += p[r] != p[r - 1];
        ck_assert_msg(distinct <= 100 + 16, "column %zu: %zu copies", c, distinct);
    }
}
END_TEST

START_TEST(test_multi_vocabulary_counts)
{
    const csv_case *k = find_case("multi.csv", o_multi);
    gen_buf in = fixture(k);
    run r = load_mem(k, &in, 1, 0);
    ck_assert_int_eq(r.st, CODA_OK);
    keep_table(r.t);
    const coda_labels *forms = r.t->cols[1].v.m.labels;
    const coda_labels *areas = r.t->cols[2].v.m.labels;
    ck_assert_uint_eq(forms->n, 4); /* labour sex organ "begging" */
    ck_assert_uint_eq(areas->n, 2); /* prevention rescue */
    ck_assert_str_eq(forms->s[3], "\"begging\"");
    ck_assert_str_eq(areas->s[1], "rescue");
}
END_TEST

START_TEST(test_missing_file)
{
    coda_table *t = UNTOUCHED;
    coda_error err;
    const char *path = FIX "no_such_file.csv";
    ck_assert_int_eq(coda_csv_load(path, NULL, &t, &err), CODA_EIO);
    ck_assert_ptr_eq(t, UNTOUCHED);
    ck_assert_int_eq(err.code, CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, 0);
    ck_assert_ptr_nonnull(strstr(err.msg, "cannot open"));
    ck_assert_ptr_nonnull(strstr(err.msg, strerror(ENOENT)));
}
END_TEST

START_TEST(test_directory)
{
    coda_table *t = UNTOUCHED;
    coda_error err;
    const char *path = "../fixtures/csv";
    ck_assert_int_eq(coda_csv_load(path, NULL, &t, &err), CODA_EIO);
    ck_assert_ptr_eq(t, UNTOUCHED);
    ck_assert_str_eq(err.file, path);
    ck_assert_ptr_nonnull(strstr(err.msg, "directory"));
}
END_TEST

/* A pipe is read whole, then parsed: /proc/self/fd/N opens the pipe. */
static coda_status load_pipe(const gen_buf *in, const coda_csv_opts *o,
                             coda_table **t, coda_error *err)
{
    int fd[2];
    ck_assert_int_eq(pipe(fd), 0);
    ck_assert_uint_lt(in->len, 4096); /* fits the pipe: no writer thread */
    ck_assert_int_eq(write(fd[1], in->s, in->len), (ssize_t)in->len);
    close(fd[1]);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd[0]);
    coda_status st = coda_csv_load(path, o, t, err);
    close(fd[0]);
    return st;
}

START_TEST(test_pipe)
{
    const csv_case *k = find_case("rfc_quoted_line_breaks.csv", NULL);
    gen_buf in = fixture(k);
    coda_table *t = UNTOUCHED, *want = want_of(k);
    coda_error err;
    ck_assert_int_eq(load_pipe(&in, NULL, &t, &err), CODA_OK);
    ck_assert_tables_eq(keep_table(t), want);
}
END_TEST

static coda_status oom_pipe(void *arg, coda_error *err)
{
    const gen_buf *in = arg;
    coda_table *t = UNTOUCHED;
    coda_status st = load_pipe(in, NULL, &t, err);
    if (st == CODA_OK)
        coda_table_free(t);
    return st;
}

typedef struct feeder {
    int fd;
    const gen_buf *in;
} feeder;

static void *feed_pipe(void *arg)
{
    feeder *f = arg;
    for (size_t off = 0; off < f->in->len;) {
        ssize_t n = write(f->fd, f->in->s + off, f->in->len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    close(f->fd);
    return NULL;
}

/* A pipe holding more than one read's worth (and more than the pipe's
 * buffer): read whole through a writer thread. */
START_TEST(test_pipe_large)
{
    coda_table *want;
    gen_buf in = kept(gen_late_text(6000, 4999, &want));
    keep_table(want);
    int fd[2];
    signal(SIGPIPE, SIG_IGN);
    ck_assert_int_eq(pipe(fd), 0);
    feeder f = { fd[1], &in };
    pthread_t tid;
    ck_assert_int_eq(pthread_create(&tid, NULL, feed_pipe, &f), 0);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd[0]);
    coda_table *t = UNTOUCHED;
    coda_error err;
    coda_status st = coda_csv_load(path, NULL, &t, &err);
    close(fd[0]); /* a writer still blocked now fails (EPIPE) and ends */
    pthread_join(tid, NULL);
    ck_assert_msg(st == CODA_OK, "%s", err.msg);
    ck_assert_tables_eq(keep_table(t), want);
}
END_TEST

START_TEST(test_pipe_out_of_memory)
{
    gen_buf in = fixture(find_case("rfc_crlf.csv", NULL));
    oom_loop(oom_pipe, &in, 0);
}
END_TEST

/* --- generated inputs --------------------------------------------------- */

/* Load in from memory (path NULL) or a file, with threads, min_chunk 1 when
 * threaded, and block; check the result is want (and also, when given,
 * seq: what one thread made). */
static void check_load2(const gen_buf *in, const char *path,
                        const coda_csv_opts *base, int threads, size_t block,
                        const coda_table *want, const coda_table *seq)
{
    coda_csv_opts o = *base;
    o.threads = threads;
    o.min_chunk = threads > 1 ? 1 : 0;
    o.block = block;
    coda_table *t = UNTOUCHED;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = path ? coda_csv_load(path, &o, &t, &err)
                          : coda_csv_load_mem(in->s, in->len, "gen", &o, &t,
                                              &err);
    ck_assert_msg(st == CODA_OK, "%d threads, block %zu: %s: line %ld: %s",
                  threads, block, coda_strerror(st), err.line, err.msg);
    char why[600], why_seq[600] = "";
    int d = tab_diff(t, want, why, sizeof why);
    int d_seq = seq && tab_diff(t, seq, why_seq, sizeof why_seq);
    coda_table_free(t);
    ck_assert_msg(d_seq == 0, "%s, %d threads, block %zu: not as with one "
                  "thread: %s", path ? path : "mem", threads, block, why_seq);
    ck_assert_msg(d == 0, "%s, %d threads, block %zu: %s", path ? path : "mem",
                  threads, block, why);
}

static void check_load(const gen_buf *in, const char *path,
                       const coda_csv_opts *base, int threads, size_t block,
                       const coda_table *want)
{
    check_load2(in, path, base, threads, block, want, NULL);
}

/* Sequential first, then every threaded way equals it. */
static void check_all_ways(const gen_buf *in, const coda_csv_opts *o,
                           const coda_table *want)
{
    static const size_t blocks[] = { 0, 5, 4096 };
    coda_csv_opts one = *o;
    one.threads = 1;
    coda_table *seq = NULL;
    coda_status st = coda_csv_load_mem(in->s, in->len, "gen", &one, &seq,
                                       NULL);
    ck_assert_int_eq(st, CODA_OK);
    keep_table(seq);
    check_load(in, NULL, o, 1, 0, want);
    for (int threads = 2; threads <= 4; threads++)
        for (size_t b = 0; b < NELEM(blocks); b++)
            check_load2(in, NULL, o, threads, blocks[b], want, seq);
}

static void check_from_file(const gen_buf *in, const coda_csv_opts *o,
                            const coda_table *want)
{
    char dir[] = "/tmp/coda-unit-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/in.csv", dir);
    gen_write_file(in, path);
    check_load(in, path, o, 1, 0, want);
    check_load(in, path, o, 2, 4096, want);
    check_load(in, path, o, 3, 7, want);
    unlink(path);
    rmdir(dir);
}

START_TEST(test_text_far_down)
{
    coda_table *want;
    gen_buf in = kept(gen_late_text(6000, 4999, &want));
    keep_table(want);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    check_all_ways(&in, &o, want);
    check_from_file(&in, &o, want);
    ck_assert_str_eq(want->cols[0].v.s.p[7], "007");
}
END_TEST

START_TEST(test_messy_parallel)
{
    coda_table *want;
    gen_buf in = kept(gen_messy(3000, _i, &want));
    keep_table(want); /* _i: with stray quotes or not */
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o_tags(&o);
    check_all_ways(&in, &o, want);
    check_from_file(&in, &o, want);
}
END_TEST

START_TEST(test_wide)
{
    coda_table *want;
    gen_buf in = kept(gen_wide(70, 40, &want));
    keep_table(want);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    check_all_ways(&in, &o, want);
}
END_TEST

/* "" is the empty string in a string column wherever a part begins. */
START_TEST(test_quoted_empty_parallel)
{
    coda_table *want;
    gen_buf in = kept(gen_quoted_empty(2000, &want));
    keep_table(want);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    check_all_ways(&in, &o, want);
}
END_TEST

/* More threads than the loader runs at once. */
START_TEST(test_many_threads)
{
    coda_table *want;
    gen_buf in = kept(gen_messy(400, 1, &want));
    keep_table(want);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o_tags(&o);
    check_load(&in, NULL, &o, 64, 0, want);
    check_load(&in, NULL, &o, 0, 0, want); /* 0: one per core */
}
END_TEST

/* A short string last in its pool chunk is never read past its end when a
 * longer string meets it in the loader's table of recent strings. */
START_TEST(test_string_at_chunk_end)
{
    coda_table *want;
    gen_buf in = kept(gen_chunk_end(&want));
    keep_table(want);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    check_load(&in, NULL, &o, 1, 0, want);
}
END_TEST

/* An error far down: its physical line, however the input is split. */
START_TEST(test_error_line_parallel)
{
    gen_error e;
    gen_buf in = kept(gen_error_at(3000, 2500, (gen_fault)_i, &e));
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    if (e.override) {
        static const char *const cols[] = { "n" };
        static const coda_type types[] = { CODA_INTEGER };
        o.type_cols = cols;
        o.types = types;
        o.ntypes = 1;
    }
    for (int threads = 1; threads <= 4; threads++)
        for (size_t block = 0; block <= 3; block += 3) {
            coda_table *t = UNTOUCHED;
            coda_error err;
            coda_error_clear(&err);
            o.threads = threads;
            o.min_chunk = threads > 1 ? 1 : 0;
            o.block = block;
            coda_status st = coda_csv_load_mem(in.s, in.len, "gen", &o, &t,
                                               &err);
            if (st == CODA_OK)
                coda_table_free(t);
            ck_assert_msg(st == e.code && t == UNTOUCHED,
                          "fault %d, %d threads: %s (%s)", _i, threads,
                          coda_strerror(st), err.msg);
            ck_assert_msg(err.line == e.line, "fault %d, %d threads, block "
                          "%zu: line %ld, expected %ld (%s)", _i, threads,
                          block, err.line, e.line, err.msg);
            ck_assert_ptr_nonnull(strstr(err.msg, e.word));
        }
}
END_TEST

/* Stray quotes fool the split: the second part starts inside the record
 * and finds text in column x.  The one-part parse that follows must
 * not keep that finding: x is a number column, as with one thread.
 * (Found by fuzz_csv.) */
START_TEST(test_stray_quote_split_keeps_types)
{
    static const char in[] = "i,x,b,h,-\n,-0.,S\",\"\0\n,1,,,\n\x05\",S";
    static const char *const na[] = { "NA", "-" };
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.na = na;
    o.nna = 2;
    coda_table *seq = NULL, *par = NULL;
    coda_error err;
    o.threads = 1;
    ck_assert_int_eq(coda_csv_load_mem(in, sizeof in - 1, "q.csv", &o, &seq,
                                       &err), CODA_OK);
    keep_table(seq);
    o.threads = 2;
    o.min_chunk = 1;
    ck_assert_int_eq(coda_csv_load_mem(in, sizeof in - 1, "q.csv", &o, &par,
                                       &err), CODA_OK);
    keep_table(par);
    ck_assert_int_eq(seq->cols[1].type, CODA_NUMBER);
    char why[300];
    ck_assert_msg(!tab_diff(par, seq, why, sizeof why), "%s", why);
}
END_TEST

/* --- the line column ------------------------------------------------------ */

/* Load s with a line column "at" (threads, min_chunk 1, block); the test
 * fails on an error. */
static coda_table *load_lines(const char *s, size_t len, int threads,
                              size_t block)
{
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.line_col = "at";
    o.threads = threads;
    o.min_chunk = 1;
    o.block = block;
    coda_table *t = NULL;
    coda_error err;
    coda_status st = coda_csv_load_mem(s, len, "lines", &o, &t, &err);
    ck_assert_msg(st == CODA_OK, "line %ld: %s", err.line, err.msg);
    ck_assert_str_eq(t->cols[t->ncol - 1].name, "at");
    ck_assert_int_eq(t->cols[t->ncol - 1].type, CODA_INTEGER);
    return keep_table(t);
}

static const struct {
    const char *csv;
    size_t nrow;
    int64_t at[4];
} line_cases[] = {
    /* a quoted field over two lines, a blank line, CRLF, no final end */
    { "a,b\n1,\"x\ny\"\n\n2,z\r\n3,w", 3, { 2, 5, 6 } },
    /* blank lines before the header and a CRLF inside quotes */
    { "\n\na,b\r\n\"p\r\nq\",1\r\n\r\n\r\n4,5\r\n", 2, { 4, 8 } },
    /* one column: a blank line is a record (a missing value) */
    { "a\n1\n\n2\n", 3, { 2, 3, 4 } },
    /* a byte-order mark; a header over two lines */
    { "\xEF\xBB\xBF\"a\nb\",c\n1,2\n", 1, { 3 } },
};

START_TEST(test_line_column_cases)
{
    const char *s = line_cases[_i].csv;
    for (int threads = 1; threads <= 3; threads++) {
        coda_table *t = load_lines(s, strlen(s), threads, threads == 3 ? 1 : 0);
        ck_assert_uint_eq(t->nrow, line_cases[_i].nrow);
        for (size_t r = 0; r < t->nrow; r++)
            ck_assert_msg(t->cols[t->ncol - 1].v.i[r] == line_cases[_i].at[r],
                          "case %d, %d threads, row %zu: line %" PRId64
                          ", expected %" PRId64, _i, threads, r,
                          t->cols[t->ncol - 1].v.i[r], line_cases[_i].at[r]);
    }
}
END_TEST

/* Each record's first line as counted by a plain scan of s (LF or CRLF
 * ends, no stray quotes): a record starts at the first byte after a line
 * end outside quotes that is no line end itself; the header's is skipped. */
static size_t scan_record_lines(const char *s, size_t n, int64_t *at)
{
    size_t k = 0;
    long line = 1;
    int inq = 0, start = 1, header = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (start && (c == '\r' || c == '\n')) {
            line += c == '\n';
            continue;
        }
        if (start && !header)
            at[k++] = line;
        start = 0;
        if (c == '"')
            inq = !inq;
        else if (c == '\n') {
            line++;
            start = !inq;
            header = header && inq;
        }
    }
    return k;
}

START_TEST(test_line_column_parallel)
{
    coda_table *want;
    gen_buf in = kept(gen_messy(3000, 0, &want));
    keep_table(want);
    int64_t *at = malloc(3000 * sizeof *at);
    ck_assert_ptr_nonnull(at);
    keep_libc(at);
    ck_assert_uint_eq(scan_record_lines(in.s, in.len, at), 3000);
    ck_assert_int_gt(at[2999], 3001); /* some records span lines */
    for (int threads = 1; threads <= 4; threads++) {
        coda_table *t = load_lines(in.s, in.len, threads, threads == 4 ? 7 : 0);
        ck_assert_uint_eq(t->nrow, 3000);
        for (size_t r = 0; r < 3000; r++)
            ck_assert_msg(t->cols[t->ncol - 1].v.i[r] == at[r],
                          "%d threads, row %zu: line %" PRId64 ", expected %"
                          PRId64, threads, r, t->cols[t->ncol - 1].v.i[r],
                          at[r]);
    }
}
END_TEST

START_TEST(test_line_column_name_taken)
{
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.line_col = "b";
    coda_table *t = UNTOUCHED;
    coda_error err;
    ck_assert_int_eq(coda_csv_load_mem("a,b\n1,2\n", 8, "x.csv", &o, &t,
                                       &err), CODA_EARG);
    ck_assert_ptr_eq(t, UNTOUCHED);
    ck_assert_int_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.msg, "line column \"b\""));
    o.line_col = "";                    /* no header has an empty name */
    ck_assert_int_eq(coda_csv_load_mem("a,b\n1,2\n", 8, "x.csv", &o, &t,
                                       &err), CODA_OK);
    keep_table(t);
    ck_assert_uint_eq(t->ncol, 3);
    ck_assert_int_eq(t->cols[2].v.i[0], 2);
}
END_TEST

typedef struct gen_oom {
    gen_buf in;
    coda_csv_opts o;
    const coda_table *want;
} gen_oom;

static coda_status oom_gen_load(void *arg, coda_error *err)
{
    gen_oom *g = arg;
    coda_table *t = UNTOUCHED;
    coda_status st = coda_csv_load_mem(g->in.s, g->in.len, "gen", &g->o, &t,
                                       err);
    if (st != CODA_OK) {
        ck_assert_ptr_eq(t, UNTOUCHED);
        return st;
    }
    char why[600] = "a line column too few or too many";
    int d = g->o.line_col ? t->ncol != g->want->ncol + 1
                          : tab_diff(t, g->want, why, sizeof why);
    coda_table_free(t);
    ck_assert_msg(d == 0, "%s", why);
    return CODA_OK;
}

/* The parser's field buffer grows with zeroed bytes, so no quote byte
 * left in freed memory can pass for a field's closing quote; what it
 * held stays. */
START_TEST(test_field_buffer_zeroed)
{
    char *b = coda_csv_buf_realloc(NULL, 8);
    ck_assert_ptr_nonnull(b);
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(b[i], 0);
    memset(b, '"', 8);
    char *g = coda_csv_buf_realloc(b, 40000);
    ck_assert_ptr_nonnull(g);
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(g[i], '"');
    for (int i = 8; i < 40000; i++)
        ck_assert_msg(g[i] == 0, "byte %d of the grown buffer is %d", i, g[i]);
    ck_assert_ptr_null(coda_csv_buf_realloc(g, SIZE_MAX));
    coda_csv_buf_free(g);
    coda_csv_buf_free(NULL);
}
END_TEST

START_TEST(test_generated_out_of_memory)
{
    coda_table *want;
    gen_oom g;
    coda_csv_opts_init(&g.o);
    if (_i < 2) {
        g.in = kept(gen_messy(120, _i, &want));
        o_tags(&g.o);
    } else {
        g.in = kept(gen_wide(70, 5, &want));
    }
    g.want = keep_table(want);
    g.o.block = 64;
    oom_loop(oom_gen_load, &g, 0);
    g.o.threads = 2;
    g.o.min_chunk = 1;
    oom_loop(oom_gen_load, &g, 0);
    oom_loop(oom_gen_load, &g, 1);
}
END_TEST

START_TEST(test_line_column_out_of_memory)
{
    coda_table *want;
    gen_oom g;
    coda_csv_opts_init(&g.o);
    g.in = kept(gen_messy(120, 0, &want));
    g.want = keep_table(want);
    o_tags(&g.o);
    g.o.line_col = "at";
    g.o.block = 64;
    g.o.threads = 2;
    g.o.min_chunk = 1;
    oom_loop(oom_gen_load, &g, 0);
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("cases");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_case_from_file, 0, NELEM(cases));
    tcase_add_loop_test(tc, test_case_every_block_size, 0, NELEM(cases));
    tcase_add_loop_test(tc, test_case_parallel, 0, NELEM(cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("facts");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_opts_defaults);
    tcase_add_test(tc, test_null_opts_and_err);
    tcase_add_test(tc, test_multi_vocabulary_counts);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_directory);
    tcase_add_test(tc, test_pipe);
    tcase_add_test(tc, test_pipe_large);
    tcase_add_test(tc, test_no_data);
    tcase_add_test(tc, test_short_values_stored_once);
    suite_add_tcase(s, tc);

    tc = tcase_create("generated");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_text_far_down);
    tcase_add_loop_test(tc, test_messy_parallel, 0, 2);
    tcase_add_test(tc, test_wide);
    tcase_add_test(tc, test_quoted_empty_parallel);
    tcase_add_test(tc, test_string_at_chunk_end);
    tcase_add_test(tc, test_many_threads);
    tcase_add_loop_test(tc, test_error_line_parallel, 0, GEN_NFAULTS);
    tcase_add_test(tc, test_stray_quote_split_keeps_types);
    tcase_add_test(tc, test_field_buffer_zeroed);
    tcase_add_loop_test(tc, test_line_column_cases, 0, NELEM(line_cases));
    tcase_add_test(tc, test_line_column_parallel);
    tcase_add_test(tc, test_line_column_name_taken);
    suite_add_tcase(s, tc);

    tc = tcase_create("out of memory");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_case_out_of_memory, 0, NELEM(cases));
    tcase_add_loop_test(tc, test_case_out_of_memory_threads, 0,
                        NELEM(oom_threaded));
    tcase_add_test(tc, test_file_out_of_memory);
    tcase_add_test(tc, test_pipe_out_of_memory);
    tcase_add_loop_test(tc, test_generated_out_of_memory, 0, 3);
    tcase_add_test(tc, test_line_column_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
