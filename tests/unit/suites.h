/* suites.h - every Check suite, in the order main.c runs them.
 *
 * A new suite is one file and one line: tests/unit/check_NAME.c defining
 * Suite *NAME_suite(void), and SUITE(NAME) in the list below.  Helpers the
 * suites share live in harness/ (see README.md). */
#ifndef CODA_TEST_SUITES_H
#define CODA_TEST_SUITES_H

#include <check.h>

#define CODA_SUITES \
    SUITE(alloc) \
    SUITE(blocks) \
    SUITE(utf8) \
    SUITE(pool) \
    SUITE(table) \
    SUITE(csv) \
    SUITE(csv_int) \
    SUITE(csv_scan) \
    SUITE(csv_marks) \
    SUITE(csv_write) \
    SUITE(filter) \
    SUITE(outfile) \
    SUITE(agg) \
    SUITE(agg_partial) \
    SUITE(summarise) \
    SUITE(summarise_keys) \
    SUITE(summarise_stretch) \
    SUITE(summarise_top) \
    SUITE(summarise_select) \
    SUITE(group) \
    SUITE(group_sorted) \
    SUITE(shape) \
    SUITE(expr) \
    SUITE(agree) \
    SUITE(stats) \
    SUITE(stats_quantile) \
    SUITE(stats_xsum) \
    SUITE(survey) \
    SUITE(writers) \
    SUITE(segout) \
    SUITE(codebook) \
    SUITE(codebook_lint) \
    SUITE(wordside) \
    SUITE(corpus) \
    SUITE(corpus_docx) \
    SUITE(corpus_shard) \
    SUITE(corpus_decode) \
    SUITE(corpus_stream) \
    SUITE(coder) \
    SUITE(literals) \
    SUITE(project) \
    SUITE(review) \
    SUITE(qdpx) \
    SUITE(qdpx_store) \
    SUITE(zipread) \
    SUITE(fmt)

#define SUITE(name) Suite *name##_suite(void);
CODA_SUITES
#undef SUITE

#endif
