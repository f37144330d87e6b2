/* check_csv_write.c - writing a Dataset as CSV (coda_csv_write): the exact
 * bytes, quoting, numbers that read back the same, round trips through the
 * loader, failures and out of memory. */
#include "harness/csvgen.h"
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"
#include "harness/tmpdir.h"

#include "csv_io.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64];

static void setup(void)
{
    tmp_make(dir);
}

static void teardown(void)
{
    test_teardown();
    tmp_remove(dir);
}

/* Every type and every reason to quote. */
static const xtab x_all = { 8, {
    { "name", CODA_STRING, { "plain", "a,b", "say \"hi\"", "", " lead",
                             "two\nlines", NULL, "tail\t" } },
    { "n", CODA_INTEGER, { "1", "-2", NULL, "9223372036854775807", "0",
                           "-9223372036854775808", "3", "4" } },
    { "x", CODA_NUMBER, { "0.5", "0.1", NULL, "1e300", "0.30000000000000004",
                          "-0.5", "0.3333333333333333", "100" } },
    { "ok", CODA_BOOLEAN, { "true", "false", NULL, "true", "false", "true",
                            NULL, "false" } },
    { "tags", CODA_MULTI, { "a|b", "", NULL, "c", "a", "b|c", "x,y", "a" } },
} };

static const char all_csv[] =
    "name,n,x,ok,tags\n"
    "plain,1,0.5,true,a;b\n"
    "\"a,b\",-2,0.1,false,\"\"\n"
    "\"say \"\"hi\"\"\",,,,\n"
    "\"\",9223372036854775807,1e+300,true,c\n"
    "\" lead\",0,0.30000000000000004,false,a\n"
    "\"two\nlines\",-9223372036854775808,-0.5,true,b;c\n"
    ",3,0.3333333333333333,,\"x,y\"\n"
    "\"tail\t\",4,100,false,a\n";

/* Load path; tags, when the table has that column, as multi (';'). */
static coda_table *read_back(const char *path, int tags)
{
    static const char *const cols[] = { "tags" };
    static const char *const seps[] = { ";" };
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.multi_cols = cols;
    o.multi_seps = seps;
    o.nmulti = tags ? 1 : 0;
    coda_table *t = NULL;
    coda_error err;
    coda_status st = coda_csv_load(path, &o, &t, &err);
    ck_assert_msg(st == CODA_OK, "%s: line %ld: %s", path, err.line, err.msg);
    return keep_table(t);
}

START_TEST(test_exact_bytes)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&x_all));
    coda_error err;
    ck_assert_int_eq(coda_csv_write(t, tmp_path(path, dir, "all.csv"), NULL,
                                    &err), CODA_OK);
    gen_buf got = gen_read_file(path, "");
    keep_libc(got.s);
    ck_assert_str_eq(got.s, all_csv);
}
END_TEST

START_TEST(test_round_trip_all_types)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&x_all));
    coda_error err;
    ck_assert_int_eq(coda_csv_write(t, tmp_path(path, dir, "all.csv"), ";",
                                    &err), CODA_OK);
    coda_table *back = read_back(path, 1);
    ck_assert_tables_eq(back, t);
}
END_TEST

static const struct {
    const char *sep;
    const char *want;
} seps[] = {
    { ";", "tags\na;b;c\n\"\"\n" },
    { " | ", "tags\na | b | c\n\"\"\n" },
    { ",", "tags\n\"a,b,c\"\n\"\"\n" },
};

START_TEST(test_multi_separator)
{
    static const xtab x = { 2, { { "tags", CODA_MULTI, { "a|b|c", "" } } } };
    char path[256];
    coda_table *t = keep_table(xtab_build(&x));
    ck_assert_int_eq(coda_csv_write(t, tmp_path(path, dir, "m.csv"),
                                    seps[_i].sep, NULL), CODA_OK);
    gen_buf got = gen_read_file(path, "");
    keep_libc(got.s);
    ck_assert_str_eq(got.s, seps[_i].want);
}
END_TEST

