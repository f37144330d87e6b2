/* check_shape.c - sort, rename, join, unnest and nest (shape.h): stable
 * multi-key sorts with missing last both ways, rename clashes, inner and
 * left joins (several keys, missing keys, checks naming the key, suffixes,
 * an empty right side), unnest/nest round trips, out-of-memory runs. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "shape.h"

#include <stdio.h>
#include <string.h>



static void teardown(void)
{
    test_teardown();
}

/* The integer column "id" of t as ids[0..nrow). */
static void ids_of(const coda_table *t, int64_t *ids)
{
    const coda_column *c = &t->cols[agg_col(t, "id")];
    for (size_t r = 0; r < t->nrow; r++)
        ids[r] = c->v.i[r];
}

static void assert_ids(const coda_table *t, const int64_t *want, size_t n,
                       const char *what)
{
    int64_t got[64];
    ck_assert_msg(t->nrow == n, "%s: %zu rows, expected %zu", what, t->nrow, n);
    ids_of(t, got);
    for (size_t r = 0; r < n; r++)
        ck_assert_msg(got[r] == want[r], "%s: row %zu has id %lld, expected "
                      "%lld", what, r + 1, (long long)got[r],
                      (long long)want[r]);
}

/* --- sort ------------------------------------------------------------------ */

static const xtab x_sort = { 8, {
    { "id", CODA_INTEGER, { "0", "1", "2", "3", "4", "5", "6", "7" } },
    { "k", CODA_INTEGER, { "2", "1", NULL, "2", "1", "3", NULL, "2" } },
    { "s", CODA_STRING, { "b", "a", "c", "a", "b", NULL, "a", "a" } },
    { "x", CODA_NUMBER, { "0.5", "-1", "0.5", NULL, "2", "-1", "0.25", NULL } } } };

START_TEST(test_sort_cases)
{
    static const struct {
        coda_sortkey k[2];
        size_t nk;
        int64_t ids[8];
    } cases[] = {
        { { { 1, 0 } }, 1, { 1, 4, 0, 3, 7, 5, 2, 6 } },
        { { { 1, 1 } }, 1, { 5, 0, 3, 7, 1, 4, 2, 6 } },
        { { { 1, 0 }, { 2, 1 } }, 2, { 4, 1, 0, 3, 7, 5, 2, 6 } },
        { { { 2, 0 }, { 1, 1 } }, 2, { 3, 7, 1, 6, 0, 4, 2, 5 } },
        { { { 2, 1 } }, 1, { 2, 0, 4, 1, 3, 6, 7, 5 } },
        { { { 3, 0 } }, 1, { 1, 5, 6, 0, 2, 4, 3, 7 } },
        { { { 3, 1 }, { 0, 1 } }, 2, { 4, 2, 0, 6, 5, 1, 7, 3 } },
        { { { 0, 1 } }, 1, { 7, 6, 5, 4, 3, 2, 1, 0 } },
    };
    coda_table *t = keep_table(xtab_build(&x_sort));
    for (size_t i = 0; i < NELEM(cases); i++) {
        coda_table *out = NULL;
        coda_error err;
        ck_assert_int_eq(coda_sort(t, cases[i].k, cases[i].nk, &out, &err),
                         CODA_OK);
        keep_table(out);
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        assert_ids(out, cases[i].ids, 8, what);
        ck_assert_uint_eq(out->ncol, 4);
    }
}
END_TEST

/* The other columns travel with their rows, missing flags included. */
START_TEST(test_sort_moves_whole_rows)
{
    static const char *const names[] = { "id", "k", "s", "x" };
    static const char *const want[][4] = {
        { "1", "1", "a", "-1" }, { "4", "1", "b", "2" }, { "0", "2", "b", "0.5" },
        { "3", "2", "a", NULL }, { "7", "2", "a", NULL }, { "5", "3", NULL, "-1" },
        { "2", NULL, "c", "0.5" }, { "6", NULL, "a", "0.25" } };
    coda_table *t = keep_table(xtab_build(&x_sort)), *out;
    const coda_sortkey k = { 1, 0 };
    ck_assert_int_eq(coda_sort(t, &k, 1, &out, NULL), CODA_OK);
    EXPECT(keep_table(out), names, want);
}
END_TEST

