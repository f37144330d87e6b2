/* check_table.c - the Dataset (table.h): creating, filling, deriving and
 * freeing tables; and the tests' table comparer (harness/tabcmp.h). */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- tests --------------------------------------------------------------- */

static void teardown(void)
{
    test_teardown();
}

static const struct {
    coda_type type;
    const char *name;
} type_names[] = {
    { CODA_INTEGER, "integer" }, { CODA_NUMBER, "number" },
    { CODA_STRING, "string" }, { CODA_BOOLEAN, "boolean" },
    { CODA_MULTI, "multi" },
};

START_TEST(test_type_names)
{
    coda_type t = (coda_type)99;
    ck_assert_str_eq(coda_type_name(type_names[_i].type), type_names[_i].name);
    ck_assert_int_eq(coda_type_parse(type_names[_i].name, &t), 1);
    ck_assert_int_eq(t, type_names[_i].type);
}
END_TEST

START_TEST(test_type_parse_unknown)
{
    static const char *const bad[] = { "", "Integer", "int", "float",
                                       "numbers", "string ", "bool" };
    coda_type t = CODA_MULTI;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(coda_type_parse(bad[i], &t) == 0, "\"%s\"", bad[i]);
    ck_assert_int_eq(t, CODA_MULTI); /* untouched */
    ck_assert_str_eq(coda_type_name((coda_type)99), "unknown");
}
END_TEST

/* A fresh column of each type holds zero, "" or the empty set, nothing
 * missing; the table finds it by name. */
START_TEST(test_init_column_defaults)
{
    coda_table *t = keep_table(tb_new(3, 5));
    for (size_t c = 0; c < 5; c++)
        tb_col(t, c, type_names[c].name, type_names[c].type);
    for (size_t r = 0; r < 3; r++) {
        ck_assert_int_eq(t->cols[0].v.i[r], 0);
        ck_assert(t->cols[1].v.d[r] == 0.0);
        ck_assert_str_eq(t->cols[2].v.s.p[r], "");
        ck_assert_uint_eq(t->cols[2].v.s.len[r], 0);
        ck_assert_int_eq(t->cols[3].v.b[r], 0);
        ck_assert_uint_eq(t->cols[4].v.m.off[r + 1], t->cols[4].v.m.off[r]);
        for (size_t c = 0; c < 5; c++)
            ck_assert(!coda_is_missing(&t->cols[c], r));
    }
    ck_assert_ptr_nonnull(t->cols[4].v.m.labels);
    ck_assert_uint_eq(t->cols[4].v.m.labels->n, 0);
    for (size_t c = 0; c < 5; c++)
        ck_assert_int_eq(coda_table_find(t, type_names[c].name), (long)c);
    ck_assert_int_eq(coda_table_find(t, "nope"), -1);
    ck_assert_int_eq(coda_table_find(t, "Integer"), -1);
    coda_table_free(NULL);
}
END_TEST

START_TEST(test_find_with_unset_columns)
{
    coda_table *t = keep_table(tb_new(1, 3));
    tb_col(t, 1, "b", CODA_STRING);
    ck_assert_int_eq(coda_table_find(t, "b"), 1);
    ck_assert_int_eq(coda_table_find(t, "a"), -1);
}
END_TEST

START_TEST(test_zero_rows)
{
    coda_table *t = keep_table(tb_new(0, 5));
    for (size_t c = 0; c < 5; c++)
        tb_col(t, c, type_names[c].name, type_names[c].type);
    ck_assert_uint_eq(t->nrow, 0);
    ck_assert_uint_eq(t->cols[4].v.m.off[0], 0);
    coda_table *u = NULL, *v = NULL;
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &u), CODA_OK);
    keep_table(u);
    ck_assert_tables_eq(u, t);
    ck_assert_int_eq(coda_table_select(t, NULL, 0, &v), CODA_OK);
    keep_table(v);
    ck_assert_uint_eq(v->ncol, 0);
    ck_assert_uint_eq(v->nrow, 0);
}
END_TEST

