/* agree.h - agreement between two codings of the same cases. */
#ifndef CODA_AGREE_H
#define CODA_AGREE_H

#include "base_api.h"

#include "table.h"

/* The four counts of a code over n cases: both coders applied it, only the
 * first, only the second, neither. */
typedef struct coda_2x2 {
    uint64_t both, a_only, b_only, neither;
} coda_2x2;

/* Cohen's kappa; NaN when chance agreement is 1 (one value throughout). */
CODA_API
double coda_kappa(const coda_2x2 *c);

/* Krippendorff's alpha for nominal data, two coders, no missing values;
 * NaN when there is only one value throughout. */
CODA_API
double coda_alpha_nominal(const coda_2x2 *c);

/* Agreement of two case x code tables.  a and b each have an id column
 * (ida, idb; string or integer, unique) and a multi column of the codes
 * present (ca, cb; missing = no code).  One result row per code: code, n,
 * both, a_only, b_only, neither, agreement (percent), kappa, alpha,
 * precision, recall, f1, with the second table taken as the reference
 * (swap the arguments for the other way).  The codes are labels[0..nl) in
 * that order, or, when nl = 0, every label of either table sorted.  Cases
 * found in only one table are an error (CODA_EARG naming one and how many)
 * unless drop_unmatched, when they are left out. */
CODA_API
coda_status coda_agreement(const coda_table *a, size_t ida, size_t ca,
                           const coda_table *b, size_t idb, size_t cb,
                           const char *const *labels, size_t nl,
                           int drop_unmatched, coda_table **out,
                           coda_error *err);

/* The result table of coda_agreement for codes[0..n) with the counts
 * counts[0..n).  CODA_ENOMEM. */
CODA_API
coda_status coda_agreement_rows(const char *const *codes,
                                const coda_2x2 *counts, size_t n,
                                coda_table **out);

#endif