/* Stable on many rows: equal keys keep their order, ascending or not. */
START_TEST(test_sort_stable_many)
{
    enum { N = 5000 };
    coda_table *t = keep_table(tb_new(N, 2));
    tb_col(t, 0, "id", CODA_INTEGER);
    tb_col(t, 1, "k", CODA_STRING);
    for (size_t r = 0; r < N; r++) {
        char s[8];
        snprintf(s, sizeof s, "k%zu", (r * 31) % 7);
        t->cols[0].v.i[r] = (int64_t)r;
        if (r % 11 == 0)
            ck_assert_int_eq(coda_table_set_missing(t, 1, r), CODA_OK);
        else
            tb_cell(t, 1, r, s);
    }
    for (int desc = 0; desc < 2; desc++) {
        const coda_sortkey k = { 1, desc };
        coda_table *out;
        ck_assert_int_eq(coda_sort(t, &k, 1, &out, NULL), CODA_OK);
        keep_table(out);
        const coda_column *c = &out->cols[1];
        for (size_t r = 1; r < N; r++) {
            int ma = coda_is_missing(c, r - 1), mb = coda_is_missing(c, r);
            ck_assert_msg(!ma || mb, "missing before a value at row %zu", r);
            if (ma || mb) {
                if (ma && mb)
                    ck_assert_int_lt(out->cols[0].v.i[r - 1], out->cols[0].v.i[r]);
                continue;
            }
            int d = strcmp(c->v.s.p[r - 1], c->v.s.p[r]);
            ck_assert_msg(desc ? d >= 0 : d <= 0, "order at row %zu", r);
            if (d == 0)
                ck_assert_int_lt(out->cols[0].v.i[r - 1], out->cols[0].v.i[r]);
        }
    }
}
END_TEST

START_TEST(test_sort_empty_and_no_keys)
{
    coda_table *t = keep_table(xtab_build(&x_sort)), *e, *out;
    ck_assert_int_eq(coda_sort(t, NULL, 0, &out, NULL), CODA_OK);
    static const int64_t same[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    assert_ids(keep_table(out), same, 8, "no keys");
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &e), CODA_OK);
    keep_table(e);
    const coda_sortkey k = { 1, 1 };
    ck_assert_int_eq(coda_sort(e, &k, 1, &out, NULL), CODA_OK);
    ck_assert_uint_eq(keep_table(out)->nrow, 0);
}
END_TEST

/* --- rename ---------------------------------------------------------------- */

START_TEST(test_rename)
{
    coda_table *t = keep_table(xtab_build(&x_sort)), *out = NULL;
    coda_error err;
    ck_assert_int_eq(coda_rename(t, 2, "state", &out, &err), CODA_OK);
    keep_table(out);
    ck_assert_str_eq(out->cols[2].name, "state");
    ck_assert_str_eq(t->cols[2].name, "s"); /* the original is untouched */
    ck_assert_uint_eq(out->nrow, 8);
    ck_assert_str_eq(out->cols[2].v.s.p[4], "b");
    ck_assert_int_eq(coda_rename(t, 2, "s", &out, &err), CODA_OK);
    keep_table(out);
    coda_error_clear(&err);
    coda_table *bad = NULL;
    ck_assert_int_eq(coda_rename(t, 2, "k", &bad, &err), CODA_EARG);
    ck_assert_ptr_null(bad);
    ck_assert_int_eq(err.code, CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"k\""));
}
END_TEST

/* --- join ------------------------------------------------------------------ */

static const xtab x_left = { 5, {
    { "id", CODA_INTEGER, { "1", "2", "3", NULL, "2" } },
    { "x", CODA_STRING, { "a1", "a2", "a3", "a4", "a5" } } } };

