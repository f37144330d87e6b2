/* check_corpus_stream.c - a corpus read in batches (corpus_stream.c): the
 * batches together are the corpus read whole (units and warnings, for
 * every unit kind and batch size), whole documents each, one empty batch
 * for no documents, the errors of the open and of a batch, and
 * out-of-memory loops. */
#include "harness/oom.h"
#include "suites.h"

#include "corpus.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const paths[] = { "../fixtures/coding/fgd",
                                     "../fixtures/transcripts" };

static void teardown(void)
{
    oom_remove();
}

/* Cell r, c of t as text ("-" when missing). */
static const char *cell(const coda_table *t, size_t c, size_t r)
{
    if (coda_is_missing(&t->cols[c], r))
        return "-";
    return t->cols[c].v.s.p[r];
}

/* Row r of a and row s of b have the same doc, unit, speaker and text. */
static void same_row(const coda_table *a, size_t r, const coda_table *b,
                     size_t s)
{
    ck_assert_str_eq(cell(a, 0, r), cell(b, 0, s));
    ck_assert_int_eq(a->cols[1].v.i[r], b->cols[1].v.i[s]);
    ck_assert_str_eq(cell(a, 2, r), cell(b, 2, s));
    ck_assert_str_eq(cell(a, 3, r), cell(b, 3, s));
}

/* Read paths whole and in batches of bytes; compare; the batches. */
static size_t compare(coda_unit_kind unit, size_t bytes)
{
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = unit;
    coda_warnings w1 = { 0 }, w2 = { 0 };
    coda_table *whole, *b;
    coda_corpus_stream *s;
    coda_error err;
    o.warnings = &w1;
    ck_assert_int_eq(coda_corpus_read_paths(paths, 2, &o, &whole, &err),
                     CODA_OK);
    ck_assert_int_eq(coda_corpus_stream_paths(paths, 2, &o, bytes, &s, &err),
                     CODA_OK);
    size_t r = 0, batches = 0;
    const char *last = NULL;
    while (coda_corpus_stream_next(s, &w2, NULL, &b, &err) == CODA_OK && b) {
        if (b->nrow && last)        /* no document in two batches */
            ck_assert_str_ne(last, cell(b, 0, 0));
        for (size_t i = 0; i < b->nrow; i++)
            same_row(whole, r++, b, i);
        static char keep[256];
        if (b->nrow)
            last = strncpy(keep, cell(b, 0, b->nrow - 1), sizeof keep - 1);
        coda_table_free(b);
        batches++;
    }
    ck_assert_ptr_null(b);
    ck_assert_uint_eq(r, whole->nrow);
    ck_assert_uint_eq(w1.n, w2.n);
    for (size_t i = 0; i < w1.n; i++)
        ck_assert_str_eq(w1.msg[i], w2.msg[i]);
    coda_corpus_stream_free(s);
    coda_table_free(whole);
    coda_warnings_free(&w1);
    coda_warnings_free(&w2);
    return batches;
}

START_TEST(test_batches_are_the_whole)
{
    for (int u = CODA_UNIT_DOCUMENT; u <= CODA_UNIT_SENTENCE; u++) {
        size_t one = compare((coda_unit_kind)u, 1);
        ck_assert_uint_gt(one, 10);             /* a document a batch */
        size_t some = compare((coda_unit_kind)u, 2048);
        ck_assert_uint_gt(some, 1);
        ck_assert_uint_lt(some, one);
        ck_assert_uint_eq(compare((coda_unit_kind)u, (size_t)1 << 30), 1);
    }
}
END_TEST

