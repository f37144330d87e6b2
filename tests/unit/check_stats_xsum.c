/* check_stats_xsum.c - exact sums against the correctly rounded sums of
 * Python's math.fsum tests (test_math.py), in every order of their terms;
 * the quantile sketch against exact order statistics of generated data,
 * and merged sketches against the sketch of all values. */
#include "harness/keep.h"
#include "suites.h"

#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Cases of CPython's test_math.testFsum: terms, the correctly rounded sum. */
typedef struct fsum_case {
    double x[8];
    size_t n;
    double sum;
} fsum_case;

static const fsum_case cases[] = {
    { { 1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50 }, 7, 1e-100 },
    { { 0x1p53, -0.5, -0x1p-54 }, 3, 0x1p53 - 1.0 },
    { { 0x1p53, 1.0, 0x1p-100 }, 3, 0x1p53 + 2.0 },
    { { 0x1p53 + 10.0, 1.0, 0x1p-100 }, 3, 0x1p53 + 12.0 },
    { { 0x1p53 - 4.0, 0.5, 0x1p-54 }, 3, 0x1p53 - 3.0 },
    { { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, 3, 1.0 },
    { { 0.1, 0.2, 0.3, -0.6 }, 4, 0x1p-55 },
};

static double sum_in_order(const fsum_case *c, const size_t *perm)
{
    coda_xsum s = { 0 };
    for (size_t i = 0; i < c->n; i++)
        ck_assert_int_eq(coda_xsum_add(&s, c->x[perm[i]]), CODA_OK);
    double v = coda_xsum_value(&s);
    coda_xsum_free(&s);
    return v;
}

/* Every case in 200 random orders gives the same correctly rounded sum. */
START_TEST(test_fsum_cases)
{
    const fsum_case *c = &cases[_i];
    size_t perm[8];
    srand(7);
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < c->n; i++)
            perm[i] = i;
        for (size_t i = c->n; round && i > 1; i--) {
            size_t j = (size_t)rand() % i, t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        double v = sum_in_order(c, perm);
        ck_assert_msg(v == c->sum, "case %d order %d: %a, not %a", _i, round,
                      v, c->sum);
    }
}
END_TEST

/* 0.1 ten times is 1 exactly when rounded once; an exact product; a merge
 * of two halves equals the sum of all. */
START_TEST(test_fsum_products_merge)
{
    coda_xsum a = { 0 }, b = { 0 }, all = { 0 };
    for (int i = 0; i < 10; i++) {
        coda_xsum_add(i < 5 ? &a : &b, 0.1);
        coda_xsum_add(&all, 0.1);
    }
    ck_assert(coda_xsum_value(&all) == 1.0);
    coda_xsum_merge(&a, &b);
    ck_assert(coda_xsum_value(&a) == 1.0);
    coda_xsum_free(&b);
    /* (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60: the last term survives */
    coda_xsum_add_product(&b, 1 + 0x1p-30, 1 + 0x1p-30);
    coda_xsum_add(&b, -1 - 0x1p-29);
    ck_assert(coda_xsum_value(&b) == 0x1p-60);
    /* not Python's (it raises): a partial sum past the largest double
     * makes the sum infinite */
    coda_xsum_add(&all, 1e308);
    coda_xsum_add(&all, 1e308);
    coda_xsum_add(&all, -1e308);
    ck_assert(coda_xsum_value(&all) == INFINITY);
    coda_xsum_add(&b, NAN);
    ck_assert(isnan(coda_xsum_value(&b)));
    coda_xsum_free(&a);
    coda_xsum_free(&b);
    coda_xsum_free(&all);
}
END_TEST

static int dcmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The exact order statistic k (0-based) of sorted x. */
static void check_quantiles(const coda_sketch *s, const double *sorted,
                            size_t n)
{
    for (int i = 0; i <= 100; i++) {
        double p = i / 100.0, h = p * (double)(n - 1);
        size_t k = (size_t)floor(h);
        double lo = sorted[k], hi = sorted[k + 1 < n ? k + 1 : k];
        double q = coda_sketch_quantile(s, p), exact = lo + (h - k) * (hi - lo);
        double bound = CODA_SKETCH_ACCURACY * fmax(fabs(lo), fabs(hi)) * 1.0000001;
        ck_assert_msg(fabs(q - exact) <= bound, "p %g: %.17g, exact %.17g",
                      p, q, exact);
    }
}

/* Generated values (wide magnitudes, both signs, zeros): every quantile
 * within the bound; the sketch of three parts merged equals the whole's. */
START_TEST(test_sketch_bound_and_merge)
{
    enum { N = 20000 };
    double *x = keep_libc(malloc(N * sizeof *x));
    coda_sketch all = { 0 }, m = { 0 }, part[3];
    memset(part, 0, sizeof part);
    srand(11);
    for (size_t i = 0; i < N; i++) {
        int r = rand() % 100;
        x[i] = r < 5 ? 0 : (r < 30 ? -1 : 1) *
               exp((rand() / (double)RAND_MAX - 0.5) * 30);
        coda_sketch_add(&all, x[i]);
        coda_sketch_add(&part[(size_t)rand() % 3], x[i]);
    }
    for (int i = 0; i < 3; i++)
        coda_sketch_merge(&m, &part[i]);
    ck_assert(m.n == all.n && m.zero == all.zero);
    ck_assert(m.pos.off == all.pos.off && m.pos.n == all.pos.n);
    ck_assert(memcmp(m.pos.count, all.pos.count, m.pos.n * 8) == 0);
    ck_assert(memcmp(m.neg.count, all.neg.count, m.neg.n * 8) == 0);
    qsort(x, N, sizeof *x, dcmp);
    check_quantiles(&m, x, N);
    ck_assert(isnan(coda_sketch_quantile(&part[0], 1.5)));
    for (int i = 0; i < 3; i++)
        coda_sketch_free(&part[i]);
    coda_sketch_free(&all);
    coda_sketch_free(&m);
    ck_assert(isnan(coda_sketch_quantile(&m, 0.5)));
}
END_TEST

Suite *stats_xsum_suite(void)
{
    Suite *s = suite_create("stats_xsum");
    TCase *tc = tcase_create("stats_xsum");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_add_loop_test(tc, test_fsum_cases, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_fsum_products_merge);
    tcase_add_test(tc, test_sketch_bound_and_merge);
    suite_add_tcase(s, tc);
    return s;
}
