/* survey.h - complex survey designs (weights, strata, clusters, finite
 * population corrections) and estimates with standard errors by Taylor
 * linearisation, as R's survey package computes them.
 *
 * A design is made once from a Dataset and read by every estimate; it
 * does not hold the Dataset, which must outlive it.  A domain (a subset
 * or a group) keeps the whole design: rows outside it count as zero, as
 * R's subset() of a design does.  Results are new tables the caller
 * frees; on failure nothing is returned and err says why. */
#ifndef CODA_SURVEY_H
#define CODA_SURVEY_H

#include "base_api.h"

#include "table.h"

/* What a stratum with a single PSU contributes (R's survey.lonely.psu). */
typedef enum {
    CODA_LONELY_FAIL,       /* an error when the design is made */
    CODA_LONELY_REMOVE,     /* nothing */
    CODA_LONELY_CERTAINTY,  /* nothing (a PSU sampled with certainty) */
    CODA_LONELY_ADJUST,     /* its total's distance from zero */
    CODA_LONELY_AVERAGE     /* the average of the other strata */
} coda_lonely;

/* Parse "fail", "remove", "certainty", "adjust", "average"; 0 if unknown. */
CODA_API
int coda_lonely_parse(const char *name, coda_lonely *out);

typedef struct coda_design_spec {
    long weights;       /* column of sampling weights, or -1 (all 1, or
                           N/n of the stratum when fpc is given) */
    long strata;        /* column, or -1 (one stratum) */
    long cluster;       /* column of first-stage clusters (PSUs), or -1
                           (each row its own PSU) */
    long fpc;           /* column: the stratum's population of PSUs (all
                           values >= 1) or its sampling fraction (all
                           <= 1), or -1 (sampling with replacement) */
    coda_lonely lonely;
} coda_design_spec;

typedef struct coda_design {
    size_t nrow;
    double *w;                  /* the weight of each row */
    uint32_t *psu;              /* the PSU of each row, 0 .. npsu-1 */
    size_t npsu, nstrata;
    uint32_t *stratum;          /* the stratum of each PSU */
    double *scale;              /* per stratum: (1 - n/N) n/(n-1), or
                                   (1 - n/N) for a single PSU */
    uint32_t *npsu_h;           /* per stratum: its PSUs */
    coda_lonely lonely;
} coda_design;

/* The design of t by spec.  CODA_EARG naming the column and row for a
 * missing strata, cluster or fpc value, an fpc that is not constant in a
 * stratum, mixes counts and fractions, or is smaller than the stratum's
 * PSUs, or (lonely = fail) a stratum with one PSU; errors of
 * coda_weights_get; CODA_ENOMEM. */
CODA_API
coda_status coda_design_create(const coda_table *t, const coda_design_spec *s,
                               coda_design **out, coda_error *err);
CODA_API
void coda_design_free(coda_design *d);   /* NULL allowed */

/* How an estimate's interval and design effect are taken. */
typedef struct coda_svy_opts {
    double level;       /* 0.95 */
    int deff;           /* 0: none; 1: against simple random sampling
                           without replacement (R's deff = TRUE); 2: with
                           replacement (deff = "replace") */
} coda_svy_opts;

CODA_API
void coda_svy_opts_init(coda_svy_opts *o);

/* What an estimate is of: the rows of a domain (in[r] != 0; NULL: every
 * row), by groups of key columns keys[0..nk) (svyby; sorted by value,
 * only groups with rows in the domain). */
typedef struct coda_svy_domain {
    const uint8_t *in;
    const size_t *keys;
    size_t nk;
} coda_svy_domain;

typedef enum { CODA_SVY_MEAN, CODA_SVY_TOTAL, CODA_SVY_RATIO,
               CODA_SVY_VAR } coda_svy_stat;