static const xtab x_right = { 5, {
    { "id", CODA_INTEGER, { "2", "3", "3", NULL, "5" } },
    { "y", CODA_STRING, { "b2", "b3", "b3b", "bn", "b5" } },
    { "x", CODA_NUMBER, { "0.2", "0.3", "0.33", "0", "0.5" } } } };

static coda_table *join(const coda_table *a, const coda_table *b,
                        const char *const *keys, size_t nk, coda_join_how how,
                        const char *suffix)
{
    size_t ak[4], bk[4];
    for (size_t j = 0; j < nk; j++) {
        ak[j] = agg_col(a, keys[j]);
        bk[j] = agg_col(b, keys[j]);
    }
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_join(a, b, ak, bk, nk, how, CODA_JOIN_MANY_TO_MANY,
                               suffix, &out, &err);
    ck_assert_msg(st == CODA_OK, "join: %s", err.msg);
    return keep_table(out);
}

START_TEST(test_join_inner)
{
    static const char *const keys[] = { "id" };
    static const char *const names[] = { "id", "x", "y", "x_y" };
    static const char *const want[][4] = {
        { "2", "a2", "b2", "0.2" }, { "3", "a3", "b3", "0.3" },
        { "3", "a3", "b3b", "0.33" }, { "2", "a5", "b2", "0.2" } };
    coda_table *a = keep_table(xtab_build(&x_left));
    coda_table *b = keep_table(xtab_build(&x_right));
    coda_table *t = join(a, b, keys, 1, CODA_JOIN_INNER, NULL);
    EXPECT(t, names, want);
    ck_assert_uint_eq(t->ncol, 4);
    ck_assert_int_eq(t->cols[3].type, CODA_NUMBER);
}
END_TEST

/* Left: every left row in order; unmatched ones (a missing key among them)
 * get missing right columns; the suffix given is used. */
START_TEST(test_join_left_and_suffix)
{
    static const char *const keys[] = { "id" };
    static const char *const names[] = { "id", "x", "y", "x.r" };
    static const char *const want[][4] = {
        { "1", "a1", NULL, NULL }, { "2", "a2", "b2", "0.2" },
        { "3", "a3", "b3", "0.3" }, { "3", "a3", "b3b", "0.33" },
        { NULL, "a4", NULL, NULL }, { "2", "a5", "b2", "0.2" } };
    coda_table *a = keep_table(xtab_build(&x_left));
    coda_table *b = keep_table(xtab_build(&x_right));
    EXPECT(join(a, b, keys, 1, CODA_JOIN_LEFT, ".r"), names, want);
}
END_TEST

/* Two keys: a row matches only when both are equal; a missing value in
 * either key matches nothing, not even another missing value. */
START_TEST(test_join_two_keys)
{
    static const xtab xa = { 5, {
        { "s", CODA_STRING, { "p", "p", "q", NULL, "q" } },
        { "n", CODA_INTEGER, { "1", "2", "1", "1", NULL } },
        { "v", CODA_INTEGER, { "10", "20", "30", "40", "50" } } } };
    static const xtab xb = { 5, {
        { "n", CODA_INTEGER, { "2", "1", "1", "1", NULL } },
        { "s", CODA_STRING, { "p", "q", "p", NULL, "q" } },
        { "w", CODA_STRING, { "p2", "q1", "p1", "-1", "q-" } } } };
    static const char *const keys[] = { "s", "n" };
    static const char *const names[] = { "s", "n", "v", "w" };
    static const char *const inner[][4] = {
        { "p", "1", "10", "p1" }, { "p", "2", "20", "p2" }, { "q", "1", "30", "q1" } };
    static const char *const left[][4] = {
        { "p", "1", "10", "p1" }, { "p", "2", "20", "p2" },
        { "q", "1", "30", "q1" }, { NULL, "1", "40", NULL },
        { "q", NULL, "50", NULL } };
    coda_table *a = keep_table(xtab_build(&xa)), *b = keep_table(xtab_build(&xb));
    EXPECT(join(a, b, keys, 2, CODA_JOIN_INNER, NULL), names, inner);
    EXPECT(join(a, b, keys, 2, CODA_JOIN_LEFT, NULL), names, left);
}
END_TEST

