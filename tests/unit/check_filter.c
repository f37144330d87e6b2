/* check_filter.c - choosing rows by comparing one column with values
 * (filter.h): every operator on every column type, missing values matching
 * nothing but "missing", type and arity errors, "in" and "has". */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "filter.h"

#include <math.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Bytewise the strings sort "" < "B" < "a" < "e-acute". */
#define EACUTE "\xC3\xA9"

static const xtab x_data = { 5, {
    { "count", CODA_INTEGER, { "3", "1", NULL, "2", "5" } },
    { "share", CODA_NUMBER, { "2.5", "-1", "0.5", NULL, "2.5" } },
    { "state", CODA_STRING, { EACUTE, "a", "B", "", NULL } },
    { "active", CODA_BOOLEAN, { "true", "false", NULL, "true", "false" } },
    { "areas", CODA_MULTI, { "x|y", "", NULL, "y", "z|x" } },
    { "full", CODA_INTEGER, { "1", "2", "3", "4", "5" } } } };

#define I(x) { CODA_INTEGER, (x), 0, 0, NULL, 0 }
#define D(x) { CODA_NUMBER, 0, (x), 0, NULL, 0 }
#define B(x) { CODA_BOOLEAN, 0, 0, (x), NULL, 0 }
#define S(x) { CODA_STRING, 0, 0, 0, (x), sizeof(x) - 1 }
#define SN(x, n) { CODA_STRING, 0, 0, 0, (x), (n) }
#define END (-1)

typedef struct fcase {
    const char *col;
    coda_op op;
    size_t nv;
    coda_value v[3];
    int rows[6];                /* expected rows, END-terminated */
} fcase;

