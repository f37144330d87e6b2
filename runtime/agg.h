/* agg.h - counting with bases: frequencies and cross-tabulations.
 *
 * A percentage never travels without its base: every result holds the
 * count, the base it is a percentage of, the percentage (exact, not
 * rounded) and a confidence interval.  Results are new tables the caller
 * frees; on failure nothing is returned and err says why. */
#ifndef CODA_AGG_H
#define CODA_AGG_H

#include "base_api.h"

#include "filter.h"
#include "stats.h"
#include "table.h"

typedef enum {
    CODA_BASE_CASES,      /* rows where the column is not missing */
    CODA_BASE_FIXED,      /* a number the caller gives */
    CODA_BASE_RESPONSES   /* the sum of the counts: percentages sum to 100 */
} coda_base;

typedef enum {
    CODA_ORDER_COUNT,     /* count descending, ties by value */
    CODA_ORDER_VALUE,     /* value ascending */
    CODA_ORDER_GIVEN      /* the labels given, then the rest by count */
} coda_order;

typedef struct coda_freq_opts {
    coda_base base;
    long base_n;                /* for CODA_BASE_FIXED */
    coda_order order;
    const coda_value *labels;   /* declared labels (order, all_labels) */
    size_t nlabels;
    int all_labels;             /* list declared labels that never occur
                                   (a multi column's whole vocabulary when
                                   no labels are given) */
    coda_ci ci;
    double level;               /* 0.95 */
    long weight;                /* a weight column, or -1 */
} coda_freq_opts;

/* Defaults: cases base, count order, Wilson 95%, no weight. */
CODA_API
void coda_freq_opts_init(coda_freq_opts *o);

/* ds:frequency(col): one row per value (per label for a multi column) with
 * columns value, count, base, pct, ci_low, ci_high.  Missing is no value:
 * it is what the base leaves out.  With a weight column the columns are
 * value, n, count, base_n, base, pct, ci_low, ci_high, weight: n and
 * base_n count rows, count and base add their weights, pct is weighted,
 * the interval is taken at Kish's effective base n (sum w)^2 / sum w^2,
 * the order by count is by weighted count, and weight names the weight
 * column.  A fixed base cannot be weighted.  CODA_EARG (a bad weight, as
 * coda_weights_get), CODA_ETYPE, CODA_ENOMEM. */
CODA_API
coda_status coda_frequency(const coda_table *t, size_t col,
                           const coda_freq_opts *o, coda_table **out,
                           coda_error *err);

typedef struct coda_xtab_opts {
    coda_ci ci;                 /* interval of row_pct */
    double level;
    long weight;                /* a weight column, or -1 */
} coda_xtab_opts;

CODA_API
void coda_xtab_opts_init(coda_xtab_opts *o);

/* ds:crosstab(a, b): one row per pair of an a value and a b value (every
 * pair of observed values, zero counts included), sorted by a then b
 * value, with columns row, col, count, row_base, row_pct, col_base,
 * col_pct, total_pct, ci_low, ci_high (the interval of row_pct).
 * row_base = rows with that a value and b not missing; col_base likewise;
 * total = rows with both not missing.  Either side may be multi.  With a
 * weight column: row, col, n, count, row_base_n, row_base, row_pct,
 * col_base_n, col_base, col_pct, total_pct, ci_low, ci_high, weight (the
 * _n columns count rows, the others add weights; the interval as in
 * coda_frequency, at row_base's effective size).
 * CODA_ELIMIT when the table would pass 50 million cells. */
CODA_API
coda_status coda_crosstab(const coda_table *t, size_t a, size_t b,
                          const coda_xtab_opts *o, coda_table **out,
                          coda_error *err);

/* Pearson's chi-square test of independence of a and b (neither multi):
 * *test a one-row Dataset statistic, df, p, n, method; *cells one row
 * per pair of values (as crosstab) with row, col, observed, expected,
 * residual ((O - E) / sqrt(E)) and stdres (R's standardised residual).
 * correct: Yates' continuity correction for a 2x2 table, as R's
 * chisq.test.  CODA_ETYPE for a multi column, CODA_EARG for fewer than two
 * values on a side, CODA_ENOMEM. */