/* Keys named differently: the right key column is dropped, and a right
 * column named like the left key gets the suffix. */
START_TEST(test_join_different_key_names)
{
    static const xtab xb = { 2, {
        { "key", CODA_INTEGER, { "3", "1" } },
        { "id", CODA_STRING, { "r3", "r1" } } } };
    static const char *const names[] = { "id", "x", "id_y" };
    static const char *const want[][3] = { { "1", "a1", "r1" }, { "3", "a3", "r3" } };
    coda_table *a = keep_table(xtab_build(&x_left)), *b = keep_table(xtab_build(&xb));
    size_t ak = 0, bk = 0;
    coda_table *out;
    ck_assert_int_eq(coda_join(a, b, &ak, &bk, 1, CODA_JOIN_INNER,
                               CODA_JOIN_MANY_TO_ONE, NULL, &out, NULL), CODA_OK);
    keep_table(out);
    EXPECT(out, names, want);
    ck_assert_uint_eq(out->ncol, 3);
}
END_TEST

/* An empty right table: inner gives no rows, left every row with the right
 * columns missing (and typed as they are on the right). */
START_TEST(test_join_empty_right)
{
    static const char *const keys[] = { "id" };
    static const char *const names[] = { "id", "x", "y", "x_y" };
    static const char *const want[][4] = {
        { "1", "a1", NULL, NULL }, { "2", "a2", NULL, NULL },
        { "3", "a3", NULL, NULL }, { NULL, "a4", NULL, NULL },
        { "2", "a5", NULL, NULL } };
    coda_table *a = keep_table(xtab_build(&x_left));
    coda_table *full = keep_table(xtab_build(&x_right)), *b;
    ck_assert_int_eq(coda_table_take(full, NULL, 0, &b), CODA_OK);
    keep_table(b);
    coda_table *in = join(a, b, keys, 1, CODA_JOIN_INNER, NULL);
    ck_assert_uint_eq(in->nrow, 0);
    ck_assert_uint_eq(in->ncol, 4);
    coda_table *left = join(a, b, keys, 1, CODA_JOIN_LEFT, NULL);
    EXPECT(left, names, want);
    ck_assert_int_eq(left->cols[2].type, CODA_STRING);
    ck_assert_int_eq(left->cols[3].type, CODA_NUMBER);
    /* and an empty left table */
    coda_table *e;
    ck_assert_int_eq(coda_table_take(a, NULL, 0, &e), CODA_OK);
    keep_table(e);
    ck_assert_uint_eq(join(e, full, keys, 1, CODA_JOIN_LEFT, NULL)->nrow, 0);
}
END_TEST

/* Number keys: -0 and 0 are one key. */
START_TEST(test_join_number_keys)
{
    static const xtab xa = { 3, {
        { "k", CODA_NUMBER, { "0", "1.5", "-2" } },
        { "v", CODA_INTEGER, { "1", "2", "3" } } } };
    static const xtab xb = { 2, {
        { "k", CODA_NUMBER, { "-0", "1.5" } },
        { "w", CODA_INTEGER, { "10", "20" } } } };
    static const char *const keys[] = { "k" };
    static const char *const names[] = { "k", "v", "w" };
    static const char *const want[][3] = { { "0", "1", "10" }, { "1.5", "2", "20" } };
    coda_table *a = keep_table(xtab_build(&xa)), *b = keep_table(xtab_build(&xb));
    EXPECT(join(a, b, keys, 1, CODA_JOIN_INNER, NULL), names, want);
}
END_TEST

