/* check_segout.c - the segment writers (segout.h) and the documents
 * reader (docin.h), against outputs written out by hand: the kwic columns
 * and context counted in characters, the HTML marks of overlapping spans,
 * colours, pages and their links, the checks of a segment against its
 * corpus, and JSON lines documents with their errors. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"
#include "harness/tmpdir.h"

#include "base_alloc.h"
#include "docin.h"
#include "segout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void teardown(void)
{
    test_teardown();
}

/* The whole of path in a kept buffer. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = keep_libc(calloc(1, 1 << 16));
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* क्षमा करें, line\nbreak: the match करें is bytes 17..28. */
#define KSHAMA "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7\xE0\xA4\xAE\xE0\xA4\xBE"
#define KAREN "\xE0\xA4\x95\xE0\xA4\xB0\xE0\xA5\x87\xE0\xA4\x82"

static const xtab x_corpus = { 3, {
    { "doc", CODA_STRING, { "d1", "d1", "d2" } },
    { "unit", CODA_INTEGER, { "1", "2", "1" } },
    { "speaker", CODA_STRING, { "A", NULL, "Bob" } },
    { "text", CODA_STRING, { "one two three four", KSHAMA " " KAREN ", line\nbreak",
                             "a <b> & 'c'" } } } };

static const xtab x_seg = { 2, {
    { "doc", CODA_STRING, { "d1", "d1" } },
    { "unit", CODA_INTEGER, { "1", "2" } },
    { "speaker", CODA_STRING, { "A", NULL } },
    { "code", CODA_STRING, { "num", "sorry" } },
    { "start", CODA_INTEGER, { "5", "17" } },
    { "stop", CODA_INTEGER, { "7", "28" } } } };

static const char *kwic(const xtab *seg, size_t context, coda_status want,
                        coda_error *err)
{
    char dir[64], path[256];
    tmp_make(dir);
    coda_segout_kwic_opts o;
    coda_segout_kwic_opts_init(&o);
    o.context = context;
    coda_table *s = keep_table(xtab_build(seg));
    coda_table *c = keep_table(xtab_build(&x_corpus));
    ck_assert_int_eq(coda_segout_kwic(s, c, &o, tmp_path(path, dir, "k.txt"), err),
                     want);
    const char *got = want == CODA_OK ? slurp(path) : "";
    ck_assert_int_eq(tmp_count(dir, "k"), want == CODA_OK);
    tmp_remove(dir);
    return got;
}

/* The context is counted in characters: क्ष is one, so 3 characters
 * before करें are all of "क्षमा " (4 columns wide: no padding); a line
 * break shows as a space; a unit without speaker shows "-". */
START_TEST(test_kwic_context_in_characters)
{
    coda_error err;
    ck_assert_str_eq(kwic(&x_seg, 3, CODA_OK, &err),
                     "d1:1  A  num    ne [two] th\n"
                     "d1:2  -  sorry  " KSHAMA " [" KAREN "], l\n");
    ck_assert_str_eq(kwic(&x_seg, 8, CODA_OK, &err),
                     "d1:1  A  num        one [two] three f\n"
                     "d1:2  -  sorry      " KSHAMA " [" KAREN "], line b\n");
    ck_assert_str_eq(kwic(&x_seg, 0, CODA_OK, &err),
                     "d1:1  A  num    [two]\n"
                     "d1:2  -  sorry  [" KAREN "]\n");
}
END_TEST

