/* keep.h - what a test made and must free even when an assertion stops it
 * half-way (with CK_FORK=no an assertion longjmps out of the test; the
 * teardown still runs). */
#ifndef CODA_TEST_KEEP_H
#define CODA_TEST_KEEP_H

#include "table.h"

coda_table *keep_table(coda_table *t);  /* coda_table_free at teardown */
void *keep_coda(void *p);               /* coda_free at teardown */
void *keep_libc(void *p);               /* free at teardown */
void keep_free_table(coda_table *t);    /* free a kept table now */

/* The teardown of every test case: free what was kept, then put the C
 * library's allocator back. */
void test_teardown(void);

#endif
