/* stats.h - intervals for proportions and the distributions behind them,
 * and the checking of weight columns. */
#ifndef CODA_STATS_H
#define CODA_STATS_H

#include "base_api.h"

#include "table.h"

typedef enum { CODA_CI_WILSON, CODA_CI_CLOPPER_PEARSON, CODA_CI_NONE } coda_ci;

/* The quantile of the standard normal distribution at p (0 < p < 1). */
CODA_API
double coda_normal_quantile(double p);

/* The regularized incomplete beta function I_x(a, b), a, b > 0. */
CODA_API
double coda_beta_inc(double a, double b, double x);

/* A two-sided interval at confidence level (e.g. 0.95) for the proportion
 * x/n, in percent, clamped to [0, 100]: Wilson's score interval, or the
 * exact Clopper-Pearson one.  The bound at 0 successes is 0 and at n is
 * 100.  n = 0 or CODA_CI_NONE gives NaN for both. */
CODA_API
void coda_proportion_ci(coda_ci method, double level, long x, long n,
                        double *low, double *high);

/* The same for a weighted proportion: x successes of an effective sample
 * size n (both may be fractional, 0 <= x <= n, n > 0). */
CODA_API
void coda_proportion_ci_eff(coda_ci method, double level, double x, double n,
                            double *low, double *high);

/* Parse "wilson", "clopper-pearson", "none"; 0 when unknown. */
CODA_API
int coda_ci_parse(const char *name, coda_ci *out);

/* Round a decimal number half up (away from zero at exactly half) to
 * digits places, as written in its shortest round-trip form, so that
 * 12.5 -> 13 and 2.675 -> 2.68; writes it to buf (size >= 48) and returns
 * buf. */
CODA_API
char *coda_format_half_up(double v, int digits, char *buf);

/* The p-quantile (0 <= p <= 1) of x[0..n), sorted ascending, by R's
 * quantile() type 1..9 (7 is R's default, the linear interpolation of
 * the order statistics).  NaN when n is 0 or p or type is out of range. */
CODA_API
double coda_quantile_sorted(const double *x, size_t n, double p, int type);

/* The same of x[0..n) in any order, by selection rather than a sort (x
 * reordered).  NaN orders after every number (as coda_value_cmp). */
CODA_API
double coda_quantile_select(double *x, size_t n, double p, int type);

/* The room coda_quantile_select_in needs to select among n values out of
 * place. */
#define CODA_SELECT_ROOM(n) (3 * ((n) + 4))

/* The same with buf[0..cap) to work in: with at least
 * CODA_SELECT_ROOM(n) of it, and where the processor has AVX2, the
 * selection copies rather than swaps (x then only has its NaN moved
 * last); the answer is the same either way. */
CODA_INTERNAL
double coda_quantile_select_in(double *x, size_t n, double p, int type,
                               double *buf, size_t cap);

/* A value and its weight. */
typedef struct coda_wpair {
    double x, w;
} coda_wpair;

/* The weighted p-quantile of v[0..n): the least x whose share of the
 * total weight at or below it reaches p (the inverse of the weighted
 * distribution function, R survey's qrule "math").  Pairs of weight 0
 * are left out; v is sorted.  NaN when no weight is positive. */
CODA_API
double coda_wquantile(coda_wpair *v, size_t n, double p);

/* The same of v[0..n) already sorted by x (zero weights skipped). */
CODA_API
double coda_wquantile_sorted(const coda_wpair *v, size_t n, double p);

/* Sort v[0..n) by x. */
CODA_API
void coda_wpairs_sort(coda_wpair *v, size_t n);

/* Distribution functions from R's Rmath (stats_dist.c): the quantile of
 * Student's t with df degrees of freedom at p; the upper tail of t, of
 * the standard normal, of chi-square, of F; the normal quantile; the
 * hypergeometric probability of x white balls in n drawn from r white
 * and b black. */
CODA_API
double coda_qt(double p, double df);
CODA_API
double coda_pt_upper(double t, double df);
CODA_API
double coda_qnorm(double p);
CODA_API
double coda_pnorm_upper(double z);
CODA_API
double coda_pchisq_upper(double x, double df);
CODA_API
double coda_pf_upper(double f, double df1, double df2);
CODA_API
double coda_dhyper(double x, double r, double b, double n);

/* A test's statistic, its degrees of freedom (df2: the denominator's of
 * an F, else NaN) and its p-value. */
typedef struct coda_test {
    double statistic, df, df2, p;
} coda_test;

/* Pearson's chi-square test of independence of the nr x nc counts obs
 * (row-major, every row and column total positive), as R's chisq.test:
 * with correct and a 2x2 table, Yates' correction (|O - E| less
 * min(0.5, |O - E|)).  scratch holds nr + nc numbers; expected and stdres
 * (nr * nc each, or NULL) receive E and the standardised residuals
 * (O - E) / sqrt(E (1 - row/n) (1 - col/n)). */
CODA_API
coda_test coda_chisq_test(const double *obs, size_t nr, size_t nc,
                          int correct, double *scratch, double *expected,
                          double *stdres);

/* The two-sided p-value of Fisher's exact test of the 2x2 table
 * (a b / c d), as R's fisher.test: the probability of the tables with the
 * same margins no more likely than this one. */
