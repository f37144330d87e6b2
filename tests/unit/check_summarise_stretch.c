/* check_summarise_stretch.c - count, sum, mean, min, max, sd and var by a
 * key over a table of more than 2^20 rows (stretch by stretch of rows,
 * summarise_stretch.c): against sums worked out row by row, with values
 * whose sums are exact in any order (quarters), missing values in the
 * key and the columns, a group with no values, and columns with none
 * (their sums and means fused in one pass, more of them than a pass
 * takes); the same bits on 1, 2 and 3 threads for values whose sums do
 * depend on the order; integer sums whose running total leaves 64 bits
 * but whose whole does not, and one whose whole does (an error); least
 * and greatest values of columns with no missing values (kept side by
 * side in one pass) for groups missing from every stretch but one, and
 * the first of a 0 and a -0. */
#include "harness/keep.h"
#include "suites.h"

#include "summarise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NROW = (1 << 20) + 4321, NG = 37 };

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* A table of NROW rows: key k and integer i, number x (to be filled). */
static coda_table *new_table(void)
{
    coda_table *t = NULL;
    ck_assert_int_eq(coda_table_create(NROW, 3, &t), CODA_OK);
    keep_table(t);
    ck_assert_int_eq(coda_table_init_column(t, 0, "k", CODA_INTEGER), CODA_OK);
    ck_assert_int_eq(coda_table_init_column(t, 1, "i", CODA_INTEGER), CODA_OK);
    ck_assert_int_eq(coda_table_init_column(t, 2, "x", CODA_NUMBER), CODA_OK);
    return t;
}

/* Key k (ng values, 1 in 40 missing; groups 5 and ng - 3 have every i
 * and x missing), integer i and number x (1 in 7 missing; none when clean);
 * x in quarters, or any fraction when rough. */
static coda_table *make(uint64_t seed, int rough, uint64_t ng, int clean)
{
    coda_table *t = new_table();
    for (size_t r = 0; r < NROW; r++) {
        int64_t k = (int64_t)(lcg(&seed) % ng);
        t->cols[0].v.i[r] = k * 10 - 100;
        if (lcg(&seed) % 40 == 0)
            ck_assert_int_eq(coda_table_set_missing(t, 0, r), CODA_OK);
        t->cols[1].v.i[r] = (int64_t)(lcg(&seed) % 2001) - 1000;
        double q = (double)(lcg(&seed) % 4001) / 4 - 500;
        t->cols[2].v.d[r] = rough ? q + (double)lcg(&seed) / 3e9 : q;
        if (rough && r % 100000 == 99) /* NaN: after every number */
            t->cols[2].v.d[r] = NAN;
        int gone = k == 5 || k == (int64_t)ng - 3 || lcg(&seed) % 7 == 0;
        if (gone && !clean && !coda_is_missing(&t->cols[0], r)) {
            ck_assert_int_eq(coda_table_set_missing(t, 1, r), CODA_OK);
            ck_assert_int_eq(coda_table_set_missing(t, 2, r), CODA_OK);
        }
    }
    return t;
}

static const coda_sumspec specs[] = {
    { "n", CODA_SUM_COUNT, -1, 0, 0, -1 },
    { "n_i", CODA_SUM_COUNT, 1, 0, 0, -1 },
    { "sum_i", CODA_SUM_SUM, 1, 0, 0, -1 },
    { "mean_i", CODA_SUM_MEAN, 1, 0, 0, -1 },
    { "sum_x", CODA_SUM_SUM, 2, 0, 0, -1 },
    { "mean_x", CODA_SUM_MEAN, 2, 0, 0, -1 },
    { "min_i", CODA_SUM_MIN, 1, 0, 0, -1 },
    { "max_i", CODA_SUM_MAX, 1, 0, 0, -1 },
    { "min_x", CODA_SUM_MIN, 2, 0, 0, -1 },
    { "max_x", CODA_SUM_MAX, 2, 0, 0, -1 },
    { "sd_x", CODA_SUM_SD, 2, 0, 0, -1 },
    { "var_i", CODA_SUM_VAR, 1, 0, 0, -1 },
    { "sum_i2", CODA_SUM_SUM, 1, 0, 0, -1 },
    { "mean_i2", CODA_SUM_MEAN, 1, 0, 0, -1 },
    { "sum_x2", CODA_SUM_SUM, 2, 0, 0, -1 },
    { "mean_x2", CODA_SUM_MEAN, 2, 0, 0, -1 },
};
enum { NSPEC = sizeof specs / sizeof specs[0] };