static const fcase cases[] = {
    /* integer column: 3, 1, missing, 2, 5 */
    { "count", CODA_OP_EQ, 1, { I(2) }, { 3, END } },
    { "count", CODA_OP_NE, 1, { I(2) }, { 0, 1, 4, END } },
    { "count", CODA_OP_LT, 1, { I(3) }, { 1, 3, END } },
    { "count", CODA_OP_LE, 1, { I(3) }, { 0, 1, 3, END } },
    { "count", CODA_OP_GT, 1, { I(2) }, { 0, 4, END } },
    { "count", CODA_OP_GE, 1, { I(2) }, { 0, 3, 4, END } },
    { "count", CODA_OP_IN, 3, { I(1), I(5), I(7) }, { 1, 4, END } },
    { "count", CODA_OP_MISSING, 0, { { 0 } }, { 2, END } },
    { "count", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 3, 4, END } },
    { "count", CODA_OP_EQ, 1, { D(2.0) }, { 3, END } },
    { "count", CODA_OP_LT, 1, { D(2.5) }, { 1, 3, END } },
    { "count", CODA_OP_GT, 1, { D(2.5) }, { 0, 4, END } },
    { "count", CODA_OP_EQ, 1, { D(2.5) }, { END } },
    { "count", CODA_OP_GT, 1, { I(100) }, { END } },
    /* number column: 2.5, -1, 0.5, missing, 2.5 */
    { "share", CODA_OP_EQ, 1, { D(2.5) }, { 0, 4, END } },
    { "share", CODA_OP_NE, 1, { D(2.5) }, { 1, 2, END } },
    { "share", CODA_OP_LT, 1, { D(0.5) }, { 1, END } },
    { "share", CODA_OP_LE, 1, { D(0.5) }, { 1, 2, END } },
    { "share", CODA_OP_GT, 1, { D(0.5) }, { 0, 4, END } },
    { "share", CODA_OP_GE, 1, { D(-1) }, { 0, 1, 2, 4, END } },
    { "share", CODA_OP_EQ, 1, { I(-1) }, { 1, END } },
    { "share", CODA_OP_GT, 1, { I(0) }, { 0, 2, 4, END } },
    { "share", CODA_OP_IN, 2, { D(0.5), I(-1) }, { 1, 2, END } },
    { "share", CODA_OP_MISSING, 0, { { 0 } }, { 3, END } },
    { "share", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 2, 4, END } },
    /* string column: e-acute, "a", "B", "", missing */
    { "state", CODA_OP_EQ, 1, { S("a") }, { 1, END } },
    { "state", CODA_OP_NE, 1, { S("a") }, { 0, 2, 3, END } },
    { "state", CODA_OP_LT, 1, { S("a") }, { 2, 3, END } },
    { "state", CODA_OP_LE, 1, { S("a") }, { 1, 2, 3, END } },
    { "state", CODA_OP_GT, 1, { S("B") }, { 0, 1, END } },
    { "state", CODA_OP_GT, 1, { S("z") }, { 0, END } },
    { "state", CODA_OP_GE, 1, { S("") }, { 0, 1, 2, 3, END } },
    { "state", CODA_OP_EQ, 1, { S("") }, { 3, END } },
    { "state", CODA_OP_LT, 1, { S("ab") }, { 1, 2, 3, END } },
    { "state", CODA_OP_EQ, 1, { SN("abc", 1) }, { 1, END } },
    { "state", CODA_OP_IN, 3, { S(EACUTE), S(""), S("zz") }, { 0, 3, END } },
    { "state", CODA_OP_MISSING, 0, { { 0 } }, { 4, END } },
    { "state", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 2, 3, END } },
    /* boolean column: true, false, missing, true, false */
    { "active", CODA_OP_EQ, 1, { B(1) }, { 0, 3, END } },
    { "active", CODA_OP_EQ, 1, { B(0) }, { 1, 4, END } },
    { "active", CODA_OP_NE, 1, { B(1) }, { 1, 4, END } },
    { "active", CODA_OP_IN, 2, { B(1), B(0) }, { 0, 1, 3, 4, END } },
    { "active", CODA_OP_MISSING, 0, { { 0 } }, { 2, END } },
    { "active", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 3, 4, END } },
    /* multi column: {x,y}, {}, missing, {y}, {z,x} */
    { "areas", CODA_OP_HAS, 1, { S("x") }, { 0, 4, END } },
    { "areas", CODA_OP_HAS, 1, { S("y") }, { 0, 3, END } },
    { "areas", CODA_OP_HAS, 2, { S("x"), S("y") }, { 0, END } },
    { "areas", CODA_OP_HAS, 1, { SN("xy", 1) }, { 0, 4, END } },
    { "areas", CODA_OP_HAS, 1, { S("w") }, { END } },
    { "areas", CODA_OP_HAS, 2, { S("x"), S("w") }, { END } },
    { "areas", CODA_OP_IN, 2, { S("y"), S("z") }, { 0, 3, 4, END } },
    { "areas", CODA_OP_IN, 2, { S("w"), S("x") }, { 0, 4, END } },
    { "areas", CODA_OP_IN, 1, { S("w") }, { END } },
    { "areas", CODA_OP_MISSING, 0, { { 0 } }, { 2, END } },
    { "areas", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 3, 4, END } },
    /* NaN equals nothing, orders with nothing, differs from everything */
    { "share", CODA_OP_EQ, 1, { D(NAN) }, { END } },
    { "share", CODA_OP_LE, 1, { D(NAN) }, { END } },
    { "share", CODA_OP_GE, 1, { D(NAN) }, { END } },
    { "share", CODA_OP_NE, 1, { D(NAN) }, { 0, 1, 2, 4, END } },
    { "count", CODA_OP_EQ, 1, { D(NAN) }, { END } },
    { "count", CODA_OP_IN, 1, { D(NAN) }, { END } },
    /* a column with nothing missing */
    { "full", CODA_OP_MISSING, 0, { { 0 } }, { END } },
    { "full", CODA_OP_PRESENT, 0, { { 0 } }, { 0, 1, 2, 3, 4, END } },
    { "full", CODA_OP_NE, 1, { I(3) }, { 0, 1, 3, 4, END } },
};

typedef struct ecase {
    const char *col;
    coda_op op;
    size_t nv;
    coda_value v[2];
    coda_status st;
} ecase;

static const ecase errors[] = {
    { "count", CODA_OP_EQ, 1, { S("2") }, CODA_ETYPE },
    { "count", CODA_OP_LT, 1, { B(1) }, CODA_ETYPE },
    { "count", CODA_OP_IN, 2, { I(1), S("x") }, CODA_ETYPE },
    { "share", CODA_OP_GE, 1, { S("1") }, CODA_ETYPE },
    { "state", CODA_OP_EQ, 1, { I(1) }, CODA_ETYPE },
    { "state", CODA_OP_LT, 1, { D(1.5) }, CODA_ETYPE },
    { "active", CODA_OP_EQ, 1, { I(1) }, CODA_ETYPE },
    { "active", CODA_OP_EQ, 1, { S("true") }, CODA_ETYPE },
    { "areas", CODA_OP_HAS, 1, { I(1) }, CODA_ETYPE },
    { "state", CODA_OP_HAS, 1, { S("a") }, CODA_ETYPE },
    { "count", CODA_OP_HAS, 1, { I(1) }, CODA_ETYPE },
    { "count", CODA_OP_EQ, 0, { { 0 } }, CODA_EARG },
    { "count", CODA_OP_EQ, 2, { I(1), I(2) }, CODA_EARG },
    { "state", CODA_OP_LT, 2, { S("a"), S("b") }, CODA_EARG },
    { "count", CODA_OP_MISSING, 1, { I(1) }, CODA_EARG },
    { "state", CODA_OP_PRESENT, 1, { S("a") }, CODA_EARG },
    { "areas", CODA_OP_HAS, 0, { { 0 } }, CODA_EARG },
    { "areas", CODA_OP_EQ, 1, { S("x") }, CODA_ETYPE },
    { "active", CODA_OP_LT, 1, { B(1) }, CODA_ETYPE },
};

