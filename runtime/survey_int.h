/* survey_int.h - what the survey files share (internal): the weighted
 * sums of each estimate by PSU, from which an estimate, its linearised
 * variance and its design effect follow. */
#ifndef CODA_SURVEY_INT_H
#define CODA_SURVEY_INT_H

#include "agg_keys.h"
#include "group.h"
#include "survey.h"

/* Estimates e = 0..ne, each the ratio (or total) of sum w y over sum w x
 * of a denominator j (one denominator may serve many estimates, as the
 * base of a frequency serves its levels).  num and den hold the sums of
 * each PSU, row-major by estimate. */
typedef struct svy_cells {
    size_t ne, nd, np;
    double *num, *den;          /* ne * np, nd * np */
    double *Y, *syy, *sxy;      /* ne: sum w y, w y^2, w x y */
    uint64_t *n;                /* ne: rows with y */
    double *X, *sw, *sxx;       /* nd: sum w x, w, w x^2 */
    uint64_t *nnz;              /* nd: rows of positive weight */
} svy_cells;

/* Cells for ne estimates over nd denominators of d's PSUs, zero.
 * CODA_ELIMIT past 50 million PSU cells, CODA_ENOMEM. */
CODA_INTERNAL
coda_status svy_cells_init(svy_cells *c, size_t ne, size_t nd,
                           const coda_design *d, coda_error *err);
CODA_INTERNAL
void svy_cells_free(svy_cells *c);

/* Add row r (weight w, PSU p) to denominator j with value x, and (when
 * e != SIZE_MAX) to estimate e with value y. */
static inline void svy_add_den(svy_cells *c, size_t j, size_t p, double w,
                               double x)
{
    c->den[j * c->np + p] += w * x;
    c->X[j] += w * x;
    c->sw[j] += w;
    c->sxx[j] += w * x * x;
    c->nnz[j] += w > 0;
}

static inline void svy_add_num(svy_cells *c, size_t e, size_t p, double w,
                               double y, double x)
{
    c->num[e * c->np + p] += w * y;
    c->Y[e] += w * y;
    c->syy[e] += w * y * y;
    c->sxy[e] += w * x * y;
    c->n[e]++;
}

/* Below this 1 - n/N a stage is a census: it adds no variance, and a
 * lonely PSU there is no error (R survey's onestrat). */
#define SVY_CENSUS 1e-7

/* The value of fpc column col at row r: CODA_ETYPE when the column is not
 * numeric, CODA_EARG when the value is not positive and finite. */
CODA_INTERNAL
coda_status svy_fpc_value(const coda_table *t, size_t col, size_t r,
                          double *v, coda_error *err);

/* Whether s's fpc columns are population sizes (*big = 1) or sampling
 * fractions, over every stage as R decides it; CODA_EARG for a mix, or an
 * fpc for some stages only. */
CODA_INTERNAL
coda_status svy_fpc_kind(const coda_table *t, const coda_design_spec *s,
                         int *big, coda_error *err);

/* The stages after the first of d (when s gives an fpc), the unit of each
 * row and d->nscratch; without weights (weighted = 0) each row's weight
 * is multiplied by N/n of each later stage.  CODA_EARG, CODA_ENOMEM. */
CODA_INTERNAL
coda_status svy_stages_make(const coda_table *t, const coda_design_spec *s,
                            coda_design *d, int big, int weighted,
                            coda_error *err);
CODA_INTERNAL
void svy_stages_free(coda_design *d);

/* What a stratum of n PSUs (sampled fraction 1 - f, scale) adds to a
 * covariance given the product of its two totals and the sum of their
 * centred cross-products: NAN when it is left to the average of the
 * others (lonely = average). */
CODA_INTERNAL
double svy_part(coda_lonely lonely, uint32_t n, double f, double scale,
                double sum12, double cp);

/* The sums of x1 and of x2 in each of ng groups (grp[i]: the group of
 * item i of nx; n[h]: the items of group h) and the sum of their centred
 * cross-products, into s[0..ng), s[ng..2 ng), s[2 ng..3 ng). */
CODA_INTERNAL
void svy_cross(size_t ng, size_t nx, const uint32_t *grp, const uint32_t *n,
               const double *x1, const double *x2, double *s);

/* Stage g's part of a covariance of unit totals x1, x2 of its clusters;
 * s holds 3 * g->nabove numbers. */
CODA_INTERNAL
double svy_stage_cov(const coda_design *d, const coda_stage *g,
                     const double *x1, const double *x2, double *s);

/* Scratch for svy_ratio: np + d->nscratch numbers (coda_free), or NULL. */
CODA_INTERNAL
double *svy_scratch(const svy_cells *c, const coda_design *d);

/* One estimate: value, standard error, design effect (NaN unless asked). */
typedef struct svy_result {
    double est, se, deff;
} svy_result;