static coda_table *run(const coda_table *t)
{
    size_t key = 0;
    coda_table *o = NULL;
    coda_error err = { 0 };
    ck_assert_int_eq(coda_summarise(t, &key, 1, specs, NSPEC, &o, &err), CODA_OK);
    return keep_table(o);
}

/* A row's i and x into its group's least and greatest so far, the first
 * of equal values kept (first: the group's first row). */
static void keep_extremes(int first, int64_t i, double x, int64_t *lo,
                          int64_t *hi, double *lox, double *hix)
{
    *lo = first || i < *lo ? i : *lo;
    *hi = first || i > *hi ? i : *hi;
    *lox = first || x < *lox ? x : *lox;
    *hix = first || x > *hix ? x : *hix;
}

/* Row by row: each group's counts and sums, the group of a key value
 * (missing last) its row in the result; 37 groups (by 16 stretches),
 * 3,000 (by 2), 70,000 (each summary in one stretch, side by side) and
 * 2 (by 16, a group's values in a stretch past the table of 1 / n),
 * with missing values and (the odd cases) with none. */
START_TEST(test_stretch_like_row_by_row)
{
    static const uint64_t ngs[] = { NG, 3000, 70000, 2 };
    size_t ng = ngs[_i / 2];
    int clean = _i % 2;
    coda_table *t = make(7, 0, ng, clean);
    int64_t *n = keep_libc(calloc(ng + 1, sizeof *n));
    int64_t *ni = keep_libc(calloc(ng + 1, sizeof *ni));
    int64_t *si = keep_libc(calloc(ng + 1, sizeof *si));
    int64_t *lo = keep_libc(calloc(ng + 1, sizeof *lo));
    int64_t *hi = keep_libc(calloc(ng + 1, sizeof *hi));
    double *sx = keep_libc(calloc(ng + 1, sizeof *sx));
    double *lox = keep_libc(calloc(ng + 1, sizeof *lox));
    double *hix = keep_libc(calloc(ng + 1, sizeof *hix));
    long double *qx = keep_libc(calloc(ng + 1, sizeof *qx));
    long double *qi = keep_libc(calloc(ng + 1, sizeof *qi));
    for (size_t r = 0; r < NROW; r++) {
        size_t g = coda_is_missing(&t->cols[0], r)
                       ? ng : (size_t)((t->cols[0].v.i[r] + 100) / 10);
        n[g]++;
        if (coda_is_missing(&t->cols[1], r))
            continue;
        int64_t i = t->cols[1].v.i[r];
        double x = t->cols[2].v.d[r];
        keep_extremes(!ni[g], i, x, &lo[g], &hi[g], &lox[g], &hix[g]);
        ni[g]++, si[g] += i, sx[g] += x;
    }
    /* the second pass of the two-pass variance: squares about the mean */
    for (size_t r = 0; r < NROW; r++) {
        size_t g = coda_is_missing(&t->cols[0], r)
                       ? ng : (size_t)((t->cols[0].v.i[r] + 100) / 10);
        if (coda_is_missing(&t->cols[1], r))
            continue;
        long double dx = t->cols[2].v.d[r] - (long double)sx[g] / ni[g];
        long double di = t->cols[1].v.i[r] - (long double)si[g] / ni[g];
        qx[g] += dx * dx, qi[g] += di * di;
    }
    coda_table *o = run(t);
    ck_assert_uint_eq(o->nrow, ng + 1);
    for (size_t g = 0; g <= ng; g++) {
        ck_assert_int_eq(o->cols[1].v.i[g], n[g]);
        ck_assert_int_eq(o->cols[2].v.i[g], ni[g]);
        ck_assert_int_eq(o->cols[3].v.i[g], si[g]);
        ck_assert_double_eq(o->cols[5].v.d[g], sx[g]);
        if (ni[g] == 0) {
            for (size_t c = 7; c <= 10; c++)
                ck_assert(coda_is_missing(&o->cols[c], g));
            ck_assert(coda_is_missing(&o->cols[4], g));
            ck_assert(coda_is_missing(&o->cols[6], g));
        } else {
            ck_assert_int_eq(o->cols[7].v.i[g], lo[g]);
            ck_assert_int_eq(o->cols[8].v.i[g], hi[g]);
            ck_assert_double_eq(o->cols[9].v.d[g], lox[g]);
            ck_assert_double_eq(o->cols[10].v.d[g], hix[g]);
            ck_assert_double_eq(o->cols[4].v.d[g], (double)si[g] / (double)ni[g]);
            ck_assert_double_eq(o->cols[6].v.d[g], sx[g] / (double)ni[g]);
            ck_assert_double_eq(o->cols[14].v.d[g], o->cols[4].v.d[g]);
            ck_assert_double_eq(o->cols[16].v.d[g], o->cols[6].v.d[g]);
        }
        ck_assert_int_eq(o->cols[13].v.i[g], si[g]);
        ck_assert_double_eq(o->cols[15].v.d[g], sx[g]);
        if (ni[g] < 2) {
            ck_assert(coda_is_missing(&o->cols[11], g));
            ck_assert(coda_is_missing(&o->cols[12], g));
        } else {
            double sd = (double)sqrtl(qx[g] / (ni[g] - 1));
            double var = (double)(qi[g] / (ni[g] - 1));
            ck_assert_double_eq_tol(o->cols[11].v.d[g], sd, 1e-9 * sd);
            ck_assert_double_eq_tol(o->cols[12].v.d[g], var, 1e-9 * var);
        }
    }
    if (!clean && ng > 5) /* groups of no values, the second in the
                             join's last part */
        ck_assert_uint_eq(n[5] > 0 && ni[5] == 0 && n[ng - 3] > 0 &&
                              ni[ng - 3] == 0, 1);
}
END_TEST

