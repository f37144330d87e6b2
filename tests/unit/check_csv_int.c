/* check_csv_int.c - the CSV loader's parts tested one by one through
 * csv_int.h: the input, the header, the split at record boundaries, one
 * part's parse, and the field values. */
#include <check.h>

#include "suites.h"

#include "csv_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A load context over s in memory, read block bytes at a time. */
static load_ctx mem_ctx(const char *s, size_t block)
{
    load_ctx ctx = { 0 };
    ctx.name = "mem.csv";
    ctx.mem = s;
    ctx.fd = -1;
    ctx.size = strlen(s);
    ctx.block = block;
    ctx.delim = ',';
    return ctx;
}

/* --- input ---------------------------------------------------------------- */

START_TEST(test_count_lf)
{
    ck_assert_uint_eq(count_lf("", 0), 0);
    ck_assert_uint_eq(count_lf("abc", 3), 0);
    ck_assert_uint_eq(count_lf("a\nb\n\nc", 6), 3);
    ck_assert_uint_eq(count_lf("\r\n\r\n", 4), 2);
    ck_assert_uint_eq(count_lf("a\nb\n", 2), 1); /* only the first len */
}
END_TEST

START_TEST(test_load_read_file)
{
    char path[] = "/tmp/coda-csv-int.XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "id,name\n1,Asha\n", 15), 15);
    load_ctx ctx = { 0 };
    ctx.name = path;
    ctx.fd = fd;
    ctx.size = 15;
    char buf[16] = { 0 };
    const char *s = load_read(&ctx, 8, 6, buf);
    ck_assert_ptr_eq(s, buf);
    ck_assert_mem_eq(s, "1,Asha", 6);
    ck_assert_ptr_null(load_read(&ctx, 14, 4, buf)); /* past the end */
    close(fd);
    unlink(path);
}
END_TEST

START_TEST(test_load_read_memory)
{
    load_ctx ctx = mem_ctx("a,b\n1,2\n", 4);
    char buf[4];
    ck_assert_ptr_eq(load_read(&ctx, 4, 3, buf), ctx.mem + 4);
}
END_TEST

/* --- header --------------------------------------------------------------- */

START_TEST(test_header_read)
{
    load_ctx ctx = mem_ctx("\n\nid,\"na\nme\"\r\n1,x\n", 3);
    csv_header h;
    ck_assert_int_eq(csv_header_read(&ctx, 0, &h), CODA_OK);
    ck_assert_uint_eq(h.n, 2);
    ck_assert_str_eq(h.names[0], "id");
    ck_assert_str_eq(h.names[1], "na\nme");
    ck_assert_int_eq(h.first_line, 3);          /* after two blank lines */
    ck_assert_uint_eq(h.end, 14);               /* past the CR LF */
    ck_assert_int_eq(h.lines, 4);               /* 2 blank, 1 quoted, CRLF */
    ck_assert_int_eq(h.bare, 1);                /* id */
    ck_assert_int_eq(h.needless, 0);            /* "na\nme" needs quotes */
    csv_header_free(&h);
}
END_TEST

static const struct {
    const char *in, *what;
    coda_status code;
    long line;
} bad_headers[] = {
    { "", "empty file", CODA_EPARSE, 0 },
    { "a,b,a\n1,2,3\n", "duplicate column name \"a\" (columns 1 and 3)",
      CODA_EPARSE, 1 },
    { "a,,c\n", "column 2 has an empty name", CODA_EPARSE, 1 },
    { "\na,\"b\n", "unterminated quoted field in the header", CODA_EPARSE,
      2 },
    { "a,\xff\n", "column 2 has bytes that are not UTF-8", CODA_EUTF8, 1 },
};

START_TEST(test_header_bad)
{
    load_ctx ctx = mem_ctx(bad_headers[_i].in, 2);
    csv_header h;
    ck_assert_int_eq(csv_header_read(&ctx, 0, &h), bad_headers[_i].code);
    ck_assert_int_eq(h.err.code, bad_headers[_i].code);
    ck_assert_int_eq(h.err.line, bad_headers[_i].line);
    ck_assert_ptr_nonnull(strstr(h.err.msg, bad_headers[_i].what));
    csv_header_free(&h);
}
END_TEST

