/* check_csv_scan.c - the loader's own scanner (csv_scan.c) against libcsv:
 * hand-written inputs whose tables are known, and generated inputs (quotes,
 * doubled quotes, line ends of every kind inside and outside quotes, stray
 * quotes, short records, text met late in a typed column, missing values,
 * decimal and thousands marks) loaded both ways, in memory and from a
 * file, in one part and in several, with blocks that cut records, and
 * compared value by value, error by error. */
#include <check.h>

#include "suites.h"

#include "csv_int.h"
#include "table_labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Load s in memory (file: from a file) with o, by the scanner or libcsv. */
static coda_status load(const char *s, size_t len, const coda_csv_opts *o,
                        int file, int libcsv, coda_table **t, coda_error *err)
{
    csv_libcsv_only = libcsv;
    coda_status st;
    memset(err, 0, sizeof *err);
    *t = NULL;
    if (!file) {
        st = coda_csv_load_mem(s, len, "g.csv", o, t, err);
    } else {
        char path[] = "/tmp/coda-csv-scan.XXXXXX";
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, s, len), (ssize_t)len);
        close(fd);
        st = coda_csv_load(path, o, t, err);
        unlink(path);
        /* the file's name is in the error: make it the same */
        snprintf(err->file, sizeof err->file, "g.csv");
    }
    csv_libcsv_only = 0;
    return st;
}

/* The same table, value by value. */
static void same_table(const coda_table *a, const coda_table *b)
{
    ck_assert_uint_eq(a->nrow, b->nrow);
    ck_assert_uint_eq(a->ncol, b->ncol);
    for (size_t c = 0; c < a->ncol; c++) {
        const coda_column *x = &a->cols[c], *y = &b->cols[c];
        ck_assert_str_eq(x->name, y->name);
        ck_assert_int_eq(x->type, y->type);
        ck_assert_int_eq(!x->missing, !y->missing);
        for (size_t r = 0; r < a->nrow; r++) {
            if (x->missing)
                ck_assert_int_eq(x->missing[r], y->missing[r]);
            switch (x->type) {
            case CODA_INTEGER:
                ck_assert(x->v.i[r] == y->v.i[r]);
                break;
            case CODA_NUMBER:
                ck_assert(memcmp(&x->v.d[r], &y->v.d[r], 8) == 0);
                break;
            case CODA_BOOLEAN:
                ck_assert_int_eq(x->v.b[r], y->v.b[r]);
                break;
            case CODA_STRING:
                ck_assert_uint_eq(x->v.s.len[r], y->v.s.len[r]);
                ck_assert_mem_eq(x->v.s.p[r], y->v.s.p[r], x->v.s.len[r]);
                ck_assert_int_eq(x->v.s.p[r][x->v.s.len[r]], 0);
                break;
            case CODA_MULTI: {
                uint64_t i = x->v.m.off[r], j = y->v.m.off[r];
                ck_assert_uint_eq(x->v.m.off[r + 1] - i,
                                  y->v.m.off[r + 1] - j);
                for (; i < x->v.m.off[r + 1]; i++, j++)
                    ck_assert_str_eq(x->v.m.labels->s[x->v.m.ids[i]],
                                     y->v.m.labels->s[y->v.m.ids[j]]);
                break;
            }
            }
        }
    }
}

/* s loaded by the scanner and by libcsv gives the same table or the same
 * error; returns the status. */
static coda_status both_ways(const char *s, size_t len,
                             const coda_csv_opts *o, int file)
{
    coda_table *a, *b;
    coda_error ea, eb;
    coda_status sa = load(s, len, o, file, 0, &a, &ea);
    coda_status sb = load(s, len, o, file, 1, &b, &eb);
    if (sa != sb || strcmp(ea.msg, eb.msg) != 0 || ea.line != eb.line)
        fprintf(stderr, "scanner %d \"%s\" line %ld, libcsv %d \"%s\" "
                "line %ld on:\n%.*s\n", sa, ea.msg, ea.line, sb, eb.msg,
                eb.line, (int)len, s);
    ck_assert_int_eq(sa, sb);
    ck_assert_str_eq(ea.msg, eb.msg);
    ck_assert_int_eq(ea.line, eb.line);
    ck_assert_int_eq(ea.column, eb.column);
    if (sa == CODA_OK)
        same_table(a, b);
    coda_table_free(a);
    coda_table_free(b);
    return sa;
}