START_TEST(test_reinit_column)
{
    coda_table *t = keep_table(tb_new(2, 1));
    tb_col(t, 0, "x", CODA_MULTI);
    tb_cell(t, 0, 0, "a|b");
    tb_col(t, 0, "y", CODA_STRING); /* replaces the multi column */
    ck_assert_str_eq(t->cols[0].name, "y");
    ck_assert_int_eq(t->cols[0].type, CODA_STRING);
    ck_assert_str_eq(t->cols[0].v.s.p[0], "");
}
END_TEST

START_TEST(test_set_string_copies)
{
    coda_table *t = keep_table(tb_new(3, 1));
    tb_col(t, 0, "s", CODA_STRING);
    char buf[] = "abc,def";
    ck_assert_int_eq(coda_table_set_string(t, 0, 0, buf, 3), CODA_OK);
    ck_assert_int_eq(coda_table_set_string(t, 0, 2, "x\0y", 3), CODA_OK);
    ck_assert_int_eq(coda_table_set_string(t, 0, 1, buf, 0), CODA_OK);
    memset(buf, '-', sizeof buf - 1);
    ck_assert_str_eq(t->cols[0].v.s.p[0], "abc");
    ck_assert_uint_eq(t->cols[0].v.s.len[0], 3);
    ck_assert_str_eq(t->cols[0].v.s.p[1], "");
    ck_assert_uint_eq(t->cols[0].v.s.len[1], 0);
    ck_assert_mem_eq(t->cols[0].v.s.p[2], "x\0y\0", 4);
    ck_assert_uint_ge(t->npools, 1);
}
END_TEST

START_TEST(test_set_missing)
{
    coda_table *t = keep_table(tb_new(4, 2));
    tb_col(t, 0, "i", CODA_INTEGER);
    tb_col(t, 1, "s", CODA_STRING);
    ck_assert_ptr_null(t->cols[0].missing);
    ck_assert_int_eq(coda_table_set_missing(t, 0, 2), CODA_OK);
    ck_assert_int_eq(coda_table_set_missing(t, 0, 2), CODA_OK);
    for (size_t r = 0; r < 4; r++) {
        ck_assert_int_eq(coda_is_missing(&t->cols[0], r), r == 2);
        ck_assert(!coda_is_missing(&t->cols[1], r));
    }
}
END_TEST

START_TEST(test_set_multi_and_has)
{
    coda_table *t = keep_table(tb_new(3, 1));
    tb_col(t, 0, "m", CODA_MULTI);
    uint32_t a, b, c;
    coda_labels *l = t->cols[0].v.m.labels;
    coda_labels_intern(l, "a", 1, &a);
    coda_labels_intern(l, "b", 1, &b);
    coda_labels_intern(l, "c", 1, &c);
    uint32_t r0[] = { b, a }, r2[] = { c };
    ck_assert_int_eq(coda_table_set_multi(t, 0, 0, r0, 2), CODA_OK);
    ck_assert_int_eq(coda_table_set_multi(t, 0, 1, r2, 0), CODA_OK);
    ck_assert_int_eq(coda_table_set_multi(t, 0, 2, r2, 1), CODA_OK);
    const coda_column *col = &t->cols[0];
    ck_assert(coda_multi_has(col, 0, a) && coda_multi_has(col, 0, b));
    ck_assert(!coda_multi_has(col, 0, c));
    ck_assert(!coda_multi_has(col, 1, a) && !coda_multi_has(col, 1, c));
    ck_assert(coda_multi_has(col, 2, c) && !coda_multi_has(col, 2, b));
    ck_assert_uint_eq(col->v.m.off[3], 3);
    ck_assert_uint_eq(col->v.m.ids[0], b); /* order kept */
}
END_TEST