static coda_status join_check(const coda_table *a, const coda_table *b,
                              coda_join_check check, coda_error *err)
{
    size_t k = 0;
    coda_table *out = NULL;
    coda_error_clear(err);
    coda_status st = coda_join(a, b, &k, &k, 1, CODA_JOIN_INNER, check, NULL,
                               &out, err);
    if (st == CODA_OK)
        keep_table(out);
    else
        ck_assert_ptr_null(out);
    return st;
}

/* A failed validate names the key value, how often it occurs and on which
 * side. */
START_TEST(test_join_validate)
{
    static const struct {
        coda_join_check check;
        coda_status st;
        const char *says[4];
    } k[] = {
        { CODA_JOIN_MANY_TO_MANY, CODA_OK, { NULL } },
        { CODA_JOIN_ONE_TO_ONE, CODA_EARG, { "id = 2", "2 times", "left", "one_to_one" } },
        { CODA_JOIN_MANY_TO_ONE, CODA_EARG, { "id = 3", "2 times", "right", "many_to_one" } },
        { CODA_JOIN_ONE_TO_MANY, CODA_EARG, { "id = 2", "2 times", "left", "one_to_many" } },
    };
    coda_table *a = keep_table(xtab_build(&x_left));
    coda_table *b = keep_table(xtab_build(&x_right));
    for (size_t i = 0; i < NELEM(k); i++) {
        coda_error err;
        coda_status st = join_check(a, b, k[i].check, &err);
        ck_assert_msg(st == k[i].st, "case %zu: %s", i, coda_strerror(st));
        for (size_t j = 0; j < 4 && k[i].says[j]; j++)
            ck_assert_msg(strstr(err.msg, k[i].says[j]), "case %zu: \"%s\" does "
                          "not say \"%s\"", i, err.msg, k[i].says[j]);
    }
    /* unique on the left once row 5 is gone; the right still repeats 3 */
    static const size_t first4[] = { 0, 1, 2, 3 };
    coda_table *a4;
    ck_assert_int_eq(coda_table_take(a, first4, 4, &a4), CODA_OK);
    keep_table(a4);
    coda_error err;
    ck_assert_int_eq(join_check(a4, b, CODA_JOIN_ONE_TO_MANY, &err), CODA_OK);
    ck_assert_int_eq(join_check(a4, b, CODA_JOIN_ONE_TO_ONE, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "id = 3"));
    ck_assert_ptr_nonnull(strstr(err.msg, "right"));
    /* missing keys are not duplicates */
    static const xtab xm = { 3, { { "id", CODA_INTEGER, { NULL, "1", NULL } } } };
    coda_table *m = keep_table(xtab_build(&xm));
    ck_assert_int_eq(join_check(m, m, CODA_JOIN_ONE_TO_ONE, &err), CODA_OK);
    /* a string key is quoted */
    static const xtab xs = { 3, { { "name", CODA_STRING, { "ann", "bo", "ann" } } } };
    coda_table *s = keep_table(xtab_build(&xs));
    ck_assert_int_eq(join_check(s, s, CODA_JOIN_ONE_TO_ONE, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "name = \"ann\""));
    ck_assert_ptr_nonnull(strstr(err.msg, "2 times"));
}
END_TEST

/* Keys of different types, multi keys, and a column name the suffix cannot
 * make unique. */
START_TEST(test_join_errors)
{
    static const xtab xs = { 1, { { "id", CODA_STRING, { "1" } } } };
    static const xtab xm = { 1, { { "id", CODA_MULTI, { "1" } } } };
    static const xtab xd = { 1, { { "id", CODA_NUMBER, { "1" } } } };
    static const xtab xa = { 1, {
        { "id", CODA_INTEGER, { "1" } }, { "v", CODA_INTEGER, { "1" } },
        { "v_y", CODA_INTEGER, { "1" } } } };
    static const xtab xb = { 1, {
        { "id", CODA_INTEGER, { "1" } }, { "v", CODA_INTEGER, { "2" } } } };
    coda_table *a = keep_table(xtab_build(&x_left));
    const xtab *bad[] = { &xs, &xm, &xd };
    for (size_t i = 0; i < NELEM(bad); i++) {
        coda_table *b = keep_table(xtab_build(bad[i]));
        coda_error err;
        ck_assert_int_eq(join_check(a, b, CODA_JOIN_MANY_TO_MANY, &err), CODA_EARG);
        ck_assert_ptr_nonnull(strstr(err.msg, "\"id\""));
    }
    coda_table *m = keep_table(xtab_build(&xm));
    coda_error err;
    ck_assert_int_eq(join_check(m, m, CODA_JOIN_MANY_TO_MANY, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "multi"));
    coda_table *ta = keep_table(xtab_build(&xa)), *tb = keep_table(xtab_build(&xb));
    ck_assert_int_eq(join_check(ta, tb, CODA_JOIN_MANY_TO_MANY, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"v_y\""));
}
END_TEST

