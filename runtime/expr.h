/* expr.h - derived columns: a small expression language over a Dataset's
 * columns ("weight / (height / 100)^2", "cut(age, {0, 18, 35, inf})"),
 * compiled once against a table and evaluated a block of rows at a time.
 *
 * Missing values propagate as in R: arithmetic, comparisons and functions
 * of a missing value are missing; "and"/"or" use three-valued logic
 * (missing and false is false, missing or true is true); a condition that
 * is missing selects no branch of case_when.  docs/expressions.md has the
 * grammar and every function.
 *
 * Ownership: a coda_expr belongs to its caller (coda_expr_free); it reads
 * the table it was compiled against, which must outlive it unchanged. */
#ifndef CODA_EXPR_H
#define CODA_EXPR_H

#include "base_error.h"
#include "table.h"

typedef struct coda_expr coda_expr;

/* Compile src against t's columns.  CODA_EPARSE for a syntax error, an
 * unknown column (naming the closest column) or function, or values of the
 * wrong type, with err->offset the 0-based byte offset in src and the
 * 1-based position in the message; CODA_ELIMIT for an expression nested too
 * deeply or too large; CODA_EREGEX for a pattern that does not compile;
 * CODA_ENOMEM. */
coda_status coda_expr_compile(const char *src, const coda_table *t,
                              coda_expr **out, coda_error *err);

/* The type of the column the expression makes. */
coda_type coda_expr_type(const coda_expr *e);

/* Evaluate e over every row of its table into column c of dst (which has
 * as many rows, and whose column c has coda_expr_type(e)).  CODA_ENOMEM,
 * CODA_EREGEX (a match limit). */
coda_status coda_expr_eval(coda_expr *e, coda_table *dst, size_t c,
                           coda_error *err);

void coda_expr_free(coda_expr *e);   /* NULL allowed */

/* A table of t's columns (borrowed from t, which *out holds a reference
 * to: coda_table_share) with n columns names[i] added (or replaced), each
 * computed by the expression srcs[i] from t's columns (not from each
 * other).  An error names the column being made: "bmi: unknown column
 * ...". */
coda_status coda_mutate(coda_table *t, const char *const *names,
                        const char *const *srcs, size_t n, coda_table **out,
                        coda_error *err);

#endif