/* Sums that depend on the order of their terms: the same bits whatever
 * the threads, by 16 stretches (37 groups) and by 2 (3,000 groups),
 * with missing values and (the odd cases) with none. */
START_TEST(test_stretch_same_on_any_threads)
{
    static const char *const threads[] = { "1", "2", "3" };
    static const uint64_t ng[] = { NG, 3000 };
    coda_table *t = make(11, 1, ng[_i / 2], _i % 2), *first = NULL;
    for (size_t i = 0; i < 3; i++) {
        setenv("CODA_THREADS", threads[i], 1);
        coda_table *o = run(t);
        if (!first) {
            first = o;
            continue;
        }
        for (size_t c = 1; c < o->ncol; c++)
            for (size_t g = 0; g < o->nrow; g++) {
                int gone = coda_is_missing(&o->cols[c], g);
                ck_assert_int_eq(gone, coda_is_missing(&first->cols[c], g));
                ck_assert(gone || memcmp(&o->cols[c].v.d[g],
                                         &first->cols[c].v.d[g], 8) == 0);
            }
    }
    unsetenv("CODA_THREADS");
}
END_TEST

/* Row r is of group key and its i is present. */
static int in_group(const coda_table *t, int64_t key, size_t r)
{
    return !coda_is_missing(&t->cols[0], r) && t->cols[0].v.i[r] == key &&
           !coda_is_missing(&t->cols[1], r);
}

/* Rows of group key (i present): the first four and the last four. */
static void ends_of(const coda_table *t, int64_t key, size_t *rows)
{
    size_t n = 0;
    for (size_t r = 0; r < NROW && n < 4; r++)
        if (in_group(t, key, r))
            rows[n++] = r;
    for (size_t r = NROW; n >= 4 && n < 8 && r-- > rows[3] + 1;)
        if (in_group(t, key, r))
            rows[n++] = r;
    ck_assert_uint_eq(n, 8);
}

