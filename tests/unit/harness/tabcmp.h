/* tabcmp.h - building expected tables from text and comparing tables cell
 * by cell in the unit tests.
 *
 * A cell is written as text: an integer in decimal, a number as C reads it
 * (strtod), a boolean "true" or "false", a string exactly, a multi value as
 * its labels joined by '|' ("" is the empty set); NULL is missing. */
#ifndef CODA_TEST_TABCMP_H
#define CODA_TEST_TABCMP_H

#include "table.h"

#include <check.h>

#define XROWS 16
#define XCOLS 6

typedef struct xcol {
    const char *name;           /* NULL ends the columns */
    coda_type type;
    const char *v[XROWS];
} xcol;

typedef struct xtab {
    size_t nrow;
    xcol c[XCOLS];
} xtab;

/* A table of nrow rows and ncol columns to fill with tb_col and tb_cell
 * (multi cells in row order).  Fails the test when out of memory. */
coda_table *tb_new(size_t nrow, size_t ncol);
void tb_col(coda_table *t, size_t c, const char *name, coda_type type);
void tb_cell(coda_table *t, size_t c, size_t r, const char *text);
/* Intern labels ("a|b|c") in multi column c ahead of its cells. */
void tb_labels(coda_table *t, size_t c, const char *labels);

/* The table x describes. */
coda_table *xtab_build(const xtab *x);

/* 0 when a and b hold the same names, types, missing flags, values and
 * multi vocabularies (labels in the same order); else 1 with the first
 * difference described in why. */
int tab_diff(const coda_table *a, const coda_table *b, char *why, size_t n);

/* The string in t's column named col at row r, "<NA>" when missing; the
 * test fails when there is no such column. */
const char *tab_str(const coda_table *t, const char *col, size_t r);

#define ck_assert_tables_eq(got, want)                                      \
    do {                                                                    \
        char why_[600];                                                     \
        int d_ = tab_diff((got), (want), why_, sizeof why_);                \
        ck_assert_msg(d_ == 0, "tables differ: %s", why_);                  \
    } while (0)

#endif