/* The empty set given as (NULL, 0), as a caller with no labels would. */
START_TEST(test_set_multi_empty_null)
{
    coda_table *t = keep_table(tb_new(2, 1));
    tb_col(t, 0, "m", CODA_MULTI);
    ck_assert_int_eq(coda_table_set_multi(t, 0, 0, NULL, 0), CODA_OK);
    uint32_t id;
    coda_labels_intern(t->cols[0].v.m.labels, "a", 1, &id);
    ck_assert_int_eq(coda_table_set_multi(t, 0, 1, &id, 1), CODA_OK);
    ck_assert_uint_eq(t->cols[0].v.m.off[1], 0);
    ck_assert_uint_eq(t->cols[0].v.m.off[2], 1);
}
END_TEST

static const xtab sample = {
    4, {
        { "i", CODA_INTEGER, { "1", NULL, "-3", "9223372036854775807" } },
        { "x", CODA_NUMBER, { "0.5", "-2", NULL, "1e300" } },
        { "s", CODA_STRING, { "a", "", "c", NULL } },
        { "b", CODA_BOOLEAN, { "true", "false", NULL, "true" } },
        { "m", CODA_MULTI, { "p|q", "", NULL, "q|r" } },
    }
};

static const xtab sample_taken = { /* rows 3, 0, 0, 2 of sample */
    4, {
        { "i", CODA_INTEGER, { "9223372036854775807", "1", "1", "-3" } },
        { "x", CODA_NUMBER, { "1e300", "0.5", "0.5", NULL } },
        { "s", CODA_STRING, { NULL, "a", "a", "c" } },
        { "b", CODA_BOOLEAN, { "true", "true", "true", NULL } },
        { "m", CODA_MULTI, { "q|r", "p|q", "p|q", NULL } },
    }
};

/* take shares the vocabulary whole: p, q, r in sample's order */
START_TEST(test_take_rows)
{
    coda_table *t = keep_table(xtab_build(&sample)), *u = NULL;
    size_t rows[] = { 3, 0, 0, 2 };
    ck_assert_int_eq(coda_table_take(t, rows, 4, &u), CODA_OK);
    keep_table(u);
    coda_table *want = keep_table(tb_new(4, 5));
    for (size_t c = 0; c < 5; c++) {
        tb_col(want, c, sample.c[c].name, sample.c[c].type);
        if (c == 4)
            tb_labels(want, c, "p|q|r"); /* the whole vocabulary of t */
        for (size_t r = 0; r < 4; r++)
            tb_cell(want, c, r, sample_taken.c[c].v[r]);
    }
    ck_assert_tables_eq(u, want);
    ck_assert_ptr_eq(u->cols[4].v.m.labels, t->cols[4].v.m.labels);
    ck_assert_ptr_eq(u->cols[2].v.s.p[1], t->cols[2].v.s.p[0]); /* shared */
    keep_free_table(t); /* u keeps the strings and labels alive */
    ck_assert_tables_eq(u, want);
}
END_TEST

/* gather_columns on 1 and 3 threads: the columns take would give,
 * picked in another order, one twice. */
START_TEST(test_gather_columns)
{
    static const char *const threads[] = { "1", "3" };
    coda_table *t = keep_table(xtab_build(&sample));
    size_t rows[] = { 3, 0, 0, 2 }, cols[] = { 4, 2, 0, 1, 3, 2 };
    for (size_t n = 0; n < 2; n++) {
        setenv("CODA_THREADS", threads[n], 1);
        coda_table *u = NULL;
        ck_assert_int_eq(coda_table_create(4, 6, &u), CODA_OK);
        keep_table(u);
        ck_assert_int_eq(coda_table_gather_columns(u, 0, t, cols, 6, rows, 4),
                         CODA_OK);
        coda_table *want = keep_table(tb_new(4, 6));
        for (size_t c = 0; c < 6; c++) {
            size_t sc = cols[c];
            tb_col(want, c, sample.c[sc].name, sample.c[sc].type);
            if (sc == 4)
                tb_labels(want, c, "p|q|r");
            for (size_t r = 0; r < 4; r++)
                tb_cell(want, c, r, sample_taken.c[sc].v[r]);
        }
        ck_assert_tables_eq(u, want);
    }
    unsetenv("CODA_THREADS");
}
END_TEST