/* --- known answers ------------------------------------------------------- */

static uint64_t rng;

static unsigned pick(unsigned n)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)(rng >> 33) % n;
}


static coda_table *load_ok(const char *s, const coda_csv_opts *o)
{
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(load(s, strlen(s), o, 0, 0, &t, &err), CODA_OK);
    both_ways(s, strlen(s), o, 0);
    return t;
}

/* Default options with the column *col a multi-select split on ";". */
static coda_csv_opts multi_opts(const char *const *col)
{
    static const char *const semi[] = { ";" };
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.multi_cols = col;
    o.multi_seps = semi;
    o.nmulti = 1;
    return o;
}

START_TEST(test_scan_quotes_and_line_ends)
{
    /* CR LF ends, a quoted field holding a CR LF, a doubled quote, an
     * empty quoted field (text) and an empty bare one (missing) */
    const char *s = "id,t\r\n1,\"a\r\nb\"\r\n2,\"say \"\"hi\"\"\"\r\n"
                    "3,\"\"\r\n4,\r\n";
    coda_table *t = load_ok(s, NULL);
    ck_assert_uint_eq(t->nrow, 4);
    ck_assert_int_eq(t->cols[1].type, CODA_STRING);
    ck_assert_str_eq(t->cols[1].v.s.p[0], "a\r\nb");
    ck_assert_str_eq(t->cols[1].v.s.p[1], "say \"hi\"");
    ck_assert_str_eq(t->cols[1].v.s.p[2], "");
    ck_assert_int_eq(t->cols[1].missing[2], 0);
    ck_assert_int_eq(t->cols[1].missing[3], 1);
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_no_final_line_end)
{
    coda_table *t = load_ok("a,b\n1,x\n2,", NULL);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_int_eq(t->cols[1].missing[1], 1);
    coda_table_free(t);
    t = load_ok("a,b\n1,x\n2,\"y\"", NULL);
    ck_assert_str_eq(t->cols[1].v.s.p[1], "y");
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_text_late)
{
    /* the column reads as integers until its last row */
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.threads = 2;
    o.min_chunk = 1;
    o.block = 5;
    const char *s = "n,m\n1,2\n3,4\n5,6\n7,8\n9,10\nx,12\n";
    coda_table *t = load_ok(s, &o);
    ck_assert_int_eq(t->cols[0].type, CODA_STRING);
    ck_assert_str_eq(t->cols[0].v.s.p[5], "x");
    ck_assert_int_eq(t->cols[1].type, CODA_INTEGER);
    ck_assert_int_eq(t->cols[1].v.i[5], 12);
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_newline_across_parts)
{
    /* a quoted field with line ends where an even split would cut it */
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.threads = 3;
    o.min_chunk = 1;
    o.block = 4;
    o.line_col = "line";
    const char *s = "id,note\n1,\"one\ntwo\nthree\nfour\nfive\"\n2,z\n";
    coda_table *t = load_ok(s, &o);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(t->cols[1].v.s.p[0], "one\ntwo\nthree\nfour\nfive");
    ck_assert_int_eq(t->cols[2].v.i[0], 2);
    ck_assert_int_eq(t->cols[2].v.i[1], 7);
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_leaves_lenient_input)
{
    /* text after a closing quote: read as libcsv reads it */
    coda_table *t = load_ok("a,b\n\"x\"y\",1\n", NULL);
    ck_assert_str_eq(t->cols[0].v.s.p[0], "x\"y");
    ck_assert_int_eq(t->cols[1].v.i[0], 1);
    coda_table_free(t);
    /* a quote in a bare field is a character of it */
    t = load_ok("a,b\nx\"y,1\n", NULL);
    ck_assert_str_eq(t->cols[0].v.s.p[0], "x\"y");
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_marks)
{
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.delim = ';';
    o.decimal = ',';
    o.thousands = '.';
    coda_table *t = load_ok("v;w\n1.234,5;2\n7;-3,25\n", &o);
    ck_assert_int_eq(t->cols[0].type, CODA_NUMBER);
    ck_assert(t->cols[0].v.d[0] == 1234.5);
    ck_assert(t->cols[1].v.d[1] == -3.25);
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_multi_repeats)
{
    /* repeated multi-select fields past the 16th row (read from the
     * column's cache of recent fields): the labels of each row as split
     * by hand */
    static const char *const field[] = { "a;b", "\"b; a\"", "a;a;c", "\"\"",
                                         "c", "b;;d" };
    static const char *const want[] = { "a,b", "b,a", "a,c", "", "c", "b,d" };
    char csv[2048] = "m,n\n";
    for (int r = 0; r < 60; r++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%s,%d\n",
                 field[(r * 7) % 6], r);
    static const char *const mcol[] = { "m" };
    coda_csv_opts o = multi_opts(mcol);
    coda_table *t = load_ok(csv, &o);
    const coda_column *m = &t->cols[0];
    ck_assert_int_eq(m->type, CODA_MULTI);
    for (size_t r = 0; r < 60; r++) {
        char got[32] = "";
        for (uint64_t k = m->v.m.off[r]; k < m->v.m.off[r + 1]; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s",
                     k > m->v.m.off[r] ? "," : "",
                     m->v.m.labels->s[m->v.m.ids[k]]);
        ck_assert_str_eq(got, want[(r * 7) % 6]);
    }
    coda_table_free(t);
}
END_TEST

