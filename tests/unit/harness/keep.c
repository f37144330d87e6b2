/* keep.c - what a test made, freed at its teardown (keep.h). */
#include "keep.h"

#include "base_alloc.h"
#include "oom.h"

#include <check.h>
#include <stdlib.h>

enum { KEEP_MAX = 256 };

static struct kept {
    void *p;
    void (*free)(void *);
} kept[KEEP_MAX];
static int nkept;

static void *keep(void *p, void (*fn)(void *))
{
    ck_assert_msg(nkept < KEEP_MAX, "keep: too many");
    kept[nkept++] = (struct kept){ p, fn };
    return p;
}

static void free_table(void *t)
{
    coda_table_free(t);
}

coda_table *keep_table(coda_table *t) { return keep(t, free_table); }
void *keep_coda(void *p) { return keep(p, coda_free); }
void *keep_libc(void *p) { return keep(p, free); }

void keep_free_table(coda_table *t)
{
    for (int i = 0; i < nkept; i++)
        if (kept[i].p == t) {
            kept[i] = kept[--nkept];
            break;
        }
    coda_table_free(t);
}

void test_teardown(void)
{
    oom_remove();
    while (nkept > 0) {
        nkept--;
        kept[nkept].free(kept[nkept].p);
    }
}