/* Many rows on both sides against a direct count of the matches. */
START_TEST(test_join_many)
{
    enum { NA = 3000, NB = 2000 };
    coda_table *a = keep_table(tb_new(NA, 2)), *b = keep_table(tb_new(NB, 2));
    tb_col(a, 0, "k", CODA_INTEGER);
    tb_col(a, 1, "id", CODA_INTEGER);
    tb_col(b, 0, "k", CODA_INTEGER);
    tb_col(b, 1, "w", CODA_INTEGER);
    static size_t per_key[700];
    memset(per_key, 0, sizeof per_key);
    for (size_t r = 0; r < NA; r++) {
        a->cols[0].v.i[r] = (int64_t)((r * 13) % 700);
        a->cols[1].v.i[r] = (int64_t)r;
    }
    for (size_t r = 0; r < NB; r++) {
        b->cols[0].v.i[r] = (int64_t)((r * 17) % 500) + 200;
        b->cols[1].v.i[r] = (int64_t)r;
        per_key[b->cols[0].v.i[r]]++;
    }
    static const char *const keys[] = { "k" };
    coda_table *t = join(a, b, keys, 1, CODA_JOIN_LEFT, NULL);
    size_t want = 0;
    for (size_t r = 0; r < NA; r++)
        want += per_key[a->cols[0].v.i[r]] ? per_key[a->cols[0].v.i[r]] : 1;
    ck_assert_uint_eq(t->nrow, want);
    size_t r = 0;
    for (size_t i = 0; i < NA; i++) { /* left order, then right order */
        int64_t k = a->cols[0].v.i[i];
        int64_t last = -1;
        size_t n = per_key[k] ? per_key[k] : 1;
        for (size_t j = 0; j < n; j++, r++) {
            ck_assert_int_eq(t->cols[1].v.i[r], (int64_t)i);
            if (!per_key[k]) {
                ck_assert(coda_is_missing(&t->cols[2], r));
                continue;
            }
            int64_t w = t->cols[2].v.i[r];
            ck_assert_int_eq(b->cols[0].v.i[w], k);
            ck_assert_int_gt(w, last);
            last = w;
        }
    }
}
END_TEST

/* --- unnest and nest ------------------------------------------------------ */

static const xtab x_nested = { 5, {
    { "id", CODA_INTEGER, { "1", "2", "3", "4", "5" } },
    { "m", CODA_MULTI, { "x|y", "", NULL, "y", "z|x|y" } },
    { "w", CODA_NUMBER, { "0.5", "1", NULL, "2", "3" } } } };

static coda_table *unnest(const coda_table *t, const char *col, int keep)
{
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_unnest(t, agg_col(t, col), keep, &out, &err);
    ck_assert_msg(st == CODA_OK, "unnest: %s", err.msg);
    return keep_table(out);
}

static coda_table *nest(const coda_table *t, const char *col)
{
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_nest(t, agg_col(t, col), &out, &err);
    ck_assert_msg(st == CODA_OK, "nest: %s", err.msg);
    return keep_table(out);
}