CODA_API
coda_status coda_chisq(const coda_table *t, size_t a, size_t b, int correct,
                       coda_table **test, coda_table **cells,
                       coda_error *err);

/* Fisher's exact test of the 2x2 table of a by b: a one-row Dataset
 * statistic (the sample odds ratio), df (missing), p (two-sided, as R's
 * fisher.test), n, method.  CODA_EARG unless the table is 2x2. */
CODA_API
coda_status coda_fisher(const coda_table *t, size_t a, size_t b,
                        coda_table **out, coda_error *err);

typedef struct coda_ttest_opts {
    size_t y;            /* the numeric column */
    long by;             /* a column of two groups, or -1 (one sample) */
    double mu;           /* one sample: the mean tested against */
    int pooled;          /* two samples: pooled variance (else Welch's) */
    double level;        /* of the interval; 0.95 */
} coda_ttest_opts;

CODA_API
void coda_ttest_opts_init(coda_ttest_opts *o);

/* Student's t test, as R's t.test: a one-row Dataset statistic, df, p,
 * estimate (the mean, or the first group's less the second's, groups in
 * value order), se, ci_low, ci_high, n, method.  Rows missing y (or by)
 * are left out.  CODA_ETYPE, CODA_EARG (not two groups, fewer than two
 * values), CODA_ENOMEM. */
CODA_API
coda_status coda_ttest(const coda_table *t, const coda_ttest_opts *o,
                       coda_table **out, coda_error *err);

typedef struct coda_ztest_opts {
    double level;        /* 0.95: a difference is significant at p < 0.05 */
    int bonferroni;      /* p times the pairs of columns in the table */
} coda_ztest_opts;

CODA_API
void coda_ztest_opts_init(coda_ztest_opts *o);

/* Column proportion z-tests of a (rows; may be multi) by b (the banner
 * columns, not multi), as SPSS Custom Tables: one row per cell (as
 * crosstab, a then b) with row, col, letter (A, B, ... by b's value
 * order), count, col_base, col_pct and above: the letters of the columns
 * whose percentage in that row this cell's is significantly above (a
 * two-proportion z-test with the pooled proportion; no test when it is 0
 * or 100%).  CODA_ETYPE, CODA_ENOMEM. */
CODA_API
coda_status coda_ztest_columns(const coda_table *t, size_t a, size_t b,
                               const coda_ztest_opts *zo, coda_table **out,
                               coda_error *err);

typedef struct coda_banner_opts {
    int total;            /* a Total column first (default 1) */
    int letters;          /* column proportion letters (default 0) */
    coda_ztest_opts z;    /* their level and Bonferroni correction */
} coda_banner_opts;

/* Defaults: a Total column, no letters, 95%. */
void coda_banner_opts_init(coda_banner_opts *o);

/* A banner table: the values of row variable row (may be multi) down,
 * and side by side the Total and each value of each column variable
 * cols[0..ncols) (a multi one only without letters), as one presentation
 * Dataset.  Column "row" holds "Base" and then the row values in value
 * order; each banner column L ("Total" or "VAR: VALUE", values in value
 * order) gives "L n" (the base in the Base row, then counts) and "L %"
 * (100 in the Base row, then the percentage of the column's base;
 * missing when the base is 0), and with letters "L sig" (the column's own
 * letter, A, B, ... within its variable, in the Base row; then the letters
 * of the columns of the same variable whose percentage this one is
 * significantly above, as coda_ztest_columns).  The base of a column is
 * the rows with that column value and the row variable not missing; the
 * Total's, the rows with the row variable not missing.  CODA_ETYPE,
 * CODA_EARG (no columns at all, a column variable twice), CODA_ELIMIT (past 50 million cells of a
 * row variable by a column variable), CODA_ENOMEM. */
coda_status coda_banner(const coda_table *t, size_t row, const size_t *cols,
                        size_t ncols, const coda_banner_opts *o,
                        coda_table **out, coda_error *err);

#endif