/* Header names are quoted like strings; so is a first name that starts
 * with U+FEFF: bare, its bytes would open the file as a byte-order mark
 * and the loader would drop them (only the first field can be mistaken
 * so).  Each reads back as written. */
static const struct {
    xtab x;
    const char *want;
} headers[] = {
    { { 1, { { "a,b", CODA_INTEGER, { "1" } },
             { "say \"x\"", CODA_INTEGER, { "2" } },
             { " c", CODA_INTEGER, { "3" } } } },
      "\"a,b\",\"say \"\"x\"\"\",\" c\"\n1,2,3\n" },
    { { 1, { { "\xEF\xBB\xBFid", CODA_INTEGER, { "1" } },
             { "\xEF\xBB\xBFx", CODA_INTEGER, { "2" } } } },
      "\"\xEF\xBB\xBFid\",\xEF\xBB\xBFx\n1,2\n" },
    /* text that would read back as another type is quoted, and nothing
     * else is; it reads back as text, even when every field is quoted (a
     * header that needs its quotes says nothing of a quote-all export) */
    { { 4, { { "code", CODA_STRING, { "007", "true", "1e5", "-0" } },
             { "s", CODA_STRING, { " 12", "NA", "1.0", NULL } },
             { "n", CODA_INTEGER, { "1", NULL, "3", "4" } } } },
      "code,s,n\n\"007\",\" 12\",1\n\"true\",NA,\n\"1e5\",\"1.0\",3\n"
      "\"-0\",,4\n" },
    { { 2, { { "a,b", CODA_STRING, { "1", "FALSE" } } } },
      "\"a,b\"\n\"1\"\n\"FALSE\"\n" },
    /* -0 is written -0.0 even beside a decimal: bare, it would read back
     * as the integer 0 */
    { { 2, { { "x", CODA_NUMBER, { "-0", "0.5" } } } }, "x\n-0.0\n0.5\n" },
};

START_TEST(test_header_quoting)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&headers[_i].x));
    ck_assert_int_eq(coda_csv_write(t, tmp_path(path, dir, "h.csv"), NULL,
                                    NULL), CODA_OK);
    gen_buf got = gen_read_file(path, "");
    keep_libc(got.s);
    ck_assert_str_eq(got.s, headers[_i].want);
    coda_table *back = read_back(path, 0);
    ck_assert_tables_eq(back, t);
}
END_TEST

/* Load a generated input, write it, load that: the same table; writing
 * it again gives the same bytes. */
START_TEST(test_round_trip_generated)
{
    coda_table *want;
    gen_buf in = gen_messy(500, 1, &want);
    keep_libc(in.s);
    keep_table(want);
    char p1[256], p2[256];
    coda_error err;
    ck_assert_int_eq(coda_csv_write(want, tmp_path(p1, dir, "1.csv"), NULL,
                                    &err), CODA_OK);
    coda_table *back = read_back(p1, 1);
    ck_assert_tables_eq(back, want);
    ck_assert_int_eq(coda_csv_write(back, tmp_path(p2, dir, "2.csv"), NULL,
                                    &err), CODA_OK);
    gen_buf a = gen_read_file(p1, ""), b = gen_read_file(p2, "");
    keep_libc(a.s);
    keep_libc(b.s);
    ck_assert_uint_eq(a.len, b.len);
    ck_assert_mem_eq(a.s, b.s, a.len);
}
END_TEST

/* Tables that read back as written: one column with a missing value (not
 * a blank line the loader would skip), a number column of whole values
 * (still numbers), subnormal numbers (strtod flags them as an underflow),
 * -0 beside a decimal (written -0.0, it keeps its sign). */