/* --- split ---------------------------------------------------------------- */

/* A header of 2 bytes, then records of 6 bytes each with a line end inside
 * quotes: a split is at a record boundary when its offset is 2 + 6k. */
START_TEST(test_split_at_records)
{
    enum { NREC = 40 };
    char data[2 + 6 * NREC + 1] = "h\n";
    for (size_t i = 0; i < NREC; i++)
        memcpy(data + 2 + 6 * i, "\"a\nb\"\n", 6);
    load_ctx ctx = mem_ctx(data, 5);
    part parts[4];
    memset(parts, 0, sizeof parts);
    size_t n = csv_split(&ctx, 2, 4, parts);
    ck_assert_uint_ge(n, 2);
    ck_assert_uint_eq(parts[0].start, 2);
    ck_assert_uint_eq(parts[n - 1].end, ctx.size);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_eq((parts[i].start - 2) % 6, 0);
        ck_assert_uint_gt(parts[i].end, parts[i].start);
        if (i + 1 < n)
            ck_assert_uint_eq(parts[i].end, parts[i + 1].start);
    }
}
END_TEST

/* The record boundaries of s found by brute force: bound[k] is 1 when
 * s[k - 1] is a line end outside quotes. */
static void boundaries(const char *s, size_t len, char *bound)
{
    int in = 0;
    bound[0] = 0;
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '"')
            in = !in;
        bound[k + 1] = s[k] == '\n' && !in;
    }
}

/* Random records (quoted fields with line ends, doubled quotes and commas
 * in them) split into 2 to 6 parts: each split is just past the first
 * line end outside quotes at or after its even share, as brute force finds
 * it, and a part with none before the next share is dropped. */
START_TEST(test_split_brute_force)
{
    static char data[8192];
    static char bound[sizeof data + 1];
    static const char *const field[] = { "1", "\"a\nb\"", "\"x,\"\"y\"\"\"",
                                         "\"\n\n\"", "zz", "\"\"" };
    uint64_t rng = 0x5eed5u + (uint64_t)_i;
    size_t len = 0;
    while (len + 16 < sizeof data) {
        rng = rng * 6364136223846793005u + 1442695040888963407u;
        const char *f = field[(rng >> 33) % NELEM(field)];
        memcpy(data + len, f, strlen(f));
        len += strlen(f);
        data[len++] = (rng >> 40) % 3 ? ',' : '\n';
    }
    data[len] = '\0';
    boundaries(data, len, bound);
    for (size_t nparts = 2; nparts <= 6; nparts++) {
        load_ctx ctx = mem_ctx(data, 1 + (size_t)_i * 37);
        part parts[6];
        memset(parts, 0, sizeof parts);
        size_t n = csv_split(&ctx, 0, nparts, parts), k = 1;
        ck_assert_uint_eq(parts[0].start, 0);
        for (size_t i = 1; i < nparts; i++) {
            size_t b = len / nparts * i + 1; /* a line end at or after */
            size_t limit = i + 1 < nparts ? len / nparts * (i + 1) : len;
            while (b < limit && !bound[b])
                b++;
            if (b >= limit)
                continue;
            ck_assert_uint_lt(k, n);
            ck_assert_uint_eq(parts[k].start, b);
            ck_assert_uint_eq(parts[k - 1].end, b);
            k++;
        }
        ck_assert_uint_eq(k, n);
        ck_assert_uint_eq(parts[n - 1].end, len);
    }
}
END_TEST

/* --- one part ------------------------------------------------------------- */

/* Two inferred columns over s, parsed as one part from offset 0. */
static coda_status parse_two(const char *s, col_spec spec[2], part *p)
{
    static load_ctx ctx;
    ctx = mem_ctx(s, 3);
    ctx.ncol = 2;
    ctx.spec = spec;
    memset(spec, 0, 2 * sizeof *spec);
    spec[0].name = "n";
    spec[1].name = "s";
    memset(p, 0, sizeof *p);
    p->ctx = &ctx;
    p->end = ctx.size;
    return part_parse(p);
}