/* The mean, total, ratio (of y to x) or variance of numeric columns: one
 * row per group and column with the keys, variable (and denominator for
 * a ratio), n (rows in the domain with the value present), mean | total |
 * ratio | var, se, ci_low, ci_high (normal, as R's confint), and deff
 * when asked (not for a variance).  The variance is R survey's svyvar:
 * the mean of (y - mean)^2 n/(n - 1), n the domain's rows of positive
 * weight, its se with the mean taken as known.  A row missing y (or x)
 * is outside the domain, as R's na.rm = TRUE.  CODA_ETYPE for a column that is not numeric, CODA_ELIMIT
 * for more than 50 million group-PSU cells, CODA_ENOMEM. */
CODA_API
coda_status coda_svy_estimate(const coda_design *d, const coda_table *t,
                              coda_svy_stat stat, const size_t *y,
                              const size_t *x, size_t ny,
                              const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err);

/* The frequency of a column: one row per group and value (label of a
 * multi column) with value, n, count (the weighted total), pct (of the
 * rows with the column present, in percent), se (in points), ci_low,
 * ci_high (R's svyciprop logit interval, t with the domain's PSUs less
 * strata degrees of freedom) and deff when asked.  CODA_ENOMEM,
 * CODA_ELIMIT. */
CODA_API
coda_status coda_svy_frequency(const coda_design *d, const coda_table *t,
                               size_t col, const coda_svy_domain *dom,
                               const coda_svy_opts *o, coda_table **out,
                               coda_error *err);

/* The crosstab of a by b: one row per group and pair of values with row,
 * col, n, count, row_pct, row_se, col_pct, col_se, total_pct, total_se,
 * ci_low, ci_high (the logit interval of row_pct) over the rows with both
 * present.  CODA_ENOMEM, CODA_ELIMIT. */
CODA_API
coda_status coda_svy_crosstab(const coda_design *d, const coda_table *t,
                              size_t a, size_t b, const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err);

/* Quantiles of numeric column y at p[0..np), as R survey's svyquantile
 * with its defaults: one row per group and probability with the keys,
 * variable, p, n, quantile (the inverse of the weighted distribution
 * function), se, ci_low, ci_high (Woodruff's interval at o->level: the
 * share at or below the quantile, its interval with t on the domain's
 * degrees of freedom, carried back; an end past 0 or 1 is missing).
 * CODA_ETYPE, CODA_EARG (p outside [0, 1]), CODA_ENOMEM. */
CODA_API
coda_status coda_svy_quantile(const coda_design *d, const coda_table *t,
                              size_t y, const double *p, size_t np,
                              const coda_svy_domain *dom,
                              const coda_svy_opts *o, coda_table **out,
                              coda_error *err);

/* The Rao-Scott test of independence of a and b (neither multi), as R
 * survey's svychisq with its default statistic "F": a one-row Dataset
 * statistic (F), ndf, ddf, p, chisq (Pearson's X^2 of the weighted table
 * scaled to the domain's rows), n, method.  Rows missing a or b are left
 * out of the table.  CODA_ETYPE, CODA_EARG (fewer than two values on a
 * side), CODA_ENOMEM. */
CODA_API
coda_status coda_svy_chisq(const coda_design *d, const coda_table *t,
                           size_t a, size_t b, const coda_svy_domain *dom,
                           coda_table **out, coda_error *err);

/* A design-based t test of numeric column y, as R survey's svyttest: with
 * by < 0, of its mean against mu; else of the difference of its means in
 * the two groups of column by (the second's less the first's, in value
 * order).  A one-row Dataset statistic, df (the domain's PSUs less
 * strata, less one), p, estimate (the mean, or the difference), se,
 * ci_low, ci_high (its interval, t at level), n, method.  CODA_ETYPE,
 * CODA_EARG (not two groups), CODA_ENOMEM. */
CODA_API
coda_status coda_svy_ttest(const coda_design *d, const coda_table *t,
                           size_t y, long by, double mu, double level,
                           const coda_svy_domain *dom, coda_table **out,
                           coda_error *err);

#endif
