/* check_expr.c - expressions over a table (expr.h): values against
 * hand-computed answers with R's missing-value rules, compile errors with
 * their byte offset, blocks across EX_BLOCK, out-of-memory runs. */
#include "harness/oom.h"
#include "suites.h"

#include "base_alloc.h"
#include "expr.h"

#include <math.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* x: 1, 2, missing, -4; y: 0.5, missing, 2.5, 4; s: "a", "B", "", missing */
static coda_table *small(void)
{
    coda_table *t = NULL;
    size_t c;
    ck_assert_int_eq(coda_table_create(4, 0, &t), CODA_OK);
    ck_assert_int_eq(coda_table_add_column(t, "x", CODA_INTEGER, &c), CODA_OK);
    const int64_t xs[] = { 1, 2, 0, -4 };
    memcpy(t->cols[c].v.i, xs, sizeof xs);
    ck_assert_int_eq(coda_table_set_missing(t, c, 2), CODA_OK);
    ck_assert_int_eq(coda_table_add_column(t, "y", CODA_NUMBER, &c), CODA_OK);
    const double ys[] = { 0.5, 0, 2.5, 4 };
    memcpy(t->cols[c].v.d, ys, sizeof ys);
    ck_assert_int_eq(coda_table_set_missing(t, c, 1), CODA_OK);
    ck_assert_int_eq(coda_table_add_column(t, "s", CODA_STRING, &c), CODA_OK);
    ck_assert_int_eq(coda_table_set_string(t, c, 0, "a", 1), CODA_OK);
    ck_assert_int_eq(coda_table_set_string(t, c, 1, "B", 1), CODA_OK);
    ck_assert_int_eq(coda_table_set_missing(t, c, 3), CODA_OK);
    return t;
}

/* NAN in want: missing. */
static const struct {
    const char *src;
    double want[4];
} numeric[] = {
    { "x + y", { 1.5, NAN, NAN, 0 } },
    { "x * 2 - 1", { 1, 3, NAN, -9 } },
    { "y / x", { 0.5, NAN, NAN, -1 } },
    { "x // 3", { 0, 0, NAN, -2 } },
    { "x % 3", { 1, 2, NAN, 2 } },
    { "x ^ 2", { 1, 4, NAN, 16 } },
    { "-x", { -1, -2, NAN, 4 } },
    { "coalesce(x, y, 0)", { 1, 2, 2.5, -4 } },
    { "if_else(x > 1, x, y)", { 0.5, 2, NAN, 4 } },
    { "case_when(x < 0, 0, y > 1, 1)", { NAN, NAN, 1, 0 } },
    { "nchar(s)", { 1, 1, 0, NAN } },
    { "abs(x)", { 1, 2, NAN, 4 } },
};

