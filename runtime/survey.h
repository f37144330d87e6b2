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

enum { CODA_MAX_STAGES = 4 };

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
    size_t nlater;      /* stages of clusters after the first, 0 .. 3 */
    long later_cluster[CODA_MAX_STAGES - 1];   /* their cluster columns */
    long later_fpc[CODA_MAX_STAGES - 1];       /* their fpc columns: the
                           population of clusters in each cluster of the
                           stage above (or the fraction sampled); all -1
                           when fpc is -1, none -1 when fpc is given */
} coda_design_spec;

/* A stage after the first: its clusters, each within one cluster of the
 * stage above, which is its stratum (R survey's multistage designs). */
typedef struct coda_stage {
    size_t nclus, nabove;       /* clusters here, and at the stage above */
    uint32_t *above;            /* per cluster: its cluster above */
    uint32_t *n;                /* per cluster above: its clusters here */
    double *f;                  /* per cluster above: 1 - n/N */
    double *scale;              /* per cluster above: f n/(n-1), or f */
    double *mult;               /* per cluster above: the product of n/N
                                   of its own and every stage above */
} coda_stage;

typedef struct coda_design {
    size_t nrow;
    double *w;                  /* the weight of each row */
    uint32_t *psu;              /* the PSU of each row, 0 .. npsu-1 */
    size_t npsu, nstrata;
    uint32_t *stratum;          /* the stratum of each PSU */
    double *scale;              /* per stratum: (1 - n/N) n/(n-1), or
                                   (1 - n/N) for a single PSU */
    uint32_t *npsu_h;           /* per stratum: its PSUs */
    double *f;                  /* per stratum: 1 - n/N (1 without fpc) */
    coda_lonely lonely;
    /* With an fpc at every stage, the stages after the first (R's
     * multistage variance); else none: the ultimate clusters. */
    size_t nlater;
    coda_stage *later;
    size_t nunit;               /* clusters of the last stage (units) */
    uint32_t *unit;             /* per row: its unit (psu when nlater = 0) */
    uint32_t *unit_psu;         /* per unit: its PSU (NULL: the same) */
    size_t nscratch;            /* numbers a variance needs as scratch */
} coda_design;

/* The design of t by spec.  CODA_EARG naming the column and row for a
 * missing strata, cluster or fpc value, an fpc that is not constant in a
 * stratum, mixes counts and fractions, or is smaller than the stratum's
 * PSUs, or (lonely = fail) a stratum with one PSU (one cluster sampled of
 * several, at a later stage); an fpc given for some stages only; errors
 * of coda_weights_get; CODA_ENOMEM. */
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
 * ci_low, ci_high (the logit interval of row_pct), and when asked the
 * design effects row_deff, col_deff, total_deff (R's svyby of svymean
 * with deff = TRUE), over the rows with both present.  CODA_ENOMEM,
 * CODA_ELIMIT. */
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

/* The statistics of R survey's svychisq: the second-order Rao-Scott F
 * (its default), the first-order correction of X^2 ("Chisq"), the Wald
 * test and the adjusted Wald test. */
typedef enum { CODA_SVYCHISQ_F, CODA_SVYCHISQ_CHISQ, CODA_SVYCHISQ_WALD,
               CODA_SVYCHISQ_ADJWALD } coda_svychisq_stat;

/* Parse "F", "Chisq", "Wald", "adjWald"; 0 if unknown. */
CODA_API
int coda_svychisq_parse(const char *name, coda_svychisq_stat *out);

/* A design-based test of independence of a and b (neither multi), as R
 * survey's svychisq with statistic stat: a one-row Dataset statistic,
 * ndf, ddf, p, chisq (Pearson's X^2 of the weighted table scaled to the
 * domain's rows), n, method.  The statistic is F for "F" (X^2 / tr Delta
 * on F(d0, d0 nu)), "Wald" (W / m on F(m, nu)) and "adjWald" (W (nu - m +
 * 1) / (m nu) on F(m, nu - m + 1)); for "Chisq" it is X^2 / mean of the
 * eigenvalues of Delta on chi-square with m = (rows - 1)(cols - 1)
 * degrees of freedom (ndf; ddf missing).  nu is the domain's PSUs less
 * strata.  Rows missing a or b are left out of the table.  CODA_ETYPE,
 * CODA_EARG (fewer than two values on a side), CODA_ENOMEM. */
CODA_API
coda_status coda_svy_chisq(const coda_design *d, const coda_table *t,
                           size_t a, size_t b, const coda_svy_domain *dom,
                           coda_svychisq_stat stat, coda_table **out,
                           coda_error *err);

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