START_TEST(test_scan_rows_change_length)
{
    /* the arrays are sized from the first rows' length: short rows then
     * long ones (the guess too small), long then short (too large) */
    static char csv[400000];
    for (int order = 0; order < 2; order++) {
        size_t n = (size_t)snprintf(csv, sizeof csv, "i,s\n");
        for (int r = 0; r < 3000; r++) {
            int longrow = (r < 1500) == order;
            n += (size_t)snprintf(csv + n, sizeof csv - n, "%d,%s%d\n", r,
                                  longrow ? "a long row's text padded out "
                                            "well past the short ones: "
                                          : "", r % 7);
        }
        coda_table *t = load_ok(csv, NULL);
        ck_assert_uint_eq(t->nrow, 3000);
        for (size_t r = 0; r < 3000; r += 499) {
            ck_assert_int_eq(t->cols[0].v.i[r], (int64_t)r);
            const char *v = t->cols[1].v.s.p[r];
            ck_assert_int_eq(v[strlen(v) - 1], '0' + (int)(r % 7));
        }
        coda_table_free(t);
    }
}
END_TEST

/* A survey-like file of n rows: an id, an integer column with missing
 * values, a number column whose first rows are whole, a boolean, a short
 * text of few values, a multi-select and a quoted comment (commas, doubled
 * quotes, a line end now and then). */
static size_t survey(char *buf, size_t cap, size_t n)
{
    static const char *const town[] = { "Pune", "Agra", "Kota", "Ooty",
                                        "\"Gaya\"", "Puri" };
    static const char *const lab[] = { "rescue", "care", "law", "aid" };
    size_t k = (size_t)snprintf(buf, cap, "id,age,income,ok,town,areas,"
                                "note\n");
    for (size_t r = 0; r < n && k < cap; r++) {
        char age[16] = "", inc[32], areas[64] = "", note[96] = "";
        if (pick(10))
            snprintf(age, sizeof age, "%u", 18 + pick(60));
        if (r < 300)
            snprintf(inc, sizeof inc, "%s%u", pick(9) ? "" : "-", pick(9999));
        else
            snprintf(inc, sizeof inc, "%u.%02u", pick(99999), pick(100));
        for (unsigned l = 0, m = pick(16); l < 4; l++)
            if (m & (1u << l))
                snprintf(areas + strlen(areas), sizeof areas - strlen(areas),
                         "%s%s", areas[0] ? ";" : "", lab[l]);
        if (pick(3))
            snprintf(note, sizeof note, "\"row %zu, said \"\"%s\"\"%s\"",
                     r, lab[pick(4)], pick(20) ? "" : "\nmore");
        k += (size_t)snprintf(buf + k, cap - k, "%zu,%s,%s,%s,%s,%s,%s\n",
                              r + 1, age, inc, pick(2) ? "true" : "false",
                              town[pick(6)], areas, note);
    }
    ck_assert_uint_lt(k, cap);
    return k;
}