/* A segment that does not fit the corpus is refused, naming its row. */
START_TEST(test_kwic_checks_segments)
{
    static const struct {
        const char *doc, *unit, *start, *stop, *msg;
    } bad[] = {
        { "d9", "1", "1", "1", "segment 1 (d9, unit 1): no such unit in the corpus" },
        { "d1", "7", "1", "1", "segment 1 (d1, unit 7): no such unit" },
        { "d1", "1", "0", "3", "not a span of the unit's text" },
        { "d1", "1", "5", "19", "not a span of the unit's text" },
        { "d1", "2", "2", "3", "start or stop falls inside a character" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        xtab x = { 1, { { "doc", CODA_STRING, { bad[i].doc } },
                        { "unit", CODA_INTEGER, { bad[i].unit } },
                        { "code", CODA_STRING, { "c" } },
                        { "start", CODA_INTEGER, { bad[i].start } },
                        { "stop", CODA_INTEGER, { bad[i].stop } } } };
        coda_error err;
        kwic(&x, 3, CODA_EARG, &err);
        ck_assert_msg(strstr(err.msg, bad[i].msg), "%zu: %s", i, err.msg);
    }
    xtab m = { 1, { { "doc", CODA_STRING, { "d1" } }, { "unit", CODA_INTEGER, { "1" } },
                    { "code", CODA_STRING, { "c" } }, { "start", CODA_INTEGER, { "1" } },
                    { "stop", CODA_INTEGER, { "3" } }, { "match", CODA_STRING, { "two" } } } };
    coda_error err;
    kwic(&m, 3, CODA_EARG, &err);
    ck_assert(strstr(err.msg, "the match is not the unit's text at start..stop"));
    xtab nocode = { 1, { { "doc", CODA_STRING, { "d1" } } } };
    kwic(&nocode, 3, CODA_EARG, &err);
    ck_assert_str_eq(err.msg, "the segments need an integer column \"unit\"");
}
END_TEST

static coda_codebook *codebook(void)
{
    static const char csv[] = "code,pattern,color,description\n"
                              "a,x,#000080,first <code>\nb,y,,\n";
    coda_codebook *cb;
    coda_error err;
    ck_assert_int_eq(coda_codebook_read_mem(csv, sizeof csv - 1, "cb.csv", 0,
                                            &cb, &err), CODA_OK);
    return cb;
}

/* Overlapping spans: a piece of both codes has both classes; each code's
 * tag follows the end of its span; text and names escaped; the
 * codebook's colour (dark: white text) and a generated one. */
START_TEST(test_html_marks_overlaps)
{
    static const xtab x = { 2, {
        { "doc", CODA_STRING, { "d2", "d2" } },
        { "unit", CODA_INTEGER, { "1", "1" } },
        { "code", CODA_STRING, { "a", "b" } },
        { "start", CODA_INTEGER, { "1", "3" } },
        { "stop", CODA_INTEGER, { "5", "9" } } } };
    char dir[64], path[256];
    tmp_make(dir);
    coda_codebook *cb = codebook();
    coda_segout_html_opts o;
    coda_segout_html_opts_init(&o);
    size_t n;
    coda_error err;
    coda_status st = coda_segout_html(keep_table(xtab_build(&x)),
                                      keep_table(xtab_build(&x_corpus)), cb, &o,
                                      tmp_path(path, dir, "r.html"), &n, &err);
    coda_codebook_free(cb);
    ck_assert_int_eq(st, CODA_OK);
    ck_assert_uint_eq(n, 1);
    const char *html = slurp(path);
    ck_assert(strstr(html, "<p><span class=\"who\">Bob:</span>"
        "<mark class=\"c1\" title=\"a\">a </mark>"
        "<mark class=\"c1 c2\" title=\"a, b\">&lt;b&gt;</mark><sup class=\"tag c1\">a</sup>"
        "<mark class=\"c2\" title=\"b\"> &amp; &#39;</mark><sup class=\"tag c2\">b</sup>"
        "c&#39;</p>\n"));
    ck_assert(strstr(html, ".c1{background:#000080;color:#fff}\n"
                           ".c2{background:hsl(137,75%,82%)}\n"));
    ck_assert(strstr(html, "<li><mark class=\"c1\">a</mark> first &lt;code&gt;</li>"));
    ck_assert(strstr(html, "<p>2 segments in 3 units.</p>"));
    ck_assert(strstr(html, "<p><span class=\"who\">#2</span>" KSHAMA));
    ck_assert(strstr(html, "</section>\n<section><h2>d2</h2>"));
    ck_assert_ptr_null(strstr(html, "href"));
    tmp_remove(dir);
}
END_TEST

/* Pages of whole units: the first two units (18 and 40 bytes) each fill
 * an 18-byte page, the third is the last page; d1 continues on page 2; an
 * index with the pages and the codes' counts; a stream cannot take
 * several pages. */
START_TEST(test_html_pages)
{
    char dir[64], path[256], p1[256], p2[256];
    tmp_make(dir);
    coda_codebook *cb = codebook();
    static const xtab x = { 1, {
        { "doc", CODA_STRING, { "d1" } }, { "unit", CODA_INTEGER, { "1" } },
        { "code", CODA_STRING, { "b" } }, { "start", CODA_INTEGER, { "1" } },
        { "stop", CODA_INTEGER, { "3" } } } };
    coda_table *seg = keep_table(xtab_build(&x));
    coda_table *corpus = keep_table(xtab_build(&x_corpus));
    coda_segout_html_opts o;
    coda_segout_html_opts_init(&o);
    o.page_bytes = 18;
    o.title = "Study <1>";
    size_t n;
    coda_error err;
    coda_status st = coda_segout_html(seg, corpus, cb, &o,
                                      tmp_path(path, dir, "r.html"), &n, &err);
    ck_assert_int_eq(st, CODA_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(tmp_count(dir, "r"), 4);
    const char *index = slurp(path);
    ck_assert(strstr(index, "<h1>Study &lt;1&gt;</h1>"));
    ck_assert(strstr(index, "<p>1 segment in 3 units, on 3 pages.</p>"));
    ck_assert(strstr(index, "<tr><td><mark class=\"c2\">b</mark></td><td>1</td>"));
    ck_assert(strstr(index, "<tr><td><a href=\"r-1.html\">1</a></td><td>d1</td>"
                            "<td>1</td><td>1</td></tr>\n"
                            "<tr><td><a href=\"r-2.html\">2</a></td><td>d1</td>"
                            "<td>1</td><td>0</td></tr>\n"
                            "<tr><td><a href=\"r-3.html\">3</a></td><td>d2</td>"
                            "<td>1</td><td>0</td></tr>\n</table>"));
    const char *page2 = slurp(tmp_path(p2, dir, "r-2.html"));
    ck_assert(strstr(page2, "<title>coda: Study &lt;1&gt; (page 2 of 3)</title>"));
    ck_assert(strstr(page2, "<nav><a href=\"r.html\">index</a><a rel=\"prev\" "
                            "href=\"r-1.html\">previous</a>page 2 of 3 <a rel=\"next\" "
                            "href=\"r-3.html\">next</a></nav>"));
    ck_assert(strstr(page2, "<section><h2>d1 (continued)</h2>"));
    const char *page1 = slurp(tmp_path(p1, dir, "r-1.html"));
    ck_assert(strstr(page1, "<mark class=\"c2\" title=\"b\">one</mark>"));
    ck_assert(strstr(page1, "<a rel=\"next\" href=\"r-2.html\">next</a>"));
    st = coda_segout_html(seg, corpus, cb, &o, "/dev/null", &n, &err);
    ck_assert_int_eq(st, CODA_EARG);
    ck_assert(strstr(err.msg, "takes 3 pages, which cannot go to a stream"));
    coda_codebook_free(cb);
    tmp_remove(dir);
}
END_TEST

START_TEST(test_html_unknown_code)
{
    static const xtab x = { 1, {
        { "doc", CODA_STRING, { "d1" } }, { "unit", CODA_INTEGER, { "1" } },
        { "code", CODA_STRING, { "zz" } }, { "start", CODA_INTEGER, { "1" } },
        { "stop", CODA_INTEGER, { "3" } } } };
    coda_codebook *cb = codebook();
    coda_segout_html_opts o;
    coda_segout_html_opts_init(&o);
    coda_error err;
    coda_status st = coda_segout_html(keep_table(xtab_build(&x)),
                                      keep_table(xtab_build(&x_corpus)), cb, &o,
                                      "/dev/null", NULL, &err);
    coda_codebook_free(cb);
    ck_assert_int_eq(st, CODA_EARG);
    ck_assert_str_eq(err.msg, "segment 1: code \"zz\" is not in the codebook");
}
END_TEST

START_TEST(test_page_names)
{
    char buf[64];
    ck_assert_uint_eq(coda_segout_page_name("x/review.html", 3, 12, buf, sizeof buf), 16);
    ck_assert_str_eq(buf, "x/review-03.html");
    coda_segout_page_name("out", 1, 9, buf, sizeof buf);
    ck_assert_str_eq(buf, "out-1.html");
    coda_segout_page_name("a.htm", 100, 100, buf, sizeof buf);
    ck_assert_str_eq(buf, "a-100.html");
    ck_assert_uint_eq(coda_segout_page_name("a.html", 1, 1, buf, 3), 8);
    ck_assert_str_eq(buf, "a-");
}
END_TEST

/* --- out of memory ------------------------------------------------------ */

typedef struct oom_ctx {
    const coda_table *seg, *corpus;
    coda_codebook *cb;
    char path[256];
} oom_ctx;

static coda_status oom_kwic(void *ud, coda_error *err)
{
    oom_ctx *c = ud;
    coda_segout_kwic_opts o;
    coda_segout_kwic_opts_init(&o);
    return coda_segout_kwic(c->seg, c->corpus, &o, c->path, err);
}

static coda_status oom_html(void *ud, coda_error *err)
{
    oom_ctx *c = ud;
    coda_segout_html_opts o;
    coda_segout_html_opts_init(&o);
    o.page_bytes = 18;          /* three pages and an index */
    return coda_segout_html(c->seg, c->corpus, c->cb, &o, c->path, NULL, err);
}

static coda_status oom_docs(void *ud, coda_error *err)
{
    static const char in[] = "{\"id\": 1, \"text\": \"a\"}\n{\"id\": \"b\", \"text\": \"c\"}\n";
    coda_table *t = NULL;
    coda_status st = coda_docin_read(in, sizeof in - 1, "<stdin>", &t, err);
    coda_table_free(t);
    return st;
}

/* Every allocation failing in turn: CODA_ENOMEM or success, nothing
 * leaked, no temporary file left. */
START_TEST(test_out_of_memory)
{
    static const xtab x = { 2, {
        { "doc", CODA_STRING, { "d1", "d2" } }, { "unit", CODA_INTEGER, { "1", "1" } },
        { "code", CODA_STRING, { "b", "a" } }, { "start", CODA_INTEGER, { "1", "3" } },
        { "stop", CODA_INTEGER, { "3", "9" } } } };
    char dir[64];
    tmp_make(dir);
    oom_ctx c = { keep_table(xtab_build(&x)), keep_table(xtab_build(&x_corpus)),
                  codebook(), "" };
    tmp_path(c.path, dir, "k.txt");
    oom_loop(oom_kwic, &c, 0);
    oom_loop(oom_kwic, &c, 1);
    tmp_path(c.path, dir, "r.html");
    oom_loop(oom_html, &c, 0);
    oom_loop(oom_html, &c, 1);
    oom_loop(oom_docs, NULL, 0);
    oom_loop(oom_docs, NULL, 1);
    coda_codebook_free(c.cb);
    ck_assert_int_eq(tmp_count(dir, ""), 7);   /* ., .., k.txt, r.html, r-1..3 */
    tmp_remove(dir);
}
END_TEST

/* --- documents -------------------------------------------------------- */

START_TEST(test_docin_jsonl)
{
    static const char in[] =
        "{\"id\": \"j1\", \"text\": \"R1: \\u0936\\u093e\\u0926\\u0940\", \"x\": [1]}\n"
        "\n   \r\n"
        "{\"id\": 2, \"text\": \"\"}\r\n"
        "{\"text\": \"b\", \"id\": 2.5}";
    static const xtab want = { 3, {
        { "id", CODA_STRING, { "j1", "2", "2.5" } },
        { "text", CODA_STRING, { "R1: \xE0\xA4\xB6\xE0\xA4\xBE\xE0\xA4\xA6\xE0\xA5\x80",
                                 "", "b" } } } };
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_docin_read(in, sizeof in - 1, "<stdin>", &t, &err), CODA_OK);
    keep_table(t);
    ck_assert_tables_eq(t, keep_table(xtab_build(&want)));
}
END_TEST

START_TEST(test_docin_jsonl_errors)
{
    static const struct {
        const char *in;
        long line;
        const char *msg;
    } bad[] = {
        { "{\"id\": \"a\", \"text\": }", 1, "bad JSON at column 21: unexpected token near '}'" },
        { "\n\n[1, 2]", 3, "expected an object with id and text" },
        { "{\"id\": 1}", 1, "expected an object with id and text" },
        { "{\"id\": 1, \"text\": null}", 1, "text is null; every document needs an id and a text" },
        { "{\"id\": null, \"text\": \"x\"}", 1, "id is null" },
        { "{\"id\": [1], \"text\": \"x\"}", 1, "id must be a string or a number, not an array or object" },
        { "{\"id\": true, \"text\": \"x\"}", 1, "id must be a string or a number, not a boolean" },
        { "{\"id\": 1, \"text\": 5}", 1, "text must be a string, not a number" },
        { "{\"id\": 1, \"id\": 2, \"text\": \"x\"}", 1, "bad JSON at column" },
        { "{\"id\": 1, \"text\": \"a\\u0000b\"}", 1, "bad JSON" },
        { "{\"id\": 1, \"text\": \"\xFF\"}", 1, "bad JSON" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        coda_table *t = NULL;
        coda_error err;
        ck_assert_int_eq(coda_docin_jsonl(bad[i].in, strlen(bad[i].in), "<stdin>",
                                          &t, &err), CODA_EPARSE);
        ck_assert_ptr_null(t);
        ck_assert_str_eq(err.file, "<stdin>");
        ck_assert_int_eq(err.line, bad[i].line);
        ck_assert_msg(strstr(err.msg, bad[i].msg), "%zu: %s", i, err.msg);
    }
}
END_TEST

START_TEST(test_docin_csv)
{
    static const char in[] = "  id,text\nx,\"R1: a\nR2: b\"\n";
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_docin_read(in, sizeof in - 1, "<stdin>", &t, &err), CODA_OK);
    keep_table(t);
    ck_assert_uint_eq(t->nrow, 1);
    ck_assert_str_eq(t->cols[1].v.s.p[0], "R1: a\nR2: b");
    static const char ragged[] = "id,text\n1,a,b\n";
    ck_assert_int_eq(coda_docin_read(ragged, sizeof ragged - 1, "<stdin>", &t, &err),
                     CODA_EPARSE);
    ck_assert_str_eq(err.file, "<stdin>");
    ck_assert_int_eq(err.line, 2);
}
END_TEST

Suite *segout_suite(void)
{
    Suite *s = suite_create("segout");
    TCase *tc = tcase_create("segout");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_kwic_context_in_characters);
    tcase_add_test(tc, test_kwic_checks_segments);
    tcase_add_test(tc, test_html_marks_overlaps);
    tcase_add_test(tc, test_html_pages);
    tcase_add_test(tc, test_html_unknown_code);
    tcase_add_test(tc, test_page_names);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_docin_jsonl);
    tcase_add_test(tc, test_docin_jsonl_errors);
    tcase_add_test(tc, test_docin_csv);
    suite_add_tcase(s, tc);
    return s;
}