START_TEST(test_part_parse)
{
    col_spec spec[2];
    part p;
    ck_assert_int_eq(parse_two("1,x\n-20,\"y,z\"\n\n3,\n", spec, &p),
                     CODA_OK);
    ck_assert_int_eq(p.restart, 0);
    ck_assert_uint_eq(p.nrow, 3);
    ck_assert_int_eq(p.lines, 4);               /* the blank line counts */
    ck_assert_int_eq(p.cols[0].type, CODA_INTEGER);
    ck_assert_int_eq(p.cols[0].v.i[0], 1);
    ck_assert_int_eq(p.cols[0].v.i[1], -20);
    ck_assert_int_eq(p.cols[0].v.i[2], 3);
    ck_assert_int_eq(p.cols[1].type, CODA_STRING);
    ck_assert_mem_eq(p.cols[1].v.s.p[0], "x", 1);
    ck_assert_mem_eq(p.cols[1].v.s.p[1], "y,z", 3);
    ck_assert_uint_eq(p.cols[1].v.s.len[1], 3);
    ck_assert_int_eq(p.cols[1].missing[2], 1);  /* empty, unquoted */
    part_free(&p);
}
END_TEST

START_TEST(test_part_restart_on_text)
{
    col_spec spec[2];
    part p;
    ck_assert_int_eq(parse_two("1,a\nx,b\n", spec, &p), CODA_OK);
    ck_assert_int_eq(p.restart, 1);     /* "x" after an integer */
    ck_assert_int_eq(atomic_load(&spec[0].must_string), 1);
    part_free(&p);
}
END_TEST

START_TEST(test_part_field_count)
{
    col_spec spec[2];
    part p;
    ck_assert_int_eq(parse_two("1,a\n2\n", spec, &p), CODA_EPARSE);
    ck_assert_int_eq(p.err.line, 1);    /* local, from 0: the second line */
    ck_assert_ptr_nonnull(strstr(p.err.msg, "expected 2 fields (as in the "
                                            "header), found 1"));
    part_free(&p);
}
END_TEST

/* --- values --------------------------------------------------------------- */

START_TEST(test_parse_int)
{
    int64_t v = 0;
    ck_assert(csv_parse_int("-9223372036854775808", 20, &v));
    ck_assert(v == INT64_MIN);
    ck_assert(!csv_parse_int("9223372036854775808", 19, &v));
    ck_assert(csv_parse_int("+007", 4, &v) && v == 7);
    ck_assert(!csv_parse_int("1.0", 3, &v));
    ck_assert(!csv_parse_int("-", 1, &v));
    ck_assert(!csv_parse_int("", 0, &v));
}
END_TEST

/* The one-pass reader gives what csv_parse_int and csv_parse_number give,
 * or leaves the text to them: every string of up to 4 characters over
 * digits, signs, '.', 'e' and 'x', and long digit strings around the
 * 15- and 18-digit limits. */
static void quick_agrees(const char *s, size_t len)
{
    int64_t i = 7, j = 7;
    double d = 7, e = 7;
    int q = csv_quick_value(s, len, &i, &d);
    if (q == CODA_INTEGER) {
        ck_assert(csv_parse_int(s, len, &j));
        ck_assert(i == j);
    } else if (q == CODA_NUMBER) {
        ck_assert(!csv_parse_int(s, len, &j));
        ck_assert(csv_parse_number(s, len, &e));
        ck_assert(memcmp(&d, &e, sizeof d) == 0);
    } else {
        ck_assert_int_eq(q, TYPE_UNKNOWN);
    }
}