START_TEST(test_select_columns)
{
    coda_table *t = keep_table(xtab_build(&sample)), *u = NULL;
    size_t cols[] = { 4, 2, 2, 0 };
    ck_assert_int_eq(coda_table_select(t, cols, 4, &u), CODA_OK);
    keep_table(u);
    ck_assert_uint_eq(u->ncol, 4);
    ck_assert_uint_eq(u->nrow, 4);
    coda_table *want = keep_table(tb_new(4, 4));
    for (size_t j = 0; j < 4; j++) {
        const xcol *x = &sample.c[cols[j]];
        tb_col(want, j, x->name, x->type);
        for (size_t r = 0; r < 4; r++)
            tb_cell(want, j, r, x->v[r]);
    }
    keep_free_table(t);
    ck_assert_tables_eq(u, want);
    ck_assert_int_eq(coda_table_find(u, "s"), 1); /* the first of the two */
}
END_TEST

/* The comparer itself must see each kind of difference. */
START_TEST(test_tab_diff_sees_differences)
{
    static const xtab b1 = { 2, { { "a", CODA_STRING, { "x", "y" } } } };
    static const xtab b2 = { 2, { { "a", CODA_STRING, { "x", "y " } } } };
    static const xtab b3 = { 2, { { "a", CODA_STRING, { "x", NULL } } } };
    static const xtab b4 = { 2, { { "b", CODA_STRING, { "x", "y" } } } };
    static const xtab b5 = { 1, { { "a", CODA_STRING, { "x" } } } };
    static const xtab b6 = { 2, { { "a", CODA_MULTI, { "x", "y" } } } };
    static const xtab b7 = { 2, { { "a", CODA_MULTI, { "x", "y|x" } } } };
    static const xtab b8 = { 2, { { "a", CODA_MULTI, { "x", "x|y" } } } };
    static const xtab b9 = { 2, { { "a", CODA_NUMBER, { "1", "2" } } } };
    static const xtab b10 = { 2, { { "a", CODA_NUMBER, { "1", "2.00001" } } } };
    const xtab *pairs[][2] = { { &b1, &b2 }, { &b1, &b3 }, { &b1, &b4 },
                               { &b1, &b5 }, { &b1, &b6 }, { &b6, &b7 },
                               { &b7, &b8 }, { &b9, &b10 } };
    char why[600];
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        coda_table *x = xtab_build(pairs[i][0]), *y = xtab_build(pairs[i][1]);
        ck_assert_msg(tab_diff(x, y, why, sizeof why) == 1, "pair %zu", i);
        ck_assert_msg(tab_diff(x, x, why, sizeof why) == 0, "pair %zu", i);
        coda_table_free(x);
        coda_table_free(y);
    }
}
END_TEST

static coda_status build_and_derive(void *ctx, coda_error *err)
{
    (void)ctx;
    coda_table *t = NULL, *u = NULL, *v = NULL;
    coda_status st = coda_table_create(3, 3, &t);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 0, "s", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 1, "m", CODA_MULTI);
    if (st == CODA_OK)
        st = coda_table_init_column(t, 2, "i", CODA_INTEGER);
    uint32_t id = 0;
    if (st == CODA_OK)
        st = coda_labels_intern(t->cols[1].v.m.labels, "lab", 3, &id);
    for (size_t r = 0; r < 3 && st == CODA_OK; r++) {
        st = coda_table_set_string(t, 0, r, "text", 4);
        if (st == CODA_OK)
            st = coda_table_set_multi(t, 1, r, &id, r % 2);
        if (st == CODA_OK && r == 1)
            st = coda_table_set_missing(t, 2, r);
    }
    size_t rows[] = { 2, 1, 1, 0 }, cols[] = { 1, 0, 1 };
    if (st == CODA_OK)
        st = coda_table_take(t, rows, 4, &u);
    if (st == CODA_OK)
        st = coda_table_select(t, cols, 3, &v);
    if (st == CODA_OK) {
        ck_assert_uint_eq(u->cols[1].v.m.off[4], 2);
        ck_assert(coda_is_missing(&u->cols[2], 1));
        ck_assert_str_eq(v->cols[1].v.s.p[2], "text");
    }
    coda_table_free(v);
    coda_table_free(u);
    coda_table_free(t);
    if (st != CODA_OK)
        coda_error_set(err, st, NULL, 0, 0, "%s", coda_strerror(st));
    return st;
}