START_TEST(test_memory_documents)
{
    const char *ids[] = { "a", "b", "a" }, *texts[] = { "R1: x", "", "y" };
    const size_t lens[] = { 5, 0, 1 };
    coda_corpus_stream *s;
    coda_table *b;
    coda_error err;
    ck_assert_int_eq(coda_corpus_stream_mem(ids, texts, lens, 3, "in", NULL,
                                            1, &s, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "given twice (documents 1 and 3)"));
    ck_assert_int_eq(coda_corpus_stream_mem(ids, texts, lens, 2, "in", NULL,
                                            1, &s, &err), CODA_OK);
    coda_warnings w = { 0 };
    ck_assert_int_eq(coda_corpus_stream_next(s, &w, NULL, &b, &err), CODA_OK);
    ck_assert_uint_eq(b->nrow, 1);
    ck_assert_str_eq(cell(b, 2, 0), "R1");
    coda_table_free(b);
    ck_assert_int_eq(coda_corpus_stream_next(s, &w, NULL, &b, &err), CODA_OK);
    ck_assert_uint_eq(b->nrow, 0);              /* b: empty, warned */
    ck_assert_uint_eq(w.n, 1);
    coda_table_free(b);
    ck_assert_int_eq(coda_corpus_stream_next(s, &w, NULL, &b, &err), CODA_OK);
    ck_assert_ptr_null(b);
    coda_corpus_stream_free(s);
    ck_assert_int_eq(coda_corpus_stream_mem(ids, texts, lens, 0, "in", NULL,
                                            1, &s, &err), CODA_OK);
    ck_assert_int_eq(coda_corpus_stream_next(s, NULL, NULL, &b, &err),
                     CODA_OK);
    ck_assert_ptr_nonnull(b);                   /* one batch, empty */
    ck_assert_uint_eq(b->nrow, 0);
    coda_table_free(b);
    ck_assert_int_eq(coda_corpus_stream_next(s, NULL, NULL, &b, &err),
                     CODA_OK);
    ck_assert_ptr_null(b);
    coda_corpus_stream_free(s);
    coda_warnings_free(&w);
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.encoding = "latin1";
    ck_assert_int_eq(coda_corpus_stream_mem(ids, texts, lens, 1, "in", &o, 1,
                                            &s, &err), CODA_EARG);
}
END_TEST

START_TEST(test_errors)
{
    const char *missing[] = { "../fixtures/coding/fgd",
                              "../fixtures/none.txt" };
    const char *twice[] = { "../fixtures/coding/fgd",
                            "../fixtures/coding/fgd/fgd01.txt" };
    const char *bad[] = { "../fixtures/coding/fgd/fgd01.txt",
                          "../fixtures/encodings/cp1252.txt" };
    coda_corpus_stream *s;
    coda_table *b;
    coda_error err;
    ck_assert_int_eq(coda_corpus_stream_paths(missing, 2, NULL, 1, &s, &err),
                     CODA_EIO);
    ck_assert_int_eq(coda_corpus_stream_paths(twice, 2, NULL, 1, &s, &err),
                     CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "is also the id of"));
    ck_assert_int_eq(coda_corpus_stream_paths(bad, 2, NULL, 1, &s, &err),
                     CODA_OK);
    ck_assert_int_eq(coda_corpus_stream_next(s, NULL, NULL, &b, &err),
                     CODA_OK);                  /* fgd01 is fine */
    coda_table_free(b);
    ck_assert_int_eq(coda_corpus_stream_next(s, NULL, NULL, &b, &err),
                     CODA_EUTF8);
    coda_corpus_stream_free(s);
}
END_TEST

/* Open, read every batch (with its documents), free. */
static coda_status oom_stream(void *ctx, coda_error *err)
{
    coda_corpus_stream *s = NULL;
    coda_status st = coda_corpus_stream_paths(paths, 2, NULL,
                                              *(size_t *)ctx, &s, err);
    coda_warnings w = { 0 };
    for (coda_table *b = NULL, *d = NULL; st == CODA_OK;) {
        st = coda_corpus_stream_next(s, &w, &d, &b, err);
        coda_table_free(d);
        d = NULL;
        if (st != CODA_OK || !b)
            break;
        coda_table_free(b);
    }
    coda_corpus_stream_free(s);
    coda_warnings_free(&w);
    return st;
}

START_TEST(test_out_of_memory)
{
    size_t bytes = 4096;
    oom_install();
    ck_assert_int_ge(oom_loop(oom_stream, &bytes, 0), 2);
}
END_TEST