static coda_table *data;

static void setup(void)
{
    data = xtab_build(&x_data);
}

static void teardown(void)
{
    test_teardown();
    coda_table_free(data);
    data = NULL;
}

static size_t col_of(const char *name)
{
    long c = coda_table_find(data, name);
    ck_assert_int_ge(c, 0);
    return (size_t)c;
}

START_TEST(test_filter_cases)
{
    const fcase *k = &cases[_i];
    size_t *rows = NULL, n = 99;
    coda_error err;
    coda_status st = coda_filter_rows(data, col_of(k->col), k->op, k->v, k->nv,
                                      &rows, &n, &err);
    ck_assert_msg(st == CODA_OK, "case %d (%s): %s", _i, k->col, err.msg);
    keep_coda(rows);
    size_t want = 0;
    while (k->rows[want] != END)
        want++;
    ck_assert_msg(n == want, "case %d (%s): %zu rows, expected %zu", _i,
                  k->col, n, want);
    for (size_t j = 0; j < n; j++)
        ck_assert_msg(rows[j] == (size_t)k->rows[j], "case %d (%s): row %zu "
                      "is %zu, expected %d", _i, k->col, j, rows[j],
                      k->rows[j]);
}
END_TEST

START_TEST(test_filter_errors)
{
    const ecase *k = &errors[_i];
    size_t *rows = NULL, n = 99;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_filter_rows(data, col_of(k->col), k->op, k->v, k->nv,
                                      &rows, &n, &err);
    if (st == CODA_OK)
        coda_free(rows);
    ck_assert_msg(st == k->st, "case %d (%s): %s, expected %s", _i, k->col,
                  coda_strerror(st), coda_strerror(k->st));
    ck_assert_int_eq(err.code, k->st);
    ck_assert_msg(err.msg[0] != '\0', "case %d: no message", _i);
    if (k->st == CODA_ETYPE)
        ck_assert_msg(strstr(err.msg, k->col), "case %d: \"%s\" does not "
                      "name column %s", _i, err.msg, k->col);
}
END_TEST

static const struct {
    const char *name;
    int ok;
    coda_op op;
} ops[] = {
    { "==", 1, CODA_OP_EQ }, { "~=", 1, CODA_OP_NE }, { "!=", 1, CODA_OP_NE },
    { "<", 1, CODA_OP_LT }, { "<=", 1, CODA_OP_LE }, { ">", 1, CODA_OP_GT },
    { ">=", 1, CODA_OP_GE }, { "in", 1, CODA_OP_IN }, { "has", 1, CODA_OP_HAS },
    { "missing", 1, CODA_OP_MISSING }, { "present", 1, CODA_OP_PRESENT },
    { "=", 0, 0 }, { "", 0, 0 }, { "IN", 0, 0 }, { "has ", 0, 0 },
    { "<>", 0, 0 }, { "=<", 0, 0 },
};

START_TEST(test_op_parse)
{
    coda_op op = (coda_op)77;
    ck_assert_int_eq(coda_op_parse(ops[_i].name, &op), ops[_i].ok);
    if (ops[_i].ok)
        ck_assert_int_eq(op, ops[_i].op);
}
END_TEST

