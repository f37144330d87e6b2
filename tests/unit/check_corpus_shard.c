/* check_corpus_shard.c - shards of a corpus (corpus_shard.c): the FNV-1a
 * hash against the published test vectors, "K/N" parsing, and N shards of
 * a folder and of documents in memory that cover each document exactly
 * once, without opening the other shards' files. */
#include "suites.h"
#include "harness/tmpdir.h"

#include "corpus.h"

#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define NDOC 12

/* FNV-1a 64 test vectors of the FNV reference (Noll's test suite) */
START_TEST(test_hash_vectors)
{
    ck_assert(coda_shard_hash("") == UINT64_C(0xcbf29ce484222325));
    ck_assert(coda_shard_hash("a") == UINT64_C(0xaf63dc4c8601ec8c));
    ck_assert(coda_shard_hash("foobar") == UINT64_C(0x85944171f73967e8));
}
END_TEST

static const struct { const char *s; int ok; unsigned k, n; } parses[] = {
    { "0/1", 1, 0, 1 }, { "7/8", 1, 7, 8 }, { "0/1000000", 1, 0, 1000000 },
    { "0/0", 0, 0, 0 }, { "3/3", 0, 0, 0 }, { "-1/4", 0, 0, 0 },
    { "1/x", 0, 0, 0 }, { "1", 0, 0, 0 }, { "/4", 0, 0, 0 }, { "1/", 0, 0, 0 },
    { "1/4/5", 0, 0, 0 }, { " 1/4", 0, 0, 0 }, { "1/1000001", 0, 0, 0 },
    { "+1/4", 0, 0, 0 }, { "99999999999/4", 0, 0, 0 },
};

START_TEST(test_parse)
{
    unsigned k = 99, n = 99;
    int ok = coda_shard_parse(parses[_i].s, &k, &n);
    ck_assert_msg(ok == parses[_i].ok, "%s", parses[_i].s);
    if (ok)
        ck_assert(k == parses[_i].k && n == parses[_i].n);
}
END_TEST

/* seen[d] += 1 for each document "dN" of t's doc column */
static void count_docs(const coda_table *t, int *seen)
{
    long c = coda_table_find(t, "doc");
    for (size_t r = 0; r < t->nrow; r++) {
        int d;
        ck_assert(sscanf(t->cols[c].v.s.p[r], "d%d", &d) == 1);
        seen[d]++;
    }
}

/* Reading a corpus with o (a folder, or documents in memory). */
typedef coda_status (*reader)(const void *src, const coda_corpus_opts *o,
                              coda_table **out, coda_error *err);

/* Shards 0..n-1 of src through read hold each of its ndoc documents
 * "d0".."d<ndoc-1>" exactly once (with n > 1, none of them all). */
static void check_cover(reader read, const void *src, coda_corpus_opts *o,
                        unsigned n, int ndoc)
{
    int seen[NDOC] = { 0 };
    coda_table *t;
    coda_error err;
    o->shard_n = n;
    for (o->shard_k = 0; o->shard_k < n; o->shard_k++) {
        ck_assert_msg(read(src, o, &t, &err) == CODA_OK, "%s", err.msg);
        ck_assert(n == 1 || t->nrow < (size_t)ndoc);
        count_docs(t, seen);
        coda_table_free(t);
    }
    for (int d = 0; d < ndoc; d++)
        ck_assert_int_eq(seen[d], 1);
}

static coda_status read_dir(const void *dir, const coda_corpus_opts *o,
                            coda_table **out, coda_error *err)
{
    return coda_corpus_read(dir, o, out, err);
}

static const char *ids[] = { "d0", "d1", "d2", "d3", "d4", "d5" };
static const char *texts[] = { "a", "b", "c", "d", "e", "f" };
static const size_t lens[] = { 1, 1, 1, 1, 1, 1 };

/* src: the ids to split (ids, or ids with one given twice) */
static coda_status read_memory(const void *src, const coda_corpus_opts *o,
                               coda_table **out, coda_error *err)
{
    return coda_corpus_split(src, texts, lens, 6, "docs", o, out, err);
}

START_TEST(test_folder_shards)
{
    char dir[64], p[256], name[32];
    tmp_make(dir);
    for (int d = 0; d < NDOC; d++) {
        snprintf(name, sizeof name, "d%d.txt", d);
        tmp_write(tmp_path(p, dir, name), "R1: one unit");
    }
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    check_cover(read_dir, dir, &o, 3, NDOC);
    check_cover(read_dir, dir, &o, 1, NDOC);
    /* d1 (FNV-1a 0x08917f07b53bf526, 0 mod 3) is not UTF-8: shard 0 fails
     * on it, shards 1 and 2 never open it */
    tmp_write(tmp_path(p, dir, "d1.txt"), "R1: \xff");
    coda_table *t;
    coda_error err;
    o.shard_n = 3;
    o.shard_k = 0;
    ck_assert_int_eq(coda_corpus_read(dir, &o, &t, &err), CODA_EUTF8);
    o.shard_k = 1;
    ck_assert_int_eq(coda_corpus_read(dir, &o, &t, &err), CODA_OK);
    coda_table_free(t);
    tmp_remove(dir);
}
END_TEST

START_TEST(test_memory_shards)
{
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = CODA_UNIT_DOCUMENT;
    check_cover(read_memory, ids, &o, 4, 6);
    check_cover(read_memory, ids, &o, 7, 6);
    /* an id given twice is refused in every shard, not only its own */
    const char *twice[] = { "d0", "d1", "d2", "d3", "d4", "d0" };
    coda_table *t;
    coda_error err;
    for (o.shard_k = 0; o.shard_k < o.shard_n; o.shard_k++)
        ck_assert_int_eq(read_memory(twice, &o, &t, &err), CODA_EARG);
}
END_TEST

Suite *corpus_shard_suite(void)
{
    Suite *s = suite_create("corpus_shard");
    TCase *tc = tcase_create("corpus_shard");
    tcase_add_test(tc, test_hash_vectors);
    tcase_add_loop_test(tc, test_parse, 0, NELEM(parses));
    tcase_add_test(tc, test_folder_shards);
    tcase_add_test(tc, test_memory_shards);
    suite_add_tcase(s, tc);
    return s;
}