CODA_API
double coda_fisher_2x2(double a, double b, double c, double d);

/* A one-row Dataset of a test's numbers v[0..n) under names[0..n) (NaN:
 * missing) and a string column method.  CODA_ENOMEM. */
CODA_API
coda_status coda_test_table(const char *const *names, const double *v,
                            size_t n, const char *method, coda_table **out);

/* A sample's size, mean and variance (n - 1). */
typedef struct coda_tsum {
    double n, mean, var;
} coda_tsum;

/* Student's two-sample t test of x's mean less y's (Welch's unequal
 * variances, or pooled), and the one-sample test of x's mean against mu,
 * as R's t.test; *se the standard error, ci[0..1] the interval at level
 * (of the difference, or of the mean). */
CODA_API
coda_test coda_ttest2(const coda_tsum *x, const coda_tsum *y, int pooled,
                      double level, double *se, double *ci);
CODA_API
coda_test coda_ttest1(const coda_tsum *x, double mu, double level, double *se,
                      double *ci);

/* c (m x p) = a b, or a' b when ta (a then n x m), b n x p; row-major. */
CODA_API
void coda_mat_mul(const double *a, int ta, const double *b, size_t m,
                  size_t n, size_t p, double *c);

/* Solve a x = b for the n x n matrix a and the n x m matrix b, in place
 * (b becomes x, a is destroyed), by Gauss-Jordan elimination with partial
 * pivoting; 0 when a is singular. */
CODA_API
int coda_mat_solve(double *a, double *b, size_t n, size_t m);

/* Column col of t as weights: a new array of t->nrow numbers (caller frees
 * with coda_free).  CODA_ETYPE when the column is not numeric; CODA_EARG
 * naming the column, row and value for a missing, NaN, infinite or
 * negative weight (zero is allowed); CODA_ENOMEM.  Messages begin with
 * "verb: ". */
CODA_API
coda_status coda_weights_get(const coda_table *t, size_t col,
                             const char *verb, double **out, coda_error *err);

/* An exact sum of doubles (stats_xsum.c): zero it to start, add terms in
 * any order, read it rounded once (correctly, as Python's math.fsum: the
 * same double whatever the order or grouping of the terms); a sum with an
 * infinite or NaN term is inf, -inf or NaN, and so is one whose running
 * sum passes the largest double (then, only, the order matters).
 * The components p[0..n) are non-overlapping, smallest first; their exact
 * sum plus special is the sum.  coda_xsum_free releases p. */
typedef struct coda_xsum {
    double *p;
    uint32_t n, cap;
    double special;     /* the sum of the non-finite terms */
    int nspecial;       /* 1 once one was added */
} coda_xsum;

/* Add x, or the exact product a * b (as two terms, by fma), or every term
 * of o.  CODA_ENOMEM. */
CODA_API
coda_status coda_xsum_add(coda_xsum *s, double x);
CODA_API
coda_status coda_xsum_add_product(coda_xsum *s, double a, double b);
CODA_API
coda_status coda_xsum_merge(coda_xsum *s, const coda_xsum *o);

/* The sum rounded to the nearest double (ties to even). */
CODA_API
double coda_xsum_value(const coda_xsum *s);

CODA_API
void coda_xsum_free(coda_xsum *s);

/* A quantile sketch (stats_sketch.c): counts of values in logarithmic
 * buckets of relative width CODA_SKETCH_ACCURACY (0.5%), one store for
 * positive values, one for negative ones, and a count of zeros (and of
 * values nearer 0 than CODA_SKETCH_MIN).  Zero it to start; the sketch of
 * a set of values is the same whatever their order or however they were
 * split and merged.  coda_sketch_free releases the stores. */
#define CODA_SKETCH_ACCURACY 0.005
#define CODA_SKETCH_MIN 1e-300

typedef struct coda_sketch_store {
    int32_t off;        /* the bucket of count[0] */
    uint32_t n;         /* buckets from the least to the greatest counted */
    uint64_t *count;    /* into buf */
    uint64_t *buf;      /* bcap buckets from boff: room to grow */
    int32_t boff;
    uint32_t bcap;
} coda_sketch_store;

typedef struct coda_sketch {
    coda_sketch_store pos, neg;
    uint64_t zero, n;   /* zeros; all values counted */
} coda_sketch;

/* Count x (NaN is left out; an infinity counts as the largest double), or
 * k values in bucket i of the store of sign store (1, -1; 0: zeros), or
 * every count of o.  CODA_ENOMEM. */
CODA_API
coda_status coda_sketch_add(coda_sketch *s, double x);
CODA_API
coda_status coda_sketch_add_count(coda_sketch *s, int store, int32_t i,
                                  uint64_t k);
CODA_API
coda_status coda_sketch_merge(coda_sketch *s, const coda_sketch *o);

/* The p-quantile as R's type 7 from the estimates of the two order
 * statistics it interpolates, each within CODA_SKETCH_ACCURACY of the
 * true one relatively: so within 0.5% of the exact quantile when the two
 * have the same sign (else within 0.5% of the larger magnitude of the
 * two).  NaN for an empty sketch or p outside 0..1. */
CODA_API
double coda_sketch_quantile(const coda_sketch *s, double p);

CODA_API
void coda_sketch_free(coda_sketch *s);

#endif