START_TEST(test_unnest)
{
    static const char *const names[] = { "id", "m", "w" };
    static const char *const drop[][3] = {
        { "1", "x", "0.5" }, { "1", "y", "0.5" }, { "4", "y", "2" },
        { "5", "z", "3" }, { "5", "x", "3" }, { "5", "y", "3" } };
    static const char *const keep[][3] = {
        { "1", "x", "0.5" }, { "1", "y", "0.5" }, { "2", NULL, "1" },
        { "3", NULL, NULL }, { "4", "y", "2" }, { "5", "z", "3" },
        { "5", "x", "3" }, { "5", "y", "3" } };
    coda_table *t = keep_table(xtab_build(&x_nested));
    coda_table *u = unnest(t, "m", 0);
    EXPECT(u, names, drop);
    ck_assert_int_eq(u->cols[1].type, CODA_STRING);
    EXPECT(unnest(t, "m", 1), names, keep);
}
END_TEST

/* nest(unnest(t)) gives back the rows with labels; the labels keep their
 * order within a row and repeats are dropped. */
START_TEST(test_unnest_nest_round_trip)
{
    static const xtab want = { 3, {
        { "id", CODA_INTEGER, { "1", "4", "5" } },
        { "m", CODA_MULTI, { "x|y", "y", "z|x|y" } },
        { "w", CODA_NUMBER, { "0.5", "2", "3" } } } };
    coda_table *t = keep_table(xtab_build(&x_nested));
    coda_table *n = nest(unnest(t, "m", 0), "m");
    ck_assert_tables_eq(n, keep_table(xtab_build(&want)));
    /* with keep_empty: the rows with no label come back as empty sets */
    static const char *const names[] = { "id", "m", "w" };
    static const char *const back[][3] = {
        { "1", "x|y", "0.5" }, { "2", "", "1" }, { "3", "", NULL },
        { "4", "y", "2" }, { "5", "z|x|y", "3" } };
    EXPECT(nest(unnest(t, "m", 1), "m"), names, back);
}
END_TEST

/* Rows equal in every other column become one; repeated values once;
 * missing values left out; the nested column keeps its place. */
START_TEST(test_nest_groups)
{
    static const xtab x = { 7, {
        { "code", CODA_STRING, { "b", "a", "b", "c", NULL, "a", "d" } },
        { "doc", CODA_STRING, { "d1", "d1", "d1", "d2", "d3", "d1", "d2" } },
        { "n", CODA_INTEGER, { "1", "1", "1", "1", "1", "1", "2" } } } };
    static const char *const names[] = { "code", "doc", "n" };
    static const char *const want[][3] = {
        { "b|a", "d1", "1" }, { "c", "d2", "1" }, { "", "d3", "1" },
        { "d", "d2", "2" } };
    coda_table *t = nest(keep_table(xtab_build(&x)), "code");
    EXPECT(t, names, want);
    ck_assert_int_eq(t->cols[0].type, CODA_MULTI);
}
END_TEST

START_TEST(test_unnest_nest_errors)
{
    coda_table *t = keep_table(xtab_build(&x_nested)), *out = NULL;
    coda_error err;
    ck_assert_int_eq(coda_unnest(t, 0, 0, &out, &err), CODA_ETYPE);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"id\""));
    ck_assert_int_eq(coda_nest(t, 1, &out, &err), CODA_ETYPE);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"m\""));
    ck_assert_int_eq(coda_nest(t, 2, &out, &err), CODA_ETYPE);
    ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_unnest_nest_empty)
{
    coda_table *t = keep_table(xtab_build(&x_nested)), *e;
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &e), CODA_OK);
    keep_table(e);
    coda_table *u = unnest(e, "m", 1);
    ck_assert_uint_eq(u->nrow, 0);
    ck_assert_uint_eq(nest(u, "m")->nrow, 0);
}
END_TEST

/* --- out of memory --------------------------------------------------------- */

typedef struct shrun {
    int op;                 /* 0 sort, 1 join, 2 unnest, 3 nest, 4 rename,
                               5 pivot_wider, 6 pivot_longer */
    const coda_table *a, *b;
    const coda_table *want;
    int differ;
} shrun;