/* Read every batch of text (as a stream) with one record at most max
 * bytes, copying what is read to copy; the status, *nrow the units. */
static coda_status read_text(const char *text, size_t len, size_t max,
                             FILE *copy, size_t *nrow, coda_error *err)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, len, "rb");
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.max_record = max;
    o.copy = copy;
    coda_corpus_stream *s = NULL;
    coda_table *b;
    *nrow = 0;
    coda_status st = coda_corpus_stream_file(fp, "<in>", &o, 1, &s, err);
    while (st == CODA_OK &&
           (st = coda_corpus_stream_next(s, NULL, NULL, &b, err)) == CODA_OK
           && b) {
        *nrow += b->nrow;
        coda_table_free(b);
    }
    if (s)
        ck_assert_int_eq(coda_corpus_stream_rereadable(s), 0);
    coda_corpus_stream_free(s);
    fclose(fp);
    return st;
}

/* A record longer than max_record is CODA_ELIMIT naming the line it
 * starts on, whether or not its end is read yet; a record of max_record
 * bytes is read (counted by hand: the JSON line of id 3 is 16 bytes
 * before "R1: ", 4 + 60 in the text, 2 after it and the line end: 83; the
 * CSV record b is 2 + 15 + 12 + 1 = 30). */
START_TEST(test_record_limit)
{
    char text[512];
    int n = snprintf(text, sizeof text, "{\"id\":1,\"text\":\"R1: a\"}\n"
                     "{\"id\":2,\"text\":\"R1: b\"}\n{\"id\":3,\"text\":"
                     "\"R1: %060d\"}\n{\"id\":4,\"text\":\"x\"}\n", 0);
    size_t nrow;
    coda_error err;
    ck_assert_int_eq(read_text(text, (size_t)n, 83, NULL, &nrow, &err),
                     CODA_OK);
    ck_assert_uint_eq(nrow, 4);
    ck_assert_int_eq(read_text(text, (size_t)n, 82, NULL, &nrow, &err),
                     CODA_ELIMIT);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.msg, "longer than 82 bytes"));
    /* no line end at all: a CSV header of NUL bytes */
    static char zeros[3000];
    ck_assert_int_eq(read_text(zeros, sizeof zeros, 1000, NULL, &nrow, &err),
                     CODA_ELIMIT);
    ck_assert_int_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.msg, "CSV record"));
    /* a CSV record of two lines, a quoted line end inside */
    const char *csv = "id,text\na,x\nb,\"R1: 0123456789\n0123456789\"\nc,y\n";
    ck_assert_int_eq(read_text(csv, strlen(csv), 29, NULL, &nrow, &err),
                     CODA_ELIMIT);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(read_text(csv, strlen(csv), 30, NULL, &nrow, &err),
                     CODA_OK);
    ck_assert_uint_eq(nrow, 3);
}
END_TEST

/* copy gets every byte of the input, which a second read reads alike. */
START_TEST(test_copy)
{
    const char *csv = "id,text\na,R1: x\nb,\"R2: y\nR1: z\"\n";
    FILE *copy = tmpfile();
    size_t nrow, again;
    coda_error err;
    ck_assert_int_eq(read_text(csv, strlen(csv), 0, copy, &nrow, &err),
                     CODA_OK);
    ck_assert_uint_eq(nrow, 3);
    char got[128];
    rewind(copy);
    size_t len = fread(got, 1, sizeof got, copy);
    ck_assert_uint_eq(len, strlen(csv));
    ck_assert_int_eq(memcmp(got, csv, len), 0);
    ck_assert_int_eq(read_text(got, len, 0, NULL, &again, &err), CODA_OK);
    ck_assert_uint_eq(again, nrow);
    fclose(copy);
}
END_TEST

Suite *corpus_stream_suite(void)
{
    Suite *s = suite_create("corpus_stream");
    TCase *tc = tcase_create("corpus_stream");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_batches_are_the_whole);
    tcase_add_test(tc, test_memory_documents);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_record_limit);
    tcase_add_test(tc, test_copy);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}