START_TEST(test_quick_value)
{
    static const char alpha[] = "09-+.ex5";
    char s[32];
    for (size_t len = 1; len <= 4; len++) {
        size_t n = 1;
        for (size_t k = 0; k < len; k++)
            n *= sizeof alpha - 1;
        for (size_t code = 0; code < n; code++) {
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= sizeof alpha - 1)
                s[k] = alpha[c % (sizeof alpha - 1)];
            quick_agrees(s, len);
        }
    }
    for (size_t len = 14; len <= 21; len++) {
        memset(s, '9', len);
        quick_agrees(s, len);
        s[0] = '-';
        quick_agrees(s, len);
        s[len / 2] = '.';
        quick_agrees(s, len);
    }
    /* random strings of digits and the bytes around them ('/' and ':'
     * beside the digits, a byte with the high bit set) */
    static const char mix[] = "0123456789012345678901234567-+.e/:\xff\x80";
    uint64_t rng = 0x5eed7u;
    for (int k = 0; k < 200000; k++) {
        rng = rng * 6364136223846793005u + 1442695040888963407u;
        size_t len = 1 + (rng >> 33) % 21;
        for (size_t c = 0; c < len; c++) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            s[c] = mix[(rng >> 33) % (sizeof mix - 1)];
        }
        quick_agrees(s, len);
    }
    int64_t i;
    double d;
    ck_assert_int_eq(csv_quick_value("-12", 3, &i, &d), CODA_INTEGER);
    ck_assert(i == -12);
    ck_assert_int_eq(csv_quick_value("2.9578", 6, &i, &d), CODA_NUMBER);
    ck_assert(d == 2.9578);
    ck_assert_int_eq(csv_quick_value("1e3", 3, &i, &d), TYPE_UNKNOWN);
    ck_assert_int_eq(csv_quick_value("123456789", 9, &i, &d), CODA_INTEGER);
    ck_assert(i == 123456789);
    ck_assert_int_eq(csv_quick_value("-90817.2635", 11, &i, &d), CODA_NUMBER);
    ck_assert(d == -90817.2635);
    ck_assert_int_eq(csv_quick_value("12:4", 4, &i, &d), TYPE_UNKNOWN);
    ck_assert_int_eq(csv_quick_value("1234/", 5, &i, &d), TYPE_UNKNOWN);
}
END_TEST

/* Every upper/lower-case spelling of true and false: a boolean exactly
 * when all lower, all upper or capitalised; shorter and longer never. */
START_TEST(test_parse_bool)
{
    static const char *const word[] = { "true", "false" };
    for (int w = 0; w < 2; w++) {
        size_t len = strlen(word[w]);
        for (unsigned mask = 0; mask < (1u << len); mask++) {
            char s[8];
            for (size_t k = 0; k < len; k++)
                s[k] = (char)(mask & (1u << k) ? word[w][k] - 32 : word[w][k]);
            int want = mask == 0 || mask == 1 || mask == (1u << len) - 1;
            int b = -1;
            ck_assert_int_eq(csv_parse_bool(s, len, &b), want);
            if (want)
                ck_assert_int_eq(b, w == 0);
            ck_assert_int_eq(csv_parse_bool(s, len - 1, &b), 0);
            s[len] = 'e';
            ck_assert_int_eq(csv_parse_bool(s, len + 1, &b), 0);
        }
    }
}
END_TEST

Suite *csv_int_suite(void)
{
    Suite *s = suite_create("csv_int");
    TCase *tc = tcase_create("parts");
    tcase_add_test(tc, test_count_lf);
    tcase_add_test(tc, test_load_read_file);
    tcase_add_test(tc, test_load_read_memory);
    tcase_add_test(tc, test_header_read);
    tcase_add_loop_test(tc, test_header_bad, 0, NELEM(bad_headers));
    tcase_add_test(tc, test_split_at_records);
    tcase_add_loop_test(tc, test_split_brute_force, 0, 6);
    tcase_add_test(tc, test_part_parse);
    tcase_add_test(tc, test_part_restart_on_text);
    tcase_add_test(tc, test_quick_value);
    tcase_add_test(tc, test_part_field_count);
    tcase_add_test(tc, test_parse_int);
    tcase_add_test(tc, test_parse_bool);
    suite_add_tcase(s, tc);
    return s;
}