static double value_at(const coda_column *c, size_t r)
{
    if (coda_is_missing(c, r))
        return NAN;
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

START_TEST(test_numeric)
{
    coda_table *t = small(), *o = NULL;
    const char *name = "z";
    coda_error err;
    ck_assert_msg(coda_mutate(t, &name, &numeric[_i].src, 1, &o, &err) ==
                  CODA_OK, "%s: %s", numeric[_i].src, err.msg);
    const coda_column *z = &o->cols[3];
    for (size_t r = 0; r < 4; r++) {
        double got = value_at(z, r), want = numeric[_i].want[r];
        ck_assert_msg(isnan(want) ? isnan(got) : got == want,
                      "%s row %zu: got %g, want %g", numeric[_i].src, r + 1,
                      got, want);
    }
    coda_table_free(o);
    coda_table_free(t);
}
END_TEST

/* -1: missing */
static const struct {
    const char *src;
    int want[4];
} logical[] = {
    { "x > 1 and y > 1", { 0, -1, -1, 0 } },
    { "x > 1 or y > 1", { 0, 1, 1, 1 } },
    { "not (x > 1)", { 1, 0, -1, 1 } },
    { "is_missing(x) or is_missing(s)", { 0, 0, 1, 1 } },
    { "s == 'a'", { 1, 0, 0, -1 } },
    { "contains(s, '^[A-Z]$')", { 0, 1, 0, -1 } },
};

START_TEST(test_logical)
{
    coda_table *t = small(), *o = NULL;
    const char *name = "z";
    coda_error err;
    ck_assert_msg(coda_mutate(t, &name, &logical[_i].src, 1, &o, &err) ==
                  CODA_OK, "%s: %s", logical[_i].src, err.msg);
    const coda_column *z = &o->cols[3];
    ck_assert_int_eq(z->type, CODA_BOOLEAN);
    for (size_t r = 0; r < 4; r++) {
        int got = coda_is_missing(z, r) ? -1 : z->v.b[r];
        ck_assert_msg(got == logical[_i].want[r], "%s row %zu: got %d",
                      logical[_i].src, r + 1, got);
    }
    coda_table_free(o);
    coda_table_free(t);
}
END_TEST

static const struct {
    const char *src;
    coda_status code;
    long offset;
    const char *msg;
} errors[] = {
    { "x + yy", CODA_EPARSE, 4, "unknown column \"yy\" (did you mean \"y\"?) "
      "at position 5" },
    { "x +", CODA_EPARSE, 3, "expected a value at position 4" },
    { "s * 2", CODA_EPARSE, 0, "* needs numbers, not a string value at "
      "position 1" },
    { "upper(x)", CODA_EPARSE, 6, "upper needs strings, not a integer value "
      "at position 7" },
    { "contains(s, '[')", CODA_EREGEX, 12, NULL },
    { "(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1"
      ")))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))",
      CODA_ELIMIT, -2, NULL },
};

START_TEST(test_errors)
{
    coda_table *t = small();
    coda_expr *e = NULL;
    coda_error err;
    ck_assert_int_eq(coda_expr_compile(errors[_i].src, t, &e, &err),
                     errors[_i].code);
    ck_assert_ptr_null(e);
    if (errors[_i].offset >= -1)
        ck_assert_int_eq(err.offset, errors[_i].offset);
    if (errors[_i].msg)
        ck_assert_str_eq(err.msg, errors[_i].msg);
    coda_table_free(t);
}
END_TEST

/* 3000 rows, three blocks: strings made in each block stay right. */
START_TEST(test_blocks)
{
    coda_table *t = NULL, *o = NULL;
    size_t c;
    ck_assert_int_eq(coda_table_create(3000, 0, &t), CODA_OK);
    ck_assert_int_eq(coda_table_add_column(t, "i", CODA_INTEGER, &c), CODA_OK);
    for (size_t r = 0; r < 3000; r++)
        t->cols[0].v.i[r] = (int64_t)r;
    const char *name = "z", *src = "if_else(i % 2 == 0, upper('ab'), "
                                   "sub('xyz', 'y', 'Y'))";
    coda_error err;
    ck_assert_int_eq(coda_mutate(t, &name, &src, 1, &o, &err), CODA_OK);
    for (size_t r = 0; r < 3000; r++)
        ck_assert_str_eq(o->cols[1].v.s.p[r], r % 2 ? "xYz" : "AB");
    coda_table_free(o);
    coda_table_free(t);
}
END_TEST

static coda_status mutate_op(void *ctx, coda_error *err)
{
    coda_table *t = ctx;
    const char *names[] = { "a", "b" };
    const char *srcs[] = { "cut(y, {0, 1, inf}, {'lo', 'hi'})",
                           "gsub(lower(s), '[a-z]', 'zz')" };
    coda_table *o = NULL;
    coda_status st = coda_mutate(t, names, srcs, 2, &o, err);
    coda_table_free(o);
    return st;
}

START_TEST(test_out_of_memory)
{
    coda_table *t = small();
    oom_install();
    oom_loop(mutate_op, t, _i);
    oom_remove();
    coda_table_free(t);
}
END_TEST

Suite *expr_suite(void)
{
    Suite *s = suite_create("expr");
    TCase *tc = tcase_create("expr");
    tcase_add_loop_test(tc, test_numeric, 0, NELEM(numeric));
    tcase_add_loop_test(tc, test_logical, 0, NELEM(logical));
    tcase_add_loop_test(tc, test_errors, 0, NELEM(errors));
    tcase_add_test(tc, test_blocks);
    tcase_add_loop_test(tc, test_out_of_memory, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}