/* Group g's mean of i worked out row by row, its sum in 128 bits. */
static double exact_mean(const coda_table *t, int64_t key)
{
    __int128 sum = 0;
    int64_t n = 0;
    for (size_t r = 0; r < NROW; r++)
        if (in_group(t, key, r))
            sum += t->cols[1].v.i[r], n++;
    return (double)sum / (double)n;
}

/* summarise of specs s[0..n) over t by k fails as an integer sum out of
 * range, naming the summary name. */
static void out_of_range(const coda_table *t, const coda_sumspec *s,
                         size_t n, const char *name)
{
    size_t key = 0;
    coda_table *bad = NULL;
    coda_error err = { 0 };
    ck_assert_int_eq(coda_summarise(t, &key, 1, s, n, &bad, &err),
                     CODA_ELIMIT);
    ck_assert_ptr_null(bad);
    ck_assert_ptr_nonnull(strstr(err.msg, name));
}

/* Group 0's integers: INT64_MAX - 5 in its first four rows,
 * -(INT64_MAX - 5) in its last four, so its running sum leaves 64 bits
 * while its whole stays small; then two large values in group 1, whose
 * whole leaves them (an error naming the summary): at its two ends (two
 * stretches), then in its first two rows (one stretch), where its mean
 * is still the exact sum's; with missing values and (_i 1: fused sums)
 * with none. */
START_TEST(test_stretch_exact_integers)
{
    coda_table *t = make(3, 0, NG, _i);
    size_t big[8];
    ends_of(t, -100, big);
    int64_t want = 0;
    for (size_t r = 0; r < NROW; r++)
        if (in_group(t, -100, r))
            want += t->cols[1].v.i[r];
    for (size_t i = 0; i < 8; i++) {
        want -= t->cols[1].v.i[big[i]]; /* the big ones cancel */
        t->cols[1].v.i[big[i]] = i < 4 ? INT64_MAX - 5 : -(INT64_MAX - 5);
    }
    coda_table *o = run(t);
    ck_assert_int_eq(o->cols[3].v.i[0], want);
    ck_assert_int_eq(o->cols[13].v.i[0], want);
    ck_assert_double_eq(o->cols[4].v.d[0],
                        (double)want / (double)o->cols[2].v.i[0]);
    ends_of(t, -90, big);
    const int64_t half = INT64_MAX / 2 + 1000000000000; /* the rest: less */
    int64_t was = t->cols[1].v.i[big[7]];
    t->cols[1].v.i[big[0]] = t->cols[1].v.i[big[7]] = half;
    out_of_range(t, specs, NSPEC, "sum_i");
    t->cols[1].v.i[big[1]] = half, t->cols[1].v.i[big[7]] = was;
    out_of_range(t, specs, NSPEC, "sum_i");
    out_of_range(t, &specs[12], 1, "sum_i2");
    size_t key = 0;
    coda_table *m = NULL;
    coda_error err = { 0 };
    ck_assert_int_eq(coda_summarise(t, &key, 1, &specs[3], 1, &m, &err),
                     CODA_OK);
    keep_table(m);
    ck_assert_double_eq(m->cols[1].v.d[1], exact_mean(t, -90));
    ck_assert_double_gt(m->cols[1].v.d[1], 1e12);
}
END_TEST

/* Least and greatest values of columns with no missing values (three
 * of them kept side by side in a group's row of the stretch, the fourth
 * in cells of its own), against the first best value row by row: ng
 * groups (16 stretches when few, 2 when many) whose values are all
 * above 0, all below or both, group 0 only in the table's first 100 rows
 * and group 1 only in its last 100 (each missing from every other
 * stretch), and in group 2 a 0 then a -0 at the top and in group 3 a -0
 * then a 0 (the first of equal values is the one kept). */