/* Many rows: the result is every match, in order. */
START_TEST(test_filter_many_rows)
{
    enum { N = 10000 };
    coda_table *t = keep_table(tb_new(N, 1));
    tb_col(t, 0, "v", CODA_INTEGER);
    for (size_t r = 0; r < N; r++) {
        t->cols[0].v.i[r] = (int64_t)(r * 7919 % 1000);
        if (r % 10 == 3)
            ck_assert_int_eq(coda_table_set_missing(t, 0, r), CODA_OK);
    }
    coda_value v = I(500);
    size_t *rows, n, want = 0;
    ck_assert_int_eq(coda_filter_rows(t, 0, CODA_OP_GE, &v, 1, &rows, &n,
                                      NULL), CODA_OK);
    keep_coda(rows);
    for (size_t r = 0; r < N; r++) {
        if (r % 10 == 3 || r * 7919 % 1000 < 500)
            continue;
        ck_assert_uint_lt(want, n);
        ck_assert_uint_eq(rows[want], r);
        want++;
    }
    ck_assert_uint_eq(n, want);
}
END_TEST

/* Integers past 2^53 compare exactly with numbers, as Lua compares them. */
START_TEST(test_filter_large_integers)
{
    static const xtab x = { 2, {
        { "big", CODA_INTEGER, { "9007199254740993", "9007199254740992" } },
        { "num", CODA_NUMBER, { "9007199254740992", "1" } } } };
    static const struct {
        size_t col;
        coda_op op;
        coda_value v;
        size_t n, first;
    } k[] = {
        { 0, CODA_OP_GT, D(9007199254740992.0), 1, 0 },
        { 0, CODA_OP_EQ, D(9007199254740992.0), 1, 1 },
        { 1, CODA_OP_EQ, I(9007199254740993), 0, 0 },
        { 1, CODA_OP_LT, I(9007199254740993), 2, 0 },
        /* 2^53 and -2^53 are numbers exactly */
        { 1, CODA_OP_EQ, I(9007199254740992), 1, 0 },
        { 1, CODA_OP_LT, I(9007199254740992), 1, 1 },
        { 1, CODA_OP_GT, I(-9007199254740992), 2, 0 },
        { 0, CODA_OP_NE, I(9007199254740992), 1, 0 },
    };
    coda_table *t = keep_table(xtab_build(&x));
    for (size_t i = 0; i < NELEM(k); i++) {
        size_t *rows, n;
        ck_assert_int_eq(coda_filter_rows(t, k[i].col, k[i].op, &k[i].v, 1,
                                          &rows, &n, NULL), CODA_OK);
        int ok = n == k[i].n && (n == 0 || rows[0] == k[i].first);
        coda_free(rows);
        ck_assert_msg(ok, "case %zu: %zu rows, expected %zu", i, n, k[i].n);
    }
}
END_TEST

static coda_status oom_filter(void *arg, coda_error *err)
{
    const fcase *k = arg;
    size_t *rows = NULL, n = 0;
    coda_status st = coda_filter_rows(data, col_of(k->col), k->op, k->v, k->nv,
                                      &rows, &n, err);
    if (st == CODA_OK)
        coda_free(rows);
    return st;
}

START_TEST(test_filter_out_of_memory)
{
    for (size_t i = 0; i < NELEM(cases); i++) {
        fcase k = cases[i];
        oom_loop(oom_filter, &k, 0);
    }
}
END_TEST

/* Set logic: conditions on the columns of x_data (see the cases above). */
#define C(col, op, n, ...) { (col), (op), (const coda_value[]){ __VA_ARGS__ }, (n) }

static const coda_cond w_adult[] = {            /* rows 0, 3, 4 ... */
    C(0, CODA_OP_GE, 1, I(2)),
    C(3, CODA_OP_EQ, 1, B(1)),                  /* ... and 0, 3: { 0, 3 } */
};
static const coda_cond w_rare[] = {
    C(0, CODA_OP_EQ, 1, I(1)),                  /* row 1 */
    C(4, CODA_OP_HAS, 1, S("z")),               /* row 4 */
};
static const coda_cond w_out[] = {
    C(0, CODA_OP_MISSING, 0, { 0 }),            /* row 2 */
    C(2, CODA_OP_EQ, 1, S("a")),                /* row 1 */
};
static const coda_cond w_from2[] = { C(5, CODA_OP_GE, 1, I(2)) }; /* 1-4 */
static const coda_cond w_either[] = {
    C(3, CODA_OP_EQ, 1, B(1)),                  /* rows 0, 3 */
    C(1, CODA_OP_LT, 1, I(0)),                  /* row 1 */
};
static const coda_cond w_has_y[] = { C(4, CODA_OP_HAS, 1, S("y")) }; /* 0, 3 */
static const coda_cond w_never[] = { C(0, CODA_OP_GT, 1, I(100)) };
static const coda_cond w_bad_type[] = { C(2, CODA_OP_EQ, 1, I(1)) };
static const coda_cond w_bad_arity[] = { C(0, CODA_OP_EQ, 2, I(1), I(2)) };