START_TEST(test_scan_threads_agree)
{
    /* the scanner on 1, 2 and 3 threads, in memory and from a file, blocks
     * that cut records or not, against libcsv on one thread: the same
     * table cell by cell; the ids as written */
    static char csv[1 << 20];
    static const char *const mcol[] = { "areas" };
    rng = 0x5eed1234u;
    size_t len = survey(csv, sizeof csv, 6000);
    coda_csv_opts o = multi_opts(mcol);
    o.threads = 1;
    coda_table *ref, *t;
    coda_error err;
    ck_assert_int_eq(load(csv, len, &o, 0, 1, &ref, &err), CODA_OK);
    ck_assert_uint_eq(ref->nrow, 6000);
    ck_assert_int_eq(ref->cols[2].type, CODA_NUMBER);
    for (size_t r = 0; r < ref->nrow; r++)
        ck_assert_int_eq(ref->cols[0].v.i[r], (int64_t)r + 1);
    o.min_chunk = 1;
    for (int threads = 1; threads <= 3; threads++)
        for (int file = 0; file < 2; file++) {
            o.threads = threads;
            o.block = file ? 4096 + 777 * (size_t)threads : 0;
            ck_assert_int_eq(load(csv, len, &o, file, 0, &t, &err), CODA_OK);
            same_table(ref, t);
            coda_table_free(t);
        }
    coda_table_free(ref);
}
END_TEST

START_TEST(test_scan_bad_byte_anywhere)
{
    /* a text field of 1 to 40 bytes with a byte that is not UTF-8 at each
     * place in it (the rest ASCII): an error naming its offset, read by
     * the scanner and by libcsv alike */
    for (size_t len = 1; len <= 40; len++)
        for (size_t at = 0; at < len; at++) {
            char csv[64] = "t\n";
            memset(csv + 2, 'a', len);
            csv[2 + at] = (char)0xFF;
            csv[2 + len] = '\n';
            coda_table *t;
            coda_error err;
            ck_assert_int_eq(load(csv, len + 3, NULL, 0, 0, &t, &err),
                             CODA_EUTF8);
            char want[32];
            snprintf(want, sizeof want, "at offset %zu of", at);
            ck_assert_ptr_nonnull(strstr(err.msg, want));
            ck_assert_int_eq(both_ways(csv, len + 3, NULL, 0), CODA_EUTF8);
        }
}
END_TEST

START_TEST(test_scan_near_repeats)
{
    /* short texts that differ from each other in a byte or two (so many
     * share a slot of the tables of recent values): every text of 1 to 3
     * letters of eight, twice, then texts of up to 40 bytes with one byte
     * changed, three times; every row reads back as written, in a text
     * and a multi-select column */
    enum { MAXLEN = 40, NROW = 2 * (8 + 64 + 512) + 3 * MAXLEN * MAXLEN };
    static char csv[1 << 20];
    static char want[NROW][MAXLEN + 1];
    size_t rows = 0;
    for (size_t len = 1; len <= 3; len++)
        for (size_t code = 0; code < (1u << (3 * len)); code++)
            for (int rep = 0; rep < 2; rep++) {
                for (size_t k = 0; k < len; k++)
                    want[rows][k] = (char)('a' + (code >> (3 * k) & 7));
                want[rows++][len] = '\0';
            }
    for (size_t len = 1; len <= MAXLEN; len++)
        for (size_t at = 0; at < len; at++)
            for (int rep = 0; rep < 3; rep++) {
                char *w = want[rows++];
                memset(w, 'a', len);
                w[len] = '\0';
                w[at] = (char)('b' + rep % 2);
            }
    size_t n = (size_t)snprintf(csv, sizeof csv, "s,m\n");
    for (size_t r = 0; r < rows; r++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%s,%s\n", want[r],
                              want[r]);
    static const char *const mcol[] = { "m" };
    coda_csv_opts o = multi_opts(mcol);
    coda_table *t = load_ok(csv, &o);
    ck_assert_uint_eq(t->nrow, rows);
    const coda_column *m = &t->cols[1];
    for (size_t r = 0; r < rows; r++) {
        ck_assert_str_eq(t->cols[0].v.s.p[r], want[r]);
        ck_assert_uint_eq(m->v.m.off[r + 1] - m->v.m.off[r], 1);
        ck_assert_str_eq(m->v.m.labels->s[m->v.m.ids[m->v.m.off[r]]],
                         want[r]);
    }
    coda_table_free(t);
}
END_TEST

/* --- generated inputs ----------------------------------------------------- */