START_TEST(test_stretch_fused_extremes)
{
    size_t ng = _i ? 3000 : 37;
    coda_table *t = new_table();
    uint64_t seed = 11;
    for (size_t r = 0; r < NROW; r++) {
        size_t g = r < 100 ? 0 : r >= NROW - 100 ? 1
                 : 2 + (size_t)(lcg(&seed) % (ng - 2));
        int64_t side = (int64_t)(g % 3) - 1; /* -1, 0 or 1 */
        t->cols[0].v.i[r] = (int64_t)g;
        t->cols[1].v.i[r] = side * 1000000 + (int64_t)(lcg(&seed) % 999) + 1;
        t->cols[2].v.d[r] = (double)side * 1e6 +
                            (double)(lcg(&seed) % 4000) / 4 + 1;
        if (g == 2 || g == 3) /* below 0, but for a 0 and a -0 */
            t->cols[2].v.d[r] = -(double)(lcg(&seed) % 4000) / 4 - 1;
    }
    size_t z2[2] = { 0 }, z3[2] = { 0 }, n2 = 0, n3 = 0;
    for (size_t r = 100; r < NROW - 100 && (n2 < 2 || n3 < 2); r++) {
        if (t->cols[0].v.i[r] == 2 && n2 < 2)
            z2[n2++] = r;
        if (t->cols[0].v.i[r] == 3 && n3 < 2)
            z3[n3++] = r;
    }
    t->cols[2].v.d[z2[0]] = 0.0, t->cols[2].v.d[z2[1]] = -0.0;
    t->cols[2].v.d[z3[0]] = -0.0, t->cols[2].v.d[z3[1]] = 0.0;
    static const coda_sumspec ex[] = {
        { "min_i", CODA_SUM_MIN, 1, 0, 0, -1 },
        { "max_x", CODA_SUM_MAX, 2, 0, 0, -1 },
        { "min_x", CODA_SUM_MIN, 2, 0, 0, -1 },
        { "max_i", CODA_SUM_MAX, 1, 0, 0, -1 },
    };
    size_t key = 0;
    coda_table *o = NULL;
    coda_error err = { 0 };
    ck_assert_int_eq(coda_summarise(t, &key, 1, ex, 4, &o, &err), CODA_OK);
    keep_table(o);
    ck_assert_uint_eq(o->nrow, ng);
    int64_t *lo = keep_libc(calloc(ng, sizeof *lo));
    int64_t *hi = keep_libc(calloc(ng, sizeof *hi));
    double *lox = keep_libc(calloc(ng, sizeof *lox));
    double *hix = keep_libc(calloc(ng, sizeof *hix));
    uint8_t *seen = keep_libc(calloc(ng, 1));
    for (size_t r = 0; r < NROW; r++) {
        size_t g = (size_t)t->cols[0].v.i[r];
        int64_t i = t->cols[1].v.i[r];
        double x = t->cols[2].v.d[r];
        keep_extremes(!seen[g], i, x, &lo[g], &hi[g], &lox[g], &hix[g]);
        seen[g] = 1;
    }
    for (size_t g = 0; g < ng; g++) {
        ck_assert_int_eq(o->cols[1].v.i[g], lo[g]);
        ck_assert_int_eq(o->cols[4].v.i[g], hi[g]);
        ck_assert(memcmp(&o->cols[2].v.d[g], &hix[g], sizeof(double)) == 0);
        ck_assert(memcmp(&o->cols[3].v.d[g], &lox[g], sizeof(double)) == 0);
    }
    ck_assert(!signbit(o->cols[2].v.d[2]) && signbit(o->cols[2].v.d[3]));
}
END_TEST

Suite *summarise_stretch_suite(void)
{
    Suite *s = suite_create("summarise_stretch");
    TCase *tc = tcase_create("summarise_stretch");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_stretch_like_row_by_row, 0, 8);
    tcase_add_loop_test(tc, test_stretch_same_on_any_threads, 0, 4);
    tcase_add_loop_test(tc, test_stretch_exact_integers, 0, 2);
    tcase_add_loop_test(tc, test_stretch_fused_extremes, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}