#define PART(a) (a), NELEM(a)

typedef struct wcase {
    coda_where w;
    coda_status st;
    int rows[6];                /* expected rows, END-terminated */
} wcase;

static const wcase wcases[] = {
    { { NULL, 0, NULL, 0, NULL, 0, 0 }, CODA_OK, { 0, 1, 2, 3, 4, END } },
    { { NULL, 0, NULL, 0, NULL, 0, 1 }, CODA_OK, { END } },
    { { PART(w_adult), NULL, 0, NULL, 0, 0 }, CODA_OK, { 0, 3, END } },
    { { NULL, 0, PART(w_rare), NULL, 0, 1 }, CODA_OK, { 1, 4, END } },
    { { NULL, 0, NULL, 0, PART(w_out), 0 }, CODA_OK, { 0, 3, 4, END } },
    { { PART(w_from2), PART(w_either), PART(w_has_y), 1 }, CODA_OK,
      { 1, END } },
    { { NULL, 0, PART(w_never), NULL, 0, 1 }, CODA_OK, { END } },
    { { NULL, 0, NULL, 0, PART(w_never), 0 }, CODA_OK,
      { 0, 1, 2, 3, 4, END } },
    { { PART(w_adult), PART(w_bad_type), NULL, 0, 1 }, CODA_ETYPE, { END } },
    { { NULL, 0, NULL, 0, PART(w_bad_arity), 0 }, CODA_EARG, { END } },
    /* the first condition that cannot be tested decides the error */
    { { PART(w_bad_arity), NULL, 0, PART(w_bad_type), 0 }, CODA_EARG,
      { END } },
    /* a condition that cannot be tested fails even with no row left */
    { { PART(w_never), NULL, 0, PART(w_bad_type), 0 }, CODA_ETYPE,
      { END } },
};
START_TEST(test_filter_where)
{
    const wcase *k = &wcases[_i];
    size_t *rows = NULL, n = 99, want = 0;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_filter_where(data, &k->w, &rows, &n, &err);
    ck_assert_msg(st == k->st, "case %d: %s (%s), expected %s", _i,
                  coda_strerror(st), err.msg, coda_strerror(k->st));
    if (st != CODA_OK) {
        ck_assert_int_eq(err.code, k->st);
        return;
    }
    keep_coda(rows);
    while (k->rows[want] != END)
        want++;
    ck_assert_msg(n == want, "case %d: %zu rows, expected %zu", _i, n, want);
    for (size_t j = 0; j < n; j++)
        ck_assert_msg(rows[j] == (size_t)k->rows[j], "case %d: row %zu is "
                      "%zu, expected %d", _i, j, rows[j], k->rows[j]);
}
END_TEST

/* coda_cond_check gives the error coda_filter_rows gives, or CODA_OK. */
START_TEST(test_cond_check)
{
    const ecase *k = &errors[_i];
    coda_cond c = { col_of(k->col), k->op, k->v, k->nv };
    coda_error err;
    ck_assert_int_eq(coda_cond_check(data, &c, &err), k->st);
    ck_assert_int_eq(coda_cond_check(data, &w_adult[0], &err), CODA_OK);
}
END_TEST

static coda_status oom_where(void *arg, coda_error *err)
{
    size_t *rows = NULL, n = 0;
    coda_status st = coda_filter_where(data, arg, &rows, &n, err);
    if (st == CODA_OK)
        coda_free(rows);
    return st;
}

START_TEST(test_where_out_of_memory)
{
    for (size_t i = 0; i < NELEM(wcases); i++) {
        coda_where w = wcases[i].w;
        if (wcases[i].st == CODA_OK)
            oom_loop(oom_where, &w, 0);
    }
}
END_TEST

Suite *filter_suite(void)
{
    Suite *s = suite_create("filter");
    TCase *tc = tcase_create("filter");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_filter_cases, 0, NELEM(cases));
    tcase_add_loop_test(tc, test_filter_errors, 0, NELEM(errors));
    tcase_add_loop_test(tc, test_op_parse, 0, NELEM(ops));
    tcase_add_test(tc, test_filter_many_rows);
    tcase_add_test(tc, test_filter_large_integers);
    tcase_add_test(tc, test_filter_out_of_memory);
    tcase_add_loop_test(tc, test_filter_where, 0, NELEM(wcases));
    tcase_add_loop_test(tc, test_cond_check, 0, NELEM(errors));
    tcase_add_test(tc, test_where_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