static const char *const pieces[] = {
    "1", "-20", "3.5", "1e3", "true", "False", "x", "hello world", "NA",
    "1.234", "1,5", "007", "", "\"\"", "\"q\"", "\"a,b\"", "\"l1\nl2\"",
    "\"c\r\nd\"", "\"say \"\"hi\"\"\"", "\"12\"", "\"true\"", "a;b; c",
    "\xc3\xa9t\xc3\xa9", "\"\"\"\"", " 1", "9223372036854775808",
    "+7", "-0", "5.", "-.5", "123456789012345678", "1234567890123456789",
    "0.1234567890123456", "TRUE", "tRue", "\"-3\"", "1.5e-3",
};

#define NPIECES (sizeof pieces / sizeof *pieces)

/* A CSV of ncol columns: mostly well formed, sometimes not. */
static size_t gen(char *buf, size_t cap, size_t ncol, int odd)
{
    static const char *const ends[] = { "\n", "\r\n", "\r" };
    size_t n = 0;
    const char *end = ends[pick(4) == 0 ? 1 + pick(2) : 0];
#define PUT(str) do { const char *s_ = (str); size_t l_ = strlen(s_); \
        if (n + l_ < cap) { memcpy(buf + n, s_, l_); n += l_; } } while (0)
    for (size_t c = 0; c < ncol; c++) {
        char h[32];
        snprintf(h, sizeof h, "%sc%zu", c ? "," : "", c);
        PUT(h);
    }
    PUT(end);
    size_t rows = 1 + pick(pick(4) ? 12 : 60);
    unsigned favour = pick(NPIECES);
    for (size_t r = 0; r < rows; r++) {
        size_t nf = odd && pick(20) == 0 ? ncol + pick(3) - 1 : ncol;
        for (size_t c = 0; c < nf; c++) {
            if (c)
                PUT(",");
            PUT(pieces[pick(3) ? (favour + c) % NPIECES : pick(NPIECES)]);
            if (odd && pick(25) == 0)
                PUT(pick(2) ? "\"" : "x\"y");
        }
        if (r + 1 < rows || pick(2))
            PUT(pick(10) == 0 ? ends[pick(3)] : end);
        if (pick(15) == 0)
            PUT(end);           /* a blank line */
    }
#undef PUT
    return n;
}

START_TEST(test_scan_same_as_libcsv)
{
    static char buf[16384];
    rng = 0x5eed0000u + (uint64_t)_i;
    int errors = 0;
    for (int k = 0; k < 400; k++) {
        size_t ncol = 1 + pick(4);
        size_t len = gen(buf, sizeof buf, ncol, k % 3 == 0);
        coda_csv_opts o;
        coda_csv_opts_init(&o);
        o.threads = 1 + (int)pick(3);
        o.min_chunk = 1 + pick(40);
        o.block = 1 + pick(64);
        if (pick(4) == 0)
            o.line_col = "line";
        if (pick(5) == 0) {
            o.decimal = ',';
            o.thousands = pick(2) ? '.' : 0;
            o.delim = ';';
            for (size_t i = 0; i < len; i++)
                if (buf[i] == ',' && pick(2))
                    buf[i] = ';';
        }
        static const char *const na[] = { "NA" };
        if (pick(3) == 0) {
            o.na = na;
            o.nna = 1;
        }
        static const char *const mcol[] = { "c0" };
        static const char *const msep[] = { ";" };
        if (pick(6) == 0) {
            o.multi_cols = mcol;
            o.multi_seps = msep;
            o.nmulti = 1;
        }
        if (pick(8) == 0)
            o.infer = 0;
        errors += both_ways(buf, len, &o, (int)pick(2)) != CODA_OK;
    }
    ck_assert_int_lt(errors, 400); /* most inputs load */
}
END_TEST

Suite *csv_scan_suite(void)
{
    Suite *s = suite_create("csv_scan");
    TCase *tc = tcase_create("scan");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_scan_quotes_and_line_ends);
    tcase_add_test(tc, test_scan_no_final_line_end);
    tcase_add_test(tc, test_scan_text_late);
    tcase_add_test(tc, test_scan_newline_across_parts);
    tcase_add_test(tc, test_scan_leaves_lenient_input);
    tcase_add_test(tc, test_scan_marks);
    tcase_add_test(tc, test_scan_multi_repeats);
    tcase_add_test(tc, test_scan_rows_change_length);
    tcase_add_test(tc, test_scan_threads_agree);
    tcase_add_test(tc, test_scan_bad_byte_anywhere);
    tcase_add_test(tc, test_scan_near_repeats);
    tcase_add_loop_test(tc, test_scan_same_as_libcsv, 0, 8);
    suite_add_tcase(s, tc);
    return s;
}
