/* main.c - the unit test runner: every module's suite in one SRunner; the
 * exit status is the number of failed tests (at most 255). */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(alloc_suite());
    srunner_add_suite(sr, utf8_suite());
    srunner_add_suite(sr, pool_suite());
    srunner_add_suite(sr, table_suite());
    srunner_add_suite(sr, csv_suite());
    srunner_add_suite(sr, csv_write_suite());
    srunner_add_suite(sr, filter_suite());
    srunner_add_suite(sr, outfile_suite());
    srunner_add_suite(sr, agg_suite());
    srunner_add_suite(sr, summarise_suite());
    srunner_add_suite(sr, summarise_top_suite());
    srunner_add_suite(sr, group_sorted_suite());
    srunner_add_suite(sr, shape_suite());
    srunner_add_suite(sr, agree_suite());
    srunner_add_suite(sr, stats_suite());
    srunner_add_suite(sr, stats_quantile_suite());
    srunner_add_suite(sr, survey_suite());
    srunner_add_suite(sr, writers_suite());
    srunner_add_suite(sr, segout_suite());
    srunner_add_suite(sr, codebook_suite());
    srunner_add_suite(sr, codebook_lint_suite());
    srunner_add_suite(sr, corpus_suite());
    srunner_add_suite(sr, corpus_docx_suite());
    srunner_add_suite(sr, corpus_decode_suite());
    srunner_add_suite(sr, coder_suite());
    srunner_add_suite(sr, literals_suite());
    srunner_add_suite(sr, project_suite());
    srunner_add_suite(sr, review_suite());
    srunner_add_suite(sr, qdpx_suite());
    srunner_add_suite(sr, qdpx_store_suite());
    srunner_add_suite(sr, zipread_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed > 255 ? 255 : failed;
}