static const xtab round_trips[] = {
    { 3, { { "s", CODA_STRING, { "a", NULL, "b" } } } },
    { 5, { { "x", CODA_NUMBER, { "1", "2", NULL, "-3", "0" } },
           { "n", CODA_INTEGER, { "1", "2", "3", "4", "5" } } } },
    { 4, { { "x", CODA_NUMBER, { "5e-324", "-1e-310",
                                 "2.2250738585072009e-308", "0.5" } } } },
    { 2, { { "x", CODA_NUMBER, { "-0", "0.5" } } } },
};

START_TEST(test_round_trips)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&round_trips[_i]));
    ck_assert_int_eq(coda_csv_write(t, tmp_path(path, dir, "rt.csv"), NULL,
                                    NULL), CODA_OK);
    coda_table *back = read_back(path, 0);
    ck_assert_tables_eq(back, t);
    for (size_t c = 0; c < t->ncol; c++)
        for (size_t r = 0; t->cols[c].type == CODA_NUMBER && r < t->nrow; r++)
            ck_assert_msg(signbit(back->cols[c].v.d[r]) ==
                          signbit(t->cols[c].v.d[r]), "row %zu: the sign "
                          "of %g", r + 1, t->cols[c].v.d[r]);
}
END_TEST

START_TEST(test_missing_folder)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&x_all));
    coda_error err;
    tmp_path(path, dir, "nope/out.csv");
    ck_assert_int_eq(coda_csv_write(t, path, NULL, &err), CODA_EIO);
    ck_assert_int_eq(err.code, CODA_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_ptr_nonnull(strstr(err.msg, strerror(ENOENT)));
    ck_assert_int_eq(tmp_count(dir, ""), 2);
}
END_TEST

START_TEST(test_replaces_existing)
{
    char path[256];
    tmp_path(path, dir, "out.csv");
    tmp_write(path, "old,content\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n"
                    "15,16\n17,18\n19,20\n21,22\n23,24\n25,26\n27,28\n");
    static const xtab x = { 1, { { "a", CODA_INTEGER, { "1" } } } };
    coda_table *t = keep_table(xtab_build(&x));
    ck_assert_int_eq(coda_csv_write(t, path, NULL, NULL), CODA_OK);
    ck_assert(tmp_holds(path, "a\n1\n", 4));
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
}
END_TEST

typedef struct wctx {
    const coda_table *t;
    const char *path;
} wctx;

static coda_status oom_write(void *arg, coda_error *err)
{
    wctx *w = arg;
    coda_status st = coda_csv_write(w->t, w->path, NULL, err);
    if (st != CODA_OK) {
        ck_assert(tmp_holds(w->path, "old\n", 4));
    } else {
        ck_assert(tmp_holds(w->path, all_csv, sizeof all_csv - 1));
        tmp_write(w->path, "old\n");
    }
    ck_assert_int_eq(tmp_count(dir, "out.csv"), 1);
    return st;
}

START_TEST(test_out_of_memory)
{
    char path[256];
    coda_table *t = keep_table(xtab_build(&x_all));
    wctx w = { t, tmp_path(path, dir, "out.csv") };
    tmp_write(path, "old\n");
    ck_assert_int_ge(oom_loop(oom_write, &w, 0), 2);
    ck_assert_int_ge(oom_loop(oom_write, &w, 1), 2);
}
END_TEST

Suite *csv_write_suite(void)
{
    Suite *s = suite_create("csv_write");
    TCase *tc = tcase_create("csv_write");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_exact_bytes);
    tcase_add_test(tc, test_round_trip_all_types);
    tcase_add_loop_test(tc, test_multi_separator, 0, NELEM(seps));
    tcase_add_loop_test(tc, test_header_quoting, 0, NELEM(headers));
    tcase_add_test(tc, test_round_trip_generated);
    tcase_add_loop_test(tc, test_round_trips, 0, NELEM(round_trips));
    tcase_add_test(tc, test_missing_folder);
    tcase_add_test(tc, test_replaces_existing);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