START_TEST(test_table_out_of_memory)
{
    ck_assert_int_gt(oom_loop(build_and_derive, NULL, 0), 10);
    ck_assert_int_gt(oom_loop(build_and_derive, NULL, 1), 10);
}
END_TEST

/* A share borrows the base's arrays: writes to it copy first, the base
 * stays as it was, and either may be freed first. */
START_TEST(test_share_borrows)
{
    for (int base_first = 0; base_first < 2; base_first++) {
        coda_table *t = NULL, *s = NULL;
        size_t c;
        ck_assert_int_eq(coda_table_create(3, 0, &t), CODA_OK);
        ck_assert_int_eq(coda_table_add_column(t, "x", CODA_INTEGER, &c), CODA_OK);
        ck_assert_int_eq(coda_table_add_column(t, "s", CODA_STRING, &c), CODA_OK);
        ck_assert_int_eq(coda_table_set_string(t, 1, 0, "a", 1), CODA_OK);
        t->cols[0].v.i[2] = 7;
        ck_assert_int_eq(coda_table_share(t, &s), CODA_OK);
        ck_assert_ptr_eq(s->cols[0].v.i, t->cols[0].v.i);   /* not copied */
        ck_assert_int_eq(coda_table_set_missing(s, 0, 1), CODA_OK);
        ck_assert_int_eq(coda_table_set_string(s, 1, 0, "b", 1), CODA_OK);
        ck_assert_ptr_null(t->cols[0].missing);
        ck_assert_str_eq(t->cols[1].v.s.p[0], "a");
        ck_assert_str_eq(s->cols[1].v.s.p[0], "b");
        ck_assert(coda_is_missing(&s->cols[0], 1) && s->cols[0].v.i[2] == 7);
        ck_assert_int_eq(coda_table_add_column(s, "x", CODA_NUMBER, &c), CODA_OK);
        ck_assert_int_eq(t->cols[0].type, CODA_INTEGER);
        ck_assert_int_eq(t->cols[0].v.i[2], 7);
        coda_table_free(base_first ? t : s);
        coda_table_free(base_first ? s : t);
    }
}
END_TEST

Suite *table_suite(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("table");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_type_names, 0,
                        sizeof type_names / sizeof type_names[0]);
    tcase_add_test(tc, test_type_parse_unknown);
    tcase_add_test(tc, test_init_column_defaults);
    tcase_add_test(tc, test_find_with_unset_columns);
    tcase_add_test(tc, test_zero_rows);
    tcase_add_test(tc, test_reinit_column);
    tcase_add_test(tc, test_set_string_copies);
    tcase_add_test(tc, test_set_missing);
    tcase_add_test(tc, test_set_multi_and_has);
    tcase_add_test(tc, test_set_multi_empty_null);
    tcase_add_test(tc, test_take_rows);
    tcase_add_test(tc, test_select_columns);
    tcase_add_test(tc, test_share_borrows);
    tcase_add_test(tc, test_gather_columns);
    tcase_add_test(tc, test_tab_diff_sees_differences);
    tcase_add_test(tc, test_table_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