static coda_status shape_op(const shrun *k, coda_table **out, coda_error *err)
{
    static const coda_sortkey sk[] = { { 1, 0 }, { 2, 1 } };
    static const size_t id = 0, val = 3, cols[] = { 1, 3 };
    static const coda_value zero = { CODA_NUMBER, 0, 0.0, 0, NULL, 0 };
    const coda_pivot_wider_opts wo = { 2, &val, 1, &id, 1, &zero, "_" };
    const coda_pivot_longer_opts lo = { cols, 2, "name", "value", 0 };
    size_t key = 0;
    switch (k->op) {
    case 5: return coda_pivot_wider(k->a, &wo, out, err);
    case 6: return coda_pivot_longer(k->a, &lo, out, err);
    case 0: return coda_sort(k->a, sk, 2, out, err);
    case 1: return coda_join(k->a, k->b, &key, &key, 1, CODA_JOIN_LEFT,
                             CODA_JOIN_MANY_TO_MANY, NULL, out, err);
    case 2: return coda_unnest(k->a, 1, 1, out, err);
    case 3: return coda_nest(k->a, 1, out, err);
    default: return coda_rename(k->a, 1, "renamed", out, err);
    }
}

static coda_status oom_shape(void *ctx, coda_error *err)
{
    shrun *k = ctx;
    coda_table *out = NULL;
    coda_status st = shape_op(k, &out, err);
    if (st == CODA_OK) {
        char why[600];
        k->differ |= tab_diff(out, k->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

START_TEST(test_out_of_memory)
{
    coda_table *s = keep_table(xtab_build(&x_sort));
    coda_table *a = keep_table(xtab_build(&x_left));
    coda_table *b = keep_table(xtab_build(&x_right));
    coda_table *n = keep_table(xtab_build(&x_nested));
    coda_table *u = unnest(n, "m", 0);
    shrun runs[] = {
        { 0, s, NULL, NULL, 0 }, { 1, a, b, NULL, 0 }, { 2, n, NULL, NULL, 0 },
        { 3, u, NULL, NULL, 0 }, { 4, s, NULL, NULL, 0 },
        { 5, s, NULL, NULL, 0 }, { 6, s, NULL, NULL, 0 },
    };
    for (size_t i = 0; i < NELEM(runs); i++) {
        coda_table *want = NULL;
        ck_assert_int_eq(shape_op(&runs[i], &want, NULL), CODA_OK);
        runs[i].want = keep_table(want);
        for (int persistent = 0; persistent < 2; persistent++) {
            ck_assert_int_gt(oom_loop(oom_shape, &runs[i], persistent), 1);
            ck_assert_msg(!runs[i].differ, "op %d: a run that succeeded gave "
                          "another table", runs[i].op);
        }
    }
}
END_TEST

Suite *shape_suite(void)
{
    Suite *s = suite_create("shape");
    TCase *tc = tcase_create("shape");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_sort_cases);
    tcase_add_test(tc, test_sort_moves_whole_rows);
    tcase_add_test(tc, test_sort_stable_many);
    tcase_add_test(tc, test_sort_empty_and_no_keys);
    tcase_add_test(tc, test_rename);
    tcase_add_test(tc, test_join_inner);
    tcase_add_test(tc, test_join_left_and_suffix);
    tcase_add_test(tc, test_join_two_keys);
    tcase_add_test(tc, test_join_different_key_names);
    tcase_add_test(tc, test_join_empty_right);
    tcase_add_test(tc, test_join_number_keys);
    tcase_add_test(tc, test_join_validate);
    tcase_add_test(tc, test_join_errors);
    tcase_add_test(tc, test_join_many);
    tcase_add_test(tc, test_unnest);
    tcase_add_test(tc, test_unnest_nest_round_trip);
    tcase_add_test(tc, test_nest_groups);
    tcase_add_test(tc, test_unnest_nest_errors);
    tcase_add_test(tc, test_unnest_nest_empty);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
