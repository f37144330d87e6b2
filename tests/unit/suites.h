/* suites.h - one Check suite per runtime module, gathered by main.c. */
#ifndef CODA_TEST_SUITES_H
#define CODA_TEST_SUITES_H

#include <check.h>

Suite *alloc_suite(void);
Suite *utf8_suite(void);
Suite *pool_suite(void);
Suite *table_suite(void);
Suite *csv_suite(void);
Suite *csv_write_suite(void);
Suite *filter_suite(void);
Suite *outfile_suite(void);
Suite *agg_suite(void);
Suite *summarise_suite(void);
Suite *summarise_top_suite(void);
Suite *group_sorted_suite(void);
Suite *shape_suite(void);
Suite *agree_suite(void);
Suite *stats_suite(void);
Suite *stats_quantile_suite(void);
Suite *survey_suite(void);
Suite *writers_suite(void);
Suite *segout_suite(void);
Suite *codebook_suite(void);
Suite *codebook_lint_suite(void);
Suite *corpus_suite(void);
Suite *corpus_docx_suite(void);
Suite *corpus_decode_suite(void);
Suite *coder_suite(void);
Suite *literals_suite(void);
Suite *project_suite(void);
Suite *review_suite(void);
Suite *qdpx_suite(void);
Suite *qdpx_store_suite(void);
Suite *zipread_suite(void);

#endif