/* Estimate e as a ratio (Y / X of denominator j) or a total (Y), by
 * Taylor linearisation over d, with its design effect when deff is 1 or
 * 2 (coda_svy_opts); scratch holds np + d->nscratch numbers. */
CODA_INTERNAL
svy_result svy_ratio(const svy_cells *c, size_t e, size_t j,
                     const coda_design *d, int total, int deff,
                     double *scratch);

/* The covariance of two estimates whose linearised values add up to
 * t1[u] and t2[u] in unit u (R survey's svyrecvar), and the variance of
 * one; s holds d->nscratch numbers. */
CODA_INTERNAL
double svy_covariance(const coda_design *d, const double *t1,
                      const double *t2, double *s);
CODA_INTERNAL
double svy_variance(const coda_design *d, const double *t, double *s);

/* Degrees of freedom of denominator j's domain: its PSUs of positive
 * weight less their strata (R's degf of the subset). */
CODA_INTERNAL
double svy_degf(const svy_cells *c, size_t j, const coda_design *d,
                double *scratch);

/* The logit interval of a proportion p with standard error se at t's
 * quantile with df degrees of freedom (R's svyciprop, method logit). */
CODA_INTERNAL
void svy_logit_ci(double p, double se, double df, double level, double *lo,
                  double *hi);

/* The Wald statistic Y' V^-1 Y of independence of the nr x nc cells of c
 * (cell i + nr j, denominator 0 the table's total; R survey's svychisq
 * "Wald" before its scaling); NaN when V is singular.  w holds
 * svy_wald_scratch numbers. */
CODA_INTERNAL
double svy_wald(const svy_cells *c, const coda_design *d, size_t nr,
                size_t nc, double *w);
CODA_INTERNAL
size_t svy_wald_scratch(const svy_cells *c, const coda_design *d, size_t nr,
                        size_t nc);

/* Groups of the domain: the group of each row (0 when nk = 0), the groups
 * with rows in the domain sorted by key, and how many. */
typedef struct svy_groups {
    coda_groups g;
    size_t n;           /* groups kept */
    size_t *order;      /* group ids kept, in key order */
    uint32_t *slot;     /* group id -> position in order (UINT32_MAX: none) */
} svy_groups;

CODA_INTERNAL
coda_status svy_groups_make(const coda_table *t, const coda_svy_domain *dom,
                            svy_groups *g);
CODA_INTERNAL
void svy_groups_free(svy_groups *g);

/* The group position of row r, or UINT32_MAX when r is outside the
 * domain. */
static inline uint32_t svy_group_of(const svy_groups *g,
                                    const coda_svy_domain *dom, size_t r)
{
    if (dom->in && !dom->in[r])
        return UINT32_MAX;
    return dom->nk ? g->slot[g->g.gid[r]] : 0;
}

/* Columns 0..nk of out, rows base + i * per .. (per rows a group): the
 * key values of each kept group. */
CODA_INTERNAL
coda_status svy_put_keys(coda_table *out, const coda_table *t,
                         const coda_svy_domain *dom, const svy_groups *g,
                         size_t per);

/* The values of one column present in the domain, sorted, and the
 * position of each id among them (UINT32_MAX: absent). */
typedef struct svy_levels {
    keyset k;
    uint32_t *ids, *pos;
    size_t n;
} svy_levels;

/* The levels of column col over the rows of the domain where every column
 * of need[0..nneed) is present.  svy_levels_free in every case. */
CODA_INTERNAL
coda_status svy_levels_make(const coda_table *t, size_t col,
                            const coda_svy_domain *dom, const size_t *need,
                            size_t nneed, svy_levels *l);
CODA_INTERNAL
void svy_levels_free(svy_levels *l);

/* 1 when row r is in the domain with every column of cols present. */
CODA_INTERNAL
int svy_usable(const coda_table *t, const coda_svy_domain *dom,
               const size_t *cols, size_t n, size_t r);

/* Name and type columns from..from+n of out. */
CODA_INTERNAL
coda_status svy_columns(coda_table *out, size_t from, const char *const *names,
                        const coda_type *types, size_t n);

/* A new table *o of g->n * per rows: the keys of each kept group (per
 * rows a group), then n columns of names and types.  CODA_ENOMEM. */
CODA_INTERNAL
coda_status svy_table(coda_table **o, const coda_table *t,
                      const coda_svy_domain *dom, const svy_groups *g,
                      size_t per, const char *const *names,
                      const coda_type *types, size_t n);

/* The end of building o with status st: o into *out, or freed. */
CODA_INTERNAL
coda_status svy_done(coda_table *o, coda_status st, coda_table **out);

/* Row r of number column c: v, or missing when v is NaN. */
CODA_INTERNAL
coda_status svy_put(coda_table *out, size_t c, size_t r, double v);

#endif
