/* main.c - the unit test runner: every suite of suites.h in one SRunner;
 * the exit status is the number of failed tests (at most 255). */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, name##_suite());
    CODA_SUITES
#undef SUITE
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed > 255 ? 255 : failed;
}
